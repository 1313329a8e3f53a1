// screen_cpu_bench: screen() on one thread against Hyperscan alone and
// RE2::Set (the baselines of `modfilter bench`), timed in the thread's CPU
// time and interleaved in rounds. On a shared machine wall time measures the
// neighbours as much as the code, and a ratio of two wall-time runs taken
// seconds apart can swing by 2x; CPU time taken in alternating rounds keeps
// what the other processes do off both sides of the ratio. Prints, per path,
// the median over the rounds of comments and MB per CPU second, and the
// median per-round ratios of screen to each baseline.
//
// Three more cases run in the same rounds:
//  - screen-as-written: screen() reading no slips (compiler/slip_index.h),
//    so that "screen / screen-as-written" is what reading misspelt rule
//    words costs (issue 19: aim within 10%);
//  - screen-copied: the rules plus a copy of every rule under a new id
//    (`id: x` -> `id: copy.x`), which should cost little more (aim >= 0.85x
//    of screen) and compile to the same lexemes, since vocabulary is
//    interned once however many rules write it;
//  - the npm word-list filter @2toad/profanity (benchmarks/peer_toad.js, in
//    node, its own CPU time), found outside the repository: --peer DIR or
//    MODFILTER_PEER_TOAD=DIR, a directory whose node_modules holds it. Said
//    plainly when missing, never silently left out.
//
//   build/benchmarks/screen_cpu_bench [--rules R] [--rounds N] [--peer DIR]
//                                     [--no-copied] [--only PATH] DATA.jsonl...
// (--only screen: that path alone, to profile it.)
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/bench/baseline.h"
#include "engine/bench/corpus.h"
#include "engine/engine.h"
#include "engine/scanner/scanner.h"

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

// The rules with every rule copied under `copy.<id>`.
RuleSet with_copies(const RuleSet& rules) {
  RuleSet copied = rules;
  for (const Rule& rule : rules.rules) {
    Rule copy = rule;
    copy.id = "copy." + rule.id;
    copied.rules.push_back(std::move(copy));
  }
  copied.name += "+copies";
  return copied;
}

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// One timed pass of @2toad/profanity over the files (peer_toad.js after
// its own warm-up pass): its CPU seconds, or nullopt with the reason.
std::optional<double> peer_pass(const std::string& command, std::string& why) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    why = "cannot run node";
    return std::nullopt;
  }
  char line[512];
  std::optional<double> seconds;
  while (std::fgets(line, sizeof line, pipe) != nullptr) {
    double s = 0;
    if (std::sscanf(line, "seconds %lf", &s) == 1) seconds = s;
  }
  const int status = ::pclose(pipe);
  if (status != 0 || !seconds) {
    why = "node benchmarks/peer_toad.js failed (exit status " +
          std::to_string(status) + "; its message is above)";
    return std::nullopt;
  }
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  std::string rules = MODFILTER_DEFAULT_RULES;
  std::size_t rounds = 7;
  bool copied = true;
  std::string only;  // one path alone, for a profiler
  const char* peer_env = std::getenv("MODFILTER_PEER_TOAD");
  std::string peer = peer_env != nullptr ? peer_env : "";
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      rules = argv[++i];
    } else if (std::strcmp(argv[i], "--peer") == 0 && i + 1 < argc) {
      peer = argv[++i];
    } else if (std::strcmp(argv[i], "--no-copied") == 0) {
      copied = false;
    } else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
      only = argv[++i];
    } else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::max<std::size_t>(1, std::strtoul(argv[++i], nullptr, 10));
    } else {
      files.emplace_back(argv[i]);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr,
                 "usage: screen_cpu_bench [--rules R] [--rounds N] [--peer DIR] "
                 "[--no-copied] [--only PATH] DATA...\n");
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
  std::optional<Engine> copies;
  if (copied) {
    auto engine_copies = Engine::from_rule_set(with_copies(engine->rule_set()));
    if (!engine_copies) {
      print_errors(engine_copies.error());
      return 2;
    }
    copies.emplace(std::move(*engine_copies));
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
  ScanWorkspace as_written_workspace;
  ScanOptions as_written;
  as_written.read_slips = false;
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
      {"screen-as-written",
       [&](const std::string& t) {
         engine->screen(t, verdict, as_written_workspace, as_written);
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
  if (copies) {
    paths.push_back({"screen-copied",
                     [&](const std::string& t) {
                       copies->screen(t, verdict);
                       return verdict.reasons.size();
                     },
                     {}});
  }
  if (!only.empty()) {
    std::erase_if(paths, [&](const Path& p) { return p.name != only; });
    if (paths.empty()) {
      std::fprintf(stderr, "--only: no path named %s\n", only.c_str());
      return 2;
    }
  }
  std::string peer_command;
  std::string peer_missing;
  std::vector<double> peer_seconds;
  if (!only.empty()) {
    peer_missing = "not measured with --only";
  } else if (peer.empty()) {
    peer_missing =
        "not measured: give --peer DIR or MODFILTER_PEER_TOAD=DIR, a directory "
        "where 'npm install @2toad/profanity' was run (outside the repository)";
  } else {
    peer_command = "node " + shell_quoted(MODFILTER_BENCHMARK_DIR "/peer_toad.js") +
                   " " + shell_quoted(peer) + " 1";
    for (const auto& f : files) peer_command += " " + shell_quoted(f.string());
  }
  std::size_t sink = 0;
  for (Path& p : paths) one_pass(*corpus, p.fn, sink);  // warm-up
  for (std::size_t r = 0; r < rounds; ++r) {
    for (Path& p : paths) p.seconds.push_back(one_pass(*corpus, p.fn, sink));
    if (!peer_command.empty() && peer_missing.empty()) {
      if (auto s = peer_pass(peer_command, peer_missing)) peer_seconds.push_back(*s);
    }
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
  if (!peer_seconds.empty()) {
    const double s = median(peer_seconds);
    std::printf("| @2toad/profanity (node) | %.0f | %.1f |\n", n / s, mb / s);
  }
  // Speed of `a` over speed of `b`, per round.
  const auto print_ratio = [](const char* a, const std::vector<double>& a_seconds,
                              const char* b, const std::vector<double>& b_seconds,
                              const char* aim) {
    std::vector<double> ratios;
    for (std::size_t r = 0; r < a_seconds.size(); ++r) {
      ratios.push_back(b_seconds[r] / a_seconds[r]);
    }
    std::printf("%s / %s: %.2fx (median of per-round ratios, min %.2f, "
                "max %.2f)%s\n",
                a, b, median(ratios), *std::ranges::min_element(ratios),
                *std::ranges::max_element(ratios), aim);
  };
  for (std::size_t b = 1; b < paths.size(); ++b) {
    if (std::strcmp(paths[b].name, "screen-copied") == 0) {
      print_ratio(paths[b].name, paths[b].seconds, paths[0].name,
                  paths[0].seconds, " (aim >= 0.85x)");
    } else {
      print_ratio(paths[0].name, paths[0].seconds, paths[b].name,
                  paths[b].seconds, "");
    }
  }
  if (copies) {
    std::printf("lexemes: %zu with the rules, %zu with every rule copied "
                "(%zu and %zu rules)\n",
                engine->stats().lexemes,
                copies->stats().lexemes,
                engine->stats().rules,
                copies->stats().rules);
  }
  if (!peer_seconds.empty()) {
    const std::vector<double> screen_seconds(
        paths[0].seconds.begin(),
        paths[0].seconds.begin() + static_cast<std::ptrdiff_t>(peer_seconds.size()));
    print_ratio(paths[0].name, screen_seconds, "@2toad/profanity", peer_seconds,
                " (aim >= 1x)");
  } else {
    std::printf("@2toad/profanity: %s\n", peer_missing.c_str());
  }
  return 0;
}
