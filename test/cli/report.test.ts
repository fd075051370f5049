// The HTML reports: escaping of hostile article text, and the pages in a real browser (Debian's
// chromium, driven by playwright-core) when one is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { hasShared, repoRoot, seedPath, sharedDir } from '../helpers/paths.js';

const bin = join(repoRoot, 'bin/newslens.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], {
  input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined }, maxBuffer: 64 * 1024 * 1024,
});

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

// A real news paragraph (the seed's), with markup an attacker could slip into a feed.
const seedLines = readFileSync(seedPath, 'utf8').split('\n');
const HOSTILE = [
  seedLines[0],
  `${seedLines[2]} <script>alert(1)</script>`,
  `Lavrov said: “We will study it <img src=x onerror=alert(2)> carefully,” he told reporters.`,
  `<a href="javascript:alert(3)" onclick="alert(4)">Sergei Lavrov</a> met John Kerry in Moscow.`,
].join('\n');

function writePage(name: string, html: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'newslens-report-')), name);
  writeFileSync(path, html);
  return path;
}

describe('the HTML report marks references', () => {
  test('a role phrase is marked as a reference to its person, like a pronoun (BBC politics/262)', () => {
    const text = 'Tory leader Michael Howard has claimed in a heated prime minister\'s questions. The Tory leader countered that such agreements had been struck twice.';
    const page = run(['-', '-f', 'html'], text).stdout;
    // The party named inside the role is marked inside it, as "Labour" in "The Labour leader".
    expect(page).toMatch(/<mark class="PERSON pronoun"[^>]*title="Michael Howard · PERSON · nominal">The <mark class="ORG"[^>]*title="Conservatives · ORG">Tory<\/mark> leader<\/mark>/);
  });
});

describe('the HTML report escapes article text', () => {
  test('<script> and on...= attributes appear only as escaped text', () => {
    const result = run(['-', '-f', 'html'], HOSTILE);
    expect(result.status).toBe(0);
    const page = result.stdout;
    // The page's one script is its own; the article's appears escaped.
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page).not.toContain('alert(1)</script>');
    // Highlights may wrap words inside it ("1" is a number): compare the page's text without tags.
    const text = page.replace(/<[^>]*>/g, '');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toMatch(/<img/i);
    expect(text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page).not.toMatch(/<a\s/i);
    expect(text).toContain('onclick=&quot;alert(4)&quot;');
    // No element of the page carries an event handler attribute.
    expect(page).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  });

  test('the page runs no script but its own (Content-Security-Policy by hash)', () => {
    const page = run(['-', '-f', 'html'], HOSTILE).stdout;
    expect(page).toMatch(/http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'sha256-[A-Za-z0-9+/=]+'"/);
  });
});

describe('the HTML report of several articles', () => {
  test('a table of contents links every article, failed ones included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslens-toc-'));
    writeFileSync(join(dir, 'a.txt'), seedLines.join('\n'));
    writeFileSync(join(dir, 'b.txt'), seedLines.slice(0, 8).join('\n'));
    writeFileSync(join(dir, 'c.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02, 0x00, 0x00]));
    const page = run([dir, '-f', 'html', '-q']).stdout;
    const toc = /<nav id="toc">(.*?)<\/nav>/s.exec(page)?.[1] ?? '';
    const links = [...toc.matchAll(/href="#(a\d+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['a1', 'a2', 'a3']);
    for (const id of links) expect(page).toContain(`<article id="${id}">`);
    expect(toc).toContain('class="error"');
  });
});

describe('newslens summary: tone toward a target over time', () => {
  // The seed cut into three dated records, as a JSONL feed would carry them.
  const feed = [['2015-11-02', seedLines.join('\n')], ['2015-12-01', seedLines.slice(0, 8).join('\n')], ['2015-12-20', seedLines.slice(8).join('\n')]]
    .map(([date, text], i) => JSON.stringify({ id: `seed-${i}`, text, date })).join('\n');

  test('byDate groups the target\'s tone by month, and the html page charts it', () => {
    // The second record is most of the first, a near-duplicate: counted here, as a dated re-run would be.
    const summary = JSON.parse(run(['summary', '-', '--input-format', 'jsonl', '--target', 'Assad', '-f', 'json', '--count-copies'], feed).stdout) as {
      targets: { query: string; articles: number; byDate: { date: string; positive: number; negative: number; neutral: number }[] }[];
    };
    const [assad] = summary.targets;
    expect(assad!.query).toBe('Assad');
    expect(assad!.byDate.map((d) => d.date)).toEqual(['2015-11', '2015-12']);
    const perMonth = assad!.byDate.map((d) => d.positive + d.negative + d.neutral);
    expect(perMonth).toEqual([1, 2]);
    const html = run(['summary', '-', '--input-format', 'jsonl', '--target', 'Assad', '-f', 'html', '--count-copies'], feed).stdout;
    expect(html).toContain('aria-label="tone by month"');
    expect(html.match(/<rect /g)?.length).toBeGreaterThanOrEqual(2);
  });
});

(hasChromium ? describe : describe.skip)('the reports in a real browser (chromium)', () => {
  // Imported here so a machine without the browser never loads the driver.
  const openPage = async (path: string) => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text()); });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => { problems.push(`dialog: ${dialog.message()}`); void dialog.dismiss(); });
    await page.goto(pathToFileURL(path).href);
    return { browser, page, problems };
  };

  test('the seed: every mention highlighted, a click lights up all of an entity\'s mentions, no console errors', async () => {
    const analysis = JSON.parse(run([seedPath, '-f', 'json']).stdout) as { entities: { id: string; name: string; mentions: { kind: string }[] }[]; stances: { holder: string; target: string }[] };
    const { browser, page, problems } = await openPage(writePage('seed.html', run([seedPath, '-f', 'html']).stdout));
    try {
      const mentionCount = analysis.entities.reduce((n, e) => n + e.mentions.length, 0);
      const highlighted = await page.$$eval('.text mark[data-m]', (marks) => new Set(marks.map((m) => m.getAttribute('data-m'))).size);
      expect(highlighted).toBe(mentionCount);

      // John Kerry has pronoun mentions too: clicking his name in the panel marks all of them.
      const kerry = analysis.entities.find((e) => e.name === 'John Kerry')!;
      expect(kerry.mentions.some((m) => m.kind === 'pronoun')).toBe(true);
      await page.click(`aside li[data-e="a1-${kerry.id}"]`);
      const lit = await page.$$eval('.text mark.on', (marks) => new Set(marks.map((m) => m.getAttribute('data-m'))).size);
      expect(lit).toBe(kerry.mentions.length);

      const pairs = new Set(analysis.stances.map((s) => `${s.holder}>${s.target}`));
      expect(await page.locator('svg.graph path.edge').count()).toBe(pairs.size);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  test('hostile text shows as text and never runs', async () => {
    const { browser, page, problems } = await openPage(writePage('hostile.html', run(['-', '-f', 'html'], HOSTILE).stdout));
    try {
      expect(await page.locator('.text').innerText()).toContain('<script>alert(1)</script>');
      expect(await page.locator('img').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  (hasShared ? test : test.skip)('the summary of BBC politics draws its stance network with no console errors', async () => {
    const html = run(['summary', join(sharedDir, 'data/articles/bbc/politics'), '-f', 'html', '-q']).stdout;
    const { browser, page, problems } = await openPage(writePage('summary.html', html));
    try {
      expect(await page.locator('svg.graph .node').count()).toBeGreaterThan(10);
      expect(await page.locator('svg.graph path.edge').count()).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

(hasShared ? describe : describe.skip)('newslens summary over BBC politics', () => {
  test('the most salient people and parties, each one entity with its aliases, and the top speakers', () => {
    const summary = JSON.parse(run(['summary', join(sharedDir, 'data/articles/bbc/politics'), '-f', 'json', '-q']).stdout) as {
      analysed: number; entities: { name: string; aliases: string[] }[]; speakers: { name: string }[];
    };
    expect(summary.analysed).toBe(417);
    const top = summary.entities.slice(0, 12);
    const find = (alias: string) => summary.entities.filter((e) => e.aliases.includes(alias) || e.name === alias);
    for (const [name, alias] of [['Tony Blair', 'Blair'], ['Gordon Brown', 'Brown'], ['Michael Howard', 'Howard'], ['Conservatives', 'Tories'], ['Labour', 'Labour']]) {
      expect(top.map((e) => e.name)).toContain(name);
      // The short form is no entity of its own: it is an alias of the full name.
      expect(find(alias).map((e) => e.name)).toEqual([name]);
    }
    expect(summary.speakers.slice(0, 5).map((s) => s.name)).toEqual(expect.arrayContaining(['Tony Blair', 'Michael Howard', 'Gordon Brown']));
  }, 120_000);
});
