// ScreeningPool: the threads the handlers of `serve` that screen run on,
// behind a bounded queue, so that a burst waits a bounded time or is told
// to come back (503 + Retry-After) instead of growing latency without end.
// The I/O threads only read and write sockets.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace modfilter::http {

class ScreeningPool {
 public:
  // `threads` threads (at least one); at most `max_queue` tasks waiting.
  ScreeningPool(std::size_t threads, std::size_t max_queue);
  // Runs the tasks already queued, then joins.
  ~ScreeningPool();
  ScreeningPool(const ScreeningPool&) = delete;
  ScreeningPool& operator=(const ScreeningPool&) = delete;

  // Queues `task`; false (and `task` dropped) when the queue is full.
  bool try_post(std::move_only_function<void()> task);

  // Tasks waiting for a thread now.
  std::size_t queued() const;

 private:
  void run();

  const std::size_t max_queue_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::move_only_function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace modfilter::http
