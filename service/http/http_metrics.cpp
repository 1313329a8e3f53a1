#include "service/http/http_metrics.h"

#include "service/common/prometheus_text.h"

namespace modfilter::http {

using service::append_header;
using service::append_sample;

void HttpMetrics::render(std::string& out) const {
  constexpr const char* kOpen = "modfilter_http_connections_open";
  append_header(out, kOpen, "gauge", "Client connections open now.");
  append_sample(out, kOpen, "", "", open());

  constexpr const char* kRefused = "modfilter_http_connections_refused_total";
  append_header(out, kRefused, "counter",
                "Connections closed on accept: over --max-connections, or "
                "over --max-connections-per-address from one address.");
  append_sample(out, kRefused, "reason", "max_connections",
                refusals(Refusal::kMaxConnections));
  append_sample(out, kRefused, "reason", "per_address",
                refusals(Refusal::kPerAddress));

  constexpr const char* kTimeouts = "modfilter_http_timeouts_total";
  append_header(out, kTimeouts, "counter",
                "Connections closed by a deadline: idle between requests "
                "(--keep-alive-timeout), headers (--header-timeout), body "
                "(--body-timeout), response (--write-timeout).");
  append_sample(out, kTimeouts, "phase", "idle", timeouts(Deadline::kIdle));
  append_sample(out, kTimeouts, "phase", "header", timeouts(Deadline::kHeader));
  append_sample(out, kTimeouts, "phase", "body", timeouts(Deadline::kBody));
  append_sample(out, kTimeouts, "phase", "write", timeouts(Deadline::kWrite));

  constexpr const char* kHeaders = "modfilter_http_headers_refused_total";
  append_header(out, kHeaders, "counter",
                "Requests answered 431: headers over --max-header-bytes or "
                "more lines than --max-header-count.");
  append_sample(out, kHeaders, "limit", "bytes",
                headers_[index(HeaderLimit::kBytes)].load(std::memory_order_relaxed));
  append_sample(out, kHeaders, "limit", "count",
                headers_[index(HeaderLimit::kCount)].load(std::memory_order_relaxed));

  constexpr const char* kFull = "modfilter_http_queue_full_total";
  append_header(out, kFull, "counter",
                "Requests answered 503 + Retry-After because --max-queue "
                "requests already waited for a screening thread.");
  append_sample(out, kFull, "", "", queue_full_.load(std::memory_order_relaxed));

  constexpr const char* kQueued = "modfilter_http_queued_requests";
  append_header(out, kQueued, "gauge",
                "Requests waiting for a screening thread when last sampled.");
  append_sample(out, kQueued, "", "", queued_.load(std::memory_order_relaxed));
}

}  // namespace modfilter::http
