#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "engine/compiler/span_finder.h"

using modfilter::SpanFinder;

TEST_CASE("a deferred span finder finds the starts an eager one finds",
          "[compiler][span]") {
  const char* regex = R"(https?://\S+)";
  const auto eager = SpanFinder::create(regex);
  const auto deferred = SpanFinder::deferred(regex);
  REQUIRE(eager != nullptr);
  REQUIRE(deferred != nullptr);
  const std::string_view text = "see http://a.example now";
  CHECK(deferred->start(text, 20) == eager->start(text, 20));
  CHECK(deferred->start(text, 20) == std::optional<std::size_t>(4));
  CHECK(deferred->start(text, 2) == std::nullopt);
}

TEST_CASE("a deferred span finder compiles once when many threads first use "
          "it together", "[compiler][span]") {
  const auto finder = SpanFinder::deferred(R"(\d{3}-\d{4})");
  const std::string_view text = "call 555-1234 today";
  std::vector<std::optional<std::size_t>> starts(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < starts.size(); ++t) {
    threads.emplace_back([&, t] { starts[t] = finder->start(text, 13); });
  }
  for (auto& t : threads) t.join();
  for (const auto& s : starts) CHECK(s == std::optional<std::size_t>(5));
}

TEST_CASE("a deferred span finder whose regex RE2 refuses finds nothing",
          "[compiler][span]") {
  // Lookahead: Hyperscan takes it, RE2 does not.
  CHECK(SpanFinder::create("a(?=b)") == nullptr);
  const auto deferred = SpanFinder::deferred("a(?=b)");
  REQUIRE(deferred != nullptr);
  CHECK(deferred->start("ab", 1) == std::nullopt);
}
