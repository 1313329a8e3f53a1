// Limits shared by every way a comment comes in (scan's readers, check,
// serve), so that one comment gets the same treatment whichever way it
// arrives.
#pragma once

#include <cstddef>

namespace modfilter {

// The largest comment screened, in bytes of its text (after JSON
// unescaping). Far above any real comment (news sites cap theirs at a few
// KiB), so only a mistake or an attack meets it; 16 MiB screens in well
// under a second, and keeps what one request or line can make the process
// hold bounded. `--max-text-bytes` changes it.
inline constexpr std::size_t kDefaultMaxTextBytes = 16u << 20;

// The most `--max-text-bytes` may be: SQLite refuses a value over 1 GB,
// and the audit store keeps each comment whole.
inline constexpr std::size_t kMaxTextBytesCeiling = 256u << 20;

}  // namespace modfilter
