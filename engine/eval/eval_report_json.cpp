#include "engine/eval/eval_report.h"
#include "engine/eval/json_out.h"

namespace modfilter {
namespace {

void confusion(JsonOut& json, const Confusion& c) {
  json.key("confusion");
  json.open('{');
  json.number("tp", c.tp);
  json.number("fp", c.fp);
  json.number("fn", c.fn);
  json.number("tn", c.tn);
  json.close('}');
  json.number("rows", c.rows());
  json.ratio("precision", c.precision());
  json.ratio("recall", c.recall());
  json.ratio("f1", c.f1());
  json.ratio("fpr", c.fpr());
  json.ratio("accuracy", c.accuracy());
}

void recalls(JsonOut& json, std::string_view name,
             const std::vector<CategoryRecall>& list) {
  json.key(name);
  json.open('[');
  for (const CategoryRecall& c : list) {
    json.element();
    json.open('{');
    json.string("name", c.name);
    json.number("rows", c.rows);
    json.number("caught", c.caught);
    json.number("caught_by_category", c.caught_by_category);
    json.ratio("recall", c.recall());
    json.close('}');
  }
  json.close(']');
}

void precisions(JsonOut& json, std::string_view name,
                const std::vector<CategoryPrecision>& list) {
  json.key(name);
  json.open('[');
  for (const CategoryPrecision& c : list) {
    json.element();
    json.open('{');
    json.string("name", c.name);
    json.number("hits", c.hits);
    json.number("on_reject", c.on_reject);
    json.number("on_category", c.on_category);
    json.ratio("precision", c.precision());
    json.close('}');
  }
  json.close(']');
}

void slices(JsonOut& json, std::string_view name, std::string_view key,
            const std::map<std::string, Confusion>& map) {
  json.key(name);
  json.open('[');
  for (const auto& [value, c] : map) {
    json.element();
    json.open('{');
    json.string(key, value);
    confusion(json, c);
    json.close('}');
  }
  json.close(']');
}

void examples(JsonOut& json, std::string_view name,
              const std::vector<ErrorExample>& list) {
  json.key(name);
  json.open('[');
  for (const ErrorExample& e : list) {
    json.element();
    json.open('{');
    json.string("id", e.id);
    json.number("line", e.line);
    json.string("rule", e.rule);
    json.string("rules", e.rules);
    json.string("excerpt", e.excerpt);
    json.close('}');
  }
  json.close(']');
}

void report(JsonOut& json, const EvalReport& r, const EvalReport* baseline) {
  json.open('{');
  json.string("name", r.name);
  json.number("skipped", r.skipped);
  confusion(json, r.confusion);
  json.key("labelled_categories");
  json.open('[');
  for (const std::string& category : r.labelled_categories) {
    std::string quoted;
    append_json_string(quoted, category);
    json.element();
    json.raw_value(quoted);
  }
  json.close(']');
  json.key("own_categories");
  json.open('{');
  confusion(json, r.own_categories);
  json.close('}');
  json.number("reviews", r.reviews);
  json.number("reviews_on_reject", r.reviews_on_reject);
  recalls(json, "categories", r.categories);
  recalls(json, "subcategories", r.subcategories);
  precisions(json, "category_precision", r.category_precision);
  precisions(json, "subcategory_precision", r.subcategory_precision);
  slices(json, "langs", "lang", r.langs);
  slices(json, "tricks", "trick", r.tricks);
  slices(json, "functionalities", "functionality", r.functionalities);
  json.key("rules");
  json.open('[');
  for (const RuleStats& s : r.rules) {
    json.element();
    json.open('{');
    json.string("rule", s.rule);
    json.number("hits", s.hits);
    json.number("hits_on_reject", s.hits_on_reject);
    json.ratio("precision", s.precision());
    json.close('}');
  }
  json.close(']');
  examples(json, "false_positives", r.false_positives);
  examples(json, "false_negatives", r.false_negatives);
  if (baseline != nullptr) {
    json.key("baseline");
    json.open('{');
    confusion(json, baseline->confusion);
    json.ratio("f1_gain", r.confusion.f1() - baseline->confusion.f1());
    json.ratio("fpr_change", r.confusion.fpr() - baseline->confusion.fpr());
    json.close('}');
  }
  json.close('}');
}

}  // namespace

std::string eval_report_json(const EvalRun& run) {
  std::string out;
  JsonOut json(out);
  json.open('{');
  json.string("ruleset", run.ruleset);
  if (run.baseline.empty()) {
    json.raw("baseline", "null");
  } else {
    json.string("baseline", run.baseline);
  }
  const bool baseline = !run.baseline.empty();
  json.key("files");
  json.open('[');
  for (std::size_t i = 0; i < run.files.size(); ++i) {
    json.element();
    report(json, run.files[i], baseline ? &run.baseline_files[i] : nullptr);
  }
  json.close(']');
  json.key("overall");
  report(json, run.overall,
         run.baseline_overall ? &*run.baseline_overall : nullptr);
  json.key("skipped_rows");
  json.open('[');
  for (const Error& e : run.row_errors) {
    json.element();
    json.open('{');
    json.string("file", e.file);
    json.number("line", static_cast<std::uint64_t>(e.line));
    json.string("message", e.message);
    json.close('}');
  }
  json.close(']');
  json.close('}');
  out += '\n';
  return out;
}

}  // namespace modfilter
