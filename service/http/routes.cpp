#include "service/http/routes.h"

namespace modfilter::http {
namespace {

using service::Endpoint;

// A member handler of ScreenService as a RouteHandler.
template <auto kHandler>
Response call(ScreenService& service, const Request& request) {
  return (service.*kHandler)(request);
}

constexpr RunOn kIo = RunOn::kIoThread;
constexpr RunOn kPool = RunOn::kScreeningPool;
constexpr RunOn kSmall = RunOn::kIoThreadWhenSmall;

// One line per route.
constexpr Route kRoutes[] = {
    {"POST", "/v1/screen", Endpoint::kScreen, &call<&ScreenService::handle_screen>, kSmall},
    {"POST", "/v1/screen/batch", Endpoint::kBatch, &call<&ScreenService::handle_batch>, kPool},
    {"POST", "/v1alpha1/comments:analyze", Endpoint::kAnalyze, &call<&ScreenService::handle_analyze>, kSmall},
    {"POST", "/v1/admin/reload", Endpoint::kReload, &call<&ScreenService::handle_reload>, kPool},
    {"GET", "/healthz", Endpoint::kHealthz, &call<&ScreenService::handle_healthz>, kIo},
    {"GET", "/readyz", Endpoint::kReadyz, &call<&ScreenService::handle_readyz>, kIo},
    {"GET", "/metrics", Endpoint::kMetrics, &call<&ScreenService::handle_metrics>, kIo},
};

}  // namespace

std::span<const Route> routes() noexcept { return kRoutes; }

const Route* find_route(std::string_view method, std::string_view path) noexcept {
  for (const Route& route : kRoutes) {
    if (route.method == method && route.path == path) return &route;
  }
  return nullptr;
}

std::string allowed_methods(std::string_view path) {
  std::string allowed;
  for (const Route& route : kRoutes) {
    if (route.path != path) continue;
    if (!allowed.empty()) allowed += ", ";
    allowed += route.method;
  }
  return allowed;
}

}  // namespace modfilter::http
