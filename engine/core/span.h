// ByteSpan: a half-open range [begin, end) of byte offsets.
#pragma once

#include <cstdint>

namespace modfilter {

struct ByteSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  std::uint32_t size() const noexcept { return end - begin; }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

}  // namespace modfilter
