// proclitics: and suffixes: on words of Arabic script and Turkish, and word
// boundaries between letters that are not ASCII.
#include <catch2/catch.hpp>

#include "engine/ruleset/loader.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;

namespace {

constexpr const char* kRules = R"(rules:
  - id: abuse.dog
    category: abuse
    reason: Insult
    action: reject
    words: [كلب]
    proclitics: [ال, و, وال]
    suffixes: [ه, ها, هم]
  - id: abuse.donkey
    category: abuse
    reason: Insult
    action: reject
    prefixes: [حمار]
    proclitics: [يا]
  - id: profanity.tr
    category: profanity
    reason: Profanity
    action: reject
    words: [sik, piç]
    suffixes: [im, in, iş, leri]
)";

const Engine& engine() {
  static const Engine e = engine_from_yaml(kRules);
  return e;
}

}  // namespace

TEST_CASE("proclitics: a word matches behind each listed attachment only",
          "[screen][affix]") {
  for (const char* text : {"كلب", "الكلب", "والكلب", "انت كلب!", "و كلب"}) {
    CAPTURE(text);
    CHECK(engine().screen(text).decision == Decision::kReject);
  }
  // بالكلب: ب is no listed attachment; مكلب and كلبة-like longer words are
  // other words.
  for (const char* text : {"بالكلب", "مكلب", "كلبي", "فالكلب", "كلاب"}) {
    CAPTURE(text);
    CHECK(engine().screen(text).decision == Decision::kApprove);
  }
}

TEST_CASE("proclitics and suffixes combine; the span covers the whole word",
          "[screen][affix]") {
  const std::string text = "يا والكلبهم هنا";
  const Verdict v = engine().screen(text);
  REQUIRE(v.decision == Decision::kReject);
  CHECK(excerpt_of(v, text, "abuse.dog") == "والكلبهم");
  const std::string prefixed = "ياحمارين";
  CHECK(excerpt_of(engine().screen(prefixed), prefixed, "abuse.donkey") ==
        "ياحمارين");
}

TEST_CASE("proclitics reach disguised words through the token index",
          "[screen][affix]") {
  // Stretched (3+ repeats) and tatweel-stretched forms.
  for (const char* text : {"والكلللللب", "الكـــلب", "الكلبببه"}) {
    CAPTURE(text);
    CHECK(engine().screen(text).decision == Decision::kReject);
  }
}

TEST_CASE("letters of any script are word characters: no match inside a "
          "longer word", "[screen][affix]") {
  // Turkish ı ş ğ ç ö ü are letters, not breaks.
  for (const char* text : {"sıkıldım", "şikayet", "sikıntı", "aşık", "pişman",
                           "Piçasso", "ısik", "kasık"}) {
    CAPTURE(text);
    CHECK(engine().screen(text).decision == Decision::kApprove);
  }
  for (const char* text : {"sikim", "PİÇ", "piçleri", "ne piç!"}) {
    CAPTURE(text);
    CHECK(engine().screen(text).decision == Decision::kReject);
  }
  const std::string text = "bu adam piçiş";
  CHECK(excerpt_of(engine().screen(text), text, "profanity.tr") == "piçiş");
}

TEST_CASE("a proclitic that is not letters is refused with its place",
          "[ruleset][affix]") {
  auto rules = load_rule_text(R"(rules:
  - id: abuse.test
    category: abuse
    reason: Insult
    action: reject
    words: [كلب]
    proclitics: ["و-ال"]
)",
                              "test.yaml");
  REQUIRE(rules.has_value());
  auto engine = Engine::from_rule_set(std::move(*rules));
  REQUIRE_FALSE(engine.has_value());
  const Error& e = engine.error().front();
  CHECK(e.file == "test.yaml");
  CHECK(e.line == 6);
  CHECK(e.rule_id == "abuse.test");
  CHECK(e.message.find("proclitic") != std::string::npos);
}
