#include "service/worker/metrics_listener.h"

#include <httplib.h>

#include <chrono>

#include "service/common/listen_address.h"

namespace modfilter::worker {

MetricsListener::MetricsListener(std::function<std::string()> render)
    : render_(std::move(render)), server_(std::make_unique<httplib::Server>()) {
  server_->Get("/metrics", [this](const httplib::Request&,
                                  httplib::Response& res) {
    res.set_content(render_(), "text/plain; version=0.0.4; charset=utf-8");
  });
  server_->Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  server_->new_task_queue = [] { return new httplib::ThreadPool(2); };
}

MetricsListener::~MetricsListener() { stop(); }

std::expected<int, Error> MetricsListener::start(const std::string& listen) {
  std::string host;
  int port = 0;
  if (!service::parse_listen(listen, host, port)) {
    return std::unexpected(Error{ErrorKind::kInput, "", 0, 0, "",
                                 "--metrics-listen " + listen +
                                     ": expected HOST:PORT",
                                 "e.g. 127.0.0.1:9100"});
  }
  if (port == 0) {
    port = server_->bind_to_any_port(host);
  } else if (!server_->bind_to_port(host, port)) {
    port = -1;
  }
  if (port < 0) {
    return std::unexpected(Error{ErrorKind::kIo, "", 0, 0, "",
                                 "cannot listen on " + listen,
                                 "pick a free port or stop what holds it"});
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // stop() before the accept loop runs would be lost (httplib ignores it).
  while (!server_->is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return port;
}

void MetricsListener::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

}  // namespace modfilter::worker
