// HttpServer: ScreenService on HTTP/1.1, with cpp-httplib. Reads bodies
// within the configured limit, hands handlers a plain Request, writes their
// Response, counts every request in the service's metrics and logs one line
// per request at debug level. Owns the thread that accepts connections.
#pragma once

#include <expected>
#include <memory>
#include <thread>

#include "engine/core/error.h"
#include "service/http/moderation_service.h"
#include "service/http/screen_service.h"
#include "service/common/service_log.h"
#include "service/http/service_options.h"

namespace httplib {
class Server;
}

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
  // Starts accepting on a thread of its own; returns once it accepts.
  void start();
  // Stops accepting, lets the requests in flight finish, and joins. A
  // connection kept alive is closed after its current request.
  void stop();

 private:
  void add_routes();

  ScreenService& service_;
  ModerationService moderation_;
  service::ServiceLog& log_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace modfilter::http
