// The audit store end to end: scan --audit, every 'audit' subcommand on a
// small fixture store (tests/data/audit), a scan killed with SIGKILL, replay
// flips against hand-computed expectations, and bad stores and arguments.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/audit/audit_store.h"
#include "engine/audit/audit_writer.h"
#include "engine/audit/replay.h"
#include "engine/audit/sqlite.h"
#include "engine/io/comment_reader.h"
#include "tests/support.h"

using modfilter::testing::read_file;
using modfilter::testing::run_modfilter;
using modfilter::testing::source_path;
using modfilter::testing::TempDir;

namespace {

using namespace std::chrono_literals;
using modfilter::AuditStore;
using modfilter::AuditText;
using modfilter::AuditWriter;
using modfilter::Decision;
using modfilter::Engine;

const std::string kOldRules = source_path("tests/data/audit/rules_old.yaml").string();
const std::string kNewRules = source_path("tests/data/audit/rules_new.yaml").string();
const std::string kComments = source_path("tests/data/audit/comments.jsonl").string();

Engine load(const std::string& rules) {
  auto engine = Engine::load(rules);
  REQUIRE(engine.has_value());
  return std::move(*engine);
}

std::string shell_word(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

// The fixture comments screened with rules_old.yaml: c1-c4 on 2024-05-01
// and c5-c8 on 2024-05-02, from 09:00 UTC a minute apart.
std::filesystem::path make_fixture_store(const TempDir& dir,
                                         AuditText text = AuditText::kText) {
  const Engine engine = load(kOldRules);
  const auto path = dir.path() / "fixture.db";
  auto writer = AuditWriter::open(path, engine, {.text = text});
  REQUIRE(writer.has_value());
  std::ifstream in(kComments, std::ios::binary);
  modfilter::CommentReader reader(in, kComments, {});
  modfilter::InputRecord record;
  const auto start = std::chrono::sys_days(std::chrono::year(2024) / 5 / 1) + 9h;
  int i = 0;
  while (reader.next(record)) {
    REQUIRE_FALSE(record.error);
    const auto time = start + (i < 4 ? 0h : 24h) + std::chrono::minutes(i);
    REQUIRE(writer->record(record.id, record.line, record.text, engine.screen(record.text),
                           time));
    ++i;
  }
  REQUIRE(writer->close().has_value());
  return path;
}

std::int64_t query(modfilter::SqliteDb& db, const std::string& sql) {
  auto value = db.query_integer(sql);
  REQUIRE(value.has_value());
  return *value;
}

std::string lines_of(const std::string& text, std::size_t first, std::size_t count) {
  std::istringstream in(text);
  std::string line, out;
  for (std::size_t i = 0; std::getline(in, line); ++i) {
    if (i >= first && i < first + count) out += line + '\n';
  }
  return out;
}

}  // namespace

TEST_CASE("scan --audit records every screened comment with its verdict, "
          "reasons and spans, and marks the run finished", "[audit]") {
  TempDir dir;
  const auto store = dir.path() / "audit.db";
  const auto scan = run_modfilter("scan -r '" + kOldRules + "' --audit " + shell_word(store) +
                                  " '" + kComments + "'");
  REQUIRE(scan.exit_code == 0);

  auto opened = AuditStore::open(store);
  REQUIRE(opened.has_value());
  auto runs = opened->runs();
  REQUIRE(runs.has_value());
  REQUIRE(runs->size() == 1);
  CHECK(runs->front().finished_ms.has_value());
  CHECK(runs->front().comments == 8);
  CHECK(runs->front().last_line == 8);
  CHECK(runs->front().ruleset.starts_with("rules_old@"));

  auto c7 = opened->comment(7);
  REQUIRE(c7.has_value());
  REQUIRE(c7->has_value());
  const auto& comment = **c7;
  CHECK(comment.input_id == "c7");
  CHECK(comment.text == "heck, I will hurt you");
  CHECK(comment.verdict == Decision::kReject);
  REQUIRE(comment.reasons.size() == 2);
  CHECK(comment.reasons[0].rule == "threat.kill-you");
  CHECK(comment.reasons[0].spans == std::vector<modfilter::ByteSpan>{{13, 21}});
  CHECK(comment.reasons[1].rule == "profanity.darn");
  CHECK(comment.reasons[1].action == "review");
  CHECK(comment.reasons[1].excerpt == modfilter::ByteSpan{0, 4});

  // A second run appends to the same store.
  REQUIRE(run_modfilter("scan -r '" + kNewRules + "' --audit " + shell_word(store) + " '" +
                        kComments + "'")
              .exit_code == 0);
  const auto summary = run_modfilter("audit summary " + shell_word(store));
  CHECK(summary.exit_code == 0);
  CHECK(summary.out.find("16 comments in 2 runs") != std::string::npos);
}

TEST_CASE("audit summary counts by verdict, category and rule, names the "
          "rules that never fired and splits the days", "[audit]") {
  TempDir dir;
  const auto store = make_fixture_store(dir);
  const auto r = run_modfilter("audit summary " + shell_word(store));
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("8 comments in 1 run\n") != std::string::npos);
  CHECK(r.out.find("verdicts: approve 3 (37.5%), review 3 (37.5%), reject 2 (25.0%)\n") !=
        std::string::npos);
  CHECK(r.out.find("by category:\n"
                   "  profanity  4 comments, 1 rejected\n"
                   "  threat     2 comments, 2 rejected\n") != std::string::npos);
  CHECK(r.out.find("rules by hits:\n"
                   "  profanity.darn   4 comments, 1 rejected\n"
                   "  threat.kill-you  2 comments, 2 rejected\n") != std::string::npos);
  CHECK(r.out.find("never fired: promotion.pills\n") != std::string::npos);
  CHECK(r.out.find("per day (UTC): approve review reject\n"
                   "  2024-05-01  1 2 1\n"
                   "  2024-05-02  2 1 1\n") != std::string::npos);
}

TEST_CASE("audit show explains a verdict, highlighting the matched words", "[audit]") {
  TempDir dir;
  const auto store = make_fixture_store(dir);
  const auto r = run_modfilter("audit show " + shell_word(store) + " 7");
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with("#7  reject  (run 1, rules_old@"));
  CHECK(lines_of(r.out, 1, 6) ==
        "id:      c7  line 7\n"
        "time:    2024-05-02 09:06:00 UTC\n"
        "text:    [[heck]], I will [[hurt you]]\n"
        "reasons:\n"
        "  reject  threat.kill-you (threat) \"hurt you\" [13,21]: Threat of violence\n"
        "  review  profanity.darn (profanity) \"heck\" [0,4]: Mild profanity\n");
  const auto color = run_modfilter("audit show " + shell_word(store) + " 7 --color always");
  CHECK(color.out.find("text:    \x1b[1;31mheck\x1b[0m, I will \x1b[1;31mhurt you\x1b[0m\n") !=
        std::string::npos);
  const auto missing = run_modfilter("audit show " + shell_word(store) + " 99");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no comment #99 in the store") != std::string::npos);
}

TEST_CASE("audit search finds comments by rule, category, verdict, text, "
          "time range and label", "[audit]") {
  TempDir dir;
  const auto store = make_fixture_store(dir);
  const auto search = [&](const std::string& args) {
    const auto r = run_modfilter("audit search " + shell_word(store) + " " + args);
    CHECK(r.exit_code == 0);
    std::string ids;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) {
      if (line.starts_with("#")) ids += line.substr(0, line.find(' ')) + " ";
    }
    return ids;
  };
  CHECK(search("--rule profanity.darn") == "#3 #4 #6 #7 ");
  CHECK(search("--category threat --verdict reject") == "#2 #7 ");
  CHECK(search("--text HECK") == "#4 #7 ");
  CHECK(search("--since 2024-05-02") == "#5 #6 #7 #8 ");
  CHECK(search("--until '2024-05-01 09:02'") == "#1 #2 ");
  CHECK(search("--since 2024-05-02T00:00:00 --rule profanity.darn") == "#6 #7 ");
  CHECK(search("--verdict approve --limit 2") == "#1 #5 ");

  const auto r = run_modfilter("audit search " + shell_word(store) + " --text 'heck no'");
  CHECK(r.out ==
        "#4     review  2024-05-01 09:03:00  c4  profanity.darn  [[heck]] no\n"
        "1 comment\n");

  REQUIRE(run_modfilter("audit label " + shell_word(store) + " 4 wrong").exit_code == 0);
  REQUIRE(run_modfilter("audit label " + shell_word(store) + " 3 correct").exit_code == 0);
  CHECK(search("--label wrong") == "#4 ");
  CHECK(search("--label correct") == "#3 ");
  CHECK(search("--label none --verdict review") == "#6 ");
}

TEST_CASE("audit label records judgements, and export --wrong turns a false "
          "positive into JSON Lines or a tests: entry for its rule", "[audit]") {
  TempDir dir;
  const auto store = make_fixture_store(dir);
  const std::string s = shell_word(store);
  // #4 "heck no" was sent to review: a moderator says that was wrong, after
  // changing their mind once; the latest label counts.
  REQUIRE(run_modfilter("audit label " + s + " 4 correct").exit_code == 0);
  const auto labelled = run_modfilter("audit label " + s + " 4 wrong --note 'heck is fine'");
  CHECK(labelled.exit_code == 0);
  CHECK(labelled.out == "#4 labelled wrong\n");
  REQUIRE(run_modfilter("audit label " + s + " 3 correct").exit_code == 0);
  REQUIRE(run_modfilter("audit label " + s + " 2 correct").exit_code == 0);

  const auto summary = run_modfilter("audit summary " + s);
  CHECK(summary.out.find("labels: 3 comments labelled, 1 wrong\n"
                         "precision per rule (correct of labelled):\n"
                         "  profanity.darn  1/2  50.0%\n"
                         "  threat.kill-you  1/1  100.0%\n") != std::string::npos);
  const auto show = run_modfilter("audit show " + s + " 4");
  CHECK(show.out.find("label:   wrong (") != std::string::npos);
  CHECK(show.out.find("): heck is fine\n") != std::string::npos);

  const auto jsonl = run_modfilter("audit export " + s + " --wrong");
  CHECK(jsonl.exit_code == 0);
  CHECK(jsonl.out.starts_with(
      R"({"id":"c4","audit_id":4,"text":"heck no","verdict":"review","expected":"approve",)"
      R"("rules":["profanity.darn"],"label":"wrong","note":"heck is fine","ruleset":"rules_old@)"));
  CHECK(std::count(jsonl.out.begin(), jsonl.out.end(), '\n') == 1);
  const auto all = run_modfilter("audit export " + s);
  CHECK(std::count(all.out.begin(), all.out.end(), '\n') == 3);

  const auto out = dir.path() / "tests.yaml";
  const auto tests = run_modfilter("audit export " + s + " --wrong -f tests -o " + shell_word(out));
  CHECK(tests.exit_code == 0);
  const std::string yaml = read_file(out);
  const std::string block =
      "    tests:\n"
      "      approve:\n"
      "        - \"heck no\"  # audit #4 (c4), was review: heck is fine\n";
  REQUIRE(yaml.find("# profanity.darn\n" + block) != std::string::npos);

  // Pasted under the rule, the entry is a failing regression test until
  // the rule is fixed.
  const std::string rule =
      "rules:\n"
      "  - id: profanity.darn\n"
      "    category: profanity\n"
      "    reason: Mild profanity\n"
      "    action: review\n";
  const auto before = dir.write("before.yaml", rule + "    words: [darn, heck]\n" + block);
  const auto failing = run_modfilter("test " + shell_word(before));
  CHECK(failing.exit_code == 1);
  CHECK(failing.out.find("0 passed, 1 failed") != std::string::npos);
  const auto after = dir.write("after.yaml", rule + "    words: [darn]\n" + block);
  const auto passing = run_modfilter("test " + shell_word(after));
  CHECK(passing.exit_code == 0);
  CHECK(passing.out.find("1 passed, 0 failed") != std::string::npos);
}

TEST_CASE("#20 - audit show and audit label take the comment's own id as "
          "well as the store's number, and list the rows an id names", "[audit]") {
  TempDir dir;
  const auto store = make_fixture_store(dir);
  const std::string s = shell_word(store);

  const auto by_id = run_modfilter("audit show " + s + " c7 --color never");
  CHECK(by_id.exit_code == 0);
  CHECK(by_id.out.starts_with("#7  reject  (run 1, rules_old@"));
  CHECK(by_id.out.find("text:    [[heck]], I will [[hurt you]]\n") != std::string::npos);

  const auto labelled = run_modfilter("audit label " + s + " c4 wrong --note 'heck is fine'");
  CHECK(labelled.exit_code == 0);
  CHECK(labelled.out == "#4 labelled wrong\n");
  CHECK(run_modfilter("audit show " + s + " 4").out.find("label:   wrong (") !=
        std::string::npos);

  const auto unknown = run_modfilter("audit show " + s + " c-404");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("no comment with id 'c-404' in the store") != std::string::npos);
  CHECK(run_modfilter("audit label " + s + " c-404 wrong").exit_code == 2);

  // A second run screens the same comments again: c7 is now #7 and #15.
  REQUIRE(run_modfilter("scan -r '" + kNewRules + "' --audit " + s + " '" + kComments + "'")
              .exit_code == 0);
  const auto both = run_modfilter("audit show " + s + " c7 --color never");
  CHECK(both.exit_code == 0);
  CHECK(lines_of(both.out, 0, 1).starts_with("#7     reject  2024-05-02 09:06:00  c7  "));
  CHECK(lines_of(both.out, 1, 1).starts_with("#15    "));
  CHECK(lines_of(both.out, 1, 1).find("  c7  ") != std::string::npos);
  CHECK(std::count(both.out.begin(), both.out.end(), '\n') == 2);
  CHECK(both.err.find("'c7' names 2 comments; pick one by its number, e.g. "
                      "modfilter audit show STORE '#15'") != std::string::npos);

  const auto ambiguous = run_modfilter("audit label " + s + " c7 wrong");
  CHECK(ambiguous.exit_code == 2);
  CHECK(ambiguous.err.find("'c7' names 2 comments") != std::string::npos);
  CHECK(run_modfilter("audit search " + s + " --label wrong").out.find("#7 ") ==
        std::string::npos);
  CHECK(run_modfilter("audit label " + s + " '#15' correct").out == "#15 labelled correct\n");
}

TEST_CASE("#20 - a number is both the store's number and an input id; "
          "'#N' is the store's number only", "[audit]") {
  TempDir dir;
  const auto store = dir.path() / "numbers.db";
  const auto input = dir.write("numbers.jsonl",
                               "{\"id\":\"2\",\"text\":\"darn it\"}\n"
                               "{\"id\":\"x\",\"text\":\"heck no\"}\n");
  REQUIRE(run_modfilter("scan -r '" + kOldRules + "' --audit " + shell_word(store) + " " +
                        shell_word(input))
              .exit_code == 0);
  const std::string s = shell_word(store);
  const auto both = run_modfilter("audit show " + s + " 2 --color never");
  CHECK(both.exit_code == 0);
  CHECK(lines_of(both.out, 0, 1).starts_with("#1     review "));
  CHECK(lines_of(both.out, 1, 1).starts_with("#2     review "));
  CHECK(both.err.find("'2' names 2 comments") != std::string::npos);
  const auto row = run_modfilter("audit show " + s + " '#2' --color never");
  CHECK(row.exit_code == 0);
  CHECK(row.out.find("id:      x  line 2\n") != std::string::npos);
  CHECK(run_modfilter("audit show " + s + " 1 --color never").out.find("id:      2  line 1\n") !=
        std::string::npos);
  CHECK(run_modfilter("audit show " + s + " '#3'").err.find("no comment #3 in the store") !=
        std::string::npos);
}

TEST_CASE("audit replay reports the flips of a rule change, per rule, as "
          "computed by hand", "[audit]") {
  TempDir dir;
  const auto store = make_fixture_store(dir);
  // Old -> new, by hand (rules_new: darn rejects, heck dropped, idiot new):
  //   c1 approve->approve  c2 reject->reject   c3 review->reject (~darn)
  //   c4 review->approve (-darn)               c5 approve->reject (+idiot)
  //   c6 review->reject (~darn, +idiot)        c7 reject->reject (lost darn,
  //   but no flip)                             c8 approve->approve
  auto opened = AuditStore::open(store);
  REQUIRE(opened.has_value());
  auto report = modfilter::replay(*opened, load(kNewRules));
  REQUIRE(report.has_value());
  CHECK(report->replayed == 8);
  CHECK(report->skipped == 0);
  CHECK(report->flipped() == 4);
  using Row = std::array<std::int64_t, 3>;
  CHECK(report->flips[0] == Row{2, 0, 1});
  CHECK(report->flips[1] == Row{1, 0, 2});
  CHECK(report->flips[2] == Row{0, 0, 2});
  REQUIRE(report->rules.size() == 2);
  CHECK(report->rules[0].rule == "profanity.darn");
  CHECK(report->rules[0].gained == 0);
  CHECK(report->rules[0].lost == 1);
  CHECK(report->rules[0].changed == 2);
  CHECK(report->rules[0].examples == std::vector<std::int64_t>{3, 4, 6});
  CHECK(report->rules[1].rule == "abuse.idiot");
  CHECK(report->rules[1].gained == 2);
  CHECK(report->rules[1].examples == std::vector<std::int64_t>{5, 6});
  REQUIRE(report->examples.size() == 4);
  CHECK(report->examples[0].comment == 5);  // approve -> reject
  CHECK(report->examples[1].comment == 4);  // review -> approve
  CHECK(report->examples[1].lost == std::vector<std::string>{"profanity.darn"});
  CHECK(report->examples[2].comment == 3);  // review -> reject
  CHECK(report->examples[3].comment == 6);
  CHECK(report->examples[3].gained == std::vector<std::string>{"abuse.idiot"});
  CHECK(report->examples[3].changed == std::vector<std::string>{"profanity.darn"});

  const auto cli = run_modfilter("audit replay " + shell_word(store) + " -r '" + kNewRules + "'");
  CHECK(cli.exit_code == 1);  // something flips
  CHECK(cli.out.find("flipped: 4 of 8\n"
                     "  before \\ after   approve   review   reject\n"
                     "  approve               2        0        1\n"
                     "  review                1        0        2\n"
                     "  reject                0        0        2\n") != std::string::npos);
  CHECK(cli.out.find("  profanity.darn  +0 -1 ~2  e.g. #3 #4 #6\n") != std::string::npos);
  CHECK(cli.out.find("  #6 (c6) review -> reject: +abuse.idiot ~profanity.darn\n"
                     "      [[darn]], you [[idiot]]\n") != std::string::npos);

  const auto same = run_modfilter("audit replay " + shell_word(store) + " -r '" + kOldRules + "'");
  CHECK(same.exit_code == 0);
  CHECK(same.out.find("flipped: 0 of 8\n") != std::string::npos);
}

TEST_CASE("an audit store of hashes (scan --audit-text hash) keeps no text: "
          "show prints the hash, replay skips the comments", "[audit]") {
  TempDir dir;
  const auto store = dir.path() / "hashed.db";
  REQUIRE(run_modfilter("scan -r '" + kOldRules + "' --audit " + shell_word(store) +
                        " --audit-text hash '" + kComments + "'")
              .exit_code == 0);
  std::string bytes = read_file(store);
  if (std::filesystem::exists(store.string() + "-wal")) bytes += read_file(store.string() + "-wal");
  CHECK(bytes.find("lovely morning") == std::string::npos);
  const auto show = run_modfilter("audit show " + shell_word(store) + " 1");
  CHECK(show.out.find("text:    (text not kept; hash ") != std::string::npos);
  const auto replayed = run_modfilter("audit replay " + shell_word(store) + " -r '" + kNewRules + "'");
  CHECK(replayed.exit_code == 0);
  CHECK(replayed.out.find("replayed 0 comments") != std::string::npos);
  CHECK(replayed.out.find("8 kept only as a hash were skipped") != std::string::npos);
}

TEST_CASE("the audit writer commits every batch_rows comments, and after "
          "batch_interval when the input goes quiet", "[audit]") {
  TempDir dir;
  const auto path = dir.path() / "batches.db";
  const Engine engine = load(kOldRules);
  const auto verdict = engine.screen("darn");
  const auto committed = [&] {
    auto store = AuditStore::open(path);
    REQUIRE(store.has_value());
    auto runs = store->runs();
    REQUIRE(runs.has_value());
    std::int64_t n = 0;
    for (const auto& run : *runs) n += run.comments;
    return n;
  };
  // The writer thread commits in the background: wait for it.
  const auto committed_within_10s = [&](std::int64_t expected) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (committed() < expected && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(5ms);
    }
    return committed();
  };
  {
    auto writer = AuditWriter::open(path, engine, {.batch_rows = 3, .batch_interval = 1h});
    REQUIRE(writer.has_value());
    REQUIRE(writer->record("a", 1, "darn", verdict));
    REQUIRE(writer->record("b", 2, "darn", verdict));
    CHECK(committed() == 0);
    REQUIRE(writer->record("c", 3, "darn", verdict));
    CHECK(committed_within_10s(3) == 3);
    REQUIRE(writer->record("d", 4, "darn", verdict));
  }  // destroyed without close(): what was recorded commits, the run stays open
  CHECK(committed() == 4);

  auto writer = AuditWriter::open(path, engine, {.batch_rows = 1000, .batch_interval = 50ms});
  REQUIRE(writer.has_value());
  REQUIRE(writer->record("e", 1, "darn", verdict));
  CHECK(committed_within_10s(5) == 5);  // by the interval, not a full batch
  REQUIRE(writer->close().has_value());

  auto store = AuditStore::open(path);
  REQUIRE(store.has_value());
  auto runs = store->runs();
  REQUIRE(runs.has_value());
  REQUIRE(runs->size() == 2);
  CHECK_FALSE((*runs)[0].finished_ms.has_value());
  CHECK((*runs)[1].finished_ms.has_value());
}

TEST_CASE("a scan killed with SIGKILL mid-run leaves a consistent audit store "
          "that says which comments it holds", "[audit]") {
  TempDir dir;
  const auto store = dir.path() / "killed.db";
  const std::string err = (dir.path() / "stderr").string();
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::dup2(pipe_fds[0], STDIN_FILENO);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(err_fd, STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::execl(MODFILTER_BINARY, "modfilter", "scan", "-r", kOldRules.c_str(), "--audit",
            store.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[0]);
  // Feed up to 200k comments; stop and kill as soon as a first batch is
  // committed, so the child dies with more input pending and a batch open.
  auto* old_handler = ::signal(SIGPIPE, SIG_IGN);
  const char* texts[] = {"What a lovely morning.", "I will kill you", "darn it",
                         "heck no", "have a nice day"};
  std::int64_t seen = 0;
  int written = 0;
  while (written < 200000 && seen == 0) {
    std::string chunk;
    for (int i = 0; i < 1000; ++i, ++written) {
      chunk += "{\"id\":\"k" + std::to_string(written) + "\",\"text\":\"" +
               texts[written % 5] + "\"}\n";
    }
    if (::write(pipe_fds[1], chunk.data(), chunk.size()) !=
        static_cast<ssize_t>(chunk.size())) {
      break;
    }
    if (auto db = modfilter::SqliteDb::open(store, modfilter::SqliteOpen::kRead)) {
      if (auto n = db->query_integer("SELECT count(*) FROM comments")) seen = *n;
    }
  }
  ::kill(child, SIGKILL);
  ::close(pipe_fds[1]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ::signal(SIGPIPE, old_handler);
  INFO(read_file(err));
  REQUIRE(seen > 0);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);

  auto opened = AuditStore::open(store);
  REQUIRE(opened.has_value());
  auto runs = opened->runs();
  REQUIRE(runs.has_value());
  REQUIRE(runs->size() == 1);
  const auto& run = runs->front();
  CHECK_FALSE(run.finished_ms.has_value());
  CHECK(run.comments >= seen);
  CHECK(run.comments < written);

  auto db = modfilter::SqliteDb::open(store, modfilter::SqliteOpen::kRead);
  REQUIRE(db.has_value());
  auto integrity = db->query_text("PRAGMA integrity_check");
  REQUIRE(integrity.has_value());
  CHECK(*integrity == "ok");
  // The run's count and last line describe exactly the rows present...
  CHECK(query(*db, "SELECT count(*) FROM comments") == run.comments);
  CHECK(query(*db, "SELECT max(line) FROM comments") == run.last_line);
  CHECK(query(*db, "SELECT count(DISTINCT line) FROM comments") == run.last_line);
  // ...and every row is whole: its reasons are all there, and agree with
  // its verdict.
  CHECK(query(*db, "SELECT count(*) FROM comments c WHERE c.reasons <> "
                   "(SELECT count(*) FROM reasons x WHERE x.comment = c.id)") == 0);
  CHECK(query(*db, "SELECT count(*) FROM comments WHERE verdict = 'approve' "
                   "AND reasons > 0") == 0);
  CHECK(query(*db, "SELECT count(*) FROM comments c WHERE verdict = 'reject' AND NOT "
                   "EXISTS (SELECT 1 FROM reasons x WHERE x.comment = c.id AND "
                   "x.action = 'reject')") == 0);
  CHECK(query(*db, "SELECT count(*) FROM comments WHERE verdict = 'review' "
                   "AND reasons = 0") == 0);

  const auto summary = run_modfilter("audit summary " + shell_word(store));
  CHECK(summary.exit_code == 0);
  CHECK(summary.out.find("unfinished (running, or killed)  " +
                         std::to_string(run.comments) + " comments up to input line " +
                         std::to_string(run.last_line)) != std::string::npos);
  // The store takes the next run as if nothing happened.
  CHECK(run_modfilter("scan -r '" + kOldRules + "' --audit " + shell_word(store) + " '" +
                      kComments + "'")
            .exit_code == 0);
}

TEST_CASE("audit report writes one self-contained HTML page that renders in "
          "a real browser", "[audit]") {
  TempDir dir;
  const auto store = make_fixture_store(dir);
  {
    // A false positive whose text would be markup if it were not escaped.
    const Engine engine = load(kOldRules);
    auto writer = AuditWriter::open(store, engine);
    REQUIRE(writer.has_value());
    const std::string text = "<script>alert('x')</script> & darn";
    REQUIRE(writer->record("x1", 1, text, engine.screen(text)));
    REQUIRE(writer->close().has_value());
  }
  REQUIRE(run_modfilter("audit label " + shell_word(store) + " 9 wrong --note 'a <b>test</b>'")
              .exit_code == 0);
  REQUIRE(run_modfilter("audit label " + shell_word(store) + " 2 correct").exit_code == 0);
  const auto html_path = dir.path() / "report.html";
  const auto r = run_modfilter("audit report " + shell_word(store) + " -o " + shell_word(html_path));
  REQUIRE(r.exit_code == 0);
  const std::string html = read_file(html_path);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Verdicts per day (UTC)") != std::string::npos);
  CHECK(html.find("Rejections by rule") != std::string::npos);
  CHECK(html.find("Precision per rule") != std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>darn</mark>") !=
        std::string::npos);
  CHECK(html.find("a &lt;b&gt;test&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("promotion.pills") != std::string::npos);  // never fired

  if (!std::filesystem::exists("/usr/bin/chromium")) {
    WARN("chromium not present: the report was not rendered in a browser");
    return;
  }
  const auto shot = dir.path() / "shot.png";
  const std::string command =
      "timeout 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu "
      "--disable-quic --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --user-data-dir=" +
      shell_word(dir.path() / "profile") + " --screenshot=" + shell_word(shot) +
      " --window-size=1200,1600 " + shell_word("file://" + html_path.string()) +
      " >/dev/null 2>&1";
  CHECK(std::system(command.c_str()) == 0);
  REQUIRE(std::filesystem::exists(shot));
  CHECK(std::filesystem::file_size(shot) > 20000);
  CHECK(read_file(shot).starts_with("\x89PNG"));
}

TEST_CASE("bad audit arguments, a missing store, a file that is not SQLite, "
          "another program's database and an unknown schema version exit 2 "
          "with a clear message", "[audit]") {
  TempDir dir;
  const auto store = make_fixture_store(dir);
  const std::string s = shell_word(store);
  CHECK(run_modfilter("audit").exit_code == 2);
  CHECK(run_modfilter("audit summary").exit_code == 2);
  CHECK(run_modfilter("audit show " + s + " seven").exit_code == 2);
  CHECK(run_modfilter("audit label " + s + " 1 maybe").exit_code == 2);
  CHECK(run_modfilter("audit search " + s + " --verdict nope").exit_code == 2);
  CHECK(run_modfilter("audit export " + s + " -f xml").exit_code == 2);
  CHECK(run_modfilter("audit report " + s).exit_code == 2);  // no -o
  CHECK(run_modfilter("scan --audit-text md5 --audit " + s).exit_code == 2);
  CHECK(run_modfilter("scan --audit-text hash").exit_code == 2);  // needs --audit
  const auto since = run_modfilter("audit search " + s + " --since yesterday");
  CHECK(since.exit_code == 2);
  CHECK(since.err.find("--since 'yesterday': not a time") != std::string::npos);
  for (const char* time : {"2024-13-01", "2024-05-01 25:00", "2024-05-01 09:30 x",
                           "2024-05-1", "2024-02-30"}) {
    CAPTURE(time);
    CHECK(run_modfilter("audit search " + s + " --until '" + time + "'").exit_code == 2);
  }
  const auto no_rules = run_modfilter("audit replay " + s);
  CHECK(no_rules.exit_code == 2);
  CHECK(no_rules.err.find("give the new rules with --rules") != std::string::npos);
  const auto label = run_modfilter("audit label " + s + " 99 wrong");
  CHECK(label.exit_code == 2);
  CHECK(label.err.find("no comment #99 in the store") != std::string::npos);

  const auto missing = run_modfilter("audit summary " + shell_word(dir.path() / "nope.db"));
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nope.db: no such file") != std::string::npos);

  const auto text = dir.write("notes.txt", std::string(4096, 'x') + "\nnot a database\n");
  for (const std::string& command :
       {"audit summary " + shell_word(text), "audit label " + shell_word(text) + " 1 wrong",
        "scan -r '" + kOldRules + "' --audit " + shell_word(text) + " '" + kComments + "'"}) {
    const auto r = run_modfilter(command);
    CAPTURE(command);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("notes.txt: not an SQLite database") != std::string::npos);
  }
  CHECK(read_file(text).starts_with("xxxx"));  // left untouched

  const auto other = dir.path() / "other.db";
  {
    auto db = modfilter::SqliteDb::open(other, modfilter::SqliteOpen::kWriteOrCreate);
    REQUIRE(db.has_value());
    REQUIRE(db->exec("CREATE TABLE t (x)").has_value());
  }
  const auto foreign = run_modfilter("audit summary " + shell_word(other));
  CHECK(foreign.exit_code == 2);
  CHECK(foreign.err.find("an SQLite database, but not a modfilter audit store") !=
        std::string::npos);

  {
    auto db = modfilter::SqliteDb::open(store, modfilter::SqliteOpen::kWrite);
    REQUIRE(db.has_value());
    REQUIRE(db->exec("PRAGMA user_version = 99").has_value());
  }
  for (const std::string& command :
       {"audit summary " + s,
        "scan -r '" + kOldRules + "' --audit " + s + " '" + kComments + "'"}) {
    const auto r = run_modfilter(command);
    CAPTURE(command);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("audit store schema version 99; this modfilter reads version 1 "
                     "(open it with the newer modfilter that wrote it)") !=
          std::string::npos);
  }
}
