// The Python module `modfilter`: Engine.load, screen, screen_many, redact,
// and RuleError. Screening runs with the GIL released, so Python threads
// screen in parallel, and screen_many spreads a batch over the cores.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "engine/io/worker_pool.h"
#include "engine/policy/redact.h"
#include "python/py_verdict.h"
#include "python/rule_error.h"

namespace modfilter::python {
namespace {

namespace py = pybind11;

constexpr const char* kModuleDoc = R"doc(modfilter: screen user comments before they are published.

A YAML rule set (profanity, threats, abuse, promotion) compiles into
Hyperscan databases; each comment gets 'approve', 'review' or 'reject'
with its reasons: the rule, its category, the words and where they are.

    import modfilter
    engine = modfilter.Engine.load("rules/")      # or a .yaml or .mfdb file
    v = engine.screen("I will kill you")
    v.verdict                    # 'reject'
    v.reasons[0].rule            # 'threat.kill-you'
    v.to_dict()                  # the JSON `modfilter scan` writes
    engine.screen_many(comments) # a list of Verdicts, on every core
    engine.redact("what the fuck")  # 'what the f***'

A rule set that cannot be loaded raises modfilter.RuleError, carrying
file, line, column and rule_id of the first problem and every problem in
`errors`. Screening itself never fails: any text is screened.

An Engine is safe to use from many threads; screen() and screen_many()
release the GIL while they screen.
)doc";

// Engine::screen's `languages`: None for "find it from the text".
std::string languages_of(const std::optional<std::string>& lang) {
  return lang.value_or(std::string());
}

PyVerdict screen_one(const Engine& engine, py::object text,
                 const std::optional<std::string>& lang) {
  PyVerdict out{engine, std::move(text), {}, {}};
  out.utf8 = utf8_of(out.text);
  const std::string languages = languages_of(lang);
  {
    py::gil_scoped_release release;
    engine.screen(out.utf8, out.verdict, languages);
  }
  return out;
}

unsigned worker_count(unsigned threads, std::size_t comments) {
  const unsigned wanted =
      threads > 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(
      std::min<std::size_t>(wanted, std::max<std::size_t>(comments, 1)));
}

py::list screen_batch(const Engine& engine, const py::iterable& texts,
                     unsigned threads, const std::optional<std::string>& lang) {
  // The comments' objects are held here, not only by the caller's list, so
  // that nothing another Python thread does to it while the GIL is
  // released can free the bytes being screened.
  std::vector<py::object> owners;
  std::vector<std::string_view> views;
  for (py::handle text : texts) {
    owners.push_back(py::reinterpret_borrow<py::object>(text));
    views.push_back(utf8_of(text));
  }
  std::vector<Verdict> verdicts(views.size());
  const std::string languages = languages_of(lang);
  {
    py::gil_scoped_release release;
    const unsigned workers = worker_count(threads, views.size());
    auto screen_slice = [&](std::size_t begin, std::size_t end, unsigned) {
      for (std::size_t i = begin; i < end; ++i) {
        engine.screen(views[i], verdicts[i], languages);
      }
    };
    if (workers <= 1) {
      screen_slice(0, views.size(), 0);
    } else {
      constexpr std::size_t kSlice = 64;
      WorkerPool pool(workers);
      pool.start(views.size(), kSlice, screen_slice);
      pool.wait();
    }
  }
  py::list out(views.size());
  for (std::size_t i = 0; i < views.size(); ++i) {
    out[i] = py::cast(PyVerdict{engine, std::move(owners[i]), views[i],
                                std::move(verdicts[i])});
  }
  return out;
}

py::object redact_text(const Engine& engine, py::object text,
                  const std::optional<std::vector<std::string>>& categories,
                  const std::optional<std::string>& lang) {
  const std::string_view utf8 = utf8_of(text);
  const std::string languages = languages_of(lang);
  std::vector<std::string_view> names;
  if (categories) names.assign(categories->begin(), categories->end());
  std::string masked;
  {
    py::gil_scoped_release release;
    Verdict verdict;
    engine.screen(utf8, verdict, languages);
    masked = categories ? modfilter::redact(utf8, verdict, names)
                        : modfilter::redact(utf8, verdict);
  }
  if (PyBytes_Check(text.ptr())) return py::bytes(masked);
  return py::str(masked);
}

// The C++ screen() loop over `texts`, timed in this process: the baseline
// benchmarks/python_bench.py sets the module's own figures against.
double time_screen(const Engine& engine, const py::sequence& texts,
                   unsigned repeats) {
  std::vector<py::object> owners;
  std::vector<std::string_view> views;
  for (py::handle text : texts) {
    owners.push_back(py::reinterpret_borrow<py::object>(text));
    views.push_back(utf8_of(text));
  }
  py::gil_scoped_release release;
  Verdict verdict;
  const auto start = std::chrono::steady_clock::now();
  for (unsigned r = 0; r < repeats; ++r) {
    for (std::string_view text : views) engine.screen(text, verdict);
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

Engine load_engine(const std::filesystem::path& path) {
  auto engine = [&] {
    py::gil_scoped_release release;
    return Engine::load(path);
  }();
  if (!engine) throw_rule_error(engine.error());
  return std::move(*engine);
}

}  // namespace
}  // namespace modfilter::python

PYBIND11_MODULE(modfilter, m) {
  using namespace modfilter;
  using namespace modfilter::python;
  namespace py = pybind11;
  m.doc() = kModuleDoc;
  m.attr("__version__") = MODFILTER_VERSION;
  register_rule_error(m);
  bind_verdict(m);

  py::class_<Engine>(m, "Engine",
                     "A compiled rule set. Engine.load() makes one; it is "
                     "safe to share between threads.")
      .def_static("load", &load_engine, py::arg("path"),
                  "Loads and compiles a rule file or a directory of rule "
                  "files, or loads a compiled database (.mfdb, from "
                  "`modfilter compile -o`). Raises RuleError when anything "
                  "is wrong, listing every problem; nothing half-loads.")
      .def_property_readonly(
          "ruleset", [](const Engine& e) { return e.id(); },
          "'name@hash8', carried by every verdict.")
      .def_property_readonly(
          "rule_count", [](const Engine& e) { return e.rule_set().rules.size(); },
          "How many rules the rule set has.")
      .def("screen", &screen_one, py::arg("text"), py::arg("lang") = py::none(),
           "Screens one comment (str, or UTF-8 bytes) and returns its "
           "Verdict. `lang`: the comment's language as ISO codes ('ar', or "
           "'ar,en' for both) when you know it; None finds it from the "
           "text. Never fails on any text; releases the GIL while it "
           "screens.")
      .def("screen_many", &screen_batch, py::arg("texts"), py::arg("threads") = 0,
           py::arg("lang") = py::none(),
           "Screens every comment of `texts` (an iterable of str or bytes) "
           "and returns their Verdicts in the same order. `threads`: how "
           "many threads screen (0: one per core); the GIL is released "
           "meanwhile. `lang` as for screen(), for every comment.")
      .def("redact", &redact_text, py::arg("text"), py::arg("categories") = py::none(),
           py::arg("lang") = py::none(),
           "The comment as a site may publish it: each matched word of the "
           "given categories (default: ['profanity']) masked after its first "
           "character ('fuck' -> 'f***'). Returns the type it was given "
           "(str or bytes).")
      .def("_time_screen", &time_screen, py::arg("texts"), py::arg("repeats") = 1,
           "Benchmark support: seconds the C++ screen() loop takes over "
           "`texts`, `repeats` times, with no Python object made.")
      .def("__repr__", [](const Engine& e) {
        return "<modfilter.Engine " + e.id() + ", " +
               std::to_string(e.rule_set().rules.size()) + " rules>";
      });
}
