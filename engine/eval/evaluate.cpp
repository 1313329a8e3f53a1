#include "engine/eval/evaluate.h"

#include <fstream>

namespace modfilter {
namespace {

EvaluationOptions with_rules(EvaluationOptions options, const Engine& engine) {
  options.rule_ids.clear();
  for (const Rule& rule : engine.rule_set().rules) {
    options.rule_ids.push_back(rule.id);
  }
  return options;
}

}  // namespace

std::expected<EvalRun, Errors> evaluate_files(
    const Engine& engine, const Engine* baseline,
    std::span<const std::filesystem::path> files,
    const EvaluationOptions& options) {
  Errors missing;
  for (const auto& file : files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      missing.push_back(Error{ErrorKind::kIo, file.string(), 0, 0, "",
                              std::filesystem::exists(file, ec)
                                  ? "the data file is not a regular file"
                                  : "no such data file",
                              "give labelled JSON Lines files"});
    }
  }
  if (!missing.empty()) return std::unexpected(std::move(missing));

  const EvaluationOptions ours = with_rules(options, engine);
  EvaluationOptions theirs;
  if (baseline != nullptr) theirs = with_rules(EvaluationOptions{}, *baseline);
  EvaluationOptions overall_options = ours;
  overall_options.max_errors = 0;

  EvalRun run;
  run.ruleset = engine.id();
  if (baseline != nullptr) run.baseline = baseline->id();
  Evaluation overall("overall", overall_options);
  std::optional<Evaluation> baseline_overall;
  if (baseline != nullptr) baseline_overall.emplace("overall", theirs);

  Labelled row;
  std::optional<Error> error;
  Verdict verdict;
  std::uint64_t rows = 0;
  std::uint64_t bytes_before = 0;  // of the files read before this one
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      return std::unexpected(Errors{Error{ErrorKind::kIo, file.string(), 0, 0,
                                          "", "cannot open the data file", ""}});
    }
    const std::string name = file.filename().string();
    Evaluation evaluation(name, ours);
    std::optional<Evaluation> baseline_evaluation;
    if (baseline != nullptr) baseline_evaluation.emplace(name, theirs);
    LabelledReader reader(in, file.string());
    while (reader.next(row, error)) {
      if (options.progress && ++rows % kProgressEvery == 0) {
        if (const auto at = in.tellg(); at >= 0) {
          options.progress(rows, bytes_before + static_cast<std::uint64_t>(at));
        }
      }
      if (error) {
        run.row_errors.push_back(std::move(*error));
        evaluation.add_skipped();
        overall.add_skipped();
        continue;
      }
      const std::string_view lang =
          options.detect_languages ? std::string_view() : row.lang;
      engine.screen(row.text, verdict, lang);
      evaluation.add(row, verdict);
      overall.add(row, verdict);
      if (baseline != nullptr) {
        baseline->screen(row.text, verdict, lang);
        baseline_evaluation->add(row, verdict);
        baseline_overall->add(row, verdict);
      }
    }
    std::error_code ec;
    bytes_before += std::filesystem::file_size(file, ec);
    if (options.progress) options.progress(rows, bytes_before);
    run.files.push_back(evaluation.report());
    if (baseline_evaluation) {
      run.baseline_files.push_back(baseline_evaluation->report());
    }
  }
  run.overall = overall.report();
  // Each file is scored on its own categories; the overall figure is their
  // sum, not the whole run scored on the union of them.
  run.overall.own_categories = Confusion{};
  for (const EvalReport& file : run.files) {
    run.overall.own_categories += file.own_categories;
  }
  if (baseline_overall) run.baseline_overall = baseline_overall->report();
  return run;
}

}  // namespace modfilter
