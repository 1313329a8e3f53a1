// SequenceMatcher: token sequences (Matcher::steps) evaluated on the tokens
// of the normalised view, from the lexeme hits of the one lexicon scan —
// no second pass over the bytes and no regex engine. "@groups are|is *{0,2}
// @insults" becomes: the tokens where a group noun's hit starts, then a
// token that is "are" or "is", up to two tokens of anything, a token where
// an insult's hit starts; all within one sentence.
//
// A token is a run of word bytes (normalize.h, is_word_byte); a hit covers
// the tokens between its first and last byte (a phrase covers several). A
// sentence ends at '.', '!', '?' or ';' between two tokens.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/compiler/compiled_rules.h"
#include "engine/core/span.h"
#include "engine/scanner/view_tokens.h"

namespace modfilter {

// A lexeme found in the normalised view, its boundaries and affixes
// checked: the scanner's first result, before it is spread to the lexeme's
// uses.
struct LexemeHit {
  std::uint32_t lexeme = 0;
  ByteSpan span;  // bytes of the view
};

// A sequence's hit, in bytes of the view.
struct SequenceHit {
  std::uint32_t pattern = 0;
  ByteSpan span;
  std::uint32_t list = kNoList;  // the first named list that reports a
                                 // subcategory among the steps' hits
};

// Per-thread buffers, reused across comments.
class SequenceMatcher {
 public:
  // Appends the hits of every sequence of `rules` found in `view`.
  void run(const CompiledRules& rules, std::string_view view,
           const std::vector<LexemeHit>& hits, std::vector<SequenceHit>& out);

 private:
  using Token = ViewToken;
  struct Start {  // a lexeme hit, in tokens
    std::uint32_t first = 0, last = 0;  // tokens [first, last)
    std::uint32_t lexeme = 0;
  };

  void place(const std::vector<LexemeHit>& hits);
  // Marks the steps the hits can fill; candidates_ gets the sequences whose
  // every required step is marked.
  void mark(const CompiledRules& rules, const std::vector<LexemeHit>& hits);
  bool required_steps_marked(const CompiledRules& rules,
                             const SequenceInfo& sequence) const;
  // Appends the hit of `sequence` starting at token `at`, if any.
  bool try_at(const CompiledRules& rules, const SequenceInfo& sequence,
              std::uint32_t at, std::vector<SequenceHit>& out);
  // Matches steps [step..] from token `at`, the current step already
  // repeated `count` times; the end token on success.
  bool extend(const CompiledRules& rules, const SequenceInfo& sequence,
              std::uint32_t step, std::uint32_t count, std::uint32_t at,
              std::uint32_t sentence, std::uint32_t& end, std::uint32_t& list);

  std::vector<Token> tokens_;
  std::vector<Start> starts_;                // by first token, then last
  std::vector<Start> placed_;                // in the hits' order
  std::vector<std::uint32_t> first_start_;   // by token, + 1
  std::vector<std::uint32_t> fill_;          // by token: next free slot
  std::vector<std::uint8_t> marked_;         // by step
  std::vector<std::uint32_t> touched_steps_;
  std::vector<std::uint32_t> candidates_;    // sequences
  std::vector<std::uint8_t> seen_;           // by sequence: in candidates_
  std::uint32_t budget_ = 0;
};

}  // namespace modfilter
