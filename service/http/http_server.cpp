#include "service/http/http_server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <chrono>
#include <functional>

namespace modfilter::http {
namespace {

using Clock = std::chrono::steady_clock;

// httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled
// into Debian's library): a burst of new connections, such as a load
// balancer or a benchmark opening its pool, overflows it and the dropped
// SYNs are retried after a second. listen() again on the bound socket
// raises the backlog.
class Server : public httplib::Server {
 public:
  bool raise_backlog() { return ::listen(svr_sock_, SOMAXCONN) == 0; }
};

using Handler = std::function<Response(const Request&)>;

struct Route {
  const char* method;
  const char* path;
};

// Every route, to tell a wrong method (405) from an unknown path (404).
constexpr Route kRoutes[] = {
    {"POST", "/v1/screen"},       {"POST", "/v1/screen/batch"},
    {"POST", "/v1alpha1/comments:analyze"},
    {"POST", "/v1alpha1/comments:suggestscore"},
    {"POST", "/v1/admin/reload"}, {"GET", "/healthz"},
    {"GET", "/readyz"},           {"GET", "/metrics"},
    {"GET", "/$discovery/rest"},
    {"GET", "/discovery/v1/apis/commentanalyzer/v1alpha1/rest"},
    {"GET", "/"},                 {"GET", "/v1/moderator"},
    {"POST", "/v1/explain"},      {"GET", "/v1/audit/comments"},
    {"GET", "/v1/audit/comment"}, {"POST", "/v1/audit/label"}};

// The request fields every handler may read, as views into `req`.
Request request_of(const httplib::Request& req, const std::string& content_type,
                   const std::string& authorization, const std::string& key,
                   const std::string& host, std::string_view body) {
  Request request{content_type, authorization, key, body, host, {}};
  for (const auto& [name, value] : req.params) request.query.emplace_back(name, value);
  return request;
}

void write(const Response& response, httplib::Response& res) {
  res.status = response.status;
  res.body = response.body;
  res.set_header("Content-Type", response.content_type);
  if (response.retry_after > 0) {
    res.set_header("Retry-After", std::to_string(response.retry_after));
  }
  if (!response.authenticate.empty()) {
    res.set_header("WWW-Authenticate", std::string(response.authenticate));
  }
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
}

}  // namespace

HttpServer::HttpServer(ScreenService& service, service::ServiceLog& log)
    : service_(service),
      moderation_(service),
      log_(log),
      server_(std::make_unique<Server>()) {
  const ServiceOptions& options = service_.options();
  const std::size_t threads = std::max<std::size_t>(options.threads, 1);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_payload_max_length(options.max_body_bytes);
  server_->set_read_timeout(options.read_timeout);
  server_->set_write_timeout(options.write_timeout);
  server_->set_keep_alive_timeout(options.keep_alive_timeout.count());
  server_->set_keep_alive_max_count(std::max<std::size_t>(options.keep_alive_requests, 1));
  // httplib writes the headers and the body in two writes; without
  // TCP_NODELAY the body waits for the client's delayed ACK (~40 ms).
  server_->set_tcp_nodelay(true);
  add_routes();
}

HttpServer::~HttpServer() { stop(); }

std::expected<int, Error> HttpServer::bind() {
  const ServiceOptions& options = service_.options();
  int port = options.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options.host);
  } else if (!server_->bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0 || !static_cast<Server&>(*server_).raise_backlog()) {
    return std::unexpected(Error{
        ErrorKind::kIo, "", 0, 0, "",
        "cannot listen on " + options.host + ":" + std::to_string(options.port),
        "is the port in use, or the address not one of this machine's?"});
  }
  return port;
}

void HttpServer::start() {
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // stop() before the accept loop runs would be lost (httplib ignores it).
  while (!server_->is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void HttpServer::stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

void HttpServer::add_routes() {
  const auto finish = [this](const httplib::Request& req, httplib::Response& res,
                             service::Endpoint endpoint, const Response& response,
                             Clock::time_point start) {
    write(response, res);
    const auto elapsed = Clock::now() - start;
    service_.metrics().record_request(endpoint, response.status, elapsed);
    if (log_.enabled(spdlog::level::debug)) {
      log_.write(spdlog::level::debug, "request",
                 {{"method", req.method},
                  {"path", req.path},
                  {"status", static_cast<std::int64_t>(response.status)},
                  {"ms", std::chrono::duration<double, std::milli>(elapsed).count()},
                  {"in", static_cast<std::int64_t>(req.body.size())},
                  {"out", static_cast<std::int64_t>(response.body.size())},
                  {"remote", req.remote_addr}});
    }
  };

  const auto post = [this, finish](const char* path, service::Endpoint endpoint,
                                   Handler handler) {
    server_->Post(path, [this, finish, endpoint, handler](
                            const httplib::Request& req, httplib::Response& res,
                            const httplib::ContentReader& reader) {
      const auto start = Clock::now();
      const std::size_t limit = service_.options().max_body_bytes;
      std::string body;
      if (req.has_header("Content-Length")) {
        body.reserve(std::min<std::size_t>(
            req.get_header_value<std::uint64_t>("Content-Length"), limit));
      }
      // The limit is checked here as well as by httplib: httplib checks a
      // declared Content-Length only, not chunked or compressed bodies.
      bool too_large = false;
      const bool read = reader([&](const char* data, std::size_t size) {
        if (body.size() + size > limit) {
          too_large = true;
          return false;
        }
        body.append(data, size);
        return true;
      });
      Response response;
      if (!read) {
        response = too_large || res.status == 413
            ? service_.error_response(endpoint, 413,
                                      "the body is over the limit of " +
                                          std::to_string(limit) + " bytes")
            : service_.error_response(endpoint, 400,
                                      "the request body could not be read");
        // The rest of the body may still be on its way: do not read it as
        // the next request.
        res.set_header("Connection", "close");
      } else {
        const std::string content_type = req.get_header_value("Content-Type");
        const std::string authorization = req.get_header_value("Authorization");
        const std::string key = req.has_param("key")
                                    ? req.get_param_value("key")
                                    : req.get_header_value("X-Goog-Api-Key");
        const std::string host = req.get_header_value("Host");
        response = handler(request_of(req, content_type, authorization, key, host, body));
      }
      finish(req, res, endpoint, response, start);
    });
  };

  const auto get = [this, finish](const char* path, service::Endpoint endpoint,
                                  Handler handler) {
    server_->Get(path, [this, finish, endpoint, handler](
                           const httplib::Request& req, httplib::Response& res) {
      const auto start = Clock::now();
      const std::string authorization = req.get_header_value("Authorization");
      const std::string host = req.get_header_value("Host");
      finish(req, res, endpoint,
             handler(request_of(req, {}, authorization, {}, host, {})), start);
    });
  };
  const auto bind = [](auto* target, auto member) -> Handler {
    return [target, member](const Request& request) { return (target->*member)(request); };
  };
  ScreenService* screen = &service_;
  const ModerationService* moderation = &moderation_;

  post("/v1/screen", service::Endpoint::kScreen, bind(screen, &ScreenService::handle_screen));
  post("/v1/screen/batch", service::Endpoint::kBatch,
       bind(screen, &ScreenService::handle_batch));
  post("/v1alpha1/comments:analyze", service::Endpoint::kAnalyze,
       bind(screen, &ScreenService::handle_analyze));
  post("/v1alpha1/comments:suggestscore", service::Endpoint::kSuggest,
       bind(screen, &ScreenService::handle_suggest));
  post("/v1/admin/reload", service::Endpoint::kReload,
       bind(screen, &ScreenService::handle_reload));
  get("/healthz", service::Endpoint::kHealthz, bind(screen, &ScreenService::handle_healthz));
  get("/readyz", service::Endpoint::kReadyz, bind(screen, &ScreenService::handle_readyz));
  get("/metrics", service::Endpoint::kMetrics, bind(screen, &ScreenService::handle_metrics));
  // httplib's paths are regular expressions: "\\$" is a dollar sign.
  get("/\\$discovery/rest", service::Endpoint::kDiscovery,
      bind(screen, &ScreenService::handle_discovery));
  get("/discovery/v1/apis/commentanalyzer/v1alpha1/rest", service::Endpoint::kDiscovery,
      bind(screen, &ScreenService::handle_discovery));

  get("/", service::Endpoint::kModeration, bind(moderation, &ModerationService::handle_page));
  get("/v1/moderator", service::Endpoint::kModeration,
      bind(moderation, &ModerationService::handle_config));
  post("/v1/explain", service::Endpoint::kModeration,
       bind(moderation, &ModerationService::handle_explain));
  get("/v1/audit/comments", service::Endpoint::kModeration,
      bind(moderation, &ModerationService::handle_queue));
  get("/v1/audit/comment", service::Endpoint::kModeration,
      bind(moderation, &ModerationService::handle_comment));
  post("/v1/audit/label", service::Endpoint::kModeration,
       bind(moderation, &ModerationService::handle_label));

  // Requests httplib answers itself (unknown path, unparsable request):
  // a JSON body too, and 405 for a known path with another method.
  server_->set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    int status = res.status;
    std::string message;
    if (status == 404) {
      std::string allowed;
      for (const Route& route : kRoutes) {
        if (req.path == route.path) allowed = route.method;
      }
      if (!allowed.empty()) {
        status = 405;
        res.set_header("Allow", allowed);
        message = req.method + " is not allowed on " + req.path + "; use " + allowed;
      } else {
        message = "no such endpoint: " + req.path;
      }
    } else {
      message = "the request could not be served (HTTP " +
                std::to_string(status) + ")";
    }
    const Response response = service_.error_response(service::Endpoint::kOther, status, message);
    write(response, res);
    service_.metrics().record_request(service::Endpoint::kOther, status, {});
    return httplib::Server::HandlerResponse::Handled;
  }));

  server_->set_exception_handler([this](const httplib::Request& req,
                                        httplib::Response& res,
                                        std::exception_ptr error) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_.write(spdlog::level::err, "request failed",
               {{"path", req.path}, {"error", what}});
    write(service_.error_response(service::Endpoint::kOther, 500, "internal error"), res);
  });
}

}  // namespace modfilter::http
