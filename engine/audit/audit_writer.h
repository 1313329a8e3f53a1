// AuditWriter: records every screened comment of a run into an audit store
// (schema.h), for the moderators' questions later: why was this rejected,
// which rules fire most, what would the new rules change.
//
//   auto audit = AuditWriter::open("audit.db", engine);
//   for (...) { engine.screen(text, verdict);
//               if (auto ok = audit->record(id, line, text, verdict); !ok) ... }
//   audit->close();
//
// record() copies the comment into an in-memory batch and returns; a
// writer thread commits each batch in one transaction, once it holds
// `batch_rows` comments or its oldest has waited `batch_interval` (so a
// quiet pipe does not keep recorded comments out of the store). Screening
// waits on the disk only when a batch is full while the previous one is
// still being written: never longer than one batch. WAL mode with
// synchronous=NORMAL: a commit survives the process being killed; a power
// cut may lose the latest commits, never consistency. A process killed
// mid-run loses the batches not yet committed, nothing else: the store
// stays consistent, the run stays unfinished, and runs.comments and
// runs.last_line say exactly which comments it holds.
//
// Not thread-safe: record() from one thread, in input order.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "engine/core/error.h"
#include "engine/engine.h"
#include "engine/policy/verdict.h"

namespace modfilter {

enum class AuditText : std::uint8_t {
  kText,  // the comment as written
  kHash,  // only its 64-bit FNV-1a hash: not cryptographic, and a short
          // comment can be found again by guessing; it keeps the text out
          // of the file, it does not anonymise it
};

std::optional<AuditText> parse_audit_text(std::string_view name) noexcept;

struct AuditOptions {
  // text (kText)            what to keep of each comment
  // batch_rows (1000)       comments per transaction
  // batch_interval (200 ms) longest a recorded comment waits uncommitted
  AuditText text = AuditText::kText;
  std::size_t batch_rows = 1000;
  std::chrono::milliseconds batch_interval{200};
};

// What the store holds of the current run: its committed comments and the
// input line of the last of them.
struct AuditProgress {
  std::uint64_t comments = 0;
  std::uint64_t last_line = 0;
};

class AuditWriter {
 public:
  // Opens (or creates) the store and starts a run with the engine's rule
  // set, whose rules are recorded so that a summary can name the rules that
  // never fired.
  static std::expected<AuditWriter, Errors> open(const std::filesystem::path& path,
                                                 const Engine& engine,
                                                 const AuditOptions& options = {});

  AuditWriter(AuditWriter&&) noexcept;
  AuditWriter& operator=(AuditWriter&&) noexcept;
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;
  // Commits what was recorded but leaves the run unfinished: only close()
  // says the run went to its end.
  ~AuditWriter();

  // Records one screened comment. `input_id` may be empty (the input had
  // none); `line` is its 1-based input line. `verdict` must come from the
  // engine given to open(). A write error (disk full, store gone
  // read-only) is returned by the next call after it, and by every call
  // from then on: nothing more is written.
  std::expected<void, Errors> record(
      std::string_view input_id, std::uint64_t line, std::string_view text,
      const Verdict& verdict,
      std::chrono::system_clock::time_point time = std::chrono::system_clock::now());

  // Commits everything recorded so far and waits for it: after success
  // the store holds every comment recorded. For a caller that must not let
  // a verdict out before the audit trail has it.
  std::expected<void, Errors> sync();

  // Commits the last batch and marks the run finished. Idempotent.
  std::expected<void, Errors> close();

  // What has been committed so far (after a failure: all the run has).
  AuditProgress committed() const;

 private:
  struct Impl;
  explicit AuditWriter(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace modfilter
