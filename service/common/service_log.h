// ServiceLog: the service's log lines, through spdlog on stderr (journald
// and container runtimes collect it there). Each line is a message plus
// key=value fields; with JSON output on, each line is one JSON object
// {"time", "level", "msg", fields...} for log pipelines that parse JSON.
#pragma once

#include <spdlog/logger.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <variant>

namespace modfilter::service {

struct LogField {
  std::string_view key;
  std::variant<std::string_view, std::int64_t, double> value;
};

class ServiceLog {
 public:
  // Logs to stderr from `level` up (spdlog::level::off for none).
  ServiceLog(spdlog::level::level_enum level, bool json);
  ServiceLog(const ServiceLog&) = delete;
  ServiceLog& operator=(const ServiceLog&) = delete;

  bool enabled(spdlog::level::level_enum level) const noexcept {
    return logger_->should_log(level);
  }
  void write(spdlog::level::level_enum level, std::string_view message,
             std::initializer_list<LogField> fields = {});
  void flush() { logger_->flush(); }

 private:
  std::shared_ptr<spdlog::logger> logger_;
  bool json_;
};

}  // namespace modfilter::service
