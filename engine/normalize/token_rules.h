// The limits of stage B, shared by the unit pass (token_pass.cpp) and the
// byte passes for ASCII (ascii_pass.cpp, ascii_spacing.cpp, ascii_view.cpp),
// which must agree with it exactly.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/normalize/normalized_text.h"

namespace modfilter {

// What makes a word worth a token lookup: these leave forms no literal finds.
inline constexpr std::uint16_t kTokenChanges =
    kTransformLeet | kTransformMask | kTransformStretch | kTransformSpacing;

// Spaced letters: at least 3 of them, at most 3 separators between two.
inline constexpr std::size_t kMinSpacedLetters = 3;
inline constexpr std::size_t kMaxSpacingGap = 3;
// Stretching: a run of at least 3 equal letters (2 is spelling: ass, boobs).
inline constexpr std::size_t kMinStretch = 3;
// A masked tail (fuc*, asshol#): a mask run ends a word after at least 3
// letters. Fewer leave too little of the word to tell it ("a**", "hm#"),
// and digits before it are a number ("100%").
inline constexpr std::size_t kMinMaskedHead = 3;

}  // namespace modfilter
