// Dates, times, money, percentages, quantities, ordinals and numbers, read off the tokens with the
// word lists of src/lexicons/numeric.json: "$1.13bn", "£600m", "3.5%", "12 per cent", "3 March
// 2005", "last week", "20 years ago", "10:30", "5pm", "the 1990s", "third", "two million".
// Cheaper than wink's general entity recogniser, and it knows the scales news writes (m, bn).
import { readFileSync } from 'node:fs';
import type { Doc, RawEntity, Token } from './doc.js';

interface NumericLexicon {
  months: Set<string>; weekdays: Set<string>; relativeDays: Set<string>; dateUnits: Set<string>;
  dateModifiers: Set<string>; dateTail: Set<string>; timeWords: Set<string>; meridiem: Set<string>;
  numberWords: Set<string>; scaleWords: Set<string>; currencySymbols: Set<string>; currencyWords: Set<string>;
  percentWords: Set<string>; ordinals: Set<string>; units: Set<string>; holidays: Set<string>;
}

let lexicon: NumericLexicon | null = null;
/** Every word that can open a numeric entity without a digit in it: most tokens are neither. */
let starters: Set<string> | null = null;
/** The first word of each holiday, and the most words one has. */
let holidayStarts: Set<string> | null = null;
let holidayWords = 0;

function numericLexicon(): NumericLexicon {
  if (lexicon) return lexicon;
  const json = JSON.parse(readFileSync(new URL('../lexicons/numeric.json', import.meta.url), 'utf8')) as Record<string, string[] | string>;
  const sets = Object.fromEntries(Object.entries(json).filter(([key]) => key !== '_comment').map(([key, words]) => [key, new Set(words as string[])]));
  lexicon = sets as unknown as NumericLexicon;
  const { currencySymbols, ordinals, months, weekdays, relativeDays, dateModifiers, numberWords } = lexicon;
  starters = new Set([currencySymbols, ordinals, months, weekdays, relativeDays, dateModifiers, numberWords].flatMap((set) => [...set]));
  holidayStarts = new Set([...lexicon.holidays].map((name) => name.split(/[\s'-]/)[0]!));
  // wink splits at hyphens and apostrophes too ("Eid al-Fitr": Eid al - Fitr; "Year's": Year 's).
  holidayWords = Math.max(...[...lexicon.holidays].map((name) => name.split(/\s+/).length + 2 * (name.match(/['’-]/g)?.length ?? 0)));
  for (const start of holidayStarts) starters.add(start);
  return lexicon;
}

const DIGIT = /\d/;

const DIGITS = /^\d[\d,.]*$/;
const YEAR = /^(1[89]\d\d|20\d\d)$/;
const DECADE = /^(1[89]\d0s|20\d0s|'\d0s)$/;
const CLOCK = /^\d{1,2}[:.]\d\d$/;
/** wink keeps a sentence's full stop on "5pm.": it is matched, and left out of the span. */
const CLOCK_WITH_MERIDIEM = /^\d{1,2}([:.]\d\d)?(am|pm|a\.m\.|p\.m\.)(\.?)$/i;
const NUMERIC_ORDINAL = /^\d+(st|nd|rd|th)$/i;
const MONEY_WITH_SCALE = /^\d[\d,.]*(m|bn|tn|k)$/i;
const PERCENT_INLINE = /^\d[\d,.]*%$/;
/** "May" is a month only beside a number or after a preposition of time ("in May"). */
const MONTH_CONTEXT = new Set(['in', 'on', 'since', 'until', 'by', 'of', 'from', 'to', 'early', 'late', 'mid', 'last', 'next', 'this', 'before', 'after']);
const DAY_OF_MONTH = /^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$/;

export function findNumericEntities(tokens: Token[]): RawEntity[] {
  const lex = numericLexicon();
  const found: RawEntity[] = [];
  const isNumber = (t: number) => {
    const token = tokens[t];
    return token !== undefined && (DIGITS.test(token.text) || lex.numberWords.has(token.lower));
  };
  const isScale = (t: number) => tokens[t] !== undefined && lex.scaleWords.has(tokens[t]!.lower);
  const sameSentence = (a: number, b: number) => tokens[b] !== undefined && tokens[a]!.sentence === tokens[b]!.sentence;
  const push = (first: number, last: number, type: string) => {
    found.push({ start: tokens[first]!.start, end: tokens[last]!.end, firstToken: first, lastToken: last, type });
  };
  /** The last token of a number phrase from t: "2", "two million", "1.13 bn", "464,000". */
  const numberEnd = (t: number) => {
    let end = t;
    while (sameSentence(t, end + 1) && (isNumber(end + 1) || isScale(end + 1)) && !YEAR.test(tokens[end + 1]!.text)) end += 1;
    return end;
  };
  /** A month, with its day and year around it: "3 March 2005", "March 3, 2005", "March 2005". */
  const monthEnd = (m: number) => {
    let end = m;
    if (sameSentence(m, end + 1) && DAY_OF_MONTH.test(tokens[end + 1]!.text)) end += 1;
    if (tokens[end + 1]?.text === ',' && sameSentence(m, end + 2) && YEAR.test(tokens[end + 2]!.text) && end > m) end += 2;
    else if (sameSentence(m, end + 1) && YEAR.test(tokens[end + 1]!.text)) end += 1;
    return end;
  };

  /** The last token of the longest holiday from t ("New Year's Eve"), or -1. */
  const holidayEnd = (t: number) => {
    let surface = '';
    let found = -1;
    for (let end = t; end < t + holidayWords && sameSentence(t, end); end += 1) {
      const token = tokens[end]!;
      surface += (end > t && token.spaceBefore ? ' ' : '') + token.text.replace(/’/g, "'");
      if (lex.holidays.has(surface)) found = end;
    }
    return found;
  };

  const opens = starters!;
  for (let t = 0; t < tokens.length; t += 1) {
    const token = tokens[t]!;
    const { text, lower } = token;
    if (!opens.has(text) && !opens.has(lower) && !DIGIT.test(text)) continue;
    // Holidays: "Christmas", "New Year's Eve", "Eid al-Fitr".
    if (holidayStarts!.has(text)) {
      const end = holidayEnd(t);
      if (end >= 0) { push(t, end, 'DATE'); t = end; continue; }
    }
    const next = tokens[t + 1];
    // Money: "$1.13bn", "£600m", "US$5 billion".
    if (lex.currencySymbols.has(text) && sameSentence(t, t + 1) && (isNumber(t + 1) || MONEY_WITH_SCALE.test(next!.text))) {
      const end = numberEnd(t + 1);
      push(t, end, 'MONEY');
      t = end;
      continue;
    }
    if (PERCENT_INLINE.test(text)) { push(t, t, 'PERCENT'); continue; }
    if (DECADE.test(text)) { push(t, t, 'DATE'); continue; }
    const clock = CLOCK_WITH_MERIDIEM.exec(text);
    if (clock) {
      found.push({ start: token.start, end: token.end - clock[3]!.length, firstToken: t, lastToken: t, type: 'TIME' });
      continue;
    }
    if (CLOCK.test(text) && !YEAR.test(text)) {
      const end = sameSentence(t, t + 1) && lex.meridiem.has(next!.text) ? t + 1 : t;
      push(t, end, 'TIME');
      t = end;
      continue;
    }
    if (NUMERIC_ORDINAL.test(text) || lex.ordinals.has(lower)) {
      // "3rd March" is a date; "third quarter" an ordinal.
      if (NUMERIC_ORDINAL.test(text) && next && lex.months.has(next.text)) {
        const end = monthEnd(t + 1);
        push(t, end, 'DATE');
        t = end;
        continue;
      }
      push(t, t, 'ORDINAL');
      continue;
    }
    if (lex.months.has(text) && (text !== 'May' || MONTH_CONTEXT.has(tokens[t - 1]?.lower ?? '') || DAY_OF_MONTH.test(next?.text ?? '') || YEAR.test(next?.text ?? ''))) {
      const end = monthEnd(t);
      push(t, end, 'DATE');
      t = end;
      continue;
    }
    if (lex.weekdays.has(text) || lex.relativeDays.has(lower)) {
      const end = sameSentence(t, t + 1) && lex.timeWords.has(next!.lower) ? t + 1 : t;
      push(t, end, end > t ? 'TIME' : 'DATE');
      t = end;
      continue;
    }
    // "last week", "this year", "next month".
    if (lex.dateModifiers.has(lower) && sameSentence(t, t + 1) && lex.dateUnits.has(next!.lower)) {
      push(t, t + 1, 'DATE');
      t += 1;
      continue;
    }
    if (!isNumber(t) || (token.type !== 'number' && token.pos !== 'NUM' && !DIGITS.test(text))) continue;
    // A year on its own: "in 2004".
    if (YEAR.test(text) && !isScale(t + 1)) {
      push(t, t, 'DATE');
      continue;
    }
    const end = numberEnd(t);
    const after = tokens[end + 1];
    const follows = after !== undefined && sameSentence(t, end + 1);
    if (follows && lex.percentWords.has(after.lower)) { push(t, end + 1, 'PERCENT'); t = end + 1; continue; }
    if (follows && after.lower === 'per' && tokens[end + 2]?.lower === 'cent') { push(t, end + 2, 'PERCENT'); t = end + 2; continue; }
    if (follows && lex.currencyWords.has(after.lower)) { push(t, end + 1, 'MONEY'); t = end + 1; continue; }
    if (follows && lex.meridiem.has(after.text)) { push(t, end + 1, 'TIME'); t = end + 1; continue; }
    if (follows && lex.months.has(after.text) && DAY_OF_MONTH.test(text) && end === t) {
      const last = monthEnd(end + 1);
      push(t, last, 'DATE');
      t = last;
      continue;
    }
    if (follows && lex.dateUnits.has(after.lower)) {
      const last = sameSentence(t, end + 2) && lex.dateTail.has(tokens[end + 2]!.lower) ? end + 2 : end + 1;
      push(t, last, 'DATE');
      t = last;
      continue;
    }
    if (follows && lex.units.has(after.lower)) { push(t, end + 1, 'QUANTITY'); t = end + 1; continue; }
    push(t, end, MONEY_WITH_SCALE.test(tokens[end]!.text) && tokens[t - 1]?.text === '$' ? 'MONEY' : 'CARDINAL');
    t = end;
  }
  return found;
}

const timeMasks = new WeakMap<Doc, Uint8Array>();
export const IN_DATE = 1;
export const IN_TIME = 2;

/**
 * For each token of the Doc, IN_DATE inside a date ("Christmas", "last week"), IN_TIME inside a
 * time ("Friday afternoon", "5pm"), else 0; made once per Doc.
 */
export function timeTokens(doc: Doc): Uint8Array {
  let mask = timeMasks.get(doc);
  if (!mask) {
    mask = new Uint8Array(doc.tokens.length);
    for (const raw of doc.numericEntities) {
      if (raw.type === 'DATE' || raw.type === 'TIME') mask.fill(raw.type === 'DATE' ? IN_DATE : IN_TIME, raw.firstToken, raw.lastToken + 1);
    }
    timeMasks.set(doc, mask);
  }
  return mask;
}

/** Whether a word names a month ("March", "Sept."), from the same word list. */
export const isMonth = (word: string): boolean => numericLexicon().months.has(word);
