/**
 * Who a roster row is: its kind (PNS, PPPK, TNI, Polri, village head, guest, non-ASN) from the status
 * column and the NIP or NRP, and the sex from the NIP's digit or the column; every disagreement
 * between them a problem on the row's cell.
 */
import type { RosterField } from '../model/event.js';
import type { PersonKind } from '../model/person.js';
import { formatNip, parseNip } from './nip.js';
import { looksLikeNrp, parseNrp } from './nrp.js';
import { cleanCell } from '../util/cells.js';
import { isEmpty, type RowCells } from './row.js';

/**
 * Reads the kind from a status column: PNS / PPPK / non-ASN (PPNPN, honorer), TNI, Polri, a village
 * head (wali nagari, kepala desa, lurah) or a guest (tamu). undefined = empty, 'unknown' = unrecognised.
 * A lurah is usually a PNS: with a NIP the row counts as PNS (see PeopleBuilder).
 */
export function parseKind(raw: string): PersonKind | undefined | 'unknown' {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (s === '') return undefined;
  const compact = s.replace(/ /g, '');
  if (
    /^(tni|tentara|prajurit)( |$)/.test(s) ||
    /^(tniad|tnial|tniau)$/.test(compact) ||
    /^(angkatan (darat|laut|udara))/.test(s)
  )
    return 'TNI';
  if (/^(polri|polisi|kepolisian)( |$)/.test(s)) return 'Polri';
  if (/^(perangkat (desa|nagari|kelurahan))/.test(s)) return 'non-ASN';
  if (
    /^(wali ?nagari|walinagari|kepala (desa|nagari|kampung|pekon|kelurahan|gampong)|kades|lurah|penghulu|perbekel|keuchik|geuchik|petinggi|kuwu|pambakal|hukum tua|village head)( |$)/.test(
      s,
    ) ||
    compact === 'walinagari'
  ) {
    return 'kepala-desa';
  }
  if (/^(tamu|undangan|guest|masyarakat|tokoh)( |$)/.test(s)) return 'tamu';
  if (
    /^(non ?asn|nonasn|non pns|honorer|honor|thl|tenaga harian lepas|ppnpn|tkk|tenaga kontrak|kontrak|outsourcing|tenaga ahli|magang|relawan)/.test(
      s,
    ) ||
    compact.startsWith('nonasn') ||
    compact.startsWith('nonpns') ||
    compact === 'thl' ||
    compact === 'ppnpn'
  ) {
    return 'non-ASN';
  }
  if (/(^| )(pppk|p3k)( |$)/.test(s) || compact.startsWith('pppk') || compact.includes('perjanjiankerja'))
    return 'PPPK';
  if (
    /^(c?pns)( |$)/.test(s) ||
    compact === 'pns' ||
    compact === 'cpns' ||
    compact.startsWith('pnsd') ||
    s.includes('pegawai negeri')
  )
    return 'PNS';
  if (s === 'asn') return 'PNS';
  return 'unknown';
}

/** L / P from a JENIS KELAMIN cell. */
export function parseSex(raw: string): 'L' | 'P' | undefined {
  const s = raw.toLowerCase().replace(/[^a-z]/g, '');
  if (['l', 'lk', 'laki', 'lakilaki', 'pria', 'm', 'male', 'cowok'].includes(s)) return 'L';
  if (['p', 'pr', 'perempuan', 'wanita', 'f', 'female', 'w'].includes(s)) return 'P';
  return undefined;
}

export interface Identity {
  nip: string | null;
  nrp: string | null;
  kind: PersonKind;
  sex: 'L' | 'P' | null;
}

/** The row's NIP, NRP, kind and sex, problems reported on `r`. */
export function readIdentity(r: RowCells): Identity {
  const nipRaw = r.raw('nip');
  const kindRaw = r.get('kind');
  let kindCol = parseKind(kindRaw);
  if (kindCol === 'unknown') {
    r.warn(
      'kind-unknown',
      'kind',
      `status '${kindRaw}' is not PNS, PPPK, TNI, POLRI, Wali Nagari, Tamu or non-ASN; the NIP decides`,
      'write PNS, PPPK, TNI, POLRI, Wali Nagari / Kepala Desa / Lurah, Tamu or Non ASN (also Honorer, THL, PPNPN)',
    );
    kindCol = undefined;
  }

  // NIP, NRP and kind.
  let nip: string | null = null;
  let nrp: string | null = null;
  let kind: PersonKind;
  let sex: 'L' | 'P' | null = null;
  const nipText = cleanCell(nipRaw);
  const nrpRaw = r.raw('nrp');
  const nrpText = cleanCell(nrpRaw);
  const kindHead = r.head('kind') ?? 'STATUS';
  if (kindCol === 'TNI' || kindCol === 'Polri') {
    // The NRP column, or a combined NIP/NRP column.
    const fromNrp = !isEmpty(nrpText);
    const field: RosterField = fromNrp ? 'nrp' : 'nip';
    const raw = fromNrp ? nrpRaw : nipRaw;
    kind = kindCol;
    if (!fromNrp && isEmpty(nipText)) {
      r.err(
        'nrp-missing',
        r.has('nrp') ? 'nrp' : 'nip',
        `NRP is empty for a ${kindCol} member`,
        `fill in the NRP (${kindCol === 'Polri' ? '8 digits, e.g. 85071234' : '5 to 14 digits'}), or correct the ${kindHead} column`,
      );
    } else {
      const n = parseNrp(raw, kindCol);
      if (n.ok) nrp = n.nrp;
      else r.err(n.code, field, n.message, n.hint);
      if (fromNrp && !isEmpty(nipText)) {
        r.err(
          'nip-for-nrp-kind',
          'nip',
          `the row is marked ${kindRaw} but also has a NIP '${nipText}'`,
          `a ${kindCol} member has an NRP only; for a civil servant write PNS in the ${kindHead} column`,
        );
      }
    }
  } else if (kindCol === 'kepala-desa' && isEmpty(nipText)) {
    // A village head (wali nagari, kepala desa): no identifier.
    kind = 'kepala-desa';
  } else if (kindCol === 'kepala-desa' && !parseNip(nipRaw).ok) {
    const p = parseNip(nipRaw);
    r.warn(
      'nip-ignored',
      'nip',
      `'${nipText}' is not a NIP (${p.ok ? '' : p.message}); ignored for a village head`,
      'leave the NIP empty for a wali nagari or kepala desa; a lurah who is a PNS keeps the NIP',
    );
    kind = 'kepala-desa';
  } else if ((kindCol === 'tamu' || kindCol === 'non-ASN') && isEmpty(nipText)) {
    kind = kindCol;
  } else if (kindCol === 'tamu' && !parseNip(nipRaw).ok) {
    const p = parseNip(nipRaw);
    r.warn(
      'nip-ignored',
      'nip',
      `'${nipText}' is not a NIP (${p.ok ? '' : p.message}); ignored for a guest`,
      'leave the NIP empty for guests',
    );
    kind = 'tamu';
  } else if (isEmpty(nipText)) {
    if (kindCol === 'PNS' || kindCol === 'PPPK') {
      r.err(
        'nip-missing',
        'nip',
        `NIP is empty for a ${kindCol}`,
        `fill in the 18-digit NIP, or mark the row as Non ASN in the ${r.head('kind') ?? 'STATUS'} column`,
      );
    }
    kind = kindCol === 'PNS' || kindCol === 'PPPK' ? kindCol : 'non-ASN';
  } else {
    const p = parseNip(nipRaw);
    if (p.ok) {
      nip = p.nip;
      const nipKind: PersonKind = p.kind === 'PPPK' ? 'PPPK' : 'PNS';
      kind = kindCol === 'PNS' || kindCol === 'PPPK' ? kindCol : nipKind;
      if (p.kind !== 'old' && kindCol && kindCol !== nipKind && kindCol !== 'kepala-desa') {
        r.warn(
          'kind-mismatch',
          'kind',
          `status '${kindRaw}' but NIP ${formatNip(p.nip)} is a ${nipKind} number; counted as ${nipKind}`,
          'correct the status or the NIP',
        );
        kind = nipKind;
      }
      if (p.sex) sex = p.sex;
      if (p.kind === 'old') {
        r.warn(
          'nip-old',
          'nip',
          `NIP '${nipText}' is an old 9-digit NIP`,
          'use the 18-digit NIP (NIP BARU) where you have it',
        );
      }
    } else if (kindCol === 'non-ASN') {
      r.warn(
        'nip-ignored',
        'nip',
        `'${nipText}' is not a NIP (${p.message}); ignored for a non-ASN row`,
        'leave the NIP empty for non-ASN staff',
      );
      kind = 'non-ASN';
    } else if (looksLikeNrp(nipRaw) && p.code !== 'nip-excel-number') {
      r.err(
        'nip-looks-like-nrp',
        'nip',
        `'${nipText}' looks like an NRP (TNI/Polri), not a NIP (${p.message})`,
        `for a TNI or Polri member write TNI or POLRI in the ${r.head('kind') ?? 'STATUS'} column; for a PNS give the 18-digit NIP`,
      );
      kind = kindCol === 'PNS' || kindCol === 'PPPK' ? kindCol : 'PNS';
    } else {
      r.err(p.code, 'nip', p.message, p.hint, p.params);
      kind = kindCol === 'PNS' || kindCol === 'PPPK' ? kindCol : 'PNS';
    }
  }
  // An NRP outside TNI/Polri: a civil servant has a NIP; others have no identifier.
  if (kind !== 'TNI' && kind !== 'Polri' && !isEmpty(nrpText)) {
    if (kind === 'PNS' || kind === 'PPPK') {
      r.err(
        'nrp-for-asn',
        'nrp',
        `'${nrpText}' in the NRP column, but the row is a ${kind}${nip ? ` with NIP ${formatNip(nip)}` : ''}`,
        `an NRP belongs to TNI or Polri: write TNI or POLRI in the ${r.head('kind') ?? 'STATUS'} column, or clear the NRP`,
      );
    } else if (kindCol === undefined) {
      r.err(
        'nrp-kind-missing',
        'nrp',
        `'${nrpText}' in the NRP column, but the row does not say TNI or POLRI`,
        `write TNI or POLRI in the ${r.head('kind') ?? 'STATUS'} column (an NRP's digits do not tell the two apart)`,
      );
    } else {
      r.warn(
        'nrp-ignored',
        'nrp',
        `'${nrpText}' in the NRP column is ignored for a ${kind} row`,
        'only TNI and Polri members have an NRP',
      );
    }
  }

  // Sex: the NIP's digit wins; the column fills in for people without NIP.
  const sexRaw = r.get('sex');
  if (sexRaw !== '') {
    const s = parseSex(sexRaw);
    if (s === undefined)
      r.warn('sex-unknown', 'sex', `'${sexRaw}' is not L or P`, 'write L (laki-laki) or P (perempuan)');
    else if (sex && s !== sex)
      r.warn(
        'sex-mismatch',
        'sex',
        `'${sexRaw}' does not match digit 15 of the NIP (${sex})`,
        'correct the NIP or the column',
      );
    else sex = s;
  }
  return { nip, nrp, kind, sex };
}
