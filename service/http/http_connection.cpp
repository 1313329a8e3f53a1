#include "service/http/http_connection.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <iterator>

namespace modfilter::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "a+b%21" -> "a b!".
std::string percent_decoded(std::string_view raw) {
  std::string value;
  value.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '+') {
      value += ' ';
    } else if (raw[i] == '%' && i + 2 < raw.size() &&
               hex_value(raw[i + 1]) >= 0 && hex_value(raw[i + 2]) >= 0) {
      value += static_cast<char>(hex_value(raw[i + 1]) * 16 + hex_value(raw[i + 2]));
      i += 2;
    } else {
      value += raw[i];
    }
  }
  return value;
}

// Every name=value pair of a query string, decoded, in order.
void decode_query(std::string_view query,
                  std::vector<std::pair<std::string, std::string>>& out) {
  out.clear();
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    out.emplace_back(percent_decoded(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string()
                                                  : percent_decoded(pair.substr(eq + 1)));
  }
}

std::string_view view(beast::string_view s) { return {s.data(), s.size()}; }

}  // namespace

Connection::Connection(boost::asio::ip::tcp::socket socket, std::string address,
                       ConnectionContext& context)
    : stream_(std::move(socket)), address_(std::move(address)), context_(context) {
  context_.metrics.connection_opened();
}

Connection::~Connection() {
  context_.metrics.connection_closed();
  context_.release(address_);
}

void Connection::start() { read_header(); }

void Connection::drain() {
  if (state_ == State::kIdle || state_ == State::kHeader) close();
}

void Connection::wait_for_request() {
  if (buffer_.size() > 0) {  // the next request came with the last one
    read_header();
    return;
  }
  state_ = State::kIdle;
  stream_.expires_after(context_.service.options().keep_alive_timeout);
  stream_.async_read_some(
      buffer_.prepare(512),
      [self = shared_from_this()](beast::error_code ec, std::size_t n) {
        if (ec) return self->on_read_error(ec, Deadline::kIdle);
        self->buffer_.commit(n);
        self->read_header();
      });
}

void Connection::read_header() {
  const ServiceOptions& options = context_.service.options();
  state_ = State::kHeader;
  started_ = Clock::now();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.max_header_bytes, UINT32_MAX)));
  parser_->body_limit(options.max_body_bytes);
  // One deadline for the whole header, however slowly it arrives.
  stream_.expires_after(options.header_timeout);
  bhttp::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) {
        self->on_header(ec);
      });
}

void Connection::on_header(beast::error_code ec) {
  if (ec == bhttp::error::header_limit) {
    context_.metrics.header_refused(HeaderLimit::kBytes);
    return respond(context_.service.error_response(
                       service::Endpoint::kOther, 431,
                       "the request headers are over the limit of " +
                           std::to_string(context_.service.options().max_header_bytes) +
                           " bytes"),
                   service::Endpoint::kOther, true);
  }
  if (ec && ec != bhttp::error::body_limit) {
    return on_read_error(ec, Deadline::kHeader);
  }
  const auto& request = parser_->get();
  const std::size_t fields = static_cast<std::size_t>(
      std::distance(request.begin(), request.end()));
  if (fields > context_.service.options().max_header_count) {
    context_.metrics.header_refused(HeaderLimit::kCount);
    return respond(context_.service.error_response(
                       service::Endpoint::kOther, 431,
                       "the request has " + std::to_string(fields) +
                           " header lines, over the limit of " +
                           std::to_string(context_.service.options().max_header_count)),
                   service::Endpoint::kOther, true);
  }
  if (ec) return on_body(ec);  // a declared length over the body limit
  if (beast::iequals(request[bhttp::field::expect], "100-continue")) {
    auto interim = std::make_shared<bhttp::response<bhttp::empty_body>>(
        bhttp::status::continue_, request.version());
    stream_.expires_after(context_.service.options().write_timeout);
    bhttp::async_write(stream_, *interim,
                       [self = shared_from_this(), interim](beast::error_code ec,
                                                            std::size_t) {
                         if (ec) return self->on_read_error(ec, Deadline::kWrite);
                         self->read_body();
                       });
    return;
  }
  read_body();
}

void Connection::read_body() {
  state_ = State::kBody;
  // One deadline for the whole body, however slowly it arrives.
  stream_.expires_after(context_.service.options().body_timeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->on_body(ec);
                    });
}

void Connection::on_body(beast::error_code ec) {
  const auto& request = parser_->get();
  const std::string_view target = view(request.target());
  const std::string_view path = target.substr(0, target.find('?'));
  const Route* route = find_route(view(request.method_string()), path);
  const service::Endpoint endpoint =
      route != nullptr ? route->endpoint : service::Endpoint::kOther;
  if (ec == bhttp::error::body_limit) {
    // The rest of the body may still be on its way: do not read it as the
    // next request.
    const std::size_t limit = context_.service.options().max_body_bytes;
    return respond(context_.service.error_response(
                       endpoint, 413,
                       "the body is over the limit of " + std::to_string(limit) +
                           " bytes"),
                   endpoint, true);
  }
  if (ec) return on_read_error(ec, Deadline::kBody);
  handle();
}

void Connection::handle() {
  state_ = State::kHandling;
  const auto& request = parser_->get();
  const std::string_view target = view(request.target());
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const Route* route = find_route(view(request.method_string()), path);
  if (route == nullptr) {
    std::string allow = allowed_methods(path);
    const int status = allow.empty() ? 404 : 405;
    std::string message =
        allow.empty() ? "no such endpoint: " + std::string(path)
                      : std::string(view(request.method_string())) +
                            " is not allowed on " + std::string(path) + "; use " +
                            allow;
    return respond(context_.service.error_response(service::Endpoint::kOther,
                                                    status, std::move(message)),
                   service::Endpoint::kOther, false, std::move(allow));
  }
  decode_query(question == std::string_view::npos ? std::string_view()
                                                  : target.substr(question + 1),
               query_);
  query_views_.clear();
  for (const auto& [name, value] : query_) query_views_.emplace_back(name, value);
  Request plain{.content_type = view(request[bhttp::field::content_type]),
                .authorization = view(request[bhttp::field::authorization]),
                .api_key = {},
                .body = request.body(),
                .host = view(request[bhttp::field::host]),
                .query = query_views_};
  api_key_ = plain.param("key").empty() ? std::string(view(request["X-Goog-Api-Key"]))
                                        : std::string(plain.param("key"));
  plain.api_key = api_key_;
  auto run = [this, route, plain = std::move(plain)]() -> Response {
    try {
      return route->handler({context_.service, context_.moderation}, plain);
    } catch (const std::exception& e) {
      context_.log.write(spdlog::level::err, "request failed",
                         {{"path", std::string(route->path)}, {"error", e.what()}});
    }
    return context_.service.error_response(service::Endpoint::kOther, 500,
                                           "internal error");
  };
  if (route->run_on == RunOn::kIoThread ||
      (route->run_on == RunOn::kIoThreadWhenSmall &&
       request.body().size() <= kSmallBodyBytes)) {
    return respond(run(), route->endpoint, false);
  }
  const bool queued = context_.pool.try_post(
      [self = shared_from_this(), run, endpoint = route->endpoint]() mutable {
        Response response = run();
        boost::asio::post(self->executor(), [self, endpoint,
                                             response = std::move(response)]() mutable {
          self->respond(std::move(response), endpoint, false);
        });
      });
  context_.metrics.set_queued(context_.pool.queued());
  if (!queued) {
    context_.metrics.queue_full();
    Response busy = context_.service.error_response(
        route->endpoint, 503,
        "the server is busy: " +
            std::to_string(context_.service.options().max_queue) +
            " requests wait for screening; try again shortly");
    busy.retry_after = 1;
    respond(std::move(busy), route->endpoint, false);
  }
}

void Connection::respond(Response response, service::Endpoint endpoint,
                         bool close, std::string allow) {
  if (state_ == State::kClosed) return;
  state_ = State::kWriting;
  const ServiceOptions& options = context_.service.options();
  const auto& request = parser_->get();
  ++served_;
  const bool keep_alive = !close && request.keep_alive() &&
                          served_ < options.keep_alive_requests &&
                          !context_.draining.load(std::memory_order_relaxed);
  response_ = {};
  response_.version(11);
  response_.result(static_cast<unsigned>(response.status));
  response_.set(bhttp::field::content_type, response.content_type);
  if (response.retry_after > 0) {
    response_.set(bhttp::field::retry_after, std::to_string(response.retry_after));
  }
  if (!response.authenticate.empty()) {
    response_.set(bhttp::field::www_authenticate,
                  beast::string_view(response.authenticate.data(),
                                     response.authenticate.size()));
  }
  if (!allow.empty()) response_.set(bhttp::field::allow, allow);
  for (const auto& [name, value] : response.headers) response_.set(name, value);
  response_.keep_alive(keep_alive);
  response_.body() = std::move(response.body);
  response_.prepare_payload();

  const auto elapsed = Clock::now() - started_;
  context_.service.metrics().record_request(endpoint, response.status, elapsed);
  if (context_.log.enabled(spdlog::level::debug)) {
    const std::string_view target = view(request.target());
    context_.log.write(
        spdlog::level::debug, "request",
        {{"method", std::string(view(request.method_string()))},
         {"path", std::string(target.substr(0, target.find('?')))},
         {"status", static_cast<std::int64_t>(response.status)},
         {"ms", std::chrono::duration<double, std::milli>(elapsed).count()},
         {"in", static_cast<std::int64_t>(request.body().size())},
         {"out", static_cast<std::int64_t>(response_.body().size())},
         {"remote", address_}});
  }
  stream_.expires_after(options.write_timeout);
  bhttp::async_write(stream_, response_,
                     [self = shared_from_this(), keep_alive](beast::error_code ec,
                                                             std::size_t) {
                       self->on_written(ec, keep_alive);
                     });
}

void Connection::on_written(beast::error_code ec, bool keep_alive) {
  if (ec) return on_read_error(ec, Deadline::kWrite);
  if (!keep_alive || context_.draining.load(std::memory_order_relaxed)) {
    beast::error_code ignored;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    // A client still sending (a body over the limit) would get a reset,
    // or a SIGPIPE, before reading the answer: read and drop what it
    // sends until it closes, for --write-timeout at most.
    stream_.expires_after(context_.service.options().write_timeout);
    return linger();
  }
  parser_.reset();
  wait_for_request();
}

void Connection::linger() {
  state_ = State::kWriting;
  buffer_.clear();
  stream_.async_read_some(
      buffer_.prepare(16 << 10),
      [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) return self->close();
        self->linger();
      });
}

void Connection::on_read_error(beast::error_code ec, Deadline deadline) {
  if (ec == beast::error::timeout) {
    context_.metrics.timed_out(deadline);
    return close();
  }
  const bool gone = ec == bhttp::error::end_of_stream ||
                    ec == boost::asio::error::eof ||
                    ec == boost::asio::error::connection_reset ||
                    ec == boost::asio::error::operation_aborted ||
                    ec == boost::asio::error::broken_pipe ||
                    ec == bhttp::error::partial_message;
  if (gone || deadline == Deadline::kWrite || deadline == Deadline::kIdle ||
      !parser_) {
    return close();
  }
  // Bytes that are not HTTP: answer 400 once, then hang up.
  respond(context_.service.error_response(
              service::Endpoint::kOther, 400,
              "the request could not be read: " + ec.message()),
          service::Endpoint::kOther, true);
}

void Connection::close() {
  if (state_ == State::kClosed) return;
  state_ = State::kClosed;
  beast::error_code ignored;
  stream_.socket().close(ignored);
}

}  // namespace modfilter::http
