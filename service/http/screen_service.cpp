#include "service/http/screen_service.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "engine/io/json_writer.h"
#include "service/common/screening_path.h"
#include "service/http/admin_auth.h"
#include "service/http/audit_desk.h"
#include "service/http/discovery.h"
#include "service/http/perspective.h"
#include "service/http/suggest_score.h"
#include "service/http/screen_request.h"

namespace modfilter::http {
namespace {

// The id as the audit store keeps it: a JSON string without its quotes
// (ids are short keys; escapes inside are kept as written), a number as is.
std::string_view plain_id(std::string_view id_json) {
  if (id_json.size() >= 2 && id_json.front() == '"' && id_json.back() == '"') {
    return id_json.substr(1, id_json.size() - 2);
  }
  return id_json;
}

constexpr std::string_view kJsonLinesTypes[] = {
    "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
    "application/jsonlines", "application/json-lines"};

// "Application/JSON; charset=utf-8" -> "application/json".
std::string media_type(std::string_view content_type) {
  content_type = content_type.substr(0, content_type.find(';'));
  std::string out;
  for (char c : content_type) {
    if (c != ' ' && c != '\t') {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

bool is_json_lines_type(std::string_view media) {
  return std::find(std::begin(kJsonLinesTypes), std::end(kJsonLinesTypes),
                   media) != std::end(kJsonLinesTypes);
}

Response perspective_error(int status, std::string_view grpc_status,
                           std::string message) {
  Response response;
  response.status = status;
  response.body = perspective_error_json(
      PerspectiveError{status, std::string(grpc_status), std::move(message)});
  if (status == 503) response.retry_after = 1;
  return response;
}

std::string wrong_type_message(std::string_view got, std::string_view want) {
  std::string message = "Content-Type must be ";
  message += want;
  message += got.empty() ? std::string(" (none was sent)")
                         : " (got " + std::string(got) + ")";
  return message;
}

std::string too_long_message(std::size_t size, std::size_t limit) {
  return "text of " + std::to_string(size) +
         " bytes is over the limit of " + std::to_string(limit);
}

// The one screening path, on the rule set a request started with.
service::ScreeningPath screening_path(
    const service::LoadedRules& rules, service::Metrics& metrics,
    service::AuditSink* audit,
    std::span<const std::string_view> redact_categories) {
  return service::ScreeningPath(
      rules.engine, {.metrics = &metrics,
                     .counters = &rules.counters,
                     .audit = audit,
                     .redact_categories = redact_categories});
}

service::Comment comment_of(const ScreenItem& item) {
  return {.text = item.text,
          .lang = item.lang,
          .audit_id = plain_id(item.id_json),
          .id_json = item.id_json,
          .redact = item.redact};
}

void append_item_error(std::string& out, std::string_view position_key,
                       std::size_t position, std::string_view message) {
  out += "{\"";
  out += position_key;
  out += "\":";
  out += std::to_string(position);
  out += ",\"error\":";
  append_json_string(out, message);
  out += '}';
}

// The languages a Perspective request is screened in. Its "languages" are
// a hint, not a blindfold: Coral Talk sends "en" for every locale it has no
// Perspective model for, so an Arabic site's comments arrive labelled
// English. When the rule set scopes rules to languages, the languages found
// in the text (its script, its function words: Engine::languages_of) are
// screened as well as the ones named, and reported as detectedLanguages.
struct ScreeningLanguages {
  std::string codes;                  // "en,ar": for Engine::screen
  std::vector<std::string> detected;  // found in the text, not named
};

ScreeningLanguages screening_languages(const service::LoadedRules& rules,
                                       const AnalyzeRequest& request) {
  ScreeningLanguages out;
  for (const std::string& code : request.languages) {
    if (!out.codes.empty()) out.codes += ',';
    out.codes += code;
  }
  if (out.codes.empty() || rules.languages.empty()) return out;
  for (std::string& code : rules.engine.languages_of(request.text)) {
    if (code == "*") return ScreeningLanguages{out.codes, {}};
    if (std::find(request.languages.begin(), request.languages.end(), code) ==
        request.languages.end()) {
      out.detected.push_back(std::move(code));
    }
  }
  for (const std::string& code : out.detected) out.codes += ',' + code;
  return out;
}

ScreenRequestParser& thread_parser() {
  thread_local ScreenRequestParser parser;
  return parser;
}

}  // namespace

ScreenService::ScreenService(ServiceOptions options, service::ServiceLog& log)
    : options_(std::move(options)), log_(log) {
  for (const std::string& category : options_.redact_categories) {
    redact_categories_.push_back(category);
  }
}

Response ScreenService::error_response(service::Endpoint endpoint, int status,
                                       std::string message) const {
  // Perspective's endpoints answer errors in Google's shape.
  if (endpoint != service::Endpoint::kAnalyze && endpoint != service::Endpoint::kSuggest) {
    return json_error(status, message);
  }
  const std::string_view grpc_status =
      status == 503 ? "UNAVAILABLE"
      : status == 413 ? "OUT_OF_RANGE"
                      : "INVALID_ARGUMENT";
  return perspective_error(status, grpc_status, std::move(message));
}

std::expected<void, Errors> ScreenService::open_audit() {
  if (options_.audit_path.empty()) return {};
  const auto rules = rules_.current();
  if (!rules) return {};
  audit_ = std::make_unique<service::AuditSink>(options_.audit_path, log_);
  return audit_->open(rules->engine);
}

void ScreenService::close_audit() {
  if (audit_) audit_->close();
}

Response ScreenService::handle_screen(const Request& request) {
  if (media_type(request.content_type) != "application/json") {
    return json_error(415, wrong_type_message(request.content_type,
                                              "application/json"));
  }
  if (request.body.size() > options_.max_body_bytes) {
    return json_error(413, "the body is over the limit of " +
                               std::to_string(options_.max_body_bytes) +
                               " bytes");
  }
  const auto rules = rules_.current();
  if (!rules) return json_error(503, "the rules are not loaded yet");
  const ItemResult item = thread_parser().parse_one(request.body);
  if (!item) return json_error(400, item.error());
  if (item->text.size() > options_.max_text_bytes) {
    return json_error(413, too_long_message(item->text.size(),
                                            options_.max_text_bytes));
  }
  thread_local Verdict verdict;
  Response response;
  screening_path(*rules, metrics_, audit_.get(), redact_categories_)
      .screen_and_write(comment_of(*item), verdict, response.body);
  return response;
}

Response ScreenService::handle_batch(const Request& request) {
  const std::string media = media_type(request.content_type);
  const bool json_lines_type = is_json_lines_type(media);
  if (!json_lines_type && media != "application/json") {
    return json_error(
        415, wrong_type_message(request.content_type,
                                "application/json (an array or JSON Lines) "
                                "or application/x-ndjson"));
  }
  if (request.body.size() > options_.max_body_bytes) {
    return json_error(413, "the body is over the limit of " +
                               std::to_string(options_.max_body_bytes) +
                               " bytes");
  }
  const auto rules = rules_.current();
  if (!rules) return json_error(503, "the rules are not loaded yet");

  const BatchKind kind = batch_kind(request.body, json_lines_type);
  const std::string_view position_key =
      kind == BatchKind::kArray ? "index" : "line";
  Response response;
  std::string& out = response.body;
  out.reserve(request.body.size() + 256);
  if (kind == BatchKind::kArray) out += '[';
  bool first = true;
  thread_local Verdict verdict;
  const service::ScreeningPath path =
      screening_path(*rules, metrics_, audit_.get(), redact_categories_);
  auto on_item = [&](std::size_t position, const ItemResult& item) {
    if (kind == BatchKind::kArray && !first) out += ',';
    first = false;
    if (!item) {
      append_item_error(out, position_key, position, item.error());
    } else if (item->text.size() > options_.max_text_bytes) {
      append_item_error(out, position_key, position,
                        too_long_message(item->text.size(),
                                         options_.max_text_bytes));
    } else {
      path.screen_and_write(comment_of(*item), verdict, out);
    }
    if (kind == BatchKind::kJsonLines) out += '\n';
  };
  const auto parsed = thread_parser().parse_batch(
      request.body, kind, options_.max_batch, on_item);
  if (!parsed) return json_error(parsed.error().status, parsed.error().message);
  if (kind == BatchKind::kArray) {
    out += ']';
  } else {
    response.content_type = "application/x-ndjson";
  }
  return response;
}

std::optional<Response> ScreenService::refuse_unknown_key(const Request& request) const {
  if (options_.api_keys.empty()) return std::nullopt;
  if (request.api_key.empty()) {
    return perspective_error(403, "PERMISSION_DENIED",
                             "The request is missing a valid API key.");
  }
  const bool known = std::any_of(
      options_.api_keys.begin(), options_.api_keys.end(),
      [&](const std::string& key) { return same_secret(key, request.api_key); });
  if (!known) {
    return perspective_error(400, "INVALID_ARGUMENT",
                             "API key not valid. Please pass a valid API key.");
  }
  return std::nullopt;
}

Response ScreenService::handle_analyze(const Request& request) {
  if (auto refused = refuse_unknown_key(request)) return std::move(*refused);
  if (media_type(request.content_type) != "application/json") {
    return perspective_error(415, "INVALID_ARGUMENT",
                             wrong_type_message(request.content_type,
                                                "application/json"));
  }
  const auto rules = rules_.current();
  if (!rules) {
    return perspective_error(503, "UNAVAILABLE", "The rules are not loaded yet.");
  }
  const auto analyze = parse_analyze_request(request.body, options_.max_text_bytes);
  if (!analyze) {
    return perspective_error(analyze.error().code, analyze.error().status,
                             analyze.error().message);
  }
  thread_local Verdict verdict;
  const auto languages = screening_languages(*rules, *analyze);
  // doNotStore is the caller's word that the comment must not be kept;
  // Coral Talk sends it unless its admin allows storing.
  screening_path(*rules, metrics_, analyze->do_not_store ? nullptr : audit_.get(),
                 redact_categories_)
      .screen({.text = analyze->text,
               .lang = languages.codes,
               .audit_id = plain_id(analyze->client_token_json)},
              verdict);
  Response response;
  response.body = analyze_response(*analyze, verdict, options_.scores,
                                   rules->languages, languages.detected);
  return response;
}

Response ScreenService::handle_suggest(const Request& request) {
  if (auto refused = refuse_unknown_key(request)) return std::move(*refused);
  if (media_type(request.content_type) != "application/json") {
    return perspective_error(415, "INVALID_ARGUMENT",
                             wrong_type_message(request.content_type,
                                                "application/json"));
  }
  const auto suggest = parse_suggest_request(request.body, options_.max_text_bytes);
  if (!suggest) {
    return perspective_error(suggest.error().code, suggest.error().status,
                             suggest.error().message);
  }
  if (audit_) {
    if (auto labelled = label_suggestion(*suggest); !labelled) {
      log_.write(spdlog::level::err, "suggestscore not recorded",
                 {{"comment", suggest->comment_id}, {"error", labelled.error()}});
      return perspective_error(503, "UNAVAILABLE",
                               "The suggestion could not be recorded: " +
                                   labelled.error());
    }
  }
  Response response;
  response.body = suggest_response(*suggest);
  return response;
}

std::expected<void, std::string> ScreenService::label_suggestion(
    const SuggestRequest& suggest) {
  // The comment may still wait in the sink's batch (Coral asks right after
  // analyze when a moderator acts fast).
  if (!audit_->sync()) return std::unexpected(std::string("the audit store failed"));
  const AuditDesk desk(options_.audit_path);
  auto number = desk.latest(suggest.comment_id, suggest.text);
  if (!number) return std::unexpected(number.error().message);
  if (*number == 0) {
    // Screened before this store, or by another instance: screened now, so
    // that the moderators' decision is kept with a verdict to judge.
    const auto rules = rules_.current();
    if (!rules) return std::unexpected(std::string("the rules are not loaded yet"));
    Verdict verdict;
    service::ScreeningPath(rules->engine, {.audit = audit_.get()})
        .screen({.text = suggest.text, .audit_id = suggest.comment_id}, verdict);
    if (!audit_->sync()) return std::unexpected(std::string("the audit store failed"));
    number = desk.latest(suggest.comment_id, suggest.text);
    if (!number) return std::unexpected(number.error().message);
    if (*number == 0) return std::unexpected(std::string("the comment was not recorded"));
  }
  auto stored = desk.verdict_of(*number);
  if (!stored) return std::unexpected(stored.error().message);
  // The label judges our verdict: right when it held back what the
  // moderators rejected, or let through what they approved.
  const bool held = *stored != Decision::kApprove;
  std::string note = std::string("comments:suggestscore: the moderators ") +
                     (suggest.flagged() ? "rejected" : "approved") + " it";
  for (const SuggestedScore& score : suggest.scores) {
    char value[32];
    std::snprintf(value, sizeof value, "%g", score.value);
    note += " (" + score.attribute + " " + value + ")";
  }
  if (!suggest.community_id.empty()) note += " in " + suggest.community_id;
  auto labelled = desk.label_number(*number, held == suggest.flagged(), note);
  if (!labelled) return std::unexpected(labelled.error().message);
  return {};
}

Response ScreenService::handle_discovery(const Request& request) const {
  const std::string host = request.host.empty()
                               ? options_.host + ":" + std::to_string(options_.port)
                               : std::string(request.host);
  Response response;
  response.body = discovery_document("http://" + host + "/");
  return response;
}

Response ScreenService::handle_healthz(const Request&) const {
  Response response;
  response.body = R"({"status":"alive"})";
  return response;
}

Response ScreenService::handle_readyz(const Request&) const {
  const auto rules = rules_.current();
  Response response;
  if (draining_) {
    response.status = 503;
    response.body = R"({"status":"draining"})";
  } else if (!rules) {
    response.status = 503;
    response.retry_after = 1;
    response.body = R"({"status":"loading"})";
  } else {
    response.body = R"({"status":"ready","ruleset":)";
    append_json_string(response.body, rules->info.id);
    response.body += '}';
  }
  return response;
}

Response ScreenService::handle_metrics(const Request&) const {
  const auto rules = rules_.current();
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = metrics_.render(rules ? &rules->info : nullptr);
  if (audit_) {
    response.body +=
        "# HELP modfilter_audit_unrecorded_total Comments screened but not "
        "in the audit store, because the store failed (disk full, "
        "read-only).\n# TYPE modfilter_audit_unrecorded_total counter\n"
        "modfilter_audit_unrecorded_total " +
        std::to_string(audit_->unrecorded()) + "\n";
  }
  if (extra_metrics_) extra_metrics_(response.body);
  return response;
}

Response ScreenService::handle_reload(const Request& request) {
  if (auto refused = refuse_unless_admin(request, options_.admin_token)) {
    return std::move(*refused);
  }
  const auto loaded = reload();
  if (!loaded) {
    Response response;
    response.status = 422;
    response.body =
        "{\"status\":422,\"error\":\"the rule set has errors; the one in use "
        "keeps serving\",\"errors\":[";
    for (std::size_t i = 0; i < loaded.error().size(); ++i) {
      if (i > 0) response.body += ',';
      append_json_string(response.body, loaded.error()[i].to_string());
    }
    response.body += "],\"ruleset\":";
    const auto current = rules_.current();
    append_json_string(response.body, current ? current->info.id : "");
    response.body += '}';
    return response;
  }
  Response response;
  response.body = R"({"reloaded":true,"ruleset":)";
  append_json_string(response.body, *loaded);
  response.body += '}';
  return response;
}

std::expected<std::string, Errors> ScreenService::reload() {
  if (options_.rules_path.empty()) {
    return std::unexpected(Errors{Error{ErrorKind::kIo, "", 0, 0, "",
                                        "the service was given no rules path",
                                        "start it with --rules DIR"}});
  }
  auto loaded = rules_.load(options_.rules_path);
  if (!loaded) {
    for (const Error& error : loaded.error()) {
      log_.write(spdlog::level::err, "rule set refused",
                 {{"rules", options_.rules_path},
                  {"error", error.to_string()}});
    }
    return std::unexpected(std::move(loaded.error()));
  }
  const service::RuleSetInfo& info = (*loaded)->info;
  log_.write(spdlog::level::info, "rule set loaded",
             {{"ruleset", info.id},
              {"rules", static_cast<std::int64_t>(
                            (*loaded)->engine.rule_set().rules.size())},
              {"seconds", info.load_seconds}});
  return info.id;
}

}  // namespace modfilter::http
