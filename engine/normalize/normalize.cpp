#include "engine/normalize/normalize.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "engine/core/assert.h"
#include "engine/normalize/ascii_pass.h"
#include "engine/normalize/ascii_view.h"
#include "engine/normalize/reference_path.h"
#include "engine/core/utf8.h"
#include "engine/normalize/view_writer.h"

namespace modfilter {

Normalizer::Normalizer() = default;

void Normalizer::normalize(std::string_view text, NormalizedText& out,
                           const NormalizeOptions& options) const {
  // Offsets are 32-bit; inputs are capped far below this before they get here.
  MODFILTER_ASSERT(text.size() < std::numeric_limits<std::uint32_t>::max());
  if (!is_ascii(text)) {
    normalize_general(text, out, options);
  } else if (ascii_view_is_identity(text)) {
    ViewWriter::write_identity(out, text);
  } else {
    normalize_ascii(text, out, options);
  }
}

std::string Normalizer::normalize_word(std::string_view word) const {
  NormalizedText text;
  normalize(word, text);
  std::string view(text.view());
  for (char& c : view) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return view;
}

const Normalizer& default_normalizer() {
  static const Normalizer normalizer;
  return normalizer;
}

std::string token_key(std::string_view view_token) {
  std::string key;
  key.reserve(view_token.size());
  std::size_t last_length = 0;  // bytes of the last character of `key`
  for (std::size_t pos = 0; pos < view_token.size();) {
    const auto byte = static_cast<unsigned char>(view_token[pos]);
    // Runs are collapsed per character, not per byte, so that UTF-8 letters
    // are never cut in two.
    const std::size_t length =
        byte < 0x80
            ? 1
            : std::max<std::size_t>(decode_utf8(view_token, pos).length, 1);
    std::string_view c = view_token.substr(pos, length);
    pos += length;
    char ascii = 0;
    if (byte < 0x80) {
      ascii = static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte - 'A' + 'a'
                                                           : byte);
      // 1-for-l leetspeak reads as i in the view: l and i have to meet.
      if (ascii == 'l') ascii = 'i';
      c = std::string_view(&ascii, 1);
    }
    if (c.size() == last_length && std::string_view(key).ends_with(c)) continue;
    key += c;
    last_length = c.size();
  }
  return key;
}

}  // namespace modfilter
