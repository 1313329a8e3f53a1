// modfilter serve: the HTTP service (service/http). Parses the options and
// runs it; everything else lives in the service.
#include "cli/common.h"
#include "engine/core/limits.h"
#include "service/common/listen_address.h"
#include "service/http/runner.h"

namespace modfilter::cli {
namespace {

struct ServeOptions {
  http::ServeConfig config;
  std::string listen = "127.0.0.1:8080";
  ServiceRules rules;
  double header_timeout = 5;
  double body_timeout = 30;
  double write_timeout = 5;
  double keep_alive_timeout = 5;
  long summary_interval = 60;
};

int run_serve(ServeOptions& options) {
  http::ServeConfig& config = options.config;
  if (!service::parse_listen(options.listen, config.service.host, config.service.port)) {
    std::fprintf(stderr, "modfilter: --listen %s: expected HOST:PORT\n",
                 options.listen.c_str());
    return kExitUsage;
  }
  config.service.rules_path = options.rules.path();
  const auto ms = [](double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
  };
  config.service.header_timeout = ms(options.header_timeout);
  config.service.body_timeout = ms(options.body_timeout);
  config.service.write_timeout = ms(options.write_timeout);
  config.service.keep_alive_timeout = ms(options.keep_alive_timeout);
  config.summary_interval = std::chrono::seconds(options.summary_interval);
  if (auto served = http::run_service(config); !served) {
    print_errors(served.error());
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

Command add_serve(CLI::App& parent) {
  auto options = std::make_shared<ServeOptions>();
  http::ServiceOptions& service = options->config.service;
  CLI::App* app = parent.add_subcommand(
      "serve",
      "Screen comments over HTTP: POST /v1/screen, /v1/screen/batch and the\n"
      "Perspective-compatible /v1alpha1/comments:analyze and :suggestscore\n"
      "(Coral Talk: endpoint http://HOST:PORT/v1alpha1; Discovery document at\n"
      "/$discovery/rest); GET /healthz, /readyz, /metrics. GET / is the\n"
      "moderator page (check a comment; with --audit and --admin-token-file\n"
      "the review queue and labels). SIGHUP reloads the rules, SIGTERM stops\n"
      "after the requests in flight. Exit 0 after SIGTERM, 2 when it cannot\n"
      "start.");
  add_service_rule_options(*app, options->rules);
  app->add_option("--audit", service.audit_path,
                  "record every comment of /v1/screen, /v1/screen/batch and "
                  "comments:analyze (unless doNotStore) in this audit store "
                  "(see 'modfilter audit'), and Perspective suggestscore "
                  "calls as moderator labels; if it fails "
                  "(disk full, read-only) answers go on, the failure is "
                  "logged and /metrics counts what the store lacks");
  app->add_option("--listen", options->listen, "address and port, HOST:PORT")
      ->capture_default_str();
  app->add_option("--io-threads", service.io_threads,
                  "threads reading and writing sockets (default: the cores); "
                  "an open connection costs a buffer, not a thread")
      ->check(CLI::Range(0, 256));
  app->add_option("--threads", service.threads,
                  "screening threads for batches, reloads and comments over "
                  "4 KiB (default: the cores); smaller comments are screened "
                  "on the I/O thread")
      ->check(CLI::Range(0, 4096));
  app->add_option("--max-queue", service.max_queue,
                  "requests waiting for a screening thread; more get 503 "
                  "with Retry-After")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  app->add_option("--max-connections", service.max_connections,
                  "open connections; more are closed on accept (lowered to "
                  "fit the open-file limit)")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  app->add_option("--max-connections-per-address",
                  service.max_connections_per_address,
                  "open connections from one client address; more are "
                  "closed on accept")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  app->add_option("--max-header-bytes", service.max_header_bytes,
                  "request line and headers; more get 431")
      ->capture_default_str()->check(CLI::Range(1024, 1 << 20));
  app->add_option("--max-header-count", service.max_header_count,
                  "header lines of a request; more get 431")
      ->capture_default_str()->check(CLI::Range(1, 10000));
  app->add_option("--max-body-bytes", service.max_body_bytes,
                  "larger request bodies get 413")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app->add_option("--max-text-bytes", service.max_text_bytes,
                  "longer comments get 413 (in a batch: an error item); the "
                  "limit of scan and check too (at most 256 MiB)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, kMaxTextBytesCeiling));
  app->add_option("--max-batch", service.max_batch,
                  "more comments in one batch get 413")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app->add_option("--header-timeout,--read-timeout", options->header_timeout,
                  "seconds from a request's first byte to its last header "
                  "line, however slowly they trickle in; then the connection "
                  "is closed")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0));
  app->add_option("--body-timeout", options->body_timeout,
                  "seconds from the headers to the end of the body, however "
                  "slowly it trickles in")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0));
  app->add_option("--write-timeout", options->write_timeout,
                  "seconds to write one response")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0));
  app->add_option("--keep-alive-timeout", options->keep_alive_timeout,
                  "seconds an idle connection stays open between requests")
      ->capture_default_str()->check(CLI::Range(0.01, 3600.0));
  app->add_option("--keep-alive-requests", service.keep_alive_requests,
                  "requests served on one connection before it is closed")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app->add_option("--redact-categories", service.redact_categories,
                  "categories whose words \"redact\": true masks")
      ->delimiter(',')->capture_default_str();
  app->add_option("--score-reject", service.scores.reject,
                  "Perspective score of a rule that rejects (a verdict, not a "
                  "probability)")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  app->add_option("--score-review", service.scores.review,
                  "Perspective score of a rule that sends to review")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  app->add_option("--score-none", service.scores.none,
                  "Perspective score when no rule of the attribute fired")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  app->add_option("--admin-token-file", options->config.admin_token_file,
                  "file holding the bearer token of POST /v1/admin/reload "
                  "and of the moderator page's review queue and labels; "
                  "without it the admin endpoints are off")
      ->check(CLI::ExistingFile);
  app->add_option("--api-keys-file", options->config.api_keys_file,
                  "file of Perspective API keys, one per line, checked "
                  "against ?key=; without it any key is accepted")
      ->check(CLI::ExistingFile);
  app->add_option("--log-level", options->config.log_level,
                  "debug logs one line per request")
      ->capture_default_str()
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}));
  app->add_flag("--log-json", options->config.log_json,
                "log one JSON object per line");
  app->add_option("--summary-interval", options->summary_interval,
                  "seconds between summary lines at info level (0: none)")
      ->capture_default_str()->check(CLI::Range(0, 86400));
  return {app, [options] { return run_serve(*options); }};
}

}  // namespace modfilter::cli
