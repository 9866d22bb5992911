/**
 * Before a command writes OUT (or reads a manifest from it), the staging boxes a crash left beside
 * OUT are dealt with: an interrupted swap is finished (its complete new folder is put in place when
 * OUT is missing), every other box is removed. Only boxes recognisably ikrar's are touched — by
 * their marker (src/output/names.ts), or, for the staging folders of earlier ikrar versions (no
 * marker), by their name and by holding nothing but the names those versions wrote — and never a
 * box whose run is still alive.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { moveEntry, removeFolder, stepFailure } from './disk.js';
import { NEW_DIR, SWAPPING, readMarker, resolveOut, runIsAlive, stagingPrefix } from './names.js';

/** What the staging folders of ikrar 0.1 (before the staging box) held at their top. */
const LEGACY_NAMES = new Set([
  'lembar-ttd.pdf',
  'lembar-ttd',
  'naskah-ikrar.pdf',
  'pakta-integritas.pdf',
  'pakta-integritas',
  'deklarasi.pdf',
  'manifest.json',
  'rekap.csv',
  'rekap.json',
  'rekap.pdf',
  'berita-acara.pdf',
  'review',
  '.previous',
]);

async function kind(p: string): Promise<'dir' | 'other' | null> {
  try {
    return (await lstat(p)).isDirectory() ? 'dir' : 'other';
  } catch {
    return null;
  }
}

/** A staging folder of ikrar 0.1: mkdtemp's six characters, only its names, nothing kept in .previous. */
async function isLegacyStaging(box: string, suffix: string): Promise<boolean> {
  if (!/^[A-Za-z0-9]{6}$/.test(suffix)) return false;
  const names = await readdir(box).catch(() => undefined);
  if (!names || !names.every((n) => LEGACY_NAMES.has(n))) return false;
  if (!names.includes('.previous')) return true;
  const kept = await readdir(path.join(box, '.previous')).catch(() => ['?']);
  return kept.length === 0; // an old file that could not be put back stays where it is
}

/** Finishes or undoes what an interrupted run left beside OUT. `shown`: OUT as the user wrote it. */
export async function recoverOutput(shown: string): Promise<void> {
  const out = await resolveOut(shown);
  const parent = path.dirname(out);
  const prefix = stagingPrefix(out).toLowerCase();
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names.sort()) {
    if (!name.toLowerCase().startsWith(prefix)) continue;
    const box = path.join(parent, name);
    if ((await kind(box)) !== 'dir') continue;
    const marker = await readMarker(box, out);
    if (!marker) {
      if (await isLegacyStaging(box, name.slice(prefix.length))) await removeFolder(box);
      continue;
    }
    if (runIsAlive(marker)) continue;
    // Killed between the two renames of the swap: OUT is missing and new/ is complete.
    if (
      (await kind(path.join(box, SWAPPING))) !== null &&
      (await kind(path.join(box, NEW_DIR))) === 'dir' &&
      (await kind(out)) === null
    ) {
      try {
        await moveEntry(path.join(box, NEW_DIR), out);
      } catch (e) {
        throw stepFailure(
          shown,
          e,
          'recover',
          (r) => `an interrupted earlier run left it unfinished, and it could not be put back (${r})`,
          'close any program that has a file of this folder open, then run again',
        );
      }
    }
    await removeFolder(box);
  }
}
