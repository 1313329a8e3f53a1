// Request and Response as the handlers of ScreenService see them: plain
// values with no socket behind them, so a handler can be called directly
// (tests, fuzzers) as well as by HttpServer.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace modfilter::http {

// A query parameter, percent-decoded.
using QueryParam = std::pair<std::string_view, std::string_view>;

// Views into memory the caller owns for the duration of the call.
struct Request {
  std::string_view content_type;   // the Content-Type header, as sent
  std::string_view authorization;  // the Authorization header, as sent
  std::string_view api_key;        // the `key` query parameter (Perspective)
  std::string_view body;
  std::string_view host;           // the Host header (discovery's rootUrl)
  std::vector<QueryParam> query;   // every parameter; a name may repeat

  // The first value of query parameter `name`; empty when absent.
  std::string_view param(std::string_view name) const noexcept {
    for (const auto& [key, value] : query) {
      if (key == name) return value;
    }
    return {};
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Set on 503: seconds after which to try again (Retry-After).
  int retry_after = 0;
  // Set on 401: the WWW-Authenticate challenge.
  std::string_view authenticate;
  // Any other headers (the moderator page's Content-Security-Policy).
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace modfilter::http
