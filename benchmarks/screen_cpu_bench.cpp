// screen_cpu_bench: screen() on one thread against Hyperscan alone and
// RE2::Set (the baselines of `modfilter bench`), timed in the thread's CPU
// time and interleaved in rounds. On a shared machine wall time measures the
// neighbours as much as the code, and a ratio of two wall-time runs taken
// seconds apart can swing by 2x; CPU time taken in alternating rounds keeps
// what the other processes do off both sides of the ratio. Prints, per path,
// the median over the rounds of comments and MB per CPU second, and the
// median per-round ratios of screen to each baseline.
//
//   build/benchmarks/screen_cpu_bench [--rules R] [--rounds N] DATA.jsonl...
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "engine/bench/baseline.h"
#include "engine/bench/corpus.h"
#include "engine/engine.h"

using namespace modfilter;

namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// CPU seconds of one pass of fn over every comment.
double one_pass(const Corpus& corpus,
                const std::function<std::size_t(const std::string&)>& fn,
                std::size_t& sink) {
  const double start = thread_cpu_seconds();
  for (const std::string& text : corpus.texts) sink += fn(text);
  return thread_cpu_seconds() - start;
}

double median(std::vector<double> values) {
  std::ranges::sort(values);
  return values[values.size() / 2];
}

void print_errors(const Errors& errors) {
  for (const Error& e : errors) std::fprintf(stderr, "%s\n", e.to_string().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules = MODFILTER_DEFAULT_RULES;
  std::size_t rounds = 7;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      rules = argv[++i];
    } else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    } else {
      files.emplace_back(argv[i]);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr,
                 "usage: screen_cpu_bench [--rules R] [--rounds N] DATA...\n");
    return 2;
  }
  auto engine = Engine::load(rules);
  if (!engine) {
    print_errors(engine.error());
    return 2;
  }
  // The baselines run every pattern, as in `modfilter bench`.
  auto one_stage = Engine::from_rule_set(engine->rule_set(),
                                         CompileOptions{.confirm_stage = false});
  if (!one_stage) {
    print_errors(one_stage.error());
    return 2;
  }
  std::size_t skipped = 0;
  auto corpus = load_corpus(files, skipped);
  if (!corpus) {
    print_errors(corpus.error());
    return 2;
  }
  const auto hyperscan = make_hyperscan_baseline(one_stage->compiled());
  const auto re2_set = make_re2_set_baseline(one_stage->compiled());
  const auto hyperscan_state = hyperscan->make_state();
  const auto re2_state = re2_set->make_state();
  Verdict verdict;
  struct Path {
    const char* name;
    std::function<std::size_t(const std::string&)> fn;
    std::vector<double> seconds;
  };
  std::vector<Path> paths = {
      {"screen",
       [&](const std::string& t) {
         engine->screen(t, verdict);
         return verdict.reasons.size();
       },
       {}},
      {"hyperscan-only",
       [&](const std::string& t) { return hyperscan->scan(t, *hyperscan_state); },
       {}},
      {"re2-set",
       [&](const std::string& t) { return re2_set->scan(t, *re2_state); },
       {}},
  };
  std::size_t sink = 0;
  for (Path& p : paths) one_pass(*corpus, p.fn, sink);  // warm-up
  for (std::size_t r = 0; r < rounds; ++r) {
    for (Path& p : paths) p.seconds.push_back(one_pass(*corpus, p.fn, sink));
  }
  const auto n = static_cast<double>(corpus->texts.size());
  const auto mb = static_cast<double>(corpus->bytes) / 1e6;
  std::printf("rules %s, %zu comments, %.2f MB, %zu rounds (checksum %zu)\n",
              engine->id().c_str(), corpus->texts.size(), mb, rounds,
              sink % 1000);
  std::printf("| path | comments per CPU s | MB per CPU s |\n|---|--:|--:|\n");
  for (const Path& p : paths) {
    const double s = median(p.seconds);
    std::printf("| %s | %.0f | %.1f |\n", p.name, n / s, mb / s);
  }
  for (std::size_t b = 1; b < paths.size(); ++b) {
    std::vector<double> ratios;
    for (std::size_t r = 0; r < rounds; ++r) {
      ratios.push_back(paths[b].seconds[r] / paths[0].seconds[r]);
    }
    std::printf("screen / %s: %.2fx (median of per-round ratios, min %.2f, "
                "max %.2f)\n",
                paths[b].name, median(ratios), *std::ranges::min_element(ratios),
                *std::ranges::max_element(ratios));
  }
  return 0;
}
