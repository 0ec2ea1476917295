import { CliSpec, helpText, parseCliArgs, UsageError } from './cli-args';

const SPEC = {
  name: 'demo',
  summary: 'does a thing',
  usage: ['npm run demo -- --count N [--dry]'],
  options: {
    count: { type: 'string', value: 'N', default: '3', description: 'how many' },
    dry: { type: 'boolean', description: 'change nothing' },
  },
} satisfies CliSpec;

describe('parseCliArgs', () => {
  it('reads the options, with their defaults', () => {
    expect(parseCliArgs(SPEC, ['--dry']).values).toEqual({ count: '3', dry: true });
    expect(parseCliArgs(SPEC, ['--count', '7']).values.count).toBe('7');
  });

  it('turns every mistake into one line naming it', () => {
    const message = (argv: string[]) => {
      try {
        parseCliArgs(SPEC, argv);
      } catch (e) {
        return e instanceof UsageError ? e.message : `not a UsageError: ${String(e)}`;
      }
      throw new Error('no error');
    };
    expect(message(['--nope'])).toBe('unknown option --nope');
    expect(message(['-x'])).toBe('unknown option -x');
    expect(message(['--count'])).toBe('--count needs a value');
    expect(message(['--dry=yes'])).toBe('--dry takes no value');
    expect(message(['--count', '--dry'])).toMatch(/^--count needs a value/);
    expect(message(['extra'])).toBe('unexpected argument extra');
    for (const argv of [['--nope'], ['--count'], ['--count', '--dry']])
      expect(message(argv)).not.toContain('\n');
  });

  it('answers --help and -h, even beside a mistake, but not after --', () => {
    expect(parseCliArgs(SPEC, ['--help']).help).toBe(true);
    expect(parseCliArgs(SPEC, ['--nope', '-h']).help).toBe(true);
    expect(parseCliArgs({ ...SPEC, positionals: true }, ['--', '--help'])).toMatchObject({
      help: false,
      positionals: ['--help'],
    });
  });

  it('prints each option with its value, its line and its default', () => {
    const text = helpText(SPEC);
    expect(text).toContain('demo: does a thing');
    expect(text).toContain('usage: npm run demo -- --count N [--dry]');
    expect(text).toMatch(/--count N +how many \(default 3\)/);
    expect(text).toMatch(/--dry +change nothing\n/);
    expect(text).toMatch(/-h, --help +this help/);
  });
});
