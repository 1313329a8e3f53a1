// The letters and digits of the Arabic script as the view writes them, so
// that a word matches however it was typed: Arabic and Persian keyboards
// give different code points for kaf and yeh, writers drop or add the hamza
// of alef, write teh marbuta as heh and alef maksura as yeh, and use
// Arabic-Indic or Persian digits. (Harakat and other marks go with every
// combining mark, tatweel and zero-width joiners with the invisible
// characters: fold_table.cpp.)
#pragma once

namespace modfilter {

// The letter `cp` is folded to in the view, or `cp` itself. Every result is
// its own folding.
char32_t fold_arabic_letter(char32_t cp) noexcept;

// The value 0-9 of an Arabic-Indic (U+0660..) or Persian (U+06F0..) digit,
// or -1.
int arabic_digit_value(char32_t cp) noexcept;

}  // namespace modfilter
