// What one regex costs Hyperscan: compiled alone, with the flags the rule
// compiler gives every regex (leftmost start of match) in block mode, how
// large its bytecode is and how long compiling it took. Hyperscan accepts
// some regexes that still blow up (large bounded repeats, many alternations
// under a quantifier); `modfilter lint` measures every regex of a rule set
// with this and reports those far above the others.
#pragma once

#include <cstddef>
#include <expected>
#include <string_view>

#include "engine/core/error.h"

namespace modfilter {

struct PatternCost {
  std::size_t bytecode_bytes = 0;  // hs_database_size of the lone database
  double compile_seconds = 0;      // wall time of hs_compile
};

// Compiles `regex` alone. A regex Hyperscan refuses is an Error (kPattern)
// with Hyperscan's message; the rule loader has normally refused it before.
std::expected<PatternCost, Error> measure_pattern_cost(std::string_view regex);

}  // namespace modfilter
