// AffixIndex: a rule set's suffixes grouped by their last byte and its
// proclitics by their first, so that a token the normaliser flagged is
// tried only against the affixes it can end or start with. The default
// rules have over a hundred suffixes and a few dozen proclitics, and a
// token ends with a handful at most; trying every one was a tenth of
// screening an English tweet with an @mention (benchmarks/screen_cpu_bench).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace modfilter {

class AffixIndex {
 public:
  // Indexes the affixes, which must outlive this index (the CompiledRules'
  // all_suffixes() and all_proclitics()). Keeps their order, longest first,
  // within each group.
  void build(const std::vector<std::string>& suffixes,
             const std::vector<std::string>& proclitics);

  // The suffixes ending with the last byte of `token` (none when it is empty).
  std::span<const std::string_view> suffixes_for(
      std::string_view token) const noexcept {
    return token.empty() ? std::span<const std::string_view>()
                         : suffixes_.group(token.back());
  }
  // The proclitics starting with the first byte of `token`.
  std::span<const std::string_view> proclitics_for(
      std::string_view token) const noexcept {
    return token.empty() ? std::span<const std::string_view>()
                         : proclitics_.group(token.front());
  }

 private:
  struct Groups {
    std::vector<std::string_view> affixes;  // ordered by group
    std::array<std::uint32_t, 257> starts{};  // group b: [starts[b], starts[b + 1])

    void build(const std::vector<std::string>& all, bool by_last_byte);
    std::span<const std::string_view> group(char byte) const noexcept {
      const auto b = static_cast<unsigned char>(byte);
      return std::span<const std::string_view>(affixes).subspan(
          starts[b], starts[b + 1] - starts[b]);
    }
  };

  Groups suffixes_;
  Groups proclitics_;
};

}  // namespace modfilter
