#include "engine/ruleset/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <set>
#include <charconv>
#include <sstream>
#include <system_error>

#include "engine/ruleset/content_hash.h"

namespace modfilter {
namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kMaxNear = 100000;
constexpr std::uint32_t kMaxMinCount = 10000;

constexpr std::array kRuleKeys = {
    "id",     "category", "subcategory", "reason",    "action", "words",
    "prefixes", "suffixes", "proclitics", "regex",  "view",   "all",
    "near",   "ordered",  "unless",      "min_count", "allow", "lang",
    "tests",  "description", "list", "lists", "sequence", "scope", "quoted"};
constexpr std::array kMatcherKeys = {"words", "prefixes", "suffixes",
                                     "proclitics", "regex", "view",
                                     "list", "lists", "sequence"};
// An item of `unless` may also say how far it reaches.
constexpr std::array kUnlessKeys = {"words", "prefixes", "suffixes",
                                    "proclitics", "regex", "view",
                                    "list", "lists", "sequence", "scope"};
constexpr std::array kFileKeys = {"rules", "lang", "description", "lists",
                                  "scope", "quoted"};
constexpr std::array kListKeys = {"words", "include", "subcategory",
                                  "description"};
constexpr std::uint16_t kMaxRepeat = 32;
constexpr std::array kTestKeys = {"reject", "review", "approve"};

template <std::size_t N>
bool contains(const std::array<const char*, N>& keys, std::string_view key) {
  return std::ranges::any_of(keys, [&](const char* k) { return key == k; });
}

template <std::size_t N>
std::string join(const std::array<const char*, N>& keys) {
  std::string out;
  for (const char* k : keys) {
    if (!out.empty()) out += ", ";
    out += k;
  }
  return out;
}

// Reads one file's YAML tree into rules, collecting every error.
class FileParser {
 public:
  FileParser(std::string file, Errors& errors)
      : file_(std::move(file)), errors_(errors) {}

  void parse(const YAML::Node& root, RuleSet& out) {
    RuleFile rule_file{file_, {}};
    FileDefaults defaults;
    // Initialised, not assigned: assigning a Node writes through it, and
    // a missing key's node cannot be read (a file of only lists threw).
    const YAML::Node rules = root.IsMap() ? root["rules"] : root;
    if (root.IsMap()) {
      check_keys(root, kFileKeys, "",
                 {" at the top of the file", "the top of the file",
                  "a rule file has: "});
      if (root["lang"]) rule_file.langs = langs(root["lang"], "");
      if (const YAML::Node n = root["scope"]) defaults.scope = scope(n, "");
      if (const YAML::Node n = root["quoted"]) {
        defaults.quoted = quoted(n, "").value_or(Quoted::kKeep);
      }
      if (const YAML::Node lists = root["lists"]) parse_lists(lists, out);
      if (!rules && root["lists"]) {
        out.files.push_back(std::move(rule_file));
        return;
      }
      if (!rules) {
        error(root, "", "no 'rules:' list",
              "add 'rules:' with a list of rules (or 'lists:' of named "
              "lists), see docs/rules.md");
        return;
      }
      if (!rules.IsSequence()) {
        error(rules, "", "'rules' must be a list of rules",
              "write each rule as an item starting with '- id: ...'");
        return;
      }
    } else if (root.IsSequence()) {
      // A bare list of rules.
    } else if (root.IsNull()) {
      error(root, "", "the file holds no rules",
            "add 'rules:' with a list of rules, or remove the file");
      return;
    } else {
      error(root, "", "a rule file must be a map with 'rules:'",
            "see docs/rules.md for the format");
      return;
    }
    for (const auto& node : rules) {
      defaults.langs = rule_file.langs;
      if (auto rule = parse_rule(node, defaults)) {
        out.rules.push_back(std::move(*rule));
      }
    }
    out.files.push_back(std::move(rule_file));
  }

 private:
  SourceLocation where(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
  }

  void error(const YAML::Node& node, const std::string& rule_id,
             std::string message, std::string hint = {}) {
    const SourceLocation at = where(node);
    errors_.push_back(Error{ErrorKind::kSchema, at.file, at.line, at.column,
                            rule_id, std::move(message), std::move(hint)});
  }

  std::optional<std::string> scalar(const YAML::Node& node,
                                    const std::string& rule_id,
                                    std::string_view what) {
    if (!node.IsScalar()) {
      error(node, rule_id, std::string(what) + " must be a single value",
            "write it as 'key: value'");
      return std::nullopt;
    }
    return node.Scalar();
  }

  // A string or a list of strings; every item non-empty.
  std::vector<Entry> entries(const YAML::Node& node, const std::string& rule_id,
                             std::string_view what) {
    std::vector<Entry> out;
    auto add = [&](const YAML::Node& item) {
      if (!item.IsScalar()) {
        error(item, rule_id,
              "each item of '" + std::string(what) + "' must be a string",
              "quote the item, e.g. - 'my item'");
        return;
      }
      std::string text = item.Scalar();
      const auto first = text.find_first_not_of(" \t");
      const auto last = text.find_last_not_of(" \t");
      text = first == std::string::npos ? std::string()
                                        : text.substr(first, last - first + 1);
      if (text.empty()) {
        error(item, rule_id, "empty item in '" + std::string(what) + "'",
              "remove it or write the word it should be");
        return;
      }
      out.push_back(Entry{std::move(text), where(item)});
    };
    if (node.IsSequence()) {
      if (node.size() == 0) {
        error(node, rule_id, "'" + std::string(what) + "' is an empty list",
              "list at least one item or remove the key");
      }
      for (const auto& item : node) add(item);
    } else if (node.IsScalar()) {
      add(node);
    } else {
      error(node, rule_id,
            "'" + std::string(what) + "' must be a string or a list of strings");
    }
    return out;
  }

  std::vector<std::string> strings(const YAML::Node& node,
                                   const std::string& rule_id,
                                   std::string_view what) {
    std::vector<std::string> out;
    for (auto& entry : entries(node, rule_id, what)) {
      out.push_back(std::move(entry.text));
    }
    return out;
  }

  std::vector<std::string> langs(const YAML::Node& node,
                                 const std::string& rule_id) {
    std::vector<std::string> out = strings(node, rule_id, "lang");
    for (const std::string& code : out) {
      const bool ok = code.size() >= 2 && code.size() <= 3 &&
                      std::ranges::all_of(code, [](char c) {
                        return c >= 'a' && c <= 'z';
                      });
      if (!ok) {
        error(node, rule_id, "'" + code + "' is not a language code",
              "use ISO 639 codes such as en, ar, fa, tr, ckb, kmr");
      }
    }
    return out;
  }

  std::optional<std::uint32_t> number(const YAML::Node& node,
                                      const std::string& rule_id,
                                      std::string_view what,
                                      std::uint32_t max,
                                      std::string_view unit = {}) {
    auto text = scalar(node, rule_id, what);
    if (!text) return std::nullopt;
    text->resize(text->size() - unit.size());
    std::uint32_t value = 0;
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, value);
    if (ec != std::errc() || ptr != end || value < 1 || value > max) {
      error(node, rule_id,
            "'" + std::string(what) + "' must be a whole number from 1 to " +
                std::to_string(max) + std::string(unit) + ", not '" + *text +
                std::string(unit) + "'",
            "write a whole number, e.g. '" + std::string(what) + ": 5" +
                std::string(unit) + "'");
      return std::nullopt;
    }
    return value;
  }

  std::optional<Scope> scope(const YAML::Node& node,
                             const std::string& rule_id) {
    const auto text = scalar(node, rule_id, "scope");
    if (!text) return std::nullopt;
    if (auto s = parse_scope(*text)) return s;
    error(node, rule_id, "unknown scope '" + *text + "'",
          "use clause, sentence or comment");
    return std::nullopt;
  }

  std::optional<Quoted> quoted(const YAML::Node& node,
                               const std::string& rule_id) {
    const auto text = scalar(node, rule_id, "quoted");
    if (!text) return std::nullopt;
    if (*text == "skip") return Quoted::kSkip;
    if (*text == "keep") return Quoted::kKeep;
    error(node, rule_id, "unknown value '" + *text + "' for 'quoted'",
          "use skip (hits in reported speech do not count) or keep");
    return std::nullopt;
  }

  std::optional<bool> boolean(const YAML::Node& node,
                              const std::string& rule_id,
                              std::string_view what) {
    const auto text = scalar(node, rule_id, what);
    if (!text) return std::nullopt;
    if (*text == "true") return true;
    if (*text == "false") return false;
    error(node, rule_id,
          "'" + std::string(what) + "' must be true or false, not '" + *text +
              "'");
    return std::nullopt;
  }

  // `lists:` at the top of a file: name -> [words] or name -> {words,
  // include, subcategory}. Includes and references are resolved once every
  // file is read (resolve_lists), since a list may be used before, or in
  // another file than, where it is defined.
  void parse_lists(const YAML::Node& node, RuleSet& out) {
    if (!node.IsMap()) {
      error(node, "", "'lists' must be a map of named lists",
            "write lists: {name: [word, word], other: {include: [name]}}");
      return;
    }
    for (const auto& kv : node) {
      WordList list;
      list.name = kv.first.Scalar();
      list.location = where(kv.first);
      if (!valid_list_name(list.name)) {
        error(kv.first, "", "list name '" + list.name + "' is not a dotted name",
              "use lower-case letters, digits, '.', '-' and '_'");
        continue;
      }
      const std::string what = "list " + list.name;
      const YAML::Node body = kv.second;
      if (body.IsSequence() || body.IsScalar()) {
        list.entries = entries(body, "", what);
      } else if (body.IsMap()) {
        check_keys(body, kListKeys, "",
                   {" in " + what, what, "a list has: "});
        if (body["words"]) list.entries = entries(body["words"], "", what);
        if (body["include"]) {
          list.includes = strings(body["include"], "", what + " include");
        }
        if (const YAML::Node sub = body["subcategory"]) {
          if (auto text = scalar(sub, "", "subcategory")) {
            list.subcategory = *text;
          }
        }
        if (!body["words"] && !body["include"]) {
          error(body, "", what + " has neither 'words' nor 'include'",
                "give it words, or the names of lists it includes");
        }
      } else {
        error(body, "", what + " must be a list of words or a map",
              "write name: [word, word] or name: {words: [...], include: [...]}");
      }
      out.lists.push_back(std::move(list));
    }
  }

  static bool valid_list_name(std::string_view name) {
    return !name.empty() && std::ranges::all_of(name, [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
             c == '-' || c == '_';
    });
  }

  // "{m,n}", "{n}" or "?" after a step; false on a malformed count.
  static bool repeat_of(std::string_view tail, std::uint16_t& min,
                        std::uint16_t& max) {
    if (tail.empty()) return true;
    if (tail == "?") {
      min = 0;
      max = 1;
      return true;
    }
    if (tail.size() < 3 || tail.front() != '{' || tail.back() != '}') return false;
    tail = tail.substr(1, tail.size() - 2);
    const auto comma = tail.find(',');
    auto read = [](std::string_view digits, std::uint16_t& value) {
      if (digits.empty()) return false;
      auto [ptr, ec] = std::from_chars(digits.data(),
                                       digits.data() + digits.size(), value);
      return ec == std::errc() && ptr == digits.data() + digits.size();
    };
    if (comma == std::string_view::npos) {
      if (!read(tail, min)) return false;
      max = min;
    } else {
      const std::string_view low = tail.substr(0, comma);
      if (low.empty()) {
        min = 0;
      } else if (!read(low, min)) {
        return false;
      }
      if (!read(tail.substr(comma + 1), max)) return false;
    }
    return max >= 1 && min <= max && max <= kMaxRepeat;
  }

  // A sequence written as one string of steps separated by spaces:
  //   @list        a token of a named list
  //   word         that word (a phrase joins its words with '_')
  //   a|b|@list    any of these
  //   *            any one token
  // each optionally followed by ? (0 or 1) or {m,n} / {n} (repeats).
  std::optional<std::vector<SequenceStep>> sequence_steps(
      const Entry& source, const std::string& rule_id) {
    std::vector<SequenceStep> steps;
    std::istringstream in(source.text);
    std::string item;
    auto fail = [&](const std::string& message, const std::string& hint) {
      errors_.push_back(Error{ErrorKind::kSchema, source.location.file,
                              source.location.line, source.location.column,
                              rule_id, message, hint});
      return std::nullopt;
    };
    while (in >> item) {
      SequenceStep step;
      std::string_view body = item;
      std::string_view tail;
      if (const auto brace = body.find('{'); brace != std::string_view::npos) {
        tail = body.substr(brace);
        body = body.substr(0, brace);
      } else if (body.size() > 1 && body.back() == '?') {
        tail = body.substr(body.size() - 1);
        body = body.substr(0, body.size() - 1);
      }
      if (!repeat_of(tail, step.min, step.max)) {
        return fail("bad repeat '" + std::string(tail) + "' in sequence step '" +
                        item + "'",
                    "write ? (optional), {n} or {m,n} with n from 1 to " +
                        std::to_string(kMaxRepeat));
      }
      if (body == "*") {
        step.kind = SequenceStep::Kind::kAny;
        steps.push_back(std::move(step));
        continue;
      }
      std::size_t from = 0;
      while (from <= body.size()) {
        auto bar = body.find('|', from);
        if (bar == std::string_view::npos) bar = body.size();
        std::string alternative(body.substr(from, bar - from));
        from = bar + 1;
        if (alternative.empty()) {
          return fail("empty alternative in sequence step '" + item + "'",
                      "separate words with a single '|'");
        }
        if (alternative.front() == '@') {
          const std::string name = alternative.substr(1);
          if (!valid_list_name(name)) {
            return fail("'" + alternative + "' is not a list name",
                        "write @name, with the name of a list under 'lists:'");
          }
          step.lists.push_back(name);
          continue;
        }
        if (alternative == "*") {
          return fail("'*' mixed with words in sequence step '" + item + "'",
                      "write the gap as a step of its own");
        }
        std::ranges::replace(alternative, '_', ' ');
        step.entries.push_back(Entry{std::move(alternative), source.location});
      }
      steps.push_back(std::move(step));
    }
    if (steps.empty()) {
      return fail("empty sequence", "write its steps, e.g. '@groups are @insults'");
    }
    if (steps.front().kind == SequenceStep::Kind::kAny ||
        steps.back().kind == SequenceStep::Kind::kAny) {
      return fail("a sequence may not start or end with '*'",
                  "a gap only makes sense between two token classes");
    }
    if (std::ranges::all_of(steps, [](const SequenceStep& s) {
          return s.min == 0;
        })) {
      return fail("every step of the sequence is optional",
                  "make at least one step required");
    }
    return steps;
  }

  // The words/prefixes/regex of a map (a rule, or an item of all/unless).
  std::vector<Matcher> matchers(const YAML::Node& map,
                                const std::string& rule_id) {
    std::vector<Matcher> out;
    std::vector<std::string> suffixes;
    if (map["suffixes"]) suffixes = strings(map["suffixes"], rule_id, "suffixes");
    std::vector<std::string> proclitics;
    if (map["proclitics"]) {
      proclitics = strings(map["proclitics"], rule_id, "proclitics");
    }
    std::optional<View> view;
    if (const YAML::Node v = map["view"]) {
      const auto text = scalar(v, rule_id, "view");
      if (text == "raw") {
        view = View::kRaw;
      } else if (text == "normalized") {
        view = View::kNormalized;
      } else if (text == "arabizi") {
        view = View::kArabizi;
      } else if (text) {
        error(v, rule_id, "unknown view '" + *text + "'",
              "use 'raw', 'normalized' or 'arabizi'");
      }
    }
    for (const auto kind :
         {MatcherKind::kWords, MatcherKind::kPrefixes, MatcherKind::kRegex}) {
      const YAML::Node node = map[to_string(kind)];
      if (!node) continue;
      Matcher matcher;
      matcher.kind = kind;
      matcher.location = where(node);
      matcher.entries = entries(node, rule_id, to_string(kind));
      matcher.suffixes = suffixes;
      if (kind != MatcherKind::kRegex) matcher.proclitics = proclitics;
      matcher.view = view.value_or(kind == MatcherKind::kRegex
                                       ? View::kRaw
                                       : View::kNormalized);
      out.push_back(std::move(matcher));
    }
    const bool has_lists = map["list"] || map["lists"];
    if (has_lists) {
      std::vector<std::string> names;
      for (const char* key : {"list", "lists"}) {
        if (!map[key]) continue;
        for (auto& name : strings(map[key], rule_id, key)) {
          names.push_back(std::move(name));
        }
      }
      // A list is vocabulary: it joins the words of the same map, or is
      // the words when the map has none.
      auto words = std::ranges::find(out, MatcherKind::kWords, &Matcher::kind);
      if (words == out.end()) {
        Matcher matcher;
        matcher.kind = MatcherKind::kWords;
        matcher.location = where(map["list"] ? map["list"] : map["lists"]);
        matcher.suffixes = suffixes;
        matcher.proclitics = proclitics;
        matcher.view = view.value_or(View::kNormalized);
        out.push_back(std::move(matcher));
        words = out.end() - 1;
      }
      words->lists = std::move(names);
    }
    if (const YAML::Node node = map["sequence"]) {
      for (Entry& source : entries(node, rule_id, "sequence")) {
        auto steps = sequence_steps(source, rule_id);
        if (!steps) continue;
        Matcher matcher;
        matcher.kind = MatcherKind::kSequence;
        matcher.location = source.location;
        matcher.steps = std::move(*steps);
        matcher.entries.push_back(std::move(source));
        out.push_back(std::move(matcher));
      }
      if (view && view != View::kNormalized) {
        error(map["view"], rule_id, "a sequence matches the normalized view only",
              "remove 'view' or move the sequence to a map of its own");
      }
    }
    if (view == View::kRaw && (map["words"] || map["prefixes"] || has_lists)) {
      error(map["view"], rule_id,
            "'view: raw' applies to 'regex' only",
            "words and prefixes always match the normalized view");
    }
    if (!suffixes.empty() && !map["words"] && !has_lists) {
      error(map["suffixes"], rule_id, "'suffixes' without 'words'",
            "suffixes are endings of the words of the same matcher");
    }
    if (!proclitics.empty() && !map["words"] && !map["prefixes"] &&
        !has_lists) {
      error(map["proclitics"], rule_id,
            "'proclitics' without 'words' or 'prefixes'",
            "proclitics are attachments in front of the words of the same "
            "matcher");
    }
    return out;
  }

  // A list of matcher maps (all: / unless:).
  std::vector<std::vector<Matcher>> matcher_list(const YAML::Node& node,
                                                 const std::string& rule_id,
                                                 std::string_view what) {
    std::vector<std::vector<Matcher>> out;
    if (!node.IsSequence() || node.size() == 0) {
      error(node, rule_id,
            "'" + std::string(what) + "' must be a list of matchers",
            "e.g. " + std::string(what) +
                ": [{words: [kill]}, {words: [you]}]");
      return out;
    }
    for (const auto& item : node) {
      if (!item.IsMap()) {
        error(item, rule_id,
              "each item of '" + std::string(what) +
                  "' must be a map with words, prefixes or regex");
        continue;
      }
      const KeyPlace place{" in '" + std::string(what) + "'",
                           "an item of '" + std::string(what) + "'",
                           "a matcher has: "};
      if (what == "unless") {
        check_keys(item, kUnlessKeys, rule_id, place);
      } else {
        check_keys(item, kMatcherKeys, rule_id, place);
      }
      const std::size_t errors_before = errors_.size();
      auto group = matchers(item, rule_id);
      if (const YAML::Node n = item["scope"]; n && what == "unless") {
        const std::optional<Scope> reach = scope(n, rule_id);
        for (Matcher& m : group) m.scope = reach;
      }
      if (group.empty() && errors_.size() == errors_before) {
        error(item, rule_id,
              "an item of '" + std::string(what) + "' has no matcher",
              "give it words, prefixes, regex, list or sequence");
        continue;
      }
      if (group.empty()) continue;
      out.push_back(std::move(group));
    }
    return out;
  }

  // How check_keys names the map in its messages.
  struct KeyPlace {
    std::string unknown;  // after "unknown key 'x'": " in 'tests'"
    std::string twice;    // after "given twice in ": "a rule"
    std::string has;      // before the list of keys: "a rule has: "
  };

  // Every key of `map` must be one of `allowed`, and given once: YAML keeps
  // the first of two equal keys and drops the second without a word
  // (yaml-cpp too), so a rule with `tests:` twice would lose half its tests
  // silently.
  template <std::size_t N>
  void check_keys(const YAML::Node& map,
                  const std::array<const char*, N>& allowed,
                  const std::string& rule_id, const KeyPlace& place) {
    std::vector<std::pair<std::string, std::size_t>> seen;
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      if (!contains(allowed, key)) {
        error(kv.first, rule_id, "unknown key '" + key + "'" + place.unknown,
              place.has + join(allowed));
      }
      const auto first = std::ranges::find(seen, key, [](const auto& s) {
        return s.first;
      });
      if (first == seen.end()) {
        seen.emplace_back(key, where(kv.first).line);
        continue;
      }
      error(kv.first, rule_id,
            "'" + key + "' given twice in " + place.twice + " (first at line " +
                std::to_string(first->second) + ")",
            "merge the two into one '" + key + ":'");
    }
  }

  void parse_tests(const YAML::Node& node, Rule& rule) {
    if (!node.IsMap()) {
      error(node, rule.id, "'tests' must be a map",
            "use tests: {reject: [...], approve: [...]}");
      return;
    }
    check_keys(node, kTestKeys, rule.id,
               {" in 'tests'", "'tests'", "tests have: "});
    for (const auto& kv : node) {
      const std::string key = kv.first.Scalar();
      if (!contains(kTestKeys, key)) continue;  // reported by check_keys
      for (auto& entry : entries(kv.second, rule.id, "tests." + key)) {
        RuleTest test;
        test.text = std::move(entry.text);
        test.location = entry.location;
        test.expect_match = key != "approve";
        test.expect_action = key == "review" ? Action::kReview : Action::kReject;
        rule.tests.push_back(std::move(test));
      }
    }
  }

  // What a rule file's top sets for each of its rules.
  struct FileDefaults {
    std::vector<std::string> langs;
    std::optional<Scope> scope;
    Quoted quoted = Quoted::kKeep;
  };

  std::optional<Rule> parse_rule(const YAML::Node& node,
                                 const FileDefaults& defaults) {
    if (!node.IsMap()) {
      error(node, "", "a rule must be a map of keys",
            "start each rule with '- id: category.name'");
      return std::nullopt;
    }
    const std::size_t errors_before = errors_.size();
    Rule rule;
    rule.location = where(node);
    if (const YAML::Node id = node["id"]) {
      if (auto text = scalar(id, "", "id")) {
        rule.id = *text;
        const bool ok = !rule.id.empty() &&
                        std::ranges::all_of(rule.id, [](char c) {
                          return (c >= 'a' && c <= 'z') ||
                                 (c >= '0' && c <= '9') || c == '.' ||
                                 c == '-' || c == '_';
                        });
        if (!ok) {
          error(id, rule.id, "id '" + rule.id + "' is not a dotted name",
                "use lower-case letters, digits, '.', '-' and '_', e.g. "
                "threat.kill-you");
        }
      }
    } else {
      error(node, "", "rule without 'id'", "add 'id: category.name'");
    }
    const std::string& id = rule.id;
    check_keys(node, kRuleKeys, id, {"", "a rule", "a rule has: "});
    if (const YAML::Node n = node["category"]) {
      if (auto text = scalar(n, id, "category")) {
        if (auto c = parse_category(*text)) {
          rule.category = *c;
        } else {
          error(n, id, "unknown category '" + *text + "'",
                "use profanity, threat, abuse or promotion");
        }
      }
    } else {
      error(node, id, "rule without 'category'",
            "add 'category: profanity|threat|abuse|promotion'");
    }
    if (const YAML::Node n = node["subcategory"]) {
      if (auto text = scalar(n, id, "subcategory")) rule.subcategory = *text;
    }
    if (const YAML::Node n = node["reason"]) {
      if (auto text = scalar(n, id, "reason")) rule.reason = *text;
      if (rule.reason.empty()) {
        error(n, id, "empty 'reason'", "say in a few words why it is banned");
      }
    } else {
      error(node, id, "rule without 'reason'",
            "add 'reason: ...', shown to moderators");
    }
    if (const YAML::Node n = node["action"]) {
      if (auto text = scalar(n, id, "action")) {
        if (auto a = parse_action(*text)) {
          rule.action = *a;
        } else {
          error(n, id, "unknown action '" + *text + "'",
                "use reject or review");
        }
      }
    } else {
      error(node, id, "rule without 'action'", "add 'action: reject|review'");
    }

    const std::size_t errors_before_matchers = errors_.size();
    auto top = matchers(node, id);
    if (const YAML::Node all = node["all"]) {
      if (!top.empty()) {
        error(all, id, "'all' together with top-level words/prefixes/regex",
              "move them into the 'all' list");
      }
      rule.groups = matcher_list(all, id, "all");
    } else if (!top.empty()) {
      rule.groups.push_back(std::move(top));
    } else if (errors_.size() == errors_before_matchers) {
      // (A matcher that was refused has said why already.)
      error(node, id, "rule without a matcher",
            "give it words, prefixes, regex, list, sequence or all");
    }
    if (const YAML::Node n = node["near"]) {
      // "near: 40" counts bytes, "near: 5 words" the words in between.
      if (n.IsScalar() && n.Scalar().ends_with(" words")) {
        rule.near_words = number(n, id, "near", kMaxNear, " words");
      } else {
        rule.near = number(n, id, "near", kMaxNear);
      }
      if (!node["all"]) {
        error(n, id, "'near' without 'all'",
              "near says how close the hits of 'all' must be");
      }
    }
    if (const YAML::Node n = node["ordered"]) {
      rule.ordered = boolean(n, id, "ordered").value_or(false);
      if (!node["all"]) {
        error(n, id, "'ordered' without 'all'",
              "ordered says the hits of 'all' come in list order");
      }
    }
    if (const YAML::Node n = node["unless"]) {
      for (auto& group : matcher_list(n, id, "unless")) {
        for (auto& m : group) rule.unless.push_back(std::move(m));
      }
    }
    if (const YAML::Node n = node["min_count"]) {
      rule.min_count = number(n, id, "min_count", kMaxMinCount).value_or(1);
    }
    if (const YAML::Node n = node["allow"]) rule.allow = entries(n, id, "allow");
    rule.scope = node["scope"] ? scope(node["scope"], id) : defaults.scope;
    rule.quoted = defaults.quoted;
    if (const YAML::Node n = node["quoted"]) {
      rule.quoted = quoted(n, id).value_or(Quoted::kKeep);
    }
    rule.langs = node["lang"] ? langs(node["lang"], id) : defaults.langs;
    if (const YAML::Node n = node["tests"]) parse_tests(n, rule);

    if (errors_.size() != errors_before) return std::nullopt;
    return rule;
  }

  std::string file_;
  Errors& errors_;
};

void parse_text(std::string_view yaml, const std::string& name, RuleSet& out,
                Errors& errors) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    errors.push_back(Error{ErrorKind::kYaml, name, line, column, "",
                           "invalid YAML: " + e.msg,
                           "check indentation and quoting near this place"});
    return;
  }
  try {
    FileParser(name, errors).parse(root, out);
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    errors.push_back(Error{ErrorKind::kYaml, name, line, 0, "",
                           "cannot read the rule file: " + e.msg,
                           "see docs/rules.md for the format"});
  }
}

// Named lists: one definition per name (the same contents written twice,
// as two files may, is one list), includes flattened, and every reference
// from a matcher or a sequence step replaced by the entries it names.
class ListResolver {
 public:
  ListResolver(RuleSet& set, Errors& errors) : set_(set), errors_(errors) {}

  void run() {
    merge_definitions();
    for (std::uint32_t i = 0; i < set_.lists.size(); ++i) {
      index_.emplace(set_.lists[i].name, i);
    }
    flattened_.resize(set_.lists.size());
    state_.assign(set_.lists.size(), State::kNew);
    for (std::uint32_t i = 0; i < set_.lists.size(); ++i) flatten(i);
    for (std::uint32_t i = 0; i < set_.lists.size(); ++i) {
      set_.lists[i].entries = std::move(flattened_[i]);
    }
    for (Rule& rule : set_.rules) {
      for (auto& group : rule.groups) {
        for (Matcher& m : group) resolve(rule, m);
      }
      for (Matcher& m : rule.unless) resolve(rule, m);
    }
  }

 private:
  enum class State : std::uint8_t { kNew, kOpen, kDone };

  void error(const SourceLocation& at, const std::string& rule,
             std::string message, std::string hint) {
    errors_.push_back(Error{ErrorKind::kSchema, at.file, at.line, at.column,
                            rule, std::move(message), std::move(hint)});
  }

  static bool same_contents(const WordList& a, const WordList& b) {
    return a.subcategory == b.subcategory && a.includes == b.includes &&
           std::ranges::equal(a.entries, b.entries, {}, &Entry::text,
                              &Entry::text);
  }

  void merge_definitions() {
    std::ranges::stable_sort(set_.lists, {}, &WordList::name);
    std::vector<WordList> kept;
    for (WordList& list : set_.lists) {
      if (!kept.empty() && kept.back().name == list.name) {
        const WordList& first = kept.back();
        if (!same_contents(first, list)) {
          error(list.location, "",
                "list '" + list.name + "' is defined twice with different "
                "contents (first at " + first.location.file + ":" +
                    std::to_string(first.location.line) + ":" +
                    std::to_string(first.location.column) + ")",
                "give one of them another name, or make them equal");
        }
        continue;
      }
      kept.push_back(std::move(list));
    }
    set_.lists = std::move(kept);
  }

  // Depth first, so that a list's includes are flat before it is.
  void flatten(std::uint32_t i) {
    if (state_[i] == State::kDone) return;
    WordList& list = set_.lists[i];
    if (state_[i] == State::kOpen) {
      std::string cycle;
      const auto from = std::ranges::find(open_, i);
      for (auto it = from; it != open_.end(); ++it) {
        cycle += set_.lists[*it].name + " -> ";
      }
      error(list.location, "",
            "list '" + list.name + "' includes itself (" + cycle + list.name +
                ")",
            "remove the include that leads back to it");
      return;
    }
    state_[i] = State::kOpen;
    open_.push_back(i);
    std::vector<Entry>& out = flattened_[i];
    for (Entry e : list.entries) {
      e.list = i;
      out.push_back(std::move(e));
    }
    for (const std::string& name : list.includes) {
      const auto it = index_.find(name);
      if (it == index_.end()) {
        error(list.location, "",
              "list '" + list.name + "' includes '" + name +
                  "', which is not defined",
              "define it under 'lists:' in a file of this rule set");
        continue;
      }
      flatten(it->second);
      if (state_[it->second] == State::kDone) {
        const auto& included = flattened_[it->second];
        out.insert(out.end(), included.begin(), included.end());
      }
    }
    open_.pop_back();
    state_[i] = State::kDone;
  }

  void append(const Rule& rule, const SourceLocation& at,
              const std::vector<std::string>& names,
              std::vector<Entry>& entries) {
    for (const std::string& name : names) {
      const auto it = index_.find(name);
      if (it == index_.end()) {
        error(at, rule.id, "no list named '" + name + "'",
              "define it under 'lists:' in a file of this rule set");
        continue;
      }
      const auto& list = set_.lists[it->second].entries;
      entries.insert(entries.end(), list.begin(), list.end());
    }
  }

  void resolve(const Rule& rule, Matcher& m) {
    append(rule, m.location, m.lists, m.entries);
    for (SequenceStep& step : m.steps) {
      append(rule, m.location, step.lists, step.entries);
    }
  }

  RuleSet& set_;
  Errors& errors_;
  std::map<std::string, std::uint32_t, std::less<>> index_;
  std::vector<std::vector<Entry>> flattened_;
  std::vector<State> state_;
  std::vector<std::uint32_t> open_;  // the include chain being flattened
};

// Every id once; a second definition names the first.
void check_duplicates(const RuleSet& set, Errors& errors) {
  std::map<std::string_view, const Rule*> seen;
  for (const Rule& rule : set.rules) {
    auto [it, inserted] = seen.emplace(rule.id, &rule);
    if (inserted) continue;
    const SourceLocation& first = it->second->location;
    errors.push_back(Error{
        ErrorKind::kDuplicate, rule.location.file, rule.location.line,
        rule.location.column, rule.id,
        "duplicate rule id, first defined at " + first.file + ":" +
            std::to_string(first.line) + ":" + std::to_string(first.column),
        "give one of them another id"});
  }
}

std::expected<std::string, Error> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(Error{ErrorKind::kIo, path.string(), 0, 0, "",
                                 "cannot open the file",
                                 "check that it exists and is readable"});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::expected<RuleSet, Errors> load_rule_text(std::string_view yaml,
                                              std::string_view name) {
  RuleSet set;
  set.name = std::string(name);
  Errors errors;
  parse_text(yaml, set.name, set, errors);
  ListResolver(set, errors).run();
  check_duplicates(set, errors);
  if (!errors.empty()) return std::unexpected(std::move(errors));
  ContentHash hash;
  hash.add(name);
  hash.add(yaml);
  set.content_hash = hash.hex();
  return set;
}

std::expected<RuleSet, Errors> load_rule_set(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    return std::unexpected(Errors{{ErrorKind::kIo, path.string(), 0, 0, "",
                                   "no such file or directory",
                                   "give a rule file or a directory of them"}});
  }
  std::vector<fs::path> files;
  if (fs::is_directory(status)) {
    for (auto it = fs::recursive_directory_iterator(path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto ext = it->path().extension();
      if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml")) {
        files.push_back(it->path());
      }
    }
    if (ec) {
      return std::unexpected(Errors{{ErrorKind::kIo, path.string(), 0, 0, "",
                                     "cannot read the directory: " +
                                         ec.message(),
                                     ""}});
    }
    std::ranges::sort(files);
    if (files.empty()) {
      return std::unexpected(Errors{
          {ErrorKind::kIo, path.string(), 0, 0, "",
           "the directory holds no rule files",
           "rule files end in .yaml or .yml"}});
    }
  } else {
    files.push_back(path);
  }

  RuleSet set;
  set.name = path.filename().empty() ? path.parent_path().filename().string()
                                     : path.filename().string();
  if (fs::is_regular_file(status)) set.name = path.stem().string();
  Errors errors;
  ContentHash hash;
  for (const fs::path& file : files) {
    auto text = read_file(file);
    if (!text) {
      errors.push_back(std::move(text.error()));
      continue;
    }
    hash.add(fs::relative(file, fs::is_directory(status) ? path
                                                         : path.parent_path())
                 .generic_string());
    hash.add(*text);
    parse_text(*text, file.string(), set, errors);
  }
  ListResolver(set, errors).run();
  check_duplicates(set, errors);
  if (!errors.empty()) return std::unexpected(std::move(errors));
  set.content_hash = hash.hex();
  return set;
}

}  // namespace modfilter
