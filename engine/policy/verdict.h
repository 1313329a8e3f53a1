// Verdict: what screening decided about one comment, and why.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/span.h"

namespace modfilter {

enum class Decision : std::uint8_t { kApprove = 0, kReview = 1, kReject = 2 };

const char* to_string(Decision decision) noexcept;

// One rule that fired. Strings point into the CompiledRules that produced the
// verdict (they live as long as the Engine), so building a Reason allocates
// only for its spans.
struct Reason {
  std::string_view rule;         // rule id, e.g. "threat.kill-you"
  std::string_view category;     // profanity | threat | abuse | promotion
  std::string_view subcategory;  // e.g. "sexism"; empty when none
  Decision action = Decision::kReject;  // kReject or kReview
  std::string_view reason;       // the rule's human reason
  std::vector<ByteSpan> spans;   // byte offsets into the ORIGINAL text
  ByteSpan excerpt;              // the span whose text is the excerpt
  std::uint32_t rule_index = 0;  // the rule's index in its RuleSet::rules
};

struct Verdict {
  Decision decision = Decision::kApprove;
  std::vector<Reason> reasons;   // in rule-set order
  std::string_view ruleset;      // "name@hash8" of the rule set

  void clear() noexcept {
    decision = Decision::kApprove;
    reasons.clear();
  }
};

}  // namespace modfilter
