/**
 * `ikrar check --roster FILE --event FILE [--json]`: reads and cross-checks both files without
 * rendering; prints every problem as `file:line: field: message`, grouped, and a short summary.
 * Exit 0 when the files are usable (warnings allowed), 2 when not.
 */
import type { Command } from 'commander';
import type { CommandContext } from './context.js';
import { countText, printProblems, problemJson } from './output.js';
import { countProblems } from '../model/problems.js';
import { readAndCheck, type CheckSummary } from '../check/check.js';
import { t, tn } from '../i18n/index.js';
import { clipValue } from '../util/listing.js';
import { localPath } from './paths.js';
import { nodeWorld } from '../world/node.js';

interface CheckFlags {
  roster: string;
  event: string;
  json?: boolean;
}

/** Where a unit's officer comes from, e.g. "(head: Kepala Dinas Pendidikan, eselon II.b, line 14)". */
function officerNote(u: CheckSummary['units'][number]): string {
  if (u.head)
    return (
      ' ' + t(`check.by.${u.head.by}`, { position: u.head.position, eselon: u.head.eselon ?? '', line: u.head.line })
    );
  return u.by === 'officers' || u.by === 'default' ? ' ' + t(`check.by.${u.by}`) : '';
}

async function action(flags: CheckFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const r = await readAndCheck(localPath(flags.roster), localPath(flags.event), nodeWorld);
  const errors = r.problems.filter((p) => p.severity === 'error');
  const warnings = r.problems.filter((p) => p.severity === 'warning');
  const usable = errors.length === 0 && r.event !== undefined && r.people.length > 0;
  if (flags.json) {
    const report = {
      roster: flags.roster,
      event: flags.event,
      usable,
      summary: r.summary ?? null,
      errors: errors.map(problemJson),
      warnings: warnings.map(problemJson),
    };
    o.out(JSON.stringify(report, null, 2));
  } else {
    if (r.summary) {
      const s = r.summary;
      o.out(o.color.bold(t('check.title', { roster: flags.roster, event: flags.event })));
      const kinds = Object.entries(s.kinds)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      o.out(
        '  ' +
          t('check.summary', {
            people: tn('tally.persons', s.people),
            units: tn('count.units', s.units.length),
            kinds,
            signers: tn('check.signers', s.paktaSigners),
          }),
      );
      const width = Math.min(48, Math.max(4, ...s.units.map((u) => u.name.length)));
      for (const u of s.units) {
        const name = clipValue(u.name, width, width - 1).padEnd(width);
        o.out(
          `  ${name}  ${String(u.people).padStart(5)}  ${u.officer ? o.color.dim(u.officer + officerNote(u)) : o.color.yellow(t('check.noOfficer'))}`,
        );
      }
    }
    printProblems(o, r.problems, o.out);
    const nw = countProblems(warnings, 'warning');
    const ne = countProblems(errors, 'error') || 1;
    if (usable) o.out(o.color.green(nw ? tn('check.okWarnings', nw, { n: countText(nw) }) : t('check.ok')));
    else o.err(o.color.red.bold(tn('check.notUsable', ne, { n: countText(ne) })));
  }
  ctx.setExit(usable ? 0 : 2);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('check')
    .description(t('check.description'))
    .requiredOption('--roster <file>', t('opt.roster'))
    .requiredOption('--event <file>', t('opt.event'))
    .option('--json', t('check.opt.json'))
    .action((flags: CheckFlags) => action(flags, ctx));
}
