#include "engine/io/csv.h"

#include <algorithm>

namespace modfilter {

bool CsvParser::read(std::istream& in, std::vector<std::string>& fields,
                     std::uint64_t& line_no) {
  fields.clear();
  longest_ = 0;
  int c = in.get();
  if (c == std::char_traits<char>::eof()) return false;
  ++line_no;
  std::string field;
  std::size_t field_bytes = 0;  // as in the input, even when not all kept
  const auto add = [&](char ch) {
    if (++field_bytes <= max_field_bytes_) field += ch;
  };
  const auto end_field = [&] {
    longest_ = std::max(longest_, field_bytes);
    fields.push_back(std::move(field));
    field.clear();
    field_bytes = 0;
  };
  bool quoted = false;
  bool was_quoted = false;
  for (; c != std::char_traits<char>::eof(); c = in.get()) {
    const char ch = static_cast<char>(c);
    if (quoted) {
      if (ch == '"') {
        if (in.peek() == '"') {
          add('"');
          in.get();
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line_no;
        add(ch);
      }
      continue;
    }
    if (ch == '"' && field_bytes == 0 && !was_quoted) {
      quoted = was_quoted = true;
    } else if (ch == ',') {
      end_field();
      was_quoted = false;
    } else if (ch == '\n') {
      break;
    } else if (ch != '\r') {
      add(ch);
    }
  }
  end_field();
  return true;
}

void append_csv_field(std::string& out, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace modfilter
