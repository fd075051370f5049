// Renders the README's screenshots in Debian's chromium (apt install chromium): the seed's HTML
// report and the summary of BBC politics. usage: npm run screenshots
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
// Run from the repository so ids in the pages are relative paths, as a user would see them.
const newslens = (args) => execFileSync(process.execPath, ['bin/newslens.js', ...args], { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'newslens-shots-'));
const pages = [
  { name: 'report-seed', html: newslens(['fixtures/articles/kerry-moscow.txt', '-f', 'html']), width: 1400, height: 1250, click: 'aside li' },
  { name: 'summary-politics', html: newslens(['summary', '../shared/data/articles/bbc/politics', '-f', 'html', '-q', '--top', '30']), width: 1300, height: 1500 },
  // The same page further down: who gets a voice, and the quotes carried by several articles.
  { name: 'summary-politics-voices', html: newslens(['summary', '../shared/data/articles/bbc/politics', '-f', 'html', '-q', '--top', '12']), width: 1300, height: 1100, scrollTo: 'h2:text("Who gets a voice")' },
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const shot of pages) {
  const file = join(dir, `${shot.name}.html`);
  writeFileSync(file, shot.html);
  const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
  page.on('console', (m) => console.error(`${shot.name}: console ${m.type()}: ${m.text()}`));
  await page.goto(pathToFileURL(file).href);
  // Show the click-to-highlight: the article's first entity with all its mentions lit.
  if (shot.click) await page.click(shot.click);
  if (shot.scrollTo) await page.locator(shot.scrollTo).evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 10));
  await page.screenshot({ path: join(root, 'docs', `${shot.name}.png`) });
  console.log(`docs/${shot.name}.png`);
}
await browser.close();
