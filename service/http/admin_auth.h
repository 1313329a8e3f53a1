// The admin token of `serve --admin-token-file`: who may reload the rules,
// read the audit store over HTTP and label its comments.
#pragma once

#include <optional>
#include <string_view>

#include "service/http/message.h"

namespace modfilter::http {

// JSON {"status": N, "error": "..."} (503 with Retry-After: 1).
Response json_error(int status, std::string_view message);

// Compares in time that depends on the lengths only, not on where the
// first difference is.
bool same_secret(std::string_view a, std::string_view b) noexcept;

// nullopt when `request` carries "Authorization: Bearer TOKEN" with the
// service's token; else the answer: 404 when the service has no token
// (the admin endpoints are off), 401 with a challenge otherwise.
std::optional<Response> refuse_unless_admin(const Request& request,
                                            std::string_view token);

}  // namespace modfilter::http
