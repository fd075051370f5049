import { describe, expect, test } from '@jest/globals';
import { analyzeText } from '../../dist/index.js';

// Sentences from the BBC corpus (politics/104, 113, 121, 124; sport/282), some trimmed.
const genderOf = (text: string, name: string) => {
  const a = analyzeText(text, {}, { only: ['entities', 'quotes'] });
  const entity = a.entities!.find((e) => e.name === name || e.aliases.includes(name));
  if (!entity) throw new Error(`no entity ${name} in: ${a.entities!.map((e) => e.name).join(', ')}`);
  return entity.gender ?? null;
};

describe('gender by evidence in the text', () => {
  test('a title says it: "Mrs Parker Bowles", "Ms Hutt", "Mr Pound"', () => {
    expect(genderOf('Mrs Parker Bowles said the prince went down on one knee to propose and added: "I\'m just coming down to earth."', 'Parker Bowles'))
      .toEqual({ label: 'female', evidence: 'title', text: 'Mrs' });
    expect(genderOf('Ms Hutt said major achievements had been made in cutting "unacceptably long waits for treatment over the past year".', 'Hutt'))
      .toMatchObject({ label: 'female', evidence: 'title' });
    expect(genderOf('Mr Pound said his wife Maggie had been fully supportive.', 'Pound')).toMatchObject({ label: 'male', evidence: 'title' });
  });

  test('a role word before the name says it: "his wife Maggie"', () => {
    expect(genderOf('Mr Pound said his wife Maggie had been fully supportive.', 'Maggie')).toEqual({ label: 'female', evidence: 'role', text: 'wife' });
  });

  test('the pronouns resolved to a person say it when no title does', () => {
    const text = 'Ferguson also hailed senior stars Ryan Giggs and Roy Keane. He said the team had shown great character.';
    expect(genderOf(text, 'Ferguson')).toEqual({ label: 'male', evidence: 'pronoun', text: 'He' });
  });

  test('no evidence, no gender: a first name alone is not read', () => {
    // "Kirsty" is a woman's name in every list, but the sentence does not say so.
    expect(genderOf('For the Welsh Liberal Democrats, Kirsty Williams called the new target "hugely unambitious".', 'Kirsty Williams')).toBeNull();
    expect(genderOf('Health minister Jane Hutt announced £264m for health services in Wales.', 'Jane Hutt')).toBeNull();
  });

  test('titles that disagree say nothing', () => {
    expect(genderOf('Mr Jones arrived first. Later Mrs Jones spoke to reporters.', 'Jones')).toBeNull();
  });

  test('a speaker carries the gender; a nominal speaker by its role word', () => {
    const a = analyzeText('"We are turning the corner on long waits in Wales," Ms Hutt said. "It is a failed target," a Plaid Cymru spokeswoman said.', {}, { only: ['quotes'] });
    expect(a.quotes!.map((q) => [q.speaker?.name, q.speaker?.gender?.label, q.speaker?.gender?.evidence])).toEqual([
      ['Hutt', 'female', 'title'], ['a Plaid Cymru spokeswoman', 'female', 'role'],
    ]);
  });
});
