// modfilter lint [--rules R]: what is wrong with a rule set that its own
// tests do not show: ordinary words it fires on, disguises that slip past
// it, entries written twice, costly regexes, and (with --data) rules and
// entries that never do anything. The checks live in engine/lint.
#include <cstdio>

#include "cli/common.h"
#include "cli/progress.h"
#include "engine/lint/lint.h"
#include "engine/lint/lint_report.h"

namespace modfilter::cli {
namespace {

struct LintCommandOptions {
  std::string rules;
  std::string dictionary = kDefaultDictionary;
  std::vector<std::string> data;
  std::size_t max_listed = 20;
  bool json = false;
  ProgressOptions progress;
};

int run_lint(const LintCommandOptions& options) {
  auto engine = load_engine(options.rules);
  if (!engine) return kExitUsage;
  LintOptions lint_options;
  lint_options.dictionary = options.dictionary;
  lint_options.data.assign(options.data.begin(), options.data.end());
  Progress progress("lint", options.progress, "words");
  if (progress.shown()) lint_options.progress = progress.callback();
  auto report = lint(*engine, lint_options);
  if (!report) {
    print_errors(report.error());
    return kExitUsage;
  }
  progress.finish(report->has_collisions() ? "collisions found" : "no collisions");
  bool input_errors = false;
  if (report->dead_weight) {
    for (const Error& e : report->dead_weight->input_errors) {
      std::fprintf(stderr, "modfilter: %s (record skipped)\n",
                   e.to_string().c_str());
      input_errors = true;
    }
  }
  const std::string out = options.json
                              ? lint_report_json(*report)
                              : lint_report_markdown(*report, options.max_listed);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() ||
      std::fflush(stdout) != 0) {
    std::fprintf(stderr, "modfilter: cannot write the report\n");
    return kExitUsage;
  }
  if (input_errors) return kExitUsage;
  return report->has_collisions() ? kExitFindings : kExitOk;
}

}  // namespace

Command add_lint(CLI::App& parent) {
  auto options = std::make_shared<LintCommandOptions>();
  CLI::App* app = parent.add_subcommand(
      "lint",
      "Check a rule set for ordinary dictionary words it fires on\n"
      "(cockpit for the prefix cock), disguised vocabulary that gets\n"
      "through, words listed twice and regexes far costlier than the rest;\n"
      "with --data, also rules, entries and allow: words that never do\n"
      "anything on those comments. Markdown, or JSON with --json.\n"
      "Exit 1 when a rule fires on a dictionary word its allow: does not\n"
      "cover.");
  app->add_option("-r,--rules", options->rules,
                  "rule file or directory (default: the bundled rules/)");
  app->add_option("--dictionary", options->dictionary,
                  "word list, one word a line")
      ->capture_default_str();
  app->add_option("--data", options->data,
                  "comments (JSON Lines, .csv, .txt) for the dead-weight "
                  "checks");
  app->add_option("--max-listed", options->max_listed,
                  "items listed per rule in Markdown (JSON lists all)")
      ->capture_default_str();
  app->add_flag("--json", options->json, "write JSON instead of Markdown");
  add_progress_options(*app, options->progress);
  return {app, [options] {
            if (options->rules.empty()) options->rules = default_rules_path();
            return run_lint(*options);
          }};
}

}  // namespace modfilter::cli
