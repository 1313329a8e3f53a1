// TokenIndex: vocabulary looked up token by token, for the words that
// leetspeak, masking or stretching left in a form no literal matches
// ("buiishit", "f*k", "as" from "asssss"). Keys are token_key()s of each
// word's view and of its masked variants (an inner run of letters, or the
// tail after 3 or more letters, replaced by '*'); only the tokens the
// normaliser flagged are looked up, so the cost is paid by disguised words
// alone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace modfilter {

struct TokenHit {
  std::uint32_t pattern = 0;  // id in CompiledRules
  bool prefix = false;        // a `prefixes:` entry: matches a token's start
};

class TokenIndex {
 public:
  // Adds the keys of a vocabulary entry's view for `pattern`.
  void add(std::string_view word_view, std::uint32_t pattern, bool prefix);

  // Hits for a whole-token key, or nullptr.
  const std::vector<TokenHit>* find(std::string_view key) const;
  std::size_t size() const noexcept { return map_.size(); }
  std::size_t longest_prefix_key() const noexcept { return longest_prefix_; }

 private:
  friend class CompiledRulesCodec;

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_map<std::string, std::vector<TokenHit>, Hash, std::equal_to<>>
      map_;
  std::size_t longest_prefix_ = 0;
};

}  // namespace modfilter
