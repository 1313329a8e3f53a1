// The evasion check: does each `words:` entry still fire when disguised
// with the tricks the normaliser is meant to undo (DESIGN.md "Rule files")?
// Variants are built from the entry itself and screened inside a neutral
// sentence through the real engine; those that get through are listed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "engine/lint/findings.h"

namespace modfilter {

struct Disguise {
  std::string trick;  // case, leet, leet-symbol, mask, mask-hash, spaced,
                      // dotted, stretch, homoglyph, zerowidth, fullwidth,
                      // combo
  std::string text;
};

// The disguised forms of `word` (distinct, none equal to the word). Tricks
// that do not apply are left out: spacing needs one word of 3+ letters,
// leet a letter it maps, a homoglyph one of a/e/o/c/p/x.
std::vector<Disguise> disguise(std::string_view word);

// The sentence a variant is screened in ("we read WORD in the paper").
std::string evasion_sentence(std::string_view word);

// For every rule with `words:` that can fire on one word (one group,
// min_count 1), in rule-set order: how many variants were screened and
// which got through. An entry the rule does not catch even written plainly
// is listed as silent and its variants are not tried.
std::vector<RuleEvasion> check_evasion(const Engine& engine);

}  // namespace modfilter
