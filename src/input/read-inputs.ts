// paths | '-' | JSONL -> an async stream of articles (or per-input failures), in input order.
// Folders are walked lazily in sorted order, and JSONL is read line by line: a 10,000-file folder or
// a 100,000-line file is never held in memory whole.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { ANALYSIS_SCHEMA, type AnalysisResult } from '../analysis.js';
import { InputError, UsageError } from '../errors.js';

export type InputFormat = 'auto' | 'text' | 'html' | 'jsonl';
export const INPUT_FORMATS: InputFormat[] = ['auto', 'text', 'html', 'jsonl'];
export const DEFAULT_EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.jsonl'];
/** Longest article analysed by default, in characters (about 200 pages of text). */
export const DEFAULT_MAX_CHARS = 2_000_000;

export interface Article {
  id: string;
  text: string;
  title?: string | null;
  targets?: (string | { start: number; end: number })[];
  date?: string;
  /** HTML input: offsets index extracted text, so the Analysis carries it. */
  includeText?: boolean;
}

/** What the readers take: a Node Readable, or any async iterable of bytes or text. */
export type ByteStream = AsyncIterable<Uint8Array | string>;

export interface InputFailure { id: string; error: { code: string; message: string } }

/** A line of `newslens -f jsonl` output read back: `summary` folds it without analysing again. */
export interface PriorAnalysis { id: string; analysis: AnalysisResult }

export type InputItem = Article | InputFailure | PriorAnalysis;
export const isFailure = (item: InputItem): item is InputFailure => 'error' in item;
export const isPriorAnalysis = (item: InputItem): item is PriorAnalysis => 'analysis' in item;

export interface ReadOptions {
  inputFormat?: InputFormat;
  extensions?: string[];
  maxChars?: number;
  /** Standard input, replaceable in tests: any stream of bytes (typed without Node's types, so the
   * library's .d.ts files compile without @types/node). */
  stdin?: ByteStream;
}

const toBuffer = (chunk: Uint8Array | string): Buffer => (Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** Bytes -> text: UTF-8 with or without a BOM; anything else is an InputError that says where. */
export function decodeText(bytes: Uint8Array, where: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError('binary', `${where}: binary data (a NUL byte at byte ${nul}), not text`);
  let text: string;
  try {
    text = fatalDecoder.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new InputError('not-utf8', `${where}: not valid UTF-8 at byte ${bad} (0x${bytes[bad]?.toString(16).padStart(2, '0')}); convert it with iconv -f latin1 -t utf-8`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const size = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (!size || i + size > bytes.length) return i;
    for (let k = 1; k < size; k += 1) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += size;
  }
  return 0;
}

/**
 * Refuses input that cannot fit in --max-chars whatever its encoding: a UTF-16 code unit takes at
 * most 3 bytes of UTF-8, so more than 3 bytes per allowed character is too long (HTML may hold 4
 * times as many characters as its text).
 */
function checkBytes(bytes: number, where: string, format: 'text' | 'html', maxChars: number): void {
  const allowed = maxChars * (format === 'html' ? 4 : 1);
  if (bytes > 3 * allowed) throw new InputError('too-large', `${where}: ${bytes} bytes, more than --max-chars ${maxChars} characters can take`);
}

function checkText(text: string, where: string, maxChars: number): void {
  if (!text.trim()) throw new InputError('empty', `${where}: no text to analyse`);
  if (text.length > maxChars) {
    throw new InputError('too-large', `${where}: ${text.length} characters, more than --max-chars ${maxChars}`);
  }
}

function formatOf(path: string, requested: InputFormat): Exclude<InputFormat, 'auto'> {
  if (requested !== 'auto') return requested;
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.html' || ext === '.htm') return 'html';
  return 'text';
}

const failure = (id: string, error: unknown): InputFailure => ({
  id,
  error: error instanceof InputError
    ? { code: error.code, message: error.message }
    : { code: 'read-failed', message: `${id}: ${(error as Error).message}` },
});

/** Checks explicit paths before anything runs: a missing one is a usage error (exit 2). */
export async function checkPaths(paths: string[]): Promise<void> {
  for (const path of paths) {
    if (path === '-') continue;
    try {
      await stat(path);
    } catch {
      throw new UsageError('missing-path', `no such file or folder: ${path}`);
    }
  }
}

export async function* readInputs(paths: string[], options: ReadOptions = {}): AsyncGenerator<InputItem> {
  const requested = options.inputFormat ?? 'auto';
  const extensions = (options.extensions ?? DEFAULT_EXTENSIONS).map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  for (const path of paths.length ? paths : ['-']) {
    if (path === '-') {
      const stdin = options.stdin ?? process.stdin;
      if (requested === 'jsonl') yield* readJsonl(stdin, 'stdin', maxChars);
      else yield await readWhole(stdin, 'stdin', requested === 'html' ? 'html' : 'text', maxChars);
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      yield failure(path, new InputError('missing', `${path}: ${(error as Error).message}`));
      continue;
    }
    if (info.isDirectory()) {
      for await (const file of walk(path, extensions)) {
        if ('error' in file) yield file;
        else yield* readFileInput(file.path, formatOf(file.path, requested), maxChars);
      }
    } else {
      yield* readFileInput(path, formatOf(path, requested), maxChars);
    }
  }
}

async function* readFileInput(path: string, format: Exclude<InputFormat, 'auto'>, maxChars: number): AsyncGenerator<InputItem> {
  if (format === 'jsonl') {
    yield* readJsonl(createReadStream(path), path, maxChars);
    return;
  }
  try {
    // A file too large to pass --max-chars whatever it holds is refused unread (a 50 MB file would
    // otherwise be read whole only to be refused).
    checkBytes(statSync(path).size, path, format, maxChars);
    // Synchronous on purpose: one small file from the page cache is faster read than awaited,
    // and the analysis that follows is synchronous anyway.
    const bytes = readFileSync(path);
    yield await toArticle(path, decodeText(bytes, path), format, maxChars);
  } catch (error) {
    yield failure(path, error);
  }
}

async function readWhole(stream: ByteStream, id: string, format: 'text' | 'html', maxChars: number): Promise<InputItem> {
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      chunks.push(toBuffer(chunk));
      size += chunks[chunks.length - 1]!.length;
      checkBytes(size, id, format, maxChars);
    }
    return await toArticle(id, decodeText(Buffer.concat(chunks), id), format, maxChars);
  } catch (error) {
    return failure(id, error);
  }
}

async function toArticle(id: string, raw: string, format: 'text' | 'html', maxChars: number): Promise<InputItem> {
  try {
    if (format === 'html') {
      // Markup is several times the text it holds; refuse pages too big to be one article.
      if (raw.length > maxChars * 4) throw new InputError('too-large', `${id}: ${raw.length} characters of HTML, more than 4 x --max-chars`);
      // Loaded on the first HTML page: linkedom and Readability are large, and most runs read text.
      const { extractArticle } = await import('./html.js');
      const page = extractArticle(raw);
      checkText(page.text, id, maxChars);
      return { id, text: page.text, title: page.title, includeText: true, ...(page.date ? { date: page.date } : {}) };
    }
    checkText(raw, id, maxChars);
    return { id, text: raw };
  } catch (error) {
    return failure(id, error);
  }
}

/** JSONL records, one per line, decoded line by line so one bad line fails alone. */
async function* readJsonl(stream: ByteStream, name: string, maxChars: number): AsyncGenerator<InputItem> {
  let lineNumber = 0;
  const parseLine = (bytes: Buffer): InputItem | null => {
    lineNumber += 1;
    const line = `${name}:${lineNumber}`;
    // A record that parsed far enough to carry its own id fails under that id, in its message too, so
    // a failure can be joined back to its record, and a split run (GNU parallel, a Slurm array, where
    // line numbers restart in every part) prints the bytes of one run.
    let id = line;
    try {
      const text = decodeText(bytes, line);
      if (!text.trim()) return null;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch (error) {
        throw new InputError('bad-json', `${line}: not valid JSON (${(error as Error).message})`);
      }
      const own = recordIdOf(record);
      if (own !== null) id = own;
      return toRecord(record, id, maxChars);
    } catch (error) {
      return failure(id, error);
    }
  };
  // The bytes of the line read so far, in pieces (joined once, when its newline comes: joining at
  // every chunk would copy a long line over and over); `skipping` while the rest of a line already
  // reported too long goes by.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  try {
    for await (const chunk of stream) {
      let data = toBuffer(chunk);
      let newline = data.indexOf(10);
      while (newline >= 0) {
        if (!skipping) {
          const item = parseLine(pendingBytes ? Buffer.concat([...pending, data.subarray(0, newline)]) : data.subarray(0, newline));
          if (item) yield item;
        }
        skipping = false;
        pending = [];
        pendingBytes = 0;
        data = data.subarray(newline + 1);
        newline = data.indexOf(10);
      }
      if (skipping || !data.length) continue;
      pending.push(data);
      pendingBytes += data.length;
      // Guard against one endless line: it cannot be an article we would analyse anyway.
      if (pendingBytes > maxChars * 4 + 1024) {
        lineNumber += 1;
        yield failure(`${name}:${lineNumber}`, new InputError('too-large', `${name}:${lineNumber}: a line longer than ${maxChars * 4} bytes`));
        pending = [];
        pendingBytes = 0;
        skipping = true;
      }
    }
  } catch (error) {
    yield failure(name, error);
    return;
  }
  if (pendingBytes && !skipping) {
    const item = parseLine(Buffer.concat(pending));
    if (item) yield item;
  }
}

const recordIdOf = (record: unknown): string | null => {
  const id = record && typeof record === 'object' && !Array.isArray(record) ? (record as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
};

/** A parsed line -> an Article; `where` names it in messages: its own id, or else its line. */
function toRecord(record: unknown, where: string, maxChars: number): InputItem {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new InputError('bad-record', `${where}: expected a JSON object, instead found ${JSON.stringify(record)?.slice(0, 40)}`);
  }
  const r = record as Record<string, unknown>;
  if (r.schema === ANALYSIS_SCHEMA) return toPriorAnalysis(r, where);
  if (typeof r.text !== 'string') {
    throw new InputError('no-text', `${where}: the record has no string "text" field`);
  }
  checkText(r.text, where, maxChars);
  const targets: Article['targets'] = [];
  if (Array.isArray(r.targets)) {
    for (const t of r.targets) {
      if (typeof t === 'string') targets.push(t);
      else if (t && typeof t === 'object' && Number.isInteger((t as Span).start) && Number.isInteger((t as Span).end)
        && (t as Span).start >= 0 && (t as Span).end <= r.text.length && (t as Span).start < (t as Span).end) {
        targets.push({ start: (t as Span).start, end: (t as Span).end });
      } else {
        throw new InputError('bad-target', `${where}: a target must be a string or a span {start, end} of text, instead found ${JSON.stringify(t)}`);
      }
    }
  }
  return {
    id: where, text: r.text,
    ...(typeof r.title === 'string' ? { title: r.title } : {}),
    ...(targets.length ? { targets } : {}),
    ...(typeof r.date === 'string' ? { date: r.date } : {}),
  };
}

interface Span { start: number; end: number }

/** An Analysis read back must at least look like one (a result or an error); the rest is trusted as our own output. */
function toPriorAnalysis(r: Record<string, unknown>, where: string): PriorAnalysis {
  const shaped = typeof r.id === 'string' && (r.error && typeof r.error === 'object'
    ? typeof (r.error as { code?: unknown }).code === 'string'
    : r.stats && typeof r.stats === 'object' && Array.isArray(r.targets));
  if (!shaped) throw new InputError('bad-analysis', `${where}: a ${ANALYSIS_SCHEMA} record without its id, stats and targets (or error)`);
  return { id: r.id as string, analysis: r as unknown as AnalysisResult };
}

/**
 * How many inputs the paths hold, for the progress bar: files are counted (a cheap walk of names),
 * and null when some input is a stream of records (stdin or JSONL) whose size is unknown up front.
 */
export async function countInputs(paths: string[], extensions: string[] = DEFAULT_EXTENSIONS): Promise<number | null> {
  let count = 0;
  const exts = extensions.map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
  for (const path of paths.length ? paths : ['-']) {
    if (path === '-' || extname(path).toLowerCase() === '.jsonl') return null;
    try {
      if (!(await stat(path)).isDirectory()) { count += 1; continue; }
    } catch {
      count += 1;
      continue;
    }
    for await (const file of walk(path, exts)) {
      if ('path' in file && extname(file.path).toLowerCase() === '.jsonl') return null;
      count += 1;
    }
  }
  return count;
}

/** Files under a folder in sorted path order; symlink loops and unreadable folders become failures. */
type EntryKind = 'dir' | 'file' | 'other';
const kindOf = (entry: { isDirectory(): boolean; isFile(): boolean }): EntryKind => (entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other');

async function* walk(root: string, extensions: string[], seen = new Set<string>()): AsyncGenerator<{ path: string } | InputFailure> {
  let real: string;
  try {
    real = await realpath(root);
  } catch (error) {
    yield failure(root, new InputError('unreadable', `${root}: ${(error as Error).message}`));
    return;
  }
  if (seen.has(real)) {
    yield failure(root, new InputError('symlink-loop', `${root}: a link back to ${relative(process.cwd(), real) || real}, skipped`));
    return;
  }
  seen.add(real);
  // Each entry is a folder, a regular file, or something else: a named pipe, socket or device
  // would block the read (or never end), so it is reported, not read. A dangling link counts as a
  // file here and fails when read, with its own message.
  const entries: { name: string; kind: EntryKind }[] = [];
  try {
    const dir = await opendir(root);
    for await (const entry of dir) {
      let kind = kindOf(entry);
      if (entry.isSymbolicLink()) {
        try {
          kind = kindOf(await stat(join(root, entry.name)));
        } catch {
          kind = 'file';
        }
      }
      entries.push({ name: entry.name, kind });
    }
  } catch (error) {
    yield failure(root, new InputError('unreadable', `${root}: ${(error as Error).message}`));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(root, entry.name);
    if (entry.kind === 'dir') yield* walk(path, extensions, seen);
    else if (!extensions.includes(extname(entry.name).toLowerCase())) continue;
    else if (entry.kind === 'file') yield { path };
    else yield failure(path, new InputError('not-a-file', `${path}: not a regular file (a named pipe, socket or device), skipped`));
  }
  seen.delete(real);
}
