// The word-list baseline: what a plain "is a listed word in the comment?"
// filter catches, so that `modfilter eval` can say how far a rule set beats
// it. The list becomes a rule set of one `words:` rule and runs through the
// same Engine: one matcher, so the comparison measures the rules, not two
// implementations. (The engine's words see through disguises, so this
// baseline is, if anything, stronger than a plain case-insensitive lookup.)
#pragma once

#include <expected>
#include <filesystem>
#include <span>

#include "engine/core/error.h"
#include "engine/ruleset/rule.h"

namespace modfilter {

inline constexpr std::string_view kWordListRuleId = "baseline.wordlist";

// Reads word lists (one word or phrase a line; blank lines and lines
// starting with '#' skipped) into one rule `baseline.wordlist` (profanity,
// reject). Entries that are empty once normalised (an emoji) and repeats
// are dropped. A file that cannot be read is an Error naming it.
std::expected<RuleSet, Errors> word_list_rule_set(
    std::span<const std::filesystem::path> files);

}  // namespace modfilter
