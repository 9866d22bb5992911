/**
 * Writing inside the rekap folder while `npx ikrar review` runs: each file whole or not at all (a temp
 * file beside it, flushed to disk, then renamed over it), and only when its content changed.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const h = await open(tmp, 'w');
  try {
    await h.writeFile(data);
    await h.sync();
  } finally {
    await h.close();
  }
  try {
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

async function same(file: string, data: string | Uint8Array): Promise<boolean> {
  try {
    const old = await readFile(file);
    return (
      Buffer.compare(
        old,
        typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.length),
      ) === 0
    );
  } catch {
    return false;
  }
}

/** Writes the file when its content differs; true when it was written. */
export async function writeIfChanged(file: string, data: string | Uint8Array): Promise<boolean> {
  if (await same(file, data)) return false;
  await writeAtomic(file, data);
  return true;
}

/** Removes the files of `dir` whose names match `pattern` and are not in `keep` (names). */
export async function removeOthers(dir: string, pattern: RegExp, keep: Set<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) if (pattern.test(n) && !keep.has(n)) await rm(path.join(dir, n), { force: true });
}
