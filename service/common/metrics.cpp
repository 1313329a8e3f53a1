#include "service/common/metrics.h"

#include "service/common/prometheus_text.h"

#include <charconv>

namespace modfilter::service {
namespace {

// The statuses the service answers with; anything else counts as "other".
constexpr std::array<int, 14> kStatuses = {200, 400, 401, 403, 404, 405, 408,
                                           413, 415, 422, 431, 500, 503, 0};

// Upper bounds in seconds. A screened comment takes microseconds; the
// buckets reach to a second for large batches and for queueing under load.
constexpr std::array<double, 14> kBuckets = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
    0.025,  0.05,    0.1,    0.25,  0.5,    1.0,   2.5};

constexpr std::array<std::string_view, 4> kCategories = {
    "profanity", "threat", "abuse", "promotion"};

constexpr std::array<std::string_view, 3> kDecisions = {"approve", "review",
                                                        "reject"};

std::size_t status_index(int status) {
  for (std::size_t i = 0; i + 1 < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return i;
  }
  return kStatuses.size() - 1;
}

std::uint64_t load(const std::atomic<std::uint64_t>& value) {
  return value.load(std::memory_order_relaxed);
}

}  // namespace

const char* to_string(Endpoint endpoint) noexcept {
  switch (endpoint) {
    case Endpoint::kScreen: return "screen";
    case Endpoint::kBatch: return "batch";
    case Endpoint::kAnalyze: return "analyze";
    case Endpoint::kHealthz: return "healthz";
    case Endpoint::kReadyz: return "readyz";
    case Endpoint::kMetrics: return "metrics";
    case Endpoint::kReload: return "reload";
    case Endpoint::kOther: return "other";
    case Endpoint::kSuggest: return "suggestscore";
    case Endpoint::kDiscovery: return "discovery";
    case Endpoint::kModeration: return "moderation";
  }
  return "other";
}

void Metrics::record_request(Endpoint endpoint, int status,
                             std::chrono::nanoseconds elapsed) noexcept {
  const auto e = static_cast<std::size_t>(endpoint);
  requests_[e][status_index(status)].fetch_add(1, std::memory_order_relaxed);
  Latency& latency = latency_[e];
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  // Buckets are stored per interval and made cumulative when rendered.
  latency.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  latency.nanoseconds.fetch_add(static_cast<std::uint64_t>(elapsed.count()),
                                std::memory_order_relaxed);
  latency.count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::record_verdict(const Verdict& verdict,
                             const RuleCounterIndex& rules) noexcept {
  comments_.fetch_add(1, std::memory_order_relaxed);
  decisions_[static_cast<std::size_t>(verdict.decision)].fetch_add(
      1, std::memory_order_relaxed);
  bool seen[kCategoryCount] = {};
  for (const Reason& reason : verdict.reasons) {
    for (std::size_t c = 0; c < kCategories.size(); ++c) {
      if (reason.category == kCategories[c] && !seen[c]) {
        seen[c] = true;
        categories_[c].fetch_add(1, std::memory_order_relaxed);
      }
    }
    if (auto it = rules.find(reason.rule); it != rules.end()) {
      it->second->hits.fetch_add(1, std::memory_order_relaxed);
    }
  }
}

void Metrics::record_reload(bool succeeded) noexcept {
  (succeeded ? reloads_ok_ : reloads_failed_)
      .fetch_add(1, std::memory_order_relaxed);
}

RuleCounterIndex Metrics::register_rules(const RuleSet& rules) {
  RuleCounterIndex index;
  std::lock_guard lock(rules_mutex_);
  for (const Rule& rule : rules.rules) {
    auto& counter = rules_[rule.id];
    if (!counter) {
      counter = std::make_unique<RuleCounter>();
      counter->rule = rule.id;
    }
    // A reload may move a rule to another category or action.
    counter->category = to_string(rule.category);
    counter->action = to_string(rule.action);
    index.emplace(rule.id, counter.get());
  }
  return index;
}

std::string Metrics::render(const RuleSetInfo* rules) const {
  std::string out;
  out.reserve(8192);

  append_header(out, "modfilter_http_requests_total", "counter",
                "HTTP requests by endpoint and status code.");
  for (std::size_t e = 0; e < kEndpointCount; ++e) {
    for (std::size_t s = 0; s < kStatusCount; ++s) {
      const std::uint64_t n = load(requests_[e][s]);
      if (n == 0) continue;
      out += "modfilter_http_requests_total{endpoint=\"";
      out += to_string(static_cast<Endpoint>(e));
      out += "\",code=\"";
      if (kStatuses[s] == 0) {
        out += "other";
      } else {
        append_number(out, static_cast<std::uint64_t>(kStatuses[s]));
      }
      out += "\"} ";
      append_number(out, n);
      out += '\n';
    }
  }

  append_header(out, "modfilter_http_request_duration_seconds", "histogram",
                "Time from reading a request's body to its response.");
  for (std::size_t e = 0; e < kEndpointCount; ++e) {
    const Latency& latency = latency_[e];
    const std::uint64_t count = load(latency.count);
    if (count == 0) continue;
    const char* name = to_string(static_cast<Endpoint>(e));
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBucketCount; ++b) {
      cumulative += load(latency.buckets[b]);
      out += "modfilter_http_request_duration_seconds_bucket{endpoint=\"";
      out += name;
      out += "\",le=\"";
      if (b < kBuckets.size()) {
        append_number(out, kBuckets[b]);
      } else {
        out += "+Inf";
      }
      out += "\"} ";
      append_number(out, cumulative);
      out += '\n';
    }
    out += "modfilter_http_request_duration_seconds_sum{endpoint=\"";
    out += name;
    out += "\"} ";
    append_number(out, static_cast<double>(load(latency.nanoseconds)) / 1e9);
    out += "\nmodfilter_http_request_duration_seconds_count{endpoint=\"";
    out += name;
    out += "\"} ";
    append_number(out, count);
    out += '\n';
  }

  append_header(out, "modfilter_comments_screened_total", "counter",
                "Comments screened, over every endpoint.");
  out += "modfilter_comments_screened_total ";
  append_number(out, load(comments_));
  out += '\n';

  append_header(out, "modfilter_verdicts_total", "counter",
                "Comments by verdict.");
  for (std::size_t d = 0; d < kDecisions.size(); ++d) {
    out += "modfilter_verdicts_total{verdict=\"";
    out += kDecisions[d];
    out += "\"} ";
    append_number(out, load(decisions_[d]));
    out += '\n';
  }

  append_header(out, "modfilter_category_hits_total", "counter",
                "Comments in which a rule of the category fired.");
  for (std::size_t c = 0; c < kCategories.size(); ++c) {
    out += "modfilter_category_hits_total{category=\"";
    out += kCategories[c];
    out += "\"} ";
    append_number(out, load(categories_[c]));
    out += '\n';
  }

  append_header(out, "modfilter_rule_hits_total", "counter",
                "Comments in which the rule fired.");
  {
    std::lock_guard lock(rules_mutex_);
    for (const auto& [id, counter] : rules_) {
      out += "modfilter_rule_hits_total{rule=";
      append_label(out, counter->rule);
      out += ",category=";
      append_label(out, counter->category);
      out += ",action=";
      append_label(out, counter->action);
      out += "} ";
      append_number(out, load(counter->hits));
      out += '\n';
    }
  }

  append_header(out, "modfilter_reloads_total", "counter",
                "Rule set reloads (SIGHUP or /v1/admin/reload) by result.");
  out += "modfilter_reloads_total{result=\"success\"} ";
  append_number(out, load(reloads_ok_));
  out += "\nmodfilter_reloads_total{result=\"failure\"} ";
  append_number(out, load(reloads_failed_));
  out += '\n';

  if (rules != nullptr) {
    append_header(out, "modfilter_ruleset_info", "gauge",
                  "The rule set in use (always 1): its id and content hash.");
    out += "modfilter_ruleset_info{ruleset=";
    append_label(out, rules->id);
    out += ",hash=";
    append_label(out, rules->hash);
    out += "} 1\n";
    append_header(out, "modfilter_ruleset_loaded_timestamp_seconds", "gauge",
                  "When the rule set in use was loaded (Unix time).");
    out += "modfilter_ruleset_loaded_timestamp_seconds ";
    append_number(out, rules->loaded_at);
    out += '\n';
    append_header(out, "modfilter_ruleset_load_duration_seconds", "gauge",
                  "How long loading and compiling the rule set in use took.");
    out += "modfilter_ruleset_load_duration_seconds ";
    append_number(out, rules->load_seconds);
    out += '\n';
  }
  return out;
}

MetricsSummary Metrics::summary() const noexcept {
  MetricsSummary summary;
  for (const auto& by_status : requests_) {
    for (std::size_t s = 0; s < kStatusCount; ++s) {
      const std::uint64_t n = load(by_status[s]);
      summary.requests += n;
      if (kStatuses[s] >= 400) summary.errors += n;
    }
  }
  summary.comments = load(comments_);
  summary.approve = load(decisions_[0]);
  summary.review = load(decisions_[1]);
  summary.reject = load(decisions_[2]);
  return summary;
}

}  // namespace modfilter::service
