// Progress on stderr for a person at a terminal (cli-progress), and the one-line summary at the end.
import cliProgress from 'cli-progress';
import { count } from '../format/table.js';

export interface Progress {
  tick: (failed: boolean, tokens: number) => void;
  finish: () => void;
}

/** The bar on screen now, if any: an early exit must stop it, or the cursor stays hidden. */
let activeBar: cliProgress.SingleBar | null = null;

/**
 * After Ctrl-C or a closed pipe (`| head`): stops the bar, which clears its line and shows the
 * cursor again, so the shell's prompt starts on a fresh line with a visible cursor.
 */
export function restoreTerminal(): void {
  if (!activeBar) return;
  activeBar.stop();
  activeBar = null;
}

/** A bar when `show` (stderr is a terminal and not --quiet); otherwise only counts are kept. */
export function startProgress(show: boolean, total: number | null): Progress & { counts: () => { done: number; failed: number; tokens: number; seconds: number } } {
  const started = performance.now();
  let done = 0;
  let failed = 0;
  let tokens = 0;
  const bar = show ? new cliProgress.SingleBar({
    format: total ? ' {bar} {value}/{total} articles · {rate}/s · ETA {eta_formatted} · {failed} failed' : ' {value} articles · {rate}/s · {failed} failed',
    hideCursor: true, clearOnComplete: true, stream: process.stderr, etaBuffer: 200, fps: 10,
  }, cliProgress.Presets.shades_classic) : null;
  bar?.start(total ?? 0, 0, { rate: '0', failed: 0 });
  activeBar = bar;
  const counts = () => ({ done, failed, tokens, seconds: (performance.now() - started) / 1000 });
  return {
    tick: (isFailure, tokenCount) => {
      done += 1;
      if (isFailure) failed += 1;
      tokens += tokenCount;
      if (bar) {
        if (total !== null && done > total) bar.setTotal(done);
        bar.update(done, { rate: (done / counts().seconds).toFixed(0), failed });
      }
    },
    finish: () => {
      bar?.stop();
      if (activeBar === bar) activeBar = null;
      if (!show) return;
      const { seconds } = counts();
      process.stderr.write(`newslens: ${count(done, 'input')}, ${done - failed} analysed, ${failed} failed, ${Math.round(tokens / seconds).toLocaleString('en')} tokens/s, ${seconds.toFixed(1)} s\n`);
    },
    counts,
  };
}
