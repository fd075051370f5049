// What a person at a terminal sees: the top-level help, a mistyped command, and the terminal left
// as it was found after Ctrl-C or `| head` (cursor shown, prompt on a fresh line). The last two run
// newslens under a pseudo-terminal (util-linux `script`), where the progress bar draws.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { repoRoot, seedPath } from '../helpers/paths.js';

const bin = join(repoRoot, 'bin/newslens.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

describe('help and commands', () => {
  test('newslens --help teaches the options of analyze, not only --version', () => {
    const help = run(['--help']).stdout;
    for (const option of ['--format', '--input-format', '--only', '--target', '--jobs', '--fail-on', '--no-timing', '--max-chars']) expect(help).toContain(option);
    expect(help).toContain('summary');
    expect(help).toMatch(/Usage: newslens \[command\] \[paths\.\.\.\]/);
  });

  test.each([['sumary', 'summary'], ['entites', 'entities'], ['qoutes', 'quotes'], ['stances', 'stance'], ['analyse', 'analyze']])('%s: an unknown command, and the close one suggested', (typed, meant) => {
    const result = run([typed]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`unknown command '${typed}'`);
    expect(result.stderr).toContain(`Did you mean '${meant}'?`);
  });

  test('a missing file that is no command\'s near miss is reported as a missing file', () => {
    for (const path of ['kerry.txt', 'news/politics', 'xyzzy']) {
      const result = run([path]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`no such file or folder: ${path}`);
    }
  });
});

function folderOfCopies(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-tty-'));
  for (let i = 0; i < count; i += 1) copyFileSync(seedPath, join(dir, `${String(i).padStart(4, '0')}.txt`));
  return dir;
}

/** Runs a shell line under a pseudo-terminal; returns everything the terminal received. */
const inTerminal = (line: string) => spawnSync('script', ['-qfec', line, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SHELL: '/bin/bash' }, timeout: 60_000 }).stdout;

/** The bar hid the cursor; after the last hide, it must be shown again, and the text ends on a fresh line. */
function expectTerminalRestored(screen: string) {
  const hidden = screen.lastIndexOf(HIDE_CURSOR);
  expect(hidden).toBeGreaterThanOrEqual(0);
  expect(screen.indexOf(SHOW_CURSOR, hidden)).toBeGreaterThan(hidden);
}

(hasScript ? describe : describe.skip)('the terminal after an early end', () => {
  const dir = folderOfCopies(1500);

  test('`| head` at -j 1 and -j 2: cursor shown again, exit 0', () => {
    for (const jobs of ['1', '2']) {
      const screen = inTerminal(`"${process.execPath}" "${bin}" "${dir}" -f jsonl -j ${jobs} | head -c 100 > /dev/null; echo "rc=\${PIPESTATUS[0]}"`);
      expectTerminalRestored(screen);
      expect(screen).toMatch(/rc=0/);
    }
  });

  test('Ctrl-C (SIGINT) at -j 1 stops the run at once: cursor shown, "interrupted" on its own line, exit 130', () => {
    // At -j 1 the files are read and analysed synchronously; the run must still turn the event loop to see the signal.
    const screen = inTerminal(`"${process.execPath}" "${bin}" "${dir}" -f jsonl -j 1 > /dev/null & pid=$!; sleep 2; kill -INT $pid; wait $pid; echo "rc=$?"`);
    expectTerminalRestored(screen);
    expect(screen).toMatch(/\n(\r)?newslens: interrupted\r?\n/);
    expect(screen).toMatch(/rc=130/);
    expect(screen).not.toMatch(/1500\/1500 articles/);
  });
});
