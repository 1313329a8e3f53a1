#include "python/py_verdict.h"

#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/io/json_writer.h"

namespace modfilter::python {
namespace {

namespace py = pybind11;

using Span = std::pair<std::uint32_t, std::uint32_t>;

struct PyReason {
  std::string rule;
  std::string category;
  std::optional<std::string> subcategory;
  std::string action;
  std::string reason;
  std::vector<Span> spans;
  std::vector<Span> char_spans;
  py::object excerpt;
};

// Code points in `utf8` before byte `offset` (continuation bytes are not
// counted), so that a byte span becomes an index into the Python str.
std::uint32_t char_offset(std::string_view utf8, std::uint32_t offset) {
  std::uint32_t n = 0;
  for (std::uint32_t i = 0; i < offset && i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

py::object decoded(std::string_view bytes) {
  PyObject* s = PyUnicode_DecodeUTF8(bytes.data(),
                                     static_cast<Py_ssize_t>(bytes.size()),
                                     "replace");
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(s);
}

PyReason to_python(const Reason& r, std::string_view utf8) {
  PyReason out{std::string(r.rule), std::string(r.category), std::nullopt,
               to_string(r.action), std::string(r.reason), {}, {},
               decoded(utf8.substr(r.excerpt.begin, r.excerpt.size()))};
  if (!r.subcategory.empty()) out.subcategory = std::string(r.subcategory);
  for (const ByteSpan& s : r.spans) {
    out.spans.emplace_back(s.begin, s.end);
    out.char_spans.emplace_back(char_offset(utf8, s.begin),
                                char_offset(utf8, s.end));
  }
  return out;
}

std::string reason_repr(const PyReason& r) {
  return "<modfilter.Reason " + r.rule + " (" + r.category + ", " + r.action +
         ")>";
}

}  // namespace

std::string_view utf8_of(py::handle text) {
  if (PyUnicode_Check(text.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    return {data, static_cast<std::size_t>(size)};
  }
  if (PyBytes_Check(text.ptr())) {
    return {PyBytes_AS_STRING(text.ptr()),
            static_cast<std::size_t>(PyBytes_GET_SIZE(text.ptr()))};
  }
  throw py::type_error("modfilter: a comment is a str or bytes, not " +
                       std::string(py::str(py::type::of(text).attr("__name__"))));
}

std::string verdict_json(const PyVerdict& v) {
  std::string out = "{";
  append_verdict_members(out, v.verdict, v.utf8);
  out += '}';
  return out;
}

void bind_verdict(py::module_& m) {
  py::class_<PyReason>(m, "Reason",
                       "One rule that fired on a comment, with where it fired.")
      .def_readonly("rule", &PyReason::rule, "The rule's id, e.g. 'threat.kill-you'.")
      .def_readonly("category", &PyReason::category,
                    "profanity, threat, abuse or promotion.")
      .def_readonly("subcategory", &PyReason::subcategory,
                    "e.g. 'sexism' or 'racism'; None when the rule has none.")
      .def_readonly("action", &PyReason::action,
                    "What the rule asks for: 'reject' or 'review'.")
      .def_readonly("reason", &PyReason::reason,
                    "The rule's explanation, for moderators.")
      .def_readonly("spans", &PyReason::spans,
                    "[(begin, end), ...] byte offsets into the comment's UTF-8 "
                    "encoding, as in scan's JSON.")
      .def_readonly("char_spans", &PyReason::char_spans,
                    "The same spans as indexes into the Python str: "
                    "text[begin:end] is the matched text.")
      .def_readonly("excerpt", &PyReason::excerpt,
                    "The matched text as the commenter wrote it.")
      .def("__repr__", &reason_repr);

  py::class_<PyVerdict>(m, "Verdict",
                        "What screening decided about one comment, and why.")
      .def_property_readonly(
          "verdict",
          [](const PyVerdict& v) { return to_string(v.verdict.decision); },
          "'approve', 'review' or 'reject'.")
      .def_property_readonly(
          "reasons",
          [](const PyVerdict& v) {
            std::vector<PyReason> out;
            out.reserve(v.verdict.reasons.size());
            for (const Reason& r : v.verdict.reasons) out.push_back(to_python(r, v.utf8));
            return out;
          },
          "The rules that fired, in rule-set order (a list of Reason); empty "
          "when approved.")
      .def_property_readonly(
          "ruleset", [](const PyVerdict& v) { return std::string(v.verdict.ruleset); },
          "'name@hash8' of the rule set that screened the comment.")
      .def_readonly("text", &PyVerdict::text, "The comment, as given.")
      .def("to_json", &verdict_json,
           "The verdict as the JSON object `modfilter scan` writes (its "
           "verdict, reasons and ruleset members; scan adds the input "
           "record's own fields, such as id and text, around them).")
      .def(
          "to_dict",
          [](const PyVerdict& v) {
            return py::module_::import("json").attr("loads")(verdict_json(v));
          },
          "to_json() as a dict: {'verdict': ..., 'reasons': [...], "
          "'ruleset': ...}.")
      .def("__repr__", [](const PyVerdict& v) {
        std::string out = "<modfilter.Verdict ";
        out += to_string(v.verdict.decision);
        for (const Reason& r : v.verdict.reasons) {
          out += ' ';
          out += r.rule;
        }
        return out + '>';
      });
}

}  // namespace modfilter::python
