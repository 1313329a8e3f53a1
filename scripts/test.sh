#!/usr/bin/env bash
# Builds modfilter with warnings as errors and runs the whole test suite.
#   scripts/test.sh              release build with debug info, in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan build, in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

"$(dirname "$0")/install-deps.sh"

build_dir=build
options=(-DMODFILTER_WERROR=ON)
if [[ "${1:-}" == "--sanitize" ]]; then
  build_dir=build-asan
  options+=(-DMODFILTER_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
fi

cmake -S . -B "$build_dir" -G Ninja "${options[@]}" >/dev/null
cmake --build "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
