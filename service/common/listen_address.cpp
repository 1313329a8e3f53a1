#include "service/common/listen_address.h"

#include <charconv>

namespace modfilter::service {

bool parse_listen(const std::string& text, std::string& host, int& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string digits = text.substr(colon + 1);
  const auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), port);
  return ec == std::errc() && end == digits.data() + digits.size() &&
         port >= 0 && port <= 65535;
}

}  // namespace modfilter::service
