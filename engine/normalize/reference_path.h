// The general path of normalize(): any text, through units (stage A, then
// stage B). normalize() takes it for text that is not ASCII; the tests hold
// the ASCII fast path (ascii_view.h) to it byte for byte. Internal: not part
// of the public normalize.h.
#pragma once

#include <string_view>

#include "engine/normalize/normalized_text.h"

namespace modfilter {

// What normalize() gives for `text`, taking no fast path.
void normalize_general(std::string_view text, NormalizedText& out,
                       const NormalizeOptions& options);

}  // namespace modfilter
