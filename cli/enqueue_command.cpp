// modfilter enqueue: queue comments from JSON Lines into a Redis stream,
// the producer side of `modfilter worker` (tests, benchmarks, back-fills).
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/common.h"
#include "service/worker/enqueue.h"

namespace modfilter::cli {
namespace {

struct EnqueueCommandOptions {
  worker::EnqueueOptions enqueue;
  std::string redis = "redis://127.0.0.1:6379";
  std::vector<std::string> files;
};

int run_enqueue(EnqueueCommandOptions& options) {
  auto address = worker::parse_redis_url(options.redis);
  if (!address) {
    print_errors({address.error()});
    return kExitUsage;
  }
  options.enqueue.redis = std::move(*address);
  if (options.files.empty()) options.files.push_back("-");
  bool bad_input = false;
  std::uint64_t total = 0;
  for (const std::string& file : options.files) {
    std::ifstream stream;
    std::istream* in = &std::cin;
    if (file != "-") {
      stream.open(file, std::ios::binary);
      if (!stream) {
        std::fprintf(stderr, "modfilter: %s: cannot open the file\n",
                     file.c_str());
        bad_input = true;
        continue;
      }
      in = &stream;
    }
    auto done = worker::enqueue(
        options.enqueue, *in, file == "-" ? "<stdin>" : file,
        [](const Error& error) { print_errors({error}); });
    if (!done) {
      print_errors({done.error()});
      return kExitUsage;
    }
    total += done->entries;
    bad_input = bad_input || done->bad_lines > 0;
  }
  std::fprintf(stderr, "modfilter: enqueued %llu entries to %s\n",
               static_cast<unsigned long long>(total),
               options.enqueue.stream.c_str());
  return bad_input ? kExitUsage : kExitOk;
}

}  // namespace

Command add_enqueue(CLI::App& parent) {
  auto options = std::make_shared<EnqueueCommandOptions>();
  CLI::App* app = parent.add_subcommand(
      "enqueue",
      "Queue comments for 'modfilter worker': each JSON Lines object\n"
      "becomes one stream entry, its members the entry's fields (strings\n"
      "as they are, other values as JSON). A line that is not a JSON\n"
      "object is reported and skipped; exit 2 if any was.");
  app->add_option("files", options->files, "JSON Lines files; none or - for stdin");
  app->add_option("--redis", options->redis, "redis://HOST:PORT[/DB]")
      ->capture_default_str();
  app->add_option("--stream", options->enqueue.stream, "the input stream")
      ->required();
  app->add_option("--rate", options->enqueue.rate,
                  "entries per second at most (0: as fast as Redis takes "
                  "them); for latency measurements")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  app->add_option("--chunk", options->enqueue.chunk,
                  "XADDs sent per round trip")
      ->capture_default_str()->check(CLI::Range(1, 100000));
  app->add_option("--maxlen", options->enqueue.maxlen,
                  "cap the stream near this length (XADD MAXLEN ~); 0: no cap")
      ->capture_default_str();
  return {app, [options] { return run_enqueue(*options); }};
}

}  // namespace modfilter::cli
