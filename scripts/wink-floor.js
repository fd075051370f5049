#!/usr/bin/env node
// The raw wink-nlp floor for `npm run bench`: readDoc + each token's POS + sentences, nothing else.
// usage: node scripts/wink-floor.js FILE...   (prints the token count)
import { readFileSync } from 'node:fs';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

const nlp = winkNLP(model, ['sbd', 'pos']);
const { its } = nlp;
let tokens = 0;
for (const file of process.argv.slice(2)) {
  const doc = nlp.readDoc(readFileSync(file, 'utf8'));
  tokens += doc.tokens().out(its.pos).length;
  doc.sentences().out();
}
console.log(tokens);
