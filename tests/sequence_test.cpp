// Named lists and token sequences through the public Engine: what a
// sequence matches (gaps, options, repeats, phrases, lists, disguises,
// sentences), where its hit lies in the original bytes, how it combines
// with all/near/ordered/unless/min_count, which subcategory a reason
// reports, the lexicon compiled once, and databases in format 9.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "engine/compiler/database_file.h"
#include "engine/io/comment_reader.h"
#include "engine/ruleset/loader.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;
using modfilter::testing::source_path;
using modfilter::testing::TempDir;

namespace {

constexpr const char* kLists = R"(lists:
  groups.women:
    subcategory: sexism
    words: [women, girls]
  groups.gay:
    subcategory: homophobia
    words: [gays, gay men]
  groups.migrants:
    subcategory: xenophobia
    words: [immigrants]
  groups:
    include: [groups.women, groups.gay, groups.migrants]
  insults: [vermin, rats, parasites]
)";

Engine with_rules(const std::string& rules) {
  return engine_from_yaml(std::string(kLists) + "rules:\n" + rules);
}

bool fires(const Engine& engine, std::string_view text, std::string_view rule) {
  for (const Reason& r : engine.screen(text).reasons) {
    if (r.rule == rule) return true;
  }
  return false;
}

std::string subcategory_of(const Engine& engine, std::string_view text,
                           std::string_view rule) {
  for (const Reason& r : engine.screen(text).reasons) {
    if (r.rule == rule) return std::string(r.subcategory);
  }
  return "(did not fire)";
}

std::string sequence_rule(const std::string& sequence) {
  return R"(  - id: abuse.seq
    category: abuse
    subcategory: racism
    reason: Dehumanises a group
    action: reject
    sequence: ")" + sequence + "\"\n";
}

}  // namespace

TEST_CASE("a sequence gap takes up to its count of words and no more",
          "[sequence]") {
  const Engine engine = with_rules(sequence_rule("@groups are *{0,2} @insults"));
  CHECK(fires(engine, "women are vermin", "abuse.seq"));
  CHECK(fires(engine, "women are truly vermin", "abuse.seq"));
  CHECK(fires(engine, "women are truly vile vermin", "abuse.seq"));
  CHECK_FALSE(fires(engine, "women are truly very vile vermin", "abuse.seq"));
  CHECK_FALSE(fires(engine, "vermin are women", "abuse.seq"));
}

TEST_CASE("an optional step may be there or not, and nothing else may "
          "stand in for it", "[sequence]") {
  const Engine engine = with_rules(sequence_rule("@groups are not? @insults"));
  CHECK(fires(engine, "women are vermin", "abuse.seq"));
  CHECK(fires(engine, "women are not vermin", "abuse.seq"));
  CHECK_FALSE(fires(engine, "women are surely vermin", "abuse.seq"));
}

TEST_CASE("a repeated step matches between its bounds", "[sequence]") {
  const Engine engine = with_rules(sequence_rule("so very{2,3} @insults"));
  CHECK_FALSE(fires(engine, "so very vermin", "abuse.seq"));
  CHECK(fires(engine, "so very very vermin", "abuse.seq"));
  CHECK(fires(engine, "so very very very vermin", "abuse.seq"));
  CHECK_FALSE(fires(engine, "so very very very very vermin", "abuse.seq"));
}

TEST_CASE("an underscore step is a phrase, matched word for word",
          "[sequence]") {
  const Engine engine = with_rules(sequence_rule("black_people are @insults"));
  const std::string text = "all black people are rats";
  CHECK(excerpt_of(engine.screen(text), text, "abuse.seq") ==
        "black people are rats");
  CHECK_FALSE(fires(engine, "black are rats", "abuse.seq"));
  CHECK_FALSE(fires(engine, "people are rats", "abuse.seq"));
  CHECK_FALSE(fires(engine, "black_people are rats", "abuse.seq"));
}

TEST_CASE("a list step matches every entry of the list and of the lists it "
          "includes, phrases too", "[sequence][lists]") {
  const Engine engine = with_rules(sequence_rule("@groups are @insults"));
  for (const char* text : {"women are vermin", "girls are rats",
                           "gay men are parasites", "immigrants are rats"}) {
    CAPTURE(text);
    CHECK(fires(engine, text, "abuse.seq"));
  }
  CHECK_FALSE(fires(engine, "men are rats", "abuse.seq"));
}

TEST_CASE("words in a sequence are found through disguises", "[sequence]") {
  const Engine engine = with_rules(sequence_rule("@groups are @insults"));
  CHECK(fires(engine, "women are v3rmin", "abuse.seq"));
  CHECK(fires(engine, "WOMEN ARE VERMIN", "abuse.seq"));
  CHECK(fires(engine, "w0men are verm*n", "abuse.seq"));
  CHECK(fires(engine, "women are vermiiiin", "abuse.seq"));
}

TEST_CASE("a sequence never runs across a sentence break", "[sequence]") {
  const Engine engine = with_rules(sequence_rule("@groups are *? @insults"));
  for (const char* text : {"women. are vermin", "women are! vermin",
                           "women are? vermin", "women; are vermin",
                           "women are. so vermin"}) {
    CAPTURE(text);
    CHECK_FALSE(fires(engine, text, "abuse.seq"));
  }
  CHECK(fires(engine, "women, are - vermin", "abuse.seq"));
  CHECK(fires(engine, "Stop. women are vermin. Really", "abuse.seq"));
}

TEST_CASE("a sequence's span covers its first to its last token in the "
          "original bytes", "[sequence]") {
  const Engine engine = with_rules(sequence_rule("@groups are *{0,2} @insults"));
  // An emoji before, a Cyrillic 'а' in "аre", a leet "v3rmin".
  const std::string text = "\xf0\x9f\x98\x80 Women \xd0\xb0re such v3rmin!!";
  const Verdict verdict = engine.screen(text);
  REQUIRE(verdict.reasons.size() == 1);
  REQUIRE(verdict.reasons[0].spans.size() == 1);
  const ByteSpan span = verdict.reasons[0].spans[0];
  CHECK(text.substr(span.begin, span.size()) == "Women \xd0\xb0re such v3rmin");
}

TEST_CASE("a long comment is searched to its end", "[sequence]") {
  const Engine engine = with_rules(sequence_rule("@groups are *{0,2} @insults"));
  std::string text;
  for (int i = 0; i < 6000; ++i) text += "word ";
  text += "women are vermin";
  CHECK(excerpt_of(engine.screen(text), text, "abuse.seq") == "women are vermin");
}

TEST_CASE("sequences combine in all: with near and ordered", "[sequence]") {
  const Engine engine = with_rules(R"(  - id: threat.seq
    category: threat
    reason: Threat to a group
    action: reject
    all:
      - sequence: "kill|shoot all"
      - list: groups
    near: 2 words
    ordered: true
)");
  CHECK(fires(engine, "kill all women", "threat.seq"));
  CHECK(fires(engine, "kill all of the women", "threat.seq"));
  CHECK_FALSE(fires(engine, "kill all of the local women", "threat.seq"));
  CHECK_FALSE(fires(engine, "women kill all", "threat.seq"));
}

TEST_CASE("a sequence in unless cancels the rule", "[sequence]") {
  const Engine engine = with_rules(R"(  - id: abuse.insult
    category: abuse
    reason: Insult
    action: review
    list: insults
    unless:
      - sequence: "not *? @insults"
)");
  CHECK(fires(engine, "you rats", "abuse.insult"));
  CHECK_FALSE(fires(engine, "we are not rats", "abuse.insult"));
  CHECK_FALSE(fires(engine, "we are not dirty rats", "abuse.insult"));
  CHECK(fires(engine, "not. rats", "abuse.insult"));
}

TEST_CASE("each sequence hit counts toward min_count", "[sequence]") {
  const Engine engine = with_rules(R"(  - id: abuse.twice
    category: abuse
    reason: Repeated
    action: review
    sequence: "@groups are @insults"
    min_count: 2
)");
  CHECK_FALSE(fires(engine, "women are rats", "abuse.twice"));
  CHECK(fires(engine, "women are rats and gays are vermin", "abuse.twice"));
}

TEST_CASE("a reason reports the subcategory of the list its hit came from",
          "[sequence][lists]") {
  SECTION("one group of words") {
    const Engine engine = with_rules(R"(  - id: abuse.groups
    category: abuse
    subcategory: personal_attack
    reason: Group named
    action: review
    list: groups
    words: [you people]
)");
    CHECK(subcategory_of(engine, "women", "abuse.groups") == "sexism");
    CHECK(subcategory_of(engine, "gay men", "abuse.groups") == "homophobia");
    CHECK(subcategory_of(engine, "immigrants", "abuse.groups") == "xenophobia");
    CHECK(subcategory_of(engine, "you people", "abuse.groups") == "personal_attack");
    // The first hit in the comment that has a subcategory decides.
    CHECK(subcategory_of(engine, "you people and gays and women", "abuse.groups") ==
          "homophobia");
  }
  SECTION("combined groups") {
    const Engine engine = with_rules(R"(  - id: abuse.vermin
    category: abuse
    subcategory: racism
    reason: Dehumanises a group
    action: reject
    all:
      - list: insults
      - list: groups
    near: 20
)");
    CHECK(subcategory_of(engine, "vermin, those women", "abuse.vermin") == "sexism");
    CHECK(subcategory_of(engine, "gays are rats", "abuse.vermin") == "homophobia");
  }
  SECTION("a sequence step") {
    const Engine engine = with_rules(sequence_rule("@groups are @insults"));
    CHECK(subcategory_of(engine, "women are vermin", "abuse.seq") == "sexism");
    CHECK(subcategory_of(engine, "gays are vermin", "abuse.seq") == "homophobia");
    CHECK(subcategory_of(engine, "immigrants are rats", "abuse.seq") == "xenophobia");
  }
  SECTION("a step's list without a subcategory leaves the rule's") {
    const Engine engine = with_rules(sequence_rule("they are @insults"));
    CHECK(subcategory_of(engine, "they are vermin", "abuse.seq") == "racism");
  }
}

TEST_CASE("near in words counts the words between the hits", "[sequence]") {
  const Engine engine = engine_from_yaml(R"(rules:
  - id: threat.near
    category: threat
    reason: Threat
    action: reject
    all:
      - words: [kill]
      - words: [you]
    near: 2 words
)");
  CHECK(fires(engine, "kill you", "threat.near"));
  CHECK(fires(engine, "kill... them, you", "threat.near"));
  CHECK(fires(engine, "kill all of you", "threat.near"));
  CHECK_FALSE(fires(engine, "kill all three of you", "threat.near"));
  CHECK(fires(engine, "you, all of: kill", "threat.near"));
  CHECK_FALSE(fires(engine, "you, all of them: kill", "threat.near"));
}

namespace {

// Every comment the rules' own tests and the samples hold.
std::vector<std::string> comments_for(const RuleSet& rules) {
  std::vector<std::string> out;
  for (const Rule& rule : rules.rules) {
    for (const RuleTest& test : rule.tests) out.push_back(test.text);
  }
  std::ifstream samples(source_path("samples/comments.jsonl"));
  CommentReader reader(samples, "samples", {});
  InputRecord record;
  while (reader.next(record)) {
    if (!record.error) out.emplace_back(record.text);
  }
  return out;
}

// The reasons of a verdict as comparable text.
std::multiset<std::string> reasons(const Verdict& v, std::string_view suffix = {}) {
  std::multiset<std::string> out;
  for (const Reason& r : v.reasons) {
    std::string id(r.rule);
    if (!suffix.empty() && id.ends_with(suffix)) id.resize(id.size() - suffix.size());
    std::string line = id + " " + std::string(r.subcategory);
    for (const ByteSpan& s : r.spans) {
      line += " " + std::to_string(s.begin) + "-" + std::to_string(s.end);
    }
    out.insert(line);
  }
  return out;
}

}  // namespace

TEST_CASE("a copy of every default rule under a new id adds no lexeme and "
          "changes no verdict", "[lexicon]") {
  auto defaults = load_rule_set(source_path("rules"));
  REQUIRE(defaults.has_value());
  RuleSet doubled = *defaults;
  for (const Rule& rule : defaults->rules) {
    Rule copy = rule;
    copy.id += ".copy";
    doubled.rules.push_back(std::move(copy));
  }
  const std::vector<std::string> comments = comments_for(*defaults);
  auto once = Engine::from_rule_set(std::move(*defaults));
  auto twice = Engine::from_rule_set(std::move(doubled));
  REQUIRE(once.has_value());
  REQUIRE(twice.has_value());
  const CompileStats& a = once->stats();
  const CompileStats& b = twice->stats();
  CHECK(a.lexemes > 1000);
  CHECK(b.lexemes == a.lexemes);
  CHECK(b.literals == 2 * a.literals);
  CHECK(b.rules == 2 * a.rules);
  std::size_t rejected = 0;
  for (const std::string& text : comments) {
    CAPTURE(text);
    const Verdict one = once->screen(text);
    const Verdict two = twice->screen(text);
    REQUIRE(two.decision == one.decision);
    const auto original = reasons(one);
    std::multiset<std::string> doubled_reasons;
    for (const auto& line : original) {
      doubled_reasons.insert(line);
      doubled_reasons.insert(line);
    }
    CHECK(reasons(two, ".copy") == doubled_reasons);
    if (one.decision == Decision::kReject) ++rejected;
  }
  CHECK(rejected > comments.size() / 10);
}

TEST_CASE("a database with lists and sequences saved in format 9 and loaded "
          "gives the same verdicts", "[database][sequence]") {
  const Engine engine = with_rules(sequence_rule("@groups are|r *{0,2} not? @insults") +
                                   R"(  - id: threat.near
    category: threat
    reason: Threat to a group
    action: review
    all:
      - list: groups
      - {words: [hurt, punch], suffixes: [ing]}
    near: 3 words
    unless:
      - sequence: "not @groups"
)");
  TempDir dir;
  const auto path = dir.path() / "rules.mfdb";
  REQUIRE(engine.save(path).has_value());
  const std::string bytes = modfilter::testing::read_file(path);
  REQUIRE(bytes.size() > 8);
  CHECK(bytes.substr(0, 4) == "MFDB");
  CHECK(static_cast<unsigned char>(bytes[4]) == 9);
  auto loaded = Engine::load(path);
  REQUIRE(loaded.has_value());
  CHECK(loaded->stats().lexemes == engine.stats().lexemes);
  for (const char* text :
       {"women are vermin", "gays r not rats", "immigrants are such dirty parasites",
        "women. are vermin", "hurting those women", "not women punch", "nothing",
        "\xf0\x9f\x98\x80 W0men \xd0\xb0re v3rmin", "gay men are really not rats"}) {
    CAPTURE(text);
    const Verdict a = engine.screen(text);
    const Verdict b = loaded->screen(text);
    CHECK(a.decision == b.decision);
    CHECK(reasons(a) == reasons(b));
  }
  CHECK(engine.screen("gays r not rats").decision == Decision::kReject);
}

TEST_CASE("the default rules saved and loaded give the same verdicts",
          "[database]") {
  auto engine = Engine::load(source_path("rules"));
  REQUIRE(engine.has_value());
  TempDir dir;
  const auto path = dir.path() / "defaults.mfdb";
  REQUIRE(engine->save(path).has_value());
  auto loaded = Engine::load(path);
  REQUIRE(loaded.has_value());
  for (const std::string& text : comments_for(engine->rule_set())) {
    CAPTURE(text);
    const Verdict a = engine->screen(text);
    const Verdict b = loaded->screen(text);
    REQUIRE(a.decision == b.decision);
    CHECK(reasons(a) == reasons(b));
  }
}

TEST_CASE("a database of format 8 is refused with the rebuild hint",
          "[database]") {
  const Engine engine = with_rules(sequence_rule("@groups are @insults"));
  auto bytes = serialize(engine.compiled());
  REQUIRE(bytes.has_value());
  std::string body = bytes->substr(0, bytes->size() - 8);
  REQUIRE(static_cast<unsigned char>(body[4]) == 9);
  body[4] = 8;
  const std::uint64_t sum = database_checksum(body);
  for (int i = 0; i < 8; ++i) body += static_cast<char>(sum >> (8 * i));
  TempDir dir;
  const auto path = dir.write("old.mfdb", body);
  auto result = Engine::load(path);
  REQUIRE_FALSE(result.has_value());
  const Error& e = result.error().front();
  CHECK(e.message.find("database format version 8, this modfilter reads "
                       "version 9") != std::string::npos);
  CHECK(e.hint.find("rebuild it with 'modfilter compile") != std::string::npos);
  CHECK(e.file.ends_with("old.mfdb"));
}
