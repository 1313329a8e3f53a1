// Replay: screens the comments of an audit store again with another rule
// set and reports what flips (approve <-> review <-> reject), which rules
// the flips come from, and examples: a rule change checked against real
// comments before it ships.
#pragma once

#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "engine/audit/audit_store.h"
#include "engine/core/error.h"
#include "engine/core/progress.h"
#include "engine/engine.h"

namespace modfilter {

struct ReplayOptions {
  // run (all)      only the comments of this run
  // examples (3)   examples kept per kind of flip, and per rule
  std::optional<std::int64_t> run;
  std::size_t examples = 3;
  // progress (none)  told the comments read from the store so far
  ProgressFn progress;
};

struct ReplayExample {
  std::int64_t comment = 0;  // the store's number
  std::string input_id;
  std::string text;
  Decision before = Decision::kApprove;
  Decision after = Decision::kApprove;
  std::vector<std::string> gained;  // rules that fire now and did not
  std::vector<std::string> lost;    // rules that fired and no longer do
  std::vector<std::string> changed; // rules that fire with another action
  std::vector<ByteSpan> spans;      // the words behind the change
};

// A rule's share of the flips.
struct ReplayRule {
  std::string rule;
  std::int64_t gained = 0;  // flipped comments it now fires on
  std::int64_t lost = 0;    // flipped comments it no longer fires on
  std::int64_t changed = 0; // flipped comments it fires on, another action
  std::vector<std::int64_t> examples;  // comment numbers
};

struct ReplayReport {
  std::string ruleset;                      // the rule set replayed with
  std::vector<std::string> stored_rulesets; // the ones that screened them
  std::int64_t replayed = 0;
  std::int64_t skipped = 0;  // kept only as a hash: nothing to screen
  // flips[before][after], indexed by Decision.
  std::array<std::array<std::int64_t, 3>, 3> flips{};
  std::vector<ReplayRule> rules;         // most flips first
  std::vector<ReplayExample> examples;   // by (before, after), in store order

  std::int64_t flipped() const noexcept;
};

std::expected<ReplayReport, Errors> replay(AuditStore& store, const Engine& engine,
                                           const ReplayOptions& options = {});

}  // namespace modfilter
