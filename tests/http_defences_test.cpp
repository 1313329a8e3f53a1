// Issue 21: serve's defences under hostile load, each with its option, its
// default and its counter on GET /metrics: connection caps, deadlines that
// hold however slowly bytes trickle, keep-alive idle timeout, header
// limits, the screening queue bound; and idle or slow connections that no
// longer starve real callers. Raw sockets (tests/storm/http_wire.h), from
// chosen loopback addresses.
#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "service/http/screening_pool.h"
#include "tests/http_server_fixture.h"
#include "tests/storm/http_wire.h"

using namespace modfilter;
using modfilter::storm::Socket;
using modfilter::testing::TestServer;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr milliseconds kClientTimeout{5000};

std::string get_request(std::string_view path, bool keep_alive = false) {
  return "GET " + std::string(path) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
         (keep_alive ? "" : "Connection: close\r\n") + "\r\n";
}

std::string screen_request(std::string_view body) {
  return storm::request_head("/v1/screen", "application/json", body.size()) +
         std::string(body);
}

// The value of one sample of GET /metrics ("name{label}"), or -1.
double metric(TestServer& server, std::string_view sample) {
  Socket socket(server.port(), kClientTimeout);
  if (!socket.ok() || !socket.send(get_request("/metrics"))) return -1;
  const std::string body = socket.receive().body;
  const std::string key = std::string(sample) + " ";
  const auto at = body.find("\n" + key);
  if (at == std::string::npos) return -1;
  return std::stod(body.substr(at + 1 + key.size()));
}

// A request that must be answered at once whatever else is open.
void require_answered_quickly(TestServer& server, std::string_view source = {}) {
  const auto start = Clock::now();
  Socket socket(server.port(), kClientTimeout, source);
  REQUIRE(socket.ok());
  REQUIRE(socket.send(screen_request(R"({"text":"you idiot"})")));
  const Socket::Response response = socket.receive();
  CHECK(response.status == 200);
  CHECK(response.body.find(R"("verdict":"review")") != std::string::npos);
  CHECK(Clock::now() - start < milliseconds(1000));
}

// Sends `bytes` one every 20 ms (each read well within any idle timeout)
// until the server closes; how long that took (the whole run: not closed).
Clock::duration trickle_until_closed(Socket& socket, std::string_view bytes) {
  const auto start = Clock::now();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (!socket.send(bytes.substr(i, 1)) || socket.closed_within(milliseconds(20))) {
      return Clock::now() - start;
    }
  }
  FAIL("the server never closed the connection");
  return Clock::now() - start;
}

}  // namespace

TEST_CASE("#21 - http serve: 1,000 connections that send half a request and "
          "wait do not delay a normal request",
          "[http][defences]") {
  TestServer server;
  std::vector<Socket> slow;
  for (int i = 0; i < 1000; ++i) {
    Socket& s = slow.emplace_back(server.port(), kClientTimeout,
                                  "127.0.0." + std::to_string(10 + i % 100));
    REQUIRE(s.ok());
    REQUIRE(s.send(storm::request_head("/v1/screen", "application/json", 100) +
                   "{\"te"));
  }
  require_answered_quickly(server, "127.0.0.2");
  CHECK(metric(server, "modfilter_http_connections_open") >= 1000);
}

TEST_CASE("#21 - http serve: over --max-connections a new connection is "
          "closed at accept and counted",
          "[http][defences]") {
  http::ServiceOptions options;
  options.max_connections = 4;
  TestServer server(options);
  std::vector<Socket> held;
  for (int i = 0; i < 4; ++i) {
    held.emplace_back(server.port(), kClientTimeout);
    REQUIRE(held.back().send(get_request("/healthz", true)));
    REQUIRE(held.back().receive_one().status == 200);
  }
  Socket refused(server.port(), kClientTimeout);
  REQUIRE(refused.ok());  // the kernel accepts; serve closes it at once
  CHECK(refused.closed_within(milliseconds(2000)));
  held.pop_back();  // one slot free again
  REQUIRE(modfilter::testing::eventually([&] {
    Socket probe(server.port(), kClientTimeout);
    return probe.send(get_request("/healthz")) && probe.receive().status == 200;
  }));
  // The probes' connections close as their clients go: ask until a slot is free.
  CHECK(modfilter::testing::eventually([&] {
    return metric(server, R"(modfilter_http_connections_refused_total{reason="max_connections"})") >= 1;
  }));
}

TEST_CASE("#21 - http serve: over --max-connections-per-address one address "
          "is refused while others are served",
          "[http][defences]") {
  http::ServiceOptions options;
  options.max_connections_per_address = 3;
  TestServer server(options);
  std::vector<Socket> held;
  for (int i = 0; i < 3; ++i) {
    held.emplace_back(server.port(), kClientTimeout, "127.0.0.50");
    REQUIRE(held.back().send(get_request("/healthz", true)));
    REQUIRE(held.back().receive_one().status == 200);
  }
  Socket fourth(server.port(), kClientTimeout, "127.0.0.50");
  CHECK(fourth.closed_within(milliseconds(2000)));
  require_answered_quickly(server, "127.0.0.51");
  CHECK(metric(server, R"(modfilter_http_connections_refused_total{reason="per_address"})") == 1);
}

TEST_CASE("#21 - http serve: headers trickled one byte at a time are cut off "
          "at --header-timeout, however steadily they come",
          "[http][defences]") {
  http::ServiceOptions options;
  options.header_timeout = milliseconds(400);
  TestServer server(options);
  Socket slow(server.port(), kClientTimeout);
  const std::string head = "POST /v1/screen HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " +
                           std::string(200, 'a');
  const auto elapsed = trickle_until_closed(slow, head);
  CHECK(elapsed >= milliseconds(350));
  CHECK(elapsed < milliseconds(3000));
  CHECK(metric(server, R"(modfilter_http_timeouts_total{phase="header"})") == 1);
}

TEST_CASE("#21 - http serve: a body trickled one byte at a time is cut off at "
          "--body-timeout",
          "[http][defences]") {
  http::ServiceOptions options;
  options.body_timeout = milliseconds(400);
  TestServer server(options);
  Socket slow(server.port(), kClientTimeout);
  REQUIRE(slow.send(storm::request_head("/v1/screen", "application/json", 1000)));
  const auto elapsed = trickle_until_closed(slow, std::string(500, ' '));
  CHECK(elapsed >= milliseconds(350));
  CHECK(elapsed < milliseconds(3000));
  CHECK(metric(server, R"(modfilter_http_timeouts_total{phase="body"})") == 1);
}

TEST_CASE("#21 - http serve: a keep-alive connection idle past "
          "--keep-alive-timeout is closed, and served until then",
          "[http][defences]") {
  http::ServiceOptions options;
  options.keep_alive_timeout = milliseconds(300);
  TestServer server(options);
  Socket client(server.port(), kClientTimeout);
  for (int i = 0; i < 3; ++i) {
    REQUIRE(client.send(get_request("/healthz", true)));
    REQUIRE(client.receive_one().status == 200);
    std::this_thread::sleep_for(milliseconds(100));
  }
  const auto start = Clock::now();
  CHECK(client.closed_within(milliseconds(3000)));
  CHECK(Clock::now() - start >= milliseconds(150));
  CHECK(metric(server, R"(modfilter_http_timeouts_total{phase="idle"})") == 1);
}

TEST_CASE("#21 - http serve: headers over --max-header-bytes or "
          "--max-header-count are a 431 in JSON",
          "[http][defences]") {
  http::ServiceOptions options;
  options.max_header_bytes = 2048;
  options.max_header_count = 10;
  TestServer server(options);
  {
    Socket big(server.port(), kClientTimeout);
    REQUIRE(big.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " +
                     std::string(4096, 'a') + "\r\n\r\n"));
    const Socket::Response response = big.receive();
    CHECK(response.status == 431);
    CHECK(response.body.find("over the limit of 2048 bytes") != std::string::npos);
  }
  {
    Socket many(server.port(), kClientTimeout);
    std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 20; ++i) request += "X-" + std::to_string(i) + ": y\r\n";
    REQUIRE(many.send(request + "\r\n"));
    const Socket::Response response = many.receive();
    CHECK(response.status == 431);
    CHECK(response.body.find("21 header lines, over the limit of 10") !=
          std::string::npos);
  }
  CHECK(metric(server, R"(modfilter_http_headers_refused_total{limit="bytes"})") == 1);
  CHECK(metric(server, R"(modfilter_http_headers_refused_total{limit="count"})") == 1);
  CHECK(metric(server, R"(modfilter_http_requests_total{endpoint="other",code="431"})") == 2);
}

TEST_CASE("#21 - screening pool: a full queue refuses new work and runs what "
          "it took",
          "[http][defences]") {
  std::latch release(1);
  std::atomic<int> ran{0};
  {
    http::ScreeningPool pool(1, 2);
    CHECK(pool.try_post([&] { release.wait(); ++ran; }));
    // The thread is busy; two may wait, the third may not.
    REQUIRE(modfilter::testing::eventually([&] { return pool.queued() == 0; }));
    CHECK(pool.try_post([&] { ++ran; }));
    CHECK(pool.try_post([&] { ++ran; }));
    CHECK_FALSE(pool.try_post([&] { ++ran; }));
    CHECK(pool.queued() == 2);
    release.count_down();
  }
  CHECK(ran == 3);
}

TEST_CASE("#21 - http serve: with the screening queue full, requests get 503 "
          "with Retry-After, not unbounded latency",
          "[http][defences]") {
  http::ServiceOptions options;
  options.threads = 1;
  options.max_queue = 1;
  TestServer server(options);
  // Batches that take the one screening thread a while each.
  std::string batch = "[";
  for (int i = 0; i < 300; ++i) {
    batch += (i ? "," : "");
    batch += R"({"text":")" + std::string(4000, i % 2 ? 'a' : 'b') + " you idiot\"}";
  }
  batch += "]";
  const std::string request =
      storm::request_head("/v1/screen/batch", "application/json", batch.size()) + batch;
  std::vector<Socket> clients;
  for (int i = 0; i < 8; ++i) clients.emplace_back(server.port(), std::chrono::seconds(30));
  for (Socket& c : clients) REQUIRE(c.send(request));
  int ok = 0, busy = 0;
  for (Socket& c : clients) {
    const Socket::Response response = c.receive();
    if (response.status == 200) ++ok;
    if (response.status == 503) {
      ++busy;
      CHECK(response.body.find("the server is busy") != std::string::npos);
      CHECK(response.head.find("Retry-After: 1") != std::string::npos);
    }
  }
  CHECK(ok >= 1);
  CHECK(busy >= 1);
  CHECK(ok + busy == 8);
  CHECK(metric(server, "modfilter_http_queue_full_total") == busy);
}
