#include "engine/compiler/compiler.h"

#include <hs/hs.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "engine/core/assert.h"
#include "engine/normalize/arabizi_view.h"
#include "engine/normalize/normalize.h"

namespace modfilter {

std::string escape_literal(std::string_view text);

// Builds CompiledRules; a class so it can fill CompiledRules' privates.
class RuleCompiler {
 public:
  RuleCompiler(RuleSet rules, CompileOptions options)
      : out_(std::make_shared<CompiledRules>()), options_(options) {
    out_->rules_ = std::move(rules);
    out_->id_ = out_->rules_.id();
    static std::atomic<std::uint64_t> next_serial{1};
    out_->serial_ = next_serial.fetch_add(1);
  }

  std::expected<std::shared_ptr<const CompiledRules>, Errors> run() {
    const auto start = std::chrono::steady_clock::now();
    const auto& rules = out_->rules_.rules;
    out_->affix_sets_.emplace_back();  // set 0: no affixes
    out_->has_confirm_.assign(rules.size(), 0);
    for (std::uint32_t r = 0; r < rules.size(); ++r) {
      out_->anchor_groups_.push_back(anchor_group(rules[r]));
      add_rule(r, rules[r]);
    }
    check_languages();
    if (!errors_.empty()) return std::unexpected(std::move(errors_));
    out_->index_languages();
    index_uses();
    out_->index_sequences();
    for (std::uint32_t id = 0; id < out_->lexemes_.size(); ++id) {
      const Lexeme& lexeme = out_->lexemes_[id];
      // The token index serves the disguises of the canonical view only.
      if (!lexeme.allow && lexeme.view == View::kNormalized) {
        token_keys_.add(lexeme.literal, id, lexeme.kind == MatcherKind::kPrefixes);
      }
      Expressions& target = lexeme.view == View::kArabizi ? arabizi_
                            : confirm_only(id)   ? confirm_.normalized
                                                 : first_.normalized;
      target.patterns.push_back(escape_literal(lexeme.literal));
      target.flags.push_back(HS_FLAG_CASELESS);
      target.ids.push_back(id);
    }
    out_->token_index_ = token_keys_.build();
    out_->slip_index_ = build_slip_index();

    out_->all_suffixes_ = union_of(&Lexeme::suffixes);
    out_->all_proclitics_ = union_of(&Lexeme::proclitics);

    CompileStats& stats = out_->stats_;
    out_->normalized_db_ = build(first_.normalized, "normalized");
    out_->raw_db_ = build(first_.raw, "raw");
    out_->arabizi_db_ = build(arabizi_, "arabizi");
    out_->confirm_normalized_db_ = build(confirm_.normalized, "normalized");
    out_->confirm_raw_db_ = build(confirm_.raw, "raw");
    if (!errors_.empty()) return std::unexpected(std::move(errors_));

    stats.patterns = first_.normalized.ids.size() + first_.raw.ids.size() +
                     arabizi_.ids.size() + confirm_.normalized.ids.size() +
                     confirm_.raw.ids.size();
    stats.rules = rules.size();
    stats.lexemes = out_->lexemes_.size();
    stats.sequences = out_->sequences_.size();
    stats.lists = out_->rules_.lists.size();
    stats.token_keys = out_->token_index_.size();
    stats.slip_forms = out_->slip_index_.form_count();
    stats.known_words = out_->slip_index_.known_count();
    auto count = [&stats](const HsDatabase& db) {
      std::size_t size = 0;
      if (db && hs_database_size(db.get(), &size) == HS_SUCCESS) {
        stats.database_bytes += size;
      }
    };
    count(out_->normalized_db_);
    count(out_->raw_db_);
    count(out_->arabizi_db_);
    count(out_->confirm_normalized_db_);
    count(out_->confirm_raw_db_);
    stats.confirm_databases = (out_->confirm_normalized_db_ ? 1 : 0) +
                              (out_->confirm_raw_db_ ? 1 : 0);
    stats.compile_seconds = std::chrono::duration<double>(
                                std::chrono::steady_clock::now() - start)
                                .count();
    return std::shared_ptr<const CompiledRules>(std::move(out_));
  }

 private:
  // The expressions of one database, in Hyperscan's parallel-array form.
  struct Expressions {
    std::vector<std::string> patterns;
    std::vector<unsigned> flags;
    std::vector<unsigned> ids;
  };
  struct Stage {
    Expressions normalized;
    Expressions raw;
  };
  // What makes two vocabulary entries one lexeme.
  using LexemeKey = std::tuple<std::string, MatcherKind, View, bool,
                               std::uint32_t, std::uint32_t>;

  static bool has_regex(const std::vector<Matcher>& group) {
    return std::ranges::any_of(group, [](const Matcher& m) {
      return m.kind == MatcherKind::kRegex;
    });
  }

  // Every lexeme is in the first stage, so a group without regexes costs
  // nothing more to anchor on; among those, the one least likely to hit
  // (by its shortest literal: one-letter "u" or "i" hits nearly every
  // comment, "strangle" few), so that the confirm database is scanned on
  // few comments. A group with regexes anchors only when every group has.
  static std::uint16_t anchor_group(const Rule& rule) {
    std::uint16_t best = 0;
    std::size_t best_score = 0;
    for (std::size_t g = 0; g < rule.groups.size(); ++g) {
      std::size_t shortest = SIZE_MAX;
      for (const Matcher& m : rule.groups[g]) {
        for (const Entry& e : m.entries) {
          shortest = std::min(shortest, m.kind == MatcherKind::kRegex
                                            ? std::size_t{2}
                                            : e.text.size());
        }
      }
      const std::size_t score = std::min(shortest, std::size_t{1024}) +
                                (has_regex(rule.groups[g]) ? 0 : 2048);
      if (g == 0 || score > best_score) {
        best = static_cast<std::uint16_t>(g);
        best_score = score;
      }
    }
    return best;
  }

  // Where a regex of rule `r` on `view` goes: the first stage for its
  // anchor group, the confirm stage for the rest.
  Expressions& stage_of(std::uint32_t r, PatternRole role, std::size_t group,
                        View view) {
    const bool first = !options_.confirm_stage ||
                       (role == PatternRole::kGroup &&
                        group == out_->anchor_groups_[r]);
    Stage& stage = first ? first_ : confirm_;
    if (view == View::kRaw) {
      if (!first) out_->has_confirm_[r] |= CompiledRules::kConfirmRaw;
      return stage.raw;
    }
    if (!first) out_->has_confirm_[r] |= CompiledRules::kConfirmNormalized;
    return stage.normalized;
  }

  // The affixes of every lexeme's set `which`, longest first.
  std::vector<std::string> union_of(std::uint32_t Lexeme::*which) const {
    std::set<std::string> affixes;
    for (const Lexeme& lexeme : out_->lexemes_) {
      const auto& set = out_->affix_sets_[lexeme.*which];
      affixes.insert(set.begin(), set.end());
    }
    std::vector<std::string> out(affixes.begin(), affixes.end());
    std::ranges::stable_sort(
        out, [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return out;
  }

  // A word, suffix or proclitic as the literal of `view` spells it.
  static std::string view_of_word(std::string_view word, View view) {
    return view == View::kArabizi ? normalize_arabizi_word(word)
                                  : default_normalizer().normalize_word(word);
  }

  std::uint32_t affix_set(const std::vector<std::string>& affixes,
                          View view = View::kNormalized) {
    std::vector<std::string> normalized;
    for (const auto& s : affixes) normalized.push_back(view_of_word(s, view));
    auto& sets = out_->affix_sets_;
    for (std::uint32_t i = 0; i < sets.size(); ++i) {
      if (sets[i] == normalized) return i;
    }
    sets.push_back(std::move(normalized));
    return static_cast<std::uint32_t>(sets.size() - 1);
  }

  void add_rule(std::uint32_t r, const Rule& rule) {
    for (std::size_t g = 0; g < rule.groups.size(); ++g) {
      for (std::size_t m = 0; m < rule.groups[g].size(); ++m) {
        add_matcher(r, rule, rule.groups[g][m], PatternRole::kGroup, g, m);
      }
    }
    for (std::size_t m = 0; m < rule.unless.size(); ++m) {
      add_matcher(r, rule, rule.unless[m], PatternRole::kUnless, 0, m);
    }
    for (std::size_t e = 0; e < rule.allow.size(); ++e) {
      PatternInfo info;
      info.rule = r;
      info.entry = static_cast<std::uint32_t>(e);
      info.role = PatternRole::kAllow;
      // An allowed word covers its inflections too (cockpit, cockpits).
      info.kind = MatcherKind::kPrefixes;
      add_vocabulary(rule, rule.allow[e], std::move(info), 0, 0, true);
    }
  }

  void add_matcher(std::uint32_t r, const Rule& rule, const Matcher& matcher,
                   PatternRole role, std::size_t group, std::size_t m) {
    PatternInfo info;
    info.rule = r;
    info.group = static_cast<std::uint16_t>(group);
    info.matcher = static_cast<std::uint16_t>(m);
    info.role = role;
    info.kind = matcher.kind;
    info.view = matcher.view;
    if (matcher.kind == MatcherKind::kSequence) {
      add_sequence(rule, matcher, info);
      return;
    }
    const std::uint32_t suffixes = affix_set(matcher.suffixes, matcher.view);
    const std::uint32_t proclitics =
        affix_set(matcher.proclitics, matcher.view);
    check_proclitics(rule, matcher);
    for (std::size_t e = 0; e < matcher.entries.size(); ++e) {
      info.entry = static_cast<std::uint32_t>(e);
      if (matcher.kind == MatcherKind::kRegex) {
        add_regex(matcher.entries[e], info);
      } else {
        add_vocabulary(rule, matcher.entries[e], info, suffixes, proclitics,
                       false);
      }
    }
  }

  // Language masks are 64 bits wide, one kept for unscoped rules.
  void check_languages() {
    std::set<std::string> codes;
    for (const Rule& rule : out_->rules_.rules) {
      codes.insert(rule.langs.begin(), rule.langs.end());
      if (codes.size() > CompiledRules::kMaxLanguages) {
        errors_.push_back(Error{
            ErrorKind::kSchema, rule.location.file, rule.location.line,
            rule.location.column, rule.id,
            "more than " + std::to_string(CompiledRules::kMaxLanguages) +
                " languages in one rule set",
            "split the rule set by language"});
        return;
      }
    }
  }

  // A proclitic is checked byte by byte in front of a word's hit, so it must
  // normalise to letters only.
  void check_proclitics(const Rule& rule, const Matcher& matcher) {
    for (const std::string& proclitic : matcher.proclitics) {
      const std::string view = view_of_word(proclitic, matcher.view);
      if (!view.empty() && std::ranges::all_of(view, [](char c) {
            return is_word_byte(static_cast<unsigned char>(c));
          })) {
        continue;
      }
      errors_.push_back(Error{
          ErrorKind::kSchema, matcher.location.file, matcher.location.line,
          matcher.location.column, rule.id,
          "proclitic '" + proclitic + "' is not letters of one word once "
          "normalised",
          "write the attachment alone, without spaces or marks (e.g. ال)"});
    }
  }

  // Why a vocabulary entry's view cannot be a literal, or nullopt when it
  // can: {message, hint}.
  static std::optional<std::pair<std::string, std::string>> unusable(
      const std::string& text, const std::string& view) {
    if (view.empty()) {
      return std::pair{"'" + text + "' is empty once normalised (only "
                                    "invisible characters or marks)",
                       std::string("write the word in letters")};
    }
    if (std::ranges::none_of(view, [](char c) {
          return is_word_byte(static_cast<unsigned char>(c));
        })) {
      return std::pair{"'" + text + "' normalises to no letter or digit, so "
                                    "it cannot match as a word",
                       std::string("use a regex for symbols and emoji")};
    }
    if (view.size() == 1 && text.size() > 1) {
      // Runs of three or more letters collapse ("xxx" -> "x"): the entry
      // would fire on every "x" of every comment. (A one-letter entry
      // written as such, like "u" for "you" in a threat, is meant.)
      return std::pair{"'" + text + "' normalises to the single letter '" +
                           view + "'",
                       std::string("runs of 3+ equal letters collapse to one; "
                                   "write a longer word or a regex")};
    }
    return std::nullopt;
  }

  // The lexeme of a vocabulary entry, made on its first use; nullopt (and
  // an error) when the entry cannot be a literal.
  std::optional<std::uint32_t> lexeme_of(const Rule& rule, const Entry& entry,
                                         MatcherKind kind, View view,
                                         std::uint32_t suffixes,
                                         std::uint32_t proclitics, bool allow) {
    std::string literal = view_of_word(entry.text, view);
    if (auto problem = unusable(entry.text, literal)) {
      errors_.push_back(Error{ErrorKind::kSchema, entry.location.file,
                              entry.location.line, entry.location.column,
                              rule.id, std::move(problem->first),
                              std::move(problem->second)});
      return std::nullopt;
    }
    ++out_->stats_.literals;
    LexemeKey key{literal, kind, view, allow, suffixes, proclitics};
    const auto [it, inserted] = lexeme_ids_.try_emplace(
        std::move(key), static_cast<std::uint32_t>(out_->lexemes_.size()));
    if (inserted) {
      Lexeme lexeme;
      lexeme.literal = std::move(literal);
      lexeme.kind = kind;
      lexeme.view = view;
      lexeme.allow = allow;
      lexeme.suffixes = suffixes;
      lexeme.proclitics = proclitics;
      out_->lexemes_.push_back(std::move(lexeme));
    }
    return it->second;
  }

  void add_vocabulary(const Rule& rule, const Entry& entry, PatternInfo info,
                      std::uint32_t suffixes, std::uint32_t proclitics,
                      bool allow) {
    const auto lexeme = lexeme_of(rule, entry, info.kind, info.view, suffixes,
                                  proclitics, allow);
    if (!lexeme) return;
    info.lexeme = *lexeme;
    info.list = entry.list;
    out_->patterns_.push_back(std::move(info));
  }

  void add_sequence(const Rule& rule, const Matcher& matcher,
                    PatternInfo info) {
    SequenceInfo sequence;
    sequence.pattern = static_cast<std::uint32_t>(out_->patterns_.size());
    sequence.first_step = static_cast<std::uint32_t>(out_->sequence_steps_.size());
    sequence.step_count = static_cast<std::uint32_t>(matcher.steps.size());
    for (const SequenceStep& step : matcher.steps) {
      SequenceStepInfo compiled;
      compiled.min = step.min;
      compiled.max = step.max;
      compiled.any = step.kind == SequenceStep::Kind::kAny;
      compiled.first_member = static_cast<std::uint32_t>(out_->step_members_.size());
      std::vector<StepMember> members;
      for (const Entry& entry : step.entries) {
        const auto lexeme = lexeme_of(rule, entry, MatcherKind::kWords,
                                      View::kNormalized, 0, 0, false);
        if (lexeme) members.push_back({*lexeme, entry.list});
      }
      std::ranges::stable_sort(members, {}, &StepMember::lexeme);
      const auto [first, last] = std::ranges::unique(members, {}, &StepMember::lexeme);
      members.erase(first, last);
      compiled.member_count = static_cast<std::uint32_t>(members.size());
      out_->step_members_.insert(out_->step_members_.end(), members.begin(),
                                 members.end());
      out_->sequence_steps_.push_back(compiled);
    }
    info.entry = 0;
    info.sequence = static_cast<std::uint32_t>(out_->sequences_.size());
    out_->sequences_.push_back(sequence);
    out_->patterns_.push_back(std::move(info));
  }

  // Whether every use of a lexeme is a group other than its rule's anchor,
  // or an `unless:`: such words ("you", "i", "not") are the frequent ones,
  // needed only once their rule's anchor hit. Words of sequences and of
  // `allow:` stay in the first stage.
  bool confirm_only(std::uint32_t id) {
    if (!options_.confirm_stage) return false;
    const Lexeme& lexeme = out_->lexemes_[id];
    if (lexeme.use_count == 0 || lexeme.allow) return false;
    if (!out_->steps_of(id).empty()) return false;
    for (const std::uint32_t use : out_->uses(lexeme)) {
      const PatternInfo& info = out_->patterns_[use];
      if (info.role == PatternRole::kGroup &&
          info.group == out_->anchor_groups_[info.rule]) {
        return false;
      }
    }
    for (const std::uint32_t use : out_->uses(lexeme)) {
      out_->has_confirm_[out_->patterns_[use].rule] |=
          CompiledRules::kConfirmNormalized;
    }
    return true;
  }

  // The uses of each lexeme, in pattern order, in one flat array.
  void index_uses() {
    auto& lexemes = out_->lexemes_;
    for (const PatternInfo& info : out_->patterns_) {
      if (info.lexeme != kNoLexeme) ++lexemes[info.lexeme].use_count;
    }
    std::uint32_t next = 0;
    for (Lexeme& lexeme : lexemes) {
      lexeme.first_use = next;
      next += lexeme.use_count;
      lexeme.use_count = 0;
    }
    out_->lexeme_uses_.assign(next, 0);
    for (std::uint32_t id = 0; id < out_->patterns_.size(); ++id) {
      const PatternInfo& info = out_->patterns_[id];
      if (info.lexeme == kNoLexeme) continue;
      Lexeme& lexeme = lexemes[info.lexeme];
      out_->lexeme_uses_[lexeme.first_use + lexeme.use_count++] = id;
    }
  }

  void add_regex(const Entry& entry, PatternInfo info) {
    const auto id = static_cast<std::uint32_t>(out_->patterns_.size());
    Expressions& target =
        info.view == View::kArabizi
            ? arabizi_
            : stage_of(info.rule, info.role, info.group, info.view);
    auto finder = SpanFinder::create(entry.text);
    info.som = finder == nullptr;
    out_->span_finders_.resize(id + 1);
    out_->span_finders_[id] = std::move(finder);
    target.patterns.push_back(entry.text);
    target.flags.push_back(info.som ? HS_FLAG_SOM_LEFTMOST : 0u);
    target.ids.push_back(kRegexIdBit | id);
    out_->patterns_.push_back(std::move(info));
    ++out_->stats_.regexes;
  }

  HsDatabase build(const Expressions& expressions, const char* view) {
    if (expressions.ids.empty()) return {};
    std::vector<const char*> patterns;
    patterns.reserve(expressions.patterns.size());
    for (const auto& p : expressions.patterns) patterns.push_back(p.c_str());
    hs_database_t* db = nullptr;
    hs_compile_error_t* raw_error = nullptr;
    const hs_error_t rc = hs_compile_multi(
        patterns.data(), expressions.flags.data(), expressions.ids.data(),
        static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db,
        &raw_error);
    if (rc == HS_SUCCESS) return HsDatabase(db);
    const HsCompileError error(raw_error);
    if (error->expression < 0) {
      errors_.push_back(Error{ErrorKind::kPattern, out_->rules_.name, 0, 0, "",
                              std::string("cannot compile the ") + view +
                                  " database: " + error->message,
                              "the rule set may be too large for memory"});
      return {};
    }
    // Hyperscan names only the first bad expression of a set; compiling the
    // regexes one by one then names every bad one. Only on failure: a good
    // rule set is compiled once.
    for (std::size_t i = 0; i < expressions.ids.size(); ++i) {
      const bool regex = (expressions.ids[i] & kRegexIdBit) != 0;
      if (!regex && static_cast<int>(i) != error->expression) continue;
      hs_database_t* single = nullptr;
      hs_compile_error_t* single_error = nullptr;
      if (hs_compile(expressions.patterns[i].c_str(), expressions.flags[i],
                     HS_MODE_BLOCK, nullptr, &single,
                     &single_error) == HS_SUCCESS) {
        hs_free_database(single);
        continue;
      }
      const HsCompileError guard(single_error);
      report(expressions.ids[i], guard->message);
    }
    if (errors_.empty()) {
      report(expressions.ids[static_cast<std::size_t>(error->expression)],
             error->message);
    }
    return {};
  }

  // A Hyperscan id's first use, for error messages.
  std::uint32_t pattern_of(unsigned hs_id) const {
    if ((hs_id & kRegexIdBit) != 0) return hs_id & ~kRegexIdBit;
    return out_->lexeme_uses_[out_->lexemes_[hs_id].first_use];
  }

  void report(unsigned hs_id, const char* message) {
    const bool regex = (hs_id & kRegexIdBit) != 0;
    const std::uint32_t id = pattern_of(hs_id);
    const PatternInfo& info = out_->patterns_[id];
    const Entry& entry = out_->entry_of(id);
    errors_.push_back(Error{
        ErrorKind::kPattern, entry.location.file, entry.location.line,
        entry.location.column, out_->rules_.rules[info.rule].id,
        "Hyperscan cannot compile '" + entry.text + "': " + message,
        regex ? "fix the regex (Hyperscan has no backreferences or lookbehind)"
              : "simplify the word"});
  }

  std::shared_ptr<CompiledRules> out_;
  CompileOptions options_;
  TokenIndexBuilder token_keys_;

  // The lexicon's words as misspelt (slip_index.h). Without a dictionary
  // no token can be told from a slip, so none is read.
  SlipIndex build_slip_index() const {
    SlipIndexBuilder slips;
    if (!options_.slips || !slips.add_english_dictionary()) return {};
    const std::vector<bool> english = english_lexemes();
    for (std::uint32_t id = 0; id < out_->lexemes_.size(); ++id) {
      const Lexeme& lexeme = out_->lexemes_[id];
      // Each word of a phrase too: Turkish "beter" of "beter olsun" is no
      // slip of "better".
      for (std::size_t from = 0; from < lexeme.literal.size();) {
        const std::size_t space =
            std::min(lexeme.literal.find(' ', from), lexeme.literal.size());
        slips.add_known(std::string_view(lexeme.literal).substr(from, space - from));
        from = space + 1;
      }
      if (lexeme.allow || lexeme.view != View::kNormalized || !english[id]) {
        continue;
      }
      slips.add_form(lexeme.literal);
      for (const std::string& suffix : out_->affix_sets_[lexeme.suffixes]) {
        slips.add_form(lexeme.literal + suffix);
      }
    }
    return slips.build();
  }

  // Whether a rule in English alone (or in every language) uses each
  // lexeme, in a pattern or a sequence's step. Slips are told from words by
  // an English dictionary, so only English vocabulary is read through them:
  // ASCII Turkish ("icin", "goto") is no slip of a Turkish insult, though
  // the Turkish rules take English too (CLD2 calls short ASCII Turkish
  // English).
  std::vector<bool> english_lexemes() const {
    const CompiledRules& c = *out_;
    const std::uint64_t en = c.language_bit("en");
    const auto english_rule = [&](std::uint32_t rule) {
      const std::uint64_t languages = c.rule_languages(rule);
      return en == 0 || languages == CompiledRules::kEveryLanguage ||
             languages == en;
    };
    std::vector<bool> out(c.lexemes_.size(), false);
    for (std::uint32_t id = 0; id < c.lexemes_.size(); ++id) {
      for (const std::uint32_t use : c.uses(c.lexemes_[id])) {
        if (english_rule(c.patterns_[use].rule)) out[id] = true;
      }
    }
    for (const SequenceInfo& sequence : c.sequences_) {
      if (!english_rule(c.patterns_[sequence.pattern].rule)) continue;
      for (std::uint32_t s = 0; s < sequence.step_count; ++s) {
        for (const StepMember& member :
             c.step_members(c.sequence_steps_[sequence.first_step + s])) {
          out[member.lexeme] = true;
        }
      }
    }
    return out;
  }
  Stage first_;
  Stage confirm_;
  // Arabizi patterns are few: all of them run in the first stage.
  Expressions arabizi_;
  std::map<LexemeKey, std::uint32_t> lexeme_ids_;
  Errors errors_;
};

// Every byte as \xHH, so that a word is a literal whatever it contains.
std::string escape_literal(std::string_view text) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() * 4);
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kDigits[c >> 4];
      out += kDigits[c & 0xf];
    }
  }
  return out;
}

const Entry& CompiledRules::entry_of(std::uint32_t pattern) const noexcept {
  const PatternInfo& info = patterns_[pattern];
  const Rule& rule = rules_.rules[info.rule];
  if (info.role == PatternRole::kAllow) return rule.allow[info.entry];
  const Matcher& matcher = info.role == PatternRole::kUnless
                               ? rule.unless[info.matcher]
                               : rule.groups[info.group][info.matcher];
  return matcher.entries[info.entry];
}

std::string CompiledRules::expression_of(std::uint32_t pattern) const {
  const PatternInfo& info = patterns_[pattern];
  if (info.kind == MatcherKind::kRegex) return entry_of(pattern).text;
  if (info.lexeme == kNoLexeme) return {};
  return escape_literal(lexemes_[info.lexeme].literal);
}

CompiledRules::CompiledRules() = default;

void CompiledRules::index_languages() {
  std::set<std::string> codes;
  for (const Rule& rule : rules_.rules) {
    codes.insert(rule.langs.begin(), rule.langs.end());
  }
  MODFILTER_ASSERT(codes.size() <= kMaxLanguages);
  languages_.assign(codes.begin(), codes.end());
  rule_languages_.clear();
  for (const Rule& rule : rules_.rules) {
    std::uint64_t mask = rule.langs.empty() ? kEveryLanguage : 0;
    for (const std::string& code : rule.langs) mask |= language_bit(code);
    rule_languages_.push_back(mask);
  }
}

void CompiledRules::index_sequences() {
  step_sequences_.assign(sequence_steps_.size(), 0);
  for (std::uint32_t s = 0; s < sequences_.size(); ++s) {
    const SequenceInfo& sequence = sequences_[s];
    for (std::uint32_t i = 0; i < sequence.step_count; ++i) {
      step_sequences_[sequence.first_step + i] = s;
    }
  }
  lexeme_step_offsets_.assign(lexemes_.size() + 1, 0);
  for (const SequenceStepInfo& step : sequence_steps_) {
    for (const StepMember& m : step_members(step)) ++lexeme_step_offsets_[m.lexeme + 1];
  }
  for (std::size_t i = 1; i < lexeme_step_offsets_.size(); ++i) {
    lexeme_step_offsets_[i] += lexeme_step_offsets_[i - 1];
  }
  lexeme_steps_.assign(lexeme_step_offsets_.back(), 0);
  std::vector<std::uint32_t> filled(lexemes_.size(), 0);
  for (std::uint32_t s = 0; s < sequence_steps_.size(); ++s) {
    for (const StepMember& m : step_members(sequence_steps_[s])) {
      lexeme_steps_[lexeme_step_offsets_[m.lexeme] + filled[m.lexeme]++] = s;
    }
  }
}

std::uint64_t CompiledRules::language_bit(std::string_view code) const noexcept {
  for (std::size_t i = 0; i < languages_.size(); ++i) {
    if (languages_[i] == code) return std::uint64_t{1} << i;
  }
  return 0;
}
CompiledRules::~CompiledRules() = default;

std::expected<std::shared_ptr<const CompiledRules>, Errors> compile(
    RuleSet rules, CompileOptions options) {
  return RuleCompiler(std::move(rules), options).run();
}

}  // namespace modfilter
