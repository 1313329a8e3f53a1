// Stage A: the text's code points as units. ASCII bytes become units as they
// are (no ICU call); other characters go through fold_code_point(). Invalid
// UTF-8 bytes and invisible characters vanish, and their Transform bits go
// to the next unit; a combining mark widens the unit before it, so that an
// excerpt of a word takes the marks of its last letter along.
#pragma once

#include <string_view>
#include <vector>

#include "engine/normalize/unit.h"

namespace modfilter {

struct DecodeResult {
  bool ascii = true;     // the text is all ASCII
  bool symbols = false;  // some unit is a UnitClass::kSymbol
};

// Fills `units` (cleared first).
DecodeResult decode_units(std::string_view text, std::vector<Unit>& units);

}  // namespace modfilter
