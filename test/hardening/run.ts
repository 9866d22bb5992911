/**
 * Runs `bin/ikrar.js` (which imports dist/: build first) as a real process on a hostile input and
 * reports what the clerk sees — exit code, output — and the child's peak memory (maxRSS, read by a
 * preloaded module on exit; a process killed by the time limit or a V8 abort reports none).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');

/** A fresh temporary folder; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `ikrar-${prefix}-`));
}

export interface Run {
  status: number | null;
  out: string;
  /** Peak resident memory of the child in MB; undefined when it did not exit normally. */
  peakMb: number | undefined;
  seconds: number;
}

/** Runs ikrar with `args` in `cwd`, with a time limit (a hang fails instead of blocking the suite). */
export function runIkrar(cwd: string, args: string[], timeoutMs = 60_000): Run {
  const probe = path.join(cwd, `.rss-probe.mjs`);
  const report = path.join(cwd, `.rss-${process.pid}-${Date.now()}.txt`);
  writeFileSync(
    probe,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.IKRAR_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C', IKRAR_RSS_FILE: report };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', probe, bin, ...args], {
    cwd,
    encoding: 'utf8',
    env,
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (Date.now() - t0) / 1000;
  let peakMb: number | undefined;
  if (existsSync(report)) {
    peakMb = Number(readFileSync(report, 'utf8')) / 1024;
    rmSync(report);
  }
  rmSync(probe, { force: true });
  // IKRAR_MEASURE=file: one line per run (command, exit code, peak MB, seconds), for BENCH-style notes.
  if (process.env.IKRAR_MEASURE)
    appendFileSync(
      process.env.IKRAR_MEASURE,
      `${args[0]} ${path.basename(cwd)} ${args
        .filter((a) => !a.startsWith('-'))
        .slice(1)
        .map((a) => path.basename(a))
        .join(' ')}\texit ${r.status}\t${peakMb?.toFixed(0) ?? '-'} MB\t${seconds.toFixed(1)} s\n`,
    );
  return { status: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), peakMb, seconds };
}

/**
 * The bar every hostile input must meet: exit 2, the place named, no stack trace, no "internal
 * error", bounded memory (and time, through runIkrar's limit).
 */
export function expectRefused(r: Run, place: RegExp, what?: RegExp): void {
  expect(r.status, r.out).toBe(2);
  expect(r.out).toMatch(place);
  if (what) expect(r.out).toMatch(what);
  expect(r.out).not.toMatch(/\n\s+at /);
  expect(r.out).not.toMatch(/internal error/i);
  expect(r.peakMb, 'peak memory reported').toBeDefined();
  expect(r.peakMb!).toBeLessThan(1024);
}

/** Nothing left behind in the output's parent folder except what was there before. */
export function expectNothingWritten(parent: string, before: string[]): void {
  const now = readdirSync(parent).filter((f) => !f.startsWith('.rss'));
  expect(now.sort()).toEqual(before.filter((f) => !f.startsWith('.rss')).sort());
}
