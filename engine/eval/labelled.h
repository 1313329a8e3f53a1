// Labelled comments for accuracy scoring: JSON Lines rows with the text, the
// verdict a human gave (approve / reject) and what kind of bad it is.
//
//   {"id": "d-1", "text": "...", "verdict": "reject",
//    "categories": ["abuse"], "subcategories": ["sexism"], "lang": "en"}
//
// `subcategories`, `lang`, `trick` (the disguise of a synthetic evasion
// row) and `functionality` (what a functional-suite row tests, such as
// "threat_direct") are optional. A row that cannot be read (not
// JSON, no text, no verdict) is returned as an Error with file:line, and the
// reader goes on: one bad row never loses the others.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/error.h"

namespace modfilter {

struct Labelled {
  std::string id;      // the row's id (numbers written as digits); may be empty
  std::uint64_t line = 0;  // 1-based line in its file
  std::string text;
  bool reject = false;  // the human verdict ("review" labels count as reject)
  std::vector<std::string> categories;     // profanity, threat, abuse, promotion
  std::vector<std::string> subcategories;  // sexism, racism, ...
  std::string lang;                        // ISO code; empty when absent
  std::string trick;  // evasion sets: the disguise used ("leet"); may be empty
  std::string functionality;  // functional suites: what the row tests; may be empty
};

class LabelledReader {
 public:
  // `source` names the input in error messages.
  LabelledReader(std::istream& in, std::string source);
  ~LabelledReader();
  LabelledReader(const LabelledReader&) = delete;
  LabelledReader& operator=(const LabelledReader&) = delete;

  // Reads the next non-blank line into `row` (reusing its buffers); false at
  // the end of the input. When the line cannot be read, `error` is set
  // (kind kInput, with file and line) and `row` holds only its line number.
  bool next(Labelled& row, std::optional<Error>& error);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace modfilter
