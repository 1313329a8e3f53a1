#include "service/common/prometheus_text.h"

#include <charconv>

namespace modfilter::service {

void append_number(std::string& out, std::uint64_t value) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

// Fixed notation: "0.0001" rather than "1e-04" in bucket labels.
void append_number(std::string& out, double value) {
  char buf[64];
  const auto result =
      std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed);
  out.append(buf, result.ptr);
}

// A label value: backslash, double quote and newline escaped.
void append_label(std::string& out, std::string_view value) {
  out += '"';
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
}

void append_header(std::string& out, std::string_view name,
                   std::string_view type, std::string_view help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

}  // namespace modfilter::service
