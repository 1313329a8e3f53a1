#include "service/http/http_server.h"

#include <sys/resource.h>

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "service/http/http_connection.h"
#include "service/http/screening_pool.h"

namespace modfilter::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Descriptors kept for what is not a client connection: the listening
// socket, the log, the audit store, rule files being read.
constexpr std::size_t kSpareDescriptors = 64;

// The open-file limit raised as far as `wanted` allows; returns the soft
// limit now in force.
std::size_t raise_open_file_limit(std::size_t wanted) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
  if (limit.rlim_cur < wanted) {
    rlimit raised = limit;
    raised.rlim_cur = std::min<rlim_t>(wanted, limit.rlim_max);
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return static_cast<std::size_t>(limit.rlim_cur);
}

}  // namespace

struct HttpServer::Impl {
  Impl(ScreenService& service, service::ServiceLog& log)
      : service(service),
        log(log),
        options(service.options()),
        max_connections(options.max_connections),
        pool(std::make_unique<ScreeningPool>(or_cores(options.threads),
                                             options.max_queue)),
        moderation(service),
        context{service, moderation, log, metrics, *pool, {},
                [this](const std::string& address) { release(address); }},
        ioc(static_cast<int>(or_cores(options.io_threads))),
        acceptor(asio::make_strand(ioc)),
        retry_timer(acceptor.get_executor()) {}

  std::optional<Refusal> admit(const std::string& address) {
    std::lock_guard lock(admission_mutex);
    if (open_connections >= max_connections) return Refusal::kMaxConnections;
    std::size_t& from_address = per_address[address];
    if (from_address >= options.max_connections_per_address) {
      if (from_address == 0) per_address.erase(address);
      return Refusal::kPerAddress;
    }
    ++from_address;
    ++open_connections;
    return std::nullopt;
  }

  void release(const std::string& address) {
    std::lock_guard lock(admission_mutex);
    --open_connections;
    const auto it = per_address.find(address);
    if (it != per_address.end() && --it->second == 0) per_address.erase(it);
  }

  // A log line at most once a second, however many are refused.
  void log_refusal(Refusal why, const std::string& address) {
    const auto now = Clock::now();
    std::lock_guard lock(log_mutex);
    if (now < next_refusal_log) return;
    next_refusal_log = now + std::chrono::seconds(1);
    log.write(spdlog::level::warn, "refusing connections",
              {{"reason", why == Refusal::kMaxConnections
                              ? "max-connections"
                              : "max-connections-per-address"},
               {"address", address},
               {"open", static_cast<std::int64_t>(metrics.open())},
               {"refused_max_connections",
                static_cast<std::int64_t>(metrics.refusals(Refusal::kMaxConnections))},
               {"refused_per_address",
                static_cast<std::int64_t>(metrics.refusals(Refusal::kPerAddress))}});
  }

  void accept() {
    acceptor.async_accept(
        asio::make_strand(ioc),
        [this](boost::system::error_code ec, tcp::socket socket) {
          on_accept(ec, std::move(socket));
        });
  }

  void on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (!acceptor.is_open()) return;
    if (ec) {
      // Out of descriptors (or memory): wait a moment rather than spin.
      log.write(spdlog::level::warn, "cannot accept a connection; retrying",
                {{"error", ec.message()}});
      retry_timer.expires_after(std::chrono::milliseconds(100));
      retry_timer.async_wait([this](boost::system::error_code wait_ec) {
        if (!wait_ec && acceptor.is_open()) accept();
      });
      return;
    }
    boost::system::error_code endpoint_ec;
    const tcp::endpoint remote = socket.remote_endpoint(endpoint_ec);
    if (!endpoint_ec) {
      std::string address = remote.address().to_string();
      if (const auto refusal = admit(address)) {
        metrics.refused(*refusal);
        log_refusal(*refusal, address);
        socket.close(endpoint_ec);
      } else {
        socket.set_option(tcp::no_delay(true), endpoint_ec);
        auto connection = std::make_shared<Connection>(std::move(socket),
                                                       std::move(address), context);
        keep(connection);
        asio::post(connection->executor(), [connection] { connection->start(); });
      }
    }
    accept();
  }

  // Remembered for stop(); forgotten once closed.
  void keep(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(connections_mutex);
    if (connections.size() >= 2 * metrics.open() + 64) {
      std::erase_if(connections, [](const auto& c) { return c.expired(); });
    }
    connections.push_back(connection);
  }

  void drain_connections() {
    std::vector<std::shared_ptr<Connection>> live;
    {
      std::lock_guard lock(connections_mutex);
      for (const auto& weak : connections) {
        if (auto c = weak.lock()) live.push_back(std::move(c));
      }
    }
    for (auto& c : live) {
      asio::post(c->executor(), [c] { c->drain(); });
    }
  }

  ScreenService& service;
  service::ServiceLog& log;
  const ServiceOptions& options;
  HttpMetrics metrics;
  std::size_t max_connections;
  std::mutex admission_mutex;
  std::size_t open_connections = 0;
  std::unordered_map<std::string, std::size_t> per_address;
  std::mutex log_mutex;
  Clock::time_point next_refusal_log{};
  std::unique_ptr<ScreeningPool> pool;
  ModerationService moderation;
  // Declared before the io_context: connections freed with its handlers
  // release themselves here.
  ConnectionContext context;
  std::mutex connections_mutex;
  std::vector<std::weak_ptr<Connection>> connections;
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  tcp::acceptor acceptor;
  asio::steady_timer retry_timer;
  std::vector<std::thread> threads;
};

HttpServer::HttpServer(ScreenService& service, service::ServiceLog& log)
    : impl_(std::make_unique<Impl>(service, log)) {
  service.set_extra_metrics(
      [metrics = &impl_->metrics](std::string& out) { metrics->render(out); });
}

HttpServer::~HttpServer() {
  stop();
  impl_->service.set_extra_metrics({});
}

const HttpMetrics& HttpServer::metrics() const noexcept { return impl_->metrics; }

std::expected<int, Error> HttpServer::bind() {
  const ServiceOptions& options = impl_->options;
  const auto failed = [&](const std::string& why) {
    return std::unexpected(Error{
        ErrorKind::kIo, "", 0, 0, "",
        "cannot listen on " + options.host + ":" + std::to_string(options.port) +
            ": " + why,
        "is the port in use, or the address not one of this machine's?"});
  };
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  const auto endpoints = resolver.resolve(options.host, std::to_string(options.port),
                                          tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) return failed(ec ? ec.message() : "no address");
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  tcp::acceptor& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return failed(ec.message());

  const std::size_t files =
      raise_open_file_limit(options.max_connections + kSpareDescriptors);
  if (files < options.max_connections + kSpareDescriptors) {
    impl_->max_connections =
        files > 2 * kSpareDescriptors ? files - kSpareDescriptors : kSpareDescriptors;
    impl_->log.write(spdlog::level::warn,
                     "--max-connections lowered to fit the open-file limit",
                     {{"max_connections", static_cast<std::int64_t>(impl_->max_connections)},
                      {"open_file_limit", static_cast<std::int64_t>(files)}});
  }
  return acceptor.local_endpoint().port();
}

void HttpServer::start() {
  if (!impl_->threads.empty()) return;
  impl_->work.emplace(impl_->ioc.get_executor());
  asio::post(impl_->acceptor.get_executor(), [impl = impl_.get()] { impl->accept(); });
  const std::size_t threads = or_cores(impl_->options.io_threads);
  for (std::size_t i = 0; i < threads; ++i) {
    impl_->threads.emplace_back([impl = impl_.get()] { impl->ioc.run(); });
  }
}

void HttpServer::stop() {
  Impl& impl = *impl_;
  if (impl.threads.empty()) return;
  impl.context.draining = true;
  asio::post(impl.acceptor.get_executor(), [&impl] {
    boost::system::error_code ignored;
    impl.acceptor.close(ignored);
    impl.retry_timer.cancel();
  });
  // Each request in flight ends within its deadlines.
  const auto give_up = Clock::now() + impl.options.body_timeout +
                       impl.options.write_timeout + std::chrono::seconds(1);
  auto next_drain = Clock::now();
  while (impl.metrics.open() > 0 && Clock::now() < give_up) {
    // Again now and then: a connection may have gone back to waiting for
    // a request after the last round.
    if (Clock::now() >= next_drain) {
      impl.drain_connections();
      next_drain = Clock::now() + std::chrono::milliseconds(100);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  impl.work.reset();
  impl.ioc.stop();
  for (std::thread& thread : impl.threads) thread.join();
  impl.threads.clear();
}

}  // namespace modfilter::http
