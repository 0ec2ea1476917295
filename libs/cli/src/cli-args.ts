// One way for every CLI of the project to read its arguments: node:util's parseArgs,
// strict, with --help and -h. A mistake in the arguments is one line on stderr naming it
// and exit code 2 (as usage errors go by convention), never a stack trace: the person who
// typed it needs to know what to retype, not where in the code it was noticed.
import { writeSync } from 'node:fs';
import { parseArgs, ParseArgsConfig } from 'node:util';

type OptionConfig = NonNullable<ParseArgsConfig['options']>[string];

export type CliOption = OptionConfig & {
  /** One line for --help. */
  description: string;
  /** How a string option's value is shown in --help: `CODE`, `URL`. */
  value?: string;
};

export interface CliSpec<O extends Record<string, CliOption> = Record<string, CliOption>> {
  /** What each error line starts with: `token`. */
  name: string;
  /** One line: what the command does. */
  summary: string;
  /** How it is called, one line a form: `npm run token -- --role ROLE [--unit CODE]`. */
  usage: readonly string[];
  options: O;
  /** Takes positional arguments (named in `usage`); by default any is an error. */
  positionals?: boolean;
}

/** Arguments that cannot be right; its message is one line naming the culprit. */
export class UsageError extends Error {}

type Parsed<O extends Record<string, CliOption>> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>
>;

export interface CliArgs<O extends Record<string, CliOption>> {
  values: Parsed<O>['values'];
  positionals: string[];
  /** --help or -h was given: print helpText(spec) and do nothing else. */
  help: boolean;
}

/** Parses without printing or exiting: a mistake throws UsageError. */
export function parseCliArgs<O extends Record<string, CliOption>>(
  spec: CliSpec<O>,
  argv: string[],
): CliArgs<O> {
  // options end at `--`: a --help after it is a positional argument
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const isHelp = (a: string, i: number) => i < end && (a === '--help' || a === '-h');
  const wantsHelp = argv.some(isHelp);
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args: argv.filter((a, i) => !isHelp(a, i)),
      options: spec.options,
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    // --help wins over a mistake beside it: it is how one finds the mistake
    if (wantsHelp) return { values: {} as Parsed<O>['values'], positionals: [], help: true };
    throw usageError(e);
  }
  if (!wantsHelp && !spec.positionals && parsed.positionals.length > 0)
    throw new UsageError(`unexpected argument ${parsed.positionals[0]}`);
  return { values: parsed.values, positionals: parsed.positionals, help: wantsHelp };
}

/** parseArgs' errors, in one line each. */
function usageError(e: unknown): Error {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take/.test(message)) return new UsageError(`${option} takes no value`);
    if (/ambiguous/.test(message))
      return new UsageError(`${option} needs a value (one starting with -: ${option}=-…)`);
    return new UsageError(`${option} needs a value`);
  }
  return e instanceof Error ? e : new Error(message);
}

/** What --help prints: the summary, the usage lines, every option with its line. */
export function helpText(spec: CliSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const none = o.default === undefined || o.default === false || String(o.default) === '';
    const fallback = none ? '' : ` (default ${String(o.default)})`;
    return [flag, `${o.description}${fallback}`];
  });
  rows.push(['-h, --help', 'this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `${spec.name}: ${spec.summary}`,
    '',
    ...spec.usage.map((u, i) => `${i === 0 ? 'usage: ' : '       '}${u}`),
    '',
    'options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
  ].join('\n');
}

/**
 * Written before the process exits: process.stdout/stderr writes to a pipe can still be
 * queued when process.exit() ends it (CI saw a CLI exit 2 with nothing said, on a loaded machine).
 */
function say(fd: 1 | 2, text: string): void {
  writeSync(fd, text);
}

/** One line on stderr, exit code 2: for a mistake in the arguments, found early or late. */
export function exitUsage(name: string, message: string): never {
  say(2, `${name}: ${message.replace(/\s*\n\s*/g, ' ')} (see --help)\n`);
  process.exit(2);
}

/**
 * For a CLI's entry: the parsed arguments, or the help printed (exit 0), or the mistake
 * in one line (exit 2).
 */
export function cliArgs<O extends Record<string, CliOption>>(
  spec: CliSpec<O>,
  argv: string[] = process.argv.slice(2),
): Omit<CliArgs<O>, 'help'> {
  let args: CliArgs<O>;
  try {
    args = parseCliArgs(spec, argv);
  } catch (e) {
    if (e instanceof UsageError) exitUsage(spec.name, e.message);
    throw e;
  }
  if (args.help) {
    say(1, helpText(spec));
    process.exit(0);
  }
  return args;
}
