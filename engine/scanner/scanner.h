// The scanner: CompiledRules + text -> Matches, each a pattern id and a span
// in the ORIGINAL text. One Hyperscan scan per view (normalized, raw) finds
// the lexicon's words (boundaries and suffixes checked on the rare literal
// hits) and the first-stage regexes; the token index adds the words the
// normaliser flagged; token sequences run on those lexeme hits; each hit is
// spread to the lexeme's uses; then the confirm databases for the rules
// whose anchor group hit (compiled_rules.h).
//
// Thread safety: scan() may run on many threads at once over one
// CompiledRules, each with its own ScanWorkspace.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/compiler/compiled_rules.h"
#include "engine/core/span.h"
#include "engine/normalize/normalized_text.h"
#include "engine/normalize/token_edits.h"
#include "engine/scanner/affix_index.h"
#include "engine/scanner/scan_options.h"
#include "engine/scanner/sequence_matcher.h"

namespace modfilter {

struct Match {
  std::uint32_t pattern = 0;  // id in CompiledRules
  ByteSpan span;              // bytes of the original text
  std::uint32_t list = kNoList;  // the named list behind the hit, if any
};

// Per-thread state reused across comments: Hyperscan scratch, the
// normalised view and the match list. Not shareable between threads.
class ScanWorkspace {
 public:
  ScanWorkspace() = default;
  ScanWorkspace(ScanWorkspace&&) = default;
  ScanWorkspace& operator=(ScanWorkspace&&) = default;

  const NormalizedText& normalized() const noexcept { return normalized_; }
  // The Arabizi view, when the rules have one (else empty).
  const NormalizedText& arabizi() const noexcept { return arabizi_; }
  const std::vector<Match>& matches() const noexcept { return matches_; }
  // Whether the last scan read a slip: then normalized() is the view with
  // the misspelt words as meant.
  bool read_slips() const noexcept { return read_slips_; }
  // The policy sorts the matches in place.
  std::vector<Match>& mutable_matches() noexcept { return matches_; }

 private:
  friend class Scanner;

  void prepare(const CompiledRules& rules);

  HsScratch scratch_;
  const CompiledRules* prepared_for_ = nullptr;
  std::uint64_t prepared_serial_ = 0;
  NormalizedText normalized_;
  NormalizedText arabizi_;
  NormalizedText unslipped_;  // the view before its slips were read
  std::vector<TokenEdit> slips_;
  bool read_slips_ = false;
  std::vector<Match> matches_;
  std::vector<Match> raw_matches_;
  std::vector<std::uint32_t> anchored_rules_;
  std::vector<LexemeHit> lexeme_hits_;
  std::vector<SequenceHit> sequence_hits_;
  SequenceMatcher sequences_;
  AffixIndex affixes_;  // of the rules prepared for
};

class Scanner {
 public:
  // Scans `text`; afterwards workspace.matches() holds every hit (unsorted,
  // possibly repeated) and workspace.normalized() the view. Never fails on
  // any input; Hyperscan errors other than bad input are bugs and assert.
  static void scan(const CompiledRules& rules, std::string_view text,
                   ScanWorkspace& workspace, const ScanOptions& options = {});

  // Hyperscan alone: `text` scanned as it is by the first-stage databases,
  // with no normalisation, boundary checks, token look-ups, confirm stage
  // or policy. Given rules compiled single-stage (CompileOptions), every
  // pattern runs: the ceiling `modfilter bench` measures screening against.
  // Returns the number of raw Hyperscan matches.
  static std::size_t scan_hyperscan_only(const CompiledRules& rules,
                                         std::string_view text,
                                         ScanWorkspace& workspace);
};

}  // namespace modfilter
