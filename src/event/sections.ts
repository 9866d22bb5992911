/** The event file's larger sections read on their own: deklarasi, logo, officials, pakta signers and rules, roster columns. */
import path from 'node:path';
import { isMap, isScalar, isSeq } from 'yaml';
import type {
  DeklarasiConfig,
  DeklarasiSigner,
  EventConfig,
  Official,
  PersonRule,
  RosterField,
} from '../model/event.js';
import { parseNip } from '../roster/nip.js';
import { parseNrp } from '../roster/nrp.js';
import type { World } from '../world/world.js';
import { logoFault } from './logo.js';
import { closest } from './closest.js';
import { patternFault } from './pattern.js';
import { KNOWN_PREFIXES, isRegionalHeadPosition, normalisePrefix } from './official.js';
import { Reader, type Field } from './reader.js';
import { ALIASES, DEFAULT_WITNESS_LABEL, EVENT_KEYS, FIELD_ALIASES, ROSTER_FIELDS } from './keys.js';
import { need, opt, section, type Fields } from './walk.js';

export const DEFAULT_DEKLARASI_TITLE = 'DEKLARASI NETRALITAS';

/** `deklarasi:` — the joint declaration; undefined when absent (or wrong: the errors are reported). */
export function readDeklarasi(
  r: Reader,
  root: Field,
  top: Fields,
  eventWitnesses: Official[],
): DeklarasiConfig | undefined {
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
      const m = r.map(it, EVENT_KEYS.deklarasiSigner, {
        aliases: ALIASES.deklarasiSigner,
        what: 'a signer (name:, position:, institution:)',
      });
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
    r.error(
      dF,
      'event-deklarasi-no-signers',
      'the deklarasi has nobody to sign it',
      'add signers: (a rule over the roster, or all) and/or people: (a list of name:, position:, institution:)',
    );
    ok = false;
  }
  return ok ? { title, text, signers, people, columns, witnesses, witnessLabel } : undefined;
}

export function readLogo(r: Reader, f: Field | undefined, dir: string, world: World): string | undefined {
  const s = opt(r, f);
  if (s === undefined || /^(none|tidak ada|-)$/i.test(s)) return undefined;
  const logo = world.platform === 'win32' ? s : s.replace(/\\/g, '/');
  const bad = logoFault(world, path.resolve(dir, logo), logo);
  if (bad) {
    const relative = bad.kind === 'not-found' || bad.kind === 'not-file' || bad.kind === 'not-image';
    const hint = relative
      ? `give the path of a PNG or JPEG file, relative to the folder of the event file (${dir}), or leave logo: out`
      : bad.hint;
    r.error(f!, relative ? 'event-logo' : 'logo-unusable', bad.message, hint, relative ? undefined : bad.params);
  }
  return logo;
}

/** An official: name, position, and optional rank, NIP, prefix, regionalHead. */
export function official(r: Reader, f: Field): Official | undefined {
  const m = r.map(f, EVENT_KEYS.official, {
    aliases: ALIASES.official,
    what: 'an official (name:, position:, and rank:, nip: for an ASN)',
  });
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
      else
        r.error(
          m.nip,
          res.code,
          res.message,
          res.code === 'nip-excel-number' ? 'write the NIP in quotes, exactly as on the SK' : res.hint,
        );
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
    if (!prefix)
      r.error(
        m.prefix!,
        'event-bad-prefix',
        `'${rawPrefix}' is not a delegation prefix`,
        `use one of ${KNOWN_PREFIXES.join(' ')}`,
      );
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
    r.warn(
      f,
      'event-head-rank',
      `${name} signs as a regional head: the ${what} not printed`,
      'a Bupati (also Pj./Plt./Plh.) signs with the name only; remove them, or set regionalHead: false',
    );
  }
  const o: Official = { name, position, regionalHead: head };
  if (rank) o.rank = rank;
  if (nip) o.nip = nip;
  if (nrp) o.nrp = nrp;
  if (prefix) o.prefix = prefix;
  return o;
}

export function readSigners(r: Reader, f: Field, parent: Field): EventConfig['pakta']['signers'] | undefined {
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
    r.error(
      f,
      'event-bad-value',
      `signers must be all, none, heads, or rules; found ${r.describe(n)}`,
      'e.g. signers: heads (each unit\'s head), or signers: { column: JABATAN, matches: "^Kepala " }',
    );
    return undefined;
  }
  if (n && isMap(n)) {
    const rule = readRule(r, f);
    return rule ? [rule] : undefined;
  }
  if (n && isSeq(n)) {
    const items = r.list(f) ?? [];
    if (!items.length) {
      r.error(
        f,
        'event-empty',
        'the list of rules is empty',
        'write signers: all, signers: none, signers: heads, or at least one rule',
      );
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

export function readRule(r: Reader, f: Field): PersonRule | undefined {
  const m = r.map(f, EVENT_KEYS.rule, { aliases: ALIASES.rule, what: 'a rule (column:, and matches: or in:)' });
  if (!m) return undefined;
  const column = need(r, f, m, 'column', 'the roster column header, e.g. JABATAN');
  let ok = column !== undefined;
  const rule: PersonRule = { column: column ?? '' };
  if (m.matches) {
    // Not trimmed: a pattern's spaces matter ("^Kepala " is not "^Kepala").
    const n = r.deref(m.matches.node);
    const s =
      n && isScalar(n) && typeof n.value === 'string' && n.value.trim()
        ? n.value.replace(/\r/g, '')
        : r.str(m.matches, { required: true, what: 'a regular expression' });
    if (s === undefined || s === '') ok = false;
    else {
      const bad = patternFault(s);
      if (!bad) rule.matches = s;
      else {
        ok = false;
        r.error(
          m.matches,
          'event-bad-regex',
          bad.message,
          'check brackets and backslashes; | separates alternatives, ^ anchors at the start; to pick many exact values use in: [ … ]',
          bad.params,
        );
      }
    }
  }
  if (m.in) {
    const list = r.strList(m.in, 'a value');
    if (!list.length) {
      ok = false;
      if (!r.problems.some((p) => p.field?.startsWith(m.in!.path)))
        r.error(m.in, 'event-empty', 'the list of values is empty');
    } else rule.in = list;
  }
  if (!m.matches && !m.in) {
    ok = false;
    r.error(
      { path: f.path, node: null, keyLine: f.keyLine ?? r.nodeLine(r.deref(f.node)) },
      'event-missing',
      'a rule needs matches: or in:',
      'e.g. matches: "^Kepala " or in: [Camat Jelai, Camat Sukamara]',
    );
  }
  return ok ? rule : undefined;
}

export function readColumns(r: Reader, f: Field): Partial<Record<RosterField, string>> {
  const out: Partial<Record<RosterField, string>> = {};
  for (const e of r.entries(f, 'a group of roster fields with their column headers (name: NAMA PEGAWAI)') ?? []) {
    const key = r.keyOf(e, f);
    const field = ROSTER_FIELDS.find((x) => x === key);
    const value = r.str(e, { required: true, what: 'the column header as written in the roster' });
    if (!field) {
      const alias = FIELD_ALIASES[key.toLowerCase().replace(/[\s_-]+/g, '_')];
      const swapped =
        value !== undefined ? ROSTER_FIELDS.find((x) => x.toLowerCase() === value.toLowerCase()) : undefined;
      const near = alias ?? closest(key, ROSTER_FIELDS);
      const hint = swapped
        ? `write it the other way round: ${swapped}: ${key}`
        : near
          ? `did you mean '${near}'?`
          : `fields: ${ROSTER_FIELDS.join(', ')}`;
      r.error(
        { path: e.path, node: null, keyLine: e.keyLine },
        'event-unknown-field',
        `'${key}' is not a roster field`,
        hint,
      );
      continue;
    }
    if (value) out[field] = value;
  }
  return out;
}
