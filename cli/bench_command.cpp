// modfilter bench --rules A [--against B] DATA...: speed (and accuracy on
// labelled data) of a rule set, against baselines measured in the same run.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <map>
#include <thread>
#include <unistd.h>

#include "cli/common.h"
#include "cli/progress.h"
#include "engine/bench/baseline.h"
#include "engine/bench/corpus.h"
#include "engine/bench/speed.h"
#include "engine/eval/accuracy.h"
#include "engine/eval/accuracy_html.h"
#include "engine/io/json_writer.h"

namespace modfilter::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct BenchOptions {
  std::string rules;
  std::string against;
  std::vector<std::string> files;
  unsigned threads = 0;
  double seconds = 2.0;
  std::size_t flips = 10;
  bool json = false;
  bool no_baselines = false;
  ProgressOptions progress;
  std::string html;  // --html FILE
};

struct RuleSetBench {
  std::optional<Engine> engine;
  double yaml_ms = 0;  // load + compile from YAML
  double db_ms = 0;    // load from a saved .mfdb
  std::size_t db_file_bytes = 0;
  Throughput one, all;
  Latency latency;
  std::vector<EvalReport> accuracy;  // per file, then overall
  std::vector<Decision> decisions;
};

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::optional<RuleSetBench> bench_rules(const std::string& path,
                                        const Corpus& corpus,
                                        const BenchOptions& options,
                                        unsigned threads, Progress& progress) {
  RuleSetBench b;
  progress.set_stage("compiling " + path);
  auto start = Clock::now();
  b.engine = load_engine(path);
  if (!b.engine) return std::nullopt;
  b.yaml_ms = ms_since(start);
  const auto db = std::filesystem::temp_directory_path() /
                  ("modfilter-bench-" + std::to_string(::getpid()) + ".mfdb");
  if (b.engine->save(db)) {
    b.db_file_bytes = std::filesystem::file_size(db);
    start = Clock::now();
    auto loaded = Engine::load_database(db);
    b.db_ms = ms_since(start);
    std::filesystem::remove(db);
    if (!loaded) print_errors(loaded.error());
  }
  const Engine& engine = *b.engine;
  // One cache line each: threads writing neighbouring verdicts would
  // otherwise slow each other down (false sharing).
  struct alignas(64) PaddedVerdict {
    Verdict verdict;
  };
  std::vector<PaddedVerdict> verdicts(threads);
  auto screen = [&](std::size_t i, unsigned w) {
    engine.screen(corpus.texts[i], verdicts[w].verdict);
    return verdicts[w].verdict.reasons.size();
  };
  progress.add();
  progress.set_stage("screening on 1 thread with " + engine.id());
  b.one = measure_throughput("screen", corpus, 1, options.seconds, screen);
  progress.add();
  progress.set_stage("screening on " + std::to_string(threads) + " threads");
  b.all = measure_throughput("screen", corpus, threads, options.seconds, screen);
  progress.add();
  progress.set_stage("latency");
  b.latency = measure_latency(corpus, screen);
  progress.add();
  progress.set_stage("accuracy and verdicts");

  // One screening pass gives both the decisions (for --against flips) and,
  // on labelled data, the accuracy: files are contiguous in the corpus.
  EvaluationOptions eval_options;
  for (const Rule& r : engine.rule_set().rules) {
    eval_options.rule_ids.push_back(r.id);
  }
  Evaluation overall("overall", eval_options);
  b.decisions.reserve(corpus.texts.size());
  Verdict v;
  for (const CorpusFile& file : corpus.files) {
    Evaluation per_file(file.name, eval_options);
    for (std::size_t i = file.first; i < file.first + file.count; ++i) {
      // Labelled rows carry their language, as eval passes it on.
      engine.screen(corpus.texts[i], v,
                    corpus.labelled() ? corpus.labels[i].lang : std::string());
      b.decisions.push_back(v.decision);
      if (!corpus.labelled()) continue;
      per_file.add(corpus.labels[i], v);
      overall.add(corpus.labels[i], v);
    }
    if (corpus.labelled()) b.accuracy.push_back(per_file.report());
  }
  if (corpus.labelled()) b.accuracy.push_back(overall.report());
  progress.add();
  return b;
}

std::string fmt(const char* format, double value) {
  if (std::isnan(value)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

void print_speed_row(const Throughput& t, double reference) {
  std::printf("| %-16s | %7u | %10.0f | %8.1f | %6s |\n", t.name.c_str(),
              t.threads, t.comments_per_second(), t.mb_per_second(),
              fmt("%.2f", reference > 0 ? t.comments_per_second() / reference
                                        : NAN)
                  .c_str());
}

void print_text(const BenchOptions& options, const Corpus& corpus,
                const RuleSetBench& a, const RuleSetBench* b,
                const std::vector<Throughput>& baselines,
                const std::vector<std::string>& notes) {
  const CompileStats& s = a.engine->stats();
  std::printf("# modfilter bench\n\n");
  std::printf("corpus: %zu comments, %.2f MB, %zu%% plain ASCII, %zu file(s)\n",
              corpus.texts.size(), static_cast<double>(corpus.bytes) / 1e6,
              corpus.texts.empty() ? 0 : corpus.ascii * 100 / corpus.texts.size(),
              corpus.files.size());
  std::printf("rules:  %s: %zu rules, %zu patterns (%zu lexemes, %zu regexes, "
              "%zu sequences), %.1f KiB bytecode, %zu token keys, %zu confirm "
              "databases\n",
              a.engine->id().c_str(), s.rules, s.patterns, s.lexemes,
              s.regexes, s.sequences,
              static_cast<double>(s.database_bytes) / 1024.0, s.token_keys,
              s.confirm_databases);
  std::printf("start-up: %.1f ms from YAML (compile %.1f ms), %.2f ms from "
              "a %.1f KiB .mfdb\n",
              a.yaml_ms, s.compile_seconds * 1000, a.db_ms,
              static_cast<double>(a.db_file_bytes) / 1024.0);
  std::printf("peak memory: %.1f MiB\n\n",
              static_cast<double>(peak_memory_bytes()) / (1024.0 * 1024.0));

  const double reference = a.one.comments_per_second();
  std::printf("| %-16s | %7s | %10s | %8s | %6s |\n", "engine", "threads",
              "comments/s", "MB/s", "x ours");
  std::printf("|------------------|---------|------------|----------|--------|\n");
  print_speed_row(a.one, reference);
  print_speed_row(a.all, reference);
  for (const auto& t : baselines) print_speed_row(t, reference);
  if (b) {
    Throughput one = b->one, all = b->all;
    one.name = all.name = "against";
    print_speed_row(one, reference);
    print_speed_row(all, reference);
  }
  std::printf("\nlatency per comment, 1 thread: p50 %.2f us, p99 %.2f us, "
              "max %.1f us\n",
              a.latency.p50_us, a.latency.p99_us, a.latency.max_us);
  for (std::size_t i = 0; i < baselines.size(); ++i) {
    if (baselines[i].comments_per_second() <= 0) continue;
    std::printf("screen / %s (1 thread): %.2fx   [%s]\n",
                baselines[i].name.c_str(),
                reference / baselines[i].comments_per_second(), notes[i].c_str());
  }
  if (a.one.comments_per_second() > 0) {
    std::printf("all cores / 1 thread: %.2fx\n",
                a.all.comments_per_second() / a.one.comments_per_second());
  }

  if (!a.accuracy.empty()) {
    std::printf("\n## accuracy\n\n| file | rows | precision | recall | F1 | FPR |%s\n",
                b ? " F1 against | FPR against |" : "");
    std::printf("|---|---|---|---|---|---|%s\n", b ? "---|---|" : "");
    for (std::size_t i = 0; i < a.accuracy.size(); ++i) {
      const Confusion& c = a.accuracy[i].confusion;
      std::printf("| %s | %llu | %s | %s | %s | %s |", a.accuracy[i].name.c_str(),
                  static_cast<unsigned long long>(c.rows()),
                  fmt("%.3f", c.precision()).c_str(),
                  fmt("%.3f", c.recall()).c_str(), fmt("%.3f", c.f1()).c_str(),
                  fmt("%.3f", c.fpr()).c_str());
      if (b && i < b->accuracy.size()) {
        const Confusion& d = b->accuracy[i].confusion;
        std::printf(" %s | %s |", fmt("%.3f", d.f1()).c_str(),
                    fmt("%.3f", d.fpr()).c_str());
      }
      std::printf("\n");
    }
    // The overall report slices rows by their `lang`.
    const EvalReport& overall = a.accuracy.back();
    if (!overall.langs.empty()) {
      std::printf("\n### per language\n\n| lang | rows | precision | recall "
                  "| F1 | FPR |\n|---|---|---|---|---|---|\n");
      for (const auto& [lang, c] : overall.langs) {
        std::printf("| %s | %llu | %s | %s | %s | %s |\n", lang.c_str(),
                    static_cast<unsigned long long>(c.rows()),
                    fmt("%.3f", c.precision()).c_str(),
                    fmt("%.3f", c.recall()).c_str(),
                    fmt("%.3f", c.f1()).c_str(), fmt("%.3f", c.fpr()).c_str());
      }
    }
  }
  if (b) {
    std::size_t flips = 0;
    std::printf("\n## verdicts that flip (%s -> %s)\n\n",
                a.engine->id().c_str(), b->engine->id().c_str());
    Verdict va, vb;
    for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
      if (a.decisions[i] == b->decisions[i]) continue;
      if (flips++ >= options.flips) continue;
      a.engine->screen(corpus.texts[i], va);
      b->engine->screen(corpus.texts[i], vb);
      auto rules = [](const Verdict& v) {
        std::string out;
        for (const Reason& r : v.reasons) {
          out += out.empty() ? "" : ",";
          out += r.rule;
        }
        return out.empty() ? std::string("none") : out;
      };
      std::string text;
      append_json_string(text, corpus.texts[i].substr(0, 100));
      std::printf("- %s (%s) -> %s (%s): %s\n", to_string(va.decision),
                  rules(va).c_str(), to_string(vb.decision), rules(vb).c_str(),
                  text.c_str());
    }
    std::printf("\n%zu of %zu comments flip\n", flips, corpus.texts.size());
  }
}

void append_throughput_json(std::string& out, const Throughput& t) {
  out += "{\"name\":";
  append_json_string(out, t.name);
  out += ",\"threads\":" + std::to_string(t.threads) +
         ",\"comments_per_second\":" + fmt("%.1f", t.comments_per_second()) +
         ",\"mb_per_second\":" + fmt("%.3f", t.mb_per_second()) +
         ",\"seconds\":" + fmt("%.3f", t.seconds) +
         ",\"comments\":" + std::to_string(t.comments) +
         ",\"matches_per_pass\":" + std::to_string(t.matches) + "}";
}

void print_json(const Corpus& corpus, const RuleSetBench& a,
                const RuleSetBench* b, const std::vector<Throughput>& baselines) {
  auto rules_json = [&](const RuleSetBench& r) {
    const CompileStats& s = r.engine->stats();
    std::string out = "{\"ruleset\":";
    append_json_string(out, r.engine->id());
    out += ",\"rules\":" + std::to_string(s.rules) +
           ",\"patterns\":" + std::to_string(s.patterns) +
           ",\"lexemes\":" + std::to_string(s.lexemes) +
           ",\"regexes\":" + std::to_string(s.regexes) +
           ",\"sequences\":" + std::to_string(s.sequences) +
           ",\"database_bytes\":" + std::to_string(s.database_bytes) +
           ",\"compile_ms\":" + fmt("%.2f", s.compile_seconds * 1000) +
           ",\"startup_yaml_ms\":" + fmt("%.2f", r.yaml_ms) +
           ",\"startup_mfdb_ms\":" + fmt("%.3f", r.db_ms) +
           ",\"latency_us\":{\"p50\":" + fmt("%.3f", r.latency.p50_us) +
           ",\"p99\":" + fmt("%.3f", r.latency.p99_us) +
           ",\"max\":" + fmt("%.3f", r.latency.max_us) + "},\"one_thread\":";
    append_throughput_json(out, r.one);
    out += ",\"all_threads\":";
    append_throughput_json(out, r.all);
    out += ",\"accuracy\":[";
    for (std::size_t i = 0; i < r.accuracy.size(); ++i) {
      const Confusion& c = r.accuracy[i].confusion;
      if (i) out += ',';
      out += "{\"file\":";
      append_json_string(out, r.accuracy[i].name);
      auto num = [](double v) { return std::isnan(v) ? std::string("null") : fmt("%.4f", v); };
      out += ",\"rows\":" + std::to_string(c.rows()) +
             ",\"precision\":" + num(c.precision()) +
             ",\"recall\":" + num(c.recall()) + ",\"f1\":" + num(c.f1()) +
             ",\"fpr\":" + num(c.fpr()) + "}";
    }
    out += "]}";
    return out;
  };
  std::string out = "{\"corpus\":{\"comments\":" +
                    std::to_string(corpus.texts.size()) +
                    ",\"bytes\":" + std::to_string(corpus.bytes) +
                    ",\"ascii_comments\":" + std::to_string(corpus.ascii) +
                    "},\"peak_memory_bytes\":" +
                    std::to_string(peak_memory_bytes()) + ",\"rules\":" +
                    rules_json(a);
  if (b) out += ",\"against\":" + rules_json(*b);
  out += ",\"baselines\":[";
  for (std::size_t i = 0; i < baselines.size(); ++i) {
    if (i) out += ',';
    append_throughput_json(out, baselines[i]);
  }
  out += "]}\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
}

SpeedFigure speed_figure(const Throughput& t) {
  return {t.name, t.threads, t.comments_per_second(), t.mb_per_second()};
}

RuleSetFigures figures(const RuleSetBench& b) {
  RuleSetFigures out{b.engine->id(), b.accuracy, std::nullopt,
                     {speed_figure(b.one), speed_figure(b.all)}};
  // accuracy holds the files, then the overall figures.
  if (!out.files.empty()) {
    out.overall = out.files.back();
    out.files.pop_back();
  }
  return out;
}

// Which rules make the verdicts flip from `a` to `b`: each flipped comment
// screened again by both, counting the rules that fire with one only.
std::vector<RuleFlips> flips_per_rule(const Corpus& corpus, const RuleSetBench& a,
                                      const RuleSetBench& b, std::uint64_t& flipped) {
  std::map<std::string, RuleFlips, std::less<>> rules;
  Verdict va, vb;
  auto fired = [](const Verdict& v, std::string_view rule) {
    return std::any_of(v.reasons.begin(), v.reasons.end(),
                       [&](const Reason& r) { return r.rule == rule; });
  };
  for (std::size_t i = 0; i < corpus.texts.size(); ++i) {
    if (a.decisions[i] == b.decisions[i]) continue;
    ++flipped;
    a.engine->screen(corpus.texts[i], va);
    b.engine->screen(corpus.texts[i], vb);
    for (const Reason& r : vb.reasons) {
      if (fired(va, r.rule)) continue;
      RuleFlips& f = rules[std::string(r.rule)];
      f.rule = r.rule;
      ++f.gained;
    }
    for (const Reason& r : va.reasons) {
      if (fired(vb, r.rule)) continue;
      RuleFlips& f = rules[std::string(r.rule)];
      f.rule = r.rule;
      ++f.lost;
    }
  }
  std::vector<RuleFlips> out;
  for (auto& [name, f] : rules) out.push_back(std::move(f));
  std::stable_sort(out.begin(), out.end(), [](const RuleFlips& x, const RuleFlips& y) {
    return x.gained + x.lost > y.gained + y.lost;
  });
  return out;
}

bool write_bench_html(const std::string& path, const Corpus& corpus,
                      const RuleSetBench& a, const RuleSetBench* b,
                      const std::vector<Throughput>& baselines) {
  AccuracyPage page;
  page.title = "modfilter bench";
  page.meta = std::to_string(corpus.texts.size()) + " comments, " +
              fmt("%.2f MB", static_cast<double>(corpus.bytes) / 1e6);
  page.rules = figures(a);
  page.comments = corpus.texts.size();
  if (b) {
    page.against = figures(*b);
    page.flips = flips_per_rule(corpus, a, *b, page.flipped);
  }
  for (const Throughput& t : baselines) page.baselines.push_back(speed_figure(t));
  return write_html(path, render_accuracy_html(page));
}

// The steps of a run, for the progress line: five per rule set, and the
// three baselines.
constexpr std::uint64_t kStepsPerRuleSet = 5;
constexpr std::uint64_t kBaselineSteps = 3;

int run_bench(const BenchOptions& options) {
  Progress progress("bench", options.progress, "steps");
  progress.set_total_items(kStepsPerRuleSet * (options.against.empty() ? 1 : 2) +
                           (options.no_baselines ? 0 : kBaselineSteps));
  progress.set_rate_shown(false);
  std::vector<std::filesystem::path> files(options.files.begin(),
                                           options.files.end());
  std::size_t skipped = 0;
  auto corpus = load_corpus(files, skipped);
  if (!corpus) {
    print_errors(corpus.error());
    return kExitUsage;
  }
  if (corpus->texts.empty()) {
    std::fprintf(stderr, "modfilter: bench: no comments in the data files\n");
    return kExitUsage;
  }
  if (skipped > 0) {
    std::fprintf(stderr, "modfilter: bench: %zu unreadable rows skipped\n",
                 skipped);
  }
  const unsigned threads =
      options.threads > 0 ? options.threads
                          : std::max(1u, std::thread::hardware_concurrency());
  auto a = bench_rules(options.rules, *corpus, options, threads, progress);
  if (!a) return kExitUsage;
  std::optional<RuleSetBench> b;
  if (!options.against.empty()) {
    b = bench_rules(options.against, *corpus, options, threads, progress);
    if (!b) return kExitUsage;
  }
  std::vector<Throughput> baselines;
  std::vector<std::string> notes;
  if (!options.no_baselines) {
    // Hyperscan alone runs every pattern in one database per view, as a
    // user handing it the rule set would; screening without the confirm
    // stage shows what that stage buys.
    progress.set_stage("baseline: one stage");
    auto one_stage = Engine::from_rule_set(
        a->engine->rule_set(), CompileOptions{.confirm_stage = false});
    if (!one_stage) {
      print_errors(one_stage.error());
      return kExitUsage;
    }
    Verdict verdict;
    baselines.push_back(measure_throughput(
        "screen-one-stage", *corpus, 1, options.seconds,
        [&](std::size_t i, unsigned) {
          one_stage->screen(corpus->texts[i], verdict);
          return verdict.reasons.size();
        }));
    progress.add();
    notes.push_back("screening with every pattern in the first stage "
                    "(no confirm databases)");
    for (auto make : {make_hyperscan_baseline, make_re2_set_baseline}) {
      auto baseline = make(one_stage->compiled());
      progress.set_stage("baseline: " + baseline->name());
      auto state = baseline->make_state();
      baselines.push_back(measure_throughput(
          baseline->name(), *corpus, 1, options.seconds,
          [&](std::size_t i, unsigned) {
            return baseline->scan(corpus->texts[i], *state);
          }));
      notes.push_back(baseline->note());
      progress.add();
    }
  }
  progress.finish(fmt("%.0f comments/s on 1 thread", a->one.comments_per_second()) +
                  ", " + fmt("%.0f", a->all.comments_per_second()) + " on " +
                  std::to_string(threads));
  if (!options.html.empty() &&
      !write_bench_html(options.html, *corpus, *a, b ? &*b : nullptr, baselines)) {
    return kExitUsage;
  }
  if (options.json) {
    print_json(*corpus, *a, b ? &*b : nullptr, baselines);
  } else {
    print_text(options, *corpus, *a, b ? &*b : nullptr, baselines, notes);
  }
  return kExitOk;
}

}  // namespace

Command add_bench(CLI::App& parent) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* app = parent.add_subcommand(
      "bench",
      "Benchmark a rule set on comments: compile and start-up time, MB/s\n"
      "and comments/s on one thread and all cores, latency p50/p99/max,\n"
      "against Hyperscan alone and RE2::Set on the same patterns in the\n"
      "same run; accuracy when the data is labelled; with --against, a\n"
      "second rule set side by side and the verdicts that flip.");
  app->add_option("files", options->files,
                  "JSON Lines (labelled or not) or .txt files")
      ->required();
  app->add_option("-r,--rules", options->rules,
                  "rule set to measure (default: the bundled rules/)");
  app->add_option("--against", options->against,
                  "a second rule set to compare with");
  app->add_option("-j,--threads", options->threads,
                  "threads for the all-cores run (default: all cores)");
  app->add_option("--seconds", options->seconds,
                  "minimum time per throughput measurement")
      ->capture_default_str();
  app->add_option("--flips", options->flips,
                  "flipped verdicts to list with --against")
      ->capture_default_str();
  app->add_flag("--no-baselines", options->no_baselines,
                "skip the Hyperscan-only and RE2::Set baselines");
  app->add_flag("--json", options->json, "print the figures as JSON");
  app->add_option("--html", options->html,
                  "also write a self-contained HTML page with charts: "
                  "precision / recall / F1 per file, recall per category, the "
                  "confusion matrix, speeds, and with --against the flips per "
                  "rule and both rule sets side by side");
  add_progress_options(*app, options->progress);
  return {app, [options] {
            if (options->rules.empty()) options->rules = default_rules_path();
            return run_bench(*options);
          }};
}

}  // namespace modfilter::cli
