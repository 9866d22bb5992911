/**
 * Thin CLI: commander wiring only. Each command lives in its own module exporting `register`,
 * turns flags into typed options, calls the pure core, and returns an exit code.
 * Exit codes: 0 ok, 1 internal error (a bug), 2 unusable input.
 */
import { Command, CommanderError } from 'commander';
import { IkrarError } from '../model/problems.js';
import { makeOutput, printProblems, type Output } from './output.js';
import { VERSION } from '../version.js';

export interface CommandContext {
  output: Output;
  /** Set by each command's action; main returns it. */
  setExit(code: number): void;
}

export type Registrar = (program: Command, ctx: CommandContext) => void;

const registrars: Registrar[] = [];
export function addCommand(r: Registrar): void {
  registrars.push(r);
}

export async function main(argv: string[]): Promise<number> {
  const output = makeOutput();
  let exit = 0;
  const ctx: CommandContext = { output, setExit: (c) => (exit = c) };
  const program = new Command('ikrar')
    .description('Dokumen dan rekap ikrar netralitas ASN — neutrality-pledge documents and signature tally')
    .version(VERSION)
    .option('--debug', 'show stack traces for errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  // Commands register themselves on import.
  await import('./commands.js');
  for (const r of registrars) r(program, ctx);
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
      output.err(output.color.red.bold('ikrar: ') + e.message);
      if (e.problems.length) printProblems(output, e.problems);
      if (debug && e.stack) output.err(e.stack);
      return e.exitCode;
    }
    const err = e as Error;
    output.err(output.color.red.bold('ikrar: internal error: ') + (err?.message ?? String(e)));
    if (debug && err?.stack) output.err(err.stack);
    else output.err('Run again with --debug for details, and report it with the command you ran.');
    return 1;
  }
}
