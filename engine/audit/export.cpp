#include "engine/audit/export.h"

#include <map>
#include <set>
#include <tuple>

#include "engine/io/json_writer.h"

namespace modfilter {
namespace {

// A note inside a YAML comment: one line, whatever the moderator typed.
std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

void append_entry(std::string& out, const StoredComment& c) {
  out += "        - ";
  append_json_string(out, *c.text);  // a JSON string is a YAML scalar
  out += "  # audit #" + std::to_string(c.id);
  if (!c.input_id.empty()) out += " (" + one_line(c.input_id) + ")";
  out += ", was ";
  out += to_string(c.verdict);
  if (c.label && !c.label->note.empty()) out += ": " + one_line(c.label->note);
  out += '\n';
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) noexcept {
  if (name == "jsonl") return ExportFormat::kJsonLines;
  if (name == "tests") return ExportFormat::kRuleTests;
  return std::nullopt;
}

std::optional<Decision> expected_decision(const StoredComment& c) {
  if (!c.label || c.label->correct) return c.verdict;
  if (c.verdict != Decision::kApprove) return Decision::kApprove;
  return std::nullopt;
}

void append_export_jsonl(std::string& out, const std::vector<StoredComment>& comments) {
  for (const StoredComment& c : comments) {
    out += "{\"id\":";
    if (c.input_id.empty()) {
      out += "null";
    } else {
      append_json_string(out, c.input_id);
    }
    out += ",\"audit_id\":" + std::to_string(c.id);
    if (c.text) {
      out += ",\"text\":";
      append_json_string(out, *c.text);
    } else {
      out += ",\"text_hash\":";
      append_json_string(out, c.text_hash);
    }
    out += ",\"verdict\":\"";
    out += to_string(c.verdict);
    out += "\",\"expected\":";
    const auto expected = expected_decision(c);
    if (expected) {
      out += '"';
      out += to_string(*expected);
      out += '"';
    } else {
      out += "null";
    }
    out += ",\"rules\":[";
    for (std::size_t i = 0; i < c.reasons.size(); ++i) {
      if (i > 0) out += ',';
      append_json_string(out, c.reasons[i].rule);
    }
    out += "],\"label\":";
    if (c.label) {
      out += c.label->correct ? "\"correct\"" : "\"wrong\"";
      out += ",\"note\":";
      append_json_string(out, c.label->note);
    } else {
      out += "null";
    }
    out += ",\"ruleset\":";
    append_json_string(out, c.ruleset);
    out += "}\n";
  }
}

void append_export_rule_tests(std::string& out,
                              const std::vector<StoredComment>& comments) {
  // rule -> expected verdict name -> comments; "" holds the missed ones.
  std::map<std::string, std::map<std::string, std::vector<const StoredComment*>>> blocks;
  // The same text judged twice is one test.
  std::set<std::tuple<std::string, std::string, std::string_view>> seen;
  const auto add = [&](const std::string& rule, const std::string& expect,
                       const StoredComment& c) {
    if (seen.emplace(rule, expect, *c.text).second) blocks[rule][expect].push_back(&c);
  };
  std::size_t hashed = 0;
  for (const StoredComment& c : comments) {
    if (!c.text) {
      ++hashed;
      continue;
    }
    const auto expected = expected_decision(c);
    if (c.reasons.empty()) {
      add("", expected ? to_string(*expected) : "reject", c);
      continue;
    }
    for (const StoredReason& r : c.reasons) {
      // A rule that was right says so with its own action; a false
      // positive must now be approved.
      const std::string expect =
          expected == Decision::kApprove ? "approve" : r.action;
      add(r.rule, expect, c);
    }
  }
  out += "# modfilter audit export: paste each block under the `tests:` of\n"
         "# the rule it names (rules/*.yaml), then run 'modfilter test'.\n";
  if (hashed > 0) {
    out += "# " + std::to_string(hashed) +
           " comment(s) kept only as a hash were left out.\n";
  }
  for (const auto& [rule, by_expect] : blocks) {
    out += '\n';
    out += rule.empty()
               ? "# no rule fired; add these to the rule that should have "
                 "(reject, or review)\n"
               : "# " + rule + "\n";
    out += "    tests:\n";
    for (const auto& [expect, entries] : by_expect) {
      out += "      " + expect + ":\n";
      for (const StoredComment* c : entries) append_entry(out, *c);
    }
  }
}

}  // namespace modfilter
