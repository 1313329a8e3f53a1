#include "engine/io/explanation.h"

#include <utility>

namespace modfilter {

std::string transform_names(std::uint16_t bits) {
  static constexpr std::pair<Transform, const char*> kNames[] = {
      {kTransformCase, "case"},         {kTransformLeet, "leet"},
      {kTransformMask, "mask"},         {kTransformStretch, "stretch"},
      {kTransformSpacing, "spacing"},   {kTransformHomoglyph, "homoglyph"},
      {kTransformCompat, "compat"},     {kTransformInvisible, "invisible"},
      {kTransformMarks, "marks"},       {kTransformSymbol, "symbol"},
      {kTransformInvalid, "invalid-utf8"}, {kTransformSpace, "space"},
      {kTransformScript, "script"}, {kTransformSlip, "slip"}};
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if ((bits & bit) == 0) continue;
    if (!out.empty()) out += '+';
    out += name;
  }
  return out.empty() ? "none" : out;
}

Explanation explain(const Verdict& verdict, const ScanWorkspace& workspace) {
  const NormalizedText& normalized = workspace.normalized();
  Explanation out;
  out.normalized = normalized.view();
  out.identical = normalized.is_identity();
  for (const Reason& r : verdict.reasons) {
    std::uint16_t bits = 0;
    std::string view_text;
    for (std::size_t i = 0; i < normalized.view().size(); ++i) {
      const ByteSpan original = normalized.is_identity()
          ? ByteSpan{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1)}
          : normalized.to_original({static_cast<std::uint32_t>(i),
                                    static_cast<std::uint32_t>(i + 1)});
      for (const ByteSpan& s : r.spans) {
        if (original.begin >= s.begin && original.end <= s.end) {
          bits |= normalized.transforms(i);
          view_text += normalized.view()[i];
          break;
        }
      }
    }
    out.reasons.push_back({std::string(r.rule), std::move(view_text), transform_names(bits)});
  }
  return out;
}

}  // namespace modfilter
