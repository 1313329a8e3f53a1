#include "engine/compiler/pattern_cost.h"

#include <hs/hs.h>

#include <chrono>
#include <string>

#include "engine/compiler/hs_handles.h"

namespace modfilter {

std::expected<PatternCost, Error> measure_pattern_cost(std::string_view regex) {
  // The flags of RuleCompiler::add_regex (compiler.cpp): a regex's cost
  // depends on them, SOM_LEFTMOST above all.
  constexpr unsigned kRegexFlags = HS_FLAG_SOM_LEFTMOST;
  const std::string pattern(regex);
  hs_database_t* raw_db = nullptr;
  hs_compile_error_t* raw_error = nullptr;
  const auto start = std::chrono::steady_clock::now();
  const hs_error_t rc = hs_compile(pattern.c_str(), kRegexFlags, HS_MODE_BLOCK,
                                   nullptr, &raw_db, &raw_error);
  const auto stop = std::chrono::steady_clock::now();
  if (rc != HS_SUCCESS) {
    const HsCompileError error(raw_error);
    const std::string message =
        raw_error != nullptr ? raw_error->message
                             : "error " + std::to_string(rc);
    return std::unexpected(Error{ErrorKind::kPattern, "", 0, 0, "",
                                 "Hyperscan cannot compile '" + pattern +
                                     "': " + message,
                                 ""});
  }
  const HsDatabase db(raw_db);
  PatternCost cost;
  cost.compile_seconds = std::chrono::duration<double>(stop - start).count();
  if (hs_database_size(db.get(), &cost.bytecode_bytes) != HS_SUCCESS) {
    return std::unexpected(Error{ErrorKind::kPattern, "", 0, 0, "",
                                 "cannot read the size of the database of '" +
                                     pattern + "'",
                                 ""});
  }
  return cost;
}

}  // namespace modfilter
