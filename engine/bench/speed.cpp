#include "engine/bench/speed.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace modfilter {
namespace {

using Clock = std::chrono::steady_clock;

std::size_t one_pass(const Corpus& corpus, unsigned worker, unsigned workers,
                     const ScreenFn& fn) {
  const std::size_t n = corpus.texts.size();
  const std::size_t begin = n * worker / workers;
  const std::size_t end = n * (worker + 1) / workers;
  std::size_t matches = 0;
  for (std::size_t i = begin; i < end; ++i) matches += fn(i, worker);
  return matches;
}

}  // namespace

Throughput measure_throughput(std::string name, const Corpus& corpus,
                              unsigned threads, double min_seconds,
                              const ScreenFn& fn) {
  Throughput result;
  result.name = std::move(name);
  result.threads = threads;
  // A warm-up pass: scratch space, thread-local buffers, caches.
  std::vector<std::size_t> matches(threads, 0);
  {
    std::vector<std::thread> pool;
    for (unsigned w = 0; w < threads; ++w) {
      pool.emplace_back([&, w] { matches[w] = one_pass(corpus, w, threads, fn); });
    }
    for (auto& t : pool) t.join();
  }
  for (std::size_t m : matches) result.matches += m;

  std::atomic<bool> stop{false};
  std::vector<std::size_t> passes(threads, 0);
  const auto start = Clock::now();
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < threads; ++w) {
    pool.emplace_back([&, w] {
      do {
        one_pass(corpus, w, threads, fn);
        ++passes[w];
      } while (!stop.load(std::memory_order_relaxed));
    });
  }
  while (std::chrono::duration<double>(Clock::now() - start).count() <
         min_seconds) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  stop = true;
  for (auto& t : pool) t.join();
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  // Each worker screened its own slice `passes[w]` times.
  const std::size_t n = corpus.texts.size();
  for (unsigned w = 0; w < threads; ++w) {
    const std::size_t begin = n * w / threads;
    const std::size_t end = n * (w + 1) / threads;
    std::size_t slice_bytes = 0;
    for (std::size_t i = begin; i < end; ++i) {
      slice_bytes += corpus.texts[i].size();
    }
    result.comments += (end - begin) * passes[w];
    result.bytes += slice_bytes * passes[w];
  }
  result.passes = *std::ranges::min_element(passes);
  return result;
}

Latency measure_latency(const Corpus& corpus, const ScreenFn& fn) {
  std::vector<double> us;
  us.reserve(corpus.texts.size());
  for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
    const auto start = Clock::now();
    fn(i, 0);
    us.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  Latency latency;
  if (us.empty()) return latency;
  std::ranges::sort(us);
  latency.p50_us = us[us.size() / 2];
  latency.p99_us = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  latency.max_us = us.back();
  return latency;
}

std::size_t peak_memory_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;
}

}  // namespace modfilter
