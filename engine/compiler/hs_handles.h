// Owning wrappers for Hyperscan's C handles. Not copyable; movable.
#pragma once

#include <hs/hs.h>

#include <utility>

namespace modfilter {

class HsDatabase {
 public:
  HsDatabase() = default;
  explicit HsDatabase(hs_database_t* db) noexcept : db_(db) {}
  HsDatabase(HsDatabase&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)) {}
  HsDatabase& operator=(HsDatabase&& other) noexcept {
    if (this != &other) {
      hs_free_database(db_);
      db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
  }
  HsDatabase(const HsDatabase&) = delete;
  HsDatabase& operator=(const HsDatabase&) = delete;
  ~HsDatabase() { hs_free_database(db_); }

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
  HsScratch& operator=(HsScratch&& other) noexcept {
    if (this != &other) {
      hs_free_scratch(scratch_);
      scratch_ = std::exchange(other.scratch_, nullptr);
    }
    return *this;
  }
  HsScratch(const HsScratch&) = delete;
  HsScratch& operator=(const HsScratch&) = delete;
  ~HsScratch() { hs_free_scratch(scratch_); }

  // Grows the scratch so it can scan `db` (allocates it the first time).
  hs_error_t reserve_for(const hs_database_t* db) noexcept {
    return hs_alloc_scratch(db, &scratch_);
  }
  hs_scratch_t* get() const noexcept { return scratch_; }

 private:
  hs_scratch_t* scratch_ = nullptr;
};

class HsCompileError {
 public:
  explicit HsCompileError(hs_compile_error_t* error) noexcept : error_(error) {}
  HsCompileError(const HsCompileError&) = delete;
  HsCompileError& operator=(const HsCompileError&) = delete;
  ~HsCompileError() { hs_free_compile_error(error_); }
  const hs_compile_error_t* operator->() const noexcept { return error_; }

 private:
  hs_compile_error_t* error_;
};

}  // namespace modfilter
