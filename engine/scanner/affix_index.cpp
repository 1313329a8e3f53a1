#include "engine/scanner/affix_index.h"

#include <algorithm>

namespace modfilter {

void AffixIndex::build(const std::vector<std::string>& suffixes,
                       const std::vector<std::string>& proclitics) {
  suffixes_.build(suffixes, true);
  proclitics_.build(proclitics, false);
}

void AffixIndex::Groups::build(const std::vector<std::string>& all,
                               bool by_last_byte) {
  auto key = [by_last_byte](std::string_view affix) {
    return static_cast<unsigned char>(by_last_byte ? affix.back()
                                                   : affix.front());
  };
  affixes.clear();
  for (const std::string& affix : all) {
    if (!affix.empty()) affixes.emplace_back(affix);
  }
  std::ranges::stable_sort(affixes, {}, key);
  starts.fill(0);
  for (std::string_view affix : affixes) ++starts[key(affix) + 1];
  for (std::size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
}

}  // namespace modfilter
