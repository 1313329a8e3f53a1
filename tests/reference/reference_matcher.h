// ReferenceMatcher: which rules of a RuleSet fire on a comment, decided the
// slow and obvious way, from the rule model (engine/ruleset) and the
// semantics written in docs/rules.md, to check Engine::screen against
// (tests/differential_test.cpp, modfilter_differential).
//
// It shares the normaliser with the engine (the normaliser is checked on its
// own, by the normalizer fuzz target's invariants) and the language
// detector (a comment's languages are an input to matching, like its
// normalisation), and nothing else: no
// Hyperscan, no compiled pattern table, token index or policy. Vocabulary is
// found by comparing bytes at every position of the view, regexes by RE2,
// combinations by trying every choice of hits, token sequences by trying
// every repeat count from every token.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ruleset/rule.h"

namespace modfilter::reference {

// A rule that fires, and the subcategory its reason reports.
struct Fired {
  std::string id;
  std::string subcategory;
};

class ReferenceMatcher {
 public:
  // `rules` must outlive the matcher.
  explicit ReferenceMatcher(const RuleSet& rules);
  ~ReferenceMatcher();
  ReferenceMatcher(const ReferenceMatcher&) = delete;
  ReferenceMatcher& operator=(const ReferenceMatcher&) = delete;

  // The rules that fire on `text`, in rule-set order. Rules with a
  // regex RE2 cannot read are left out (see undecided()). `languages` as
  // Engine::screen takes them: the caller's ISO codes ("ar,en"), or empty
  // to have them found from the text (engine/lang).
  std::vector<Fired> fire(std::string_view text,
                          std::string_view languages = {}) const;

  // Ids of the rules the reference cannot decide (a regex RE2 refuses).
  const std::vector<std::string>& undecided() const noexcept {
    return undecided_;
  }

 private:
  struct Rule;
  const RuleSet& rules_set_;
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<std::string> undecided_;
  std::vector<std::string> known_languages_;  // every rule's `lang`, sorted
};

}  // namespace modfilter::reference
