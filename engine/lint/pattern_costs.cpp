#include "engine/lint/pattern_costs.h"

#include <algorithm>

#include "engine/lint/entries.h"

namespace modfilter {
namespace {

struct Measured {
  EntryRef entry;
  PatternCost cost;
};

template <typename T>
T median(std::vector<T> values) {
  if (values.empty()) return T{};
  const std::size_t mid = values.size() / 2;
  std::ranges::nth_element(values, values.begin() + static_cast<std::ptrdiff_t>(mid));
  return values[mid];
}

double ratio(double value, double base) {
  return base > 0 ? value / base : 0;
}

void measure(const Rule& rule, const std::vector<Matcher>& matchers,
             bool unless, std::vector<Measured>& out) {
  for (const Matcher& matcher : matchers) {
    if (matcher.kind != MatcherKind::kRegex) continue;
    for (const Entry& entry : matcher.entries) {
      auto cost = measure_pattern_cost(entry.text);
      if (!cost) continue;  // the compiler refused the rule set already
      out.push_back(Measured{
          EntryRef{rule.id, entry_kind(matcher.kind, unless), entry.text,
                   entry.location},
          *cost});
    }
  }
}

}  // namespace

PatternCosts find_costly_patterns(const RuleSet& rules,
                                  const PatternCostOptions& options) {
  std::vector<Measured> measured;
  for (const Rule& rule : rules.rules) {
    for (const auto& group : rule.groups) measure(rule, group, false, measured);
    measure(rule, rule.unless, true, measured);
  }
  PatternCosts out;
  out.regexes = measured.size();
  std::vector<std::size_t> bytes;
  std::vector<double> seconds;
  for (const Measured& m : measured) {
    bytes.push_back(m.cost.bytecode_bytes);
    seconds.push_back(m.cost.compile_seconds);
  }
  out.median_bytes = median(bytes);
  out.median_seconds = median(seconds);
  for (Measured& m : measured) {
    const double bytes_ratio = ratio(static_cast<double>(m.cost.bytecode_bytes),
                                     static_cast<double>(out.median_bytes));
    const double seconds_ratio = ratio(m.cost.compile_seconds, out.median_seconds);
    const bool huge = bytes_ratio > options.ratio &&
                      m.cost.bytecode_bytes >= options.min_bytes;
    const bool slow = seconds_ratio > options.ratio &&
                      m.cost.compile_seconds >= options.min_seconds;
    if (huge || slow) {
      out.costly.push_back(
          CostlyPattern{std::move(m.entry), m.cost, bytes_ratio, seconds_ratio});
    }
  }
  std::ranges::sort(out.costly, [](const CostlyPattern& a, const CostlyPattern& b) {
    return a.cost.bytecode_bytes > b.cost.bytecode_bytes;
  });
  return out;
}

}  // namespace modfilter
