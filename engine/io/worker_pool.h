// WorkerPool: a fixed set of threads that share a range of work items in
// slices: each worker takes the next slice not yet taken until none is
// left, so a slow slice (long comments, or a worker the scheduler set
// aside on a shared machine) holds up no other work. Slices have fixed
// bounds, so per-slice outputs concatenated in slice order keep the input
// order.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace modfilter {

class WorkerPool {
 public:
  // Called with a slice [begin, end) and the index of the worker running it.
  using Job = std::function<void(std::size_t begin, std::size_t end,
                                 unsigned worker)>;

  explicit WorkerPool(unsigned workers);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  unsigned size() const noexcept { return static_cast<unsigned>(threads_.size()); }

  // Starts `job` over [0, n) in slices [k * slice, (k + 1) * slice) (the
  // last one shorter) and returns at once; wait() blocks until every slice
  // is done. One job at a time.
  void start(std::size_t n, std::size_t slice, Job job);
  void wait();

 private:
  void loop(unsigned worker);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  Job job_;
  std::size_t n_ = 0;
  std::size_t slice_ = 1;
  std::atomic<std::size_t> next_slice_{0};
  std::uint64_t generation_ = 0;
  unsigned running_ = 0;
  bool stopping_ = false;
};

}  // namespace modfilter
