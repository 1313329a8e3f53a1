// hostile_storm: issue 21's storm against `modfilter serve` with its
// default defences. On loopback only, for --seconds:
//   - --slow connections (1,000) from 127.0.0.10-19 that send a request's
//     headers, or its headers and then its body, at one byte a second and
//     never finish; each one the server closes is opened again;
//   - --idle keep-alive connections (2,000) from 127.0.0.20-29 that make
//     one request and then wait; reopened when closed;
//   - --greedy connections (300) from 127.0.0.30 alone, over the
//     per-address cap (256), so that some are refused;
//   - --clients normal clients (64) from 127.0.0.2 on keep-alive
//     connections, sending single comments, batches of 100 and Perspective
//     requests, measuring each;
//   - three rule reloads and one broken one, by SIGHUP.
// Then the attackers leave and --after single requests measure the
// service's latency afterwards. Prints p50/p99/max by kind, errors, the
// designed 503s, peak RSS and open connections beside the aims.
//
// By default the normal clients send as fast as they can (a closed loop),
// which saturates the two cores: their latency is then queueing behind
// each other (Little's law: clients / throughput), not the attack's doing.
// --load F instead first measures, with no attacker, what the clients
// reach in a closed loop (the capacity), then sends at F times it on a
// fixed schedule, with no attacker and then through the storm, so that the
// two latencies compare the same offered load in the same run. A paced
// request's latency counts from when it was due, not when it was sent, so
// a stalled server is not hidden by clients that wait for it. Exit 0
// when every normal request got 200 or a designed 503, the reloads were
// counted as they should be and the service exited 0 on SIGTERM; 1
// otherwise; 2 when it could not be set up. Latency aims are reported, not
// enforced (the machine's load decides them).
//
//   ulimit -n 16384; build/tests/hostile_storm --modfilter build/cli/modfilter
//       --rules rules --texts ../shared/data/olid.dev.jsonl
#include <CLI/CLI.hpp>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "engine/io/comment_reader.h"
#include "engine/io/json_writer.h"
#include "tests/storm/http_wire.h"
#include "tests/storm/storm_support.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using namespace modfilter;
using namespace modfilter::storm;

namespace {

struct HostileOptions {
  std::string modfilter;
  std::string rules;
  std::string texts;
  std::size_t slow = 1000;
  std::size_t idle = 2000;
  std::size_t greedy = 300;
  std::size_t clients = 64;
  long seconds = 60;
  std::size_t after = 200;
  double load = 0;  // 0: closed loop; else a fraction of the capacity
  long calm_seconds = 10;
};

constexpr const char* kExtraRule =
    "rules:\n  - id: storm.extra\n    category: abuse\n"
    "    reason: Marks rule set B\n    action: review\n    words: [the]\n";
constexpr const char* kBrokenRule =
    "rules:\n  - id: storm.broken\n    category: no-such-category\n";

std::string address(int last_octet) { return "127.0.0." + std::to_string(last_octet); }

std::string keep_alive_post(std::string_view path, std::string_view body) {
  return "POST " + std::string(path) +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         std::string(body);
}

// Latencies of one kind of request, in microseconds.
struct Latencies {
  std::mutex mutex;
  std::vector<long> us;
  void add(Clock::duration d) {
    std::lock_guard lock(mutex);
    us.push_back(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
  }
  // p-th percentile in ms.
  double percentile(double p) {
    std::lock_guard lock(mutex);
    if (us.empty()) return 0;
    std::sort(us.begin(), us.end());
    const std::size_t at = std::min(us.size() - 1, static_cast<std::size_t>(p / 100 * us.size()));
    return static_cast<double>(us[at]) / 1000.0;
  }
};

// The normal clients' requests of one phase of the run.
struct Phase {
  Latencies single, batch, analyze, all;
  std::atomic<std::size_t> ok{0}, busy{0}, errors{0};
  std::mutex error_mutex;
  std::vector<std::string> error_examples;
  double seconds = 0;

  std::size_t requests() const { return ok + busy + errors; }
};

class Hostile {
 public:
  Hostile(HostileOptions options, std::vector<std::string> texts, int port)
      : options_(std::move(options)), texts_(std::move(texts)), port_(port) {}

  std::atomic<bool> stop{false};
  std::atomic<std::size_t> reconnects{0};
  std::atomic<std::size_t> refused{0};

  // Slow connections: half stall in the headers, half in the body.
  void run_slow() {
    std::vector<Socket> sockets;
    auto open = [&](std::size_t i) {
      Socket s(port_, milliseconds(2000), address(10 + static_cast<int>(i % 10)));
      const std::string start = i % 2 == 0
          ? std::string("POST /v1/screen HTTP/1.1\r\nHost: 127.0.0.1\r\nX-")
          : request_head("/v1/screen", "application/json", 1000) + "{\"text\":\"";
      if (s.ok()) s.send_now(start);
      return s;
    };
    for (std::size_t i = 0; i < options_.slow && !stop; ++i) sockets.push_back(open(i));
    while (!stop) {
      const auto next = Clock::now() + std::chrono::seconds(1);
      for (std::size_t i = 0; i < sockets.size() && !stop; ++i) {
        if (!sockets[i].ok() || sockets[i].peer_closed() || !sockets[i].send_now("a")) {
          sockets[i] = open(i);
          ++reconnects;
        }
      }
      std::this_thread::sleep_until(next);
    }
  }

  // Idle keep-alive connections from `first`..`first + spread - 1`.
  void run_idle(std::size_t count, int first, int spread) {
    std::vector<Socket> sockets;
    auto open = [&](std::size_t i) {
      Socket s(port_, milliseconds(2000), address(first + static_cast<int>(i % spread)));
      if (s.ok() && s.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") &&
          s.receive_one().status == 200) {
        return s;
      }
      ++refused;
      return Socket(-1, milliseconds(1));
    };
    for (std::size_t i = 0; i < count && !stop; ++i) sockets.push_back(open(i));
    while (!stop) {
      const auto next = Clock::now() + milliseconds(500);
      for (std::size_t i = 0; i < sockets.size() && !stop; ++i) {
        if (!sockets[i].ok() || sockets[i].peer_closed()) {
          sockets[i] = open(i);
          ++reconnects;
        }
      }
      std::this_thread::sleep_until(next);
    }
  }

  // One normal client: keep-alive, reconnecting when the server closes;
  // every `interval` (zero: as fast as it can) until `done`.
  void run_client(std::size_t c, Phase& phase, const std::atomic<bool>& done,
                  Clock::duration interval) {
    std::size_t n = c;
    std::optional<Socket> socket;
    // Clients start spread over one interval rather than all at once.
    auto due = Clock::now() + interval * static_cast<long>(c) /
                                  static_cast<long>(std::max<std::size_t>(options_.clients, 1));
    while (!done) {
      if (interval > Clock::duration::zero()) {
        std::this_thread::sleep_until(due);
        if (done) break;
      }
      if (!socket || !socket->ok()) socket.emplace(port_, milliseconds(10000), "127.0.0.2");
      ++n;
      const std::string& text = texts_[n % texts_.size()];
      std::string body, path;
      Latencies* kind = &phase.single;
      if (n % 10 == 0) {
        path = "/v1/screen/batch";
        kind = &phase.batch;
        body = "[";
        for (std::size_t i = 0; i < 100; ++i) {
          if (i > 0) body += ',';
          body += "{\"text\":";
          append_json_string(body, texts_[(n + i) % texts_.size()]);
          body += '}';
        }
        body += ']';
      } else if (n % 10 == 5) {
        path = "/v1alpha1/comments:analyze";
        kind = &phase.analyze;
        body = "{\"comment\":{\"text\":";
        append_json_string(body, text);
        body += "},\"requestedAttributes\":{\"TOXICITY\":{},\"THREAT\":{}}}";
      } else {
        path = "/v1/screen";
        body = "{\"id\":\"n" + std::to_string(n) + "\",\"text\":";
        append_json_string(body, text);
        body += '}';
      }
      const auto start = interval > Clock::duration::zero() ? due : Clock::now();
      due += interval;
      Socket::Response r;
      if (socket->send(keep_alive_post(path, body))) r = socket->receive_one();
      const auto elapsed = Clock::now() - start;
      if (r.status == 0) {
        // The server may close a keep-alive connection between requests
        // (its idle timeout); a second failure on a new one is an error.
        socket.emplace(port_, milliseconds(10000), "127.0.0.2");
        const auto retry = Clock::now();
        if (socket->send(keep_alive_post(path, body))) r = socket->receive_one();
        if (r.status != 0) {
          const auto since = Clock::now() - (interval > Clock::duration::zero() ? start : retry);
          kind->add(since);
          phase.all.add(since);
        }
      } else {
        kind->add(elapsed);
        phase.all.add(elapsed);
      }
      const bool expected_body =
          r.body.find(kind == &phase.analyze ? "\"attributeScores\"" : "\"verdict\"") !=
          std::string::npos;
      if (r.status == 200 && expected_body) {
        ++phase.ok;
      } else if (r.status == 503 && r.head.find("Retry-After") != std::string::npos) {
        ++phase.busy;
      } else {
        ++phase.errors;
        std::lock_guard lock(phase.error_mutex);
        if (phase.error_examples.size() < 10) {
          phase.error_examples.push_back(path + ": " + std::to_string(r.status) + " " +
                                   r.body.substr(0, 200));
        }
        socket.reset();
      }
    }
  }

 private:
  HostileOptions options_;
  std::vector<std::string> texts_;
  int port_;
};

// The normal clients, sending into one phase from construction to stop().
class Clients {
 public:
  Clients(Hostile& hostile, Phase& phase, std::size_t count, Clock::duration interval)
      : phase_(phase), start_(Clock::now()) {
    for (std::size_t c = 0; c < count; ++c) {
      threads_.emplace_back([&hostile, &phase, this, c, interval] {
        hostile.run_client(c, phase, done_, interval);
      });
    }
  }
  ~Clients() { stop(); }
  Clients(const Clients&) = delete;
  Clients& operator=(const Clients&) = delete;

  void stop() {
    if (threads_.empty()) return;
    done_ = true;
    threads_.clear();
    phase_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  }

 private:
  Phase& phase_;
  Clock::time_point start_;
  std::atomic<bool> done_{false};
  std::vector<std::jthread> threads_;
};

void print_phase(const char* name, Phase& phase) {
  std::printf("%s: %zu normal requests (%.0f/s): 200 %zu, designed 503 %zu, errors %zu\n",
              name, phase.requests(), static_cast<double>(phase.requests()) / phase.seconds,
              phase.ok.load(), phase.busy.load(), phase.errors.load());
  for (const std::string& e : phase.error_examples) std::printf("  %s\n", e.c_str());
  struct { const char* name; Latencies* l; } kinds[] = {
      {"single", &phase.single}, {"batch of 100", &phase.batch},
      {"perspective", &phase.analyze}, {"all", &phase.all}};
  for (auto& k : kinds) {
    std::printf("  %-13s n=%-7zu p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms\n", k.name,
                k.l->us.size(), k.l->percentile(50), k.l->percentile(99),
                k.l->percentile(100));
  }
}

std::vector<std::string> load_texts(const std::string& path) {
  std::vector<std::string> texts;
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    CommentReader reader(in, path, ReaderOptions{});
    InputRecord record;
    while (reader.next(record)) {
      if (!record.error) texts.emplace_back(record.text);
    }
  }
  if (texts.empty()) {
    texts = {"thanks for the article", "you are an idiot", "I will kill you",
             "check out my channel http://spam.example", "the council meets"};
  }
  return texts;
}

const char* aim(bool met) { return met ? "met" : "MISSED"; }

constexpr long kCapacitySeconds = 5;

int run(const HostileOptions& options) {
  const long before_storm = options.load > 0 ? kCapacitySeconds + options.calm_seconds : 0;
  const auto deadline = Clock::now() + std::chrono::seconds(options.seconds + before_storm + 60);
  const fs::path work = fs::temp_directory_path() /
                        ("hostile-storm-" + std::to_string(::getpid()));
  fs::remove_all(work);
  const fs::path live = copy_rules(options.rules, work / "server");
  const std::vector<std::string> texts = load_texts(options.texts);

  rlimit files{};
  ::getrlimit(RLIMIT_NOFILE, &files);
  const std::size_t needed = options.slow + options.idle + options.greedy +
                             options.clients + 256;
  if (files.rlim_cur < needed) {
    std::fprintf(stderr,
                 "hostile_storm: the open-file limit is %llu, %zu needed: run "
                 "ulimit -n %zu first (benchmarks/hostile_storm.sh does)\n",
                 static_cast<unsigned long long>(files.rlim_cur), needed, needed);
    return 2;
  }
  const fs::path log = work / "serve.log";
  ServeProcess serve(options.modfilter,
                     {"--rules", live.string(), "--summary-interval", "0"}, log);
  if (!serve.wait_ready(deadline)) {
    std::fprintf(stderr, "hostile_storm: the service did not start; see %s\n",
                 log.c_str());
    return 2;
  }
  const int port = serve.port();
  Hostile storm(options, texts, port);
  long peak_rss = 0;
  double peak_open = 0;
  std::atomic<bool> sampling{true};
  std::jthread sampler([&] {
    for (int tick = 0; sampling; ++tick) {
      peak_rss = std::max(peak_rss, rss_kb(serve.pid()));
      if (tick % 10 == 0) {
        const std::string open = metric(exchange(port, "GET", "/metrics").body,
                                        "modfilter_http_connections_open");
        if (open != "?") peak_open = std::max(peak_open, std::stod(open));
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
  });
  // The same offered load with no attacker and through the storm.
  Phase capacity, calm, during;
  Clock::duration interval = Clock::duration::zero();
  if (options.load > 0) {
    {
      Clients c(storm, capacity, options.clients, interval);
      std::this_thread::sleep_for(std::chrono::seconds(kCapacitySeconds));
    }
    if (capacity.ok == 0) {
      std::fprintf(stderr, "hostile_storm: no request succeeded while measuring the "
                           "capacity; see %s\n", log.c_str());
      return 2;
    }
    const double rate = static_cast<double>(capacity.requests()) / capacity.seconds * options.load;
    interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(static_cast<double>(options.clients) / rate));
    Clients c(storm, calm, options.clients, interval);
    std::this_thread::sleep_for(std::chrono::seconds(options.calm_seconds));
  }
  std::vector<std::jthread> attackers;
  attackers.emplace_back([&] { storm.run_slow(); });
  attackers.emplace_back([&] { storm.run_idle(options.idle, 20, 10); });
  attackers.emplace_back([&] { storm.run_idle(options.greedy, 30, 1); });
  // Let the attack build up before the clients come.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const auto storm_start = Clock::now();
  Clients clients(storm, during, options.clients, interval);
  // Reloads at a fifth, two, three and four fifths of the run.
  const struct { const char* file; const char* result; } steps[] = {
      {kExtraRule, "success"}, {kBrokenRule, "failure"},
      {nullptr, "success"}, {kExtraRule, "success"}};
  std::vector<std::string> reload_failures;
  std::size_t succeeded = 0, failed = 0;
  for (std::size_t step = 0; step < 4; ++step) {
    std::this_thread::sleep_until(storm_start +
                                  std::chrono::seconds(options.seconds) * (step + 1) / 5);
    if (steps[step].file) {
      write_file(live / "storm-extra.yaml", steps[step].file);
    } else {
      fs::remove(live / "storm-extra.yaml");
    }
    const bool success = std::string(steps[step].result) == "success";
    if (!serve.reload(steps[step].result, success ? succeeded : failed)) {
      reload_failures.push_back("reload " + std::to_string(step + 1) +
                                " was not counted as a " + steps[step].result);
    }
    (success ? succeeded : failed) += 1;
    if (!success) fs::remove(live / "storm-extra.yaml");
  }
  std::this_thread::sleep_until(storm_start + std::chrono::seconds(options.seconds));
  const std::string storm_metrics = exchange(port, "GET", "/metrics").body;
  clients.stop();
  storm.stop = true;
  attackers.clear();

  // Afterwards: one client, one request at a time.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  Latencies after;
  std::size_t after_errors = 0;
  {
    Socket socket(port, milliseconds(5000), "127.0.0.2");
    for (std::size_t i = 0; i < options.after; ++i) {
      const auto start = Clock::now();
      Socket::Response r;
      if (socket.send(keep_alive_post("/v1/screen", R"({"text":"you idiot"})"))) {
        r = socket.receive_one();
      }
      after.add(Clock::now() - start);
      if (r.status != 200) ++after_errors;
    }
  }
  sampling = false;
  sampler.join();
  const bool alive = serve.alive();
  const bool clean_exit = serve.stop();

  std::printf("hostile_storm: %.0f s; attackers: %zu slow (1 byte/s), %zu idle "
              "keep-alive, %zu greedy from one address; %zu normal clients\n",
              during.seconds, options.slow, options.idle, options.greedy, options.clients);
  if (options.load > 0) {
    print_phase("capacity, closed loop, no attacker", capacity);
    std::printf("normal clients paced at %.2f of that capacity (%.0f requests/s)\n",
                options.load,
                static_cast<double>(options.clients) /
                    std::chrono::duration<double>(interval).count());
    print_phase("paced, no attacker", calm);
    print_phase("paced, during the storm", during);
  } else {
    print_phase("closed loop, during the storm", during);
  }
  const double p99 = during.all.percentile(99);
  std::printf("aim: p99 <= 20 ms during the storm: %.2f ms, %s\n", p99, aim(p99 <= 20));
  if (options.load > 0 && calm.all.percentile(99) > 0) {
    std::printf("  p99 during the storm / p99 without it, same offered load: %.2fx\n",
                p99 / calm.all.percentile(99));
  }
  std::printf("aim: no error but the designed 503s: %zu errors, %s\n",
              during.errors.load() + calm.errors.load(),
              aim(during.errors == 0 && calm.errors == 0));
  std::printf("aim: RSS < 300 MB with the connections open: peak %.1f MB "
              "(peak open connections seen %.0f), %s\n",
              static_cast<double>(peak_rss) / 1024.0, peak_open, aim(peak_rss < 300 * 1024));
  const double after_p99 = after.percentile(99);
  std::printf("aim: after the storm a request in <= 5 ms: p50 %.2f ms, p99 %.2f ms, "
              "errors %zu, %s\n",
              after.percentile(50), after_p99, after_errors, aim(after_p99 <= 5));
  std::printf("attack: %zu connections reopened after the server closed them, "
              "%zu refused or unanswered\n",
              storm.reconnects.load(), storm.refused.load());
  for (const char* name :
       {"modfilter_http_connections_refused_total{reason=\"per_address\"}",
        "modfilter_http_connections_refused_total{reason=\"max_connections\"}",
        "modfilter_http_timeouts_total{phase=\"header\"}",
        "modfilter_http_timeouts_total{phase=\"body\"}",
        "modfilter_http_timeouts_total{phase=\"idle\"}",
        "modfilter_http_queue_full_total"}) {
    std::printf("  %s %s\n", name, metric(storm_metrics, name).c_str());
  }
  std::printf("reloads: %zu success, %zu failure%s\n", succeeded, failed,
              reload_failures.empty() ? "" : " (NOT AS EXPECTED)");
  for (const std::string& f : reload_failures) std::printf("  %s\n", f.c_str());
  std::printf("service: %s, %s\n", alive ? "alive" : "DEAD",
              clean_exit ? "exit 0 on SIGTERM" : "DID NOT EXIT CLEANLY");
  const bool ok = during.errors == 0 && calm.errors == 0 && capacity.errors == 0 &&
                  during.ok > 0 && reload_failures.empty() &&
                  alive && clean_exit && after_errors == 0;
  return finish_run(ok, work, log);
}

}  // namespace

int main(int argc, char** argv) {
  HostileOptions options;
  CLI::App app{"hostile_storm: slow and idle connections against modfilter "
               "serve while normal clients are measured (issue 21)"};
  app.add_option("--modfilter", options.modfilter, "the modfilter binary")->required();
  app.add_option("--rules", options.rules, "rule file or directory")->required();
  app.add_option("--texts", options.texts, "JSON Lines of comments to send");
  app.add_option("--slow", options.slow)->capture_default_str();
  app.add_option("--idle", options.idle)->capture_default_str();
  app.add_option("--greedy", options.greedy)->capture_default_str();
  app.add_option("--clients", options.clients)->capture_default_str();
  app.add_option("--seconds", options.seconds, "length of the storm")
      ->capture_default_str()->check(CLI::Range(5, 3600));
  app.add_option("--after", options.after, "requests measured after it")
      ->capture_default_str();
  app.add_option("--load", options.load,
                 "0: normal clients in a closed loop; F in (0,1]: paced at F times "
                 "the capacity measured first, with and without the storm")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  app.add_option("--calm-seconds", options.calm_seconds,
                 "with --load: the paced phase without attackers")
      ->capture_default_str()->check(CLI::Range(1, 600));
  CLI11_PARSE(app, argc, argv);
  ::signal(SIGPIPE, SIG_IGN);
  return run(options);
}
