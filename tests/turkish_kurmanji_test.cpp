// Turkish casing (İ -> i; I -> ı only in Turkish words) and the Latin
// letters of Turkish and Kurmanji meeting their ASCII stand-ins.
#include <catch2/catch.hpp>

#include "engine/normalize/normalize.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;

namespace {

std::string view_of(std::string_view text) {
  return default_normalizer().normalize_word(text);
}

}  // namespace

TEST_CASE("Turkish İ reads i; I reads ı only in a word with a Turkish letter",
          "[normalize][turkish]") {
  CHECK(view_of("\u0130STANBUL") == "istanbul");
  CHECK(view_of("SIKINTI\u011EI") == "s\u0131k\u0131nt\u0131g\u0131");
  CHECK(view_of("I KILL") == "i kill");          // English
  CHECK(view_of("SIKERIM") == "sikerim");        // Turkish on an English keyboard
  CHECK(view_of("s\u0131k s\u0131k") == "s\u0131k s\u0131k");  // ı stays
  CHECK(view_of("I am \u015F\u0131k") == "i am s\u0131k");
}

TEST_CASE("Turkish and Kurmanji letters meet their ASCII stand-ins",
          "[normalize][kurmanji]") {
  CHECK(view_of("\u00E7\u00EA\u00EE\u00FB\u015F") == "ceius");
  CHECK(view_of("\u00C7\u00CA\u00CE\u00DB\u015E") == "ceius");
  CHECK(view_of("g\u00F6t \u00FC\u011F") == "got ug");
}

TEST_CASE("Turkish and Kurmanji vocabulary matches either spelling, spans in "
          "the original bytes", "[screen][turkish][kurmanji]") {
  const Engine engine = engine_from_yaml(R"(rules:
  - id: profanity.tr
    category: profanity
    reason: Profanity
    action: reject
    words: [sik, piç]
    suffixes: [erim, im]
  - id: abuse.kmr
    category: abuse
    reason: Insult
    action: reject
    words: [kûçik]
)");
  struct Case {
    const char* text;
    const char* rule;
    const char* excerpt;
  };
  const Case cases[] = {
      {"SİKERİM seni", "profanity.tr", "SİKERİM"},
      {"sikerim", "profanity.tr", "sikerim"},
      {"PIÇ", "profanity.tr", "PIÇ"},
      {"pic", "profanity.tr", "pic"},
      {"tu kucik i", "abuse.kmr", "kucik"},
      {"tu KÛÇIK î", "abuse.kmr", "KÛÇIK"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::string text = c.text;
    CHECK(excerpt_of(engine.screen(text), text, c.rule) == c.excerpt);
  }
  // Dotless words stay other words: sık (often), and SIKIŞIK (crowded),
  // whose Ş makes its I dotless. (A word in capitals with no Turkish letter,
  // SIK, reads as sik: its writer may have meant either.)
  for (const char* text : {"s\u0131k s\u0131k gelir", "SIKI\u015EIK"}) {
    CAPTURE(text);
    CHECK(engine.screen(text).decision == Decision::kApprove);
  }
}
