// MetricsListener: `worker --metrics-listen HOST:PORT`, a small HTTP
// server on its own thread answering GET /metrics (Prometheus text) and
// GET /healthz, so the worker is scraped like serve.
#pragma once

#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "engine/core/error.h"

namespace httplib {
class Server;
}

namespace modfilter::worker {

class MetricsListener {
 public:
  // `render` builds the exposition text; it runs on the listener's thread.
  explicit MetricsListener(std::function<std::string()> render);
  ~MetricsListener();
  MetricsListener(const MetricsListener&) = delete;
  MetricsListener& operator=(const MetricsListener&) = delete;

  // Binds "HOST:PORT" (port 0: any free port) and starts serving; returns
  // the bound port.
  std::expected<int, Error> start(const std::string& listen);
  void stop();

 private:
  std::function<std::string()> render_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace modfilter::worker
