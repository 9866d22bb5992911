/**
 * NIP (Nomor Induk Pegawai) rules. A NIP is always a string of digits, never a number.
 *
 * PNS (18 digits):  YYYYMMDD birth date · YYYYMM month of appointment as CPNS · sex (1/2) · 3-digit sequence
 * PPPK (18 digits): YYYYMMDD birth date · YYYY year of appointment · "2" + contract digit · sex · sequence
 * Old NIP (9 digits), kept in "NIP LAMA" columns.
 */

import { stripCellMarkers } from '../util/cells.js';

export type NipKind = 'PNS' | 'PPPK' | 'old';

export type NipResult =
  | { ok: true; nip: string; kind: NipKind; birthDate?: string; sex?: 'L' | 'P' }
  | { ok: false; code: string; message: string; hint?: string; params?: Record<string, string | number> };

const EXCEL_HINT = 'format the NIP column as Text in Excel (or export from SIASN again) and save the file again';

const MIN_BIRTH_YEAR = 1940;
const MAX_BIRTH_YEAR = 2010;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function excelDamage(shown: string, what: string, variant: 'sci' | 'decimal' | 'zeros'): NipResult {
  return {
    ok: false,
    code: 'nip-excel-number',
    message: `NIP '${shown}' ${what}`,
    hint: EXCEL_HINT,
    params: { _m: variant, nip: shown },
  };
}

/** Parses and validates a NIP as written in a roster or an event file. */
export function parseNip(raw: string): NipResult {
  const s = stripCellMarkers(raw);
  if (s === '') return { ok: false, code: 'nip-empty', message: 'NIP is empty' };

  // Excel's scientific notation, with a decimal point or an Indonesian decimal comma.
  if (/^[+-]?\d+(?:[.,]\d+)?\s*[eE]\s*\+?\d+$/.test(s)) {
    return excelDamage(s, 'was turned into a number by Excel and has lost its last digits', 'sci');
  }
  // A number printed with a decimal part ("198609262015051000.0", "123456789,00").
  if (/^\d+[.,]0+$/.test(s)) {
    return excelDamage(
      s,
      'was stored as a number (it ends in a decimal part) and an 18-digit NIP loses its last digits that way',
      'decimal',
    );
  }
  if (!/^[\d\s.\-\u00A0\u202F]+$/.test(s) || !/\d/.test(s)) {
    return {
      ok: false,
      code: 'nip-not-digits',
      message: `NIP '${s}' contains characters other than digits`,
      hint: 'a NIP has 18 digits, written together or as "19860926 201505 1 001"',
    };
  }
  const digits = s.replace(/\D/g, '');

  if (digits.length === 9) return { ok: true, nip: digits, kind: 'old' };
  if (digits.length !== 18) {
    return {
      ok: false,
      code: 'nip-length',
      message: `NIP '${s}' has ${digits.length} digit${digits.length === 1 ? '' : 's'}`,
      hint: 'a NIP has 18 digits (or 9 for an old NIP); check for a missing or extra digit',
    };
  }

  // Excel keeps 15 significant digits: an 18-digit NIP typed as a number ends in "000",
  // a sequence number no NIP can have (sequences run 001–999).
  if (digits.endsWith('000')) {
    return excelDamage(
      s,
      'ends in 000, which no NIP does: Excel turned it into a number and replaced its last digits with zeros',
      'zeros',
    );
  }

  const by = Number(digits.slice(0, 4));
  const bm = Number(digits.slice(4, 6));
  const bd = Number(digits.slice(6, 8));
  const birthShown = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  if (by < MIN_BIRTH_YEAR || by > MAX_BIRTH_YEAR || bm < 1 || bm > 12 || bd < 1 || bd > daysInMonth(by, bm)) {
    return {
      ok: false,
      code: 'nip-birth-date',
      message: `NIP '${s}' starts with an impossible birth date ${birthShown}`,
      hint: 'the first 8 digits of a NIP are the birth date YYYYMMDD; check the NIP for a typo',
    };
  }

  const ay = Number(digits.slice(8, 12));
  const code = Number(digits.slice(12, 14));
  let kind: 'PNS' | 'PPPK';
  if (code >= 1 && code <= 12) kind = 'PNS';
  else if (code >= 21 && code <= 29) kind = 'PPPK';
  else {
    return {
      ok: false,
      code: 'nip-appointment',
      message: `NIP '${s}': digits 13–14 ('${digits.slice(12, 14)}') must be the month of appointment (01–12) for a PNS or 21–29 for a PPPK`,
      hint: 'check the NIP for a typo',
    };
  }
  if (ay < by + 15 || ay > by + 60) {
    return {
      ok: false,
      code: 'nip-appointment',
      message: `NIP '${s}': year of appointment ${ay} does not fit birth year ${by}`,
      hint: 'digits 9–12 of a NIP are the year of appointment; check the NIP for a typo',
    };
  }

  const sexDigit = digits[14];
  if (sexDigit !== '1' && sexDigit !== '2') {
    return {
      ok: false,
      code: 'nip-sex',
      message: `NIP '${s}': digit 15 ('${sexDigit}') must be 1 (male) or 2 (female)`,
      hint: 'check the NIP for a typo',
    };
  }

  return {
    ok: true,
    nip: digits,
    kind,
    birthDate: birthShown,
    sex: sexDigit === '1' ? 'L' : 'P',
  };
}

/** "198609262015051001" → "19860926 201505 1 001"; other lengths are returned as given. */
export function formatNip(nip: string): string {
  const digits = nip.replace(/\D/g, '');
  if (digits.length !== 18) return nip.trim();
  return `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
}
