#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=8 --max-old-space-size=512 --single-threaded-gc
// The heap flags keep a long batch's memory flat (V8 otherwise lets the heap grow with the run), and
// single-threaded GC leaves the second core to the second worker instead of to GC helper threads;
// worker threads get the same limits through piscina's resourceLimits. Two malloc arenas instead of
// one per thread: with a worker pool, about 15 MiB less resident memory (glibc; ignored elsewhere).
// An 8 MB semi-space (young objects) instead of 4: a tenth less time in GC over the BBC corpus at
// -j 1 for about 13 MiB more resident memory.
import '../dist/cli/main.js';
