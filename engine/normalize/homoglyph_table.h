// Letters of other scripts that look like a Latin letter (Cyrillic а, Greek
// ο, Cherokee Ꭰ...), read as that letter inside words that mix scripts.
#pragma once

namespace modfilter {

// The lower-case ASCII letter `cp` looks like, or 0. Covers both cases of a
// cased letter (Cyrillic к reads as k because К looks like K), so that a word
// maps the same way in either case. Built on first use; thread-safe.
char homoglyph_letter(char32_t cp);

}  // namespace modfilter
