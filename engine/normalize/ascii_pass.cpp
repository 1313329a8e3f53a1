#include "engine/normalize/ascii_pass.h"

#include <cstddef>

#include "engine/normalize/token_rules.h"
#include "engine/normalize/unit.h"

namespace modfilter {
namespace {

bool separates(unsigned char c) {
  const UnitClass cls = ascii_class(c);
  return cls == UnitClass::kSpace || cls == UnitClass::kSeparator || c == '.' ||
         c == '*' || c == '|';
}

bool is_word_class(UnitClass cls) {
  return cls == UnitClass::kLatinLetter || cls == UnitClass::kDigit ||
         cls == UnitClass::kLeet;
}

}  // namespace

bool ascii_view_is_identity(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t spaced = 0;  // single characters in a row, as in "f u c"
  std::size_t gap = 0;     // bytes since the last of them
  bool gap_separates = true;
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c >= 0x80) return false;
    const UnitClass cls = ascii_class(c);
    if (!is_word_class(cls)) {
      if (cls == UnitClass::kSpace &&
          (c != ' ' || (i + 1 < n && p[i + 1] == ' '))) {
        return false;
      }
      ++gap;
      gap_separates = gap_separates && separates(c);
      ++i;
      continue;
    }
    // A word: would leetspeak, masking or stretching change it?
    const std::size_t start = i;
    bool letter = false;
    bool leet = false;
    bool symbol_pending = false;  // ! or @ waiting for a letter or digit
    unsigned char last_letter = 0;
    std::size_t run = 0;
    std::size_t letters = 0;  // letters in a row, for a masked tail
    for (; i < n; ++i) {
      const unsigned char w = p[i];
      const UnitClass wc = w < 0x80 ? ascii_class(w) : UnitClass::kOther;
      if (wc == UnitClass::kLatinLetter) {
        letter = true;
        leet = leet || symbol_pending;
        symbol_pending = false;
        ++letters;
        const unsigned char lower = w | 0x20;
        run = lower == last_letter ? run + 1 : 1;
        last_letter = lower;
        if (run >= kMinStretch) return false;
      } else if (wc == UnitClass::kDigit) {
        leet = leet || symbol_pending || leet_letter_of_digit(w) != 0;
        symbol_pending = false;
        last_letter = 0;
        letters = 0;
      } else if (wc == UnitClass::kLeet) {
        // '|' also separates spaced letters: left to the full path.
        if (w == '|') return false;
        if (w == '$') leet = true;
        symbol_pending = w != '$';
        last_letter = 0;
        letters = 0;
      } else if (wc == UnitClass::kMask) {
        std::size_t after = i;
        while (after < n && p[after] < 0x80 &&
               ascii_class(p[after]) == UnitClass::kMask) {
          ++after;
        }
        if (after < n && p[after] < 0x80 &&
            is_word_class(ascii_class(p[after]))) {
          return false;  // a masking run inside a word
        }
        const bool opened = start > 0 && ascii_class(p[start - 1]) ==
                                             UnitClass::kMask;
        if (letters >= kMinMaskedHead && !opened) {
          return false;  // a masking run on the word's tail (fuc*)
        }
        break;
      } else {
        break;
      }
    }
    if (letter && leet) return false;
    const bool single = i - start == 1 &&
                        !(start > 0 && p[start - 1] == '\'') &&
                        !(i < n && p[i] == '\'');
    if (!single) {
      spaced = 0;
    } else {
      const bool continues =
          spaced > 0 && gap <= kMaxSpacingGap && gap_separates;
      spaced = continues ? spaced + 1 : 1;
      if (spaced >= kMinSpacedLetters) return false;
    }
    gap = 0;
    gap_separates = true;
  }
  return true;
}

}  // namespace modfilter
