// CommentReader: comments from JSON Lines, CSV or plain text, one record at a
// time, in input order. A record that cannot be read (not JSON, no text
// field, too large) comes back with `error` set and its line number, and the
// reader goes on with the next one: one bad line never loses the others.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.h"

namespace modfilter {

enum class InputFormat : std::uint8_t { kJsonLines, kCsv, kText };

struct ReaderOptions {
  InputFormat format = InputFormat::kJsonLines;  // (jsonl)
  std::string text_field = "text";               // ("text") jsonl, csv
  std::string id_field = "id";                   // ("id") jsonl, csv
  std::string lang_field;                        // ("") jsonl, csv: the
                                                 // comment's language codes
  std::size_t max_text_bytes = 64u << 20;        // (64 MiB) larger: error
};

struct InputRecord {
  std::uint64_t line = 0;      // 1-based line where the record starts
  std::string_view text;       // the comment (unescaped)
  std::string id_json;         // the id as JSON ("\"c1\"", 17), or empty
  std::string id;              // the same id as plain text (c1, 17)
  std::string_view lang;       // ReaderOptions::lang_field's value, or empty
  // JSON Lines: the input object's members as written, without braces and
  // without the keys a verdict adds (verdict, reasons, ruleset), so the
  // output object passes every other field through untouched. CSV: the
  // row's columns as JSON members. Text: empty.
  std::string members_json;
  std::optional<Error> error;  // set when the record could not be read
};

class CommentReader {
 public:
  // `source` names the input in error messages ("-" for stdin).
  CommentReader(std::istream& in, std::string source, ReaderOptions options);
  ~CommentReader();
  CommentReader(const CommentReader&) = delete;
  CommentReader& operator=(const CommentReader&) = delete;

  // Reads the next record into `record` (reusing its buffers); false at the
  // end of the input. Views in `record` stay valid until the next call.
  bool next(InputRecord& record);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::optional<InputFormat> parse_input_format(std::string_view name) noexcept;

}  // namespace modfilter
