// The audit report: one self-contained HTML page (inline CSS and SVG, no
// script, nothing fetched from the network) with verdicts over time,
// rejections by category and by rule, precision per rule where moderators
// labelled comments, and the latest false positives. Every piece of text
// from the store is HTML-escaped.
#pragma once

#include <cstdint>
#include <expected>
#include <string>

#include "engine/audit/audit_store.h"
#include "engine/core/error.h"
#include "engine/io/html.h"  // append_html_text

namespace modfilter {

struct ReportOptions {
  // top_rules (15)        rules in the rejections-by-rule chart
  // false_positives (10)  latest false positives listed
  // generated_ms (0)      the time printed as "generated"; 0: now
  std::size_t top_rules = 15;
  std::size_t false_positives = 10;
  std::int64_t generated_ms = 0;
};

std::expected<std::string, Errors> render_html_report(AuditStore& store,
                                                      const ReportOptions& options = {});

}  // namespace modfilter
