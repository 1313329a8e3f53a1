#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "tests/support.h"

using modfilter::testing::read_file;
using modfilter::testing::run_modfilter;
using modfilter::testing::source_path;
using modfilter::testing::TempDir;

namespace {

const std::string kRules = source_path("tests/data/cli/rules.yaml").string();

// Compares `actual` with a checked-in golden file; MODFILTER_UPDATE_GOLDEN=1
// rewrites the file instead (review the diff before committing it).
void check_golden(const std::string& actual, const std::string& golden) {
  const auto path = source_path("tests/data/cli/" + golden);
  if (const char* update = std::getenv("MODFILTER_UPDATE_GOLDEN");
      update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
  }
  CHECK(actual == read_file(path));
}

}  // namespace

TEST_CASE("scan: JSON Lines out in input order, fields passed through, bad "
          "lines as error records, exit 2", "[cli]") {
  // A relative path (tests run in the source directory) keeps the error
  // records' "source" the same on every machine.
  const auto r = run_modfilter(
      "scan -r '" + kRules + "' tests/data/cli/comments.jsonl");
  CHECK(r.exit_code == 2);
  check_golden(r.out, "scan.expected.jsonl");
  CHECK(r.err.find("comments.jsonl:3: not valid JSON") != std::string::npos);
  CHECK(r.err.find("comments.jsonl:5: no 'text' field") != std::string::npos);
}

TEST_CASE("scan: CSV in, CSV and text out", "[cli]") {
  const std::string csv = "tests/data/cli/comments.csv";
  const auto as_csv = run_modfilter("scan -r '" + kRules + "' -f csv '" + csv + "'");
  CHECK(as_csv.exit_code == 0);
  check_golden(as_csv.out, "scan.expected.csv");
  const auto as_text = run_modfilter("scan -r '" + kRules + "' -f text '" + csv + "'");
  CHECK(as_text.exit_code == 0);
  check_golden(as_text.out, "scan.expected.txt");
}

TEST_CASE("#4: a threat piped into scan with the default rules is rejected "
          "with a threat reason and the span of the threatening words",
          "[cli][rules]") {
  const auto r = run_modfilter("scan", R"({"id":"c1","text":"I will kill you"})"
                                       "\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with(R"({"id":"c1","text":"I will kill you","verdict":"reject")"));
  CHECK(r.out.find(R"("category":"threat")") != std::string::npos);
  CHECK(r.out.find(R"("excerpt":")") != std::string::npos);
  CHECK(r.out.find(R"(kill you")") != std::string::npos);
}

TEST_CASE("scan: stdin, plain text input, an empty file and a missing file",
          "[cli]") {
  const auto text = run_modfilter("scan -r '" + kRules + "' --input-format text",
                                  "hello\ndarn\n");
  CHECK(text.exit_code == 0);
  CHECK(text.out.starts_with(
      "{\"line\":1,\"text\":\"hello\",\"verdict\":\"approve\",\"reasons\":[]"));
  CHECK(text.out.find("\"line\":2,\"text\":\"darn\",\"verdict\":\"review\"") !=
        std::string::npos);

  TempDir dir;
  const auto empty = dir.write("empty.jsonl", "");
  const auto e = run_modfilter("scan -r '" + kRules + "' '" + empty.string() + "'");
  CHECK(e.exit_code == 0);
  CHECK(e.out.empty());

  const auto missing = run_modfilter("scan -r '" + kRules + "' '" +
                                     (dir.path() / "nope.jsonl").string() + "'");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nope.jsonl: cannot open the file") != std::string::npos);
}

TEST_CASE("scan: binary junk and a 1 MB comment are screened without losing "
          "the lines around them", "[cli]") {
  TempDir dir;
  std::string junk = "{\"text\":\"before\"}\n";
  for (int i = 0; i < 256; ++i) {
    if (i != '\n') junk += static_cast<char>(i);
  }
  junk += "\n{\"text\":\"" + std::string(1 << 20, 'x') + " kill you\"}\n";
  junk += "{\"text\":\"after\"}\n";
  const auto file = dir.write("junk.jsonl", junk);
  const auto r = run_modfilter("scan -r '" + kRules + "' '" + file.string() + "'");
  CHECK(r.exit_code == 2);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < r.out.size()) {
    const auto end = r.out.find('\n', start);
    lines.push_back(r.out.substr(start, end - start));
    start = end + 1;
  }
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].find("\"before\"") != std::string::npos);
  CHECK(lines[1].find("\"error\"") != std::string::npos);
  CHECK(lines[2].find("\"verdict\":\"reject\"") != std::string::npos);
  CHECK(lines[3].find("\"after\"") != std::string::npos);
}

TEST_CASE("check: readable by default, --json, exit 1 when not approved",
          "[cli]") {
  const auto r = run_modfilter("check -r '" + kRules + "' 'I will hurt you'");
  CHECK(r.exit_code == 1);
  CHECK(r.out == "reject\n  reject  threat.kill-you (threat) \"hurt you\" [7,15]: "
                 "Threat of violence\n");
  const auto ok = run_modfilter("check -r '" + kRules + "' --json 'all good'");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.starts_with(R"({"verdict":"approve","reasons":[],"ruleset":"rules@)"));
  const auto in = run_modfilter("check -r '" + kRules + "' -", "darn\n");
  CHECK(in.exit_code == 1);
  CHECK(in.out.starts_with("review\n"));
}

TEST_CASE("check --explain shows the normalised view and the transformations",
          "[cli]") {
  const auto r = run_modfilter("check -r '" + kRules + "' --explain 'D A R N it'");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("normalized: \"darn it\"") != std::string::npos);
  CHECK(r.out.find("profanity.darn: view \"darn\" via case+spacing") !=
        std::string::npos);
}

TEST_CASE("compile: counts on success; every error with file:line on failure",
          "[cli]") {
  const auto ok = run_modfilter("compile '" + kRules + "'");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("2 rules") != std::string::npos);
  const auto bad = run_modfilter(
      "compile '" + source_path("tests/data/bad_rules/unknown_key.yaml").string() + "'");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("unknown_key.yaml:6:5: rule profanity.test: unknown key 'wrods'") !=
        std::string::npos);
  const auto regex = run_modfilter(
      "compile '" + source_path("tests/data/bad_rules/bad_regex.yaml").string() + "'");
  CHECK(regex.exit_code == 2);
  CHECK(regex.err.find("bad_regex.yaml:6:") != std::string::npos);
}

TEST_CASE("test: passes on good rules; prints each failure and exits 1",
          "[cli]") {
  const auto ok = run_modfilter("test '" + kRules + "'");
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("4 passed, 0 failed") != std::string::npos);
  TempDir dir;
  const auto rules = dir.write("r.yaml", R"(rules:
  - id: p.darn
    category: profanity
    reason: r
    action: reject
    words: [darn]
    tests:
      reject: ["darn", "heck"]
      approve: ["darn it"])");
  const auto r = run_modfilter("test '" + rules.string() + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAIL " + rules.string() + ":8:") != std::string::npos);
  CHECK(r.out.find("comment:  \"heck\"") != std::string::npos);
  CHECK(r.out.find("expected: reject by p.darn") != std::string::npos);
  CHECK(r.out.find("1 passed, 2 failed") != std::string::npos);
}

TEST_CASE("usage errors exit 2; --help explains and exits 0", "[cli]") {
  CHECK(run_modfilter("").exit_code == 2);
  CHECK(run_modfilter("frobnicate").exit_code == 2);
  CHECK(run_modfilter("scan --format xml").exit_code == 2);
  const auto help = run_modfilter("scan --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("--text-field") != std::string::npos);
}

TEST_CASE("the bundled samples screen with the default rules as each sample "
          "expects", "[cli][rules]") {
  const auto r = run_modfilter(
      "scan -f csv '" + source_path("samples/comments.jsonl").string() + "'");
  CHECK(r.exit_code == 0);
  const std::string samples = read_file(source_path("samples/comments.jsonl"));
  std::size_t start = 0, out_line = 0;
  std::size_t out_pos = r.out.find('\n') + 1;  // past the CSV header
  while (start < samples.size()) {
    const auto end = samples.find('\n', start);
    const std::string line = samples.substr(start, end - start);
    start = end + 1;
    const auto out_end = r.out.find('\n', out_pos);
    const std::string verdict_line = r.out.substr(out_pos, out_end - out_pos);
    out_pos = out_end + 1;
    ++out_line;
    const auto key = line.find("\"expect\"");
    REQUIRE(key != std::string::npos);
    const auto open = line.find('"', line.find(':', key) + 1) + 1;
    const std::string expect = line.substr(open, line.find('"', open) - open);
    CAPTURE(line, verdict_line);
    CHECK(verdict_line.find("," + expect + ",") != std::string::npos);
  }
  CHECK(out_line >= 20);
}
