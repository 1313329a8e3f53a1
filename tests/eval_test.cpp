// modfilter eval and the accuracy library (engine/eval): figures checked
// against counts made by hand on tests/data/eval/labelled.jsonl.
//
// With tests/data/eval/rules.yaml the 12 rows score as:
//   e1 darn, e2 heck, e3 hurt you (review), e4 link      -> TP (4)
//   e5 fool, e6 hell                                     -> FN (2)
//   e7 darn, e8 link, e12 hurt you (review)              -> FP (3)
//   e9, e10, e11                                         -> TN (3)
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/eval/accuracy.h"
#include "engine/eval/eval_report.h"
#include "engine/eval/evaluate.h"
#include "engine/eval/labelled.h"
#include "engine/eval/word_list.h"
#include "tests/support.h"

namespace modfilter {
namespace {

using testing::run_modfilter;
using testing::source_path;

Engine fixture_engine() {
  auto engine = Engine::load(source_path("tests/data/eval/rules.yaml"));
  REQUIRE(engine.has_value());
  return std::move(*engine);
}

EvalRun fixture_run(std::size_t max_errors = 0, bool baseline = false) {
  const Engine engine = fixture_engine();
  std::optional<Engine> words;
  if (baseline) {
    const std::vector<std::filesystem::path> lists = {
        source_path("tests/data/eval/baseline_words.txt")};
    auto rules = word_list_rule_set(lists);
    REQUIRE(rules.has_value());
    auto compiled = Engine::from_rule_set(std::move(*rules));
    REQUIRE(compiled.has_value());
    words = std::move(*compiled);
  }
  const std::vector<std::filesystem::path> files = {
      source_path("tests/data/eval/labelled.jsonl")};
  EvaluationOptions options;
  options.max_errors = max_errors;
  auto run = evaluate_files(engine, words ? &*words : nullptr, files, options);
  REQUIRE(run.has_value());
  return std::move(*run);
}

const CategoryRecall& find(const std::vector<CategoryRecall>& list,
                           std::string_view name) {
  const auto it = std::ranges::find(list, name, &CategoryRecall::name);
  REQUIRE(it != list.end());
  return *it;
}

const RuleStats& find_rule(const EvalReport& report, std::string_view rule) {
  const auto it = std::ranges::find(report.rules, rule, &RuleStats::rule);
  REQUIRE(it != report.rules.end());
  return *it;
}

}  // namespace

TEST_CASE("eval computes precision, recall, F1 and FPR by their definitions", "[eval]") {
  Confusion c;
  c.tp = 4;
  c.fp = 3;
  c.fn = 2;
  c.tn = 3;
  CHECK(c.rows() == 12);
  CHECK(c.precision() == Approx(4.0 / 7.0));
  CHECK(c.recall() == Approx(4.0 / 6.0));
  CHECK(c.f1() == Approx(2 * (4.0 / 7) * (4.0 / 6) / (4.0 / 7 + 4.0 / 6)));
  CHECK(c.fpr() == Approx(0.5));
  CHECK(c.accuracy() == Approx(7.0 / 12.0));
  CHECK(std::isnan(Confusion{}.precision()));
}

TEST_CASE("eval scores the fixture as counted by hand", "[eval]") {
  const EvalRun run = fixture_run();
  REQUIRE(run.files.size() == 1);
  const EvalReport& r = run.files.front();
  CHECK(r.name == "labelled.jsonl");
  CHECK(r.skipped == 0);
  CHECK(r.confusion.tp == 4);
  CHECK(r.confusion.fp == 3);
  CHECK(r.confusion.fn == 2);
  CHECK(r.confusion.tn == 3);
  CHECK(r.confusion.precision() == Approx(4.0 / 7.0));
  CHECK(r.confusion.recall() == Approx(2.0 / 3.0));
  CHECK(r.confusion.f1() == Approx(8.0 / 13.0));
  CHECK(r.confusion.fpr() == Approx(0.5));

  CHECK(find(r.categories, "profanity").rows == 3);
  CHECK(find(r.categories, "profanity").caught == 2);
  CHECK(find(r.categories, "profanity").recall() == Approx(2.0 / 3.0));
  CHECK(find(r.categories, "threat").recall() == Approx(1.0));
  CHECK(find(r.categories, "threat").caught_by_category == 1);
  CHECK(find(r.categories, "promotion").recall() == Approx(1.0));
  CHECK(find(r.categories, "abuse").rows == 2);
  CHECK(find(r.categories, "abuse").recall() == Approx(0.0));
  CHECK(find(r.subcategories, "personal_attack").rows == 1);
  CHECK(find(r.subcategories, "personal_attack").caught == 0);

  REQUIRE(r.langs.size() == 2);
  const Confusion& en = r.langs.at("en");
  CHECK((en.tp == 3 && en.fp == 1 && en.fn == 1 && en.tn == 1));
  const Confusion& de = r.langs.at("de");
  CHECK((de.tp == 0 && de.fp == 0 && de.fn == 1 && de.tn == 1));

  // Precision per category: of the comments its rules held, how many are
  // labelled with it. darn/heck: e1, e2 (profanity), e7; hurt you: e3
  // (threat), e12; link: e4 (promotion), e8.
  REQUIRE(r.category_precision.size() == 3);
  CHECK(r.category_precision[0].name == "profanity");
  CHECK(r.category_precision[0].hits == 3);
  CHECK(r.category_precision[0].on_category == 2);
  CHECK(r.category_precision[0].precision() == Approx(2.0 / 3.0));
  CHECK(r.category_precision[1].name == "threat");
  CHECK(r.category_precision[1].on_reject == 1);
  CHECK(r.category_precision[1].precision() == Approx(0.5));
  CHECK(r.category_precision[2].name == "promotion");
  CHECK(r.category_precision[2].precision() == Approx(0.5));

  CHECK(find_rule(r, "profanity.darn").hits == 3);
  CHECK(find_rule(r, "profanity.darn").hits_on_reject == 2);
  CHECK(find_rule(r, "profanity.darn").precision() == Approx(2.0 / 3.0));
  CHECK(find_rule(r, "threat.hurt").hits == 2);
  CHECK(find_rule(r, "promotion.link").hits_on_reject == 1);

  // With one file, overall is that file.
  CHECK(run.overall.confusion.tp == 4);
  CHECK(run.overall.confusion.tn == 3);
}

TEST_CASE("eval also scores a file on the categories it labels", "[eval]") {
  // spam_only.jsonl labels promotion alone. s1 (link) -> TP, s2 -> FN,
  // s3 (darn, a profanity rule) -> FP, s4 (link) -> FP, s5 -> TN. On its own
  // categories the profanity hit on s3 does not count: s3 becomes a TN.
  const Engine engine = fixture_engine();
  const std::vector<std::filesystem::path> files = {
      source_path("tests/data/eval/spam_only.jsonl"),
      source_path("tests/data/eval/labelled.jsonl")};
  auto run = evaluate_files(engine, nullptr, files, EvaluationOptions{});
  REQUIRE(run.has_value());
  const EvalReport& spam = run->files.at(0);
  CHECK((spam.confusion.tp == 1 && spam.confusion.fp == 2 &&
         spam.confusion.fn == 1 && spam.confusion.tn == 1));
  CHECK(spam.labelled_categories == std::vector<std::string>{"promotion"});
  const Confusion& own = spam.own_categories;
  CHECK((own.tp == 1 && own.fp == 1 && own.fn == 1 && own.tn == 2));
  CHECK(own.fpr() == Approx(1.0 / 3.0));

  // labelled.jsonl labels all four categories, so nothing changes there.
  const EvalReport& all = run->files.at(1);
  CHECK(all.labelled_categories.size() == 4);
  CHECK(all.own_categories.fp == all.confusion.fp);
  CHECK(all.own_categories.tp == all.confusion.tp);

  // Overall sums the files' own figures rather than scoring the union.
  CHECK(run->overall.own_categories.fp == own.fp + all.own_categories.fp);
  CHECK(run->overall.own_categories.tn == own.tn + all.own_categories.tn);

  const auto markdown = run_modfilter(
      "eval --rules '" + source_path("tests/data/eval/rules.yaml").string() +
      "' '" + files[0].string() + "'");
  CHECK(markdown.exit_code == 0);
  CHECK_THAT(markdown.out, Catch::Contains("| spam_only.jsonl | promotion | "
                                           "5 | 1 | 1 | 1 | 2 |"));
}

TEST_CASE("eval counts a review as a reject and reports reviews apart",
          "[eval]") {
  const EvalReport r = fixture_run().files.front();
  // e3 (labelled reject) and e12 (labelled approve) are reviews.
  CHECK(r.reviews == 2);
  CHECK(r.reviews_on_reject == 1);
  CHECK(r.confusion.tp + r.confusion.fp == 7);
}

TEST_CASE("eval lists false positives and negatives by rule, then line",
          "[eval]") {
  const EvalReport r = fixture_run(2).files.front();
  REQUIRE(r.false_positives.size() == 2);
  CHECK(r.false_positives[0].id == "e7");
  CHECK(r.false_positives[0].rule == "profanity.darn");
  CHECK(r.false_positives[0].excerpt == "darn");
  CHECK(r.false_positives[1].id == "e8");
  CHECK(r.false_positives[1].rule == "promotion.link");
  REQUIRE(r.false_negatives.size() == 2);
  CHECK(r.false_negatives[0].id == "e5");
  CHECK(r.false_negatives[0].rule == "none");
  CHECK(r.false_negatives[0].excerpt == "you are a fool");
  CHECK(r.false_negatives[1].id == "e6");
  CHECK(r.false_negatives[1].line == 6);
}

TEST_CASE("eval scores the word-list baseline through the same engine", "[eval]") {
  const EvalRun run = fixture_run(0, true);
  REQUIRE(run.baseline_files.size() == 1);
  // darn: e1 TP, e7 FP; hell: e6 TP; everything else approved.
  const Confusion& b = run.baseline_files.front().confusion;
  CHECK((b.tp == 2 && b.fp == 1 && b.fn == 4 && b.tn == 5));
  CHECK(b.f1() == Approx(4.0 / 9.0));
  CHECK(b.fpr() == Approx(1.0 / 6.0));
  const std::string json = eval_report_json(run);
  CHECK_THAT(json, Catch::Contains("\"f1_gain\":0.170940"));  // 8/13 - 4/9
}

TEST_CASE("eval skips rows that are not valid labelled JSON, with file:line",
          "[eval]") {
  const Engine engine = fixture_engine();
  const std::vector<std::filesystem::path> files = {
      source_path("tests/data/eval/bad_rows.jsonl")};
  auto run = evaluate_files(engine, nullptr, files, {});
  REQUIRE(run.has_value());
  CHECK(run->files.front().skipped == 2);
  CHECK(run->files.front().confusion.rows() == 2);
  REQUIRE(run->row_errors.size() == 2);
  CHECK(run->row_errors[0].line == 2);
  CHECK_THAT(run->row_errors[0].message, Catch::Contains("not valid JSON"));
  CHECK(run->row_errors[1].line == 3);
  CHECK_THAT(run->row_errors[1].message, Catch::Contains("verdict"));
}

TEST_CASE("eval reads the id, categories, lang, trick and functionality of a labelled row", "[eval]") {
  std::istringstream in(
      "{\"id\": 7, \"text\": \"x\", \"verdict\": \"review\", "
      "\"categories\": [\"threat\"], \"subcategories\": [\"sexism\"], "
      "\"lang\": \"tr\", \"trick\": \"leet\", "
      "\"functionality\": \"threat_direct\"}\n");
  LabelledReader reader(in, "mem");
  Labelled row;
  std::optional<Error> error;
  REQUIRE(reader.next(row, error));
  REQUIRE_FALSE(error.has_value());
  CHECK(row.id == "7");
  CHECK(row.reject);
  CHECK(row.categories == std::vector<std::string>{"threat"});
  CHECK(row.subcategories == std::vector<std::string>{"sexism"});
  CHECK(row.lang == "tr");
  CHECK(row.trick == "leet");
  CHECK(row.functionality == "threat_direct");
  CHECK_FALSE(reader.next(row, error));
}

// tests/data/eval/functional.jsonl with the fixture rules: profanity f1, f2,
// f3 (d4rn is leet for darn) -> TP; derogation f4 -> FN; counter_quote f5,
// f6 -> FP, f7 -> TN; f8 names no functionality.
TEST_CASE("eval scores each functionality of a functional suite by accuracy",
          "[eval]") {
  const Engine engine = fixture_engine();
  const std::vector<std::filesystem::path> files = {
      source_path("tests/data/eval/functional.jsonl")};
  auto run = evaluate_files(engine, nullptr, files, EvaluationOptions{});
  REQUIRE(run.has_value());
  const auto& functionalities = run->files.front().functionalities;
  REQUIRE(functionalities.size() == 3);
  const Confusion& profanity = functionalities.at("profanity");
  CHECK((profanity.tp == 3 && profanity.fn == 0 && profanity.rows() == 3));
  CHECK(profanity.accuracy() == Approx(1.0));
  CHECK(functionalities.at("derogation").accuracy() == Approx(0.0));
  const Confusion& quote = functionalities.at("counter_quote");
  CHECK((quote.fp == 2 && quote.tn == 1));
  CHECK(quote.accuracy() == Approx(1.0 / 3.0));
  CHECK(run->overall.functionalities.at("counter_quote").rows() == 3);
}

TEST_CASE("modfilter eval prints the per-functionality table in Markdown and JSON",
          "[eval][cli]") {
  const std::string rules = source_path("tests/data/eval/rules.yaml").string();
  const std::string data =
      source_path("tests/data/eval/functional.jsonl").string();
  const auto markdown = run_modfilter("eval --rules '" + rules + "' '" + data + "'");
  CHECK(markdown.exit_code == 0);
  CHECK_THAT(markdown.out, Catch::Contains("### Per functionality"));
  CHECK_THAT(markdown.out,
             Catch::Contains("| counter_quote | 3 | 0 | 1 | 0.333 | 0 | 2 | 0 | 1 |"));
  CHECK_THAT(markdown.out,
             Catch::Contains("| profanity | 3 | 3 | 3 | 1.000 | 3 | 0 | 0 | 0 |"));

  const auto json = run_modfilter("eval --json --rules '" + rules + "' '" + data + "'");
  CHECK(json.exit_code == 0);
  CHECK_THAT(json.out,
             Catch::Contains("\"functionalities\":[{\"functionality\":\"counter_quote\","
                             "\"confusion\":{\"tp\":0,\"fp\":2,\"fn\":0,\"tn\":1}"));
  CHECK_THAT(json.out, Catch::Contains("\"accuracy\":0.333333"));
}

TEST_CASE("modfilter eval prints Markdown and JSON with the same figures",
          "[eval][cli]") {
  const std::string rules = source_path("tests/data/eval/rules.yaml").string();
  const std::string data = source_path("tests/data/eval/labelled.jsonl").string();
  const auto markdown = run_modfilter("eval --rules '" + rules + "' '" + data +
                                      "' --errors 1");
  CHECK(markdown.exit_code == 0);
  CHECK_THAT(markdown.out,
             Catch::Contains("| labelled.jsonl | 12 | 4 | 3 | 2 | 3 | 0.571 | "
                             "0.667 | 0.615 | 0.500 | 2 |"));
  CHECK_THAT(markdown.out, Catch::Contains("| profanity.darn | 3 | 2 | 0.667 |"));
  CHECK_THAT(markdown.out, Catch::Contains("### False positives"));

  const auto json = run_modfilter("eval --json --rules '" + rules + "' '" +
                                  data + "' --baseline-wordlist '" +
                                  source_path("tests/data/eval/baseline_words.txt")
                                      .string() +
                                  "'");
  CHECK(json.exit_code == 0);
  CHECK_THAT(json.out,
             Catch::Contains("\"confusion\":{\"tp\":4,\"fp\":3,\"fn\":2,\"tn\":3}"));
  CHECK_THAT(json.out, Catch::Contains("\"reviews\":2,\"reviews_on_reject\":1"));
  CHECK_THAT(json.out, Catch::Contains("\"baseline\":{\"confusion\":{\"tp\":2"));
}

TEST_CASE("modfilter eval names a missing data file and exits 2",
          "[eval][cli]") {
  const std::string rules = source_path("tests/data/eval/rules.yaml").string();
  const auto result =
      run_modfilter("eval --rules '" + rules + "' /nonexistent/dev.jsonl");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("/nonexistent/dev.jsonl"));
  CHECK_THAT(result.err, Catch::Contains("no such data file"));
  CHECK(result.out.empty());
}

TEST_CASE("modfilter eval reports a bad JSON row and still scores the rest",
          "[eval][cli]") {
  const std::string rules = source_path("tests/data/eval/rules.yaml").string();
  const std::string data = source_path("tests/data/eval/bad_rows.jsonl").string();
  const auto result =
      run_modfilter("eval --json --rules '" + rules + "' '" + data + "'");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("bad_rows.jsonl:2"));
  CHECK_THAT(result.out, Catch::Contains("\"skipped\":2"));
  CHECK_THAT(result.out, Catch::Contains("\"tp\":1"));
}

}  // namespace modfilter
