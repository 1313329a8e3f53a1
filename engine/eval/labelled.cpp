#include "engine/eval/labelled.h"

#include <simdjson.h>

namespace modfilter {
namespace {

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Reads a list of strings; a missing field or null is an empty list.
std::optional<std::string> read_strings(simdjson::dom::object& object,
                                        std::string_view key,
                                        std::vector<std::string>& out) {
  out.clear();
  simdjson::dom::element value;
  if (object[key].get(value) || value.is_null()) return std::nullopt;
  simdjson::dom::array array;
  if (value.get_array().get(array)) {
    return "field '" + std::string(key) + "' is not a list";
  }
  for (simdjson::dom::element item : array) {
    std::string_view text;
    if (item.get_string().get(text)) {
      return "field '" + std::string(key) + "' holds a non-string";
    }
    out.emplace_back(text);
  }
  return std::nullopt;
}

}  // namespace

struct LabelledReader::Impl {
  std::istream& in;
  std::string source;
  std::uint64_t line_no = 0;
  std::string line;
  simdjson::dom::parser parser;

  Impl(std::istream& stream, std::string name)
      : in(stream), source(std::move(name)) {}

  Error error(std::string message, std::string hint = {}) const {
    return Error{ErrorKind::kInput, source, static_cast<int>(line_no), 0, "",
                 std::move(message), std::move(hint)};
  }

  std::optional<Error> parse(Labelled& row) {
    simdjson::dom::element doc;
    if (auto err = parser.parse(line.data(), line.size(), true).get(doc)) {
      return error(std::string("not valid JSON: ") +
                       simdjson::error_message(err),
                   "each line must be one JSON object");
    }
    simdjson::dom::object object;
    if (doc.get_object().get(object)) {
      return error("the line is JSON but not an object");
    }
    std::string_view text;
    if (object["text"].get_string().get(text)) {
      return error("no 'text' string", "each row needs \"text\": \"...\"");
    }
    row.text.assign(text);
    std::string_view verdict;
    if (object["verdict"].get_string().get(verdict)) {
      return error("no 'verdict' string",
                   "each row needs \"verdict\": \"approve\" or \"reject\"");
    }
    if (verdict == "reject" || verdict == "review") {
      row.reject = true;
    } else if (verdict == "approve") {
      row.reject = false;
    } else {
      return error("verdict '" + std::string(verdict) + "' is not approve or reject");
    }
    if (auto e = read_strings(object, "categories", row.categories)) return error(*e);
    if (auto e = read_strings(object, "subcategories", row.subcategories)) {
      return error(*e);
    }
    row.id.clear();
    simdjson::dom::element id;
    if (!object["id"].get(id)) {
      std::string_view id_text;
      row.id = id.get_string().get(id_text) ? simdjson::minify(id)
                                            : std::string(id_text);
    }
    row.lang.clear();
    std::string_view lang;
    if (!object["lang"].get_string().get(lang)) row.lang.assign(lang);
    row.trick.clear();
    std::string_view trick;
    if (!object["trick"].get_string().get(trick)) row.trick.assign(trick);
    row.functionality.clear();
    std::string_view functionality;
    if (!object["functionality"].get_string().get(functionality)) {
      row.functionality.assign(functionality);
    }
    return std::nullopt;
  }
};

LabelledReader::LabelledReader(std::istream& in, std::string source)
    : impl_(std::make_unique<Impl>(in, std::move(source))) {}

LabelledReader::~LabelledReader() = default;

bool LabelledReader::next(Labelled& row, std::optional<Error>& error) {
  Impl& d = *impl_;
  do {
    if (!std::getline(d.in, d.line)) return false;
    ++d.line_no;
  } while (blank(d.line));
  row.line = d.line_no;
  error = d.parse(row);
  return true;
}

}  // namespace modfilter
