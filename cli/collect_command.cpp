// modfilter collect: read a verdict (or dead-letter) stream back as JSON
// Lines, with duplicate and latency figures for benchmarks.
#include <cstdio>
#include <string>

#include "cli/common.h"
#include "service/worker/collect.h"

namespace modfilter::cli {
namespace {

struct CollectCommandOptions {
  worker::CollectOptions collect;
  std::string redis = "redis://127.0.0.1:6379";
  double idle = 2;
  bool stats = false;
  bool quiet = false;
};

int run_collect(CollectCommandOptions& options) {
  auto address = worker::parse_redis_url(options.redis);
  if (!address) {
    print_errors({address.error()});
    return kExitUsage;
  }
  options.collect.redis = std::move(*address);
  options.collect.idle =
      std::chrono::milliseconds(static_cast<long long>(options.idle * 1000));
  std::string out;
  const auto emit = [&](std::string_view json) {
    if (options.quiet) return;
    out += json;
    out += '\n';
    if (out.size() >= (1u << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  };
  auto stats = worker::collect(options.collect, emit);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (!stats) {
    print_errors({stats.error()});
    return kExitUsage;
  }
  if (options.stats) {
    const double span_s =
        stats->entries > 1
            ? static_cast<double>(stats->last_ms - stats->first_ms) / 1000
            : 0;
    std::fprintf(stderr,
                 "entries %llu duplicates %llu latency_ms p50 %lld p99 %lld "
                 "max %lld first_to_last_s %.3f\n",
                 static_cast<unsigned long long>(stats->entries),
                 static_cast<unsigned long long>(stats->duplicates),
                 stats->latency_p50, stats->latency_p99, stats->latency_max,
                 span_s);
  }
  if (options.collect.count > 0 && stats->entries < options.collect.count) {
    std::fprintf(stderr,
                 "modfilter: collected %llu entries of the %llu asked for\n",
                 static_cast<unsigned long long>(stats->entries),
                 static_cast<unsigned long long>(options.collect.count));
    return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

Command add_collect(CLI::App& parent) {
  auto options = std::make_shared<CollectCommandOptions>();
  CLI::App* app = parent.add_subcommand(
      "collect",
      "Read a verdict stream written by 'modfilter worker' back as JSON\n"
      "Lines (a dead-letter stream too: its fields as a JSON object), from\n"
      "the start or --from an entry id, until --count entries or nothing\n"
      "new for --idle seconds. Exit 1 when fewer than --count came.");
  app->add_option("--redis", options->redis, "redis://HOST:PORT[/DB]")
      ->capture_default_str();
  app->add_option("--stream", options->collect.stream,
                  "the verdict stream (worker --out)")
      ->required();
  app->add_option("--from", options->collect.from,
                  "read the entries after this id (0: from the start)")
      ->capture_default_str();
  app->add_option("--count", options->collect.count,
                  "stop after this many entries (0: no limit)")
      ->capture_default_str();
  app->add_option("--idle", options->idle,
                  "stop when no entry came for this many seconds")
      ->capture_default_str()->check(CLI::Range(0.001, 86400.0));
  app->add_flag("--stats", options->stats,
                "print on stderr: entries, duplicates (an input entry with "
                "two verdicts), latency from enqueue to verdict (p50, p99, "
                "max; ms, from the entry ids), first-to-last verdict time");
  app->add_flag("-q,--quiet", options->quiet, "print no verdicts");
  return {app, [options] { return run_collect(*options); }};
}

}  // namespace modfilter::cli
