// Spaced letters (f u c k, f.u.c.k) found on the bytes of ASCII text, for
// the fast path: the chains join_spaced_letters (token_pass.cpp) would join.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace modfilter {

// Original bytes [first, last] of text that join into one word: the
// separators among them vanish, the rest are marked kTransformSpacing.
struct SpacedChain {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

// Fills `chains` (cleared first) in text order; chains that touch are merged.
// `text` is ASCII.
void find_spaced_chains(std::string_view text,
                        std::vector<SpacedChain>& chains);

}  // namespace modfilter
