// Regexes Hyperscan accepts but that cost far more than the others: each
// regex of the rule set compiled alone (compiler/pattern_cost.h), its
// bytecode size and compile time compared with the median of all of them.
#pragma once

#include <cstddef>

#include "engine/lint/findings.h"
#include "engine/ruleset/rule.h"

namespace modfilter {

struct PatternCostOptions {
  double ratio = 10;                     // (10) times the median
  std::size_t min_bytes = 100 << 10;     // (100 KiB) smaller is never "huge"
  double min_seconds = 0.02;             // (20 ms) faster is never "slow"
};

// A regex is costly when its size (or compile time) is over `ratio` times
// the median and over the floor: with few or tiny regexes the median is
// small and a ratio alone would flag noise.
PatternCosts find_costly_patterns(const RuleSet& rules,
                                  const PatternCostOptions& options = {});

}  // namespace modfilter
