// serve_storm: issue #11's storm against `modfilter serve`. Starts the
// service on a loopback port with a copy of a rule set, then sends
// --requests requests over --connections concurrent connections, a fixed
// mix of valid, malformed, oversize, slow (one body byte per 100 ms) and
// aborted ones, while three SIGHUP reloads swap the rules (A -> B, a
// broken set that must be refused, B -> A). It checks that the service
// never dies, that every valid request gets exactly the verdict
// Engine::screen gives its text under the rule set the answer names, that
// every bad one gets its status, and that the resident memory over the
// last half of the run stays within 10%. Exit 0 when all hold, 1 when one
// does not, 2 when the run could not be set up. Loopback only; bounded by
// --seconds.
//
// CI runs it small (tests/faults_serve_test.cpp); the full run:
//   build/tests/serve_storm --modfilter build/cli/modfilter --rules rules
//       --texts ../shared/data/olid.dev.jsonl
#include <CLI/CLI.hpp>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "engine/io/comment_reader.h"
#include "engine/io/json_writer.h"
#include "tests/storm/http_wire.h"
#include "tests/storm/storm_support.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace modfilter;
using namespace modfilter::storm;

namespace {

struct StormOptions {
  std::string modfilter;
  std::string rules;
  std::string texts;  // JSON Lines with "text"; empty: built-in texts
  std::size_t requests = 10000;
  std::size_t connections = 200;
  std::size_t slow = 100;
  long seconds = 600;
  std::size_t max_body_bytes = 64 << 10;
  std::size_t max_text_bytes = 8 << 10;
};

// What rule set B adds to A: a rule on a common word, so that most
// verdicts tell which set screened them.
constexpr const char* kExtraRule =
    "rules:\n  - id: storm.extra\n    category: abuse\n"
    "    reason: Marks rule set B\n    action: review\n    words: [the]\n";
constexpr const char* kBrokenRule =
    "rules:\n  - id: storm.broken\n    category: no-such-category\n";

const std::vector<std::string> kBuiltInTexts = {
    "thanks for the article, very helpful",
    "you are an idiot and everyone knows it",
    "I will kill you",
    "what the f*ck is this",
    "check out my channel http://spam.example",
    "the council meets again on tuesday",
    "Ｙｏｕ ａｒｅ ａｎ ｉｄｉｏｔ",
    "s.h.i.t happens",
    "caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9",
    "bad \xff byte"};

enum class Kind { kValid, kSlow, kMalformed, kNoText, kWrongType, kOversizeBody,
                  kOversizeText, kAbortedBody, kAbortedHead };
constexpr const char* kKindNames[] = {"valid", "slow", "malformed", "no-text",
                                      "wrong-type", "oversize-body",
                                      "oversize-text", "aborted-body",
                                      "aborted-head"};

// The mix, by request index: 1 in every `slow_every` is slow; of the rest,
// per 100: 70 valid, 4 malformed, 3 without text, 3 of the wrong type,
// 3 oversize bodies, 2 oversize texts, 10 aborted bodies, 5 aborted heads.
Kind kind_of(std::size_t i, std::size_t slow_every) {
  if (slow_every > 0 && i % slow_every == slow_every / 2) return Kind::kSlow;
  const std::size_t r = (i * 37) % 100;  // spread the kinds over time
  if (r < 70) return Kind::kValid;
  if (r < 74) return Kind::kMalformed;
  if (r < 77) return Kind::kNoText;
  if (r < 80) return Kind::kWrongType;
  if (r < 83) return Kind::kOversizeBody;
  if (r < 85) return Kind::kOversizeText;
  if (r < 95) return Kind::kAbortedBody;
  return Kind::kAbortedHead;
}

struct Tally {
  std::mutex mutex;
  std::map<std::string, std::size_t> outcomes;  // "valid 200" -> count
  std::map<std::string, std::size_t> by_ruleset;  // valid answers per set
  std::size_t wrong = 0;
  std::vector<std::string> examples;  // the first wrong answers

  void count(Kind kind, int status) {
    std::lock_guard lock(mutex);
    ++outcomes[std::string(kKindNames[static_cast<int>(kind)]) + " " +
               std::to_string(status)];
  }
  void count_ruleset(const std::string& which) {
    std::lock_guard lock(mutex);
    ++by_ruleset[which];
  }
  void fail(std::string what) {
    std::lock_guard lock(mutex);
    ++wrong;
    if (examples.size() < 10) examples.push_back(std::move(what));
  }
};

std::vector<std::string> load_texts(const std::string& path) {
  if (path.empty()) return kBuiltInTexts;
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> texts;
  CommentReader reader(in, path, ReaderOptions{});
  InputRecord record;
  while (reader.next(record)) {
    if (!record.error) texts.emplace_back(record.text);
  }
  return texts;
}

class Storm {
 public:
  Storm(StormOptions options, std::vector<std::string> texts,
        std::map<std::string, const Engine*> engines, int port, pid_t server)
      : options_(std::move(options)), texts_(std::move(texts)),
        engines_(std::move(engines)), port_(port), server_(server) {}

  void run_worker() {
    const std::size_t slow_every =
        options_.slow > 0 ? std::max<std::size_t>(options_.requests / options_.slow, 1) : 0;
    for (;;) {
      const std::size_t i = next_.fetch_add(1);
      if (i >= options_.requests || Clock::now() > deadline_) return;
      one(i, kind_of(i, slow_every));
      done_.fetch_add(1);
    }
  }

  void set_deadline(Clock::time_point deadline) { deadline_ = deadline; }
  std::size_t done() const { return done_.load(); }
  Tally& tally() { return tally_; }

 private:
  std::string screen_body(std::size_t i, std::string_view text) const {
    std::string body = "{\"id\":\"r" + std::to_string(i) + "\",\"text\":";
    append_json_string(body, text);
    body += '}';
    return body;
  }

  void check_verdict(std::size_t i, std::string_view text,
                     const Socket::Response& r) {
    const auto at = r.body.rfind("\"ruleset\":\"");
    const auto end = at == std::string::npos ? at : r.body.find('"', at + 11);
    const std::string id =
        end == std::string::npos ? "" : r.body.substr(at + 11, end - at - 11);
    const auto engine = engines_.find(id);
    if (engine == engines_.end()) {
      tally_.fail("r" + std::to_string(i) + ": unknown rule set in " + r.body);
      return;
    }
    tally_.count_ruleset(id == engines_.begin()->first ? "first" : "second");
    Verdict verdict;
    engine->second->screen(text, verdict);
    std::string expected = "{\"id\":\"r" + std::to_string(i) + "\",";
    append_verdict_members(expected, verdict, text);
    expected += '}';
    if (r.body != expected) {
      tally_.fail("r" + std::to_string(i) + ": got " + r.body + " expected " + expected);
    }
  }

  void expect_status(std::size_t i, Kind kind, const Socket::Response& r, int want) {
    tally_.count(kind, r.status);
    if (r.status != want) {
      tally_.fail("r" + std::to_string(i) + " (" + kKindNames[static_cast<int>(kind)] +
                  "): status " + std::to_string(r.status) + ", expected " +
                  std::to_string(want) + ": " + r.body);
    }
  }

  void one(std::size_t i, Kind kind) {
    const std::string& text = texts_[i % texts_.size()];
    switch (kind) {
      case Kind::kValid: {
        const auto r = exchange(port_, "POST", "/v1/screen", screen_body(i, text));
        expect_status(i, kind, r, 200);
        if (r.status == 200) check_verdict(i, text, r);
        break;
      }
      case Kind::kSlow: {
        // A short text: at 100 ms a byte, the body takes a few seconds.
        const std::string& short_text = kBuiltInTexts[i % kBuiltInTexts.size()];
        const std::string body = screen_body(i, short_text);
        Socket socket(port_, std::chrono::seconds(30));
        bool sent = socket.ok() &&
                    socket.send(request_head("/v1/screen", "application/json", body.size()));
        for (std::size_t b = 0; sent && b < body.size(); ++b) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
          sent = socket.send(std::string_view(body).substr(b, 1));
        }
        const auto r = sent ? socket.receive() : Socket::Response{};
        expect_status(i, kind, r, 200);
        if (r.status == 200) check_verdict(i, short_text, r);
        break;
      }
      case Kind::kMalformed:
        expect_status(i, kind,
                      exchange(port_, "POST", "/v1/screen",
                               "{\"id\":\"r" + std::to_string(i) + "\",\"text\":\"unterminated"),
                      400);
        break;
      case Kind::kNoText:
        expect_status(i, kind,
                      exchange(port_, "POST", "/v1/screen", "{\"id\":3,\"body\":\"x\"}"),
                      400);
        break;
      case Kind::kWrongType:
        expect_status(i, kind,
                      exchange(port_, "POST", "/v1/screen", screen_body(i, text),
                               "application/x-www-form-urlencoded"),
                      415);
        break;
      case Kind::kOversizeBody: {
        // Declares a body over the limit and sends its start only: the
        // answer must come without the rest.
        Socket socket(port_, std::chrono::seconds(30));
        const bool sent =
            socket.ok() &&
            socket.send(request_head("/v1/screen", "application/json",
                                     options_.max_body_bytes + 1)) &&
            socket.send(std::string(4096, ' '));
        expect_status(i, kind, sent ? socket.receive() : Socket::Response{}, 413);
        break;
      }
      case Kind::kOversizeText:
        expect_status(i, kind,
                      exchange(port_, "POST", "/v1/screen",
                               screen_body(i, std::string(options_.max_text_bytes + 1, 'a'))),
                      413);
        break;
      case Kind::kAbortedBody: {
        Socket socket(port_, std::chrono::seconds(30));
        const std::string body = screen_body(i, text);
        if (socket.ok() &&
            socket.send(request_head("/v1/screen", "application/json", body.size()))) {
          socket.send(std::string_view(body).substr(0, body.size() / 2));
        }
        if (socket.ok()) socket.reset();
        tally_.count(kind, 0);
        break;
      }
      case Kind::kAbortedHead: {
        Socket socket(port_, std::chrono::seconds(30));
        if (socket.ok()) {
          socket.send("POST /v1/screen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le");
          socket.reset();
        }
        tally_.count(kind, 0);
        break;
      }
    }
  }

  StormOptions options_;
  std::vector<std::string> texts_;
  std::map<std::string, const Engine*> engines_;
  int port_;
  pid_t server_;
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> done_{0};
  Clock::time_point deadline_ = Clock::time_point::max();
  Tally tally_;
};

int run(const StormOptions& options) {
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::seconds(options.seconds);
  const fs::path work = fs::temp_directory_path() /
                        ("serve-storm-" + std::to_string(::getpid()));
  fs::remove_all(work);
  const fs::path live = copy_rules(options.rules, work / "server");
  const fs::path rules_a = copy_rules(options.rules, work / "a");
  const fs::path rules_b = copy_rules(options.rules, work / "b");
  write_file(rules_b / "storm-extra.yaml", kExtraRule);
  auto engine_a = Engine::load(rules_a);
  auto engine_b = Engine::load(rules_b);
  if (!engine_a || !engine_b) {
    std::fprintf(stderr, "serve_storm: cannot load %s\n", options.rules.c_str());
    return 2;
  }
  const std::map<std::string, const Engine*> engines = {
      {engine_a->id(), &*engine_a}, {engine_b->id(), &*engine_b}};
  const std::vector<std::string> texts = load_texts(options.texts);
  if (texts.empty()) {
    std::fprintf(stderr, "serve_storm: no texts in %s\n", options.texts.c_str());
    return 2;
  }

  const fs::path log = work / "serve.log";
  ServeProcess serve(options.modfilter,
                     {"--rules", live.string(), "--max-body-bytes",
                      std::to_string(options.max_body_bytes), "--max-text-bytes",
                      std::to_string(options.max_text_bytes), "--summary-interval", "0"},
                     log);
  if (!serve.wait_ready(deadline)) {
    std::fprintf(stderr, "serve_storm: the service did not start; see %s\n",
                 log.c_str());
    return 2;
  }
  const int port = serve.port();
  const pid_t server = serve.pid();

  Storm storm(options, texts, engines, port, server);
  storm.set_deadline(deadline);
  std::vector<std::pair<std::size_t, long>> rss;  // (requests done, kB)
  std::atomic<bool> finished{false};
  std::jthread sampler([&] {
    while (!finished) {
      rss.emplace_back(storm.done(), rss_kb(server));
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  std::vector<std::string> reload_failures;
  std::jthread reloader([&] {
    // At a quarter, a half and three quarters of the run.
    const struct { const char* file; const char* result; } steps[] = {
        {kExtraRule, "success"}, {kBrokenRule, "failure"}, {nullptr, "success"}};
    std::size_t ok = 0, failed = 0;
    for (std::size_t step = 0; step < 3; ++step) {
      while (!finished && storm.done() < options.requests * (step + 1) / 4) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      if (finished) return;
      if (steps[step].file) {
        write_file(live / "storm-extra.yaml", steps[step].file);
      } else {
        fs::remove(live / "storm-extra.yaml");
      }
      const bool success = std::string(steps[step].result) == "success";
      if (!serve.reload(steps[step].result, success ? ok : failed)) {
        reload_failures.push_back("reload " + std::to_string(step + 1) +
                                  " was not counted as a " + steps[step].result);
      }
      (success ? ok : failed) += 1;
      // After the broken set, the live directory must compile again.
      if (!success) write_file(live / "storm-extra.yaml", kExtraRule);
    }
  });
  {
    std::vector<std::jthread> workers;
    for (std::size_t c = 0; c < options.connections; ++c) {
      workers.emplace_back([&] { storm.run_worker(); });
    }
  }
  reloader.join();
  finished = true;
  sampler.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  // Still alive and healthy?
  const bool alive = serve.alive();
  const bool healthy = alive && exchange(port, "GET", "/healthz").status == 200;
  const std::string metrics = alive ? exchange(port, "GET", "/metrics").body : "";
  const bool clean_exit = serve.stop();

  // Memory over the last half of the requests.
  long low = -1, high = -1;
  for (const auto& [done, kb] : rss) {
    if (done < options.requests / 2 || kb <= 0) continue;
    low = low < 0 ? kb : std::min(low, kb);
    high = std::max(high, kb);
  }
  const bool stable = low > 0 && high <= low + low / 10;

  Tally& tally = storm.tally();
  std::printf("serve_storm: %zu requests over %zu connections (%zu slow) in %.1f s\n",
              storm.done(), options.connections, options.slow, seconds);
  for (const auto& [outcome, n] : tally.outcomes) {
    std::printf("  %-22s %zu\n", outcome.c_str(), n);
  }
  for (const auto& [id, engine] : engines) {
    const std::string which = id == engines.begin()->first ? "first" : "second";
    std::printf("  answered by %s (%s) %zu\n", id.c_str(),
                engine == &*engine_a ? "A" : "B", tally.by_ruleset[which]);
  }
  std::printf("wrong answers: %zu\n", tally.wrong);
  for (const std::string& e : tally.examples) {
    std::printf("  %.600s\n", e.c_str());
  }
  std::printf("reloads: success %s, failure %s%s\n",
              metric(metrics, "modfilter_reloads_total{result=\"success\"}").c_str(),
              metric(metrics, "modfilter_reloads_total{result=\"failure\"}").c_str(),
              reload_failures.empty() ? "" : " (NOT AS EXPECTED)");
  for (const std::string& f : reload_failures) std::printf("  %s\n", f.c_str());
  std::printf("RSS over the last half: %ld..%ld kB (%.1f%% spread), %s\n", low,
              high, low > 0 ? 100.0 * static_cast<double>(high - low) / static_cast<double>(low) : 0.0,
              stable ? "stable" : "NOT STABLE");
  std::printf("service: %s, %s\n", healthy ? "alive and healthy" : "DEAD OR UNHEALTHY",
              clean_exit ? "exit 0 on SIGTERM" : "DID NOT EXIT CLEANLY");
  const bool all_done = storm.done() == options.requests;
  if (!all_done) std::printf("DEADLINE: only %zu requests done\n", storm.done());
  const bool ok = tally.wrong == 0 && reload_failures.empty() && stable &&
                  healthy && clean_exit && all_done;
  return finish_run(ok, work, log);
}

}  // namespace

int main(int argc, char** argv) {
  StormOptions options;
  CLI::App app{"serve_storm: a storm of good and bad requests against "
               "modfilter serve, with reloads (issue #11)"};
  app.add_option("--modfilter", options.modfilter, "the modfilter binary")->required();
  app.add_option("--rules", options.rules, "rule file or directory")->required();
  app.add_option("--texts", options.texts, "JSON Lines of comments to send");
  app.add_option("--requests", options.requests)->capture_default_str();
  app.add_option("--connections", options.connections)->capture_default_str();
  app.add_option("--slow", options.slow, "slow requests among them")->capture_default_str();
  app.add_option("--seconds", options.seconds, "give up after this long")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  ::signal(SIGPIPE, SIG_IGN);
  return run(options);
}
