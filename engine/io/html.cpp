#include "engine/io/html.h"

#include <cstdio>

#include "engine/core/utf8.h"

namespace modfilter {

const char* const kHtmlStyle = R"css(
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
 margin:24px auto;max-width:1140px;padding:0 16px;color:#1d232b;background:#fff}
h1{font-size:26px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.meta{color:#5b6570;margin:0 0 16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{flex:1;min-width:150px;border:1px solid #dde2e7;border-radius:8px;padding:10px 14px}
.card b{display:block;font-size:24px}.card span{color:#5b6570}
.row{display:flex;gap:24px;flex-wrap:wrap}.row>div{flex:1;min-width:420px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e6e9ed;vertical-align:top}
th{background:#f4f6f8}.n{text-align:right;font-variant-numeric:tabular-nums}
mark{background:#ffd6d6;color:#8b0000;font-weight:600;padding:0 1px}
.v-approve{color:#2e7d32}.v-review{color:#a86b00}.v-reject{color:#c62828}
.bar{background:#e6e9ed;height:10px;width:120px;display:inline-block;vertical-align:middle}
.bar i{display:block;height:10px;background:#2e7d32}
.empty{color:#5b6570;font-style:italic}
code{font-size:13px}svg text{font:12px system-ui,sans-serif;fill:#1d232b}
)css";

void append_html_text(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t n = utf8_sequence_length(text, i);
      if (n == 0) {
        out += "\xef\xbf\xbd";
        ++i;
      } else {
        out.append(text.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
    ++i;
  }
}

std::string svg_number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

void append_svg_rect(std::string& out, double x, double y, double w, double h,
                     const char* color, std::string_view title) {
  out += "<rect x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) +
         "\" width=\"" + svg_number(w) + "\" height=\"" + svg_number(h) +
         "\" fill=\"" + color + "\"><title>";
  append_html_text(out, title);
  out += "</title></rect>";
}

void append_svg_text(std::string& out, double x, double y,
                     std::string_view anchor, std::string_view text,
                     std::string_view extra) {
  out += "<text x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) +
         "\" text-anchor=\"";
  out += anchor;
  out += '"';
  if (!extra.empty()) {
    out += ' ';
    out += extra;
  }
  out += '>';
  append_html_text(out, text);
  out += "</text>";
}

}  // namespace modfilter
