// The verdict writers: one per output format, shared by every front end
// (scan, check, serve, the worker), so that a comment's verdict reads the
// same whichever way it was screened.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "engine/policy/verdict.h"

namespace modfilter {

// What a verdict writer needs of the comment besides its verdict.
struct VerdictRecord {
  std::string_view text;  // the screened comment: excerpts and spans
  // JSON: "id" first with this value, already JSON (a quoted string or a
  // number); empty: no "id".
  std::string_view id_json;
  // JSON: members (already JSON, no trailing comma) written before the
  // verdict's own, such as "id":"c-17" or the input's fields passed
  // through; CSV and text: unused.
  std::string_view leading_members;
  // CSV and text: what names the comment (its id, else its line).
  std::string_view label;
  // JSON: add "redacted", the text with these categories masked; empty:
  // no "redacted".
  std::span<const std::string_view> redact_categories;
};

// `{"id":ID,LEADING,"verdict":..,"reasons":[..],"ruleset":..[,"redacted":..]}`,
// no newline: the verdict object of DESIGN.md.
void append_verdict_json(std::string& out, const VerdictRecord& record,
                         const Verdict& verdict);

// `label,decision,rules,categories,excerpts` and a newline; the lists are
// joined with ';'. The header line is "id,verdict,rules,categories,excerpts".
void append_verdict_csv(std::string& out, const VerdictRecord& record,
                        const Verdict& verdict);

// Human-readable, for the terminal (check, scan --format text):
// "LABEL: reject" then one line per reason,
// "  reject  threat.kill-you (threat) "kill you" [7,15]: Threat of violence".
void append_verdict_text(std::string& out, const VerdictRecord& record,
                         const Verdict& verdict);

}  // namespace modfilter
