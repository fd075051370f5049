// The CLI's one try/catch: argv -> options -> analyze -> format -> stdout; exit codes decided here.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { isFailed, type AnalysisResult } from '../analysis.js';
import { analyzeItems, renderItems } from '../batch.js';
import { UsageError } from '../errors.js';
import { formats, type FormatName, type FormatOptions, type TocEntry } from '../format/index.js';
import { checkPaths, countInputs, readInputs } from '../input/read-inputs.js';
import { readUserGazetteer } from '../knowledge/gazetteer.js';
import { summarize } from '../summarize.js';
import { summaryFormats } from '../format/summary.js';
import { findQuote } from '../corpus/find-quote.js';
import { quoteFindFormats } from '../format/quote-find.js';
import { terminalText } from '../format/safe-text.js';
import { buildProgram, suggestCommand, type RunOptions } from './program.js';
import { restoreTerminal, startProgress } from './progress.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

class BrokenPipe extends Error {}

/** Resolves when stdout can take more, or is gone; removes its listeners either way. */
function drained(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const event of ['drain', 'close', 'error']) process.stdout.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'error']) process.stdout.on(event, done);
  });
}

async function write(text: string): Promise<void> {
  if (!text) return;
  if (!process.stdout.write(text)) await drained();
  if (process.stdout.destroyed) throw new BrokenPipe();
}

/** One input and not a JSONL stream: json prints an object rather than an array. */
async function isSingleInput(options: RunOptions): Promise<boolean> {
  if (options.paths.length > 1) return false;
  const path = options.paths[0] ?? '-';
  if (options.inputFormat === 'jsonl') return false;
  if (path === '-') return true;
  if (options.inputFormat === 'auto' && ['.jsonl', '.ndjson'].includes(extname(path).toLowerCase())) return false;
  return (await stat(path)).isFile();
}

function useColor(explicit: boolean | undefined): boolean {
  if (explicit === false) return false;
  if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return process.stdout.isTTY === true;
}

async function execute(options: RunOptions, program: Command): Promise<number> {
  try {
    await checkPaths(options.paths);
  } catch (error) {
    const meant = options.command === 'analyze' && options.paths.length ? suggestCommand(program, options.paths[0]!) : null;
    if (error instanceof UsageError && meant) {
      throw new UsageError('unknown-command', `unknown command '${options.paths[0]}' (and no file or folder of that name). Did you mean '${meant}'? (newslens --help lists the commands)`);
    }
    throw error;
  }
  const gazetteers = options.gazetteers.map(readUserGazetteer);
  const single = await isSingleInput(options);
  const format: FormatName = options.format ?? (process.stdout.isTTY ? 'table' : single ? 'json' : 'jsonl');
  const formatOptions: FormatOptions = { color: useColor(options.color), width: process.stdout.columns ?? (Number(process.env.COLUMNS) || 100), single };
  // Text typed at the terminal: say how to end it (a bare `newslens` otherwise looks hung), and keep
  // the bar from drawing over the typing.
  const typing = process.stdin.isTTY === true && (options.paths.length === 0 || options.paths.includes('-'));
  if (typing && !options.quiet) process.stderr.write('newslens: reading an article from the terminal; end it with Ctrl-D (newslens --help for usage)\n');
  // The bar needs a total: a walk of names only, and only when someone will see the bar.
  const showProgress = process.stderr.isTTY === true && !options.quiet && !typing;
  const progress = startProgress(showProgress, showProgress ? await countInputs(options.paths, options.extensions) : null);
  const report = (id: string, error: { message: string }) => {
    if (!options.quiet) process.stderr.write(terminalText(`newslens: ${error.message.startsWith(id) ? '' : `${id}: `}${error.message}\n`));
  };

  const inputs = () => readInputs(options.paths, { inputFormat: options.inputFormat, extensions: options.extensions, maxChars: options.maxChars });
  // One article: a pool would only add the workers' start-up.
  const batch = { jobs: single ? 1 : options.jobs, only: options.only, targets: options.targets, gazetteers, includeText: format === 'html', timing: options.timing, stanceThreshold: options.stanceThreshold };

  // Every input analysed, its failures reported as they come: what summary and --find fold.
  const reported = async function* (): AsyncGenerator<AnalysisResult> {
    for await (const result of analyzeItems(inputs(), batch)) {
      if (isFailed(result)) report(result.id, result.error);
      progress.tick(isFailed(result), isFailed(result) ? 0 : result.stats.tokens);
      yield result;
    }
  };
  try {
    if (options.find !== undefined) {
      if (!options.find.trim()) throw new UsageError('bad-option', '--find needs the words of a quote, instead found an empty string');
      await write(quoteFindFormats[format](await findQuote(reported(), options.find), formatOptions));
    } else if (options.command === 'summary') {
      const results = reported();
      const summary = await summarize(results, { top: options.top, countCopies: options.countCopies });
      if (!options.quiet) {
        const unread = summary.unreadDates ?? [];
        for (const { id, date } of unread.slice(0, 10)) process.stderr.write(terminalText(`newslens: ${id}: cannot read the date ${JSON.stringify(date)} (ISO 8601, RFC 2822 or "5 January 2005"); left out of byDate\n`));
        if (unread.length > 10) process.stderr.write(`newslens: ${unread.length - 10} more dates could not be read (all listed in the summary's unreadDates)\n`);
      }
      await write(summaryFormats[format](summary, formatOptions));
    } else {
      const chosen = formats[format];
      await write(chosen.header?.(formatOptions) ?? '');
      const toc: TocEntry[] = [];
      for await (const rendered of renderItems(inputs(), batch, { format, formatOptions })) {
        if (rendered.error) report(rendered.id, rendered.error);
        progress.tick(rendered.error !== null, rendered.tokens);
        if (format === 'html') toc.push({ index: toc.length, id: rendered.id, title: rendered.title, failed: rendered.error !== null });
        await write(rendered.text);
      }
      await write(chosen.footer?.(progress.counts().done, formatOptions, toc) ?? '');
    }
  } finally {
    progress.finish();
  }
  // A folder with no file of the taken extensions is not an error, but a silent empty result reads
  // like a broken tool.
  if (progress.counts().done === 0 && !options.quiet) {
    const fromStdin = options.paths.every((p) => p === '-') || options.paths.length === 0;
    process.stderr.write(fromStdin ? 'newslens: no records on stdin\n'
      : `newslens: no inputs found in ${options.paths.join(', ')} (files ending in ${options.extensions.join(', ')}; see --ext)\n`);
  }
  return progress.counts().failed && options.failOn === 'input' ? 1 : 0;
}

export async function run(argv: string[]): Promise<number> {
  let parsed: RunOptions | undefined;
  const program = buildProgram(VERSION, (options) => { parsed = options; });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    throw error;
  }
  if (!parsed) return 0;
  try {
    return await execute(parsed, program);
  } catch (error) {
    if (error instanceof BrokenPipe) return 0;
    if (error instanceof UsageError) {
      process.stderr.write(`newslens: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`newslens: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

// Ctrl-C: stop at once; process.exit ends the worker threads too. 130 is 128 + SIGINT, as shells expect.
process.on('SIGINT', () => {
  restoreTerminal();
  process.stderr.write('\nnewslens: interrupted\n');
  process.exit(130);
});

// A reader that stops early (`| head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    restoreTerminal();
    process.exit(0);
  }
});

process.exitCode = await run(process.argv);
