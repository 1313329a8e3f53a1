#include <catch2/catch.hpp>

#include "engine/compiler/compiler.h"
#include "engine/ruleset/loader.h"
#include "tests/support.h"

using namespace modfilter;

TEST_CASE("a regex Hyperscan refuses is reported with the rule, file:line and "
          "Hyperscan's message", "[compiler]") {
  auto rules = load_rule_set(testing::source_path("tests/data/bad_rules/bad_regex.yaml"));
  REQUIRE(rules.has_value());
  auto compiled = compile(std::move(*rules));
  REQUIRE_FALSE(compiled.has_value());
  REQUIRE(compiled.error().size() == 1);
  const Error& e = compiled.error()[0];
  CHECK(e.kind == ErrorKind::kPattern);
  CHECK(e.rule_id == "promotion.test");
  CHECK(e.file.ends_with("bad_regex.yaml"));
  CHECK(e.line == 6);
  CHECK(e.message.find("visit (my site") != std::string::npos);
  CHECK(e.message.find("Missing close parenthesis") != std::string::npos);
}

TEST_CASE("every bad regex of a set is named, not only the first", "[compiler]") {
  auto rules = load_rule_text(R"(rules:
  - {id: a.one, category: promotion, reason: r, action: review, regex: ['(a']}
  - {id: a.two, category: promotion, reason: r, action: review, regex: ['b']}
  - {id: a.three, category: promotion, reason: r, action: review, regex: ['[c']})",
                              "t.yaml");
  REQUIRE(rules.has_value());
  auto compiled = compile(std::move(*rules));
  REQUIRE_FALSE(compiled.has_value());
  REQUIRE(compiled.error().size() == 2);
  CHECK(compiled.error()[0].rule_id == "a.one");
  CHECK(compiled.error()[1].rule_id == "a.three");
}

TEST_CASE("a regex that matches the empty string is refused", "[compiler]") {
  auto rules = load_rule_text(R"(rules:
  - {id: a.one, category: promotion, reason: r, action: review, regex: ['x*']})",
                              "t.yaml");
  REQUIRE(rules.has_value());
  auto compiled = compile(std::move(*rules));
  REQUIRE_FALSE(compiled.has_value());
  CHECK(compiled.error()[0].rule_id == "a.one");
}

TEST_CASE("compilation counts rules, literals and regexes per view",
          "[compiler]") {
  auto rules = load_rule_text(R"(rules:
  - id: a.one
    category: profanity
    reason: r
    action: reject
    words: [darn, heck]
    prefixes: [frig]
    allow: [frigate]
  - {id: a.two, category: promotion, reason: r, action: review, regex: ['https?://\S+']})",
                              "t.yaml");
  REQUIRE(rules.has_value());
  auto compiled = compile(std::move(*rules));
  REQUIRE(compiled.has_value());
  const CompileStats& s = (*compiled)->stats();
  CHECK(s.rules == 2);
  CHECK(s.literals == 4);
  CHECK(s.regexes == 1);
  CHECK(s.patterns == 5);
  CHECK(s.database_bytes > 0);
  CHECK((*compiled)->normalized_database() != nullptr);
  CHECK((*compiled)->raw_database() != nullptr);
}
