#!/usr/bin/env python3
"""Map with Dask: a bag of JSON lines, each partition piped through one newslens process.

usage: python3 docs/recipes/dask-bag.py 'corpus-*.jsonl' out/ [blocksize, default 64MiB]

Writes out/part-00000.jsonl, out/part-00001.jsonl ... in input order, so `cat out/part-*.jsonl` is
the output of one newslens run over the corpus (its bytes, with --no-timing). Three things a plain
Dask script gets wrong, which this one does not:
- Dask's schedulers for bags run tasks in processes that import this file again, so the work
  starts under `if __name__ == "__main__"`;
- to_textfiles ends a file without a newline (so `cat` joins the last record of one part to the
  first of the next) and writes a blank line for an empty partition: each part is written here;
- parts named 0, 1, ... 10 sort as 0, 1, 10, 2 in the shell: they are zero-padded.
"""
import os
import subprocess
import sys

import dask
import dask.bag as db

NEWSLENS = ["newslens", "-", "--input-format", "jsonl", "-f", "jsonl", "-j", "1", "-q", "--fail-on", "usage", "--no-timing"]


def analyse(lines, path):
    """One partition's records through one newslens process, its Analyses one a line into path."""
    lines = list(lines)
    out = subprocess.run(NEWSLENS, input="".join(line + "\n" for line in lines), capture_output=True, text=True, check=True).stdout if lines else ""
    with open(path, "w") as f:
        f.write(out)


if __name__ == "__main__":
    corpus, out = sys.argv[1], sys.argv[2].rstrip("/")
    blocksize = sys.argv[3] if len(sys.argv) > 3 else "64MiB"
    os.makedirs(out, exist_ok=True)
    partitions = db.read_text(corpus, blocksize=blocksize).map(str.rstrip).filter(bool).to_delayed()
    dask.compute(*[dask.delayed(analyse)(part, f"{out}/part-{i:05d}.jsonl") for i, part in enumerate(partitions)])
