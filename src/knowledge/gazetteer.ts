// Built-in knowledge of names: countries, their aliases, demonyms and capitals come from the
// world-countries extract in lexicons/countries.json; the rest from names.json. Users add their own with --gazetteer.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { EntityType } from '../doc/doc.js';
import { UsageError } from '../errors.js';

export interface GazetteerEntry {
  type: EntityType; canonical: string; name: string;
  /** The country a country, its capital or its demonym stands for (cca3): "Washington" -> USA. */
  country?: string;
  /** An acronym or alias of an organisation ("Tory", "SNP"): an organisation even where the tagger reads a person ("Tory co-chairman Liam Fox"). */
  alwaysOrg?: boolean;
}

export interface NameLexicon {
  titles: Set<string>;
  orgWords: Set<string>;
  facWords: Set<string>;
  locWords: Set<string>;
  eventWords: Set<string>;
  lawWords: Set<string>;
  languages: Set<string>;
  /** Words that make a demonym before them a state actor ("Russian foreign ministry"). */
  stateWords: Set<string>;
  /** Words that open the name of a natural place ("River Thames", "Lake Geneva"). */
  landformWords: Set<string>;
  /** Role words, lower case: "the Syrian president" refers to the person given that role. */
  roles: Set<string>;
}

export interface Gazetteer {
  /** Exact surface form -> entry ("Russian Federation" -> GPE country:RUS). */
  names: Map<string, GazetteerEntry>;
  lexicon: NameLexicon;
  /** First names and surnames: evidence for PERSON (human-names, @cspell/dict-people-names). */
  personNames: Set<string>;
  /** First names that are given to one sex only in human-names' lists: "John" m, "Sandra" f. */
  firstNameSex: Map<string, 'm' | 'f'>;
  /** Whether --gazetteer files added entries (found even where the tagger sees no name). */
  hasUserEntries: boolean;
}

/** The file format of --gazetteer (documented in the README). */
export interface UserGazetteerFile {
  entities: { name: string; type: EntityType; aliases?: string[] }[];
}

const ENTITY_TYPES = new Set<string>(['PERSON', 'NORP', 'FAC', 'ORG', 'GPE', 'LOC', 'PRODUCT', 'EVENT', 'WORK_OF_ART',
  'LAW', 'LANGUAGE', 'DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL']);

interface Country {
  name: { common: string; official: string };
  altSpellings: string[];
  cca3: string;
  capital: string[];
  demonyms?: { eng?: { m: string; f: string } };
}

interface NamesJson {
  titles: string[]; orgWords: string[]; knownOrgs: string[]; knownAcronyms: Record<string, string>; knownAliases: Record<string, string>;
  facWords: string[]; locWords: string[]; eventWords: string[]; lawWords: string[]; languages: string[]; groups: string[];
  stateWords: string[]; landformWords: string[]; roles: string[];
}

const require = createRequire(import.meta.url);

function loadNamesJson(): NamesJson {
  return JSON.parse(readFileSync(new URL('../lexicons/names.json', import.meta.url), 'utf8')) as NamesJson;
}

let builtIn: Gazetteer | null = null;

function loadPersonNames(): Set<string> {
  const human = require('human-names') as Record<string, string[]>;
  const names = new Set<string>();
  for (const list of ['allEn', 'allFr', 'allDe', 'allEs', 'allIt', 'allNl']) for (const name of human[list] ?? []) names.add(name);
  // The cspell dictionary ships as a text file beside its manifest, one name a line.
  const manifest = require.resolve('@cspell/dict-people-names');
  const words = readFileSync(new URL('dict/people-names.txt', pathToFileURL(manifest)), 'utf8');
  for (const line of words.split('\n')) if (/^\p{Lu}/u.test(line)) names.add(line.trim());
  return names;
}

function loadFirstNameSex(): Map<string, 'm' | 'f'> {
  const human = require('human-names') as Record<string, string[]>;
  const male = new Set<string>();
  const female = new Set<string>();
  for (const lang of ['En', 'Fr', 'De', 'Es', 'It', 'Nl']) {
    for (const name of human[`male${lang}`] ?? []) male.add(name);
    for (const name of human[`female${lang}`] ?? []) female.add(name);
  }
  const sex = new Map<string, 'm' | 'f'>();
  for (const name of male) if (!female.has(name)) sex.set(name, 'm');
  for (const name of female) if (!male.has(name)) sex.set(name, 'f');
  return sex;
}

export function builtInGazetteer(): Gazetteer {
  if (builtIn) return builtIn;
  const json = loadNamesJson();
  const names = new Map<string, GazetteerEntry>();
  const add = (surface: string, entry: GazetteerEntry) => {
    if (surface && !names.has(surface)) names.set(surface, entry);
  };
  // The fields we read of world-countries, extracted by scripts/extract-countries.js (ODbL 1.0).
  const { countries } = JSON.parse(readFileSync(new URL('../lexicons/countries.json', import.meta.url), 'utf8')) as { countries: Country[] };
  // Two passes so a country's own names win over another's alternative spellings.
  for (const c of countries) {
    const entry: GazetteerEntry = { type: 'GPE', canonical: `country:${c.cca3}`, name: c.name.common, country: c.cca3 };
    add(c.name.common, entry);
    add(c.name.official, entry);
  }
  for (const c of countries) {
    const entry: GazetteerEntry = { type: 'GPE', canonical: `country:${c.cca3}`, name: c.name.common, country: c.cca3 };
    // Two-letter codes ("IN", "IT") collide with words; only longer spellings are names.
    for (const alt of c.altSpellings) if (alt.length > 2 && /^[A-Z]/.test(alt)) add(alt, entry);
    // "Republic of Turkey" -> "Turkey": the short form news uses.
    for (const alt of c.altSpellings) {
      const short = /^(?:Republic|Kingdom|State|Commonwealth|Federation) of (?:the )?(.+)$/.exec(alt)?.[1];
      if (short && !short.includes(' of ')) add(short, entry);
    }
    for (const capital of c.capital ?? []) {
      const city: GazetteerEntry = { type: 'GPE', canonical: `city:${capital}`, name: capital, country: c.cca3 };
      add(capital, city);
      if (capital.endsWith(' D.C.')) add(capital.slice(0, -5), city);
    }
    const demonym = c.demonyms?.eng;
    if (demonym) {
      for (const d of new Set([demonym.m, demonym.f])) {
        const norp: GazetteerEntry = { type: 'NORP', canonical: `norp:${c.cca3}`, name: d, country: c.cca3 };
        add(d, norp);
        add(d.endsWith('s') ? d : `${d}s`, norp);
      }
    }
  }
  for (const [acronym, full] of Object.entries({ ...json.knownAcronyms, ...json.knownAliases })) {
    const target = names.get(full);
    add(acronym, target ? { ...target, alwaysOrg: true } : { type: 'ORG', canonical: `org:${full}`, name: full, alwaysOrg: true });
    if (!target) add(full, { type: 'ORG', canonical: `org:${full}`, name: full, alwaysOrg: true });
  }
  for (const org of json.knownOrgs) add(org, { type: 'ORG', canonical: `org:${org}`, name: org });
  // Religious and ethnic groups are NORP, like nationalities ("Muslims", "Kurds").
  for (const group of json.groups) add(group, { type: 'NORP', canonical: `norp:${group.replace(/s$/, '')}`, name: group.replace(/s$/, '') });
  for (const language of json.languages) {
    // "French" is more often the people or the adjective than the language: keep NORP when known.
    add(language, { type: 'LANGUAGE', canonical: `language:${language}`, name: language });
  }
  const lexicon: NameLexicon = {
    titles: new Set(json.titles), orgWords: new Set(json.orgWords), facWords: new Set(json.facWords),
    locWords: new Set(json.locWords), eventWords: new Set(json.eventWords), lawWords: new Set(json.lawWords),
    languages: new Set(json.languages), stateWords: new Set(json.stateWords), landformWords: new Set(json.landformWords),
    roles: new Set(json.roles),
  };
  builtIn = { names, lexicon, personNames: loadPersonNames(), firstNameSex: loadFirstNameSex(), hasUserEntries: false };
  return builtIn;
}

/** Checks a parsed --gazetteer file and explains the first problem found. */
export function validateUserGazetteer(value: unknown, path: string): UserGazetteerFile {
  const fail = (what: string) => { throw new UsageError('bad-gazetteer', `${path}: ${what}`); };
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { entities?: unknown }).entities)) {
    fail(`expected an object {"entities": [...]}, instead found ${JSON.stringify(value)?.slice(0, 60)}`);
  }
  const entities = (value as { entities: unknown[] }).entities;
  entities.forEach((e, i) => {
    const item = e as { name?: unknown; type?: unknown; aliases?: unknown };
    if (typeof item !== 'object' || item === null) fail(`entities[${i}] is not an object`);
    if (typeof item.name !== 'string' || !item.name.trim()) fail(`entities[${i}].name must be a non-empty string`);
    if (typeof item.type !== 'string' || !ENTITY_TYPES.has(item.type)) {
      fail(`entities[${i}].type must be one of ${[...ENTITY_TYPES].join(', ')}, instead found ${JSON.stringify(item.type)}`);
    }
    if (item.aliases !== undefined && (!Array.isArray(item.aliases) || item.aliases.some((a) => typeof a !== 'string'))) {
      fail(`entities[${i}].aliases must be an array of strings`);
    }
  });
  return value as UserGazetteerFile;
}

export function readUserGazetteer(path: string): UserGazetteerFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError('missing-gazetteer', `cannot read gazetteer ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new UsageError('bad-gazetteer', `${path}: not valid JSON (${(error as Error).message})`);
  }
  return validateUserGazetteer(parsed, path);
}

/** The built-in gazetteer with the user's entries on top (theirs win). */
export function withUserEntries(base: Gazetteer, files: UserGazetteerFile[]): Gazetteer {
  if (!files.length) return base;
  const names = new Map(base.names);
  for (const file of files) {
    for (const e of file.entities) {
      const entry: GazetteerEntry = { type: e.type, canonical: `user:${e.name}`, name: e.name };
      for (const surface of [e.name, ...(e.aliases ?? [])]) names.set(surface, entry);
    }
  }
  return { names, lexicon: base.lexicon, personNames: base.personNames, firstNameSex: base.firstNameSex, hasUserEntries: true };
}

