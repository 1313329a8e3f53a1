// count_function_words(): how many of a comment's words are function words
// (pronouns, articles, auxiliaries, conjunctions) of English, of Turkish and
// of Kurmanji. Every sentence of a language is full of its function words,
// whatever its topic or slang, so a handful of them is cheap, strong
// evidence of the language, the way rspamd's language detector settles a
// text by its stop words before running its n-gram model.
//
// A word that is a function word of two of these languages ("o", "be",
// "her", "it", "am", "we", "me") counts for neither. Words are compared in
// lower case, ASCII and the Latin-1 letters of Turkish (ç ö ü); @mentions,
// #hashtags and links are skipped.
#pragma once

#include <cstddef>
#include <string_view>

namespace modfilter {

struct FunctionWordCounts {
  std::size_t english = 0;
  std::size_t turkish = 0;
  std::size_t kurmanji = 0;
};

FunctionWordCounts count_function_words(std::string_view text) noexcept;

}  // namespace modfilter
