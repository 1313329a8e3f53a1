// lint(): every check of `modfilter lint` on one rule set: dictionary
// collisions, evasion coverage, duplicate entries, the words one slip from
// a rule word, costly regexes and, with
// data, dead weight. Each check lives in its own file; this runs them.
#pragma once

#include <expected>
#include <filesystem>
#include <vector>

#include "engine/core/progress.h"
#include "engine/core/error.h"
#include "engine/engine.h"
#include "engine/lint/dictionary.h"
#include "engine/lint/findings.h"
#include "engine/lint/pattern_costs.h"

namespace modfilter {

struct LintOptions {
  std::filesystem::path dictionary = kDefaultDictionary;  // (/usr/share/dict/words)
  std::vector<std::filesystem::path> data;  // (none) comments for dead weight
  PatternCostOptions pattern_costs;         // (10x median, 100 KiB, 20 ms)
  ProgressFn progress;  // (none) told the words screened so far, per step
};

// A dictionary or data file that cannot be read is an Error naming it.
std::expected<LintReport, Errors> lint(const Engine& engine,
                                       const LintOptions& options);

}  // namespace modfilter
