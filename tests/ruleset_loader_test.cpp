#include <catch2/catch.hpp>

#include "engine/engine.h"
#include "engine/ruleset/loader.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::source_path;
using modfilter::testing::TempDir;

namespace {

// Loads a bad rule file and returns its first error.
Error only_error(const std::string& name) {
  auto result = load_rule_set(source_path("tests/data/bad_rules/" + name));
  REQUIRE_FALSE(result.has_value());
  REQUIRE(result.error().size() >= 1);
  return result.error().front();
}

// Loads a bad rule file that must give exactly one error.
Error single_error(const std::string& name) {
  auto result = load_rule_set(source_path("tests/data/bad_rules/" + name));
  REQUIRE_FALSE(result.has_value());
  for (const Error& e : result.error()) UNSCOPED_INFO(e.to_string());
  REQUIRE(result.error().size() == 1);
  return result.error().front();
}

}  // namespace

TEST_CASE("bad rule files are refused with file, line, column and a hint",
          "[ruleset]") {
  struct Case {
    const char* file;
    ErrorKind kind;
    int line;
    const char* message;
    const char* rule;
  };
  const Case cases[] = {
      {"unknown_key.yaml", ErrorKind::kSchema, 6, "unknown key 'wrods'", "profanity.test"},
      {"missing_id.yaml", ErrorKind::kSchema, 2, "rule without 'id'", ""},
      {"missing_category.yaml", ErrorKind::kSchema, 2, "rule without 'category'", "profanity.test"},
      {"missing_reason.yaml", ErrorKind::kSchema, 2, "rule without 'reason'", "profanity.test"},
      {"missing_action.yaml", ErrorKind::kSchema, 2, "rule without 'action'", "profanity.test"},
      {"unknown_category.yaml", ErrorKind::kSchema, 3, "unknown category 'rudeness'", "profanity.test"},
      {"unknown_action.yaml", ErrorKind::kSchema, 5, "unknown action 'delete'", "profanity.test"},
      {"duplicate_id.yaml", ErrorKind::kDuplicate, 7, "first defined at", "profanity.test"},
      {"no_matcher.yaml", ErrorKind::kSchema, 2, "rule without a matcher", "profanity.test"},
      {"bad_near.yaml", ErrorKind::kSchema, 9, "'near' must be a whole number", "threat.test"},
      {"bad_min_count.yaml", ErrorKind::kSchema, 7, "'min_count' must be a whole number", "promotion.test"},
      {"empty_word.yaml", ErrorKind::kSchema, 6, "empty item in 'words'", "profanity.test"},
      {"bad_tests.yaml", ErrorKind::kSchema, 8, "unknown key 'rejects' in 'tests'", "profanity.test"},
      {"duplicate_key.yaml", ErrorKind::kSchema, 9, "'tests' given twice in a rule (first at line 7)", "profanity.test"},
      {"bad_yaml.yaml", ErrorKind::kYaml, 4, "invalid YAML", ""},
      {"near_without_all.yaml", ErrorKind::kSchema, 7, "'near' without 'all'", "threat.test"},
      {"proclitics_without_words.yaml", ErrorKind::kSchema, 7, "'proclitics' without 'words' or 'prefixes'", "abuse.test"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const Error e = only_error(c.file);
    CAPTURE(e.to_string());
    CHECK(e.kind == c.kind);
    CHECK(e.file.ends_with(c.file));
    CHECK(e.line == c.line);
    CHECK(e.column > 0);
    CHECK(e.rule_id == c.rule);
    CHECK(e.message.find(c.message) != std::string::npos);
    CHECK(e.to_string().starts_with(e.file + ":" + std::to_string(c.line) + ":"));
  }
}

TEST_CASE("bad named lists and sequences are refused with one error at "
          "file:line:column", "[ruleset][lists][sequence]") {
  struct Case {
    const char* file;
    int line;
    int column;
    const char* message;
    const char* rule;
  };
  const Case cases[] = {
      {"list_twice_different.yaml", 3, 3, "list 'insults' is defined twice with different contents (first at ", ""},
      {"unknown_list.yaml", 6, 11, "no list named 'insults'", "abuse.test"},
      {"unknown_list_in_sequence.yaml", 8, 15, "no list named 'vermin'", "abuse.test"},
      {"list_include_cycle.yaml", 2, 3, "list 'groups' includes itself (groups -> groups.all -> groups)", ""},
      {"bad_list_name.yaml", 2, 3, "list name 'Group Nouns' is not a dotted name", ""},
      {"list_without_words.yaml", 3, 5, "list groups.women has neither 'words' nor 'include'", ""},
      {"sequence_bad_repeat.yaml", 8, 15, "bad repeat '{0,40}' in sequence step '*{0,40}'", "abuse.test"},
      {"sequence_reversed_repeat.yaml", 8, 15, "bad repeat '{2,1}' in sequence step 'are{2,1}'", "abuse.test"},
      {"sequence_empty_alternative.yaml", 8, 15, "empty alternative in sequence step 'are||is'", "abuse.test"},
      {"sequence_star_first.yaml", 8, 15, "a sequence may not start or end with '*'", "abuse.test"},
      {"sequence_star_last.yaml", 8, 15, "a sequence may not start or end with '*'", "abuse.test"},
      {"sequence_all_optional.yaml", 8, 15, "every step of the sequence is optional", "abuse.test"},
      {"sequence_star_mixed.yaml", 8, 15, "'*' mixed with words in sequence step 'are|*'", "abuse.test"},
      {"sequence_bad_list_name.yaml", 8, 15, "'@Groups' is not a list name", "abuse.test"},
      {"sequence_with_view.yaml", 10, 15, "a sequence matches the normalized view only", "abuse.test"},
      {"bad_near_words.yaml", 9, 11, "'near' must be a whole number from 1 to 100000 words, not '0 words'", "threat.test"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.file);
    const Error e = single_error(c.file);
    CAPTURE(e.to_string());
    CHECK(e.kind == ErrorKind::kSchema);
    CHECK(e.file.ends_with(c.file));
    CHECK(e.line == c.line);
    CHECK(e.column == c.column);
    CHECK(e.rule_id == c.rule);
    CHECK(e.message.find(c.message) != std::string::npos);
    CHECK_FALSE(e.hint.empty());
    CHECK(e.to_string().starts_with(e.file + ":" + std::to_string(c.line) +
                                    ":" + std::to_string(c.column) + ":"));
  }
}

TEST_CASE("a list defined twice with different contents names both places",
          "[ruleset][lists]") {
  const Error e = single_error("list_twice_different.yaml");
  CHECK(e.message.find("list_twice_different.yaml:2:3)") != std::string::npos);
  CHECK(e.line == 3);
}

TEST_CASE("a list defined twice with different contents in two files names "
          "both files", "[ruleset][lists]") {
  TempDir dir;
  dir.write("a.yaml", "lists:\n  insults: [idiot, moron]\n");
  dir.write("b.yaml", R"(lists:
  insults: [idiot, fool]
rules:
  - {id: abuse.x, category: abuse, reason: r, action: review, list: insults})");
  auto result = load_rule_set(dir.path());
  REQUIRE_FALSE(result.has_value());
  REQUIRE(result.error().size() == 1);
  const Error& e = result.error().front();
  CAPTURE(e.to_string());
  CHECK(e.file.ends_with("b.yaml"));
  CHECK(e.line == 2);
  CHECK(e.message.find("a.yaml:2:3") != std::string::npos);
}

TEST_CASE("a list defined twice with the same contents is one list, and a "
          "file may hold only lists used by another file", "[ruleset][lists]") {
  TempDir dir;
  const std::string lists = R"(lists:
  groups.women:
    subcategory: sexism
    words: [women, girls]
  groups: {include: [groups.women]}
)";
  // The rules come first in name order: a list is used before it is read.
  dir.write("a_rules.yaml", lists + R"(rules:
  - {id: abuse.x, category: abuse, reason: r, action: review, list: groups})");
  dir.write("b_lists.yaml", lists);
  auto set = load_rule_set(dir.path());
  REQUIRE(set.has_value());
  REQUIRE(set->lists.size() == 2);
  CHECK(set->lists[0].name == "groups");
  CHECK(set->lists[1].name == "groups.women");
  REQUIRE(set->rules.size() == 1);
  const auto& entries = set->rules[0].groups.at(0).at(0).entries;
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].text == "women");
  // The entry names the list it is written in, not the one including it.
  CHECK(set->lists[entries[0].list].name == "groups.women");

  TempDir only;
  auto lists_only = load_rule_set(only.write("lists.yaml", lists));
  REQUIRE(lists_only.has_value());
  CHECK(lists_only->rules.empty());
  CHECK(lists_only->lists.size() == 2);
}

TEST_CASE("a sequence is read into steps with repeats, lists and phrases",
          "[ruleset][sequence]") {
  auto set = load_rule_text(R"(lists:
  groups: [women]
rules:
  - id: abuse.x
    category: abuse
    reason: r
    action: reject
    sequence: "@groups are|r *{0,2} not? black_people{1,3}"
)", "seq.yaml");
  REQUIRE(set.has_value());
  const Matcher& m = set->rules[0].groups.at(0).at(0);
  REQUIRE(m.kind == MatcherKind::kSequence);
  REQUIRE(m.steps.size() == 5);
  CHECK(m.steps[0].entries.at(0).text == "women");
  CHECK(m.steps[1].entries.size() == 2);
  CHECK(m.steps[2].kind == SequenceStep::Kind::kAny);
  CHECK(m.steps[2].min == 0);
  CHECK(m.steps[2].max == 2);
  CHECK(m.steps[3].min == 0);
  CHECK(m.steps[3].max == 1);
  CHECK(m.steps[4].entries.at(0).text == "black people");
  CHECK(m.steps[4].min == 1);
  CHECK(m.steps[4].max == 3);
}

TEST_CASE("near counts words when it says so", "[ruleset]") {
  auto set = load_rule_text(R"(rules:
  - id: threat.x
    category: threat
    reason: r
    action: reject
    all: [{words: [kill]}, {words: [you]}]
    near: 3 words
)", "near.yaml");
  REQUIRE(set.has_value());
  CHECK(set->rules[0].near_words == 3u);
  CHECK_FALSE(set->rules[0].near.has_value());
}

TEST_CASE("a duplicate id names both places", "[ruleset]") {
  const Error e = only_error("duplicate_id.yaml");
  CHECK(e.message.find("duplicate_id.yaml:2:") != std::string::npos);
  CHECK(e.line == 7);
}

TEST_CASE("every error of a file is reported, and the set is refused whole",
          "[ruleset]") {
  auto result = load_rule_text(R"(
rules:
  - id: a.one
    category: nope
    reason: x
    action: reject
    words: [x]
  - id: a.two
    category: profanity
    reason: x
    action: maybe
    words: [y]
  - id: a.three
    category: profanity
    reason: fine
    action: reject
    words: [z]
)", "many.yaml");
  REQUIRE_FALSE(result.has_value());
  REQUIRE(result.error().size() == 2);
  CHECK(result.error()[0].rule_id == "a.one");
  CHECK(result.error()[1].rule_id == "a.two");
}

TEST_CASE("a missing path, an empty file and a directory with no rules are "
          "refused with a message", "[ruleset]") {
  TempDir dir;
  SECTION("missing path") {
    auto result = load_rule_set(dir.path() / "nope");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error()[0].message == "no such file or directory");
  }
  SECTION("empty file") {
    auto result = load_rule_set(dir.write("empty.yaml", ""));
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error()[0].message == "the file holds no rules");
  }
  SECTION("directory without rule files") {
    dir.write("notes.txt", "hello");
    auto result = load_rule_set(dir.path());
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error()[0].message == "the directory holds no rule files");
  }
  SECTION("a rule file that is not a map") {
    auto result = load_rule_set(dir.write("list.yaml", "just text"));
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error()[0].message.find("must be a map") != std::string::npos);
  }
  SECTION("binary junk") {
    auto result = load_rule_set(dir.write("junk.yaml", std::string("\x00\xff\xfe{[:", 6)));
    REQUIRE_FALSE(result.has_value());
    CHECK_FALSE(result.error()[0].to_string().empty());
  }
}

TEST_CASE("a directory of rule files loads every file in name order, "
          "including subdirectories", "[ruleset]") {
  TempDir dir;
  dir.write("b.yaml", R"(rules:
  - {id: b.one, category: abuse, reason: r, action: review, words: [bee]})");
  dir.write("a.yml", R"(lang: [en]
rules:
  - {id: a.one, category: profanity, reason: r, action: reject, words: [ay]})");
  dir.write("sub/c.yaml", R"(rules:
  - {id: c.one, category: threat, reason: r, action: reject, words: [see], lang: tr})");
  auto set = load_rule_set(dir.path());
  REQUIRE(set.has_value());
  REQUIRE(set->rules.size() == 3);
  CHECK(set->rules[0].id == "a.one");
  CHECK(set->rules[0].langs == std::vector<std::string>{"en"});
  CHECK(set->rules[1].id == "b.one");
  CHECK(set->rules[2].id == "c.one");
  CHECK(set->rules[2].langs == std::vector<std::string>{"tr"});
  CHECK(set->content_hash.size() == 16);
}

TEST_CASE("the content hash changes with the rules and not with the place",
          "[ruleset]") {
  TempDir one, two;
  const std::string text = R"(rules:
  - {id: a.one, category: profanity, reason: r, action: reject, words: [ay]})";
  one.write("r.yaml", text);
  two.write("r.yaml", text);
  auto a = load_rule_set(one.path());
  auto b = load_rule_set(two.path());
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  CHECK(a->content_hash == b->content_hash);
  two.write("r.yaml", text + "\n  - {id: a.two, category: profanity, reason: r, action: reject, words: [be]}");
  auto c = load_rule_set(two.path());
  REQUIRE(c.has_value());
  CHECK(c->content_hash != a->content_hash);
}

TEST_CASE("rule tests are read with their expected verdicts", "[ruleset]") {
  auto set = load_rule_text(R"(rules:
  - id: p.x
    category: profanity
    reason: r
    action: review
    words: [darn]
    tests:
      review: ["darn it"]
      approve: ["darnell"])", "t.yaml");
  REQUIRE(set.has_value());
  const auto& tests = set->rules[0].tests;
  REQUIRE(tests.size() == 2);
  CHECK(tests[0].expect_match);
  CHECK(tests[0].expect_action == Action::kReview);
  CHECK_FALSE(tests[1].expect_match);
  CHECK(tests[1].location.line == 9);
}
