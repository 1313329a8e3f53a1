// collect: reads a verdict stream (or a dead-letter stream) back as JSON
// Lines, and measures what a benchmark needs: duplicates (the same input
// entry published twice, which at-least-once delivery allows after a
// crash) and the end-to-end latency of each verdict, from the input
// entry's id (the time Redis took it) to the verdict entry's id (the time
// Redis took the verdict), both in milliseconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <string_view>

#include "engine/core/error.h"
#include "service/worker/redis_address.h"

namespace modfilter::worker {

// Defaults in parentheses.
//   from          ("0")    read entries after this id; "0": from the start
//   count         (0)      stop after this many entries; 0: no limit
//   idle          (2 s)    stop when no entry came for this long
struct CollectOptions {
  RedisAddress redis;
  std::string stream;
  std::string from = "0";
  std::uint64_t count = 0;
  std::chrono::milliseconds idle{2000};
};

struct CollectStats {
  std::uint64_t entries = 0;
  std::uint64_t duplicates = 0;  // entries naming an input entry seen before
  // Milliseconds from input entry to verdict; -1 without entries naming one.
  long long latency_p50 = -1, latency_p99 = -1, latency_max = -1;
  // The first and last verdict's time (entry id), Unix milliseconds.
  long long first_ms = -1, last_ms = -1;
};

// Reads entries and hands each to `emit` as one JSON object (no newline):
// the "json" field of a verdict entry, or else every field as a string.
std::expected<CollectStats, Error> collect(
    const CollectOptions& options,
    const std::function<void(std::string_view)>& emit);

}  // namespace modfilter::worker
