// CsvParser: RFC 4180 records (quoted fields, doubled quotes, line breaks
// inside quotes) read from a stream.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace modfilter {

class CsvParser {
 public:
  // Reads one record into `fields`; false at the end of the input.
  // `line_no` advances by the lines the record spans.
  bool read(std::istream& in, std::vector<std::string>& fields,
            std::uint64_t& line_no);
};

// Appends `value` as a CSV field, quoted when it needs to be.
void append_csv_field(std::string& out, std::string_view value);

}  // namespace modfilter
