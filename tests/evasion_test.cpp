#include <catch2/catch.hpp>

#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::excerpt_of;

namespace {

// The vocabulary as a rule author writes it: plain words, one prefix.
constexpr const char* kRules = R"(rules:
  - id: profanity.words
    category: profanity
    reason: Profanity
    action: reject
    words: [fuck, shit, cunt, ass, asshole, bullshit, dick, penis, arse, rapist, sex, cum, anal, tit, bitch, pussy, bastard, cialis]
    suffixes: [s, ing, ed]
    prefixes: [cock]
    allow: [cockpit, cocktail, cockburn]
)";

const Engine& engine() {
  static const Engine e = engine_from_yaml(kRules);
  return e;
}

// The comment is rejected, and the excerpt is the disguised word exactly
// as it was written.
void caught(const std::string& text, const std::string& disguised) {
  CAPTURE(text);
  const Verdict v = engine().screen(text);
  CHECK(v.decision == Decision::kReject);
  CHECK(excerpt_of(v, text, "profanity.words") == disguised);
}

void passes(const std::string& text) {
  CAPTURE(text);
  const Verdict v = engine().screen(text);
  CHECK(v.decision == Decision::kApprove);
}

}  // namespace

TEST_CASE("#5: every disguise is seen through, and the excerpt is the "
          "disguised text", "[evasion]") {
  SECTION("case") { caught("what the FuCk is this", "FuCk"); }
  SECTION("leetspeak") {
    caught("total sh1t today", "sh1t");
    caught("$hit happens", "$hit");
    caught("you @ss", "@ss");
    caught("such a b1tch", "b1tch");
    caught("5h17 weather", "5h17");
    caught("8ul1sh!7 again", "8ul1sh!7");
  }
  SECTION("masking with * # @ %") {
    caught("what the f*ck", "f*ck");
    caught("what the f**k", "f**k");
    caught("a c%nt move", "c%nt");
    caught("utter s***t", "s***t");
    caught("pure bullsh@t", "bullsh@t");
    caught("sh#t show", "sh#t");
  }
  SECTION("masking the tail of a word after three letters") {
    caught("what a fuc* day", "fuc*");
    caught("you asshol#", "asshol#");
    caught("stupid bitc**!", "bitc**");
    caught("shi# happens", "shi#");
  }
  SECTION("stretched letters") {
    caught("fuuuuuck that", "fuuuuuck");
    caught("shiiiit", "shiiiit");
    caught("what an asssss", "asssss");
  }
  SECTION("spaced or punctuated letters") {
    caught("f u c k this", "f u c k");
    caught("f.u.c.k this", "f.u.c.k");
    caught("f-u-c-k this", "f-u-c-k");
    caught("f _ u _ c _ k this", "f _ u _ c _ k");
  }
  SECTION("homoglyphs from other scripts") {
    caught("you \xd0\xb0ss", "\xd0\xb0ss");                 // Cyrillic a
    caught("\xd1\x95hit show", "\xd1\x95hit");              // Cyrillic dze
    caught("a d\xd1\x96\xd1\x81k move", "d\xd1\x96\xd1\x81k");
  }
  SECTION("fullwidth and compatibility forms") {
    caught("\xef\xbd\x86\xef\xbd\x95\xef\xbd\x83\xef\xbd\x8b off",
           "\xef\xbd\x86\xef\xbd\x95\xef\xbd\x83\xef\xbd\x8b");
  }
  SECTION("zero-width and format characters, soft hyphens") {
    caught("f\xe2\x80\x8bu\xe2\x80\x8b" "ck you", "f\xe2\x80\x8bu\xe2\x80\x8b" "ck");
    caught("bull\xc2\xadshit", "bull\xc2\xadshit");
    caught("s\xe2\x81\xa0hit", "s\xe2\x81\xa0hit");
  }
  SECTION("combining marks piled on letters") {
    caught("f\xcc\x81\xcc\x82u\xcc\x83" "ck it", "f\xcc\x81\xcc\x82u\xcc\x83" "ck");
  }
  SECTION("emoji or symbols between letters") {
    caught("fu\xf0\x9f\x94\xa5" "ck this", "fu\xf0\x9f\x94\xa5" "ck");
  }
  SECTION("combinations") {
    caught("F U U U C K", "F U U U C K");
    caught("PpPPu55y", "PpPPu55y");
    caught("B\xd0\x86TCHHHH", "B\xd0\x86TCHHHH");
  }
}

TEST_CASE("#5: words that merely contain a banned string are approved",
          "[evasion]") {
  for (const char* trap :
       {"Scunthorpe", "cockpit", "assassin", "classic", "Dickens", "shiitake",
        "therapist", "Sussex", "cocktail", "grasshopper", "document",
        "Penistone", "Arsenal", "specialist", "analysis", "Cockburn",
        "passage", "titan", "hancock", "scumbag tactics are analysed",
        "bassist", "cumulative", "Middlesex", "shitake", "peacock"}) {
    passes(std::string("I met the ") + trap + " on Tuesday.");
  }
  passes("Shiitake, cockpits and classics: an analysis of Sussex.");
}

TEST_CASE("#5: emphasis, hashtags and percentages are no masked tails",
          "[evasion]") {
  for (const char* text :
       {"wow*** great", "100% sure", "#hashtag", "*emphasis*", "**bold**"}) {
    passes(text);
  }
}

TEST_CASE("#5: prefixes match longer words only where the rule asks",
          "[evasion]") {
  caught("a cocksucker", "cocksucker");
  passes("the cockpit and a cocktail");  // allow: cancels the prefix
  passes("the cockpit# was cramped");      // ... also with a masked tail
}
