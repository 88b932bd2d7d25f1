import { Command, CommanderError, Help, Option } from 'commander';
import { describeFailure, EXIT, CliError } from './errors.ts';
import { describe, detectUiLang, t, uiLang, uiLangArg, type MessageKey } from './i18n.ts';

/**
 * Sub-commands are loaded lazily: only the one being run (or asked for with --help) is imported,
 * so `bantin --version` and `bantin --help` load almost nothing.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<(program: Command) => void> }> = {
  parse: {
    summary: 'Parse article files (.txt or .html, any Vietnamese encoding) and show what was found.',
    load: async () => (await import('./commands/parse.ts')).registerParse,
  },
  build: {
    summary: 'turn a folder of articles into period digests (HTML, PDF, Word, JSON)',
    load: async () => (await import('./commands/build.ts')).registerBuild,
  },
  local: {
    summary: 'run the pipeline locally: an S3-compatible server (s3rver) driving the Lambda handlers',
    load: async () => (await import('./commands/local.ts')).registerLocal,
  },
  reconcile: {
    summary: 'check that every upload under incoming/ has exactly one record (articles/ or rejected/); exit 1 if not',
    load: async () => (await import('./commands/reconcile.ts')).registerReconcile,
  },
};

const argv = process.argv.slice(2);
detectUiLang(argv);
// The AWS SDK warns on every start under Node 20 that its releases after January 2027 need Node 22.
// Office staff can do nothing with that in the middle of `bantin local`; the lock file pins today's
// SDK, and the README's "Node.js versions" says so (set the variable to false to see the warning).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The sub-command named on the command line (`bantin build …`, `bantin help build`), if any. */
function chosenCommand(args: string[]): string | undefined {
  const words = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '--ui-lang');
  return words[0] === 'help' ? words[1] : words[0];
}

/** Help text in the interface language: headings, descriptions and the "(default: …)" notes. */
class LocalisedHelp extends Help {
  override styleTitle(str: string): string {
    const key = `help.${str}` as MessageKey;
    return super.styleTitle(uiLang() === 'vi' ? t(key) ?? str : str);
  }
  private extras(text: string): string {
    return uiLang() === 'vi' ? text.replace(/\(default: /g, `(${t('help.default')}: `).replace(/\(choices: /g, `(${t('help.choices')}: `).replace(/, default: /g, `, ${t('help.default')}: `) : text;
  }
  override optionDescription(option: Option): string {
    return this.extras(super.optionDescription(Object.assign(Object.create(Object.getPrototypeOf(option)), option, { description: describe(option.description ?? '') })));
  }
  override argumentDescription(argument: Parameters<Help['argumentDescription']>[0]): string {
    return this.extras(super.argumentDescription(Object.assign(Object.create(Object.getPrototypeOf(argument)), argument, { description: describe(argument.description ?? '') })));
  }
  override subcommandDescription(cmd: Command): string {
    return describe(super.subcommandDescription(cmd));
  }
  override commandDescription(cmd: Command): string {
    return describe(super.commandDescription(cmd));
  }
}

/** Usage errors as one sentence in the interface language (commander's text names the details). */
function usageMessage(error: CommanderError, command: string): string {
  const quoted = [...error.message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const longFlag = (flags: string | undefined) => (flags ?? '').split(/[ ,|]+/).find((f) => f.startsWith('--')) ?? flags ?? '';
  switch (error.code) {
    case 'commander.unknownOption':
      return t('usage.unknownOption', { option: quoted[0] ?? '', command });
    case 'commander.unknownCommand':
      return t('usage.unknownCommand', { name: quoted[0] ?? '', commands: Object.keys(COMMANDS).join(', ') });
    case 'commander.missingArgument':
      return t('usage.missingArgument', { name: (quoted[0] ?? '').toUpperCase(), command });
    case 'commander.optionMissingArgument':
      return t('usage.optionMissingArgument', { option: longFlag(quoted[0]) });
    case 'commander.missingMandatoryOptionValue':
      return t('usage.missingMandatoryOptionValue', { option: longFlag(quoted[0]), command });
    case 'commander.excessArguments':
      return t('usage.excessArguments', { command });
    case 'commander.invalidArgument': {
      const option = quoted.length >= 2 ? longFlag(quoted[0]) : command;
      const value = quoted.length >= 2 ? quoted[1] : (quoted[0] ?? '');
      const reason = error.message.replace(/^.*? is invalid\.\s*/s, '');
      const choices = /^Allowed choices are (.*)\.$/.exec(reason)?.[1] ?? /^"[^"]*" is not one of (.*?)\.?$/.exec(reason)?.[1];
      if (choices) return t('usage.invalidChoice', { option, value: /^"([^"]*)"/.exec(reason)?.[1] ?? value ?? '', choices });
      return t('usage.invalidValue', { option, reason: reason.replace(/\.$/, '') });
    }
    default:
      return t('usage.other', { message: error.message.replace(/^error: /, '') });
  }
}

function fail(message: string, exitStatus: number, error?: unknown): never {
  process.stderr.write(`bantin: ${message}\n`);
  if (process.env.BANTIN_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(exitStatus);
}

const program = new Command()
  .name('bantin')
  .description('Turn Vietnamese news reports of Party and government meetings into periodic digests.')
  .version('0.1.0')
  .addOption(new Option('--ui-lang <lang>', 'language of the interface: en or vi (default: from LANG / LC_ALL)'))
  .configureHelp({ sortSubcommands: false });
program.createHelp = () => Object.assign(new LocalisedHelp(), program.configureHelp());
program.configureOutput({ outputError: () => undefined }).exitOverride();

const ui = uiLangArg(argv);
if (ui !== undefined && ui !== 'en' && ui !== 'vi') fail(t('usage.uiLang', { value: ui }), EXIT.usage);

const chosen = chosenCommand(argv);
for (const [name, { summary, load }] of Object.entries(COMMANDS)) {
  if (name === chosen) (await load())(program);
  else program.command(name).summary(summary);
}
for (const cmd of program.commands) {
  cmd.configureOutput({ outputError: () => undefined }).exitOverride();
  cmd.createHelp = () => Object.assign(new LocalisedHelp(), cmd.configureHelp());
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      process.exit(error.exitCode);
    }
    fail(usageMessage(error, chosen && chosen in COMMANDS ? chosen : ''), EXIT.usage, error);
  }
  if (error instanceof CliError) fail(error.message, error.exitStatus, error);
  const { message, exitStatus } = describeFailure(error);
  fail(message, exitStatus, error);
}
