// Directed stances from a cue verb between two entities in one sentence: "the U.S. accuses Russia"
// (U.S. -> Russia, negative). No edge without a cue: co-occurrence alone is never a stance.
// A first version: passives, nouns and quoted stances are issue #6.
import { readFileSync } from 'node:fs';
import type { Doc, EntityCluster, StanceAnnotation } from '../doc/doc.js';
import { inflect } from '../knowledge/inflect.js';

const json = JSON.parse(readFileSync(new URL('../lexicons/stance-verbs.json', import.meta.url), 'utf8')) as { negative: string[]; positive: string[] };
const POLARITY = new Map<string, 'positive' | 'negative'>([
  ...json.negative.flatMap(inflect).map((f) => [f, 'negative'] as const),
  ...json.positive.flatMap(inflect).map((f) => [f, 'positive'] as const),
]);
/** Tokens allowed between the holder and the verb ("has", "also"), and between the verb and the target. */
const MAX_GAP_BEFORE = 2;
const MAX_GAP_AFTER = 3;
const SKIPPABLE = new Set(['AUX', 'ADV', 'PART', 'DET', 'ADJ']);

/** `titles` may stand between a cue and its target ("accused Mr McLetchie"). */
export function findStances(doc: Doc, entities: EntityCluster[], titles: Set<string> = new Set()): StanceAnnotation[] {
  const { tokens } = doc;
  const entityAt = new Map<number, number>();
  const endsAt = new Map<number, number>();
  entities.forEach((e, i) => {
    if (!['PERSON', 'ORG', 'GPE', 'NORP'].includes(e.type)) return;
    for (const m of e.mentions) {
      for (let t = m.firstToken; t <= m.lastToken; t += 1) entityAt.set(t, i);
      endsAt.set(m.lastToken, i);
    }
  });
  const stances: StanceAnnotation[] = [];
  const seen = new Set<string>();
  for (let v = 0; v < tokens.length; v += 1) {
    const verb = tokens[v]!;
    if (verb.pos !== 'VERB') continue;
    const label = POLARITY.get(verb.lower);
    if (!label) continue;
    const sentence = doc.sentences[verb.sentence]!;
    let holder: number | undefined;
    for (let k = v - 1; k >= sentence.firstToken && v - k <= MAX_GAP_BEFORE + 1; k -= 1) {
      holder = endsAt.get(k);
      if (holder !== undefined || !SKIPPABLE.has(tokens[k]!.pos)) break;
    }
    let target: number | undefined;
    for (let k = v + 1; k <= sentence.lastToken && k - v <= MAX_GAP_AFTER + 1; k += 1) {
      target = entityAt.get(k);
      if (target !== undefined || !(SKIPPABLE.has(tokens[k]!.pos) || titles.has(tokens[k]!.text))) break;
    }
    if (holder === undefined || target === undefined || holder === target) continue;
    const key = `${holder}>${target}>${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    stances.push({
      holder, target, label, cue: { start: verb.start, end: verb.end }, sentence: verb.sentence,
      evidence: { start: sentence.start, end: sentence.end },
    });
  }
  return stances;
}
