#include "engine/audit/replay.h"

#include <algorithm>
#include <map>
#include <set>

namespace modfilter {
namespace {

std::size_t index_of(Decision d) { return static_cast<std::size_t>(d); }

}  // namespace

std::int64_t ReplayReport::flipped() const noexcept {
  std::int64_t n = 0;
  for (std::size_t b = 0; b < 3; ++b) {
    for (std::size_t a = 0; a < 3; ++a) {
      if (a != b) n += flips[b][a];
    }
  }
  return n;
}

std::expected<ReplayReport, Errors> replay(AuditStore& store, const Engine& engine,
                                           const ReplayOptions& options) {
  ReplayReport report;
  report.ruleset = engine.id();
  std::set<std::string> stored_rulesets;
  std::map<std::string, ReplayRule> rules;
  std::array<std::array<std::size_t, 3>, 3> examples_kept{};
  std::vector<ReplayExample> examples;
  Verdict verdict;

  CommentFilter filter;
  filter.run = options.run;
  auto ok = store.for_each(filter, [&](const StoredComment& c) {
    stored_rulesets.insert(c.ruleset);
    const auto read = static_cast<std::uint64_t>(report.replayed + report.skipped) + 1;
    if (options.progress && read % kProgressEvery == 0) options.progress(read, 0);
    if (!c.text) {
      ++report.skipped;
      return true;
    }
    ++report.replayed;
    engine.screen(*c.text, verdict);
    ++report.flips[index_of(c.verdict)][index_of(verdict.decision)];
    if (verdict.decision == c.verdict) return true;

    ReplayExample example{c.id, c.input_id, *c.text, c.verdict, verdict.decision,
                          {}, {}, {}, {}};
    for (const Reason& r : verdict.reasons) {
      const auto before = std::find_if(c.reasons.begin(), c.reasons.end(),
                                       [&](const StoredReason& s) { return s.rule == r.rule; });
      if (before == c.reasons.end()) {
        example.gained.emplace_back(r.rule);
      } else if (before->action != to_string(r.action)) {
        example.changed.emplace_back(r.rule);
      } else {
        continue;
      }
      example.spans.insert(example.spans.end(), r.spans.begin(), r.spans.end());
    }
    for (const StoredReason& s : c.reasons) {
      const bool after = std::any_of(verdict.reasons.begin(), verdict.reasons.end(),
                                     [&](const Reason& r) { return r.rule == s.rule; });
      if (after) continue;
      example.lost.push_back(s.rule);
      example.spans.insert(example.spans.end(), s.spans.begin(), s.spans.end());
    }
    const auto note = [&](const std::string& name, std::int64_t ReplayRule::*count) {
      ReplayRule& rule = rules[name];
      rule.rule = name;
      ++(rule.*count);
      if (rule.examples.size() < options.examples) rule.examples.push_back(c.id);
    };
    for (const std::string& name : example.gained) note(name, &ReplayRule::gained);
    for (const std::string& name : example.lost) note(name, &ReplayRule::lost);
    for (const std::string& name : example.changed) note(name, &ReplayRule::changed);
    std::size_t& kept = examples_kept[index_of(c.verdict)][index_of(verdict.decision)];
    if (kept < options.examples) {
      ++kept;
      examples.push_back(std::move(example));
    }
    return true;
  });
  if (!ok) return std::unexpected(std::move(ok.error()));

  report.stored_rulesets.assign(stored_rulesets.begin(), stored_rulesets.end());
  for (auto& [name, rule] : rules) report.rules.push_back(std::move(rule));
  std::stable_sort(report.rules.begin(), report.rules.end(),
                   [](const ReplayRule& a, const ReplayRule& b) {
                     return a.gained + a.lost + a.changed >
                            b.gained + b.lost + b.changed;
                   });
  // Grouped by kind of flip, so a reader sees all approve -> reject together.
  std::stable_sort(examples.begin(), examples.end(),
                   [](const ReplayExample& a, const ReplayExample& b) {
                     return std::pair(a.before, a.after) < std::pair(b.before, b.after);
                   });
  report.examples = std::move(examples);
  return report;
}

}  // namespace modfilter
