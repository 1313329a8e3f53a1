// UTF-8, decoded in this one place for the whole engine: the normaliser,
// language detection, redaction and the writers of JSON and HTML. By hand:
// ASCII text must reach the view without any ICU call, and a stray byte
// has to cost only itself (never the valid character after it), which is
// not how ICU's converters recover.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace modfilter {

struct DecodedChar {
  char32_t cp = 0;
  std::size_t length = 0;  // 0: the byte at the position starts no valid char
};

// The character starting at text[pos]. Rejects overlong forms, surrogates
// and code points past U+10FFFF; never reads past the end of `text`.
inline DecodedChar decode_utf8(std::string_view text,
                               std::size_t pos) noexcept {
  const auto byte = [&](std::size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  char32_t cp = 0;
  // The range of the first continuation byte is narrower after some leads:
  // that is what excludes overlong forms, surrogates and > U+10FFFF.
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {};
  }
  if (text.size() - pos < length) return {};
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char c = byte(pos + i);
    if (c < low || c > high) return {};
    low = 0x80;
    high = 0xBF;
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, length};
}

// Length of the well-formed UTF-8 sequence starting at s[i] (1 for ASCII),
// or 0 when the bytes there are not UTF-8.
inline std::size_t utf8_sequence_length(std::string_view s,
                                        std::size_t i) noexcept {
  return static_cast<unsigned char>(s[i]) < 0x80 ? 1
                                                 : decode_utf8(s, i).length;
}

// Replaces every byte that is not part of well-formed UTF-8 with U+FFFD
// (JSON output must be valid UTF-8 whatever bytes came in). Returns false
// when `s` was already valid (and is unchanged).
bool repair_utf8(std::string& s);

// Whether every byte of `text` is ASCII; eight bytes at a time, since most
// comments are.
inline bool is_ascii(std::string_view text) noexcept {
  constexpr std::uint64_t kHighBits = 0x8080808080808080;
  std::uint64_t bits = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    bits |= word;
  }
  for (; i < text.size(); ++i) bits |= static_cast<unsigned char>(text[i]);
  return (bits & kHighBits) == 0;
}

// Writes `cp` as UTF-8 to out[0..4); returns the number of bytes written.
inline std::size_t encode_utf8(char32_t cp, char* out) noexcept {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

}  // namespace modfilter
