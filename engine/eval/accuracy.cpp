#include "engine/eval/accuracy.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/core/assert.h"

namespace modfilter {
namespace {

constexpr std::string_view kCategoryOrder[] = {"profanity", "threat", "abuse",
                                               "promotion"};

double ratio(std::uint64_t num, std::uint64_t den) noexcept {
  if (den == 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(num) / static_cast<double>(den);
}

// At most `limit` bytes of `text`, cut on a UTF-8 character boundary, with
// runs of whitespace (line breaks included) shown as one space so that an
// excerpt fits on one line of a table.
std::string clip(std::string_view text, std::size_t limit) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() <= limit) return out;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  out += "...";
  return out;
}

// The categories a toxicity corpus labels loosely and interchangeably: a
// file that labels one of them is scored on all three.
constexpr std::string_view kHarm[] = {"profanity", "threat", "abuse"};

bool is_harm(std::string_view category) {
  return std::ranges::find(kHarm, category) != std::end(kHarm);
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return std::ranges::find(list, value) != list.end();
}

bool is_known_category(std::string_view name) {
  return std::ranges::find(kCategoryOrder, name) != std::end(kCategoryOrder);
}

}  // namespace

void Confusion::add(bool labelled_reject, bool predicted_reject) noexcept {
  if (labelled_reject) {
    ++(predicted_reject ? tp : fn);
  } else {
    ++(predicted_reject ? fp : tn);
  }
}

Confusion& Confusion::operator+=(const Confusion& other) noexcept {
  tp += other.tp;
  fp += other.fp;
  fn += other.fn;
  tn += other.tn;
  return *this;
}

double Confusion::precision() const noexcept { return ratio(tp, tp + fp); }
double Confusion::recall() const noexcept { return ratio(tp, tp + fn); }
double Confusion::fpr() const noexcept { return ratio(fp, fp + tn); }
double Confusion::accuracy() const noexcept { return ratio(tp + tn, rows()); }

double Confusion::f1() const noexcept {
  // 2tp / (2tp + fp + fn): the same as 2pr/(p+r), and defined (0) when
  // nothing was caught although there was something to catch.
  return ratio(2 * tp, 2 * tp + fp + fn);
}

double CategoryRecall::recall() const noexcept { return ratio(caught, rows); }
double CategoryPrecision::precision() const noexcept {
  return ratio(on_category, hits);
}
double RuleStats::precision() const noexcept {
  return ratio(hits_on_reject, hits);
}

Evaluation::Evaluation(std::string name, EvaluationOptions options)
    : name_(std::move(name)), options_(std::move(options)) {}

void Evaluation::add(const Labelled& labelled, const Verdict& verdict) {
  const bool predicted = verdict.decision != Decision::kApprove;
  confusion_.add(labelled.reject, predicted);
  if (verdict.decision == Decision::kReview) {
    ++reviews_;
    if (labelled.reject) ++reviews_on_reject_;
  }
  const auto slice = [&](std::map<std::string, Confusion, std::less<>>& map,
                          const std::string& key) {
    if (key.empty()) return;
    auto it = map.find(key);
    if (it == map.end()) it = map.emplace(key, Confusion{}).first;
    it->second.add(labelled.reject, predicted);
  };
  slice(langs_, labelled.lang);
  slice(tricks_, labelled.trick);
  slice(functionalities_, labelled.functionality);
  if (labelled.reject) {
    for (const std::string& category : labelled.categories) {
      const bool by_category = std::ranges::any_of(
          verdict.reasons, [&](const Reason& r) { return r.category == category; });
      categories_[category].add(predicted, by_category);
    }
    for (const std::string& sub : labelled.subcategories) {
      const bool by_category = std::ranges::any_of(
          verdict.reasons, [&](const Reason& r) { return r.subcategory == sub; });
      subcategories_[sub].add(predicted, by_category);
    }
  }
  // A comment counts once per category however many of its rules fired.
  const auto count_hit = [&](std::map<std::string, CategoryPrecision,
                                      std::less<>>& map,
                             std::string_view name,
                             const std::vector<std::string>& labels) {
    if (name.empty()) return;
    auto it = map.find(name);
    if (it == map.end()) {
      it = map.emplace(std::string(name), CategoryPrecision{}).first;
      it->second.name = name;
    }
    ++it->second.hits;
    if (labelled.reject) ++it->second.on_reject;
    if (contains(labels, name)) ++it->second.on_category;
  };
  for (std::size_t i = 0; i < verdict.reasons.size(); ++i) {
    const Reason& r = verdict.reasons[i];
    const auto earlier = verdict.reasons.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::none_of(verdict.reasons.begin(), earlier, [&](const Reason& e) {
          return e.category == r.category;
        })) {
      count_hit(category_hits_, r.category, labelled.categories);
    }
    if (std::none_of(verdict.reasons.begin(), earlier, [&](const Reason& e) {
          return e.subcategory == r.subcategory;
        })) {
      count_hit(subcategory_hits_, r.subcategory, labelled.subcategories);
    }
  }
  HeldBy held{labelled.reject, 0};
  for (const std::string& category : labelled.categories) {
    labelled_bits_ |= category_bit(category);
  }
  if (predicted) {
    for (const Reason& reason : verdict.reasons) {
      held.categories |= category_bit(reason.category);
    }
  }
  held_by_.push_back(held);
  for (const Reason& reason : verdict.reasons) {
    auto it = rules_.find(reason.rule);
    if (it == rules_.end()) {
      it = rules_.emplace(std::string(reason.rule), RuleStats{}).first;
      it->second.rule = reason.rule;
    }
    ++it->second.hits;
    if (labelled.reject) ++it->second.hits_on_reject;
  }
  if (options_.max_errors == 0 || labelled.reject == predicted) return;
  keep_error(predicted ? false_positives_ : false_negatives_, labelled,
             verdict);
}

std::uint32_t Evaluation::category_bit(std::string_view category) {
  auto it = std::ranges::find(category_bits_, category);
  if (it == category_bits_.end()) {
    // Categories are a closed set in rules and a handful in data; past 32
    // the figure would be wrong, so that is a bug to catch, not to wrap.
    MODFILTER_ASSERT(category_bits_.size() < 32);
    category_bits_.emplace_back(category);
    it = category_bits_.end() - 1;
  }
  return std::uint32_t{1} << (it - category_bits_.begin());
}

void Evaluation::keep_error(std::vector<ErrorExample>& list,
                            const Labelled& labelled, const Verdict& verdict) {
  ErrorExample example;
  example.id = labelled.id;
  example.line = labelled.line;
  if (verdict.reasons.empty()) {
    example.rule = "none";
    example.excerpt = clip(labelled.text, options_.excerpt_bytes);
  } else {
    const Reason& first = verdict.reasons.front();
    example.rule = first.rule;
    const std::string_view text = labelled.text;
    example.excerpt = clip(
        text.substr(std::min<std::size_t>(first.excerpt.begin, text.size()),
                    first.excerpt.size()),
        options_.excerpt_bytes);
    for (const Reason& r : verdict.reasons) {
      if (!example.rules.empty()) example.rules += ", ";
      example.rules += r.rule;
    }
  }
  list.push_back(std::move(example));
}

EvalReport Evaluation::report() const {
  EvalReport report;
  report.name = name_;
  report.confusion = confusion_;
  report.skipped = skipped_;
  report.reviews = reviews_;
  report.reviews_on_reject = reviews_on_reject_;
  std::uint32_t harm_bits = 0;
  for (std::size_t bit = 0; bit < category_bits_.size(); ++bit) {
    if (is_harm(category_bits_[bit])) harm_bits |= std::uint32_t{1} << bit;
  }
  std::uint32_t scope = labelled_bits_ != 0 ? labelled_bits_ : ~0u;
  if (labelled_bits_ & harm_bits) scope |= harm_bits;
  for (std::size_t bit = 0; bit < category_bits_.size(); ++bit) {
    if (labelled_bits_ & (std::uint32_t{1} << bit)) {
      report.labelled_categories.push_back(category_bits_[bit]);
    }
  }
  for (const HeldBy& row : held_by_) {
    report.own_categories.add(row.labelled_reject,
                              (row.categories & scope) != 0);
  }
  const auto recall_of = [](const std::string& name, const Counts& c) {
    return CategoryRecall{name, c.rows, c.caught, c.caught_by_category};
  };
  for (std::string_view name : kCategoryOrder) {
    if (auto it = categories_.find(name); it != categories_.end()) {
      report.categories.push_back(recall_of(it->first, it->second));
    }
  }
  for (const auto& [name, counts] : categories_) {
    if (!is_known_category(name)) {
      report.categories.push_back(recall_of(name, counts));
    }
  }
  for (const auto& [name, counts] : subcategories_) {
    report.subcategories.push_back(recall_of(name, counts));
  }
  for (std::string_view name : kCategoryOrder) {
    if (auto it = category_hits_.find(name); it != category_hits_.end()) {
      report.category_precision.push_back(it->second);
    }
  }
  for (const auto& [name, hits] : category_hits_) {
    if (!is_known_category(name)) report.category_precision.push_back(hits);
  }
  for (const auto& [name, hits] : subcategory_hits_) {
    report.subcategory_precision.push_back(hits);
  }
  report.langs.insert(langs_.begin(), langs_.end());
  report.tricks.insert(tricks_.begin(), tricks_.end());
  report.functionalities.insert(functionalities_.begin(),
                                functionalities_.end());
  for (const std::string& id : options_.rule_ids) {
    auto it = rules_.find(id);
    report.rules.push_back(it != rules_.end() ? it->second : RuleStats{id});
  }
  for (const auto& [id, stats] : rules_) {
    if (!contains(options_.rule_ids, id)) report.rules.push_back(stats);
  }
  const auto sorted = [&](std::vector<ErrorExample> list) {
    std::ranges::stable_sort(list, [](const ErrorExample& a,
                                      const ErrorExample& b) {
      if (a.rule != b.rule) return a.rule < b.rule;
      if (a.line != b.line) return a.line < b.line;
      return a.id < b.id;
    });
    if (list.size() > options_.max_errors) list.resize(options_.max_errors);
    return list;
  };
  report.false_positives = sorted(false_positives_);
  report.false_negatives = sorted(false_negatives_);
  return report;
}

}  // namespace modfilter
