// StreamEntry: one entry of an input stream as the worker received it, and
// the parsing of the replies that carry entries (XREADGROUP, XAUTOCLAIM).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "service/worker/redis_connection.h"

namespace modfilter::worker {

struct StreamEntry {
  std::string stream;
  std::string id;  // the entry id, "MS-SEQ"
  std::vector<std::pair<std::string, std::string>> fields;
  // Read from a pending list after the entry was deleted (XDEL, XTRIM):
  // there is nothing to screen, only to acknowledge.
  bool deleted = false;
  long long deliveries = 1;  // times Redis handed it out, this one included

  // The value of `name`, or null when the entry has no such field.
  const std::string* field(std::string_view name) const noexcept;
};

// Appends the entries of an XREADGROUP/XREAD reply ([[stream, [[id,
// [field, value, ...]], ...]], ...], or nil when BLOCK timed out).
void append_read_entries(ReplyView reply, std::vector<StreamEntry>& out);

// Appends the entries of an XAUTOCLAIM reply on `stream` ([cursor,
// [[id, fields], ...], [deleted ids]]) and returns the next cursor.
std::string append_claimed_entries(ReplyView reply, const std::string& stream,
                                   std::vector<StreamEntry>& out);

// The delivery counts in an extended XPENDING reply ([[id, consumer,
// idle, deliveries], ...]) copied to the matching entries of `entries`.
void apply_delivery_counts(ReplyView reply, const std::string& stream,
                           std::vector<StreamEntry>& entries);

// The milliseconds part of an entry id ("1700000000000-3" -> 1700000000000),
// the time Redis gave it when the id was generated; -1 when malformed.
long long entry_id_ms(std::string_view id) noexcept;

}  // namespace modfilter::worker
