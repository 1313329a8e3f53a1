#include "service/worker/redis_address.h"

#include <charconv>

namespace modfilter::worker {
namespace {

constexpr std::string_view kScheme = "redis://";

Error bad_url(std::string_view url, std::string message) {
  return Error{ErrorKind::kInput, "", 0, 0, "",
               "--redis " + std::string(url) + ": " + std::move(message),
               "write redis://HOST:PORT[/DB], e.g. redis://127.0.0.1:6379/0"};
}

bool parse_int(std::string_view digits, int max, int& out) {
  if (digits.empty()) return false;
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), out);
  return ec == std::errc() && end == digits.data() + digits.size() &&
         out >= 0 && out <= max;
}

}  // namespace

std::string RedisAddress::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/" +
         std::to_string(db);
}

std::expected<RedisAddress, Error> parse_redis_url(std::string_view url) {
  if (!url.starts_with(kScheme)) {
    return std::unexpected(bad_url(url, "the URL must start with redis://"));
  }
  std::string_view rest = url.substr(kScheme.size());
  if (rest.find('@') != std::string_view::npos) {
    return std::unexpected(
        bad_url(url, "user names and passwords in the URL are not supported"));
  }
  RedisAddress address;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    if (!parse_int(rest.substr(slash + 1), 1 << 20, address.db)) {
      return std::unexpected(
          bad_url(url, "the database after '/' must be a number"));
    }
    rest = rest.substr(0, slash);
  }
  std::string_view port;
  if (rest.starts_with('[')) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) {
      return std::unexpected(bad_url(url, "an IPv6 host lacks its ']'"));
    }
    address.host = std::string(rest.substr(1, close - 1));
    rest = rest.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) {
      return std::unexpected(bad_url(url, "expected ':' after the host"));
    }
    if (!rest.empty()) port = rest.substr(1);
  } else if (const auto colon = rest.find(':');
             colon != std::string_view::npos) {
    address.host = std::string(rest.substr(0, colon));
    port = rest.substr(colon + 1);
    if (port.empty()) {
      return std::unexpected(bad_url(url, "the port after ':' is missing"));
    }
  } else {
    address.host = std::string(rest);
  }
  if (address.host.empty()) {
    return std::unexpected(bad_url(url, "the host is missing"));
  }
  if (!port.empty() && (!parse_int(port, 65535, address.port) ||
                        address.port == 0)) {
    return std::unexpected(
        bad_url(url, "the port must be a number from 1 to 65535"));
  }
  return address;
}

}  // namespace modfilter::worker
