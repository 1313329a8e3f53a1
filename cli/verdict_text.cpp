#include "cli/verdict_text.h"

#include "engine/io/json_writer.h"

namespace modfilter::cli {

void append_verdict_text(std::string& out, const Verdict& verdict,
                         std::string_view text, std::string_view label) {
  if (!label.empty()) {
    out += label;
    out += ": ";
  }
  out += to_string(verdict.decision);
  out += '\n';
  for (const Reason& r : verdict.reasons) {
    out += "  ";
    out += to_string(r.action);
    out += "  ";
    out += r.rule;
    out += " (";
    out += r.category;
    if (!r.subcategory.empty()) {
      out += '/';
      out += r.subcategory;
    }
    out += ") ";
    append_json_string(out, text.substr(r.excerpt.begin, r.excerpt.size()));
    for (const ByteSpan& s : r.spans) {
      out += " [" + std::to_string(s.begin) + "," + std::to_string(s.end) + "]";
    }
    out += ": ";
    out += r.reason;
    out += '\n';
  }
}

}  // namespace modfilter::cli
