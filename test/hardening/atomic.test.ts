/**
 * Crash safety of the output folders (issue #14), with `ikrar render` and `ikrar tally` as real
 * processes. The commit is interrupted at every one of its steps through the test-only seam
 * IKRAR_FAULT (src/output/fault.ts): the process kills itself (SIGKILL), throws, or fails a write
 * with ENOSPC exactly there. Afterwards the folder holds exactly the old set or exactly the new set
 * (file by file, by hash, with the clerk's own files kept), and after the next run of any command
 * nothing of ikrar's is left beside it. bin/ikrar.js imports dist/ (build first).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const examples = path.join(root, 'examples');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-atomic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const lines = readFileSync(path.join(examples, 'roster.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .split(/\r?\n/);
const rosterOld = path.join(tmp, 'roster-old.csv');
const rosterNew = path.join(tmp, 'roster-new.csv');
writeFileSync(rosterOld, lines.slice(0, 13).join('\r\n') + '\r\n');
writeFileSync(rosterNew, [lines[0], ...lines.slice(40, 49)].join('\r\n') + '\r\n');
const event = path.join(examples, 'event.yaml');
const badEvent = path.join(tmp, 'bad.yaml');
writeFileSync(badEvent, 'title: [unclosed\n');

type Snapshot = Record<string, string>;

/** Every file under `dir` (relative path → sha256); undefined when the folder is absent. */
function snapshot(dir: string): Snapshot | undefined {
  if (!existsSync(dir)) return undefined;
  const out: Snapshot = {};
  const walk = (d: string, rel: string) => {
    for (const n of readdirSync(d).sort()) {
      const full = path.join(d, n);
      const r = rel ? `${rel}/${n}` : n;
      if (statSync(full).isDirectory()) {
        out[`${r}/`] = 'dir';
        walk(full, r);
      } else out[r] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

function run(args: string[], fault?: string, cwd = tmp) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  if (fault) env.IKRAR_FAULT = fault;
  else delete env.IKRAR_FAULT;
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

const renderArgs = (roster: string, out: string, ev = event) => [
  'render',
  '--roster',
  roster,
  '--event',
  ev,
  '--out',
  out,
];

/** The clerk's own things in the output folder: they survive every run. */
function addUserFiles(out: string): Snapshot {
  mkdirSync(path.join(out, 'arsip'), { recursive: true });
  writeFileSync(path.join(out, 'catatan.txt'), 'jangan dihapus\r\n');
  writeFileSync(path.join(out, 'arsip', 'surat.txt'), 'surat undangan\r\n');
  return snapshot(out)!;
}

/** The folder a reference run wrote, at the same depth as the working one (same relative logo path). */
function reference(name: string, args: (out: string) => string[], before?: (out: string) => string[]): Snapshot {
  const out = path.join(tmp, name, 'hasil');
  // A render that replaces another's pages keeps the earlier manifest (manifest-lama/): the new set
  // is what the render makes over the old one.
  if (before) expect(run(before(out)).status).toBe(0);
  const r = run(args(out));
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return snapshot(out)!;
}

function withUser(set: Snapshot, user: Snapshot): Snapshot {
  return { ...set, ...user };
}

function noStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/internal error/i);
}

describe('render: a crash at any step of the commit leaves the old set or the new set', () => {
  let oldSet: Snapshot;
  let newSet: Snapshot;
  let user: Snapshot;
  beforeAll(() => {
    oldSet = reference('ref-old', (o) => renderArgs(rosterOld, o));
    newSet = reference(
      'ref-new',
      (o) => renderArgs(rosterNew, o),
      (o) => renderArgs(rosterOld, o),
    );
    const probe = path.join(tmp, 'probe', 'hasil');
    mkdirSync(probe, { recursive: true });
    user = addUserFiles(probe);
    expect(oldSet).not.toEqual(newSet);
  });

  /** A fresh working folder: the old set and the clerk's files. */
  function prepare(name: string): { parent: string; out: string } {
    const parent = path.join(tmp, name);
    rmSync(parent, { recursive: true, force: true });
    const out = path.join(parent, 'hasil');
    cpSync(path.join(tmp, 'ref-old', 'hasil'), out, { recursive: true });
    addUserFiles(out);
    return { parent, out };
  }

  it('SIGKILL at every step: old or new at once; the next run (even a failing one) restores it and cleans up', () => {
    const old = withUser(oldSet, user);
    const fresh = withUser(newSet, user);
    let steps = 0;
    for (let n = 1; n < 40; n++) {
      const { parent, out } = prepare(`kill-${n}`);
      const r = run(renderArgs(rosterNew, out), `commit:${n}:kill`);
      if (r.status === 0) break; // past the last step: the run finished
      steps++;
      expect(r.signal, `step ${n}: ${r.stdout}${r.stderr}`).toBe('SIGKILL');
      const now = snapshot(out);
      // absent only for the instant between the two folder renames; then the next run restores it
      if (now !== undefined) expect([old, fresh], `step ${n}`).toContainEqual(now);
      // the next run of render, even one that stops at once on a bad event file, first finishes or undoes the commit
      const next = run(renderArgs(rosterNew, out, badEvent));
      expect(next.status, next.stdout + next.stderr).toBe(2);
      const after = snapshot(out);
      expect([old, fresh], `step ${n} after the next run`).toContainEqual(after);
      if (now !== undefined) expect(after, `step ${n}: a whole set is not changed by the recovery`).toEqual(now);
      expect(readdirSync(parent), `step ${n}: nothing left beside the folder`).toEqual(['hasil']);
    }
    expect(steps).toBeGreaterThanOrEqual(4);
    // and a good run after all that gives the new set
    const { parent, out } = prepare('kill-final');
    expect(run(renderArgs(rosterNew, out)).status).toBe(0);
    expect(snapshot(out)).toEqual(fresh);
    expect(readdirSync(parent)).toEqual(['hasil']);
  }, 600_000);

  it('a failure (throw or ENOSPC) at every step rolls back to the old set at once, with the disk message', () => {
    const old = withUser(oldSet, user);
    for (const mode of ['throw', 'enospc']) {
      let steps = 0;
      for (let n = 1; n < 40; n++) {
        const { parent, out } = prepare(`${mode}-${n}`);
        const r = run(renderArgs(rosterNew, out), `commit:${n}:${mode}`);
        if (r.status === 0) break;
        steps++;
        const text = r.stdout + r.stderr;
        expect(r.status, `${mode} step ${n}: ${text}`).toBe(2);
        expect(text).toMatch(/cannot write the output folder/);
        expect(text).toMatch(path.join(parent, 'hasil'));
        if (mode === 'enospc') expect(text).toMatch(/ENOSPC.*check that the disk is not full or read-only/);
        noStack(text);
        expect(snapshot(out), `${mode} step ${n}`).toEqual(old);
        expect(readdirSync(parent), `${mode} step ${n}`).toEqual(['hasil']);
      }
      expect(steps).toBeGreaterThanOrEqual(4);
    }
  }, 600_000);

  it('SIGKILL while drawing leaves only its staging folder, which the next run removes; other folders are left alone', () => {
    const { parent, out } = prepare('draw-kill');
    const r = run(renderArgs(rosterNew, out), 'stage:2:kill');
    expect(r.signal, r.stdout + r.stderr).toBe('SIGKILL');
    expect(snapshot(out)).toEqual(withUser(oldSet, user));
    const left = readdirSync(parent).filter((n) => n !== 'hasil');
    expect(left.length).toBe(1);
    expect(left[0]).toMatch(/^\.hasil\.ikrar-/);
    // a staging folder of an older ikrar (no marker, only ikrar's names), and a user's folder with a similar name
    mkdirSync(path.join(parent, '.hasil.ikrar-Ab12Cd', 'lembar-ttd'), { recursive: true });
    writeFileSync(path.join(parent, '.hasil.ikrar-Ab12Cd', 'manifest.json'), '{');
    mkdirSync(path.join(parent, '.hasil.ikrar-milik'));
    writeFileSync(path.join(parent, '.hasil.ikrar-milik', 'catatan.txt'), 'punya saya');
    const next = run(renderArgs(rosterNew, out));
    expect(next.status, next.stdout + next.stderr).toBe(0);
    expect(snapshot(out)).toEqual(withUser(newSet, user));
    expect(readdirSync(parent).sort()).toEqual(['.hasil.ikrar-milik', 'hasil']);
    expect(readFileSync(path.join(parent, '.hasil.ikrar-milik', 'catatan.txt'), 'utf8')).toBe('punya saya');
  }, 120_000);

  it('an output folder that holds the current folder is refused before anything is written', () => {
    const { parent, out } = prepare('cwd-inside');
    const before = snapshot(out);
    for (const [cwd, given] of [
      [out, '.'],
      [path.join(out, 'arsip'), '..'],
    ] as const) {
      const r = run(renderArgs(rosterNew, given), undefined, cwd);
      const text = r.stdout + r.stderr;
      expect(r.status, text).toBe(2);
      expect(text).toMatch(/is the current folder or holds it/);
      noStack(text);
    }
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['hasil']);
  }, 120_000);

  it('a partial render (--only) keeps the other documents through a crash too', () => {
    const { parent, out } = prepare('only-kill');
    const before = snapshot(out)!;
    const r = run([...renderArgs(rosterOld, out), '--only', 'script'], 'commit:3:kill');
    expect(r.signal, r.stdout + r.stderr).toBe('SIGKILL');
    run(renderArgs(rosterOld, out, badEvent));
    const after = snapshot(out)!;
    expect(after).toEqual(before); // the script and the manifest are byte-identical for the same inputs
    expect(readdirSync(parent)).toEqual(['hasil']);
  }, 120_000);
});

describe('tally: the rekap folder is swapped whole too', () => {
  let manifest: string;
  let oldSet: Snapshot;
  let newSet: Snapshot;
  let marksOld: string;
  let marksNew: string;
  beforeAll(() => {
    const out = path.join(tmp, 'tally-render', 'hasil');
    expect(run(renderArgs(rosterOld, out)).status).toBe(0);
    manifest = path.join(out, 'manifest.json');
    const nips = lines.slice(1, 13).map((l) => l.split(';')[0]!.replace(/^'/, ''));
    marksOld = path.join(tmp, 'marks-old.csv');
    marksNew = path.join(tmp, 'marks-new.csv');
    writeFileSync(marksOld, `NIP;STATUS\r\n${nips[0]};sudah\r\n`);
    writeFileSync(
      marksNew,
      `NIP;STATUS\r\n${nips
        .slice(0, 5)
        .map((n) => `${n};sudah`)
        .join('\r\n')}\r\n`,
    );
    const tallyRef = (name: string, marks: string) => {
      const o = path.join(tmp, name, 'rekap');
      const r = run(['tally', '--manifest', manifest, '--out', o, marks]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      return snapshot(o)!;
    };
    oldSet = tallyRef('tref-old', marksOld);
    newSet = tallyRef('tref-new', marksNew);
    expect(oldSet).not.toEqual(newSet);
  }, 120_000);

  it('SIGKILL at every step of the tally commit: old or new, and clean after the next run', () => {
    let steps = 0;
    for (let n = 1; n < 40; n++) {
      const parent = path.join(tmp, `tkill-${n}`);
      const out = path.join(parent, 'rekap');
      cpSync(path.join(tmp, 'tref-old', 'rekap'), out, { recursive: true });
      writeFileSync(path.join(out, 'catatan.txt'), 'catatan');
      const old = snapshot(out)!;
      const fresh = { ...newSet, 'catatan.txt': old['catatan.txt']! };
      const r = run(['tally', '--manifest', manifest, '--out', out, marksNew], `commit:${n}:kill`);
      if (r.status === 0) break;
      steps++;
      expect(r.signal, `step ${n}: ${r.stdout}${r.stderr}`).toBe('SIGKILL');
      const now = snapshot(out);
      if (now !== undefined) expect([old, fresh], `step ${n}`).toContainEqual(now);
      // the next tally, even one that stops at once (a scan that does not exist), restores the folder first
      const next = run(['tally', '--manifest', manifest, '--out', out, path.join(tmp, 'no-such-scan.pdf')]);
      expect(next.status, next.stdout + next.stderr).toBe(2);
      expect([old, fresh], `step ${n} after the next run`).toContainEqual(snapshot(out));
      expect(readdirSync(parent), `step ${n}`).toEqual(['rekap']);
    }
    expect(steps).toBeGreaterThanOrEqual(4);
  }, 600_000);

  it('a tally whose manifest folder was left mid-swap by a killed render finds it restored', () => {
    const parent = path.join(tmp, 'mid-swap');
    const out = path.join(parent, 'hasil');
    cpSync(path.join(tmp, 'ref-old', 'hasil'), out, { recursive: true });
    // kill between the two folder renames: find the step at which the folder is absent
    let found = false;
    for (let n = 1; n < 40 && !found; n++) {
      rmSync(parent, { recursive: true, force: true });
      cpSync(path.join(tmp, 'ref-old', 'hasil'), out, { recursive: true });
      const r = run(renderArgs(rosterOld, out), `commit:${n}:kill`);
      if (r.status === 0) break;
      found = !existsSync(out);
    }
    expect(found).toBe(true);
    const t = run([
      'tally',
      '--manifest',
      path.join(out, 'manifest.json'),
      '--out',
      path.join(tmp, 'mid-swap-rekap'),
      marksOld,
    ]);
    expect(t.status, t.stdout + t.stderr).toBe(0);
    expect(readdirSync(parent)).toEqual(['hasil']);
  }, 600_000);
});

/** Mounts a small file system of its own at `dir` (root on Linux only); false where it cannot. */
function mountTmpfs(dir: string, opts: string): boolean {
  mkdirSync(dir, { recursive: true });
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir]).status === 0;
}
function umount(dir: string): void {
  spawnSync('umount', [dir]);
}
const mounted = (() => {
  const probe = path.join(tmp, 'mount-probe');
  const ok = mountTmpfs(probe, 'size=64k');
  if (ok) umount(probe);
  return ok;
})();

describe('disk full and read-only disks', () => {
  const disk = path.join(tmp, 'disk');
  const ro = path.join(tmp, 'ro');
  afterAll(() => {
    umount(disk);
    umount(ro);
  });

  it.skipIf(!mounted)(
    'a full disk during drawing: exit 2, the disk message, nothing left on the disk',
    () => {
      // the example's 300 people (≈1.5 MB): the disk fills in the middle of one PDF or another
      for (const size of ['50k', '200k', '400k', '800k']) {
        expect(mountTmpfs(disk, `size=${size}`)).toBe(true);
        const out = path.join(disk, 'hasil');
        const r = run(renderArgs(path.join(examples, 'roster.csv'), out));
        const text = r.stdout + r.stderr;
        if (r.status !== 0) {
          expect(r.status, `${size}: ${text}`).toBe(2);
          expect(text).toMatch(/cannot write the output folder/);
          expect(text).toMatch(/ENOSPC.*check that the disk is not full or read-only/);
          noStack(text);
          expect(readdirSync(disk), size).toEqual([]);
        }
        umount(disk);
      }
    },
    300_000,
  );

  it.skipIf(!mounted)(
    'init on a read-only disk: exit 2 with the disk message naming the folder',
    () => {
      expect(mountTmpfs(ro, 'size=1m,ro')).toBe(true);
      try {
        for (const dir of [path.join(ro, 'acara'), path.join(ro, 'a', 'b')]) {
          const r = run(['init', dir]);
          const text = r.stdout + r.stderr;
          expect(r.status, text).toBe(2);
          expect(text).toMatch(new RegExp(`cannot write the folder ${dir}`));
          expect(text).toMatch(/EROFS.*check that the disk is not full or read-only/);
          noStack(text);
        }
        // render names the real reason too (not ENOENT)
        const r = run(renderArgs(rosterNew, path.join(ro, 'x', 'hasil')));
        expect(r.status).toBe(2);
        expect(r.stdout + r.stderr).toMatch(/EROFS/);
      } finally {
        umount(ro);
      }
    },
    120_000,
  );
});
