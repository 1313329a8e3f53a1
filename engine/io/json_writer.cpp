#include "engine/io/json_writer.h"

#include <charconv>

#include "engine/core/utf8.h"

namespace modfilter {
namespace {

void append_number(std::string& out, std::uint64_t value) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, end);
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence_length(text, i);
      if (n == 0) {
        out += "\xef\xbf\xbd";  // U+FFFD for a byte that is not UTF-8
        ++i;
      } else {
        out.append(text.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void append_verdict_members(std::string& out, const Verdict& verdict,
                            std::string_view text) {
  out += "\"verdict\":\"";
  out += to_string(verdict.decision);
  out += "\",\"reasons\":[";
  bool first_reason = true;
  for (const Reason& r : verdict.reasons) {
    if (!first_reason) out += ',';
    first_reason = false;
    out += "{\"rule\":";
    append_json_string(out, r.rule);
    out += ",\"category\":";
    append_json_string(out, r.category);
    if (!r.subcategory.empty()) {
      out += ",\"subcategory\":";
      append_json_string(out, r.subcategory);
    }
    out += ",\"action\":\"";
    out += to_string(r.action);
    out += "\",\"reason\":";
    append_json_string(out, r.reason);
    out += ",\"spans\":[";
    bool first_span = true;
    for (const ByteSpan& s : r.spans) {
      if (!first_span) out += ',';
      first_span = false;
      out += '[';
      append_number(out, s.begin);
      out += ',';
      append_number(out, s.end);
      out += ']';
    }
    out += "],\"excerpt\":";
    append_json_string(out, text.substr(r.excerpt.begin, r.excerpt.size()));
    out += '}';
  }
  out += "],\"ruleset\":";
  append_json_string(out, verdict.ruleset);
}

}  // namespace modfilter
