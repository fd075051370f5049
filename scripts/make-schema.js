// JSON Schemas of the contract's two outputs, generated from the TypeScript types that every format
// and consumer uses (src/analysis.ts, src/summarize.ts): docs/schema/*.schema.json, shipped in the
// package. `npm run schema` rewrites them; a test fails when they no longer match the types.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCHEMAS = [
  { file: 'analysis.schema.json', path: 'src/analysis.ts', type: 'AnalysisResult', title: 'newslens/analysis@1: one Analysis (or error record) per input' },
  { file: 'summary.schema.json', path: 'src/summarize.ts', type: 'Summary', title: 'newslens/summary@1: one Summary over all inputs' },
];

/** The schemas as text, keyed by file name (the test compares them with the committed ones). */
export function makeSchemas() {
  const out = {};
  for (const { file, path, type, title } of SCHEMAS) {
    const schema = createGenerator({ path: `${root}${path}`, tsconfig: `${root}tsconfig.json`, type, expose: 'none', topRef: false, additionalProperties: true, skipTypeCheck: true }).createSchema(type);
    out[file] = `${JSON.stringify({ $id: `urn:newslens:schema:${file.replace(".schema.json", "")}@1`, title, ...schema }, null, 2)}\n`;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(`${root}docs/schema`, { recursive: true });
  for (const [file, text] of Object.entries(makeSchemas())) {
    writeFileSync(`${root}docs/schema/${file}`, text);
    console.log(`docs/schema/${file}`);
  }
}
