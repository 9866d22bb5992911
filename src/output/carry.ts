/**
 * Carrying the entries of the old OUT that a commit does not replace (the clerk's own files, and the
 * documents a partial render keeps) into the new OUT before the swap, without touching the old one:
 * hard links (instant, no extra space), copies where the disk has no hard links (FAT/exFAT sticks).
 */
import { copyFile, constants, link, lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import path from 'node:path';
import { errorCode } from './disk.js';

/** link() errors that mean "this file system cannot", not "this file cannot". */
const NO_LINKS = new Set(['EPERM', 'EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EINVAL']);

/** Puts a copy (or hard link) of `from` at `to`; a name already taken in the new folder is left as it is. */
export async function carryEntry(from: string, to: string): Promise<void> {
  const st = await lstat(from);
  if (st.isDirectory()) {
    try {
      await mkdir(to);
    } catch (e) {
      // the same name in another case on a case-insensitive disk: the new entry wins
      if (errorCode(e) === 'EEXIST') return;
      throw e;
    }
    for (const name of await readdir(from)) await carryEntry(path.join(from, name), path.join(to, name));
    return;
  }
  try {
    await link(from, to);
    return;
  } catch (e) {
    const code = errorCode(e);
    if (code === 'EEXIST') return;
    if (!code || !NO_LINKS.has(code)) throw e;
  }
  if (st.isSymbolicLink()) await symlink(await readlink(from), to);
  else await copyFile(from, to, constants.COPYFILE_EXCL);
}
