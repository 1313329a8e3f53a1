// normalize(): text -> NormalizedText, the canonical view vocabulary is
// matched against, with an offset map back to the original bytes.
//
// The view's alphabet:
//  - ASCII letters in lower case; letters of other scripts folded (NFKC,
//    case folding, combining marks removed) and kept as UTF-8;
//  - digits, except where leetspeak reads them as letters inside a word
//    (0->o 1->i 3->e 4->a 5->s 7->t 8->b 9->g, and $->s @->a !->i |->i);
//  - '*' for a masking run (* # % between letters of one word: f**k -> f*k,
//    or ending a word after 3 or more letters: asshol## -> asshol*; a word
//    that a mask opens, as in *emphasis*, keeps its closing one);
//  - ' ' for any run of whitespace (and other-script spaces);
//  - other ASCII punctuation as is; symbols and emoji become ' ', or vanish
//    when they sit between two letters of one word.
// Arabic script (arabic_script.h): harakat and other marks and tatweel
// vanish; alef variants fold to ا, teh marbuta to ه, alef maksura and Farsi
// yeh to ي, keheh to ك; Arabic-Indic and Persian digits become ASCII digits
// (never leetspeak). A zero-width non-joiner inside a Persian word joins its
// parts (می‌خواهم reads as میخواهم), as the writer meant one word.
// Turkish (turkish_casing.h): İ reads i; an ASCII I reads ı only inside a
// word with a letter only Turkish writes (ı İ ğ ş), so English keeps I = i.
// Turkish and Kurmanji letters with marks (ç ş ğ ö ü ê î û) read as their
// ASCII letters, like every accented letter.
// Invisible characters (zero-width, format, bidi controls, soft hyphen, BOM,
// variation selectors) and invalid UTF-8 bytes vanish. Runs of 3 or more equal letters
// collapse to one. Three or more single letters separated by spaces or
// punctuation (f u c k, p.u.s.s.y, s-h-i-t) join into one word. Letters of
// Cyrillic, Greek and other scripts that look like Latin letters are read as
// Latin inside words that mix scripts or consist only of such letters.
//
// Plain ASCII text that needs none of this is not copied (is_identity()); no
// ICU call is made for ASCII text.
//
// Thread safety: a Normalizer is immutable after construction and may be
// shared; each thread passes its own NormalizedText.
#pragma once

#include <string>
#include <string_view>

#include "engine/normalize/normalized_text.h"

namespace modfilter {

class Normalizer {
 public:
  Normalizer();

  // Fills `out` (reusing its buffers) with the view of `text`. Never fails:
  // invalid UTF-8 is dropped byte by byte. `text` must outlive `out` while
  // out.is_identity(), since the view then points into it.
  void normalize(std::string_view text, NormalizedText& out,
                 const NormalizeOptions& options = {}) const;

  // The view of a vocabulary entry, as the compiler turns a rule's word into
  // a literal: normalize(word).view() as a string.
  std::string normalize_word(std::string_view word) const;
};

// A process-wide Normalizer (construction builds lookup tables once).
const Normalizer& default_normalizer();

// The key a token is looked up under in the token index: runs of equal bytes
// collapsed to one, 'l' read as 'i', so that the forms leet, masking and
// stretching leave behind meet the vocabulary ("buiishit" and "bullshit" both
// give "buishit"; "as" and "ass" both give "as").
std::string token_key(std::string_view view_token);

// Whether a view byte belongs to a word: [a-z0-9], '*' between letters is
// handled by the caller, and every byte >= 0x80 (letters of other scripts;
// the view turns non-letter symbols into ' ').
inline bool is_word_byte(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c >= 0x80;
}

}  // namespace modfilter
