#include "engine/ruleset/content_hash.h"

namespace modfilter {

std::string ContentHash::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[(state_ >> (4 * (15 - i))) & 0xf];
  }
  return out;
}

}  // namespace modfilter
