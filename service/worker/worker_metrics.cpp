#include "service/worker/worker_metrics.h"

#include <string_view>

namespace modfilter::worker {
namespace {

void append_metric(std::string& out, std::string_view name,
                   std::string_view type, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void append_sample(std::string& out, std::string_view name,
                   std::string_view labels, std::string value) {
  out += name;
  if (!labels.empty()) {
    out += '{';
    out += labels;
    out += '}';
  }
  out += ' ';
  out += value;
  out += '\n';
}

// A stream name as a label value; stream names are plain keys, but a
// quote or backslash must not break the exposition.
std::string stream_label(std::string_view stream) {
  std::string out = "stream=\"";
  for (char c : stream) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

WorkerMetrics::WorkerMetrics(const std::vector<std::string>& streams)
    : streams_(streams.size()) {
  for (std::size_t i = 0; i < streams.size(); ++i) {
    streams_[i].stream = streams[i];
  }
}

void WorkerMetrics::add_time(Phase phase,
                             std::chrono::nanoseconds elapsed) noexcept {
  nanoseconds_[static_cast<std::size_t>(phase)].fetch_add(
      static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

double WorkerMetrics::seconds(Phase phase) const noexcept {
  return static_cast<double>(get(nanoseconds_[static_cast<std::size_t>(phase)])) /
         1e9;
}

void WorkerMetrics::render(std::string& out) const {
  append_metric(out, "modfilter_worker_entries_total", "counter",
                "Input entries acknowledged, by outcome.");
  append_sample(out, "modfilter_worker_entries_total", "outcome=\"screened\"",
                std::to_string(get(screened_)));
  append_sample(out, "modfilter_worker_entries_total",
                "outcome=\"dead_letter\"", std::to_string(get(dead_letter_)));
  append_sample(out, "modfilter_worker_entries_total", "outcome=\"deleted\"",
                std::to_string(get(deleted_)));
  append_metric(out, "modfilter_worker_batches_total", "counter",
                "Batches written and acknowledged in one MULTI/EXEC.");
  append_sample(out, "modfilter_worker_batches_total", "",
                std::to_string(get(batches_)));
  append_metric(out, "modfilter_worker_claimed_total", "counter",
                "Entries taken over from idle consumers with XAUTOCLAIM.");
  append_sample(out, "modfilter_worker_claimed_total", "",
                std::to_string(get(claimed_)));
  append_metric(out, "modfilter_worker_reconnects_total", "counter",
                "Connections to Redis lost and made again.");
  append_sample(out, "modfilter_worker_reconnects_total", "",
                std::to_string(get(reconnects_)));
  append_metric(out, "modfilter_worker_seconds_total", "counter",
                "Time spent reading entries (XREADGROUP, XAUTOCLAIM), "
                "screening and formatting, and writing (MULTI/EXEC).");
  constexpr std::array<std::string_view, 3> kPhases = {"read", "screen",
                                                       "write"};
  for (std::size_t p = 0; p < kPhases.size(); ++p) {
    append_sample(out, "modfilter_worker_seconds_total",
                  "phase=\"" + std::string(kPhases[p]) + "\"",
                  std::to_string(seconds(static_cast<Phase>(p))));
  }
  append_metric(out, "modfilter_worker_stream_lag", "gauge",
                "Entries of the stream not yet delivered to the group "
                "(XINFO GROUPS lag; -1 when unknown).");
  for (const StreamGauges& s : streams_) {
    append_sample(out, "modfilter_worker_stream_lag", stream_label(s.stream),
                  std::to_string(s.lag.load(std::memory_order_relaxed)));
  }
  append_metric(out, "modfilter_worker_stream_pending", "gauge",
                "Entries delivered to the group and not yet acknowledged.");
  for (const StreamGauges& s : streams_) {
    append_sample(out, "modfilter_worker_stream_pending",
                  stream_label(s.stream),
                  std::to_string(s.pending.load(std::memory_order_relaxed)));
  }
}

}  // namespace modfilter::worker
