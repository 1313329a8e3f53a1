// The accuracy page of `eval --html` and `bench --html`: one self-contained
// HTML page (inline CSS and SVG, like the audit report) with per-file
// precision, recall and F1 bars, recall per category, the confusion
// matrix, and for `bench --against` the second rule set beside the first:
// its bars, the verdicts that flip per rule and both rule sets' speeds.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/eval/accuracy.h"

namespace modfilter {

struct SpeedFigure {
  std::string name;  // "screen", "hyperscan-only", ...
  unsigned threads = 1;
  double comments_per_second = 0;
  double mb_per_second = 0;
};

// A rule's share of the verdicts that flip between two rule sets.
struct RuleFlips {
  std::string rule;
  std::uint64_t gained = 0;  // flipped comments it fires on only with B
  std::uint64_t lost = 0;    // flipped comments it fires on only with A
};

struct RuleSetFigures {
  std::string ruleset;             // "name@hash8"
  std::vector<EvalReport> files;   // one per labelled data file
  std::optional<EvalReport> overall;
  std::vector<SpeedFigure> speeds; // bench only
};

struct AccuracyPage {
  std::string title;  // "modfilter eval", "modfilter bench"
  std::string meta;   // a line under the title (corpus, date)
  RuleSetFigures rules;
  std::optional<RuleSetFigures> against;  // bench --against
  std::vector<SpeedFigure> baselines;     // bench: Hyperscan alone, RE2::Set
  std::vector<RuleFlips> flips;           // most flips first
  std::uint64_t flipped = 0;
  std::uint64_t comments = 0;
};

std::string render_accuracy_html(const AccuracyPage& page);

}  // namespace modfilter
