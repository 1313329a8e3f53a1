#include "engine/io/comment_reader.h"

#include <simdjson.h>

#include <algorithm>

#include "engine/core/utf8.h"
#include "engine/io/csv.h"
#include "engine/io/json_writer.h"

namespace modfilter {
namespace {

constexpr std::string_view kReservedKeys[] = {"verdict", "reasons", "ruleset"};

bool is_reserved(std::string_view key) {
  for (std::string_view k : kReservedKeys) {
    if (key == k) return true;
  }
  return false;
}

// Room in a JSON line for the other fields of a comment of the limit.
constexpr std::size_t kOtherFieldsBytes = 64u << 10;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

struct CommentReader::Impl {
  std::istream& in;
  std::string source;
  ReaderOptions options;
  std::uint64_t line_no = 0;
  std::string line;
  std::size_t line_bytes = 0;  // the whole line's, even when not all kept
  std::string text_buffer;  // CSV and text records own their text here
  simdjson::dom::parser parser;
  CsvParser csv;
  std::vector<std::string> header;
  std::vector<std::string> fields;
  std::ptrdiff_t text_column = -1;
  std::ptrdiff_t id_column = -1;
  std::ptrdiff_t lang_column = -1;

  Impl(std::istream& stream, std::string name, ReaderOptions opts)
      : in(stream), source(std::move(name)), options(std::move(opts)),
        csv(options.max_text_bytes + 1) {}

  Error error(std::string message, std::string hint = {}) const {
    return Error{ErrorKind::kInput, source, static_cast<int>(line_no), 0, "",
                 std::move(message), std::move(hint)};
  }

  // Reads the next line into `line`, keeping at most `keep` bytes of it:
  // a longer line is read to its end but not held (its length goes in
  // `line_bytes`), so one huge line cannot exhaust memory.
  bool read_line(std::size_t keep) {
    line.clear();
    line_bytes = 0;
    char chunk[1 << 16];
    for (;;) {
      in.getline(chunk, sizeof chunk);
      auto got = static_cast<std::size_t>(in.gcount());
      const bool end_of_input = in.eof();
      const bool chunk_full = !end_of_input && in.fail();
      if (!end_of_input && !chunk_full) --got;  // the '\n' it took
      if (end_of_input && got == 0 && line_bytes == 0) return false;
      line_bytes += got;
      if (line.size() < keep) line.append(chunk, std::min(got, keep - line.size()));
      if (!chunk_full) break;
      in.clear();
    }
    ++line_no;
    if (line_bytes <= keep && !line.empty() && line.back() == '\r') {
      line.pop_back();
      --line_bytes;
    }
    return true;
  }

  Error too_long(std::size_t bytes, std::string_view what) const {
    return error(std::string(what) + " of " + std::to_string(bytes) +
                     " bytes is over the limit of " +
                     std::to_string(options.max_text_bytes) + " bytes",
                 "raise --max-text-bytes, or split the comment");
  }

  void start(InputRecord& record) {
    record.line = line_no;
    record.text = {};
    record.id_json.clear();
    record.id.clear();
    record.lang = {};
    record.members_json.clear();
    record.error.reset();
  }

  bool next_jsonl(InputRecord& record) {
    const std::size_t max_line = 6 * options.max_text_bytes + kOtherFieldsBytes;
    do {
      if (!read_line(max_line)) return false;
    } while (line_bytes <= max_line && trim(line).empty());
    start(record);
    if (line_bytes > max_line) {
      record.error = too_long(line_bytes, "a line");
      return true;
    }
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
    simdjson::dom::element doc;
    auto err = parser.parse(line.data(), line.size(), false).get(doc);
    if (err == simdjson::UTF8_ERROR && repair_utf8(line)) {
      // Comments arrive with broken encodings; screen them rather than
      // refuse them, with each bad byte read as U+FFFD.
      line.reserve(line.size() + simdjson::SIMDJSON_PADDING);
      err = parser.parse(line.data(), line.size(), false).get(doc);
    }
    if (err) {
      record.error = error(std::string("not valid JSON: ") +
                               simdjson::error_message(err),
                           "each line must be one JSON object");
      return true;
    }
    simdjson::dom::object object;
    if (doc.get_object().get(object)) {
      record.error = error("the line is JSON but not an object",
                           "write {\"id\": ..., \"" + options.text_field +
                               "\": \"...\"}");
      return true;
    }
    bool reserved = false;
    bool found_text = false;
    for (auto field : object) {
      if (field.key == options.text_field) {
        std::string_view text;
        if (field.value.get_string().get(text)) {
          record.error = error("field '" + options.text_field +
                               "' is not a string");
          return true;
        }
        if (text.size() > options.max_text_bytes) {
          record.error = too_long(text.size(), "a comment");
          return true;
        }
        record.text = text;
        found_text = true;
      } else if (!options.lang_field.empty() &&
                 field.key == options.lang_field) {
        std::string_view lang;
        if (field.value.get_string().get(lang) == simdjson::SUCCESS) {
          record.lang = lang;
        }
      } else if (field.key == options.id_field) {
        // A string id is written into the record's buffers: minify()
        // would return a new string for every line.
        std::string_view id_string;
        if (field.value.get_string().get(id_string) == simdjson::SUCCESS) {
          record.id = id_string;
          record.id_json.clear();  // a repeated key: the last one counts
          append_json_string(record.id_json, id_string);
        } else {
          record.id_json = simdjson::minify(field.value);
          record.id = record.id_json;
        }
      }
      reserved = reserved || is_reserved(field.key);
    }
    if (!found_text) {
      record.error = error("no '" + options.text_field + "' field",
                           "name the text field with --text-field");
      return true;
    }
    if (!reserved) {
      const std::string_view body = trim(line);
      record.members_json = trim(body.substr(1, body.size() - 2));
      return true;
    }
    // Rare: the input already has verdict fields (labelled data). Rebuild
    // the members without them so the output has each key once.
    for (auto field : object) {
      if (is_reserved(field.key)) continue;
      if (!record.members_json.empty()) record.members_json += ',';
      append_json_string(record.members_json, field.key);
      record.members_json += ':';
      record.members_json += simdjson::minify(field.value);
    }
    return true;
  }

  bool next_text(InputRecord& record) {
    if (!read_line(options.max_text_bytes)) return false;
    start(record);
    if (line_bytes > options.max_text_bytes) {
      record.error = too_long(line_bytes, "a comment");
      return true;
    }
    text_buffer = line;
    record.text = text_buffer;
    record.id_json = std::to_string(line_no);
    record.id = record.id_json;
    return true;
  }

  bool next_csv(InputRecord& record) {
    if (header.empty()) {
      if (!csv.read(in, fields, line_no)) return false;
      header = fields;
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == options.text_field) text_column = static_cast<std::ptrdiff_t>(i);
        if (header[i] == options.id_field) id_column = static_cast<std::ptrdiff_t>(i);
        if (!options.lang_field.empty() && header[i] == options.lang_field) {
          lang_column = static_cast<std::ptrdiff_t>(i);
        }
      }
    }
    const std::uint64_t first_line = line_no + 1;
    if (!csv.read(in, fields, line_no)) return false;
    start(record);
    record.line = first_line;
    if (text_column < 0) {
      record.error = error("the CSV header has no '" + options.text_field +
                           "' column", "name the text column with --text-field");
      return true;
    }
    if (static_cast<std::size_t>(text_column) >= fields.size()) {
      record.error = error("the row has no '" + options.text_field + "' column");
      return true;
    }
    if (csv.longest_field() > options.max_text_bytes) {
      // The text or another column: neither may be cut short.
      record.error = too_long(csv.longest_field(), "a field");
      return true;
    }
    text_buffer = fields[static_cast<std::size_t>(text_column)];
    record.text = text_buffer;
    if (lang_column >= 0 && static_cast<std::size_t>(lang_column) < fields.size()) {
      record.lang = fields[static_cast<std::size_t>(lang_column)];
    }
    for (std::size_t i = 0; i < fields.size() && i < header.size(); ++i) {
      if (is_reserved(header[i])) continue;
      if (!record.members_json.empty()) record.members_json += ',';
      append_json_string(record.members_json, header[i]);
      record.members_json += ':';
      append_json_string(record.members_json, fields[i]);
      if (static_cast<std::ptrdiff_t>(i) == id_column) {
        append_json_string(record.id_json, fields[i]);
        record.id = fields[i];
      }
    }
    return true;
  }
};

CommentReader::CommentReader(std::istream& in, std::string source,
                             ReaderOptions options)
    : impl_(std::make_unique<Impl>(in, std::move(source), std::move(options))) {}

CommentReader::~CommentReader() = default;

bool CommentReader::next(InputRecord& record) {
  switch (impl_->options.format) {
    case InputFormat::kJsonLines: return impl_->next_jsonl(record);
    case InputFormat::kCsv: return impl_->next_csv(record);
    case InputFormat::kText: return impl_->next_text(record);
  }
  return false;
}

std::optional<InputFormat> parse_input_format(std::string_view name) noexcept {
  if (name == "jsonl" || name == "json") return InputFormat::kJsonLines;
  if (name == "csv") return InputFormat::kCsv;
  if (name == "text" || name == "txt") return InputFormat::kText;
  return std::nullopt;
}

}  // namespace modfilter
