// Timing a screening function over a corpus: throughput on N threads
// (repeated passes until a minimum time, so short corpora still give stable
// figures) and per-comment latency percentiles on one thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "engine/bench/corpus.h"

namespace modfilter {

struct Throughput {
  std::string name;
  unsigned threads = 1;
  std::size_t passes = 0;
  double seconds = 0;
  std::size_t comments = 0;  // screened, over all passes
  std::size_t bytes = 0;     // over all passes
  std::size_t matches = 0;   // what fn returned, one pass (a sanity check)
  double comments_per_second() const {
    return seconds > 0 ? static_cast<double>(comments) / seconds : 0;
  }
  double mb_per_second() const {
    return seconds > 0 ? static_cast<double>(bytes) / seconds / 1e6 : 0;
  }
};

struct Latency {
  double p50_us = 0, p99_us = 0, max_us = 0;
};

// fn(index of the comment, worker) screens corpus.texts[index] and returns a
// count of what it found. Workers split the corpus into contiguous slices.
using ScreenFn = std::function<std::size_t(std::size_t, unsigned)>;

Throughput measure_throughput(std::string name, const Corpus& corpus,
                              unsigned threads, double min_seconds,
                              const ScreenFn& fn);

Latency measure_latency(const Corpus& corpus, const ScreenFn& fn);

// Peak resident memory of this process so far, in bytes.
std::size_t peak_memory_bytes();

}  // namespace modfilter
