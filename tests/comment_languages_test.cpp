// The first pass of language detection (issue 7): a comment in Latin
// letters whose function words are English is English without CLD2; Turkish
// function words or letters, and rule sets scoped to Latin-script languages
// the first pass has no words for, leave the comment to CLD2.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "engine/lang/function_words.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;

namespace {

// "it" is Turkish for dog: an English comment must not meet this rule.
constexpr const char* kRules = R"(rules:
  - id: profanity.en
    category: profanity
    reason: Profanity
    action: reject
    lang: [en]
    words: [idiot]
  - id: abuse.tr
    category: abuse
    reason: Insult
    action: reject
    lang: [tr]
    words: [it, aptal]
    suffixes: [sin]
)";

const Engine& engine() {
  static const Engine e = engine_from_yaml(kRules);
  return e;
}

using Languages = std::vector<std::string>;

bool has(const Languages& languages, std::string_view code) {
  return std::ranges::find(languages, code) != languages.end();
}

}  // namespace

TEST_CASE("a Latin-script comment with English function words is English, "
          "and Turkish words in it stay silent", "[lang]") {
  const std::pair<std::string, std::string> cases[] = {
      {"you are an idiot, it is true", "idiot"},
      {"IDIOT. Don’t let it go", "IDIOT"},
      {"@USER @USER idiot it is https://t.co/x", "idiot"},
  };
  for (const auto& [text, excerpt] : cases) {
    CAPTURE(text);
    CHECK(engine().languages_of(text) == Languages{"en"});
    const Verdict v = engine().screen(text);
    CHECK(excerpt_of(v, text, "profanity.en") == excerpt);
    CHECK(excerpt_of(v, text, "abuse.tr").empty());
  }
}

TEST_CASE("Turkish typed without Turkish letters is left to CLD2 by its "
          "function words", "[lang]") {
  const std::string text = "sen bir aptalsin ve herkes bunu biliyor";
  CHECK(engine().languages_of(text) == Languages{"tr"});
  const Verdict v = engine().screen(text);
  CHECK(excerpt_of(v, text, "abuse.tr") == "aptalsin");
  // An English function word among Turkish ones does not make it English.
  const std::string mixed = "sen bir aptalsin ve herkes bunu biliyor, is that so";
  CHECK(has(engine().languages_of(mixed), "tr"));
  CHECK(excerpt_of(engine().screen(mixed), mixed, "abuse.tr") == "aptalsin");
}

TEST_CASE("a Turkish letter sends a comment to CLD2 and brings Turkish "
          "rules in", "[lang]") {
  const std::string text = "you are such an aptalsin, ılık";
  CHECK(has(engine().languages_of(text), "tr"));
  CHECK(excerpt_of(engine().screen(text), text, "abuse.tr") == "aptalsin");
}

TEST_CASE("a rule set scoped to a Latin-script language the first pass has "
          "no words for leaves every comment to CLD2", "[lang]") {
  const Engine german = engine_from_yaml(R"(rules:
  - id: profanity.en
    category: profanity
    reason: Profanity
    action: reject
    lang: [en]
    words: [idiot]
  - id: profanity.de
    category: profanity
    reason: Profanity
    action: reject
    lang: [de]
    words: [idiot]
)");
  // "so" is an English function word, and German besides.
  const std::string text = "Du bist so ein Idiot, und das weiss jeder hier";
  CHECK(german.languages_of(text) == Languages{"de"});
  const Verdict v = german.screen(text);
  CHECK(excerpt_of(v, text, "profanity.de") == "Idiot");
  CHECK(excerpt_of(v, text, "profanity.en").empty());
}

TEST_CASE("the caller's language still comes first", "[lang]") {
  const std::string text = "you are an idiot, it is true";
  CHECK(engine().languages_of(text, "tr") == Languages{"tr"});
  const Verdict v = engine().screen(text, "tr");
  CHECK(excerpt_of(v, text, "abuse.tr") == "it");
  CHECK(excerpt_of(v, text, "profanity.en").empty());
}

TEST_CASE("function words are counted per language, whatever the case, "
          "not in names and not when two languages share them", "[lang]") {
  const FunctionWordCounts english =
      count_function_words("The dog? YOU don’t know; it's over");
  CHECK(english.english == 6);  // the you don't know it's over
  CHECK(english.turkish == 0);
  const FunctionWordCounts turkish =
      count_function_words("Bu ne ya, çok iyi, sen de gel");
  CHECK(turkish.english == 0);
  CHECK(turkish.turkish == 7);  // bu ne ya çok iyi sen de
  const FunctionWordCounts kurmanji = count_function_words("ez ji te hez dikim");
  CHECK(kurmanji.kurmanji == 3);  // ez ji dikim
  // Shared words (it, am, o, her, we) and names count for no one.
  const FunctionWordCounts none = count_function_words(
      "it am o her we @the #you https://the.example/you www.you.example");
  CHECK(none.english == 0);
  CHECK(none.turkish == 0);
  CHECK(none.kurmanji == 0);
}

TEST_CASE("#18 - a broken byte counts for no script: a lead byte before "
          "ASCII is not read as a Turkish letter", "[lang]") {
  // 0xC5 then '_' is no character; read as two bytes of one (the old
  // two-byte decoder of lang/) it was ş, and brought Turkish rules in.
  const std::string text = "you are an idiot \xC5_ it is true";
  CHECK(engine().languages_of(text) == Languages{"en"});
  const Verdict v = engine().screen(text);
  CHECK(excerpt_of(v, text, "profanity.en") == "idiot");
  CHECK(excerpt_of(v, text, "abuse.tr").empty());
  // The letter itself, well formed, still does.
  const std::string turkish = "you are an idiot \xC5\x9F it is true";
  CHECK(has(engine().languages_of(turkish), "tr"));
}
