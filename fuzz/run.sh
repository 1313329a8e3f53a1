#!/usr/bin/env bash
# Fuzzes one target with libFuzzer under ASan+UBSan for SECONDS seconds:
#   fuzz/run.sh TARGET SECONDS [libFuzzer options...]
# Builds (once, incrementally after) in build-fuzz/ with clang 16 (see
# fuzz/README.md for why 16), starts from the checked-in corpus
# fuzz/corpus/TARGET/ and grows a scratch corpus in build-fuzz/corpus/TARGET/
# (never the checked-in one: minimise interesting inputs into it by hand).
# Crashes, leaks and timeouts are written to build-fuzz/artifacts/TARGET/.
# Runs under nice -n 19: the machine is shared, so the per-input time limit
# is a generous 30 s of wall time (a starved process is not a hang).
set -euo pipefail

if (($# < 2)); then
  echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2

root=$(cd "$(dirname "$0")/.." && pwd)
build=${MODFILTER_FUZZ_BUILD:-$root/build-fuzz}
if [[ ! -d $root/fuzz/corpus/$target ]]; then
  echo "fuzz/run.sh: no target '$target' (no fuzz/corpus/$target)" >&2
  exit 2
fi
if ! command -v clang++-16 >/dev/null; then
  echo "fuzz/run.sh: clang++-16 is missing; run scripts/install-deps.sh" >&2
  exit 2
fi

if [[ ! -f $build/build.ninja ]]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-16 -DMODFILTER_FUZZ=ON \
    -DMODFILTER_BUILD_TESTS=OFF -DMODFILTER_BUILD_BENCHMARKS=OFF \
    "${launcher[@]}" >/dev/null
fi
nice -n 5 cmake --build "$build" --target "fuzz_$target" -j2

work=$build/corpus/$target
artifacts=$build/artifacts/$target
mkdir -p "$work" "$artifacts"
dict=()
[[ -f $root/fuzz/$target.dict ]] && dict=(-dict="$root/fuzz/$target.dict")

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec nice -n 19 "$build/fuzz/fuzz_$target" -max_total_time="$seconds" \
  -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="$artifacts/" "${dict[@]}" "$@" \
  "$work" "$root/fuzz/corpus/$target"
