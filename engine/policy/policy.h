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

// Decides the verdict for the matches of one comment. Reorders `matches`.
// The verdict's strings point into `rules`. A rule scoped to languages
// (CompiledRules::rule_languages) counts only when it shares a bit with
// `languages`, the comment's languages as CompiledRules::language_bit()s.
void decide(const CompiledRules& rules, std::vector<Match>& matches,
            Verdict& out,
            std::uint64_t languages = CompiledRules::kEveryLanguage);

// Whether a rule that fired in `decided` (decided for every language) is
// scoped to languages: only then can the comment's language change the
// verdict, since a language only ever takes rules away.
bool needs_languages(const CompiledRules& rules,
                     const Verdict& decided) noexcept;

}  // namespace modfilter
