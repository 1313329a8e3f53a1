#include "service/http/perspective_fields.h"

namespace modfilter::http {

PerspectiveError invalid_argument(std::string message) {
  return PerspectiveError{400, "INVALID_ARGUMENT", std::move(message)};
}

std::expected<simdjson::dom::object, PerspectiveError> request_object(
    simdjson::dom::element doc) {
  simdjson::dom::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) {
    return std::unexpected(
        invalid_argument("Invalid JSON payload received. Expected an object."));
  }
  return object;
}

std::expected<void, PerspectiveError> read_languages(simdjson::dom::element value,
                                                     std::vector<std::string>& out) {
  simdjson::dom::array languages;
  if (value.get_array().get(languages) != simdjson::SUCCESS) {
    return std::unexpected(invalid_argument("languages must be a list of strings."));
  }
  for (auto language : languages) {
    std::string_view code;
    if (language.get_string().get(code) != simdjson::SUCCESS) {
      return std::unexpected(invalid_argument("languages must be a list of strings."));
    }
    out.emplace_back(code);
  }
  return {};
}

std::expected<void, PerspectiveError> check_comment_text(std::string_view text,
                                                         std::size_t max_text_bytes) {
  if (text.empty()) return std::unexpected(invalid_argument("Comment must be non-empty."));
  if (text.size() > max_text_bytes) {
    return std::unexpected(invalid_argument(
        "Comment text of " + std::to_string(text.size()) +
        " bytes is too long: this service's limit is " +
        std::to_string(max_text_bytes) + " bytes."));
  }
  return {};
}

}  // namespace modfilter::http
