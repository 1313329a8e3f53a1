// Misspelt rule words read as meant (compiler/slip_index.h,
// scanner/slip_reader.h) through the public Engine: which slips are read,
// which tokens never are, where the hits point in the original bytes,
// run-together words, a one-letter word before spaced letters, languages,
// and the slip index in a database file.
#include <catch2/catch.hpp>

#include "engine/core/dictionary_file.h"
#include "engine/engine.h"
#include "engine/ruleset/loader.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;
using modfilter::testing::TempDir;

namespace {

constexpr const char* kRules = R"(lists:
  groups: [women, gay people]
  contempt: [disgusting, hate, fisting, thot, jism, fucking, fag, should, heshe]
rules:
  - id: abuse.word
    category: abuse
    reason: A word of contempt
    action: reject
    list: contempt
  - id: abuse.hate-group
    category: abuse
    reason: Declares hatred of a group
    action: reject
    sequence: "i hate @groups"
  - id: threat.kill-all
    category: threat
    reason: Calls for killing a group
    action: reject
    sequence: "kill all @groups"
)";

const Engine& engine() {
  // The slips are told from words by the English dictionary that
  // scripts/install-deps.sh installs.
  REQUIRE_FALSE(english_dictionary_path().empty());
  static const Engine rules = engine_from_yaml(kRules);
  return rules;
}

bool fires(const Engine& e, std::string_view text, std::string_view rule,
           std::string_view languages = "en") {
  for (const Reason& r : e.screen(text, languages).reasons) {
    if (r.rule == rule) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a swap, a drop or an addition in a rule word is read as the word",
          "[slips]") {
  for (const char* text : {"women are disgustign", "women are digsusting",
                           "women are disguting", "women are dissgusting",
                           "women are disgustingg", "I haet them",
                           "I hatte them"}) {
    CAPTURE(text);
    CHECK(fires(engine(), text, "abuse.word"));
  }
  CHECK_FALSE(fires(engine(), "women are wonderful", "abuse.word"));
}

TEST_CASE("a slip's hit points at the misspelling as written", "[slips]") {
  const std::string text = "Honestly, WOMEN are DISGUSTIGN!";
  CHECK(excerpt_of(engine().screen(text, "en"), text, "abuse.word") ==
        "DISGUSTIGN");
}

TEST_CASE("a known word is never read as a slip", "[slips]") {
  // Dictionary words one slip from a rule word: "hat" (and every 3-letter
  // token), "heat", "fitting"; a misspelling as near another word ("fiting",
  // "thout"), a plural or possessive of a word ("jims"), a first letter
  // dropped ("cking").
  for (const char* text : {"a hat", "the heat", "nice fitting ones",
                           "nice fiting ones", "Thout you were out",
                           "bit jims ear", "fu cking awesome", "hte"}) {
    CAPTURE(text);
    CHECK_FALSE(fires(engine(), text, "abuse.word"));
  }
}

TEST_CASE("handles, hashtags, links, contractions, names and laughter are "
          "not read as slips", "[slips]") {
  CHECK(fires(engine(), "Haet them all", "abuse.word"));
  for (const char* text : {"we met the Haet family", "@haet said so", "#disgustign", "see ex.com/haet",
                           "haet.com", "they shouldn't", "hehe, funny",
                           "disgustign_fan"}) {
    CAPTURE(text);
    CHECK_FALSE(fires(engine(), text, "abuse.word"));
  }
}

TEST_CASE("words run together are read apart, for sequences too", "[slips]") {
  const std::string text = "Ihate women";
  CHECK(excerpt_of(engine().screen(text, "en"), text, "abuse.hate-group") ==
        "Ihate women");
  CHECK(fires(engine(), "we should killall gay people", "threat.kill-all"));
  // The other half must be a word: "killzz" is no "kill zz".
  CHECK_FALSE(fires(engine(), "killzz gay people", "threat.kill-all"));
  // "a" is no such word: "askin" is not "a skin".
  CHECK_FALSE(fires(engine(), "Ahate women", "abuse.hate-group"));
}

TEST_CASE("a one-letter word before spaced letters is read apart from them",
          "[slips]") {
  const std::string text = "you are a f a g";
  CHECK(excerpt_of(engine().screen(text, "en"), text, "abuse.word") ==
        "f a g");
  CHECK(fires(engine(), "I h a t e women", "abuse.hate-group"));
}

TEST_CASE("a comment in another language is screened as written", "[slips]") {
  CHECK(fires(engine(), "women are disgustign", "abuse.word", "en"));
  CHECK_FALSE(fires(engine(), "women are disgustign", "abuse.word", "tr"));
  CHECK(fires(engine(), "women are disgusting", "abuse.word", "tr"));
}

TEST_CASE("only English vocabulary is read through slips", "[slips]") {
  const Engine turkish = engine_from_yaml(R"(rules:
  - id: tr.word
    category: profanity
    reason: Turkish
    action: reject
    lang: [tr, en]
    words: [gotos]
  - id: en.word
    category: profanity
    reason: English
    action: reject
    lang: [en]
    words: [disgusting]
)");
  CHECK_FALSE(fires(turkish, "please goto the doctor", "tr.word"));
  CHECK(fires(turkish, "so disgustign", "en.word"));
}

TEST_CASE("slips can be left unread at compile time", "[slips]") {
  auto rules = load_rule_text(kRules, "test.yaml");
  REQUIRE(rules.has_value());
  CompileOptions options;
  options.slips = false;
  auto plain = Engine::from_rule_set(std::move(*rules), options);
  REQUIRE(plain.has_value());
  CHECK(plain->stats().slip_forms == 0);
  CHECK_FALSE(fires(*plain, "women are disgustign", "abuse.word"));
  CHECK(fires(*plain, "women are disgusting", "abuse.word"));
  CHECK(engine().stats().slip_forms > 0);
}

TEST_CASE("a database file keeps the slips", "[slips][database]") {
  TempDir dir;
  const auto path = dir.path() / "rules.mfdb";
  REQUIRE(engine().save(path).has_value());
  auto loaded = Engine::load_database(path);
  REQUIRE(loaded.has_value());
  CHECK(loaded->stats().slip_forms == engine().stats().slip_forms);
  CHECK(fires(*loaded, "women are disgustign", "abuse.word"));
  CHECK(fires(*loaded, "Ihate women", "abuse.hate-group"));
  CHECK_FALSE(fires(*loaded, "nice fitting ones", "abuse.word"));
}
