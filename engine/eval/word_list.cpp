#include "engine/eval/word_list.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "engine/normalize/normalize.h"
#include "engine/ruleset/content_hash.h"

namespace modfilter {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::expected<RuleSet, Errors> word_list_rule_set(
    std::span<const std::filesystem::path> files) {
  Errors errors;
  Matcher words;
  words.kind = MatcherKind::kWords;
  std::set<std::string> seen;
  ContentHash hash;
  std::string name = "wordlist";
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      errors.push_back(Error{ErrorKind::kIo, file.string(), 0, 0, "",
                             "cannot open the word list",
                             "give a file with one word a line"});
      continue;
    }
    name += (name == "wordlist" ? ":" : "+") + file.stem().string();
    hash.add(file.filename().string());
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      const std::string_view word = trim(line);
      if (word.empty() || word.front() == '#') continue;
      hash.add(word);
      const std::string view = default_normalizer().normalize_word(word);
      // A list meant for plain matching may hold entries the normaliser
      // turns into one letter ("xxx") or into no word at all (an emoji):
      // as a baseline they are left out rather than refused.
      const bool searchable =
          view.size() > 1 &&
          std::ranges::any_of(view, [](char c) {
            return is_word_byte(static_cast<unsigned char>(c));
          });
      if (!searchable || !seen.insert(view).second) continue;
      words.entries.push_back(
          Entry{std::string(word), SourceLocation{file.string(), line_no, 1}});
    }
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  if (words.entries.empty()) {
    return std::unexpected(Errors{Error{ErrorKind::kSchema, "", 0, 0, "",
                                        "the word lists hold no word", ""}});
  }
  Rule rule;
  rule.id = kWordListRuleId;
  rule.category = Category::kProfanity;
  rule.reason = "Listed word (baseline)";
  rule.action = Action::kReject;
  rule.groups.push_back({std::move(words)});
  RuleSet set;
  set.name = std::move(name);
  set.rules.push_back(std::move(rule));
  set.content_hash = hash.hex();
  return set;
}

}  // namespace modfilter
