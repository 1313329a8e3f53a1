// modfilter.Verdict and modfilter.Reason: a screened comment as Python sees
// it. A Verdict keeps the comment it was screened from and a copy of the
// Engine (whose compiled rules its strings point into), so it stays valid
// however long Python holds it. Reasons are built only when asked for:
// approving a comment costs no Python object beyond the Verdict itself.
#pragma once

#include <pybind11/pybind11.h>

#include <string_view>

#include "engine/engine.h"
#include "engine/policy/verdict.h"

namespace modfilter::python {

struct PyVerdict {
  Engine engine;
  pybind11::object text;  // the comment as given: str or bytes
  std::string_view utf8;  // its UTF-8 bytes, owned by `text`
  Verdict verdict;
};

// The UTF-8 bytes of a str (CPython keeps them with the object) or of a
// bytes object; TypeError for anything else, UnicodeEncodeError for a str
// holding lone surrogates. Valid while `text` lives.
std::string_view utf8_of(pybind11::handle text);

// The verdict members `modfilter scan` writes, as one JSON object.
std::string verdict_json(const PyVerdict& verdict);

void bind_verdict(pybind11::module_& module);

}  // namespace modfilter::python
