/**
 * Reads the event file (YAML, or JSON — told apart by content) into a validated `EventConfig` with
 * defaults. Every problem is collected with its line and key path; user mistakes never throw.
 *
 * The format uses the English key names of `EventConfig` (see examples/event.yaml). Indonesian key
 * words (`tanggal`, `tempat`, `pemerintah` …) are not accepted as keys but are recognised in the
 * "did you mean" hint, so a clerk who writes `tanggal:` is told to write `date:`.
 */
import path from 'node:path';
import { LineCounter, isMap, parseDocument, type Node } from 'yaml';
import type { EventConfig, FontName, Official, PaperName, PersonRule, TimeZoneLabel } from '../model/event.js';
import type { Problem } from '../model/problems.js';
import { deriveEventCode, isEventCode } from '../model/pagecode.js';
import { aliasBomb, MAX_EXPANDED_NODES } from './aliases.js';
import { clockMinutes, parseClock, parseEventDate, parseFont, parsePaper, parseZone } from './fields.js';
import { Reader, type Field } from './reader.js';
import { readUnits } from './units.js';
import { ALIASES, DEFAULT_TITLE, DEFAULT_WITNESS_LABEL, EVENT_KEYS, MAX_EVENT_BYTES } from './keys.js';
import { nodeWorld } from '../world/node.js';
import { localPath } from '../world/paths.js';
import type { World } from '../world/world.js';
import { decode, syntaxHint, syntaxMessage, syntaxParams } from './syntax.js';
import { applyParsed, need, opt, scalarSource, section, type Kind } from './walk.js';
import { official, readColumns, readDeklarasi, readLogo, readSigners } from './sections.js';

export interface LoadedEvent {
  /** The validated event; undefined when there is at least one error. */
  event?: EventConfig;
  /** Every problem found, errors and warnings, in file order of discovery. */
  problems: Problem[];
}

// ------------------------------------------------------------------ entry points

/** Reads and validates an event file. Never throws for anything the user can get wrong. */
export async function loadEvent(file: string, world: World = nodeWorld): Promise<LoadedEvent> {
  const readPath = localPath(world, file);
  const fail = (code: string, message: string, hint?: string): LoadedEvent => {
    // params: the message in the interface language when the code has a translation (src/i18n)
    const p: Problem = { severity: 'error', code, file, message, params: { file } };
    if (hint) p.hint = hint;
    return { problems: [p] };
  };
  const st = world.stat(readPath);
  if (st.kind === 'missing')
    return fail(
      'event-not-found',
      `event file not found: ${file}`,
      'check the path; an example is in examples/event.yaml',
    );
  if (st.kind === 'unreadable') {
    if (st.reason === 'EACCES' || st.reason === 'EPERM')
      return fail('event-unreadable', `no permission to read ${file}`);
    return fail('event-unreadable', `cannot read ${file}: ${st.reason}`);
  }
  if (st.kind === 'folder')
    return fail(
      'event-not-a-file',
      `${file} is a folder, not an event file`,
      'give the path of the event file itself, e.g. acara/event.yaml',
    );
  if (st.kind !== 'file') return fail('event-not-a-file', `${file} is not a regular file`);
  if (st.size > MAX_EVENT_BYTES) {
    const r = fail(
      'event-too-big',
      `${file} is ${(st.size / 1024 / 1024).toFixed(1)} MB; an event file is a few KB, at most ${MAX_EVENT_BYTES / 1024 / 1024} MB`,
      'check that this is the event file (event.yaml), not a roster or a document',
    );
    r.problems[0]!.params = { file, mb: (st.size / 1024 / 1024).toFixed(1), max: MAX_EVENT_BYTES / 1024 / 1024 };
    return r;
  }
  const bytes = world.readFile(readPath);
  if (!bytes) return fail('event-unreadable', `no permission to read ${file}`);
  const decoded = decode(bytes);
  const result = parseEvent(decoded.text, file, path.resolve(path.dirname(readPath)), world);
  if (decoded.warning)
    result.problems.unshift({
      severity: 'warning',
      code: 'event-encoding',
      file,
      message: decoded.warning,
      hint: 'save the file as UTF-8',
    });
  return result;
}

/**
 * Validates event text. `file` is the name problems and `EventConfig.file` carry; `dir` the
 * absolute directory relative paths (the logo) are resolved against.
 */
export function parseEvent(text: string, file: string, dir: string, world: World = nodeWorld): LoadedEvent {
  const src = text.replace(/^\uFEFF/, '');
  if (src.trim() === '') {
    return {
      problems: [
        {
          severity: 'error',
          code: 'event-empty-file',
          file,
          line: 1,
          message: 'the event file is empty',
          hint: 'start from examples/event.yaml',
        },
      ],
    };
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
        hint:
          e.code === 'DUPLICATE_KEY'
            ? 'each key may appear only once at the same level; remove or rename one'
            : syntaxHint(src, json),
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
    const hint =
      'an alias (*name) repeats what its anchor (&name) holds; use each one only for an official or a short list';
    return {
      problems: [
        {
          severity: 'error',
          code: 'event-aliases',
          file,
          line: bomb.line,
          column: bomb.column,
          message,
          hint,
          params: { alias: bomb.alias, max: MAX_EXPANDED_NODES },
        },
      ],
    };
  }
  const r = new Reader(file, src, lc, doc);
  const event = readEvent(r, dir, file, world);
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

function readEvent(r: Reader, dir: string, file: string, world: World): EventConfig | undefined {
  const root: Field = { path: '', node: (r.doc.contents as Node | null) ?? null, keyLine: undefined };
  const top = r.map(root, EVENT_KEYS.top, {
    aliases: ALIASES.top,
    what: 'the event settings (government:, office:, ceremony: …)',
  });
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
      else
        r.error(
          gov.kind!,
          'event-bad-value',
          `'${k}' is not a kind of regional government`,
          'write kabupaten, kota or provinsi',
        );
    } else if (govName) kind = kindFromName(govName);
    logo = readLogo(r, gov.logo, dir, world);
  }

  // office
  const offF = top.office;
  const off = section(r, root, top, 'office', 'name: BADAN KEPEGAWAIAN …');
  let officeName: string | undefined;
  let addressLines: string[] = [];
  if (off && offF) {
    officeName = need(r, offF, off, 'name', 'BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA');
    if (off.address && off.addressLines) {
      r.error(
        off.addressLines,
        'event-duplicate-key',
        'address and addressLines are the same setting; give only one',
        'keep address:',
      );
    }
    const a = off.address ?? off.addressLines;
    if (a)
      addressLines = r.strList(a, 'an address line').flatMap((l) =>
        l
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
      );
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
        r.warn(
          el.label!,
          'event-label-year',
          `the label ends with '${m[0].trim()}', but the documents add "Tahun ${year ?? m[1]}" themselves`,
          `write label: ${label.slice(0, m.index)}`,
        );
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
        r.error(
          top.code,
          'event-bad-code',
          `'${c}' is not an event code`,
          'an event code has 6 characters, letters A–Z and digits 2–7 (no 0, 1, 8, 9); or leave code: out and ikrar derives one',
        );
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
        r.error(
          cer.time!,
          'event-zone-conflict',
          `the time says ${zoneFromTime} but timeZone says ${timeZone}`,
          'write the time without the zone, e.g. "07.30", and keep timeZone:',
        );
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
              r.error(
                cer.until,
                'event-zone-conflict',
                `until says ${v.zone} but the ceremony is in ${timeZone}`,
                'write the time without the zone',
              );
            }
            if (time && clockMinutes(v.time) <= clockMinutes(time)) {
              r.warn(
                cer.until,
                'event-until-early',
                `the ceremony ends at ${v.time}, not after it starts at ${time}`,
                'check the times, or write until: selesai',
              );
            }
          }
        } else until = u;
      }
    }
    place = need(r, cerF, cer, 'place', 'Halaman Kantor Bupati …');
    city = opt(r, cer.city);
  }

  // people
  const reader = top.reader
    ? official(r, top.reader)
    : (r.require(root, top, 'reader', 'name: …, position: Bupati …'), undefined);
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
    if (!pak.signers)
      r.require(pakF, pak, 'signers', 'all, none, heads, or rules such as { column: JABATAN, matches: "^Kepala " }');
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
        r.error(
          sh.heads,
          'event-bad-value',
          "heads must be rules that find each unit's head, not all or none",
          'e.g. heads: { column: JABATAN, matches: "^Kepala |^Camat " }',
        );
      } else if (h) heads = h;
    }
    if (sh.default && sh.defaultOfficer) {
      r.error(
        sh.defaultOfficer,
        'event-duplicate-key',
        'default and defaultOfficer are the same setting; give only one',
        'keep default:',
      );
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
          r.error(
            e,
            'event-duplicate-unit',
            `unit '${unit}' is listed twice (unit names are compared without regard to case)`,
            `the first is ${firstLine[key]}`,
          );
          continue;
        }
        firstLine[key] = unit;
        const o = official(r, e);
        if (o) officers[key] = o;
      }
    }
    if (!d && !anyOfficer && !heads) {
      r.error(
        shF,
        'event-no-officer',
        'no officer is given to sign the sheets',
        "add default: (the officer for every unit), heads: (a rule that finds each unit's head in the roster) and/or officers: (unit name: officer)",
      );
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
        r.error(
          top.extra,
          'event-wrong-type',
          `cannot be read: ${(e as Error).message}`,
          'write extra: followed by indented key: value lines',
        );
      }
    } else
      r.error(
        top.extra,
        'event-wrong-type',
        `expected a group of keys, found ${r.describe(n)}`,
        'write extra: followed by indented key: value lines',
      );
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

  if (
    !govName ||
    !region ||
    !officeName ||
    !label ||
    year === undefined ||
    !date ||
    !time ||
    !place ||
    !reader ||
    !signers
  )
    return undefined;
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
