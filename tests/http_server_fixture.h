// TestServer: a real `serve` (ScreenService + HttpServer) on 127.0.0.1,
// any free port, with the fixture rules (tests/data/http/rules) loaded
// unless asked not to; and an HTTP client for it.
#pragma once

#include <catch2/catch.hpp>
#include <httplib.h>

#include <string>

#include "service/common/service_log.h"
#include "service/http/http_server.h"
#include "service/http/screen_service.h"
#include "tests/support.h"

namespace modfilter::testing {

inline const std::string kRules = source_path("tests/data/http/rules").string();

// A http::ScreenService on 127.0.0.1, any free port, with the fixture rules
// loaded unless asked not to.
class TestServer {
 public:
  explicit TestServer(http::ServiceOptions options = {}, bool load = true)
      : service_(with_test_defaults(std::move(options)), log_),
        server_(service_, log_) {
    if (load) REQUIRE(service_.reload().has_value());
    const auto port = server_.bind();
    REQUIRE(port.has_value());
    port_ = *port;
    server_.start();
  }
  ~TestServer() { server_.stop(); }

  http::ScreenService& service() { return service_; }
  http::HttpServer& server() { return server_; }
  std::string ruleset() { return service_.rules().current()->info.id; }
  int port() const { return port_; }

  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(2);
    client.set_read_timeout(5);
    client.set_write_timeout(5);
    return client;
  }

 private:
  static http::ServiceOptions with_test_defaults(http::ServiceOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.rules_path.empty()) options.rules_path = kRules;
    if (options.threads == 0) options.threads = 8;
    return options;
  }

  service::ServiceLog log_{spdlog::level::off, false};
  http::ScreenService service_;
  http::HttpServer server_;
  int port_ = 0;
};

}  // namespace modfilter::testing
