/**
 * A person's key, and the duplicates a roster must not have: a NIP, an NRP or a key column's value
 * twice. A person without NIP or NRP gets a key from the unit and the name (the same every run).
 */
import { createHash } from 'node:crypto';
import { formatNip } from './nip.js';
import { cleanCell } from '../util/cells.js';
import { isEmpty, type RowCells } from './row.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length >= chars) break;
  }
  return out;
}

/** Deterministic key for a person without NIP: "NA-" + 8 base32 characters of sha256(unit|name). */
export function nonAsnKey(unit: string, name: string): string {
  const h = createHash('sha256').update(`${unit}|${name}`, 'utf8').digest();
  return `NA-${base32(h, 8)}`;
}

/** The lines each NIP, NRP and key was first seen on, while the rows go by. */
export class RowKeys {
  private readonly nipLines = new Map<string, number>();
  private readonly nrpLines = new Map<string, number>();
  private readonly keyLines = new Map<string, number>();
  private readonly naCounts = new Map<string, number>();

  /** The row's key; a NIP, NRP or key seen before is an error on `r`. */
  keyOf(r: RowCells, nip: string | null, nrp: string | null, unit: string, name: string): string {
    // Duplicates.
    if (nrp !== null) {
      const first = this.nrpLines.get(nrp);
      if (first !== undefined) {
        r.err(
          'nrp-duplicate',
          r.has('nrp') && !isEmpty(cleanCell(r.raw('nrp'))) ? 'nrp' : 'nip',
          `NRP ${nrp} appears twice: line ${first} and line ${r.line}`,
          'each person may appear only once; remove or correct one of the two rows',
        );
      } else {
        this.nrpLines.set(nrp, r.line);
      }
    }
    if (nip !== null) {
      const first = this.nipLines.get(nip);
      if (first !== undefined) {
        r.err(
          'nip-duplicate',
          'nip',
          `NIP ${formatNip(nip)} appears twice: line ${first} and line ${r.line}`,
          'each person may appear only once; remove or correct one of the two rows',
          { nip: formatNip(nip), first, line: r.line },
        );
      } else {
        this.nipLines.set(nip, r.line);
      }
    }
    const keyCol = r.get('key');
    let key: string;
    if (keyCol !== '') key = keyCol;
    else if (nip !== null) key = nip;
    else if (nrp !== null) key = nrp;
    else {
      const base = nonAsnKey(unit, name);
      const n = (this.naCounts.get(base) ?? 0) + 1;
      this.naCounts.set(base, n);
      key = n === 1 ? base : `${base}-${n}`;
    }
    if (keyCol !== '') {
      const first = this.keyLines.get(key);
      if (first !== undefined)
        r.err(
          'key-duplicate',
          'key',
          `key '${key}' appears twice: line ${first} and line ${r.line}`,
          'keys must be unique',
        );
      else this.keyLines.set(key, r.line);
    }
    return key;
  }
}
