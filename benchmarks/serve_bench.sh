#!/usr/bin/env bash
# Benchmarks `modfilter serve` on loopback with wrk (Debian's `wrk`): single
# comments over keep-alive connections and batches of 100, against `modfilter
# scan` on the same comments in the same run. Not a timed test: run it by
# hand on a quiet machine and compare the figures with the targets of the
# serve issues (2 cores, 64 connections: single comments >= 1.5x the
# requests/s of the cpp-httplib server with p99 <= 3 ms; batches of 100
# >= 85% of scan's comments/s). BASELINE=OTHER_MODFILTER also measures the
# single comments on another build's serve (say main's) in the same run.
#
#   benchmarks/serve_bench.sh [BUILD_DIR]
#   RULES=rules DURATION=10s CONNECTIONS=64 WRK_THREADS=2 SERVE_THREADS=
#   COMMENTS=samples/comments.jsonl BASELINE= benchmarks/serve_bench.sh build
#
# wrk and the server share the machine, so the figures are for the pair.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
binary="$build/cli/modfilter"
rules=${RULES:-rules}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
wrk_threads=${WRK_THREADS:-2}
serve_threads=${SERVE_THREADS:-}  # empty: serve's default (the cores)
baseline=${BASELINE:-}
comments=${COMMENTS:-samples/comments.jsonl}
batch_size=100

command -v wrk >/dev/null || { echo "serve_bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[[ -x $binary ]] || { echo "serve_bench: no $binary; build first" >&2; exit 2; }

work=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
stop_server() {
  kill -TERM "$server"; wait "$server" 2>/dev/null || true; server=
}
trap cleanup EXIT

# Request bodies, one per line: each sample comment alone, and batches of
# $batch_size comments cycling through the samples.
grep -v '^[[:space:]]*$' "$comments" > "$work/single.txt"
awk -v size="$batch_size" '{ line[NR] = $0 } END {
  for (b = 0; b < 50; ++b) {
    out = "["
    for (i = 0; i < size; ++i) out = out (i ? "," : "") line[(b * size + i) % NR + 1]
    print out "]"
  } }' "$work/single.txt" > "$work/batch.txt"
scan_comments=500000
awk -v n="$scan_comments" '{ line[NR] = $0 } END { for (i = 0; i < n; ++i) print line[i % NR + 1] }' \
  "$work/single.txt" > "$work/scan.jsonl"

# wrk: POST each body of the file in turn; print the figures in one line.
cat > "$work/post.lua" <<'LUA'
local bodies = {}
local next_body = 0
function init(args)
  for line in io.lines(args[1]) do bodies[#bodies + 1] = line end
  next_body = math.random(#bodies) - 1
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
function request()
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[next_body])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, e.connect + e.read + e.write + e.status + e.timeout))
end
LUA

start_server() {  # BINARY [THREADS] -> $server, $port
  local threads=()
  [[ -n ${2:-} ]] && threads=(--threads "$2")
  "$1" serve -r "$rules" --listen 127.0.0.1:0 "${threads[@]}" \
    --summary-interval 0 2> "$work/serve.log" &
  server=$!
  port=
  for _ in $(seq 1 600); do
    port=$(sed -n 's/.* port=\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)
    if [[ -n $port ]] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$server" 2>/dev/null; then cat "$work/serve.log" >&2; exit 2; fi
    sleep 0.1
  done
}
start_server "$binary" "$serve_threads"
echo "serve_bench: $(nproc) cores; rules $(curl -s "http://127.0.0.1:$port/readyz")"

run_wrk() {  # PATH BODIES -> "requests/s p50 p99 errors"
  wrk -t "$wrk_threads" -c "$connections" -d "$duration" -s "$work/post.lua" \
    "http://127.0.0.1:$port$1" -- "$2" | awk '/^RESULT/ {
      for (i = 2; i <= NF; ++i) { split($i, kv, "="); v[kv[1]] = kv[2] }
      printf "%.0f %.3f %.3f %d\n", v["requests"] / v["seconds"], v["p50_ms"], v["p99_ms"], v["errors"] }'
}

# Warm every worker's scratch and parser before measuring.
wrk -t "$wrk_threads" -c "$connections" -d 2s -s "$work/post.lua" \
  "http://127.0.0.1:$port/v1/screen" -- "$work/single.txt" >/dev/null

read -r single_rps single_p50 single_p99 single_errors < <(run_wrk /v1/screen "$work/single.txt")
read -r batch_rps batch_p50 batch_p99 batch_errors < <(run_wrk /v1/screen/batch "$work/batch.txt")
batch_cps=$((batch_rps * batch_size))
if [[ -n $baseline ]]; then
  stop_server
  # The old server gave each connection a thread of its pool: 128 threads.
  start_server "$baseline" 128
  wrk -t "$wrk_threads" -c "$connections" -d 2s -s "$work/post.lua" \
    "http://127.0.0.1:$port/v1/screen" -- "$work/single.txt" >/dev/null
  read -r base_rps base_p50 base_p99 base_errors < <(run_wrk /v1/screen "$work/single.txt")
  stop_server
  start_server "$binary" "$serve_threads"
fi

# scan's comments/s without its start-up (compiling the rules): the time
# of the full run minus that of an empty one.
elapsed() {  # FILE -> seconds of `modfilter scan FILE`
  local start end
  start=$(date +%s.%N)
  "$binary" scan -r "$rules" "$1" > /dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { print e - s }'
}
: > "$work/empty.jsonl"
startup=$(elapsed "$work/empty.jsonl")
full=$(elapsed "$work/scan.jsonl")
scan_cps=$(awk -v f="$full" -v s="$startup" -v n="$scan_comments" 'BEGIN { printf "%.0f", n / (f - s) }')

printf '%-28s %12s %12s %9s %9s %7s\n' "run ($connections connections)" "requests/s" "comments/s" "p50 ms" "p99 ms" "errors"
printf '%-28s %12s %12s %9s %9s %7s\n' "single comment" "$single_rps" "$single_rps" "$single_p50" "$single_p99" "$single_errors"
printf '%-28s %12s %12s %9s %9s %7s\n' "batch of $batch_size" "$batch_rps" "$batch_cps" "$batch_p50" "$batch_p99" "$batch_errors"
if [[ -n $baseline ]]; then
  printf '%-28s %12s %12s %9s %9s %7s\n' "single, BASELINE serve" "$base_rps" "$base_rps" "$base_p50" "$base_p99" "$base_errors"
  awk -v n="$single_rps" -v o="$base_rps" 'BEGIN { printf "single requests/s / BASELINE: %.2fx\n", n / o }'
fi
printf '%-28s %12s %12s\n' "modfilter scan (baseline)" "-" "$scan_cps"
awk -v b="$batch_cps" -v s="$scan_cps" 'BEGIN { printf "batch / scan comments/s: %.0f%%\n", 100 * b / s }'
# The server's own view (body read to response written), from /metrics: the
# bucket holding the 99th percentile, to tell handler time from queueing.
curl -s "http://127.0.0.1:$port/metrics" | awk '
  /^modfilter_http_request_duration_seconds_bucket/ {
    match($0, /endpoint="[a-z]+"/); e = substr($0, RSTART + 10, RLENGTH - 11)
    match($0, /le="[^"]+"/); le = substr($0, RSTART + 4, RLENGTH - 5)
    n[e]++; bound[e, n[e]] = le; count[e, n[e]] = $NF }
  END { for (e in n) if (e == "screen" || e == "batch") {
          total = count[e, n[e]]
          for (i = 1; i <= n[e]; ++i) if (count[e, i] >= 0.99 * total) break
          printf "server-side p99 (%s): <= %s s\n", e, bound[e, i] } }'
