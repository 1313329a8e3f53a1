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

namespace {

template <typename Number>
void append_any_sample(std::string& out, std::string_view name,
                       std::string_view label, std::string_view value,
                       Number number) {
  out += name;
  if (!label.empty()) {
    out += '{';
    out += label;
    out += '=';
    append_label(out, value);
    out += '}';
  }
  out += ' ';
  append_number(out, number);
  out += '\n';
}

}  // namespace

void append_sample(std::string& out, std::string_view name,
                   std::string_view label, std::string_view value,
                   std::uint64_t number) {
  append_any_sample(out, name, label, value, number);
}

void append_sample(std::string& out, std::string_view name,
                   std::string_view label, std::string_view value,
                   double number) {
  append_any_sample(out, name, label, value, number);
}

}  // namespace modfilter::service
