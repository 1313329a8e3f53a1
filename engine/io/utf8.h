// UTF-8 checks for what we write: JSON output must be valid UTF-8 whatever
// bytes came in.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace modfilter {

// Length of the well-formed UTF-8 sequence starting at s[i] (1 for ASCII),
// or 0 when the bytes there are not UTF-8.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept;

// Replaces every byte that is not part of well-formed UTF-8 with U+FFFD.
// Returns false when `s` was already valid (and is unchanged).
bool repair_utf8(std::string& s);

}  // namespace modfilter
