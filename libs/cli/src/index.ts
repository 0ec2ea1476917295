// What every command-line tool shares. Node only, nothing else: a CLI may read its
// options (and answer --help) before it loads anything heavy.
export {
  cliArgs,
  CliOption,
  CliSpec,
  exitUsage,
  helpText,
  parseCliArgs,
  UsageError,
} from './cli-args';
