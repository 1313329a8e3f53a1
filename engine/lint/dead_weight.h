// Dead weight: what a rule set carries that does nothing on real comments.
// Comments are screened through the real engine with a caller-owned
// ScanWorkspace, whose raw matches name the pattern behind every hit; each
// pattern maps back to its rule, matcher and entry (CompiledRules::pattern),
// so hits are attributed to entries without a second matcher.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <span>
#include <string_view>
#include <tuple>
#include <vector>

#include "engine/compiler/compiled_rules.h"
#include "engine/engine.h"
#include "engine/lint/findings.h"
#include "engine/scanner/scanner.h"

namespace modfilter {

class DeadWeightScan {
 public:
  explicit DeadWeightScan(const Engine& engine);

  // Screens one comment and records what fired.
  void add(std::string_view text);

  // Rules that never fired, entries never matched, `allow:` entries that
  // never cancelled a hit of their rule, and rules all of whose hits (the
  // comments they fired on) another rule also made.
  DeadWeight result() const;

 private:
  // (role, rule, group, matcher, entry): one entry of the rule set.
  using EntryKey = std::tuple<int, std::uint32_t, std::uint16_t,
                              std::uint16_t, std::uint32_t>;
  static EntryKey key_of(const PatternInfo& info);

  const Engine& engine_;
  ScanWorkspace workspace_;
  Verdict verdict_;
  std::uint32_t comments_ = 0;
  std::map<std::string_view, std::uint32_t> rule_index_;
  std::vector<std::vector<std::uint32_t>> fired_;  // per rule: comments
  std::map<EntryKey, bool> used_;  // per entry: matched (allow: cancelled)
};

// Screens every record of `files` (JSON Lines, or .csv / .txt by name; the
// comment in field or column "text"). A file that cannot be opened is an
// Error naming it, before anything is screened; unreadable records are
// listed in DeadWeight::input_errors and skipped.
std::expected<DeadWeight, Errors> find_dead_weight(
    const Engine& engine, std::span<const std::filesystem::path> files);

}  // namespace modfilter
