// The Arabizi view (`view: arabizi`): digits are letters there, spelt-two-
// ways letters meet, and spans map back to the original bytes.
#include <catch2/catch.hpp>

#include "engine/compiler/database_file.h"
#include "engine/normalize/arabizi_view.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;
using modfilter::testing::TempDir;

namespace {

constexpr const char* kRules = R"(rules:
  - id: abuse.arabizi
    category: abuse
    reason: Insult
    action: reject
    lang: [ar]
    view: arabizi
    words: [7mar, 5ara, kalb]
    proclitics: [el, ya]
  - id: profanity.en
    category: profanity
    reason: Profanity
    action: reject
    words: [hate]
)";

const Engine& engine() {
  static const Engine e = engine_from_yaml(kRules);
  return e;
}

}  // namespace

TEST_CASE("the Arabizi view keeps digits as letters and joins their "
          "spellings", "[normalize][arabizi]") {
  CHECK(normalize_arabizi_word("7MAAAR") == "7mar");
  CHECK(normalize_arabizi_word("5ara") == "khara");
  CHECK(normalize_arabizi_word("7'ara") == "khara");
  CHECK(normalize_arabizi_word("3'abi") == "ghabi");
  CHECK(normalize_arabizi_word("3\u2019abi") == "ghabi");
  CHECK(normalize_arabizi_word("ya, 3ars!!") == "ya 3ars ");
}

TEST_CASE("view: arabizi words match where leetspeak would read digits as "
          "letters", "[screen][arabizi]") {
  struct Case {
    const char* text;
    const char* excerpt;
  };
  const Case cases[] = {
      {"enta 7maaar", "7maaar"},
      {"ya 7'ara", "7'ara"},
      {"YA5ARA!", "YA5ARA"},
      {"inta elkalb", "elkalb"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::string text = c.text;
    CHECK(excerpt_of(engine().screen(text, "ar"), text, "abuse.arabizi") ==
          c.excerpt);
  }
  // 7mar is not "tmar" in leetspeak, and a longer word is another word.
  for (const char* text : {"tmar", "7mara2", "kalbi"}) {
    CAPTURE(text);
    CHECK(engine().screen(text, "ar").decision == Decision::kApprove);
  }
  // The canonical view still reads leetspeak for the other rules.
  CHECK(engine().screen("I h4te it").decision == Decision::kReject);
}

TEST_CASE("an Arabizi database saves and loads back", "[database][arabizi]") {
  TempDir dir;
  const auto path = dir.path() / "rules.mfdb";
  REQUIRE(engine().save(path).has_value());
  auto loaded = Engine::load(path);
  REQUIRE(loaded.has_value());
  const std::string text = "enta 7maaar";
  CHECK(excerpt_of(loaded->screen(text, "ar"), text, "abuse.arabizi") ==
        "7maaar");
}
