// Byte offsets in UTF-8 text -> UTF-16 code unit offsets, the way
// Perspective (and JavaScript) count positions in a comment.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace modfilter::http {

// Rewrites each byte offset into `text` as the number of UTF-16 code units
// before it: 2 for a character above U+FFFF (emoji), 1 for any other, and
// 1 for a byte that is not UTF-8 (it reads as U+FFFD). An offset inside a
// character maps to that character's start. One pass over the text,
// whatever the number and order of the offsets.
void to_utf16_offsets(std::string_view text, std::span<std::uint32_t> offsets);

}  // namespace modfilter::http
