// explain(): what `check --explain` and the moderator page show of a
// verdict: the normalised view the vocabulary was matched on, and for each
// reason the view bytes inside its spans with the transformations (leet,
// mask, homoglyph...) that produced them, i.e. which disguise was undone.
// Needs a workspace screened with ScanOptions{.record_transforms = true}.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/policy/verdict.h"
#include "engine/scanner/scanner.h"

namespace modfilter {

struct ReasonExplanation {
  std::string rule;
  std::string view;        // the normalised bytes behind the reason's spans
  std::string transforms;  // "leet+mask", or "none"
};

struct Explanation {
  std::string normalized;  // the whole normalised view
  bool identical = true;   // the view is the input, byte for byte
  std::vector<ReasonExplanation> reasons;  // in the verdict's order
};

Explanation explain(const Verdict& verdict, const ScanWorkspace& workspace);

// "case+leet" for a set of Transform bits; "none" for none.
std::string transform_names(std::uint16_t bits);

}  // namespace modfilter
