// A person's gender as the article states it, for source-diversity counts: a title before a name
// ("Mrs Beckett", "Sir Alex"), a gendered role word right before a name or resolved to the person
// ("actress Imelda Staunton", "his wife Cherie", "the chairwoman"), else the he/she pronouns
// resolved to them, all agreeing. First names are no evidence here: a name's usual sex is a guess,
// and a guess would be counted as if the article had said it. No evidence means no gender.
import type { AnnotatedDoc, EntityCluster } from '../doc/doc.js';

export type Gender = 'female' | 'male';
export type GenderEvidenceKind = 'title' | 'role' | 'pronoun';

export interface GenderAnnotation {
  label: Gender;
  evidence: GenderEvidenceKind;
  /** The words that say it: "Mrs", "actress", "she" (the first pronoun). */
  text: string;
}

const TITLES: Record<string, Gender> = {
  mr: 'male', 'mr.': 'male', sir: 'male', lord: 'male', king: 'male', prince: 'male', baron: 'male', duke: 'male',
  mrs: 'female', 'mrs.': 'female', ms: 'female', 'ms.': 'female', miss: 'female', lady: 'female', dame: 'female', queen: 'female',
  princess: 'female', baroness: 'female', duchess: 'female',
};

/**
 * Role words that say a gender. Not "chairman" or "actor", which news also writes of women; the
 * -man words kept are those BBC writes "-woman" for when she is one.
 */
export const GENDERED_ROLES: Readonly<Record<string, Gender>> = {
  actress: 'female', spokeswoman: 'female', chairwoman: 'female', businesswoman: 'female', sportswoman: 'female',
  congresswoman: 'female', policewoman: 'female', waitress: 'female', heiress: 'female', songstress: 'female',
  wife: 'female', mother: 'female', daughter: 'female', sister: 'female', widow: 'female', girlfriend: 'female',
  grandmother: 'female', aunt: 'female', niece: 'female', woman: 'female', girl: 'female', granddaughter: 'female',
  stepmother: 'female', fiancee: 'female', mum: 'female', countess: 'female',
  spokesman: 'male', businessman: 'male', sportsman: 'male', congressman: 'male', policeman: 'male',
  husband: 'male', father: 'male', son: 'male', brother: 'male', widower: 'male', boyfriend: 'male',
  grandfather: 'male', uncle: 'male', nephew: 'male', man: 'male', boy: 'male', grandson: 'male',
  stepfather: 'male', fiance: 'male', dad: 'male',
};

const PRONOUNS: Record<string, Gender> = { he: 'male', him: 'male', his: 'male', himself: 'male', she: 'female', her: 'female', hers: 'female', herself: 'female' };

/** How far before a name a role word may sit, past other title words ("actress and singer Kylie"). */
const ROLE_REACH = 3;

/** One entry per entity: its gender by evidence, or null (not a person, or nothing said). */
export function readGenders(doc: AnnotatedDoc, entities: EntityCluster[]): (GenderAnnotation | null)[] {
  const { tokens } = doc;
  return entities.map((e) => {
    if (e.type !== 'PERSON') return null;
    const titles = new Set<Gender>();
    const roles = new Set<Gender>();
    const pronouns = new Set<Gender>();
    let titleText = '';
    let roleText = '';
    let pronounText = '';
    for (const m of e.mentions) {
      if (m.kind === 'pronoun') {
        const g = PRONOUNS[tokens[m.firstToken]!.lower];
        if (g) { pronouns.add(g); pronounText ||= tokens[m.firstToken]!.text; }
        continue;
      }
      if (m.kind === 'nominal') {
        // "the actress", "his widow": the head of the phrase
        const g = GENDERED_ROLES[tokens[m.lastToken]!.lower];
        if (g) { roles.add(g); roleText ||= tokens[m.lastToken]!.text; }
        continue;
      }
      // A title inside the name ("Mr Blair") or right before it.
      for (const t of [m.firstToken, m.firstToken - 1]) {
        const g = t >= 0 && tokens[t]!.sentence === tokens[m.firstToken]!.sentence ? TITLES[tokens[t]!.lower] : undefined;
        if (g && /^[A-Z]/.test(tokens[t]!.text)) { titles.add(g); titleText ||= tokens[t]!.text; break; }
      }
      for (let t = m.firstToken - 1; t >= Math.max(0, m.firstToken - ROLE_REACH) && tokens[t]!.sentence === tokens[m.firstToken]!.sentence; t -= 1) {
        const g = GENDERED_ROLES[tokens[t]!.lower];
        // "actress Imelda Staunton", "his wife Cherie"; not "the man who met Blair"
        if (g && tokens[t]!.pos === 'NOUN') { roles.add(g); roleText ||= tokens[t]!.text; break; }
        if (tokens[t]!.pos !== 'NOUN' && tokens[t]!.pos !== 'PROPN' && tokens[t]!.pos !== 'CCONJ') break;
      }
    }
    // Each kind counts only when it says one thing; the surest kind that does wins.
    if (titles.size === 1) return { label: [...titles][0]!, evidence: 'title', text: titleText };
    if (titles.size > 1) return null;
    if (roles.size === 1) return { label: [...roles][0]!, evidence: 'role', text: roleText };
    if (roles.size > 1) return null;
    if (pronouns.size === 1) return { label: [...pronouns][0]!, evidence: 'pronoun', text: pronounText };
    return null;
  });
}

/** The gender a nominal speaker states ("a spokeswoman", "the girl's mother"), or null. */
export function genderOfNominal(words: string): Gender | null {
  const last = words.toLowerCase().split(/\s+/).pop() ?? '';
  return GENDERED_ROLES[last] ?? null;
}
