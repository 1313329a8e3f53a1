// ContentHash: a stable 64-bit FNV-1a digest that names a rule set's
// content (in verdicts, audit records and compiled database headers). It
// identifies, it does not authenticate.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace modfilter {

class ContentHash {
 public:
  // Adds a length-prefixed field, so ("ab","c") and ("a","bc") differ.
  void add(std::string_view bytes) noexcept {
    mix_length(bytes.size());
    for (unsigned char c : bytes) mix(c);
  }
  std::uint64_t value() const noexcept { return state_; }
  std::string hex() const;

 private:
  void mix(unsigned char c) noexcept {
    state_ ^= c;
    state_ *= 0x100000001b3ULL;
  }
  void mix_length(std::size_t n) noexcept {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(n >> (8 * i)));
  }
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace modfilter
