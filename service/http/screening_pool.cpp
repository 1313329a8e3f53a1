#include "service/http/screening_pool.h"

#include <algorithm>

namespace modfilter::http {

ScreeningPool::ScreeningPool(std::size_t threads, std::size_t max_queue)
    : max_queue_(std::max<std::size_t>(max_queue, 1)) {
  threads = std::max<std::size_t>(threads, 1);
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { run(); });
  }
}

ScreeningPool::~ScreeningPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& thread : threads_) thread.join();
}

bool ScreeningPool::try_post(std::move_only_function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (tasks_.size() >= max_queue_) return false;
    tasks_.push_back(std::move(task));
  }
  ready_.notify_one();
  return true;
}

std::size_t ScreeningPool::queued() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

void ScreeningPool::run() {
  for (;;) {
    std::move_only_function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

}  // namespace modfilter::http
