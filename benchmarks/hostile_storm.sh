#!/usr/bin/env bash
# Issue 21's storm against `modfilter serve` (tests/storm/hostile_storm.cpp):
# 1,000 slow and 2,000 idle keep-alive connections, 300 more from one
# address, while 64 normal clients send single comments, batches and
# Perspective requests, with three reloads and a broken one. Loopback only,
# bounded by SECONDS (60) plus start-up and the measurement after it.
#
#   benchmarks/hostile_storm.sh [BUILD_DIR]
#   SECONDS_=60 SLOW=1000 IDLE=2000 CLIENTS=64 TEXTS=samples/comments.jsonl LOAD=0
#
# LOAD=0 runs the normal clients in a closed loop (as fast as they can: the
# latency is then mostly their own queueing); LOAD=0.5 first measures their
# capacity with no attacker, then paces them at half of it without and with
# the storm, and prints both latencies at that same offered load.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
storm="$build/tests/hostile_storm"
[[ -x $storm && -x $build/cli/modfilter ]] || { echo "hostile_storm.sh: build $storm and modfilter first" >&2; exit 2; }
# Each connection is a descriptor on both ends, in this process and serve.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
need=$(( ${SLOW:-1000} + ${IDLE:-2000} + 300 + ${CLIENTS:-64} + 256 ))
if (( $(ulimit -n) < need )); then
  echo "hostile_storm.sh: the open-file limit is $(ulimit -n), $need needed (ulimit -Hn is $(ulimit -Hn))" >&2
  exit 2
fi
exec "$storm" --modfilter "$build/cli/modfilter" --rules "${RULES:-rules}" \
  --texts "${TEXTS:-samples/comments.jsonl}" --seconds "${SECONDS_:-60}" \
  --slow "${SLOW:-1000}" --idle "${IDLE:-2000}" --clients "${CLIENTS:-64}" \
  --load "${LOAD:-0}"
