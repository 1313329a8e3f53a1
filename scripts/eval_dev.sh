#!/bin/sh
# Scores a modfilter binary on every dev file: the shared data's
# *.dev.jsonl and the functional suites' dev halves, plus the functional
# heldout halves' figures (read the figures only, never the rows).
# Usage: scripts/eval_dev.sh [BINARY] [RULES] > table.tsv
set -eu
bin=${1:-build/cli/modfilter}
rules=${2:-rules}
data=${MODFILTER_DATA:-/work/shared/data}
here=$(cd "$(dirname "$0")/.." && pwd)
printf 'file\trows\tprecision\trecall\tf1\tfpr\n'
for f in "$data"/*.dev.jsonl "$here"/tests/functional/*.dev.jsonl \
         "$here"/tests/functional/*.heldout.jsonl; do
  case "$f" in
    "$here"/tests/functional/*) name=functional/$(basename "$f") ;;
    *) name=$(basename "$f") ;;
  esac
  "$bin" eval -q --rules "$rules" --json "$f" | python3 -c '
import json, sys
f = json.load(sys.stdin)["files"][0]
show = lambda x: "-" if x is None else "%.3f" % x
print("\t".join([sys.argv[1], str(f["rows"])] +
                [show(f[k]) for k in ("precision", "recall", "f1", "fpr")]))' "$name"
done
