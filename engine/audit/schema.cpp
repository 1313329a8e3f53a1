#include "engine/audit/schema.h"

#include <unistd.h>

#include <string>
#include <system_error>

#include "engine/ruleset/content_hash.h"

namespace modfilter {
namespace {

// PRAGMA application_id: "mfAU". Tells a modfilter store from any other
// SQLite file before a single table is read.
constexpr std::int64_t kApplicationId = 0x6d664155;

// Reasons live in a child table rather than in a JSON column of comments:
// summary, search and precision count and filter by rule and category,
// which an indexed column answers and JSON would make a scan of every row.
// The spans of one reason are JSON ([[begin,end],...]) inside that row:
// they are only ever read back whole, with their reason, and a grandchild
// table would triple the rows written per hit for nothing.
//
// Times are Unix milliseconds, UTC. A comment row is written in the same
// transaction as its reasons and the runs.comments count that includes it,
// so after a crash every row present is whole and runs.comments says how
// many there are.
constexpr const char* kSchema = R"sql(
CREATE TABLE runs (
  id        INTEGER PRIMARY KEY,
  ruleset   TEXT NOT NULL,              -- "name@hash8" of the rules used
  text_mode TEXT NOT NULL CHECK (text_mode IN ('text', 'hash')),
  started   INTEGER NOT NULL,
  finished  INTEGER,                    -- NULL: still running, or killed
  comments  INTEGER NOT NULL DEFAULT 0, -- rows committed so far
  last_line INTEGER                     -- input line of the last of them
);
CREATE TABLE rules (
  ruleset     TEXT NOT NULL,
  rule        TEXT NOT NULL,
  category    TEXT NOT NULL,
  subcategory TEXT NOT NULL,
  action      TEXT NOT NULL,
  reason      TEXT NOT NULL,
  PRIMARY KEY (ruleset, rule)
) WITHOUT ROWID;
CREATE TABLE comments (
  id        INTEGER PRIMARY KEY,        -- the number 'audit show' takes
  run       INTEGER NOT NULL REFERENCES runs(id),
  input_id  TEXT,                       -- the input's id; NULL when none
  line      INTEGER NOT NULL,           -- 1-based input line
  text      TEXT,                       -- NULL with --audit-text hash
  text_hash TEXT NOT NULL,              -- 64-bit FNV-1a, hex; not cryptographic
  verdict   TEXT NOT NULL CHECK (verdict IN ('approve', 'review', 'reject')),
  time      INTEGER NOT NULL,
  reasons   INTEGER NOT NULL            -- rows in reasons: a completeness check
);
CREATE INDEX comments_time ON comments(time);
CREATE TABLE reasons (
  comment       INTEGER NOT NULL REFERENCES comments(id),
  ord           INTEGER NOT NULL,       -- position in the verdict
  rule          TEXT NOT NULL,
  category      TEXT NOT NULL,
  action        TEXT NOT NULL,
  spans         TEXT NOT NULL,          -- JSON [[begin,end],...], bytes
  excerpt_begin INTEGER NOT NULL,
  excerpt_end   INTEGER NOT NULL,
  PRIMARY KEY (comment, ord)
) WITHOUT ROWID;
CREATE INDEX reasons_rule ON reasons(rule);
CREATE TABLE labels (
  id      INTEGER PRIMARY KEY,
  comment INTEGER NOT NULL REFERENCES comments(id),
  label   TEXT NOT NULL CHECK (label IN ('correct', 'wrong')),
  note    TEXT NOT NULL,
  time    INTEGER NOT NULL
);
CREATE INDEX labels_comment ON labels(comment);
)sql";

Errors refuse(const std::filesystem::path& path, std::string message,
              std::string hint) {
  return {Error{ErrorKind::kDatabase, path.string(), 0, 0, "", std::move(message),
                std::move(hint)}};
}

std::expected<void, Errors> create_schema(SqliteDb& db) {
  // IMMEDIATE: two writers creating the same new store take turns, and the
  // second finds the schema the first committed.
  if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) return ok;
  auto tables = db.query_integer("SELECT count(*) FROM sqlite_schema");
  if (!tables) {
    (void)db.exec("ROLLBACK");
    return std::unexpected(std::move(tables.error()));
  }
  if (*tables != 0) return db.exec("COMMIT");
  std::string sql = kSchema;
  sql += "PRAGMA application_id = " + std::to_string(kApplicationId) + ";\n";
  sql += "PRAGMA user_version = " + std::to_string(kAuditSchemaVersion) + ";\n";
  if (auto ok = db.exec(sql); !ok) {
    (void)db.exec("ROLLBACK");
    return ok;
  }
  return db.exec("COMMIT");
}

std::expected<void, Errors> check_identity(SqliteDb& db,
                                           const std::filesystem::path& path) {
  auto application = db.query_integer("PRAGMA application_id");
  if (!application) return std::unexpected(std::move(application.error()));
  if (*application != kApplicationId) {
    auto tables = db.query_integer("SELECT count(*) FROM sqlite_schema");
    if (!tables) return std::unexpected(std::move(tables.error()));
    if (*application == 0 && *tables == 0) {
      return std::unexpected(refuse(path, "an empty database, not an audit store",
                                    "write one with 'modfilter scan --audit FILE'"));
    }
    return std::unexpected(refuse(
        path, "an SQLite database, but not a modfilter audit store",
        "give a store written by 'modfilter scan --audit FILE'"));
  }
  auto version = db.query_integer("PRAGMA user_version");
  if (!version) return std::unexpected(std::move(version.error()));
  if (*version != kAuditSchemaVersion) {
    return std::unexpected(refuse(
        path,
        "audit store schema version " + std::to_string(*version) +
            "; this modfilter reads version " +
            std::to_string(kAuditSchemaVersion),
        *version > kAuditSchemaVersion
            ? "open it with the newer modfilter that wrote it"
            : "this store predates the versions this modfilter can read"));
  }
  return {};
}

}  // namespace

std::expected<SqliteDb, Errors> open_store(const std::filesystem::path& path,
                                           StoreAccess access) {
  std::error_code ec;
  if (access != StoreAccess::kCreate && !std::filesystem::exists(path, ec)) {
    return std::unexpected(
        Errors{Error{ErrorKind::kIo, path.string(), 0, 0, "", "no such file",
                     "write a store with 'modfilter scan --audit FILE'"}});
  }
  SqliteOpen mode = SqliteOpen::kWriteOrCreate;
  if (access == StoreAccess::kWrite) mode = SqliteOpen::kWrite;
  if (access == StoreAccess::kRead) {
    // A writable connection can replay the WAL a killed writer left behind;
    // a read-only file is still readable when nobody left one.
    mode = ::access(path.c_str(), W_OK) == 0 ? SqliteOpen::kWrite
                                             : SqliteOpen::kRead;
  }
  auto db = SqliteDb::open(path, mode);
  if (!db) return std::unexpected(std::move(db.error()));
  if (access == StoreAccess::kCreate) {
    if (auto ok = create_schema(*db); !ok) {
      return std::unexpected(std::move(ok.error()));
    }
  }
  if (auto ok = check_identity(*db, path); !ok) {
    return std::unexpected(std::move(ok.error()));
  }
  if (access != StoreAccess::kRead) {
    if (auto ok = db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
        !ok) {
      return std::unexpected(std::move(ok.error()));
    }
  }
  return db;
}

std::string text_hash(std::string_view text) {
  ContentHash hash;
  hash.add(text);
  return hash.hex();
}

}  // namespace modfilter
