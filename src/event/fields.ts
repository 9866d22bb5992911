/**
 * Pure parsers for the event file's small values: calendar dates, clock times, time zones, paper,
 * font. Each returns the normalised value or a message with a hint; none of them touches the
 * machine's clock or time zone (dates are calendar dates, compared as numbers).
 */
import { MONTHS_ID, parseIsoDate } from '../util/dates.js';
import type { FontName, PaperName, TimeZoneLabel } from '../model/event.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

const pad2 = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;

const MONTH_WORDS: Record<string, number> = {};
MONTHS_ID.forEach((m, i) => {
  MONTH_WORDS[m.toLowerCase()] = i + 1;
  MONTH_WORDS[m.slice(0, 3).toLowerCase()] = i + 1;
});
Object.assign(MONTH_WORDS, {
  january: 1,
  february: 2,
  march: 3,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  october: 10,
  december: 12,
  pebruari: 2,
  nopember: 11,
  okt: 10,
  agu: 8,
  agt: 8,
  des: 12,
  dec: 12,
  oct: 10,
  aug: 8,
});

/** What a date written another way most likely means, as YYYY-MM-DD (Indonesian day-month-year order). */
function guessIso(s: string): string | undefined {
  let m = /^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$/.exec(s);
  if (m) {
    const d = parseIsoDate(iso(Number(m[3]), Number(m[2]), Number(m[1])));
    return d ? iso(d.year, d.month, d.day) : undefined;
  }
  m = /^(?:[A-Za-z'’]+,?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTH_WORDS[m[2]!.toLowerCase()];
    if (!month) return undefined;
    const d = parseIsoDate(iso(Number(m[3]), month, Number(m[1])));
    return d ? iso(d.year, d.month, d.day) : undefined;
  }
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s) ?? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const d = parseIsoDate(iso(Number(m[1]), Number(m[2]), Number(m[3])));
    return d ? iso(d.year, d.month, d.day) : undefined;
  }
  return undefined;
}

/**
 * A ceremony date: exactly YYYY-MM-DD and a day that exists. Anything else is refused, with the
 * ISO form of what was probably meant as the hint ("4 November 2024" → "2024-11-04").
 */
export function parseEventDate(raw: string): Parsed<string> {
  const s = raw.trim();
  const isoShape = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (isoShape) {
    if (parseIsoDate(s)) return { ok: true, value: s };
    return {
      ok: false,
      message: `'${s}' is not a date that exists`,
      hint: 'check the day and the month; the format is YYYY-MM-DD',
    };
  }
  const guess = guessIso(s);
  return {
    ok: false,
    message: `'${s}' is not written as YYYY-MM-DD`,
    hint: guess ? `write it as ${guess}` : 'write the date as YYYY-MM-DD, e.g. 2024-11-04 for 4 November 2024',
  };
}

/** A clock time: "07.30", "07:30", "7.30", "0730" (optionally followed by WIB/WITA/WIT) → "07.30". */
export function parseClock(raw: string): Parsed<{ time: string; zone?: TimeZoneLabel }> {
  const s = raw.trim();
  const m = /^(\d{1,2})(?:[.:](\d{2})|(\d{2}))(?:\s*(WIB|WITA|WIT))?$/i.exec(s);
  if (!m) {
    return { ok: false, message: `'${s}' is not a time`, hint: 'write the time as HH.MM, e.g. "07.30"' };
  }
  const h = Number(m[1]);
  const min = Number(m[2] ?? m[3]);
  if (h > 23 || min > 59) {
    return {
      ok: false,
      message: `'${s}' is not a time of day`,
      hint: 'hours run 00–23 and minutes 00–59, e.g. "07.30"',
    };
  }
  const zone = m[4] ? (m[4].toUpperCase() as TimeZoneLabel) : undefined;
  return { ok: true, value: zone ? { time: `${pad2(h)}.${pad2(min)}`, zone } : { time: `${pad2(h)}.${pad2(min)}` } };
}

const IANA_ZONES: Record<string, TimeZoneLabel> = {
  'asia/jakarta': 'WIB',
  'asia/pontianak': 'WIB',
  'asia/makassar': 'WITA',
  'asia/ujung_pandang': 'WITA',
  'asia/jayapura': 'WIT',
  'utc+7': 'WIB',
  'utc+07:00': 'WIB',
  'gmt+7': 'WIB',
  'utc+8': 'WITA',
  'utc+08:00': 'WITA',
  'gmt+8': 'WITA',
  'utc+9': 'WIT',
  'utc+09:00': 'WIT',
  'gmt+9': 'WIT',
};

/** WIB / WITA / WIT, any case. */
export function parseZone(raw: string): Parsed<TimeZoneLabel> {
  const s = raw.trim();
  const up = s.toUpperCase();
  if (up === 'WIB' || up === 'WITA' || up === 'WIT') return { ok: true, value: up };
  const meant = IANA_ZONES[s.toLowerCase().replace(/\s+/g, '')];
  return {
    ok: false,
    message: `'${s}' is not an Indonesian time zone`,
    hint: meant ? `write ${meant}` : 'use WIB (western), WITA (central) or WIT (eastern Indonesia)',
  };
}

export function parsePaper(raw: string): Parsed<PaperName> {
  const s = raw.trim().toLowerCase().replace(/\s+/g, '');
  if (s === 'f4' || s === 'folio') return { ok: true, value: 'f4' };
  if (s === 'a4') return { ok: true, value: 'a4' };
  if (s === 'letter') return { ok: true, value: 'letter' };
  return {
    ok: false,
    message: `'${raw.trim()}' is not a paper size ikrar knows`,
    hint: 'use f4 (215 × 330 mm, the regional default), a4 or letter',
  };
}

export function parseFont(raw: string): Parsed<FontName> {
  const s = raw.trim().toLowerCase();
  if (s === 'sans' || s === 'serif') return { ok: true, value: s };
  const hint = /arial|arimo|helvetica|liberation/.test(s)
    ? 'write sans (Arimo, metric-compatible with Arial)'
    : /bookman|times|serif|bonum/.test(s)
      ? 'write serif (TeX Gyre Bonum, like Bookman Old Style)'
      : 'use sans (like Arial) or serif (like Bookman Old Style)';
  return { ok: false, message: `'${raw.trim()}' is not a font ikrar knows`, hint };
}

/** Minutes since midnight of a normalised "HH.MM". */
export function clockMinutes(time: string): number {
  const [h, m] = time.split('.').map(Number);
  return h! * 60 + m!;
}
