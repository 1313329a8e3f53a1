// modfilter worker: screen Redis Streams as a consumer group
// (service/worker). Parses the options and runs it.
#include <unistd.h>

#include "cli/common.h"
#include "service/worker/worker.h"

namespace modfilter::cli {
namespace {

struct WorkerOptions {
  worker::WorkerConfig config;
  std::string redis = "redis://127.0.0.1:6379";
  ServiceRules rules;
  double block = 1;
  double claim_idle = 30;
  long progress_interval = 10;
};

std::string default_consumer() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host[0] != '\0' ? host : "worker") + "-" +
         std::to_string(getpid());
}

std::chrono::milliseconds to_ms(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

int run_worker(WorkerOptions& options) {
  worker::WorkerConfig& config = options.config;
  auto address = worker::parse_redis_url(options.redis);
  if (!address) {
    print_errors({address.error()});
    return kExitUsage;
  }
  config.redis = std::move(*address);
  if (config.consumer.empty()) config.consumer = default_consumer();
  config.rules_path = options.rules.path();
  config.block = std::max(to_ms(options.block), std::chrono::milliseconds(1));
  config.claim_idle = to_ms(options.claim_idle);
  config.progress_interval = std::chrono::seconds(options.progress_interval);
  if (auto ran = worker::run_worker(std::move(config)); !ran) {
    print_errors(ran.error());
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

Command add_worker(CLI::App& parent) {
  auto options = std::make_shared<WorkerOptions>();
  worker::WorkerConfig& config = options->config;
  CLI::App* app = parent.add_subcommand(
      "worker",
      "Screen comments queued in Redis Streams, as one consumer of a group:\n"
      "reads entries (field text; every field passed through), writes one\n"
      "verdict per entry to --out and acknowledges the inputs in one\n"
      "MULTI/EXEC per batch: at-least-once, a verdict may repeat after a\n"
      "crash (deduplicate on \"stream\" + \"entry\"), never go missing.\n"
      "Entries idle in a dead consumer's pending list are claimed; entries\n"
      "that are not comments, or delivered too often, go to the dead-letter\n"
      "stream with the reason. SIGHUP reloads the rules; SIGTERM finishes\n"
      "the batch and exits 0. Exit 2 when it cannot start.");
  app->add_option("--redis", options->redis, "redis://HOST:PORT[/DB]")
      ->capture_default_str();
  app->add_option("--in", config.in_streams,
                  "input stream(s); several spread a group over shards "
                  "(comments:0 comments:1 ...)")
      ->required();
  app->add_option("--group", config.group,
                  "consumer group, created on each input stream when missing "
                  "(reading from the stream's start)")
      ->capture_default_str();
  app->add_option("--consumer", config.consumer,
                  "this worker's name in the group (default: HOST-PID); a "
                  "stable name resumes its own pending entries at restart");
  app->add_option("--out", config.out_stream, "stream the verdicts go to")
      ->capture_default_str();
  app->add_option("--dead-letter", config.dead_stream,
                  "stream for entries that cannot be screened (default: "
                  "OUT:dead)");
  add_service_rule_options(*app, options->rules);
  app->add_option("--batch", config.batch,
                  "entries per read and per MULTI/EXEC (per input stream)")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  app->add_option("--block", options->block,
                  "seconds a read waits for new entries; also how long a "
                  "signal may wait")
      ->capture_default_str()->check(CLI::Range(0.001, 60.0));
  app->add_option("--claim-idle", options->claim_idle,
                  "seconds an entry stays pending with another consumer "
                  "before this one claims it (XAUTOCLAIM)")
      ->capture_default_str()->check(CLI::Range(0.001, 86400.0));
  app->add_option("--max-deliveries", config.limits.max_deliveries,
                  "an entry delivered more often goes to the dead-letter "
                  "stream (a comment that crashes or hangs workers)")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  app->add_option("--max-text-bytes", config.limits.max_text_bytes,
                  "longer comments go to the dead-letter stream")
      ->capture_default_str()->check(CLI::PositiveNumber);
  app->add_option("--text-field", config.limits.text_field,
                  "field holding the comment")
      ->capture_default_str();
  app->add_option("--id-field", config.id_field,
                  "field holding the comment's id, for --audit (default: "
                  "id; the entry id when missing)")
      ->capture_default_str();
  app->add_option("--lang-field", config.lang_field,
                  "field holding the comment's languages (ISO codes: ar, or "
                  "ar,en), as serve's \"lang\"; when an entry lacks it, the "
                  "engine finds the language itself")
      ->capture_default_str();
  app->add_option("--out-maxlen", config.out_maxlen,
                  "cap the output stream near this length (XADD MAXLEN ~); "
                  "0: no cap")
      ->capture_default_str();
  app->add_option("--audit", config.audit_path,
                  "record every screened comment in this audit store (see "
                  "'modfilter audit')");
  app->add_option("--metrics-listen", config.metrics_listen,
                  "HOST:PORT serving GET /metrics (serve's metrics plus "
                  "stream lag and pending counts) and /healthz");
  app->add_option("--progress-interval", options->progress_interval,
                  "seconds between progress lines at info level (0: none)")
      ->capture_default_str()->check(CLI::Range(0, 86400));
  app->add_option("--log-level", config.log_level,
                  "info logs progress, connections and dead letters")
      ->capture_default_str()
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}));
  app->add_flag("--log-json", config.log_json, "log one JSON object per line");
  return {app, [options] { return run_worker(*options); }};
}

}  // namespace modfilter::cli
