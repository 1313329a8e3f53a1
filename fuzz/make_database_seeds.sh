#!/usr/bin/env bash
# Rebuilds the good seeds of the database_loader target from the fixture
# rules (fuzz/corpus/rule_loader/fixture.yaml, the same text as
# fuzz/fixture_rules.h) whenever the .mfdb format changes, so that fuzzing
# starts past the version check:
#   fuzz/make_database_seeds.sh [path/to/modfilter]
#   whole_good_file.bin   byte 0 = 0, then a whole good file
#   sealed_good_body.bin  byte 0 = 2, then the file without its checksum
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
modfilter=${1:-$root/build/cli/modfilter}
corpus=$root/fuzz/corpus/database_loader
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$modfilter" compile "$root/fuzz/corpus/rule_loader/fixture.yaml" \
  -o "$work/fixture.mfdb" >/dev/null
size=$(stat -c %s "$work/fixture.mfdb")
{ printf '\x00'; cat "$work/fixture.mfdb"; } >"$corpus/whole_good_file.bin"
{ printf '\x02'; head -c $((size - 8)) "$work/fixture.mfdb"; } \
  >"$corpus/sealed_good_body.bin"
echo "rebuilt $corpus/whole_good_file.bin and sealed_good_body.bin ($size bytes)"
