#include "engine/io/worker_pool.h"

#include <algorithm>

#include "engine/core/assert.h"

namespace modfilter {

WorkerPool::WorkerPool(unsigned workers) {
  MODFILTER_ASSERT(workers > 0);
  for (unsigned w = 0; w < workers; ++w) {
    threads_.emplace_back([this, w] { loop(w); });
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::start(std::size_t n, std::size_t slice, Job job) {
  MODFILTER_ASSERT(slice > 0);
  std::lock_guard lock(mutex_);
  MODFILTER_ASSERT(running_ == 0);
  job_ = std::move(job);
  n_ = n;
  slice_ = slice;
  next_slice_.store(0, std::memory_order_relaxed);
  running_ = size();
  ++generation_;
  wake_.notify_all();
}

void WorkerPool::wait() {
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return running_ == 0; });
}

void WorkerPool::loop(unsigned worker) {
  std::uint64_t seen = 0;
  for (;;) {
    std::size_t n = 0, slice = 1;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
      if (stopping_) return;
      seen = generation_;
      n = n_;
      slice = slice_;
    }
    for (;;) {
      const std::size_t begin =
          next_slice_.fetch_add(1, std::memory_order_relaxed) * slice;
      if (begin >= n) break;
      job_(begin, std::min(n, begin + slice), worker);
    }
    {
      std::lock_guard lock(mutex_);
      if (--running_ == 0) done_.notify_all();
    }
  }
}

}  // namespace modfilter
