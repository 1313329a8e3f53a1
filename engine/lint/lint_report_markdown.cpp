#include <cstdio>

#include "engine/eval/markdown.h"
#include "engine/lint/lint_report.h"

namespace modfilter {
namespace {

std::string cell(std::string_view text) { return markdown_cell(text); }
std::string num(std::uint64_t n) { return std::to_string(n); }
// "1 word", "2 words".
std::string count(std::uint64_t n, std::string_view noun) {
  return num(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

// Invisible characters (zero-width space, joiners, BOM) shown as <U+XXXX>
// so that a variant that hides one reads as what it is.
std::string visible(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> kShown[] = {
      {"\xE2\x80\x8B", "<U+200B>"}, {"\xE2\x80\x8C", "<U+200C>"},
      {"\xE2\x80\x8D", "<U+200D>"}, {"\xEF\xBB\xBF", "<U+FEFF>"},
      {"\xC2\xAD", "<U+00AD>"}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [bytes, shown] : kShown) {
      if (text.substr(i).starts_with(bytes)) {
        out += shown;
        i += bytes.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return cell(out);
}

std::string where(const SourceLocation& location) {
  if (location.file.empty()) return "";
  return cell(location.file + ":" + std::to_string(location.line) + ":" +
              std::to_string(location.column));
}

template <typename List, typename Show>
std::string listed(const List& list, std::size_t max, Show show) {
  std::string out;
  std::size_t n = 0;
  for (const auto& item : list) {
    if (n == max) {
      out += ", ... " + num(list.size() - max) + " more";
      break;
    }
    if (n++ > 0) out += ", ";
    out += show(item);
  }
  return out;
}

void collisions(std::string& out, const LintReport& r, std::size_t max) {
  std::size_t words = 0;
  for (const auto& rule : r.collisions) words += rule.words.size();
  out += "\n## Collisions with ordinary words\n\n";
  out += num(r.dictionary_words) + " words of " + cell(r.dictionary) +
         " screened alone and in short sentences. ";
  if (r.collisions.empty()) {
    out += "No rule fires on an ordinary word.\n";
    return;
  }
  out += "Rules fire on " + count(words, "word") + " (" +
         count(r.collisions.size(), "rule") +
         ") that no `allow:` covers: add the innocent ones to the rule's "
         "`allow:`, or narrow the entry.\n\n"
         "| rule | words | words (matched text) |\n|---|--:|---|\n";
  for (const RuleCollisions& rule : r.collisions) {
    out += "| " + cell(rule.rule) + " | " + num(rule.words.size()) + " | " +
           listed(rule.words, max, [](const Collision& c) {
             return cell(c.word) + " (" + cell(c.excerpt) + ")";
           }) +
           " |\n";
  }
}

void rule_table(std::string& out, const std::vector<RuleCollisions>& rules,
                std::size_t max) {
  out += "| rule | words | words (matched text) |\n|---|--:|---|\n";
  for (const RuleCollisions& rule : rules) {
    out += "| " + cell(rule.rule) + " | " + num(rule.words.size()) + " | " +
           listed(rule.words, max, [](const Collision& c) {
             return cell(c.word) + " (" + cell(c.excerpt) + ")";
           }) +
           " |\n";
  }
}

void language_collisions(std::string& out, const LintReport& r,
                         std::size_t max) {
  for (const LanguageCollisions& l : r.languages) {
    out += "\n## Collisions in `" + l.language + "`\n\n";
    if (l.dictionary.empty()) {
      out += "Its own words not checked: " + l.missing + ".\n";
    } else {
      out += num(l.dictionary_words) + " words of " + cell(l.dictionary) +
             " screened as `" + l.language + "`. ";
      if (l.collisions.empty()) {
        out += "No rule fires on one.\n";
      } else {
        out += "Rules fire on these:\n\n";
        rule_table(out, l.collisions, max);
      }
    }
    out += "\nEnglish words (" + cell(r.dictionary) + ") screened as `" +
           l.language + "`, rules scoped to it: ";
    if (l.english_collisions.empty()) {
      out += "none fires.\n";
    } else {
      out += "these fire on mixed comments and on comments the detector "
             "misplaces:\n\n";
      rule_table(out, l.english_collisions, max);
    }
  }
}

void evasion(std::string& out, const LintReport& r, std::size_t max) {
  out += "\n## Evasion coverage\n\nEach `words:` entry disguised (case, leet, "
         "masking, spacing, stretching, homoglyph, zero-width, fullwidth, a "
         "combination) inside a neutral sentence.\n\n";
  std::size_t tried = 0, missed = 0;
  for (const RuleEvasion& e : r.evasion) {
    tried += e.tried;
    missed += e.missed.size();
  }
  out += num(missed) + " of " + num(tried) + " variants got through.\n";
  bool header = false;
  for (const RuleEvasion& e : r.evasion) {
    if (e.missed.empty() && e.silent.empty()) continue;
    if (!header) {
      out += "\n| rule | tried | got through | variants (trick) | entries "
             "missed even plain |\n|---|--:|--:|---|---|\n";
      header = true;
    }
    out += "| " + cell(e.rule) + " | " + num(e.tried) + " | " +
           num(e.missed.size()) + " | " +
           listed(e.missed, max, [](const EvasionMiss& m) {
             return visible(m.text) + " (" + cell(m.trick) + ")";
           }) +
           " | " + listed(e.silent, max, [](const std::string& s) {
             return cell(s);
           }) +
           " |\n";
  }
}

void duplicates(std::string& out, const LintReport& r) {
  out += "\n## Duplicate entries\n\n";
  if (r.duplicates.empty()) {
    out += "None.\n";
    return;
  }
  out += "| rule | entry | why | first | at | again | at |\n"
         "|---|---|---|---|---|---|---|\n";
  for (const DuplicateEntry& d : r.duplicates) {
    out += "| " + cell(d.rule) + " | " + cell(d.normalized) + " | " +
           cell(d.why) + " | " + cell(d.first.kind + ": " + d.first.text) +
           " | " + where(d.first.location) + " | " +
           cell(d.second.kind + ": " + d.second.text) + " | " +
           where(d.second.location) + " |\n";
  }
}

void entries(std::string& out, const char* title,
             const std::vector<EntryRef>& list) {
  out += std::string("\n### ") + title + "\n\n";
  if (list.empty()) {
    out += "None.\n";
    return;
  }
  out += "| rule | kind | entry | at |\n|---|---|---|---|\n";
  for (const EntryRef& e : list) {
    out += "| " + cell(e.rule) + " | " + cell(e.kind) + " | " + cell(e.text) +
           " | " + where(e.location) + " |\n";
  }
}

void dead_weight(std::string& out, const DeadWeight& d) {
  out += "\n## Dead weight\n\n" + count(d.comments, "comment") + " screened";
  if (!d.input_errors.empty()) {
    out += " (" + num(d.input_errors.size()) + " unreadable records skipped)";
  }
  out += ".\n\n### Rules that never fired\n\n";
  if (d.silent_rules.empty()) {
    out += "None.\n";
  } else {
    for (const std::string& rule : d.silent_rules) out += "- " + cell(rule) + "\n";
  }
  entries(out, "Entries that never matched", d.silent_entries);
  entries(out, "`allow:` entries that never cancelled a hit", d.idle_allows);
  out += "\n### Rules whose every hit another rule also made\n\n";
  if (d.redundant_rules.empty()) {
    out += "None.\n";
    return;
  }
  out += "| rule | comments hit | all also hit by |\n|---|--:|---|\n";
  for (const RedundantRule& rr : d.redundant_rules) {
    out += "| " + cell(rr.rule) + " | " + num(rr.hits) + " | " +
           cell(rr.covered_by) + " |\n";
  }
}

std::string millis(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", seconds * 1000);
  return buffer;
}

std::string times(double ratio) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0fx", ratio);
  return buffer;
}

// A long regex cut for a table cell; the JSON report has it whole.
std::string shortened(std::string_view text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return cell(text);
  std::size_t cut = kMax;  // not inside a UTF-8 character
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cell(text.substr(0, cut)) + "...";
}

void costs(std::string& out, const PatternCosts& c) {
  out += "\n## Costly regexes\n\n" + num(c.regexes) +
         " regexes compiled alone; median " + num(c.median_bytes) +
         " bytes of bytecode, " + millis(c.median_seconds) + " ms to compile. ";
  if (c.costly.empty()) {
    out += "None far above the median.\n";
    return;
  }
  out += "Far above the median:\n\n| rule | regex | bytes | vs median | "
         "compile ms | vs median | at |\n|---|---|--:|--:|--:|--:|---|\n";
  for (const CostlyPattern& p : c.costly) {
    out += "| " + cell(p.entry.rule) + " | " + shortened(p.entry.text) + " | " +
           num(p.cost.bytecode_bytes) + " | " + times(p.bytes_ratio) + " | " +
           millis(p.cost.compile_seconds) + " | " + times(p.seconds_ratio) +
           " | " + where(p.entry.location) + " |\n";
  }
}

void slips(std::string& out, const SlipCheck& s, std::size_t max_listed) {
  out += "\n## Slips\n\n" + count(s.forms, "word") +
         " read through slips (two neighbouring letters swapped, one dropped "
         "or one added) against " + count(s.known_words, "known word") +
         ", which never are. " + count(s.unread_without_dictionary,
                                       "dictionary word") +
         " lie one slip from a rule word and are kept from being read as it "
         "by being known; most first:\n\n";
  if (s.neighbours.empty()) {
    out += "None.\n";
    return;
  }
  out += "| word | dictionary words one slip away |\n|---|---|\n";
  std::size_t listed = 0;
  for (const SlipNeighbours& n : s.neighbours) {
    if (listed++ == max_listed) {
      out += "| ... | " + count(s.neighbours.size() - max_listed, "more word") +
             " (--json lists them all) |\n";
      break;
    }
    std::string words;
    for (const std::string& w : n.words) {
      words += (words.empty() ? "" : ", ") + w;
    }
    out += "| " + cell(n.form) + " | " + cell(words) + " |\n";
  }
}

}  // namespace

std::string lint_report_markdown(const LintReport& report,
                                 std::size_t max_listed) {
  std::string out = "# Lint of " + cell(report.ruleset) + "\n";
  collisions(out, report, max_listed);
  language_collisions(out, report, max_listed);
  evasion(out, report, max_listed);
  duplicates(out, report);
  slips(out, report.slips, max_listed);
  if (report.dead_weight) dead_weight(out, *report.dead_weight);
  costs(out, report.pattern_costs);
  return out;
}

}  // namespace modfilter
