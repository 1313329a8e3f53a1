// Accuracy scoring: labelled comments + the verdicts a rule set gave them ->
// confusion matrix, precision / recall / F1 of rejecting, false-positive
// rate, recall per category and subcategory, figures per language and per
// evasion trick, and per-rule
// precision; per functionality of a functional suite, the share of rows
// given the labelled verdict. The one implementation of it: `modfilter eval` and the
// accuracy benchmarks both feed an Evaluation and print its EvalReport.
//
// "Positive" means the comment is held back: a `review` verdict counts as a
// reject (a human will look at it before it appears), and the report says
// how many of the predicted rejects were reviews.
//
// Public data sets label one kind of content: a spam corpus marks spam and
// calls every other message "ham", profanity included, while a toxicity
// corpus never marks spam. Besides the plain figures, a report therefore
// scores each file on its own kind: harm (profanity, threat and abuse, which
// corpora label loosely and interchangeably) or promotion. A comment counts
// as held back there only when a rule of that kind held it. Both figures
// are printed; neither replaces the other.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/progress.h"
#include "engine/eval/labelled.h"
#include "engine/policy/verdict.h"

namespace modfilter {

struct Confusion {
  std::uint64_t tp = 0;  // labelled reject, held back
  std::uint64_t fp = 0;  // labelled approve, held back
  std::uint64_t fn = 0;  // labelled reject, approved
  std::uint64_t tn = 0;  // labelled approve, approved

  void add(bool labelled_reject, bool predicted_reject) noexcept;
  Confusion& operator+=(const Confusion& other) noexcept;
  std::uint64_t rows() const noexcept { return tp + fp + fn + tn; }
  // Each ratio is NaN when its denominator is 0 (printed as "n/a" / null).
  double precision() const noexcept;  // tp / (tp + fp)
  double recall() const noexcept;     // tp / (tp + fn)
  double f1() const noexcept;         // 2pr / (p + r)
  double fpr() const noexcept;        // fp / (fp + tn)
  double accuracy() const noexcept;   // (tp + tn) / rows
};

// Of the reject rows labelled with one category (or subcategory).
struct CategoryRecall {
  std::string name;
  std::uint64_t rows = 0;    // labelled reject with this category
  std::uint64_t caught = 0;  // held back by any rule
  std::uint64_t caught_by_category = 0;  // by a rule of this category
  double recall() const noexcept;
};

// The comments that rules of one category (or subcategory) fired on, and
// how many of them the data labels reject, and labels with that category:
// "threat rules are right 80% of the time" is on_category / hits.
struct CategoryPrecision {
  std::string name;
  std::uint64_t hits = 0;
  std::uint64_t on_reject = 0;
  std::uint64_t on_category = 0;
  double precision() const noexcept;  // on_category / hits
};

// One rule's hits: comments it fired on, and how many were labelled reject.
struct RuleStats {
  std::string rule;
  std::uint64_t hits = 0;
  std::uint64_t hits_on_reject = 0;
  double precision() const noexcept;  // hits_on_reject / hits
};

// A false positive or false negative, for reading by a human.
struct ErrorExample {
  std::string id;
  std::uint64_t line = 0;
  std::string rule;     // the first rule that fired; "none" for a miss
  std::string rules;    // every rule that fired, ", "-separated
  std::string excerpt;  // what the rule matched; for a miss, the text
};

struct EvalReport {
  std::string name;              // the data file (or "overall")
  Confusion confusion;
  // The categories that label at least one row of the file, and the
  // confusion matrix counting only rules of their kind (every rule when no
  // row names a category). For "overall": the sum of the files'.
  std::vector<std::string> labelled_categories;
  Confusion own_categories;
  std::uint64_t skipped = 0;     // rows that could not be read
  std::uint64_t reviews = 0;     // predicted rejects that were `review`
  std::uint64_t reviews_on_reject = 0;  // ... on rows labelled reject
  std::vector<CategoryRecall> categories;     // profanity, threat, abuse,
                                              // promotion first, then others
  std::vector<CategoryRecall> subcategories;  // by name
  // Of the categories and subcategories whose rules fired, in the same order.
  std::vector<CategoryPrecision> category_precision;
  std::vector<CategoryPrecision> subcategory_precision;
  std::map<std::string, Confusion> langs;     // rows with a `lang`
  std::map<std::string, Confusion> tricks;    // rows with a `trick`
  // Rows with a `functionality`: a functional suite is read per
  // functionality by its accuracy, since most hold one verdict only.
  std::map<std::string, Confusion> functionalities;
  std::vector<RuleStats> rules;  // the rule set's order; then unknown rules
  std::vector<ErrorExample> false_positives;  // sorted by rule, then line
  std::vector<ErrorExample> false_negatives;  // the first max_errors
};

struct EvaluationOptions {
  std::size_t max_errors = 0;     // (0) false positives / negatives kept
  std::size_t excerpt_bytes = 80; // (80) longest excerpt kept
  // Rule ids listed in the report even when they never fire, in this order.
  std::vector<std::string> rule_ids;
  // (false) screen every row as if its `lang` were unknown, so that the
  // engine finds it (Engine::screen); otherwise a row's `lang` is passed on.
  bool detect_languages = false;
  // (none) told the rows screened and the bytes read, as evaluate_files goes.
  ProgressFn progress;
};

// Accumulates verdicts on labelled comments. Not thread-safe: screening may
// run on many threads, but add() the verdicts from one.
class Evaluation {
 public:
  explicit Evaluation(std::string name, EvaluationOptions options = {});

  // Scores one comment: `verdict` is what the rule set decided for
  // `labelled.text` (its spans index that text).
  void add(const Labelled& labelled, const Verdict& verdict);
  // Counts a row that could not be read.
  void add_skipped() noexcept { ++skipped_; }

  EvalReport report() const;

 private:
  struct Counts {
    std::uint64_t rows = 0;
    std::uint64_t caught = 0;
    std::uint64_t caught_by_category = 0;
    void add(bool held_back, bool by_category) noexcept {
      ++rows;
      caught += held_back ? 1 : 0;
      caught_by_category += by_category ? 1 : 0;
    }
  };

  // A scored row as the own-categories figure needs it: its label, and a
  // bit per category (index in category_bits_) of the rules that held it.
  struct HeldBy {
    bool labelled_reject = false;
    std::uint32_t categories = 0;
  };

  void keep_error(std::vector<ErrorExample>& list, const Labelled& labelled,
                  const Verdict& verdict);
  std::uint32_t category_bit(std::string_view category);

  std::string name_;
  EvaluationOptions options_;
  Confusion confusion_;
  std::uint64_t skipped_ = 0;
  std::uint64_t reviews_ = 0;
  std::uint64_t reviews_on_reject_ = 0;
  std::map<std::string, Counts, std::less<>> categories_;
  std::map<std::string, Counts, std::less<>> subcategories_;
  std::map<std::string, CategoryPrecision, std::less<>> category_hits_;
  std::map<std::string, CategoryPrecision, std::less<>> subcategory_hits_;
  std::map<std::string, Confusion, std::less<>> langs_;
  std::map<std::string, Confusion, std::less<>> tricks_;
  std::map<std::string, Confusion, std::less<>> functionalities_;
  std::map<std::string, RuleStats, std::less<>> rules_;
  std::vector<ErrorExample> false_positives_;
  std::vector<ErrorExample> false_negatives_;
  std::vector<std::string> category_bits_;
  std::uint32_t labelled_bits_ = 0;
  std::vector<HeldBy> held_by_;
};

}  // namespace modfilter
