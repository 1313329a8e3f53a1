// The differential check: Engine::screen against ReferenceMatcher on the
// same rule set, comment by comment, comparing the ids of the rules that
// fire and the subcategory each one reports. Used by tests/differential_test.cpp (bounded, in CI) and by
// modfilter_differential (the full run on the shared data).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "tests/reference/reference_matcher.h"

namespace modfilter::reference {

struct Disagreement {
  std::string text;
  std::string languages;                    // as given to both
  std::vector<std::string> engine_only;     // fired in the engine alone
  std::vector<std::string> reference_only;  // fired in the reference alone
  // Fired in both with another subcategory: "id: engine 'a', reference 'b'".
  std::vector<std::string> subcategories;
};

class Differential {
 public:
  // `engine` must hold the rule set `reference` was built from.
  Differential(const Engine& engine, const ReferenceMatcher& reference)
      : engine_(engine), reference_(reference) {}

  // Compares one comment, screened by both as in `languages` (the
  // caller's ISO codes, or empty: found from the text by both, with the
  // same engine/lang function); a disagreement is recorded. Returns the
  // ids of the rules the reference fired.
  std::vector<std::string> compare(std::string_view text,
                                   std::string_view languages = {});

  std::size_t compared() const noexcept { return compared_; }
  const std::vector<Disagreement>& disagreements() const noexcept {
    return disagreements_;
  }

 private:
  const Engine& engine_;
  const ReferenceMatcher& reference_;
  std::size_t compared_ = 0;
  std::vector<Disagreement> disagreements_;
};

// "engine only: [a, b]; reference only: [c]" for messages.
std::string describe(const Disagreement& d);

}  // namespace modfilter::reference
