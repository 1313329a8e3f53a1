#include "tests/reference/reference_scope.h"

#include <cctype>
#include <set>

#include "engine/normalize/normalize.h"

namespace modfilter::reference {
namespace {

const std::set<std::string, std::less<>> kOpeners = {
    "but", "however", "although", "though", "because", "whereas", "while",
    "ama", "fakat", "ancak", "cunku", "لكن", "ولكن", "لان", "بل", "بينما",
    "اما", "ولي", "زيرا"};
const std::set<std::string, std::less<>> kReportingVerbs = {
    "say", "says", "said", "saying", "call", "calls", "called", "calling",
    "claim", "claims", "claimed", "claiming", "wrote", "write", "writes",
    "writing", "tweeted", "posted", "chanted", "chanting", "shouted",
    "shouting", "yelled", "yelling"};
const std::set<std::string, std::less<>> kSpeechNouns = {
    "statement", "statements", "comment", "comments", "thing", "things",
    "word", "words", "remark", "remarks", "slur", "slurs", "phrase",
    "phrases", "post", "posts", "tweet", "tweets", "joke", "jokes", "sign",
    "signs", "term", "terms", "message", "messages", "chant", "chants",
    "slogan", "slogans"};

struct Mark {
  std::string open;
  std::vector<std::string> close;
};
const std::vector<Mark> kMarks = {
    {"\"", {"\""}},
    {"\xE2\x80\x9C", {"\xE2\x80\x9D", "\xE2\x80\x9C"}},
    {"\xE2\x80\x9E", {"\xE2\x80\x9C", "\xE2\x80\x9D"}},
    {"\xC2\xAB", {"\xC2\xBB"}},
    {"\xE2\x80\xB9", {"\xE2\x80\xBA"}},
    {"\xE2\x80\x98", {"\xE2\x80\x99"}},
    {"\xE2\x80\x9A", {"\xE2\x80\x98", "\xE2\x80\x99"}},
    {"\xE3\x80\x8C", {"\xE3\x80\x8D"}},
    {"\xE3\x80\x8E", {"\xE3\x80\x8F"}},
    {"'", {"'"}},
};

bool word_byte(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  const unsigned char c = static_cast<unsigned char>(text[i]);
  return std::isalnum(c) != 0 || c >= 0x80;
}

bool apostrophe(const std::string& m) {
  return m == "'" || m == "\xE2\x80\x98" || m == "\xE2\x80\x99";
}

bool opens(std::string_view text, std::size_t i, const std::string& m) {
  if (text.substr(i, m.size()) != m) return false;
  if (!apostrophe(m)) return true;
  const std::size_t after = i + m.size();
  if (i > 0 && word_byte(text, i - 1)) return false;
  return after < text.size() && text[after] != ' ' && text[after] != '\t' &&
         text[after] != '\n';
}

bool closes(std::string_view text, std::size_t i, const std::string& m) {
  if (text.substr(i, m.size()) != m) return false;
  return !apostrophe(m) || !word_byte(text, i + m.size());
}

bool contains(std::string_view gap, std::string_view what) {
  return gap.find(what) != std::string_view::npos;
}

}  // namespace

Places::Places(std::string_view text, const NormalizedText& normalized) {
  const std::string_view view = normalized.view();
  std::vector<std::string> words;
  std::vector<std::size_t> view_sentence;
  bool broken = false;
  for (std::size_t i = 0; i < view.size();) {
    if (!is_word_byte(static_cast<unsigned char>(view[i]))) {
      if (contains(".!?;", view.substr(i, 1))) broken = true;
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < view.size() && is_word_byte(static_cast<unsigned char>(view[e]))) ++e;
    const ByteSpan original = normalized.to_original(
        {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(e)});
    Place p;
    p.begin = original.begin;
    p.end = original.end;
    const bool sentence_break =
        !places_.empty() &&
        (broken || [&] {
          const std::string_view gap =
              original.begin > places_.back().end
                  ? text.substr(places_.back().end,
                                original.begin - places_.back().end)
                  : std::string_view{};
          return contains(gap, "\xD8\x9F") || contains(gap, "\xDB\x94") ||
                 contains(gap, "\xE3\x80\x82");
        }());
    // Words compared in lower case (a plain ASCII view keeps "But", "I").
    std::string word(view.substr(i, e - i));
    for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!places_.empty()) {
      const Place& last = places_.back();
      const std::string_view gap =
          p.begin > last.end ? text.substr(last.end, p.begin - last.end)
                             : std::string_view{};
      bool clause_break = sentence_break || kOpeners.contains(word);
      for (std::string_view mark :
           {",", ";", ":", "\xD8\x8C", "\xD8\x9B", "\xE3\x80\x81",
            "\xE2\x80\x94", "\xE2\x80\x93", "--"}) {
        if (contains(gap, mark)) clause_break = true;
      }
      if (contains(gap, "-") && (contains(gap, " ") || contains(gap, "\t") ||
                                 contains(gap, "\n") || contains(gap, "\r"))) {
        clause_break = true;
      }
      p.sentence = sentence_break ? places_.size() : last.sentence;
      p.clause = clause_break ? places_.size() : last.clause;
    }
    broken = false;
    places_.push_back(p);
    words.push_back(std::move(word));
    i = e;
  }
  // Quotations, scanned from the start.
  std::vector<std::pair<std::size_t, std::size_t>> quotes;
  for (std::size_t i = 0; i < text.size();) {
    const Mark* mark = nullptr;
    for (const Mark& m : kMarks) {
      if (opens(text, i, m.open)) {
        mark = &m;
        break;
      }
    }
    if (mark == nullptr) {
      ++i;
      continue;
    }
    const std::size_t inside = i + mark->open.size();
    bool closed = false;
    for (std::size_t j = inside; j < text.size() && !closed; ++j) {
      for (const std::string& c : mark->close) {
        if (!closed && closes(text, j, c)) {
          quotes.emplace_back(inside, j);
          i = j + c.size();
          closed = true;
        }
      }
    }
    if (!closed) i = inside;
  }
  std::size_t outside = 0;
  for (Place& p : places_) {
    for (const auto& [b, e] : quotes) {
      if (b <= p.begin && p.begin < e) p.quoted = true;
    }
    if (!p.quoted) ++outside;
  }
  if (outside < 2) {
    for (Place& p : places_) p.quoted = false;
  }
  // Reports: a reporting word makes the rest of its clause reported.
  for (std::size_t i = 0; i < places_.size(); ++i) {
    bool report = false;
    if (kReportingVerbs.contains(words[i])) {
      report = !(i > 0 && words[i] == "called" && words[i - 1] == "so");
      for (std::size_t k = 1; k <= 2 && k <= i; ++k) {
        if (places_[i - k].clause == places_[i].clause &&
            (words[i - k] == "i" || words[i - k] == "we")) {
          report = false;
        }
      }
    }
    if (words[i] == "like" && i > 0 && kSpeechNouns.contains(words[i - 1])) {
      report = true;
    }
    if (!report) continue;
    for (std::size_t j = i + 1; j < places_.size(); ++j) {
      if (places_[j].clause == places_[i].clause) places_[j].reported = true;
    }
  }
}

const Places::Place* Places::at(std::size_t offset) const {
  for (const Place& p : places_) {
    if (p.end > offset) return &p;
  }
  return places_.empty() ? nullptr : &places_.back();
}

bool Places::together(std::size_t a, std::size_t b, Scope scope) const {
  if (scope == Scope::kComment) return true;
  const Place* pa = at(a);
  const Place* pb = at(b);
  if (pa == nullptr || pb == nullptr) return true;
  return scope == Scope::kSentence ? pa->sentence == pb->sentence
                                   : pa->clause == pb->clause;
}

bool Places::reported(std::size_t offset) const {
  const Place* p = at(offset);
  return p != nullptr && (p->quoted || p->reported);
}

}  // namespace modfilter::reference
