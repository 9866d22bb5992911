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
import type { EventConfig, FontName, Official, PaperName } from '../model/event.js';
import type { Problem } from '../model/problems.js';
import { deriveEventCode, isEventCode } from '../model/pagecode.js';
import { aliasBomb, MAX_EXPANDED_NODES } from './aliases.js';
import { parseFont, parsePaper } from './fields.js';
import { Reader, type Field } from './reader.js';
import { readUnits } from './units.js';
import { ALIASES, DEFAULT_TITLE, EVENT_KEYS, MAX_EVENT_BYTES } from './keys.js';
import { nodeWorld } from '../world/node.js';
import { localPath } from '../world/paths.js';
import type { World } from '../world/world.js';
import { decode, syntaxHint, syntaxMessage, syntaxParams } from './syntax.js';
import { applyParsed, opt } from './walk.js';
import { official, readColumns, readDeklarasi } from './sections.js';
import { readElection, readGovernment, readOffice } from './government.js';
import { readCeremony } from './ceremony.js';
import { readBeritaAcara, readPakta, readSheets } from './signing.js';

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

function readEvent(r: Reader, dir: string, file: string, world: World): EventConfig | undefined {
  const root: Field = { path: '', node: (r.doc.contents as Node | null) ?? null, keyLine: undefined };
  const top = r.map(root, EVENT_KEYS.top, {
    aliases: ALIASES.top,
    what: 'the event settings (government:, office:, ceremony: …)',
  });
  if (!top) return undefined;

  const { govName, region, kind, logo } = readGovernment(r, root, top, dir, world);
  const { officeName, addressLines } = readOffice(r, root, top);
  const { label, year } = readElection(r, root, top);

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

  const { date, time, until, timeZone, place, city } = readCeremony(r, root, top);

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

  const { signers, paktaWitness, witnessLabel, meterai } = readPakta(r, root, top, witnesses);
  const { officers, defaultOfficer, heads } = readSheets(r, root, top);

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

  const beritaAcara = readBeritaAcara(r, root, top);
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
