/**
 * Issue #12: the units are drawn on every core (worker threads, src/render/draw-pool.ts), and the
 * files do not depend on how many: `--jobs 1` and `--jobs 2` (and the default) write the same bytes.
 * Real processes from dist/ (`npm run build` first), where the compiled drawing worker exists.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from '../render/fixture.js';

const bin = path.join(root, 'bin', 'ikrar.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-jobs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return spawnSync(process.execPath, [bin, ...args], { cwd: tmp, encoding: 'utf8', env });
}

function files(dir: string, base = ''): string[] {
  return readdirSync(path.join(dir, base), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? files(dir, path.join(base, e.name)) : [path.join(base, e.name)]));
}

const example = (f: string) => path.join(root, 'examples', f);

describe('ikrar render --jobs', () => {
  it('writes the same bytes in one thread as in two and by default', () => {
    const outs = [['--jobs', '1'], ['--jobs', '2'], []].map((jobs, i) => {
      const out = path.join(tmp, `out-${i}`);
      const r = run([
        'render',
        '--roster',
        example('roster.csv'),
        '--event',
        example('event.yaml'),
        '--out',
        out,
        ...jobs,
      ]);
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    const list = files(outs[0]!);
    expect(list.filter((f) => f.startsWith('lembar-ttd' + path.sep)).length).toBe(12);
    for (const out of outs.slice(1)) {
      expect(files(out)).toEqual(list);
      for (const f of list)
        expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(outs[0]!, f))), f).toBe(true);
    }
  }, 240_000);

  it('re-renders --only sheets into a copy of a full output with the same bytes in one thread as in two', () => {
    const full = path.join(tmp, 'only-full');
    const args = ['render', '--roster', example('roster.csv'), '--event', example('event.yaml')];
    expect(run([...args, '--out', full, '--jobs', '1']).status).toBe(0);
    const outs = ['1', '2'].map((jobs) => {
      const out = path.join(tmp, `only-${jobs}`);
      cpSync(full, out, { recursive: true });
      const r = run([...args, '--out', out, '--only', 'sheets', '--jobs', jobs]);
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    const list = files(outs[0]!);
    expect(files(outs[1]!)).toEqual(list);
    for (const f of list)
      expect(readFileSync(path.join(outs[1]!, f)).equals(readFileSync(path.join(outs[0]!, f))), f).toBe(true);
    // nothing changed for the sheets: the kept documents and manifest.json are the full render's
    expect(readFileSync(path.join(outs[1]!, 'manifest.json'), 'utf8')).toBe(
      readFileSync(path.join(full, 'manifest.json'), 'utf8'),
    );
  }, 240_000);

  it('refuses a number of jobs that is not a whole number from 1, naming the flag, and writes nothing', () => {
    for (const bad of ['0', 'two', '1.5']) {
      const out = path.join(tmp, `bad-${bad}`);
      const r = run([
        'render',
        '--roster',
        example('roster.csv'),
        '--event',
        example('event.yaml'),
        '--out',
        out,
        '--jobs',
        bad,
      ]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--jobs/);
      expect(r.stderr).toMatch(/whole number/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(tmp).filter((f) => f.startsWith(`bad-${bad}`) || f.startsWith('.'))).toEqual([]);
    }
  });
});
