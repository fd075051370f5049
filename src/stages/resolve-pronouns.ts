// Adds he/she/him/her mentions to the person they refer to, only where the antecedent is clear:
// exactly one person named earlier in the same sentence, or else in the sentence before.
import type { Doc, EntityCluster, NameMention } from '../doc/doc.js';

const PERSONAL = new Set(['he', 'she', 'him', 'her', 'his']);

export function resolvePronouns(doc: Doc, entities: EntityCluster[]): void {
  const personAt: { start: number; sentence: number; entity: number }[] = [];
  entities.forEach((e, i) => {
    if (e.type !== 'PERSON') return;
    for (const m of e.mentions) personAt.push({ start: m.start, sentence: doc.tokens[m.firstToken]!.sentence, entity: i });
  });
  if (!personAt.length) return;
  personAt.sort((a, b) => a.start - b.start);
  const added: [number, NameMention][] = [];
  for (let t = 0; t < doc.tokens.length; t += 1) {
    const token = doc.tokens[t]!;
    if (token.pos !== 'PRON' || !PERSONAL.has(token.lower)) continue;
    const sentence = token.sentence;
    const before = personAt.filter((p) => p.start < token.start && p.sentence >= sentence - 1);
    const sameSentence = new Set(before.filter((p) => p.sentence === sentence).map((p) => p.entity));
    const previous = new Set(before.filter((p) => p.sentence === sentence - 1).map((p) => p.entity));
    const candidates = sameSentence.size ? sameSentence : previous;
    if (candidates.size !== 1) continue;
    const entity = [...candidates][0]!;
    added.push([entity, { start: token.start, end: token.end, firstToken: t, lastToken: t, type: 'PERSON', kind: 'pronoun', canonical: null }]);
  }
  for (const [entity, mention] of added) entities[entity]!.mentions.push(mention);
  for (const e of entities) e.mentions.sort((a, b) => a.start - b.start);
}
