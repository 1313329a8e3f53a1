// WorkerPool: a fixed set of threads that split a range of work items into
// contiguous slices, one per worker, so that per-worker outputs concatenated
// in worker order keep the input order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace modfilter {

class WorkerPool {
 public:
  // Called with [begin, end) and the worker's index.
  using Job = std::function<void(std::size_t begin, std::size_t end,
                                 unsigned worker)>;

  explicit WorkerPool(unsigned workers);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  unsigned size() const noexcept { return static_cast<unsigned>(threads_.size()); }

  // Starts `job` over [0, n) and returns at once; wait() blocks until every
  // worker is done. One job at a time.
  void start(std::size_t n, Job job);
  void wait();

 private:
  void loop(unsigned worker);

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  Job job_;
  std::size_t n_ = 0;
  std::uint64_t generation_ = 0;
  unsigned running_ = 0;
  bool stopping_ = false;
};

}  // namespace modfilter
