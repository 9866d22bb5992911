/** The event file's sections that say who signs what: the pakta, the sheets' officers, the berita acara. */
import type { EventConfig, Official, PersonRule } from '../model/event.js';
import type { Field, Reader } from './reader.js';
import { DEFAULT_WITNESS_LABEL } from './keys.js';
import { official, readSigners } from './sections.js';
import { section, opt, type Fields } from './walk.js';

/** pakta: who signs one, its witness (the first witness by default), the witness label, meterai. */
export function readPakta(
  r: Reader,
  root: Field,
  top: Fields,
  witnesses: Official[],
): {
  signers?: EventConfig['pakta']['signers'] | undefined;
  paktaWitness?: Official | undefined;
  witnessLabel: string;
  meterai: boolean;
} {
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
  return { signers, paktaWitness, witnessLabel, meterai };
}

/** sheets: the officer who signs each unit's sheets (by name, by default, or the unit's head by rule). */
export function readSheets(
  r: Reader,
  root: Field,
  top: Fields,
): { officers: Record<string, Official>; defaultOfficer?: Official | undefined; heads?: PersonRule[] | undefined } {
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
  return { officers, defaultOfficer, heads };
}

/** beritaAcara (written by `ikrar tally`): number, signer, witness, witness label. */
export function readBeritaAcara(r: Reader, root: Field, top: Fields): EventConfig['beritaAcara'] {
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
  return beritaAcara;
}
