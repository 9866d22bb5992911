/**
 * Thin CLI: commander wiring only. Each command lives in its own module exporting `register`
 * (listed in commands.ts),
 * turns flags into typed options, calls the pure core, and returns an exit code.
 * Exit codes: 0 ok, 1 internal error (a bug), 2 unusable input.
 *
 * Language: chosen once here, before any text is made — `--lang id|en` wins, else the locale
 * (LC_ALL > LC_MESSAGES > LANG; `id_*` → Bahasa Indonesia), else English. Every message comes
 * from the catalogues in src/i18n/.
 */
import { Command, CommanderError, Help, type Option } from 'commander';
import { IkrarError } from '../model/problems.js';
import { makeOutput, printProblems, type Output } from './output.js';
import type { CommandContext } from './context.js';
import { VERSION } from '../version.js';
import {
  detectLang,
  errorHeadline,
  langArg,
  parseLang,
  setLang,
  t,
  translateUsageError,
  type Lang,
  type MessageKey,
} from '../i18n/index.js';

const TITLES: Record<string, MessageKey> = {
  'Usage:': 'help.usage',
  'Options:': 'help.options',
  'Commands:': 'help.commands',
  'Arguments:': 'help.arguments',
  'Global Options:': 'help.globalOptions',
};

/** Commander's own words in help ("Usage:", "(default: …)") in the interface language. */
function localiseExtras(text: string): string {
  return text.replace(
    /\((default|choices): /g,
    (_m, w: string) => `(${t(w === 'default' ? 'help.default' : 'help.choices')} `,
  );
}

/** "[options] [command]" in usage lines and the command list. */
function localiseUsage(text: string): string {
  return text.replace(/\[options\]/g, t('help.optionsWord')).replace(/\[command\]/g, t('help.commandWord'));
}

/** Language for this run; undefined (after printing a usage error) when --lang is not id or en. */
function chooseLang(argv: string[], output: Output): Lang | undefined {
  const given = langArg(argv.slice(2));
  if (given === undefined) return detectLang(process.env);
  const lang = parseLang(given);
  if (!lang) {
    // Said in both languages: the language is exactly what could not be decided.
    output.err(t('lang.invalid', { value: given }, 'id'));
    output.err(t('lang.invalid', { value: given }, 'en'));
  }
  return lang;
}

export async function main(argv: string[]): Promise<number> {
  const output = makeOutput();
  const lang = chooseLang(argv, output);
  if (!lang) return 2;
  setLang(lang);
  let exit = 0;
  const ctx: CommandContext = { output, setExit: (c) => (exit = c) };
  const program = new Command('ikrar')
    .description(t('cli.description'))
    .version(VERSION, '-V, --version', t('opt.version'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand('help [command]', t('cmd.help'))
    .option('--debug', t('opt.debug'))
    .option('--lang <code>', t('opt.lang'))
    .exitOverride()
    .configureHelp({
      styleTitle: (title: string) => (TITLES[title] ? t(TITLES[title]!) : title),
      styleUsage: localiseUsage,
      styleSubcommandTerm: localiseUsage,
      optionDescription(this: Help, option: Option) {
        return localiseExtras(Help.prototype.optionDescription.call(this, option));
      },
    })
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(translateUsageError(s)),
    });
  // Loaded once the language is set, so every text they make is in it.
  const { COMMANDS } = await import('./commands.js');
  for (const register of COMMANDS) register(program, ctx);
  for (const c of program.commands) c.showHelpAfterError(t('usage.helpHint', { command: `npx ikrar ${c.name()}` }));
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv);
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage errors exit 2 (commander already printed the message)
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof IkrarError) {
      output.err(output.color.red.bold('ikrar: ') + errorHeadline(e));
      if (e.problems.length) printProblems(output, e.problems);
      if (debug && e.stack) output.err(e.stack);
      return e.exitCode;
    }
    const err = e as Error;
    output.err(output.color.red.bold('ikrar: ' + t('error.internal')) + (err?.message ?? String(e)));
    if (debug && err?.stack) output.err(err.stack);
    else output.err(t('error.debugHint'));
    return 1;
  }
}
