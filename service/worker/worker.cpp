#include "service/worker/worker.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <deque>
#include <memory>
#include <optional>

#include "service/common/audit_sink.h"
#include "service/common/live_rules.h"
#include "service/common/metrics.h"
#include "service/common/screening_path.h"
#include "service/common/service_log.h"
#include "service/worker/metrics_listener.h"
#include "service/worker/redis_connection.h"
#include "service/worker/stream_entry.h"
#include "service/worker/worker_metrics.h"

namespace modfilter::worker {
namespace {

using Clock = std::chrono::steady_clock;
using Phase = WorkerMetrics::Phase;
using std::chrono::milliseconds;

constexpr milliseconds kFirstBackoff{100};
constexpr milliseconds kMaxBackoff{5000};
constexpr milliseconds kConnectTimeout{2000};
// On top of BLOCK: Redis answers in microseconds, so this only bounds how
// long a hung server holds the worker before it reconnects.
constexpr milliseconds kReplyTimeout{10000};
constexpr milliseconds kGaugeInterval{1000};
// Batches read ahead: one screened while Redis applies the last one's
// EXEC, one more arriving with that EXEC's answer.
constexpr std::size_t kBatchesInHand = 2;

// SIGTERM, SIGINT and SIGHUP, blocked in every thread and taken with
// sigtimedwait between batches.
class Signals {
 public:
  Signals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  // The signal received within `timeout` (0: only what is pending), or 0.
  int wait(milliseconds timeout) {
    const timespec ts{static_cast<time_t>(timeout.count() / 1000),
                      static_cast<long>(timeout.count() % 1000 * 1000000)};
    siginfo_t info;
    for (;;) {
      const int received = sigtimedwait(&set_, &info, &ts);
      if (received > 0) return received;
      if (errno != EINTR) return 0;
    }
  }

 private:
  sigset_t set_;
};

std::int64_t as_int(std::uint64_t n) { return static_cast<std::int64_t>(n); }

class Worker {
 public:
  Worker(WorkerConfig config, service::ServiceLog& log)
      : config_(std::move(config)),
        log_(log),
        rules_(metrics_),
        counters_(config_.in_streams),
        cursors_(config_.in_streams.size(), "0-0") {
    if (config_.dead_stream.empty()) {
      config_.dead_stream = config_.out_stream + ":dead";
    }
    claim_every_ = std::clamp(config_.claim_idle / 2, milliseconds(10),
                              milliseconds(5000));
  }

  std::expected<void, Errors> start() {
    auto loaded = rules_.load(config_.rules_path);
    if (!loaded) return std::unexpected(std::move(loaded.error()));
    log_.write(spdlog::level::info, "rules loaded",
               {{"ruleset", (*loaded)->info.id},
                {"seconds", (*loaded)->info.load_seconds}});
    if (!config_.audit_path.empty()) {
      audit_ = std::make_unique<service::AuditSink>(config_.audit_path, log_);
      if (auto opened = audit_->open((*loaded)->engine); !opened) {
        return std::unexpected(std::move(opened.error()));
      }
    }
    if (!config_.metrics_listen.empty()) {
      listener_.emplace([this] { return render_metrics(); });
      auto port = listener_->start(config_.metrics_listen);
      if (!port) return std::unexpected(Errors{port.error()});
      log_.write(spdlog::level::info, "metrics listening",
                 {{"address", config_.metrics_listen},
                  {"port", static_cast<std::int64_t>(*port)}});
    }
    return {};
  }

  std::expected<void, Errors> run() {
    started_ = logged_at_ = Clock::now();
    next_progress_ = started_ + config_.progress_interval;
    std::optional<Error> fatal;
    // A batch read ahead, or one whose EXEC is in flight, is finished
    // before stopping.
    while (take_signals(milliseconds(0)) || !prefetched_.empty() || in_flight_) {
      if (!connection_) {
        if (!connect()) break;
        if (auto ready = prepare_streams(); !ready) {
          if (ready.error().kind != ErrorKind::kIo) {
            fatal = std::move(ready.error());
            break;
          }
          lost(ready.error());
          continue;
        }
      }
      auto batch = next_batch();
      if (batch && !batch->empty()) {
        if (auto done = process(*batch); !done) {
          batch = std::unexpected(std::move(done.error()));
        }
      }
      if (!batch) {
        if (batch.error().kind != ErrorKind::kIo) {
          fatal = std::move(batch.error());
          break;
        }
        lost(batch.error());
        continue;
      }
      maybe_log_progress();
    }
    if (connection_ && !in_flight_) update_gauges();
    log_totals("stopped");
    if (audit_) audit_->close();
    if (listener_) listener_->stop();
    log_.flush();
    if (fatal) return std::unexpected(Errors{std::move(*fatal)});
    return {};
  }

 private:
  // Handles the signals received within `wait`; false once told to stop.
  bool take_signals(milliseconds wait) {
    for (int received = signals_.wait(wait); received != 0;
         received = signals_.wait(milliseconds(0))) {
      if (received == SIGHUP) {
        log_.write(spdlog::level::info, "SIGHUP: reloading the rules");
        if (auto loaded = rules_.load(config_.rules_path); !loaded) {
          log_.write(spdlog::level::err,
                     "reload refused; screening with the rules in use",
                     {{"error", loaded.error().front().to_string()}});
        } else {
          log_.write(spdlog::level::info, "rules reloaded",
                     {{"ruleset", (*loaded)->info.id}});
        }
        continue;
      }
      log_.write(spdlog::level::info, "stopping after the batch in flight",
                 {{"signal", received == SIGTERM ? "SIGTERM" : "SIGINT"}});
      stopping_ = true;
    }
    return !stopping_;
  }

  // Connects, waiting with backoff while Redis is down; false when a
  // signal said to stop meanwhile.
  bool connect() {
    milliseconds backoff = kFirstBackoff;
    for (;;) {
      auto connection = RedisConnection::connect(config_.redis, kConnectTimeout);
      if (connection) {
        connection->set_read_timeout(config_.block + kReplyTimeout);
        connection_.emplace(std::move(*connection));
        reading_pending_ = true;
        std::fill(cursors_.begin(), cursors_.end(), "0-0");
        log_.write(spdlog::level::info, "connected",
                   {{"redis", config_.redis.to_string()},
                    {"group", config_.group},
                    {"consumer", config_.consumer}});
        return true;
      }
      log_.write(spdlog::level::warn, "cannot reach Redis; retrying",
                 {{"error", connection.error().message},
                  {"retry_ms", static_cast<std::int64_t>(backoff.count())}});
      if (!take_signals(backoff)) return false;
      backoff = std::min(backoff * 2, kMaxBackoff);
    }
  }

  void lost(const Error& error) {
    log_.write(spdlog::level::warn, "lost Redis; reconnecting",
               {{"error", error.message}});
    connection_.reset();
    // Entries read ahead, and those of an EXEC whose answer was lost, stay
    // pending in Redis (or were applied: at least once), read again after
    // reconnecting.
    prefetched_.clear();
    in_flight_.reset();
    counters_.count_reconnect();
    // A server that just restarted refuses connections for a moment.
    take_signals(kFirstBackoff);
  }

  static Error refused(std::string what, ReplyView reply, std::string hint) {
    return Error{ErrorKind::kInput, "", 0, 0, "",
                 std::move(what) + ": " + std::string(reply.str()),
                 std::move(hint)};
  }

  // Creates the group on every input stream (reading from the start), and
  // checks that the output streams are streams or absent.
  std::expected<void, Error> prepare_streams() {
    for (const std::string& stream : config_.in_streams) {
      auto created = connection_->command(
          {"XGROUP", "CREATE", stream, config_.group, "0", "MKSTREAM"});
      if (!created) return std::unexpected(std::move(created.error()));
      const ReplyView reply = created->view();
      if (reply.is_error() && !reply.str().starts_with("BUSYGROUP")) {
        return std::unexpected(refused(
            "cannot create the group " + config_.group + " on " + stream,
            reply, "--in must name streams (or keys that do not exist)"));
      }
    }
    for (const std::string* stream : {&config_.out_stream, &config_.dead_stream}) {
      auto type = connection_->command({"TYPE", *stream});
      if (!type) return std::unexpected(std::move(type.error()));
      const std::string_view name = type->view().str();
      if (name != "stream" && name != "none") {
        return std::unexpected(Error{
            ErrorKind::kInput, "", 0, 0, "",
            "the key " + *stream + " holds a " + std::string(name) +
                ", not a stream",
            "give --out and --dead-letter names of streams or of free keys"});
      }
    }
    return {};
  }

  std::expected<std::vector<StreamEntry>, Error> next_batch() {
    std::vector<StreamEntry> batch;
    // The batch read ahead is screened while the previous EXEC is in
    // flight; anything else waits for that EXEC's answer first (replies
    // come in order on the one connection).
    const bool gauges_due = Clock::now() >= next_gauges_;
    if (in_flight_ && (gauges_due || prefetched_.empty())) {
      if (auto done = finish_batch(); !done) return std::unexpected(std::move(done.error()));
    }
    if (!in_flight_ && gauges_due) {
      next_gauges_ = Clock::now() + kGaugeInterval;
      update_gauges();
    }
    if (!prefetched_.empty()) {
      batch = std::move(prefetched_.front());
      prefetched_.pop_front();
      return batch;
    }
    if (stopping_) return batch;
    const auto start = Clock::now();
    std::expected<void, Error> read;
    if (reading_pending_) {
      read = read_group(batch, "0", std::nullopt);
      if (read && batch.empty()) reading_pending_ = false;
    } else if (start >= next_claim_) {
      next_claim_ = start + claim_every_;
      read = claim(batch);
    } else {
      read = read_group(batch, ">", read_block(start));
    }
    if (read && !batch.empty() && batch.front().deliveries == 0) {
      read = fetch_delivery_counts(batch);
    }
    counters_.add_time(Phase::kRead, Clock::now() - start);
    if (!read) return std::unexpected(std::move(read.error()));
    return batch;
  }

  // XREADGROUP from `id` ("0": this consumer's pending list, whose
  // delivery counts are then unknown; ">": new entries).
  std::expected<void, Error> read_group(std::vector<StreamEntry>& batch,
                                        std::string_view id,
                                        std::optional<milliseconds> block) {
    append_read_group(id, block);
    return receive_read_group(batch, id);
  }

  void append_read_group(std::string_view id,
                         std::optional<milliseconds> block) {
    const std::string count = std::to_string(config_.batch);
    const std::string block_ms = block ? std::to_string(block->count()) : "";
    std::vector<std::string_view> args = {"XREADGROUP", "GROUP", config_.group,
                                          config_.consumer, "COUNT", count};
    if (block) {
      args.push_back("BLOCK");
      args.push_back(block_ms);
    }
    args.push_back("STREAMS");
    for (const std::string& stream : config_.in_streams) args.push_back(stream);
    for (std::size_t i = 0; i < config_.in_streams.size(); ++i) {
      args.push_back(id);
    }
    connection_->append(args);
  }

  std::expected<void, Error> receive_read_group(std::vector<StreamEntry>& batch,
                                                std::string_view id) {
    auto reply = connection_->read_reply();
    if (!reply) return std::unexpected(std::move(reply.error()));
    if (reply->view().is_error()) {
      // NOGROUP: the stream was deleted with its group; make them again.
      return std::unexpected(Error{ErrorKind::kIo, "", 0, 0, "",
                                   "XREADGROUP refused: " +
                                       std::string(reply->view().str()),
                                   ""});
    }
    append_read_entries(reply->view(), batch);
    if (id != ">") {
      for (StreamEntry& entry : batch) entry.deliveries = 0;
    }
    return {};
  }

  // How long a read of new entries may block: until the next claim at most.
  milliseconds read_block(Clock::time_point now) const {
    const auto until_claim =
        std::chrono::duration_cast<milliseconds>(next_claim_ - now);
    return std::clamp(until_claim, milliseconds(1), config_.block);
  }

  // XAUTOCLAIM on every input stream, each from where its last scan ended.
  std::expected<void, Error> claim(std::vector<StreamEntry>& batch) {
    const std::string idle = std::to_string(config_.claim_idle.count());
    const std::string count = std::to_string(config_.batch);
    for (std::size_t i = 0; i < config_.in_streams.size(); ++i) {
      connection_->append({"XAUTOCLAIM", config_.in_streams[i], config_.group,
                           config_.consumer, idle, cursors_[i], "COUNT", count});
    }
    for (std::size_t i = 0; i < config_.in_streams.size(); ++i) {
      auto reply = connection_->read_reply();
      if (!reply) return std::unexpected(std::move(reply.error()));
      if (reply->view().is_error()) continue;  // NOGROUP: made on reconnect
      const std::size_t before = batch.size();
      cursors_[i] =
          append_claimed_entries(reply->view(), config_.in_streams[i], batch);
      for (std::size_t e = before; e < batch.size(); ++e) {
        batch[e].deliveries = 0;
      }
    }
    if (!batch.empty()) {
      counters_.count_claimed(batch.size());
      log_.write(spdlog::level::info, "claimed idle entries",
                 {{"entries", static_cast<std::int64_t>(batch.size())}});
    }
    return {};
  }

  // Entries read again carry how often they were delivered (XPENDING,
  // extended form, over each stream's range of the batch).
  std::expected<void, Error> fetch_delivery_counts(
      std::vector<StreamEntry>& batch) {
    std::vector<std::size_t> asked;
    for (std::size_t s = 0; s < config_.in_streams.size(); ++s) {
      const std::string& stream = config_.in_streams[s];
      const StreamEntry* first = nullptr;
      const StreamEntry* last = nullptr;
      std::size_t n = 0;
      for (const StreamEntry& entry : batch) {
        if (entry.stream != stream) continue;
        if (first == nullptr) first = &entry;
        last = &entry;
        ++n;
      }
      if (first == nullptr) continue;
      // Room for entries of ours between the first and the last that the
      // batch does not hold.
      const std::string count = std::to_string(2 * n + 16);
      connection_->append({"XPENDING", stream, config_.group, first->id,
                           last->id, count, config_.consumer});
      asked.push_back(s);
    }
    for (std::size_t s : asked) {
      auto reply = connection_->read_reply();
      if (!reply) return std::unexpected(std::move(reply.error()));
      apply_delivery_counts(reply->view(), config_.in_streams[s], batch);
    }
    for (StreamEntry& entry : batch) {
      if (entry.deliveries == 0) entry.deliveries = 1;
    }
    return {};
  }

  std::expected<void, Error> process(const std::vector<StreamEntry>& batch) {
    const auto start = Clock::now();
    const std::shared_ptr<const service::LoadedRules> loaded = rules_.current();
    const service::ScreeningPath path(
        loaded->engine, {.metrics = &metrics_,
                         .counters = &loaded->counters,
                         .audit = audit_.get()});
    commands_.clear();
    std::uint64_t screened = 0;
    Clock::duration screening{};
    for (const StreamEntry& entry : batch) {
      if (entry.deleted) {
        counters_.count_deleted();
        continue;
      }
      std::vector<std::string>& command = commands_.emplace_back();
      if (auto reason = poison_reason(entry, config_.limits)) {
        log_.write(spdlog::level::warn, "dead letter",
                   {{"stream", entry.stream}, {"entry", entry.id},
                    {"reason", *reason}});
        command = {"XADD", config_.dead_stream, "*", "stream", entry.stream,
                   "entry", entry.id, "reason", std::move(*reason),
                   "deliveries", std::to_string(entry.deliveries)};
        for (const auto& [key, value] : entry.fields) {
          command.push_back(key);
          command.push_back(value);
        }
        counters_.count_dead_letter();
        continue;
      }
      const std::string_view text = *entry.field(config_.limits.text_field);
      const std::string* lang = entry.field(config_.lang_field);
      const std::string* id = entry.field(config_.id_field);
      members_.clear();
      append_entry_members(members_, entry);
      record_.clear();
      const auto screen_start = Clock::now();
      path.screen({.text = text,
                   .lang = lang != nullptr ? std::string_view(*lang) : "",
                   .audit_id = id != nullptr ? *id : entry.id},
                  verdict_);
      screening += Clock::now() - screen_start;
      path.write({.text = text, .leading_members = members_}, verdict_,
                 record_);
      command = {"XADD", config_.out_stream};
      if (config_.out_maxlen > 0) {
        command.insert(command.end(),
                       {"MAXLEN", "~", std::to_string(config_.out_maxlen)});
      }
      command.insert(command.end(),
                     {"*", "stream", entry.stream, "entry", entry.id,
                      "verdict", to_string(verdict_.decision), "json", record_});
      ++screened;
    }
    const auto screened_at = Clock::now();
    counters_.add_time(Phase::kScreen, screening);
    counters_.add_time(Phase::kFormat, screened_at - start - screening);

    // The previous batch's EXEC was applied while this one was screened.
    if (in_flight_) {
      if (auto done = finish_batch(); !done) return done;
    }
    const auto sent_at = Clock::now();
    auto sent = send_batch(batch, screened);
    counters_.add_time(Phase::kWrite, Clock::now() - sent_at);
    return sent;
  }

  // One round trip, answered while the caller screens the next batch:
  // MULTI, the XADDs, one XACK per input stream, EXEC, which Redis applies
  // all together or not at all, then the read of the batch after next
  // (without BLOCK, so that it never holds the round up). Sent at once and
  // not waited for: finish_batch() takes the answers, before anything else
  // is sent. Redis answers a pipelined round only once it has run all of
  // it, so a read sent ahead of the EXEC would make the worker wait for
  // the EXEC; sent behind it, its entries arrive with the EXEC's answer,
  // while the worker screens the batch it already holds. Nothing is
  // acknowledged but in the EXEC that writes its verdict.
  std::expected<void, Error> send_batch(const std::vector<StreamEntry>& batch,
                                        std::uint64_t screened) {
    std::vector<std::string_view> args;
    std::size_t queued = 0;
    connection_->append({"MULTI"});
    for (const std::vector<std::string>& command : commands_) {
      args.assign(command.begin(), command.end());
      connection_->append(args);
      ++queued;
    }
    for (const std::string& stream : config_.in_streams) {
      args = {"XACK", stream, config_.group};
      for (const StreamEntry& entry : batch) {
        if (entry.stream == stream) args.push_back(entry.id);
      }
      if (args.size() == 3) continue;
      connection_->append(args);
      ++queued;
    }
    connection_->append({"EXEC"});
    // Enough reads that two batches are in hand when the answers come: the
    // next one to screen while the round after this one is applied. Not
    // when the next batch comes from elsewhere (pending list, claims) or
    // we stop.
    std::size_t reads = 0;
    if (!reading_pending_ && !stopping_ && Clock::now() < next_claim_) {
      reads = kBatchesInHand - std::min(prefetched_.size(), kBatchesInHand);
    }
    for (std::size_t i = 0; i < reads; ++i) append_read_group(">", std::nullopt);
    in_flight_ = InFlight{queued, screened, reads};
    return connection_->flush();
  }

  // Takes the answer of the EXEC in flight: the batch is written and
  // acknowledged, or the error says why not (its entries stay pending).
  std::expected<void, Error> finish_batch() {
    const InFlight batch = *in_flight_;
    in_flight_.reset();
    const auto start = Clock::now();
    std::optional<Error> refusal;
    for (std::size_t i = 0; i < batch.queued + 1; ++i) {  // MULTI and the QUEUED
      auto reply = connection_->read_reply();
      if (!reply) return std::unexpected(std::move(reply.error()));
      if (reply->view().is_error() && !refusal) {
        refusal = refused("Redis refused a command of the batch",
                          reply->view(), "");
      }
    }
    auto exec = connection_->read_reply();
    counters_.add_time(Phase::kWrite, Clock::now() - start);
    if (!exec) return std::unexpected(std::move(exec.error()));
    const ReplyView results = exec->view();
    if (results.is_error() || results.is_nil()) {
      // EXECABORT: nothing was applied; the entries stay pending.
      if (refusal) return std::unexpected(std::move(*refusal));
      return std::unexpected(refused("Redis refused the batch", results, ""));
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results[i].is_error()) {
        return std::unexpected(refused(
            "Redis failed a command of the batch", results[i],
            "the output streams must stay streams while the worker runs"));
      }
    }
    counters_.count_batch();
    counters_.count_screened(batch.screened);
    const auto read_start = Clock::now();
    for (std::size_t i = 0; i < batch.reads; ++i) {
      std::vector<StreamEntry> next;
      if (auto read = receive_read_group(next, ">"); !read) return read;
      if (!next.empty()) prefetched_.push_back(std::move(next));
    }
    counters_.add_time(Phase::kRead, Clock::now() - read_start);
    return {};
  }

  // Lag and pending count of the group on each input stream.
  void update_gauges() {
    for (StreamGauges& gauges : counters_.streams()) {
      auto reply = connection_->command({"XINFO", "GROUPS", gauges.stream});
      if (!reply) return;
      const ReplyView groups = reply->view();
      for (std::size_t g = 0; g < groups.size(); ++g) {
        const ReplyView group = groups[g];
        std::optional<std::string_view> name;
        long long lag = -1, pending = -1;
        for (std::size_t k = 0; k + 1 < group.size(); k += 2) {
          const std::string_view key = group[k].str();
          if (key == "name") name = group[k + 1].str();
          if (key == "lag" && group[k + 1].is_integer()) {
            lag = group[k + 1].integer();
          }
          if (key == "pending") pending = group[k + 1].integer();
        }
        if (name != config_.group) continue;
        gauges.lag.store(lag, std::memory_order_relaxed);
        gauges.pending.store(pending, std::memory_order_relaxed);
      }
    }
  }

  // A progress line every interval (the gauges are taken by next_batch()).
  void maybe_log_progress() {
    const auto now = Clock::now();
    if (config_.progress_interval.count() == 0 || now < next_progress_) return;
    next_progress_ = now + config_.progress_interval;
    log_totals("progress");
  }

  void log_totals(std::string_view message) {
    const service::MetricsSummary s = metrics_.summary();
    // Progress lines give the rate since the previous line; the last line
    // the rate over the whole run.
    const auto now = Clock::now();
    const bool whole_run = message == "stopped";
    const auto since = whole_run ? started_ : logged_at_;
    const std::uint64_t done =
        s.comments - (whole_run ? 0 : logged_comments_);
    const double seconds = std::chrono::duration<double>(now - since).count();
    logged_at_ = now;
    logged_comments_ = s.comments;
    std::int64_t lag = 0, pending = 0;
    for (const StreamGauges& g : counters_.streams()) {
      lag += std::max<std::int64_t>(g.lag.load(std::memory_order_relaxed), 0);
      pending +=
          std::max<std::int64_t>(g.pending.load(std::memory_order_relaxed), 0);
    }
    log_.write(spdlog::level::info, message,
               {{"comments", as_int(s.comments)},
                {"approve", as_int(s.approve)},
                {"review", as_int(s.review)},
                {"reject", as_int(s.reject)},
                {"dead_letter", as_int(counters_.dead_letter())},
                {"claimed", as_int(counters_.claimed())},
                {"reconnects", as_int(counters_.reconnects())},
                {"per_second", seconds > 0 ? static_cast<double>(done) / seconds : 0.0},
                {"lag", lag},
                {"pending", pending},
                {"read_s", counters_.seconds(Phase::kRead)},
                {"screen_s", counters_.seconds(Phase::kScreen)},
                {"format_s", counters_.seconds(Phase::kFormat)},
                {"write_s", counters_.seconds(Phase::kWrite)}});
  }

  std::string render_metrics() const {
    const auto rules = rules_.current();
    std::string out = metrics_.render(rules ? &rules->info : nullptr);
    counters_.render(out);
    return out;
  }

  WorkerConfig config_;
  service::ServiceLog& log_;
  Signals signals_;  // before any thread starts
  service::Metrics metrics_;
  service::LiveRules rules_;
  WorkerMetrics counters_;
  std::unique_ptr<service::AuditSink> audit_;
  std::optional<MetricsListener> listener_;
  std::optional<RedisConnection> connection_;
  bool stopping_ = false;
  bool reading_pending_ = true;
  std::vector<std::string> cursors_;  // XAUTOCLAIM, one per input stream
  milliseconds claim_every_;
  Clock::time_point next_claim_{};
  Clock::time_point started_{};
  Clock::time_point next_progress_{};
  Clock::time_point next_gauges_{};
  std::uint64_t logged_comments_ = 0;  // at the last progress line
  Clock::time_point logged_at_{};
  // New entries read behind an EXEC, oldest first: kBatchesInHand at most.
  std::deque<std::vector<StreamEntry>> prefetched_;
  // The batch whose MULTI/EXEC was sent and not yet answered.
  struct InFlight {
    std::size_t queued;       // commands between MULTI and EXEC
    std::uint64_t screened;   // comments it writes verdicts for
    std::size_t reads;        // XREADGROUPs that follow the EXEC
  };
  std::optional<InFlight> in_flight_;
  std::vector<std::vector<std::string>> commands_;
  std::string members_;
  std::string record_;
  Verdict verdict_;
};

}  // namespace

std::expected<void, Errors> run_worker(WorkerConfig config) {
  service::ServiceLog log(spdlog::level::from_str(config.log_level),
                          config.log_json);
  Worker worker(std::move(config), log);
  if (auto started = worker.start(); !started) return started;
  return worker.run();
}

}  // namespace modfilter::worker
