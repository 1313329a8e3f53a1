// What stage B asks of a unit, answered for every ASCII byte by one table
// lookup: the ASCII fast path (ascii_view.h) works on bytes, not units.
// Derived from kAsciiClasses and the predicates of token_pass.cpp, which
// the fast path has to agree with exactly.
#pragma once

#include <array>
#include <cstdint>

#include "engine/normalize/unit.h"

namespace modfilter {

enum AsciiTrait : std::uint16_t {
  kTraitWord = 1 << 0,         // is_word_unit: letter, digit, $ @ ! |
  kTraitLetter = 1 << 1,       // ASCII letter
  kTraitSpace = 1 << 2,        // whitespace
  kTraitMask = 1 << 3,         // * # %
  kTraitCanBeSpaced = 1 << 4,  // can stand alone as a spaced letter
  kTraitBinds = 1 << 5,        // holds its neighbour in a word
  kTraitSeparates = 1 << 6,    // may sit between spaced letters
  // A byte that changes a word with a letter beyond its case: a digit
  // leetspeak reads, a leet symbol, a mask.
  kTraitChanges = 1 << 7,
  // Anchors leetspeak: ! @ | before it read as letters (read_leet).
  kTraitAnchor = 1 << 8,
  // A word unit that binds no neighbour ('|'): spaced letters can sit
  // inside a word beside it.
  kTraitLoose = 1 << 9,
};

inline constexpr std::array<std::uint16_t, 128> kAsciiTraits = [] {
  std::array<std::uint16_t, 128> traits{};
  for (unsigned c = 0; c < 128; ++c) {
    const UnitClass cls = kAsciiClasses[c];
    std::uint16_t t = 0;
    const bool alnum =
        cls == UnitClass::kLatinLetter || cls == UnitClass::kDigit;
    const bool can_be_spaced = alnum || c == '$' || c == '@' || c == '!';
    if (alnum || cls == UnitClass::kLeet) t |= kTraitWord;
    if (cls == UnitClass::kLatinLetter) t |= kTraitLetter;
    if (cls == UnitClass::kSpace) t |= kTraitSpace;
    if (cls == UnitClass::kMask) t |= kTraitMask;
    if (can_be_spaced) t |= kTraitCanBeSpaced;
    if (can_be_spaced || cls == UnitClass::kApostrophe) t |= kTraitBinds;
    if (cls == UnitClass::kSpace || cls == UnitClass::kSeparator || c == '.' ||
        c == '*' || c == '|') {
      t |= kTraitSeparates;
    }
    const bool leet_digit =
        cls == UnitClass::kDigit && leet_letter_of_digit(c) != 0;
    if (leet_digit || cls == UnitClass::kLeet || cls == UnitClass::kMask) {
      t |= kTraitChanges;
    }
    if (alnum || c == '$') t |= kTraitAnchor;
    if ((t & kTraitWord) != 0 && (t & kTraitBinds) == 0) t |= kTraitLoose;
    traits[c] = t;
  }
  return traits;
}();

inline std::uint16_t ascii_traits(unsigned char c) noexcept {
  return kAsciiTraits[c];
}

}  // namespace modfilter
