/** Finding a manifest person from what a clerk typed: a key, or a NIP in any of its written forms. */
import type { Manifest, ManifestPerson } from '../model/manifest.js';
import { nipDigits } from './csv.js';

export interface PersonIndex {
  byKey: Map<string, ManifestPerson>;
  byNip: Map<string, ManifestPerson>;
}

export function indexPeople(manifest: Manifest): PersonIndex {
  const byKey = new Map<string, ManifestPerson>();
  const byNip = new Map<string, ManifestPerson>();
  // Roster people, and the deklarasi's signers listed in the event file (keys "DK-…"); a TNI/Polri
  // member's key is the NRP, so a typed NRP is found as a key.
  for (const p of [...manifest.people, ...(manifest.signers ?? [])]) {
    byKey.set(p.key, p);
    if (p.nip) byNip.set(nipDigits(p.nip), p);
  }
  return { byKey, byNip };
}

export type Lookup = { person: ManifestPerson } | { error: string };

/** Resolves by key first, then NIP; both given and disagreeing is an error. */
export function findPerson(index: PersonIndex, key: string, nip: string): Lookup | null {
  const k = key.trim();
  const digits = nipDigits(nip);
  if (k === '' && digits === '') return null;
  const byKey = k ? (index.byKey.get(k) ?? index.byNip.get(nipDigits(k) || '\u0000')) : undefined;
  const byNip = digits ? index.byNip.get(digits) : undefined;
  if (k && digits) {
    if (byKey && byNip && byKey !== byNip)
      return { error: `key ${k} and NIP ${nip.trim()} belong to different people` };
    const p = byKey ?? byNip;
    if (p) return { person: p };
    return { error: `nobody with key ${k} or NIP ${nip.trim()} is in the manifest` };
  }
  if (k) return byKey ? { person: byKey } : { error: `nobody with key ${k} is in the manifest` };
  return byNip ? { person: byNip } : { error: `nobody with NIP ${nip.trim()} is in the manifest` };
}
