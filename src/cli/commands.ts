// The commands, in the order `ikrar --help` lists them; each module exports its `register`.
import type { Registrar } from './context.js';
import { register as check } from './check.js';
import { register as render } from './render.js';
import { register as tally } from './tally.js';
import { register as init } from './init.js';
import { register as review } from './review.js';

export const COMMANDS: readonly Registrar[] = [check, render, tally, init, review];
