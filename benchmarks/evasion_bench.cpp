// evasion_bench: how well the rules see through disguises. On an evasion
// set (JSON Lines with `text`, `verdict` and `trick`: plain, case, leet,
// mask, spaced, stretch, zerowidth, fullwidth, homoglyph, combo, ... and
// `trap` for innocent words that contain a bad one), prints recall per trick
// on the rows that must be rejected and the approve rate on the traps.
//
//   build/benchmarks/evasion_bench [RULES] ../shared/data/evasion.dev.jsonl
#include <simdjson.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "engine/engine.h"

namespace {

struct Tally {
  std::size_t rows = 0;
  std::size_t right = 0;  // rejected (disguised rows) or approved (traps)
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: evasion_bench [RULES] EVASION.jsonl\n");
    return 2;
  }
  const std::string rules = argc == 3 ? argv[1] : MODFILTER_DEFAULT_RULES;
  const std::string data = argv[argc - 1];
  auto engine = modfilter::Engine::load(rules);
  if (!engine) {
    for (const auto& e : engine.error()) {
      std::fprintf(stderr, "%s\n", e.to_string().c_str());
    }
    return 2;
  }
  std::ifstream in(data);
  if (!in) {
    std::fprintf(stderr, "evasion_bench: cannot open %s (the shared data "
                 "set lives in ../shared/data beside the checkout)\n",
                 data.c_str());
    return 2;
  }
  std::map<std::string, Tally> tricks;
  std::map<std::string, std::vector<std::string>> misses;
  simdjson::dom::parser parser;
  modfilter::Verdict verdict;
  std::string line;
  while (std::getline(in, line)) {
    simdjson::dom::element row;
    if (parser.parse(line).get(row)) continue;
    std::string_view text, expected, trick;
    if (row["text"].get(text) || row["verdict"].get(expected) ||
        row["trick"].get(trick)) {
      continue;
    }
    engine->screen(text, verdict);
    const bool rejected = verdict.decision != modfilter::Decision::kApprove;
    const bool right = (expected == "reject") == rejected;
    Tally& t = tricks[std::string(trick)];
    ++t.rows;
    t.right += right ? 1 : 0;
    auto& miss = misses[std::string(trick)];
    if (!right && miss.size() < 3) miss.emplace_back(text.substr(0, 90));
  }
  std::printf("rules: %s\n\n| trick | rows | %s |\n|---|---|---|\n",
              engine->id().c_str(), "recall (trap: approved)");
  Tally disguised;
  for (const auto& [trick, t] : tricks) {
    std::printf("| %s | %zu | %.3f |\n", trick.c_str(), t.rows,
                t.rows ? static_cast<double>(t.right) / t.rows : 0.0);
    if (trick != "trap") {
      disguised.rows += t.rows;
      disguised.right += t.right;
    }
  }
  std::printf("| all disguised | %zu | %.3f |\n\n", disguised.rows,
              disguised.rows ? static_cast<double>(disguised.right) / disguised.rows : 0.0);
  for (const auto& [trick, examples] : misses) {
    for (const auto& e : examples) {
      std::printf("miss %s: %s\n", trick.c_str(), e.c_str());
    }
  }
  return 0;
}
