#include <re2/re2.h>
#include <re2/set.h>

#include "engine/bench/baseline.h"

namespace modfilter {
namespace {

// Every pattern of the compiled rules in one RE2::Set: vocabulary literals
// quoted and caseless, regexes as written (those RE2 cannot take are left
// out and counted in the note).
class Re2SetBaseline final : public Baseline {
 public:
  explicit Re2SetBaseline(const CompiledRules& rules) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(std::int64_t{1} << 30);
    set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
    // The lexicon once, as Hyperscan sees it, and every regex.
    for (std::uint32_t id = 0; id < rules.lexeme_count(); ++id) {
      std::string error;
      const std::string pattern =
          "(?i)" + RE2::QuoteMeta(rules.lexeme(id).literal);
      if (set_->Add(pattern, &error) < 0) ++refused_;
    }
    for (std::uint32_t id = 0; id < rules.pattern_count(); ++id) {
      if (rules.pattern(id).kind != MatcherKind::kRegex) continue;
      std::string error;
      if (set_->Add(rules.entry_of(id).text, &error) < 0) ++refused_;
    }
    compiled_ = set_->Compile();
  }

  std::string name() const override { return "re2-set"; }
  std::string note() const override {
    std::string note = "RE2::Set over the same patterns on the raw text";
    if (refused_ > 0) {
      note += "; " + std::to_string(refused_) + " regexes RE2 cannot take";
    }
    if (!compiled_) note += "; compilation FAILED (out of memory?)";
    return note;
  }
  struct Re2State final : State {
    std::vector<int> hits;
  };
  std::unique_ptr<State> make_state() const override {
    return std::make_unique<Re2State>();
  }
  std::size_t scan(std::string_view text, State& state) const override {
    if (!compiled_) return 0;
    auto& hits = static_cast<Re2State&>(state).hits;
    hits.clear();
    set_->Match(text, &hits);
    return hits.size();
  }

 private:
  std::unique_ptr<RE2::Set> set_;
  std::size_t refused_ = 0;
  bool compiled_ = false;
};

}  // namespace

std::unique_ptr<Baseline> make_re2_set_baseline(const CompiledRules& rules) {
  return std::make_unique<Re2SetBaseline>(rules);
}

}  // namespace modfilter
