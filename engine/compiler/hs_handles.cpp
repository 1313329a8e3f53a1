#include "engine/compiler/hs_handles.h"

#include <hs/hs.h>

namespace modfilter {

HsDatabase& HsDatabase::operator=(HsDatabase&& other) noexcept {
  if (this != &other) {
    hs_free_database(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

HsDatabase::~HsDatabase() { hs_free_database(db_); }

HsScratch& HsScratch::operator=(HsScratch&& other) noexcept {
  if (this != &other) {
    hs_free_scratch(scratch_);
    scratch_ = std::exchange(other.scratch_, nullptr);
  }
  return *this;
}

HsScratch::~HsScratch() { hs_free_scratch(scratch_); }

hs_error_t HsScratch::reserve_for(const hs_database_t* db) noexcept {
  return hs_alloc_scratch(db, &scratch_);
}

HsCompileError::~HsCompileError() { hs_free_compile_error(error_); }

}  // namespace modfilter
