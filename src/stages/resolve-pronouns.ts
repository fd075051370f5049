// Adds he/she/him/her/his mentions to the person they refer to. Candidates are the people named
// earlier in the same sentence, else in the three sentences before; a name used as a modifier
// ("the Assad government") is not one. One candidate is the antecedent; among several, news
// usually means its protagonist: the one named most often so far; on a tie, the one named first in
// the nearest sentence that names any (its subject, more often than not).
import type { Doc, EntityCluster, NameMention } from '../doc/doc.js';

const PERSONAL = new Set(['he', 'she', 'him', 'her', 'his']);
/** How many sentences back a pronoun looks for its person. */
const WINDOW = 3;

export function resolvePronouns(doc: Doc, entities: EntityCluster[]): void {
  const personAt: { start: number; sentence: number; entity: number }[] = [];
  entities.forEach((e, i) => {
    if (e.type !== 'PERSON') return;
    for (const m of e.mentions) {
      if (doc.tokens[m.lastToken + 1]?.pos === 'NOUN') continue; // "the Assad government"
      personAt.push({ start: m.start, sentence: doc.tokens[m.firstToken]!.sentence, entity: i });
    }
  });
  if (!personAt.length) return;
  personAt.sort((a, b) => a.start - b.start);
  const added: [number, NameMention][] = [];
  for (let t = 0; t < doc.tokens.length; t += 1) {
    const token = doc.tokens[t]!;
    if (token.pos !== 'PRON' || !PERSONAL.has(token.lower)) continue;
    const sentence = token.sentence;
    const before = personAt.filter((p) => p.start < token.start);
    const inSentence = before.filter((p) => p.sentence === sentence);
    const window = inSentence.length ? inSentence : before.filter((p) => p.sentence >= sentence - WINDOW);
    if (!window.length) continue;
    const candidates = new Set(window.map((p) => p.entity));
    const nearestSentence = window[window.length - 1]!.sentence;
    let entity = window.find((p) => p.sentence === nearestSentence)!.entity;
    if (candidates.size > 1) {
      const mentionsSoFar = (e: number) => before.filter((p) => p.entity === e).length;
      for (const c of candidates) if (mentionsSoFar(c) > mentionsSoFar(entity)) entity = c;
    }
    added.push([entity, { start: token.start, end: token.end, firstToken: t, lastToken: t, type: 'PERSON', kind: 'pronoun', canonical: null }]);
  }
  for (const [entity, mention] of added) entities[entity]!.mentions.push(mention);
  for (const e of entities) e.mentions.sort((a, b) => a.start - b.start);
}
