// The canonical view: every disguise it undoes, what it must leave alone,
// and the offset map back to the original bytes.
#include "engine/normalize/normalize.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/normalize/ascii_pass.h"
#include "engine/normalize/ascii_view.h"
#include "engine/normalize/code_point_pass.h"
#include "engine/normalize/reference_path.h"
#include "engine/normalize/token_pass.h"
#include "engine/normalize/view_writer.h"

namespace modfilter {
namespace {

std::string view_of(std::string_view text) {
  NormalizedText normalized;
  default_normalizer().normalize(text, normalized);
  return std::string(normalized.view());
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

std::vector<std::string> flagged(std::string_view text) {
  NormalizedText normalized;
  default_normalizer().normalize(text, normalized);
  std::vector<std::string> tokens;
  for (const ByteSpan& span : normalized.flagged_tokens()) {
    tokens.emplace_back(normalized.view().substr(span.begin, span.size()));
  }
  return tokens;
}

// The OR of the transform bits recorded over the view of `text`.
std::uint16_t transforms_of(std::string_view text) {
  NormalizedText normalized;
  default_normalizer().normalize(text, normalized, {.record_transforms = true});
  std::uint16_t all = 0;
  for (std::size_t i = 0; i < normalized.view().size(); ++i) {
    all |= normalized.transforms(i);
  }
  return all;
}

// What the full path (stage A and B, without the ASCII fast path) says.
bool full_path_identity(std::string_view text) {
  std::vector<Unit> units;
  NormalizedText normalized;
  const DecodeResult decoded = decode_units(text, units);
  ViewWriter writer(normalized, text, false);
  write_view(units, decoded.symbols, writer);
  writer.finish(decoded.ascii);
  return normalized.is_identity();
}

// Offsets are monotonic, inside the original, and never empty.
void check_offsets(std::string_view text) {
  NormalizedText normalized;
  default_normalizer().normalize(text, normalized, {.record_transforms = true});
  const std::string_view view = normalized.view();
  REQUIRE(normalized.original_size() == text.size());
  ByteSpan previous;
  for (std::uint32_t i = 0; i < view.size(); ++i) {
    const ByteSpan span = normalized.to_original({i, i + 1});
    REQUIRE(span.begin < span.end);
    REQUIRE(span.end <= text.size());
    REQUIRE(span.begin >= previous.begin);
    REQUIRE(span.end >= previous.end);
    previous = span;
  }
  if (!view.empty()) {
    const ByteSpan whole =
        normalized.to_original({0, static_cast<std::uint32_t>(view.size())});
    REQUIRE(whole.end <= text.size());
  }
  std::uint32_t token_end = 0;
  for (const ByteSpan& token : normalized.flagged_tokens()) {
    REQUIRE(token.begin >= token_end);
    REQUIRE(token.begin < token.end);
    REQUIRE(token.end <= view.size());
    token_end = token.end;
  }
}

// Everything a NormalizedText says, for comparing two of them.
struct Observed {
  bool identity = false;
  std::string view;
  std::size_t original_size = 0;
  std::vector<ByteSpan> offsets;  // to_original of each view byte
  std::vector<ByteSpan> flagged;
  std::vector<std::uint16_t> transforms;  // one past the view too

  friend bool operator==(const Observed&, const Observed&) = default;
};

Observed observe(const NormalizedText& normalized) {
  Observed observed;
  observed.identity = normalized.is_identity();
  observed.view = normalized.view();
  observed.original_size = normalized.original_size();
  for (std::uint32_t i = 0; i < normalized.view().size(); ++i) {
    observed.offsets.push_back(normalized.to_original({i, i + 1}));
  }
  for (std::uint32_t i = 0; i <= normalized.view().size(); ++i) {
    observed.transforms.push_back(normalized.transforms(i));
  }
  observed.flagged.assign(normalized.flagged_tokens().begin(),
                          normalized.flagged_tokens().end());
  return observed;
}

// The ASCII fast path, alone and behind normalize(), against the general
// path, with transforms recorded and not.
void check_fast_path_matches_general(const std::string& text) {
  INFO(text);
  for (const bool record : {false, true}) {
    const NormalizeOptions options{.record_transforms = record};
    NormalizedText general;
    normalize_general(text, general, options);
    NormalizedText fast;
    normalize_ascii(text, fast, options);
    NormalizedText full;
    default_normalizer().normalize(text, full, options);
    INFO("record_transforms " << record << ", general view: "
                              << general.view());
    REQUIRE(observe(fast) == observe(general));
    REQUIRE(observe(full) == observe(general));
  }
}

}  // namespace

TEST_CASE(
    "Plain ASCII text that needs no change is its own view, without a copy",
    "[normalize]") {
  for (const std::string text :
       {"Hello World, this is Fine.", "SHOUTING IS ALLOWED", "shit!", "hey!!",
        "2015 $5 !!!", "#hashtag *emphasis*", "I'm a big fan", "pi is 3.14",
        "ass boobs", "a b", "call 1-800-555"}) {
    NormalizedText normalized;
    default_normalizer().normalize(text, normalized);
    INFO(text);
    CHECK(normalized.is_identity());
    CHECK(normalized.view().data() == text.data());
    CHECK(normalized.view().size() == text.size());
    CHECK(normalized.flagged_tokens().empty());
    CHECK(normalized.to_original({1, 3}) == ByteSpan{1, 3});
  }
}

TEST_CASE("Any change makes a copy of the whole text in lower case",
          "[normalize]") {
  NormalizedText normalized;
  const std::string text = "Hello  World";
  default_normalizer().normalize(text, normalized);
  CHECK_FALSE(normalized.is_identity());
  CHECK(normalized.view() == "hello world");
  CHECK(view_of("YOU are a F00L") == "you are a fool");
}

TEST_CASE("Empty text has an empty identity view", "[normalize]") {
  NormalizedText normalized;
  default_normalizer().normalize("", normalized);
  CHECK(normalized.view().empty());
  CHECK(normalized.is_identity());
  CHECK(normalized.flagged_tokens().empty());
}

TEST_CASE("Whitespace runs and other spaces become one space", "[normalize]") {
  CHECK(view_of("one  two") == "one two");
  CHECK(view_of("one\ttwo\r\nthree\n\n four") == "one two three four");
  CHECK(view_of("one\u00A0two\u3000three\u2028four") == "one two three four");
  CHECK(view_of(" lead and trail\t") == " lead and trail ");
  CHECK((transforms_of("one \t two") & kTransformSpace) != 0);
  CHECK(excerpt("one \t two", " ") == " \t ");
}

TEST_CASE("Three or more spaced-out letters join into one word",
          "[normalize]") {
  CHECK(view_of("f u c k this") == "fuck this");
  CHECK(view_of("f.u.c.k") == "fuck");
  CHECK(view_of("f-u-c-k") == "fuck");
  CHECK(view_of("f _ u _ c _ k") == "fuck");
  CHECK(view_of("f. u. c. k") == "fuck");
  CHECK(view_of("b . a . s . t . a . r . d") == "bastard");
  CHECK(view_of("say s h 1 t now") == "say shit now");
  CHECK(view_of("W A N K E R") == "wanker");
  CHECK(view_of("f\u00A0u\u00A0c\u00A0k") == "fuck");
  CHECK(flagged("what f u c k") == std::vector<std::string>{"fuck"});
  CHECK((transforms_of("f u c k") & kTransformSpacing) != 0);
}

TEST_CASE("Apostrophes, pairs of letters and digits alone are not spacing",
          "[normalize]") {
  CHECK(view_of("I'm a b") == "I'm a b");
  CHECK(view_of("I’m a b") == "i'm a b");
  CHECK(view_of("the U.S. army") == "the U.S. army");
  CHECK(view_of("1 2 3 go") == "1 2 3 go");
  // Tight gaps are masking; the space between two masked words joins nothing.
  CHECK(view_of("f**k s***t") == "f*k s*t");
}

TEST_CASE("Leetspeak is read inside words that have a letter", "[normalize]") {
  CHECK(view_of("8!7ch") == "bitch");
  CHECK(view_of("5h17") == "shit");
  CHECK(view_of("8u11sh!7") == "buiishit");
  CHECK(view_of("8ul1sh!7") == "bulishit");
  CHECK(view_of("h3ll0") == "hello");
  CHECK(view_of("@ss") == "ass");
  CHECK(view_of("a$$") == "ass");
  CHECK(view_of("$h!t") == "shit");
  CHECK(view_of("n1994") == "nigga");
  CHECK((transforms_of("h3ll0") & kTransformLeet) != 0);
}

TEST_CASE("Leet symbols that end a word stay punctuation", "[normalize]") {
  CHECK(view_of("sh1t!") == "shit!");
  CHECK(view_of("h3y!!") == "hey!!");
  CHECK(view_of("h3y|") == "hey|");
  CHECK(view_of("m4il@") == "mail@");
}

TEST_CASE("Words without a letter are no leetspeak", "[normalize]") {
  CHECK(view_of("in 2015 for $5 !!! x") == "in 2015 for $5 !!! x");
  CHECK(view_of("3.14 and 1,000") == "3.14 and 1,000");
  CHECK(view_of("Sh1t costs $5.99") == "shit costs $5.99");
}

TEST_CASE("Masking runs between letters of a word become one star",
          "[normalize]") {
  CHECK(view_of("f**k") == "f*k");
  CHECK(view_of("s***t") == "s*t");
  CHECK(view_of("c%nt") == "c*nt");
  CHECK(view_of("sh#t") == "sh*t");
  CHECK(view_of("f*ck") == "f*ck");
  CHECK(view_of("F*CK off") == "f*ck off");
  CHECK((transforms_of("f**k") & kTransformMask) != 0);
  CHECK(excerpt("what f#%*k", "f*k") == "f#%*k");
}

TEST_CASE("A masking run ending a word after three letters masks its tail",
          "[normalize]") {
  CHECK(view_of("you asshol#") == "you asshol*");
  CHECK(view_of("what a fuc* day") == "what a fuc* day");
  CHECK(view_of("BITC** please") == "bitc* please");
  CHECK(view_of("shi#, really") == "shi*, really");
  CHECK(flagged("you asshol# and fuc*!") ==
        std::vector<std::string>{"asshol*", "fuc*"});
  CHECK(flagged("bitc**") == std::vector<std::string>{"bitc*"});
  CHECK((transforms_of("fuc*") & kTransformMask) != 0);
  CHECK(excerpt("you asshol#%* now", "asshol*") == "asshol#%*");
  CHECK(excerpt("you asshol#%* now", "*") == "#%*");
  // Emphasis, hashtags, numbers and short words keep their marks.
  CHECK(view_of("*emphasis* **bold** #hashtag 100% ab* x#") ==
        "*emphasis* **bold** #hashtag 100% ab* x#");
  CHECK(flagged("*emphasis* **bold** #hashtag 100% ab*").empty());
}

TEST_CASE("A dot inside a word is no mask: abbreviations stay words",
          "[normalize]") {
  CHECK(view_of("P.S") == "P.S");
  CHECK(view_of("i.e") == "i.e");
  CHECK(view_of("She.s right") == "She.s right");
  CHECK(view_of("f.u.c.k") == "fuck");
}

TEST_CASE("A star or hash outside a word stays as it is", "[normalize]") {
  CHECK(view_of("#hashtag *emphasis* **bold** 100%") ==
        "#hashtag *emphasis* **bold** 100%");
  CHECK(view_of("#Hashtag *Emphasis* sh1t") == "#hashtag *emphasis* shit");
}

TEST_CASE("Runs of three or more equal letters collapse to one",
          "[normalize]") {
  CHECK(view_of("fuuuuuck") == "fuck");
  CHECK(view_of("DIII!I!CK") == "dick");
  CHECK(view_of("PpPPu55y") == "pussy");
  CHECK(view_of("WHORRRR3") == "whore");
  CHECK(view_of("fUCKKKkkk") == "fuck");
  CHECK(view_of("b\u200Bi\u200Bi\u200Bi\u200Btch") == "bitch");
  CHECK((transforms_of("fuuuck") & kTransformStretch) != 0);
  CHECK(excerpt("so fuuuuuck", "u") == "uuuuu");
}

TEST_CASE("Doubled letters and digit runs are not stretching", "[normalize]") {
  CHECK(view_of("ass boobs") == "ass boobs");
  CHECK(view_of("Ass Boobs") == "Ass Boobs");
  CHECK(view_of("1000 sh1t") == "1000 shit");
}

TEST_CASE(
    "Flagged tokens are the whole words leet, masking, stretching or "
    "spacing changed",
    "[normalize]") {
  CHECK(flagged("you f**king 8!7ch!") ==
        std::vector<std::string>{"f*king", "bitch"});
  CHECK(flagged("so fuuuck, f u c k and sh1t's") ==
        std::vector<std::string>{"fuck", "fuck", "shit"});
  CHECK(flagged("Hello  WORLD").empty());
  CHECK(flagged("ＦＵＣＫ dісk").empty());
}

TEST_CASE("Normalisation does not invent words", "[normalize]") {
  const std::string text = "Scunthorpe cockpit assassin classic shiitake";
  NormalizedText normalized;
  default_normalizer().normalize(text, normalized);
  CHECK(normalized.is_identity());
  CHECK(view_of("Scunthorpe cockpit assassin classic shiitake\n") ==
        "scunthorpe cockpit assassin classic shiitake ");
  for (const char* word : {"Scunthorpe", "cockpit", "assassin", "classic",
                           "shiitake", "Cockburn"}) {
    std::string lower = word;
    for (char& c : lower) c = static_cast<char>(c | 0x20);
    CHECK(default_normalizer().normalize_word(word) == lower);
  }
}

TEST_CASE("Zero-width and format characters vanish", "[normalize]") {
  CHECK(view_of("f\u200Bu\u200Cc\u200Dk") == "fuck");
  CHECK(view_of("sh\u2060it \uFEFFnow") == "shit now");
  CHECK(view_of("bu\u00ADllshit") == "bullshit");
  CHECK(view_of("cu\u200Ent\u202E") == "cunt");
  CHECK(view_of("ki\uFE0Fll") == "kill");
  CHECK(view_of("s\U000E0041lut") == "slut");
  CHECK((transforms_of("f\u200Buck") & kTransformInvisible) != 0);
}

TEST_CASE("Combining marks vanish after canonical decomposition",
          "[normalize]") {
  CHECK(view_of("f\u00FCck") == "fuck");
  CHECK(view_of("fu\u0308ck") == "fuck");
  CHECK(view_of("C\u00C4f\u00C9") == "cafe");
  CHECK(view_of("z\u0337\u0322a\u0335l\u0334g\u0338o\u0336 text") ==
        "zalgo text");
  CHECK(view_of("r\u0336e\u0336t\u0336a\u0336r\u0336d\u0336") == "retard");
  CHECK(view_of("\u0130stanbul") == "istanbul");
  CHECK((transforms_of("f\u00FCck") & kTransformMarks) != 0);
}

TEST_CASE("Compatibility forms fold to plain letters", "[normalize]") {
  CHECK(view_of("\uFF46\uFF55\uFF43\uFF4B") == "fuck");
  CHECK(view_of("\uFF26\uFF35\uFF23\uFF2B") == "fuck");
  CHECK(view_of("\uFB01ne \uFB00") == "fine ff");
  CHECK(view_of("\U0001D41F\U0001D42E\U0001D41C\U0001D424") == "fuck");
  CHECK(view_of("\u24D5\u24E4\u24D2\u24DA") == "fuck");
  CHECK(view_of("\uFF53\uFF48\uFF11\uFF54") == "shit");
  CHECK((transforms_of("\uFF46uck") & kTransformCompat) != 0);
}

TEST_CASE("Letters of other scripts are case folded and kept as UTF-8",
          "[normalize]") {
  CHECK(view_of("\u039A\u0391\u039B\u0397\u039C\u0395\u03A1\u0391") ==
        "\u03BA\u03B1\u03BB\u03B7\u03BC\u03B5\u03C1\u03B1");
  CHECK(view_of("\u041F\u0420\u0418\u0412\u0415\u0422") ==
        "\u043F\u0440\u0438\u0432\u0435\u0442");
  CHECK(view_of("\u0645\u0631\u062D\u0628\u0627 world") ==
        "\u0645\u0631\u062D\u0628\u0627 world");
  CHECK(view_of("g\u00FCzel \u0131\u015F\u0131k") == "guzel \u0131s\u0131k");
  CHECK((transforms_of("\u041F\u0420\u0418") & kTransformCase) != 0);
}

TEST_CASE("Arabic script folds tatweel and keyboard variants of letters",
          "[normalize]") {
  CHECK(view_of("\u0643\u0640\u0640\u0640\u0644\u0628") ==
        "\u0643\u0644\u0628");
  CHECK(view_of("\u06CC\u06A9") == "\u064A\u0643");
  CHECK(view_of("\u0649") == "\u064A");
  CHECK((transforms_of("\u06CC\u06A9") & kTransformScript) != 0);
}

TEST_CASE(
    "Lookalike letters of other scripts read as Latin in words that "
    "mix scripts or have only lookalikes",
    "[normalize]") {
  CHECK(view_of("\u0430ss") == "ass");            // Cyrillic а
  CHECK(view_of("d\u0456\u0441k") == "dick");     // Cyrillic і с
  CHECK(view_of("\u0455\u0435\u0445") == "sex");  // all Cyrillic
  CHECK(view_of("\u0421\u041E\u0421\u041A") ==
        "cock");  // all Cyrillic, capitals
  CHECK(view_of("\u0441\u043E\u0441\u043A") == "cock");
  CHECK(view_of("g\u03BF\u03BFd") == "good");  // Greek ο
  CHECK(view_of("\u03A5ES") == "yes");         // Greek Υ
  CHECK(view_of("\u0570ello") == "hello");     // Armenian հ
  CHECK(view_of("\u13A0ick") == "dick");       // Cherokee Ꭰ
  CHECK(view_of("\u0441\u0443\u0443\u0443nt") == "cynt");
  CHECK((transforms_of("\u0430ss") & kTransformHomoglyph) != 0);
}

TEST_CASE(
    "Words of other scripts with letters that look like nothing Latin "
    "stay as they are",
    "[normalize]") {
  // Russian: п, и, л look like no Latin letter.
  CHECK(view_of("\u043F\u0440\u0438\u0432\u0435\u0442") ==
        "\u043F\u0440\u0438\u0432\u0435\u0442");
  CHECK(view_of("\u0441\u043B\u043E\u0432\u043E") ==
        "\u0441\u043B\u043E\u0432\u043E");
  // Arabic alef and heh have Latin skeletons (l, o) but are never mapped.
  CHECK(view_of("\u0627\u0647") == "\u0627\u0647");
  CHECK(view_of("\u05E1\u05D5\u05E1") == "\u05E1\u05D5\u05E1");  // Hebrew
  CHECK(view_of("\u53E3") == "\u53E3");                          // CJK
}

TEST_CASE("Typographic punctuation becomes its ASCII twin or a space",
          "[normalize]") {
  CHECK(view_of("I\u2019m here") == "i'm here");
  CHECK(view_of("well\u2014ok") == "well-ok");
  CHECK(view_of("\u00ABword\u00BB") == " word ");
  CHECK(view_of("one\u3002two") == "one two");
}

TEST_CASE("Emoji and symbols vanish inside a word and separate words elsewhere",
          "[normalize]") {
  CHECK(view_of("fu\U0001F525ck") == "fuck");
  CHECK(view_of("f\U0001F525u\U0001F525c\U0001F525k") == "fuck");
  CHECK(view_of("sh\U0001F44D\U0001F3FD1t") == "shit");
  CHECK(view_of("love it \U0001F525\U0001F525 now") == "love it now");
  CHECK(view_of("\U0001F525fuck\U0001F525") == " fuck ");
  CHECK(view_of("12\u260513") == "12 13");
  CHECK((transforms_of("fu\U0001F525ck") & kTransformSymbol) != 0);
  CHECK(excerpt("a fu\U0001F525ck", "fuck") == "fu\U0001F525ck");
}

TEST_CASE("Invalid UTF-8 bytes are dropped one by one", "[normalize]") {
  CHECK(view_of("fu\xFF"
                "ck") == "fuck");
  CHECK(excerpt("a fu\xFF"
                "ck",
                "fuck") ==
        "fu\xFF"
        "ck");
  CHECK(view_of("\x80\xC3\xA9t\xC3\xA9") == "ete");
  CHECK(view_of("ok \xC0\xAF \xED\xA0\x80 \xF4\x90\x80\x80 x") == "ok x");
  CHECK(view_of("end \xE2\x82") == "end ");
  CHECK(view_of("\xF0\x9F") == "");
  CHECK((transforms_of("fu\xFF"
                       "ck") &
         kTransformInvalid) != 0);
}

TEST_CASE(
    "Text of only combining marks or zero-width characters has an empty "
    "view",
    "[normalize]") {
  NormalizedText normalized;
  default_normalizer().normalize("\u0301\u0302\u0303\u0489", normalized);
  CHECK(normalized.view().empty());
  CHECK_FALSE(normalized.is_identity());
  default_normalizer().normalize("\u200B\u200C\u200D\uFEFF\u2060", normalized);
  CHECK(normalized.view().empty());
  CHECK(normalized.flagged_tokens().empty());
}

TEST_CASE("An excerpt through to_original is the disguised original",
          "[normalize]") {
  CHECK(excerpt("you f\u200Bu\u200Bc\u200Bk", "fuck") ==
        "f\u200Bu\u200Bc\u200Bk");
  CHECK(excerpt("you f\u200Bu\u200Bc\u200Bk off", "you fuck") ==
        "you f\u200Bu\u200Bc\u200Bk");
  CHECK(excerpt("what f u c k", "fuck") == "f u c k");
  CHECK(excerpt("so \uFF46\uFF55\uFF43\uFF4B!", "fuck") ==
        "\uFF46\uFF55\uFF43\uFF4B");
  CHECK(excerpt("a F\u0337U\u0335C\u0338K\u0336 b", "fuck") ==
        "F\u0337U\u0335C\u0338K\u0336");
  CHECK(excerpt("x DIII!I!CK!", "dick") == "DIII!I!CK");
  CHECK(excerpt("x d\u0456\u0441k y", "dick") == "d\u0456\u0441k");
}

TEST_CASE("Every byte made from one source character maps to all of it",
          "[normalize]") {
  NormalizedText normalized;
  default_normalizer().normalize("\uFB01", normalized);
  REQUIRE(normalized.view() == "fi");
  CHECK(normalized.to_original({0, 1}) == ByteSpan{0, 3});
  CHECK(normalized.to_original({1, 2}) == ByteSpan{0, 3});
  default_normalizer().normalize("\u0410\u0411", normalized);
  REQUIRE(normalized.view() == "\u0430\u0431");
  CHECK(normalized.to_original({0, 1}) == ByteSpan{0, 2});
  CHECK(normalized.to_original({1, 2}) == ByteSpan{0, 2});
  CHECK(normalized.to_original({2, 4}) == ByteSpan{2, 4});
}

TEST_CASE("Transforms are recorded per view byte only on request",
          "[normalize]") {
  NormalizedText normalized;
  default_normalizer().normalize("Sh1t", normalized);
  CHECK(normalized.transforms(2) == 0);
  default_normalizer().normalize("Sh1t", normalized,
                                 {.record_transforms = true});
  REQUIRE(normalized.view() == "shit");
  CHECK(normalized.transforms(0) == kTransformCase);
  CHECK(normalized.transforms(1) == kTransformNone);
  CHECK(normalized.transforms(2) == kTransformLeet);
  CHECK(normalized.transforms(99) == 0);
}

TEST_CASE("normalize_word gives the lower-cased view of a word",
          "[normalize]") {
  const Normalizer& normalizer = default_normalizer();
  CHECK(normalizer.normalize_word("Bitch") == "bitch");
  CHECK(normalizer.normalize_word("SH1T") == "shit");
  CHECK(normalizer.normalize_word("son of a bitch") == "son of a bitch");
  CHECK(normalizer.normalize_word("\uFF26uck") == "fuck");
  CHECK(normalizer.normalize_word("") == "");
}

TEST_CASE("token_key collapses repeated characters and reads l as i",
          "[normalize]") {
  CHECK(token_key("bullshit") == "buishit");
  CHECK(token_key("buiishit") == "buishit");
  CHECK(token_key("bulishit") == "buishit");
  CHECK(token_key("as") == "as");
  CHECK(token_key("ass") == "as");
  CHECK(token_key("f*k") == "f*k");
  CHECK(token_key("Kill") == "ki");
  CHECK(token_key("\u0438\u0438\u0439") == "\u0438\u0439");
  CHECK(token_key("") == "");
}

TEST_CASE("The output buffers are reused from one text to the next",
          "[normalize]") {
  NormalizedText normalized;
  const Normalizer& normalizer = default_normalizer();
  normalizer.normalize("First  text, long enough to live on the heap",
                       normalized);
  const char* buffer = normalized.view().data();
  normalizer.normalize("plain text", normalized);
  CHECK(normalized.is_identity());
  normalizer.normalize("Other  text, long enough to live on the heap",
                       normalized);
  CHECK(normalized.view() == "other text, long enough to live on the heap");
  CHECK(normalized.view().data() == buffer);
  CHECK(normalized.flagged_tokens().empty());
}

TEST_CASE("A copied or moved NormalizedText keeps its own view",
          "[normalize]") {
  std::vector<NormalizedText> texts;
  for (const char* text : {"Sh1t", "A  B", "plain", "\u0430ss"}) {
    texts.emplace_back();
    default_normalizer().normalize(text, texts.back());
  }
  const NormalizedText copy = texts[0];
  texts[0] = NormalizedText();
  CHECK(copy.view() == "shit");
  CHECK(texts[1].view() == "a b");
  CHECK(texts[2].view() == "plain");
  CHECK(texts[3].view() == "ass");
  CHECK(texts[0].view().empty());
}

TEST_CASE("A megabyte of text is normalized with a consistent offset map",
          "[normalize]") {
  std::string text;
  while (text.size() < (1u << 20)) {
    text +=
        "So  f u c k this, a$$ and \uFF46\uFF55\uFF43\uFF4B d\u0456\u0441k ";
  }
  NormalizedText normalized;
  default_normalizer().normalize(text, normalized);
  const std::string_view view = normalized.view();
  REQUIRE(view.substr(0, 31) == "so fuck this, ass and fuck dick");
  const ByteSpan last =
      normalized.to_original({static_cast<std::uint32_t>(view.size() - 1),
                              static_cast<std::uint32_t>(view.size())});
  CHECK(last.end == text.size());
  CHECK(normalized.flagged_tokens().size() > 1000);
}

TEST_CASE("Offsets stay monotonic and inside the original for random bytes",
          "[normalize]") {
  // Fragments that meet every rule: ASCII tricks, other scripts, marks,
  // invisible characters, emoji and broken UTF-8.
  const std::vector<std::string> fragments = {
      "a",          "S",           "s",
      "1",          "0",           "$",
      "@",          "!",           "|",
      "*",          "#",           ".",
      "%",          " ",           "  ",
      "\t",         "\n",          "'",
      "-",          "_",           ",",
      "e",          "fuck",        "AAA",
      "\u00E9",     "\u0301",      "\u200B",
      "\u00AD",     "\u0430",      "\u043F",
      "\u03BF",     "\uFF46",      "\uFB01",
      "\U0001F525", "\u0640",      "\u06CC",
      "\u2019",     "\u3000",      "\xFF",
      "\x80",       "\xE2\x82",    "\xF0\x9F\x98",
      "\xC3",       "\xED\xA0\x80"};
  std::mt19937 random(20240611);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const std::size_t pieces = random() % 24;
    for (std::size_t i = 0; i < pieces; ++i) {
      if (random() % 5 == 0) {
        text += static_cast<char>(random() % 256);
      } else {
        text += fragments[random() % fragments.size()];
      }
    }
    INFO(text);
    check_offsets(text);
  }
}

TEST_CASE(
    "The ASCII fast path never claims identity for text the full path "
    "would change",
    "[normalize]") {
  const std::string alphabet = "aAbsSlI10355$@!|*#%. .'-_,/\t\n";
  std::mt19937 random(7);
  int fast_identities = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::size_t size = random() % 12;
    for (std::size_t i = 0; i < size; ++i) {
      text += alphabet[random() % alphabet.size()];
    }
    if (!ascii_view_is_identity(text)) continue;
    ++fast_identities;
    INFO(text);
    REQUIRE(full_path_identity(text));
  }
  CHECK(fast_identities > 100);
}

TEST_CASE("Several threads can normalize at once", "[normalize]") {
  const std::string text =
      "\u0430ss \uFF46\uFF55\uFF43\uFF4B f\u00FCck \u03BF \U0001F525 \u13A0ick";
  std::vector<std::string> views(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < views.size(); ++t) {
    threads.emplace_back([&, t] {
      NormalizedText normalized;
      for (int i = 0; i < 200; ++i) {
        default_normalizer().normalize(text, normalized);
      }
      views[t] = normalized.view();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& view : views) {
    CHECK(view == "ass fuck fuck o dick");
  }
}

TEST_CASE(
    "The ASCII fast path gives what the general path gives, byte for byte",
    "[normalize]") {
  // Cases at the edges of every rule: spacing chains and their gaps,
  // apostrophes, leet anchors, masks at word ends, runs across case and
  // leet, whitespace runs, and the tweet furniture most text has.
  const std::vector<std::string> tricky = {
      "", " ", "a", "A", "!", "|", "'", "*", "1", "$", "  ", "\t", "\r\n",
      "a b", "a b c", "a  b  c", "a\tb\nc", "I'm a b", "I'm a b c",
      "a' b c d", "'a' 'b' 'c'", "f u c k this", "f.u.c.k", "f. u. c. k",
      "f-u-c-k", "f _ u _ c _ k", "f . u . c . k", "b . a . s . t . a . r . d",
      "a b c.d.e", "a.b c.d", "ab c d e", "a b cd", "1 2 3 go", "a 1 2",
      "$ h ! t", "@ s s", "s h 1 t", "! ! !", "a|b|c", "|f u c k",
      "f u c k|", "f u c k#x", "#f u c k", "x f u c k y", "f    u c k",
      "f u  -  c k", "f**k s***t", "f u c k s h i t", "f.u.c.k s.h.i.t",
      "a b c d e f g h", "a.b.c.d.e.f", "the U.S. army", "U.S.A. u s a",
      "W A N K E R", "x DIII!I!CK!", "DIII!I!CK", "PpPPu55y", "WHORRRR3",
      "fUCKKKkkk", "AaA", "aaa", "aaaa aa", "a*a*a", "sss$", "a$$", "a$$$",
      "$$$", "!!a", "a!!", "@@@", "x @ y", "8u11sh!7", "8!7ch", "n1994",
      "h3y|", "m4il@", "sh1t!", "sh1t's", "3.14", "...", "a...", "...a",
      "a...b", "a..!b", "f#%*k", "c%nt", "100%", "#hashtag *emphasis*",
      "**bold**", "a**", "**a", "1**2", "a2b6", "22a", "2 6 a", "l33t 5p34k",
      "RT @user: hi", "@user @user2 !!!", "!!!!!! RT @Some_One: The", "&amp;",
      "http://t.co/AbC123", "hey!!! lol", "2015 $5 !!!", "pi is 3.14",
      "Hello  World", "one\ttwo\r\nthree\n\n four", " lead and trail\t",
      "You f**king 8!7ch!", "so fuuuck, f u c k and sh1t's", "A  B",
      "x\x01y", "\x7f a b c", "a~b~c", "a+b+c", "a:b;c", "a/b/c", "a,b,c",
      "a?b?c", "a\"b\"c", "(a)(b)(c)", "a - b - c - d", "a -- b -- c",
      "fuc*", "asshol#", "bitc**", "shi#!", "wow***", "*emphasis*", "#abc#",
      "ab*", "a1bc%", "f*ck#", "f u c*", "*f u c k*", "x*abc#", "abc*!x"};
  for (const std::string& text : tricky) check_fast_path_matches_general(text);

  // Random text from pieces biased towards the rules: letters in both
  // cases, digits, leet symbols, masks, whitespace, punctuation, repeated
  // letters and spaced single letters.
  const std::vector<std::string> pieces = {
      "a",   "e",   "i",     "s",     "t",     "A",     "S",      "I",
      "l",   "k",   "fuck",  "Shit",  "ass",   "0",     "1",      "3",
      "4",   "5",   "7",     "8",     "9",     "2",     "6",      "$",
      "@",   "!",   "|",     "*",     "#",     "%",     ".",      "**",
      " ",   " ",   " ",     "  ",    "\t",    "\n",    "\r\n",   "'",
      "-",   "_",   ",",     "/",     "~",     "+",     ":",      ";",
      "?",   "&",   "\"",    "(",     "aaa",   "SSS",   "oOo",    "uuuu",
      "f u", " c ", "k ",    "s.h.",  "i-t",   "a b c", "RT @x:", "!!!"};
  std::mt19937 random(20240612);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::size_t size = random() % 16;
    for (std::size_t i = 0; i < size; ++i) {
      if (random() % 8 == 0) {
        text += static_cast<char>(random() % 128);  // any ASCII byte
      } else {
        text += pieces[random() % pieces.size()];
      }
    }
    check_fast_path_matches_general(text);
  }
}

}  // namespace modfilter
