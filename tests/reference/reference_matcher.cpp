#include "tests/reference/reference_matcher.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "engine/lang/comment_languages.h"
#include "engine/normalize/arabizi_view.h"
#include "engine/normalize/normalize.h"
#include "engine/normalize/token_rules.h"
#include "tests/reference/reference_scope.h"

namespace modfilter::reference {
namespace {

// A hit: a range of bytes, of the view or of the original text, and the
// named list of the entry it found when that list reports a subcategory.
struct Hit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t list = kNoList;
};

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Whether `word` is at view[pos], comparing ASCII letters without case.
bool equal_at(std::string_view view, std::size_t pos, std::string_view word) {
  if (pos > view.size() || view.size() - pos < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (ascii_lower(view[pos + i]) != ascii_lower(word[i])) return false;
  }
  return true;
}

bool word_byte_at(std::string_view view, std::size_t pos) {
  return pos < view.size() && is_word_byte(static_cast<unsigned char>(view[pos]));
}

// Token keys, looked up by string_view too.
using Keys = std::set<std::string, std::less<>>;

// Every token a disguised form of `word` (its view) can leave once leet,
// masking or stretching are undone, as token keys (docs/rules.md, "Words
// through disguises"): the word itself; and, for a word of 3 or more plain
// letters, the word with an inner run of letters masked (first and last
// kept), the word cut after 3 or more letters and masked, the whole word
// followed by a mask, and (4 or more letters) one inner letter read as
// '@' -> 'a'.
Keys disguised_keys(const std::string& word) {
  Keys keys;
  if (word.empty() || !std::ranges::all_of(word, [](char c) {
        return is_word_byte(static_cast<unsigned char>(c));
      })) {
    return keys;  // a phrase, or symbols: found only as written
  }
  keys.insert(token_key(word));
  const std::size_t n = word.size();
  const bool plain = std::ranges::all_of(word, [](char c) {
    return c >= 'a' && c <= 'z';
  });
  if (n < 3 || !plain) return keys;
  for (std::size_t first = 1; first + 1 < n; ++first) {
    for (std::size_t last = first; last + 1 < n; ++last) {
      keys.insert(token_key(word.substr(0, first) + "*" + word.substr(last + 1)));
    }
  }
  for (std::size_t head = kMinMaskedHead; head <= n; ++head) {
    keys.insert(token_key(word.substr(0, head) + "*"));
  }
  if (n >= 4) {
    for (std::size_t i = 1; i + 1 < n; ++i) {
      std::string at = word;
      at[i] = 'a';
      keys.insert(token_key(at));
    }
  }
  return keys;
}

struct Word {
  std::string view;                // the entry as the normaliser writes it
  Keys keys;                       // disguised_keys(view)
  std::size_t longest_key = 0;     // of keys: no longer head can be one
  std::uint32_t list = kNoList;    // its list, when that has a subcategory
};

// One step of a token sequence: any token, or one of `words`, repeated
// min..max times.
struct ReadyStep {
  bool any = false;
  std::size_t min = 1;
  std::size_t max = 1;
  std::vector<Word> words;
};

struct RegexEntry {
  std::unique_ptr<re2::RE2> re;
};

// One matcher of the rule, ready to search.
struct ReadyMatcher {
  MatcherKind kind = MatcherKind::kWords;
  View view = View::kNormalized;
  std::vector<Word> words;
  std::vector<std::string> suffixes;    // in the matcher's view
  std::vector<std::string> proclitics;  // in the matcher's view
  std::vector<RegexEntry> regexes;
  std::vector<ReadyStep> steps;         // kSequence
};

// What a comment looks like to the matchers: its bytes and its two views.
struct Comment {
  std::string_view text;
  NormalizedText normalized;
  NormalizedText arabizi;

  const NormalizedText& of(View view) const {
    return view == View::kArabizi ? arabizi : normalized;
  }
};

Hit to_original(const NormalizedText& view, Hit view_hit) {
  const ByteSpan s = view.to_original(
      {static_cast<std::uint32_t>(view_hit.begin),
       static_cast<std::uint32_t>(view_hit.end)});
  return {s.begin, s.end, view_hit.list};
}

// Where a word found at view[b] starts: at b when a word starts there,
// else at the start of one of its proclitics written right before it and
// starting a word; nullopt when it is the inside of a longer word.
std::optional<std::size_t> word_start(std::string_view view, std::size_t b,
                                      const std::vector<std::string>& proclitics) {
  if (b == 0 || !word_byte_at(view, b - 1)) return b;
  for (const std::string& p : proclitics) {
    if (p.size() > b) continue;
    const std::size_t start = b - p.size();
    if (equal_at(view, start, p) &&
        (start == 0 || !word_byte_at(view, start - 1))) {
      return start;
    }
  }
  return std::nullopt;
}

// Literal occurrences of a word in a view, on word boundaries: a word
// starts at a non-word byte or behind one of the proclitics that starts
// the word there; it ends at a non-word byte or carries one of the
// suffixes and then ends; a prefix runs on to the end of the word it
// starts.
void find_literal(std::string_view view, const Word& word, bool prefix,
                  const std::vector<std::string>& suffixes,
                  const std::vector<std::string>& proclitics,
                  std::vector<Hit>& out) {
  for (std::size_t pos = 0; pos + word.view.size() <= view.size(); ++pos) {
    if (!equal_at(view, pos, word.view)) continue;
    const std::optional<std::size_t> start = word_start(view, pos, proclitics);
    if (!start) continue;
    const std::size_t b = *start;
    std::size_t e = pos + word.view.size();
    if (prefix) {
      while (word_byte_at(view, e)) ++e;
    } else if (word_byte_at(view, e)) {
      std::optional<std::size_t> with_suffix;
      for (const std::string& s : suffixes) {
        if (equal_at(view, e, s) && !word_byte_at(view, e + s.size())) {
          with_suffix = e + s.size();
        }
      }
      if (!with_suffix) continue;
      e = *with_suffix;
    }
    out.push_back({b, e, word.list});
  }
}

// Whether `key` is the key of a disguise of `word`: of the word itself,
// or (prefix) of the word followed by more letters.
bool key_hits(const Word& word, std::string_view key, bool prefix) {
  if (word.keys.contains(key)) return true;
  for (std::size_t n = 1; prefix && n < key.size() && n <= word.longest_key;
       ++n) {
    if (word.keys.contains(key.substr(0, n))) return true;
  }
  return false;
}

// Whether a flagged `token` (without its proclitic, if any) is a disguise
// of `word`, of the word plus one of its suffixes (words), or of the word
// followed by more letters (prefixes).
bool token_hits(const Word& word, std::string_view token, bool prefix,
                const std::vector<std::string>& suffixes) {
  if (key_hits(word, token_key(token), prefix)) return true;
  if (prefix) return false;
  for (const std::string& s : suffixes) {
    if (token.size() > s.size() && token.ends_with(s) &&
        word.keys.contains(token_key(token.substr(0, token.size() - s.size())))) {
      return true;
    }
  }
  return false;
}

// Tokens the normaliser flagged (leet, masking, stretching changed them)
// that are a disguised form of the word, of the word plus one of its
// suffixes, or (prefix) of the word followed by more letters; the token
// may open with one of the word's proclitics. Only the canonical view has
// flagged tokens.
void find_in_tokens(const NormalizedText& text, const Word& word, bool prefix,
                    const std::vector<std::string>& suffixes,
                    const std::vector<std::string>& proclitics,
                    std::vector<Hit>& out) {
  if (word.keys.empty()) return;
  const std::string_view view = text.view();
  for (const ByteSpan& span : text.flagged_tokens()) {
    const std::string_view token = view.substr(span.begin, span.size());
    bool hit = token_hits(word, token, prefix, suffixes);
    for (const std::string& p : proclitics) {
      if (hit) break;
      hit = token.size() > p.size() && token.starts_with(p) &&
            token_hits(word, token.substr(p.size()), prefix, suffixes);
    }
    if (hit) out.push_back({span.begin, span.end, word.list});
  }
}

// A regex's hits (docs/rules.md): the match with the last end and the
// leftmost start for that end, then the same before that start, and so on.
// Every (start, end) pair is tried with RE2 anchored at both ends, in the
// context of the whole subject (so \b, ^ and $ see the bytes around).
void find_regex(const Comment& c, const re2::RE2& re, View view,
                std::vector<Hit>& out) {
  const std::string_view subject =
      view == View::kRaw ? c.text : c.of(view).view();
  const re2::StringPiece whole(subject.data(), subject.size());
  if (!re2::RE2::PartialMatch(whole, re)) return;  // the common case, fast
  std::size_t limit = subject.size();
  for (std::size_t e = subject.size(); e > 0; --e) {
    if (e > limit) continue;
    for (std::size_t b = 0; b < e; ++b) {
      if (!re.Match(whole, b, e, re2::RE2::ANCHOR_BOTH, nullptr, 0)) continue;
      out.push_back(view == View::kRaw ? Hit{b, e}
                                       : to_original(c.of(view), {b, e}));
      limit = b;
      break;
    }
  }
}

// The view's tokens (maximal runs of word bytes), each with its sentence:
// a sentence break lies between two tokens when the bytes between them
// hold '.', '!', '?' or ';'.
struct Token {
  std::size_t begin = 0, end = 0;
  std::size_t sentence = 0;
};

std::vector<Token> tokens_of(std::string_view view) {
  std::vector<Token> tokens;
  std::size_t sentence = 0;
  bool broken = false;
  for (std::size_t i = 0; i < view.size();) {
    if (!word_byte_at(view, i)) {
      broken = broken || std::string_view(".!?;").find(view[i]) !=
                             std::string_view::npos;
      ++i;
      continue;
    }
    if (broken && !tokens.empty()) ++sentence;
    broken = false;
    Token t{i, i, sentence};
    while (word_byte_at(view, t.end)) ++t.end;
    i = t.end;
    tokens.push_back(t);
  }
  return tokens;
}

// A word step's hit, in tokens: [first, last), and its list.
struct Cover {
  std::size_t first = 0, last = 0;
  std::uint32_t list = kNoList;
};

// A token sequence, the slow way (docs/rules.md, "Sequences"): from every
// token t, the steps in order, each repeated min..max times, fewest
// repeats first and a step's shorter hits before longer ones.
class SequenceSearch {
 public:
  SequenceSearch(const NormalizedText& text, const std::vector<ReadyStep>& steps)
      : view_(text.view()), tokens_(tokens_of(view_)), steps_(steps) {
    for (const ReadyStep& step : steps) {
      std::vector<Cover> covers;
      for (const Word& w : step.words) {
        std::vector<Hit> hits;
        find_literal(view_, w, false, {}, {}, hits);
        find_in_tokens(text, w, false, {}, {}, hits);
        for (const Hit& h : hits) {
          Cover c{tokens_.size(), 0, h.list};
          for (std::size_t t = 0; t < tokens_.size(); ++t) {
            if (tokens_[t].end > h.begin && c.first == tokens_.size()) c.first = t;
            if (tokens_[t].begin < h.end) c.last = t + 1;
          }
          if (c.first < c.last) covers.push_back(c);
        }
      }
      // The same tokens found through two entries report the one whose
      // list has a subcategory.
      std::ranges::stable_sort(covers, [](const Cover& a, const Cover& b) {
        if (a.first != b.first) return a.first < b.first;
        if (a.last != b.last) return a.last < b.last;
        return a.list != kNoList && b.list == kNoList;
      });
      covers_.push_back(std::move(covers));
    }
  }

  void hits(std::vector<Hit>& out) const {
    for (std::size_t t = 0; t < tokens_.size(); ++t) {
      std::size_t end = 0;
      std::uint32_t list = kNoList;
      if (!match(0, 0, t, tokens_[t].sentence, end, list) || end == t) continue;
      out.push_back({tokens_[t].begin, tokens_[end - 1].end, list});
    }
  }

 private:
  bool match(std::size_t step, std::size_t count, std::size_t at,
             std::size_t sentence, std::size_t& end, std::uint32_t& list) const {
    if (step == steps_.size()) {
      end = at;
      return true;
    }
    const ReadyStep& s = steps_[step];
    if (count >= s.min && match(step + 1, 0, at, sentence, end, list)) return true;
    if (count >= s.max || at >= tokens_.size() || tokens_[at].sentence != sentence) {
      return false;
    }
    if (s.any) return match(step, count + 1, at + 1, sentence, end, list);
    for (const Cover& c : covers_[step]) {
      if (c.first != at || tokens_[c.last - 1].sentence != sentence) continue;
      if (match(step, count + 1, c.last, sentence, end, list)) {
        if (c.list != kNoList) list = c.list;  // the earliest step's wins
        return true;
      }
    }
    return false;
  }

  std::string_view view_;
  std::vector<Token> tokens_;
  const std::vector<ReadyStep>& steps_;
  std::vector<std::vector<Cover>> covers_;  // by step
};

std::vector<Hit> hits_of(const Comment& c, const ReadyMatcher& m) {
  std::vector<Hit> view_hits;
  if (m.kind == MatcherKind::kRegex) {
    std::vector<Hit> out;
    for (const auto& r : m.regexes) find_regex(c, *r.re, m.view, out);
    return out;
  }
  const NormalizedText& text = c.of(m.view);
  if (m.kind == MatcherKind::kSequence) {
    SequenceSearch(text, m.steps).hits(view_hits);
  } else {
    const bool prefix = m.kind == MatcherKind::kPrefixes;
    for (const Word& w : m.words) {
      find_literal(text.view(), w, prefix, m.suffixes, m.proclitics, view_hits);
      if (m.view == View::kNormalized) {
        find_in_tokens(c.normalized, w, prefix, m.suffixes, m.proclitics,
                       view_hits);
      }
    }
  }
  std::vector<Hit> out;
  for (const Hit& h : view_hits) out.push_back(to_original(text, h));
  return out;
}

// Overlapping hits count once; a merged hit reports the first list among
// those it absorbed.
std::vector<Hit> merged(std::vector<Hit> hits) {
  std::ranges::stable_sort(hits, [](const Hit& a, const Hit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::vector<Hit> out;
  for (const Hit& h : hits) {
    if (!out.empty() && h.begin < out.back().end) {
      out.back().end = std::max(out.back().end, h.end);
      if (out.back().list == kNoList) out.back().list = h.list;
    } else {
      out.push_back(h);
    }
  }
  return out;
}

std::size_t gap(const Hit& a, const Hit& b) {
  const std::size_t left_end = std::min(a.end, b.end);
  const std::size_t right_begin = std::max(a.begin, b.begin);
  return right_begin > left_end ? right_begin - left_end : 0;
}

bool text_word_byte(std::string_view text, std::size_t i) {
  const auto u = static_cast<unsigned char>(text[i]);
  return std::isalnum(u) != 0 || u >= 0x80;
}

// The words of the original text (runs of [A-Za-z0-9] and bytes >= 0x80)
// lying wholly between two spans.
std::size_t words_between(std::string_view text, const Hit& a, const Hit& b) {
  const std::size_t from = std::min(a.end, b.end);
  const std::size_t to = std::max(a.begin, b.begin);
  std::size_t words = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (!text_word_byte(text, i)) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < text.size() && text_word_byte(text, e)) ++e;
    if (i >= from && e <= to) ++words;
    i = e;
  }
  return words;
}

}  // namespace

struct ReferenceMatcher::Rule {
  const modfilter::Rule* rule = nullptr;
  std::vector<std::vector<ReadyMatcher>> groups;
  std::vector<ReadyMatcher> unless;
  std::vector<Word> allow;
  bool decidable = true;

  // Whether some choice of one hit per group is within `near` of every
  // other and (ordered) in group order: tried exhaustively.
  // The first choice found, groups in order and each group's hits in
  // span order, is the one whose list is reported.
  bool combine(std::string_view text, const Places& places,
               const std::vector<std::vector<Hit>>& hits,
               std::vector<Hit>& chosen) const {
    const std::size_t g = chosen.size();
    if (g == hits.size()) return true;
    for (const Hit& h : hits[g]) {
      bool fits = true;
      for (const Hit& earlier : chosen) {
        if (rule->near && gap(earlier, h) > *rule->near) fits = false;
        if (rule->near_words &&
            words_between(text, earlier, h) > *rule->near_words) {
          fits = false;
        }
        if (rule->ordered && earlier.end > h.begin) fits = false;
        if (!places.together(earlier.begin, h.begin, all_scope(*rule))) {
          fits = false;
        }
      }
      if (!fits) continue;
      chosen.push_back(h);
      if (combine(text, places, hits, chosen)) return true;
      chosen.pop_back();
    }
    return false;
  }

  // Whether the rule fires; if so, the list its reason reports (kNoList:
  // the rule's own subcategory).
  bool fires(const Comment& c, const Places& places, std::uint32_t& list) const {
    // docs/rules.md "Scope": an unless hit cancels the group hits of its
    // clause, its sentence, or (scope comment) the rule.
    std::vector<std::pair<std::size_t, Scope>> cancelling;
    for (std::size_t u = 0; u < unless.size(); ++u) {
      const Scope scope = unless_scope(*rule, rule->unless[u]);
      for (const Hit& h : hits_of(c, unless[u])) {
        if (scope == Scope::kComment) return false;
        cancelling.emplace_back(h.begin, scope);
      }
    }
    auto out_of_scope = [&](const Hit& h) {
      for (const auto& [at, scope] : cancelling) {
        if (places.together(at, h.begin, scope)) return true;
      }
      return rule->quoted == Quoted::kSkip && places.reported(h.begin);
    };
    std::vector<Hit> allowed;
    for (const Word& w : allow) {
      std::vector<Hit> view_hits;
      find_literal(c.normalized.view(), w, true, {}, {}, view_hits);
      for (const Hit& h : view_hits) allowed.push_back(to_original(c.normalized, h));
    }
    std::vector<std::vector<Hit>> hits;
    std::size_t count = 0;
    for (const auto& group : groups) {
      std::vector<Hit> group_hits;
      for (const ReadyMatcher& m : group) {
        for (const Hit& h : hits_of(c, m)) {
          // A hit that starts inside an allowed word belongs to it.
          const bool cancelled = std::ranges::any_of(allowed, [&](const Hit& a) {
            return a.begin <= h.begin && h.begin < a.end;
          });
          if (!cancelled && !out_of_scope(h)) group_hits.push_back(h);
        }
      }
      group_hits = merged(std::move(group_hits));
      if (group_hits.empty()) return false;
      count += group_hits.size();
      hits.push_back(std::move(group_hits));
    }
    if (count < rule->min_count) return false;
    std::vector<Hit> chosen;
    if (hits.size() == 1) {
      chosen = hits.front();
    } else if (!combine(c.text, places, hits, chosen)) {
      return false;
    }
    const auto named = std::ranges::find_if(
        chosen, [](const Hit& h) { return h.list != kNoList; });
    list = named == chosen.end() ? kNoList : named->list;
    return true;
  }
};

namespace {

bool high_byte(char c) { return static_cast<unsigned char>(c) >= 0x80; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// `pattern` with each byte >= 0x80 outside a character class (written or
// as \xHH) in a group of its own. Debian's RE2 (20220601) in Latin-1
// mode loses alternatives that share a leading non-ASCII literal when it
// factors them ('\xe9\xe8|\xe9\xe7' matches neither; google/re2#477):
// the emoji alternatives of a rule ('💩|🤮|🖕') all start with F0 9F. A
// group is not a literal, so nothing is factored; the language matched is
// the same.
std::string without_shared_high_prefixes(const std::string& pattern) {
  if (!std::ranges::any_of(pattern, high_byte) ||
      pattern.find("\\Q") != std::string::npos) {
    return pattern;
  }
  std::string out;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      std::size_t n = 2;
      const bool high_escape = pattern[i + 1] == 'x' && i + 3 < pattern.size() &&
                               hex_value(pattern[i + 2]) >= 8 &&
                               hex_value(pattern[i + 3]) >= 0;
      if (high_escape) n = 4;
      const std::string escape = pattern.substr(i, n);
      out += (high_escape && !in_class) ? "(" + escape + ")" : escape;
      i += n - 1;
    } else if (in_class) {
      out += c;
      if (c == ']') in_class = false;
    } else if (c == '[') {
      out += c;
      in_class = true;
      // A ']' first in the class (after an optional '^') is a member.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
    } else if (high_byte(c)) {
      out += "(";
      out += c;
      out += ")";
    } else {
      out += c;
    }
  }
  return out;
}

// A word, suffix or proclitic as `view` spells it.
std::string in_view(const std::string& word, View view) {
  return view == View::kArabizi ? normalize_arabizi_word(word)
                                : default_normalizer().normalize_word(word);
}

// An entry as a word of `view`, with its list when the list has a
// subcategory.
Word ready_word(const Entry& e, View view, const RuleSet& rules) {
  Word w;
  w.view = in_view(e.text, view);
  // Disguises are undone in the canonical view only.
  if (view == View::kNormalized) w.keys = disguised_keys(w.view);
  for (const std::string& k : w.keys) {
    w.longest_key = std::max(w.longest_key, k.size());
  }
  if (e.list != kNoList && !rules.lists[e.list].subcategory.empty()) {
    w.list = e.list;
  }
  return w;
}

ReadyMatcher ready(const Matcher& matcher, const RuleSet& rules,
                   bool& decidable) {
  ReadyMatcher m;
  m.kind = matcher.kind;
  m.view = matcher.view;
  for (const auto& s : matcher.suffixes) m.suffixes.push_back(in_view(s, m.view));
  for (const auto& p : matcher.proclitics) {
    m.proclitics.push_back(in_view(p, m.view));
  }
  if (matcher.kind == MatcherKind::kSequence) {
    for (const SequenceStep& step : matcher.steps) {
      ReadyStep s;
      s.any = step.kind == SequenceStep::Kind::kAny;
      s.min = step.min;
      s.max = step.max;
      for (const Entry& e : step.entries) {
        s.words.push_back(ready_word(e, View::kNormalized, rules));
      }
      m.steps.push_back(std::move(s));
    }
    return m;
  }
  for (const Entry& e : matcher.entries) {
    if (matcher.kind == MatcherKind::kRegex) {
      re2::RE2::Options options;
      // Bytes, as Hyperscan scans them without HS_FLAG_UTF8.
      options.set_encoding(re2::RE2::Options::EncodingLatin1);
      options.set_log_errors(false);
      auto re = std::make_unique<re2::RE2>(without_shared_high_prefixes(e.text),
                                           options);
      if (!re->ok()) decidable = false;
      m.regexes.push_back({std::move(re)});
    } else {
      m.words.push_back(ready_word(e, m.view, rules));
    }
  }
  return m;
}

}  // namespace

ReferenceMatcher::ReferenceMatcher(const RuleSet& rules) : rules_set_(rules) {
  std::set<std::string> languages;
  for (const modfilter::Rule& rule : rules.rules) {
    languages.insert(rule.langs.begin(), rule.langs.end());
    auto r = std::make_unique<Rule>();
    r->rule = &rule;
    for (const auto& group : rule.groups) {
      auto& out = r->groups.emplace_back();
      for (const Matcher& m : group) out.push_back(ready(m, rules, r->decidable));
    }
    for (const Matcher& m : rule.unless) {
      r->unless.push_back(ready(m, rules, r->decidable));
    }
    for (const Entry& e : rule.allow) {
      r->allow.push_back({default_normalizer().normalize_word(e.text), {}});
    }
    if (!r->decidable) undecided_.push_back(rule.id);
    rules_.push_back(std::move(r));
  }
  known_languages_.assign(languages.begin(), languages.end());
}

ReferenceMatcher::~ReferenceMatcher() = default;

std::vector<Fired> ReferenceMatcher::fire(std::string_view text,
                                          std::string_view languages) const {
  Comment c;
  c.text = text;
  default_normalizer().normalize(text, c.normalized);
  normalize_arabizi(text, c.arabizi);
  // docs/rules.md "Languages": the caller's languages, else those found in
  // the text; a rule with `lang:` fires only on a comment in one of them.
  const LanguageList comment = languages.empty()
                                   ? comment_languages(text, known_languages_)
                                   : parse_languages(languages);
  auto applies = [&](const modfilter::Rule& rule) {
    return rule.langs.empty() || comment.every ||
           std::ranges::any_of(rule.langs, [&](const std::string& code) {
             return comment.contains(code);
           });
  };
  const Places places(c.text, c.normalized);
  std::vector<Fired> fired;
  for (const auto& r : rules_) {
    std::uint32_t list = kNoList;
    if (r->decidable && applies(*r->rule) && r->fires(c, places, list)) {
      fired.push_back({r->rule->id, list == kNoList
                                        ? r->rule->subcategory
                                        : rules_set_.lists[list].subcategory});
    }
  }
  return fired;
}

}  // namespace modfilter::reference
