/**
 * The bundled example, rendered and tallied as a clerk does it (real processes, from dist/: build
 * first), in a folder of its own: roster.csv, event.yaml, logo.png, scans/ → out/ and rekap/.
 * And `ikrar review` started on it as a process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import sharp from 'sharp';
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
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: env(), maxBuffer: 64 * 1024 * 1024 });
}

export interface Example {
  dir: string;
  /** `ikrar tally` on the example scans (into --out OUT, with the extra arguments). */
  tally(out: string, extra?: string[]): ReturnType<typeof ikrar>;
  remove(): void;
}

export async function example(prefix: string): Promise<Example> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of ['roster.csv', 'event.yaml', 'logo.png', 'scans']) cpSync(path.join(root, 'examples', f), path.join(dir, f), { recursive: true });
  const r = ikrar(dir, ['render', '--roster', 'roster.csv', '--event', 'event.yaml', '--out', 'out']);
  if (r.status !== 0) throw new Error(`render failed: ${r.stdout}${r.stderr}`);
  const tally = (out: string, extra: string[] = []) => ikrar(dir, ['tally', '--manifest', 'out/manifest.json', '--event', 'event.yaml', '--out', out, ...extra, 'scans']);
  const first = tally('rekap');
  if (first.status !== 0) throw new Error(`tally failed: ${first.stdout}${first.stderr}`);
  await drawDoubtfulMark(dir);
  rmSync(path.join(dir, 'rekap'), { recursive: true, force: true });
  const t = tally('rekap');
  if (t.status !== 0) throw new Error(`tally failed: ${t.stdout}${t.stderr}`);
  return { dir, tally, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The empty box the fixture writes a doubtful mark into: row 3 of 01-pindaian.jpg. */
export const DOUBTFUL_KEY = '198105232011122020';

/**
 * The bundled example reads no box as uncertain (as its scans come out of their fixed seed), so the
 * review is tried on it plus one doubtful mark: a short zig-zag 4 mm across, 0.45 mm ink, drawn
 * into the empty box of row 3 of 01-pindaian.jpg where the first tally found that box on the scan
 * (review/readings.json `quad`), the scan saved again as JPEG.
 */
async function drawDoubtfulMark(dir: string): Promise<void> {
  const readings = JSON.parse(readFileSync(path.join(dir, 'rekap/review/readings.json'), 'utf8')) as { pages: { source: { file: string }; boxes: { key: string; quad?: number[][] }[] }[] };
  const manifest = JSON.parse(readFileSync(path.join(dir, 'out/manifest.json'), 'utf8')) as { pages: { boxes: { key: string; rect: number[] }[] }[] };
  const file = path.join(dir, 'scans/01-pindaian.jpg');
  const page = readings.pages.find((p) => p.source.file.endsWith('01-pindaian.jpg'))!;
  const q = page.boxes.find((b) => b.key === DOUBTFUL_KEY)!.quad!;
  const rect = manifest.pages.flatMap((p) => p.boxes).find((b) => b.key === DOUBTFUL_KEY)!.rect;
  const pxPerMm = Math.hypot(q[1]![0]! - q[0]![0]!, q[1]![1]! - q[0]![1]!) / (rect[2]! / (72 / 25.4));
  const cx = (q[0]![0]! + q[2]![0]!) / 2;
  const cy = (q[0]![1]! + q[2]![1]!) / 2;
  const points = [[-2, 0.6], [-0.4, -0.8], [0.6, 0.8], [2, -0.6]].map(([x, y]) => `${(cx + x! * pxPerMm).toFixed(1)},${(cy + y! * pxPerMm).toFixed(1)}`);
  const { width, height } = await sharp(file).metadata();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><polyline points="${points.join(' ')}" fill="none" stroke="#1a237e" stroke-width="${(0.45 * pxPerMm).toFixed(1)}" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
  await sharp(file).composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 85 }).toFile(file + '.new.jpg');
  renameSync(file + '.new.jpg', file);
}

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
  const child = spawn(process.execPath, [bin, 'review', ...args, '--no-open'], { cwd: dir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
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
