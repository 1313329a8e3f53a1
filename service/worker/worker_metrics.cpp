#include "service/worker/worker_metrics.h"

#include <string_view>

#include "service/common/prometheus_text.h"

namespace modfilter::worker {
namespace {

using service::append_header;
using service::append_label;
using service::append_number;
using service::append_sample;

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
  append_header(out, "modfilter_worker_entries_total", "counter",
                "Input entries acknowledged, by outcome.");
  append_sample(out, "modfilter_worker_entries_total", "outcome", "screened",
                get(screened_));
  append_sample(out, "modfilter_worker_entries_total", "outcome",
                "dead_letter", get(dead_letter_));
  append_sample(out, "modfilter_worker_entries_total", "outcome", "deleted",
                get(deleted_));
  append_header(out, "modfilter_worker_batches_total", "counter",
                "Batches written and acknowledged in one MULTI/EXEC.");
  append_sample(out, "modfilter_worker_batches_total", "", "", get(batches_));
  append_header(out, "modfilter_worker_claimed_total", "counter",
                "Entries taken over from idle consumers with XAUTOCLAIM.");
  append_sample(out, "modfilter_worker_claimed_total", "", "", get(claimed_));
  append_header(out, "modfilter_worker_reconnects_total", "counter",
                "Connections to Redis lost and made again.");
  append_sample(out, "modfilter_worker_reconnects_total", "", "",
                get(reconnects_));
  append_header(out, "modfilter_worker_seconds_total", "counter",
                "Time spent reading entries (XREADGROUP and XAUTOCLAIM, "
                "waiting included), screening, formatting verdict records "
                "and commands, and writing (MULTI/EXEC).");
  constexpr std::array<std::string_view, 4> kPhases = {"read", "screen",
                                                       "format", "write"};
  for (std::size_t p = 0; p < kPhases.size(); ++p) {
    append_sample(out, "modfilter_worker_seconds_total", "phase", kPhases[p],
                  seconds(static_cast<Phase>(p)));
  }
  // Gauges that may be -1 (unknown) are written through a double.
  append_header(out, "modfilter_worker_stream_lag", "gauge",
                "Entries of the stream not yet delivered to the group "
                "(XINFO GROUPS lag; -1 when unknown).");
  for (const StreamGauges& s : streams_) {
    append_sample(out, "modfilter_worker_stream_lag", "stream", s.stream,
                  static_cast<double>(s.lag.load(std::memory_order_relaxed)));
  }
  append_header(out, "modfilter_worker_stream_pending", "gauge",
                "Entries delivered to the group and not yet acknowledged.");
  for (const StreamGauges& s : streams_) {
    append_sample(
        out, "modfilter_worker_stream_pending", "stream", s.stream,
        static_cast<double>(s.pending.load(std::memory_order_relaxed)));
  }
}

}  // namespace modfilter::worker
