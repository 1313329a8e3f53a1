#include "engine/audit/audit_writer.h"

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/audit/schema.h"
#include "engine/audit/sqlite.h"
#include "engine/audit/time_ms.h"
#include "engine/core/assert.h"

namespace modfilter {
namespace {

// A recorded comment, owning its bytes: the caller's buffers and the
// engine's strings may be gone by the time the writer thread gets to it.
struct PendingReason {
  std::string rule;
  std::string category;
  Decision action = Decision::kReject;
  std::vector<ByteSpan> spans;
  ByteSpan excerpt;
};

struct PendingComment {
  std::string input_id;  // empty: none
  std::int64_t line = 0;
  std::optional<std::string> text;  // none in hash mode
  std::string text_hash;
  Decision verdict = Decision::kApprove;
  std::int64_t time = 0;
  std::vector<PendingReason> reasons;
};

// `[[begin,end],...]` into `out` (replacing what it held).
void write_spans_json(std::string& out, const std::vector<ByteSpan>& spans) {
  out = "[";
  for (const ByteSpan& s : spans) {
    if (out.size() > 1) out += ',';
    out += '[' + std::to_string(s.begin) + ',' + std::to_string(s.end) + ']';
  }
  out += ']';
}

}  // namespace

std::optional<AuditText> parse_audit_text(std::string_view name) noexcept {
  if (name == "text") return AuditText::kText;
  if (name == "hash") return AuditText::kHash;
  return std::nullopt;
}

struct AuditWriter::Impl {
  // Used by the writer thread only (and by close() once it has stopped).
  // The connection is declared first: its statements are finalised before.
  SqliteDb db;
  SqliteStmt insert_comment;
  SqliteStmt insert_reason;
  SqliteStmt count_batch;
  std::string spans;  // reused buffer
  AuditOptions options;
  std::string ruleset;
  std::int64_t run = 0;

  // Shared between record() and the writer thread, under `mutex`.
  mutable std::mutex mutex;
  std::condition_variable wake;
  std::vector<PendingComment> filling;  // being recorded
  std::vector<PendingComment> writing;  // handed to the writer
  bool has_batch = false;               // `writing` holds a batch to write
  std::chrono::steady_clock::time_point oldest;  // first comment in `filling`
  bool stopping = false;
  bool closed = false;
  std::optional<Errors> failed;
  AuditProgress progress;  // committed so far

  // Last: joined before anything above is destroyed.
  std::jthread writer;

  std::expected<void, Errors> insert(const PendingComment& c) {
    insert_comment.reset();
    insert_comment.bind(1, run);
    if (c.input_id.empty()) {
      insert_comment.bind_null(2);
    } else {
      insert_comment.bind(2, c.input_id);
    }
    insert_comment.bind(3, c.line);
    if (c.text) {
      insert_comment.bind(4, *c.text);
    } else {
      insert_comment.bind_null(4);
    }
    insert_comment.bind(5, c.text_hash)
        .bind(6, std::string_view(to_string(c.verdict)))
        .bind(7, c.time)
        .bind(8, static_cast<std::int64_t>(c.reasons.size()));
    if (auto ok = insert_comment.run(); !ok) return ok;
    const std::int64_t comment = db.last_insert_rowid();
    std::int64_t ord = 0;
    for (const PendingReason& r : c.reasons) {
      write_spans_json(spans, r.spans);
      insert_reason.reset();
      insert_reason.bind(1, comment)
          .bind(2, ord++)
          .bind(3, r.rule)
          .bind(4, r.category)
          .bind(5, std::string_view(to_string(r.action)))
          .bind(6, spans)
          .bind(7, static_cast<std::int64_t>(r.excerpt.begin))
          .bind(8, static_cast<std::int64_t>(r.excerpt.end));
      if (auto ok = insert_reason.run(); !ok) return ok;
    }
    return {};
  }

  // One transaction: the comments, their reasons, and the run's count
  // that includes them, so the store always says how many it holds.
  std::expected<void, Errors> write(const std::vector<PendingComment>& batch) {
    MODFILTER_ASSERT(!batch.empty());
    if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) return ok;
    auto result = [&]() -> std::expected<void, Errors> {
      for (const PendingComment& c : batch) {
        if (auto ok = insert(c); !ok) return ok;
      }
      count_batch.reset();
      count_batch.bind(1, static_cast<std::int64_t>(batch.size()))
          .bind(2, batch.back().line)
          .bind(3, run);
      if (auto ok = count_batch.run(); !ok) return ok;
      return db.exec("COMMIT");
    }();
    if (!result) (void)db.exec("ROLLBACK");
    return result;
  }

  // The writer thread: writes each handed-off batch, and takes the filling
  // one itself once its oldest comment has waited batch_interval (or when
  // asked to stop).
  void write_batches() {
    std::unique_lock lock(mutex);
    for (;;) {
      wake.wait(lock, [&] { return has_batch || stopping || !filling.empty(); });
      if (!has_batch && !filling.empty() && !stopping) {
        wake.wait_until(lock, oldest + options.batch_interval,
                        [&] { return has_batch || stopping; });
      }
      if (!has_batch && !filling.empty() &&
          (stopping ||
           std::chrono::steady_clock::now() >= oldest + options.batch_interval)) {
        std::swap(filling, writing);
        has_batch = true;
      }
      if (has_batch) {
        if (!failed) {
          lock.unlock();
          auto ok = write(writing);
          lock.lock();
          if (!ok) {
            failed = std::move(ok.error());
          } else {
            progress.comments += writing.size();
            progress.last_line = static_cast<std::uint64_t>(writing.back().line);
          }
        }
        writing.clear();
        has_batch = false;
        wake.notify_all();  // record() may wait for this batch
        continue;
      }
      if (stopping) return;
    }
  }

  // Hands the filling batch to the writer; the caller holds `mutex` and
  // has seen !has_batch. While it waited for that, the writer may have
  // taken the filling batch itself (its oldest comment had waited long
  // enough): then there is nothing to hand off, and an empty batch must
  // never reach write().
  void hand_off() {
    if (filling.empty()) return;
    std::swap(filling, writing);
    has_batch = true;
    wake.notify_all();
  }

  // Stops the writer after it has written what was recorded.
  void stop() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wake.notify_all();
    if (writer.joinable()) writer.join();
  }
};

std::expected<AuditWriter, Errors> AuditWriter::open(
    const std::filesystem::path& path, const Engine& engine,
    const AuditOptions& options) {
  MODFILTER_ASSERT(options.batch_rows > 0);
  auto db = open_store(path, StoreAccess::kCreate);
  if (!db) return std::unexpected(std::move(db.error()));
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(*db);
  impl->options = options;
  impl->ruleset = engine.id();
  SqliteDb& d = impl->db;

  auto add_rule = d.prepare(
      "INSERT OR IGNORE INTO rules (ruleset, rule, category, subcategory, "
      "action, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  auto add_run = d.prepare(
      "INSERT INTO runs (ruleset, text_mode, started) VALUES (?1, ?2, ?3)");
  auto insert_comment = d.prepare(
      "INSERT INTO comments (run, input_id, line, text, text_hash, verdict, "
      "time, reasons) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  auto insert_reason = d.prepare(
      "INSERT INTO reasons (comment, ord, rule, category, action, spans, "
      "excerpt_begin, excerpt_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  auto count_batch = d.prepare(
      "UPDATE runs SET comments = comments + ?1, last_line = ?2 WHERE id = ?3");
  for (auto* stmt : {&add_rule, &add_run, &insert_comment, &insert_reason,
                     &count_batch}) {
    if (!*stmt) return std::unexpected(std::move(stmt->error()));
  }

  // The rules are kept per rule set, so that a summary can name the rules
  // that never fired; the run starts in the same transaction.
  if (auto ok = d.exec("BEGIN IMMEDIATE"); !ok) return std::unexpected(ok.error());
  auto started = [&]() -> std::expected<void, Errors> {
    for (const Rule& rule : engine.rule_set().rules) {
      add_rule->reset();
      add_rule->bind(1, impl->ruleset)
          .bind(2, rule.id)
          .bind(3, std::string_view(to_string(rule.category)))
          .bind(4, rule.subcategory)
          .bind(5, std::string_view(to_string(rule.action)))
          .bind(6, rule.reason);
      if (auto ok = add_rule->run(); !ok) return ok;
    }
    add_run->bind(1, impl->ruleset)
        .bind(2, std::string_view(options.text == AuditText::kText ? "text" : "hash"))
        .bind(3, to_unix_ms(std::chrono::system_clock::now()));
    if (auto ok = add_run->run(); !ok) return ok;
    impl->run = d.last_insert_rowid();
    return d.exec("COMMIT");
  }();
  if (!started) {
    (void)d.exec("ROLLBACK");
    return std::unexpected(std::move(started.error()));
  }

  impl->insert_comment = std::move(*insert_comment);
  impl->insert_reason = std::move(*insert_reason);
  impl->count_batch = std::move(*count_batch);
  impl->filling.reserve(options.batch_rows);
  impl->writing.reserve(options.batch_rows);
  Impl* raw = impl.get();
  impl->writer = std::jthread([raw] { raw->write_batches(); });
  return AuditWriter(std::move(impl));
}

AuditWriter::AuditWriter(std::unique_ptr<Impl> impl) noexcept
    : impl_(std::move(impl)) {}
AuditWriter::AuditWriter(AuditWriter&&) noexcept = default;
AuditWriter& AuditWriter::operator=(AuditWriter&&) noexcept = default;

AuditWriter::~AuditWriter() {
  if (impl_) impl_->stop();
}

std::expected<void, Errors> AuditWriter::record(
    std::string_view input_id, std::uint64_t line, std::string_view text,
    const Verdict& verdict, std::chrono::system_clock::time_point time) {
  Impl& w = *impl_;
  MODFILTER_ASSERT(verdict.ruleset == w.ruleset);
  std::unique_lock lock(w.mutex);
  MODFILTER_ASSERT(!w.closed);
  if (w.failed) return std::unexpected(*w.failed);

  PendingComment& c = w.filling.emplace_back();
  c.input_id = input_id;
  c.line = static_cast<std::int64_t>(line);
  if (w.options.text == AuditText::kText) c.text = std::string(text);
  c.text_hash = text_hash(text);
  c.verdict = verdict.decision;
  c.time = to_unix_ms(time);
  c.reasons.reserve(verdict.reasons.size());
  for (const Reason& r : verdict.reasons) {
    c.reasons.push_back({std::string(r.rule), std::string(r.category), r.action,
                         r.spans, r.excerpt});
  }
  if (w.filling.size() == 1) {
    w.oldest = std::chrono::steady_clock::now();
    w.wake.notify_all();  // starts the writer's clock
  }
  if (w.filling.size() >= w.options.batch_rows) {
    // The one wait on the disk: the previous batch is still being written.
    w.wake.wait(lock, [&] { return !w.has_batch; });
    if (w.failed) return std::unexpected(*w.failed);
    w.hand_off();
  }
  return {};
}

std::expected<void, Errors> AuditWriter::sync() {
  Impl& w = *impl_;
  std::unique_lock lock(w.mutex);
  MODFILTER_ASSERT(!w.closed);
  const auto idle = [&] { return !w.has_batch; };
  w.wake.wait(lock, idle);
  if (!w.failed) w.hand_off();
  w.wake.wait(lock, idle);
  if (w.failed) return std::unexpected(*w.failed);
  return {};
}

std::expected<void, Errors> AuditWriter::close() {
  Impl& w = *impl_;
  {
    std::lock_guard lock(w.mutex);
    if (w.closed) return {};
    w.closed = true;
  }
  w.stop();
  if (w.failed) return std::unexpected(*w.failed);
  auto finish = w.db.prepare("UPDATE runs SET finished = ?1 WHERE id = ?2");
  if (!finish) return std::unexpected(std::move(finish.error()));
  finish->bind(1, to_unix_ms(std::chrono::system_clock::now())).bind(2, w.run);
  return finish->run();
}

AuditProgress AuditWriter::committed() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->progress;
}

}  // namespace modfilter
