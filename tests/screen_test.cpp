#include <catch2/catch.hpp>

#include <thread>

#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;

namespace {

constexpr const char* kRules = R"(rules:
  - id: threat.kill-you
    category: threat
    reason: Threat of violence
    action: reject
    all:
      - words: [kill, shoot]
        suffixes: [ed, ing]
      - words: [you, your]
    near: 12
    ordered: true
  - id: profanity.shit
    category: profanity
    reason: Profanity
    action: reject
    words: [shit, bull shit]
    suffixes: [s, ty]
    prefixes: [cock]
    allow: [cockpit, cocktail]
  - id: abuse.idiot
    category: abuse
    subcategory: personal_attack
    reason: Personal attack
    action: review
    words: [idiot]
    unless:
      - words: [not an]
  - id: promotion.links
    category: promotion
    reason: Repeated links
    action: reject
    regex: '(?i)https?://\S+'
    min_count: 2
)";

const Engine& engine() {
  static const Engine e = engine_from_yaml(kRules);
  return e;
}

}  // namespace

TEST_CASE("a threat gets reject with its rule, category, span and excerpt",
          "[screen]") {
  const std::string text = "I will kill you";
  const Verdict v = engine().screen(text);
  CHECK(v.decision == Decision::kReject);
  REQUIRE(v.reasons.size() == 1);
  const Reason& r = v.reasons[0];
  CHECK(r.rule == "threat.kill-you");
  CHECK(r.category == "threat");
  CHECK(r.reason == "Threat of violence");
  CHECK(r.action == Decision::kReject);
  REQUIRE(r.spans.size() == 1);
  CHECK(r.spans[0] == ByteSpan{7, 15});
  CHECK(excerpt_of(v, text, "threat.kill-you") == "kill you");
  CHECK(v.ruleset == engine().id());
}

TEST_CASE("a clean comment is approved with no reasons", "[screen]") {
  const Verdict v = engine().screen("What a lovely day for a picnic.");
  CHECK(v.decision == Decision::kApprove);
  CHECK(v.reasons.empty());
}

TEST_CASE("all: needs every group, near: bounds the gap, ordered: the order",
          "[screen][policy]") {
  CHECK(engine().screen("kill you").decision == Decision::kReject);
  CHECK(engine().screen("they shooting your dog").decision == Decision::kReject);
  CHECK(engine().screen("kill the bill").decision == Decision::kApprove);
  CHECK(engine().screen("you should kill the process").decision ==
        Decision::kApprove);
  CHECK(engine().screen("kill them all, said nobody to you").decision ==
        Decision::kApprove);
}

TEST_CASE("words match whole words only; suffixes extend them",
          "[screen]") {
  CHECK(engine().screen("this is shit").decision == Decision::kReject);
  CHECK(engine().screen("shits and giggles").decision == Decision::kReject);
  CHECK(engine().screen("SHITTY weather").decision == Decision::kReject);
  CHECK(engine().screen("shiitake mushrooms").decision == Decision::kApprove);
  CHECK(engine().screen("ashit").decision == Decision::kApprove);
  CHECK(engine().screen("shitake").decision == Decision::kApprove);
  const std::string text = "what bull shit!";
  const Verdict v = engine().screen(text);
  CHECK(excerpt_of(v, text, "profanity.shit") == "bull shit");
}

TEST_CASE("prefixes match word starts; allow: cancels a hit inside an "
          "allowed word", "[screen][policy]") {
  const std::string text = "a cocksure cockroach";
  const Verdict v = engine().screen(text);
  REQUIRE(v.decision == Decision::kReject);
  REQUIRE(v.reasons[0].spans.size() == 2);
  CHECK(v.reasons[0].spans[0] == ByteSpan{2, 10});
  CHECK(engine().screen("the cockpit and a cocktail").decision ==
        Decision::kApprove);
  CHECK(engine().screen("peacock").decision == Decision::kApprove);
}

TEST_CASE("unless: cancels the rule", "[screen][policy]") {
  const Verdict v = engine().screen("you idiot");
  CHECK(v.decision == Decision::kReview);
  CHECK(v.reasons[0].subcategory == "personal_attack");
  CHECK(engine().screen("I am not an idiot").decision == Decision::kApprove);
}

TEST_CASE("min_count: fires only at the count; reject beats review",
          "[screen][policy]") {
  CHECK(engine().screen("see http://a.example").decision == Decision::kApprove);
  const std::string text = "idiot, see http://a.example and https://b.example";
  const Verdict v = engine().screen(text);
  CHECK(v.decision == Decision::kReject);
  REQUIRE(v.reasons.size() == 2);
  CHECK(v.reasons[0].rule == "abuse.idiot");
  CHECK(v.reasons[1].rule == "promotion.links");
  CHECK(v.reasons[1].spans.size() == 2);
  CHECK(excerpt_of(v, text, "promotion.links") == "http://a.example");
}

TEST_CASE("screening never fails: empty, binary, invalid UTF-8, 1 MB",
          "[screen]") {
  CHECK(engine().screen("").decision == Decision::kApprove);
  CHECK(engine().screen(std::string("\0\0\xff\xfe", 4)).decision ==
        Decision::kApprove);
  const std::string invalid = "\xc3(shit\xa0\xa1";
  const Verdict v = engine().screen(invalid);
  CHECK(v.decision == Decision::kReject);
  std::string big(1 << 20, 'a');
  for (std::size_t i = 0; i < big.size(); i += 7) big[i] = ' ';
  big.replace(big.size() / 2, 10, " kill you ");
  const Verdict bv = engine().screen(big);
  CHECK(bv.decision == Decision::kReject);
  CHECK(excerpt_of(bv, big, "threat.kill-you") == "kill you");
}

TEST_CASE("screen() gives the same verdicts from many threads at once",
          "[screen]") {
  const std::vector<std::string> texts = {"I will kill you", "nice day",
                                          "cockroach", "you idiot"};
  std::vector<Decision> expected;
  for (const auto& t : texts) expected.push_back(engine().screen(t).decision);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Verdict v;
      for (int i = 0; i < 2000; ++i) {
        const std::size_t k = static_cast<std::size_t>(i) % texts.size();
        engine().screen(texts[k], v);
        if (v.decision != expected[k]) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(mismatches == 0);
}
