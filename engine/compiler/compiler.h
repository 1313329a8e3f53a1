// compile(): RuleSet -> CompiledRules.
//
// Vocabulary (`words:`, `prefixes:`, `allow:`) is normalised the way comments
// are and compiled as plain caseless literals: word boundaries and suffixes
// are checked by the scanner where the rare matches are, not by Hyperscan on
// every byte (DESIGN.md, "Hyperscan: what the field has learned"). Regexes
// compile as written, with leftmost start of match, on the view they name.
#pragma once

#include <expected>

#include "engine/compiler/compiled_rules.h"
#include "engine/core/error.h"

namespace modfilter {

// Compiles every rule; a regex Hyperscan refuses is reported with the rule
// id, file:line and Hyperscan's own message, and nothing is returned.
std::expected<std::shared_ptr<const CompiledRules>, Errors> compile(
    RuleSet rules, CompileOptions options = {});

}  // namespace modfilter
