// CompiledRules: a RuleSet turned into what the scanner runs — one Hyperscan
// block-mode database per view (normalized text for vocabulary, raw text for
// regexes that need it), the table from Hyperscan pattern id back to rule
// and matcher, and the token index for disguises no literal finds.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compiler/hs_handles.h"
#include "engine/compiler/span_finder.h"
#include "engine/compiler/token_index.h"
#include "engine/ruleset/rule.h"

namespace modfilter {

// What a pattern's hit means for its rule.
enum class PatternRole : std::uint8_t {
  kGroup,   // counts toward group `group` of the rule
  kUnless,  // cancels the rule
  kAllow,   // cancels the rule's hits that lie inside it
};

struct PatternInfo {
  std::uint32_t rule = 0;      // index into RuleSet::rules
  std::uint16_t group = 0;     // with kGroup: index into Rule::groups
  std::uint16_t matcher = 0;   // index into the group (or Rule::unless)
  std::uint32_t entry = 0;     // index into Matcher::entries (or Rule::allow)
  PatternRole role = PatternRole::kGroup;
  MatcherKind kind = MatcherKind::kWords;  // allow entries: kPrefixes
  View view = View::kNormalized;
  std::uint32_t length = 0;    // vocabulary: the literal's length in bytes
  std::uint32_t suffixes = 0;    // index into CompiledRules::affix_set()
  std::uint32_t proclitics = 0;  // index into CompiledRules::affix_set()
  // Regex: compiled with HS_FLAG_SOM_LEFTMOST because RE2 cannot find its
  // starts (see span_finder.h); otherwise starts come from span_finder().
  bool som = false;
  std::string literal;         // vocabulary: the word's view (for explain)
};

struct CompileStats {
  std::size_t rules = 0;
  std::size_t patterns = 0;          // Hyperscan expressions, both views
  std::size_t literals = 0;          // vocabulary literals
  std::size_t regexes = 0;
  std::size_t token_keys = 0;        // entries of the token index
  std::size_t database_bytes = 0;    // both databases
  double compile_seconds = 0;
};

class CompiledRules {
 public:
  const RuleSet& rule_set() const noexcept { return rules_; }
  const Rule& rule(std::uint32_t index) const noexcept {
    return rules_.rules[index];
  }
  const PatternInfo& pattern(std::uint32_t id) const noexcept {
    return patterns_[id];
  }
  std::size_t pattern_count() const noexcept { return patterns_.size(); }
  // A matcher's suffixes or proclitics, normalised (PatternInfo::suffixes,
  // PatternInfo::proclitics); set 0 is the empty one.
  const std::vector<std::string>& affix_set(std::uint32_t index) const {
    return affix_sets_[index];
  }
  // Every suffix any rule uses, longest first.
  const std::vector<std::string>& all_suffixes() const noexcept {
    return all_suffixes_;
  }
  // Every proclitic any rule uses, longest first.
  const std::vector<std::string>& all_proclitics() const noexcept {
    return all_proclitics_;
  }
  const TokenIndex& token_index() const noexcept { return token_index_; }

  // Language scoping (Rule::langs). Each language code some rule names has
  // a bit; a rule's mask holds the bits of its languages, or every bit when
  // it has none, so that the policy keeps a rule for a comment with one AND.
  static constexpr std::uint64_t kEveryLanguage = ~std::uint64_t{0};
  // Set in every comment's mask, never in a scoped rule's: a comment in a
  // language no rule names still meets the rules without `lang`.
  static constexpr std::uint64_t kUnscopedBit = std::uint64_t{1} << 63;
  static constexpr std::size_t kMaxLanguages = 63;
  // The codes rules are scoped to, bit i for languages()[i]; empty when no
  // rule is scoped (then no comment needs its languages found).
  const std::vector<std::string>& languages() const noexcept {
    return languages_;
  }
  std::uint64_t rule_languages(std::uint32_t rule) const noexcept {
    return rule_languages_[rule];
  }
  // The bit of `code`, or 0 when no rule names it.
  std::uint64_t language_bit(std::string_view code) const noexcept;
  // For a regex pattern without `som`: finds where its matches start.
  const SpanFinder* span_finder(std::uint32_t id) const noexcept {
    return id < span_finders_.size() ? span_finders_[id].get() : nullptr;
  }

  CompiledRules();
  ~CompiledRules();
  CompiledRules(const CompiledRules&) = delete;
  CompiledRules& operator=(const CompiledRules&) = delete;

  // May be null when no pattern runs on that view.
  const hs_database_t* normalized_database() const noexcept {
    return normalized_db_.get();
  }
  const hs_database_t* raw_database() const noexcept { return raw_db_.get(); }
  // Null unless some matcher has `view: arabizi`.
  const hs_database_t* arabizi_database() const noexcept {
    return arabizi_db_.get();
  }

  const CompileStats& stats() const noexcept { return stats_; }
  const std::string& id() const noexcept { return id_; }  // "name@hash8"
  // Unique per compiled object in this process: scan workspaces use it to
  // know when their scratch was sized for other databases.
  std::uint64_t serial() const noexcept { return serial_; }

 private:
  friend class RuleCompiler;
  friend class CompiledRulesCodec;

  RuleSet rules_;
  std::vector<PatternInfo> patterns_;
  std::vector<std::vector<std::string>> affix_sets_;
  std::vector<std::string> all_suffixes_;
  std::vector<std::string> all_proclitics_;
  TokenIndex token_index_;
  // Fills languages_ and rule_languages_ from rules_ (also after loading a
  // database, which does not store them).
  void index_languages();
  std::vector<std::string> languages_;
  std::vector<std::uint64_t> rule_languages_;  // by rule index
  std::vector<std::unique_ptr<SpanFinder>> span_finders_;  // by pattern id
  HsDatabase normalized_db_;
  HsDatabase raw_db_;
  HsDatabase arabizi_db_;
  CompileStats stats_;
  std::string id_;
  std::uint64_t serial_ = 0;
};

}  // namespace modfilter
