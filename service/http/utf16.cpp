#include "service/http/utf16.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "engine/core/utf8.h"

namespace modfilter::http {

void to_utf16_offsets(std::string_view text, std::span<std::uint32_t> offsets) {
  std::vector<std::size_t> order(offsets.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return offsets[a] < offsets[b];
  });
  std::size_t byte = 0;
  std::uint32_t units = 0;
  for (std::size_t i : order) {
    const std::size_t target = std::min<std::size_t>(offsets[i], text.size());
    while (byte < text.size()) {
      const std::size_t length =
          std::max<std::size_t>(utf8_sequence_length(text, byte), 1);
      if (byte + length > target) break;
      byte += length;
      units += length == 4 ? 2 : 1;
    }
    offsets[i] = units;
  }
}

}  // namespace modfilter::http
