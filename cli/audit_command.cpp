// modfilter audit SUBCOMMAND STORE ...: questions to an audit store written
// by 'scan --audit': summary, show, search, replay, label, export, report.
// Parsing and printing only; the queries live in engine/audit.
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <tuple>

#include "cli/common.h"
#include "cli/progress.h"
#include "engine/audit/audit_store.h"
#include "engine/audit/export.h"
#include "engine/audit/highlight.h"
#include "engine/audit/replay.h"
#include "engine/audit/report_html.h"
#include "engine/audit/time_ms.h"
#include "engine/io/json_writer.h"

namespace modfilter::cli {
namespace {

struct AuditArgs {
  std::string store;
  std::string color = "auto";
  // show, label: the store's number or the input's id
  std::string key;
  // search
  std::string rule, category, verdict, text, input_id, since, until, label;
  std::optional<std::int64_t> run;
  std::size_t limit = 50;
  // replay
  std::string rules, database;
  std::size_t examples = 3;
  ProgressOptions progress;
  // label
  std::string judgement, note;
  // export, report
  bool wrong_only = false;
  std::string format = "jsonl";
  std::string output;
};

struct Marks {
  std::string_view open, close;
};

Marks marks_for(const std::string& color) {
  const bool ansi = color == "always" || (color == "auto" && ::isatty(STDOUT_FILENO));
  if (ansi) return {"\x1b[1;31m", "\x1b[0m"};
  return {"[[", "]]"};
}

void print(const std::string& out) { std::fwrite(out.data(), 1, out.size(), stdout); }

std::optional<AuditStore> open_store_or_print(const std::string& path,
                                              StoreAccess access = StoreAccess::kRead) {
  auto store = AuditStore::open(path, access);
  if (!store) {
    print_errors(store.error());
    return std::nullopt;
  }
  return std::move(*store);
}

// "2024-05-01", "2024-05-01 09:30", "2024-05-01T09:30:15" (UTC) -> Unix ms.
std::optional<std::int64_t> parse_time(const std::string& text) {
  const std::size_t n = text.size();
  if (n != 10 && n != 16 && n != 19) return std::nullopt;
  const auto field = [&](std::size_t at, std::size_t width) -> std::optional<unsigned> {
    unsigned value = 0;
    const char* end = text.data() + at + width;
    const auto [stop, ec] = std::from_chars(text.data() + at, end, value);
    if (ec != std::errc() || stop != end) return std::nullopt;
    return value;
  };
  const bool separators = text[4] == '-' && text[7] == '-' &&
                          (n == 10 || ((text[10] == ' ' || text[10] == 'T') &&
                                       text[13] == ':')) &&
                          (n != 19 || text[16] == ':');
  const auto y = field(0, 4), mo = field(5, 2), d = field(8, 2);
  const auto h = n > 10 ? field(11, 2) : 0u, mi = n > 10 ? field(14, 2) : 0u;
  const auto s = n > 16 ? field(17, 2) : 0u;
  if (!separators || !y || !mo || !d || !h || !mi || !s) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(*y)),
                                         std::chrono::month(*mo), std::chrono::day(*d)};
  if (!date.ok() || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const auto time = std::chrono::sys_days(date) + std::chrono::hours(*h) +
                    std::chrono::minutes(*mi) + std::chrono::seconds(*s);
  return to_unix_ms(std::chrono::system_clock::time_point(time));
}

std::string percent(std::int64_t part, std::int64_t total) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                total == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(total));
  return buf;
}

// "1 comment", "2 comments".
std::string count_of(std::int64_t n, std::string_view noun) {
  std::string out = std::to_string(n) + " ";
  out += noun;
  if (n != 1) out += 's';
  return out;
}

std::string padded(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

void append_comment_text(std::string& out, const StoredComment& c, const Marks& marks) {
  if (c.text) {
    append_highlighted(out, *c.text, c.all_spans(), marks.open, marks.close,
                       append_terminal_text);
  } else {
    out += "(text not kept; hash " + c.text_hash + ")";
  }
}

// One comment on one line, as 'audit search' lists it.
void append_comment_line(std::string& out, const StoredComment& c, const Marks& marks) {
  out += padded("#" + std::to_string(c.id), 6) + " " +
         padded(to_string(c.verdict), 7) + " " + format_utc(c.time_ms) + "  ";
  append_terminal_text(out, c.input_id.empty() ? "-" : c.input_id);
  out += "  ";
  for (std::size_t i = 0; i < c.reasons.size(); ++i) {
    out += (i > 0 ? "," : "") + c.reasons[i].rule;
  }
  if (c.reasons.empty()) out += "-";
  out += "  ";
  append_comment_text(out, c, marks);
  out += '\n';
}

// The comments `o.key` names (AuditStore::lookup), or nullopt after saying
// why there are none.
std::optional<std::vector<StoredComment>> lookup_or_print(AuditStore& store,
                                                          const AuditArgs& o) {
  auto found = store.lookup(o.key);
  if (!found) {
    print_errors(found.error());
    return std::nullopt;
  }
  if (found->empty()) {
    const bool number = !o.key.empty() &&
                        o.key.find_first_not_of("#0123456789") == std::string::npos;
    std::fprintf(stderr,
                 number ? "modfilter: %s: no comment %s%s in the store\n"
                        : "modfilter: %s: no comment with id '%s%s' in the store "
                          "('audit search --text' finds comments by their words)\n",
                 o.store.c_str(), number && !o.key.starts_with('#') ? "#" : "",
                 o.key.c_str());
    return std::nullopt;
  }
  return std::move(*found);
}

// Lists the comments an ambiguous key names, and how to pick one.
void print_matches(const std::vector<StoredComment>& comments, const AuditArgs& o,
                   std::string_view command) {
  std::string out;
  for (const StoredComment& c : comments) append_comment_line(out, c, marks_for(o.color));
  print(out);
  std::fprintf(stderr,
               "modfilter: '%s' names %zu comments; pick one by its number, "
               "e.g. modfilter audit %.*s STORE '#%lld'\n",
               o.key.c_str(), comments.size(), static_cast<int>(command.size()),
               command.data(), static_cast<long long>(comments.back().id));
}

void append_run_line(std::string& out, const RunInfo& r) {
  out += "  run " + std::to_string(r.id) + "  " + r.ruleset + "  " + r.text_mode +
         "  " + format_utc(r.started_ms) + " -> ";
  out += r.finished_ms ? format_utc(*r.finished_ms) : "unfinished (running, or killed)";
  out += "  " + count_of(r.comments, "comment");
  if (!r.finished_ms) out += " up to input line " + std::to_string(r.last_line);
  out += '\n';
}

void append_hits(std::string& out, const std::vector<HitCount>& hits) {
  std::size_t width = 0;
  for (const HitCount& h : hits) width = std::max(width, h.name.size());
  for (const HitCount& h : hits) {
    out += "  " + padded(h.name, width) + "  " + count_of(h.comments, "comment") +
           ", " + std::to_string(h.rejected) + " rejected\n";
  }
}

int run_summary(const AuditArgs& o) {
  auto store = open_store_or_print(o.store);
  if (!store) return kExitUsage;
  auto s = store->summary();
  if (!s) {
    print_errors(s.error());
    return kExitUsage;
  }
  const VerdictCounts& v = s->verdicts;
  std::string out = o.store + ": " + count_of(v.total(), "comment") + " in " +
                    count_of(static_cast<std::int64_t>(s->runs.size()), "run") + "\n";
  for (const RunInfo& r : s->runs) append_run_line(out, r);
  out += "verdicts: approve " + std::to_string(v.approve) + " (" +
         percent(v.approve, v.total()) + "), review " + std::to_string(v.review) +
         " (" + percent(v.review, v.total()) + "), reject " +
         std::to_string(v.reject) + " (" + percent(v.reject, v.total()) + ")\n";
  if (!s->categories.empty()) {
    out += "by category:\n";
    append_hits(out, s->categories);
  }
  if (!s->rules.empty()) {
    out += "rules by hits:\n";
    append_hits(out, s->rules);
  }
  out += "never fired:";
  if (s->never_fired.empty()) out += " (none)";
  for (const std::string& rule : s->never_fired) out += " " + rule;
  out += '\n';
  if (s->days.size() > 1) {
    out += "per day (UTC): approve review reject\n";
    for (const TimeBucket& d : s->days) {
      out += "  " + d.start + "  " + std::to_string(d.verdicts.approve) + " " +
             std::to_string(d.verdicts.review) + " " +
             std::to_string(d.verdicts.reject) + '\n';
    }
  }
  out += "labels: " + count_of(s->labelled, "comment") + " labelled, " +
         std::to_string(s->wrong) + " wrong\n";
  if (!s->precision.empty()) {
    out += "precision per rule (correct of labelled):\n";
    for (const RulePrecision& p : s->precision) {
      out += "  " + p.rule + "  " + std::to_string(p.correct) + "/" +
             std::to_string(p.correct + p.wrong) + "  " +
             percent(p.correct, p.correct + p.wrong) + '\n';
    }
  }
  print(out);
  return kExitOk;
}

int run_show(const AuditArgs& o) {
  auto store = open_store_or_print(o.store);
  if (!store) return kExitUsage;
  const auto found = lookup_or_print(*store, o);
  if (!found) return kExitUsage;
  if (found->size() > 1) {
    print_matches(*found, o, "show");
    return kExitOk;
  }
  const StoredComment& c = found->front();
  const Marks marks = marks_for(o.color);
  std::string out = "#" + std::to_string(c.id) + "  " + to_string(c.verdict) +
                    "  (run " + std::to_string(c.run) + ", " + c.ruleset + ")\n";
  out += "id:      ";
  append_terminal_text(out, c.input_id.empty() ? "(none)" : c.input_id);
  out += "  line " + std::to_string(c.line) + '\n';
  out += "time:    " + format_utc(c.time_ms) + " UTC\n";
  out += "text:    ";
  append_comment_text(out, c, marks);
  out += '\n';
  out += c.reasons.empty() ? "reasons: none\n" : "reasons:\n";
  for (const StoredReason& r : c.reasons) {
    out += "  " + r.action + "  " + r.rule + " (" + r.category;
    if (!r.subcategory.empty()) out += "/" + r.subcategory;
    out += ")";
    if (c.text) {
      out += " \"";
      append_terminal_text(out, std::string_view(*c.text).substr(
                                    std::min<std::size_t>(r.excerpt.begin, c.text->size()),
                                    r.excerpt.size()));
      out += "\"";
    }
    for (const ByteSpan& sp : r.spans) {
      out += " [" + std::to_string(sp.begin) + "," + std::to_string(sp.end) + "]";
    }
    out += ": " + r.reason + '\n';
  }
  if (c.label) {
    out += std::string("label:   ") + (c.label->correct ? "correct" : "wrong") + " (" +
           format_utc(c.label->time_ms) + ")";
    if (!c.label->note.empty()) {
      out += ": ";
      append_terminal_text(out, c.label->note);
    }
    out += '\n';
  }
  print(out);
  return kExitOk;
}

std::optional<CommentFilter> search_filter(const AuditArgs& o) {
  CommentFilter f;
  f.rule = o.rule;
  f.category = o.category;
  f.text = o.text;
  f.input_id = o.input_id;
  f.run = o.run;
  f.limit = o.limit;
  if (!o.verdict.empty()) f.verdict = parse_decision(o.verdict);
  if (o.label == "correct") f.label = LabelFilter::kCorrect;
  if (o.label == "wrong") f.label = LabelFilter::kWrong;
  if (o.label == "none") f.label = LabelFilter::kUnlabelled;
  for (const auto& [text, field, name] :
       {std::tuple(&o.since, &f.since_ms, "--since"),
        std::tuple(&o.until, &f.until_ms, "--until")}) {
    if (text->empty()) continue;
    *field = parse_time(*text);
    if (!*field) {
      std::fprintf(stderr,
                   "modfilter: %s '%s': not a time (YYYY-MM-DD, optionally "
                   "with HH:MM[:SS], UTC)\n",
                   name, text->c_str());
      return std::nullopt;
    }
  }
  return f;
}

int run_search(const AuditArgs& o) {
  const auto filter = search_filter(o);
  if (!filter) return kExitUsage;
  auto store = open_store_or_print(o.store);
  if (!store) return kExitUsage;
  const Marks marks = marks_for(o.color);
  std::string out;
  std::size_t count = 0;
  auto ok = store->for_each(*filter, [&](const StoredComment& c) {
    ++count;
    append_comment_line(out, c, marks);
    return true;
  });
  if (!ok) {
    print_errors(ok.error());
    return kExitUsage;
  }
  out += count_of(static_cast<std::int64_t>(count), "comment");
  if (o.limit > 0 && count == o.limit) out += " (the first " + std::to_string(o.limit) + "; --limit 0 for all)";
  out += '\n';
  print(out);
  return kExitOk;
}

int run_replay(const AuditArgs& o) {
  if (o.rules.empty() && o.database.empty()) {
    std::fprintf(stderr, "modfilter: audit replay: give the new rules with --rules "
                         "(or a compiled --db)\n");
    return kExitUsage;
  }
  auto store = open_store_or_print(o.store);
  if (!store) return kExitUsage;
  auto engine = load_engine(o.rules, o.database);
  if (!engine) return kExitUsage;
  Progress progress("audit replay", o.progress);
  auto report = replay(*store, *engine,
                       ReplayOptions{o.run, o.examples,
                                     progress.shown() ? progress.callback() : ProgressFn()});
  if (!report) {
    print_errors(report.error());
    return kExitUsage;
  }
  progress.update(static_cast<std::uint64_t>(report->replayed + report->skipped));
  progress.finish(std::to_string(report->flipped()) + " flipped");
  const ReplayReport& r = *report;
  const Marks marks = marks_for(o.color);
  std::string out = "replayed " + count_of(r.replayed, "comment") + " with " +
                    r.ruleset + " (screened by";
  for (const std::string& id : r.stored_rulesets) out += " " + id;
  out += ")";
  if (r.skipped > 0) {
    out += "; " + std::to_string(r.skipped) + " kept only as a hash were skipped";
  }
  out += "\nflipped: " + std::to_string(r.flipped()) + " of " +
         std::to_string(r.replayed) + "\n";
  out += "  before \\ after   approve   review   reject\n";
  const char* names[] = {"approve", "review", "reject"};
  for (std::size_t b = 0; b < 3; ++b) {
    out += "  " + padded(names[b], 16);
    for (std::size_t a = 0; a < 3; ++a) {
      const std::string n = std::to_string(r.flips[b][a]);
      out += std::string(a == 0 ? 7 - std::min<std::size_t>(n.size(), 7)
                                : 9 - std::min<std::size_t>(n.size(), 9), ' ') + n;
    }
    out += '\n';
  }
  if (!r.rules.empty()) {
    out += "by rule, among the flipped comments: + now fires, - no longer "
           "fires, ~ fires with another action\n";
    std::size_t width = 0;
    for (const ReplayRule& rule : r.rules) width = std::max(width, rule.rule.size());
    for (const ReplayRule& rule : r.rules) {
      out += "  " + padded(rule.rule, width) + "  +" + std::to_string(rule.gained) +
             " -" + std::to_string(rule.lost) + " ~" + std::to_string(rule.changed) +
             "  e.g.";
      for (std::int64_t id : rule.examples) out += " #" + std::to_string(id);
      out += '\n';
    }
  }
  if (!r.examples.empty()) out += "examples:\n";
  for (const ReplayExample& e : r.examples) {
    out += "  #" + std::to_string(e.comment);
    if (!e.input_id.empty()) {
      out += " (";
      append_terminal_text(out, e.input_id);
      out += ")";
    }
    out += std::string(" ") + to_string(e.before) + " -> " + to_string(e.after) + ":";
    for (const auto& [sign, list] : {std::pair("+", &e.gained), std::pair("-", &e.lost),
                                     std::pair("~", &e.changed)}) {
      for (const std::string& rule : *list) out += std::string(" ") + sign + rule;
    }
    out += "\n      ";
    append_highlighted(out, e.text, e.spans, marks.open, marks.close,
                       append_terminal_text);
    out += '\n';
  }
  print(out);
  // Like 'check': a finding (something flips) is exit 1, so a CI job can
  // hold back a rule change that would flip stored verdicts.
  return r.flipped() > 0 ? kExitFindings : kExitOk;
}

int run_label(const AuditArgs& o) {
  auto store = open_store_or_print(o.store, StoreAccess::kWrite);
  if (!store) return kExitUsage;
  const auto found = lookup_or_print(*store, o);
  if (!found) return kExitUsage;
  if (found->size() > 1) {
    print_matches(*found, o, "label");
    return kExitUsage;
  }
  const std::int64_t id = found->front().id;
  auto ok = store->label(id, o.judgement == "correct", o.note,
                         to_unix_ms(std::chrono::system_clock::now()));
  if (!ok) {
    print_errors(ok.error());
    return kExitUsage;
  }
  std::printf("#%lld labelled %s\n", static_cast<long long>(id), o.judgement.c_str());
  return kExitOk;
}

// Writes `content` to `path` through a temporary file and a rename, so a
// reader never sees half a file; "-" or empty writes stdout.
bool write_output(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    print(content);
    return !std::ferror(stdout);
  }
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      std::fprintf(stderr, "modfilter: %s: cannot write the file\n", path.c_str());
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::fprintf(stderr, "modfilter: %s: cannot write the file: %s\n", path.c_str(),
                 ec.message().c_str());
    std::filesystem::remove(temp, ec);
    return false;
  }
  return true;
}

int run_export(const AuditArgs& o) {
  auto store = open_store_or_print(o.store);
  if (!store) return kExitUsage;
  CommentFilter filter;
  filter.label = o.wrong_only ? LabelFilter::kWrong : LabelFilter::kLabelled;
  auto comments = store->find(filter);
  if (!comments) {
    print_errors(comments.error());
    return kExitUsage;
  }
  std::string out;
  if (*parse_export_format(o.format) == ExportFormat::kJsonLines) {
    append_export_jsonl(out, *comments);
  } else {
    append_export_rule_tests(out, *comments);
  }
  return write_output(o.output, out) ? kExitOk : kExitUsage;
}

int run_report(const AuditArgs& o) {
  auto store = open_store_or_print(o.store);
  if (!store) return kExitUsage;
  auto html = render_html_report(*store);
  if (!html) {
    print_errors(html.error());
    return kExitUsage;
  }
  if (!write_output(o.output, *html)) return kExitUsage;
  std::fprintf(stderr, "modfilter: wrote %s\n", o.output.c_str());
  return kExitOk;
}

CLI::App* add_store(CLI::App* app, AuditArgs& o) {
  app->add_option("store", o.store, "the audit store (written by scan --audit)")
      ->required();
  return app;
}

void add_color(CLI::App* app, AuditArgs& o) {
  app->add_option("--color", o.color,
                  "highlight matched words: auto (when stdout is a terminal), "
                  "always (ANSI), never ([[brackets]])")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
}

}  // namespace

Command add_audit(CLI::App& parent) {
  auto o = std::make_shared<AuditArgs>();
  CLI::App* audit = parent.add_subcommand(
      "audit",
      "Questions to an audit store written by 'scan --audit FILE': why was\n"
      "this rejected, which rules fire most and which are wrong, what would\n"
      "new rules change.");
  audit->require_subcommand(1);

  CLI::App* summary = add_store(audit->add_subcommand(
      "summary", "Counts by verdict, category and rule; rules that never fired; "
                 "per day; runs (an unfinished one was killed or is running)"), *o);

  CLI::App* show = add_store(audit->add_subcommand(
      "show", "One comment: its verdict and why, matched words highlighted"), *o);
  show->add_option("id", o->key,
                   "the comment's number (as 'audit search' lists it: 17 or #17) "
                   "or the input's id (c-17); an id several comments share lists them")
      ->required();
  add_color(show, *o);

  CLI::App* search = add_store(audit->add_subcommand(
      "search", "Comments by rule, category, verdict, text, time or label"), *o);
  search->add_option("--rule", o->rule, "fired this rule");
  search->add_option("--category", o->category, "had a reason of this category");
  search->add_option("--verdict", o->verdict, "approve, review or reject")
      ->check(CLI::IsMember({"approve", "review", "reject"}));
  search->add_option("--text", o->text, "contains this (ASCII letters case-blind)");
  search->add_option("--id", o->input_id, "the input's id");
  search->add_option("--since", o->since, "at or after this UTC time (YYYY-MM-DD[ HH:MM[:SS]])");
  search->add_option("--until", o->until, "before this UTC time");
  search->add_option("--run", o->run, "only this run");
  search->add_option("--label", o->label, "latest label: correct, wrong or none")
      ->check(CLI::IsMember({"correct", "wrong", "none"}));
  search->add_option("--limit", o->limit, "at most this many (0: all)")
      ->capture_default_str();
  add_color(search, *o);

  CLI::App* replay_app = add_store(audit->add_subcommand(
      "replay",
      "Screen the stored comments with other rules and report what flips, per\n"
      "rule, with examples. Exit 1 when anything flips."), *o);
  replay_app->add_option("-r,--rules", o->rules, "the new rule file or directory");
  replay_app->add_option("--db", o->database,
                         "a compiled database of the new rules ('compile -o')");
  replay_app->add_option("--run", o->run, "only the comments of this run");
  replay_app->add_option("--examples", o->examples, "examples per kind of flip")
      ->capture_default_str();
  add_progress_options(*replay_app, o->progress);
  add_color(replay_app, *o);

  CLI::App* label = add_store(audit->add_subcommand(
      "label", "Record a moderator's judgement of a comment's verdict"), *o);
  label->add_option("id", o->key,
                    "the comment's number (17 or #17) or the input's id (c-17); "
                    "an id several comments share is refused, listing them")
      ->required();
  label->add_option("judgement", o->judgement, "correct or wrong")
      ->required()
      ->check(CLI::IsMember({"correct", "wrong"}));
  label->add_option("--note", o->note, "why (kept with the label)");

  CLI::App* export_app = add_store(audit->add_subcommand(
      "export",
      "Write labelled comments as JSON Lines, or as tests: entries to paste\n"
      "into the rules (a false positive becomes a regression test)"), *o);
  export_app->add_flag("--wrong", o->wrong_only, "only comments labelled wrong");
  export_app->add_option("-f,--format", o->format, "jsonl or tests")
      ->check(CLI::IsMember({"jsonl", "tests"}))
      ->capture_default_str();
  export_app->add_option("-o,--output", o->output, "file to write (default: stdout)");

  CLI::App* report = add_store(audit->add_subcommand(
      "report", "Write a self-contained HTML report (charts, precision per "
                "rule, latest false positives)"), *o);
  report->add_option("-o,--output", o->output, "the HTML file to write")->required();

  const std::vector<std::pair<CLI::App*, int (*)(const AuditArgs&)>> commands = {
      {summary, run_summary},       {show, run_show},     {search, run_search},
      {replay_app, run_replay},     {label, run_label},   {export_app, run_export},
      {report, run_report}};
  return {audit, [o, commands] {
            for (const auto& [app, run] : commands) {
              if (app->parsed()) return run(*o);
            }
            return kExitUsage;
          }};
}

}  // namespace modfilter::cli
