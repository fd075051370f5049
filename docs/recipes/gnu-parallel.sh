#!/usr/bin/env bash
# Map with GNU parallel on one machine: corpus.jsonl -> analyses.jsonl, in input order.
# --block 10M: parallel's default 1 MB block warns on long records (a long article is a long line);
# it still splits only at newlines. -j 1 per process: parallel already runs one per core.
# --fail-on usage: a bad record stays an error record and does not fail its block.
# --no-timing: elapsedMs is 0, so the result is byte-identical to one newslens run with --no-timing.
set -euo pipefail
in=${1:-corpus.jsonl}
parallel --pipe --block "${BLOCK:-10M}" --keep-order \
  newslens - --input-format jsonl -f jsonl -j 1 -q --fail-on usage --no-timing < "$in"
