/** Hand-built inputs for document and render tests (no roster/event readers needed). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventConfig, Official } from '../../src/model/event.js';
import type { Person } from '../../src/model/person.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = path.join(root, 'test/fixtures/render');

export const bupati: Official = {
  name: 'H. Ahmad Fauzan, S.H.',
  position: 'Bupati Sukamara',
  regionalHead: true,
  prefix: 'Pj.',
};
export const sekda: Official = {
  name: 'Dr. H. Kaspinor, S.E., M.Si.',
  position: 'Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
  rank: 'Pembina Utama Muda',
  nip: '196811041993031009',
  regionalHead: false,
};

export function makeEvent(over: Partial<EventConfig> = {}): EventConfig {
  return {
    file: 'event.yaml',
    dir: fixtures,
    government: { name: 'PEMERINTAH KABUPATEN SUKAMARA', region: 'Sukamara', kind: 'kabupaten' },
    office: {
      name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
      addressLines: ['Jalan Tjilik Riwut No. 1, Sukamara, Kalimantan Tengah 74172'],
    },
    election: { label: 'Pemilihan Serentak', year: 2024 },
    title: 'Apel Ikrar Netralitas ASN',
    code: 'K7QD2M',
    ceremony: {
      date: '2024-11-04',
      time: '07.30',
      until: 'selesai',
      timeZone: 'WIB',
      place: 'Halaman Kantor Bupati Sukamara',
      city: 'Sukamara',
    },
    reader: bupati,
    witnesses: [bupati],
    pakta: { signers: [{ column: 'JABATAN', matches: '^Kepala ' }], witnessLabel: 'Mengetahui,', meterai: false },
    sheets: { officers: { 'dinas pendidikan': sekda }, defaultOfficer: sekda },
    pledge: { institution: 'di lingkungan Pemerintah Kabupaten Sukamara' },
    programme: [
      'Peserta apel memasuki lapangan',
      'Pembacaan ikrar netralitas ASN',
      'Penandatanganan pakta integritas',
      'Doa',
    ],
    paper: 'f4',
    font: 'sans',
    columns: {},
    extra: {},
    ...over,
  };
}

let seq = 0;
export function makePerson(p: Partial<Person> & { name: string; unit: string }): Person {
  seq++;
  const nip = p.nip === undefined ? `1986092620150510${String(seq % 100).padStart(2, '0')}` : p.nip;
  const front = p.frontTitle ?? '';
  const back = p.backTitle ?? '';
  const fullName = p.fullName ?? `${front ? front + ' ' : ''}${p.name}${back ? ', ' + back : ''}`;
  const position = p.position ?? 'Analis Kepegawaian';
  return {
    key: p.key ?? nip ?? `x-${seq}`,
    row: p.row ?? seq + 1,
    nip,
    name: p.name,
    frontTitle: front,
    backTitle: back,
    fullName,
    rank: p.rank === undefined ? { golongan: 'III/b', name: 'Penata Muda Tingkat I', raw: 'III/b' } : p.rank,
    position,
    unit: p.unit,
    nrp: p.nrp ?? null,
    kind: p.kind ?? (nip ? 'PNS' : 'non-ASN'),
    sex: p.sex ?? 'L',
    columns: p.columns ?? { NAMA: p.name, JABATAN: position, 'UNIT KERJA': p.unit },
  };
}

/** A small roster: two units, 25 people in the first (two F4 pages), a name that needs escaping. */
export function makePeople(): Person[] {
  seq = 0;
  const people: Person[] = [];
  people.push(
    makePerson({
      name: 'Budi Santoso',
      frontTitle: 'Drs.',
      backTitle: 'M.Si.',
      unit: 'Dinas Pendidikan',
      position: 'Kepala Dinas Pendidikan',
      rank: { golongan: 'IV/c', name: 'Pembina Utama Muda', raw: 'IV/c' },
    }),
  );
  for (let i = 2; i <= 25; i++) {
    people.push(
      makePerson({
        name: `Pegawai Pendidikan ${i}`,
        unit: 'Dinas Pendidikan',
        position:
          i % 5 === 0 ? 'Pengelola Layanan Operasional pada Subbagian Umum dan Kepegawaian' : 'Guru Ahli Pertama',
      }),
    );
  }
  people.push(
    makePerson({
      name: "Ma'ruf & Sons <Jr>",
      unit: 'Badan Keuangan & Aset Daerah',
      position: 'Kepala Badan Keuangan & Aset Daerah',
      backTitle: 'S.E.',
    }),
  );
  people.push(
    makePerson({
      name: 'Siti Rahmawati',
      unit: 'Badan Keuangan & Aset Daerah',
      nip: null,
      key: 'badan-keuangan-siti',
      rank: null,
      position: 'Tenaga Harian Lepas',
    }),
  );
  people.push(
    makePerson({
      name: 'Yohana br. Sitompul',
      unit: 'Badan Keuangan & Aset Daerah',
      kind: 'PPPK',
      nip: '199001012021212001',
      rank: { golongan: 'IX', raw: 'IX' },
      position: 'Penata Kelola Keuangan',
    }),
  );
  return people;
}
