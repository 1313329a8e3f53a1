#include "service/worker/entry_record.h"

#include <array>

#include "engine/core/utf8.h"
#include "engine/io/json_writer.h"

namespace modfilter::worker {
namespace {

// Keys of the record that an input field must not repeat.
constexpr std::array<std::string_view, 5> kRecordKeys = {
    "stream", "entry", "verdict", "reasons", "ruleset"};

bool is_record_key(std::string_view key) {
  for (std::string_view k : kRecordKeys) {
    if (k == key) return true;
  }
  return false;
}

// The offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> poison_reason(const StreamEntry& entry,
                                         const EntryLimits& limits) {
  if (entry.deliveries > limits.max_deliveries) {
    return "delivered " + std::to_string(entry.deliveries) +
           " times, more than --max-deliveries " +
           std::to_string(limits.max_deliveries);
  }
  const std::string* text = entry.field(limits.text_field);
  if (text == nullptr) {
    return "no \"" + limits.text_field + "\" field";
  }
  if (text->size() > limits.max_text_bytes) {
    return "the text is " + std::to_string(text->size()) +
           " bytes, more than --max-text-bytes " +
           std::to_string(limits.max_text_bytes);
  }
  if (const std::size_t bad = first_invalid_utf8(*text);
      bad != std::string_view::npos) {
    return "the text is not valid UTF-8 (byte " + std::to_string(bad) + ")";
  }
  return std::nullopt;
}

void append_entry_members(std::string& out, const StreamEntry& entry) {
  for (const auto& [key, value] : entry.fields) {
    if (is_record_key(key)) continue;
    append_json_string(out, key);
    out += ':';
    append_json_string(out, value);
    out += ',';
  }
  out += "\"stream\":";
  append_json_string(out, entry.stream);
  out += ",\"entry\":";
  append_json_string(out, entry.id);
}

}  // namespace modfilter::worker
