// TokenIndex: vocabulary looked up token by token, for the words that
// leetspeak, masking or stretching left in a form no literal matches
// ("buiishit", "f*k", "as" from "asssss"). Keys are token_key()s of each
// word's view and of its masked variants (an inner run of letters, or the
// tail after 3 or more letters, replaced by '*'); only the tokens the
// normaliser flagged are looked up, so the cost is paid by disguised words
// alone.
//
// Flat, so that a database file loads it without an allocation per key (a
// hash map of strings took half of the start-up from the default rules'
// .mfdb): every key's bytes in one string, one entry per key, every hit in
// one array, and an open-addressing table of entry numbers, rebuilt at load
// from the entries (cheap, and a damaged file cannot give it a bad shape).
#pragma once

#include <bitset>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace modfilter {

struct TokenHit {
  std::uint32_t lexeme = 0;   // CompiledRules::lexeme()
  bool prefix = false;        // a `prefixes:` entry: matches a token's start
};

class TokenIndex {
 public:
  // Hits for a whole-token key (empty when none).
  std::span<const TokenHit> find(std::string_view key) const noexcept;
  std::size_t size() const noexcept { return entries_.size(); }
  std::size_t longest_prefix_key() const noexcept { return longest_prefix_; }
  // Whether a `prefixes:` key of `n` bytes could start `key`: the prefix
  // look-ups of a token ask for each of its heads, and only a few lengths
  // and first letters hold such keys.
  bool may_start_prefix(std::string_view key, std::size_t n) const noexcept {
    return n < 64 && (prefix_lengths_ >> n & 1) != 0 &&
           (n < 2 || prefix_heads_.test(head_of(key)));
  }

 private:
  friend class TokenIndexBuilder;
  friend class CompiledRulesCodec;

  struct Entry {
    std::uint32_t key = 0, key_size = 0;  // bytes of keys_
    std::uint32_t hits = 0, hit_count = 0;  // elements of hits_
  };

  std::string_view key_of(const Entry& e) const noexcept {
    return std::string_view(keys_).substr(e.key, e.key_size);
  }
  // Whether every entry lies inside keys_ and hits_ and has a key and a
  // hit (a database file is checked with it before index() trusts it).
  bool well_formed() const noexcept;
  // Builds the table and the head bits from entries_.
  void index();

  // Most flagged tokens ("2day", "loool", "1st") start like no key at all;
  // a bit per possible first two bytes answers for them without hashing.
  static std::size_t head_of(std::string_view key) noexcept {
    return (std::size_t{static_cast<unsigned char>(key[0])} << 8) |
           static_cast<unsigned char>(key[1]);
  }
  static std::uint64_t hash(std::string_view key) noexcept;

  std::string keys_;
  std::vector<Entry> entries_;
  std::vector<TokenHit> hits_;
  std::vector<std::uint32_t> table_;  // entry number + 1, 0: free; 2^k slots
  std::size_t longest_prefix_ = 0;
  std::bitset<65536> heads_;  // keys of one byte are not noted: always looked up
  std::bitset<65536> prefix_heads_;
  std::uint64_t prefix_lengths_ = 0;  // bit n: a prefix key of n bytes
};

// Collects the keys of the vocabulary while a rule set compiles.
class TokenIndexBuilder {
 public:
  // Adds the keys of a vocabulary entry's view for `lexeme`.
  void add(std::string_view word_view, std::uint32_t lexeme, bool prefix);
  TokenIndex build() const;

 private:
  void insert(std::string key, TokenHit hit);

  std::map<std::string, std::vector<TokenHit>> keys_;  // sorted: a stable file
  std::size_t longest_prefix_ = 0;
};

}  // namespace modfilter
