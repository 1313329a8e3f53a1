// Issue #11, "faults that lose nothing": `modfilter scan` writing into a
// closed pipe and into a full disk. The disk is filled with a file size
// limit (`ulimit -f`, SIGXFSZ ignored): the write fails part way with
// EFBIG, as it fails with ENOSPC on a full file system, without needing a
// mount.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "engine/audit/sqlite.h"
#include "tests/faults_support.h"
#include "tests/support.h"

using namespace modfilter::testing;

namespace {

const std::string kRules = source_path("tests/data/faults/rules.yaml").string();

// The last line of `text` that ends in a newline.
std::string last_whole_line(const std::string& text) {
  const auto end = text.rfind('\n');
  if (end == std::string::npos) return {};
  const auto begin = text.rfind('\n', end == 0 ? 0 : end - 1);
  return text.substr(begin == std::string::npos || end == 0 ? 0 : begin + 1,
                     end - (begin == std::string::npos || end == 0 ? 0 : begin + 1));
}

}  // namespace

TEST_CASE("#11 - scan into a closed pipe stops quietly with exit 0",
          "[faults][scan]") {
  TempDir dir;
  const auto input = dir.path() / "in.jsonl";
  write_comments(input, 20000);
  const auto store = dir.path() / "audit.db";
  const bool audit = GENERATE(false, true);
  const std::string args =
      audit ? "-j 2 --audit '" + store.string() + "'"
            : GENERATE(as<std::string>{}, "-j 1", "-j 3 -f csv", "-j 2 -f text");
  CAPTURE(args);
  const auto status = dir.path() / "status";
  const ShellResult run = run_shell(
      "{ \"$MODFILTER\" scan -r '" + kRules + "' " + args + " '" +
      input.string() + "' 2>\"$ERR\"; echo $? >'" + status.string() +
      "'; } | head -1 >/dev/null");
  CHECK(read_file(status) == "0\n");
  CHECK(run.err.empty());
  if (audit) {
    auto db = modfilter::SqliteDb::open(store, modfilter::SqliteOpen::kRead);
    REQUIRE(db.has_value());
    CHECK(db->query_text("PRAGMA integrity_check").value_or("") == "ok");
    // Closed as a run that ended, holding what was screened.
    CHECK(db->query_integer("SELECT count(*) FROM runs WHERE finished IS NOT NULL")
              .value_or(-1) == 1);
    const auto comments = db->query_integer("SELECT count(*) FROM comments");
    CHECK(comments.value_or(0) > 0);
    CHECK(db->query_integer("SELECT comments FROM runs").value_or(-1) ==
          comments.value_or(-2));
  }
}

TEST_CASE("#11 - scan into a full disk says which records the output holds",
          "[faults][scan]") {
  TempDir dir;
  const auto input = dir.path() / "in.jsonl";
  write_comments(input, 20000);
  const auto output = dir.path() / "out";
  const std::string args = GENERATE(as<std::string>{}, "-j 1", "-j 3",
                                    "-j 2 -f csv", "-j 1 -f text");
  CAPTURE(args);
  // 64 blocks of 512 bytes: a few hundred records, then EFBIG.
  const ShellResult run = run_shell(
      "ulimit -f 64; trap '' XFSZ; \"$MODFILTER\" scan -r '" + kRules + "' " +
      args + " '" + input.string() + "' >'" + output.string() + "' 2>\"$ERR\"");
  CAPTURE(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find(output.string() + ": cannot write the output (File too large)") !=
        std::string::npos);
  const std::regex position(
      "holds every record up to (\\S+) line (\\d+) \\(id (c\\d+)\\); the first "
      "record not written is (\\S+) line (\\d+) \\(id (c\\d+)\\)");
  std::smatch m;
  REQUIRE(std::regex_search(run.err, m, position));
  CHECK(m[1] == input.string());
  const long last = std::stol(m[2]);
  CHECK(m[3] == "c" + std::to_string(last - 1));
  CHECK(std::stol(m[5]) == last + 1);
  CHECK(m[6] == "c" + std::to_string(last));
  CHECK(last > 10);  // the limit let a few records through

  // The output ends with that record, whole (then maybe a partial one).
  const std::string written = read_file(output);
  CHECK(written.size() == 64 * 512);
  const std::string id = m[3];
  const std::string line = last_whole_line(written);
  if (args.find("csv") != std::string::npos) {
    CHECK(line.starts_with(id + ","));
  } else if (args.find("text") != std::string::npos) {
    // A text record is a head line and one line per reason.
    CHECK(written.find("\n" + id + ": ") != std::string::npos);
    CHECK(written.find("\nc" + std::to_string(last) + ": approve\n") ==
          std::string::npos);
  } else {
    CHECK(line.starts_with("{\"id\":\"" + id + "\""));
  }
}
