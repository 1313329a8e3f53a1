// Markdown table helpers shared by the eval and lint reports.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace modfilter {

// Text safe inside a table cell: '|' would end the cell, and a backslash
// or backtick would change what follows.
inline std::string markdown_cell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '|' || c == '\\' || c == '`') out += '\\';
    out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out;
}

// A ratio with three decimals ("0.912"), "n/a" for NaN; `sign` writes "+".
inline std::string markdown_ratio(double value, bool sign = false) {
  if (std::isnan(value)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, sign ? "%+.3f" : "%.3f", value);
  return buffer;
}

}  // namespace modfilter
