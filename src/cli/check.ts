/**
 * `ikrar check --roster FILE --event FILE [--json]`: reads and cross-checks both files without
 * rendering; prints every problem as `file:line: field: message`, grouped, and a short summary.
 * Exit 0 when the files are usable (warnings allowed), 2 when not.
 */
import type { Command } from 'commander';
import { addCommand, type CommandContext } from './main.js';
import { printProblems } from './output.js';
import { readAndCheck } from '../check/check.js';

interface CheckFlags {
  roster: string;
  event: string;
  json?: boolean;
}

async function action(flags: CheckFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const r = await readAndCheck(flags.roster, flags.event);
  const errors = r.problems.filter((p) => p.severity === 'error');
  const warnings = r.problems.filter((p) => p.severity === 'warning');
  const usable = errors.length === 0 && r.event !== undefined && r.people.length > 0;
  if (flags.json) {
    const report = {
      roster: flags.roster,
      event: flags.event,
      usable,
      summary: r.summary ?? null,
      errors,
      warnings,
    };
    o.out(JSON.stringify(report, null, 2));
  } else {
    if (r.summary) {
      const s = r.summary;
      o.out(o.color.bold(`ikrar check: ${flags.roster} + ${flags.event}`));
      const kinds = Object.entries(s.kinds)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      o.out(`  ${s.people} people in ${s.units.length} units (${kinds}); ${s.paktaSigners} sign a pakta integritas`);
      const width = Math.min(48, Math.max(4, ...s.units.map((u) => u.name.length)));
      for (const u of s.units) {
        const name = u.name.length > width ? u.name.slice(0, width - 1) + '…' : u.name.padEnd(width);
        o.out(`  ${name}  ${String(u.people).padStart(5)}  ${u.officer ? o.color.dim(u.officer) : o.color.yellow('no officer')}`);
      }
    }
    printProblems(o, r.problems, o.out);
    if (usable) o.out(o.color.green(`OK: the files are usable${warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}.`));
    else o.err(o.color.red.bold(`Not usable: ${errors.length || 1} error${errors.length === 1 ? '' : 's'}. Fix ${errors.length === 1 ? 'it' : 'them'} and run ikrar check again; nothing was rendered.`));
  }
  ctx.setExit(usable ? 0 : 2);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('check')
    .description('check the roster and the event file without rendering; list every problem')
    .requiredOption('--roster <file>', 'roster of people (CSV or XLSX)')
    .requiredOption('--event <file>', 'event file (YAML or JSON)')
    .option('--json', 'print the findings as JSON')
    .action((flags: CheckFlags) => action(flags, ctx));
}

addCommand(register);
