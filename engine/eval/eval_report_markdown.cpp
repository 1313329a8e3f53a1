#include "engine/eval/eval_report.h"
#include "engine/eval/markdown.h"

namespace modfilter {
namespace {

std::string ratio(double value) { return markdown_ratio(value); }
std::string signed_ratio(double value) { return markdown_ratio(value, true); }
std::string cell(std::string_view text) { return markdown_cell(text); }

std::string num(std::uint64_t n) { return std::to_string(n); }

void confusion_row(std::string& out, const Confusion& c) {
  out += num(c.rows()) + " | " + num(c.tp) + " | " + num(c.fp) + " | " +
         num(c.fn) + " | " + num(c.tn) + " | " + ratio(c.precision()) + " | " +
         ratio(c.recall()) + " | " + ratio(c.f1()) + " | " + ratio(c.fpr());
}

void summary(std::string& out, const EvalRun& run) {
  const bool baseline = !run.baseline.empty();
  out += "| file | rows | TP | FP | FN | TN | precision | recall | F1 | FPR | "
         "reviews |";
  out += baseline ? " baseline F1 | baseline FPR | F1 gain |\n" : "\n";
  out += "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|";
  out += baseline ? "--:|--:|--:|\n" : "\n";
  const auto row = [&](const EvalReport& ours, const EvalReport* theirs,
                       bool bold) {
    out += "| " + std::string(bold ? "**" : "") + cell(ours.name) +
           (bold ? "**" : "") + " | ";
    confusion_row(out, ours.confusion);
    out += " | " + num(ours.reviews) + " |";
    if (theirs != nullptr) {
      out += " " + ratio(theirs->confusion.f1()) + " | " +
             ratio(theirs->confusion.fpr()) + " | " +
             signed_ratio(ours.confusion.f1() - theirs->confusion.f1()) + " |";
    }
    out += '\n';
  };
  for (std::size_t i = 0; i < run.files.size(); ++i) {
    row(run.files[i], baseline ? &run.baseline_files[i] : nullptr, false);
  }
  row(run.overall, run.baseline_overall ? &*run.baseline_overall : nullptr,
      true);
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& item : list) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out.empty() ? "all" : out;
}

void own_categories_table(std::string& out, const EvalRun& run) {
  out += "\n### Scored on each file's own categories\n\n"
         "Held back only by rules of the kind of content the file labels: "
         "harm (profanity, threat and abuse together) or promotion. A spam "
         "corpus labels promotion alone, so by its scheme its profane "
         "\"ham\" is no false positive, though our guidelines reject it; a "
         "toxicity corpus never labels spam.\n\n"
         "| file | categories | rows | TP | FP | FN | TN | precision | recall "
         "| F1 | FPR |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";
  for (const EvalReport& file : run.files) {
    out += "| " + cell(file.name) + " | " + cell(joined(file.labelled_categories)) +
           " | ";
    confusion_row(out, file.own_categories);
    out += " |\n";
  }
  out += "| **overall** | each file's | ";
  confusion_row(out, run.overall.own_categories);
  out += " |\n";
}

void recall_table(std::string& out, const char* title, const char* what,
                  const std::vector<CategoryRecall>& list) {
  if (list.empty()) return;
  out += std::string("\n### ") + title + "\n\n| " + what +
         " | reject rows | caught | recall | caught by a rule of this " + what +
         " |\n|---|--:|--:|--:|--:|\n";
  for (const CategoryRecall& c : list) {
    out += "| " + cell(c.name) + " | " + num(c.rows) + " | " + num(c.caught) +
           " | " + ratio(c.recall()) + " | " + num(c.caught_by_category) +
           " |\n";
  }
}

void precision_table(std::string& out, const char* title, const char* what,
                     const std::vector<CategoryPrecision>& list) {
  if (list.empty()) return;
  out += std::string("\n### ") + title + "\n\n| " + what +
         " | comments its rules held | labelled reject | labelled this " +
         what + " | precision |\n|---|--:|--:|--:|--:|\n";
  for (const CategoryPrecision& c : list) {
    out += "| " + cell(c.name) + " | " + num(c.hits) + " | " +
           num(c.on_reject) + " | " + num(c.on_category) + " | " +
           ratio(c.precision()) + " |\n";
  }
}

void slices(std::string& out, const char* title, const char* what,
            const std::map<std::string, Confusion>& map) {
  if (map.empty()) return;
  out += std::string("\n### ") + title + "\n\n| " + what +
         " | rows | TP | FP | FN | TN | precision | recall | F1 | FPR |\n"
         "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";
  for (const auto& [key, confusion] : map) {
    out += "| " + cell(key) + " | ";
    confusion_row(out, confusion);
    out += " |\n";
  }
}

// A functionality mostly holds rows of one verdict, so F1 or FPR alone
// would be n/a for most; accuracy reads the same for every one.
void functionality_table(std::string& out,
                         const std::map<std::string, Confusion>& map) {
  if (map.empty()) return;
  out += "\n### Per functionality\n\n| functionality | rows | labelled reject "
         "| correct | accuracy | TP | FP | FN | TN |\n"
         "|---|--:|--:|--:|--:|--:|--:|--:|--:|\n";
  for (const auto& [key, c] : map) {
    out += "| " + cell(key) + " | " + num(c.rows()) + " | " +
           num(c.tp + c.fn) + " | " + num(c.tp + c.tn) + " | " +
           ratio(c.accuracy()) + " | " + num(c.tp) + " | " + num(c.fp) +
           " | " + num(c.fn) + " | " + num(c.tn) + " |\n";
  }
}

void errors_table(std::string& out, const char* title,
                  const std::vector<ErrorExample>& list) {
  if (list.empty()) return;
  out += std::string("\n### ") + title + "\n\n| rule | id | line | excerpt |\n"
         "|---|---|--:|---|\n";
  for (const ErrorExample& e : list) {
    out += "| " + cell(e.rules.empty() ? e.rule : e.rules) + " | " +
           cell(e.id) + " | " + num(e.line) + " | " + cell(e.excerpt) + " |\n";
  }
}

void details(std::string& out, const EvalReport& report,
             const EvalReport* baseline, std::string_view baseline_name) {
  const Confusion& c = report.confusion;
  out += "\n## " + cell(report.name) + "\n\n";
  out += num(c.rows()) + " rows scored, " + num(report.skipped) +
         " skipped; " + num(c.tp + c.fp) + " held back, of them " +
         num(report.reviews) + " by `review` (" +
         num(report.reviews_on_reject) + " on rows labelled reject).\n\n";
  out += "| | held back | approved |\n|---|--:|--:|\n";
  out += "| labelled reject | " + num(c.tp) + " | " + num(c.fn) + " |\n";
  out += "| labelled approve | " + num(c.fp) + " | " + num(c.tn) + " |\n\n";
  out += "| precision | recall | F1 | FPR | accuracy |\n|--:|--:|--:|--:|--:|\n";
  out += "| " + ratio(c.precision()) + " | " + ratio(c.recall()) + " | " +
         ratio(c.f1()) + " | " + ratio(c.fpr()) + " | " + ratio(c.accuracy()) +
         " |\n";
  if (baseline != nullptr) {
    const Confusion& b = baseline->confusion;
    out += "\nWord-list baseline (" + cell(baseline_name) + "): F1 " +
           ratio(b.f1()) + ", FPR " + ratio(b.fpr()) + ", precision " +
           ratio(b.precision()) + ", recall " + ratio(b.recall()) +
           ". F1 above the baseline: " + signed_ratio(c.f1() - b.f1()) +
           "; FPR change: " + signed_ratio(c.fpr() - b.fpr()) + ".\n";
  }
  recall_table(out, "Recall per category", "category", report.categories);
  recall_table(out, "Recall per subcategory", "subcategory",
               report.subcategories);
  precision_table(out, "Precision per category", "category",
                  report.category_precision);
  precision_table(out, "Precision per subcategory", "subcategory",
                  report.subcategory_precision);
  slices(out, "Per language", "lang", report.langs);
  slices(out, "Per evasion trick", "trick", report.tricks);
  functionality_table(out, report.functionalities);
  if (!report.rules.empty()) {
    out += "\n### Rules\n\n| rule | hits | on reject rows | precision |\n"
           "|---|--:|--:|--:|\n";
    for (const RuleStats& r : report.rules) {
      out += "| " + cell(r.rule) + " | " + num(r.hits) + " | " +
             num(r.hits_on_reject) + " | " + ratio(r.precision()) + " |\n";
    }
  }
  errors_table(out, "False positives", report.false_positives);
  errors_table(out, "False negatives", report.false_negatives);
}

}  // namespace

std::string eval_report_markdown(const EvalRun& run) {
  std::string out = "# Accuracy of " + cell(run.ruleset) + "\n\n";
  out += "Held back = `reject` or `review` (a review counts as a reject). "
         "FPR = share of approve rows held back.";
  if (!run.baseline.empty()) {
    out += " Baseline: the word list " + cell(run.baseline) +
           " screened by the same engine.";
  }
  out += "\n\n";
  summary(out, run);
  own_categories_table(out, run);
  const bool baseline = !run.baseline.empty();
  for (std::size_t i = 0; i < run.files.size(); ++i) {
    details(out, run.files[i], baseline ? &run.baseline_files[i] : nullptr,
            run.baseline);
  }
  if (run.files.size() > 1) {
    details(out, run.overall,
            run.baseline_overall ? &*run.baseline_overall : nullptr,
            run.baseline);
  }
  return out;
}

}  // namespace modfilter
