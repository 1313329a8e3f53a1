#include "engine/scanner/segments.h"

#include <algorithm>
#include <array>

#include "engine/normalize/normalize.h"

namespace modfilter {
namespace {

using namespace std::string_view_literals;

// Words that open a clause of their own: what follows them is said in
// another breath ("I'm not racist but ..."). "and" and "or" join the parts
// of one claim ("women and gays are ..."), so they are not here.
constexpr std::array kClauseOpeners = {
    "but"sv,  "however"sv, "although"sv, "though"sv, "because"sv,
    "whereas"sv, "while"sv,
    "ama"sv, "fakat"sv, "ancak"sv, "cunku"sv,            // Turkish
    "لكن"sv, "ولكن"sv, "لان"sv, "بل"sv, "بينما"sv,       // Arabic
    "اما"sv, "ولي"sv, "زيرا"sv,                          // Persian
};

// Verbs whose object is someone else's words: what follows in the clause
// is reported ("people who say X", "calling X animals").
constexpr std::array kReportingVerbs = {
    "say"sv,    "says"sv,    "said"sv,    "saying"sv,   "call"sv,
    "calls"sv,  "called"sv,  "calling"sv, "claim"sv,    "claims"sv,
    "claimed"sv, "claiming"sv, "wrote"sv, "write"sv,    "writes"sv,
    "writing"sv, "tweeted"sv, "posted"sv, "chanted"sv,  "chanting"sv,
    "shouted"sv, "shouting"sv, "yelled"sv, "yelling"sv,
};

// Nouns for words said, before "like": "statements like X".
constexpr std::array kSpeechNouns = {
    "statement"sv, "statements"sv, "comment"sv, "comments"sv, "thing"sv,
    "things"sv,    "word"sv,       "words"sv,   "remark"sv,   "remarks"sv,
    "slur"sv,      "slurs"sv,      "phrase"sv,  "phrases"sv,  "post"sv,
    "posts"sv,     "tweet"sv,      "tweets"sv,  "joke"sv,     "jokes"sv,
    "sign"sv,      "signs"sv,      "term"sv,    "terms"sv,    "message"sv,
    "messages"sv,  "chant"sv,      "chants"sv,  "slogan"sv,   "slogans"sv,
};

// Whether `token` is `word` (lower case), ASCII letters compared without
// case: a plain ASCII view keeps the comment's case ("But", "I").
bool is_word(std::string_view token, std::string_view word) noexcept {
  if (token.size() != word.size()) return false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    const char folded = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (folded != word[i]) return false;
  }
  return true;
}

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words,
            std::string_view token) noexcept {
  return std::ranges::any_of(
      words, [&](std::string_view w) { return is_word(token, w); });
}

bool text_word_byte(std::string_view text, std::size_t pos) noexcept {
  return pos < text.size() && is_word_byte(static_cast<unsigned char>(text[pos]));
}

bool has(std::string_view gap, std::string_view mark) noexcept {
  return gap.find(mark) != std::string_view::npos;
}

// Ends of sentences the view turns into spaces (Arabic question mark,
// Urdu full stop, ideographic full stop).
bool ends_sentence(std::string_view gap) noexcept {
  return has(gap, "\u061F") || has(gap, "\u06D4") || has(gap, "\u3002");
}

// Commas, semicolons, colons and dashes of every script; a hyphen only
// with a space beside it ("women - all of them"), not inside a word.
bool ends_clause(std::string_view gap) noexcept {
  if (gap.find_first_of(",;:") != std::string_view::npos) return true;
  if (has(gap, "\u060C") || has(gap, "\u061B") || has(gap, "\u2014") ||
      has(gap, "\u2013") || has(gap, "\u3001") || has(gap, "--")) {
    return true;
  }
  return has(gap, "-") && gap.find_first_of(" \t\n\r") != std::string_view::npos;
}

// A quotation mark: the bytes it takes and the marks that close it.
struct QuoteMark {
  std::string_view open;
  std::array<std::string_view, 2> close;
};

constexpr std::array kQuoteMarks = {
    QuoteMark{"\"", {"\"", {}}},
    QuoteMark{"\u201C", {"\u201D", "\u201C"}},  // “ ” (and “ “)
    QuoteMark{"\u201E", {"\u201C", "\u201D"}},  // „ “
    QuoteMark{"\u00AB", {"\u00BB", {}}},        // « »
    QuoteMark{"\u2039", {"\u203A", {}}},        // ‹ ›
    QuoteMark{"\u2018", {"\u2019", {}}},        // ‘ ’
    QuoteMark{"\u201A", {"\u2018", "\u2019"}},  // ‚ ‘
    QuoteMark{"\u300C", {"\u300D", {}}},        // 「 」
    QuoteMark{"\u300E", {"\u300F", {}}},        // 『 』
    QuoteMark{"'", {"'", {}}},
};

// ' and ’ are apostrophes far more often than quotes: one opens a
// quotation only after a non-word byte and before a non-space, and closes
// one only before a non-word byte ("don't", "boys' club" open nothing).
bool apostrophe_like(std::string_view mark) noexcept {
  return mark == "'" || mark == "\u2019" || mark == "\u2018";
}

bool opens_at(std::string_view text, std::size_t i, std::string_view mark) {
  if (!text.substr(i).starts_with(mark)) return false;
  if (!apostrophe_like(mark)) return true;
  const std::size_t after = i + mark.size();
  return (i == 0 || !text_word_byte(text, i - 1)) && after < text.size() &&
         text[after] != ' ' && text[after] != '\n' && text[after] != '\t';
}

bool closes_at(std::string_view text, std::size_t i, std::string_view mark) {
  if (mark.empty() || !text.substr(i).starts_with(mark)) return false;
  return !apostrophe_like(mark) || !text_word_byte(text, i + mark.size());
}

}  // namespace

void Segments::build(std::string_view text, const NormalizedText& normalized) {
  const std::string_view view = normalized.view();
  split_view_tokens(view, view_tokens_);
  tokens_.resize(view_tokens_.size());
  for (std::size_t i = 0; i < view_tokens_.size(); ++i) {
    const ViewToken& vt = view_tokens_[i];
    const ByteSpan span = normalized.is_identity()
                              ? ByteSpan{vt.begin, vt.end}
                              : normalized.to_original({vt.begin, vt.end});
    tokens_[i] = {span.begin, span.end, vt.sentence, vt.sentence, false};
  }
  split_clauses(text, view);
  mark_quotes(text);
  mark_reports(view);
}

void Segments::split_clauses(std::string_view text, std::string_view view) {
  std::uint32_t sentence = 0, clause = 0;
  for (std::uint32_t i = 1; i < tokens_.size(); ++i) {
    const Token& previous = tokens_[i - 1];
    const std::string_view gap =
        tokens_[i].begin > previous.end
            ? text.substr(previous.end, tokens_[i].begin - previous.end)
            : std::string_view{};
    const ViewToken& vt = view_tokens_[i];
    const std::string_view word = view.substr(vt.begin, vt.end - vt.begin);
    if (vt.sentence != view_tokens_[i - 1].sentence || ends_sentence(gap)) {
      sentence = clause = i;
    } else if (ends_clause(gap) || one_of(kClauseOpeners, word)) {
      clause = i;
    }
    tokens_[i].sentence = sentence;
    tokens_[i].clause = clause;
  }
}

void Segments::mark_quotes(std::string_view text) {
  quotes_.clear();
  // Where each kind of mark has no closing mark left: an unclosed “ needs
  // no second search, so that a comment of marks costs one pass each.
  std::array<std::size_t, kQuoteMarks.size()> unclosed_from;
  unclosed_from.fill(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto mark = std::ranges::find_if(kQuoteMarks, [&](const QuoteMark& q) {
      return opens_at(text, i, q.open);
    });
    if (mark == kQuoteMarks.end()) {
      ++i;
      continue;
    }
    const auto kind = static_cast<std::size_t>(mark - kQuoteMarks.begin());
    const std::size_t inside = i + mark->open.size();
    std::size_t close = inside;
    std::size_t close_size = 0;
    for (; close < unclosed_from[kind]; ++close) {
      for (const std::string_view c : mark->close) {
        if (closes_at(text, close, c)) close_size = c.size();
      }
      if (close_size != 0) break;
    }
    if (close_size == 0) {  // a mark that never closes quotes nothing
      unclosed_from[kind] = std::min(unclosed_from[kind], inside);
      i = inside;
      continue;
    }
    quotes_.push_back({static_cast<std::uint32_t>(inside),
                       static_cast<std::uint32_t>(close)});
    i = close + close_size;
  }
  if (quotes_.empty()) return;
  // A quotation is reported speech only inside a frame of the writer's own
  // words: a comment that is nothing but a quoted slogan says it. Tokens
  // and quotations are both in text order: one sweep.
  std::size_t inside = 0;
  std::size_t q = 0;
  for (Token& t : tokens_) {
    while (q < quotes_.size() && quotes_[q].end <= t.begin) ++q;
    t.reported = q < quotes_.size() && quotes_[q].begin <= t.begin;
    if (t.reported) ++inside;
  }
  if (tokens_.size() - inside < 2) {
    for (Token& t : tokens_) t.reported = false;
  }
}

void Segments::mark_reports(std::string_view view) {
  auto word = [&](std::size_t i) {
    const ViewToken& vt = view_tokens_[i];
    return view.substr(vt.begin, vt.end - vt.begin);
  };
  // One pass: a reporting word opens a report that runs to its clause's end.
  bool in_report = false;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (i > 0 && tokens_[i].clause != tokens_[i - 1].clause) in_report = false;
    if (in_report) tokens_[i].reported = true;
    const std::string_view w = word(i);
    if (one_of(kReportingVerbs, w)) {
      // "I say", "I'm saying", "we call": the writer's own words.
      bool opens = true;
      for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
        if (tokens_[i - back].clause != tokens_[i].clause) break;
        const std::string_view b = word(i - back);
        if (is_word(b, "i") || is_word(b, "we")) opens = false;
      }
      if (is_word(w, "called") && i > 0 && is_word(word(i - 1), "so")) {
        opens = false;
      }
      in_report = in_report || opens;
    } else if (is_word(w, "like") && i > 0 &&
               one_of(kSpeechNouns, word(i - 1))) {
      in_report = true;
    }
  }
}

const Segments::Token* Segments::token_at(std::uint32_t offset) const noexcept {
  if (tokens_.empty()) return nullptr;
  const auto it = std::ranges::partition_point(
      tokens_, [&](const Token& t) { return t.end <= offset; });
  return it == tokens_.end() ? &tokens_.back() : &*it;
}

std::uint32_t Segments::unit(std::uint32_t offset, Scope scope) const noexcept {
  if (scope == Scope::kComment) return 0;
  const Token* t = token_at(offset);
  if (t == nullptr) return 0;
  return scope == Scope::kSentence ? t->sentence : t->clause;
}

bool Segments::reported(std::uint32_t offset) const noexcept {
  const Token* t = token_at(offset);
  return t != nullptr && t->reported;
}

}  // namespace modfilter
