// Article text is untrusted. The hostile lines below are set inside the seed's own sentences, as a
// scraped page or a tampered feed would carry them, and every people-facing format must keep them inert.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { markdownText, terminalText } from '../../dist/format/safe-text.js';
import { repoRoot, seedPath } from '../helpers/paths.js';

const bin = join(repoRoot, 'bin/newslens.js');
const run = (args: string[], env: Record<string, string | undefined> = {}) => spawnSync(process.execPath, [bin, ...args], {
  encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env },
});

const seed = readFileSync(seedPath, 'utf8');
const hostileQuote = '=HYPERLINK(A1) <img src=x onerror=alert(1)> *all* `rm` | [a](javascript:x),';
/** The seed with a formula-and-markup quotation, a terminal escape in the title and a bidi override. */
const hostile = `\u001b]0;owned\u0007\u001b[2J${seed.split('\n')[0]}\n\n`
  + `“${hostileQuote}” John Kerry said.\n\n-2+3 was what @Lavrov\u202e wrote, Sergei Lavrov said.\n\n${seed.split('\n').slice(1).join('\n')}`;
const file = join(mkdtempSync(join(tmpdir(), 'newslens-hostile-')), 'hostile.txt');
writeFileSync(file, hostile);

describe('terminalText', () => {
  test.each([
    ['\u001b[31mred\u001b[0m', 'red'],
    ['a\u001b]0;title\u0007b', 'ab'],
    ['a\u001b]8;;http://x\u001b\\link', 'alink'],
    ['bell\u0007 and backspace\b', 'bell\ufffd and backspace\ufffd'],
    ['left\u202eright', 'left\ufffdright'],
    ['plain “text”, é and 日本 stay\n\tas they are', 'plain “text”, é and 日本 stay\n\tas they are'],
  ])('%j', (input, output) => expect(terminalText(input)).toBe(output));
});

describe('markdownText', () => {
  test.each([
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['[a](javascript:x)', '\\[a\\](javascript:x)'],
    ['a | b\nc', 'a \\| b c'],
    ['AT&T', 'AT&amp;T'],
    ['John Kerry, U.S. Secretary of State', 'John Kerry, U.S. Secretary of State'],
  ])('%j', (input, output) => expect(markdownText(input)).toBe(output));
});

describe('hostile article text in every people-facing format', () => {
  test('csv: no cell a spreadsheet would run as a formula', () => {
    const result = run([file, '-f', 'csv']);
    expect(result.status).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    const quote = rows.find((r) => r.part === 'quote' && r.text!.includes('HYPERLINK'));
    expect(quote?.text).toBe(`'${hostileQuote}`);
    // Every text cell is safe; numbers (negative scores) stay numbers.
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        if (column === 'score') expect(cell).toMatch(/^(-?[0-9.]+)?$/);
        else expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  });

  test('csv of a summary too', () => {
    const rows = parse(run(['summary', file, '-f', 'csv']).stdout, { columns: true }) as Record<string, string>[];
    const sample = rows.find((r) => r.part === 'speaker' && r.sample!.includes('HYPERLINK'));
    expect(sample?.sample.startsWith("'=")).toBe(true);
  });

  test('md: no raw HTML and no markup from the text', () => {
    for (const args of [[file, '-f', 'md'], ['summary', file, '-f', 'md']]) {
      const md = run(args).stdout;
      expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(md).not.toMatch(/<img/);
      expect(md).toContain('\\*all\\* \\`rm\\` \\| \\[a\\]');
      expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    }
  });

  test('table: no escape sequence or control character of the text reaches the terminal, with or without colour', () => {
    for (const env of [{}, { NO_COLOR: undefined, FORCE_COLOR: '1' }]) {
      for (const args of [[file, '-f', 'table'], ['summary', file, '-f', 'table']]) {
        const out = run(args, env).stdout;
        expect(out).toContain('Kerry');
        // Colour codes are ours (SGR, ESC [ ... m); anything else starting with ESC came from the text.
        expect(out.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
        expect(out).not.toContain('owned');
      }
    }
  });
});
