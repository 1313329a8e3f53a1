#include "engine/core/error.h"

namespace modfilter {

const char* to_string(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::kIo: return "io";
    case ErrorKind::kYaml: return "yaml";
    case ErrorKind::kSchema: return "schema";
    case ErrorKind::kDuplicate: return "duplicate";
    case ErrorKind::kPattern: return "pattern";
    case ErrorKind::kDatabase: return "database";
    case ErrorKind::kInput: return "input";
    case ErrorKind::kLimit: return "limit";
  }
  return "unknown";
}

std::string Error::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
  }
  if (!rule_id.empty()) out += "rule " + rule_id + ": ";
  out += message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

}  // namespace modfilter
