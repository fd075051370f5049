#!/usr/bin/env node
// Draws named speakers for a hand-check of gender by evidence: the BBC articles in path order, every
// STEP-th from OFFSET; each speaker once per article. Prints the coverage (speakers with a gender
// stated) and N speakers that have one, drawn with a fixed seed, as Markdown rows with the sentence
// that holds the evidence, the verdict left for the reader.
// usage: node scripts/sample-genders.js [--step 9] [--offset 2] [--n 50] [--seed 7]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../dist/analyze.js';
import { bbcArticles, cell, option, seededRandom, shuffle } from './lib/hand-check.js';

const step = option('--step', 9);
const offset = option('--offset', 2);
const n = option('--n', 50);

const { root, files } = bbcArticles();
const picked = files.filter((_, i) => i % step === offset);
const analyze = createAnalyzer({ only: ['entities', 'quotes'] });
const speakers = [];
let named = 0;
for (const file of picked) {
  const text = readFileSync(join(root, file), 'utf8');
  const a = analyze(text, { id: file });
  const seen = new Set();
  for (const q of a.quotes) {
    const id = q.speaker?.entity;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const entity = a.entities.find((e) => e.id === id);
    if (entity?.type !== 'PERSON') continue;
    named += 1;
    if (!entity.gender) continue;
    // the sentence of the evidence: the first mention whose words (or the word before) carry it
    const evidence = entity.mentions.find((m) => (entity.gender.evidence === 'pronoun' ? m.kind === 'pronoun' && m.text === entity.gender.text
      : text.slice(Math.max(0, m.start - 40), m.end).includes(entity.gender.text))) ?? entity.mentions[0];
    const sentenceOf = (offsetInText) => {
      const from = Math.max(text.lastIndexOf('. ', offsetInText) + 2, text.lastIndexOf('\n', offsetInText) + 1, 0);
      const ends = [text.indexOf('. ', offsetInText), text.indexOf('\n', offsetInText)].filter((x) => x >= 0);
      return text.slice(from, ends.length ? Math.min(...ends) + 1 : text.length).replace(/\s+/g, ' ').trim();
    };
    speakers.push({ file, name: entity.name, gender: entity.gender, sentence: sentenceOf(evidence.start) });
  }
}
shuffle(speakers, seededRandom(option('--seed', 7)));
const byKind = (kind) => speakers.filter((s) => s.gender.evidence === kind).length;
console.log(`<!-- ${picked.length} articles (every ${step}th from ${offset}): ${named} named PERSON speakers, ${speakers.length} with a stated gender `
  + `(${Math.round((100 * speakers.length) / Math.max(1, named))}%: title ${byKind('title')}, role ${byKind('role')}, pronoun ${byKind('pronoun')}); `
  + `${Math.min(n, speakers.length)} drawn with seed ${option('--seed', 7)} -->`);
console.log('| # | file | speaker | gender | evidence | sentence | verdict |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
speakers.slice(0, n).forEach((s, i) => console.log(`| ${i + 1} | ${s.file} | ${cell(s.name)} | ${s.gender.label} | ${s.gender.evidence}: ${cell(s.gender.text)} | ${cell(s.sentence)} | |`));
