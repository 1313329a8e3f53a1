// WorkerMetrics: what `modfilter worker` counts beyond the screening
// metrics it shares with serve (service/common/metrics.h): entries by
// outcome, claims, reconnects, where the time goes, and each input
// stream's lag and pending count as last seen by XINFO GROUPS. Updated
// by the worker's thread, read by the metrics listener's: relaxed atomics.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace modfilter::worker {

struct StreamGauges {
  std::string stream;
  std::atomic<std::int64_t> lag{-1};      // entries not yet delivered; -1: unknown
  std::atomic<std::int64_t> pending{-1};  // delivered, not acknowledged
};

class WorkerMetrics {
 public:
  explicit WorkerMetrics(const std::vector<std::string>& streams);
  WorkerMetrics(const WorkerMetrics&) = delete;
  WorkerMetrics& operator=(const WorkerMetrics&) = delete;

  // Where a batch's time went: reading entries, screening them (the
  // engine alone), formatting (checks, verdict records, commands, audit),
  // writing (MULTI/EXEC).
  enum class Phase : std::uint8_t { kRead, kScreen, kFormat, kWrite };

  void add_time(Phase phase, std::chrono::nanoseconds elapsed) noexcept;
  void count_batch() noexcept { inc(batches_); }
  void count_screened(std::uint64_t n) noexcept { inc(screened_, n); }
  void count_dead_letter() noexcept { inc(dead_letter_); }
  void count_deleted() noexcept { inc(deleted_); }
  void count_claimed(std::uint64_t n) noexcept { inc(claimed_, n); }
  void count_reconnect() noexcept { inc(reconnects_); }
  std::vector<StreamGauges>& streams() noexcept { return streams_; }

  std::uint64_t screened() const noexcept { return get(screened_); }
  std::uint64_t dead_letter() const noexcept { return get(dead_letter_); }
  std::uint64_t claimed() const noexcept { return get(claimed_); }
  std::uint64_t reconnects() const noexcept { return get(reconnects_); }
  double seconds(Phase phase) const noexcept;

  // Prometheus text exposition, appended after the shared metrics.
  void render(std::string& out) const;

 private:
  static void inc(std::atomic<std::uint64_t>& c, std::uint64_t n = 1) noexcept {
    c.fetch_add(n, std::memory_order_relaxed);
  }
  static std::uint64_t get(const std::atomic<std::uint64_t>& c) noexcept {
    return c.load(std::memory_order_relaxed);
  }

  std::atomic<std::uint64_t> batches_{0}, screened_{0}, dead_letter_{0},
      deleted_{0}, claimed_{0}, reconnects_{0};
  std::array<std::atomic<std::uint64_t>, 4> nanoseconds_{};
  std::vector<StreamGauges> streams_;
};

}  // namespace modfilter::worker
