// Owning wrappers for Hyperscan's C handles. Not copyable; movable.
//
// Hyperscan's handle types are declared here as hs/hs_common.h and
// hs/hs_runtime.h declare them, and the functions that free them live in
// hs_handles.cpp: a header that holds a database or a scratch (compiled
// rules, a scan workspace) need not include Hyperscan, so neither does
// engine/engine.h (re2/set.h forward-declares what it hides the same way).
// Code that calls hs_* functions includes <hs/hs.h> itself.
#pragma once

#include <utility>

struct hs_database;
typedef struct hs_database hs_database_t;
struct hs_scratch;
typedef struct hs_scratch hs_scratch_t;
struct hs_compile_error;
typedef struct hs_compile_error hs_compile_error_t;
typedef int hs_error_t;

namespace modfilter {

class HsDatabase {
 public:
  HsDatabase() = default;
  explicit HsDatabase(hs_database_t* db) noexcept : db_(db) {}
  HsDatabase(HsDatabase&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)) {}
  HsDatabase& operator=(HsDatabase&& other) noexcept;
  HsDatabase(const HsDatabase&) = delete;
  HsDatabase& operator=(const HsDatabase&) = delete;
  ~HsDatabase();

  hs_database_t* get() const noexcept { return db_; }
  explicit operator bool() const noexcept { return db_ != nullptr; }

 private:
  hs_database_t* db_ = nullptr;
};

// Scratch space: one per thread, never shared (Hyperscan returns
// HS_SCRATCH_IN_USE when two scans use one at once).
class HsScratch {
 public:
  HsScratch() = default;
  HsScratch(HsScratch&& other) noexcept
      : scratch_(std::exchange(other.scratch_, nullptr)) {}
  HsScratch& operator=(HsScratch&& other) noexcept;
  HsScratch(const HsScratch&) = delete;
  HsScratch& operator=(const HsScratch&) = delete;
  ~HsScratch();

  // Grows the scratch so it can scan `db` (allocates it the first time).
  hs_error_t reserve_for(const hs_database_t* db) noexcept;
  hs_scratch_t* get() const noexcept { return scratch_; }

 private:
  hs_scratch_t* scratch_ = nullptr;
};

class HsCompileError {
 public:
  explicit HsCompileError(hs_compile_error_t* error) noexcept : error_(error) {}
  HsCompileError(const HsCompileError&) = delete;
  HsCompileError& operator=(const HsCompileError&) = delete;
  ~HsCompileError();
  const hs_compile_error_t* operator->() const noexcept { return error_; }

 private:
  hs_compile_error_t* error_;
};

}  // namespace modfilter
