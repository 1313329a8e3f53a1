// Stage A for one non-ASCII code point: what it becomes in the view
// (compatibility forms, case folding, marks and invisible characters,
// homoglyphs, script folding), with the Transform bits that explain it.
#pragma once

#include <cstdint>
#include <span>

#include "engine/normalize/unit.h"

namespace modfilter {

enum class FoldKind : std::uint8_t {
  kUnits,      // becomes `units` (one or more characters)
  kInvisible,  // vanishes (zero-width, format, tatweel...)
  kMark,       // a combining mark: vanishes, but belongs to the char before
};

struct FoldedUnit {
  char32_t cp = 0;
  UnitClass cls = UnitClass::kOther;
  char homoglyph = 0;
};

struct Folding {
  FoldKind kind = FoldKind::kUnits;
  std::uint16_t transforms = 0;
  std::span<const FoldedUnit> units;
};

// `cp` >= 0x80. The units stay valid until the next call on the same thread.
// Common code points come from a table built on first use (thread-safe).
Folding fold_code_point(char32_t cp);

}  // namespace modfilter
