#include "service/common/audit_sink.h"

namespace modfilter::service {

AuditSink::AuditSink(std::filesystem::path path, ServiceLog& log)
    : path_(std::move(path)), log_(log) {}

AuditSink::~AuditSink() { close(); }

std::expected<void, Errors> AuditSink::open(const Engine& engine) {
  std::lock_guard lock(mutex_);
  auto writer = AuditWriter::open(path_, engine);
  if (!writer) return std::unexpected(std::move(writer.error()));
  writer_ = std::move(*writer);
  engine_id_ = engine.id();
  return {};
}

void AuditSink::record(const Engine& engine, std::string_view id,
                       std::string_view text, const Verdict& verdict) {
  std::lock_guard lock(mutex_);
  ++offered_;
  if (failed_) return;
  if (!writer_ || engine.id() != engine_id_) {
    // The rules were reloaded: one run per rule set.
    if (writer_) {
      static_cast<void>(writer_->close());
      committed_before_ += writer_->committed().comments;
    }
    auto writer = AuditWriter::open(path_, engine);
    if (!writer) {
      failed_ = true;
      log_.write(spdlog::level::err, "audit store failed; not recording",
                 {{"error", writer.error().front().to_string()}});
      return;
    }
    writer_ = std::move(*writer);
    engine_id_ = engine.id();
  }
  if (auto recorded = writer_->record(id, ++line_, text, verdict); !recorded) {
    failed_ = true;
    log_.write(spdlog::level::err, "audit store failed; not recording",
               {{"error", recorded.error().front().to_string()}});
  }
}

bool AuditSink::sync() {
  std::lock_guard lock(mutex_);
  if (failed_ || !writer_) return false;
  if (auto synced = writer_->sync(); !synced) {
    failed_ = true;
    log_.write(spdlog::level::err, "audit store failed; not recording",
               {{"error", synced.error().front().to_string()}});
    return false;
  }
  return true;
}

void AuditSink::close() {
  std::lock_guard lock(mutex_);
  if (!writer_) return;
  if (auto closed = writer_->close(); !closed) {
    log_.write(spdlog::level::err, "cannot close the audit store",
               {{"error", closed.error().front().to_string()}});
  }
  committed_before_ += writer_->committed().comments;
  writer_.reset();
}

std::uint64_t AuditSink::unrecorded() const {
  std::lock_guard lock(mutex_);
  if (!failed_) return 0;  // what waits for its batch is not lost
  const std::uint64_t committed =
      committed_before_ + (writer_ ? writer_->committed().comments : 0);
  return offered_ - committed;
}

}  // namespace modfilter::service
