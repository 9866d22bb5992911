/**
 * The bundled example, rendered and tallied as a clerk does it (real processes, from dist/: build
 * first), in a folder of its own: roster.csv, event.yaml, logo.png, scans/ → out/ and rekap/.
 * And `ikrar review` started on it as a process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = path.join(root, 'bin/ikrar.js');

export function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete e.LC_ALL;
  delete e.LC_MESSAGES;
  return e;
}

export function ikrar(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: env(),
    maxBuffer: 64 * 1024 * 1024,
  });
}

export interface Example {
  dir: string;
  /** `ikrar tally` on the example scans (into --out OUT, with the extra arguments). */
  tally(out: string, extra?: string[]): ReturnType<typeof ikrar>;
  remove(): void;
}

export async function example(prefix: string): Promise<Example> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of ['roster.csv', 'event.yaml', 'logo.png', 'scans'])
    cpSync(path.join(root, 'examples', f), path.join(dir, f), { recursive: true });
  const r = ikrar(dir, ['render', '--roster', 'roster.csv', '--event', 'event.yaml', '--out', 'out']);
  if (r.status !== 0) throw new Error(`render failed: ${r.stdout}${r.stderr}`);
  const tally = (out: string, extra: string[] = []) =>
    ikrar(dir, ['tally', '--manifest', 'out/manifest.json', '--event', 'event.yaml', '--out', out, ...extra, 'scans']);
  const t = tally('rekap');
  if (t.status !== 0) throw new Error(`tally failed: ${t.stdout}${t.stderr}`);
  return { dir, tally, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The one box of the bundled example that reads uncertain, for a person to decide in the review:
 * the short paraf in box 11 of 01-pindaian.jpg (a paraf by how far its pen travelled, too short in
 * line for "signed"). No mark needs drawing into the scans for the review to have a doubtful box.
 */
export const DOUBTFUL_KEY = '196909201997011015';

export interface Running {
  child: ChildProcess;
  url: string;
  base: string;
  token: string;
  output(): string;
  /** SIGINT, then waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `ikrar review rekap --no-open` in `dir` and waits for the address it prints. */
export function startReview(dir: string, args: string[] = ['rekap']): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'review', ...args, '--no-open'], {
    cwd: dir,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed: ${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (x: Buffer) => (out += x.toString()));
        resolve({
          child,
          url: m[0],
          base: m[1]!,
          token: m[2]!,
          output: () => out,
          stop: () => {
            child.kill('SIGINT');
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`review exited (${code}) before printing its address: ${out}`));
    });
  });
}
