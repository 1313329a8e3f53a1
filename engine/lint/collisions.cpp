#include "engine/lint/collisions.h"

#include <algorithm>
#include <map>

#include "engine/lint/entries.h"
#include "engine/normalize/normalize.h"

namespace modfilter {
namespace {

// A word alone, at the start of a sentence and mid-sentence: rules that
// look at context (regexes, `all:`) may fire in one and not another.
struct Frame {
  std::string_view before;
  std::string_view after;
};
constexpr Frame kFrames[] = {{"", ""}, {"the ", " is"}, {"we said ", " again."}};

bool overlaps(const ByteSpan& span, std::size_t begin, std::size_t end) {
  return span.begin < end && begin < span.end;
}

}  // namespace

std::vector<RuleCollisions> find_collisions(const Engine& engine,
                                            std::span<const std::string> words,
                                            std::string_view language,
                                            std::string_view only_scoped_to) {
  const std::unordered_set<std::string> known = known_vocabulary(engine.rule_set());
  const Normalizer& normalizer = default_normalizer();
  std::map<std::string_view, std::size_t> rule_index;
  const auto& rules = engine.rule_set().rules;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (only_scoped_to.empty() ||
        std::ranges::find(rules[i].langs, only_scoped_to) !=
            rules[i].langs.end()) {
      rule_index[rules[i].id] = i;
    }
  }
  std::vector<RuleCollisions> per_rule(rules.size());

  Verdict verdict;
  std::string text;
  std::vector<std::size_t> found;  // rules already recorded for this word
  for (const std::string& word : words) {
    const std::string view = normalizer.normalize_word(word);
    // Across languages a word spelt like an entry is the collision itself
    // (Turkish am, English am).
    if (view.empty() || (only_scoped_to.empty() && known.contains(view))) {
      continue;
    }
    found.clear();
    for (const Frame& frame : kFrames) {
      text.assign(frame.before);
      text += word;
      text += frame.after;
      const std::size_t begin = frame.before.size();
      const std::size_t end = begin + word.size();
      engine.screen(text, verdict, language);
      for (const Reason& reason : verdict.reasons) {
        const auto it = rule_index.find(reason.rule);
        if (it == rule_index.end()) continue;
        if (std::ranges::find(found, it->second) != found.end()) continue;
        for (const ByteSpan& span : reason.spans) {
          if (!overlaps(span, begin, end)) continue;
          found.push_back(it->second);
          per_rule[it->second].words.push_back(Collision{
              word, text, text.substr(span.begin, span.size())});
          break;
        }
      }
    }
  }
  std::vector<RuleCollisions> out;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (per_rule[i].words.empty()) continue;
    per_rule[i].rule = rules[i].id;
    out.push_back(std::move(per_rule[i]));
  }
  return out;
}

}  // namespace modfilter
