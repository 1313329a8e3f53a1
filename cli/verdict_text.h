// Human-readable verdicts for the terminal (check, scan --format text).
#pragma once

#include <string>
#include <string_view>

#include "engine/policy/verdict.h"

namespace modfilter::cli {

// "reject  threat.kill-you (threat) "kill you" [7,15]: Threat of violence"
// lines, one per reason, after a first line with the decision.
void append_verdict_text(std::string& out, const Verdict& verdict,
                         std::string_view text, std::string_view label);

}  // namespace modfilter::cli
