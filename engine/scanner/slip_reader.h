// Finding the slips of a comment: the tokens of the canonical view that are
// no known word but one slip from a rule word, or two words run together
// (compiler/slip_index.h), as edits for normalize/token_edits.h.
//
// Only tokens the commenter typed as plain letters are read: leetspeak,
// masking, stretching and spacing have their own readings (the token index),
// and a token of a handle, a hashtag, a link or a file name ("@killerqueen",
// "#idiotsguide", "bitly.com/xyz"), or half of a contraction ("shouldn" of
// "shouldn't", which is one slip from "should"), is not a word someone
// mistyped. Nor is laughter ("hehe", "hahaha").
#pragma once

#include <string_view>
#include <vector>

#include "engine/compiler/slip_index.h"
#include "engine/normalize/normalized_text.h"
#include "engine/normalize/token_edits.h"

namespace modfilter {

// Replaces `edits` with the slips of `text` (its view `view`), in order.
void find_slips(const SlipIndex& index, std::string_view text,
                const NormalizedText& view, std::vector<TokenEdit>& edits);

}  // namespace modfilter
