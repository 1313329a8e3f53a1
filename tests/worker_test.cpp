// modfilter worker, enqueue and collect against a real redis-server
// (tests/redis_fixture.h): exactly one verdict per entry, a group shared
// by two workers, a worker killed mid-batch, Redis restarted mid-run,
// poison entries, SIGTERM with a batch in flight.
#include <catch2/catch.hpp>
#include <httplib.h>

#include <algorithm>
#include <map>
#include <set>

#include "service/worker/redis_address.h"
#include "service/worker/stream_entry.h"
#include "tests/redis_fixture.h"
#include "tests/support.h"

using namespace modfilter;
using namespace modfilter::testing;
using worker::RedisConnection;
using worker::StreamEntry;

namespace {

std::vector<StreamEntry> read_stream(RedisConnection& redis,
                                     const std::string& stream) {
  auto reply = redis.command({"XRANGE", stream, "-", "+"});
  REQUIRE(reply);
  std::vector<StreamEntry> entries;
  // XRANGE answers [[id, fields], ...]: the shape of one stream of XREAD.
  for (std::size_t i = 0; i < reply->view().size(); ++i) {
    const worker::ReplyView entry = reply->view()[i];
    StreamEntry& e = entries.emplace_back();
    e.stream = stream;
    e.id = std::string(entry[0].str());
    for (std::size_t f = 0; f + 1 < entry[1].size(); f += 2) {
      e.fields.emplace_back(entry[1][f].str(), entry[1][f + 1].str());
    }
  }
  return entries;
}

long long stream_length(RedisConnection& redis, const std::string& stream) {
  auto reply = redis.command({"XLEN", stream});
  REQUIRE(reply);
  return reply->view().integer();
}

long long pending_count(RedisConnection& redis, const std::string& stream,
                        const std::string& consumer = "") {
  auto reply = consumer.empty()
                   ? redis.command({"XPENDING", stream, "modfilter"})
                   : redis.command({"XPENDING", stream, "modfilter", "-", "+",
                                    "1000000", consumer});
  REQUIRE(reply);
  return consumer.empty() ? reply->view()[0].integer()
                          : static_cast<long long>(reply->view().size());
}

// Input entry id -> how many verdicts name it.
std::map<std::string, int> verdicts_per_entry(RedisConnection& redis) {
  std::map<std::string, int> counts;
  for (const StreamEntry& verdict : read_stream(redis, "out")) {
    REQUIRE(verdict.field("entry") != nullptr);
    ++counts[*verdict.field("entry")];
  }
  return counts;
}

std::set<std::string> entry_ids(RedisConnection& redis,
                                const std::string& stream = "in") {
  std::set<std::string> ids;
  for (const StreamEntry& e : read_stream(redis, stream)) ids.insert(e.id);
  return ids;
}

// XADD in * FIELDS...: the new entry's id.
std::string add_entry(RedisConnection& redis,
                      std::initializer_list<std::string_view> fields) {
  std::vector<std::string_view> args = {"XADD", "in", "*"};
  args.insert(args.end(), fields.begin(), fields.end());
  auto id = redis.command(args);
  REQUIRE(id);
  return std::string(id->view().str());
}

// `n` comments, one JSON object a line, some of them rejected by the
// test rules (tests/data/http/rules).
std::string comments(int n) {
  static const char* const kTexts[] = {"what a lovely day", "you idiot",
                                       "I will kill you", "see http://x.example",
                                       "nothing to see here"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "{\"id\":\"c-" + std::to_string(i) + "\",\"text\":\"" +
           kTexts[i % 5] + "\"}\n";
  }
  return out;
}

void enqueue(const RedisServer& redis, const TempDir& dir, int n,
             const std::string& stream = "in") {
  const auto file = dir.write("comments.jsonl", comments(n));
  const RunResult r = run_modfilter("enqueue --redis " + redis.url() +
                                    " --stream " + stream + " '" + file.string() + "'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

std::unique_ptr<ChildProcess> start_worker(const RedisServer& redis,
                                           const TempDir& dir,
                                           const std::string& consumer,
                                           std::vector<std::string> extra = {},
                                           std::string rules = "") {
  if (rules.empty()) rules = source_path("tests/data/http/rules").string();
  std::vector<std::string> args = {
      "worker", "--redis", redis.url(), "--out", "out",
      "--consumer", consumer, "--progress-interval", "0", "--rules", rules};
  // One input stream, unless a test names its own.
  if (std::find(extra.begin(), extra.end(), "--in") == extra.end()) {
    args.insert(args.end(), {"--in", "in"});
  }
  // Short reads, so that SIGTERM is taken at once, unless a test says.
  if (std::find(extra.begin(), extra.end(), "--block") == extra.end()) {
    args.insert(args.end(), {"--block", "0.05"});
  }
  args.insert(args.end(), extra.begin(), extra.end());
  auto child = std::make_unique<ChildProcess>(
      MODFILTER_BINARY, args, dir.path() / (consumer + ".log"));
  REQUIRE(child->started());
  return child;
}

// SIGTERM, then the exit code (the worker must stop within seconds).
int stop_worker(ChildProcess& worker) {
  worker.signal(SIGTERM);
  return worker.wait_for(std::chrono::seconds(20));
}

}  // namespace

TEST_CASE("worker: redis:// URLs are parsed, and bad ones say what to write",
          "[worker]") {
  auto full = worker::parse_redis_url("redis://cache.internal:6380/3");
  REQUIRE(full);
  CHECK(full->host == "cache.internal");
  CHECK(full->port == 6380);
  CHECK(full->db == 3);
  auto v6 = worker::parse_redis_url("redis://[::1]");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->port == 6379);
  for (const char* bad : {"http://localhost:6379", "redis://", "redis://h:0",
                          "redis://h:99999", "redis://h:6379/x",
                          "redis://user:pw@h:6379", "redis://h:"}) {
    INFO(bad);
    auto parsed = worker::parse_redis_url(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().hint.find("redis://HOST:PORT") != std::string::npos);
  }
  const RunResult r = run_modfilter("worker --redis localhost:6379 --in s");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("must start with redis://") != std::string::npos);
}

TEST_CASE("worker: 10,000 comments each get exactly one verdict, the one "
          "scan writes plus the input entry",
          "[worker]") {
  RedisServer redis;
  TempDir dir;
  enqueue(redis, dir, 10000);
  auto worker = start_worker(redis, dir, "w1");
  RedisConnection check = redis.connect();
  REQUIRE(eventually([&] { return stream_length(check, "out") >= 10000; }));
  CHECK(stop_worker(*worker) == 0);

  const auto counts = verdicts_per_entry(check);
  const auto inputs = entry_ids(check);
  CHECK(inputs.size() == 10000);
  CHECK(counts.size() == inputs.size());
  for (const auto& [entry, n] : counts) {
    INFO(entry);
    REQUIRE(inputs.count(entry) == 1);
    REQUIRE(n == 1);
  }
  CHECK(pending_count(check, "in") == 0);
  CHECK(worker->log().find("stopped comments=10000") != std::string::npos);

  // The record is scan's, with "stream" and "entry" before the verdict.
  const StreamEntry first = read_stream(check, "out").front();
  const RunResult scan = run_modfilter(
      "scan --rules '" + source_path("tests/data/http/rules").string() + "'",
      comments(1));
  REQUIRE(scan.exit_code == 0);
  std::string record = *first.field("json");
  const std::string where = "\"stream\":\"in\",\"entry\":\"" +
                            *first.field("entry") + "\",";
  REQUIRE(record.find(where) != std::string::npos);
  record.erase(record.find(where), where.size());
  CHECK(record + "\n" == scan.out);
  CHECK(*first.field("verdict") == "approve");
}

TEST_CASE("worker: two workers share a group and each entry is screened once",
          "[worker]") {
  RedisServer redis;
  TempDir dir;
  auto a = start_worker(redis, dir, "a", {"--batch", "20"});
  auto b = start_worker(redis, dir, "b", {"--batch", "20"});
  RedisConnection check = redis.connect();
  // Both reading before the comments come, so that neither starts late.
  REQUIRE(eventually([&] {
    auto consumers = check.command({"XINFO", "CONSUMERS", "in", "modfilter"});
    return consumers && consumers->view().size() == 2;
  }));
  enqueue(redis, dir, 6000);
  REQUIRE(eventually([&] { return stream_length(check, "out") >= 6000; }));
  CHECK(stop_worker(*a) == 0);
  CHECK(stop_worker(*b) == 0);
  const auto counts = verdicts_per_entry(check);
  CHECK(counts.size() == 6000);
  for (const auto& [entry, n] : counts) REQUIRE(n == 1);
  // Both took part (no claims: --claim-idle is 30 s).
  CHECK(a->log().find("stopped comments=0 ") == std::string::npos);
  CHECK(b->log().find("stopped comments=0 ") == std::string::npos);
  CHECK(a->log().find("claimed=0") != std::string::npos);
  CHECK(b->log().find("claimed=0") != std::string::npos);
}

TEST_CASE("worker: a worker killed with kill -9 mid-batch loses nothing, the "
          "other claims its entries",
          "[worker]") {
  RedisServer redis;
  TempDir dir;
  RedisConnection check = redis.connect();
  auto doomed = start_worker(redis, dir, "doomed",
                             {"--batch", "500", "--block", "10"});
  // Frozen while Redis holds its XREADGROUP blocked, it is handed the
  // first batch of what comes next and dies before acknowledging it.
  const bool blocked = eventually([&] {
    doomed->signal(SIGSTOP);
    auto clients = check.command({"CLIENT", "LIST"});
    REQUIRE(clients);
    if (clients->view().str().find("flags=b ") != std::string_view::npos) {
      return true;
    }
    doomed->signal(SIGCONT);
    return false;
  });
  if (!blocked) FAIL("the worker never waited on XREADGROUP:\n" << doomed->log());
  enqueue(redis, dir, 3000);
  REQUIRE(eventually([&] { return pending_count(check, "in", "doomed") > 0; }));
  const long long orphaned = pending_count(check, "in", "doomed");
  doomed->signal(SIGKILL);
  CHECK(doomed->wait() == 128 + SIGKILL);

  auto heir = start_worker(redis, dir, "heir", {"--claim-idle", "0.2"});
  REQUIRE(eventually([&] {
    return pending_count(check, "in") == 0 &&
           verdicts_per_entry(check).size() == 3000;
  }));
  CHECK(stop_worker(*heir) == 0);
  INFO("orphaned " << orphaned);
  CHECK(orphaned > 0);
  CHECK(heir->log().find("claimed=0") == std::string::npos);
  for (const auto& [entry, n] : verdicts_per_entry(check)) REQUIRE(n >= 1);
}

TEST_CASE("worker: Redis restarted mid-run, the worker reconnects and "
          "finishes",
          "[worker]") {
  RedisServer redis(/*persistent=*/true);
  TempDir dir;
  enqueue(redis, dir, 4000);
  auto worker = start_worker(redis, dir, "w1", {"--batch", "10"});
  {
    RedisConnection check = redis.connect();
    REQUIRE(eventually([&] { return stream_length(check, "out") > 0; }));
  }
  redis.stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  redis.start();
  RedisConnection check = redis.connect();
  REQUIRE(eventually([&] {
    return pending_count(check, "in") == 0 &&
           verdicts_per_entry(check).size() == 4000;
  }));
  CHECK(stop_worker(*worker) == 0);
  CHECK(entry_ids(check).size() == 4000);
  const std::string log = worker->log();
  CHECK(log.find("lost Redis; reconnecting") != std::string::npos);
  CHECK(log.find("reconnects=0") == std::string::npos);
}

TEST_CASE("#21 - worker: an entry's lang field scopes the rules, as serve's "
          "\"lang\" and scan --lang-field do",
          "[worker][scope]") {
  RedisServer redis;
  TempDir dir;
  const auto rules = dir.write("rules.yaml", R"(rules:
  - id: profanity.tr-am
    category: profanity
    reason: Profanity
    action: reject
    lang: [tr]
    words: [am]
)");
  RedisConnection setup = redis.connect();
  auto add = [&](std::initializer_list<std::string_view> fields) {
    return add_entry(setup, fields);
  };
  const std::string turkish = add({"id", "1", "text", "am", "lang", "tr"});
  const std::string english = add({"id", "2", "text", "am", "lang", "en"});
  const std::string other = add({"id", "3", "text", "am", "language", "tr"});
  auto worker = start_worker(redis, dir, "w1", {"--lang-field", "lang"},
                             rules.string());
  REQUIRE(eventually([&] { return stream_length(setup, "out") >= 3; }));
  CHECK(stop_worker(*worker) == 0);
  std::map<std::string, std::string> verdicts;
  for (const StreamEntry& v : read_stream(setup, "out")) {
    verdicts[*v.field("entry")] = *v.field("verdict");
  }
  CHECK(verdicts[turkish] == "reject");
  CHECK(verdicts[english] == "approve");
  // No lang field: the engine finds the language of "am" itself, as scan
  // does without --lang-field.
  const RunResult scan = run_modfilter("scan -r '" + rules.string() + "'",
                                       "{\"id\":3,\"text\":\"am\"}\n");
  REQUIRE(scan.exit_code == 0);
  CHECK(scan.out.find("\"verdict\":\"" + verdicts[other] + "\"") !=
        std::string::npos);
}

TEST_CASE("worker: poison entries go to the dead-letter stream with the "
          "reason, and are acknowledged",
          "[worker]") {
  RedisServer redis;
  TempDir dir;
  RedisConnection setup = redis.connect();
  auto add = [&](std::initializer_list<std::string_view> fields) {
    return add_entry(setup, fields);
  };
  REQUIRE(setup.command({"XGROUP", "CREATE", "in", "modfilter", "0", "MKSTREAM"}));
  const std::string crasher = add({"id", "crasher", "text", "hangs us"});
  // Delivered three times to a consumer that never acknowledges it.
  for (const char* id : {">", "0", "0"}) {
    REQUIRE(setup.command({"XREADGROUP", "GROUP", "modfilter", "ghost",
                           "STREAMS", "in", id}));
  }
  const std::string no_text = add({"id", "no-text", "body", "hello"});
  const std::string bad_utf8 = add({"id", "bad-utf8", "text", "caf\xc3 \xff"});
  const std::string oversize =
      add({"id", "oversize", "text", std::string(200, 'a')});
  const std::string good = add({"id", "good", "text", "you idiot"});

  auto worker = start_worker(redis, dir, "w1",
                             {"--max-text-bytes", "100", "--max-deliveries",
                              "3", "--claim-idle", "0.05"});
  REQUIRE(eventually([&] {
    return stream_length(setup, "out:dead") >= 4 && pending_count(setup, "in") == 0;
  }));
  CHECK(stop_worker(*worker) == 0);

  std::map<std::string, std::string> reasons;
  for (const StreamEntry& dead : read_stream(setup, "out:dead")) {
    CHECK(*dead.field("stream") == "in");
    reasons[*dead.field("entry")] = *dead.field("reason");
  }
  CHECK(reasons.size() == 4);
  CHECK(reasons[crasher] == "delivered 4 times, more than --max-deliveries 3");
  CHECK(reasons[no_text] == "no \"text\" field");
  CHECK(reasons[bad_utf8] == "the text is not valid UTF-8 (byte 3)");
  CHECK(reasons[oversize] ==
        "the text is 200 bytes, more than --max-text-bytes 100");
  const auto verdicts = read_stream(setup, "out");
  REQUIRE(verdicts.size() == 1);
  CHECK(*verdicts[0].field("entry") == good);
  CHECK(*verdicts[0].field("verdict") == "review");

  // collect reads the dead letters back as JSON Lines.
  const RunResult collected = run_modfilter(
      "collect --redis " + redis.url() + " --stream out:dead --idle 0.1");
  CHECK(collected.exit_code == 0);
  CHECK(collected.out.find("\"reason\":\"no \\\"text\\\" field\"") !=
        std::string::npos);
}

TEST_CASE("worker: SIGTERM with a batch in flight finishes it, acknowledges "
          "it and exits 0",
          "[worker]") {
  RedisServer redis;
  TempDir dir;
  enqueue(redis, dir, 20000);
  auto worker = start_worker(redis, dir, "w1", {"--batch", "2000"});
  RedisConnection check = redis.connect();
  REQUIRE(eventually([&] { return pending_count(check, "in") > 0; },
                     std::chrono::seconds(20)));
  CHECK(stop_worker(*worker) == 0);
  // Everything the worker read has its verdict and is acknowledged.
  CHECK(pending_count(check, "in") == 0);
  const auto counts = verdicts_per_entry(check);
  CHECK(counts.size() > 0);
  for (const auto& [entry, n] : counts) REQUIRE(n == 1);
  auto info = check.command({"XINFO", "GROUPS", "in"});
  REQUIRE(info);
  long long read = -1;
  const worker::ReplyView group = info->view()[0];
  for (std::size_t k = 0; k + 1 < group.size(); k += 2) {
    if (group[k].str() == "entries-read") read = group[k + 1].integer();
  }
  CHECK(read == static_cast<long long>(counts.size()));
  CHECK(worker->log().find("signal=SIGTERM") != std::string::npos);
}

TEST_CASE("#21 - worker: a comment that arrives while the worker waits, and "
          "the last of a burst, get their verdicts without waiting out --block",
          "[worker]") {
  RedisServer redis;
  TempDir dir;
  // A block far longer than the waits below: a worker that sat on a batch
  // read ahead, or slept through a new entry, until its read returned
  // would miss them.
  auto worker = start_worker(redis, dir, "w1", {"--block", "5", "--batch", "100"});
  RedisConnection check = redis.connect();
  REQUIRE(eventually([&] {
    auto consumers = check.command({"XINFO", "CONSUMERS", "in", "modfilter"});
    return consumers && consumers->view().size() == 1;
  }));
  constexpr auto kWait = std::chrono::milliseconds(2000);
  for (int i = 1; i <= 5; ++i) {
    add_entry(check, {"id", "t-" + std::to_string(i), "text", "you idiot"});
    INFO("comment " << i << " alone");
    REQUIRE(eventually([&] { return stream_length(check, "out") == i; }, kWait));
  }
  // 250 at once: batches of 100, 100 and 50, the last two read ahead
  // behind an EXEC, and then nothing more arrives.
  enqueue(redis, dir, 250);
  REQUIRE(eventually([&] { return stream_length(check, "out") == 255; }, kWait));
  CHECK(pending_count(check, "in") == 0);
  CHECK(stop_worker(*worker) == 0);
  const auto counts = verdicts_per_entry(check);
  CHECK(counts.size() == 255);
  for (const auto& [entry, n] : counts) REQUIRE(n == 1);
}

TEST_CASE("worker: --metrics-listen serves serve's metrics plus the stream's; "
          "SIGHUP reloads the rules",
          "[worker]") {
  RedisServer redis;
  TempDir dir;
  enqueue(redis, dir, 10);
  const int port = free_loopback_port();
  auto worker = start_worker(
      redis, dir, "w1",
      {"--metrics-listen", "127.0.0.1:" + std::to_string(port)});
  RedisConnection check = redis.connect();
  REQUIRE(eventually([&] { return stream_length(check, "out") >= 10; }));
  httplib::Client client("127.0.0.1", port);
  const auto scraped = [&](std::string_view sample) {
    return eventually([&] {
      const auto r = client.Get("/metrics");
      return r && r->body.find(sample) != std::string::npos;
    }, std::chrono::seconds(5));
  };
  CHECK(scraped("modfilter_comments_screened_total 10\n"));
  CHECK(scraped("modfilter_worker_entries_total{outcome=\"screened\"} 10\n"));
  CHECK(scraped("modfilter_worker_stream_lag{stream=\"in\"} 0\n"));
  CHECK(scraped("modfilter_worker_stream_pending{stream=\"in\"} 0\n"));
  worker->signal(SIGHUP);
  CHECK(scraped("modfilter_reloads_total{result=\"success\"} 1\n"));
  CHECK(stop_worker(*worker) == 0);
  CHECK(worker->log().find("rules reloaded") != std::string::npos);
}

TEST_CASE("#21 - worker --audit: every comment screened is in the audit "
          "store under its id, with its verdict, after SIGTERM",
          "[worker][audit]") {
  RedisServer redis;
  TempDir dir;
  enqueue(redis, dir, 500);
  const std::string store = (dir.path() / "audit.db").string();
  auto worker = start_worker(redis, dir, "w1", {"--audit", store, "--batch", "50"});
  RedisConnection check = redis.connect();
  REQUIRE(eventually([&] { return stream_length(check, "out") >= 500; }));
  CHECK(stop_worker(*worker) == 0);

  const RunResult summary = run_modfilter("audit summary '" + store + "'");
  INFO(summary.out << summary.err);
  REQUIRE(summary.exit_code == 0);
  CHECK(summary.out.find("500") != std::string::npos);
  // c-2 is "I will kill you" (comments()): rejected, in the store as such.
  const RunResult threat =
      run_modfilter("audit search '" + store + "' --id c-2 --color never");
  INFO(threat.out);
  CHECK(threat.exit_code == 0);
  CHECK(threat.out.find("c-2") != std::string::npos);
  CHECK(threat.out.find("reject") != std::string::npos);
  const RunResult rejected = run_modfilter("audit search '" + store +
                                           "' --verdict reject --limit 0 --color never");
  std::size_t lines = 0;
  for (char c : rejected.out) lines += c == '\n';
  // One in five comments is the threat; the verdict stream agrees.
  std::size_t rejects = 0;
  for (const StreamEntry& v : read_stream(check, "out")) {
    rejects += *v.field("verdict") == "reject";
  }
  CHECK(rejects == 100);
  CHECK(lines >= rejects);
}

TEST_CASE("#21 - worker: with sharded --in streams each comment of every "
          "shard gets exactly one verdict naming its shard",
          "[worker]") {
  RedisServer redis;
  TempDir dir;
  const std::vector<std::string> shards = {"in:0", "in:1", "in:2", "in:3"};
  for (std::size_t i = 0; i < shards.size(); ++i) {
    enqueue(redis, dir, 250 + static_cast<int>(i) * 50, shards[i]);
  }
  std::vector<std::string> args = {"--batch", "40"};
  for (const std::string& shard : shards) {
    args.push_back("--in");
    args.push_back(shard);
  }
  auto a = start_worker(redis, dir, "w1", args);
  auto b = start_worker(redis, dir, "w2", args);
  RedisConnection check = redis.connect();
  const long long total = 250 + 300 + 350 + 400;
  REQUIRE(eventually([&] { return stream_length(check, "out") >= total; }));
  CHECK(stop_worker(*a) == 0);
  CHECK(stop_worker(*b) == 0);

  std::map<std::string, std::set<std::string>> inputs;
  for (const std::string& shard : shards) inputs[shard] = entry_ids(check, shard);
  std::map<std::string, int> seen;
  for (const StreamEntry& v : read_stream(check, "out")) {
    const std::string& shard = *v.field("stream");
    REQUIRE(inputs.count(shard) == 1);
    CHECK(inputs[shard].count(*v.field("entry")) == 1);
    ++seen[shard + " " + *v.field("entry")];
  }
  CHECK(static_cast<long long>(seen.size()) == total);
  for (const auto& [entry, n] : seen) {
    INFO(entry);
    CHECK(n == 1);
  }
  for (const std::string& shard : shards) CHECK(pending_count(check, shard) == 0);
}
