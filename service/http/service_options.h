// ServiceOptions: what an operator of `modfilter serve` can set, with the
// defaults (in parentheses) chosen for one instance behind a web backend on
// the same network.
//
//   rules_path          ("")          rule file or directory, loaded and reloaded
//   host, port          (127.0.0.1, 8080)  0 for any free port
//   max_body_bytes      (32 MiB)      larger request bodies get 413: room for
//                                     one comment of the text limit
//   max_text_bytes      (16 MiB)      longer comments get 413 (batch: an error
//                                     item); kDefaultMaxTextBytes, the limit
//                                     of scan and check too
//   max_batch           (1000)        more comments in one batch get 413
//   io_threads          (0: cores)    threads reading and writing sockets;
//                                     a connection costs a buffer, not a
//                                     thread
//   threads             (0: cores)    screening threads: batches, reloads
//                                     and comments over kSmallBodyBytes
//                                     (routes.h) run there
//   max_queue           (256)         requests waiting for a screening
//                                     thread; more get 503 + Retry-After
//   max_connections     (8192)        open connections; more are closed at
//                                     once (lowered to fit the process's
//                                     open-file limit)
//   max_connections_per_address (256) open connections from one client
//                                     address; more are closed at once
//   header_timeout      (5 s)         from a request's first byte (or the
//                                     accept) to its last header line,
//                                     however slowly bytes trickle in
//   body_timeout        (30 s)        from the headers to the body's end
//   write_timeout       (5 s)         to write one response
//   max_header_bytes    (16 KiB)      request line and headers; more: 431
//   max_header_count    (64)          header lines; more: 431
//   keep_alive_timeout  (5 s)         an idle connection is closed after this
//   keep_alive_requests (1000)        requests served on one connection
//   redact_categories   (profanity)   what "redact": true masks
//   scores              (reject 0.95, review 0.6, no match 0.02) Perspective
//   admin_token         ("")          bearer token; empty: admin endpoints off
//   api_keys            ({})          Perspective `key`s; empty: any key
//   audit_path          ("")          audit store for /v1/screen(/batch); empty: none
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "engine/core/limits.h"

namespace modfilter::http {

// The value the Perspective endpoint reports for a rule's action. These are
// verdicts mapped to numbers, not probabilities: a site that used to reject
// above a Perspective threshold keeps working with a threshold between
// `review` and `reject`.
struct PerspectiveScores {
  double reject = 0.95;
  double review = 0.6;
  double none = 0.02;
};

struct ServiceOptions {
  std::string rules_path;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::size_t max_body_bytes = 2 * kDefaultMaxTextBytes;
  std::size_t max_text_bytes = kDefaultMaxTextBytes;
  std::size_t max_batch = 1000;
  std::size_t io_threads = 0;
  std::size_t threads = 0;
  std::size_t max_queue = 256;
  std::size_t max_connections = 8192;
  std::size_t max_connections_per_address = 256;
  std::chrono::milliseconds header_timeout{5000};
  std::chrono::milliseconds body_timeout{30000};
  std::chrono::milliseconds write_timeout{5000};
  std::size_t max_header_bytes = 16 << 10;
  std::size_t max_header_count = 64;
  std::chrono::milliseconds keep_alive_timeout{5000};
  std::size_t keep_alive_requests = 1000;
  std::vector<std::string> redact_categories = {"profanity"};
  PerspectiveScores scores;
  std::string admin_token;
  std::vector<std::string> api_keys;
  std::string audit_path;
};

// A thread count as given, or the cores for 0.
inline std::size_t or_cores(std::size_t threads) {
  return threads > 0 ? threads
                     : std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

}  // namespace modfilter::http
