/**
 * NRP (Nomor Registrasi Pokok) rules: the service number of TNI soldiers and Polri officers.
 * An NRP is always a string of digits, never a number, and never a NIP.
 *
 * Polri: 8 digits — YYMM (the officer's birth year and month) + a 4-digit sequence, e.g. 85071234.
 * TNI:   old numbers have 5 (officers) or 6 (NCOs and privates) digits; newer ones 8 to 14
 *        ("21960123", "11020012340379"). Written with spaces, dots, dashes or a slash.
 * Rules kept conservative: digits only once spaces, dots, dashes and slashes are removed; Polri
 * exactly 8 with a month 01–12 in digits 3–4; TNI 5 to 14 digits. An 18-digit value is a NIP.
 */
import { parseNip } from './nip.js';
import { stripCellMarkers } from '../util/cells.js';

export type NrpKind = 'TNI' | 'Polri';

export type NrpResult = { ok: true; nrp: string } | { ok: false; code: string; message: string; hint?: string };

export const TNI_NRP_MIN = 5;
export const TNI_NRP_MAX = 14;
export const POLRI_NRP_LENGTH = 8;

/** Parses and validates an NRP as written in a roster or an event file. */
export function parseNrp(raw: string, kind: NrpKind): NrpResult {
  const s = stripCellMarkers(raw);
  if (s === '') return { ok: false, code: 'nrp-empty', message: 'NRP is empty' };
  if (/^[+-]?\d+(?:[.,]\d+)?\s*[eE]\s*\+?\d+$/.test(s)) {
    return {
      ok: false,
      code: 'nrp-excel-number',
      message: `NRP '${s}' was turned into a number by Excel and has lost its last digits`,
      hint: 'format the NRP column as Text in Excel and type the NRP again',
    };
  }
  if (!/^[\d\s.\-/\u00A0\u202F]+$/.test(s) || !/\d/.test(s)) {
    return {
      ok: false,
      code: 'nrp-not-digits',
      message: `NRP '${s}' contains characters other than digits`,
      hint:
        kind === 'Polri'
          ? 'a Polri NRP has 8 digits, e.g. 85071234'
          : 'a TNI NRP has 5 to 14 digits, e.g. 11020012340379',
    };
  }
  const digits = s.replace(/\D/g, '');
  if (digits.length === 18 && parseNip(digits).ok) {
    return {
      ok: false,
      code: 'nrp-is-nip',
      message: `'${s}' looks like a NIP (18 digits), not an NRP; a ${kind} member has an NRP`,
      hint: `if this person is a civil servant (PNS) mark the row PNS; otherwise give the ${kind} NRP`,
    };
  }
  if (kind === 'Polri') {
    if (digits.length !== POLRI_NRP_LENGTH) {
      return {
        ok: false,
        code: 'nrp-length',
        message: `Polri NRP '${s}' has ${digits.length} digit${digits.length === 1 ? '' : 's'}`,
        hint: 'a Polri NRP has 8 digits: birth year and month (YYMM) and a 4-digit number, e.g. 85071234',
      };
    }
    const month = Number(digits.slice(2, 4));
    if (month < 1 || month > 12) {
      return {
        ok: false,
        code: 'nrp-month',
        message: `Polri NRP '${s}': digits 3–4 ('${digits.slice(2, 4)}') must be the birth month 01–12`,
        hint: 'a Polri NRP starts with the birth year and month (YYMM); check for a typo',
      };
    }
    return { ok: true, nrp: digits };
  }
  if (digits.length < TNI_NRP_MIN || digits.length > TNI_NRP_MAX) {
    return {
      ok: false,
      code: 'nrp-length',
      message: `TNI NRP '${s}' has ${digits.length} digit${digits.length === 1 ? '' : 's'}`,
      hint: `a TNI NRP has ${TNI_NRP_MIN} to ${TNI_NRP_MAX} digits; check for a missing or extra digit`,
    };
  }
  return { ok: true, nrp: digits };
}

/** True when a value (in a NIP column) has the shape of an NRP rather than a NIP: 5–14 digits. */
export function looksLikeNrp(raw: string): boolean {
  const s = stripCellMarkers(raw);
  if (!/^[\d\s.\-/]+$/.test(s)) return false;
  const n = s.replace(/\D/g, '').length;
  return n >= TNI_NRP_MIN && n <= TNI_NRP_MAX && n !== 9;
}

/** The NRP as printed: digits as given (no grouping is standard). */
export function formatNrp(nrp: string): string {
  return nrp.replace(/\s+/g, '');
}
