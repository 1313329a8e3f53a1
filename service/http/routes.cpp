#include "service/http/routes.h"

namespace modfilter::http {
namespace {

using service::Endpoint;

// A member handler of ScreenService or ModerationService as a RouteHandler.
template <auto kHandler>
Response screen(const RouteServices& services, const Request& request) {
  return (services.screen.*kHandler)(request);
}

template <auto kHandler>
Response moderation(const RouteServices& services, const Request& request) {
  return (services.moderation.*kHandler)(request);
}

constexpr RunOn kIo = RunOn::kIoThread;
constexpr RunOn kPool = RunOn::kScreeningPool;
constexpr RunOn kSmall = RunOn::kIoThreadWhenSmall;

// One line per route. Whatever reads the audit store (SQLite, a disk
// away) or explains a comment runs on the screening pool, never on an I/O
// thread; the moderator page and the Discovery document are constants.
constexpr Route kRoutes[] = {
    {"POST", "/v1/screen", Endpoint::kScreen, &screen<&ScreenService::handle_screen>, kSmall},
    {"POST", "/v1/screen/batch", Endpoint::kBatch, &screen<&ScreenService::handle_batch>, kPool},
    {"POST", "/v1alpha1/comments:analyze", Endpoint::kAnalyze, &screen<&ScreenService::handle_analyze>, kSmall},
    {"POST", "/v1alpha1/comments:suggestscore", Endpoint::kSuggest, &screen<&ScreenService::handle_suggest>, kPool},
    {"POST", "/v1/admin/reload", Endpoint::kReload, &screen<&ScreenService::handle_reload>, kPool},
    {"GET", "/healthz", Endpoint::kHealthz, &screen<&ScreenService::handle_healthz>, kIo},
    {"GET", "/readyz", Endpoint::kReadyz, &screen<&ScreenService::handle_readyz>, kIo},
    {"GET", "/metrics", Endpoint::kMetrics, &screen<&ScreenService::handle_metrics>, kIo},
    {"GET", "/$discovery/rest", Endpoint::kDiscovery, &screen<&ScreenService::handle_discovery>, kIo},
    {"GET", "/discovery/v1/apis/commentanalyzer/v1alpha1/rest", Endpoint::kDiscovery, &screen<&ScreenService::handle_discovery>, kIo},
    {"GET", "/", Endpoint::kModeration, &moderation<&ModerationService::handle_page>, kIo},
    {"GET", "/v1/moderator", Endpoint::kModeration, &moderation<&ModerationService::handle_config>, kIo},
    {"POST", "/v1/explain", Endpoint::kModeration, &moderation<&ModerationService::handle_explain>, kPool},
    {"GET", "/v1/audit/comments", Endpoint::kModeration, &moderation<&ModerationService::handle_queue>, kPool},
    {"GET", "/v1/audit/comment", Endpoint::kModeration, &moderation<&ModerationService::handle_comment>, kPool},
    {"POST", "/v1/audit/label", Endpoint::kModeration, &moderation<&ModerationService::handle_label>, kPool},
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
