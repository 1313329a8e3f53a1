#include "engine/lint/lint.h"

#include "engine/lint/collisions.h"
#include "engine/lint/dead_weight.h"
#include "engine/lint/duplicates.h"
#include "engine/lint/evasion.h"
#include "engine/lint/slip_neighbours.h"

namespace modfilter {

std::expected<LintReport, Errors> lint(const Engine& engine,
                                       const LintOptions& options) {
  auto dictionary = read_dictionary(options.dictionary);
  if (!dictionary) return std::unexpected(Errors{std::move(dictionary.error())});
  LintReport report;
  report.ruleset = engine.id();
  std::uint64_t words_screened = 0;
  auto screened = [&](std::uint64_t words) {
    words_screened += words;
    if (options.progress) options.progress(words_screened, 0);
  };
  if (!options.data.empty()) {
    auto dead = find_dead_weight(engine, options.data);
    if (!dead) return std::unexpected(std::move(dead.error()));
    report.dead_weight = std::move(*dead);
  }
  report.dictionary = options.dictionary.string();
  report.dictionary_words = dictionary->size();
  report.collisions = find_collisions(engine, *dictionary);
  screened(dictionary->size());
  for (const std::string& language : engine.languages()) {
    if (language == "en") continue;
    LanguageCollisions& checked = report.languages.emplace_back();
    checked.language = language;
    const std::filesystem::path path =
        language_dictionary(language, checked.missing);
    if (!path.empty()) {
      auto words = read_hunspell_dictionary(path);
      if (words) {
        checked.dictionary = path.string();
        checked.dictionary_words = words->size();
        checked.collisions = find_collisions(engine, *words, language);
        screened(words->size());
      } else {
        checked.missing = words.error().to_string();
      }
    }
    checked.english_collisions =
        find_collisions(engine, *dictionary, language, language);
    screened(dictionary->size());
  }
  report.slips = find_slip_neighbours(engine, *dictionary);
  report.evasion = check_evasion(engine);
  report.duplicates = find_duplicates(engine.rule_set());
  report.pattern_costs =
      find_costly_patterns(engine.rule_set(), options.pattern_costs);
  return report;
}

}  // namespace modfilter
