// Loading a rule set: YAML files -> RuleSet, validated as a whole.
#pragma once

#include <expected>
#include <filesystem>
#include <string_view>

#include "engine/core/error.h"
#include "engine/ruleset/rule.h"

namespace modfilter {

// Loads one rule file, or every *.yaml / *.yml below a directory (recursively,
// in path order). Every error in every file is collected, each with
// file:line:column, the rule id and a hint; when there is any, the whole set
// is refused. Never throws.
std::expected<RuleSet, Errors> load_rule_set(const std::filesystem::path& path);

// Loads rules from YAML text in memory, as if read from a file named `name`
// (used by tests and fuzzing).
std::expected<RuleSet, Errors> load_rule_text(std::string_view yaml,
                                              std::string_view name);

}  // namespace modfilter
