// modfilter::Error: what went wrong with something a user gave us (a rule
// file, a regex, an input line, a database file), where, and what to do.
//
// Errors a user can cause travel as values (`std::expected<T, Errors>`);
// errors of ours are bugs and stop the program (see assert.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace modfilter {

enum class ErrorKind : std::uint8_t {
  kIo,          // missing file, unreadable directory, write failure
  kYaml,        // the file is not valid YAML
  kSchema,      // valid YAML that is not a valid rule file
  kDuplicate,   // an id defined twice
  kPattern,     // Hyperscan refused a pattern
  kDatabase,    // a compiled database file we cannot trust
  kInput,       // a bad input line or request
  kLimit,       // over a configured size limit
};

const char* to_string(ErrorKind kind) noexcept;

struct Error {
  ErrorKind kind = ErrorKind::kIo;
  std::string file;      // empty when there is no file
  int line = 0;          // 1-based; 0 when unknown
  int column = 0;        // 1-based; 0 when unknown
  std::string rule_id;   // the rule concerned, when there is one
  std::string message;   // what is wrong
  std::string hint;      // what to do about it; may be empty

  // "FILE:LINE:COL: rule RULE: MESSAGE (HINT)", leaving out what is unknown.
  std::string to_string() const;
};

using Errors = std::vector<Error>;

}  // namespace modfilter
