// Naming a rule's entries in lint findings: the entry a compiled pattern
// came from, and the vocabulary a rule set already knows as bad.
#pragma once

#include <string>
#include <unordered_set>

#include "engine/compiler/compiled_rules.h"
#include "engine/lint/findings.h"

namespace modfilter {

// "words", "prefixes", "regex"; "unless words" etc. inside `unless:`.
std::string entry_kind(MatcherKind kind, bool unless);

// The entry pattern `info` was compiled from.
EntryRef entry_ref(const CompiledRules& rules, const PatternInfo& info);

// Every `words:` and `prefixes:` entry of every rule, as the normaliser
// sees it, alone and with each of its matcher's suffixes or a plain English
// inflection (s, es, ed, ing, er, ers, y, ier, iest, iness; also after a
// doubled last letter): words a rule set names as bad, which lint does not
// call innocent when they fire.
std::unordered_set<std::string> known_vocabulary(const RuleSet& rules);

}  // namespace modfilter
