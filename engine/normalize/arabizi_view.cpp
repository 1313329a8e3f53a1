#include "engine/normalize/arabizi_view.h"

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

// Writes units as they come, collapsing each run of kMinStretch or more
// equal letters into one: a run waits here until a different unit ends it,
// and nothing is stored per comment but the run's first two units.
class StretchWriter {
 public:
  explicit StretchWriter(ViewWriter& writer) : writer_(writer) {}

  void push(const Unit& unit) {
    if (count_ > 0 && unit.cp == first_.cp &&
        first_.cls == UnitClass::kLatinLetter) {
      if (count_ == 1) second_ = unit;
      last_end_ = unit.end;
      ++count_;
      return;
    }
    flush();
    first_ = unit;
    last_end_ = unit.end;
    count_ = 1;
  }

  void flush() {
    if (count_ >= kMinStretch) {
      Unit stretched = first_;
      stretched.end = last_end_;
      stretched.transforms |= kTransformStretch;
      writer_.append(stretched);
    } else if (count_ > 0) {
      writer_.append(first_);
      if (count_ == 2) writer_.append(second_);
    }
    count_ = 0;
  }

 private:
  ViewWriter& writer_;
  Unit first_;
  Unit second_;
  std::uint32_t last_end_ = 0;
  std::size_t count_ = 0;
};

}  // namespace

void normalize_arabizi(std::string_view text, NormalizedText& out) {
  ViewWriter writer(out, text, false);
  StretchWriter units(writer);
  bool ascii = true;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto begin = static_cast<std::uint32_t>(pos);
    const char c = text[pos];
    if (!is_ascii_alnum(c)) {
      // Any run of other bytes (punctuation, other scripts) is one break.
      while (pos < text.size() && !is_ascii_alnum(text[pos])) {
        ascii = ascii && static_cast<unsigned char>(text[pos]) < 0x80;
        ++pos;
      }
      const bool changed = pos - begin > 1 || c != ' ';
      units.push({begin, static_cast<std::uint32_t>(pos), ' ',
                  static_cast<std::uint16_t>(changed ? kTransformSpace : 0),
                  UnitClass::kSpace, 0, false});
      continue;
    }
    ++pos;
    const bool primed = c >= '0' && c <= '9' && pos < text.size() &&
                        is_prime(text.substr(pos));
    if (const char* pair = pair_of(c, primed)) {
      if (primed) {
        ascii = ascii && text[pos] == '\'';
        pos += prime_length(text.substr(pos));
      }
      const auto end = static_cast<std::uint32_t>(pos);
      for (const char* p = pair; *p != 0; ++p) {
        units.push({begin, end, static_cast<char32_t>(*p), kTransformScript,
                    UnitClass::kLatinLetter, 0, false});
      }
      continue;
    }
    const bool upper = c >= 'A' && c <= 'Z';
    units.push({begin, static_cast<std::uint32_t>(pos),
                static_cast<char32_t>(upper ? c - 'A' + 'a' : c),
                static_cast<std::uint16_t>(upper ? kTransformCase : 0),
                UnitClass::kLatinLetter, 0, false});
  }
  units.flush();
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
