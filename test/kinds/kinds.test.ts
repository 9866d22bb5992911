/** Participants of every kind: NRP rules, kind parsing, mixed rosters, and `check` on misfit identifiers. */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseNrp, looksLikeNrp } from '../../src/roster/nrp.js';
import { parseKind } from '../../src/roster/identity.js';
import { parseRank, rankLabel } from '../../src/roster/rank.js';
import { readRoster } from '../../src/roster/read.js';
import { readAndCheck } from '../../src/check/check.js';
import { personData } from '../../src/documents/common.js';
import { tempDir } from '../roster/helpers.js';

const tmp = tempDir('kinds');
const EXAMPLE = path.resolve('examples/sijunjung');

describe('NRP', () => {
  it('accepts a Polri NRP of 8 digits with a birth month', () => {
    expect(parseNrp('85071234', 'Polri')).toEqual({ ok: true, nrp: '85071234' });
    expect(parseNrp("'8507 1234", 'Polri')).toEqual({ ok: true, nrp: '85071234' });
    expect(parseNrp('85.07.1234', 'Polri')).toEqual({ ok: true, nrp: '85071234' });
  });
  it('refuses a Polri NRP of the wrong length or with an impossible month', () => {
    expect(parseNrp('8507123', 'Polri')).toMatchObject({ ok: false, code: 'nrp-length' });
    expect(parseNrp('851312345', 'Polri')).toMatchObject({ ok: false, code: 'nrp-length' });
    expect(parseNrp('85131234', 'Polri')).toMatchObject({ ok: false, code: 'nrp-month' });
    expect(parseNrp('85001234', 'Polri')).toMatchObject({ ok: false, code: 'nrp-month' });
  });
  it('accepts TNI NRPs of 5 to 14 digits, with slashes or dashes', () => {
    expect(parseNrp('11020012340379', 'TNI')).toEqual({ ok: true, nrp: '11020012340379' });
    expect(parseNrp('21960123', 'TNI')).toEqual({ ok: true, nrp: '21960123' });
    expect(parseNrp('31567', 'TNI')).toEqual({ ok: true, nrp: '31567' });
    expect(parseNrp('1102-0012/340379', 'TNI')).toEqual({ ok: true, nrp: '11020012340379' });
    expect(parseNrp('1234', 'TNI')).toMatchObject({ ok: false, code: 'nrp-length' });
    expect(parseNrp('123456789012345', 'TNI')).toMatchObject({ ok: false, code: 'nrp-length' });
  });
  it('says a NIP is a NIP, and refuses letters and Excel numbers', () => {
    const r = parseNrp('196805121994031006', 'TNI');
    expect(r).toMatchObject({ ok: false, code: 'nrp-is-nip' });
    expect(!r.ok && r.message).toMatch(/looks like a NIP/);
    expect(parseNrp('19680512 199403 1 006', 'Polri')).toMatchObject({ ok: false, code: 'nrp-is-nip' });
    expect(parseNrp('NRP 8507A234', 'Polri')).toMatchObject({ ok: false, code: 'nrp-not-digits' });
    expect(parseNrp('8.507123E+7', 'Polri')).toMatchObject({ ok: false, code: 'nrp-excel-number' });
  });
  it('tells an NRP-shaped value from a NIP', () => {
    expect(looksLikeNrp('85071234')).toBe(true);
    expect(looksLikeNrp('196805121994031006')).toBe(false);
    expect(looksLikeNrp('123456789')).toBe(false); // an old NIP
  });
});

describe('kinds', () => {
  it('reads every kind from a status column', () => {
    expect(parseKind('TNI')).toBe('TNI');
    expect(parseKind('TNI AD')).toBe('TNI');
    expect(parseKind('POLRI')).toBe('Polri');
    expect(parseKind('Polri')).toBe('Polri');
    expect(parseKind('Wali Nagari')).toBe('kepala-desa');
    expect(parseKind('Kepala Desa')).toBe('kepala-desa');
    expect(parseKind('Lurah')).toBe('kepala-desa');
    expect(parseKind('Tamu')).toBe('tamu');
    expect(parseKind('Honorer')).toBe('non-ASN');
    expect(parseKind('PPNPN')).toBe('non-ASN');
    expect(parseKind('Perangkat Nagari')).toBe('non-ASN');
    expect(parseKind('PNS')).toBe('PNS');
    expect(parseKind('PPPK')).toBe('PPPK');
    expect(parseKind('Astronaut')).toBe('unknown');
  });
  it('keeps TNI and Polri ranks as written, with no golongan', () => {
    for (const r of [
      'Kompol',
      'AKBP',
      'AKP',
      'Iptu',
      'Ipda',
      'Aiptu',
      'Bripka',
      'Brigpol',
      'Letkol Inf',
      'Mayor Inf',
      'Kapten Inf',
      'Serka',
      'Kopda',
      'Kolonel Laut (P)',
      'Letkol Pnb',
    ]) {
      const rank = parseRank(r, /^(Kompol|AKBP|AKP|Iptu|Ipda|Aiptu|Bripka|Brigpol)$/.test(r) ? 'Polri' : 'TNI');
      expect(rank, r).toEqual({ golongan: '', name: r, raw: r });
      expect(rankLabel(rank as never)).toBe(r);
    }
    expect(parseRank('Penata, III/c', 'TNI')).toHaveProperty('error');
  });
});

const HEAD = 'NAMA;NIP;NRP;PANGKAT;JABATAN;UNIT KERJA;STATUS\n';

describe('a roster of mixed kinds', () => {
  it('gives each kind its identifier, rank and key', async () => {
    const file = tmp.write(
      'mixed.csv',
      HEAD +
        'Hendri Saputra;196805121994031006;;IV/d;Sekretaris Daerah;Setda;PNS\n' +
        'Bambang Setiawan;;11020012340379;Letkol Inf;Komandan Kodim;Kodim;TNI\n' +
        'Dedi Kurniawan;;78091045;AKBP;Kapolres;Polres;POLRI\n' +
        'Zainal Abidin;;;;Wali Nagari Muaro;Nagari;Wali Nagari\n' +
        'Siti Aminah;198203182006042012;;III/d;Lurah Pasar;Kelurahan Pasar;Lurah\n' +
        'Fajar;;;;Operator;Setda;PPNPN\n' +
        'Tamu Undangan;;;;Tokoh Masyarakat;Undangan;Tamu\n',
    );
    const r = await readRoster({ file });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const by = Object.fromEntries(r.people.map((p) => [p.name, p]));
    expect(by['Hendri Saputra']).toMatchObject({
      kind: 'PNS',
      nip: '196805121994031006',
      nrp: null,
      key: '196805121994031006',
    });
    expect(by['Bambang Setiawan']).toMatchObject({
      kind: 'TNI',
      nip: null,
      nrp: '11020012340379',
      key: '11020012340379',
      rank: { golongan: '', name: 'Letkol Inf' },
    });
    expect(by['Dedi Kurniawan']).toMatchObject({ kind: 'Polri', nrp: '78091045', key: '78091045' });
    expect(by['Zainal Abidin']).toMatchObject({ kind: 'kepala-desa', nip: null, nrp: null, rank: null });
    expect(by['Zainal Abidin']!.key).toMatch(/^NA-/);
    // A lurah with a NIP is a PNS.
    expect(by['Siti Aminah']).toMatchObject({ kind: 'PNS', nip: '198203182006042012' });
    expect(by['Fajar']).toMatchObject({ kind: 'non-ASN', nip: null });
    expect(by['Tamu Undangan']).toMatchObject({ kind: 'tamu', nip: null });

    // Documents: the right identifier and rank.
    const tni = personData(by['Bambang Setiawan']!);
    expect(tni).toMatchObject({
      idLabel: 'NRP',
      idText: '11020012340379',
      nrp: '11020012340379',
      rank: 'Letkol Inf',
      rankName: 'Letkol Inf',
      nip: null,
    });
    const head = personData(by['Zainal Abidin']!);
    expect(head).toMatchObject({ idLabel: null, rank: '-', rankName: null, nip: null, nrp: null });
    expect(personData(by['Hendri Saputra']!)).toMatchObject({ idLabel: 'NIP', idText: '19680512 199403 1 006' });
  });

  it('takes the NRP from a combined NIP/NRP column', async () => {
    const r = await readRoster({ file: path.join(EXAMPLE, 'roster.csv') });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const kinds: Record<string, number> = {};
    for (const p of r.people) kinds[p.kind] = (kinds[p.kind] ?? 0) + 1;
    expect(kinds).toEqual({ PNS: 8, PPPK: 1, 'non-ASN': 1, TNI: 5, Polri: 6, 'kepala-desa': 11 });
    const kapolres = r.people.find((p) => p.position.startsWith('Kepala Kepolisian Resor'))!;
    expect(kapolres).toMatchObject({ nrp: '78091045', nip: null, key: '78091045' });
    expect(new Set(r.people.map((p) => p.key)).size).toBe(r.people.length);
  });

  it('reports identifiers that do not fit their kind, each with its line', async () => {
    const file = tmp.write(
      'bad.csv',
      HEAD +
        'A;;196805121994031006;Kompol;Kapolsek;Polsek;POLRI\n' + // 2: a NIP in the NRP column
        'B;196805121994031006;;Letkol Inf;Dandim;Kodim;TNI\n' + // 3: a NIP for a TNI member
        'C;;85131234;Iptu;Kapolsek;Polsek;POLRI\n' + // 4: month 13
        'D;;;Serka;Babinsa;Koramil;TNI\n' + // 5: no NRP
        'E;198203182006041012;85071234;III/d;Kabag;Setda;PNS\n' + // 6: an NRP in a PNS row
        'F;85071234;;III/d;Kabag;Setda;PNS\n' + // 7: an NRP in the NIP column of a PNS
        'G;;21960123;;Staf;Setda;\n' + // 8: NRP without TNI/POLRI
        'H;;80031122;Kompol;Kabag Ops;Polres;POLRI\n' +
        'I;;80031122;Kompol;Kabag Ops;Polres;POLRI\n', // 10: duplicate NRP
    );
    const r = await readRoster({ file });
    const errs = r.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.code, p.field]);
    expect(errs).toEqual([
      [2, 'nrp-is-nip', 'NRP'],
      [3, 'nrp-is-nip', 'NIP'],
      [4, 'nrp-month', 'NRP'],
      [5, 'nrp-missing', 'NRP'],
      [6, 'nrp-for-asn', 'NRP'],
      [7, 'nip-looks-like-nrp', 'NIP'],
      [8, 'nrp-kind-missing', 'NRP'],
      [10, 'nrp-duplicate', 'NRP'],
    ]);
    expect(r.problems.find((p) => p.line === 2)!.message).toMatch(/looks like a NIP/);
  });

  it('`check` reports them too (readAndCheck is what `ikrar check` runs)', async () => {
    const file = tmp.write(
      'check.csv',
      HEAD + 'A;;196805121994031006;Kompol;Kapolsek;Polsek;POLRI\nB;196805121994031006;;IV/d;Sekda;Setda;PNS\n',
    );
    const res = await readAndCheck(file, path.join(EXAMPLE, 'event.yaml'));
    expect(res.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toContain('nrp-is-nip');
  });
});
