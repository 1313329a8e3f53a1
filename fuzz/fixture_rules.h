// A small rule set that uses every kind of matcher and option (words with
// suffixes, prefixes, allow, regexes on both views, all/near/ordered,
// unless, min_count), for the fuzz targets that need compiled rules smaller
// than the default set.
#pragma once

#include <string_view>

namespace modfilter::fuzz {

inline constexpr std::string_view kFixtureRules = R"(rules:
  - id: profanity.words
    category: profanity
    reason: Profanity
    action: reject
    words: [fuck, bullshit, "piece of shit"]
    suffixes: [s, ed, ing]
    prefixes: [cock]
    allow: [cockpit, peacock]
  - id: threat.kill-you
    category: threat
    reason: Threat
    action: reject
    all:
      - words: [kill, stab]
        suffixes: [ing]
      - words: [you, u]
    near: 20
    ordered: true
    unless:
      - words: [game]
  - id: promotion.links
    category: promotion
    reason: Links
    action: review
    regex: ['https?://\S+', 'www\.[a-z]+\.com']
    min_count: 2
  - id: abuse.idiot
    category: abuse
    subcategory: personal_attack
    reason: Insult
    action: review
    regex: 'you (are|r) an? idiot'
    view: normalized
)";

}  // namespace modfilter::fuzz
