#include "engine/lint/duplicates.h"

#include <map>

#include "engine/lint/entries.h"
#include "engine/normalize/normalize.h"

namespace modfilter {
namespace {

struct Seen {
  std::string view;
  EntryRef ref;
};

// Entries of one kind in one scope (a group, `unless:` or `allow:`).
class EntryScope {
 public:
  EntryScope(const Rule& rule, std::vector<DuplicateEntry>& out)
      : rule_(rule), out_(out) {}

  void add(const Entry& entry, const std::string& kind) {
    std::string view = default_normalizer().normalize_word(entry.text);
    if (view.empty()) return;  // the compiler refuses those
    EntryRef ref{rule_.id, kind, entry.text, entry.location};
    auto& list = seen_[kind];
    for (const Seen& s : list) {
      if (s.view == view) {
        out_.push_back(DuplicateEntry{rule_.id, view, "listed twice", s.ref,
                                      std::move(ref)});
        return;
      }
    }
    list.push_back(Seen{std::move(view), std::move(ref)});
  }

  // words: entries that a prefixes: entry of the same scope matches whole.
  void report_covered_words() {
    const auto words = seen_.find("words");
    const auto prefixes = seen_.find("prefixes");
    if (words == seen_.end() || prefixes == seen_.end()) return;
    for (const Seen& word : words->second) {
      for (const Seen& prefix : prefixes->second) {
        if (!word.view.starts_with(prefix.view)) continue;
        out_.push_back(DuplicateEntry{rule_.id, word.view, "covered by a prefix",
                                      prefix.ref, word.ref});
        break;
      }
    }
  }

 private:
  const Rule& rule_;
  std::vector<DuplicateEntry>& out_;
  std::map<std::string, std::vector<Seen>> seen_;
};

void add_matchers(EntryScope& scope, const std::vector<Matcher>& matchers,
                  bool unless) {
  for (const Matcher& matcher : matchers) {
    if (matcher.kind == MatcherKind::kRegex) continue;
    const std::string kind = entry_kind(matcher.kind, unless);
    for (const Entry& entry : matcher.entries) scope.add(entry, kind);
  }
}

}  // namespace

std::vector<DuplicateEntry> find_duplicates(const RuleSet& rules) {
  std::vector<DuplicateEntry> out;
  for (const Rule& rule : rules.rules) {
    for (const auto& group : rule.groups) {
      EntryScope scope(rule, out);
      add_matchers(scope, group, false);
      scope.report_covered_words();
    }
    EntryScope unless(rule, out);
    add_matchers(unless, rule.unless, true);
    EntryScope allow(rule, out);
    for (const Entry& entry : rule.allow) allow.add(entry, "allow");
  }
  return out;
}

}  // namespace modfilter
