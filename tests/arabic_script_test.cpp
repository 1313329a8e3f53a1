// Arabic-script normalisation: every folding step, with spans mapped back to
// the original bytes (diacritics, kashida and bidi controls included), and
// rule vocabulary folded the same way.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "engine/normalize/normalize.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;

namespace {

std::string view_of(std::string_view text) {
  return default_normalizer().normalize_word(text);
}

// The original bytes behind the first `needle` in the view of `text`.
std::string excerpt(std::string_view text, std::string_view needle) {
  NormalizedText normalized;
  default_normalizer().normalize(text, normalized);
  const std::size_t at = normalized.view().find(needle);
  REQUIRE(at != std::string_view::npos);
  const ByteSpan span =
      normalized.to_original({static_cast<std::uint32_t>(at),
                              static_cast<std::uint32_t>(at + needle.size())});
  return std::string(text.substr(span.begin, span.size()));
}

}  // namespace

TEST_CASE("Arabic harakat, tatweel and bidi controls vanish; the span keeps "
          "them", "[normalize][arabic]") {
  // كَلْبٌ with harakat, كـــلب with kashida.
  CHECK(view_of("\u0643\u064E\u0644\u0652\u0628\u064C") == "\u0643\u0644\u0628");
  CHECK(excerpt("\u064A\u0627 \u0643\u064E\u0644\u0652\u0628\u064C!",
                "\u0643\u0644\u0628") ==
        "\u0643\u064E\u0644\u0652\u0628\u064C");
  CHECK(excerpt("\u0627\u0646\u062A \u0643\u0640\u0640\u0640\u0644\u0628",
                "\u0643\u0644\u0628") == "\u0643\u0640\u0640\u0640\u0644\u0628");
  // RLM, LRM, RLE...PDF, isolates and the Arabic letter mark inside a word.
  for (const char* control : {"\u200F", "\u200E", "\u202B", "\u202C", "\u2067",
                              "\u2069", "\u061C"}) {
    const std::string text = std::string("\u0643") + control + "\u0644\u0628";
    CAPTURE(text);
    CHECK(view_of(text) == "\u0643\u0644\u0628");
    CHECK(excerpt(text, "\u0643\u0644\u0628") == text);
  }
}

TEST_CASE("Alef variants, teh marbuta, alef maksura, kaf and yeh fold",
          "[normalize][arabic]") {
  const std::string alef = "\u0627";
  for (const char* variant : {"\u0623", "\u0625", "\u0622", "\u0671"}) {
    CAPTURE(variant);
    CHECK(view_of(std::string(variant) + "\u062D\u0645\u0642") ==
          alef + "\u062D\u0645\u0642");
  }
  CHECK(view_of("\u062D\u0642\u064A\u0631\u0629") ==
        "\u062D\u0642\u064A\u0631\u0647");                      // ة -> ه
  CHECK(view_of("\u0645\u0633\u062A\u0634\u0641\u0649") ==
        "\u0645\u0633\u062A\u0634\u0641\u064A");                // ى -> ي
  CHECK(view_of("\u06A9\u062B\u06CC\u0641") ==
        "\u0643\u062B\u064A\u0641");                            // ک ی -> ك ي
  CHECK(view_of("\u062E\u0627\u0646\u06C0") ==
        "\u062E\u0627\u0646\u0647");                            // ۀ -> ه
  CHECK(excerpt("x \u0623\u062D\u0645\u0642\u0629 y",
                "\u0627\u062D\u0645\u0642\u0647") ==
        "\u0623\u062D\u0645\u0642\u0629");
}

TEST_CASE("Arabic-Indic and Persian digits become ASCII digits, never leet",
          "[normalize][arabic]") {
  CHECK(view_of("\u0660\u0667\u0669\u0661\u0662\u0663") == "079123");
  CHECK(view_of("\u06F0\u06F9\u06F1\u06F2") == "0912");
  // A digit inside an Arabic word stays a digit (ASCII 3 would read as e).
  CHECK(view_of("\u0643\u0663\u0644\u0628") == "\u06433\u0644\u0628");
  CHECK(excerpt("\u0631\u0642\u0645 \u0660\u0667\u0669", "079") ==
        "\u0660\u0667\u0669");
}

TEST_CASE("A zero-width non-joiner inside a Persian word joins its parts",
          "[normalize][persian]") {
  // می‌خواهم with ZWNJ and میخواهم without give one view.
  CHECK(view_of("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645") ==
        view_of("\u0645\u06CC\u062E\u0648\u0627\u0647\u0645"));
  CHECK(excerpt("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
                view_of("\u0645\u06CC\u062E\u0648\u0627\u0647\u0645")) ==
        "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645");
}

TEST_CASE("Letters repeated 3+ times for emphasis collapse",
          "[normalize][arabic]") {
  CHECK(view_of("\u0643\u0644\u0628\u0628\u0628\u0628") == "\u0643\u0644\u0628");
  // Two in a row are spelling.
  CHECK(view_of("\u0645\u062F\u062F") == "\u0645\u062F\u062F");
}

TEST_CASE("Rule vocabulary in natural spelling matches every disguised "
          "form, with spans in the original bytes", "[screen][arabic]") {
  const Engine engine = engine_from_yaml(R"(rules:
  - id: abuse.stupid
    category: abuse
    reason: Insult
    action: reject
    words: [أحمق, حقيرة]
    proclitics: [ال, يا]
  - id: abuse.fa
    category: abuse
    reason: Insult
    action: reject
    words: [بی‌شعور]
  - id: promotion.phone
    category: promotion
    reason: Phone number
    action: reject
    regex: '\b07\d{8}\b'
    view: normalized
)");
  struct Case {
    const char* text;
    const char* rule;
    const char* excerpt;
  };
  const Case cases[] = {
      {"\u0627\u0646\u062A \u0627\u062D\u0645\u0642", "abuse.stupid",
       "\u0627\u062D\u0645\u0642"},
      {"\u200F\u064A\u0627 \u0627\u0644\u0623\u062D\u0652\u0645\u064E\u0642\u064F!",
       "abuse.stupid", "\u0627\u0644\u0623\u062D\u0652\u0645\u064E\u0642\u064F"},
      {"\u064A\u0627\u062D\u0640\u0640\u0642\u064A\u0631\u0647", "abuse.stupid",
       "\u064A\u0627\u062D\u0640\u0640\u0642\u064A\u0631\u0647"},
      {"\u062A\u0648 \u0628\u06CC\u0634\u0639\u0648\u0631\u06CC", "", ""},
      {"\u062A\u0648 \u0628\u064A\u200C\u0634\u0639\u0648\u0631", "abuse.fa",
       "\u0628\u064A\u200C\u0634\u0639\u0648\u0631"},
      {"\u062A\u0648 \u0628\u06CC\u0634\u0639\u0648\u0631", "abuse.fa",
       "\u0628\u06CC\u0634\u0639\u0648\u0631"},
      {"\u0627\u062A\u0635\u0644 \u0660\u0667\u0669\u0661\u0662\u0663\u0664"
       "\u0665\u0666\u0667",
       "promotion.phone",
       "\u0660\u0667\u0669\u0661\u0662\u0663\u0664\u0665\u0666\u0667"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::string text = c.text;
    const Verdict v = engine.screen(text);
    if (std::string(c.rule).empty()) {
      CHECK(v.decision == Decision::kApprove);
      continue;
    }
    CHECK(excerpt_of(v, text, c.rule) == c.excerpt);
  }
}
