// The Arabizi view: Arabic written in Latin letters and digits ("7mar",
// "5ara", "3'abi"), where a digit is a letter, not leetspeak: 3 is ع, not
// e. Built only when some rule asks for it (`view: arabizi`).
//
// The view's alphabet: ASCII letters in lower case; digits as they are,
// except the letters spelt two ways, which meet on one spelling: 5 and 7'
// -> "kh" (خ), 3' -> "gh" (غ), 6' and 9' -> "dh" (ظ ض), with ' or ’ as the
// prime; runs of 3 or more equal characters collapse to one (7maaar ->
// 7mar); anything else (punctuation, other scripts, symbols) is a word
// break, written as one ' ' per run. Spans map back to the original bytes
// as in every view (NormalizedText::to_original).
#pragma once

#include <string>
#include <string_view>

#include "engine/normalize/normalized_text.h"

namespace modfilter {

// Fills `out` with the Arabizi view of `text` (any bytes). `text` must
// outlive `out` while out.is_identity().
void normalize_arabizi(std::string_view text, NormalizedText& out);

// The Arabizi view of a vocabulary entry, as the compiler turns it into a
// literal.
std::string normalize_arabizi_word(std::string_view word);

}  // namespace modfilter
