#include "engine/io/csv.h"

namespace modfilter {

bool CsvParser::read(std::istream& in, std::vector<std::string>& fields,
                     std::uint64_t& line_no) {
  fields.clear();
  int c = in.get();
  if (c == std::char_traits<char>::eof()) return false;
  ++line_no;
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (; c != std::char_traits<char>::eof(); c = in.get()) {
    const char ch = static_cast<char>(c);
    if (quoted) {
      if (ch == '"') {
        if (in.peek() == '"') {
          field += '"';
          in.get();
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line_no;
        field += ch;
      }
      continue;
    }
    if (ch == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (ch == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (ch == '\n') {
      break;
    } else if (ch != '\r') {
      field += ch;
    }
  }
  fields.push_back(std::move(field));
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
