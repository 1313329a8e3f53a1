// HttpServer: ScreenService and the ModerationService it owns on HTTP/1.1,
// with Boost.Beast on Asio. A fixed number of I/O threads
// (options().io_threads) read and write every connection; a connection
// costs a buffer and a parser, not a thread, so
// thousands of idle or slow ones do not starve the callers. Batches,
// reloads and large comments run on a ScreeningPool of options().threads
// threads behind a bounded queue (503 + Retry-After when full); a small
// comment is screened on the I/O thread. Routes come from routes.h.
//
// Defences, each with its ServiceOptions field and its counter in
// HttpMetrics (GET /metrics): a cap on open connections and one per client
// address (refused at accept, logged at most once a second), a deadline
// for the headers and one for the body (however slowly bytes trickle), a
// keep-alive idle timeout, header size and count limits (431), the
// screening queue bound. Every request is counted in the service's
// metrics and logged at debug level.
#pragma once

#include <expected>
#include <memory>

#include "engine/core/error.h"
#include "service/common/service_log.h"
#include "service/http/http_metrics.h"
#include "service/http/screen_service.h"

namespace modfilter::http {

class HttpServer {
 public:
  HttpServer(ScreenService& service, service::ServiceLog& log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds options().host:port (port 0: any free port) and returns the
  // port, or why it could not.
  std::expected<int, Error> bind();
  // Starts the I/O and screening threads; returns once it accepts.
  void start();
  // Stops accepting, closes the connections that wait for a request, lets
  // the requests in flight finish (each within its deadlines) and joins.
  // A connection kept alive is closed after its current request.
  void stop();

  const HttpMetrics& metrics() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace modfilter::http
