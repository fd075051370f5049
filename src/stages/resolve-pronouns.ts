// Adds he/she/him/her/his mentions to the person they refer to. Candidates are the people named
// earlier in the same sentence, else in the three sentences before; a name used as a modifier
// ("the Assad government") is not one. One candidate is the antecedent; among several, news
// usually means its protagonist: the one named most often so far; on a tie, the one named first in
// the nearest sentence that names any (its subject, more often than not).
import type { Doc, EntityCluster, NameMention } from '../doc/doc.js';
import { quotedTokens } from './find-quotes.js';

const PERSONAL = new Set(['he', 'she', 'him', 'her', 'his']);
/** How many sentences back a pronoun looks for its person. */
const WINDOW = 3;
/** How many person mentions back at most (news names far fewer in four sentences). */
const MAX_CANDIDATES = 40;

const PRONOUN_SEX: Record<string, 'm' | 'f'> = { he: 'm', him: 'm', his: 'm', she: 'f', her: 'f' };
const TITLE_SEX: Record<string, 'm' | 'f'> = { Mr: 'm', 'Mr.': 'm', Sir: 'm', Lord: 'm', King: 'm', Prince: 'm', Mrs: 'f', 'Mrs.': 'f', Ms: 'f', 'Ms.': 'f', Miss: 'f', Lady: 'f', Dame: 'f', Queen: 'f', Princess: 'f' };

/** A person's sex when the text or the name says it: a title before a mention, else a first name given to one sex only. */
function sexOf(doc: Doc, entity: EntityCluster, firstNameSex: Map<string, 'm' | 'f'>): 'm' | 'f' | null {
  for (const m of entity.mentions) {
    const title = TITLE_SEX[doc.tokens[m.firstToken - 1]?.text ?? ''];
    if (title) return title;
  }
  for (const m of entity.mentions) {
    const first = doc.tokens[m.firstToken]!.text;
    if (m.lastToken > m.firstToken && firstNameSex.has(first)) return firstNameSex.get(first)!;
  }
  return null;
}

const SUBJECT_FORMS = new Set(['he', 'she']);
const CONNECTIVES = new Set(['but', 'and', 'so', 'yet', 'however', 'then']);
/** How far into its sentence a person may start and still be read as its subject (past "But Fair Trials Abroad director"). */
const SUBJECT_REACH = 6;

/** The person a sentence opens with, among the window's mentions, or null. */
function subjectOf(doc: Doc, window: { start: number; sentence: number; entity: number }[], sentence: number): number | null {
  const first = window.find((p) => p.sentence === sentence);
  if (!first || sentence < 0) return null;
  const firstToken = doc.sentences[sentence]!.firstToken;
  let t = firstToken;
  while (t < doc.tokens.length && doc.tokens[t]!.start < first.start) t += 1;
  return t - firstToken <= SUBJECT_REACH ? first.entity : null;
}

export function resolvePronouns(doc: Doc, entities: EntityCluster[], firstNameSex: Map<string, 'm' | 'f'> = new Map()): void {
  const sex = entities.map((e) => (e.type === 'PERSON' ? sexOf(doc, e, firstNameSex) : null));
  // A person named inside a quotation is spoken of: no antecedent for a pronoun outside it
  // ("“The tackle on Heinze was terrible,” he said": he is the speaker, not Heinze).
  const quoted = quotedTokens(doc).tokens;
  const personAt: { start: number; sentence: number; entity: number; quoted: boolean }[] = [];
  entities.forEach((e, i) => {
    if (e.type !== 'PERSON') return;
    for (const m of e.mentions) {
      if (doc.tokens[m.lastToken + 1]?.pos === 'NOUN') continue; // "the Assad government"
      personAt.push({ start: m.start, sentence: doc.tokens[m.firstToken]!.sentence, entity: i, quoted: quoted[m.firstToken] === 1 });
    }
  });
  if (!personAt.length) return;
  personAt.sort((a, b) => a.start - b.start);
  const added: [number, NameMention][] = [];
  // Person mentions before the current token: personAt[0..k), and how many each entity has there.
  const counts = new Int32Array(entities.length);
  let k = 0;
  const window: { start: number; sentence: number; entity: number; quoted: boolean }[] = [];
  for (let t = 0; t < doc.tokens.length; t += 1) {
    const token = doc.tokens[t]!;
    if (token.pos !== 'PRON' || !PERSONAL.has(token.lower)) continue;
    // The protagonist is the one the narrative names most: names inside quotations do not count.
    for (; k < personAt.length && personAt[k]!.start < token.start; k += 1) if (!personAt[k]!.quoted) counts[personAt[k]!.entity] += 1;
    const sentence = token.sentence;
    // "she" is nobody known to be a man, "he" nobody known to be a woman.
    const pronounSex = PRONOUN_SEX[token.lower];
    const outside = !quoted[t];
    const fits = (p: { entity: number; quoted: boolean }) => (!sex[p.entity] || sex[p.entity] === pronounSex) && !(outside && p.quoted);
    // People named earlier in this sentence; else in the WINDOW sentences before. Mentions are in
    // text order, so either is a run at the end of personAt[0..k).
    let from = sentence - WINDOW;
    // Only the MAX_CANDIDATES people named last are read: in a sentence of thousands of names (a
    // pasted list) every pronoun would otherwise read them all.
    const oldest = Math.max(0, k - MAX_CANDIDATES);
    for (let i = k - 1; i >= oldest && personAt[i]!.sentence === sentence; i -= 1) if (fits(personAt[i]!)) from = sentence;
    window.length = 0;
    for (let i = k - 1; i >= oldest && personAt[i]!.sentence >= from; i -= 1) if (fits(personAt[i]!)) window.push(personAt[i]!);
    if (!window.length) continue;
    window.reverse();
    const nearestSentence = window[window.length - 1]!.sentence;
    let entity = window.find((p) => p.sentence === nearestSentence)!.entity;
    // Among several, the one named most often so far; but a he/she opening its sentence continues
    // the subject of the sentence before when a person opens that one ("Stephen Jakobi said ...
    // He said: ..."), whoever is named more.
    const opensSentence = t === doc.sentences[sentence]!.firstToken || (t === doc.sentences[sentence]!.firstToken + 1 && CONNECTIVES.has(doc.tokens[t - 1]!.lower));
    const subject = opensSentence && SUBJECT_FORMS.has(token.lower) ? subjectOf(doc, window, sentence - 1) : null;
    if (subject !== null) entity = subject;
    else for (const p of window) if (counts[p.entity]! > counts[entity]!) entity = p.entity;
    added.push([entity, { start: token.start, end: token.end, firstToken: t, lastToken: t, type: 'PERSON', kind: 'pronoun', canonical: null }]);
  }
  for (const [entity, mention] of added) entities[entity]!.mentions.push(mention);
  for (const e of entities) e.mentions.sort((a, b) => a.start - b.start);
}
