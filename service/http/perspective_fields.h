// The fields AnalyzeComment and SuggestCommentScore requests share, read
// with simdjson and refused with Perspective's messages: "languages" and
// comment.text. Internal to perspective.cpp and suggest_score.cpp.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "service/http/perspective.h"

namespace modfilter::http {

PerspectiveError invalid_argument(std::string message);

// The request body's top-level object.
std::expected<simdjson::dom::object, PerspectiveError> request_object(
    simdjson::dom::element doc);

// "languages": a list of strings, appended to `out`.
std::expected<void, PerspectiveError> read_languages(simdjson::dom::element value,
                                                     std::vector<std::string>& out);

// comment.text: not empty, at most max_text_bytes.
std::expected<void, PerspectiveError> check_comment_text(std::string_view text,
                                                         std::size_t max_text_bytes);

}  // namespace modfilter::http
