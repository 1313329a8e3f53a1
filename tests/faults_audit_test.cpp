// Issue #11, "faults that lose nothing": the audit store of `scan --audit`
// on a full disk and read-only. For a moderation audit trail the run
// stops with an error rather than publish verdicts the trail lacks; the
// store must stay whole (PRAGMA integrity_check) and say which comments it
// holds. The full disk is a file size limit (`ulimit -f`, SIGXFSZ
// ignored): SQLite's write of the WAL fails part way, as it does with
// ENOSPC. The read-only store is a file (or directory) the scanning user
// may not write: as root, permission bits do not stop writes, so the run
// is made as an unprivileged user. `serve` keeps answering instead, and
// counts what the store lacks.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>
#include <regex>
#include <string>

#include "engine/audit/sqlite.h"
#include "tests/faults_support.h"
#include "tests/support.h"

using namespace modfilter::testing;
namespace fs = std::filesystem;

extern char** environ;

namespace {

const std::string kRules = source_path("tests/data/faults/rules.yaml").string();

std::int64_t query(const fs::path& store, const std::string& sql) {
  auto db = modfilter::SqliteDb::open(store, modfilter::SqliteOpen::kRead);
  REQUIRE(db.has_value());
  auto value = db->query_integer(sql);
  REQUIRE(value.has_value());
  return *value;
}

std::string integrity(const fs::path& store) {
  auto db = modfilter::SqliteDb::open(store, modfilter::SqliteOpen::kRead);
  REQUIRE(db.has_value());
  return db->query_text("PRAGMA integrity_check").value_or("(failed)");
}

}  // namespace

TEST_CASE("#11 - a full disk under the audit store stops scan with the store whole",
          "[faults][audit]") {
  TempDir dir;
  const auto input = dir.path() / "in.jsonl";
  write_comments(input, 20000);
  const auto store = dir.path() / "audit.db";
  const auto count = dir.path() / "count";
  // 2000 blocks of 512 bytes: the store takes a few thousand comments. The
  // limit is set in a subshell so that only modfilter is under it; its
  // output goes through a pipe to be counted.
  const ShellResult run = run_shell(
      "( ulimit -f 2000; trap '' XFSZ; exec \"$MODFILTER\" scan -j 2 -r '" +
      kRules + "' --audit '" + store.string() + "' '" + input.string() +
      "' 2>\"$ERR\" ) | wc -l >'" + count.string() + "'");
  CAPTURE(run.err);
  CHECK(run.err.find(store.string() + ": cannot write to the store") !=
        std::string::npos);
  const std::regex held("the store holds (\\d+) comments of this run, up to "
                        "input line (\\d+)");
  std::smatch m;
  REQUIRE(std::regex_search(run.err, m, held));
  const std::int64_t comments = std::stoll(m[1]);
  CHECK(comments > 0);
  CHECK(comments < 20000);

  CHECK(integrity(store) == "ok");
  // The store says what the message says, and holds exactly lines 1..N.
  CHECK(query(store, "SELECT comments FROM runs") == comments);
  CHECK(query(store, "SELECT last_line FROM runs") == std::stoll(m[2]));
  CHECK(query(store, "SELECT count(*) FROM comments") == comments);
  CHECK(query(store, "SELECT max(line) FROM comments") == comments);
  CHECK(query(store, "SELECT count(*) FROM runs WHERE finished IS NULL") == 1);
  // The run stopped, and no verdict went out that the store lacks.
  const std::int64_t output = std::stoll(read_file(count));
  CHECK(output > 0);
  CHECK(output <= comments);

  // With space again, the same store takes the next run.
  const ShellResult again = run_shell(
      "\"$MODFILTER\" scan -r '" + kRules + "' --audit '" + store.string() +
      "' '" + input.string() + "' >/dev/null 2>\"$ERR\"");
  CHECK(again.exit_code == 0);
  CHECK(again.err.empty());
  CHECK(integrity(store) == "ok");
  CHECK(query(store, "SELECT count(*) FROM comments") == comments + 20000);
}

TEST_CASE("#11 - a read-only audit store stops scan before any verdict is written",
          "[faults][audit]") {
  TempDir dir;
  const auto input = dir.path() / "in.jsonl";
  write_comments(input, 300);
  const auto store_dir = dir.path() / "store";
  fs::create_directory(store_dir);
  const auto store = store_dir / "audit.db";
  const ShellResult first = run_shell(
      "\"$MODFILTER\" scan -r '" + kRules + "' --audit '" + store.string() +
      "' '" + input.string() + "' >/dev/null 2>\"$ERR\"");
  REQUIRE(first.exit_code == 0);
  REQUIRE(query(store, "SELECT count(*) FROM comments") == 300);

  // The file, or only its directory (SQLite cannot make its WAL), is not
  // writable by the scanning user.
  const bool read_only_file = GENERATE(true, false);
  CAPTURE(read_only_file);
  const auto all = fs::perms::all;
  const auto read = fs::perms::owner_read | fs::perms::group_read |
                    fs::perms::others_read;
  const auto list = read | fs::perms::owner_exec | fs::perms::group_exec |
                    fs::perms::others_exec;
  fs::permissions(store, read_only_file ? read : all);
  fs::permissions(store_dir, read_only_file ? all : list);

  const auto output = dir.path() / "out.jsonl";
  const ShellResult run = run_shell(
      as_unprivileged_user() + "\"$MODFILTER\" scan -r '" + kRules +
      "' --audit '" + store.string() + "' '" + input.string() + "' >'" +
      output.string() + "' 2>\"$ERR\"");
  fs::permissions(store_dir, all);
  fs::permissions(store, all);
  CAPTURE(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find(store.string() + ": the store is read-only") !=
        std::string::npos);
  CHECK(read_file(output).empty());
  CHECK(integrity(store) == "ok");
  CHECK(query(store, "SELECT count(*) FROM comments") == 300);
  CHECK(query(store, "SELECT count(*) FROM runs") == 1);
}

TEST_CASE("#11 - serve keeps answering when its audit store's disk fills, and "
          "counts every comment the store lacks", "[faults][audit][serve]") {
  TempDir dir;
  const auto store = dir.path() / "audit.db";
  const auto log = dir.path() / "serve.log";
  // The shell sets the limit and becomes modfilter (exec), so the pid is
  // the service's. 1 MB: more than one batch of 1000 comments, less than
  // the 6000 sent.
  const std::string script =
      "ulimit -f 2000; trap '' XFSZ; exec \"$0\" serve --rules '" + kRules +
      "' --listen 127.0.0.1:0 --log-json --summary-interval 0 --audit '" +
      store.string() + "' 2>'" + log.string() + "'";
  std::string binary = MODFILTER_BINARY;
  std::vector<char*> argv = {const_cast<char*>("sh"), const_cast<char*>("-c"),
                             const_cast<char*>(script.c_str()), binary.data(),
                             nullptr};
  pid_t server = 0;
  REQUIRE(posix_spawn(&server, "/bin/sh", nullptr, nullptr, argv.data(),
                      environ) == 0);
  int port = 0;
  for (int tries = 0; tries < 100 && port == 0; ++tries) {
    const std::string text = read_file(log);
    const auto at = text.find("\"port\":");
    if (at != std::string::npos) port = std::stoi(text.substr(at + 7));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10);
  // The port opens before the rules are compiled (503 meanwhile, for load
  // balancers): a slow machine or a sanitizer build takes seconds.
  bool ready = false;
  for (int tries = 0; tries < 600 && !ready; ++tries) {
    const auto r = client.Get("/readyz");
    ready = r && r->status == 200;
    if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(ready);
  const int requests = 6000;
  int answered = 0;
  for (int i = 0; i < requests; ++i) {
    const auto r = client.Post(
        "/v1/screen",
        "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"you idiot, number " +
            std::to_string(i) + std::string(150, '.') + "\"}",
        "application/json");
    if (r && r->status == 200) ++answered;
  }
  const auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  const std::string name = "\nmodfilter_audit_unrecorded_total ";
  const auto at = metrics->body.find(name);
  REQUIRE(at != std::string::npos);
  const std::int64_t unrecorded = std::stoll(metrics->body.substr(at + name.size()));
  ::kill(server, SIGTERM);
  int status = -1;
  REQUIRE(waitpid(server, &status, 0) == server);

  CHECK(answered == requests);  // every request answered, store or not
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(read_file(log).find("cannot write to the store") != std::string::npos);
  CHECK(integrity(store) == "ok");
  const std::int64_t stored = query(store, "SELECT count(*) FROM comments");
  CHECK(stored > 0);
  CHECK(unrecorded > 0);
  // Nothing unaccounted for: each comment is in the store or counted.
  CHECK(stored + unrecorded == requests);
  CHECK(query(store, "SELECT max(line) FROM comments") == stored);
}
