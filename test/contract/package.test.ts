// The package as users get it from `npm pack`: licence, docs and schemas inside, README links that
// resolve inside it, .d.ts files that compile for a user without @types/node, no 22 MB data package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from '@jest/globals';
import { repoRoot } from '../helpers/paths.js';

let unpacked = '';
let manifest: { dependencies: Record<string, string>; repository?: unknown; keywords?: string[]; license: string };

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-pack-'));
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  mkdirSync(join(dir, 'node_modules'));
  execFileSync('tar', ['-xzf', join(dir, filename), '-C', join(dir, 'node_modules')]);
  execFileSync('mv', [join(dir, 'node_modules/package'), join(dir, 'node_modules/newslens')]);
  unpacked = join(dir, 'node_modules/newslens');
  manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
}, 120_000);

test('licence, repository, keywords, the contract and its schemas ship', () => {
  expect(manifest.license).toBe('MIT');
  expect(readFileSync(join(unpacked, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  expect(manifest.repository).toBeTruthy();
  expect(manifest.keywords?.length).toBeGreaterThan(3);
  for (const file of ['docs/CONTRACT.md', 'docs/schema/analysis.schema.json', 'docs/schema/summary.schema.json', 'dist/lexicons/countries.json', 'dist/lexicons/countries.LICENSE.md']) {
    expect(existsSync(join(unpacked, file))).toBe(true);
  }
  // The country data is an extract with its ODbL licence, not the whole world-countries package.
  expect(Object.keys(manifest.dependencies)).not.toContain('world-countries');
  expect(readFileSync(join(unpacked, 'dist/lexicons/countries.LICENSE.md'), 'utf8')).toContain('Open Database License');
});

test('every relative link of the README resolves inside the package', () => {
  const readme = readFileSync(join(unpacked, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l) && !l.startsWith('#'));
  expect(links.length).toBeGreaterThan(3);
  for (const link of links) expect([link, existsSync(join(unpacked, link.split('#')[0]!))]).toEqual([link, true]);
});

test('the .d.ts files compile for a user without @types/node, summarize included', () => {
  const project = join(unpacked, '..', '..');
  writeFileSync(join(project, 'use.ts'), `import { analyzeText, analyze, summarize, type Analysis, type Summary } from 'newslens';
const one: Analysis = analyzeText('Kerry met Lavrov.');
export async function corpus(): Promise<Summary> { return summarize(analyze(['news/']), { top: 10 }); }
export { one };
`);
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2023'], types: [], noEmit: true, skipLibCheck: false },
    files: ['use.ts'],
  }));
  // Throws with tsc's messages when a declaration needs a type the user does not have.
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
});

test('the shipped country extract is what scripts/extract-countries.js makes of the installed world-countries', async () => {
  const { extractCountries } = await import(new URL('scripts/extract-countries.js', `file://${repoRoot}`).href);
  expect(readFileSync(join(repoRoot, 'src/lexicons/countries.json'), 'utf8')).toBe(extractCountries());
});
