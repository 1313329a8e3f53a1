// Segments: where a comment's sentences and clauses are, and which of its
// words are reported speech, so that `scope:` and `quoted:` can ask of two
// hits whether they share a clause, and of one whether it is quoted.
//
// Built from the tokens of the normalised view (view_tokens.h: leetspeak
// is already read, so the '!' of "sh!t" ends no sentence), each mapped to
// the original bytes; the punctuation between two tokens is read from the
// original text, where quotation marks and Arabic commas still are (the
// view turns them into spaces). docs/rules.md, "Scope and reported
// speech", says what counts as a boundary, a quotation and a report.
//
// Built only when a rule needs it (the policy asks lazily), never for a
// comment that hits no scoped rule.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/core/span.h"
#include "engine/normalize/normalized_text.h"
#include "engine/ruleset/rule.h"
#include "engine/scanner/view_tokens.h"

namespace modfilter {

class Segments {
 public:
  // `normalized` is the view of `text`.
  void build(std::string_view text, const NormalizedText& normalized);

  // The clause or sentence a hit starting at `offset` (bytes of the
  // original text) lies in, as the index of the unit's first token; 0 for
  // kComment. Two hits share a unit when their units are equal.
  std::uint32_t unit(std::uint32_t offset, Scope scope) const noexcept;
  bool together(std::uint32_t a, std::uint32_t b, Scope scope) const noexcept {
    return unit(a, scope) == unit(b, scope);
  }
  // Whether a hit starting at `offset` is reported speech.
  bool reported(std::uint32_t offset) const noexcept;

 private:
  // A token in bytes of the original text, with its units; a unit is
  // numbered by its first token.
  struct Token {
    std::uint32_t begin = 0, end = 0;
    std::uint32_t sentence = 0, clause = 0;
    bool reported = false;
  };
  // The token a hit starting at `offset` starts in: the first that ends
  // after it (the last, for a hit behind every token).
  const Token* token_at(std::uint32_t offset) const noexcept;
  void split_clauses(std::string_view text, std::string_view view);
  void mark_quotes(std::string_view text);
  void mark_reports(std::string_view view);

  std::vector<ViewToken> view_tokens_;
  std::vector<Token> tokens_;
  std::vector<ByteSpan> quotes_;  // original bytes inside quotation marks
};

}  // namespace modfilter
