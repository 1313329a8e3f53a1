#include "python/rule_error.h"

namespace modfilter::python {
namespace {

namespace py = pybind11;

PyObject* rule_error_type = nullptr;

constexpr const char* kDoc =
    "A rule set, rule file or compiled database that could not be loaded.\n"
    "\n"
    "str(error) lists every problem as FILE:LINE:COL: rule RULE: MESSAGE\n"
    "(HINT). The attributes describe the first one:\n"
    "  file     the file concerned ('' when none)\n"
    "  line     1-based line (0 when unknown)\n"
    "  column   1-based column (0 when unknown)\n"
    "  rule_id  the rule concerned ('' when none)\n"
    "  message  what is wrong\n"
    "  hint     what to do about it ('' when none)\n"
    "  kind     io, yaml, schema, duplicate, pattern, database, input or limit\n"
    "and `errors` is a list of dicts with those keys, one per problem:\n"
    "nothing half-loads, so every problem of the rule set is reported.";

py::dict error_dict(const Error& e) {
  py::dict d;
  d["file"] = e.file;
  d["line"] = e.line;
  d["column"] = e.column;
  d["rule_id"] = e.rule_id;
  d["message"] = e.message;
  d["hint"] = e.hint;
  d["kind"] = to_string(e.kind);
  return d;
}

}  // namespace

void register_rule_error(py::module_& module) {
  rule_error_type = PyErr_NewExceptionWithDoc("modfilter.RuleError", kDoc,
                                              PyExc_Exception, nullptr);
  if (rule_error_type == nullptr) throw py::error_already_set();
  module.add_object("RuleError", py::handle(rule_error_type));
}

void throw_rule_error(const Errors& errors) {
  std::string text;
  py::list all;
  for (const Error& e : errors) {
    if (!text.empty()) text += '\n';
    text += e.to_string();
    all.append(error_dict(e));
  }
  py::object error = py::reinterpret_borrow<py::object>(rule_error_type)(text);
  if (!errors.empty()) {
    for (auto item : py::cast<py::dict>(all[0])) {
      py::setattr(error, item.first, item.second);
    }
  }
  py::setattr(error, "errors", all);
  PyErr_SetObject(rule_error_type, error.ptr());
  throw py::error_already_set();
}

}  // namespace modfilter::python
