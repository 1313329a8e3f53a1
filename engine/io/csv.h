// CsvParser: RFC 4180 records (quoted fields, doubled quotes, line breaks
// inside quotes) read from a stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <limits>
#include <string>
#include <vector>

namespace modfilter {

class CsvParser {
 public:
  // A field longer than `max_field_bytes` is read to its end but only its
  // first `max_field_bytes` are kept: one huge field cannot exhaust memory.
  explicit CsvParser(std::size_t max_field_bytes =
                         std::numeric_limits<std::size_t>::max())
      : max_field_bytes_(max_field_bytes) {}

  // Reads one record into `fields`; false at the end of the input.
  // `line_no` advances by the lines the record spans.
  bool read(std::istream& in, std::vector<std::string>& fields,
            std::uint64_t& line_no);

  // The length of the longest field of the last record, as it was in the
  // input (more than max_field_bytes when one was cut).
  std::size_t longest_field() const noexcept { return longest_; }

 private:
  std::size_t max_field_bytes_;
  std::size_t longest_ = 0;
};

// Appends `value` as a CSV field, quoted when it needs to be.
void append_csv_field(std::string& out, std::string_view value);

}  // namespace modfilter
