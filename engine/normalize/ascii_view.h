// The fast path for ASCII text: stage B (token_pass.cpp) done on the bytes
// themselves, with no units. It gives exactly the view, offset map, flagged
// tokens and transforms of the general path (reference_path.h), which the
// tests check on random text.
#pragma once

#include <string_view>

#include "engine/normalize/normalized_text.h"

namespace modfilter {

// Fills `out` with the view of `text`, which must be ASCII.
void normalize_ascii(std::string_view text, NormalizedText& out,
                     const NormalizeOptions& options);

}  // namespace modfilter
