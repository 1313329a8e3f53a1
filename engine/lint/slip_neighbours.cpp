#include "engine/lint/slip_neighbours.h"

#include <algorithm>
#include <map>

#include "engine/compiler/compiled_rules.h"

namespace modfilter {

SlipCheck find_slip_neighbours(const Engine& engine,
                               const std::vector<std::string>& dictionary) {
  const SlipIndex& slips = engine.compiled().slip_index();
  SlipCheck check;
  check.forms = slips.form_count();
  check.known_words = slips.known_count();
  std::map<std::string, std::vector<std::string>, std::less<>> near;
  for (const std::string& word : dictionary) {
    std::string folded;
    for (const char c : word) {
      if (c >= 'A' && c <= 'Z') {
        folded += static_cast<char>(c - 'A' + 'a');
      } else if (c >= 'a' && c <= 'z') {
        folded += c;
      } else {
        folded.clear();
        break;
      }
    }
    // The slip reader reads tokens of 4 or more letters only.
    if (folded.size() < 4 || slips.is_form(folded)) continue;
    for (const std::string_view form : slips.forms_near(folded)) {
      auto& words = near[std::string(form)];
      if (words.empty() || words.back() != folded) words.push_back(folded);
    }
  }
  for (auto& [form, words] : near) {
    check.unread_without_dictionary += words.size();
    check.neighbours.push_back({form, std::move(words)});
  }
  std::ranges::stable_sort(check.neighbours, [](const auto& a, const auto& b) {
    return a.words.size() > b.words.size();
  });
  return check;
}

}  // namespace modfilter
