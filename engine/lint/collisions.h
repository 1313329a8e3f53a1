// The collision check: ordinary words a rule fires on (Scunthorpe problem:
// the prefix `cock` in cockpit and cocktail). Every dictionary word goes
// through the real engine, alone and inside a few short frames ("the WORD
// is"), so what is reported is what screening would do: a word the rule's
// `allow:` covers never fires and is never reported.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "engine/lint/findings.h"

namespace modfilter {

// Per rule (in rule-set order, rules without collisions left out), the
// dictionary words it fires on. A word is not innocent, and so skipped,
// when it is one of the rule set's own vocabulary entries, or an entry plus
// one of its suffixes or a plain inflection (entries.h known_vocabulary).
// A hit counts only when its span overlaps the word, not the frame.
std::vector<RuleCollisions> find_collisions(const Engine& engine,
                                            std::span<const std::string> words);

}  // namespace modfilter
