#include "engine/scanner/scanner.h"

#include <algorithm>
#include <optional>

#include "engine/core/assert.h"
#include "engine/normalize/arabizi_view.h"
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

// `affix` (lower case) at view[pos], whatever the view's case.
bool has_affix_at(std::string_view view, std::size_t pos,
                  std::string_view affix) noexcept {
  if (view.size() - pos < affix.size()) return false;
  for (std::size_t i = 0; i < affix.size(); ++i) {
    if (lower(view[pos + i]) != affix[i]) return false;
  }
  return true;
}

// Where the word whose literal starts at `begin` starts: `begin` on a word
// boundary, else before one of its proclitics that starts the word (ال in
// الكلب), else nullopt.
std::optional<std::size_t> word_start(const Context& ctx,
                                      const PatternInfo& info,
                                      std::size_t begin) noexcept {
  if (begin == 0 || !word_at(ctx.view, begin - 1)) return begin;
  for (const std::string& proclitic : ctx.rules->affix_set(info.proclitics)) {
    if (begin < proclitic.size()) continue;
    const std::size_t start = begin - proclitic.size();
    if (has_affix_at(ctx.view, start, proclitic) &&
        (start == 0 || !word_at(ctx.view, start - 1))) {
      return start;
    }
  }
  return std::nullopt;
}

// A literal hit ends at `end`; keep it only on word boundaries (or behind
// one of the word's proclitics), extended by one of the word's suffixes, or
// to the end of the word for a prefix.
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
  const std::optional<std::size_t> start = word_start(ctx, info, end - info.length);
  if (!start) return 0;
  const std::size_t begin = *start;
  std::size_t stop = end;
  if (info.kind == MatcherKind::kPrefixes) {
    while (word_at(ctx.view, stop)) ++stop;
  } else if (word_at(ctx.view, end)) {
    stop = 0;
    for (const std::string& suffix : ctx.rules->affix_set(info.suffixes)) {
      if (has_affix_at(ctx.view, end, suffix) &&
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

bool affix_allowed(const std::vector<std::string>& set,
                   std::string_view affix) {
  return affix.empty() || std::ranges::find(set, affix) != set.end();
}

// The hits of `key` that allow `proclitic` in front and `suffix` behind
// (either may be empty), as matches of the whole token.
void push_token_hits(const CompiledRules& rules, std::string_view key,
                     std::string_view proclitic, std::string_view suffix,
                     const ByteSpan& token_span, std::vector<Match>& matches) {
  for (const TokenHit& hit : rules.token_index().find(key)) {
    const PatternInfo& info = rules.pattern(hit.pattern);
    if ((suffix.empty() || !hit.prefix) &&
        affix_allowed(rules.affix_set(info.suffixes), suffix) &&
        affix_allowed(rules.affix_set(info.proclitics), proclitic)) {
      matches.push_back({hit.pattern, token_span});
    }
  }
}

// The prefix entries allowing `proclitic` in front (or none) whose key is
// a head of `key` shorter than it: the disguised word runs on (f*cking).
void push_prefix_hits(const CompiledRules& rules, std::string_view key,
                      std::string_view proclitic, const ByteSpan& token_span,
                      std::vector<Match>& matches) {
  const TokenIndex& index = rules.token_index();
  const std::size_t longest = std::min(index.longest_prefix_key(), key.size());
  for (std::size_t n = 1; n < longest + 1 && n < key.size(); ++n) {
    if (!index.may_start_prefix(key, n)) continue;
    for (const TokenHit& hit : index.find(key.substr(0, n))) {
      if (hit.prefix &&
          affix_allowed(rules.affix_set(rules.pattern(hit.pattern).proclitics),
                        proclitic)) {
        matches.push_back({hit.pattern, token_span});
      }
    }
  }
}

// The vocabulary one flagged token holds, as matches at `token_span`.
void look_up_token(const CompiledRules& rules, const AffixIndex& affixes,
                   std::string_view token, const ByteSpan& token_span,
                   std::vector<Match>& matches) {
  const std::string key = token_key(token);
  for (const TokenHit& hit : rules.token_index().find(key)) {
    matches.push_back({hit.pattern, token_span});
  }
  for (const std::string_view suffix : affixes.suffixes_for(token)) {
    if (token.size() <= suffix.size() || !token.ends_with(suffix)) continue;
    push_token_hits(rules,
                    token_key(token.substr(0, token.size() - suffix.size())),
                    "", suffix, token_span, matches);
  }
  // A disguised word behind a proclitic (الكلللب), with or without a
  // suffix.
  for (const std::string_view proclitic : affixes.proclitics_for(token)) {
    if (token.size() <= proclitic.size() || !token.starts_with(proclitic)) {
      continue;
    }
    const std::string_view stem = token.substr(proclitic.size());
    const std::string stem_key = token_key(stem);
    push_token_hits(rules, stem_key, proclitic, "", token_span, matches);
    push_prefix_hits(rules, stem_key, proclitic, token_span, matches);
    for (const std::string_view suffix : affixes.suffixes_for(stem)) {
      if (stem.size() <= suffix.size() || !stem.ends_with(suffix)) continue;
      push_token_hits(rules,
                      token_key(stem.substr(0, stem.size() - suffix.size())),
                      proclitic, suffix, token_span, matches);
    }
  }
  push_prefix_hits(rules, key, "", token_span, matches);
}

// Vocabulary in the tokens leet, masking or stretching changed. Replies
// open with runs of mentions ("@USER @USER @USER" is flagged "auser" each
// time): a token equal to the one before has its hits, at its own span,
// without looking them up again.
void look_up_tokens(const CompiledRules& rules, const AffixIndex& affixes,
                    const NormalizedText& text, std::vector<Match>& matches) {
  const std::string_view view = text.view();
  std::string_view previous;
  std::size_t previous_first = 0;  // previous's hits: matches[first, last)
  std::size_t previous_last = 0;
  for (const ByteSpan& token_span : text.flagged_tokens()) {
    const std::string_view token =
        view.substr(token_span.begin, token_span.size());
    if (!previous.empty() && token == previous) {
      for (std::size_t i = previous_first; i < previous_last; ++i) {
        matches.push_back({matches[i].pattern, token_span});
      }
      continue;
    }
    previous = token;
    previous_first = matches.size();
    look_up_token(rules, affixes, token, token_span, matches);
    previous_last = matches.size();
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

// The second stage: the confirm databases of the rules whose anchor group
// hit (compiled_rules.h).
void confirm_anchored_rules(const CompiledRules& rules,
                            std::vector<std::uint32_t>& anchored,
                            hs_scratch_t* scratch, Context& on_view,
                            Context& on_text) {
  anchored.clear();
  for (const auto* list : {on_view.matches, on_text.matches}) {
    for (const Match& m : *list) {
      const PatternInfo& info = rules.pattern(m.pattern);
      if (info.role == PatternRole::kGroup &&
          info.group == rules.anchor_group(info.rule) &&
          rules.confirm(info.rule) != nullptr) {
        anchored.push_back(info.rule);
      }
    }
  }
  std::ranges::sort(anchored);
  const auto [first, last] = std::ranges::unique(anchored);
  anchored.erase(first, last);
  for (const std::uint32_t rule : anchored) {
    const ConfirmDatabases& confirm = *rules.confirm(rule);
    if (confirm.normalized && !on_view.view.empty()) {
      scan_database(confirm.normalized.get(), on_view.view, scratch,
                    on_normalized_match, on_view);
    }
    if (confirm.raw && !on_text.view.empty()) {
      scan_database(confirm.raw.get(), on_text.view, scratch,
                    on_raw_match, on_text);
    }
  }
}

}  // namespace

void ScanWorkspace::prepare(const CompiledRules& rules) {
  if (prepared_for_ == &rules && prepared_serial_ == rules.serial()) return;
  auto reserve = [this](const hs_database_t* db) {
    if (db != nullptr) MODFILTER_ASSERT(scratch_.reserve_for(db) == HS_SUCCESS);
  };
  reserve(rules.normalized_database());
  reserve(rules.raw_database());
  reserve(rules.arabizi_database());
  for (std::uint32_t r = 0; r < rules.rule_set().rules.size(); ++r) {
    if (const ConfirmDatabases* confirm = rules.confirm(r)) {
      reserve(confirm->normalized.get());
      reserve(confirm->raw.get());
    }
  }
  affixes_.build(rules.all_suffixes(), rules.all_proclitics());
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
       {rules.normalized_database(), rules.raw_database(),
        rules.arabizi_database()}) {
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
  ws.raw_matches_.clear();
  default_normalizer().normalize(
      text, ws.normalized_, NormalizeOptions{options.record_transforms});
  const NormalizedText& normalized = ws.normalized_;
  const std::string_view view = normalized.view();
  Context on_view{&rules, view, &ws.matches_};
  Context on_text{&rules, text, &ws.raw_matches_};

  if (const hs_database_t* db = rules.normalized_database(); db && !view.empty()) {
    scan_database(db, view, ws.scratch_.get(), on_normalized_match, on_view);
  }
  look_up_tokens(rules, ws.affixes_, normalized, ws.matches_);
  // The Arabizi view maps back on its own: its hits join the raw ones, which
  // are in bytes of the original text.
  if (const hs_database_t* db = rules.arabizi_database();
      db && !text.empty()) {
    normalize_arabizi(text, ws.arabizi_);
    const NormalizedText& arabizi = ws.arabizi_;
    const std::size_t first = ws.raw_matches_.size();
    Context ctx{&rules, arabizi.view(), &ws.raw_matches_};
    if (!arabizi.view().empty()) {
      scan_database(db, arabizi.view(), ws.scratch_.get(), on_normalized_match,
                    ctx);
    }
    find_starts(rules, arabizi.view(), ws.raw_matches_, first);
    if (!arabizi.is_identity()) {
      for (std::size_t i = first; i < ws.raw_matches_.size(); ++i) {
        ws.raw_matches_[i].span = arabizi.to_original(ws.raw_matches_[i].span);
      }
    }
  }
  if (const hs_database_t* db = rules.raw_database(); db && !text.empty()) {
    scan_database(db, text, ws.scratch_.get(), on_raw_match, on_text);
  }
  confirm_anchored_rules(rules, ws.anchored_rules_, ws.scratch_.get(), on_view,
                         on_text);

  find_starts(rules, view, ws.matches_, 0);
  if (!normalized.is_identity()) {
    for (Match& m : ws.matches_) m.span = normalized.to_original(m.span);
  }
  find_starts(rules, text, ws.raw_matches_, 0);
  ws.matches_.insert(ws.matches_.end(), ws.raw_matches_.begin(),
                     ws.raw_matches_.end());
}

}  // namespace modfilter
