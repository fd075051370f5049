#!/usr/bin/env bash
# Map with a Slurm job array: task K of N analyses the K-th of N line-aligned slices of the corpus.
#   sbatch --array=1-8 docs/recipes/slurm-array.sh corpus.jsonl out/
# Reduce when all tasks are done, without analysing again:
#   cat out/part-*.jsonl > analyses.jsonl && newslens summary analyses.jsonl -f json > summary.json
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
set -euo pipefail
in=${1:-corpus.jsonl}
out=${2:-out}
mkdir -p "$out"
k=${SLURM_ARRAY_TASK_ID:?run me as a job array (sbatch --array=1-N)}
n=${SLURM_ARRAY_TASK_COUNT:?}
# split -n l/K/N: the K-th of N chunks, cut only at newlines (GNU coreutils), so no record is split.
split -n "l/$k/$n" "$in" \
  | newslens - --input-format jsonl -f jsonl -j 1 -q --fail-on usage --no-timing > "$out/part-$(printf %05d "$k").jsonl"
