// Writing Prometheus' text exposition format: metric headers, numbers and
// label values, shared by serve's and the worker's /metrics.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace modfilter::service {

// "# HELP NAME HELP" and "# TYPE NAME TYPE" lines.
void append_header(std::string& out, std::string_view name,
                   std::string_view type, std::string_view help);
void append_number(std::string& out, std::uint64_t value);
// Fixed notation: "0.0001" rather than "1e-04" in bucket labels.
void append_number(std::string& out, double value);
// A label value in double quotes: backslash, quote and newline escaped.
void append_label(std::string& out, std::string_view value);
// One sample: NAME{LABEL="VALUE"} NUMBER, the label left out when empty.
void append_sample(std::string& out, std::string_view name,
                   std::string_view label, std::string_view value,
                   std::uint64_t number);
void append_sample(std::string& out, std::string_view name,
                   std::string_view label, std::string_view value,
                   double number);

}  // namespace modfilter::service
