// The part of world-countries (mledoze/countries, ODbL 1.0) that the gazetteer reads: names, alternative
// spellings, codes, capitals and English demonyms, ~5% of the package's 22 MB. It ships in
// src/lexicons/countries.json with its licence beside it (countries.LICENSE.md); world-countries is a
// devDependency only. `npm run extract:countries` rewrites it; a test checks it matches the package.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url);

/** The extract as text, from the installed world-countries. */
export function extractCountries() {
  const packageFile = require.resolve('world-countries');
  const source = new URL('countries.json', pathToFileURL(packageFile));
  const { version } = JSON.parse(readFileSync(new URL('package.json', source), 'utf8'));
  const countries = JSON.parse(readFileSync(source, 'utf8')).map((c) => ({
    name: { common: c.name.common, official: c.name.official },
    altSpellings: c.altSpellings, cca3: c.cca3, capital: c.capital ?? [],
    ...(c.demonyms?.eng ? { demonyms: { eng: { m: c.demonyms.eng.m, f: c.demonyms.eng.f } } } : {}),
  }));
  const note = `Extracted from world-countries ${version} (https://github.com/mledoze/countries), licensed under the ODbL 1.0 (countries.LICENSE.md)`;
  return `{"_source":${JSON.stringify(note)},\n"countries":[\n${countries.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('src/lexicons/countries.json', root), extractCountries());
  const licence = readFileSync(new URL('LICENSE', pathToFileURL(require.resolve('world-countries'))), 'utf8');
  writeFileSync(new URL('src/lexicons/countries.LICENSE.md', root), `The country data in countries.json is extracted from world-countries
(https://github.com/mledoze/countries) by Mohammed Le Doze and contributors, and is made available
under the Open Database License (ODbL) 1.0, reproduced below. It is a Produced Work of that
database; the extract itself is available under the same licence.

${licence}`);
  console.log('src/lexicons/countries.json, src/lexicons/countries.LICENSE.md');
}
