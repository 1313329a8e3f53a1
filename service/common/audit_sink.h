// AuditSink: `serve --audit`: every comment screened by /v1/screen and
// /v1/screen/batch recorded in an audit store (engine/audit). AuditWriter
// is single-threaded and the service answers on many threads, so records
// go through a mutex; a reload starts a new run with the new rule set. A
// store that fails (disk full, read-only) is logged once and screening
// goes on: an audit problem never turns into a failed request.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "engine/audit/audit_writer.h"
#include "service/common/service_log.h"

namespace modfilter::service {

class AuditSink {
 public:
  AuditSink(std::filesystem::path path, ServiceLog& log);
  ~AuditSink();
  AuditSink(const AuditSink&) = delete;
  AuditSink& operator=(const AuditSink&) = delete;

  // Opens the store now, so that a bad path stops the service at start.
  std::expected<void, Errors> open(const Engine& engine);
  void record(const Engine& engine, std::string_view id,
              std::string_view text, const Verdict& verdict);
  // Commits what was recorded and waits for it, so that a query sees it;
  // false when the store has failed.
  bool sync();
  // Commits what was recorded and marks the run finished (SIGTERM).
  void close();
  // Comments screened but not recorded because the store failed, including
  // those recorded but not yet committed when it failed.
  std::uint64_t unrecorded() const;

 private:
  std::filesystem::path path_;
  ServiceLog& log_;
  mutable std::mutex mutex_;
  std::optional<AuditWriter> writer_;
  std::string engine_id_;
  std::uint64_t line_ = 0;  // requests are numbered as input lines
  bool failed_ = false;
  std::uint64_t offered_ = 0;           // comments given to record()
  std::uint64_t committed_before_ = 0;  // committed by earlier writers
};

}  // namespace modfilter::service
