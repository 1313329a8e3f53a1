// Progress on long runs and the HTML pages of eval and bench (issue 20),
// through the command line as a user meets them: stderr a pipe (nothing
// unless --progress), a pseudo-terminal (progress redrawn in place), and
// --quiet.
#include <catch2/catch.hpp>

#include <cstdio>
#include <regex>
#include <vector>

#include "tests/support.h"

using modfilter::testing::read_file;
using modfilter::testing::run_modfilter;
using modfilter::testing::source_path;
using modfilter::testing::TempDir;

namespace {

const std::string kRules = source_path("tests/data/cli/rules.yaml").string();
const std::string kComments = source_path("tests/data/cli/comments.jsonl").string();
const std::string kLabelled = source_path("tests/data/eval/labelled.jsonl").string();
const std::string kEvalRules = source_path("tests/data/eval/rules.yaml").string();
const std::string kOldRules = source_path("tests/data/audit/rules_old.yaml").string();
const std::string kNewRules = source_path("tests/data/audit/rules_new.yaml").string();
const std::string kAuditComments = source_path("tests/data/audit/comments.jsonl").string();

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every tag closed in order (void HTML elements and self-closed SVG ones
// aside): what "well-formed" can mean for an HTML page without a parser.
bool tags_balance(const std::string& page, std::string& problem) {
  static const std::regex tag(R"(<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>)");
  std::vector<std::string> open;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), tag);
       it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[2];
    if (name == "meta" || name == "br" || name == "DOCTYPE" || (*it)[3] == "/") continue;
    if ((*it)[1] == "/") {
      if (open.empty() || open.back() != name) {
        problem = "</" + name + "> closes " + (open.empty() ? "nothing" : open.back());
        return false;
      }
      open.pop_back();
    } else {
      open.push_back(name);
    }
  }
  if (!open.empty()) problem = "<" + open.back() + "> never closed";
  return open.empty();
}

// Runs `modfilter ARGS` with stdout and stderr on a pseudo-terminal, by
// script(1), and returns what the terminal showed.
std::string run_on_terminal(const std::string& args) {
  const std::string command = "script -qec \"" MODFILTER_BINARY " " + args +
                              "\" /dev/null </dev/null";
  std::string out;
  if (std::FILE* p = ::popen(command.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("scan shows nothing on stderr that is not a terminal unless "
          "--progress, which ends with a one-line summary", "[cli][progress]") {
  const auto quiet = run_modfilter("scan -r '" + kRules + "' '" + kComments + "'");
  CHECK_FALSE(contains(quiet.err, "scan: "));

  const auto r = run_modfilter("scan --progress -r '" + kRules + "' '" + kComments + "'");
  CHECK(r.out == quiet.out);
  // 7 records: 5 verdicts (a1 approve; a2, 7 reject; 3 review; one more
  // approve) and 2 error records, as the golden scan output has them.
  CHECK(contains(r.err, "scan: 7 comments in "));
  CHECK(contains(r.err, " approve, "));
  CHECK(contains(r.err, "2 errors"));
  // The progress line before the summary: counts, share of the input size.
  CHECK(contains(r.err, "% of "));
}

TEST_CASE("scan --quiet silences progress and summary, and with --progress it is a "
          "usage error", "[cli][progress]") {
  const auto tty = run_modfilter("scan --quiet -r '" + kRules + "' '" + kComments + "'");
  CHECK_FALSE(contains(tty.err, "scan: "));
  CHECK(run_modfilter("scan --quiet --progress -r '" + kRules + "' '" + kComments + "'")
            .exit_code == 2);
}

TEST_CASE("on a terminal, scan redraws its progress in place and ends with "
          "the summary, and --quiet shows neither", "[cli][progress]") {
  // script(1) gives the command a pseudo-terminal for stdout and stderr.
  const std::string scan = "scan -r '" + kRules + "' '" + kComments + "'";
  const std::string shown = run_on_terminal(scan);
  INFO(shown);
  CHECK(contains(shown, "\rscan: 7 comments in "));
  CHECK(contains(shown, "\x1b[K"));
  CHECK_FALSE(contains(run_on_terminal(scan + " --quiet"), "scan: "));
}

TEST_CASE("eval, lint, compile, bench and audit replay report progress and a "
          "summary with --progress", "[cli][progress]") {
  const auto eval = run_modfilter("eval --progress -r '" + kEvalRules + "' '" + kLabelled + "'");
  CHECK(contains(eval.err, "eval: 12 comments in "));
  CHECK(contains(eval.err, "F1 "));

  TempDir dir;
  const auto words = dir.write("words.txt", "hello\nworld\ndarnell\n");
  const auto lint = run_modfilter("lint --progress -r '" + kRules + "' --dictionary '" +
                                  words.string() + "'");
  CHECK(contains(lint.err, "lint: "));
  CHECK(contains(lint.err, " words in "));

  const auto compile = run_modfilter("compile --progress '" + kRules + "'");
  CHECK(compile.exit_code == 0);
  CHECK(contains(compile.err, "compile: 2 rules in "));

  const auto bench = run_modfilter("bench --progress --no-baselines --seconds 0.05 -r '" +
                                   kRules + "' '" + kComments + "'");
  CHECK(bench.exit_code == 0);
  CHECK(contains(bench.err, "bench: 5 steps in "));
  CHECK(contains(bench.err, "comments/s on 1 thread"));

  const auto store = (dir.path() / "audit.db").string();
  REQUIRE(run_modfilter("scan -q -r '" + kOldRules + "' --audit '" + store + "' '" +
                        kAuditComments + "'")
              .exit_code == 0);
  const auto replay = run_modfilter("audit replay --progress '" + store + "' -r '" +
                                    kNewRules + "'");
  CHECK(contains(replay.err, "audit replay: 8 comments in "));
  CHECK(contains(replay.err, " flipped"));
}

TEST_CASE("eval --html writes a well-formed page with per-file bars, recall "
          "per category and the confusion matrix", "[cli][html]") {
  TempDir dir;
  const auto page_path = dir.path() / "eval.html";
  const auto r = run_modfilter("eval -r '" + kEvalRules + "' --html '" + page_path.string() +
                               "' '" + kLabelled + "'");
  REQUIRE(std::filesystem::exists(page_path));
  const std::string page = read_file(page_path);
  std::string problem;
  CHECK(tags_balance(page, problem));
  INFO(problem);
  CHECK(page.starts_with("<!DOCTYPE html>"));
  CHECK(contains(page, "Precision, recall and F1 per file"));
  CHECK(contains(page, "labelled.jsonl: precision "));
  CHECK(contains(page, "Recall per category"));
  CHECK(contains(page, "true positives"));
  CHECK(contains(page, "false negatives"));
  CHECK(count(page, "<svg") == 3);
  // Self-contained: nothing is fetched.
  CHECK_FALSE(contains(page, "http://"));
  CHECK_FALSE(contains(page, "<script"));
}

TEST_CASE("bench --html --against adds the flips per rule and both rule "
          "sets' speeds side by side", "[cli][html]") {
  TempDir dir;
  const auto page_path = dir.path() / "bench.html";
  const auto r = run_modfilter("bench -q --no-baselines --seconds 0.05 -r '" + kOldRules +
                               "' --against '" + kNewRules + "' --html '" +
                               page_path.string() + "' '" + kLabelled + "'");
  REQUIRE(r.exit_code == 0);
  const std::string page = read_file(page_path);
  std::string problem;
  CHECK(tags_balance(page, problem));
  INFO(problem);
  CHECK(contains(page, "Verdicts that flip, per rule"));
  CHECK(contains(page, "flipped comments"));
  CHECK(contains(page, "rules_old@"));
  CHECK(contains(page, "rules_new@"));
  CHECK(contains(page, "comments/s"));
  CHECK(count(page, " thread") >= 4);  // 1 and N threads, for each rule set
}
