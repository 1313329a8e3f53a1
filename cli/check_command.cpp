// modfilter check TEXT: screen one comment and say why.
#include <cstdio>
#include <iostream>
#include <iterator>

#include "cli/common.h"
#include "engine/core/limits.h"
#include "engine/io/explanation.h"
#include "engine/io/json_writer.h"
#include "engine/io/verdict_writer.h"
#include "engine/policy/redact.h"

namespace modfilter::cli {
namespace {

struct CheckOptions {
  std::string rules;
  std::string database;
  std::string text;
  bool json = false;
  bool explain = false;
  bool redact = false;
  std::size_t max_text_bytes = kDefaultMaxTextBytes;
  std::string lang;
};

// The normalised view and, for each reason, which transformations produced
// the view bytes inside its spans.
void append_explanation(std::string& out, const Explanation& explanation) {
  out += "normalized: ";
  append_json_string(out, explanation.normalized);
  out += explanation.identical ? " (identical to the input)\n" : "\n";
  for (const ReasonExplanation& r : explanation.reasons) {
    out += "  ";
    out += r.rule;
    out += ": view ";
    append_json_string(out, r.view);
    out += " via ";
    out += r.transforms;
    out += '\n';
  }
}

// Reads stdin, but no more than one byte over `limit`: a larger comment
// is refused anyway.
std::string read_stdin(std::size_t limit) {
  std::string text(limit + 2, '\0');
  std::cin.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(std::cin.gcount()));
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

int run_check(const CheckOptions& options) {
  std::string text =
      options.text == "-" ? read_stdin(options.max_text_bytes) : options.text;
  if (text.size() > options.max_text_bytes) {
    std::fprintf(stderr,
                 "modfilter: the comment is over the limit of %zu bytes; "
                 "raise --max-text-bytes, or split the comment\n",
                 options.max_text_bytes);
    return kExitUsage;
  }
  auto engine = load_engine(options.rules, options.database);
  if (!engine) return kExitUsage;
  Verdict verdict;
  ScanWorkspace workspace;
  engine->screen(text, verdict, workspace,
                 ScanOptions{.record_transforms = options.explain},
                 options.lang);
  std::string out;
  const VerdictRecord record{
      .text = text,
      .redact_categories = options.redact
                               ? std::span<const std::string_view>(
                                     kDefaultRedactCategories)
                               : std::span<const std::string_view>()};
  if (options.json) {
    append_verdict_json(out, record, verdict);
    out += '\n';
  } else {
    append_verdict_text(out, record, verdict);
    if (options.redact) out += "redacted: " + redact(text, verdict) + '\n';
  }
  if (options.explain) {
    append_explanation(out, explain(verdict, workspace));
    out += "languages:";
    for (const std::string& code : engine->languages_of(text, options.lang)) {
      out += ' ';
      out += code;
    }
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return verdict.decision == Decision::kApprove ? kExitOk : kExitFindings;
}

}  // namespace

Command add_check(CLI::App& parent) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* app = parent.add_subcommand(
      "check",
      "Screen one comment and print the verdict with its reasons.\n"
      "Exit 0 when approved, 1 when rejected or sent to review.");
  app->add_option("text", options->text, "the comment, or - to read stdin")
      ->required();
  app->add_option("-r,--rules", options->rules,
                  "rule file or directory, or a compiled .mfdb (default: "
                  "the bundled rules/)");
  app->add_option("--db", options->database,
                  "compiled database from 'modfilter compile -o'; with "
                  "--rules, refused unless built from those rules");
  app->add_flag("--json", options->json, "print the verdict object as JSON");
  app->add_option("--max-text-bytes", options->max_text_bytes,
                  "a longer comment is refused, exit 2 (16 MiB; at most "
                  "256 MiB)")
      ->check(CLI::Range(std::size_t{1}, kMaxTextBytesCeiling));
  app->add_option("--lang", options->lang,
                  "the comment's language (ISO codes: ar, or ar,en); "
                  "default: found from the text");
  app->add_flag("--redact", options->redact,
                "also print the text with its profanity masked (f***)");
  app->add_flag("--explain", options->explain,
                "also print the normalised view and which transformations "
                "(leet, mask, homoglyph...) produced each match");
  return {app, [options] {
            if (options->rules.empty() && options->database.empty()) {
              options->rules = default_rules_path();
            }
            return run_check(*options);
          }};
}

}  // namespace modfilter::cli
