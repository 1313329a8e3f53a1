#include "engine/scanner/scanner.h"

#include <algorithm>

#include "engine/core/assert.h"
#include "engine/normalize/normalize.h"

namespace modfilter {
namespace {

struct Context {
  const CompiledRules* rules;
  std::string_view view;
  std::vector<Match>* matches;
};

// A regex hit whose start is found after the scan (span_finder.h).
constexpr std::uint32_t kStartUnknown = 0xffffffffu;

void push_regex(Context& ctx, unsigned id, unsigned long long from,
                unsigned long long to) {
  const bool som = ctx.rules->pattern(id).som;
  // Neither a start from Hyperscan nor a way to find one: only a database
  // file whose pattern table disagrees with its bytecode (forged, with a
  // right checksum) gets here, and such a hit has no span to give.
  if (!som && ctx.rules->span_finder(id) == nullptr) return;
  ctx.matches->push_back(
      {id, {som ? static_cast<std::uint32_t>(from) : kStartUnknown,
            static_cast<std::uint32_t>(to)}});
}

char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool word_at(std::string_view view, std::size_t pos) noexcept {
  return pos < view.size() && is_word_byte(static_cast<unsigned char>(view[pos]));
}

// `suffix` (lower case) at view[pos], whatever the view's case.
bool has_suffix_at(std::string_view view, std::size_t pos,
                   std::string_view suffix) noexcept {
  if (view.size() - pos < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (lower(view[pos + i]) != suffix[i]) return false;
  }
  return true;
}

// A literal hit ends at `end`; keep it only on word boundaries, extended by
// one of the word's suffixes, or to the end of the word for a prefix.
int on_normalized_match(unsigned id, unsigned long long from,
                        unsigned long long to, unsigned, void* raw) {
  auto& ctx = *static_cast<Context*>(raw);
  const PatternInfo& info = ctx.rules->pattern(id);
  const auto end = static_cast<std::size_t>(to);
  if (info.kind == MatcherKind::kRegex) {
    push_regex(ctx, id, from, to);
    return 0;
  }
  MODFILTER_ASSERT(end >= info.length);
  const std::size_t begin = end - info.length;
  if (begin > 0 && word_at(ctx.view, begin - 1)) return 0;
  std::size_t stop = end;
  if (info.kind == MatcherKind::kPrefixes) {
    while (word_at(ctx.view, stop)) ++stop;
  } else if (word_at(ctx.view, end)) {
    stop = 0;
    for (const std::string& suffix : ctx.rules->suffix_set(info.suffixes)) {
      if (has_suffix_at(ctx.view, end, suffix) &&
          !word_at(ctx.view, end + suffix.size())) {
        stop = end + suffix.size();
        break;
      }
    }
    if (stop == 0) return 0;
  }
  ctx.matches->push_back({id, {static_cast<std::uint32_t>(begin),
                               static_cast<std::uint32_t>(stop)}});
  return 0;
}

int on_raw_match(unsigned id, unsigned long long from, unsigned long long to,
                 unsigned, void* raw) {
  push_regex(*static_cast<Context*>(raw), id, from, to);
  return 0;
}

// Finds the starts of the regex hits in matches[first..] (all on `text`).
// Hyperscan reports every end of a match (`\S+` ends at each byte), so the
// hits of one pattern are taken from the last end backwards, and an end
// inside a span already found is dropped: one RE2 run per distinct match.
void find_starts(const CompiledRules& rules, std::string_view text,
                 std::vector<Match>& matches, std::size_t first) {
  auto unknown = [](const Match& m) { return m.span.begin == kStartUnknown; };
  auto begin = std::partition(matches.begin() + static_cast<std::ptrdiff_t>(first),
                              matches.end(), [&](const Match& m) { return !unknown(m); });
  if (begin == matches.end()) return;
  std::sort(begin, matches.end(), [](const Match& a, const Match& b) {
    return a.pattern != b.pattern ? a.pattern < b.pattern
                                  : a.span.end > b.span.end;
  });
  auto out = begin;
  for (auto it = begin; it != matches.end(); ++it) {
    if (out != begin && (out - 1)->pattern == it->pattern &&
        it->span.end > (out - 1)->span.begin) {
      continue;  // inside the match just found
    }
    const SpanFinder* finder = rules.span_finder(it->pattern);
    MODFILTER_ASSERT(finder != nullptr);
    const auto start = finder->start(text, it->span.end);
    // Hyperscan refuses regexes that match the empty string, so RE2 finds
    // an empty match only when the database file's regex and its Hyperscan
    // bytecode disagree (a forged file that passed the checksum): no span.
    if (!start || *start >= it->span.end) continue;
    *out++ = {it->pattern, {static_cast<std::uint32_t>(*start), it->span.end}};
  }
  matches.erase(out, matches.end());
}

bool suffix_allowed(const CompiledRules& rules, const TokenHit& hit,
                    std::string_view suffix) {
  for (const std::string& s : rules.suffix_set(rules.pattern(hit.pattern).suffixes)) {
    if (s == suffix) return true;
  }
  return false;
}

// Vocabulary in the tokens leet, masking or stretching changed.
void look_up_tokens(const CompiledRules& rules, const NormalizedText& text,
                    std::vector<Match>& matches) {
  const TokenIndex& index = rules.token_index();
  const std::string_view view = text.view();
  for (const ByteSpan& token_span : text.flagged_tokens()) {
    const std::string_view token =
        view.substr(token_span.begin, token_span.size());
    const std::string key = token_key(token);
    if (const auto* hits = index.find(key)) {
      for (const TokenHit& hit : *hits) matches.push_back({hit.pattern, token_span});
    }
    for (const std::string& suffix : rules.all_suffixes()) {
      if (token.size() <= suffix.size() || !token.ends_with(suffix)) continue;
      const std::string stem_key =
          token_key(token.substr(0, token.size() - suffix.size()));
      if (const auto* hits = index.find(stem_key)) {
        for (const TokenHit& hit : *hits) {
          if (!hit.prefix && suffix_allowed(rules, hit, suffix)) {
            matches.push_back({hit.pattern, token_span});
          }
        }
      }
    }
    const std::size_t longest = std::min(index.longest_prefix_key(), key.size());
    for (std::size_t n = 1; n < longest + 1 && n < key.size(); ++n) {
      if (const auto* hits = index.find(std::string_view(key).substr(0, n))) {
        for (const TokenHit& hit : *hits) {
          if (hit.prefix) matches.push_back({hit.pattern, token_span});
        }
      }
    }
  }
}

void scan_database(const hs_database_t* db, std::string_view data,
                   hs_scratch_t* scratch, match_event_handler handler,
                   Context& ctx) {
  const hs_error_t rc =
      hs_scan(db, data.data(), static_cast<unsigned>(data.size()), 0, scratch,
              handler, &ctx);
  MODFILTER_ASSERT(rc == HS_SUCCESS || rc == HS_SCAN_TERMINATED);
}

}  // namespace

void ScanWorkspace::prepare(const CompiledRules& rules) {
  if (prepared_for_ == &rules && prepared_serial_ == rules.serial()) return;
  for (const hs_database_t* db :
       {rules.normalized_database(), rules.raw_database()}) {
    if (db != nullptr) MODFILTER_ASSERT(scratch_.reserve_for(db) == HS_SUCCESS);
  }
  prepared_for_ = &rules;
  prepared_serial_ = rules.serial();
}

std::size_t Scanner::scan_hyperscan_only(const CompiledRules& rules,
                                         std::string_view text,
                                         ScanWorkspace& ws) {
  ws.prepare(rules);
  std::size_t count = 0;
  auto on_match = [](unsigned, unsigned long long, unsigned long long,
                     unsigned, void* counter) -> int {
    ++*static_cast<std::size_t*>(counter);
    return 0;
  };
  for (const hs_database_t* db :
       {rules.normalized_database(), rules.raw_database()}) {
    if (db == nullptr || text.empty()) continue;
    const hs_error_t rc =
        hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0,
                ws.scratch_.get(), on_match, &count);
    MODFILTER_ASSERT(rc == HS_SUCCESS);
  }
  return count;
}

void Scanner::scan(const CompiledRules& rules, std::string_view text,
                   ScanWorkspace& ws, const ScanOptions& options) {
  ws.prepare(rules);
  ws.matches_.clear();
  default_normalizer().normalize(
      text, ws.normalized_, NormalizeOptions{options.record_transforms});
  const NormalizedText& normalized = ws.normalized_;

  if (const hs_database_t* db = rules.normalized_database()) {
    Context ctx{&rules, normalized.view(), &ws.matches_};
    if (!normalized.view().empty()) {
      scan_database(db, normalized.view(), ws.scratch_.get(),
                    on_normalized_match, ctx);
    }
    find_starts(rules, normalized.view(), ws.matches_, 0);
    look_up_tokens(rules, normalized, ws.matches_);
    if (!normalized.is_identity()) {
      for (Match& m : ws.matches_) m.span = normalized.to_original(m.span);
    }
  }
  if (const hs_database_t* db = rules.raw_database(); db && !text.empty()) {
    const std::size_t first = ws.matches_.size();
    Context ctx{&rules, text, &ws.matches_};
    scan_database(db, text, ws.scratch_.get(), on_raw_match, ctx);
    find_starts(rules, text, ws.matches_, first);
  }
}

}  // namespace modfilter
