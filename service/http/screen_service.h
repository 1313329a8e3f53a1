// ScreenService: the endpoints of `modfilter serve` as plain functions from
// Request to Response, with no socket behind them, so that tests and
// fuzzers call them directly; HttpServer binds them to HTTP. No screening
// logic of its own: Engine::screen decides, json_writer writes the verdict
// object of DESIGN.md, redact() masks.
//
//   POST /v1/screen                 {"id", "text", "redact"} -> verdict
//   POST /v1/screen/batch           JSON array or JSON Lines -> verdicts
//   POST /v1alpha1/comments:analyze Perspective's AnalyzeComment
//   POST /v1alpha1/comments:suggestscore  Perspective's SuggestCommentScore:
//                                   with an audit store, a moderator label
//   GET  /$discovery/rest           the Discovery document of those two
//   GET  /healthz, /readyz, /metrics
//   POST /v1/admin/reload           bearer token; off without one
//
// Errors are JSON {"status": N, "error": "..."} (Perspective's endpoint:
// Google's {"error": {"code", "message", "status"}}): 400 malformed JSON or
// no text, 413 too large, 415 wrong content type, 503 before the rules are
// loaded. Every handler is safe to call from many threads at once.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/error.h"
#include "service/common/audit_sink.h"
#include "service/common/live_rules.h"
#include "service/http/message.h"
#include "service/common/metrics.h"
#include "service/common/service_log.h"
#include "service/http/service_options.h"
#include "service/http/suggest_score.h"

namespace modfilter::http {

class ScreenService {
 public:
  ScreenService(ServiceOptions options, service::ServiceLog& log);
  ScreenService(const ScreenService&) = delete;
  ScreenService& operator=(const ScreenService&) = delete;

  Response handle_screen(const Request& request);
  Response handle_batch(const Request& request);
  Response handle_analyze(const Request& request);
  Response handle_suggest(const Request& request);
  // The Discovery document (discovery.h), its rootUrl from the Host header.
  Response handle_discovery(const Request& request) const;
  Response handle_healthz(const Request& request) const;
  Response handle_readyz(const Request& request) const;
  Response handle_metrics(const Request& request) const;
  Response handle_reload(const Request& request);

  // The error answer of `endpoint` when the server refuses a request
  // before its handler runs (a body too large or unreadable).
  Response error_response(service::Endpoint endpoint, int status,
                          std::string message) const;

  // Loads options.rules_path and swaps it in (the first load and every
  // reload); a rule set with errors is refused, logged and counted, and
  // the one in use keeps serving. Returns the new rule set's id.
  std::expected<std::string, Errors> reload();

  // With options.audit_path: opens the audit store for the loaded rules
  // (call after the first reload()); close_audit() commits and finishes
  // the run (SIGTERM).
  std::expected<void, Errors> open_audit();
  bool has_audit() const noexcept { return audit_ != nullptr; }
  void close_audit();

  // More exposition text for GET /metrics, from the transport (HttpServer);
  // set before serving, cleared after.
  void set_extra_metrics(std::function<void(std::string&)> render) {
    extra_metrics_ = std::move(render);
  }

  // From now on /readyz answers 503, so load balancers stop sending.
  void set_draining() noexcept { draining_ = true; }

  service::LiveRules& rules() noexcept { return rules_; }
  service::Metrics& metrics() noexcept { return metrics_; }
  const ServiceOptions& options() const noexcept { return options_; }

 private:
  // Perspective's API keys: nullopt when the request may go on.
  std::optional<Response> refuse_unknown_key(const Request& request) const;
  // Records a SuggestCommentScore as the moderators' label of the latest
  // stored comment with its id (or text), screening it first when the
  // store has none.
  std::expected<void, std::string> label_suggestion(const SuggestRequest& suggest);

  ServiceOptions options_;
  std::vector<std::string_view> redact_categories_;  // views into options_
  service::ServiceLog& log_;
  service::Metrics metrics_;
  service::LiveRules rules_{metrics_};
  std::unique_ptr<service::AuditSink> audit_;  // null without options.audit_path
  std::atomic<bool> draining_{false};
  std::function<void(std::string&)> extra_metrics_;
};

}  // namespace modfilter::http
