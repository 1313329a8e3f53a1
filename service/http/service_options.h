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
//   threads             (128)         workers; httplib gives each open
//                                     connection one worker while it is
//                                     served, so keep this at or above the
//                                     keep-alive connections you expect
//   read_timeout, write_timeout (5 s) per socket read or write
//   keep_alive_timeout  (5 s)         an idle connection is closed after this
//   keep_alive_requests (1000)        requests served on one connection
//   redact_categories   (profanity)   what "redact": true masks
//   scores              (reject 0.95, review 0.6, no match 0.02) Perspective
//   admin_token         ("")          bearer token; empty: admin endpoints off
//   api_keys            ({})          Perspective `key`s; empty: any key
//   audit_path          ("")          audit store for /v1/screen(/batch); empty: none
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
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
  std::size_t threads = 128;
  std::chrono::seconds read_timeout{5};
  std::chrono::seconds write_timeout{5};
  std::chrono::seconds keep_alive_timeout{5};
  std::size_t keep_alive_requests = 1000;
  std::vector<std::string> redact_categories = {"profanity"};
  PerspectiveScores scores;
  std::string admin_token;
  std::vector<std::string> api_keys;
  std::string audit_path;
};

}  // namespace modfilter::http
