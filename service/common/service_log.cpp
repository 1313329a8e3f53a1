#include "service/common/service_log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <charconv>
#include <string>

#include "engine/io/json_writer.h"

namespace modfilter::service {
namespace {

void append_value(std::string& out, const LogField& field, bool json) {
  if (const auto* text = std::get_if<std::string_view>(&field.value)) {
    const bool quote =
        json || text->empty() ||
        text->find_first_of(" \"=\\\t\n") != std::string_view::npos;
    if (quote) {
      append_json_string(out, *text);
    } else {
      out += *text;
    }
    return;
  }
  char buf[32];
  std::to_chars_result result;
  if (const auto* number = std::get_if<std::int64_t>(&field.value)) {
    result = std::to_chars(buf, buf + sizeof buf, *number);
  } else {
    result = std::to_chars(buf, buf + sizeof buf, std::get<double>(field.value));
  }
  out.append(buf, result.ptr);
}

}  // namespace

ServiceLog::ServiceLog(spdlog::level::level_enum level, bool json)
    : logger_(std::make_shared<spdlog::logger>(
          "modfilter-serve", std::make_shared<spdlog::sinks::stderr_sink_mt>())),
      json_(json) {
  logger_->set_level(level);
  // The JSON pattern closes the object the message's members open.
  logger_->set_pattern(json ? R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%v})"
                            : "%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  logger_->flush_on(spdlog::level::info);
}

void ServiceLog::write(spdlog::level::level_enum level, std::string_view message,
                       std::initializer_list<LogField> fields) {
  if (!enabled(level)) return;
  std::string line;
  if (json_) {
    line += "\"msg\":";
    append_json_string(line, message);
    for (const LogField& field : fields) {
      line += ',';
      append_json_string(line, field.key);
      line += ':';
      append_value(line, field, true);
    }
  } else {
    line += message;
    for (const LogField& field : fields) {
      line += ' ';
      line += field.key;
      line += '=';
      append_value(line, field, false);
    }
  }
  logger_->log(level, "{}", line);
}

}  // namespace modfilter::service
