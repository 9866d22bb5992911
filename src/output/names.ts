/**
 * The staging box beside an output folder OUT (same file system, so moving it is a rename):
 *
 *   .OUT.ikrar-XXXXXX/           the box (mkdtemp), recognised as ikrar's only with its marker:
 *     ikrar-staging.json         written first: {format, version, out, pid, host}
 *     new/                       the whole new OUT, written here (and the clerk's files carried in)
 *     swapping                   created once new/ is complete: the swap may have begun
 *     old/                       the previous OUT, moved here by the swap
 *
 * See src/output/folder.ts for the commit and src/output/recover.ts for what the next run does with
 * a box a crash left behind.
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const MARKER = 'ikrar-staging.json';
export const NEW_DIR = 'new';
export const OLD_DIR = 'old';
export const SWAPPING = 'swapping';

export interface StagingMarker {
  format: 'ikrar-staging';
  version: 1;
  /** The base name of OUT. */
  out: string;
  pid: number;
  host: string;
}

/** The name prefix of OUT's staging boxes. */
export function stagingPrefix(out: string): string {
  return `.${path.basename(out)}.ikrar-`;
}

export function markerFor(out: string): StagingMarker {
  return { format: 'ikrar-staging', version: 1, out: path.basename(out), pid: process.pid, host: os.hostname() };
}

/** The marker of a box, or undefined when it has none or it is not ikrar's (for this OUT). */
export async function readMarker(box: string, out: string): Promise<StagingMarker | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(box, MARKER), 'utf8')) as Partial<StagingMarker>;
    if (
      m.format !== 'ikrar-staging' ||
      typeof m.out !== 'string' ||
      m.out.toLowerCase() !== path.basename(out).toLowerCase()
    )
      return undefined;
    return m as StagingMarker;
  } catch {
    return undefined;
  }
}

/** Whether the run that made a box may still be working in it (same machine, process alive). */
export function runIsAlive(m: StagingMarker): boolean {
  if (m.host !== os.hostname()) return true; // another computer's run on a shared drive: not ours to judge
  if (m.pid === process.pid) return true; // this process's own box: in use (a failed run removes its box itself)
  try {
    process.kill(m.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** OUT as an absolute path; when OUT is a symbolic link to a folder, the folder it points to. */
export async function resolveOut(outGiven: string): Promise<string> {
  const out = path.resolve(outGiven);
  try {
    if ((await lstat(out)).isSymbolicLink()) return await realpath(out);
  } catch {
    // absent (or unreadable: beginOutput reports it)
  }
  return out;
}
