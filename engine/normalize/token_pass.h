// Stage B: the disguises people put on words, undone on the unit sequence
// (the same code for ASCII and other text): symbols inside words, spaced
// letters, whitespace runs, homoglyphs, leetspeak, masking, stretching and
// case. Writes the view and flags the tokens the token lookup must see.
#pragma once

#include <vector>

#include "engine/normalize/unit.h"
#include "engine/normalize/view_writer.h"

namespace modfilter {

// Consumes `units` (they are rewritten in place). `symbols`: whether any unit
// is a UnitClass::kSymbol (never in ASCII text, which then skips a pass).
void write_view(std::vector<Unit>& units, bool symbols, ViewWriter& writer);

}  // namespace modfilter
