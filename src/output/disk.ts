/**
 * File-system failures as clear problems (exit 2): a full or read-only disk, no permission, a file
 * held open. One wording for every command that writes a folder (render, tally, init).
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { IkrarError } from '../model/problems.js';

/** Errors of the disk or its permissions, not of ikrar. */
const DISK_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EBUSY']);
/** Of those, the ones that get the "disk full or read-only" message wherever they happen. */
const FULL_OR_READ_ONLY = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);

/** Which headline: the output folder of render/tally, or any folder (init). */
export type FolderRole = 'out' | 'folder';

export function errorCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `variant`: the message in the interface language (src/i18n: problem.out-unwritable.<variant>);
 * `message`/`hint`: the same in English.
 */
export function outProblem(
  shown: string,
  message: string,
  hint: string | undefined,
  variant: string,
  reason = '',
  role: FolderRole = 'out',
): IkrarError {
  const p = {
    severity: 'error' as const,
    code: 'out-unwritable',
    file: shown,
    message,
    ...(hint ? { hint } : {}),
    params: { _m: variant, _h: variant, reason },
  };
  const headline = role === 'out' ? `cannot write the output folder ${shown}` : `cannot write the folder ${shown}`;
  return new IkrarError(headline, [p], 2, {
    key: role === 'out' ? 'out-unwritable' : 'folder-unwritable',
    params: { dir: shown },
  });
}

function writeProblem(shown: string, code: string, role: FolderRole): IkrarError {
  return outProblem(
    shown,
    `writing failed (${code}); its previous contents were left as they were`,
    'check that the disk is not full or read-only, then run again',
    'write',
    code,
    role,
  );
}

/**
 * A disk error while writing (full disk, read-only, no permission) as a clear IkrarError; anything
 * else is returned as it was (a bug).
 */
export function writeFailure(shown: string, e: unknown, role: FolderRole = 'out'): unknown {
  const code = errorCode(e);
  if (e instanceof IkrarError || code === undefined || !DISK_ERRORS.has(code)) return e;
  return writeProblem(shown, code, role);
}

/**
 * The problem for a failed step (`variant` names it): a full or read-only disk always gets the disk
 * message; anything else the step's own words with the reason.
 */
export function stepFailure(
  shown: string,
  e: unknown,
  variant: string,
  message: (reason: string) => string,
  hint: string,
): IkrarError {
  if (e instanceof IkrarError) return e;
  const reason = errorCode(e) ?? (e instanceof Error ? e.message : String(e));
  if (FULL_OR_READ_ONLY.has(reason)) return writeProblem(shown, reason, 'out');
  return outProblem(shown, message(reason), hint, variant, reason);
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * mkdir -p that fails with the real reason: Node's recursive mkdir reports ENOENT when a missing
 * folder cannot be made (a read-only disk gives "ENOENT … mkdir"), so on failure the first missing
 * folder is made on its own to learn why. Returns the first folder it created, like mkdir.
 */
export async function makeFolder(dir: string): Promise<string | undefined> {
  try {
    return await mkdir(dir, { recursive: true });
  } catch (e) {
    let missing = dir;
    while (path.dirname(missing) !== missing && !(await exists(path.dirname(missing)))) missing = path.dirname(missing);
    try {
      await mkdir(missing);
    } catch (real) {
      if (errorCode(real) !== 'EEXIST') throw real;
    }
    throw e;
  }
}

const LOCKED = new Set(['EPERM', 'EACCES', 'EBUSY']);

/**
 * rename() onto a name that does not exist (never onto an existing folder, which Windows refuses).
 * On Windows a virus scanner or the search indexer may hold a just-written file for a moment, so a
 * "locked" failure is tried again for up to ~2 s there.
 */
export async function moveEntry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      if (process.platform !== 'win32' || attempt >= 8 || !LOCKED.has(errorCode(e) ?? '')) throw e;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

/** Removes a folder of ikrar's (staging); a failure is left for the next run to retry. */
export async function removeFolder(dir: string): Promise<boolean> {
  try {
    await rm(dir, { recursive: true, force: true, maxRetries: process.platform === 'win32' ? 5 : 0 });
    return true;
  } catch {
    return false;
  }
}
