#include "engine/compiler/compiler.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "engine/core/assert.h"
#include "engine/normalize/arabizi_view.h"
#include "engine/normalize/normalize.h"

namespace modfilter {

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
    if (options_.confirm_stage) confirm_.resize(rules.size());
    for (std::uint32_t r = 0; r < rules.size(); ++r) {
      out_->anchor_groups_.push_back(
          options_.confirm_stage ? anchor_group(rules[r]) : 0);
      add_rule(r, rules[r]);
    }
    check_languages();
    if (!errors_.empty()) return std::unexpected(std::move(errors_));
    out_->index_languages();
    out_->token_index_ = token_keys_.build();

    out_->all_suffixes_ = union_of(&PatternInfo::suffixes);
    out_->all_proclitics_ = union_of(&PatternInfo::proclitics);

    CompileStats& stats = out_->stats_;
    out_->normalized_db_ = build(first_.normalized, "normalized");
    out_->raw_db_ = build(first_.raw, "raw");
    out_->arabizi_db_ = build(arabizi_, "arabizi");
    stats.patterns = first_.normalized.ids.size() + first_.raw.ids.size() +
                     arabizi_.ids.size();
    out_->confirm_.resize(confirm_.size());
    for (std::size_t r = 0; r < confirm_.size(); ++r) {
      out_->confirm_[r].normalized = build(confirm_[r].normalized, "normalized");
      out_->confirm_[r].raw = build(confirm_[r].raw, "raw");
      stats.patterns += confirm_[r].normalized.ids.size() + confirm_[r].raw.ids.size();
    }
    if (!errors_.empty()) return std::unexpected(std::move(errors_));

    stats.rules = rules.size();
    stats.token_keys = out_->token_index_.size();
    auto count = [&stats](const HsDatabase& db) {
      std::size_t size = 0;
      if (db && hs_database_size(db.get(), &size) == HS_SUCCESS) {
        stats.database_bytes += size;
      }
    };
    count(out_->normalized_db_);
    count(out_->raw_db_);
    count(out_->arabizi_db_);
    for (const ConfirmDatabases& c : out_->confirm_) {
      count(c.normalized);
      count(c.raw);
      stats.confirm_databases += (c.normalized ? 1 : 0) + (c.raw ? 1 : 0);
    }
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

  // The group least likely to hit, by its shortest literal: one-letter
  // "u" or "i" hits nearly every comment, "strangle" few. A regex's
  // literals are unknown here: it scores as a 2-letter word, and loses ties
  // to vocabulary.
  static std::uint16_t anchor_group(const Rule& rule) {
    std::uint16_t best = 0;
    std::size_t best_score = 0;
    for (std::size_t g = 0; g < rule.groups.size(); ++g) {
      std::size_t shortest = SIZE_MAX;
      bool regex = false;
      for (const Matcher& m : rule.groups[g]) {
        regex = regex || m.kind == MatcherKind::kRegex;
        for (const Entry& e : m.entries) {
          shortest = std::min(shortest, m.kind == MatcherKind::kRegex
                                            ? std::size_t{2}
                                            : e.text.size());
        }
      }
      const std::size_t score =
          std::min(shortest, std::size_t{1024}) * 2 + (regex ? 0 : 1);
      if (g == 0 || score > best_score) {
        best = static_cast<std::uint16_t>(g);
        best_score = score;
      }
    }
    return best;
  }

  // Where a pattern of rule `r` goes: the first stage for its anchor group
  // and allowed words, the rule's confirm stage for the rest.
  Stage& stage_of(std::uint32_t r, PatternRole role, std::size_t group) {
    const bool first = confirm_.empty() || role == PatternRole::kAllow ||
                       (role == PatternRole::kGroup &&
                        group == out_->anchor_groups_[r]);
    return first ? first_ : confirm_[r];
  }

  // The affixes of every pattern's set `which`, longest first.
  std::vector<std::string> union_of(std::uint32_t PatternInfo::*which) const {
    std::set<std::string> affixes;
    for (const PatternInfo& info : out_->patterns_) {
      const auto& set = out_->affix_sets_[info.*which];
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
      info.suffixes = affix_set({});
      info.proclitics = affix_set({});
      add_vocabulary(rule, rule.allow[e], std::move(info));
    }
  }

  void add_matcher(std::uint32_t r, const Rule& rule, const Matcher& matcher,
                   PatternRole role, std::size_t group, std::size_t m) {
    const std::uint32_t suffixes = affix_set(matcher.suffixes, matcher.view);
    const std::uint32_t proclitics =
        affix_set(matcher.proclitics, matcher.view);
    check_proclitics(rule, matcher);
    for (std::size_t e = 0; e < matcher.entries.size(); ++e) {
      PatternInfo info;
      info.rule = r;
      info.group = static_cast<std::uint16_t>(group);
      info.matcher = static_cast<std::uint16_t>(m);
      info.entry = static_cast<std::uint32_t>(e);
      info.role = role;
      info.kind = matcher.kind;
      info.view = matcher.view;
      info.suffixes = suffixes;
      info.proclitics = proclitics;
      if (matcher.kind == MatcherKind::kRegex) {
        add_regex(rule, matcher.entries[e], std::move(info));
      } else {
        add_vocabulary(rule, matcher.entries[e], std::move(info));
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

  void add_vocabulary(const Rule& rule, const Entry& entry, PatternInfo info) {
    std::string view = view_of_word(entry.text, info.view);
    if (auto problem = unusable(entry.text, view)) {
      errors_.push_back(Error{ErrorKind::kSchema, entry.location.file,
                              entry.location.line, entry.location.column,
                              rule.id, std::move(problem->first),
                              std::move(problem->second)});
      return;
    }
    const auto id = static_cast<std::uint32_t>(out_->patterns_.size());
    info.length = static_cast<std::uint32_t>(view.size());
    info.literal = view;
    // The token index serves the disguises of the canonical view only.
    if (info.role != PatternRole::kAllow && info.view == View::kNormalized) {
      token_keys_.add(view, id, info.kind == MatcherKind::kPrefixes);
    }
    Expressions& target =
        info.view == View::kArabizi
            ? arabizi_
            : stage_of(info.rule, info.role, info.group).normalized;
    target.patterns.push_back(escape_literal(view));
    target.flags.push_back(HS_FLAG_CASELESS);
    target.ids.push_back(id);
    out_->patterns_.push_back(std::move(info));
    ++out_->stats_.literals;
  }

  void add_regex(const Rule&, const Entry& entry, PatternInfo info) {
    const auto id = static_cast<std::uint32_t>(out_->patterns_.size());
    Stage& stage = stage_of(info.rule, info.role, info.group);
    Expressions& target = info.view == View::kRaw       ? stage.raw
                          : info.view == View::kArabizi ? arabizi_
                                                        : stage.normalized;
    auto finder = SpanFinder::create(entry.text);
    info.som = finder == nullptr;
    out_->span_finders_.resize(id + 1);
    out_->span_finders_[id] = std::move(finder);
    target.patterns.push_back(entry.text);
    target.flags.push_back(info.som ? HS_FLAG_SOM_LEFTMOST : 0u);
    target.ids.push_back(id);
    out_->patterns_.push_back(std::move(info));
    ++out_->stats_.regexes;
  }

  // Every byte as \xHH, so that a word is a literal whatever it contains.
  static std::string escape_literal(std::string_view text) {
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

  // The entry a Hyperscan expression came from, for error messages.
  const Entry& entry_of(unsigned id) const {
    const PatternInfo& info = out_->patterns_[id];
    const Rule& rule = out_->rules_.rules[info.rule];
    if (info.role == PatternRole::kAllow) return rule.allow[info.entry];
    const Matcher& matcher = info.role == PatternRole::kUnless
                                 ? rule.unless[info.matcher]
                                 : rule.groups[info.group][info.matcher];
    return matcher.entries[info.entry];
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
      const PatternInfo& info = out_->patterns_[expressions.ids[i]];
      if (info.kind != MatcherKind::kRegex &&
          static_cast<int>(i) != error->expression) {
        continue;
      }
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

  void report(unsigned id, const char* message) {
    const PatternInfo& info = out_->patterns_[id];
    const Entry& entry = entry_of(id);
    errors_.push_back(Error{
        ErrorKind::kPattern, entry.location.file, entry.location.line,
        entry.location.column, out_->rules_.rules[info.rule].id,
        "Hyperscan cannot compile '" + entry.text + "': " + message,
        info.kind == MatcherKind::kRegex
            ? "fix the regex (Hyperscan has no backreferences or lookbehind)"
            : "simplify the word"});
  }

  std::shared_ptr<CompiledRules> out_;
  CompileOptions options_;
  TokenIndexBuilder token_keys_;
  Stage first_;
  std::vector<Stage> confirm_;  // by rule; empty: one stage
  // Arabizi patterns are few: all of them run in the first stage.
  Expressions arabizi_;
  Errors errors_;
};

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
