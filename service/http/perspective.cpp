#include "service/http/perspective.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "engine/core/utf8.h"
#include "engine/io/json_writer.h"
#include "service/http/perspective_fields.h"
#include "service/http/utf16.h"

namespace modfilter::http {
namespace {

struct AttributeName {
  Attribute attribute;
  std::string_view name;
};

constexpr AttributeName kAttributes[] = {
    {Attribute::kToxicity, "TOXICITY"},
    {Attribute::kSevereToxicity, "SEVERE_TOXICITY"},
    {Attribute::kProfanity, "PROFANITY"},
    {Attribute::kThreat, "THREAT"},
    {Attribute::kInsult, "INSULT"},
    {Attribute::kIdentityAttack, "IDENTITY_ATTACK"},
    {Attribute::kSpam, "SPAM"},
    {Attribute::kProfanity, "SEXUALLY_EXPLICIT"},
    {Attribute::kProfanity, "OBSCENE"},
    {Attribute::kProfanity, "FLIRTATION"},
    {Attribute::kInsult, "ATTACK_ON_AUTHOR"},
    {Attribute::kInsult, "ATTACK_ON_COMMENTER"},
    {Attribute::kToxicity, "INFLAMMATORY"},
    {Attribute::kToxicity, "LIKELY_TO_REJECT"},
    {Attribute::kNone, "INCOHERENT"},
    {Attribute::kNone, "UNSUBSTANTIAL"},
    {Attribute::kNone, "AFFINITY"},
    {Attribute::kNone, "COMPASSION"},
    {Attribute::kNone, "CURIOSITY"},
    {Attribute::kNone, "NUANCE"},
    {Attribute::kNone, "PERSONAL_STORY"},
    {Attribute::kNone, "REASONING"},
    {Attribute::kNone, "RESPECT"},
};

// The attributes a caller would look for in the error of an unknown name:
// those with rules behind them.
constexpr std::size_t kScoredAttributes = 7;

constexpr std::size_t kLargeBody = 256u << 10;

std::string supported_attributes() {
  std::string out;
  for (std::size_t i = 0; i < kScoredAttributes; ++i) {
    if (!out.empty()) out += ", ";
    out += kAttributes[i].name;
  }
  return out + " and Perspective's other attributes";
}

bool counts_for(Attribute attribute, const Reason& reason) {
  switch (attribute) {
    case Attribute::kToxicity: return true;
    case Attribute::kSevereToxicity: return reason.action == Decision::kReject;
    case Attribute::kProfanity: return reason.category == "profanity";
    case Attribute::kThreat: return reason.category == "threat";
    case Attribute::kInsult:
      return reason.category == "abuse" &&
             reason.subcategory == "personal_attack";
    case Attribute::kIdentityAttack:
      return reason.category == "abuse" &&
             reason.subcategory != "personal_attack";
    case Attribute::kSpam: return reason.category == "promotion";
    case Attribute::kNone: return false;
  }
  return false;
}

double score_of(Decision action, const PerspectiveScores& scores) {
  return action == Decision::kReject ? scores.reject : scores.review;
}

void append_double(std::string& out, double value) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

void append_score(std::string& out, double value) {
  out += "{\"value\":";
  append_double(out, value);
  out += ",\"type\":\"PROBABILITY\"}";
}

struct SpanScore {
  std::uint32_t begin = 0;  // UTF-16 units
  std::uint32_t end = 0;
  double score = 0;
};

std::expected<void, PerspectiveError> read_attributes(
    simdjson::dom::element value, AnalyzeRequest& request) {
  simdjson::dom::object attributes;
  if (value.get_object().get(attributes) != simdjson::SUCCESS) {
    return std::unexpected(invalid_argument("requestedAttributes must be an object"));
  }
  for (auto field : attributes) {
    const auto attribute = parse_attribute(field.key);
    if (!attribute) {
      return std::unexpected(invalid_argument(
          "Unknown attribute: " + std::string(field.key) +
          ". This service supports " + supported_attributes() + "."));
    }
    RequestedAttribute requested{*attribute, std::string(field.key), {}};
    simdjson::dom::object options;
    if (field.value.get_object().get(options) != simdjson::SUCCESS) {
      return std::unexpected(invalid_argument("requestedAttributes." +
                                     requested.name + " must be an object"));
    }
    for (auto option : options) {
      if (option.key == "scoreType") {
        std::string_view type;
        if (option.value.get_string().get(type) != simdjson::SUCCESS ||
            (type != "PROBABILITY" && !type.empty())) {
          return std::unexpected(
              invalid_argument("Unsupported scoreType for " + requested.name +
                      ": only PROBABILITY is supported."));
        }
      } else if (option.key == "scoreThreshold") {
        double threshold = 0;
        if (option.value.get_double().get(threshold) != simdjson::SUCCESS ||
            threshold < 0 || threshold > 1) {
          return std::unexpected(
              invalid_argument("scoreThreshold for " + requested.name +
                      " must be a number between 0 and 1."));
        }
        requested.threshold = threshold;
      }
    }
    request.attributes.push_back(std::move(requested));
  }
  if (request.attributes.empty()) {
    return std::unexpected(
        invalid_argument("requestedAttributes must name at least one attribute."));
  }
  return {};
}

std::expected<AnalyzeRequest, PerspectiveError> read_request(
    simdjson::dom::element doc, std::size_t max_text_bytes) {
  const auto object = request_object(doc);
  if (!object) return std::unexpected(object.error());
  AnalyzeRequest request;
  bool have_attributes = false;
  for (auto field : *object) {
    if (field.key == "comment") {
      std::string_view text;
      if (field.value["text"].get_string().get(text) == simdjson::SUCCESS) {
        request.text = text;
      }
    } else if (field.key == "requestedAttributes") {
      if (auto read = read_attributes(field.value, request); !read) {
        return std::unexpected(std::move(read.error()));
      }
      have_attributes = true;
    } else if (field.key == "spanAnnotations") {
      if (field.value.get_bool().get(request.span_annotations) !=
          simdjson::SUCCESS) {
        return std::unexpected(invalid_argument("spanAnnotations must be a boolean."));
      }
    } else if (field.key == "languages") {
      if (auto read = read_languages(field.value, request.languages); !read) {
        return std::unexpected(std::move(read.error()));
      }
    } else if (field.key == "doNotStore") {
      if (field.value.get_bool().get(request.do_not_store) != simdjson::SUCCESS) {
        return std::unexpected(invalid_argument("doNotStore must be a boolean."));
      }
    } else if (field.key == "clientToken") {
      request.client_token_json = simdjson::minify(field.value);
    }
  }
  if (auto text = check_comment_text(request.text, max_text_bytes); !text) {
    return std::unexpected(std::move(text.error()));
  }
  if (!have_attributes) {
    return std::unexpected(
        invalid_argument("requestedAttributes must name at least one attribute."));
  }
  return request;
}

}  // namespace

std::optional<Attribute> parse_attribute(std::string_view name) noexcept {
  if (const std::size_t at = name.rfind('@'); at != std::string_view::npos) {
    const std::string_view version = name.substr(at + 1);
    if (version.empty() ||
        version.find_first_not_of("0123456789") != std::string_view::npos) {
      return std::nullopt;
    }
    name = name.substr(0, at);
  }
  constexpr std::string_view kExperimental = "_EXPERIMENTAL";
  if (name.ends_with(kExperimental)) name.remove_suffix(kExperimental.size());
  for (const AttributeName& a : kAttributes) {
    if (a.name == name) return a.attribute;
  }
  return std::nullopt;
}

std::expected<AnalyzeRequest, PerspectiveError> parse_analyze_request(
    std::string_view body, std::size_t max_text_bytes) {
  // A thread's parser stays warm for ordinary requests; a large body gets a
  // parser of its own rather than growing every thread's.
  thread_local simdjson::dom::parser small_parser;
  std::unique_ptr<simdjson::dom::parser> large_parser;
  simdjson::dom::parser* parser = &small_parser;
  if (body.size() > kLargeBody) {
    large_parser = std::make_unique<simdjson::dom::parser>();
    parser = large_parser.get();
  }
  std::string json(body);
  json.reserve(json.size() + simdjson::SIMDJSON_PADDING);
  simdjson::dom::element doc;
  auto error = parser->parse(json.data(), json.size(), false).get(doc);
  if (error == simdjson::UTF8_ERROR && repair_utf8(json)) {
    json.reserve(json.size() + simdjson::SIMDJSON_PADDING);
    error = parser->parse(json.data(), json.size(), false).get(doc);
  }
  if (error) {
    return std::unexpected(invalid_argument(std::string("Invalid JSON payload received. ") +
                                   simdjson::error_message(error)));
  }
  return read_request(doc, max_text_bytes);
}

std::string analyze_response(const AnalyzeRequest& request,
                             const Verdict& verdict,
                             const PerspectiveScores& scores,
                             std::span<const std::string> languages,
                             std::span<const std::string> detected) {
  std::string out = "{\"attributeScores\":{";
  bool first_attribute = true;
  std::vector<SpanScore> spans;
  std::vector<std::uint32_t> offsets;
  for (const RequestedAttribute& requested : request.attributes) {
    double summary = scores.none;
    spans.clear();
    for (const Reason& reason : verdict.reasons) {
      if (!counts_for(requested.attribute, reason)) continue;
      const double score = score_of(reason.action, scores);
      summary = std::max(summary, score);
      for (const ByteSpan& span : reason.spans) {
        spans.push_back({span.begin, span.end, score});
      }
    }
    const double threshold = requested.threshold.value_or(0);
    if (summary < threshold) continue;

    offsets.clear();
    for (const SpanScore& s : spans) {
      offsets.push_back(s.begin);
      offsets.push_back(s.end);
    }
    to_utf16_offsets(request.text, offsets);
    for (std::size_t i = 0; i < spans.size(); ++i) {
      spans[i].begin = offsets[2 * i];
      spans[i].end = offsets[2 * i + 1];
    }
    // Two rules on the same words give one span, with the higher score.
    std::sort(spans.begin(), spans.end(), [](const SpanScore& a, const SpanScore& b) {
      return a.begin != b.begin ? a.begin < b.begin
             : a.end != b.end   ? a.end < b.end
                                : a.score > b.score;
    });
    spans.erase(std::unique(spans.begin(), spans.end(),
                            [](const SpanScore& a, const SpanScore& b) {
                              return a.begin == b.begin && a.end == b.end;
                            }),
                spans.end());

    if (!first_attribute) out += ',';
    first_attribute = false;
    append_json_string(out, requested.name);
    out += ":{";
    if (request.span_annotations) {
      out += "\"spanScores\":[";
      bool first_span = true;
      for (const SpanScore& s : spans) {
        if (s.score < threshold) continue;
        if (!first_span) out += ',';
        first_span = false;
        out += "{\"begin\":" + std::to_string(s.begin) +
               ",\"end\":" + std::to_string(s.end) + ",\"score\":";
        append_score(out, s.score);
        out += '}';
      }
      out += "],";
    }
    out += "\"summaryScore\":";
    append_score(out, summary);
    out += '}';
  }
  out += "},\"languages\":[";
  const auto& echoed = request.languages.empty()
                           ? std::span<const std::string>(languages)
                           : std::span<const std::string>(request.languages);
  for (std::size_t i = 0; i < echoed.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, echoed[i]);
  }
  out += ']';
  if (!detected.empty()) {
    out += ",\"detectedLanguages\":[";
    for (std::size_t i = 0; i < detected.size(); ++i) {
      if (i > 0) out += ',';
      append_json_string(out, detected[i]);
    }
    out += ']';
  }
  if (!request.client_token_json.empty()) {
    out += ",\"clientToken\":";
    out += request.client_token_json;
  }
  out += '}';
  return out;
}

std::string perspective_error_json(const PerspectiveError& error) {
  std::string out = "{\"error\":{\"code\":" + std::to_string(error.code) +
                    ",\"message\":";
  append_json_string(out, error.message);
  out += ",\"status\":";
  append_json_string(out, error.status);
  out += "}}";
  return out;
}

}  // namespace modfilter::http
