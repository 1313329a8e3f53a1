// Little-endian binary encoding for the .mfdb format: a writer that appends
// to a string and a reader that checks every length against what is left,
// so a damaged or hostile file fails cleanly instead of reading past the
// end or allocating without bound.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace modfilter {

class BinaryWriter {
 public:
  void u8(std::uint8_t v) { out_ += static_cast<char>(v); }
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out_ += static_cast<char>(v >> (8 * i));
  }
  void u64(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out_ += static_cast<char>(v >> (8 * i));
  }
  void bytes(std::string_view s) {
    u64(s.size());
    out_ += s;
  }
  std::string& data() { return out_; }

 private:
  std::string out_;
};

class BinaryReader {
 public:
  explicit BinaryReader(std::string_view in) : in_(in) {}

  bool ok() const noexcept { return ok_; }
  bool at_end() const noexcept { return pos_ == in_.size(); }

  std::uint8_t u8() { return static_cast<std::uint8_t>(take(1)[0]); }
  std::uint32_t u32() {
    const std::string_view b = take(4);
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[i])) << (8 * i);
    }
    return v;
  }
  std::uint64_t u64() {
    const std::string_view b = take(8);
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[i])) << (8 * i);
    }
    return v;
  }
  std::string_view bytes() {
    const std::uint64_t n = u64();
    if (n > in_.size() - pos_) {
      ok_ = false;
      return {};
    }
    return take(static_cast<std::size_t>(n));
  }
  std::string string() { return std::string(bytes()); }
  // A count of items that each take at least `min_item_bytes`: bounded by
  // what is left, so a corrupt count cannot make us allocate gigabytes.
  std::size_t count(std::size_t min_item_bytes) {
    const std::uint64_t n = u64();
    if (n > (in_.size() - pos_) / (min_item_bytes == 0 ? 1 : min_item_bytes)) {
      ok_ = false;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }

 private:
  std::string_view take(std::size_t n) {
    static constexpr char kZeros[8] = {};
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return std::string_view(kZeros, n <= 8 ? n : 0);
    }
    const std::string_view out = in_.substr(pos_, n);
    pos_ += n;
    return out;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace modfilter
