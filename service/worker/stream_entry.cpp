#include "service/worker/stream_entry.h"

#include <charconv>
#include <unordered_map>

namespace modfilter::worker {
namespace {

// [id, [field, value, ...]] or [id, nil] for a deleted pending entry.
StreamEntry parse_entry(ReplyView node, const std::string& stream) {
  StreamEntry entry;
  entry.stream = stream;
  entry.id = std::string(node[0].str());
  const ReplyView fields = node[1];
  if (!fields.is_array()) {
    entry.deleted = true;
    return entry;
  }
  entry.fields.reserve(fields.size() / 2);
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
    entry.fields.emplace_back(fields[i].str(), fields[i + 1].str());
  }
  return entry;
}

}  // namespace

const std::string* StreamEntry::field(std::string_view name) const noexcept {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

void append_read_entries(ReplyView reply, std::vector<StreamEntry>& out) {
  for (std::size_t s = 0; s < reply.size(); ++s) {
    const ReplyView stream = reply[s];
    const std::string name(stream[0].str());
    const ReplyView entries = stream[1];
    for (std::size_t e = 0; e < entries.size(); ++e) {
      out.push_back(parse_entry(entries[e], name));
    }
  }
}

std::string append_claimed_entries(ReplyView reply, const std::string& stream,
                                   std::vector<StreamEntry>& out) {
  const ReplyView entries = reply[1];
  for (std::size_t e = 0; e < entries.size(); ++e) {
    out.push_back(parse_entry(entries[e], stream));
  }
  // Redis 7 lists the claimed ids whose entries no longer exist apart;
  // they were removed from the pending list, nothing to acknowledge.
  return std::string(reply[0].str());
}

void apply_delivery_counts(ReplyView reply, const std::string& stream,
                           std::vector<StreamEntry>& entries) {
  std::unordered_map<std::string_view, long long> counts;
  for (std::size_t i = 0; i < reply.size(); ++i) {
    counts.emplace(reply[i][0].str(), reply[i][3].integer());
  }
  for (StreamEntry& entry : entries) {
    if (entry.stream != stream) continue;
    if (auto it = counts.find(entry.id); it != counts.end()) {
      entry.deliveries = it->second;
    }
  }
}

long long entry_id_ms(std::string_view id) noexcept {
  long long ms = -1;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), ms);
  if (ec != std::errc() || (end != id.data() + id.size() && *end != '-')) {
    return -1;
  }
  return ms;
}

}  // namespace modfilter::worker
