// Entries written twice: two vocabulary entries of one rule that compile to
// the same literal once normalised ("Fuck" and "fuck", "sh1t" and "shit"),
// an `allow:` word listed twice, and `words:` that a `prefixes:` entry of
// the same group already matches (the prefix matches the whole word too).
#pragma once

#include <vector>

#include "engine/lint/findings.h"
#include "engine/ruleset/rule.h"

namespace modfilter {

// In rule-set order.
std::vector<DuplicateEntry> find_duplicates(const RuleSet& rules);

}  // namespace modfilter
