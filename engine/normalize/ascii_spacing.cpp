#include "engine/normalize/ascii_spacing.h"

#include <cstddef>

#include "engine/normalize/ascii_traits.h"
#include "engine/normalize/token_rules.h"

namespace modfilter {

// join_spaced_letters, step for step, on bytes.
void find_spaced_chains(std::string_view text,
                        std::vector<SpacedChain>& chains) {
  chains.clear();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t count = 0;
  bool letter = false;
  bool spaced = false;  // whether the chain's gaps hold whitespace
  const auto finish_chain = [&] {
    if (count < kMinSpacedLetters || !letter) return;
    // A chain that restarts at the last letter of the one before touches it.
    if (!chains.empty() && chains.back().last >= first) {
      chains.back().last = static_cast<std::uint32_t>(last);
    } else {
      chains.push_back({static_cast<std::uint32_t>(first),
                        static_cast<std::uint32_t>(last)});
    }
  };
  for (std::size_t i = 0; i < n; ++i) {
    // Nearly every byte stops here: inside a word its neighbours bind it.
    if ((ascii_traits(p[i]) & kTraitCanBeSpaced) == 0 ||
        (i > 0 && (ascii_traits(p[i - 1]) & kTraitBinds) != 0) ||
        (i + 1 < n && (ascii_traits(p[i + 1]) & kTraitBinds) != 0)) {
      continue;
    }
    bool gap = count > 0 && i - last - 1 <= kMaxSpacingGap;
    bool gap_spaced = false;
    for (std::size_t k = last + 1; gap && k < i; ++k) {
      gap = (ascii_traits(p[k]) & kTraitSeparates) != 0;
      gap_spaced = gap_spaced || (ascii_traits(p[k]) & kTraitSpace) != 0;
    }
    gap_spaced = gap && gap_spaced;
    if (!gap || (count > 1 && gap_spaced != spaced)) {
      finish_chain();
      // A gap of the other kind may still start a chain at the last letter.
      first = gap ? last : i;
      count = gap ? 1 : 0;
      letter = gap && (ascii_traits(p[last]) & kTraitLetter) != 0;
    }
    if (count == 1) spaced = gap_spaced;
    ++count;
    letter = letter || (ascii_traits(p[i]) & kTraitLetter) != 0;
    last = i;
  }
  finish_chain();
}

}  // namespace modfilter
