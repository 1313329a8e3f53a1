// Fuzz target: request bodies of `modfilter serve`, through ScreenService's
// handlers (the functions HttpServer binds; no socket). The first input
// byte picks the endpoint, the Content-Type and the size limits; the rest
// is the body. Every answer has a status the API documents and a body that
// is valid JSON (or, for batches of JSON Lines, valid JSON on every line).
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "service/http/screen_service.h"

namespace {

using modfilter::http::Request;
using modfilter::http::Response;
using modfilter::http::ScreenService;

struct Service {
  modfilter::service::ServiceLog log{spdlog::level::off, false};
  std::unique_ptr<ScreenService> service;

  Service(const char* rules, std::size_t max_text_bytes,
          std::size_t max_batch) {
    modfilter::http::ServiceOptions options;
    options.rules_path = rules;
    options.max_text_bytes = max_text_bytes;
    options.max_batch = max_batch;
    options.api_keys = {"k"};
    service = std::make_unique<ScreenService>(options, log);
    FUZZ_CHECK(service->reload().has_value(), "the rules load");
  }
};

ScreenService& service(bool small_limits) {
  static Service roomy(MODFILTER_SOURCE_DIR "/rules", 64u << 10, 1000);
  // The small rules of the HTTP tests: one compile of the default rules
  // is enough of the replay test's time under ASan.
  static Service tight(MODFILTER_SOURCE_DIR "/tests/data/http/rules", 8, 2);
  return small_limits ? *tight.service : *roomy.service;
}

constexpr std::string_view kContentTypes[] = {
    "application/json", "application/x-ndjson", "text/plain",
    "application/json; charset=utf-8"};

void check_json_body(const Response& response) {
  simdjson::dom::parser parser;
  if (!parser.parse(response.body).error()) return;
  // A batch of JSON Lines answers with JSON Lines.
  simdjson::dom::document_stream lines;
  FUZZ_CHECK(!parser.parse_many(response.body).get(lines),
             "the body is JSON or JSON Lines");
  for (auto line : lines) {
    FUZZ_CHECK(!line.error(), "every line of the body is JSON");
  }
}

}  // namespace

// Loading the default rules takes seconds under ASan: done once here, so
// that it does not count against the first input's time limit.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  service(false);
  service(true);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  ScreenService& s = service((selector & 0x10) != 0);
  Request request;
  request.content_type = kContentTypes[(selector >> 2) % 4];
  request.api_key = (selector & 0x20) ? "k" : "wrong";
  request.body = std::string_view(reinterpret_cast<const char*>(data) + 1,
                                  size - 1);
  Response response;
  switch (selector % 4) {
    case 0: response = s.handle_screen(request); break;
    case 1: response = s.handle_batch(request); break;
    case 2: response = s.handle_analyze(request); break;
    default: response = s.handle_suggest(request); break;
  }
  const int status = response.status;
  FUZZ_CHECK(status == 200 || status == 400 || status == 401 ||
                 status == 403 || status == 413 || status == 415,
             "a documented status");
  FUZZ_CHECK(!response.body.empty(), "every answer has a body");
  check_json_body(response);
  return 0;
}
