/**
 * What `ikrar check` prints stays readable and true: a refused roster gets no summary of the rows
 * that happened to be valid and no officer warnings that only follow from the missing rows; a
 * warning that lists people lists a few and counts the rest; a clipped value never runs on.
 * Real processes; bin/ikrar.js imports dist/ (build first).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bin, corpus } from './corpus.js';

const { tmp, goodEvent, HEADER, goodRows, file } = corpus('ikrar-readable-');

function run(args: string[], lang = 'en') {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args, '--lang', lang], { cwd: tmp, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

describe('a refused roster', () => {
  it('prints its errors only: no summary of the valid rows, no officer warnings from the missing ones', () => {
    const bad = goodRows[1]!.replace(/^\d{18}/, '197413452002022016'); // month 13, day 45
    const f = file('sebagian.csv', [HEADER, goodRows[0], bad, ...goodRows.slice(2)].join('\r\n') + '\r\n');
    for (const lang of ['en', 'id']) {
      const c = run(['check', '--roster', f, '--event', goodEvent], lang);
      const out = c.stdout + c.stderr;
      expect(c.status, out).toBe(2);
      expect(out).toMatch(/sebagian\.csv:3: NIP:/);
      expect(out).not.toMatch(/\d+ (people|person|orang) (in|dalam|di)/);
      expect(out).not.toMatch(/officer-unknown-unit|no unit "|tidak ada unit/i);
      expect(out).not.toMatch(/no officer|tanpa pejabat|tidak ada pejabat/i);
      expect(out).not.toMatch(/warning|peringatan/i);
    }
    // The JSON says the same: no summary.
    const j = JSON.parse(run(['check', '--roster', f, '--event', goodEvent, '--json']).stdout);
    expect(j.usable).toBe(false);
    expect(j.summary).toBeNull();
    expect(j.warnings).toEqual([]);
  });
});
