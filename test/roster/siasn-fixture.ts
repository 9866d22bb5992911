/**
 * A realistic SIASN "Export Data ASN" for tests: a kabupaten's OPDs (Sekretariat Daerah, Sekretariat
 * DPRD, Inspektorat, Dinas, Badan, RSUD, Kecamatan, Kelurahan), each with its head, a secretary,
 * Bidang / Bagian and, under them, Seksi / Sub Bagian with their staff. As in SIASN, `UNOR NAMA` is
 * the person's own, lowest unit (the Seksi for its staff) and `UNOR INDUK NAMA` the OPD above it.
 * Rows come in NIP order, not in organisation-chart order (as exports do). Deterministic: the same
 * options give the same bytes.
 */
import { nip } from './helpers.js';

export interface SiasnOptions {
  /** About how many people (the generator adds whole Seksi until it reaches it). Default 3,000. */
  people?: number;
  /** Add an ESELON column (II.a, II.b, III.a, …; empty for staff), as local SIMPEG exports have. */
  eselon?: boolean;
}

export const SIASN_HEADERS = [
  'PNS ID',
  'NIP BARU',
  'NIP LAMA',
  'NAMA',
  'GELAR DEPAN',
  'GELAR BELAKANG',
  'JENIS KELAMIN',
  'JENIS PEGAWAI NAMA',
  'KEDUDUKAN HUKUM NAMA',
  'GOL AKHIR NAMA',
  'JENIS JABATAN NAMA',
  'JABATAN NAMA',
  'UNOR ID',
  'UNOR NAMA',
  'UNOR INDUK ID',
  'UNOR INDUK NAMA',
  'INSTANSI INDUK NAMA',
  'SATUAN KERJA KERJA NAMA',
];

interface Opd {
  name: string;
  head: string;
  headEselon: string;
  /** Bidang-level units (Bidang / Bagian / Seksi of a kecamatan). */
  divisions: string[];
  kind: 'setda' | 'dinas' | 'kecamatan' | 'kelurahan';
}

const DINAS = [
  'Pendidikan',
  'Kesehatan',
  'Pekerjaan Umum dan Penataan Ruang',
  'Sosial',
  'Perhubungan',
  'Lingkungan Hidup',
  'Kependudukan dan Pencatatan Sipil',
  'Pertanian',
  'Perikanan',
  'Komunikasi dan Informatika',
  'Pariwisata',
  'Koperasi dan Usaha Mikro',
  'Perdagangan dan Perindustrian',
  'Tenaga Kerja dan Transmigrasi',
  'Pemberdayaan Masyarakat dan Desa',
  'Perumahan dan Kawasan Permukiman',
  'Kepemudaan dan Olahraga',
  'Perpustakaan dan Kearsipan',
];
const BADAN = [
  'Perencanaan Pembangunan Daerah',
  'Keuangan dan Aset Daerah',
  'Pendapatan Daerah',
  'Kepegawaian dan Pengembangan Sumber Daya Manusia',
  'Penanggulangan Bencana Daerah',
  'Kesatuan Bangsa dan Politik',
];
const KECAMATAN = ['Sukamara', 'Jelai', 'Pantai Lunci', 'Balai Riam', 'Permata Kecubung'];
const KELURAHAN = ['Mendawai', 'Padang', 'Kartamulia', 'Sukaraja', 'Natai Sedawak'];
const BIDANG = ['Perencanaan', 'Pelayanan', 'Pembinaan', 'Pengendalian', 'Pengembangan'];
const SEKSI = ['Data dan Informasi', 'Program', 'Evaluasi', 'Pengawasan'];
const FIRST = [
  'AHMAD',
  'SITI',
  'BUDI',
  'DEWI',
  'RAHMAT',
  'NUR',
  'YULIANA',
  'MUHAMMAD',
  'RATNA',
  'EKO',
  'HENDRA',
  'FITRI',
  'AGUS',
  'WULAN',
  'RIZKI',
  'LINDA',
];
const LAST = [
  'SANTOSO',
  'HIDAYAT',
  'LESTARI',
  'SAPUTRA',
  'RAHMAWATI',
  'FAUZAN',
  'PURNAMA',
  'WIJAYA',
  'SARI',
  'HASAN',
  'NORJANAH',
  'SETIAWAN',
];
const STAFF = [
  'Analis Kebijakan Ahli Muda',
  'Pranata Komputer Ahli Pertama',
  'Pengadministrasi Umum',
  'Pengelola Keuangan',
  'Analis Data',
  'Pengemudi',
  'Arsiparis Terampil',
  'Perencana Ahli Pertama',
];
const RANKS = ['II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d'];

/** The OPDs in organisation-chart order (the order the sheets should follow). */
export function siasnOpds(): Opd[] {
  const opds: Opd[] = [
    {
      name: 'Sekretariat Daerah',
      head: 'Sekretaris Daerah',
      headEselon: 'II.a',
      kind: 'setda',
      divisions: ['Bagian Pemerintahan', 'Bagian Hukum', 'Bagian Umum', 'Bagian Organisasi', 'Bagian Perekonomian'],
    },
    {
      name: 'Sekretariat DPRD',
      head: 'Sekretaris DPRD',
      headEselon: 'II.b',
      kind: 'setda',
      divisions: ['Bagian Umum', 'Bagian Persidangan'],
    },
    {
      name: 'Inspektorat',
      head: 'Inspektur',
      headEselon: 'II.b',
      kind: 'dinas',
      divisions: ['Inspektur Pembantu Wilayah I', 'Inspektur Pembantu Wilayah II'],
    },
  ];
  for (const d of DINAS)
    opds.push({
      name: `Dinas ${d}`,
      head: `Kepala Dinas ${d}`,
      headEselon: 'II.b',
      kind: 'dinas',
      divisions: BIDANG.slice(0, 3 + (d.length % 3)).map((b) => `Bidang ${b}`),
    });
  for (const b of BADAN)
    opds.push({
      name: `Badan ${b}`,
      head: `Kepala Badan ${b}`,
      headEselon: 'II.b',
      kind: 'dinas',
      divisions: BIDANG.slice(0, 3).map((x) => `Bidang ${x}`),
    });
  opds.push({
    name: 'RSUD Bumi Sukamara',
    head: 'Direktur RSUD Bumi Sukamara',
    headEselon: 'II.b',
    kind: 'dinas',
    divisions: ['Bidang Pelayanan Medik', 'Bidang Keperawatan'],
  });
  for (const k of KECAMATAN)
    opds.push({
      name: `Kecamatan ${k}`,
      head: `Camat ${k}`,
      headEselon: 'III.a',
      kind: 'kecamatan',
      divisions: ['Seksi Pemerintahan', 'Seksi Ketenteraman dan Ketertiban Umum', 'Seksi Pelayanan Umum'],
    });
  for (const k of KELURAHAN)
    opds.push({
      name: `Kelurahan ${k}`,
      head: `Lurah ${k}`,
      headEselon: 'IV.a',
      kind: 'kelurahan',
      divisions: ['Seksi Pemerintahan', 'Seksi Pelayanan'],
    });
  return opds;
}

interface Row {
  nipIndex: number;
  name: string;
  position: string;
  jenis: string;
  eselon: string;
  unit: string;
  opd: string;
  rank: string;
}

/** The people, in organisation-chart order (the CSV shuffles them into NIP order). */
export function siasnPeople(opts: SiasnOptions = {}): Row[] {
  const target = opts.people ?? 3000;
  const opds = siasnOpds();
  const rows: Row[] = [];
  const person = (position: string, eselon: string, unit: string, opd: string, jenis = 'Struktural'): void => {
    const i = rows.length;
    rows.push({
      nipIndex: (i * 7919) % 998_001,
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 5 + 3) % LAST.length]}`,
      position,
      jenis,
      eselon,
      unit,
      opd,
      rank: eselon
        ? eselon.startsWith('II.')
          ? 'IV/c'
          : eselon.startsWith('III.')
            ? 'IV/a'
            : 'III/d'
        : RANKS[i % RANKS.length]!,
    });
  };
  // Skeleton: heads, secretaries, Bidang and Seksi heads; then staff Seksi by Seksi until the target.
  const seksi: { unit: string; opd: string }[] = [];
  for (const o of opds) {
    person(o.head, o.headEselon, o.name, o.name);
    if (o.kind === 'dinas') person(`Sekretaris ${o.name}`, 'III.a', `Sekretariat ${o.name}`, o.name);
    if (o.kind === 'kecamatan') person(`Sekretaris ${o.name}`, 'III.b', `Sekretariat ${o.name}`, o.name);
    for (const d of o.divisions) {
      const lead = o.kind === 'setda' ? 'III.a' : o.kind === 'kecamatan' || o.kind === 'kelurahan' ? 'IV.a' : 'III.b';
      const unitName = `${d} ${o.name}`;
      if (o.kind === 'kecamatan' || o.kind === 'kelurahan') {
        person(`Kepala ${d}`, o.kind === 'kelurahan' ? 'IV.b' : lead, unitName, o.name);
        seksi.push({ unit: unitName, opd: o.name });
        continue;
      }
      person(`Kepala ${d}`, lead, unitName, o.name);
      for (const s of SEKSI.slice(0, 2 + (d.length % 3))) {
        const sub = o.kind === 'setda' ? `Sub Bagian ${s} ${d}` : `Seksi ${s} ${d}`;
        person(`Kepala ${o.kind === 'setda' ? 'Sub Bagian' : 'Seksi'} ${s}`, 'IV.a', `${sub} ${o.name}`, o.name);
        seksi.push({ unit: `${sub} ${o.name}`, opd: o.name });
      }
    }
    if (o.kind === 'dinas') seksi.push({ unit: `Sekretariat ${o.name}`, opd: o.name });
  }
  let k = 0;
  while (rows.length < target) {
    const s = seksi[k % seksi.length]!;
    // 1–5 staff at a time, jabatan and kind spread by position (no randomness: the same bytes every run)
    const n = 1 + ((k * 7 + Math.floor(k / seksi.length)) % 5);
    for (let j = 0; j < n && rows.length < target; j++)
      person(
        STAFF[(rows.length * 3) % STAFF.length]!,
        '',
        s.unit,
        s.opd,
        rows.length % 10 < 7 ? 'Fungsional' : 'Pelaksana',
      );
    k++;
  }
  return rows;
}

function cell(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** The export as CSV text (comma-separated, every cell quoted, NIPs with Excel's leading `'`, CRLF). */
export function siasnCsv(opts: SiasnOptions = {}): string {
  const rows = siasnPeople(opts);
  const headers = opts.eselon ? [...SIASN_HEADERS.slice(0, 12), 'ESELON', ...SIASN_HEADERS.slice(12)] : SIASN_HEADERS;
  const byNip = rows
    .map((r) => ({ r, nip: nip(r.nipIndex) }))
    .sort((a, b) => (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0));
  const lines = [headers.map(cell).join(',')];
  byNip.forEach(({ r, nip: n }, i) => {
    const cells = [
      `id-${i}`,
      `'${n}`,
      '',
      r.name,
      '',
      'S.E.',
      n[14] === '1' ? 'M' : 'F',
      'PNS Daerah',
      'Aktif',
      r.rank,
      r.jenis,
      r.position,
      ...(opts.eselon ? [r.eselon] : []),
      `u-${r.unit.length}`,
      r.unit,
      `o-${r.opd.length}`,
      r.opd,
      'Pemerintah Kab. Sukamara',
      'Pemerintah Kab. Sukamara',
    ];
    lines.push(cells.map(cell).join(','));
  });
  return lines.join('\r\n') + '\r\n';
}
