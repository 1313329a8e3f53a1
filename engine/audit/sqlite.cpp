#include "engine/audit/sqlite.h"

#include <sqlite3.h>

#include <utility>

#include "engine/core/assert.h"

namespace modfilter {
namespace {

// How long a statement waits for another connection's transaction. Writers
// commit a batch at a time, so a few seconds is far more than one batch.
constexpr int kBusyTimeoutMs = 5000;

// Turns SQLite's result code into an Error a user can act on: the codes a
// user can cause get their own message and hint, the rest SQLite's text.
Error make_error(sqlite3* db, const std::string& path, std::string_view doing,
                 int code) {
  const int primary = code & 0xff;
  const std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  Error error{ErrorKind::kDatabase, path, 0, 0, "", std::string(doing) + ": " + detail,
              ""};
  switch (primary) {
    case SQLITE_NOTADB:
      error.message = "not an SQLite database";
      error.hint = "give a store written by 'modfilter scan --audit FILE'";
      break;
    case SQLITE_CORRUPT:
      error.message = "the database is corrupt (" + detail + ")";
      error.hint = "restore it from a copy; 'sqlite3 FILE .recover' may save "
                   "what is left";
      break;
    case SQLITE_READONLY:
      error.kind = ErrorKind::kIo;
      error.message = "the store is read-only (" + detail + ")";
      error.hint = "check the permissions of the file and its directory";
      break;
    case SQLITE_FULL:
      error.kind = ErrorKind::kIo;
      error.message = "the disk is full (" + detail + ")";
      error.hint = "free some space; the last committed batch is intact";
      break;
    case SQLITE_IOERR:
      error.kind = ErrorKind::kIo;
      // SQLite calls only ENOSPC "full"; a write refused for a file size
      // limit (EFBIG) or a quota comes back as a failed write, and SQLite
      // does not keep its errno.
      if (db && sqlite3_extended_errcode(db) == SQLITE_IOERR_WRITE) {
        error.message = "cannot write to the store (" + detail +
                        "): the disk is full, the file is at its size "
                        "limit, or the device failed";
        error.hint = "free some space; the last committed batch is intact";
      }
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      error.kind = ErrorKind::kIo;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      error.hint = "another process holds the store; try again when it is done";
      break;
    default:
      break;
  }
  return error;
}

std::string filename_of(sqlite3* db) {
  const char* name = sqlite3_db_filename(db, "main");
  return name ? name : "";
}

}  // namespace

SqliteStmt::SqliteStmt(SqliteStmt&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)) {}

SqliteStmt& SqliteStmt::operator=(SqliteStmt&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

SqliteStmt::~SqliteStmt() { sqlite3_finalize(stmt_); }

SqliteStmt& SqliteStmt::bind(int index, std::int64_t value) {
  MODFILTER_ASSERT(sqlite3_bind_int64(stmt_, index, value) == SQLITE_OK);
  return *this;
}

SqliteStmt& SqliteStmt::bind(int index, std::string_view value) {
  // Comments are capped far below SQLite's 1 GB limit by the readers, so a
  // failure here is a wrong index: a bug.
  MODFILTER_ASSERT(sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8) ==
                   SQLITE_OK);
  return *this;
}

SqliteStmt& SqliteStmt::bind_null(int index) {
  MODFILTER_ASSERT(sqlite3_bind_null(stmt_, index) == SQLITE_OK);
  return *this;
}

std::expected<bool, Errors> SqliteStmt::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(stmt_);
  Error error = make_error(db, filename_of(db), "cannot run a query", rc);
  sqlite3_reset(stmt_);
  return std::unexpected(Errors{std::move(error)});
}

std::expected<void, Errors> SqliteStmt::run() {
  for (;;) {
    auto row = step();
    if (!row) return std::unexpected(std::move(row.error()));
    if (!*row) return {};
  }
}

void SqliteStmt::reset() noexcept {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool SqliteStmt::is_null(int column) const noexcept {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t SqliteStmt::integer(int column) const noexcept {
  return sqlite3_column_int64(stmt_, column);
}

std::string_view SqliteStmt::text(int column) const noexcept {
  const auto* data = sqlite3_column_text(stmt_, column);
  if (data == nullptr) return {};
  return {reinterpret_cast<const char*>(data),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

SqliteDb::~SqliteDb() {
  // Statements are finalised first (their owners declare them after the
  // connection), so close() cannot be refused for open statements.
  sqlite3_close(db_);
}

std::expected<SqliteDb, Errors> SqliteDb::open(const std::filesystem::path& path,
                                               SqliteOpen mode) {
  SqliteDb db;
  db.path_ = path.string();
  // One thread at a time per connection (AuditWriter hands its connection
  // to its writer thread), so SQLite's own per-call mutex is not needed.
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case SqliteOpen::kRead: flags |= SQLITE_OPEN_READONLY; break;
    case SqliteOpen::kWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case SqliteOpen::kWriteOrCreate:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
  }
  const int rc = sqlite3_open_v2(db.path_.c_str(), &db.db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    return std::unexpected(
        Errors{make_error(db.db_, db.path_, "cannot open the store", rc)});
  }
  sqlite3_extended_result_codes(db.db_, 1);
  sqlite3_busy_timeout(db.db_, kBusyTimeoutMs);
  return db;
}

std::expected<void, Errors> SqliteDb::exec(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    return std::unexpected(Errors{make_error(db_, path_, "cannot run a query", rc)});
  }
  return {};
}

std::expected<SqliteStmt, Errors> SqliteDb::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return std::unexpected(
        Errors{make_error(db_, path_, "cannot prepare a query", rc)});
  }
  return SqliteStmt(stmt);
}

std::expected<std::int64_t, Errors> SqliteDb::query_integer(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return std::unexpected(std::move(stmt.error()));
  auto row = stmt->step();
  if (!row) return std::unexpected(std::move(row.error()));
  return *row ? stmt->integer(0) : 0;
}

std::expected<std::string, Errors> SqliteDb::query_text(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return std::unexpected(std::move(stmt.error()));
  auto row = stmt->step();
  if (!row) return std::unexpected(std::move(row.error()));
  return *row ? std::string(stmt->text(0)) : std::string();
}

std::int64_t SqliteDb::last_insert_rowid() const noexcept {
  return sqlite3_last_insert_rowid(db_);
}

}  // namespace modfilter
