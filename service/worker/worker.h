// run_worker: `modfilter worker` from start to exit. Screens the entries of
// one or more Redis streams as a member of a consumer group, and for each
// batch writes the verdicts (and the dead letters) and acknowledges the
// inputs in one MULTI/EXEC, so that no entry is acknowledged without its
// verdict written: delivery is at least once.
//
// Each round, in order:
//   1. after (re)connecting, the consumer's own pending list (XREADGROUP
//      with id 0) until it is empty: what a previous run of this consumer
//      read and did not acknowledge;
//   2. every claim interval, entries of any consumer pending longer than
//      claim_idle (XAUTOCLAIM), so a worker killed with kill -9 loses
//      nothing;
//   3. otherwise new entries (XREADGROUP ... COUNT batch >), read behind
//      the previous batches' MULTI/EXEC in the same round trip, so that two
//      batches are in hand: one is screened while Redis applies the last
//      one's EXEC and answers the read of the next. Only when nothing is in
//      hand does the worker wait for the EXEC's answer, and when that
//      brings nothing it blocks on a read (BLOCK block), which returns as
//      soon as one entry arrives.
// Entries read again (1, 2) carry their delivery count (XPENDING); over
// max_deliveries, or not a comment at all, they go to the dead-letter
// stream with the reason instead of being screened.
//
// Signals are handled between batches on the worker's thread
// (sigtimedwait, no work in a handler): SIGTERM and SIGINT finish the
// batch in flight and those read ahead, acknowledge them and return;
// SIGHUP reloads the rules
// (a rule set with errors is refused and logged, the one in use stays).
// A lost connection is made again with backoff (100 ms doubling to 5 s),
// then the pending list is read first.
#pragma once

#include <chrono>
#include <cstddef>
#include <expected>
#include <string>
#include <vector>

#include "engine/core/error.h"
#include "service/worker/entry_record.h"
#include "service/worker/redis_address.h"

namespace modfilter::worker {

// Defaults in parentheses.
//   in_streams          (none)    input streams, e.g. comments:{0..7}
//   group               ("modfilter")  the consumer group, created (with its
//                                 streams) when missing, reading from the
//                                 start of each stream
//   consumer            (HOST-PID) this worker's name in the group; a stable
//                                 name lets a restarted worker resume its own
//                                 pending entries at once
//   out_stream          ("verdicts")   where verdict records go
//   dead_stream         (OUT:dead) where entries that cannot be screened go
//   rules_path          ("")      rule file or directory, or a .mfdb
//   audit_path          ("")      audit store; empty: none
//   id_field            ("id")    the field the audit store keeps as id
//   lang_field          ("lang")  the field holding the comment's languages
//                                 (ISO codes: ar, or ar,en); without it the
//                                 engine finds the language itself
//   batch               (100)     entries per XREADGROUP and per MULTI/EXEC
//   block               (1 s)     XREADGROUP BLOCK; also bounds how long a
//                                 signal waits
//   claim_idle          (30 s)    pending longer than this: claimed
//   limits              (text, 64 KiB, 5 deliveries)
//   out_maxlen          (0)       approximate cap on the output stream
//                                 (XADD MAXLEN ~); 0: none
//   progress_interval   (10 s)    a progress line at info level; 0: none
//   metrics_listen      ("")      HOST:PORT serving GET /metrics; empty: none
//   log_level, log_json ("info", false)
struct WorkerConfig {
  RedisAddress redis;
  std::vector<std::string> in_streams;
  std::string group = "modfilter";
  std::string consumer;
  std::string out_stream = "verdicts";
  std::string dead_stream;
  std::string rules_path;
  std::string audit_path;
  std::string id_field = "id";
  std::string lang_field = "lang";
  std::size_t batch = 100;
  std::chrono::milliseconds block{1000};
  std::chrono::milliseconds claim_idle{30000};
  EntryLimits limits;
  std::size_t out_maxlen = 0;
  std::chrono::seconds progress_interval{10};
  std::string metrics_listen;
  std::string log_level = "info";
  bool log_json = false;
};

// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread before starting
// any thread. Returns after SIGTERM or SIGINT; errors are a first rule set
// with errors, an audit store that cannot be opened, a metrics address
// that cannot be bound. Redis being down is not an error: the worker
// waits for it, logging each failed attempt.
std::expected<void, Errors> run_worker(WorkerConfig config);

}  // namespace modfilter::worker
