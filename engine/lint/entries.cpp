#include "engine/lint/entries.h"

#include "engine/normalize/normalize.h"

namespace modfilter {
namespace {

// Plain English endings: "shits", "shitty", "shittier" (the last letter
// doubled) are the entry itself, not an innocent word that contains it.
constexpr std::string_view kInflections[] = {
    "s", "es", "ed", "d", "ing", "er", "ers", "y", "ier", "iest", "iness"};

void add_matcher(const Matcher& matcher, std::unordered_set<std::string>& out) {
  if (matcher.kind == MatcherKind::kRegex) return;
  const Normalizer& normalizer = default_normalizer();
  std::vector<std::string> endings;
  for (const std::string& suffix : matcher.suffixes) {
    endings.push_back(normalizer.normalize_word(suffix));
  }
  endings.insert(endings.end(), std::begin(kInflections), std::end(kInflections));
  // The word alone and behind each of its proclitics (الكلب).
  std::vector<std::string> fronts{""};
  for (const std::string& proclitic : matcher.proclitics) {
    fronts.push_back(normalizer.normalize_word(proclitic));
  }
  for (const Entry& entry : matcher.entries) {
    const std::string word = normalizer.normalize_word(entry.text);
    if (word.empty()) continue;
    for (const std::string& front : fronts) {
      const std::string view = front + word;
      out.insert(view);
      const std::string doubled = view + view.back();
      for (const std::string& ending : endings) {
        out.insert(view + ending);
        out.insert(doubled + ending);
      }
    }
  }
}

}  // namespace

std::string entry_kind(MatcherKind kind, bool unless) {
  return (unless ? std::string("unless ") : std::string()) + to_string(kind);
}

EntryRef entry_ref(const CompiledRules& rules, const PatternInfo& info) {
  const Rule& rule = rules.rule(info.rule);
  if (info.role == PatternRole::kAllow) {
    const Entry& entry = rule.allow[info.entry];
    return EntryRef{rule.id, "allow", entry.text, entry.location};
  }
  const bool unless = info.role == PatternRole::kUnless;
  const Matcher& matcher =
      unless ? rule.unless[info.matcher] : rule.groups[info.group][info.matcher];
  const Entry& entry = matcher.entries[info.entry];
  return EntryRef{rule.id, entry_kind(matcher.kind, unless), entry.text,
                  entry.location};
}

std::unordered_set<std::string> known_vocabulary(const RuleSet& rules) {
  std::unordered_set<std::string> out;
  for (const Rule& rule : rules.rules) {
    for (const auto& group : rule.groups) {
      for (const Matcher& matcher : group) add_matcher(matcher, out);
    }
  }
  return out;
}

}  // namespace modfilter
