// Metrics: the counters behind GET /metrics, rendered in Prometheus' text
// exposition format. Updates are relaxed atomics on the request path (no
// lock); only registering a newly loaded rule set's rules takes a lock.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/policy/verdict.h"
#include "engine/ruleset/rule.h"

namespace modfilter::service {

enum class Endpoint : std::uint8_t {
  kScreen, kBatch, kAnalyze, kHealthz, kReadyz, kMetrics, kReload, kOther,
  kSuggest,     // Perspective's comments:suggestscore
  kDiscovery,   // the Discovery document of the Perspective endpoints
  kModeration,  // the moderator page and its endpoints
};
inline constexpr std::size_t kEndpointCount = 11;
const char* to_string(Endpoint endpoint) noexcept;

// Hits of one rule, kept across reloads so that the counter never goes back.
struct RuleCounter {
  std::string rule;
  std::string category;
  std::string action;
  std::atomic<std::uint64_t> hits{0};
};

// A loaded rule set's rule ids (views into it) -> their counters.
using RuleCounterIndex = std::unordered_map<std::string_view, RuleCounter*>;

// What the service reports about the rule set in use.
struct RuleSetInfo {
  std::string id;           // "name@hash8"
  std::string hash;         // the full content hash
  double loaded_at = 0;     // Unix time, seconds
  double load_seconds = 0;  // how long loading and compiling took
};

// Totals for the periodic log summary.
struct MetricsSummary {
  std::uint64_t requests = 0;
  std::uint64_t comments = 0;
  std::uint64_t approve = 0;
  std::uint64_t review = 0;
  std::uint64_t reject = 0;
  std::uint64_t errors = 0;  // responses 4xx and 5xx
};

class Metrics {
 public:
  Metrics() = default;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  void record_request(Endpoint endpoint, int status,
                      std::chrono::nanoseconds elapsed) noexcept;
  // One screened comment: its decision, the categories and rules that fired.
  void record_verdict(const Verdict& verdict,
                      const RuleCounterIndex& rules) noexcept;
  void record_reload(bool succeeded) noexcept;

  // The counters of every rule of `rules`, registering the ids not seen yet.
  RuleCounterIndex register_rules(const RuleSet& rules);

  // The exposition text; `rules` is null while no rule set is loaded.
  std::string render(const RuleSetInfo* rules) const;
  MetricsSummary summary() const noexcept;

 private:
  static constexpr std::size_t kStatusCount = 14;  // see metrics.cpp
  static constexpr std::size_t kBucketCount = 15;  // the last is +Inf
  static constexpr std::size_t kCategoryCount = 4;

  struct Latency {
    std::array<std::atomic<std::uint64_t>, kBucketCount> buckets{};
    std::atomic<std::uint64_t> nanoseconds{0};
    std::atomic<std::uint64_t> count{0};
  };

  std::array<std::array<std::atomic<std::uint64_t>, kStatusCount>,
             kEndpointCount> requests_{};
  std::array<Latency, kEndpointCount> latency_{};
  std::atomic<std::uint64_t> comments_{0};
  std::array<std::atomic<std::uint64_t>, 3> decisions_{};
  std::array<std::atomic<std::uint64_t>, kCategoryCount> categories_{};
  std::atomic<std::uint64_t> reloads_ok_{0};
  std::atomic<std::uint64_t> reloads_failed_{0};

  mutable std::mutex rules_mutex_;
  std::map<std::string, std::unique_ptr<RuleCounter>> rules_;
};

}  // namespace modfilter::service
