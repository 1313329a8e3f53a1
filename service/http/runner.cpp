#include "service/http/runner.h"

#include <signal.h>

#include <cerrno>
#include <ctime>
#include <fstream>
#include <sstream>

#include "service/http/http_server.h"
#include "service/http/screen_service.h"
#include "service/common/service_log.h"

namespace modfilter::http {
namespace {

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::expected<std::string, Error> read_secret_file(const std::string& path,
                                                   std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(Error{ErrorKind::kIo, path, 0, 0, "",
                                 "cannot read the " + std::string(what), ""});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The admin token file holds the token (surrounding blanks ignored); the
// API keys file one key per line, with blank lines and # comments.
std::expected<void, Errors> read_secrets(ServeConfig& config) {
  Errors errors;
  if (!config.admin_token_file.empty()) {
    auto text = read_secret_file(config.admin_token_file, "admin token file");
    if (!text) {
      errors.push_back(std::move(text.error()));
    } else if ((config.service.admin_token = trim(*text)).empty()) {
      errors.push_back(Error{ErrorKind::kInput, config.admin_token_file, 0, 0, "",
                             "the admin token file is empty",
                             "write a long random token in it"});
    }
  }
  if (!config.api_keys_file.empty()) {
    auto text = read_secret_file(config.api_keys_file, "API keys file");
    if (!text) {
      errors.push_back(std::move(text.error()));
    } else {
      std::istringstream lines(*text);
      for (std::string line; std::getline(lines, line);) {
        std::string key = trim(line);
        if (!key.empty() && key.front() != '#') {
          config.service.api_keys.push_back(std::move(key));
        }
      }
      if (config.service.api_keys.empty()) {
        errors.push_back(Error{ErrorKind::kInput, config.api_keys_file, 0, 0, "",
                               "the API keys file holds no key",
                               "write one key per line"});
      }
    }
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return {};
}

void log_summary(service::ServiceLog& log, const service::Metrics& metrics, std::string_view message) {
  const service::MetricsSummary s = metrics.summary();
  log.write(spdlog::level::info, message,
            {{"requests", static_cast<std::int64_t>(s.requests)},
             {"errors", static_cast<std::int64_t>(s.errors)},
             {"comments", static_cast<std::int64_t>(s.comments)},
             {"approve", static_cast<std::int64_t>(s.approve)},
             {"review", static_cast<std::int64_t>(s.review)},
             {"reject", static_cast<std::int64_t>(s.reject)}});
}

}  // namespace

std::expected<void, Errors> run_service(ServeConfig config) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A client that hangs up mid-response must not kill the process.
  ::signal(SIGPIPE, SIG_IGN);

  if (auto secrets = read_secrets(config); !secrets) return secrets;
  service::ServiceLog log(spdlog::level::from_str(config.log_level), config.log_json);
  ScreenService service(config.service, log);
  HttpServer server(service, log);
  const auto port = server.bind();
  if (!port) return std::unexpected(Errors{port.error()});
  server.start();
  log.write(spdlog::level::info, "listening",
            {{"address", config.service.host},
             {"port", static_cast<std::int64_t>(*port)},
             {"io_threads", static_cast<std::int64_t>(or_cores(config.service.io_threads))},
             {"threads", static_cast<std::int64_t>(or_cores(config.service.threads))},
             {"max_connections", static_cast<std::int64_t>(config.service.max_connections)},
             {"admin", config.service.admin_token.empty() ? "off" : "on"}});

  // Serving 503 meanwhile, so a load balancer sees the instance come up.
  if (auto loaded = service.reload(); !loaded) {
    server.stop();
    return std::unexpected(std::move(loaded.error()));
  }
  if (auto audit = service.open_audit(); !audit) {
    server.stop();
    return std::unexpected(std::move(audit.error()));
  }

  const long interval = static_cast<long>(config.summary_interval.count());
  for (;;) {
    siginfo_t info;
    int received = 0;
    if (interval > 0) {
      const timespec timeout{interval, 0};
      received = sigtimedwait(&signals, &info, &timeout);
    } else {
      received = sigwaitinfo(&signals, &info);
    }
    if (received < 0) {
      if (errno == EAGAIN) log_summary(log, service.metrics(), "summary");
      continue;  // EAGAIN: the interval passed; EINTR: try again
    }
    if (received == SIGHUP) {
      log.write(spdlog::level::info, "SIGHUP: reloading the rules");
      (void)service.reload();  // logged and counted either way
      continue;
    }
    log.write(spdlog::level::info, "stopping: finishing the requests in flight",
              {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"}});
    break;
  }
  service.set_draining();
  server.stop();
  service.close_audit();
  log_summary(log, service.metrics(), "stopped");
  log.flush();
  return {};
}

}  // namespace modfilter::http
