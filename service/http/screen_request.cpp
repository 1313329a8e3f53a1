#include "service/http/screen_request.h"

#include <simdjson.h>

#include "engine/core/utf8.h"

namespace modfilter::http {
namespace {

// Bodies larger than this are parsed with a parser of their own, freed at
// the next call, so that one large batch does not leave every worker
// thread holding buffers sized for it.
constexpr std::size_t kLargeBody = 256u << 10;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

ItemResult read_item(simdjson::dom::element element) {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) {
    return std::unexpected(
        std::string("expected an object {\"id\": ..., \"text\": \"...\"}"));
  }
  ScreenItem item;
  bool found_text = false;
  for (auto field : object) {
    if (field.key == "text") {
      if (field.value.get_string().get(item.text) != simdjson::SUCCESS) {
        return std::unexpected(std::string("\"text\" must be a string"));
      }
      found_text = true;
    } else if (field.key == "id") {
      item.id_json = simdjson::minify(field.value);
    } else if (field.key == "lang") {
      if (field.value.get_string().get(item.lang) != simdjson::SUCCESS) {
        return std::unexpected(
            std::string("\"lang\" must be a string of ISO codes (\"ar\")"));
      }
    } else if (field.key == "redact") {
      if (field.value.get_bool().get(item.redact) != simdjson::SUCCESS) {
        return std::unexpected(std::string("\"redact\" must be true or false"));
      }
    }
  }
  if (!found_text) {
    return std::unexpected(std::string("no \"text\" field"));
  }
  return item;
}

}  // namespace

struct ScreenRequestParser::Impl {
  simdjson::dom::parser parser;
  std::unique_ptr<simdjson::dom::parser> large;
  std::string buffer;

  // Parses `json` (copied into a padded buffer, repaired when it is not
  // UTF-8) into the document of the parser suited to its size.
  simdjson::error_code parse(std::string_view json,
                             simdjson::dom::element& doc) {
    simdjson::dom::parser* p = &parser;
    if (json.size() > kLargeBody) {
      large = std::make_unique<simdjson::dom::parser>();
      p = large.get();
    } else {
      large.reset();
      if (buffer.capacity() > kLargeBody) buffer = std::string();
    }
    buffer.reserve(json.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(json);
    auto error = p->parse(buffer.data(), buffer.size(), false).get(doc);
    if (error == simdjson::UTF8_ERROR && repair_utf8(buffer)) {
      buffer.reserve(buffer.size() + simdjson::SIMDJSON_PADDING);
      error = p->parse(buffer.data(), buffer.size(), false).get(doc);
    }
    return error;
  }
};

BatchKind batch_kind(std::string_view body, bool json_lines_type) noexcept {
  if (json_lines_type) return BatchKind::kJsonLines;
  const std::string_view trimmed = trim(body);
  return !trimmed.empty() && trimmed.front() == '[' ? BatchKind::kArray
                                                    : BatchKind::kJsonLines;
}

ScreenRequestParser::ScreenRequestParser() : impl_(std::make_unique<Impl>()) {}
ScreenRequestParser::~ScreenRequestParser() = default;

ItemResult ScreenRequestParser::parse_one(std::string_view body) {
  simdjson::dom::element doc;
  if (const auto error = impl_->parse(body, doc)) {
    return std::unexpected(std::string("not valid JSON: ") +
                           simdjson::error_message(error));
  }
  return read_item(doc);
}

std::expected<void, BatchError> ScreenRequestParser::parse_batch(
    std::string_view body, BatchKind kind, std::size_t max_items,
    const std::function<void(std::size_t, const ItemResult&)>& on_item) {
  if (kind == BatchKind::kArray) {
    simdjson::dom::element doc;
    if (const auto error = impl_->parse(body, doc)) {
      return std::unexpected(BatchError{
          400, std::string("not valid JSON: ") + simdjson::error_message(error)});
    }
    simdjson::dom::array array;
    if (doc.get_array().get(array) != simdjson::SUCCESS) {
      return std::unexpected(BatchError{
          400, "a batch is a JSON array of {\"id\": ..., \"text\": \"...\"} "
               "objects, or JSON Lines"});
    }
    if (array.size() > max_items) {
      return std::unexpected(BatchError{
          413, "a batch of " + std::to_string(array.size()) +
                   " comments is over the limit of " +
                   std::to_string(max_items)});
    }
    std::size_t index = 0;
    for (simdjson::dom::element element : array) {
      on_item(index++, read_item(element));
    }
    return {};
  }

  // JSON Lines: count first, so that an oversized batch is refused before
  // any of it is screened.
  std::size_t items = 0;
  for (std::size_t start = 0; start < body.size();) {
    const std::size_t end = std::min(body.find('\n', start), body.size());
    if (!trim(body.substr(start, end - start)).empty()) ++items;
    start = end + 1;
  }
  if (items == 0) {
    return std::unexpected(BatchError{400, "the batch holds no comment"});
  }
  if (items > max_items) {
    return std::unexpected(BatchError{
        413, "a batch of " + std::to_string(items) +
                 " comments is over the limit of " + std::to_string(max_items)});
  }
  std::size_t line_no = 0;
  for (std::size_t start = 0; start < body.size();) {
    const std::size_t end = std::min(body.find('\n', start), body.size());
    const std::string_view line = trim(body.substr(start, end - start));
    start = end + 1;
    ++line_no;
    if (line.empty()) continue;
    on_item(line_no, parse_one(line));
  }
  return {};
}

}  // namespace modfilter::http
