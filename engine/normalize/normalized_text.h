// NormalizedText: the canonical view of a comment that vocabulary is matched
// against, with a map from every view byte back to the original bytes.
//
// The view undoes the disguises people use on banned words (case, leetspeak,
// masking, stretching, spaced letters, homoglyphs, compatibility forms,
// invisible characters, combining marks) so that vocabulary compiles to plain
// literals. Spans found in the view are reported in bytes of the ORIGINAL
// text through to_original(), so an excerpt is always the disguised text as
// the commenter wrote it.
//
// A NormalizedText is meant to be reused: normalize() keeps its buffers, so
// screening many comments on one thread allocates nothing once warm.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/span.h"

namespace modfilter {

// What normalisation did to produce a view byte; recorded only when
// NormalizeOptions::record_transforms is set (for `check --explain`).
enum Transform : std::uint16_t {
  kTransformNone = 0,
  kTransformCase = 1 << 0,        // upper -> lower case
  kTransformLeet = 1 << 1,        // digit or symbol read as a letter (sh1t, $hit)
  kTransformMask = 1 << 2,        // masking run (* # %) in a word -> '*'
  kTransformStretch = 1 << 3,     // run of 3+ equal letters collapsed (fuuuck)
  kTransformSpacing = 1 << 4,     // spaced letters joined (f u c k, f.u.c.k)
  kTransformHomoglyph = 1 << 5,   // letter of another script read as Latin
  kTransformCompat = 1 << 6,      // compatibility form (fullwidth, ligature)
  kTransformInvisible = 1 << 7,   // zero-width / format / soft hyphen dropped
  kTransformMarks = 1 << 8,       // combining marks dropped (accents, zalgo)
  kTransformSymbol = 1 << 9,      // emoji or symbol between letters dropped
  kTransformInvalid = 1 << 10,    // invalid UTF-8 byte dropped
  kTransformSpace = 1 << 11,      // whitespace run or non-ASCII space -> ' '
  kTransformScript = 1 << 12,     // script-specific folding (Arabic, Turkish...)
  kTransformSlip = 1 << 13,       // a misspelt rule word read as meant (haet)
};

struct NormalizeOptions {
  bool record_transforms = false;  // (false) fill transforms() for --explain
};

class NormalizedText {
 public:
  // The canonical view (see normalize.h for its alphabet). Read from
  // buffer_ on each call, so that a copied or moved NormalizedText never
  // points into another one's (short-string) buffer.
  std::string_view view() const noexcept {
    return identity_ ? text_ : std::string_view(buffer_);
  }

  // The original bytes a half-open range of view bytes came from.
  // Precondition: view_span lies inside view() and is not empty.
  ByteSpan to_original(ByteSpan view_span) const noexcept;

  // True when the view is the original text byte for byte (plain ASCII that
  // needed no change); no copy was made and the offset map is the identity.
  bool is_identity() const noexcept { return identity_; }

  // View ranges of the tokens that leetspeak, masking or stretching changed.
  // Vocabulary is also looked up token by token in these (see
  // compiler/token_index.h), because those disguises can leave a token that
  // no plain literal finds (8u11sh!7 -> "buiishit", f**k -> "f*k", asssss ->
  // "as").
  std::span<const ByteSpan> flagged_tokens() const noexcept {
    return flagged_;
  }

  // Transform bits of view byte `pos`, when recorded; 0 otherwise.
  std::uint16_t transforms(std::size_t pos) const noexcept {
    return pos < transforms_.size() ? transforms_[pos] : 0;
  }

  std::size_t original_size() const noexcept { return original_size_; }

 private:
  friend class ViewWriter;  // fills the view (view_writer.h)

  std::string_view text_;             // the view when identity
  std::string buffer_;                // the view when not identity
  std::vector<std::uint32_t> begin_;  // per view byte: original begin
  std::vector<std::uint32_t> end_;    // per view byte: original end
  std::vector<ByteSpan> flagged_;
  std::vector<std::uint16_t> transforms_;
  std::size_t original_size_ = 0;
  bool identity_ = true;
};

}  // namespace modfilter
