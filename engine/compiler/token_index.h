// TokenIndex: vocabulary looked up token by token, for the words that
// leetspeak, masking or stretching left in a form no literal matches
// ("buiishit", "f*k", "as" from "asssss"). Keys are token_key()s of each
// word's view and of its masked variants (an inner run of letters, or the
// tail after 3 or more letters, replaced by '*'); only the tokens the
// normaliser flagged are looked up, so the cost is paid by disguised words
// alone.
#pragma once

#include <bitset>
#include <cstdint>
#include <span>
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

  // Hits for a whole-token key (empty when none).
  std::span<const TokenHit> find(std::string_view key) const;
  std::size_t size() const noexcept { return map_.size(); }
  std::size_t longest_prefix_key() const noexcept { return longest_prefix_; }
  // Whether a `prefixes:` key of `n` bytes could start `key`: the prefix
  // look-ups of a token ask for each of its heads, and only a few lengths
  // and first letters hold such keys.
  bool may_start_prefix(std::string_view key, std::size_t n) const noexcept {
    return n < 64 && (prefix_lengths_ >> n & 1) != 0 &&
           (n < 2 || prefix_heads_.test(head_of(key)));
  }

 private:
  friend class CompiledRulesCodec;

  // Most flagged tokens ("2day", "loool", "1st") start like no key at all;
  // a bit per possible first two bytes answers for them without hashing.
  static std::size_t head_of(std::string_view key) noexcept {
    return (std::size_t{static_cast<unsigned char>(key[0])} << 8) |
           static_cast<unsigned char>(key[1]);
  }
  void note_key(std::string_view key, bool prefix) noexcept {
    if (key.size() >= 2) heads_.set(head_of(key));
    if (!prefix) return;
    if (key.size() >= 2) prefix_heads_.set(head_of(key));
    if (key.size() < 64) prefix_lengths_ |= std::uint64_t{1} << key.size();
  }

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_map<std::string, std::vector<TokenHit>, Hash, std::equal_to<>>
      map_;
  std::size_t longest_prefix_ = 0;
  std::bitset<65536> heads_;  // keys of one byte are not noted: always looked up
  std::bitset<65536> prefix_heads_;
  std::uint64_t prefix_lengths_ = 0;  // bit n: a prefix key of n bytes
};

}  // namespace modfilter
