#include "engine/audit/highlight.h"

#include <algorithm>

namespace modfilter {

std::vector<ByteSpan> merge_spans(std::vector<ByteSpan> spans, std::size_t size) {
  const auto limit = static_cast<std::uint32_t>(size);
  std::vector<ByteSpan> merged;
  std::sort(spans.begin(), spans.end(), [](const ByteSpan& a, const ByteSpan& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
  });
  for (ByteSpan s : spans) {
    s.end = std::min(s.end, limit);
    if (s.begin >= s.end) continue;
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

void append_highlighted(std::string& out, std::string_view text,
                        const std::vector<ByteSpan>& spans, std::string_view open,
                        std::string_view close, AppendText append_text) {
  std::size_t at = 0;
  for (const ByteSpan& s : merge_spans(spans, text.size())) {
    append_text(out, text.substr(at, s.begin - at));
    out += open;
    append_text(out, text.substr(s.begin, s.size()));
    out += close;
    at = s.end;
  }
  append_text(out, text.substr(at));
}

namespace {

// The code point of the three-byte sequence at s[i] when it is an invisible
// or bidirectional format character, else 0.
char32_t format_character(std::string_view s, std::size_t i) {
  if (i + 2 >= s.size()) return 0;
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  if ((b0 & 0xf0) != 0xe0 || (b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80) return 0;
  const char32_t cp = (char32_t{b0} & 0x0f) << 12 | (char32_t{b1} & 0x3f) << 6 |
                      (char32_t{b2} & 0x3f);
  const bool hidden = (cp >= 0x200b && cp <= 0x200f) ||  // ZWSP..RLM
                      (cp >= 0x202a && cp <= 0x202e) ||  // LRE..RLO
                      (cp >= 0x2060 && cp <= 0x2064) ||  // WJ..invisible plus
                      (cp >= 0x2066 && cp <= 0x2069) ||  // LRI..PDI
                      cp == 0xfeff;                      // BOM
  return hidden ? cp : 0;
}

}  // namespace

void append_terminal_text(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (const char32_t cp = format_character(text, i)) {
      out += "\\u{";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xf];
      out += '}';
      i += 2;
      continue;
    }
    // U+0080..U+009F arrive as C2 80..C2 9F.
    const bool c1 = c == 0xc2 && i + 1 < text.size() &&
                    static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f || c1) {
      const auto byte = c1 ? static_cast<unsigned char>(text[++i]) : c;
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
}

}  // namespace modfilter
