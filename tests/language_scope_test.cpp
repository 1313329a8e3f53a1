// Language scoping: rules with `lang:` screen only comments in one of their
// languages, whether the caller names the language or the engine finds it;
// rules without `lang:` screen every comment.
#include <catch2/catch.hpp>

#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;
using modfilter::testing::run_modfilter;
using modfilter::testing::TempDir;

namespace {

constexpr const char* kRules = R"(rules:
  - id: profanity.en
    category: profanity
    reason: Profanity
    action: reject
    lang: [en]
    words: [idiot, got]
  - id: profanity.tr-am
    category: profanity
    reason: Profanity
    action: reject
    lang: [tr]
    words: [am, göt, aptal]
    suffixes: [ın, ını, sın]
  - id: abuse.ar
    category: abuse
    reason: Insult
    action: reject
    lang: [ar]
    words: [كلب]
    proclitics: [ال, يا]
  - id: promotion.link
    category: promotion
    reason: Link
    action: reject
    regex: 'https?://\S+'
)";

const Engine& engine() {
  static const Engine e = engine_from_yaml(kRules);
  return e;
}

bool fires(const Verdict& v, std::string_view rule) {
  for (const Reason& r : v.reasons) {
    if (r.rule == rule) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("#12 - Turkish am does not fire on English 'I am'; it does on "
          "Turkish", "[scope]") {
  for (const char* text : {"I am so tired of this", "I am here", "am I wrong?",
                           "I got it, thanks"}) {
    CAPTURE(text);
    const Verdict v = engine().screen(text);
    CHECK_FALSE(fires(v, "profanity.tr-am"));
  }
  CHECK(fires(engine().screen("senin amını sikeyim orospu çocuğu"),
              "profanity.tr-am"));
  CHECK(fires(engine().screen("am", "tr"), "profanity.tr-am"));
  CHECK_FALSE(fires(engine().screen("am", "en"), "profanity.tr-am"));
}

TEST_CASE("English vocabulary does not fire on Turkish comments", "[scope]") {
  // göt folds to "got" in the view: an English rule must not take it.
  const std::string text = "bu adamın göt kadar aklı yok, çok ayıp";
  const Verdict v = engine().screen(text);
  CHECK_FALSE(fires(v, "profanity.en"));
  CHECK(excerpt_of(v, text, "profanity.tr-am") == "göt");
  CHECK_FALSE(fires(engine().screen("got", "tr"), "profanity.en"));
  CHECK(fires(engine().screen("got", "en"), "profanity.en"));
}

TEST_CASE("rules without lang screen every comment, whatever its language",
          "[scope]") {
  for (const char* lang : {"", "en", "ar", "de", "tr,fa"}) {
    CAPTURE(lang);
    CHECK(fires(engine().screen("see http://spam.example", lang),
                "promotion.link"));
  }
}

TEST_CASE("a comment mixing three languages is screened by the rules of each",
          "[scope]") {
  const std::string text =
      "You are an idiot and everyone knows it. Sen tam bir aptalsın, "
      "herkes biliyor. انت الكلب يا حقير";
  const Verdict v = engine().screen(text);
  CHECK(excerpt_of(v, text, "profanity.en") == "idiot");
  CHECK(excerpt_of(v, text, "profanity.tr-am") == "aptalsın");
  CHECK(excerpt_of(v, text, "abuse.ar") == "الكلب");
  const auto languages = engine().languages_of(text);
  for (const char* code : {"en", "tr", "ar"}) {
    CAPTURE(code);
    CHECK(std::ranges::find(languages, code) != languages.end());
  }
  // The caller's languages decide when given.
  const Verdict only_ar = engine().screen(text, "ar");
  CHECK(fires(only_ar, "abuse.ar"));
  CHECK_FALSE(fires(only_ar, "profanity.en"));
  CHECK_FALSE(fires(only_ar, "profanity.tr-am"));
  const Verdict two = engine().screen(text, "ar,en");
  CHECK(fires(two, "abuse.ar"));
  CHECK(fires(two, "profanity.en"));
}

TEST_CASE("right-to-left text with bidi controls is found Arabic and "
          "screened, the span in the original bytes", "[scope][arabic]") {
  const std::string text =
      "\u202B\u0627\u0646\u062A \u200F\u0627\u0644\u0643\u200F\u0644\u0628 "
      "\u0648\u0627\u0644\u0644\u0647\u202C";
  const Verdict v = engine().screen(text);
  CHECK(excerpt_of(v, text, "abuse.ar") ==
        "\u0627\u0644\u0643\u200F\u0644\u0628");
  CHECK_FALSE(fires(engine().screen("My dog is a good dog"), "abuse.ar"));
}

TEST_CASE("a comment with no letters is screened by every rule", "[scope]") {
  CHECK(engine().languages_of("!!! 123") == std::vector<std::string>{"*"});
}

TEST_CASE("scan --lang-field and check --lang pass the language on",
          "[scope][cli]") {
  TempDir dir;
  const auto rules = dir.write("rules.yaml", kRules);
  const auto scan = run_modfilter(
      "scan --lang-field language -r '" + rules.string() + "'",
      "{\"id\":1,\"text\":\"am\",\"language\":\"tr\"}\n"
      "{\"id\":2,\"text\":\"am\",\"language\":\"en\"}\n");
  CAPTURE(scan.out, scan.err);
  CHECK(scan.out.find("{\"id\":1,\"text\":\"am\",\"language\":\"tr\","
                      "\"verdict\":\"reject\"") != std::string::npos);
  CHECK(scan.out.find("{\"id\":2,\"text\":\"am\",\"language\":\"en\","
                      "\"verdict\":\"approve\"") != std::string::npos);
  CHECK(run_modfilter("check --lang tr -r '" + rules.string() + "' am")
            .exit_code == 1);
  CHECK(run_modfilter("check --lang en -r '" + rules.string() + "' am")
            .exit_code == 0);
}

TEST_CASE("modfilter test screens a scoped rule's tests as its languages",
          "[scope][cli]") {
  TempDir dir;
  const auto rules = dir.write("tr.yaml", R"(lang: [tr]
rules:
  - id: profanity.tr-am
    category: profanity
    reason: Profanity
    action: reject
    words: [am]
    tests:
      reject: ["am"]
      approve: ["amaç"]
)");
  const auto result = run_modfilter("test '" + rules.string() + "'");
  CAPTURE(result.out, result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("2 passed, 0 failed") != std::string::npos);
}
