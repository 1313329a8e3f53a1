// The rule model: plain structs read from YAML rule files. Knows nothing of
// Hyperscan; the compiler turns it into patterns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace modfilter {

// Where something was written, for error messages and `test` failures.
struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
};

enum class Category : std::uint8_t { kProfanity, kThreat, kAbuse, kPromotion };
enum class Action : std::uint8_t { kReview, kReject };
enum class MatcherKind : std::uint8_t { kWords, kPrefixes, kRegex, kSequence };
// The text a matcher runs on: the canonical view (vocabulary), the raw
// bytes (links, addresses, anything where case and punctuation matter), or
// the Arabizi view, where digits are letters (normalize/arabizi_view.h).
enum class View : std::uint8_t { kNormalized, kRaw, kArabizi };
// How far a combination reaches (`scope:`): the hits of `all` must lie in
// one clause, one sentence or anywhere in the comment; an `unless` hit
// cancels the rule's hits in its clause, its sentence or the whole comment
// (engine/scanner/segments.h says where clauses and sentences end).
enum class Scope : std::uint8_t { kClause, kSentence, kComment };
// What a rule does with a hit in reported speech (`quoted:`): text between
// quotation marks, or the object of "saying", "calling", "statements like".
enum class Quoted : std::uint8_t { kKeep, kSkip };

const char* to_string(Category category) noexcept;
const char* to_string(Action action) noexcept;
const char* to_string(MatcherKind kind) noexcept;
const char* to_string(Scope scope) noexcept;
std::optional<Scope> parse_scope(std::string_view text) noexcept;
std::optional<Category> parse_category(std::string_view text) noexcept;
std::optional<Action> parse_action(std::string_view text) noexcept;

// No named list: an entry written in the rule itself.
inline constexpr std::uint32_t kNoList = ~std::uint32_t{0};

// One vocabulary word, phrase or regex, with where it was written.
struct Entry {
  std::string text;
  SourceLocation location;
  // The named list the entry came from (RuleSet::lists), or kNoList; a hit
  // on it reports that list's subcategory, when it has one.
  std::uint32_t list = kNoList;
};

// A named list: vocabulary defined once (`lists:` at the top of a rule
// file) and referenced by name from any rule of the rule set, so that a
// word shared by forty rules is written, and compiled, once.
struct WordList {
  std::string name;
  // Reported by a hit on one of the list's own entries instead of the
  // rule's subcategory ("women" -> sexism), so that one structure rule
  // over several groups names the group it hit. Empty: the rule's.
  std::string subcategory;
  // Its own words and those of the lists it includes, flattened, each
  // entry carrying the list it was written in (Entry::list).
  std::vector<Entry> entries;
  std::vector<std::string> includes;  // as written
  SourceLocation location;
};

// One step of a token sequence: a token class, repeated min..max times.
// A word step matches a token (or the run of tokens of a phrase) that is
// one of its entries; a list step, one of the entries of its lists; an
// `any` step any token at all (a gap).
struct SequenceStep {
  enum class Kind : std::uint8_t { kWords, kAny };
  Kind kind = Kind::kWords;
  std::uint16_t min = 1;
  std::uint16_t max = 1;
  std::vector<Entry> entries;  // kWords: the alternatives, lists resolved
  std::vector<std::string> lists;  // the lists named, as written
};

struct Matcher {
  MatcherKind kind = MatcherKind::kWords;
  View view = View::kNormalized;
  std::vector<Entry> entries;
  std::vector<std::string> suffixes;    // endings a word may carry
  std::vector<std::string> proclitics;  // attachments a word may carry in
                                        // front (Arabic و ال وال)
  // kWords: the named lists whose entries were added to `entries`.
  std::vector<std::string> lists;
  // kSequence: the token classes, in order (matched on the tokens of the
  // normalised view, within one sentence); `entries` holds the source.
  std::vector<SequenceStep> steps;
  // In `unless`: the scope written on the matcher (else the rule's).
  std::optional<Scope> scope;
  SourceLocation location;
};

// A rule's embedded test: a comment and the verdict it must get.
struct RuleTest {
  std::string text;
  Action expect_action = Action::kReject;  // when expect_match
  bool expect_match = true;                // false: must be approved
  SourceLocation location;
};

struct Rule {
  std::string id;
  Category category = Category::kProfanity;
  std::string subcategory;
  std::string reason;
  Action action = Action::kReject;
  // Groups of matchers. The rule fires when every group hits (a rule
  // without `all:` has one group holding its words/prefixes/regex).
  std::vector<std::vector<Matcher>> groups;
  std::optional<std::uint32_t> near;  // bytes between the groups' hits
  std::optional<std::uint32_t> near_words;  // words between the groups' hits
  bool ordered = false;               // groups hit in order
  // As written (on the rule or its file): the scope of `all` (absent:
  // the comment) and of `unless` matchers without their own (absent:
  // their sentence; unless_scope()).
  std::optional<Scope> scope;
  Quoted quoted = Quoted::kKeep;      // hits in reported speech
  std::vector<Matcher> unless;        // a hit cancels the hits in its scope
  std::uint32_t min_count = 1;        // hits needed, over all groups
  std::vector<Entry> allow;           // words that cancel a contained hit
  std::vector<std::string> langs;     // empty: every language
  std::vector<RuleTest> tests;
  SourceLocation location;
};

struct RuleFile {
  std::string path;
  std::vector<std::string> langs;
};

// The scope an `unless` matcher of `rule` reaches (without one written on
// it or its rule: its sentence, docs/rules.md "Scope and reported
// speech"), and that of `all` (without one: the comment).
Scope unless_scope(const Rule& rule, const Matcher& unless) noexcept;
Scope all_scope(const Rule& rule) noexcept;

struct RuleSet {
  std::string name;              // the directory or file name given
  std::vector<Rule> rules;       // in file order, files in name order
  std::vector<WordList> lists;   // in name order; Entry::list indexes it
  std::vector<RuleFile> files;
  std::string content_hash;      // hex, over every file's bytes and path

  // "name@hash8": identifies the rule set in verdicts and audit records.
  std::string id() const;
};

}  // namespace modfilter
