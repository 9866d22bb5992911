/**
 * Atomic output: everything is written into a staging folder beside OUT (same file system), then the
 * entries this render owns are swapped into OUT. On any error before the swap OUT is untouched; a
 * failure during the swap is rolled back. Files in OUT that ikrar does not own are left alone.
 */
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { IkrarError } from '../model/problems.js';

export interface Staging {
  /** Absolute OUT folder. */
  out: string;
  /** Absolute staging folder (a sibling of OUT). */
  dir: string;
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

/** `variant`/`reason`: the message in the interface language (src/i18n: problem.out-unwritable.<variant>). */
function outProblem(outGiven: string, message: string, hint: string | undefined, variant: string, reason = ''): IkrarError {
  const p = { severity: 'error' as const, code: 'out-unwritable', file: outGiven, message, ...(hint ? { hint } : {}), params: { _m: variant, _h: variant, reason } };
  return new IkrarError(`cannot write the output folder ${outGiven}`, [p], 2, { key: 'out-unwritable', params: { dir: outGiven } });
}

const DISK_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EBUSY']);

/**
 * A disk error while writing the staged files (full disk, read-only, no permission) as a clear
 * IkrarError; anything else is returned as it was (a bug).
 */
export function writeFailure(outGiven: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (e instanceof IkrarError || typeof code !== 'string' || !DISK_ERRORS.has(code)) return e;
  return outProblem(outGiven, `writing failed (${code}); its previous contents were left as they were`, 'check that the disk is not full or read-only, then run again', 'write', code);
}

/** Creates the staging folder beside OUT. `outGiven` is the folder as the user wrote it (for messages). */
export async function beginOutput(outGiven: string): Promise<Staging> {
  const out = path.resolve(outGiven);
  const parent = path.dirname(out);
  const k = await kindOf(out).catch(() => 'other' as const);
  if (k === 'file' || k === 'other') throw outProblem(outGiven, 'exists and is not a folder', 'choose another --out folder', 'not-folder');
  try {
    await mkdir(parent, { recursive: true });
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'error';
    throw outProblem(outGiven, `its parent folder cannot be created (${reason})`, 'check the path and that you may write there', 'parent', reason);
  }
  let dir: string;
  try {
    dir = await mkdtemp(path.join(parent, `.${path.basename(out)}.ikrar-`));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'error';
    throw outProblem(outGiven, `no permission to write beside it (${reason})`, 'check that the folder is not read-only or on a locked drive', 'beside', reason);
  }
  return { out, dir };
}

/** Removes the staging folder (after a failure). Never touches OUT. */
export async function abortOutput(s: Staging): Promise<void> {
  await rm(s.dir, { recursive: true, force: true });
}

/**
 * Moves the staged entries into OUT, replacing the old ones of the same names. Rolls back when a
 * move fails, so OUT ends either fully old or fully new.
 */
export async function commitOutput(s: Staging, entries: string[], outGiven: string): Promise<void> {
  const backup = path.join(s.dir, '.previous');
  const outExisted = (await kindOf(s.out)) === 'dir';
  const done: { entry: string; hadOld: boolean }[] = [];
  try {
    if (!outExisted) await mkdir(s.out, { recursive: true });
    await mkdir(backup, { recursive: true });
    for (const entry of entries) {
      const target = path.join(s.out, entry);
      const hadOld = (await kindOf(target)) !== null;
      if (hadOld) await rename(target, path.join(backup, entry));
      done.push({ entry, hadOld });
      await rename(path.join(s.dir, entry), target);
    }
  } catch (e) {
    // roll back in reverse order
    let lost = false;
    for (const { entry, hadOld } of done.reverse()) {
      const target = path.join(s.out, entry);
      try {
        if ((await kindOf(path.join(s.dir, entry))) === null && (await kindOf(target)) !== null) {
          await rm(target, { recursive: true, force: true });
        }
        if (hadOld) await rename(path.join(backup, entry), target);
      } catch {
        lost = true; // keep the staging folder: the old entry is still in its .previous folder
      }
    }
    if (!outExisted) await rm(s.out, { recursive: true, force: true }).catch(() => {});
    if (!lost) await abortOutput(s).catch(() => {});
    const reason = (e as NodeJS.ErrnoException).code ?? String(e);
    throw outProblem(outGiven, `the new files could not be moved into place (${reason})`, 'close any PDF viewer that has the old files open, then run again', 'move', reason);
  }
  await rm(s.dir, { recursive: true, force: true });
}
