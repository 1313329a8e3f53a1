#include "service/http/moderation_service.h"

#include <simdjson.h>

#include <charconv>
#include <random>

#include "engine/io/explanation.h"
#include "engine/io/json_writer.h"
#include "service/http/admin_auth.h"
#include "service/http/audit_desk.h"
#include "service/http/moderator_page.h"
#include "service/http/screen_request.h"

namespace modfilter::http {
namespace {

constexpr std::size_t kDefaultQueueLimit = 100;
constexpr std::size_t kMaxQueueLimit = 1000;

Response desk_error(const DeskError& error) { return json_error(error.status, error.message); }

// 128 random bits, hex: the page's script nonce, new for every response.
std::string fresh_nonce() {
  thread_local std::random_device device;
  std::string out;
  for (int i = 0; i < 4; ++i) {
    char buf[9];
    std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(device()));
    out += buf;
  }
  return out;
}

std::optional<Decision> queue_verdict(std::string_view name, bool& flagged) {
  flagged = name == "flagged";
  if (name.empty()) return Decision::kReview;
  if (flagged || name == "any") return std::nullopt;
  return parse_decision(name);
}

void append_explanation_members(std::string& out, const Explanation& explanation) {
  out += ",\"normalized\":";
  append_json_string(out, explanation.normalized);
  out += explanation.identical ? ",\"identical\":true" : ",\"identical\":false";
  out += ",\"explain\":[";
  for (std::size_t i = 0; i < explanation.reasons.size(); ++i) {
    const ReasonExplanation& r = explanation.reasons[i];
    if (i > 0) out += ',';
    out += "{\"rule\":";
    append_json_string(out, r.rule);
    out += ",\"view\":";
    append_json_string(out, r.view);
    out += ",\"transforms\":";
    append_json_string(out, r.transforms);
    out += '}';
  }
  out += ']';
}

struct LabelRequest {
  std::string key;  // "#17" for a number
  bool correct = true;
  std::string note;
};

std::expected<LabelRequest, std::string> parse_label(std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (const auto error = parser.parse(body).get(doc); error) {
    return std::unexpected(std::string("the body is not JSON: ") +
                           simdjson::error_message(error));
  }
  LabelRequest label;
  std::int64_t number = 0;
  std::string_view text;
  if (doc["id"].get_int64().get(number) == simdjson::SUCCESS) {
    label.key = "#" + std::to_string(number);
  } else if (doc["id"].get_string().get(text) == simdjson::SUCCESS && !text.empty()) {
    label.key = text;
  } else {
    return std::unexpected(std::string(
        "\"id\" must be the comment's number (17) or id (\"c-17\", \"#17\")"));
  }
  std::string_view judgement;
  if (doc["judgement"].get_string().get(judgement) != simdjson::SUCCESS ||
      (judgement != "correct" && judgement != "wrong")) {
    return std::unexpected(std::string("\"judgement\" must be \"correct\" or \"wrong\""));
  }
  label.correct = judgement == "correct";
  std::string_view note;
  if (doc["note"].get_string().get(note) == simdjson::SUCCESS) label.note = note;
  return label;
}

}  // namespace

Response ModerationService::handle_page(const Request&) const {
  const std::string nonce = fresh_nonce();
  Response response;
  response.content_type = "text/html; charset=utf-8";
  std::string_view page = moderator_page();
  for (std::size_t at; (at = page.find(kPageNonce)) != std::string_view::npos;) {
    response.body += page.substr(0, at);
    response.body += nonce;
    page.remove_prefix(at + kPageNonce.size());
  }
  response.body += page;
  // The page builds every element from text nodes; the policy is the
  // second fence: only its own script runs, it talks only to this service.
  response.headers = {
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'nonce-" + nonce +
           "'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; "
           "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"}};
  return response;
}

Response ModerationService::handle_config(const Request&) const {
  const auto rules = screen_.rules().current();
  Response response;
  response.body = std::string("{\"audit\":") + (screen_.has_audit() ? "true" : "false") +
                  ",\"admin\":" + (screen_.options().admin_token.empty() ? "false" : "true") +
                  ",\"ruleset\":";
  append_json_string(response.body, rules ? rules->info.id : "");
  response.body += '}';
  return response;
}

Response ModerationService::handle_explain(const Request& request) const {
  const auto rules = screen_.rules().current();
  if (!rules) return json_error(503, "the rules are not loaded yet");
  thread_local ScreenRequestParser parser;
  const ItemResult item = parser.parse_one(request.body);
  if (!item) return json_error(400, item.error());
  if (item->text.size() > screen_.options().max_text_bytes) {
    return json_error(413, "the text is over the limit of " +
                               std::to_string(screen_.options().max_text_bytes) +
                               " bytes");
  }
  Verdict verdict;
  ScanWorkspace workspace;
  rules->engine.screen(item->text, verdict, workspace,
                       ScanOptions{.record_transforms = true}, item->lang);
  Response response;
  std::string& out = response.body;
  out += '{';
  append_verdict_members(out, verdict, item->text);
  append_explanation_members(out, explain(verdict, workspace));
  out += ",\"languages\":[";
  bool first = true;
  for (const std::string& code : rules->engine.languages_of(item->text, item->lang)) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, code);
  }
  out += "]}";
  return response;
}

std::optional<Response> ModerationService::refuse_audit(const Request& request) const {
  if (!screen_.has_audit()) {
    return json_error(404, "no audit store: start the service with --audit FILE "
                           "(and --admin-token-file) to see the review queue");
  }
  return refuse_unless_admin(request, screen_.options().admin_token);
}

Response ModerationService::handle_queue(const Request& request) const {
  if (auto refused = refuse_audit(request)) return std::move(*refused);
  const AuditDesk desk(screen_.options().audit_path);
  if (const std::string_view key = request.param("id"); !key.empty()) {
    auto found = desk.lookup_json(key);
    if (!found && found.error().status == 404) {
      Response response;
      response.body = R"({"comments":[]})";
      return response;
    }
    if (!found) return desk_error(found.error());
    Response response;
    response.body = std::move(*found);
    return response;
  }
  CommentFilter filter;
  filter.newest_first = true;
  filter.verdict = queue_verdict(request.param("verdict"), filter.flagged);
  if (!filter.verdict && !filter.flagged && request.param("verdict") != "any") {
    return json_error(400, "verdict must be review, reject, approve, flagged or any");
  }
  filter.rule = request.param("rule");
  filter.category = request.param("category");
  filter.text = request.param("text");
  filter.limit = kDefaultQueueLimit;
  if (const std::string_view limit = request.param("limit"); !limit.empty()) {
    const auto [end, ec] = std::from_chars(limit.data(), limit.data() + limit.size(),
                                           filter.limit);
    if (ec != std::errc() || end != limit.data() + limit.size() || filter.limit == 0 ||
        filter.limit > kMaxQueueLimit) {
      return json_error(400, "limit must be a number from 1 to " +
                                 std::to_string(kMaxQueueLimit));
    }
  }
  auto found = desk.find_json(filter);
  if (!found) return desk_error(found.error());
  Response response;
  response.body = std::move(*found);
  return response;
}

Response ModerationService::handle_comment(const Request& request) const {
  if (auto refused = refuse_audit(request)) return std::move(*refused);
  const std::string_view key = request.param("id");
  if (key.empty()) return json_error(400, "give the comment as ?id=17, ?id=%2317 or ?id=c-17");
  auto found = AuditDesk(screen_.options().audit_path).lookup_json(key);
  if (!found) return desk_error(found.error());
  Response response;
  response.body = std::move(*found);
  return response;
}

Response ModerationService::handle_label(const Request& request) const {
  if (auto refused = refuse_audit(request)) return std::move(*refused);
  const auto label = parse_label(request.body);
  if (!label) return json_error(400, label.error());
  auto number = AuditDesk(screen_.options().audit_path)
                    .label(label->key, label->correct, label->note);
  if (!number) return desk_error(number.error());
  Response response;
  response.body = "{\"number\":" + std::to_string(*number) + ",\"judgement\":" +
                  (label->correct ? "\"correct\"" : "\"wrong\"") + "}";
  return response;
}

}  // namespace modfilter::http
