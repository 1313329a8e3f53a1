// CompiledRules: a RuleSet turned into what the scanner runs.
//
// The lexicon: every distinct piece of vocabulary (view, literal, kind,
// affixes) is one lexeme, compiled once as a caseless literal however many
// rules or lists wrote it, with a table from each lexeme to its uses (the
// rule, group and entry of every place it was written). As rspamd's
// re_cache gives each regexp one id and a per-message result, the cost of
// scanning grows with distinct words, not with rules: a copy of every rule
// under new ids adds uses, not lexemes.
//
// Two stages. The first-stage databases (one per view) hold every lexeme
// and the regexes of the rules' anchor groups; a rule can only fire once
// its anchor group hits, so its other regexes and its `unless:` regexes sit
// in one confirm database per view, scanned only on the comments where a
// rule that has such regexes was anchored, and their hits kept only for
// those rules. Token sequences run on the lexemes' hits after the scan.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/compiler/compile_stats.h"
#include "engine/compiler/hs_handles.h"
#include "engine/compiler/slip_index.h"
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

inline constexpr std::uint32_t kNoLexeme = ~std::uint32_t{0};

// One use of a pattern by a rule: which rule, group, matcher and entry, and
// what its hit means there. A vocabulary entry's text is its lexeme
// (shared by every rule that wrote the same word); a regex or a sequence is
// a pattern of its own.
struct PatternInfo {
  std::uint32_t rule = 0;      // index into RuleSet::rules
  std::uint16_t group = 0;     // with kGroup: index into Rule::groups
  std::uint16_t matcher = 0;   // index into the group (or Rule::unless)
  std::uint32_t entry = 0;     // index into Matcher::entries (or Rule::allow)
  PatternRole role = PatternRole::kGroup;
  MatcherKind kind = MatcherKind::kWords;  // allow entries: kPrefixes
  View view = View::kNormalized;
  // Regex: compiled with HS_FLAG_SOM_LEFTMOST because RE2 cannot find its
  // starts (see span_finder.h); otherwise starts come from span_finder().
  bool som = false;
  std::uint32_t lexeme = kNoLexeme;  // vocabulary: its lexeme
  std::uint32_t list = kNoList;      // vocabulary: the entry's named list
  std::uint32_t sequence = 0;        // kSequence: index into sequences()
};

// One distinct piece of vocabulary, compiled once however many rules use
// it: (view, literal, kind, affixes). Its Hyperscan id is its index.
struct Lexeme {
  std::string literal;       // the word as the view spells it
  MatcherKind kind = MatcherKind::kWords;  // kWords or kPrefixes
  View view = View::kNormalized;
  bool allow = false;        // an `allow:` word: no token-index look-ups
  std::uint32_t suffixes = 0;    // index into CompiledRules::affix_set()
  std::uint32_t proclitics = 0;  // index into CompiledRules::affix_set()
  std::uint32_t first_use = 0, use_count = 0;  // CompiledRules::uses()
};

// A token sequence (Matcher::steps) as the scanner runs it.
struct SequenceStepInfo {
  std::uint16_t min = 1, max = 1;
  bool any = false;                       // a gap: any token
  std::uint32_t first_member = 0, member_count = 0;  // step_members()
};
struct StepMember {
  std::uint32_t lexeme = 0;    // sorted by lexeme within a step
  std::uint32_t list = kNoList;
};
struct SequenceInfo {
  std::uint32_t pattern = 0;   // its PatternInfo
  std::uint32_t first_step = 0, step_count = 0;  // sequence_steps()
};

// Hyperscan ids: a lexeme's index, or this bit and a regex's pattern id.
inline constexpr unsigned kRegexIdBit = 1u << 31;

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
  const Lexeme& lexeme(std::uint32_t id) const noexcept { return lexemes_[id]; }
  std::size_t lexeme_count() const noexcept { return lexemes_.size(); }
  // The patterns (uses) of a lexeme; empty for a word only sequences use.
  std::span<const std::uint32_t> uses(const Lexeme& lexeme) const noexcept {
    return {lexeme_uses_.data() + lexeme.first_use, lexeme.use_count};
  }
  // The entry a pattern was written as (a regex's text, a word, a sequence
  // as written): the one place that walks from a pattern to the rule file.
  const Entry& entry_of(std::uint32_t pattern) const noexcept;
  // The expression a pattern compiles to in Hyperscan's syntax: a regex as
  // written, a lexeme as an escaped literal (compiled caseless); empty for
  // a sequence, which Hyperscan never sees.
  std::string expression_of(std::uint32_t pattern) const;
  const std::vector<SequenceInfo>& sequences() const noexcept {
    return sequences_;
  }
  const SequenceStepInfo& sequence_step(std::uint32_t index) const noexcept {
    return sequence_steps_[index];
  }
  std::span<const StepMember> step_members(
      const SequenceStepInfo& step) const noexcept {
    return {step_members_.data() + step.first_member, step.member_count};
  }
  // The steps (indices for sequence_step()) whose members include
  // `lexeme`, and the sequence each step belongs to: a comment's hits mark
  // the steps they can fill, and only sequences whose every required step
  // is marked are tried.
  std::span<const std::uint32_t> steps_of(std::uint32_t lexeme) const noexcept {
    return {lexeme_steps_.data() + lexeme_step_offsets_[lexeme],
            lexeme_step_offsets_[lexeme + 1] - lexeme_step_offsets_[lexeme]};
  }
  std::uint32_t sequence_of_step(std::uint32_t step) const noexcept {
    return step_sequences_[step];
  }
  std::size_t step_sequences_size() const noexcept {
    return sequence_steps_.size();
  }
  // The subcategory a hit on an entry of `list` reports instead of its
  // rule's (WordList::subcategory); empty when the rule's stands.
  std::string_view list_subcategory(std::uint32_t list) const noexcept {
    return list < rules_.lists.size() ? std::string_view(rules_.lists[list].subcategory)
                                      : std::string_view();
  }
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
  const SlipIndex& slip_index() const noexcept { return slip_index_; }

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

  // The group of `rule` that the first stage scans for.
  std::uint16_t anchor_group(std::uint32_t rule) const noexcept {
    return rule < anchor_groups_.size() ? anchor_groups_[rule] : 0;
  }
  // The confirm databases `rule` has patterns in: kConfirmNormalized,
  // kConfirmRaw or both, so that a comment scans only the ones its anchored
  // rules need.
  static constexpr std::uint8_t kConfirmNormalized = 1;
  static constexpr std::uint8_t kConfirmRaw = 2;
  std::uint8_t confirm_views(std::uint32_t rule) const noexcept {
    return rule < has_confirm_.size() ? has_confirm_[rule] : 0;
  }
  // Whether `rule` has patterns in the confirm databases.
  bool has_confirm(std::uint32_t rule) const noexcept {
    return confirm_views(rule) != 0;
  }
  // Null in the single-stage layout, or when no rule needs them.
  const hs_database_t* confirm_normalized_database() const noexcept {
    return confirm_normalized_db_.get();
  }
  const hs_database_t* confirm_raw_database() const noexcept {
    return confirm_raw_db_.get();
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
  std::vector<Lexeme> lexemes_;
  std::vector<std::uint32_t> lexeme_uses_;
  std::vector<SequenceInfo> sequences_;
  std::vector<SequenceStepInfo> sequence_steps_;
  std::vector<StepMember> step_members_;
  std::vector<std::vector<std::string>> affix_sets_;
  std::vector<std::string> all_suffixes_;
  std::vector<std::string> all_proclitics_;
  TokenIndex token_index_;
  SlipIndex slip_index_;
  // Fills languages_ and rule_languages_ from rules_ (also after loading a
  // database, which does not store them).
  void index_languages();
  // Fills the step indexes above from sequences_ and step_members_ (also
  // after loading a database, which does not store them).
  void index_sequences();
  std::vector<std::uint32_t> lexeme_step_offsets_;  // by lexeme, + 1
  std::vector<std::uint32_t> lexeme_steps_;
  std::vector<std::uint32_t> step_sequences_;  // by step
  std::vector<std::string> languages_;
  std::vector<std::uint64_t> rule_languages_;  // by rule index
  std::vector<std::unique_ptr<SpanFinder>> span_finders_;  // by pattern id
  HsDatabase normalized_db_;
  HsDatabase raw_db_;
  std::vector<std::uint16_t> anchor_groups_;  // by rule
  std::vector<std::uint8_t> has_confirm_;     // by rule: kConfirm* bits
  HsDatabase confirm_normalized_db_;
  HsDatabase confirm_raw_db_;
  HsDatabase arabizi_db_;
  CompileStats stats_;
  std::string id_;
  std::uint64_t serial_ = 0;
};

}  // namespace modfilter
