// What the worker writes for an input entry: the verdict record (what
// `modfilter scan` writes for the same comment, plus where it came from)
// or, for an entry that is not a screenable comment, the reason it goes to
// the dead-letter stream.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "service/worker/stream_entry.h"

namespace modfilter::worker {

struct EntryLimits {
  std::string text_field = "text";
  std::size_t max_text_bytes = 64u << 10;
  long long max_deliveries = 5;
};

// Why `entry` cannot be screened (no text field, text not UTF-8, text over
// the size limit, delivered more than max_deliveries times), or nullopt.
std::optional<std::string> poison_reason(const StreamEntry& entry,
                                         const EntryLimits& limits);

// Appends the members that open the entry's verdict record (no braces,
// no trailing comma): the entry's fields as JSON strings (those a verdict
// adds left out, as scan does), then "stream" and "entry" naming the input
// entry so that consumers can deduplicate. The verdict writer adds the
// verdict's members after them, exactly as scan writes them.
void append_entry_members(std::string& out, const StreamEntry& entry);

}  // namespace modfilter::worker
