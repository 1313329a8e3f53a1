#include "tests/reference/reference_matcher.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <set>

#include "engine/normalize/normalize.h"
#include "engine/normalize/token_rules.h"

namespace modfilter::reference {
namespace {

// A hit: a range of bytes, of the view or of the original text.
struct Hit {
  std::size_t begin = 0;
  std::size_t end = 0;
};

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lower_case(std::string_view text) {
  std::string out;
  for (char ch : text) out += ascii_lower(ch);
  return out;
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

// Every token a disguised form of `word` (its view) can leave once leet,
// masking or stretching are undone, as token keys (docs/rules.md, "Words
// through disguises"): the word itself; and, for a word of 3 or more plain
// letters, the word with an inner run of letters masked (first and last
// kept), the word cut after 3 or more letters and masked, the whole word
// followed by a mask, and (4 or more letters) one inner letter read as
// '@' -> 'a'.
std::set<std::string> disguised_keys(const std::string& word) {
  std::set<std::string> keys;
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
  std::set<std::string> keys;      // disguised_keys(view)
};

struct RegexEntry {
  std::unique_ptr<re2::RE2> re;
};

// One matcher of the rule, ready to search.
struct ReadyMatcher {
  MatcherKind kind = MatcherKind::kWords;
  View view = View::kNormalized;
  std::vector<Word> words;
  std::vector<std::string> suffixes;  // normalised
  std::vector<RegexEntry> regexes;
};

// What a comment looks like to the matchers.
struct Comment {
  std::string_view text;
  NormalizedText normalized;
  std::string lowered;  // the view with ASCII letters in lower case
};

Hit to_original(const Comment& c, Hit view_hit) {
  const ByteSpan s = c.normalized.to_original(
      {static_cast<std::uint32_t>(view_hit.begin),
       static_cast<std::uint32_t>(view_hit.end)});
  return {s.begin, s.end};
}

// Literal occurrences of a word in the view, on word boundaries: a word
// ends at a non-word byte or carries one of the suffixes and then ends; a
// prefix runs on to the end of the word it starts.
void find_literal(const Comment& c, const Word& word, bool prefix,
                  const std::vector<std::string>& suffixes,
                  std::vector<Hit>& out) {
  const std::string_view view = c.normalized.view();
  const std::string lowered = lower_case(word.view);
  for (std::size_t b = c.lowered.find(lowered); b != std::string::npos;
       b = c.lowered.find(lowered, b + 1)) {
    if (b > 0 && word_byte_at(view, b - 1)) continue;
    std::size_t e = b + word.view.size();
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
    out.push_back(to_original(c, {b, e}));
  }
}

// Tokens the normaliser flagged (leet, masking, stretching changed them)
// that are a disguised form of the word, of the word plus one of its
// suffixes, or (prefix) of the word followed by more letters.
void find_in_tokens(const Comment& c, const Word& word, bool prefix,
                    const std::vector<std::string>& suffixes,
                    std::vector<Hit>& out) {
  if (word.keys.empty()) return;
  const std::string_view view = c.normalized.view();
  for (const ByteSpan& span : c.normalized.flagged_tokens()) {
    const std::string_view token = view.substr(span.begin, span.size());
    const std::string key = token_key(token);
    bool hit = word.keys.contains(key);
    if (prefix) {
      for (std::size_t n = 1; n < key.size() && !hit; ++n) {
        hit = word.keys.contains(key.substr(0, n));
      }
    } else {
      for (const std::string& s : suffixes) {
        if (hit) break;
        hit = token.size() > s.size() && token.ends_with(s) &&
              word.keys.contains(
                  token_key(token.substr(0, token.size() - s.size())));
      }
    }
    if (hit) out.push_back(to_original(c, {span.begin, span.end}));
  }
}

// A regex's hits (docs/rules.md): the match with the last end and the
// leftmost start for that end, then the same before that start, and so on.
// Every (start, end) pair is tried with RE2 anchored at both ends, in the
// context of the whole subject (so \b, ^ and $ see the bytes around).
void find_regex(const Comment& c, const re2::RE2& re, View view,
                std::vector<Hit>& out) {
  const std::string_view subject =
      view == View::kRaw ? c.text : c.normalized.view();
  const re2::StringPiece whole(subject.data(), subject.size());
  if (!re2::RE2::PartialMatch(whole, re)) return;  // the common case, fast
  std::size_t limit = subject.size();
  for (std::size_t e = subject.size(); e > 0; --e) {
    if (e > limit) continue;
    for (std::size_t b = 0; b < e; ++b) {
      if (!re.Match(whole, b, e, re2::RE2::ANCHOR_BOTH, nullptr, 0)) continue;
      out.push_back(view == View::kRaw ? Hit{b, e} : to_original(c, {b, e}));
      limit = b;
      break;
    }
  }
}

std::vector<Hit> hits_of(const Comment& c, const ReadyMatcher& m) {
  std::vector<Hit> out;
  if (m.kind == MatcherKind::kRegex) {
    for (const auto& r : m.regexes) find_regex(c, *r.re, m.view, out);
    return out;
  }
  const bool prefix = m.kind == MatcherKind::kPrefixes;
  for (const Word& w : m.words) {
    find_literal(c, w, prefix, m.suffixes, out);
    find_in_tokens(c, w, prefix, m.suffixes, out);
  }
  return out;
}

// Overlapping hits count once.
std::vector<Hit> merged(std::vector<Hit> hits) {
  std::ranges::sort(hits, [](const Hit& a, const Hit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::vector<Hit> out;
  for (const Hit& h : hits) {
    if (!out.empty() && h.begin < out.back().end) {
      out.back().end = std::max(out.back().end, h.end);
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

}  // namespace

struct ReferenceMatcher::Rule {
  const modfilter::Rule* rule = nullptr;
  std::vector<std::vector<ReadyMatcher>> groups;
  std::vector<ReadyMatcher> unless;
  std::vector<Word> allow;
  bool decidable = true;

  // Whether some choice of one hit per group is within `near` of every
  // other and (ordered) in group order: tried exhaustively.
  bool combine(const std::vector<std::vector<Hit>>& hits,
               std::vector<Hit>& chosen) const {
    const std::size_t g = chosen.size();
    if (g == hits.size()) return true;
    for (const Hit& h : hits[g]) {
      bool fits = true;
      for (const Hit& earlier : chosen) {
        if (rule->near && gap(earlier, h) > *rule->near) fits = false;
        if (rule->ordered && earlier.end > h.begin) fits = false;
      }
      if (!fits) continue;
      chosen.push_back(h);
      if (combine(hits, chosen)) return true;
      chosen.pop_back();
    }
    return false;
  }

  bool fires(const Comment& c) const {
    for (const ReadyMatcher& m : unless) {
      if (!hits_of(c, m).empty()) return false;
    }
    std::vector<Hit> allowed;
    for (const Word& w : allow) find_literal(c, w, true, {}, allowed);
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
          if (!cancelled) group_hits.push_back(h);
        }
      }
      group_hits = merged(std::move(group_hits));
      if (group_hits.empty()) return false;
      count += group_hits.size();
      hits.push_back(std::move(group_hits));
    }
    if (count < rule->min_count) return false;
    std::vector<Hit> chosen;
    return hits.size() == 1 || combine(hits, chosen);
  }
};

namespace {

ReadyMatcher ready(const Matcher& matcher, bool& decidable) {
  const Normalizer& normalizer = default_normalizer();
  ReadyMatcher m;
  m.kind = matcher.kind;
  m.view = matcher.view;
  for (const auto& s : matcher.suffixes) {
    m.suffixes.push_back(normalizer.normalize_word(s));
  }
  for (const Entry& e : matcher.entries) {
    if (matcher.kind == MatcherKind::kRegex) {
      re2::RE2::Options options;
      // Bytes, as Hyperscan scans them without HS_FLAG_UTF8.
      options.set_encoding(re2::RE2::Options::EncodingLatin1);
      options.set_log_errors(false);
      auto re = std::make_unique<re2::RE2>(e.text, options);
      if (!re->ok()) decidable = false;
      m.regexes.push_back({std::move(re)});
    } else {
      Word w;
      w.view = normalizer.normalize_word(e.text);
      w.keys = disguised_keys(w.view);
      m.words.push_back(std::move(w));
    }
  }
  return m;
}

}  // namespace

ReferenceMatcher::ReferenceMatcher(const RuleSet& rules) {
  for (const modfilter::Rule& rule : rules.rules) {
    auto r = std::make_unique<Rule>();
    r->rule = &rule;
    for (const auto& group : rule.groups) {
      auto& out = r->groups.emplace_back();
      for (const Matcher& m : group) out.push_back(ready(m, r->decidable));
    }
    for (const Matcher& m : rule.unless) r->unless.push_back(ready(m, r->decidable));
    for (const Entry& e : rule.allow) {
      r->allow.push_back({default_normalizer().normalize_word(e.text), {}});
    }
    if (!r->decidable) undecided_.push_back(rule.id);
    rules_.push_back(std::move(r));
  }
}

ReferenceMatcher::~ReferenceMatcher() = default;

std::vector<std::string> ReferenceMatcher::fire(std::string_view text) const {
  Comment c;
  c.text = text;
  default_normalizer().normalize(text, c.normalized);
  c.lowered = lower_case(c.normalized.view());
  std::vector<std::string> fired;
  for (const auto& r : rules_) {
    if (r->decidable && r->fires(c)) fired.push_back(r->rule->id);
  }
  return fired;
}

}  // namespace modfilter::reference
