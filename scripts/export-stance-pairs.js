#!/usr/bin/env node
// Writes DSE train (or another DSE file) as the pair encoder reads it, one JSON line a pair:
// {words, tags, a, b, label (five classes, a = the name that comes first), group (the sentence,
// for grouped folds)}. scripts/train-stance-encoder.py trains on it.
//
// The pairs are the ones the stance stage itself asks the encoder for (recorded from the stage run
// over each sentence, with the shipped rules and with none), so training and scripts/cv-stances.js
// see exactly the name spans the stage gives: rebuilding them from the Analysis gave another span
// for 8% of them ("the u.s. department of justice" where the stage reads "u.s. department of
// justice"), which then had no out-of-fold probability. A recorded pair whose two names overlap a
// row's holder and target takes that row's label; a marked row the stage never asks about (its
// names not found, or in two sentences) is still written, from DSE's spans, so training sees it.
// With --unmarked, the recorded pairs with a name DSE did not mark are added as neutral with
// "unmarked": true: DSE marks one pair a row, and a model that never sees the other pairs of a
// stance sentence reads its mood into them.
// With --news, it writes instead the pairs the stage asks about in BBC articles (under the shipped
// rules), as neutral with "news": true: most names that share a news sentence take no stance toward
// each other, and DSE's stance-rich sentences alone teach a model to read one into any word of blame
// or praise. The articles of the stance hand-checks (every 11th from 4 and from 5) are left out, so
// the hand-check stays a test.
// usage: node scripts/export-stance-pairs.js [stance/dse-train.jsonl] [--unmarked] > pairs.jsonl
//        node scripts/export-stance-pairs.js --news > news-pairs.jsonl
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { tokenAt } from '../dist/doc/spans.js';
import { pairInput } from '../dist/stance/pair-input.js';
import { stageContext } from '../dist/analyze.js';
import { defaultStages, runStages } from '../dist/stages/index.js';
import { NO_GATES, SHIPPED_GATES } from '../dist/stages/find-stances.js';
import { bbcArticles } from './lib/hand-check.js';
import { sentenceOf, spanIn } from './lib/stage-pairs.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const args = process.argv.slice(2);
const withUnmarked = args.includes('--unmarked');
const news = args.includes('--news');
/** The BBC articles the stance hand-checks draw from (sample-stances.js --step 11 --offset 4 and 5). */
const HAND_CHECKED = (i) => i % 11 === 4 || i % 11 === 5;
const file = args.find((a) => !a.startsWith('--')) ?? 'stance/dse-train.jsonl';
/** The five DSE classes with the two names' order swapped. */
const SWAPPED = { 0: 0, 1: 2, 2: 1, 3: 4, 4: 3 };

const rows = readFileSync(`${data}/${file}`, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
/** DSE repeats a sentence once per marked pair. */
const rowsOf = new Map();
for (const r of rows) {
  if (!rowsOf.has(r.text)) rowsOf.set(r.text, []);
  rowsOf.get(r.text).push(r);
}
const overlaps = (x, y) => x.start < y.end && y.start < x.end;
/** DSE's p is the first-marked entity: the holder, or the target when the stance runs q -> p. */
const marks = (r) => (r.direction === 'q->p' ? [r.target, r.holder] : [r.holder, r.target]);

const prepared = stageContext();
const stages = defaultStages.filter((s) => s.name !== 'tone' && s.name !== 'targets');
const write = (pair) => process.stdout.write(`${JSON.stringify(pair)}\n`);

/** Every pair the stage asks the encoder for in this text, under the shipped rules or none: {input, a, b} with character spans. */
function stagePairs(doc, gateSets = [SHIPPED_GATES, NO_GATES]) {
  const asked = new Map();
  const recorder = {
    threshold: 1,
    classify(words, tags, names, pairs) {
      // the stage reads one sentence at a time and passes its words
      const sentence = sentenceOf(doc, words);
      const span = (range) => spanIn(doc, sentence, range);
      for (const [i, j] of pairs) {
        const key = `${sentence.firstToken}|${names[i]}|${names[j]}`;
        if (!asked.has(key)) asked.set(key, { input: { words: [...words], tags: [...tags], a: [...names[i]], b: [...names[j]] }, a: span(names[i]), b: span(names[j]) });
      }
      return pairs.map(() => [1, 0, 0, 0, 0]);
    },
  };
  for (const gates of gateSets) runStages(doc, stages, { ...prepared, targets: [], stancePairs: { models: { linear: null, encoder: recorder }, gates } });
  return [...asked.values()];
}

/** A marked row the stage does not ask about, read from DSE's spans. */
function fromSpans(doc, r) {
  const [p, q] = marks(r);
  if (overlaps(p, q)) return null;
  const [a, b] = p.start <= q.start ? [p, q] : [q, p];
  const pair = { aFirst: tokenAt(doc, a.start), aLast: tokenAt(doc, a.end - 1), bFirst: tokenAt(doc, b.start), bLast: tokenAt(doc, b.end - 1) };
  if (pair.bFirst <= pair.aLast) return null;
  return { ...pairInput(doc, pair), label: a === p ? r.dse_label : SWAPPED[r.dse_label] };
}

if (news) {
  const { root, files } = bbcArticles();
  let pairs = 0;
  let articles = 0;
  for (const [i, file] of files.entries()) {
    if (HAND_CHECKED(i)) continue;
    articles += 1;
    const doc = buildDoc(readFileSync(`${root}/${file}`, 'utf8'));
    for (const [n, { input, a }] of stagePairs(doc, [SHIPPED_GATES]).entries()) {
      pairs += 1;
      write({ id: `bbc/${file}-${n}`, ...input, label: 0, group: `bbc/${file}:${doc.tokens[tokenAt(doc, a.start)].sentence}`, unmarked: true, news: true });
    }
  }
  console.error(`${articles} BBC articles (hand-checked ones left out): ${pairs} pairs`);
  process.exit(0);
}

let asked = 0;
let fromDse = 0;
let polarFromDse = 0;
let unmarked = 0;
for (const [text, textRows] of rowsOf) {
  const doc = buildDoc(text);
  const spans = textRows.flatMap(marks);
  const covered = new Set();
  for (const [n, { input, a, b }] of stagePairs(doc).entries()) {
    // every row that marks this pair (DSE repeats some rows exactly: each is written, as each weighs in training)
    const matching = textRows.flatMap((r, i) => {
      const [p, q] = marks(r);
      return (overlaps(a, p) && overlaps(b, q)) || (overlaps(a, q) && overlaps(b, p)) ? [i] : [];
    });
    for (const i of matching) {
      const r = textRows[i];
      covered.add(i);
      asked += 1;
      write({ id: r.id, ...input, label: overlaps(a, marks(r)[0]) ? r.dse_label : SWAPPED[r.dse_label], group: text });
    }
    if (matching.length) continue;
    if (withUnmarked && !(spans.some((s) => overlaps(s, a)) && spans.some((s) => overlaps(s, b)))) {
      // a name DSE did not mark: no stance was annotated (two marked names of different rows are neither)
      unmarked += 1;
      write({ id: `${textRows[0].id}-u${n}`, ...input, label: 0, group: text, unmarked: true });
    }
  }
  textRows.forEach((r, i) => {
    const pair = covered.has(i) ? null : fromSpans(doc, r);
    if (!pair) return;
    fromDse += 1;
    if (r.dse_label > 0) polarFromDse += 1;
    write({ id: r.id, ...pair, group: text });
  });
}
console.error(`${rows.length} rows: ${asked} marked pairs as the stage asks them, ${fromDse} from DSE's spans (${polarFromDse} polar), ${unmarked} unmarked pairs`);
