/**
 * Foreign pages of this event: when a page was printed by an earlier render whose manifest `ikrar
 * render` kept beside this one (OUT/manifest-lama/, src/render/previous.ts), name that manifest in
 * the page's note, so the clerk knows which one tallies it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PREVIOUS_MANIFESTS_DIR } from '../model/manifest.js';
import type { TallyResult } from '../model/tally.js';

/** Largest earlier manifest read for this (a bigger one is not looked into). */
const MAX_BYTES = 256 * 1024 * 1024;

export async function pointToEarlierManifests(result: TallyResult, manifestFile: string): Promise<void> {
  const foreign = result.pages.filter((p) => p.status === 'foreign' && p.code);
  if (!foreign.length) return;
  const dir = path.join(path.dirname(manifestFile), PREVIOUS_MANIFESTS_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^manifest-[0-9a-f]{12}\.json$/.test(n)).sort();
  } catch {
    return;
  }
  const where = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const bytes = await readFile(file);
      if (bytes.length > MAX_BYTES) continue;
      const data = JSON.parse(bytes.toString('utf8')) as { pages?: { code?: unknown }[] };
      for (const p of data.pages ?? []) if (typeof p?.code === 'string' && !where.has(p.code)) where.set(p.code, file);
    } catch {
      continue;
    }
  }
  for (const p of foreign) {
    const file = where.get(p.code!);
    if (file) p.note = `${p.note ?? 'page code is not in this manifest'} — it is in ${file}`;
  }
}
