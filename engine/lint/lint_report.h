// Printing a LintReport: Markdown for people (the default of `modfilter
// lint`), JSON for programs (--json). The Markdown shortens long lists
// (`max_listed` items per rule); the JSON lists everything.
#pragma once

#include <cstddef>
#include <string>

#include "engine/lint/findings.h"

namespace modfilter {

std::string lint_report_markdown(const LintReport& report,
                                 std::size_t max_listed = 20);
std::string lint_report_json(const LintReport& report);

}  // namespace modfilter
