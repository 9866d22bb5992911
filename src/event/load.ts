/**
 * Reads the event file (YAML, or JSON — told apart by content) into a validated `EventConfig` with
 * defaults. Every problem is collected with its line and key path; user mistakes never throw.
 *
 * The format uses the English key names of `EventConfig` (see examples/event.yaml). Indonesian key
 * words (`tanggal`, `tempat`, `pemerintah` …) are not accepted as keys but are recognised in the
 * "did you mean" hint, so a clerk who writes `tanggal:` is told to write `date:`.
 */
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { DeklarasiConfig, DeklarasiSigner, EventConfig, FontName, Official, PaperName, PersonRule, RosterField, TimeZoneLabel } from '../model/event.js';
import type { Problem } from '../model/problems.js';
import { deriveEventCode, isEventCode } from '../model/pagecode.js';
import { parseNip } from '../roster/nip.js';
import { parseNrp } from '../roster/nrp.js';
import { logoFault } from '../check/logo.js';
import { aliasBomb, MAX_EXPANDED_NODES } from './aliases.js';
import { closest } from './closest.js';
import { patternFault } from './pattern.js';
import { clockMinutes, parseClock, parseEventDate, parseFont, parsePaper, parseZone, type Parsed } from './fields.js';
import { KNOWN_PREFIXES, isRegionalHeadPosition, normalisePrefix } from './official.js';
import { Reader, type Field } from './reader.js';
import { readUnits } from './units.js';

export interface LoadedEvent {
  /** The validated event; undefined when there is at least one error. */
  event?: EventConfig;
  /** Every problem found, errors and warnings, in file order of discovery. */
  problems: Problem[];
}

/** The example event file is 8 KB; a file over 4 MB is not an event file (and YAML would take gigabytes on it). */
export const MAX_EVENT_BYTES = 4 * 1024 * 1024;

export const DEFAULT_TITLE = 'Apel Ikrar Netralitas ASN';
export const DEFAULT_WITNESS_LABEL = 'Mengetahui,';

/** Keys allowed at each level of the event file. */
export const EVENT_KEYS = {
  top: ['government', 'office', 'election', 'title', 'code', 'ceremony', 'reader', 'witnesses', 'pakta', 'sheets', 'pledge', 'programme', 'paper', 'font', 'columns', 'sheet', 'extra', 'beritaAcara', 'deklarasi', 'units'],
  government: ['name', 'region', 'kind', 'logo'],
  office: ['name', 'address', 'addressLines'],
  election: ['label', 'year'],
  ceremony: ['date', 'time', 'until', 'timeZone', 'place', 'city'],
  official: ['name', 'position', 'rank', 'nip', 'nrp', 'prefix', 'regionalHead'],
  pakta: ['signers', 'witness', 'witnessLabel', 'meterai'],
  rule: ['column', 'matches', 'in'],
  sheets: ['officers', 'heads', 'default', 'defaultOfficer'],
  pledge: ['institution'],
  beritaAcara: ['number', 'signer', 'witness', 'witnessLabel'],
  deklarasi: ['title', 'text', 'signers', 'people', 'columns', 'witnesses', 'witnessLabel'],
  deklarasiSigner: ['name', 'position', 'institution'],
} as const;

export const ROSTER_FIELDS: readonly RosterField[] = ['nip', 'nrp', 'nipLama', 'name', 'frontTitle', 'backTitle', 'rank', 'position', 'unit', 'kind', 'sex', 'key', 'eselon'];

/** Indonesian (and a few English) words a clerk may write for a key: used only for the hint. */
const ALIASES = {
  top: {
    pemerintah: 'government', pemda: 'government', pemerintah_daerah: 'government', kantor: 'office', instansi: 'office',
    opd: 'office', penyelenggara: 'office', pemilihan: 'election', pemilu: 'election', pilkada: 'election', judul: 'title',
    nama_acara: 'title', kode: 'code', acara: 'ceremony', apel: 'ceremony', upacara: 'ceremony', kegiatan: 'ceremony',
    event: 'ceremony', pembaca: 'reader', pembina: 'reader', pembina_apel: 'reader', pembaca_ikrar: 'reader',
    saksi: 'witnesses', witness: 'witnesses', mengetahui: 'witnesses', pakta_integritas: 'pakta', lembar: 'sheets',
    lembar_ttd: 'sheets', daftar_hadir: 'sheets', ikrar: 'pledge', susunan_acara: 'programme', program: 'programme',
    agenda: 'programme', kertas: 'paper', ukuran_kertas: 'paper', huruf: 'font', jenis_huruf: 'font', kolom: 'columns',
    lembar_kerja: 'sheet', worksheet: 'sheet', tambahan: 'extra', berita_acara: 'beritaAcara', ba: 'beritaAcara',
    nomor_berita_acara: 'beritaAcara', notulen: 'beritaAcara', deklarasi_bersama: 'deklarasi', declaration: 'deklarasi',
    unit_kerja: 'units', unor: 'units', kelompok: 'units', pengelompokan: 'units',
  },
  government: { nama: 'name', daerah: 'region', wilayah: 'region', kabupaten: 'region', jenis: 'kind', lambang: 'logo', logo_daerah: 'logo' },
  office: { nama: 'name', alamat: 'address' },
  election: { nama: 'label', jenis: 'label', tahun: 'year' },
  ceremony: {
    tanggal: 'date', hari_tanggal: 'date', jam: 'time', waktu: 'time', pukul: 'time', mulai: 'time', sampai: 'until',
    selesai: 'until', sd: 'until', zona: 'timeZone', zona_waktu: 'timeZone', zone: 'timeZone', tempat: 'place',
    lokasi: 'place', kota: 'city',
  },
  official: {
    nama: 'name', jabatan: 'position', pangkat: 'rank', golongan: 'rank', pangkat_golongan: 'rank', nip_baru: 'nip',
    awalan: 'prefix', kepala_daerah: 'regionalHead',
  },
  pakta: { penandatangan: 'signers', yang_menandatangani: 'signers', saksi: 'witness', label_saksi: 'witnessLabel', materai: 'meterai' },
  rule: { kolom: 'column', cocok: 'matches', match: 'matches', regex: 'matches', pola: 'matches', salah_satu: 'in', values: 'in' },
  sheets: { pejabat: 'officers', penandatangan: 'officers', unit: 'officers', default_officer: 'defaultOfficer', bawaan: 'default', kepala: 'heads', kepala_unit: 'heads' },
  pledge: { instansi: 'institution', lingkungan: 'institution' },
  beritaAcara: {
    nomor: 'number', no: 'number', nomor_surat: 'number', penandatangan: 'signer', yang_membuat: 'signer', pembuat: 'signer',
    saksi: 'witness', mengetahui: 'witness', label_saksi: 'witnessLabel',
  },
  deklarasi: {
    judul: 'title', teks: 'text', isi: 'text', naskah: 'text', penandatangan: 'signers', peserta: 'people', daftar: 'people',
    kolom: 'columns', saksi: 'witnesses', mengetahui: 'witnesses', label_saksi: 'witnessLabel',
  },
  deklarasiSigner: { nama: 'name', jabatan: 'position', instansi: 'institution', lembaga: 'institution', unit: 'institution' },
} satisfies Record<string, Record<string, string>>;

/** Indonesian words for the roster fields of `columns:` (as written, lower-cased, spaces → `_`). */
const FIELD_ALIASES: Record<string, RosterField> = {
  nip_baru: 'nip', nip_lama: 'nipLama', nomor_registrasi_pokok: 'nrp', nama: 'name', gelar_depan: 'frontTitle', gelar_belakang: 'backTitle',
  pangkat: 'rank', golongan: 'rank', golru: 'rank', jabatan: 'position', unit_kerja: 'unit', opd: 'unit', skpd: 'unit',
  status: 'kind', jenis_pegawai: 'kind', jenis_kelamin: 'sex', kunci: 'key',
};

// ------------------------------------------------------------------ entry points

/** Reads and validates an event file. Never throws for anything the user can get wrong. */
export async function loadEvent(file: string): Promise<LoadedEvent> {
  const readPath = localPath(file);
  const fail = (code: string, message: string, hint?: string): LoadedEvent => {
    // params: the message in the interface language when the code has a translation (src/i18n)
    const p: Problem = { severity: 'error', code, file, message, params: { file } };
    if (hint) p.hint = hint;
    return { problems: [p] };
  };
  let bytes: Buffer;
  try {
    const st = await stat(readPath);
    if (st.isDirectory()) return fail('event-not-a-file', `${file} is a folder, not an event file`, 'give the path of the event file itself, e.g. acara/event.yaml');
    if (!st.isFile()) return fail('event-not-a-file', `${file} is not a regular file`);
    if (st.size > MAX_EVENT_BYTES) {
      const r = fail('event-too-big', `${file} is ${(st.size / 1024 / 1024).toFixed(1)} MB; an event file is a few KB, at most ${MAX_EVENT_BYTES / 1024 / 1024} MB`, 'check that this is the event file (event.yaml), not a roster or a document');
      r.problems[0]!.params = { file, mb: (st.size / 1024 / 1024).toFixed(1), max: MAX_EVENT_BYTES / 1024 / 1024 };
      return r;
    }
    bytes = await readFile(readPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fail('event-not-found', `event file not found: ${file}`, 'check the path; an example is in examples/event.yaml');
    }
    if (code === 'EACCES' || code === 'EPERM') return fail('event-unreadable', `no permission to read ${file}`);
    return fail('event-unreadable', `cannot read ${file}: ${(e as Error).message}`);
  }
  const decoded = decode(bytes);
  const result = parseEvent(decoded.text, file, path.resolve(path.dirname(readPath)));
  if (decoded.warning) result.problems.unshift({ severity: 'warning', code: 'event-encoding', file, message: decoded.warning, hint: 'save the file as UTF-8' });
  return result;
}

/**
 * Validates event text. `file` is the name problems and `EventConfig.file` carry; `dir` the
 * absolute directory relative paths (the logo) are resolved against.
 */
export function parseEvent(text: string, file: string, dir: string): LoadedEvent {
  const src = text.replace(/^\uFEFF/, '');
  if (src.trim() === '') {
    return { problems: [{ severity: 'error', code: 'event-empty-file', file, line: 1, message: 'the event file is empty', hint: 'start from examples/event.yaml' }] };
  }
  const json = /^\s*\{/.test(src);
  const lc = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const problems: Problem[] = doc.errors.map((e) => {
      const p: Problem = {
        severity: 'error',
        code: e.code === 'DUPLICATE_KEY' ? 'event-duplicate-key' : 'event-syntax',
        file,
        message: syntaxMessage(e.message, json),
        hint: e.code === 'DUPLICATE_KEY' ? 'each key may appear only once at the same level; remove or rename one' : syntaxHint(src, json),
      };
      if (p.code === 'event-syntax') p.params = syntaxParams(e.message, src, json);
      const pos = e.linePos?.[0];
      if (pos) {
        p.line = pos.line;
        p.column = pos.col;
      }
      return p;
    });
    return { problems };
  }
  const bomb = aliasBomb(doc, lc);
  if (bomb) {
    const message = `the alias *${bomb.alias} makes the file stand for more than ${MAX_EXPANDED_NODES} values: aliases repeat other aliases over and over`;
    const hint = 'an alias (*name) repeats what its anchor (&name) holds; use each one only for an official or a short list';
    return { problems: [{ severity: 'error', code: 'event-aliases', file, line: bomb.line, column: bomb.column, message, hint, params: { alias: bomb.alias, max: MAX_EXPANDED_NODES } }] };
  }
  const r = new Reader(file, src, lc, doc);
  const event = readEvent(r, dir, file);
  const hasErrors = r.problems.some((p) => p.severity === 'error');
  return hasErrors || !event ? { problems: r.problems } : { event, problems: r.problems };
}

/** The deterministic 6-character event code (A–Z, 2–7) from the event's identity. */
export function eventCode(governmentName: string, title: string, date: string): string {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleUpperCase('id-ID');
  return deriveEventCode(`${norm(governmentName)}|${date.trim()}|${norm(title)}`);
}

/** "di lingkungan Pemerintah Kabupaten Sukamara" / "… Kota …" / "… Provinsi …". */
export function defaultInstitution(kind: EventConfig['government']['kind'], region: string): string {
  const word = kind === 'kota' ? 'Kota' : kind === 'provinsi' ? 'Provinsi' : 'Kabupaten';
  return `di lingkungan Pemerintah ${word} ${region}`;
}

/** Kind of government named: "PEMERINTAH KOTA PALANGKA RAYA" → kota; default kabupaten. */
export function kindFromName(name: string): EventConfig['government']['kind'] {
  const up = name.toUpperCase();
  if (/\bKABUPATEN\b/.test(up)) return 'kabupaten';
  if (/\bKOTA\b/.test(up)) return 'kota';
  if (/\bPROVINSI\b/.test(up)) return 'provinsi';
  return 'kabupaten';
}

// ------------------------------------------------------------------ file handling

/** Backslashes typed on Windows ("gambar\logo.png") become `/` on other systems. */
function localPath(p: string): string {
  if (process.platform === 'win32' || !p.includes('\\')) return p;
  if (existsSync(p)) return p; // a real name with a backslash in it
  return p.replace(/\\/g, '/');
}

function decode(bytes: Buffer): { text: string; warning?: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return { text: swapped.toString('utf16le') };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      warning: 'the file is not UTF-8; it was read as Windows-1252 (check letters such as é in names)',
    };
  }
}

/** The parser's first line, without its position (the problem carries it). */
function syntaxDetail(message: string): string {
  // The parser recurses per level: [[[[… a few thousand deep overflows its stack.
  if (/Maximum call stack size exceeded/.test(message)) return 'lists or groups are nested too deeply (thousands of [ or { inside one another)';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

function syntaxMessage(message: string, json: boolean): string {
  return `${json ? 'JSON' : 'YAML'} syntax error: ${syntaxDetail(message)}`;
}

/** The values of an event-syntax problem, for its message in the interface language (src/i18n). */
function syntaxParams(message: string, src: string, json: boolean): Record<string, string> {
  return { format: json ? 'JSON' : 'YAML', detail: syntaxDetail(message), _h: json ? 'json' : /^\t/m.test(src) ? 'tabs' : 'yaml' };
}

function syntaxHint(src: string, json: boolean): string {
  if (json) return 'check commas, quotes and brackets near this line';
  if (/^\t/m.test(src)) return 'indent with spaces, not tabs; put text containing ": " or "#" in quotes';
  return 'check the indentation (spaces, the same for keys of one group) and put text containing ": " or "#" in quotes';
}

// ------------------------------------------------------------------ the walk

type Kind = EventConfig['government']['kind'];
type Fields = Record<string, Field>;

function section(r: Reader, root: Field, top: Fields, key: keyof typeof EVENT_KEYS & keyof typeof ALIASES, example: string, required = true): Fields | undefined {
  const f = top[key];
  if (!f) {
    if (required) r.require(root, top, key, example);
    return undefined;
  }
  if (r.isEmpty(f)) {
    if (required) r.missing(f, root, example);
    return undefined;
  }
  return r.map(f, EVENT_KEYS[key], { aliases: ALIASES[key], what: `a group of keys (${EVENT_KEYS[key].join(', ')})` });
}

/** A required text value of a map. */
function need(r: Reader, parent: Field, m: Fields, key: string, example?: string): string | undefined {
  if (!m[key]) {
    r.require(parent, m, key, example);
    return undefined;
  }
  const s = r.str(m[key], { required: true });
  return s === '' ? undefined : s;
}

function opt(r: Reader, f: Field | undefined): string | undefined {
  const s = r.str(f);
  return s === '' ? undefined : s;
}

/** Text of a scalar even when YAML typed it (a date or a number written plainly). */
function scalarSource(r: Reader, f: Field | undefined, what: string): string | undefined {
  if (!f || r.isEmpty(f)) return undefined;
  const n = r.deref(f.node);
  if (n && isScalar(n) && n.value instanceof Date) return r.sourceText(n).replace(/^['"]|['"]$/g, '');
  return r.str(f, { what });
}

function applyParsed<T>(r: Reader, f: Field, parsed: Parsed<T>, code: string): T | undefined {
  if (parsed.ok) return parsed.value;
  r.error(f, code, parsed.message, parsed.hint);
  return undefined;
}

function readEvent(r: Reader, dir: string, file: string): EventConfig | undefined {
  const root: Field = { path: '', node: (r.doc.contents as Node | null) ?? null, keyLine: undefined };
  const top = r.map(root, EVENT_KEYS.top, { aliases: ALIASES.top, what: 'the event settings (government:, office:, ceremony: …)' });
  if (!top) return undefined;

  // government
  const govF = top.government;
  const gov = section(r, root, top, 'government', 'name: PEMERINTAH KABUPATEN …, region: …');
  let govName: string | undefined;
  let region: string | undefined;
  let kind: Kind = 'kabupaten';
  let logo: string | undefined;
  if (gov && govF) {
    govName = need(r, govF, gov, 'name', 'PEMERINTAH KABUPATEN SUKAMARA');
    region = need(r, govF, gov, 'region', 'Sukamara');
    const k = opt(r, gov.kind);
    if (k !== undefined) {
      const kk = k.toLowerCase().replace(/\./g, '');
      if (kk === 'kabupaten' || kk === 'kab') kind = 'kabupaten';
      else if (kk === 'kota') kind = 'kota';
      else if (kk === 'provinsi' || kk === 'prov') kind = 'provinsi';
      else r.error(gov.kind!, 'event-bad-value', `'${k}' is not a kind of regional government`, 'write kabupaten, kota or provinsi');
    } else if (govName) kind = kindFromName(govName);
    logo = readLogo(r, gov.logo, dir);
  }

  // office
  const offF = top.office;
  const off = section(r, root, top, 'office', 'name: BADAN KEPEGAWAIAN …');
  let officeName: string | undefined;
  let addressLines: string[] = [];
  if (off && offF) {
    officeName = need(r, offF, off, 'name', 'BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA');
    if (off.address && off.addressLines) {
      r.error(off.addressLines, 'event-duplicate-key', 'address and addressLines are the same setting; give only one', 'keep address:');
    }
    const a = off.address ?? off.addressLines;
    if (a) addressLines = r.strList(a, 'an address line').flatMap((l) => l.split('\n').map((x) => x.trim()).filter(Boolean));
  }

  // election
  const elF = top.election;
  const el = section(r, root, top, 'election', 'label: Pemilihan Serentak, year: 2024');
  let label: string | undefined;
  let year: number | undefined;
  if (el && elF) {
    label = need(r, elF, el, 'label', 'Pemilihan Serentak');
    if (!el.year) r.require(elF, el, 'year', '2024');
    else year = r.int(el.year, { min: 2000, max: 2100, required: true });
    if (label) {
      const m = /[\s,]*\bTahun\s+(\d{4})\s*$/i.exec(label);
      if (m) {
        r.warn(el.label!, 'event-label-year', `the label ends with '${m[0].trim()}', but the documents add "Tahun ${year ?? m[1]}" themselves`, `write label: ${label.slice(0, m.index)}`);
        label = label.slice(0, m.index);
      }
    }
  }

  // title, code
  const title = top.title ? (opt(r, top.title) ?? DEFAULT_TITLE) : DEFAULT_TITLE;
  let code: string | undefined;
  if (top.code && !r.isEmpty(top.code)) {
    const c = r.str(top.code, { what: 'a 6-character code' });
    if (c !== undefined) {
      const up = c.toUpperCase();
      if (isEventCode(up)) code = up;
      else {
        r.error(top.code, 'event-bad-code', `'${c}' is not an event code`, 'an event code has 6 characters, letters A–Z and digits 2–7 (no 0, 1, 8, 9); or leave code: out and ikrar derives one');
      }
    }
  }

  // ceremony
  const cerF = top.ceremony;
  const cer = section(r, root, top, 'ceremony', 'date: 2024-11-04, time: "07.30", place: …');
  let date: string | undefined;
  let time: string | undefined;
  let until = 'selesai';
  let timeZone: TimeZoneLabel | undefined;
  let place: string | undefined;
  let city: string | undefined;
  if (cer && cerF) {
    if (!cer.date) r.require(cerF, cer, 'date', '2024-11-04');
    else {
      const d = scalarSource(r, cer.date, 'a date (YYYY-MM-DD)');
      if (d === undefined) {
        if (r.isEmpty(cer.date)) r.missing(cer.date, cerF, 'a date such as 2024-11-04');
      } else date = applyParsed(r, cer.date, parseEventDate(d), 'event-bad-date');
    }
    let zoneFromTime: TimeZoneLabel | undefined;
    if (!cer.time) r.require(cerF, cer, 'time', '"07.30"');
    else {
      const t = scalarSource(r, cer.time, 'a time (HH.MM)');
      if (t === undefined) {
        if (r.isEmpty(cer.time)) r.missing(cer.time, cerF, 'a time such as "07.30"');
      } else {
        const v = applyParsed(r, cer.time, parseClock(t), 'event-bad-time');
        if (v) {
          time = v.time;
          zoneFromTime = v.zone;
        }
      }
    }
    if (cer.timeZone && !r.isEmpty(cer.timeZone)) {
      const z = r.str(cer.timeZone, { what: 'WIB, WITA or WIT' });
      if (z !== undefined) timeZone = applyParsed(r, cer.timeZone, parseZone(z), 'event-bad-zone');
      if (timeZone && zoneFromTime && timeZone !== zoneFromTime) {
        r.error(cer.time!, 'event-zone-conflict', `the time says ${zoneFromTime} but timeZone says ${timeZone}`, 'write the time without the zone, e.g. "07.30", and keep timeZone:');
      }
    } else timeZone = zoneFromTime;
    if (cer.until && !r.isEmpty(cer.until)) {
      const u = scalarSource(r, cer.until, '"selesai" or a time (HH.MM)');
      if (u !== undefined) {
        if (/^\d/.test(u)) {
          const v = applyParsed(r, cer.until, parseClock(u), 'event-bad-time');
          if (v) {
            until = v.time;
            if (v.zone && timeZone && v.zone !== timeZone) {
              r.error(cer.until, 'event-zone-conflict', `until says ${v.zone} but the ceremony is in ${timeZone}`, 'write the time without the zone');
            }
            if (time && clockMinutes(v.time) <= clockMinutes(time)) {
              r.warn(cer.until, 'event-until-early', `the ceremony ends at ${v.time}, not after it starts at ${time}`, 'check the times, or write until: selesai');
            }
          }
        } else until = u;
      }
    }
    place = need(r, cerF, cer, 'place', 'Halaman Kantor Bupati …');
    city = opt(r, cer.city);
  }

  // people
  const reader = top.reader ? official(r, top.reader) : (r.require(root, top, 'reader', 'name: …, position: Bupati …'), undefined);
  const witnesses: Official[] = [];
  if (top.witnesses && !r.isEmpty(top.witnesses)) {
    const n = r.deref(top.witnesses.node);
    const items = n && isMap(n) ? [top.witnesses] : r.list(top.witnesses, { what: 'a list of officials' });
    for (const it of items ?? []) {
      const o = official(r, it);
      if (o) witnesses.push(o);
    }
  }

  // pakta
  const pakF = top.pakta;
  const pak = section(r, root, top, 'pakta', 'signers: all');
  let signers: EventConfig['pakta']['signers'] | undefined;
  let paktaWitness: Official | undefined;
  let witnessLabel = DEFAULT_WITNESS_LABEL;
  let meterai = false;
  if (pak && pakF) {
    if (!pak.signers) r.require(pakF, pak, 'signers', 'all, none, heads, or rules such as { column: JABATAN, matches: "^Kepala " }');
    else signers = readSigners(r, pak.signers, pakF);
    if (pak.witness && !r.isEmpty(pak.witness)) paktaWitness = official(r, pak.witness);
    if (pak.witnessLabel && !r.isEmpty(pak.witnessLabel)) witnessLabel = r.str(pak.witnessLabel) ?? witnessLabel;
    meterai = r.bool(pak.meterai) ?? false;
  }
  if (!paktaWitness && witnesses.length) paktaWitness = witnesses[0];

  // sheets
  const shF = top.sheets;
  const sh = section(r, root, top, 'sheets', 'default: { name: …, position: Kepala … }');
  const officers: Record<string, Official> = {};
  let defaultOfficer: Official | undefined;
  let heads: PersonRule[] | undefined;
  if (sh && shF) {
    if (sh.heads && !r.isEmpty(sh.heads)) {
      const h = readSigners(r, sh.heads, shF);
      if (h === 'all' || h === 'none' || h === 'heads') {
        r.error(sh.heads, 'event-bad-value', 'heads must be rules that find each unit\'s head, not all or none', 'e.g. heads: { column: JABATAN, matches: "^Kepala |^Camat " }');
      } else if (h) heads = h;
    }
    if (sh.default && sh.defaultOfficer) {
      r.error(sh.defaultOfficer, 'event-duplicate-key', 'default and defaultOfficer are the same setting; give only one', 'keep default:');
    }
    const d = sh.default ?? sh.defaultOfficer;
    if (d && !r.isEmpty(d)) defaultOfficer = official(r, d);
    let anyOfficer = false;
    if (sh.officers && !r.isEmpty(sh.officers)) {
      const firstLine: Record<string, string> = {};
      for (const e of r.entries(sh.officers, 'units with their officers (unit name: official)') ?? []) {
        const unit = r.keyOf(e, sh.officers);
        const key = unit.toLowerCase().replace(/\s+/g, ' ').trim();
        anyOfficer = true;
        if (firstLine[key] !== undefined) {
          r.error(e, 'event-duplicate-unit', `unit '${unit}' is listed twice (unit names are compared without regard to case)`, `the first is ${firstLine[key]}`);
          continue;
        }
        firstLine[key] = unit;
        const o = official(r, e);
        if (o) officers[key] = o;
      }
    }
    if (!d && !anyOfficer && !heads) {
      r.error(shF, 'event-no-officer', 'no officer is given to sign the sheets', 'add default: (the officer for every unit), heads: (a rule that finds each unit\'s head in the roster) and/or officers: (unit name: officer)');
    }
  }

  // pledge
  let institution: string | undefined;
  const plF = top.pledge;
  if (plF && !r.isEmpty(plF)) {
    const pl = r.map(plF, EVENT_KEYS.pledge, { aliases: ALIASES.pledge });
    if (pl) institution = opt(r, pl.institution);
  }

  // programme, paper, font, columns, sheet, extra
  const programme = top.programme ? r.strList(top.programme, 'a programme item') : [];
  let paper: PaperName = 'f4';
  if (top.paper && !r.isEmpty(top.paper)) {
    const s = r.str(top.paper, { what: 'f4, a4 or letter' });
    if (s !== undefined) paper = applyParsed(r, top.paper, parsePaper(s), 'event-bad-paper') ?? paper;
  }
  let font: FontName = 'sans';
  if (top.font && !r.isEmpty(top.font)) {
    const s = r.str(top.font, { what: 'sans or serif' });
    if (s !== undefined) font = applyParsed(r, top.font, parseFont(s), 'event-bad-font') ?? font;
  }
  const columns = top.columns && !r.isEmpty(top.columns) ? readColumns(r, top.columns) : {};
  const sheet = opt(r, top.sheet);
  let extra: Record<string, unknown> = {};
  if (top.extra && !r.isEmpty(top.extra)) {
    const n = r.deref(top.extra.node);
    if (n && isMap(n)) {
      try {
        extra = (r.toJS(top.extra) as Record<string, unknown>) ?? {};
      } catch (e) {
        r.error(top.extra, 'event-wrong-type', `cannot be read: ${(e as Error).message}`, 'write extra: followed by indented key: value lines');
      }
    }
    else r.error(top.extra, 'event-wrong-type', `expected a group of keys, found ${r.describe(n)}`, 'write extra: followed by indented key: value lines');
  }

  // berita acara (written by `ikrar tally`)
  let beritaAcara: EventConfig['beritaAcara'];
  const baF = top.beritaAcara;
  const ba = section(r, root, top, 'beritaAcara', 'number: 800/498/BKPSDM.2/XI/2024', false);
  if (ba && baF) {
    beritaAcara = {};
    const number = opt(r, ba.number);
    if (number !== undefined) beritaAcara.number = number;
    if (ba.signer && !r.isEmpty(ba.signer)) {
      const o = official(r, ba.signer);
      if (o) beritaAcara.signer = o;
    }
    if (ba.witness && !r.isEmpty(ba.witness)) {
      const o = official(r, ba.witness);
      if (o) beritaAcara.witness = o;
    }
    const wl = opt(r, ba.witnessLabel);
    if (wl !== undefined) beritaAcara.witnessLabel = wl;
  }

  const deklarasi = readDeklarasi(r, root, top, witnesses);
  const units = readUnits(r, top.units);

  if (!govName || !region || !officeName || !label || year === undefined || !date || !time || !place || !reader || !signers) return undefined;
  const event: EventConfig = {
    file,
    dir,
    government: { name: govName, region, kind },
    office: { name: officeName, addressLines },
    election: { label, year },
    title,
    code: code ?? eventCode(govName, title, date),
    ceremony: { date, time, until, timeZone: timeZone ?? 'WIB', place, city: city ?? region },
    reader,
    witnesses,
    pakta: { signers, witnessLabel, meterai },
    sheets: { officers },
    pledge: { institution: institution ?? defaultInstitution(kind, region) },
    programme,
    paper,
    font,
    columns,
    extra,
  };
  if (logo) event.government.logo = logo;
  if (paktaWitness) event.pakta.witness = paktaWitness;
  if (defaultOfficer) event.sheets.defaultOfficer = defaultOfficer;
  if (heads) event.sheets.heads = heads;
  if (sheet !== undefined) event.sheet = sheet;
  if (beritaAcara) event.beritaAcara = beritaAcara;
  if (deklarasi) event.deklarasi = deklarasi;
  if (units) event.units = units;
  return event;
}

export const DEFAULT_DEKLARASI_TITLE = 'DEKLARASI NETRALITAS';

/** `deklarasi:` — the joint declaration; undefined when absent (or wrong: the errors are reported). */
function readDeklarasi(r: Reader, root: Field, top: Fields, eventWitnesses: Official[]): DeklarasiConfig | undefined {
  const dF = top.deklarasi;
  const d = section(r, root, top, 'deklarasi', 'title: DEKLARASI NETRALITAS …, signers: …', false);
  if (!d || !dF) return undefined;
  let ok = true;
  const title = opt(r, d.title) ?? DEFAULT_DEKLARASI_TITLE;
  const text = d.text && !r.isEmpty(d.text) ? r.strList(d.text, 'a paragraph of the declaration') : [];
  let signers: DeklarasiConfig['signers'] = 'none';
  if (d.signers && !r.isEmpty(d.signers)) {
    const s = readSigners(r, d.signers, dF);
    if (s) signers = s;
    else ok = false;
  }
  const people: DeklarasiSigner[] = [];
  if (d.people && !r.isEmpty(d.people)) {
    for (const it of r.list(d.people, { what: 'a list of signers (name:, position:, institution:)' }) ?? []) {
      const m = r.map(it, EVENT_KEYS.deklarasiSigner, { aliases: ALIASES.deklarasiSigner, what: 'a signer (name:, position:, institution:)' });
      if (!m) {
        ok = false;
        continue;
      }
      const name = need(r, it, m, 'name', 'the name with titles');
      const position = need(r, it, m, 'position', 'e.g. Ketua KPU Kabupaten …');
      const institution = opt(r, m.institution) ?? '';
      if (name && position) people.push({ name, position, institution });
      else ok = false;
    }
  }
  let columns: 2 | 3 = 3;
  if (d.columns && !r.isEmpty(d.columns)) {
    const n = r.int(d.columns, { min: 2, max: 3 });
    if (n === 2 || n === 3) columns = n;
    else ok = false;
  }
  let witnesses = eventWitnesses;
  if (d.witnesses) {
    witnesses = [];
    if (!r.isEmpty(d.witnesses)) {
      const n = r.deref(d.witnesses.node);
      const items = n && isMap(n) ? [d.witnesses] : r.list(d.witnesses, { what: 'a list of officials' });
      for (const it of items ?? []) {
        const o = official(r, it);
        if (o) witnesses.push(o);
        else ok = false;
      }
    }
  }
  const witnessLabel = opt(r, d.witnessLabel) ?? DEFAULT_WITNESS_LABEL;
  if (signers === 'none' && people.length === 0 && ok) {
    r.error(dF, 'event-deklarasi-no-signers', 'the deklarasi has nobody to sign it', 'add signers: (a rule over the roster, or all) and/or people: (a list of name:, position:, institution:)');
    ok = false;
  }
  return ok ? { title, text, signers, people, columns, witnesses, witnessLabel } : undefined;
}

function readLogo(r: Reader, f: Field | undefined, dir: string): string | undefined {
  const s = opt(r, f);
  if (s === undefined || /^(none|tidak ada|-)$/i.test(s)) return undefined;
  const logo = process.platform === 'win32' ? s : s.replace(/\\/g, '/');
  const bad = logoFault(path.resolve(dir, logo), logo);
  if (bad) {
    const relative = bad.kind === 'not-found' || bad.kind === 'not-file' || bad.kind === 'not-image';
    const hint = relative ? `give the path of a PNG or JPEG file, relative to the folder of the event file (${dir}), or leave logo: out` : bad.hint;
    r.error(f!, relative ? 'event-logo' : 'logo-unusable', bad.message, hint, relative ? undefined : bad.params);
  }
  return logo;
}

/** An official: name, position, and optional rank, NIP, prefix, regionalHead. */
function official(r: Reader, f: Field): Official | undefined {
  const m = r.map(f, EVENT_KEYS.official, { aliases: ALIASES.official, what: 'an official (name:, position:, and rank:, nip: for an ASN)' });
  if (!m) return undefined;
  const name = need(r, f, m, 'name', 'the name with titles, e.g. "Dr. H. Kaspinor, S.E., M.Si."');
  let position = need(r, f, m, 'position', 'the position as printed, e.g. Kepala Dinas Pendidikan');
  const rank = opt(r, m.rank);
  let nip: string | undefined;
  if (m.nip && !r.isEmpty(m.nip)) {
    const raw = r.str(m.nip, { what: 'a NIP (18 digits)' });
    if (raw !== undefined) {
      const res = parseNip(raw);
      if (res.ok) nip = res.nip;
      else r.error(m.nip, res.code, res.message, res.code === 'nip-excel-number' ? 'write the NIP in quotes, exactly as on the SK' : res.hint);
    }
  }
  let nrp: string | undefined;
  if (m.nrp && !r.isEmpty(m.nrp)) {
    const raw = r.str(m.nrp, { what: 'an NRP (TNI or Polri)' });
    if (raw !== undefined) {
      // The official's service is not stated: the wider TNI rule (5–14 digits) applies.
      const res = parseNrp(raw, 'TNI');
      if (res.ok) nrp = res.nrp;
      else r.error(m.nrp, res.code, res.message, res.hint);
    }
  }
  let prefix: string | undefined;
  const rawPrefix = opt(r, m.prefix);
  if (rawPrefix !== undefined) {
    prefix = normalisePrefix(rawPrefix);
    if (!prefix) r.error(m.prefix!, 'event-bad-prefix', `'${rawPrefix}' is not a delegation prefix`, `use one of ${KNOWN_PREFIXES.join(' ')}`);
  } else if (position) {
    // "Pj. Bupati Sukamara" → prefix "Pj." + position "Bupati Sukamara", so the prefix is not upper-cased.
    const pm = /^(a\.\s?n\.|u\.\s?b\.|plt\.|pj\.|plh\.)\s+(\S[\s\S]*)$/i.exec(position);
    if (pm) {
      prefix = normalisePrefix(pm[1]!);
      position = pm[2]!;
    }
  }
  let regionalHead: boolean | undefined;
  if (m.regionalHead && !r.isEmpty(m.regionalHead)) regionalHead = r.bool(m.regionalHead);
  if (!name || !position) return undefined;
  const head = regionalHead ?? isRegionalHeadPosition(position, prefix);
  if (head && (rank || nip)) {
    const what = rank && nip ? 'rank and NIP are' : rank ? 'rank is' : 'NIP is';
    r.warn(f, 'event-head-rank', `${name} signs as a regional head: the ${what} not printed`, 'a Bupati (also Pj./Plt./Plh.) signs with the name only; remove them, or set regionalHead: false');
  }
  const o: Official = { name, position, regionalHead: head };
  if (rank) o.rank = rank;
  if (nip) o.nip = nip;
  if (nrp) o.nrp = nrp;
  if (prefix) o.prefix = prefix;
  return o;
}

function readSigners(r: Reader, f: Field, parent: Field): EventConfig['pakta']['signers'] | undefined {
  if (r.isEmpty(f)) {
    r.missing(f, parent, 'all, none, heads, or a list of rules');
    return undefined;
  }
  const n = r.deref(f.node);
  if (n && isScalar(n)) {
    const t = (r.scalarText(f) ?? '').toLowerCase();
    if (t === 'all' || t === 'semua') return 'all';
    if (t === 'none' || t === 'tidak ada') return 'none';
    if (t === 'heads' || t === 'kepala' || t === 'kepala unit' || t === 'kepala_unit') return 'heads';
    r.error(f, 'event-bad-value', `signers must be all, none, heads, or rules; found ${r.describe(n)}`, 'e.g. signers: heads (each unit\'s head), or signers: { column: JABATAN, matches: "^Kepala " }');
    return undefined;
  }
  if (n && isMap(n)) {
    const rule = readRule(r, f);
    return rule ? [rule] : undefined;
  }
  if (n && isSeq(n)) {
    const items = r.list(f) ?? [];
    if (!items.length) {
      r.error(f, 'event-empty', 'the list of rules is empty', 'write signers: all, signers: none, signers: heads, or at least one rule');
      return undefined;
    }
    const rules: PersonRule[] = [];
    let ok = true;
    for (const it of items) {
      const rule = readRule(r, it);
      if (rule) rules.push(rule);
      else ok = false;
    }
    return ok ? rules : undefined;
  }
  r.error(f, 'event-wrong-type', `signers must be all, none, heads, or rules; found ${r.describe(n)}`);
  return undefined;
}

function readRule(r: Reader, f: Field): PersonRule | undefined {
  const m = r.map(f, EVENT_KEYS.rule, { aliases: ALIASES.rule, what: 'a rule (column:, and matches: or in:)' });
  if (!m) return undefined;
  const column = need(r, f, m, 'column', 'the roster column header, e.g. JABATAN');
  let ok = column !== undefined;
  const rule: PersonRule = { column: column ?? '' };
  if (m.matches) {
    // Not trimmed: a pattern's spaces matter ("^Kepala " is not "^Kepala").
    const n = r.deref(m.matches.node);
    const s = n && isScalar(n) && typeof n.value === 'string' && n.value.trim() ? n.value.replace(/\r/g, '') : r.str(m.matches, { required: true, what: 'a regular expression' });
    if (s === undefined || s === '') ok = false;
    else {
      const bad = patternFault(s);
      if (!bad) rule.matches = s;
      else {
        ok = false;
        r.error(m.matches, 'event-bad-regex', bad.message, 'check brackets and backslashes; | separates alternatives, ^ anchors at the start; to pick many exact values use in: [ … ]', bad.params);
      }
    }
  }
  if (m.in) {
    const list = r.strList(m.in, 'a value');
    if (!list.length) {
      ok = false;
      if (!r.problems.some((p) => p.field?.startsWith(m.in!.path))) r.error(m.in, 'event-empty', 'the list of values is empty');
    } else rule.in = list;
  }
  if (!m.matches && !m.in) {
    ok = false;
    r.error({ path: f.path, node: null, keyLine: f.keyLine ?? r.nodeLine(r.deref(f.node)) }, 'event-missing', 'a rule needs matches: or in:', 'e.g. matches: "^Kepala " or in: [Camat Jelai, Camat Sukamara]');
  }
  return ok ? rule : undefined;
}

function readColumns(r: Reader, f: Field): Partial<Record<RosterField, string>> {
  const out: Partial<Record<RosterField, string>> = {};
  for (const e of r.entries(f, 'a group of roster fields with their column headers (name: NAMA PEGAWAI)') ?? []) {
    const key = r.keyOf(e, f);
    const field = ROSTER_FIELDS.find((x) => x === key);
    const value = r.str(e, { required: true, what: 'the column header as written in the roster' });
    if (!field) {
      const alias = FIELD_ALIASES[key.toLowerCase().replace(/[\s_-]+/g, '_')];
      const swapped = value !== undefined ? ROSTER_FIELDS.find((x) => x.toLowerCase() === value.toLowerCase()) : undefined;
      const near = alias ?? closest(key, ROSTER_FIELDS);
      const hint = swapped
        ? `write it the other way round: ${swapped}: ${key}`
        : near
          ? `did you mean '${near}'?`
          : `fields: ${ROSTER_FIELDS.join(', ')}`;
      r.error({ path: e.path, node: null, keyLine: e.keyLine }, 'event-unknown-field', `'${key}' is not a roster field`, hint);
      continue;
    }
    if (value) out[field] = value;
  }
  return out;
}

