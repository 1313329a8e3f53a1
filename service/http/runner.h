// run_service: `modfilter serve` from start to exit. Listens, loads the
// rules (answering 503 meanwhile), then waits for signals on this thread
// with sigtimedwait — no work in a signal handler:
//   SIGHUP           reload the rules (a rule set with errors is refused,
//                    logged and counted; the one in use keeps serving)
//   SIGTERM, SIGINT  stop accepting, finish the requests in flight, return
// and logs a summary at info level every summary_interval.
#pragma once

#include <chrono>
#include <expected>
#include <string>

#include "engine/core/error.h"
#include "service/http/service_options.h"

namespace modfilter::http {

struct ServeConfig {
  ServiceOptions service;
  std::string admin_token_file;  // empty: admin endpoints off
  std::string api_keys_file;     // empty: any Perspective key accepted
  std::string log_level = "info";  // debug logs one line per request
  bool log_json = false;
  std::chrono::seconds summary_interval{60};  // 0: no periodic summary
};

// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread before creating
// any thread, so that every thread inherits the mask and only sigtimedwait
// receives them. Returns when a SIGTERM or SIGINT has been handled; errors
// are a port that cannot be bound, unreadable secret files, or a first
// rule set with errors.
std::expected<void, Errors> run_service(ServeConfig config);

}  // namespace modfilter::http
