// Exporting judged comments: as JSON Lines (for any tool), or as `tests:`
// entries to paste into the rules that got them wrong, so that a false
// positive a moderator found becomes a regression test of its rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/audit/audit_store.h"

namespace modfilter {

enum class ExportFormat : std::uint8_t { kJsonLines, kRuleTests };

std::optional<ExportFormat> parse_export_format(std::string_view name) noexcept;

// One object per comment: {"id", "audit_id", "text" (or "text_hash"),
// "verdict", "expected", "rules", "label", "note", "ruleset"}.
void append_export_jsonl(std::string& out, const std::vector<StoredComment>& comments);

// YAML, one block per rule: the comments it fired on wrongly under
// `approve:`, those it was right about under its action; comments no rule
// caught but should have under a block of their own. Comments kept only as
// a hash cannot become tests and are left out (counted in a YAML comment);
// a text judged more than once appears once.
void append_export_rule_tests(std::string& out,
                              const std::vector<StoredComment>& comments);

// What a moderator says the verdict should have been: the verdict itself
// when labelled correct, approve for a wrong review or reject, and nothing
// we can tell (nullopt: review or reject) for a wrong approval.
std::optional<Decision> expected_decision(const StoredComment& comment);

}  // namespace modfilter
