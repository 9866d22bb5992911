/**
 * Atomic output folders, for render and tally alike. Everything is written into `new/` of a staging
 * box beside OUT (src/output/names.ts); the commit then
 *
 *   1. carries into new/ what the old OUT holds that this commit does not replace — the clerk's own
 *      files, the documents a partial render keeps — as hard links or copies (OUT untouched);
 *   2. creates the box's `swapping` marker;
 *   3. renames OUT to the box's old/;            ← OUT is missing from here …
 *   4. renames new/ to OUT;                      ← … to here: the whole new set
 *   5. removes old/, then the box.
 *
 * So at every instant OUT holds the whole old set or the whole new set, except between 3 and 4,
 * where it is missing and the next run of any command that writes it (or tally, reading a manifest
 * from it) first puts new/ in place (src/output/recover.ts). No rename ever lands on an existing
 * folder (Windows refuses that). A failure before 4 leaves OUT as it was and removes the box.
 */
import { mkdir, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { carryEntry } from './carry.js';
import { makeFolder, moveEntry, outProblem, removeFolder, stepFailure } from './disk.js';
import { faultPoint } from './fault.js';
import { MARKER, NEW_DIR, OLD_DIR, SWAPPING, markerFor, resolveOut, stagingPrefix } from './names.js';
import { recoverOutput } from './recover.js';

export { writeFailure } from './disk.js';
export { recoverOutput } from './recover.js';

export interface Staging {
  /** Absolute OUT folder. */
  out: string;
  /** Absolute folder the new files are written into (the box's new/). */
  dir: string;
  /** Absolute staging box (a sibling of OUT). */
  box: string;
}

async function kindOf(p: string): Promise<'file' | 'dir' | 'other' | null> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** OUT is the current folder, holds it, or is a disk's root: a folder that cannot be swapped whole. */
function holdsWorkingFolder(out: string): boolean {
  if (path.dirname(out) === out) return true;
  const rel = path.relative(out, process.cwd());
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Finishes whatever an interrupted run left beside OUT, then creates the staging box.
 * `outGiven` is the folder as the user wrote it (for messages).
 */
export async function beginOutput(outGiven: string): Promise<Staging> {
  const out = await resolveOut(outGiven);
  const parent = path.dirname(out);
  const k = await kindOf(out).catch(() => 'other' as const);
  if (k === 'file' || k === 'other')
    throw outProblem(outGiven, 'exists and is not a folder', 'choose another --out folder', 'not-folder');
  if (holdsWorkingFolder(out)) {
    throw outProblem(
      outGiven,
      'is the current folder or holds it; ikrar replaces the output folder as a whole',
      'run ikrar from the folder above it, or choose a folder of its own, e.g. --out hasil',
      'holds-cwd',
    );
  }
  await recoverOutput(outGiven);
  try {
    await makeFolder(parent);
  } catch (e) {
    throw stepFailure(
      outGiven,
      e,
      'parent',
      (r) => `its parent folder cannot be created (${r})`,
      'check the path and that you may write there',
    );
  }
  let box: string;
  try {
    box = await mkdtemp(path.join(parent, stagingPrefix(out)));
  } catch (e) {
    throw stepFailure(
      outGiven,
      e,
      'beside',
      (r) => `no permission to write beside it (${r})`,
      'check that the folder is not read-only or on a locked drive',
    );
  }
  const s: Staging = { out, dir: path.join(box, NEW_DIR), box };
  try {
    await writeFile(path.join(box, MARKER), JSON.stringify(markerFor(out)) + '\n');
    await mkdir(s.dir);
  } catch (e) {
    await abortOutput(s);
    throw stepFailure(
      outGiven,
      e,
      'beside',
      (r) => `no permission to write beside it (${r})`,
      'check that the folder is not read-only or on a locked drive',
    );
  }
  return s;
}

/** Removes the staging box (after a failure). Never touches OUT. */
export async function abortOutput(s: Staging): Promise<void> {
  await removeFolder(s.box);
}

const moveFailure = (outGiven: string, e: unknown) =>
  stepFailure(
    outGiven,
    e,
    'move',
    (r) => `the new files could not be moved into place (${r})`,
    'close any program that has a file of this folder open (a PDF viewer, Excel), then run again',
  );

/**
 * Swaps the staged folder in as OUT. `entries`: the names this commit owns in OUT — each is replaced
 * by the staged one, or removed when nothing of that name was staged; everything else in OUT is kept.
 */
export async function commitOutput(s: Staging, entries: readonly string[], outGiven: string): Promise<void> {
  const owned = new Set(entries.map((e) => e.toLowerCase()));
  const old = path.join(s.box, OLD_DIR);
  let outExisted = false;
  try {
    outExisted = (await kindOf(s.out)) === 'dir';
    if (outExisted) {
      for (const name of (await readdir(s.out)).sort()) {
        if (owned.has(name.toLowerCase())) continue;
        faultPoint('commit');
        await carryEntry(path.join(s.out, name), path.join(s.dir, name));
      }
    }
    faultPoint('commit');
    await writeFile(path.join(s.box, SWAPPING), '');
    if (outExisted) {
      faultPoint('commit');
      await moveEntry(s.out, old);
    }
  } catch (e) {
    await abortOutput(s);
    throw moveFailure(outGiven, e);
  }
  try {
    faultPoint('commit');
    await moveEntry(s.dir, s.out);
  } catch (e) {
    let restored = !outExisted;
    if (outExisted)
      restored = await moveEntry(old, s.out).then(
        () => true,
        () => false,
      );
    // When the old folder cannot be put back either, the box keeps the complete new/ and its
    // marker: the next run puts it in place.
    if (restored) await abortOutput(s);
    throw moveFailure(outGiven, e);
  }
  // Done; what cannot be removed now is removed by the next run.
  try {
    faultPoint('commit');
    if (!(await removeFolder(old))) return;
    faultPoint('commit');
    await removeFolder(s.box);
  } catch {
    // (only the test seam throws here)
  }
}
