// HttpMetrics: what the HTTP front end counts of its own defences, beside
// ScreenService's request metrics on GET /metrics: connections open and
// refused, deadlines that closed a connection, headers refused, requests
// turned away because the screening queue was full.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace modfilter::http {

enum class Refusal : std::uint8_t { kMaxConnections, kPerAddress };
enum class Deadline : std::uint8_t { kIdle, kHeader, kBody, kWrite };
enum class HeaderLimit : std::uint8_t { kBytes, kCount };

class HttpMetrics {
 public:
  void connection_opened() noexcept { add(open_, 1); }
  void connection_closed() noexcept { open_.fetch_sub(1, std::memory_order_relaxed); }
  void refused(Refusal why) noexcept { add(refused_[index(why)]); }
  void timed_out(Deadline which) noexcept { add(timeouts_[index(which)]); }
  void header_refused(HeaderLimit which) noexcept { add(headers_[index(which)]); }
  void queue_full() noexcept { add(queue_full_); }
  void set_queued(std::uint64_t n) noexcept { queued_.store(n, std::memory_order_relaxed); }

  std::uint64_t open() const noexcept { return open_.load(std::memory_order_relaxed); }
  std::uint64_t refusals(Refusal why) const noexcept {
    return refused_[index(why)].load(std::memory_order_relaxed);
  }
  std::uint64_t timeouts(Deadline which) const noexcept {
    return timeouts_[index(which)].load(std::memory_order_relaxed);
  }

  // The exposition text of these counters.
  void render(std::string& out) const;

 private:
  template <typename E>
  static constexpr std::size_t index(E e) noexcept {
    return static_cast<std::size_t>(e);
  }
  static void add(std::atomic<std::uint64_t>& c, std::uint64_t n = 1) noexcept {
    c.fetch_add(n, std::memory_order_relaxed);
  }

  std::atomic<std::uint64_t> open_{0};
  std::array<std::atomic<std::uint64_t>, 2> refused_{};
  std::array<std::atomic<std::uint64_t>, 4> timeouts_{};
  std::array<std::atomic<std::uint64_t>, 2> headers_{};
  std::atomic<std::uint64_t> queue_full_{0};
  std::atomic<std::uint64_t> queued_{0};
};

}  // namespace modfilter::http
