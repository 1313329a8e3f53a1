#include "engine/audit/time_ms.h"

#include <ctime>

namespace modfilter {

std::string format_utc(std::int64_t unix_ms) {
  // Floor division, so times before 1970 do not round toward zero.
  std::int64_t seconds = unix_ms / 1000;
  if (unix_ms % 1000 < 0) --seconds;
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return std::string(buf, n);
}

}  // namespace modfilter
