// modfilter lint and its checks (engine/lint): dictionary collisions,
// evasion variants, duplicates, slip neighbours, dead weight, costly
// regexes, exit codes.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine/compiler/pattern_cost.h"
#include "engine/lint/collisions.h"
#include "engine/lint/dead_weight.h"
#include "engine/lint/dictionary.h"
#include "engine/lint/duplicates.h"
#include "engine/lint/evasion.h"
#include "engine/lint/lint.h"
#include "engine/lint/lint_report.h"
#include "engine/lint/pattern_costs.h"
#include "engine/ruleset/loader.h"
#include "tests/support.h"

namespace modfilter {
namespace {

using testing::engine_from_yaml;
using testing::run_modfilter;
using testing::TempDir;

constexpr std::string_view kCockRule = R"(
rules:
  - id: profanity.cock
    category: profanity
    reason: Profanity
    action: reject
    prefixes: [cock]
)";

constexpr std::string_view kCockRuleWithAllow = R"(
rules:
  - id: profanity.cock
    category: profanity
    reason: Profanity
    action: reject
    prefixes: [cock]
    allow: [cockpit]
)";

const std::vector<std::string> kDictionary = {"banana", "cock",  "cockpit",
                                              "cocks",  "cocktail", "peacock"};

std::vector<std::string> words_of(const RuleCollisions& rule) {
  std::vector<std::string> out;
  for (const Collision& c : rule.words) out.push_back(c.word);
  return out;
}

bool has_variant(const RuleEvasion& result, std::string_view trick,
                 std::string_view text) {
  return std::ranges::any_of(result.missed, [&](const EvasionMiss& m) {
    return m.trick == trick && m.text == text;
  });
}

}  // namespace

TEST_CASE("lint lists the ordinary words a prefix rule fires on", "[lint]") {
  const Engine engine = engine_from_yaml(kCockRule);
  const auto collisions = find_collisions(engine, kDictionary);
  REQUIRE(collisions.size() == 1);
  CHECK(collisions[0].rule == "profanity.cock");
  // cock and cocks are the rule's own vocabulary; peacock is not matched
  // (the prefix must start a word).
  CHECK(words_of(collisions[0]) ==
        std::vector<std::string>{"cockpit", "cocktail"});
  CHECK(collisions[0].words[0].excerpt == "cockpit");
}

TEST_CASE("lint does not report a collision that allow: covers", "[lint]") {
  const Engine engine = engine_from_yaml(kCockRuleWithAllow);
  const auto collisions = find_collisions(engine, kDictionary);
  REQUIRE(collisions.size() == 1);
  CHECK(words_of(collisions[0]) == std::vector<std::string>{"cocktail"});
}

TEST_CASE("lint counts a possessive in the dictionary as its base word", "[lint]") {
  TempDir dir;
  const auto file = dir.write("words", "cock's\ncock\nCockpit\ncockpit\n\n");
  const auto words = read_dictionary(file);
  REQUIRE(words.has_value());
  CHECK(*words == std::vector<std::string>{"cock", "Cockpit"});
  CHECK_FALSE(read_dictionary(dir.path() / "missing").has_value());
}

TEST_CASE("lint disguises words with the tricks the normaliser undoes", "[lint]") {
  const auto variants = disguise("fuck");
  const auto has = [&](std::string_view trick, std::string_view text) {
    return std::ranges::any_of(variants, [&](const Disguise& d) {
      return d.trick == trick && d.text == text;
    });
  };
  CHECK(has("case", "FuCk"));
  CHECK(has("mask", "f*ck"));
  CHECK(has("mask-hash", "f#ck"));
  CHECK(has("spaced", "f u c k"));
  CHECK(has("dotted", "f.u.c.k"));
  CHECK(has("stretch", "fuuuuuck"));
  CHECK(has("homoglyph", "fu\xD1\x81k"));  // Cyrillic es
  CHECK(has("zerowidth", "f\xE2\x80\x8Buck"));
  CHECK(has("fullwidth", "\xEF\xBD\x86\xEF\xBD\x95\xEF\xBD\x83\xEF\xBD\x8B"));
  CHECK(has("combo", "F*CKKKKK"));
  // No letter of "fuck" has a leet form.
  CHECK_FALSE(std::ranges::any_of(
      variants, [](const Disguise& d) { return d.trick == "leet"; }));
  CHECK(std::ranges::any_of(disguise("shit"), [](const Disguise& d) {
    return d.trick == "leet" && d.text == "5h17";
  }));
  // "ass" in digits alone would read as a number: one letter only.
  CHECK(std::ranges::any_of(disguise("ass"), [](const Disguise& d) {
    return d.trick == "leet" && d.text == "4ss";
  }));
}

TEST_CASE("lint lists the evasion variants that get through", "[lint]") {
  // `unless` cancels the rule whenever the comment holds an asterisk, so
  // the masked variants of "cat" must get through and be listed.
  const Engine engine = engine_from_yaml(R"(
rules:
  - id: test.cat
    category: profanity
    reason: Test
    action: reject
    words: [cat]
    unless:
      - regex: '\*'
)");
  const auto results = check_evasion(engine);
  REQUIRE(results.size() == 1);
  const RuleEvasion& cat = results[0];
  CHECK(cat.rule == "test.cat");
  CHECK(cat.tried == disguise("cat").size());
  CHECK(cat.silent.empty());
  CHECK(has_variant(cat, "mask", "c*t"));
  CHECK(has_variant(cat, "combo", "C*TTTTT"));
  CHECK_FALSE(has_variant(cat, "case", "CaT"));
}

TEST_CASE("lint finds a word listed twice and a word a prefix covers",
          "[lint]") {
  auto rules = load_rule_text(R"(
rules:
  - id: abuse.idiot
    category: abuse
    reason: Insult
    action: reject
    words: [idiot, moron, IDIOT, dumbo]
    prefixes: [dumb]
    allow: [dumbbell, Dumbbell]
)", "dup.yaml");
  REQUIRE(rules.has_value());
  const auto duplicates = find_duplicates(*rules);
  REQUIRE(duplicates.size() == 3);
  CHECK(duplicates[0].why == "listed twice");
  CHECK(duplicates[0].first.text == "idiot");
  CHECK(duplicates[0].second.text == "IDIOT");
  CHECK(duplicates[0].second.location.file == "dup.yaml");
  CHECK(duplicates[1].why == "covered by a prefix");
  CHECK(duplicates[1].second.text == "dumbo");
  CHECK(duplicates[2].second.kind == "allow");
}

TEST_CASE("lint finds dead allow entries, silent rules and redundant rules",
          "[lint]") {
  const Engine engine = engine_from_yaml(R"(
rules:
  - id: profanity.cock
    category: profanity
    reason: Profanity
    action: reject
    prefixes: [cock]
    allow: [cockpit, cockatoo]
  - id: test.zebra
    category: profanity
    reason: Test
    action: reject
    words: [zebra]
  - id: test.crowed
    category: profanity
    reason: Test
    action: reject
    words: [crowed, cackled]
)");
  DeadWeightScan scan(engine);
  scan.add("the cockpit was cramped");
  scan.add("a cock crowed at dawn");
  scan.add("such cocky remarks");
  scan.add("nothing to see here");
  const DeadWeight dead = scan.result();
  CHECK(dead.comments == 4);
  CHECK(dead.silent_rules == std::vector<std::string>{"test.zebra"});
  REQUIRE(dead.idle_allows.size() == 1);
  CHECK(dead.idle_allows[0].text == "cockatoo");
  CHECK(dead.idle_allows[0].kind == "allow");
  std::vector<std::string> silent;
  for (const EntryRef& e : dead.silent_entries) silent.push_back(e.text);
  CHECK(silent == std::vector<std::string>{"zebra", "cackled"});
  REQUIRE(dead.redundant_rules.size() == 1);
  CHECK(dead.redundant_rules[0].rule == "test.crowed");
  CHECK(dead.redundant_rules[0].covered_by == "profanity.cock");
  CHECK(dead.redundant_rules[0].hits == 1);
}

TEST_CASE("lint measures the size and compile time of a regex compiled alone",
          "[lint]") {
  const auto cost = measure_pattern_cost("abc[0-9]+");
  REQUIRE(cost.has_value());
  CHECK(cost->bytecode_bytes > 0);
  CHECK(cost->compile_seconds >= 0);
  const auto bad = measure_pattern_cost("(");
  REQUIRE_FALSE(bad.has_value());
  CHECK_THAT(bad.error().message, Catch::Contains("Hyperscan cannot compile"));
}

TEST_CASE("lint reports a regex far above the median size", "[lint]") {
  auto rules = load_rule_text(R"(
rules:
  - id: test.regexes
    category: promotion
    reason: Test
    action: reject
    regex: ['abc', 'def', 'ghi', 'jkl', '[a-z]*x[a-z]{8}y']
)", "costs.yaml");
  REQUIRE(rules.has_value());
  PatternCostOptions options;
  options.min_bytes = 0;
  options.min_seconds = 1e9;  // time is noise on a shared machine
  const PatternCosts costs = find_costly_patterns(*rules, options);
  CHECK(costs.regexes == 5);
  REQUIRE(costs.costly.size() == 1);
  // An unbounded run before a bounded one: the DFA blows up (~35x here).
  CHECK(costs.costly[0].entry.text == "[a-z]*x[a-z]{8}y");
  CHECK(costs.costly[0].bytes_ratio > 10);
}

TEST_CASE("modfilter lint exits 1 on an uncovered collision, 0 when allowed",
          "[lint][cli]") {
  TempDir dir;
  const auto dictionary = dir.write("words", "banana\ncockpit\ncocktail\n");
  const auto bad = dir.write("bad.yaml", kCockRule);
  const auto allowed = dir.write(
      "allowed.yaml", std::string(kCockRule) + "    allow: [cockpit, cocktail]\n");
  const std::string dict = " --dictionary '" + dictionary.string() + "'";

  const auto failing = run_modfilter("lint --rules '" + bad.string() + "'" + dict);
  CHECK(failing.exit_code == 1);
  CHECK_THAT(failing.out, Catch::Contains("| profanity.cock | 2 | cockpit (cockpit), "
                                          "cocktail (cocktail) |"));

  const auto json =
      run_modfilter("lint --json --rules '" + bad.string() + "'" + dict);
  CHECK(json.exit_code == 1);
  CHECK_THAT(json.out, Catch::Contains("\"uncovered_collisions\":true"));
  CHECK_THAT(json.out, Catch::Contains("\"word\":\"cocktail\""));

  const auto passing =
      run_modfilter("lint --rules '" + allowed.string() + "'" + dict);
  CHECK(passing.exit_code == 0);
  CHECK_THAT(passing.out, Catch::Contains("No rule fires on an ordinary word."));
}

TEST_CASE("modfilter lint exits 2 on a missing dictionary or data file",
          "[lint][cli]") {
  TempDir dir;
  const auto rules = dir.write("rules.yaml", kCockRule);
  const auto no_dictionary = run_modfilter("lint --rules '" + rules.string() +
                                           "' --dictionary /nonexistent/words");
  CHECK(no_dictionary.exit_code == 2);
  CHECK_THAT(no_dictionary.err, Catch::Contains("/nonexistent/words"));

  const auto dictionary = dir.write("words", "banana\n");
  const auto no_data = run_modfilter(
      "lint --rules '" + rules.string() + "' --dictionary '" +
      dictionary.string() + "' --data /nonexistent/comments.jsonl");
  CHECK(no_data.exit_code == 2);
  CHECK_THAT(no_data.err, Catch::Contains("/nonexistent/comments.jsonl"));
}

TEST_CASE("modfilter lint --data reports dead weight", "[lint][cli]") {
  TempDir dir;
  const auto rules = dir.write("rules.yaml", std::string(kCockRule) +
                                                 "    allow: [cockatoo]\n");
  const auto dictionary = dir.write("words", "banana\n");
  const auto data = dir.write(
      "comments.jsonl",
      "{\"id\": 1, \"text\": \"a cock crowed\"}\nnot json\n");
  const auto result = run_modfilter(
      "lint --json --rules '" + rules.string() + "' --dictionary '" +
      dictionary.string() + "' --data '" + data.string() + "'");
  CHECK(result.exit_code == 2);  // the bad record
  CHECK_THAT(result.err, Catch::Contains("comments.jsonl:2"));
  CHECK_THAT(result.out, Catch::Contains("\"comments\":1"));
  CHECK_THAT(result.out, Catch::Contains("\"idle_allows\":[{\"rule\":"
                                         "\"profanity.cock\",\"kind\":\"allow\","
                                         "\"text\":\"cockatoo\""));
}

}  // namespace modfilter

namespace modfilter {

TEST_CASE("lint screens a language's vocabulary against its dictionary and "
          "against English words as that language", "[lint][scope]") {
  TempDir dir;
  const auto rules = dir.write("kmr.yaml", R"(lang: [kmr]
rules:
  - id: abuse.kmr
    category: abuse
    reason: Insult
    action: reject
    prefixes: [aba]
  - id: profanity.kmr
    category: profanity
    reason: Profanity
    action: reject
    words: [am]
)");
  const auto dictionary = dir.write("english.txt", "am\nbanana\nabandon\n");
  auto engine = Engine::load(rules);
  REQUIRE(engine.has_value());
  LintOptions options;
  options.dictionary = dictionary;
  auto report = lint(*engine, options);
  REQUIRE(report.has_value());
  REQUIRE(report->languages.size() == 1);
  const LanguageCollisions& kmr = report->languages[0];
  CHECK(kmr.language == "kmr");
  CHECK(kmr.dictionary.ends_with("kmr_Latn.dic"));
  CHECK(kmr.dictionary_words > 4000);
  // The Kurmanji word list holds "abal", which the prefix aba takes.
  REQUIRE_FALSE(kmr.collisions.empty());
  CHECK(std::ranges::find(kmr.collisions[0].words, std::string("abal"),
                          &Collision::word) != kmr.collisions[0].words.end());
  // English "abandon" and "am" screened as Kurmanji.
  REQUIRE(kmr.english_collisions.size() == 2);
  CHECK(words_of(kmr.english_collisions[0]) ==
        std::vector<std::string>{"abandon"});
  CHECK(words_of(kmr.english_collisions[1]) == std::vector<std::string>{"am"});
  CHECK(report->has_collisions());
  // English words screened as English meet no Kurmanji rule.
  CHECK(report->collisions.empty());
}

TEST_CASE("hunspell dictionaries are read as stems", "[lint]") {
  TempDir dir;
  const auto path = dir.write("x.dic", "3\nkitap/12,40\nev\nkitap/3\n");
  auto words = read_hunspell_dictionary(path);
  REQUIRE(words.has_value());
  CHECK(*words == std::vector<std::string>{"kitap", "ev"});
  std::string why;
  CHECK(language_dictionary("ckb", why).empty());
  CHECK(why.find("Sorani") != std::string::npos);
}

TEST_CASE("lint lists the dictionary words one slip from a rule word",
          "[lint][slips]") {
  REQUIRE_FALSE(english_dictionary_path().empty());
  const Engine engine = engine_from_yaml(R"(
rules:
  - id: abuse.hate
    category: abuse
    reason: Hatred
    action: reject
    words: [hate, disgusting]
)");
  TempDir dir;
  LintOptions options;
  options.dictionary = dir.write("english.txt", "Heat\nhat\nhaste\nHates\nbanana\n");
  auto report = lint(engine, options);
  REQUIRE(report.has_value());
  CHECK(report->slips.forms >= 2);
  REQUIRE(report->slips.neighbours.size() == 1);
  CHECK(report->slips.neighbours[0].form == "hate");
  // "hat" has 3 letters: no token that short is read as a slip; "heat"
  // is two slips away.
  CHECK(report->slips.neighbours[0].words ==
        std::vector<std::string>{"haste", "hates"});
  CHECK_FALSE(report->has_collisions());
  const std::string markdown = lint_report_markdown(*report, 20);
  CHECK(markdown.find("| hate | haste, hates |") != std::string::npos);
}

}  // namespace modfilter
