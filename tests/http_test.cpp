// modfilter serve: a real server on an ephemeral loopback port, a real HTTP
// client. The Perspective answers are written from Perspective's public
// reference (conversationai/perspectiveapi api_reference.md), with the
// scores this service documents (reject 0.95, review 0.6, no match 0.02).
#include <catch2/catch.hpp>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>
#include <vector>

#include "engine/policy/redact.h"
#include "service/http/http_server.h"
#include "service/http/screen_service.h"
#include "service/common/service_log.h"
#include "tests/http_server_fixture.h"
#include "tests/support.h"

extern char** environ;

using namespace modfilter;
using namespace modfilter::http;
using modfilter::service::ServiceLog;
using modfilter::testing::read_file;
using modfilter::testing::source_path;
using modfilter::testing::TempDir;
using modfilter::testing::TestServer;
using modfilter::testing::kRules;

namespace {

constexpr const char* kJson = "application/json";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

httplib::Result post(const TestServer& server, const std::string& path,
                     const std::string& body, const char* type = kJson) {
  return server.client().Post(path.c_str(), body, type);
}

}  // namespace

TEST_CASE("http serve: POST /v1/screen answers the verdict object of DESIGN.md "
          "with the id as sent", "[http]") {
  TestServer server;
  const auto r = post(server, "/v1/screen",
                      R"({"id":"c-17","text":"I will kill you","lang":"en"})");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == kJson);
  CHECK(r->body ==
        R"({"id":"c-17","verdict":"reject","reasons":[{"rule":"threat.kill-you",)"
        R"("category":"threat","action":"reject","reason":"Threat of violence",)"
        R"("spans":[[7,15]],"excerpt":"kill you"}],"ruleset":")" +
            server.ruleset() + "\"}");

  const auto numeric = post(server, "/v1/screen", R"({"id":17,"text":"hello"})");
  REQUIRE(numeric);
  CHECK(numeric->body == R"({"id":17,"verdict":"approve","reasons":[],"ruleset":")" +
                             server.ruleset() + "\"}");
  const auto no_id = post(server, "/v1/screen", R"({"text":"darn"})");
  REQUIRE(no_id);
  CHECK(no_id->body.starts_with(R"({"verdict":"review",)"));
}

TEST_CASE("http serve: invalid UTF-8 in a comment is screened, and answered as "
          "valid UTF-8", "[http]") {
  TestServer server;
  const auto r = post(server, "/v1/screen",
                      "{\"text\":\"fuck \xff\xfe you\",\"redact\":true}");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(contains(r->body, R"("verdict":"reject")"));
  CHECK(contains(r->body, "\"redacted\":\"f*** \xef\xbf\xbd\xef\xbf\xbd you\""));
}

TEST_CASE("http redact: spans of the named categories masked character by "
          "character, first character kept, UTF-8 kept whole", "[http][redact]") {
  Verdict verdict;
  Reason profanity;
  profanity.category = "profanity";
  Reason threat;
  threat.category = "threat";
  // "fцck" is f, a two-byte Cyrillic letter, c, k: 5 bytes, 4 characters.
  const std::string text = "x fцck y kill";
  profanity.spans = {{2, 7}};
  threat.spans = {{10, 14}};
  verdict.reasons = {profanity, threat};
  CHECK(redact(text, verdict) == "x f*** y kill");
  const std::string_view both[] = {"profanity", "threat"};
  CHECK(redact(text, verdict, both) == "x f*** y k***");

  // A span starting or ending inside a character is widened to it, and
  // overlapping spans are masked once.
  verdict.reasons[0].spans = {{4, 5}, {2, 4}};
  CHECK(redact(text, verdict) == "x f*ck y kill");
  const std::string emoji = "😀😀 ok";
  Reason start;
  start.category = "profanity";
  start.spans = {{1, 6}};
  verdict.reasons = {start};
  CHECK(redact(emoji, verdict) == "😀* ok");
}

TEST_CASE("http serve: \"redact\": true masks the profanity the rules found, "
          "disguised forms whole", "[http][redact]") {
  TestServer server;
  const auto check = [&](const std::string& text, const std::string& redacted) {
    const auto r = post(server, "/v1/screen",
                        R"({"text":")" + text + R"(","redact":true})");
    REQUIRE(r);
    CHECK(r->status == 200);
    INFO(r->body);
    CHECK(contains(r->body, R"("redacted":")" + redacted + "\""));
  };
  check("what the fuck", "what the f***");
  check("what the f*ck", "what the f***");
  check("fuuuuck off", "f****** off");
  check("F U C K this", "F****** this");
  check("Café 😀 fucking great", "Café 😀 f****** great");
  // Only profanity by default: the threat stays as written.
  check("fuck, I will kill you", "f***, I will kill you");

  const auto plain = post(server, "/v1/screen", R"({"text":"fuck"})");
  REQUIRE(plain);
  CHECK_FALSE(contains(plain->body, "redacted"));
  const auto bad = post(server, "/v1/screen", R"({"text":"fuck","redact":"yes"})");
  REQUIRE(bad);
  CHECK(bad->status == 400);
}

TEST_CASE("http serve: a batch as a JSON array or as JSON Lines gets its verdicts "
          "in input order, a bad item answered in its place", "[http]") {
  TestServer server;
  const auto array = post(server, "/v1/screen/batch",
                          R"([{"id":1,"text":"fuck"},{"id":2},"x",{"id":3,"text":"hello"}])");
  REQUIRE(array);
  CHECK(array->status == 200);
  CHECK(array->get_header_value("Content-Type") == kJson);
  const std::string id = server.ruleset();
  CHECK(array->body ==
        R"([{"id":1,"verdict":"reject","reasons":[{"rule":"profanity.fuck",)"
        R"j("category":"profanity","action":"reject","reason":"Profanity (f-word)",)j"
        R"("spans":[[0,4]],"excerpt":"fuck"}],"ruleset":")" + id + R"("},)"
        R"({"index":1,"error":"no \"text\" field"},)"
        R"({"index":2,"error":"expected an object {\"id\": ..., \"text\": \"...\"}"},)"
        R"({"id":3,"verdict":"approve","reasons":[],"ruleset":")" + id + R"("}])");

  const auto lines = post(server, "/v1/screen/batch",
                          "{\"id\":1,\"text\":\"darn\"}\n\nnot json\n"
                          "{\"id\":2,\"text\":\"hello\",\"redact\":true}\n",
                          "application/x-ndjson");
  REQUIRE(lines);
  CHECK(lines->status == 200);
  CHECK(lines->get_header_value("Content-Type") == "application/x-ndjson");
  std::vector<std::string> got;
  for (std::size_t at = 0; at < lines->body.size();) {
    const std::size_t end = lines->body.find('\n', at);
    got.push_back(lines->body.substr(at, end - at));
    at = end + 1;
  }
  REQUIRE(got.size() == 3);
  CHECK(got[0] ==
        R"({"id":1,"verdict":"review","reasons":[{"rule":"profanity.darn",)"
        R"("category":"profanity","action":"review","reason":"Mild profanity",)"
        R"("spans":[[0,4]],"excerpt":"darn"}],"ruleset":")" + id + "\"}");
  CHECK(got[1].starts_with(R"({"line":3,"error":"not valid JSON: )"));
  CHECK(got[2] == R"({"id":2,"verdict":"approve","reasons":[],"ruleset":")" + id +
                      R"(","redacted":"hello"})");

  // JSON Lines under application/json too, when the body is no array.
  const auto json_lines = post(server, "/v1/screen/batch",
                               "{\"text\":\"a\"}\n{\"text\":\"fuck\"}\n");
  REQUIRE(json_lines);
  CHECK(json_lines->status == 200);
  CHECK(json_lines->get_header_value("Content-Type") == "application/x-ndjson");
  CHECK(std::count(json_lines->body.begin(), json_lines->body.end(), '\n') == 2);
  const auto empty = post(server, "/v1/screen/batch", "[]");
  REQUIRE(empty);
  CHECK(empty->body == "[]");
}

TEST_CASE("http serve: malformed JSON or no text is a 400 with a clear JSON "
          "message", "[http]") {
  TestServer server;
  struct Case {
    const char* body;
    const char* message;
  };
  for (const Case& c : {Case{"{\"text\":", "not valid JSON"},
                        Case{"", "not valid JSON"},
                        Case{"{\"id\":1}", "no \\\"text\\\" field"},
                        Case{"{\"text\":17}", "\\\"text\\\" must be a string"},
                        Case{"[1,2]", "expected an object"}}) {
    const auto r = post(server, "/v1/screen", c.body);
    REQUIRE(r);
    INFO(c.body << " -> " << r->body);
    CHECK(r->status == 400);
    CHECK(r->get_header_value("Content-Type") == kJson);
    CHECK(r->body.starts_with(R"({"status":400,"error":")"));
    CHECK(contains(r->body, c.message));
  }
  const auto batch = post(server, "/v1/screen/batch", "[{\"text\":\"a\"},");
  REQUIRE(batch);
  CHECK(batch->status == 400);
  const auto not_array = post(server, "/v1/screen/batch", "\n\n");
  REQUIRE(not_array);
  CHECK(not_array->status == 400);
}

TEST_CASE("http serve: a wrong content type is a 415", "[http]") {
  TestServer server;
  for (const char* type : {"application/x-www-form-urlencoded", "text/plain", ""}) {
    for (const char* path : {"/v1/screen", "/v1/screen/batch"}) {
      const auto r = post(server, path, R"({"text":"hi"})", type);
      REQUIRE(r);
      INFO(path << " " << type << " -> " << r->body);
      CHECK(r->status == 415);
      CHECK(contains(r->body, "Content-Type must be application/json"));
    }
  }
  const auto ok = post(server, "/v1/screen", R"({"text":"hi"})",
                       "Application/JSON; charset=utf-8");
  REQUIRE(ok);
  CHECK(ok->status == 200);
}

TEST_CASE("http serve: bodies, texts and batches over their limits are a 413",
          "[http]") {
  ServiceOptions options;
  options.max_body_bytes = 4096;
  options.max_text_bytes = 100;
  options.max_batch = 3;
  TestServer server(options);

  const std::string big = R"({"text":")" + std::string(5000, 'a') + "\"}";
  const auto body = post(server, "/v1/screen", big);
  REQUIRE(body);
  CHECK(body->status == 413);
  CHECK(contains(body->body, "over the limit of 4096 bytes"));

  // Chunked: no Content-Length for httplib to check, the service counts.
  std::size_t sent = 0;
  const auto chunked = server.client().Post(
      "/v1/screen",
      [&](std::size_t, httplib::DataSink& sink) {
        const std::string chunk(1024, ' ');
        if (sent < 16 * 1024) {
          sink.write(chunk.data(), chunk.size());
          sent += chunk.size();
        } else {
          sink.done();
        }
        return true;
      },
      kJson);
  if (chunked) CHECK(chunked->status == 413);  // or the server hung up

  const auto text = post(server, "/v1/screen",
                         R"({"text":")" + std::string(101, 'a') + "\"}");
  REQUIRE(text);
  CHECK(text->status == 413);
  CHECK(contains(text->body, "text of 101 bytes is over the limit of 100"));

  const auto batch = post(server, "/v1/screen/batch",
                          R"([{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"}])");
  REQUIRE(batch);
  CHECK(batch->status == 413);
  CHECK(contains(batch->body, "a batch of 4 comments is over the limit of 3"));
  const auto lines = post(server, "/v1/screen/batch",
                          "{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n"
                          "{\"text\":\"d\"}\n");
  REQUIRE(lines);
  CHECK(lines->status == 413);

  // In a batch, a text over the limit is an error in its place.
  const auto item = post(server, "/v1/screen/batch",
                         R"([{"text":"a"},{"text":")" + std::string(101, 'a') + "\"}]");
  REQUIRE(item);
  CHECK(item->status == 200);
  CHECK(contains(item->body, R"({"index":1,"error":"text of 101 bytes)"));
}

TEST_CASE("http serve: 503 until the rules are loaded, then ready; alive "
          "throughout", "[http]") {
  TestServer server({}, false);
  auto client = server.client();
  const auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(health->body == R"({"status":"alive"})");
  const auto not_ready = client.Get("/readyz");
  REQUIRE(not_ready);
  CHECK(not_ready->status == 503);
  for (const char* path : {"/v1/screen", "/v1/screen/batch"}) {
    const auto r = client.Post(path, R"({"text":"hi"})", kJson);
    REQUIRE(r);
    CHECK(r->status == 503);
    CHECK(r->get_header_value("Retry-After") == "1");
    CHECK(contains(r->body, "not loaded yet"));
  }
  const auto analyze = client.Post("/v1alpha1/comments:analyze",
                                   R"({"comment":{"text":"hi"},"requestedAttributes":{"TOXICITY":{}}})",
                                   kJson);
  REQUIRE(analyze);
  CHECK(analyze->status == 503);
  CHECK(contains(analyze->body, R"("status":"UNAVAILABLE")"));

  REQUIRE(server.service().reload().has_value());
  const auto ready = client.Get("/readyz");
  REQUIRE(ready);
  CHECK(ready->status == 200);
  CHECK(ready->body == R"({"status":"ready","ruleset":")" + server.ruleset() + "\"}");
  server.service().set_draining();
  const auto draining = client.Get("/readyz");
  REQUIRE(draining);
  CHECK(draining->status == 503);
}

TEST_CASE("http serve: unknown paths are a 404 and wrong methods a 405, as JSON",
          "[http]") {
  TestServer server;
  auto client = server.client();
  const auto missing = client.Get("/v2/nothing");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body == R"({"status":404,"error":"no such endpoint: /v2/nothing"})");
  const auto method = client.Get("/v1/screen");
  REQUIRE(method);
  CHECK(method->status == 405);
  CHECK(method->get_header_value("Allow") == "POST");
}

TEST_CASE("http serve: /metrics in the Prometheus text format", "[http]") {
  TestServer server;
  REQUIRE(post(server, "/v1/screen", R"({"text":"fuck, I will kill you"})"));
  REQUIRE(post(server, "/v1/screen/batch", R"([{"text":"darn"},{"text":"hi"}])"));
  REQUIRE(post(server, "/v1/screen", R"({"text":)"));
  const auto r = server.client().Get("/metrics");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  const std::string& m = r->body;
  INFO(m);
  CHECK(contains(m, "# TYPE modfilter_http_requests_total counter\n"));
  CHECK(contains(m, "modfilter_http_requests_total{endpoint=\"screen\",code=\"200\"} 1\n"));
  CHECK(contains(m, "modfilter_http_requests_total{endpoint=\"screen\",code=\"400\"} 1\n"));
  CHECK(contains(m, "modfilter_http_requests_total{endpoint=\"batch\",code=\"200\"} 1\n"));
  CHECK(contains(m, "modfilter_comments_screened_total 3\n"));
  CHECK(contains(m, "modfilter_verdicts_total{verdict=\"reject\"} 1\n"));
  CHECK(contains(m, "modfilter_verdicts_total{verdict=\"review\"} 1\n"));
  CHECK(contains(m, "modfilter_verdicts_total{verdict=\"approve\"} 1\n"));
  CHECK(contains(m, "modfilter_category_hits_total{category=\"profanity\"} 2\n"));
  CHECK(contains(m, "modfilter_category_hits_total{category=\"threat\"} 1\n"));
  CHECK(contains(m, "modfilter_rule_hits_total{rule=\"threat.kill-you\",category=\"threat\",action=\"reject\"} 1\n"));
  CHECK(contains(m, "modfilter_rule_hits_total{rule=\"abuse.idiot\",category=\"abuse\",action=\"review\"} 0\n"));
  CHECK(contains(m, "# TYPE modfilter_http_request_duration_seconds histogram\n"));
  CHECK(contains(m, "modfilter_http_request_duration_seconds_bucket{endpoint=\"screen\",le=\"0.0001\"}"));
  CHECK(contains(m, "modfilter_http_request_duration_seconds_bucket{endpoint=\"screen\",le=\"+Inf\"} 2\n"));
  CHECK(contains(m, "modfilter_http_request_duration_seconds_count{endpoint=\"screen\"} 2\n"));
  CHECK(contains(m, "modfilter_ruleset_info{ruleset=\"" + server.ruleset() + "\",hash=\""));
  CHECK(contains(m, "modfilter_ruleset_loaded_timestamp_seconds "));
  CHECK(contains(m, "modfilter_ruleset_load_duration_seconds "));
  CHECK(contains(m, "modfilter_reloads_total{result=\"success\"} 0\n"));
  CHECK(contains(m, "modfilter_reloads_total{result=\"failure\"} 0\n"));
}

TEST_CASE("http serve: the admin endpoints are off without a token, and need "
          "the bearer token with one", "[http]") {
  TestServer off;
  const auto r = post(off, "/v1/admin/reload", "");
  REQUIRE(r);
  CHECK(r->status == 404);
  CHECK(contains(r->body, "--admin-token-file"));

  ServiceOptions options;
  options.admin_token = "s3cret-token";
  TestServer on(options);
  auto client = on.client();
  const auto none = client.Post("/v1/admin/reload", "", kJson);
  REQUIRE(none);
  CHECK(none->status == 401);
  CHECK(none->get_header_value("WWW-Authenticate").starts_with("Bearer"));
  const auto wrong = client.Post("/v1/admin/reload",
                                 {{"Authorization", "Bearer s3cret-tokeN"}}, "", kJson);
  REQUIRE(wrong);
  CHECK(wrong->status == 401);
  const auto right = client.Post("/v1/admin/reload",
                                 {{"Authorization", "Bearer s3cret-token"}}, "", kJson);
  REQUIRE(right);
  CHECK(right->status == 200);
  CHECK(right->body == R"({"reloaded":true,"ruleset":")" + on.ruleset() + "\"}");
}

TEST_CASE("http serve: a reload with a broken rule file while requests keep "
          "flowing: none fails, the old rules keep serving, the new ones "
          "take over", "[http][reload]") {
  TempDir dir;
  const std::string good =
      read_file(source_path("tests/data/http/rules/profanity.yaml"));
  dir.write("rules/profanity.yaml", good);
  ServiceOptions options;
  options.rules_path = (dir.path() / "rules").string();
  options.admin_token = "token";
  TestServer server(options);
  const std::string first = server.ruleset();

  std::atomic<bool> stop{false};
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 4; ++i) {
    clients.emplace_back([&] {
      auto client = server.client();
      client.set_keep_alive(true);
      while (!stop) {
        const auto r = client.Post("/v1/screen", R"({"text":"darn it"})", kJson);
        (r && r->status == 200 && contains(r->body, R"("verdict":"review")")
             ? ok : failed)++;
      }
    });
  }
  const auto reload = [&] {
    return server.client().Post("/v1/admin/reload",
                                {{"Authorization", "Bearer token"}}, "", kJson);
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  dir.write("rules/broken.yaml", "rules:\n  - id: broken\n    category: nonsense\n");
  const auto refused = reload();
  REQUIRE(refused);
  CHECK(refused->status == 422);
  CHECK(contains(refused->body, "broken.yaml"));
  CHECK(contains(refused->body, R"("ruleset":")" + first + "\""));
  CHECK(server.ruleset() == first);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));

  std::filesystem::remove(dir.path() / "rules/broken.yaml");
  dir.write("rules/profanity.yaml", good + "  - id: profanity.heck\n"
                                           "    category: profanity\n"
                                           "    reason: Mild\n"
                                           "    action: review\n"
                                           "    words: [heck]\n");
  const auto accepted = reload();
  REQUIRE(accepted);
  CHECK(accepted->status == 200);
  CHECK(server.ruleset() != first);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  for (auto& t : clients) t.join();
  CHECK(failed == 0);
  CHECK(ok > 0);

  const auto after = post(server, "/v1/screen", R"({"text":"heck"})");
  REQUIRE(after);
  CHECK(contains(after->body, R"("rule":"profanity.heck")"));
  const auto metrics = server.client().Get("/metrics");
  REQUIRE(metrics);
  CHECK(contains(metrics->body, "modfilter_reloads_total{result=\"success\"} 1\n"));
  CHECK(contains(metrics->body, "modfilter_reloads_total{result=\"failure\"} 1\n"));
}

// Perspective. The request shape and the example comment are those of the
// AnalyzeComment section of Perspective's API reference; spans are counted
// in UTF-16 code units, as Perspective counts them.
TEST_CASE("http perspective: the reference's AnalyzeComment example, answered in "
          "Perspective's shape", "[http][perspective]") {
  TestServer server;
  const auto r = post(server, "/v1alpha1/comments:analyze",
                      R"({"comment":{"text":"What kind of idiot name is foo? Sorry, I like your name."},)"
                      R"("languages":["en"],"requestedAttributes":{"TOXICITY":{},"INSULT":{},"THREAT":{}}})");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body ==
        R"({"attributeScores":{)"
        R"("TOXICITY":{"summaryScore":{"value":0.6,"type":"PROBABILITY"}},)"
        R"("INSULT":{"summaryScore":{"value":0.6,"type":"PROBABILITY"}},)"
        R"("THREAT":{"summaryScore":{"value":0.02,"type":"PROBABILITY"}}},)"
        R"("languages":["en"]})");
}

TEST_CASE("http perspective: spanScores count UTF-16 code units through accents "
          "and emoji", "[http][perspective]") {
  TestServer server;
  // "Café" (é precomposed: 1 unit), "😀" (2 units), "—" (1 unit), "é" as
  // e + U+0301 (2 units): "fucking" begins after 4+1+2+1+1+1+2+1 = 13 units.
  const std::string text = "Café 😀 — e\u0301 fucking idiot";
  const auto r = post(server, "/v1alpha1/comments:analyze",
                      R"({"comment":{"text":")" + text + R"("},"spanAnnotations":true,)"
                      R"("requestedAttributes":{"PROFANITY":{},"INSULT":{"scoreType":"PROBABILITY"},)"
                      R"("SEVERE_TOXICITY":{}},"doNotStore":true,"clientToken":"abc-1"})");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body ==
        R"({"attributeScores":{)"
        R"("PROFANITY":{"spanScores":[{"begin":13,"end":20,"score":{"value":0.95,"type":"PROBABILITY"}}],)"
        R"("summaryScore":{"value":0.95,"type":"PROBABILITY"}},)"
        R"("INSULT":{"spanScores":[{"begin":21,"end":26,"score":{"value":0.6,"type":"PROBABILITY"}}],)"
        R"("summaryScore":{"value":0.6,"type":"PROBABILITY"}},)"
        R"("SEVERE_TOXICITY":{"spanScores":[{"begin":13,"end":20,"score":{"value":0.95,"type":"PROBABILITY"}}],)"
        R"("summaryScore":{"value":0.95,"type":"PROBABILITY"}}},)"
        R"("languages":["en"],"clientToken":"abc-1"})");
}

TEST_CASE("http perspective: attributes for abuse and promotion, scoreThreshold "
          "leaves out low scores, scores are configurable",
          "[http][perspective]") {
  ServiceOptions options;
  options.scores = {0.9, 0.5, 0.0};
  TestServer server(options);
  const auto r = post(server, "/v1alpha1/comments:analyze",
                      R"({"comment":{"text":"harpy, see https://example.com"},)"
                      R"("requestedAttributes":{"IDENTITY_ATTACK":{},"SPAM":{},)"
                      R"("THREAT":{"scoreThreshold":0.5},"TOXICITY":{"scoreThreshold":0.95}}})");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body ==
        R"({"attributeScores":{)"
        R"("IDENTITY_ATTACK":{"summaryScore":{"value":0.9,"type":"PROBABILITY"}},)"
        R"("SPAM":{"summaryScore":{"value":0.5,"type":"PROBABILITY"}}},)"
        R"("languages":["en"]})");
}

TEST_CASE("http perspective: errors in Google's shape — unknown attribute, no "
          "text, bad JSON, API keys", "[http][perspective]") {
  TestServer server;
  const auto unknown = post(server, "/v1alpha1/comments:analyze",
                            R"({"comment":{"text":"hi"},"requestedAttributes":{"CHEERFULNESS":{}}})");
  REQUIRE(unknown);
  CHECK(unknown->status == 400);
  CHECK(unknown->body.starts_with(
      R"({"error":{"code":400,"message":"Unknown attribute: CHEERFULNESS.)"));
  CHECK(unknown->body.ends_with(R"(","status":"INVALID_ARGUMENT"}})"));

  for (const char* body :
       {R"({"requestedAttributes":{"TOXICITY":{}}})",
        R"({"comment":{"text":""},"requestedAttributes":{"TOXICITY":{}}})",
        R"({"comment":{"text":"hi"}})",
        R"({"comment":{"text":"hi"},"requestedAttributes":{}})",
        R"({"comment":{"text":"hi"},"requestedAttributes":{"TOXICITY":{"scoreType":"STD_DEV_SCORE"}}})",
        R"({"comment":{"text":"hi"},"requestedAttributes":{"TOXICITY":{"scoreThreshold":2}}})",
        R"({"comment":{"text":"hi"})"}) {
    const auto r = post(server, "/v1alpha1/comments:analyze", body);
    REQUIRE(r);
    INFO(body << " -> " << r->body);
    CHECK(r->status == 400);
    CHECK(r->body.starts_with(R"({"error":{"code":400,"message":")"));
    CHECK(contains(r->body, R"("status":"INVALID_ARGUMENT")"));
  }
  const std::string ok_body =
      R"({"comment":{"text":"hi"},"requestedAttributes":{"TOXICITY":{}}})";
  // Without --api-keys-file, the key is accepted and ignored.
  const auto any_key = post(server, "/v1alpha1/comments:analyze?key=whatever", ok_body);
  REQUIRE(any_key);
  CHECK(any_key->status == 200);

  ServiceOptions options;
  options.api_keys = {"key-1", "key-2"};
  TestServer keyed(options);
  const auto missing = post(keyed, "/v1alpha1/comments:analyze", ok_body);
  REQUIRE(missing);
  CHECK(missing->status == 403);
  CHECK(contains(missing->body, R"("status":"PERMISSION_DENIED")"));
  const auto wrong = post(keyed, "/v1alpha1/comments:analyze?key=key-3", ok_body);
  REQUIRE(wrong);
  CHECK(wrong->status == 400);
  CHECK(contains(wrong->body, "API key not valid"));
  const auto right = post(keyed, "/v1alpha1/comments:analyze?key=key-2", ok_body);
  REQUIRE(right);
  CHECK(right->status == 200);
}

TEST_CASE("http serve: the handlers answer without a socket", "[http]") {
  ServiceLog log(spdlog::level::off, false);
  ServiceOptions options;
  options.rules_path = kRules;
  ScreenService service(options, log);
  REQUIRE(service.reload().has_value());
  const Response r = service.handle_screen(
      Request{.content_type = "application/json", .body = R"({"text":"darn"})"});
  CHECK(r.status == 200);
  CHECK(contains(r.body, R"("verdict":"review")"));
  const Response bad = service.handle_batch(
      Request{.content_type = "application/json", .body = "[\x01"});
  CHECK(bad.status == 400);
}

namespace {

// The `modfilter serve` binary, its stderr in a file, stopped at the end.
class ServeProcess {
 public:
  explicit ServeProcess(const TempDir& dir,
                        const std::vector<std::string>& extra = {})
      : log_(dir.path() / "stderr") {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, log_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const std::string binary = MODFILTER_BINARY;
    std::vector<std::string> args = {binary, "serve", "-r", kRules,
                                     "--listen", "127.0.0.1:0", "--threads", "4"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(),
                        environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  // The port from the "listening ... port=N" log line.
  int port() const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string log = read_file(log_);
      if (const auto at = log.find(" port="); at != std::string::npos) {
        return std::stoi(log.substr(at + 6));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

  // The exit status, waiting up to `seconds`; nullopt if still running.
  std::optional<int> wait(int seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
  }

  pid_t pid() const { return pid_; }
  std::string log() const { return read_file(log_); }

 private:
  std::filesystem::path log_;
  pid_t pid_ = -1;
};

int connect_loopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  return fd;
}

void send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    REQUIRE(n > 0);
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string receive_all(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) {
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// Polls /readyz for up to 60 s: the binary compiles its rules first, which
// takes seconds in a sanitizer build on a loaded machine.
bool wait_until_ready(httplib::Client& client) {
  for (int i = 0; i < 6000; ++i) {
    const auto r = client.Get("/readyz");
    if (r && r->status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST_CASE("http serve (binary): ready, screens, and on SIGTERM finishes the "
          "request in flight and exits 0", "[http][e2e]") {
  TempDir dir;
  ServeProcess serve(dir);
  const int port = serve.port();
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2);
  client.set_read_timeout(5);
  REQUIRE(wait_until_ready(client));
  const auto screened = client.Post("/v1/screen", R"({"id":"e2e","text":"I will kill you"})", kJson);
  REQUIRE(screened);
  CHECK(screened->status == 200);
  CHECK(contains(screened->body, R"("id":"e2e","verdict":"reject")"));

  // A request in flight: headers and half the body sent, SIGTERM, then the
  // rest. It must be answered in full, and the process exit 0.
  const std::string body = R"({"id":"last","text":"what the fuck"})";
  const int fd = connect_loopback(port);
  REQUIRE(fd >= 0);
  send_all(fd, "POST /v1/screen HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               "Content-Type: application/json\r\nConnection: close\r\n"
               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
               body.substr(0, 10));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  REQUIRE(kill(serve.pid(), SIGTERM) == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  send_all(fd, body.substr(10));
  const std::string response = receive_all(fd);
  close(fd);
  CHECK(response.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(contains(response, R"({"id":"last","verdict":"reject")"));

  const auto status = serve.wait(8);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  INFO(serve.log());
  CHECK(contains(serve.log(), "stopping: finishing the requests in flight"));
  CHECK(connect_loopback(port) < 0);
}

TEST_CASE("http redact: check --redact and scan --redact add the masked text",
          "[http][redact][cli]") {
  using modfilter::testing::run_modfilter;
  const auto check = run_modfilter("check -r '" + kRules + "' --redact 'what the f*ck'");
  CHECK(check.exit_code == 1);
  CHECK(contains(check.out, "\nredacted: what the f***\n"));
  const auto json = run_modfilter("check -r '" + kRules + "' --json --redact 'oh fuuuck'");
  CHECK(json.out.ends_with(R"(,"redacted":"oh f*****"})" "\n"));
  const auto scan = run_modfilter("scan -r '" + kRules + "' --redact",
                                  "{\"id\":1,\"text\":\"Café 😀 fucking\"}\n{\"id\":2,\"text\":\"hi\"}\n");
  CHECK(scan.exit_code == 0);
  CHECK(contains(scan.out, R"(,"redacted":"Café 😀 f******"})" "\n"));
  CHECK(contains(scan.out, R"("id":2,"text":"hi","verdict":"approve","reasons":[],)"));
  CHECK(contains(scan.out, R"(,"redacted":"hi"})" "\n"));
}

TEST_CASE("http serve --audit: the comments screened are in the audit store "
          "after SIGTERM", "[http][e2e][audit]") {
  TempDir dir;
  const std::string store = (dir.path() / "audit.db").string();
  ServeProcess serve(dir, {"--audit", store});
  const int port = serve.port();
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2);
  client.set_read_timeout(5);
  REQUIRE(wait_until_ready(client));
  REQUIRE(client.Post("/v1/screen", R"({"id":"a-1","text":"I will kill you"})", kJson));
  REQUIRE(client.Post("/v1/screen/batch",
                      R"([{"id":"a-2","text":"nice day"},{"id":"a-3","text":"what the fuck"}])",
                      kJson));
  REQUIRE(kill(serve.pid(), SIGTERM) == 0);
  const auto status = serve.wait(8);
  REQUIRE(status.has_value());
  CHECK(*status == 0);
  const auto shown = modfilter::testing::run_modfilter("audit show '" + store + "' 1 --color never");
  INFO(shown.out << shown.err);
  CHECK(shown.exit_code == 0);
  CHECK(contains(shown.out, "a-1"));
  const auto third = modfilter::testing::run_modfilter("audit show '" + store + "' 3 --color never");
  CHECK(contains(third.out, "a-3"));
}

TEST_CASE("http serve: \"lang\" names the comment's language and scopes the "
          "rules", "[http][scope]") {
  TempDir dir;
  dir.write("tr.yaml", R"(lang: [tr]
rules:
  - id: profanity.tr-am
    category: profanity
    reason: Profanity
    action: reject
    words: [am]
)");
  ServiceOptions options;
  options.rules_path = dir.path().string();
  TestServer server(options);
  const auto tr = post(server, "/v1/screen", R"({"text":"am","lang":"tr"})");
  REQUIRE(tr);
  CHECK(contains(tr->body, R"("verdict":"reject")"));
  const auto en = post(server, "/v1/screen", R"({"text":"am","lang":"en"})");
  REQUIRE(en);
  CHECK(contains(en->body, R"("verdict":"approve")"));
  const auto detected = post(server, "/v1/screen", R"({"text":"I am here"})");
  REQUIRE(detected);
  CHECK(contains(detected->body, R"("verdict":"approve")"));
  const auto bad = post(server, "/v1/screen", R"({"text":"am","lang":7})");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  CHECK(contains(bad->body, "lang"));
}
