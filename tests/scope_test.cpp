// Scope and reported speech through the public Engine (issue 19): `scope:`
// on `all` and `unless` (clause, sentence, comment), `quoted: skip` for
// hits between quotation marks of every script or after "saying",
// "calling", "statements like"; loader errors for bad values with
// file:line:column; both kept by a compiled database.
#include <catch2/catch.hpp>

#include "engine/ruleset/loader.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::TempDir;

namespace {

bool fires(const Engine& engine, std::string_view text) {
  return !engine.screen(text, "en").reasons.empty();
}

// "women ... useless" unless a negation, with the unless scope given.
Engine negated(const std::string& scope_line) {
  return engine_from_yaml(R"(rules:
  - id: abuse.useless
    category: abuse
    reason: r
    action: reject
    all: [{words: [women]}, {words: [useless]}]
)" + scope_line + R"(
    unless:
      - words: [not, never]
)");
}

Engine hate_of(const std::string& extra) {
  return engine_from_yaml(R"(rules:
  - id: abuse.vermin
    category: abuse
    reason: r
    action: reject
    sequence: "women are vermin|parasites"
)" + extra + "\n");
}

}  // namespace

TEST_CASE("an unless hit in another clause leaves the rule's hits alone",
          "[scope]") {
  const Engine clause = negated("    scope: clause");
  CHECK(fires(clause, "I'm not racist, but women are useless"));
  CHECK(fires(clause, "I'm not racist but women are useless"));
  CHECK(fires(clause, "I'm not racist But women are useless"));
  CHECK_FALSE(fires(clause, "women are not useless"));
  const Engine comment = negated("    scope: comment");
  CHECK_FALSE(fires(comment, "I'm not racist, but women are useless"));
  CHECK_FALSE(fires(comment, "Not today. Women are useless"));
}

TEST_CASE("an unless without a scope cancels the hits of its sentence",
          "[scope]") {
  const Engine engine = negated("");
  CHECK_FALSE(fires(engine, "I'm not racist, but women are useless"));
  CHECK(fires(engine, "Not today. Women are useless"));
  CHECK(fires(engine, "Not today! Women are useless"));
}

TEST_CASE("an unless item's own scope overrides the rule's", "[scope]") {
  const Engine engine = engine_from_yaml(R"(rules:
  - id: abuse.useless
    category: abuse
    reason: r
    action: reject
    words: [useless]
    scope: comment
    unless:
      - words: [not]
        scope: clause
      - words: [recipe]
)");
  CHECK(fires(engine, "not me, they are useless"));
  CHECK_FALSE(fires(engine, "this recipe. It is useless"));
}

TEST_CASE("all with scope clause wants its hits in one clause", "[scope]") {
  const Engine engine = engine_from_yaml(R"(rules:
  - id: abuse.hate
    category: abuse
    reason: r
    action: reject
    all: [{words: [hate]}, {words: [women]}]
    scope: clause
)");
  CHECK(fires(engine, "I hate women"));
  CHECK_FALSE(fires(engine, "I hate mondays, women are great"));
  CHECK_FALSE(fires(engine, "I hate mondays because women work"));
  CHECK_FALSE(fires(engine, "I hate mondays \xE2\x80\x94 women are great"));
  CHECK(fires(engine, "I hate anti-women laws"));
}

TEST_CASE("all with scope sentence wants its hits in one sentence", "[scope]") {
  const Engine engine = engine_from_yaml(R"(rules:
  - id: abuse.hate
    category: abuse
    reason: r
    action: reject
    all: [{words: [hate]}, {words: [women]}]
    scope: sentence
)");
  CHECK(fires(engine, "I hate mondays, women know"));
  CHECK_FALSE(fires(engine, "I hate mondays. Women know"));
  // The '!' of leetspeak ends no sentence.
  CHECK(fires(engine, "I h4te sh!t women"));
}

TEST_CASE("Arabic commas and question marks end clauses and sentences",
          "[scope]") {
  const Engine engine = engine_from_yaml(R"(rules:
  - id: abuse.ar
    category: abuse
    reason: r
    action: reject
    all: [{words: [كلب]}, {words: [انت]}]
    scope: clause
)");
  CHECK(fires(engine, "انت كلب"));
  CHECK_FALSE(fires(engine, "انت\xD8\x8C كلب"));
  CHECK_FALSE(fires(engine, "انت\xD8\x9F كلب"));
}

TEST_CASE("quoted: skip passes hate quoted in a frame of one's own words",
          "[scope]") {
  const Engine engine = hate_of("    quoted: skip");
  CHECK_FALSE(fires(engine, "Statements like \"women are vermin\" are disgusting."));
  CHECK_FALSE(fires(engine, "He wrote \xE2\x80\x9Cwomen are vermin\xE2\x80\x9D on a wall"));
  CHECK_FALSE(fires(engine, "He wrote \xC2\xABwomen are vermin\xC2\xBB on a wall"));
  CHECK_FALSE(fires(engine, "He wrote 'women are vermin' on a wall"));
  CHECK_FALSE(fires(engine, "He wrote \xE3\x80\x8Cwomen are vermin\xE3\x80\x8D on a wall"));
  // A mark that never closes leaves the quotations after it alone.
  CHECK_FALSE(fires(engine, "\xC2\xAB \xC2\xAB He wrote \"women are vermin\" on a wall"));
}

TEST_CASE("quoted: skip still catches hate in one's own voice", "[scope]") {
  const Engine engine = hate_of("    quoted: skip");
  CHECK(fires(engine, "He said \"hello\". Women are vermin."));
  CHECK(fires(engine, "Women are vermin, I said \"hello\""));
  // A quotation with no frame is the writer's slogan.
  CHECK(fires(engine, "\"women are vermin\""));
  // A mark that never closes quotes nothing.
  CHECK(fires(engine, "ok so \"women are vermin"));
  // Apostrophes are not quotation marks.
  CHECK(fires(engine, "don't lie, women are vermin, it's true"));
  CHECK(fires(engine, "the boys' club knows women are vermin"));
  CHECK(fires(hate_of(""), "Statements like \"women are vermin\" are disgusting."));
}

TEST_CASE("the object of saying, calling and statements like is reported",
          "[scope]") {
  const Engine engine = hate_of("    quoted: skip");
  CHECK_FALSE(fires(engine, "People who say women are vermin should be ashamed"));
  CHECK_FALSE(fires(engine, "I would never say women are vermin"));
  CHECK_FALSE(fires(engine, "stop claiming women are parasites"));
  CHECK_FALSE(fires(engine, "comments like women are vermin get deleted"));
  // The writer's own claim.
  CHECK(fires(engine, "I say women are vermin"));
  CHECK(fires(engine, "I'm saying women are vermin"));
  CHECK(fires(engine, "the so called women are vermin"));
  // The report ends with its clause.
  CHECK(fires(engine, "they said hi, women are vermin"));
}

TEST_CASE("bad scope and quoted values name file, line and column",
          "[scope][ruleset]") {
  auto bad = [](const std::string& body) {
    auto set = load_rule_text("rules:\n  - id: a.b\n    category: abuse\n"
                              "    reason: r\n    action: reject\n" +
                                  body,
                              "scope.yaml");
    REQUIRE_FALSE(set.has_value());
    return set.error().front();
  };
  const Error scope = bad("    words: [x]\n    scope: paragraph\n");
  CHECK(scope.file == "scope.yaml");
  CHECK(scope.line == 7);
  CHECK(scope.column == 12);
  CHECK(scope.message.find("paragraph") != std::string::npos);
  const Error quoted = bad("    words: [x]\n    quoted: maybe\n");
  CHECK(quoted.line == 7);
  CHECK(quoted.message.find("maybe") != std::string::npos);
  const Error item = bad("    words: [x]\n    unless:\n      - words: [y]\n"
                         "        scope: everywhere\n");
  CHECK(item.line == 9);
  CHECK(item.column == 16);
  const Error in_all = bad("    all:\n      - words: [x]\n        scope: clause\n"
                           "      - words: [y]\n");
  CHECK(in_all.line == 8);
  CHECK(in_all.message.find("scope") != std::string::npos);
}

TEST_CASE("a file's scope and quoted apply to its rules", "[scope][ruleset]") {
  auto set = load_rule_text(R"(scope: clause
quoted: skip
rules:
  - id: a.b
    category: abuse
    reason: r
    action: reject
    words: [x]
  - id: a.c
    category: abuse
    reason: r
    action: reject
    words: [y]
    scope: sentence
    quoted: keep
)", "file.yaml");
  REQUIRE(set.has_value());
  CHECK(set->rules[0].scope == Scope::kClause);
  CHECK(set->rules[0].quoted == Quoted::kSkip);
  CHECK(set->rules[1].scope == Scope::kSentence);
  CHECK(set->rules[1].quoted == Quoted::kKeep);
}

TEST_CASE("a compiled database keeps scope and quoted", "[scope]") {
  const TempDir dir;
  const auto rules = dir.write("r.yaml", R"(rules:
  - id: abuse.vermin
    category: abuse
    reason: r
    action: reject
    sequence: "women are vermin"
    quoted: skip
    unless:
      - words: [not]
        scope: clause
)");
  auto engine = Engine::load(rules);
  REQUIRE(engine.has_value());
  REQUIRE(engine->save(dir.path() / "r.mfdb").has_value());
  auto loaded = Engine::load(dir.path() / "r.mfdb");
  REQUIRE(loaded.has_value());
  CHECK_FALSE(fires(*loaded, "Statements like \"women are vermin\" are vile."));
  CHECK(fires(*loaded, "not me, women are vermin"));
}
