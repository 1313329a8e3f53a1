// Printing an EvalRun: Markdown tables for people (the default of
// `modfilter eval`), JSON for programs (--json). Both print the same
// figures; ratios with no denominator print as "n/a" / null.
#pragma once

#include <string>

#include "engine/eval/evaluate.h"

namespace modfilter {

std::string eval_report_markdown(const EvalRun& run);
std::string eval_report_json(const EvalRun& run);

}  // namespace modfilter
