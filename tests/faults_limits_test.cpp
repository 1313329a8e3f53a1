// Issue #11, "faults that lose nothing": resource limits. One comment size
// limit (kDefaultMaxTextBytes, 16 MiB, --max-text-bytes) applies to scan's
// readers, check and serve: a 100 MB comment is refused by size with a
// message, a 10 MB one is screened. A large word list compiles (the
// 50,000-word measurement is in the note; CI compiles 5,000).
#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "engine/core/limits.h"
#include "service/http/http_server.h"
#include "service/http/screen_service.h"
#include "service/common/service_log.h"
#include "tests/faults_support.h"
#include "tests/support.h"

using namespace modfilter::testing;

namespace {

const std::string kRules = source_path("tests/data/faults/rules.yaml").string();
constexpr std::size_t kTenMb = 10'000'000;
constexpr std::size_t kHundredMb = 100'000'000;

// A comment of `bytes` bytes (JSON-safe) with an insult at its start.
std::string comment_of(std::size_t bytes) {
  std::string text = "you idiot ";
  text.reserve(bytes);
  while (text.size() < bytes) text += "and some more words ";
  text.resize(bytes);
  return text;
}

std::string json_line(const std::string& id, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}\n";
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("#11 - scan refuses a 100 MB comment by size and screens a 10 MB one",
          "[faults][limits]") {
  TempDir dir;
  const auto input = dir.path() / "in.jsonl";
  {
    std::ofstream out(input, std::ios::binary);
    out << json_line("ten", comment_of(kTenMb))
        << json_line("hundred", comment_of(kHundredMb))
        << json_line("after", "you idiot");
  }
  const auto output = dir.path() / "out.jsonl";
  const ShellResult run = run_shell("\"$MODFILTER\" scan -j 2 -r '" + kRules +
                                    "' '" + input.string() + "' >'" +
                                    output.string() + "' 2>\"$ERR\"");
  CHECK(run.exit_code == 2);  // a line could not be read
  CHECK(run.err.find(input.string() + ":2: a comment of 100000000 bytes is over "
                     "the limit of 16777216 bytes (raise --max-text-bytes") !=
        std::string::npos);
  const std::string out = read_file(output);
  REQUIRE(count_lines(out) == 3);
  const auto second = out.find('\n') + 1;
  CHECK(out.starts_with("{\"id\":\"ten\""));
  CHECK(out.substr(0, second).find("\"verdict\":\"reject\"") != std::string::npos);
  CHECK(out.substr(second).starts_with(
      "{\"line\":2,\"source\":\"" + input.string() +
      "\",\"error\":\"a comment of 100000000 bytes is over the limit of "
      "16777216 bytes\"}\n{\"id\":\"after\""));

  // Plain text and CSV input, with the limit set lower (the same code
  // path as the default, at a size that stays fast under sanitizers): the
  // line or field is refused without being held whole.
  constexpr std::size_t kMb = 1'000'000;
  const std::string limit = " --max-text-bytes 100000 ";
  const auto text_input = dir.write("in.txt", comment_of(kMb) + "\nyou idiot\n");
  const ShellResult text = run_shell("\"$MODFILTER\" scan" + limit + "-r '" + kRules +
                                     "' '" + text_input.string() + "' -f csv >'" +
                                     output.string() + "' 2>\"$ERR\"");
  CHECK(text.exit_code == 2);
  CHECK(read_file(output) ==
        "id,verdict,rules,categories,excerpts\n"
        "1,error,,,a comment of 1000000 bytes is over the limit of 100000 bytes\n"
        "2,reject,abuse.idiot,abuse,idiot\n");

  // CSV: the same, for a field of any column.
  const auto csv_input = dir.write(
      "in.csv", "id,text\nhuge," + comment_of(kMb) + "\nsmall,you idiot\n");
  const ShellResult csv = run_shell("\"$MODFILTER\" scan" + limit + "-r '" + kRules +
                                    "' '" + csv_input.string() + "' -f csv >'" +
                                    output.string() + "' 2>\"$ERR\"");
  CHECK(csv.exit_code == 2);
  CHECK(read_file(output) ==
        "id,verdict,rules,categories,excerpts\n"
        "2,error,,,a field of 1000000 bytes is over the limit of 100000 bytes\n"
        "small,reject,abuse.idiot,abuse,idiot\n");

  // Raised, the same comment is screened.
  const ShellResult raised = run_shell(
      "\"$MODFILTER\" scan --max-text-bytes 2000000 -r '" + kRules + "' '" +
      text_input.string() + "' -f csv >'" + output.string() + "' 2>\"$ERR\"");
  CHECK(raised.exit_code == 0);
  CHECK(read_file(output).find("1,reject,abuse.idiot") != std::string::npos);
}

TEST_CASE("#11 - check refuses a 100 MB comment by size and screens a 10 MB one",
          "[faults][limits]") {
  const RunResult huge =
      run_modfilter("check -r '" + kRules + "' -", comment_of(kHundredMb));
  CHECK(huge.exit_code == 2);
  CHECK(huge.out.empty());
  CHECK(huge.err == "modfilter: the comment is over the limit of 16777216 bytes; "
                    "raise --max-text-bytes, or split the comment\n");
  const RunResult ten =
      run_modfilter("check --json -r '" + kRules + "' -", comment_of(kTenMb));
  CHECK(ten.exit_code == 1);
  CHECK(ten.out.starts_with("{\"verdict\":\"reject\""));
}

TEST_CASE("#11 - serve answers 413 to a 100 MB comment and screens a 10 MB one",
          "[faults][limits]") {
  using namespace modfilter::http;
  using modfilter::service::ServiceLog;
  ServiceOptions options;  // the default limits
  options.rules_path = kRules;
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  ServiceLog log(spdlog::level::off, false);
  ScreenService service(options, log);
  REQUIRE(service.reload().has_value());
  HttpServer server(service, log);
  const auto port = server.bind();
  REQUIRE(port.has_value());
  server.start();
  httplib::Client client("127.0.0.1", *port);
  client.set_read_timeout(30);
  client.set_write_timeout(30);

  const auto ten = client.Post("/v1/screen", json_line("ten", comment_of(kTenMb)),
                               "application/json");
  REQUIRE(ten);
  CHECK(ten->status == 200);
  CHECK(ten->body.starts_with("{\"id\":\"ten\",\"verdict\":\"reject\""));

  const auto huge = client.Post("/v1/screen",
                                json_line("huge", comment_of(kHundredMb)),
                                "application/json");
  REQUIRE(huge);
  CHECK(huge->status == 413);
  CHECK(huge->body == "{\"status\":413,\"error\":\"the body is over the limit of "
                      "33554432 bytes\"}");
  // A body within its limit whose comment is over the text limit.
  const auto over = client.Post(
      "/v1/screen",
      json_line("over", comment_of(modfilter::kDefaultMaxTextBytes + 1)),
      "application/json");
  REQUIRE(over);
  CHECK(over->status == 413);
  CHECK(over->body.find("over the limit of 16777216") != std::string::npos);
  server.stop();
}

TEST_CASE("#11 - a rule set of 5,000 dictionary words compiles", "[faults][limits]") {
  std::ifstream dictionary("/usr/share/dict/words");
  REQUIRE(dictionary);  // scripts/install-deps.sh installs wamerican
  std::string yaml =
      "rules:\n  - id: big.words\n    category: abuse\n    reason: Many words\n"
      "    action: review\n    words:\n";
  std::size_t words = 0;
  std::string last;
  for (std::string word; words < 5000 && std::getline(dictionary, word);) {
    // Lower-case letters only, no run of three (which normalises away),
    // no repeats once case is folded.
    bool plain = word.size() >= 3 && word != last;
    for (std::size_t i = 0; plain && i < word.size(); ++i) {
      plain = word[i] >= 'a' && word[i] <= 'z' &&
              !(i >= 2 && word[i] == word[i - 1] && word[i] == word[i - 2]);
    }
    if (!plain) continue;
    yaml += "      - '" + word + "'\n";
    last = word;
    ++words;
  }
  REQUIRE(words == 5000);
  TempDir dir;
  const auto rules = dir.write("words.yaml", yaml);
  const RunResult compiled = run_modfilter("compile '" + rules.string() + "'");
  CHECK(compiled.exit_code == 0);
  CHECK(compiled.out.find("5000 patterns") != std::string::npos);
}
