// Unit: one character on its way into the view, with the original bytes it
// stands for. Stage A (code_point_pass) turns text into units; stage B
// (token_pass) rewrites them word by word and writes the view. ASCII and
// non-ASCII text meet here, so stage B is one piece of code for both.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace modfilter {

enum class UnitClass : std::uint8_t {
  kLatinLetter,  // ASCII letter, or a Latin-script letter such as ł or ı
  kLetter,       // a letter of another script (or a spacing mark)
  kDigit,        // ASCII digit
  kNumber,       // digit or number of another script: part of a word
  kLeet,         // $ @ ! |
  kMask,         // * # %
  kSpace,        // whitespace
  kApostrophe,   // '
  kSeparator,    // - _ , / ~ + : ;  (may sit between spaced letters)
  kSymbol,       // emoji, symbol: dropped inside a word, else a space
  kOther,        // any other ASCII punctuation or control
  kDropped,      // removed by a pass, erased before the next one
};

struct Unit {
  std::uint32_t begin = 0;  // original bytes [begin, end)
  std::uint32_t end = 0;
  char32_t cp = 0;
  std::uint16_t transforms = 0;
  UnitClass cls = UnitClass::kOther;
  char homoglyph = 0;  // the ASCII letter a non-Latin letter looks like, or 0
  // Written as a letter only Turkish has (ı İ ğ Ğ ş Ş): its word is Turkish,
  // and an I in it is dotless (turkish_casing.h).
  bool turkish = false;
};

inline constexpr std::array<UnitClass, 128> kAsciiClasses = [] {
  std::array<UnitClass, 128> classes{};
  classes.fill(UnitClass::kOther);
  const auto set = [&](std::string_view chars, UnitClass cls) {
    for (char c : chars) classes[static_cast<unsigned char>(c)] = cls;
  };
  set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
      UnitClass::kLatinLetter);
  set("0123456789", UnitClass::kDigit);
  set("$@!|", UnitClass::kLeet);
  // '.' is no mask: "P.S", "i.e" and "She.s" would read as masked words
  // (measured: 7 of 15 false positives on news comments). It still joins
  // spaced letters (f.u.c.k).
  set("*#%", UnitClass::kMask);
  set(" \t\n\r\v\f", UnitClass::kSpace);
  set("'", UnitClass::kApostrophe);
  set("-_,/~+:;", UnitClass::kSeparator);
  return classes;
}();

inline UnitClass ascii_class(char32_t cp) noexcept { return kAsciiClasses[cp]; }

// The letter leetspeak reads an ASCII digit as, or 0 (2 and 6 stay digits).
constexpr char leet_letter_of_digit(char32_t digit) noexcept {
  constexpr char kLetters[] = "oi?eas?tbg";
  const char letter = kLetters[digit - '0'];
  return letter == '?' ? 0 : letter;
}

inline bool is_letter(UnitClass cls) noexcept {
  return cls == UnitClass::kLatinLetter || cls == UnitClass::kLetter;
}

inline bool is_alnum(UnitClass cls) noexcept {
  return is_letter(cls) || cls == UnitClass::kDigit ||
         cls == UnitClass::kNumber;
}

// Part of a word: letters, digits and the symbols leetspeak uses.
inline bool is_word_unit(UnitClass cls) noexcept {
  return is_alnum(cls) || cls == UnitClass::kLeet;
}

}  // namespace modfilter
