#include "tests/reference/differential.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/scanner/scanner.h"

namespace modfilter::reference {

std::vector<std::string> Differential::compare(std::string_view text,
                                               std::string_view languages) {
  ++compared_;
  std::set<std::string> engine_ids;
  std::map<std::string, std::string, std::less<>> engine_subcategories;
  // The reference reads words as written: slips (compiler/slip_index.h)
  // are tested on their own (tests/slip_test.cpp).
  thread_local ScanWorkspace workspace;
  ScanOptions as_written;
  as_written.read_slips = false;
  Verdict verdict;
  engine_.screen(text, verdict, workspace, as_written, languages);
  for (const Reason& r : verdict.reasons) {
    engine_ids.emplace(r.rule);
    engine_subcategories.emplace(r.rule, r.subcategory);
  }
  std::vector<std::string> reference_list;
  std::set<std::string> reference_ids;
  std::vector<std::string> subcategories;
  for (const Fired& f : reference_.fire(text, languages)) {
    reference_list.push_back(f.id);
    reference_ids.insert(f.id);
    const auto it = engine_subcategories.find(f.id);
    if (it != engine_subcategories.end() && it->second != f.subcategory) {
      subcategories.push_back(f.id + ": engine '" + it->second +
                              "', reference '" + f.subcategory + "'");
    }
  }
  for (const std::string& id : reference_.undecided()) engine_ids.erase(id);
  if (engine_ids == reference_ids && subcategories.empty()) {
    return reference_list;
  }
  Disagreement d;
  d.subcategories = std::move(subcategories);
  d.text = std::string(text);
  d.languages = std::string(languages);
  std::ranges::set_difference(engine_ids, reference_ids,
                              std::back_inserter(d.engine_only));
  std::ranges::set_difference(reference_ids, engine_ids,
                              std::back_inserter(d.reference_only));
  disagreements_.push_back(std::move(d));
  return reference_list;
}

std::string describe(const Disagreement& d) {
  auto join = [](const std::vector<std::string>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
      out += (i > 0 ? ", " : "") + ids[i];
    }
    return out + "]";
  };
  return (d.languages.empty() ? "" : "as " + d.languages + ": ") +
         "engine only: " + join(d.engine_only) +
         "; reference only: " + join(d.reference_only) +
         (d.subcategories.empty() ? ""
                                  : "; subcategories: " + join(d.subcategories));
}

}  // namespace modfilter::reference
