#include "engine/lint/evasion.h"

#include <algorithm>

namespace modfilter {
namespace {

constexpr int kStretch = 5;                // copies of a stretched letter
constexpr std::string_view kZeroWidth = "\xE2\x80\x8B";  // U+200B

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
bool is_vowel(char c) {
  return std::string_view("aeiou").find(lower(c)) != std::string_view::npos;
}

std::vector<std::size_t> letter_positions(std::string_view word) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (is_letter(word[i])) out.push_back(i);
  }
  return out;
}

// Leetspeak: each mapped letter replaced, unless nothing but digits and
// symbols would be left ("ass" -> "455" reads as a number, not a word):
// then only the first mapped letter.
std::string leet(std::string_view word, std::string_view (*map)(char)) {
  std::string all(word);
  std::string first_only(word);
  bool any = false;
  bool letter_left = false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const std::string_view to = is_letter(word[i]) ? map(lower(word[i]))
                                                   : std::string_view();
    if (to.empty()) {
      letter_left = letter_left || is_letter(word[i]);
      continue;
    }
    if (!any) first_only.replace(i, 1, to);
    any = true;
    all[i] = to.front();  // the maps below are one byte to one byte
  }
  if (!any) return {};
  if (letter_left) return all;
  // An entry already in leetspeak ("a55") may leave no letter at all.
  return std::ranges::any_of(first_only, is_letter) ? first_only : std::string();
}

std::string_view leet_digit(char c) {
  switch (c) {
    case 'a': return "4";
    case 'e': return "3";
    case 'i': return "1";
    case 'o': return "0";
    case 's': return "5";
    case 't': return "7";
    default: return {};
  }
}

std::string_view leet_symbol(char c) {
  switch (c) {
    case 'a': return "@";
    case 'i': return "!";
    case 's': return "$";
    default: return {};
  }
}

std::string_view cyrillic(char c) {
  switch (c) {
    case 'a': return "\xD0\xB0";  // U+0430
    case 'e': return "\xD0\xB5";  // U+0435
    case 'o': return "\xD0\xBE";  // U+043E
    case 'c': return "\xD1\x81";  // U+0441
    case 'p': return "\xD1\x80";  // U+0440
    case 'x': return "\xD1\x85";  // U+0445
    default: return {};
  }
}

// The letter to mask: inside the first word of 3+ letters (masking the
// last letter of "go" is punctuation, not a disguise), its first inner
// vowel (f*ck), else its middle letter; npos when no word is long enough.
std::size_t inner_letter(std::string_view word) {
  std::size_t begin = 0;
  while (begin < word.size()) {
    while (begin < word.size() && !is_letter(word[begin])) ++begin;
    std::size_t end = begin;
    while (end < word.size() && is_letter(word[end])) ++end;
    if (end - begin >= 3) {
      for (std::size_t i = begin + 1; i + 1 < end; ++i) {
        if (is_vowel(word[i])) return i;
      }
      return begin + (end - begin) / 2;
    }
    begin = end;
  }
  return std::string_view::npos;
}

std::string stretch(std::string_view word, std::size_t pos) {
  std::string out(word);
  out.insert(pos, kStretch - 1, word[pos]);
  return out;
}

std::size_t stretch_position(std::string_view word) {
  const auto letters = letter_positions(word);
  for (std::size_t p : letters) {
    if (is_vowel(word[p])) return p;
  }
  return letters.back();
}

std::string fullwidth(std::string_view word) {
  std::string out;
  for (char c : word) {
    if (!is_letter(c)) {
      out += c;
      continue;
    }
    // U+FF21 (A) .. U+FF3A, U+FF41 (a) .. U+FF5A, in three UTF-8 bytes.
    const unsigned code = (c >= 'a' ? 0xFF41u + static_cast<unsigned>(c - 'a')
                                    : 0xFF21u + static_cast<unsigned>(c - 'A'));
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
  return out;
}

bool is_ascii(std::string_view word) {
  return std::ranges::all_of(
      word, [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::vector<Disguise> disguise(std::string_view word) {
  std::vector<Disguise> out;
  const auto add = [&](std::string trick, std::string text) {
    if (text.empty() || text == word) return;
    if (std::ranges::any_of(out, [&](const Disguise& d) { return d.text == text; })) {
      return;
    }
    out.push_back(Disguise{std::move(trick), std::move(text)});
  };
  const auto letters = letter_positions(word);
  if (letters.empty()) return out;

  std::string cased(word);
  for (std::size_t k = 0; k < letters.size(); ++k) {
    char& c = cased[letters[k]];
    c = k % 2 == 0 ? upper(c) : lower(c);
  }
  add("case", cased);
  add("leet", leet(word, leet_digit));
  add("leet-symbol", leet(word, leet_symbol));

  const std::size_t inner = inner_letter(word);
  if (inner != std::string_view::npos) {
    std::string masked(word);
    masked[inner] = '*';
    add("mask", masked);
    masked[inner] = '#';
    add("mask-hash", masked);
  }
  const bool one_word = word.find(' ') == std::string_view::npos;
  if (one_word && is_ascii(word) && word.size() >= 3) {
    std::string spaced, dotted;
    for (char c : word) {
      if (!spaced.empty()) {
        spaced += ' ';
        dotted += '.';
      }
      spaced += c;
      dotted += c;
    }
    add("spaced", spaced);
    add("dotted", dotted);
  }
  add("stretch", stretch(word, stretch_position(word)));
  for (std::size_t p : letters) {
    if (const std::string_view glyph = cyrillic(lower(word[p])); !glyph.empty()) {
      std::string text(word);
      text.replace(p, 1, glyph);
      add("homoglyph", text);
      break;
    }
  }
  if (word.size() >= 2) {
    std::string text(word);
    text.insert(letters.front() + 1, kZeroWidth);
    add("zerowidth", text);
  }
  add("fullwidth", fullwidth(word));
  if (inner != std::string_view::npos) {
    // Masked, its last letter stretched, upper case: "F*CKKKKK".
    std::string text(word);
    text[inner] = '*';
    text = stretch(text, letters.back());
    for (char& c : text) c = upper(c);
    add("combo", text);
  }
  return out;
}

std::string evasion_sentence(std::string_view word) {
  return "we read " + std::string(word) + " in the paper";
}

std::vector<RuleEvasion> check_evasion(const Engine& engine) {
  std::vector<RuleEvasion> out;
  Verdict verdict;
  const auto fires = [&](const Rule& rule, std::string_view word) {
    engine.screen(evasion_sentence(word), verdict);
    return std::ranges::any_of(verdict.reasons, [&](const Reason& r) {
      return r.rule == rule.id;
    });
  };
  for (const Rule& rule : engine.rule_set().rules) {
    if (rule.groups.size() != 1 || rule.min_count > 1) continue;
    RuleEvasion result;
    result.rule = rule.id;
    bool has_words = false;
    for (const Matcher& matcher : rule.groups.front()) {
      if (matcher.kind != MatcherKind::kWords) continue;
      has_words = true;
      for (const Entry& entry : matcher.entries) {
        if (!fires(rule, entry.text)) {
          result.silent.push_back(entry.text);
          continue;
        }
        for (const Disguise& d : disguise(entry.text)) {
          ++result.tried;
          if (!fires(rule, d.text)) {
            result.missed.push_back(EvasionMiss{entry.text, d.trick, d.text});
          }
        }
      }
    }
    if (has_words) out.push_back(std::move(result));
  }
  return out;
}

}  // namespace modfilter
