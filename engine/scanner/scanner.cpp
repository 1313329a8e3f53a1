#include "engine/scanner/scanner.h"

#include <hs/hs.h>

#include <algorithm>
#include <optional>

#include "engine/core/assert.h"
#include "engine/normalize/arabizi_view.h"
#include "engine/normalize/normalize.h"
#include "engine/scanner/slip_reader.h"

namespace modfilter {
namespace {

struct Context {
  const CompiledRules* rules;
  std::string_view view;
  std::vector<Match>* matches;         // regex hits
  std::vector<LexemeHit>* lexemes;     // vocabulary hits
};

// A regex hit whose start is found after the scan (span_finder.h).
constexpr std::uint32_t kStartUnknown = 0xffffffffu;

void push_regex(Context& ctx, std::uint32_t id, unsigned long long from,
                unsigned long long to) {
  // An id the tables lack: a database file whose bytecode disagrees with
  // its pattern table (forged, with a right checksum).
  if (id >= ctx.rules->pattern_count() ||
      ctx.rules->pattern(id).kind != MatcherKind::kRegex) {
    return;
  }
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
std::optional<std::size_t> word_start(const Context& ctx, const Lexeme& lexeme,
                                      std::size_t begin) noexcept {
  if (begin == 0 || !word_at(ctx.view, begin - 1)) return begin;
  for (const std::string& proclitic : ctx.rules->affix_set(lexeme.proclitics)) {
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
  if ((id & kRegexIdBit) != 0) {
    push_regex(ctx, id & ~kRegexIdBit, from, to);
    return 0;
  }
  if (id >= ctx.rules->lexeme_count()) return 0;  // a forged file, as above
  const Lexeme& lexeme = ctx.rules->lexeme(id);
  const auto end = static_cast<std::size_t>(to);
  if (end < lexeme.literal.size()) return 0;
  const std::optional<std::size_t> start =
      word_start(ctx, lexeme, end - lexeme.literal.size());
  if (!start) return 0;
  const std::size_t begin = *start;
  std::size_t stop = end;
  if (lexeme.kind == MatcherKind::kPrefixes) {
    while (word_at(ctx.view, stop)) ++stop;
  } else if (word_at(ctx.view, end)) {
    stop = 0;
    for (const std::string& suffix : ctx.rules->affix_set(lexeme.suffixes)) {
      if (has_affix_at(ctx.view, end, suffix) &&
          !word_at(ctx.view, end + suffix.size())) {
        stop = end + suffix.size();
        break;
      }
    }
    if (stop == 0) return 0;
  }
  ctx.lexemes->push_back({id, {static_cast<std::uint32_t>(begin),
                               static_cast<std::uint32_t>(stop)}});
  return 0;
}

int on_raw_match(unsigned id, unsigned long long from, unsigned long long to,
                 unsigned, void* raw) {
  if ((id & kRegexIdBit) == 0) return 0;  // a forged file, as above
  push_regex(*static_cast<Context*>(raw), id & ~kRegexIdBit, from, to);
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
// (either may be empty), as hits of the whole token.
void push_token_hits(const CompiledRules& rules, std::string_view key,
                     std::string_view proclitic, std::string_view suffix,
                     const ByteSpan& token_span, std::vector<LexemeHit>& hits) {
  for (const TokenHit& hit : rules.token_index().find(key)) {
    const Lexeme& lexeme = rules.lexeme(hit.lexeme);
    if ((suffix.empty() || !hit.prefix) &&
        affix_allowed(rules.affix_set(lexeme.suffixes), suffix) &&
        affix_allowed(rules.affix_set(lexeme.proclitics), proclitic)) {
      hits.push_back({hit.lexeme, token_span});
    }
  }
}

// The prefix entries allowing `proclitic` in front (or none) whose key is
// a head of `key` shorter than it: the disguised word runs on (f*cking).
void push_prefix_hits(const CompiledRules& rules, std::string_view key,
                      std::string_view proclitic, const ByteSpan& token_span,
                      std::vector<LexemeHit>& hits) {
  const TokenIndex& index = rules.token_index();
  const std::size_t longest = std::min(index.longest_prefix_key(), key.size());
  for (std::size_t n = 1; n < longest + 1 && n < key.size(); ++n) {
    if (!index.may_start_prefix(key, n)) continue;
    for (const TokenHit& hit : index.find(key.substr(0, n))) {
      if (hit.prefix &&
          affix_allowed(rules.affix_set(rules.lexeme(hit.lexeme).proclitics),
                        proclitic)) {
        hits.push_back({hit.lexeme, token_span});
      }
    }
  }
}

// The vocabulary one flagged token holds, as hits at `token_span`.
void look_up_token(const CompiledRules& rules, const AffixIndex& affixes,
                   std::string_view token, const ByteSpan& token_span,
                   std::vector<LexemeHit>& hits) {
  const std::string key = token_key(token);
  for (const TokenHit& hit : rules.token_index().find(key)) {
    hits.push_back({hit.lexeme, token_span});
  }
  for (const std::string_view suffix : affixes.suffixes_for(token)) {
    if (token.size() <= suffix.size() || !token.ends_with(suffix)) continue;
    push_token_hits(rules,
                    token_key(token.substr(0, token.size() - suffix.size())),
                    "", suffix, token_span, hits);
  }
  // A disguised word behind a proclitic (الكلللب), with or without a
  // suffix.
  for (const std::string_view proclitic : affixes.proclitics_for(token)) {
    if (token.size() <= proclitic.size() || !token.starts_with(proclitic)) {
      continue;
    }
    const std::string_view stem = token.substr(proclitic.size());
    const std::string stem_key = token_key(stem);
    push_token_hits(rules, stem_key, proclitic, "", token_span, hits);
    push_prefix_hits(rules, stem_key, proclitic, token_span, hits);
    for (const std::string_view suffix : affixes.suffixes_for(stem)) {
      if (stem.size() <= suffix.size() || !stem.ends_with(suffix)) continue;
      push_token_hits(rules,
                      token_key(stem.substr(0, stem.size() - suffix.size())),
                      proclitic, suffix, token_span, hits);
    }
  }
  push_prefix_hits(rules, key, "", token_span, hits);
}

// Vocabulary in the tokens leet, masking or stretching changed. Replies
// open with runs of mentions ("@USER @USER @USER" is flagged "auser" each
// time): a token equal to the one before has its hits, at its own span,
// without looking them up again.
void look_up_tokens(const CompiledRules& rules, const AffixIndex& affixes,
                    const NormalizedText& text, std::vector<LexemeHit>& hits) {
  const std::string_view view = text.view();
  std::string_view previous;
  std::size_t previous_first = 0;  // previous's hits: hits[first, last)
  std::size_t previous_last = 0;
  for (const ByteSpan& token_span : text.flagged_tokens()) {
    const std::string_view token =
        view.substr(token_span.begin, token_span.size());
    if (!previous.empty() && token == previous) {
      for (std::size_t i = previous_first; i < previous_last; ++i) {
        hits.push_back({hits[i].lexeme, token_span});
      }
      continue;
    }
    previous = token;
    previous_first = hits.size();
    look_up_token(rules, affixes, token, token_span, hits);
    previous_last = hits.size();
  }
}

// Every use of every lexeme hit, as matches (still in the hits' bytes),
// each naming its entry's list when that list reports a subcategory.
void spread_to_uses(const CompiledRules& rules,
                    const std::vector<LexemeHit>& hits,
                    std::vector<Match>& matches) {
  for (const LexemeHit& hit : hits) {
    for (const std::uint32_t use : rules.uses(rules.lexeme(hit.lexeme))) {
      const std::uint32_t list = rules.pattern(use).list;
      matches.push_back({use, hit.span,
                         rules.list_subcategory(list).empty() ? kNoList : list});
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

// The rules with confirm patterns whose anchor group hit, and the confirm
// databases they have patterns in (CompiledRules::confirm_views).
std::uint8_t find_anchored(const CompiledRules& rules,
                           std::initializer_list<const std::vector<Match>*> lists,
                           std::vector<std::uint32_t>& anchored) {
  anchored.clear();
  std::uint8_t views = 0;
  for (const auto* list : lists) {
    for (const Match& m : *list) {
      const PatternInfo& info = rules.pattern(m.pattern);
      if (info.role == PatternRole::kGroup &&
          info.group == rules.anchor_group(info.rule) &&
          rules.has_confirm(info.rule)) {
        anchored.push_back(info.rule);
        views |= rules.confirm_views(info.rule);
      }
    }
  }
  std::ranges::sort(anchored);
  const auto [first, last] = std::ranges::unique(anchored);
  anchored.erase(first, last);
  return views;
}

// Keeps the hits of matches[first..] whose rule is anchored.
void keep_anchored(const CompiledRules& rules,
                   const std::vector<std::uint32_t>& anchored,
                   std::vector<Match>& matches, std::size_t first) {
  const auto from = matches.begin() + static_cast<std::ptrdiff_t>(first);
  matches.erase(std::remove_if(from, matches.end(),
                               [&](const Match& m) {
                                 return !std::ranges::binary_search(
                                     anchored, rules.pattern(m.pattern).rule);
                               }),
                matches.end());
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
  reserve(rules.confirm_normalized_database());
  reserve(rules.confirm_raw_database());
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
  ws.lexeme_hits_.clear();
  ws.sequence_hits_.clear();
  default_normalizer().normalize(
      text, ws.normalized_, NormalizeOptions{options.record_transforms});
  // Misspelt rule words are read as meant in the view itself, before the
  // one scan, so that lists, sequences and regexes all see them.
  ws.read_slips_ = false;
  if (options.read_slips) {
    find_slips(rules.slip_index(), text, ws.normalized_, ws.slips_);
    if (!ws.slips_.empty()) {
      std::swap(ws.normalized_, ws.unslipped_);
      apply_token_edits(text, ws.unslipped_, ws.slips_, ws.normalized_,
                        options.record_transforms);
      ws.read_slips_ = true;
    }
  }
  const NormalizedText& normalized = ws.normalized_;
  const std::string_view view = normalized.view();
  Context on_view{&rules, view, &ws.matches_, &ws.lexeme_hits_};
  Context on_text{&rules, text, &ws.raw_matches_, &ws.lexeme_hits_};

  if (const hs_database_t* db = rules.normalized_database(); db && !view.empty()) {
    scan_database(db, view, ws.scratch_.get(), on_normalized_match, on_view);
  }
  look_up_tokens(rules, ws.affixes_, normalized, ws.lexeme_hits_);
  ws.sequences_.run(rules, view, ws.lexeme_hits_, ws.sequence_hits_);
  for (const SequenceHit& hit : ws.sequence_hits_) {
    ws.matches_.push_back({hit.pattern, hit.span, hit.list});
  }
  spread_to_uses(rules, ws.lexeme_hits_, ws.matches_);

  // The Arabizi view maps back on its own: its hits join the raw ones, which
  // are in bytes of the original text.
  if (const hs_database_t* db = rules.arabizi_database();
      db && !text.empty()) {
    normalize_arabizi(text, ws.arabizi_);
    const NormalizedText& arabizi = ws.arabizi_;
    const std::size_t first = ws.raw_matches_.size();
    ws.lexeme_hits_.clear();
    Context ctx{&rules, arabizi.view(), &ws.raw_matches_, &ws.lexeme_hits_};
    if (!arabizi.view().empty()) {
      scan_database(db, arabizi.view(), ws.scratch_.get(), on_normalized_match,
                    ctx);
    }
    spread_to_uses(rules, ws.lexeme_hits_, ws.raw_matches_);
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

  // The second stage: the confirm patterns, kept for the rules whose anchor
  // group hit (compiled_rules.h), each database only when one of those
  // rules has patterns in it.
  const hs_database_t* confirm_view = rules.confirm_normalized_database();
  const hs_database_t* confirm_text = rules.confirm_raw_database();
  if (confirm_view != nullptr || confirm_text != nullptr) {
    const std::uint8_t views = find_anchored(
        rules, {&ws.matches_, &ws.raw_matches_}, ws.anchored_rules_);
    if (!ws.anchored_rules_.empty()) {
      if (confirm_view != nullptr && !view.empty() &&
          (views & CompiledRules::kConfirmNormalized) != 0) {
        const std::size_t first = ws.matches_.size();
        ws.lexeme_hits_.clear();
        scan_database(confirm_view, view, ws.scratch_.get(),
                      on_normalized_match, on_view);
        spread_to_uses(rules, ws.lexeme_hits_, ws.matches_);
        keep_anchored(rules, ws.anchored_rules_, ws.matches_, first);
      }
      if (confirm_text != nullptr && !text.empty() &&
          (views & CompiledRules::kConfirmRaw) != 0) {
        const std::size_t first = ws.raw_matches_.size();
        scan_database(confirm_text, text, ws.scratch_.get(), on_raw_match,
                      on_text);
        keep_anchored(rules, ws.anchored_rules_, ws.raw_matches_, first);
      }
    }
  }

  find_starts(rules, view, ws.matches_, 0);
  if (!normalized.is_identity()) {
    for (Match& m : ws.matches_) m.span = normalized.to_original(m.span);
  }
  find_starts(rules, text, ws.raw_matches_, 0);
  ws.matches_.insert(ws.matches_.end(), ws.raw_matches_.begin(),
                     ws.raw_matches_.end());
}

}  // namespace modfilter
