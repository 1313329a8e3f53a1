#include "engine/normalize/code_point_pass.h"

#include <cstdint>

#include "engine/normalize/fold_table.h"
#include "engine/normalize/turkish_casing.h"
#include "engine/normalize/normalized_text.h"
#include "engine/core/utf8.h"

namespace modfilter {

DecodeResult decode_units(std::string_view text, std::vector<Unit>& units) {
  units.clear();
  DecodeResult result;
  std::uint16_t pending = 0;  // bits of dropped chars, for the next unit
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    const auto begin = static_cast<std::uint32_t>(pos);
    if (byte < 0x80) {
      units.push_back({begin, begin + 1, byte, pending, ascii_class(byte), 0});
      pending = 0;
      ++pos;
      continue;
    }
    result.ascii = false;
    const DecodedChar decoded = decode_utf8(text, pos);
    if (decoded.length == 0) {
      pending |= kTransformInvalid;
      ++pos;
      continue;
    }
    pos += decoded.length;
    const auto end = static_cast<std::uint32_t>(pos);
    const Folding folding = fold_code_point(decoded.cp);
    switch (folding.kind) {
      case FoldKind::kInvisible:
        pending |= folding.transforms;
        break;
      case FoldKind::kMark:
        if (units.empty()) {
          pending |= folding.transforms;
        } else {
          units.back().end = end;
          units.back().transforms |= folding.transforms;
        }
        break;
      case FoldKind::kUnits:
        for (const FoldedUnit& unit : folding.units) {
          units.push_back(
              {begin, end, unit.cp,
               static_cast<std::uint16_t>(folding.transforms | pending),
               unit.cls, unit.homoglyph, is_turkish_letter(decoded.cp)});
          pending = 0;
          result.symbols = result.symbols || unit.cls == UnitClass::kSymbol;
        }
        break;
    }
  }
  if (pending != 0 && !units.empty()) units.back().transforms |= pending;
  return result;
}

}  // namespace modfilter
