#include "engine/io/verdict_writer.h"

#include "engine/io/csv.h"
#include "engine/io/json_writer.h"
#include "engine/policy/redact.h"

namespace modfilter {

void append_verdict_json(std::string& out, const VerdictRecord& record,
                         const Verdict& verdict) {
  out += '{';
  if (!record.id_json.empty()) {
    out += "\"id\":";
    out += record.id_json;
    out += ',';
  }
  if (!record.leading_members.empty()) {
    out += record.leading_members;
    out += ',';
  }
  append_verdict_members(out, verdict, record.text);
  if (!record.redact_categories.empty()) {
    out += ",\"redacted\":";
    append_json_string(out,
                       redact(record.text, verdict, record.redact_categories));
  }
  out += '}';
}

void append_verdict_csv(std::string& out, const VerdictRecord& record,
                        const Verdict& verdict) {
  append_csv_field(out, record.label);
  out += ',';
  out += to_string(verdict.decision);
  std::string rules, categories, excerpts;
  for (const Reason& r : verdict.reasons) {
    const char* sep = rules.empty() ? "" : ";";
    rules += sep;
    rules += r.rule;
    categories += sep;
    categories += r.category;
    excerpts += sep;
    excerpts += record.text.substr(r.excerpt.begin, r.excerpt.size());
  }
  out += ',';
  append_csv_field(out, rules);
  out += ',';
  append_csv_field(out, categories);
  out += ',';
  append_csv_field(out, excerpts);
  out += '\n';
}

void append_verdict_text(std::string& out, const VerdictRecord& record,
                         const Verdict& verdict) {
  if (!record.label.empty()) {
    out += record.label;
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
    append_json_string(out, record.text.substr(r.excerpt.begin, r.excerpt.size()));
    for (const ByteSpan& s : r.spans) {
      out += " [" + std::to_string(s.begin) + "," + std::to_string(s.end) + "]";
    }
    out += ": ";
    out += r.reason;
    out += '\n';
  }
}

}  // namespace modfilter
