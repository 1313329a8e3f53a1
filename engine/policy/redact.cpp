#include "engine/policy/redact.h"

#include <algorithm>
#include <vector>

#include "engine/core/utf8.h"

namespace modfilter {
namespace {

bool is_continuation(std::string_view text, std::size_t i) {
  return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

// Merged spans of the named categories, each widened to whole characters
// (a span that starts or ends inside a UTF-8 sequence would otherwise leave
// half a character behind).
std::vector<ByteSpan> spans_to_mask(std::string_view text,
                                    const Verdict& verdict,
                                    std::span<const std::string_view> categories) {
  std::vector<ByteSpan> spans;
  for (const Reason& reason : verdict.reasons) {
    if (std::find(categories.begin(), categories.end(), reason.category) ==
        categories.end()) {
      continue;
    }
    for (ByteSpan span : reason.spans) {
      std::size_t begin = std::min<std::size_t>(span.begin, text.size());
      std::size_t end = std::min<std::size_t>(span.end, text.size());
      while (begin > 0 && begin < text.size() && is_continuation(text, begin)) {
        --begin;
      }
      while (end < text.size() && is_continuation(text, end)) ++end;
      if (begin < end) {
        spans.push_back({static_cast<std::uint32_t>(begin),
                         static_cast<std::uint32_t>(end)});
      }
    }
  }
  std::sort(spans.begin(), spans.end(), [](ByteSpan a, ByteSpan b) {
    return a.begin < b.begin;
  });
  std::vector<ByteSpan> merged;
  for (ByteSpan span : spans) {
    if (!merged.empty() && span.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, span.end);
    } else {
      merged.push_back(span);
    }
  }
  return merged;
}

// Length of the character at text[i]: 1 for ASCII and for a byte that is
// not UTF-8 (`valid` false), else the sequence's length.
std::size_t char_length(std::string_view text, std::size_t i, bool& valid) {
  if (static_cast<unsigned char>(text[i]) < 0x80) {
    valid = true;
    return 1;
  }
  const std::size_t length = decode_utf8(text, i).length;
  valid = length != 0;
  return valid ? length : 1;
}

// Appends the mask of text[begin, end): its first character as written
// (when it is UTF-8), then one '*' for each further character.
void append_mask(std::string& out, std::string_view text, std::size_t begin,
                 std::size_t end) {
  const std::string_view span = text.substr(0, end);
  for (std::size_t i = begin; i < end;) {
    bool valid = false;
    const std::size_t length = char_length(span, i, valid);
    if (i == begin && valid) {
      out.append(span.substr(i, length));
    } else {
      out += '*';
    }
    i += length;
  }
}

}  // namespace

std::string redact(std::string_view text, const Verdict& verdict,
                   std::span<const std::string_view> categories) {
  const std::vector<ByteSpan> spans = spans_to_mask(text, verdict, categories);
  std::string out;
  out.reserve(text.size());
  std::size_t done = 0;
  for (ByteSpan span : spans) {
    out.append(text.substr(done, span.begin - done));
    append_mask(out, text, span.begin, span.end);
    done = span.end;
  }
  out.append(text.substr(done));
  return out;
}

}  // namespace modfilter
