#include "engine/lint/dead_weight.h"

#include <algorithm>
#include <fstream>

#include "engine/io/comment_reader.h"
#include "engine/lint/entries.h"

namespace modfilter {
namespace {

bool inside(const ByteSpan& inner, const ByteSpan& outer) noexcept {
  return outer.begin <= inner.begin && inner.end <= outer.end;
}

InputFormat format_of(const std::filesystem::path& file) {
  if (file.extension() == ".csv") return InputFormat::kCsv;
  if (file.extension() == ".txt") return InputFormat::kText;
  return InputFormat::kJsonLines;
}

}  // namespace

DeadWeightScan::EntryKey DeadWeightScan::key_of(const PatternInfo& info) {
  return {static_cast<int>(info.role), info.rule, info.group, info.matcher,
          info.entry};
}

DeadWeightScan::DeadWeightScan(const Engine& engine) : engine_(engine) {
  const CompiledRules& compiled = engine.compiled();
  const auto& rules = engine.rule_set().rules;
  for (std::uint32_t r = 0; r < rules.size(); ++r) rule_index_[rules[r].id] = r;
  fired_.resize(rules.size());
  for (std::uint32_t id = 0; id < compiled.pattern_count(); ++id) {
    used_.emplace(key_of(compiled.pattern(id)), false);
  }
}

void DeadWeightScan::add(std::string_view text) {
  const CompiledRules& compiled = engine_.compiled();
  engine_.screen(text, verdict_, workspace_);
  for (const Reason& reason : verdict_.reasons) {
    const auto it = rule_index_.find(reason.rule);
    if (it == rule_index_.end()) continue;
    auto& comments = fired_[it->second];
    if (comments.empty() || comments.back() != comments_) {
      comments.push_back(comments_);
    }
  }
  const std::vector<Match>& matches = workspace_.matches();
  for (const Match& m : matches) {
    const PatternInfo& info = compiled.pattern(m.pattern);
    bool& used = used_[key_of(info)];
    if (used) continue;
    if (info.role != PatternRole::kAllow) {
      used = true;
      continue;
    }
    // An allow entry earns its place when it cancels a hit of its rule: a
    // group match of the same rule lying inside the allowed word.
    used = std::ranges::any_of(matches, [&](const Match& other) {
      const PatternInfo& o = compiled.pattern(other.pattern);
      return o.rule == info.rule && o.role == PatternRole::kGroup &&
             inside(other.span, m.span);
    });
  }
  ++comments_;
}

DeadWeight DeadWeightScan::result() const {
  const CompiledRules& compiled = engine_.compiled();
  const auto& rules = engine_.rule_set().rules;
  DeadWeight out;
  out.comments = comments_;
  for (std::uint32_t r = 0; r < rules.size(); ++r) {
    if (fired_[r].empty()) out.silent_rules.push_back(rules[r].id);
  }
  for (std::uint32_t id = 0; id < compiled.pattern_count(); ++id) {
    const PatternInfo& info = compiled.pattern(id);
    const auto it = used_.find(key_of(info));
    if (it == used_.end() || it->second) continue;
    EntryRef ref = entry_ref(compiled, info);
    auto& list = info.role == PatternRole::kAllow ? out.idle_allows
                                                  : out.silent_entries;
    const bool listed = std::ranges::any_of(list, [&](const EntryRef& e) {
      return e.rule == ref.rule && e.kind == ref.kind && e.text == ref.text &&
             e.location.line == ref.location.line &&
             e.location.column == ref.location.column;
    });
    if (!listed) list.push_back(std::move(ref));
  }
  // fired_ lists are sorted (comments are numbered in order), so inclusion
  // is one merge.
  for (std::uint32_t a = 0; a < rules.size(); ++a) {
    if (fired_[a].empty()) continue;
    for (std::uint32_t b = 0; b < rules.size(); ++b) {
      if (a == b || fired_[b].size() < fired_[a].size()) continue;
      if (std::ranges::includes(fired_[b], fired_[a])) {
        out.redundant_rules.push_back(
            RedundantRule{rules[a].id, rules[b].id, fired_[a].size()});
        break;
      }
    }
  }
  return out;
}

std::expected<DeadWeight, Errors> find_dead_weight(
    const Engine& engine, std::span<const std::filesystem::path> files) {
  Errors missing;
  for (const auto& file : files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      missing.push_back(Error{ErrorKind::kIo, file.string(), 0, 0, "",
                              "no such data file",
                              "give comments as JSON Lines, .csv or .txt"});
    }
  }
  if (!missing.empty()) return std::unexpected(std::move(missing));
  DeadWeightScan scan(engine);
  Errors input_errors;
  InputRecord record;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      return std::unexpected(Errors{Error{ErrorKind::kIo, file.string(), 0, 0,
                                          "", "cannot open the data file", ""}});
    }
    ReaderOptions options;
    options.format = format_of(file);
    CommentReader reader(in, file.string(), options);
    while (reader.next(record)) {
      if (record.error) {
        input_errors.push_back(std::move(*record.error));
        continue;
      }
      scan.add(record.text);
    }
  }
  DeadWeight out = scan.result();
  out.input_errors = std::move(input_errors);
  return out;
}

}  // namespace modfilter
