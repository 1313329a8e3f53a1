// RedisAddress: where the worker, enqueue and collect find Redis, parsed
// from a `redis://HOST:PORT[/DB]` URL.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "engine/core/error.h"

namespace modfilter::worker {

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  int db = 0;  // selected after connecting when not 0

  // "HOST:PORT/DB", for log lines and error messages.
  std::string to_string() const;
};

// Parses `redis://HOST[:PORT][/DB]`; HOST may be an IPv6 address in
// brackets. The error says what is wrong and shows the expected form.
std::expected<RedisAddress, Error> parse_redis_url(std::string_view url);

}  // namespace modfilter::worker
