/** What every command module gets from main: the output, and how to set the exit code. */
import type { Command } from 'commander';
import type { Output } from './output.js';

export interface CommandContext {
  output: Output;
  /** Set by each command's action; main returns it. */
  setExit(code: number): void;
}

/** A command module's `register`: adds its command to the program. */
export type Registrar = (program: Command, ctx: CommandContext) => void;
