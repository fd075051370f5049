// Inflected forms of English verbs from their lemma, so lexicons can list lemmas only.
const IRREGULAR: Record<string, string[]> = {
  say: ['said'], tell: ['told'], write: ['wrote', 'written'], think: ['thought'],
  testify: ['testified'], admit: ['admitted'], quip: ['quipped'], slam: ['slammed'], find: ['found'],
  show: ['shown'], plan: ['planned', 'planning'], fight: ['fought'],
};

const CONSONANT_Y = /[^aeiou]y$/;

export function inflect(lemma: string): string[] {
  const forms = new Set<string>([lemma, ...(IRREGULAR[lemma] ?? [])]);
  if (CONSONANT_Y.test(lemma)) {
    forms.add(`${lemma.slice(0, -1)}ies`);
    forms.add(`${lemma.slice(0, -1)}ied`);
  } else {
    forms.add(/(s|sh|ch|x)$/.test(lemma) ? `${lemma}es` : `${lemma}s`);
    forms.add(lemma.endsWith('e') ? `${lemma}d` : `${lemma}ed`);
  }
  forms.add(lemma.endsWith('e') && !lemma.endsWith('ee') ? `${lemma.slice(0, -1)}ing` : `${lemma}ing`);
  return [...forms];
}
