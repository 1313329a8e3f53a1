// modfilter.RuleError: the engine's Errors as one Python exception, whose
// attributes say where the first problem is (file, line, column, rule_id)
// and whose `errors` list holds every one, as Engine::load collected them.
#pragma once

#include <pybind11/pybind11.h>

#include "engine/core/error.h"

namespace modfilter::python {

// Creates modfilter.RuleError in `module`; call once, at import.
void register_rule_error(pybind11::module_& module);

// Raises RuleError for `errors` (never empty): sets the Python error and
// throws pybind11::error_already_set.
[[noreturn]] void throw_rule_error(const Errors& errors);

}  // namespace modfilter::python
