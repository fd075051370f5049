// commander only: declares the command line and turns argv into RunOptions. No analysis here.
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PARTS, type Part } from '../analysis.js';
import { formatNames, type FormatName } from '../format/index.js';
import { DEFAULT_EXTENSIONS, DEFAULT_MAX_CHARS, INPUT_FORMATS, type InputFormat } from '../input/read-inputs.js';

export type CommandName = 'analyze' | 'summary';

export interface RunOptions {
  command: CommandName;
  paths: string[];
  format?: FormatName;
  inputFormat: InputFormat;
  only?: Part[];
  targets: string[];
  jobs: number;
  extensions: string[];
  color?: boolean;
  quiet: boolean;
  gazetteers: string[];
  maxChars: number;
  top: number;
  /** What makes the exit status non-zero: any failed input (1), or only usage errors (2). */
  failOn: FailOn;
  /** false with --no-timing: elapsedMs is 0 and runs are byte-comparable. */
  timing: boolean;
  /** --stance-threshold: the pair encoder's probability a stance edge needs (default: the shipped one). */
  stanceThreshold?: number;
  /** summary: count near-duplicate copies in the totals. */
  countCopies: boolean;
  /** quotes --find: the words of a quote to look for across the inputs. */
  find?: string;
}

export type FailOn = 'input' | 'usage';
export const FAIL_ON: FailOn[] = ['input', 'usage'];

const positiveInt = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1, instead found "${value}"`);
  return n;
};

const parseParts = (value: string): Part[] => {
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length || !parts.length) throw new InvalidArgumentError(`parts are ${PARTS.join(', ')}, instead found "${value}"`);
  return parts as Part[];
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

const probability = (name: string) => (value: string): number => {
  const p = Number(value);
  if (!(p > 0 && p < 1)) throw new InvalidArgumentError(`${name} must be a probability between 0 and 1, instead found "${value}"`);
  return p;
};

const EXAMPLES = `
Examples:
  newslens article.txt                         a table for a person (json when piped)
  newslens analyze news/ -f jsonl | jq .title  a folder, one JSON line per article
  newslens quotes article.txt -f csv           just the quotes, as CSV
  newslens article.txt --target Assad          the tone toward a target
  newslens news/ -f html > report.html         a page: highlighted text, quotes, stance graph
  cat records.jsonl | newslens - --input-format jsonl -f jsonl

Exit status: 0 all inputs analysed, 1 some input failed (the rest were printed; 0 with --fail-on usage),
2 usage error.`;

function addOptions(command: Command): Command {
  return command
    .argument('[paths...]', 'files, folders (walked recursively) or - for stdin; none reads stdin')
    .addOption(new Option('-f, --format <fmt>', 'output format (default: table on a terminal, else json for one input, jsonl for several)').choices(formatNames))
    .addOption(new Option('--input-format <fmt>', 'how to read inputs: auto goes by extension, stdin is text').choices(INPUT_FORMATS).default('auto'))
    .option('--only <parts>', `comma list of ${PARTS.join(', ')}: compute and print only these`, parseParts)
    .addOption(new Option('--target <text>', 'also report the tone toward this target (repeatable)').argParser(collect).default([], 'none'))
    .addOption(new Option('-j, --jobs <n>', 'worker threads for batches; 1 analyses in the main thread').argParser(positiveInt('--jobs')).default(availableParallelism(), `number of CPUs, ${availableParallelism()} here`))
    .option('--ext <list>', 'extensions taken when walking folders', DEFAULT_EXTENSIONS.join(','))
    .option('--no-color', 'plain text (NO_COLOR and FORCE_COLOR are honoured too)')
    .option('-q, --quiet', 'no progress and no per-file warnings on stderr')
    .addOption(new Option('--gazetteer <file>', 'a JSON file of your own entities and aliases (repeatable; format in the README)').argParser(collect).default([], 'none'))
    .option('--max-chars <n>', 'longest article analysed, in characters; longer ones are a too-large error record', positiveInt('--max-chars'), DEFAULT_MAX_CHARS)
    .option('--no-timing', 'report stats.elapsedMs as 0, so runs over the same input give the same bytes (to compare or cache them)')
    .addOption(new Option('--stance-threshold <p>', `the stance pair encoder's probability an edge needs: lower finds more stances, less precisely (0.45 suits US political news, where its added edges were 85% right against 55% on BBC)`).argParser(probability('--stance-threshold')).default(undefined, "the model's own, chosen on BBC edges judged by hand"))
    .addOption(new Option('--fail-on <what>', 'input: exit 1 when any input failed; usage: failed inputs stay error records and the exit is 0 (for Spark, Dask or Slurm, which fail a whole task on a non-zero exit)').choices(FAIL_ON).default('input'));
}

const SUMMARY_EXAMPLES = `
Examples:
  newslens summary news/                       top entities, speakers and stances as tables
  newslens summary news/ -f html > corpus.html the stance network drawn as a graph
  newslens summary feed.jsonl --target Iraq -f json
                                               tone toward Iraq by month (JSONL records with "date")
  newslens summary news/ --top 20 -f csv       one row per entity, speaker, stance and target`;

const FIND_EXAMPLES = `
Examples:
  newslens quotes news/ --find "a stalking horse"          which articles carry it, and whose words they say it is
  newslens quotes feed.jsonl --find "not a US matter" -f json
A quote given to different speakers in different articles is flagged: check it before you repeat it.`;

/** The options of a command in commander's own layout, for the top-level help. */
function optionList(command: Command): string {
  const help = command.createHelp();
  help.prepareContext({ helpWidth: process.stdout.columns ?? 80 });
  const width = help.longestOptionTermLength(command, help);
  const items = help.visibleOptions(command).filter((o) => o.long !== '--help')
    .map((o) => help.formatItem(help.optionTerm(o), width, help.optionDescription(o), help));
  return `Options (of analyze, the default command; entities, quotes, stance and summary take them too):\n${items.join('\n')}`;
}

interface ParsedOptions {
  format?: FormatName; inputFormat: InputFormat; only?: Part[]; target: string[]; jobs: number; ext: string;
  color: boolean; quiet: boolean; gazetteer: string[]; maxChars: number; top?: number; failOn: FailOn; timing: boolean; countCopies?: boolean; find?: string; stanceThreshold?: number;
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours) between two short words. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The command a mistyped first word meant ("sumary" -> "summary"), or null. analyze is the default
 * command, so an unknown word is taken for a path; this lets the missing-path error say what happened.
 */
export function suggestCommand(program: Command, word: string): string | null {
  if (!/^[a-z][a-z-]*$/i.test(word)) return null;
  const names = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
  const scored = names.map((name) => ({ name, d: distance(word.toLowerCase(), name) })).sort((x, y) => x.d - y.d);
  const best = scored[0];
  return best && best.d > 0 && best.d <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : null;
}

/** Builds the program; `onRun` receives the parsed options of whichever command ran. */
export function buildProgram(version: string, onRun: (options: RunOptions) => void): Command {
  const program = new Command('newslens')
    .description('Who is in a news article, who said what, and who stands for or against whom.')
    .version(version)
    .showHelpAfterError('(run newslens --help for usage)')
    .exitOverride();
  const wire = (name: CommandName, only?: Part[]) => (paths: string[], opts: ParsedOptions, cmd: Command) => {
    const explicitColor = cmd.getOptionValueSource('color') === 'cli' ? opts.color : undefined;
    onRun({
      command: name, paths, format: opts.format, inputFormat: opts.inputFormat, only: only ?? opts.only, targets: opts.target,
      jobs: opts.jobs, extensions: opts.ext.split(',').map((e) => e.trim()).filter(Boolean), color: explicitColor,
      quiet: opts.quiet === true, gazetteers: opts.gazetteer, maxChars: opts.maxChars, top: opts.top ?? 50, failOn: opts.failOn, timing: opts.timing, stanceThreshold: opts.stanceThreshold, countCopies: opts.countCopies === true,
      ...(opts.find !== undefined ? { find: opts.find } : {}),
    });
  };
  const analyze = addOptions(program.command('analyze', { isDefault: true }).description('analyse articles: entities, quotes, stances (the default command)'))
    .addHelpText('after', EXAMPLES).action(wire('analyze'));
  addOptions(program.command('entities').description('shorthand for analyze --only entities')).action(wire('analyze', ['entities']));
  addOptions(program.command('quotes').description('shorthand for analyze --only quotes; with --find, where a quote appeared and who said it'))
    .option('--find <text>', 'the direct quotes across all inputs that contain these words (or most of them, if lightly edited): every article carrying each, by date, the speaker each gave it to, and its wordings')
    .addHelpText('after', FIND_EXAMPLES)
    .action(wire('analyze', ['quotes']));
  addOptions(program.command('stance').description('shorthand for analyze --only stances')).action(wire('analyze', ['stances']));
  addOptions(program.command('summary').description('one aggregate over all inputs: top entities, speakers, stance network'))
    .option('--top <n>', 'how many items each list keeps', positiveInt('--top'), 50)
    .option('--count-copies', 'count every copy of a near-duplicate article (a story republished, a wire copy) in the totals; by default each story counts once')
    .action(wire('summary'))
    .addHelpText('after', SUMMARY_EXAMPLES);
  // `newslens --help` is where a new user looks first: it lists the options of the default command,
  // which every other command takes too, not just --version and --help.
  program.usage('[command] [paths...] [options]').addHelpText('after', () => `\n${optionList(analyze)}\n${EXAMPLES}`);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run newslens --help for usage)');
  return program;
}
