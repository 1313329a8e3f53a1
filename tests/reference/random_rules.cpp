#include "tests/reference/random_rules.h"

#include <algorithm>
#include <set>

namespace modfilter::reference {
namespace {

using Rng = std::mt19937_64;

std::size_t below(Rng& rng, std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

bool chance(Rng& rng, double p) {
  return std::bernoulli_distribution(p)(rng);
}

template <typename T>
const T& pick(Rng& rng, const std::vector<T>& items) {
  return items[below(rng, items.size())];
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += quoted(items[i]);
  }
  return out + "]";
}

const std::vector<std::string> kSuffixes = {"s", "es", "ed", "er", "ers",
                                            "ing", "in", "y"};
// Attachments in front of a word, Arabizi-like (al-, wal-, b-, w-), and
// chains of them.
const std::vector<std::string> kProclitics = {"al", "wal", "w", "b", "el",
                                              "wel", "l"};
const std::vector<std::string> kLanguages = {"en", "ar", "tr", "fa"};

std::vector<std::string> some_of(Rng& rng, const std::vector<std::string>& items,
                                 double p) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    if (chance(rng, p)) out.push_back(item);
  }
  return out;
}

std::vector<std::string> some_words(Rng& rng, const Vocabulary& v) {
  std::vector<std::string> out;
  const std::size_t n = 1 + below(rng, 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (chance(rng, 0.15)) {
      out.push_back(pick(rng, v.words) + " " + pick(rng, v.words));
    } else {
      out.push_back(pick(rng, v.words));
    }
  }
  return out;
}

// A regex from a few shapes rules use: links, addresses, numbers, and
// vocabulary with structure around it.
std::string some_regex(Rng& rng, const Vocabulary& v) {
  switch (below(rng, 7)) {
    case 0: return "https?://\\S+";
    case 1: return "www\\.[a-z0-9]+\\.[a-z]+";
    case 2: return "\\d{3}";
    case 3: return "[a-z0-9.]+@[a-z]+\\.(com|net|org)";
    case 4: return "\\b" + pick(rng, v.words) + "\\s+" + pick(rng, v.words) + "\\b";
    case 5: return pick(rng, v.words) + "[!?]+";
    default: return "(?i)" + pick(rng, v.words) + "\\b";
  }
}

// The named lists of a random rule file: "a" and "b" with subcategories,
// "c" without, "ab" including "a" and "b", "abc" including "ab" and "c".
// Lists that report a subcategory hold words of their own, so that one hit
// has one answer.
const std::vector<std::string> kListNames = {"a", "b", "c", "ab", "abc"};

std::string some_lists(Rng& rng, const Vocabulary& v) {
  std::vector<std::string> words = v.words;
  std::ranges::shuffle(words, rng);
  auto take = [&](std::size_t n) {
    std::vector<std::string> out;
    while (n-- > 0 && !words.empty()) {
      out.push_back(words.back());
      words.pop_back();
    }
    if (out.empty()) out.push_back("zzq");
    if (chance(rng, 0.3) && out.size() >= 2) out.back() += " " + out.front();
    return out;
  };
  std::string out = "lists:\n";
  out += "  a:\n    subcategory: sexism\n    words: " + list(take(1 + below(rng, 3))) + "\n";
  out += "  b:\n    subcategory: racism\n    words: " + list(take(1 + below(rng, 3))) + "\n";
  out += "  c: " + list(take(1 + below(rng, 3))) + "\n";
  out += "  ab:\n    include: [a, b]\n";
  if (chance(rng, 0.5)) out += "    words: " + list(take(1)) + "\n";
  out += "  abc: {include: [ab, c]}\n";
  return out;
}

// One step of a sequence: words (a phrase joined by '_'), lists, or (not
// first or last) a gap, each perhaps repeated.
std::string some_step(Rng& rng, const Vocabulary& v, bool edge) {
  if (!edge && chance(rng, 0.25)) {
    return pick(rng, std::vector<std::string>{"*", "*?", "*{0,2}", "*{1,3}", "*{2}"});
  }
  std::string step;
  const std::size_t alternatives = 1 + below(rng, 2);
  for (std::size_t i = 0; i < alternatives; ++i) {
    if (i > 0) step += "|";
    if (chance(rng, 0.4)) {
      step += "@" + pick(rng, kListNames);
    } else if (chance(rng, 0.1)) {
      step += pick(rng, v.words) + "_" + pick(rng, v.words);
    } else {
      step += pick(rng, v.words);
    }
  }
  switch (below(rng, 8)) {
    case 0: return step + "?";
    case 1: return step + "{1,2}";
    case 2: return step + "{0,2}";
    default: return step;
  }
}

std::string some_sequence(Rng& rng, const Vocabulary& v) {
  const std::size_t n = 1 + below(rng, 4);
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += " ";
    std::string step = some_step(rng, v, i == 0 || i + 1 == n);
    // At least one step is required: the first, if need be.
    if (i == 0 && (step.ends_with("?") || step.ends_with("{0,2}"))) {
      step = step.substr(0, step.rfind(step.ends_with("?") ? '?' : '{'));
    }
    out += step;
  }
  return quoted(out);
}

// One matcher as YAML lines at `indent` (the first line without it).
std::string some_matcher(Rng& rng, const Vocabulary& v, const std::string& indent,
                         bool allow_regex) {
  const std::size_t kind = below(rng, allow_regex ? 14 : 11);
  std::string out;
  if (kind >= 7 && kind < 9) {
    out = "list: " + pick(rng, kListNames);
    if (chance(rng, 0.3)) out += "\n" + indent + "words: " + list(some_words(rng, v));
    if (chance(rng, 0.3)) {
      auto suffixes = some_of(rng, kSuffixes, 0.3);
      if (suffixes.empty()) suffixes.push_back("s");
      out += "\n" + indent + "suffixes: " + list(suffixes);
    }
    return out;
  }
  if (kind >= 9 && kind < 11) {
    out = "sequence: ";
    if (chance(rng, 0.2)) {
      return out + "[" + some_sequence(rng, v) + ", " + some_sequence(rng, v) + "]";
    }
    return out + some_sequence(rng, v);
  }
  if (kind < 5) {
    out = "words: " + list(some_words(rng, v));
    if (chance(rng, 0.4)) {
      const auto suffixes = some_of(rng, kSuffixes, 0.3);
      if (!suffixes.empty()) out += "\n" + indent + "suffixes: " + list(suffixes);
    }
  } else if (kind < 7) {
    out = "prefixes: " + list(some_words(rng, v));
  } else {  // 11 to 13
    std::vector<std::string> regexes{some_regex(rng, v)};
    if (chance(rng, 0.3)) regexes.push_back(some_regex(rng, v));
    out = "regex: " + list(regexes);
    if (chance(rng, 0.5)) {
      out += "\n" + indent +
             (chance(rng, 0.7) ? "view: normalized" : "view: arabizi");
    }
    return out;
  }
  if (chance(rng, 0.3)) {
    const auto proclitics = some_of(rng, kProclitics, 0.4);
    if (!proclitics.empty()) out += "\n" + indent + "proclitics: " + list(proclitics);
  }
  if (chance(rng, 0.2)) out += "\n" + indent + "view: arabizi";
  return out;
}

std::string disguise(Rng& rng, std::string word) {
  switch (below(rng, 12)) {
    case 0: {  // upper case
      for (char& c : word) c = static_cast<char>(c - 'a' + 'A');
      return word;
    }
    case 1: {  // leetspeak
      for (char& c : word) {
        if (!chance(rng, 0.6)) continue;
        switch (c) {
          case 'a': c = chance(rng, 0.5) ? '4' : '@'; break;
          case 'e': c = '3'; break;
          case 'i': c = chance(rng, 0.5) ? '1' : '!'; break;
          case 'o': c = '0'; break;
          case 's': c = chance(rng, 0.5) ? '5' : '$'; break;
          case 't': c = '7'; break;
          case 'l': c = '1'; break;
          default: break;
        }
      }
      return word;
    }
    case 2: {  // an inner run masked
      if (word.size() < 3) return word;
      const std::size_t first = 1 + below(rng, word.size() - 2);
      const std::size_t last = first + below(rng, word.size() - 1 - first);
      const char mask = "*#%"[below(rng, 3)];
      for (std::size_t i = first; i <= last; ++i) word[i] = mask;
      return word;
    }
    case 3: {  // the tail masked
      if (word.size() < 4) return word;
      const std::size_t head = 3 + below(rng, word.size() - 3);
      return word.substr(0, head) + std::string(word.size() - head, '#');
    }
    case 4: {  // stretched
      const std::size_t i = below(rng, word.size());
      return word.substr(0, i + 1) + std::string(2 + below(rng, 4), word[i]) +
             word.substr(i + 1);
    }
    case 5: {  // spaced or dotted letters
      const std::string sep = pick(rng, std::vector<std::string>{" ", ".", "-", " . "});
      std::string out;
      for (std::size_t i = 0; i < word.size(); ++i) {
        if (i > 0) out += sep;
        out += word[i];
      }
      return out;
    }
    case 6: {  // Cyrillic look-alikes
      std::string out;
      for (char c : word) {
        if (c == 'a' && chance(rng, 0.7)) out += "\xd0\xb0";
        else if (c == 'e' && chance(rng, 0.7)) out += "\xd0\xb5";
        else if (c == 'o' && chance(rng, 0.7)) out += "\xd0\xbe";
        else if (c == 'c' && chance(rng, 0.7)) out += "\xd1\x81";
        else if (c == 'p' && chance(rng, 0.7)) out += "\xd1\x80";
        else out += c;
      }
      return out;
    }
    case 7: {  // an invisible character inside
      const std::size_t i = 1 + below(rng, word.size() - 1);
      return word.substr(0, i) + "\xe2\x80\x8b" + word.substr(i);
    }
    case 8:  // an accent
      return word.substr(0, 1) + "\xcc\x81" + word.substr(1);
    case 9:  // capitalised
      word[0] = static_cast<char>(word[0] - 'a' + 'A');
      return word;
    default:
      return word;
  }
}

}  // namespace

std::vector<std::string> plain_words(const std::vector<std::string>& candidates) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& w : candidates) {
    if (w.size() < 3 || w.size() > 15) continue;
    if (!std::ranges::all_of(w, [](char c) { return c >= 'a' && c <= 'z'; })) continue;
    if (seen.insert(w).second) out.push_back(w);
  }
  return out;
}

std::vector<std::string> default_filler() {
  return {"the",      "you",       "are",     "this",   "that",     "is",
          "a",        "of",        "and",     "to",     "in",       "it",
          "not",      "what",      "comment", "really", "article",  "thanks",
          "people",   "game",      "will",    "go",     "class",    "cockpit",
          "assassin", "Scunthorpe", "Dickens", "peacock", "shitake", "analysis",
          "I",        "we",        "u",       "ur",     "so",       "very",
          "said",     "calling",   "like",    "but",    "however"};
}

std::string some_scope(Rng& rng) {
  static const char* const kScopes[] = {"clause", "sentence", "comment"};
  return kScopes[below(rng, 3)];
}

std::string random_rule_file(Rng& rng, const Vocabulary& v, int rule_count) {
  static const char* const kCategories[] = {"profanity", "threat", "abuse",
                                            "promotion"};
  std::string out = some_lists(rng, v) + "rules:\n";
  for (int r = 0; r < rule_count; ++r) {
    out += "  - id: r" + std::to_string(r) + "\n";
    out += std::string("    category: ") + kCategories[below(rng, 4)] + "\n";
    out += "    reason: random rule\n";
    out += std::string("    action: ") + (chance(rng, 0.5) ? "reject" : "review") + "\n";
    if (chance(rng, 0.3)) out += "    subcategory: personal_attack\n";
    if (chance(rng, 0.3)) {
      out += "    all:\n";
      const std::size_t groups = 2 + below(rng, 2);
      for (std::size_t g = 0; g < groups; ++g) {
        out += "      - " + some_matcher(rng, v, "        ", true) + "\n";
      }
      if (chance(rng, 0.3)) {
        out += "    near: " + std::to_string(3 + below(rng, 60)) + "\n";
      } else if (chance(rng, 0.6)) {
        out += "    near: " + std::to_string(1 + below(rng, 8)) + " words\n";
      }
      if (chance(rng, 0.4)) out += "    ordered: true\n";
      if (chance(rng, 0.4)) out += "    scope: " + some_scope(rng) + "\n";
    } else {
      out += "    " + some_matcher(rng, v, "    ", true) + "\n";
    }
    if (chance(rng, 0.15)) {
      out += "    unless:\n      - " + some_matcher(rng, v, "        ", false) + "\n";
      if (chance(rng, 0.5)) out += "        scope: " + some_scope(rng) + "\n";
    }
    if (chance(rng, 0.2)) out += "    quoted: skip\n";
    if (chance(rng, 0.2)) {
      std::vector<std::string> allow{pick(rng, v.words) + pick(rng, v.filler)};
      const std::string& f = pick(rng, v.filler);
      if (f.size() >= 3) allow.push_back(f);
      out += "    allow: " + list(allow) + "\n";
    }
    if (chance(rng, 0.2)) out += "    min_count: " + std::to_string(2 + below(rng, 2)) + "\n";
    if (chance(rng, 0.3)) {
      auto langs = some_of(rng, kLanguages, 0.4);
      if (langs.empty()) langs.push_back(pick(rng, kLanguages));
      out += "    lang: " + list(langs) + "\n";
    }
  }
  return out;
}

std::vector<std::string> rule_set_words(const RuleSet& rules) {
  std::vector<std::string> words;
  auto add_entries = [&](const std::vector<Entry>& entries) {
    for (const auto& e : entries) {
      // A phrase gives its words.
      std::size_t start = 0;
      while (start <= e.text.size()) {
        const std::size_t space = std::min(e.text.find(' ', start), e.text.size());
        words.push_back(e.text.substr(start, space - start));
        start = space + 1;
      }
    }
  };
  auto add = [&](const Matcher& m) {
    if (m.kind == MatcherKind::kRegex) return;
    if (m.kind != MatcherKind::kSequence) add_entries(m.entries);
    for (const auto& step : m.steps) add_entries(step.entries);
  };
  for (const auto& rule : rules.rules) {
    for (const auto& group : rule.groups) {
      for (const auto& m : group) add(m);
    }
    for (const auto& m : rule.unless) add(m);
  }
  return plain_words(words);
}

Vocabulary focused(const Vocabulary& v, const RuleSet& rules, Rng& rng,
                   int extra) {
  Vocabulary out{rule_set_words(rules), v.filler};
  for (int i = 0; i < extra; ++i) out.words.push_back(pick(rng, v.words));
  return out;
}

std::string random_comment(Rng& rng, const Vocabulary& v) {
  static const std::vector<std::string> kSeparators = {
      " ", " ", " ", " ", " ", ", ", ". ", "\n", "!! ", " - ", "  ", "\t",
      "... ", "; ", "? ", " \"", "\" ", " \xE2\x80\x9C", "\xE2\x80\x9D ",
      " \xC2\xAB", "\xC2\xBB ", " '", "' ", "\xD8\x8C ", " \xE2\x80\x94 ",
      "\xD8\x9F ", ": ", " but ", " statements like ", " so called ", " I say "};
  static const std::vector<std::string> kExtras = {
      "https://example.com/x?y=1", "www.spam.com", "call 555 123 4567",
      "mail bob.smith@example.net", "\xf0\x9f\x98\x82", "#tag", "@user",
      "100%", "5*3=15", "U.S.A."};
  std::string out;
  const std::size_t n = 1 + below(rng, 14);
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += pick(rng, kSeparators);
    const std::size_t kind = below(rng, 10);
    if (kind < 4) {
      std::string word = pick(rng, v.words);
      if (chance(rng, 0.15)) word = pick(rng, kProclitics) + word;
      if (chance(rng, 0.25)) word += pick(rng, kSuffixes);
      if (chance(rng, 0.1)) word += pick(rng, v.filler);
      out += chance(rng, 0.6) ? disguise(rng, word) : word;
    } else if (kind < 9) {
      out += pick(rng, v.filler);
    } else {
      out += pick(rng, kExtras);
    }
  }
  return out;
}

std::string random_languages(Rng& rng) {
  switch (below(rng, 6)) {
    case 0: return pick(rng, kLanguages);
    case 1: return pick(rng, kLanguages) + "," + pick(rng, kLanguages);
    case 2: return "de";
    default: return "";  // found from the text
  }
}

}  // namespace modfilter::reference
