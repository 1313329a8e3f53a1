// The audit store's schema and how a store is opened: created when the
// writer finds no file, checked every time (an SQLite file of another
// program, or of a schema version this build does not know, is refused with
// a message that says so).
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/audit/sqlite.h"
#include "engine/core/error.h"

namespace modfilter {

// PRAGMA user_version of the stores this build writes and reads. Bump it
// with every change to the tables (and teach open_store the migration).
inline constexpr std::int64_t kAuditSchemaVersion = 1;

enum class StoreAccess : std::uint8_t {
  kRead,    // queries only; the file may be read-only
  kWrite,   // labels: an existing store, writable
  kCreate,  // scan --audit: created (with the schema) when missing or empty
};

// Opens a store and checks it is one: SQLite, modfilter's application id,
// schema version kAuditSchemaVersion. Writers get WAL mode and
// synchronous=NORMAL: a commit survives a crash of the process without
// waiting for fsync; a power cut may lose the latest commits, never the
// store's consistency.
std::expected<SqliteDb, Errors> open_store(const std::filesystem::path& path,
                                           StoreAccess access);

// comments.text_hash of a text: 64-bit FNV-1a, hex.
std::string text_hash(std::string_view text);

}  // namespace modfilter
