// evaluate_files(): labelled JSON Lines files -> one EvalReport per file and
// one over all of them, screened by a rule set and, optionally, by a
// baseline rule set in the same run (DESIGN.md: baselines measured in the
// same process, on the same rows).
#pragma once

#include <expected>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "engine/engine.h"
#include "engine/eval/accuracy.h"

namespace modfilter {

struct EvalRun {
  std::string ruleset;            // "name@hash8" of the rules scored
  std::string baseline;           // id of the baseline rules; empty: none
  std::vector<EvalReport> files;  // one per data file, in the given order
  std::vector<EvalReport> baseline_files;  // parallel to files, or empty
  EvalReport overall;
  std::optional<EvalReport> baseline_overall;
  Errors row_errors;              // rows skipped, each with file:line
};

// Screens every row of every file with `engine` (and `baseline` when not
// null) and scores the verdicts. `options.rule_ids` is filled from the rule
// set. A data file that cannot be opened is an Error naming it, reported
// before anything is screened; a row that cannot be read is skipped and
// listed in row_errors.
std::expected<EvalRun, Errors> evaluate_files(
    const Engine& engine, const Engine* baseline,
    std::span<const std::filesystem::path> files,
    const EvaluationOptions& options);

}  // namespace modfilter
