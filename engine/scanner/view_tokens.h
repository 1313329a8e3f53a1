// The tokens of the normalised view and the sentences they fall in: what
// token sequences run on (sequence_matcher.h) and what scope is built from
// (segments.h), so that both read one sentence the same way.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace modfilter {

// A maximal run of word bytes (normalize.h, is_word_byte), in bytes of the
// view, and the index of its sentence: a sentence ends at '.', '!', '?' or
// ';' between two tokens.
struct ViewToken {
  std::uint32_t begin = 0, end = 0;
  std::uint32_t sentence = 0;
};

// Replaces `tokens` with the tokens of `view`. Sentences are numbered by
// their first token's index, so that a token's sentence is a token index.
void split_view_tokens(std::string_view view, std::vector<ViewToken>& tokens);

}  // namespace modfilter
