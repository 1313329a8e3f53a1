#include "engine/normalize/arabizi_view.h"

#include <vector>

#include "engine/normalize/token_rules.h"
#include "engine/normalize/view_writer.h"

namespace modfilter {
namespace {

bool is_prime(std::string_view rest) noexcept {
  return rest.starts_with('\'') || rest.starts_with("\u2019");
}

std::size_t prime_length(std::string_view rest) noexcept {
  return rest.starts_with('\'') ? 1 : 3;
}

// The letter pair a primed digit (or 5) stands for, or nullptr.
const char* pair_of(char digit, bool primed) noexcept {
  if (digit == '5' && !primed) return "kh";
  if (!primed) return nullptr;
  switch (digit) {
    case '7': return "kh";
    case '3': return "gh";
    case '6':
    case '9': return "dh";
    default: return nullptr;
  }
}

bool is_ascii_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

// Stage one: the view's characters, each with its original bytes.
void read_units(std::string_view text, std::vector<Unit>& units) {
  units.clear();
  for (std::size_t pos = 0; pos < text.size();) {
    const auto begin = static_cast<std::uint32_t>(pos);
    const char c = text[pos];
    if (!is_ascii_alnum(c)) {
      // Any run of other bytes (punctuation, other scripts) is one break.
      while (pos < text.size() && !is_ascii_alnum(text[pos])) ++pos;
      const bool changed = pos - begin > 1 || c != ' ';
      units.push_back({begin, static_cast<std::uint32_t>(pos), ' ',
                       static_cast<std::uint16_t>(changed ? kTransformSpace : 0),
                       UnitClass::kSpace, 0, false});
      continue;
    }
    ++pos;
    const bool primed = c >= '0' && c <= '9' && pos < text.size() &&
                        is_prime(text.substr(pos));
    if (const char* pair = pair_of(c, primed)) {
      if (primed) pos += prime_length(text.substr(pos));
      const auto end = static_cast<std::uint32_t>(pos);
      for (const char* p = pair; *p != 0; ++p) {
        units.push_back({begin, end, static_cast<char32_t>(*p),
                         kTransformScript, UnitClass::kLatinLetter, 0, false});
      }
      continue;
    }
    const bool upper = c >= 'A' && c <= 'Z';
    units.push_back({begin, static_cast<std::uint32_t>(pos),
                     static_cast<char32_t>(upper ? c - 'A' + 'a' : c),
                     static_cast<std::uint16_t>(upper ? kTransformCase : 0),
                     UnitClass::kLatinLetter, 0, false});
  }
}

}  // namespace

void normalize_arabizi(std::string_view text, NormalizedText& out) {
  thread_local std::vector<Unit> units;
  read_units(text, units);
  ViewWriter writer(out, text, false);
  for (std::size_t i = 0; i < units.size();) {
    Unit unit = units[i];
    std::size_t run = i + 1;
    while (run < units.size() && units[run].cp == unit.cp &&
           unit.cls == UnitClass::kLatinLetter) {
      ++run;
    }
    if (run - i >= kMinStretch) {
      unit.end = units[run - 1].end;
      unit.transforms |= kTransformStretch;
    } else {
      run = i + 1;
    }
    writer.append(unit);
    i = run;
  }
  bool ascii = true;
  for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  // Identity when nothing but case changed (Hyperscan matches caselessly).
  writer.finish(ascii);
}

std::string normalize_arabizi_word(std::string_view word) {
  NormalizedText text;
  normalize_arabizi(word, text);
  std::string view(text.view());
  for (char& c : view) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return view;
}

}  // namespace modfilter
