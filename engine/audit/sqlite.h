// SqliteDb and SqliteStmt: owning, move-only wrappers for SQLite's C handles,
// the only place the audit store talks to SQLite. Every failure a user can
// cause (not a database, read-only, disk full, locked) comes back as an
// Error naming the file; misuse (a bad bind index) is a bug and asserts.
//
// The header does not include <sqlite3.h>: the handles are forward declared,
// so code above the audit layer never sees SQLite.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace modfilter {

// A prepared statement. Bind (1-based), step until it returns false, then
// reset() to run it again. Not copyable; movable.
class SqliteStmt {
 public:
  SqliteStmt() = default;
  SqliteStmt(SqliteStmt&& other) noexcept;
  SqliteStmt& operator=(SqliteStmt&& other) noexcept;
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;
  ~SqliteStmt();

  // Binding copies the value (SQLITE_TRANSIENT): the caller's buffer may go
  // away before step().
  SqliteStmt& bind(int index, std::int64_t value);
  SqliteStmt& bind(int index, std::string_view value);
  SqliteStmt& bind_null(int index);

  // Runs one step: true when a row is ready to read, false when done.
  std::expected<bool, Errors> step();
  // Runs the statement to its end, ignoring rows.
  std::expected<void, Errors> run();
  // Makes the statement ready to run again and clears its bindings.
  void reset() noexcept;

  bool is_null(int column) const noexcept;
  std::int64_t integer(int column) const noexcept;
  // Valid until the next step() or reset(); "" for NULL.
  std::string_view text(int column) const noexcept;

 private:
  friend class SqliteDb;
  explicit SqliteStmt(sqlite3_stmt* stmt) noexcept : stmt_(stmt) {}

  sqlite3_stmt* stmt_ = nullptr;
};

enum class SqliteOpen : std::uint8_t {
  kRead,          // an existing file, read only
  kWrite,         // an existing file, read and write
  kWriteOrCreate  // created when missing
};

// A connection. Not copyable; movable. Finalise its statements before it
// closes (declare them after the connection they come from).
class SqliteDb {
 public:
  SqliteDb() = default;
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;
  ~SqliteDb();

  // Opens `path`, with a busy timeout so that a reader and a writer (or two
  // writers) wait for each other's short transactions instead of failing.
  static std::expected<SqliteDb, Errors> open(const std::filesystem::path& path,
                                              SqliteOpen mode);

  // Runs one or more statements that take no parameters.
  std::expected<void, Errors> exec(std::string_view sql);
  std::expected<SqliteStmt, Errors> prepare(std::string_view sql);
  // The first column of the first row of a one-value query.
  std::expected<std::int64_t, Errors> query_integer(std::string_view sql);
  std::expected<std::string, Errors> query_text(std::string_view sql);

  std::int64_t last_insert_rowid() const noexcept;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace modfilter
