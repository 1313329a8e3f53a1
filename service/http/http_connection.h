// Connection: one client connection of HttpServer, driven by Asio on its
// own strand: it costs a buffer and a parser while it waits, never a
// thread. Requests are read under deadlines (idle between requests,
// headers, body), each of which holds however slowly the bytes trickle
// in; handlers that screen run on the ScreeningPool and the answer is
// written back on the connection's strand. Internal to service/http.
#pragma once

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/common/service_log.h"
#include "service/http/http_metrics.h"
#include "service/http/moderation_service.h"
#include "service/http/routes.h"
#include "service/http/screen_service.h"
#include "service/http/screening_pool.h"

namespace modfilter::http {

// What every connection of one server shares.
struct ConnectionContext {
  ScreenService& service;
  const ModerationService& moderation;
  service::ServiceLog& log;
  HttpMetrics& metrics;
  ScreeningPool& pool;
  // Set by HttpServer::stop(): answers say Connection: close.
  std::atomic<bool> draining{false};
  // Called once per connection when it closes, with its client address.
  std::move_only_function<void(const std::string&)> release;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, std::string address,
             ConnectionContext& context);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Reads the first request; the header deadline starts now.
  void start();
  // On the connection's strand (HttpServer::stop): a connection that waits
  // for or reads request headers is closed; one further along finishes
  // its request and closes after the answer.
  void drain();
  boost::asio::any_io_executor executor() { return stream_.get_executor(); }

 private:
  using Clock = std::chrono::steady_clock;
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;
  enum class State { kIdle, kHeader, kBody, kHandling, kWriting, kClosed };

  void wait_for_request();
  void read_header();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_body(boost::beast::error_code ec);
  void handle();
  // Answers `response` for `endpoint`; `close` ends the connection after.
  void respond(Response response, service::Endpoint endpoint, bool close,
               std::string allow = {});
  void on_written(boost::beast::error_code ec, bool keep_alive);
  // An error while reading: a deadline, the client gone, a bad request.
  void on_read_error(boost::beast::error_code ec, Deadline deadline);
  // After the last answer: drops what the client still sends, then closes.
  void linger();
  void close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<Parser> parser_;
  boost::beast::http::response<boost::beast::http::string_body> response_;
  std::string address_;
  // The query string decoded, for the request being served.
  std::vector<std::pair<std::string, std::string>> query_;
  std::vector<QueryParam> query_views_;
  std::string api_key_;  // ?key=, else the X-Goog-Api-Key header
  ConnectionContext& context_;
  State state_ = State::kHeader;
  Clock::time_point started_{};  // of the request being served
  std::size_t served_ = 0;
};

}  // namespace modfilter::http
