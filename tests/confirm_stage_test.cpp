// The confirm stage (compiled_rules.h) is an optimisation: a rule set must
// give the same verdicts, reasons and spans with it as with every pattern
// in one database.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "engine/compiler/compiled_rules.h"
#include "engine/engine.h"
#include "engine/ruleset/loader.h"
#include "tests/support.h"

using namespace modfilter;

namespace {

std::vector<std::string> sample_texts() {
  std::vector<std::string> texts;
  std::ifstream in(testing::source_path("samples/comments.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    const auto key = line.find("\"text\":");
    REQUIRE(key != std::string::npos);
    const auto begin = line.find('"', key + 7) + 1;
    const auto end = line.find("\",", begin);
    texts.push_back(line.substr(begin, end - begin));
  }
  return texts;
}

// "rule@begin-end" for every span of every reason, in order.
std::vector<std::string> fingerprint(const Engine& engine,
                                     const std::string& text) {
  std::vector<std::string> out;
  const Verdict verdict = engine.screen(text);
  out.push_back(to_string(verdict.decision));
  for (const Reason& reason : verdict.reasons) {
    for (const ByteSpan& span : reason.spans) {
      out.push_back(std::string(reason.rule) + "@" +
                    std::to_string(span.begin) + "-" + std::to_string(span.end));
    }
  }
  return out;
}

// Also through a compiled database file, which must keep the stage.
void check_same_verdicts(const RuleSet& rules,
                         const std::vector<std::string>& texts) {
  auto two = Engine::from_rule_set(rules);
  auto one = Engine::from_rule_set(rules, CompileOptions{.confirm_stage = false});
  REQUIRE(two.has_value());
  REQUIRE(one.has_value());
  CHECK(two->stats().confirm_databases > 0);
  CHECK(one->stats().confirm_databases == 0);
  testing::TempDir dir;
  const auto path = dir.path() / "rules.mfdb";
  REQUIRE(two->save(path).has_value());
  auto loaded = Engine::load(path);
  REQUIRE(loaded.has_value());
  CHECK(loaded->stats().confirm_databases ==
        two->stats().confirm_databases);
  for (const std::string& text : texts) {
    INFO(text);
    const auto expected = fingerprint(*one, text);
    CHECK(fingerprint(*two, text) == expected);
    CHECK(fingerprint(*loaded, text) == expected);
  }
}

}  // namespace

TEST_CASE("the confirm stage changes no verdict of the default rules",
          "[compiler][confirm]") {
  auto rules = load_rule_set(testing::source_path("rules"));
  REQUIRE(rules.has_value());
  std::vector<std::string> texts = sample_texts();
  REQUIRE(texts.size() >= 20);
  // Each sample also inside a longer comment, where a second rule's anchor
  // may sit beside the first's confirm words.
  const std::size_t n = texts.size();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    texts.push_back(texts[i] + " ... " + texts[i + 1]);
  }
  check_same_verdicts(*rules, texts);
}

TEST_CASE("a rule fires only when its anchor and confirm groups both hit, "
          "and unless is honoured from the confirm stage",
          "[compiler][confirm]") {
  auto rules = load_rule_text(R"(rules:
  - id: threat.t
    category: threat
    reason: r
    action: reject
    all:
      - words: [i, we]
      - words: [strangle, throttle]
      - words: [you, u]
    near: 20
    ordered: true
    unless:
      - regex: '(?i)\bnever (strangle|throttle)'
  - id: abuse.a
    category: abuse
    reason: r
    action: review
    all:
      - regex: '(?i)\byou( are)?'
        view: normalized
      - words: [nitwit]
    near: 8
    ordered: true)",
                              "t.yaml");
  REQUIRE(rules.has_value());
  auto engine = Engine::from_rule_set(*rules);
  REQUIRE(engine.has_value());
  // The anchors are the rarest groups: the verbs, and the insult.
  CHECK(engine->compiled().anchor_group(0) == 1);
  CHECK(engine->compiled().anchor_group(1) == 1);

  CHECK(engine->screen("i will strangle you").decision == Decision::kReject);
  CHECK(engine->screen("I'll thr0ttle u").decision == Decision::kReject);
  CHECK(engine->screen("you strangle i").decision == Decision::kApprove);
  CHECK(engine->screen("i would never strangle you").decision ==
        Decision::kApprove);
  CHECK(engine->screen("you are a nitwit").decision == Decision::kReview);
  CHECK(engine->screen("what a nitwit").decision == Decision::kApprove);
  CHECK(engine->screen("you are fine").decision == Decision::kApprove);

  check_same_verdicts(*rules, {"i will strangle you", "we throttle u",
                               "i would never strangle you", "you nitwit",
                               "you are a nitwit and i will strangle you",
                               "nitwit you", "i strangle", ""});
}
