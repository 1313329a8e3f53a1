// Writing JSON by hand into a reused std::string: the verdict object of
// DESIGN.md, with strings escaped so any input bytes give valid JSON (invalid
// UTF-8 becomes U+FFFD).
#pragma once

#include <string>
#include <string_view>

#include "engine/policy/verdict.h"

namespace modfilter {

// Appends `text` as a JSON string literal (with the quotes).
void append_json_string(std::string& out, std::string_view text);

// Appends the members "verdict", "reasons" and "ruleset" (no braces), with
// each reason's spans and excerpt taken from `text`, the screened comment.
void append_verdict_members(std::string& out, const Verdict& verdict,
                            std::string_view text);


}  // namespace modfilter
