#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "engine/io/worker_pool.h"

using modfilter::WorkerPool;

TEST_CASE("a worker pool runs every item once, in slices of the given "
          "bounds, job after job", "[io][pool]") {
  WorkerPool pool(3);
  for (const std::size_t n : {0, 1, 63, 64, 65, 1000}) {
    CAPTURE(n);
    std::vector<std::atomic<int>> runs(n);
    std::atomic<bool> bounds_ok{true};
    pool.start(n, 64, [&](std::size_t begin, std::size_t end, unsigned worker) {
      if (begin % 64 != 0 || end > n || end - begin > 64 || begin >= end ||
          (end != n && end - begin != 64) || worker >= 3) {
        bounds_ok = false;
      }
      for (std::size_t i = begin; i < end; ++i) ++runs[i];
    });
    pool.wait();
    CHECK(bounds_ok);
    for (const auto& r : runs) CHECK(r == 1);
  }
}

TEST_CASE("a worker pool's idle workers take the slices a busy one has not "
          "reached", "[io][pool]") {
  WorkerPool pool(2);
  std::atomic<bool> release{false};
  std::atomic<int> others{0};
  pool.start(10, 1, [&](std::size_t begin, std::size_t, unsigned) {
    if (begin == 0) {
      // Held until the other worker has done every other slice (or, when
      // slices are not shared, until a deadline, so the test fails rather
      // than hangs).
      const auto deadline =
          std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (!release && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::yield();
      }
    } else if (++others == 9) {
      release = true;
    }
  });
  pool.wait();
  CHECK(release);
}
