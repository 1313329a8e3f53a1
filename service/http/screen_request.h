// Reading the bodies of POST /v1/screen and /v1/screen/batch: objects
// {"id": ..., "text": "...", "lang": "ar", "redact": true}, one alone, in a JSON array, or
// as JSON Lines. Any other member is ignored; "id" may be any JSON value and
// comes back as written (minified). Invalid UTF-8 is repaired (each bad
// byte read as U+FFFD) and screened, never refused.
#pragma once

#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace modfilter::http {

struct ScreenItem {
  std::string id_json;    // the id as JSON; empty when there is none
  std::string_view text;  // unescaped; see ScreenRequestParser for lifetime
  std::string_view lang;  // "lang": ISO codes ("ar", "ar,en"); empty: found
  bool redact = false;
};

// An item, or what is wrong with it (a message for the caller).
using ItemResult = std::expected<ScreenItem, std::string>;

enum class BatchKind : std::uint8_t { kArray, kJsonLines };

// kArray when the body's first non-blank byte is '[' and the content type
// did not already say JSON Lines.
BatchKind batch_kind(std::string_view body, bool json_lines_type) noexcept;

// What is wrong with a batch as a whole: a status (400, 413) and why.
struct BatchError {
  int status = 400;
  std::string message;
};

// One per thread (it keeps the simdjson parser and buffers warm). Views in
// the items it returns point into it and stay valid until its next call.
class ScreenRequestParser {
 public:
  ScreenRequestParser();
  ~ScreenRequestParser();
  ScreenRequestParser(const ScreenRequestParser&) = delete;
  ScreenRequestParser& operator=(const ScreenRequestParser&) = delete;

  // A body holding one object.
  ItemResult parse_one(std::string_view body);

  // A batch body. Calls on_item(position, item) for every item in order,
  // position being the 0-based array index or the 1-based line number; the
  // item's views are valid during the call only. Fails without calling
  // on_item when the body is no batch (400) or holds more than max_items
  // items (413); an item that cannot be read is passed on as its error.
  std::expected<void, BatchError> parse_batch(
      std::string_view body, BatchKind kind, std::size_t max_items,
      const std::function<void(std::size_t, const ItemResult&)>& on_item);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace modfilter::http
