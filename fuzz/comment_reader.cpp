// Fuzz target: the comment readers (JSON Lines, CSV, plain text). The first
// input byte picks the format and a small or the default size limit; the
// rest is the input stream. Every record is read or refused with its line
// number, line numbers never go backwards, the reader always reaches the
// end, and each record written back as a verdict object is valid JSON.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "engine/io/comment_reader.h"
#include "engine/io/json_writer.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  modfilter::ReaderOptions options;
  options.format = static_cast<modfilter::InputFormat>(data[0] % 3);
  if (data[0] & 0x4) options.max_text_bytes = 16;
  if (data[0] & 0x8) options.text_field = "body";
  std::istringstream in(
      std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  modfilter::CommentReader reader(in, "fuzz", options);

  modfilter::InputRecord record;
  modfilter::Verdict approved;
  simdjson::dom::parser parser;
  std::uint64_t last_line = 0;
  std::size_t records = 0;
  while (reader.next(record)) {
    ++records;
    FUZZ_CHECK(records <= size + 1, "a record consumes input");
    FUZZ_CHECK(record.line >= 1 && record.line >= last_line,
               "line numbers never go backwards");
    last_line = record.line;
    if (record.error) {
      FUZZ_CHECK(!record.error->message.empty(), "a refusal says why");
      continue;
    }
    FUZZ_CHECK(record.text.size() <= options.max_text_bytes,
               "the size limit holds");
    std::string json = "{";
    if (!record.members_json.empty()) {
      json += record.members_json;
      json += ',';
    }
    modfilter::append_verdict_members(json, approved, record.text);
    json += '}';
    FUZZ_CHECK(!parser.parse(json).error(), "the output is valid JSON");
  }
  return 0;
}
