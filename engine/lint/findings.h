// What `modfilter lint` finds in a rule set: plain structs, filled by the
// checks (collisions.h, evasion.h, duplicates.h, slip_neighbours.h, dead_weight.h,
// pattern_costs.h) and printed by lint_report.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/compiler/pattern_cost.h"
#include "engine/core/error.h"
#include "engine/ruleset/rule.h"

namespace modfilter {

// One entry of a rule, as its author wrote it.
struct EntryRef {
  std::string rule;
  std::string kind;  // words, prefixes, regex, allow; "unless " + kind
  std::string text;
  SourceLocation location;
};

// An ordinary dictionary word a rule fires on.
struct Collision {
  std::string word;     // as the dictionary spells it
  std::string context;  // the text screened ("the cockpit is")
  std::string excerpt;  // what the rule matched in it
};

struct RuleCollisions {
  std::string rule;
  std::vector<Collision> words;  // in dictionary order
};

// A disguised form of a vocabulary word that the rule did not catch.
struct EvasionMiss {
  std::string word;   // the entry as written
  std::string trick;  // case, leet, mask, spaced, stretch, homoglyph, ...
  std::string text;   // the disguised word
};

struct RuleEvasion {
  std::string rule;
  std::size_t tried = 0;             // variants screened
  std::vector<EvasionMiss> missed;   // variants that got through
  std::vector<std::string> silent;   // entries the rule misses even plain
};

// A vocabulary entry written twice in one rule (after normalisation), or a
// word its rule's prefixes already cover.
struct DuplicateEntry {
  std::string rule;
  std::string normalized;  // the view both entries compile to
  std::string why;         // "listed twice" or "covered by a prefix"
  EntryRef first;
  EntryRef second;
};

// A rule every one of whose hits another rule also made.
struct RedundantRule {
  std::string rule;
  std::string covered_by;
  std::uint64_t hits = 0;
};

// Rules and entries that do nothing on a body of comments.
struct DeadWeight {
  std::uint64_t comments = 0;            // comments screened
  std::vector<std::string> silent_rules;  // never fired
  std::vector<EntryRef> silent_entries;   // never matched
  std::vector<EntryRef> idle_allows;      // never cancelled a hit
  std::vector<RedundantRule> redundant_rules;
  Errors input_errors;                    // records that could not be read
};

struct CostlyPattern {
  EntryRef entry;
  PatternCost cost;
  double bytes_ratio = 0;    // to the median
  double seconds_ratio = 0;  // to the median
};

struct PatternCosts {
  std::size_t regexes = 0;  // regexes measured
  std::size_t median_bytes = 0;
  double median_seconds = 0;
  std::vector<CostlyPattern> costly;  // far above the median
};

// The collision check for one language a rule set scopes rules to: that
// language's words screened as that language (its own dictionary), and
// English words screened as that language (cross-language collisions,
// which fire on mixed comments and on comments the detector misplaces).
struct LanguageCollisions {
  std::string language;    // ISO code
  std::string dictionary;  // its hunspell/myspell word list; empty: none
  std::string missing;     // why its own dictionary was not checked
  std::size_t dictionary_words = 0;
  std::vector<RuleCollisions> collisions;          // its own words
  std::vector<RuleCollisions> english_collisions;  // English words, rules
                                                   // scoped to it only
};

// A word the rules read through slips and the dictionary words one slip
// from it (slip_neighbours.h).
struct SlipNeighbours {
  std::string form;
  std::vector<std::string> words;  // in dictionary order
};

struct SlipCheck {
  std::size_t forms = 0;        // words read through slips
  std::size_t known_words = 0;  // never read as slips
  std::size_t unread_without_dictionary = 0;  // sum of the neighbours
  std::vector<SlipNeighbours> neighbours;  // forms with any, most first
};

struct LintReport {
  std::string ruleset;     // "name@hash8"
  std::string dictionary;  // its path; empty when not checked
  std::size_t dictionary_words = 0;
  std::vector<RuleCollisions> collisions;  // rules with collisions only
  std::vector<LanguageCollisions> languages;  // per scoped language but en
  std::vector<RuleEvasion> evasion;        // every rule with words:
  std::vector<DuplicateEntry> duplicates;
  std::optional<DeadWeight> dead_weight;   // with --data only
  PatternCosts pattern_costs;
  SlipCheck slips;

  // The findings that fail `lint` (exit 1): words that collide and that
  // no `allow:` covers (an allowed word never fires, so every collision
  // reported is uncovered).
  bool has_collisions() const noexcept {
    if (!collisions.empty()) return true;
    for (const LanguageCollisions& l : languages) {
      if (!l.collisions.empty() || !l.english_collisions.empty()) return true;
    }
    return false;
  }
};

}  // namespace modfilter
