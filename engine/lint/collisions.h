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
//
// `language`: the words are screened as that language (Engine::screen);
// empty: the engine finds it. `only_scoped_to`: when not empty, only rules
// whose `lang:` names it are reported, and a word spelt like one of the
// rule set's entries is reported too (English "am" against Turkish "am").
std::vector<RuleCollisions> find_collisions(
    const Engine& engine, std::span<const std::string> words,
    std::string_view language = {}, std::string_view only_scoped_to = {});

}  // namespace modfilter
