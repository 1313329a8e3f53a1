// The slip check of `modfilter lint`: for each word the rules read through
// slips (compiler/slip_index.h), the dictionary words one slip from it —
// the words its fuzzy form would hit were they not known words, which the
// slip reader never reads. Informational: a form with many neighbours
// ("hate": "hat", "heat", "haste") shows where a misspelling is ambiguous.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/lint/findings.h"

namespace modfilter {

SlipCheck find_slip_neighbours(const Engine& engine,
                               const std::vector<std::string>& dictionary);

}  // namespace modfilter
