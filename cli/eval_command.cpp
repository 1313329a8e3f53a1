// modfilter eval [--rules R] DATA.jsonl...: how well a rule set screens
// labelled comments (confusion matrix, precision / recall / F1, FPR, recall
// per category, per-rule precision), optionally beside a word-list
// baseline screened by the same engine. The scoring lives in engine/eval.
#include <cstdio>

#include "cli/common.h"
#include "cli/progress.h"
#include "engine/eval/accuracy_html.h"
#include "engine/eval/eval_report.h"
#include "engine/eval/evaluate.h"
#include "engine/eval/word_list.h"

namespace modfilter::cli {
namespace {

struct EvalOptions {
  std::string rules;
  std::vector<std::string> files;
  std::vector<std::string> baseline_lists;
  std::size_t errors = 0;
  bool json = false;
  bool detect_languages = false;
  ProgressOptions progress;
  std::string html;  // --html FILE
};

std::string ratio(double value) {
  if (value != value) return "n/a";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  return buf;
}

int run_eval(const EvalOptions& options) {
  auto engine = load_engine(options.rules);
  if (!engine) return kExitUsage;
  std::optional<Engine> baseline;
  if (!options.baseline_lists.empty()) {
    const std::vector<std::filesystem::path> lists(
        options.baseline_lists.begin(), options.baseline_lists.end());
    auto rules = word_list_rule_set(lists);
    if (!rules) {
      print_errors(rules.error());
      return kExitUsage;
    }
    auto compiled = Engine::from_rule_set(std::move(*rules));
    if (!compiled) {
      print_errors(compiled.error());
      return kExitUsage;
    }
    baseline = std::move(*compiled);
  }
  const std::vector<std::filesystem::path> files(options.files.begin(),
                                                 options.files.end());
  EvaluationOptions evaluation;
  evaluation.max_errors = options.errors;
  evaluation.detect_languages = options.detect_languages;
  Progress progress("eval", options.progress);
  progress.set_total_bytes(size_of_inputs(options.files));
  if (progress.shown()) evaluation.progress = progress.callback();
  auto run = evaluate_files(*engine, baseline ? &*baseline : nullptr, files,
                            evaluation);
  if (!run) {
    print_errors(run.error());
    return kExitUsage;
  }
  const Confusion& overall = run->overall.confusion;
  progress.finish(std::to_string(run->row_errors.size()) + " rows skipped, precision " +
                  ratio(overall.precision()) + ", recall " +
                  ratio(overall.recall()) + ", F1 " + ratio(overall.f1()));
  for (const Error& e : run->row_errors) {
    std::fprintf(stderr, "modfilter: %s (row skipped)\n", e.to_string().c_str());
  }
  if (!options.html.empty()) {
    AccuracyPage page;
    page.title = "modfilter eval";
    page.meta = std::to_string(run->overall.confusion.rows()) + " labelled comments in " +
                std::to_string(run->files.size()) + " file(s)";
    page.rules = {run->ruleset, run->files, run->overall, {}};
    if (!run->baseline.empty()) {
      page.against = RuleSetFigures{run->baseline, run->baseline_files,
                                    run->baseline_overall, {}};
    }
    if (!write_html(options.html, render_accuracy_html(page))) return kExitUsage;
  }
  const std::string out =
      options.json ? eval_report_json(*run) : eval_report_markdown(*run);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() ||
      std::fflush(stdout) != 0) {
    std::fprintf(stderr, "modfilter: cannot write the report\n");
    return kExitUsage;
  }
  return run->row_errors.empty() ? kExitOk : kExitUsage;
}

}  // namespace

Command add_eval(CLI::App& parent) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* app = parent.add_subcommand(
      "eval",
      "Score a rule set on labelled comments (JSON Lines with text, verdict\n"
      "approve/reject, categories, optional subcategories and lang): per\n"
      "file and overall, the confusion matrix, precision / recall / F1 of\n"
      "rejecting (review counts as reject), FPR, recall per category and\n"
      "per-rule precision. Markdown, or JSON with --json. Unreadable rows\n"
      "are reported with file:line and skipped (exit 2 at the end).");
  app->add_option("files", options->files, "labelled JSON Lines files")
      ->required();
  app->add_option("-r,--rules", options->rules,
                  "rule file or directory (default: the bundled rules/)");
  app->add_option("--errors", options->errors,
                  "list the first N false positives and false negatives of "
                  "each file (by rule, then line)")
      ->capture_default_str();
  app->add_option("--baseline-wordlist", options->baseline_lists,
                  "also score a word list (one word a line) as a baseline; "
                  "repeat or separate with commas for several lists")
      ->allow_extra_args(false)
      ->delimiter(',');
  app->add_flag("--json", options->json, "write JSON instead of Markdown");
  app->add_flag("--detect-lang", options->detect_languages,
                "ignore the rows' lang and let the engine find each "
                "comment's languages, as it does for input without one");
  app->add_option("--html", options->html,
                  "also write a self-contained HTML page with charts: "
                  "precision / recall / F1 per file, recall per category, the "
                  "confusion matrix (and the --baseline-wordlist beside)");
  add_progress_options(*app, options->progress);
  return {app, [options] {
            if (options->rules.empty()) options->rules = default_rules_path();
            return run_eval(*options);
          }};
}

}  // namespace modfilter::cli
