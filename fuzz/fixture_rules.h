// A small rule set that uses every kind of matcher and option (words with
// suffixes, prefixes, allow, regexes on both views, all/near/ordered,
// unless, min_count, named lists with subcategories and includes, token
// sequences with gaps, options and repeats, near in words), for the fuzz
// targets that need compiled rules smaller than the default set.
#pragma once

#include <string_view>

namespace modfilter::fuzz {

inline constexpr std::string_view kFixtureRules = R"(lists:
  groups.women:
    subcategory: sexism
    words: [women, girls]
  groups.gay:
    subcategory: homophobia
    words: [gays, gay men]
  groups:
    include: [groups.women, groups.gay]
  insults: [vermin, rats, "dirty animals"]
rules:
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
  - id: abuse.identity
    category: abuse
    subcategory: racism
    reason: Dehumanises a group
    action: reject
    sequence: ["@groups are|r|is *{0,2} not? @insults", "all_of @groups{1,3}", "black_people are @insults"]
    unless:
      - sequence: "not @groups"
  - id: threat.hurt-group
    category: threat
    reason: Threat to a group
    action: review
    all:
      - list: groups
      - words: [hurt, punch]
    near: 3 words
    min_count: 2
)";

}  // namespace modfilter::fuzz
