// The policy: Matches -> Verdict. Evaluates `all:` (with `near:` and
// `ordered:`), `unless:`, `min_count:` and `allow:` from the set of patterns
// that hit, rather than inside Hyperscan (HS_FLAG_COMBINATION refuses
// boundary-ending sub-expressions and is slow in block mode; DESIGN.md).
#pragma once

#include <vector>

#include "engine/compiler/compiled_rules.h"
#include "engine/policy/verdict.h"
#include "engine/scanner/scanner.h"

namespace modfilter {

// Decides the verdict for the matches of one comment, every rule counting
// whatever its languages (keep_languages() then takes the comment's).
// Reorders `matches`. The verdict's strings point into `rules`. `text` is
// the comment the matches were found in (near: N words counts its words),
// `normalized` its view (the clauses and quotations of `scope:` and
// `quoted:` are found on it, only when a rule asks).
void decide(const CompiledRules& rules, std::string_view text,
            const NormalizedText& normalized, std::vector<Match>& matches,
            Verdict& out);

// Whether a rule that fired in `decided` (decided for every language) is
// scoped to languages: only then can the comment's language change the
// verdict, since a language only ever takes rules away.
bool needs_languages(const CompiledRules& rules,
                     const Verdict& decided) noexcept;

// Turns `decided` (decided for every language) into the verdict for a
// comment in `languages`, a mask of CompiledRules::language_bit()s: drops
// the reasons of rules scoped to none of them (CompiledRules::
// rule_languages) and lowers the decision to the strongest action left. No
// rule is evaluated again, since a language only ever takes rules away.
void keep_languages(const CompiledRules& rules, Verdict& decided,
                    std::uint64_t languages) noexcept;

}  // namespace modfilter
