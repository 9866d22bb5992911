/**
 * The manifest of the render that OUT held before this one. When this render replaces pages that the
 * earlier one printed (the roster or the layout changed, so the page codes differ), those pages may
 * already be on paper and signed: the earlier manifest is kept beside the new one, in
 * OUT/manifest-lama/, so their scans can still be tallied — never against the new manifest, where
 * they are `foreign` (src/model/pagecode.ts).
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../model/problems.js';
import { PREVIOUS_MANIFESTS_DIR, type Manifest } from '../model/manifest.js';

export interface PreviousManifest {
  bytes: Buffer;
  /** Page codes of the earlier render. */
  codes: string[];
}

/**
 * The manifest OUT held (its bytes, null when there is none), read once: the parsed data (for the
 * pages a partial render keeps; 'unreadable' when it is not JSON) and, when it is an ikrar manifest,
 * what keepPrevious needs.
 */
export function parsePrevious(bytes: Buffer | null): {
  data: Partial<Manifest> | null | 'unreadable';
  previous: PreviousManifest | null;
} {
  if (bytes === null) return { data: null, previous: null };
  let data: Partial<Manifest> & { pages?: { code?: unknown }[] };
  try {
    data = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as Partial<Manifest>;
  } catch {
    return { data: 'unreadable', previous: null };
  }
  if (data === null || typeof data !== 'object') return { data: 'unreadable', previous: null };
  if (data.format !== 'ikrar-manifest' || !Array.isArray(data.pages)) return { data, previous: null };
  return {
    data,
    previous: { bytes, codes: data.pages.map((p) => String((p as { code?: unknown })?.code ?? '')).filter(Boolean) },
  };
}

/** The file name an earlier manifest is kept under: its content's hash, so the same one is kept once. */
export function previousName(bytes: Buffer): string {
  return `manifest-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.json`;
}

/**
 * Into the staging folder: OUT's earlier manifests (they stay), and the one OUT holds now when this
 * render does not print all of its pages again. Returns the warning to show, or null when nothing
 * printed before is replaced. `outGiven` names OUT in messages.
 */
export async function keepPrevious(
  outAbs: string,
  stagingDir: string,
  previous: PreviousManifest | null,
  newCodes: ReadonlySet<string>,
  outGiven: string,
): Promise<{ kept: boolean; warning: Problem | null }> {
  const from = path.join(outAbs, PREVIOUS_MANIFESTS_DIR);
  const to = path.join(stagingDir, PREVIOUS_MANIFESTS_DIR);
  let earlier: string[] = [];
  try {
    earlier = (await readdir(from, { withFileTypes: true }))
      .filter((e) => e.isFile() && /^manifest-[0-9a-f]{12}\.json$/.test(e.name))
      .map((e) => e.name);
  } catch {
    earlier = [];
  }
  const replaced = previous ? previous.codes.filter((c) => !newCodes.has(c)).length : 0;
  if (!earlier.length && !replaced) return { kept: false, warning: null };
  await mkdir(to, { recursive: true });
  for (const name of earlier.sort()) await copyFile(path.join(from, name), path.join(to, name));
  if (!previous || !replaced) return { kept: true, warning: null };
  const name = previousName(previous.bytes);
  await writeFile(path.join(to, name), previous.bytes);
  const keptAs = path.join(outGiven, PREVIOUS_MANIFESTS_DIR, name);
  return {
    kept: true,
    warning: {
      severity: 'warning',
      code: 'manifest-replaced',
      file: path.join(outGiven, 'manifest.json'),
      message: `${replaced} of the ${previous.codes.length} page${previous.codes.length === 1 ? '' : 's'} of the earlier render ${replaced === 1 ? 'is' : 'are'} printed differently now (the roster or the layout changed); the earlier manifest is kept as ${keptAs}`,
      hint: `pages printed before this render are not read against the new manifest: if they were already signed, tally their scans with --manifest ${keptAs}, and print the new pages for everyone else`,
      params: {
        n: replaced,
        total: previous.codes.length,
        kept: keptAs,
        ...(previous.codes.length === 1 ? { _m: 'one' } : replaced === 1 ? { _m: 'single' } : {}),
      },
    },
  };
}
