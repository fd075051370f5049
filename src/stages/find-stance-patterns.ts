// Directed stances from a few patterns the model reads poorly (src/lexicons/stance-patterns.json):
// "X's ally Y" and "shore up its ally Y" (X -> Y positive), "X calls for common ground with Y"
// (X -> Y positive), "X insist that Y go" (X -> Y negative). Precise and few, like the model's.
import { readFileSync } from 'node:fs';
import type { Doc, EntityCluster, StanceAnnotation } from '../doc/doc.js';
import { inflect } from '../knowledge/inflect.js';

const lexicon = JSON.parse(readFileSync(new URL('../lexicons/stance-patterns.json', import.meta.url), 'utf8')) as {
  allyNouns: string[]; withPhrases: string[]; demandVerbs: string[]; departureVerbs: string[];
};
const ALLY = new Set(lexicon.allyNouns);
/** The "with" phrases by their first word, so most tokens cost one lookup. */
const WITH = new Map<string, string[][]>();
for (const phrase of lexicon.withPhrases) {
  const words = phrase.split(' ');
  WITH.set(words[0]!, [...(WITH.get(words[0]!) ?? []), words]);
}
const DEMAND = new Set(lexicon.demandVerbs.flatMap(inflect));
const DEPART = new Set(lexicon.departureVerbs.flatMap(inflect));
const NONE: string[][] = [];
const POSSESSIVES = new Set(['its', 'his', 'her', 'their']);
const AGENTS = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);

export function findStancePatterns(doc: Doc, entities: EntityCluster[], titles: Set<string>): StanceAnnotation[] {
  const { tokens } = doc;
  // Every mention, pronouns included, by token: the target of "that he go" is a pronoun's person.
  // The entity of each token (-1: none) and of each token that starts a mention.
  const entityIndex = new Int32Array(tokens.length).fill(-1);
  const startIndex = new Int32Array(tokens.length).fill(-1);
  entities.forEach((e, i) => {
    if (!AGENTS.has(e.type)) return;
    for (const m of e.mentions) {
      entityIndex.fill(i, m.firstToken, m.lastToken + 1);
      startIndex[m.firstToken] = i;
    }
  });
  const at = (index: Int32Array, t: number) => (index[t] !== undefined && index[t]! >= 0 ? index[t] : undefined);
  const entityAt = (t: number) => at(entityIndex, t);
  const startsAt = (t: number) => at(startIndex, t);
  const found: StanceAnnotation[] = [];
  for (const sentence of doc.sentences) {
    // The sentence's subject: its first named agent.
    let subject: number | undefined;
    for (let t = sentence.firstToken; t <= sentence.lastToken && subject === undefined; t += 1) subject = entityAt(t);
    const push = (holder: number | undefined, target: number | undefined, label: 'positive' | 'negative', cueFirst: number, cueLast: number) => {
      if (holder === undefined || target === undefined || holder === target) return;
      found.push({ holder, target, label, cue: { start: tokens[cueFirst]!.start, end: tokens[cueLast]!.end }, sentence: tokens[cueFirst]!.sentence, evidence: { start: sentence.start, end: sentence.end } });
    };
    const targetAfter = (t: number): number | undefined => {
      let k = t;
      while (k <= sentence.lastToken && (titles.has(tokens[k]!.text) || tokens[k]!.pos === 'DET')) k += 1;
      return startsAt(k);
    };
    for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
      const token = tokens[t]!;
      // "X's ally Y", "its ally Y"
      if (ALLY.has(token.lower) && t > sentence.firstToken) {
        const before = tokens[t - 1]!;
        let holder: number | undefined;
        if (POSSESSIVES.has(before.lower)) holder = subject;
        else if ((before.text === '’s' || before.text === "'s") && t >= 2) holder = entityAt(t - 2);
        push(holder, targetAfter(t + 1), 'positive', t, t);
      }
      // "common ground with Y": the subject holds it.
      for (const phrase of WITH.get(token.lower) ?? NONE) {
        if (phrase.every((word, k) => tokens[t + k]?.lower === word)) push(subject, targetAfter(t + phrase.length), 'positive', t, t + phrase.length - 1);
      }
      // "X insist that Y go"
      if (DEMAND.has(token.lower) && tokens[t + 1]?.lower === 'that') {
        const target = startsAt(t + 2);
        const verb = tokens[t + 3];
        let holder: number | undefined;
        for (let k = t - 1; k >= sentence.firstToken && t - k <= 8 && holder === undefined; k -= 1) holder = entityAt(k);
        if (verb && DEPART.has(verb.lower)) push(holder, target, 'negative', t, t + 3);
      }
    }
  }
  return found;
}
