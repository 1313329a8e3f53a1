#include "engine/eval/json_out.h"
#include "engine/lint/lint_report.h"

namespace modfilter {
namespace {

void entry(JsonOut& json, const EntryRef& e) {
  json.open('{');
  json.string("rule", e.rule);
  json.string("kind", e.kind);
  json.string("text", e.text);
  json.string("file", e.location.file);
  json.number("line", static_cast<std::uint64_t>(e.location.line));
  json.number("column", static_cast<std::uint64_t>(e.location.column));
  json.close('}');
}

void entries(JsonOut& json, std::string_view name,
             const std::vector<EntryRef>& list) {
  json.key(name);
  json.open('[');
  for (const EntryRef& e : list) {
    json.element();
    entry(json, e);
  }
  json.close(']');
}

void strings(JsonOut& json, std::string_view name,
             const std::vector<std::string>& list) {
  json.key(name);
  json.open('[');
  std::string item;
  for (const std::string& s : list) {
    json.element();
    item.clear();
    append_json_string(item, s);
    json.raw_value(item);
  }
  json.close(']');
}

void rules(JsonOut& json, const std::vector<RuleCollisions>& list) {
  json.open('[');
  for (const RuleCollisions& rule : list) {
    json.element();
    json.open('{');
    json.string("rule", rule.rule);
    json.key("words");
    json.open('[');
    for (const Collision& c : rule.words) {
      json.element();
      json.open('{');
      json.string("word", c.word);
      json.string("context", c.context);
      json.string("excerpt", c.excerpt);
      json.close('}');
    }
    json.close(']');
    json.close('}');
  }
  json.close(']');
}

void collisions(JsonOut& json, const LintReport& r) {
  json.key("collisions");
  json.open('{');
  json.string("dictionary", r.dictionary);
  json.number("words_screened", r.dictionary_words);
  json.key("rules");
  rules(json, r.collisions);
  json.close('}');
  json.key("language_collisions");
  json.open('[');
  for (const LanguageCollisions& l : r.languages) {
    json.element();
    json.open('{');
    json.string("language", l.language);
    json.string("dictionary", l.dictionary);
    json.string("missing", l.missing);
    json.number("words_screened", l.dictionary_words);
    json.key("rules");
    rules(json, l.collisions);
    json.key("english_rules");
    rules(json, l.english_collisions);
    json.close('}');
  }
  json.close(']');
}

void evasion(JsonOut& json, const LintReport& r) {
  json.key("evasion");
  json.open('[');
  for (const RuleEvasion& e : r.evasion) {
    json.element();
    json.open('{');
    json.string("rule", e.rule);
    json.number("tried", e.tried);
    json.number("got_through", e.missed.size());
    json.key("missed");
    json.open('[');
    for (const EvasionMiss& m : e.missed) {
      json.element();
      json.open('{');
      json.string("word", m.word);
      json.string("trick", m.trick);
      json.string("text", m.text);
      json.close('}');
    }
    json.close(']');
    strings(json, "silent", e.silent);
    json.close('}');
  }
  json.close(']');
}

void duplicates(JsonOut& json, const LintReport& r) {
  json.key("duplicates");
  json.open('[');
  for (const DuplicateEntry& d : r.duplicates) {
    json.element();
    json.open('{');
    json.string("rule", d.rule);
    json.string("normalized", d.normalized);
    json.string("why", d.why);
    json.key("first");
    entry(json, d.first);
    json.key("second");
    entry(json, d.second);
    json.close('}');
  }
  json.close(']');
}

void slips(JsonOut& json, const SlipCheck& s) {
  json.key("slips");
  json.open('{');
  json.number("forms", s.forms);
  json.number("known_words", s.known_words);
  json.key("neighbours");
  json.open('[');
  for (const SlipNeighbours& n : s.neighbours) {
    json.element();
    json.open('{');
    json.string("form", n.form);
    strings(json, "words", n.words);
    json.close('}');
  }
  json.close(']');
  json.close('}');
}

void dead_weight(JsonOut& json, const DeadWeight& d) {
  json.key("dead_weight");
  json.open('{');
  json.number("comments", d.comments);
  json.number("unreadable_records", d.input_errors.size());
  strings(json, "silent_rules", d.silent_rules);
  entries(json, "silent_entries", d.silent_entries);
  entries(json, "idle_allows", d.idle_allows);
  json.key("redundant_rules");
  json.open('[');
  for (const RedundantRule& rr : d.redundant_rules) {
    json.element();
    json.open('{');
    json.string("rule", rr.rule);
    json.string("covered_by", rr.covered_by);
    json.number("hits", rr.hits);
    json.close('}');
  }
  json.close(']');
  json.close('}');
}

void costs(JsonOut& json, const PatternCosts& c) {
  json.key("pattern_costs");
  json.open('{');
  json.number("regexes", c.regexes);
  json.number("median_bytes", c.median_bytes);
  json.ratio("median_seconds", c.median_seconds);
  json.key("costly");
  json.open('[');
  for (const CostlyPattern& p : c.costly) {
    json.element();
    json.open('{');
    json.key("entry");
    entry(json, p.entry);
    json.number("bytes", p.cost.bytecode_bytes);
    json.ratio("compile_seconds", p.cost.compile_seconds);
    json.ratio("bytes_ratio", p.bytes_ratio);
    json.ratio("seconds_ratio", p.seconds_ratio);
    json.close('}');
  }
  json.close(']');
  json.close('}');
}

}  // namespace

std::string lint_report_json(const LintReport& report) {
  std::string out;
  JsonOut json(out);
  json.open('{');
  json.string("ruleset", report.ruleset);
  json.boolean("uncovered_collisions", report.has_collisions());
  collisions(json, report);
  evasion(json, report);
  duplicates(json, report);
  slips(json, report.slips);
  if (report.dead_weight) {
    dead_weight(json, *report.dead_weight);
  } else {
    json.raw("dead_weight", "null");
  }
  costs(json, report.pattern_costs);
  json.close('}');
  out += '\n';
  return out;
}

}  // namespace modfilter
