#include "service/http/admin_auth.h"

#include <cctype>
#include <string>

#include "engine/io/json_writer.h"

namespace modfilter::http {
namespace {

std::string_view bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() < kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return {};
    }
  }
  return authorization.substr(kScheme.size());
}

}  // namespace

Response json_error(int status, std::string_view message) {
  Response response;
  response.status = status;
  response.body = "{\"status\":" + std::to_string(status) + ",\"error\":";
  append_json_string(response.body, message);
  response.body += '}';
  if (status == 503) response.retry_after = 1;
  return response;
}

bool same_secret(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

std::optional<Response> refuse_unless_admin(const Request& request,
                                            std::string_view token) {
  if (token.empty()) {
    return json_error(404, "the admin endpoints are off: start the service "
                           "with --admin-token-file to turn them on");
  }
  if (!same_secret(bearer_token(request.authorization), token)) {
    Response response = json_error(
        401, "this endpoint needs the header 'Authorization: Bearer TOKEN'");
    response.authenticate = "Bearer realm=\"modfilter admin\"";
    return response;
  }
  return std::nullopt;
}

}  // namespace modfilter::http
