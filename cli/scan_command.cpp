// modfilter scan [FILE...]: screen a stream of comments, one verdict per
// input record, in input order.
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/common.h"
#include "cli/progress.h"
#include "cli/scan_output.h"
#include "engine/audit/audit_writer.h"
#include "engine/core/limits.h"
#include "engine/io/comment_batch.h"
#include "engine/io/comment_reader.h"
#include "engine/io/csv.h"
#include "engine/io/json_writer.h"
#include "engine/io/worker_pool.h"
#include "service/common/screening_path.h"

namespace modfilter::cli {
namespace {

enum class OutputFormat { kJsonLines, kCsv, kText };

struct ScanOptions {
  std::string rules;
  std::string database;
  std::vector<std::string> files;
  std::string text_field = "text";
  std::string id_field = "id";
  std::string lang_field;
  std::string input_format;  // empty: from the file name
  std::string format = "jsonl";
  unsigned threads = 0;
  std::string audit;  // audit store; empty: none
  std::string audit_text = "text";
  bool redact = false;  // JSON Lines: add "redacted"
  std::size_t max_text_bytes = kDefaultMaxTextBytes;
  ProgressOptions progress;
};

service::VerdictFormat verdict_format(OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv: return service::VerdictFormat::kCsv;
    case OutputFormat::kText: return service::VerdictFormat::kText;
    case OutputFormat::kJsonLines: break;
  }
  return service::VerdictFormat::kJson;
}

InputFormat format_for(const std::string& file, const std::string& forced) {
  if (!forced.empty()) return *parse_input_format(forced);
  if (file.ends_with(".csv")) return InputFormat::kCsv;
  if (file.ends_with(".txt")) return InputFormat::kText;
  return InputFormat::kJsonLines;
}

// Screens one record through the path and appends its output: CSV and
// text name the record; JSON Lines passes its fields through.
void screen_record(const service::ScreeningPath& path, std::string& out,
                   const CommentBatch& batch, std::size_t i, InputFormat input,
                   Verdict& verdict, bool redact) {
  const std::string_view text = batch.text(i);
  std::string label;
  if (path.format() != service::VerdictFormat::kJson) {
    label = batch.id(i).empty() ? std::to_string(batch.item(i).line)
                                : std::string(batch.id(i));
  }
  std::string leading;
  if (input == InputFormat::kText) {
    leading = "\"line\":" + std::to_string(batch.item(i).line) + ",\"text\":";
    append_json_string(leading, text);
  }
  path.screen_and_write(
      service::Comment{
          .text = text,
          .lang = batch.lang(i),
          .leading_members =
              input == InputFormat::kText ? leading : batch.members(i),
          .label = label,
          .redact = redact},
      verdict, out);
}

void write_error(std::string& out, OutputFormat format, const Error& error) {
  switch (format) {
    case OutputFormat::kJsonLines:
      out += "{\"line\":" + std::to_string(error.line) + ",\"source\":";
      append_json_string(out, error.file);
      out += ",\"error\":";
      append_json_string(out, error.message);
      out += "}\n";
      break;
    case OutputFormat::kCsv:
      out += std::to_string(error.line) + ",error,,,";
      append_csv_field(out, error.message);
      out += '\n';
      break;
    case OutputFormat::kText:
      out += std::to_string(error.line) + ": error: " + error.message + '\n';
      break;
  }
}

// Screens records in batches on `threads` workers while the next batch is
// read, and writes each batch's output in input order.
class BatchScreener {
 public:
  BatchScreener(const Engine& engine, unsigned threads, OutputFormat format,
                ScanOutput& output, AuditWriter* audit = nullptr)
      : path_(engine, {.format = verdict_format(format)}),
        format_(format),
        output_(output),
        audit_(audit) {
    if (threads > 1) pool_.emplace(threads);
  }

  void set_input(InputFormat input, std::string source) {
    // Records of the previous file are formatted with its input format.
    dispatch();
    input_ = input;
    source_ = std::move(source);
  }

  void add(const InputRecord& record) {
    filling_.add(record);
    if (filling_.size() >= kBatchItems || filling_.bytes() >= kBatchBytes) {
      dispatch();
    }
  }

  void finish() {
    dispatch();
    collect();
  }

  bool audit_failed() const { return audit_failed_; }
  // Nothing more can be written: stop reading.
  bool stopped() const {
    return audit_failed_ || output_.state() != ScanOutput::State::kOpen;
  }
  void set_redact(bool redact) { redact_ = redact; }
  void set_progress(Progress* progress) { progress_ = progress; }

 private:
  static constexpr std::size_t kBatchItems = 4096;
  static constexpr std::size_t kBatchBytes = 4u << 20;
  // Records a worker takes at a time: a few milliseconds of screening, so
  // the workers finish a batch together.
  static constexpr std::size_t kSliceItems = 64;

  // Screens records [begin, end) into the output of their slice.
  void screen(std::size_t begin, std::size_t end) {
    std::string& out = outputs_[begin / kSliceItems];
    std::vector<Verdict>& verdicts = working_.verdicts();
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t before = out.size();
      if (const auto& error = working_.item(i).error) {
        write_error(out, format_, *error);
      } else {
        screen_record(path_, out, working_, i, input_, verdicts[i], redact_);
        if (format_ == OutputFormat::kJsonLines) out += '\n';
      }
      record_bytes_[i] = out.size() - before;
    }
  }

  // Hands the filled batch to the workers, after writing out the one they
  // were working on.
  void dispatch() {
    if (filling_.size() == 0) return;
    collect();
    std::swap(filling_, working_);
    filling_.clear();
    working_source_ = source_;
    record_bytes_.resize(working_.size());
    const std::size_t slices = (working_.size() + kSliceItems - 1) / kSliceItems;
    if (outputs_.size() < slices) outputs_.resize(slices);
    if (pool_) {
      pool_->start(working_.size(), kSliceItems,
                   [this](std::size_t b, std::size_t e, unsigned) {
                     screen(b, e);
                   });
      in_flight_ = true;
    } else {
      for (std::size_t b = 0; b < working_.size(); b += kSliceItems) {
        screen(b, std::min(working_.size(), b + kSliceItems));
      }
      write_outputs();
    }
  }

  void collect() {
    if (!in_flight_) return;
    pool_->wait();
    in_flight_ = false;
    write_outputs();
  }

  // Each record goes to the output on its own, so that a failed write can
  // say which records reached it. A batch goes out only once the audit
  // store has committed it: no verdict goes out that the audit trail lacks
  // (the store may hold some that did not go out, when the output fails).
  void write_outputs() {
    record_audit();
    std::size_t i = 0;
    for (std::string& out : outputs_) {
      for (std::size_t at = 0; at < out.size() && !audit_failed_; ++i) {
        const std::size_t n = record_bytes_[i];
        position_.source = working_source_;
        position_.line = working_.item(i).line;
        position_.id = working_.id(i);
        output_.append_record(std::string_view(out).substr(at, n), position_);
        if (progress_ != nullptr) count_progress(i);
        at += n;
      }
      out.clear();
      output_.maybe_flush();
    }
  }

  void count_progress(std::size_t i) {
    progress_->add();
    if (working_.item(i).error) {
      progress_->add_error();
    } else {
      progress_->add_verdict(working_.verdicts()[i].decision);
    }
  }

  // Records the screened batch in the audit store on this thread, in input
  // order (the writer is single-threaded), and waits for the store to
  // commit it. After an error it records no more and the run stops with
  // exit 2.
  void record_audit() {
    if (audit_ == nullptr || audit_failed_) return;
    for (std::size_t i = 0; i < working_.size(); ++i) {
      if (working_.item(i).error) continue;
      auto recorded = audit_->record(working_.id(i), working_.item(i).line,
                                     working_.text(i), working_.verdicts()[i]);
      if (!recorded) {
        print_errors(recorded.error());
        audit_failed_ = true;
        return;
      }
    }
    if (auto synced = audit_->sync(); !synced) {
      print_errors(synced.error());
      audit_failed_ = true;
    }
  }

  service::ScreeningPath path_;
  OutputFormat format_;
  InputFormat input_ = InputFormat::kJsonLines;
  ScanOutput& output_;
  std::vector<std::string> outputs_;  // by slice of the working batch
  std::vector<std::size_t> record_bytes_;  // output bytes of each record
  std::string source_;          // the input being read
  std::string working_source_;  // the input of the batch being screened
  InputPosition position_;      // reused
  CommentBatch filling_;
  CommentBatch working_;
  std::optional<WorkerPool> pool_;
  bool in_flight_ = false;
  AuditWriter* audit_;
  bool audit_failed_ = false;
  bool redact_ = false;
  Progress* progress_ = nullptr;
};

int run_scan(ScanOptions& options) {
  OutputFormat format = OutputFormat::kJsonLines;
  if (options.format == "csv") {
    format = OutputFormat::kCsv;
  } else if (options.format == "text") {
    format = OutputFormat::kText;
  }
  auto engine = load_engine(options.rules, options.database);
  if (!engine) return kExitUsage;
  if (options.files.empty()) options.files.push_back("-");

  // A reader that goes away (`| head`) is not an error: the run stops
  // quietly, exit 0, and the audit store is closed as usual.
  ::signal(SIGPIPE, SIG_IGN);
  ScanOutput output;
  if (format == OutputFormat::kCsv) {
    output.append("id,verdict,rules,categories,excerpts\n");
  }
  const unsigned threads =
      options.threads > 0 ? options.threads
                          : std::max(1u, std::thread::hardware_concurrency());
  std::optional<AuditWriter> audit;
  if (!options.audit.empty()) {
    auto opened = AuditWriter::open(
        options.audit, *engine, {.text = *parse_audit_text(options.audit_text)});
    if (!opened) {
      print_errors(opened.error());
      return kExitUsage;
    }
    audit = std::move(*opened);
  }
  BatchScreener screener(*engine, threads, format, output,
                         audit ? &*audit : nullptr);
  screener.set_redact(options.redact);
  Progress progress("scan", options.progress);
  progress.set_total_bytes(size_of_inputs(options.files));
  if (progress.shown()) screener.set_progress(&progress);
  std::uint64_t bytes_before = 0;  // of the inputs read before this one
  std::uint64_t read = 0;
  bool input_errors = false;
  InputRecord record;
  for (const std::string& file : options.files) {
    if (screener.stopped()) break;
    std::ifstream stream;
    std::istream* in = &std::cin;
    if (file != "-") {
      stream.open(file, std::ios::binary);
      if (!stream) {
        std::fprintf(stderr, "modfilter: %s: cannot open the file\n",
                     file.c_str());
        input_errors = true;
        continue;
      }
      in = &stream;
    }
    const InputFormat input = format_for(file, options.input_format);
    CommentReader reader(*in, file == "-" ? "<stdin>" : file,
                         ReaderOptions{input, options.text_field,
                                       options.id_field, options.lang_field,
                                       options.max_text_bytes});
    screener.set_input(input, file == "-" ? "<stdin>" : file);
    while (!screener.stopped() && reader.next(record)) {
      if (record.error) {
        input_errors = true;
        std::fprintf(stderr, "modfilter: %s\n",
                     record.error->to_string().c_str());
      }
      screener.add(record);
      if (progress.shown() && ++read % kProgressEvery == 0) {
        if (const auto at = in->tellg(); at >= 0) {
          progress.update_bytes(bytes_before + static_cast<std::uint64_t>(at));
        }
      }
    }
    std::error_code ec;
    if (in != &std::cin) bytes_before += std::filesystem::file_size(file, ec);
    progress.update_bytes(bytes_before);
  }
  screener.finish();
  output.flush();
  progress.finish();
  bool failed = false;
  if (output.state() == ScanOutput::State::kFailed) {
    std::fprintf(stderr, "modfilter: %s\n", output.error().c_str());
    failed = true;
  }
  if (audit) {
    auto closed = audit->close();
    // A failure first seen by close() has not been printed yet.
    if (!closed && !screener.audit_failed()) print_errors(closed.error());
    if (!closed) {
      const AuditProgress stored = audit->committed();
      std::fprintf(stderr,
                   "modfilter: %s: the run stopped; the store holds %llu "
                   "comments of this run, up to input line %llu\n",
                   options.audit.c_str(),
                   static_cast<unsigned long long>(stored.comments),
                   static_cast<unsigned long long>(stored.last_line));
      std::fprintf(stderr, "modfilter: %s\n", output.written().c_str());
      failed = true;
    }
  }
  if (failed) return kExitUsage;
  return input_errors ? kExitUsage : kExitOk;
}

}  // namespace

Command add_scan(CLI::App& parent) {
  auto options = std::make_shared<ScanOptions>();
  CLI::App* app = parent.add_subcommand(
      "scan",
      "Screen comments from files (or stdin) and write one verdict per\n"
      "comment, in input order. JSON Lines in ({\"id\":..,\"text\":..}),\n"
      "JSON Lines out with every input field passed through. A bad line\n"
      "(or a comment over --max-text-bytes) gives an error record and the\n"
      "run goes on; exit 2 if any failed. A reader that closes the pipe\n"
      "(| head) ends the run quietly, exit 0. A failed write (disk full)\n"
      "or audit store stops the run, exit 2, naming the last input line\n"
      "the output (and the store) holds.");
  app->add_option("files", options->files,
                  "input files (JSON Lines, .csv, .txt); none or - for stdin");
  app->add_option("-r,--rules", options->rules,
                  "rule file or directory, or a compiled .mfdb (default: "
                  "the bundled rules/)");
  app->add_option("--db", options->database,
                  "compiled database from 'modfilter compile -o'; with "
                  "--rules, refused unless built from those rules");
  app->add_option("--text-field", options->text_field,
                  "field (or CSV column) holding the comment")
      ->capture_default_str();
  app->add_option("--id-field", options->id_field,
                  "field (or CSV column) holding the id")
      ->capture_default_str();
  app->add_option("--lang-field", options->lang_field,
                  "field (or CSV column) holding the comment's language "
                  "(ISO codes: ar, or ar,en); without it, or when a comment "
                  "lacks it, the engine finds the language itself");
  app->add_option("--input-format", options->input_format,
                  "jsonl, csv or text (default: from the file name, jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv", "text"}));
  app->add_option("-j,--threads", options->threads,
                  "screening threads (default: all cores); output order is "
                  "input order whatever the number");
  app->add_option("--max-text-bytes", options->max_text_bytes,
                  "a longer comment gets an error record (16 MiB; at most "
                  "256 MiB)")
      ->check(CLI::Range(std::size_t{1}, kMaxTextBytesCeiling));
  app->add_flag("--redact", options->redact,
                "add \"redacted\": the text with its profanity masked "
                "(f***); JSON Lines output");
  app->add_option("-f,--format", options->format, "output: jsonl, csv or text")
      ->check(CLI::IsMember({"jsonl", "csv", "text"}))
      ->capture_default_str();
  CLI::Option* audit = app->add_option(
      "--audit", options->audit,
      "also record every verdict in this audit store (SQLite, created when "
      "missing); see 'modfilter audit'");
  app->add_option("--audit-text", options->audit_text,
                  "what the store keeps of each comment: text, or hash (64-bit "
                  "FNV-1a, not cryptographic)")
      ->check(CLI::IsMember({"text", "hash"}))
      ->capture_default_str()
      ->needs(audit);
  add_progress_options(*app, options->progress);
  return {app, [options] {
            if (options->rules.empty() && options->database.empty()) {
              options->rules = default_rules_path();
            }
            return run_scan(*options);
          }};
}

}  // namespace modfilter::cli
