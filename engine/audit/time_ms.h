// Times in the audit store: Unix milliseconds, UTC, and how they print.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace modfilter {

inline std::int64_t to_unix_ms(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             time.time_since_epoch())
      .count();
}

// "2024-05-01 09:30:00" (UTC).
std::string format_utc(std::int64_t unix_ms);

}  // namespace modfilter
