// Rewriting a view token by token: the scanner reads misspelt rule words as
// meant (scanner/slip_reader.h) by writing a second view with those tokens
// replaced, every byte still mapped to the original text.
#pragma once

#include <span>
#include <string_view>

#include "engine/core/span.h"
#include "engine/normalize/normalized_text.h"

namespace modfilter {

struct TokenEdit {
  ByteSpan token;                // view bytes, in order, not overlapping
  std::string_view replacement;  // the word meant; empty for a split
  std::uint32_t split = 0;       // for a split: a space before token byte
};

// `in` with each edit made, into `out` (not `in`). A replaced token's bytes
// all map to the whole of its original bytes, so a hit on the word meant
// points at the misspelling; a split keeps each byte's own map, and its
// space maps to the first byte of the second half (no view byte maps to an
// empty range).
void apply_token_edits(std::string_view original, const NormalizedText& in,
                       std::span<const TokenEdit> edits, NormalizedText& out,
                       bool record_transforms);

}  // namespace modfilter
