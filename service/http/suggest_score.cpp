#include "service/http/suggest_score.h"

#include <simdjson.h>

#include <algorithm>

#include "engine/core/utf8.h"
#include "engine/io/json_writer.h"
#include "service/http/perspective_fields.h"

namespace modfilter::http {
namespace {

bool read_score(simdjson::dom::element score, double& value) {
  simdjson::dom::element number;
  if (score["value"].get(number) != simdjson::SUCCESS) return false;
  return number.get_double().get(value) == simdjson::SUCCESS && value >= 0 &&
         value <= 1;
}

std::expected<void, PerspectiveError> read_scores(simdjson::dom::element value,
                                                  SuggestRequest& request) {
  simdjson::dom::object scores;
  if (value.get_object().get(scores) != simdjson::SUCCESS) {
    return std::unexpected(invalid_argument("attributeScores must be an object"));
  }
  for (auto field : scores) {
    const std::string name(field.key);
    if (!parse_attribute(name)) {
      return std::unexpected(invalid_argument("Unknown attribute: " + name + "."));
    }
    SuggestedScore suggested{name, -1};
    simdjson::dom::element summary;
    if (field.value["summaryScore"].get(summary) == simdjson::SUCCESS) {
      if (!read_score(summary, suggested.value)) {
        return std::unexpected(invalid_argument("attributeScores." + name +
                                       ".summaryScore.value must be a number "
                                       "between 0 and 1."));
      }
    }
    simdjson::dom::array spans;
    if (field.value["spanScores"].get_array().get(spans) == simdjson::SUCCESS) {
      for (auto span : spans) {
        double score = 0;
        simdjson::dom::element inner;
        if (span["score"].get(inner) != simdjson::SUCCESS || !read_score(inner, score)) {
          return std::unexpected(invalid_argument("attributeScores." + name +
                                         ".spanScores[].score.value must be a "
                                         "number between 0 and 1."));
        }
        suggested.value = std::max(suggested.value, score);
      }
    }
    if (suggested.value < 0) {
      return std::unexpected(invalid_argument("attributeScores." + name +
                                     " must have a summaryScore or spanScores."));
    }
    request.scores.push_back(std::move(suggested));
  }
  if (request.scores.empty()) {
    return std::unexpected(invalid_argument("attributeScores must not be empty."));
  }
  return {};
}

// Coral puts its comment id in a JSON object inside the first context entry.
std::string coral_comment_id(simdjson::dom::element context) {
  simdjson::dom::array entries;
  if (context["entries"].get_array().get(entries) != simdjson::SUCCESS) return {};
  for (auto entry : entries) {
    std::string_view text;
    if (entry["text"].get_string().get(text) != simdjson::SUCCESS) continue;
    simdjson::dom::parser parser;
    simdjson::dom::element inner;
    if (parser.parse(text).get(inner) != simdjson::SUCCESS) continue;
    std::string_view id;
    if (inner["Coral_comment_id"].get_string().get(id) == simdjson::SUCCESS) {
      return std::string(id);
    }
  }
  return {};
}

std::expected<SuggestRequest, PerspectiveError> read_request(
    simdjson::dom::element doc, std::size_t max_text_bytes) {
  const auto object = request_object(doc);
  if (!object) return std::unexpected(object.error());
  SuggestRequest request;
  bool have_scores = false;
  std::string token_id;
  for (auto field : *object) {
    if (field.key == "comment") {
      std::string_view text;
      if (field.value["text"].get_string().get(text) == simdjson::SUCCESS) {
        request.text = text;
      }
    } else if (field.key == "attributeScores") {
      if (auto read = read_scores(field.value, request); !read) {
        return std::unexpected(std::move(read.error()));
      }
      have_scores = true;
    } else if (field.key == "languages") {
      if (auto read = read_languages(field.value, request.languages); !read) {
        return std::unexpected(std::move(read.error()));
      }
    } else if (field.key == "communityId") {
      std::string_view id;
      if (field.value.get_string().get(id) == simdjson::SUCCESS) request.community_id = id;
    } else if (field.key == "context") {
      if (request.comment_id.empty()) request.comment_id = coral_comment_id(field.value);
    } else if (field.key == "clientToken") {
      request.client_token_json = simdjson::minify(field.value);
      std::string_view token;
      if (field.value.get_string().get(token) == simdjson::SUCCESS &&
          token.starts_with("comment:")) {
        token_id = token.substr(8);
      }
    }
  }
  if (request.comment_id.empty()) request.comment_id = std::move(token_id);
  if (auto text = check_comment_text(request.text, max_text_bytes); !text) {
    return std::unexpected(std::move(text.error()));
  }
  if (!have_scores) {
    return std::unexpected(invalid_argument("attributeScores must not be empty."));
  }
  return request;
}

}  // namespace

bool SuggestRequest::flagged() const noexcept {
  return std::any_of(scores.begin(), scores.end(),
                     [](const SuggestedScore& s) { return s.value >= 0.5; });
}

std::expected<SuggestRequest, PerspectiveError> parse_suggest_request(
    std::string_view body, std::size_t max_text_bytes) {
  simdjson::dom::parser parser;
  std::string json(body);
  // A moderator's decision on a comment of invalid UTF-8 still counts.
  repair_utf8(json);
  simdjson::dom::element doc;
  if (const auto error = parser.parse(json).get(doc); error) {
    return std::unexpected(invalid_argument(std::string("Invalid JSON payload received. ") +
                                   simdjson::error_message(error)));
  }
  return read_request(doc, max_text_bytes);
}

std::string suggest_response(const SuggestRequest& request) {
  std::string out = "{\"requestedLanguages\":[";
  for (std::size_t i = 0; i < request.languages.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, request.languages[i]);
  }
  out += ']';
  if (!request.client_token_json.empty()) {
    out += ",\"clientToken\":";
    out += request.client_token_json;
  }
  out += '}';
  return out;
}

}  // namespace modfilter::http
