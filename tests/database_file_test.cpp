#include <catch2/catch.hpp>

#include "engine/compiler/database_file.h"
#include "engine/scanner/scanner.h"
#include "tests/support.h"

using namespace modfilter;
using modfilter::testing::engine_from_yaml;
using modfilter::testing::TempDir;

namespace {

constexpr const char* kRules = R"(rules:
  - id: threat.kill-you
    category: threat
    reason: Threat of violence
    action: reject
    all:
      - {words: [kill], suffixes: [ed]}
      - {words: [you]}
    near: 10
    ordered: true
  - id: profanity.darn
    category: profanity
    reason: Mild profanity
    action: review
    words: [darn]
    prefixes: [heck]
    allow: [heckle]
    tests:
      review: ["darn"]
  - id: promotion.links
    category: promotion
    reason: Links
    action: reject
    regex: 'https?://\S+'
    min_count: 2
  - id: abuse.dog
    category: abuse
    reason: Insult
    action: reject
    words: [كلب]
    proclitics: [ال, وال]
    suffixes: [ه]
)";

}  // namespace

TEST_CASE("a saved database loads back and gives the same verdicts",
          "[database]") {
  const Engine engine = engine_from_yaml(kRules);
  TempDir dir;
  const auto path = dir.path() / "rules.mfdb";
  REQUIRE(engine.save(path).has_value());
  CHECK(is_database_file(path));
  auto loaded = Engine::load(path);
  REQUIRE(loaded.has_value());
  CHECK(loaded->id() == engine.id());
  CHECK(loaded->rule_set().rules.size() == 4);
  CHECK(loaded->rule_set().rules[1].tests.size() == 1);
  for (const char* text :
       {"I kill you", "killed you", "darn it", "heckler", "heckle",
        "http://a http://b", "nothing here", "you kill", "يا والكلبه",
        "كلاب", "مكلب", "d4rn it", "d*rn", "h*ckler", "daaarn"}) {
    const Verdict a = engine.screen(text);
    const Verdict b = loaded->screen(text);
    CAPTURE(text);
    CHECK(a.decision == b.decision);
    REQUIRE(a.reasons.size() == b.reasons.size());
    for (std::size_t i = 0; i < a.reasons.size(); ++i) {
      CHECK(a.reasons[i].rule == b.reasons[i].rule);
      CHECK(a.reasons[i].spans == b.reasons[i].spans);
    }
  }
}

TEST_CASE("a loaded database finds disguised words through its token index",
          "[database]") {
  const Engine engine = engine_from_yaml(kRules);
  auto bytes = serialize(engine.compiled());
  REQUIRE(bytes.has_value());
  auto loaded = deserialize(*bytes, "rules.mfdb");
  REQUIRE(loaded.has_value());
  CHECK((*loaded)->token_index().size() ==
        engine.compiled().token_index().size());
  // No literal finds these: only the token index does.
  for (const char* text : {"d*rn", "d**n", "h*ck"}) {
    CAPTURE(text);
    ScanWorkspace workspace;
    Scanner::scan(**loaded, text, workspace);
    CHECK_FALSE(workspace.matches().empty());
  }
}

TEST_CASE("a database of another format version is refused, naming both "
          "versions", "[database]") {
  const Engine engine = engine_from_yaml(kRules);
  auto bytes = serialize(engine.compiled());
  REQUIRE(bytes.has_value());
  // The version follows the 4-byte magic; the file is sealed again, so only
  // the version is wrong.
  std::string body = bytes->substr(0, bytes->size() - 8);
  body[4] = static_cast<char>(body[4] - 1);
  const std::uint64_t sum = database_checksum(body);
  for (int i = 0; i < 8; ++i) body += static_cast<char>(sum >> (8 * i));
  auto result = deserialize(body, "old.mfdb");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message.find("database format version") !=
        std::string::npos);
  CHECK(result.error().hint.find("modfilter compile") != std::string::npos);
}

TEST_CASE("a damaged database is refused whatever byte is flipped",
          "[database]") {
  const Engine engine = engine_from_yaml(kRules);
  auto bytes = serialize(engine.compiled());
  REQUIRE(bytes.has_value());
  REQUIRE(deserialize(*bytes, "ok.mfdb").has_value());
  int refused = 0;
  const std::size_t step = bytes->size() / 97 + 1;
  for (std::size_t i = 0; i < bytes->size(); i += step) {
    std::string flipped = *bytes;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x20);
    auto result = deserialize(flipped, "bad.mfdb");
    CAPTURE(i);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == ErrorKind::kDatabase);
    ++refused;
  }
  CHECK(refused > 90);
  for (std::size_t n : {std::size_t{0}, std::size_t{3}, std::size_t{20},
                        bytes->size() / 2, bytes->size() - 1}) {
    CHECK_FALSE(deserialize(bytes->substr(0, n), "short.mfdb").has_value());
  }
}

TEST_CASE("a file that is not a database says so", "[database]") {
  auto result = deserialize("rules:\n  - id: x\n", "rules.yaml");
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().message.find("not a modfilter database") !=
        std::string::npos);
  TempDir dir;
  auto missing = load_database(dir.path() / "none.mfdb");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().kind == ErrorKind::kIo);
  // Nothing to map: refused as what it is, not as an unreadable file.
  auto empty = load_database(dir.write("empty.mfdb", ""));
  REQUIRE_FALSE(empty.has_value());
  CHECK(empty.error().message.find("not a modfilter database") !=
        std::string::npos);
  auto directory = load_database(dir.path());
  REQUIRE_FALSE(directory.has_value());
}

TEST_CASE("a database built from other rules is refused when the rules are "
          "given", "[database]") {
  TempDir dir;
  const auto rules = dir.write("rules/r.yaml", kRules);
  auto engine = Engine::load(rules.parent_path());
  REQUIRE(engine.has_value());
  const auto db = dir.path() / "r.mfdb";
  REQUIRE(engine->save(db).has_value());
  CHECK(Engine::load_database(db, rules.parent_path()).has_value());
  dir.write("rules/r.yaml", std::string(kRules) + "\n# changed\n");
  auto stale = Engine::load_database(db, rules.parent_path());
  REQUIRE_FALSE(stale.has_value());
  CHECK(stale.error()[0].message.find("another version of the rules") !=
        std::string::npos);
  CHECK(stale.error()[0].hint.find("modfilter compile") != std::string::npos);
}
