#!/usr/bin/env bash
# Installs the Debian packages modfilter needs to build, test and run.
# Idempotent: installs only what is missing, and does nothing when all is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libhyperscan-dev libyaml-cpp-dev libspdlog-dev libfmt-dev catch2
  libsimdjson-dev libcli11-dev libicu-dev libsqlite3-dev
  libcpp-httplib-dev libssl-dev libboost-dev libhiredis-dev redis-server libre2-dev
  wamerican wamerican-large clang libclang-rt-14-dev wrk jq
  clang-16 libclang-rt-16-dev
  libcld2-dev hunspell-ar myspell-fa hunspell-tr hunspell-kmr
  chromium chromium-driver python3-selenium python3-googleapi python3
  pybind11-dev python3-dev python3-pytest
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
