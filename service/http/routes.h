// The routes of `modfilter serve`: one table from method and path to the
// ScreenService or ModerationService handler that answers, so that a new endpoint is one line in
// routes.cpp. HttpServer looks requests up here; a path known under
// another method is a 405 with the methods that are.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "service/common/metrics.h"
#include "service/http/message.h"
#include "service/http/moderation_service.h"
#include "service/http/screen_service.h"

namespace modfilter::http {

// Where a handler runs: on the thread that read the request (cheap,
// never blocks: health, readiness, metrics), queued for a screening thread
// (batches, reloads), where a full queue answers 503, or on the reading
// thread when the body is small (one comment: screening it takes less
// than handing it to another thread and back) and queued otherwise.
enum class RunOn { kIoThread, kScreeningPool, kIoThreadWhenSmall };

// The largest body a kIoThreadWhenSmall route screens on the I/O thread:
// tens of microseconds of screening at most.
inline constexpr std::size_t kSmallBodyBytes = 4096;

// The services whose members answer the routes.
struct RouteServices {
  ScreenService& screen;
  const ModerationService& moderation;
};

using RouteHandler = Response (*)(const RouteServices&, const Request&);

struct Route {
  std::string_view method;
  std::string_view path;
  service::Endpoint endpoint;  // what /metrics counts it as
  RouteHandler handler;
  RunOn run_on;
};

// Every route, in the order they are matched.
std::span<const Route> routes() noexcept;

// The route for `method` and `path` (no query string), or null.
const Route* find_route(std::string_view method, std::string_view path) noexcept;

// The methods the routes allow on `path`, comma-separated; empty when the
// path is unknown.
std::string allowed_methods(std::string_view path);

}  // namespace modfilter::http
