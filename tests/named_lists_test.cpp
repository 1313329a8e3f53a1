// The default identity-abuse rules take their targets from the group lists
// of rules/lists/groups.yaml, and each family of targets reports its own
// subcategory (issue 18): one structure rule, a subcategory per target.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/support.h"

using namespace modfilter;

namespace {

const Engine& default_engine() {
  static const Engine engine = [] {
    auto loaded = Engine::load(testing::source_path("rules"));
    REQUIRE(loaded.has_value());
    return std::move(*loaded);
  }();
  return engine;
}

// "rule=subcategory" of each reason given by an identity structure rule.
std::vector<std::string> identity_reasons(const std::string& text) {
  const Verdict verdict = default_engine().screen(text, "en");
  std::vector<std::string> out;
  for (const Reason& reason : verdict.reasons) {
    if (reason.rule.starts_with("abuse.identity.")) {
      out.push_back(std::string(reason.rule) + "=" +
                    std::string(reason.subcategory));
    }
  }
  return out;
}

void check_every_reason_reports(const std::string& text,
                                const std::string& subcategory) {
  INFO(text);
  const auto reasons = identity_reasons(text);
  REQUIRE_FALSE(reasons.empty());
  for (const std::string& reason : reasons) {
    INFO(reason);
    CHECK(reason.substr(reason.find('=') + 1) == subcategory);
  }
}

}  // namespace

TEST_CASE("a structure rule aimed at women reports sexism",
          "[rules][named-lists]") {
  check_every_reason_reports("women are vermin", "sexism");
  check_every_reason_reports("girls are stupid and lazy", "sexism");
}

TEST_CASE("a structure rule aimed at gay or trans people reports homophobia",
          "[rules][named-lists]") {
  check_every_reason_reports("gays are vermin", "homophobia");
  check_every_reason_reports("trans people are freaks", "homophobia");
}

TEST_CASE("a structure rule aimed at immigrants or a religion reports "
          "xenophobia",
          "[rules][named-lists]") {
  check_every_reason_reports("immigrants can't be trusted", "xenophobia");
  check_every_reason_reports("muslims should be deported", "xenophobia");
}

TEST_CASE("a structure rule aimed at a racial group reports racism",
          "[rules][named-lists]") {
  check_every_reason_reports("black people are animals", "racism");
}

TEST_CASE("a structure rule aimed at disabled people reports what the "
          "ableism rules report",
          "[rules][named-lists]") {
  check_every_reason_reports("disabled people are parasites",
                             "personal_attack");
}
