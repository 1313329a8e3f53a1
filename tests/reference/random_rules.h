// Random rule sets and comments for the differential check of the matcher:
// rule files (YAML) drawing words from a vocabulary and every option of the
// rule format at random (proclitics, the Arabizi view and `lang:` scoping
// included), and comments built around the same words, some behind a
// proclitic, wearing the disguises the normaliser undoes (case, leetspeak,
// masking, stretching, spacing, homoglyphs, invisible characters) among
// filler words, links and numbers. Deterministic for a given generator
// state.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "engine/ruleset/rule.h"

namespace modfilter::reference {

struct Vocabulary {
  std::vector<std::string> words;   // lower-case a-z, 3+ letters
  std::vector<std::string> filler;  // any ordinary words
};

// Keeps the entries of `candidates` that are plain lower-case words of 3 to
// 15 letters (what a random rule may use as vocabulary), without repeats.
std::vector<std::string> plain_words(const std::vector<std::string>& candidates);

// A few dozen common English words, and words that contain vocabulary
// (cockpit, assassin, Scunthorpe), for filler and `allow:`.
std::vector<std::string> default_filler();

// A rule file of `rule_count` random rules (ids r0, r1, ...).
std::string random_rule_file(std::mt19937_64& rng, const Vocabulary& vocabulary,
                             int rule_count);

// The vocabulary a rule set uses (its plain words and prefixes), with
// `extra` words of `vocabulary` and its filler: comments built from it hit
// the rule set's rules often.
Vocabulary focused(const Vocabulary& vocabulary, const RuleSet& rules,
                   std::mt19937_64& rng, int extra);

// The plain words and prefixes of a rule set's matchers.
std::vector<std::string> rule_set_words(const RuleSet& rules);

// A random comment around the vocabulary.
std::string random_comment(std::mt19937_64& rng, const Vocabulary& vocabulary);

// Random caller languages for a comment, as Engine::screen takes them:
// one or two of the codes random rules are scoped to, a code no rule
// names, or (half the time) empty, to have them found from the text.
std::string random_languages(std::mt19937_64& rng);

}  // namespace modfilter::reference
