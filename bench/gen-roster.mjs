// Deterministic generator of a benchmark roster: N people in 40 units, valid PNS and PPPK NIPs,
// realistic (invented) Indonesian names with titles, ranks and positions, plus a few non-ASN staff.
// Writes the roster as a `;`-separated UTF-8 CSV with BOM (what Excel on Indonesian Windows writes
// when a clerk chooses "CSV UTF-8"), and an event file next to it.
//
//   node bench/gen-roster.mjs 10000 /tmp/dir     → /tmp/dir/roster-10000.csv, /tmp/dir/event.yaml
import { mkdirSync, writeFileSync, existsSync, readFileSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** mulberry32: small, fast, deterministic. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (r, list) => list[Math.floor(r() * list.length)];

export const UNITS = [
  'Sekretariat Daerah',
  'Sekretariat DPRD',
  'Inspektorat Daerah',
  'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah',
  'Badan Keuangan dan Aset Daerah',
  'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
  'Badan Kesatuan Bangsa dan Politik',
  'Badan Penanggulangan Bencana Daerah',
  'Dinas Pendidikan dan Kebudayaan',
  'Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana',
  'Dinas Pekerjaan Umum dan Penataan Ruang',
  'Dinas Perumahan, Kawasan Permukiman dan Pertanahan',
  'Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak',
  'Dinas Kependudukan dan Pencatatan Sipil',
  'Dinas Pemberdayaan Masyarakat dan Desa',
  'Dinas Perhubungan',
  'Dinas Komunikasi, Informatika, Statistik dan Persandian',
  'Dinas Koperasi, Usaha Kecil dan Menengah, Perindustrian dan Perdagangan',
  'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
  'Dinas Pemuda, Olahraga dan Pariwisata',
  'Dinas Perpustakaan dan Kearsipan',
  'Dinas Ketahanan Pangan dan Perikanan',
  'Dinas Pertanian',
  'Dinas Lingkungan Hidup',
  'Dinas Tenaga Kerja dan Transmigrasi',
  'Satuan Polisi Pamong Praja dan Pemadam Kebakaran',
  'Rumah Sakit Umum Daerah Sultan Imanuddin',
  'Kecamatan Sukamara',
  'Kecamatan Jelai',
  'Kecamatan Balai Riam',
  'Kecamatan Pantai Lunci',
  'Kecamatan Permata Kecubung',
  'Kelurahan Mendawai',
  'Kelurahan Padang',
  'UPT Puskesmas Sukamara',
  'UPT Puskesmas Jelai',
  'UPT Puskesmas Balai Riam',
  'SMP Negeri 1 Sukamara',
  'SMP Negeri 2 Jelai',
  'SD Negeri 1 Mendawai',
];

const MALE = [
  'Ahmad',
  'Budi',
  'Agus',
  'Hendra',
  'Rahmat',
  'Slamet',
  'Joko',
  'Dedi',
  'Andi',
  'Fajar',
  'Muhammad',
  'Yusuf',
  'Rizky',
  'Arif',
  'Bambang',
  'Eko',
  'Hadi',
  'Imam',
  'Wahyu',
  'Teguh',
  'Syahrul',
  'Herman',
  'Gusti',
  'Kaspinor',
  'Zefnihan',
  "Ma'ruf",
  'Darmawan',
  'Ilham',
  'Samsul',
  'Rudi',
];
const FEMALE = [
  'Siti',
  'Sri',
  'Dewi',
  'Nur',
  'Rina',
  'Yuliana',
  'Fitri',
  'Lestari',
  'Wulan',
  'Ratna',
  'Endang',
  'Kartini',
  'Indah',
  'Rahmawati',
  'Nurhayati',
  'Ayu',
  'Maya',
  'Putri',
  'Anisa',
  'Novita',
  'Herlina',
  'Mariani',
  'Susanti',
  'Yanti',
  'Rosmiati',
];
const SECOND = [
  'Santoso',
  'Wijaya',
  'Saputra',
  'Hidayat',
  'Setiawan',
  'Kurniawan',
  'Pratama',
  'Nugroho',
  'Hasibuan',
  'Siregar',
  'Nasution',
  'Lubis',
  'Rahman',
  'Fauzi',
  'Sulistyowati',
  'Handayani',
  'Purnamasari',
  'Maulana',
  'Syahputra',
  'Ramadhan',
  'Firmansyah',
  'Kusuma',
  'Anggraini',
  'Permatasari',
  'Wibowo',
  'Gunawan',
  'Effendi',
  'Harahap',
  'Simanjuntak',
  'br. Sitepu',
];
const FRONT = ['', '', '', '', '', '', 'H.', 'Hj.', 'Dr.', 'Ir.', 'drg.', 'dr.', 'Drs.'];
const BACK = [
  'S.Pd.',
  'S.E.',
  'S.Sos.',
  'S.H.',
  'S.Kom.',
  'S.T.',
  'S.Kep., Ners',
  'A.Md.',
  'A.Md.Keb.',
  'S.IP.',
  'M.Si.',
  'S.Pd., M.Pd.',
  'S.E., M.M.',
  'S.H., M.H.',
  'S.Sos., M.AP.',
  'S.Ag.',
  '',
];
const RANKS = [
  'II/a',
  'II/b',
  'II/c',
  'II/d',
  'III/a',
  'III/a',
  'III/b',
  'III/b',
  'III/c',
  'III/c',
  'III/d',
  'III/d',
  'IV/a',
  'IV/a',
  'IV/b',
];
const POSITIONS = [
  'Sekretaris',
  'Kepala Bidang Perencanaan dan Evaluasi',
  'Kepala Sub Bagian Umum dan Kepegawaian',
  'Kepala Sub Bagian Keuangan dan Aset',
  'Kepala Seksi Pelayanan dan Pengaduan Masyarakat',
  'Analis Kepegawaian Ahli Muda',
  'Analis Kebijakan Ahli Pertama',
  'Pranata Komputer Ahli Pertama',
  'Pengelola Keuangan',
  'Pengadministrasi Umum',
  'Pengelola Data dan Informasi',
  'Bendahara Pengeluaran',
  'Arsiparis Terampil',
  'Penyusun Program Anggaran dan Pelaporan',
  'Guru Ahli Pertama',
  'Perawat Terampil',
  'Bidan Ahli Pertama',
  'Penyuluh Pertanian Ahli Muda',
  'Pengemudi',
  'Petugas Keamanan',
];
const PPPK_POS = [
  'Guru Ahli Pertama',
  'Perawat Terampil',
  'Bidan Terampil',
  'Penata Layanan Operasional',
  'Pengelola Umum Operasional',
  'Operator Layanan Operasional',
];
const PPPK_GOL = ['V', 'V', 'VII', 'IX', 'IX', 'X', 'XI'];
const NON_ASN_POS = ['Tenaga Pendukung Administrasi', 'Pramu Bakti', 'Tenaga Kebersihan', 'Sopir'];

const pad = (n, w) => String(n).padStart(w, '0');
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * People for a roster of n, as plain rows in roster order (grouped by unit, head of unit first).
 * Unit sizes vary (weights 1–3) so some units are three times bigger than others.
 */
export function generatePeople(n, { seed = 20241104, units = UNITS } = {}) {
  const r = rng(seed);
  const weights = units.map((_, i) => 1 + ((i * 7) % 3));
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((n * w) / total));
  let rest = n - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % sizes.length, rest--) sizes[i]++;
  const used = new Set();
  const people = [];
  let seq = 0;
  for (let u = 0; u < units.length; u++) {
    for (let i = 0; i < sizes[u]; i++) {
      const female = r() < 0.48;
      const name = `${pick(r, female ? FEMALE : MALE)} ${pick(r, SECOND)}`;
      const y = i === 0 ? 1965 + Math.floor(r() * 10) : 1965 + Math.floor(r() * 36);
      const m = 1 + Math.floor(r() * 12);
      const d = 1 + Math.floor(r() * DAYS_IN_MONTH[m - 1]);
      const birth = `${y}${pad(m, 2)}${pad(d, 2)}`;
      const sex = female ? '2' : '1';
      const kindRoll = i === 0 ? 0 : r();
      let nip = '';
      let rank = '';
      let position;
      let front = pick(r, FRONT);
      let back = pick(r, BACK);
      if (female && front === 'H.') front = 'Hj.';
      if (!female && front === 'Hj.') front = 'H.';
      if (kindRoll < 0.8) {
        // PNS: birth + CPNS appointment YYYYMM + sex + sequence
        let nipCore;
        do {
          const ay = Math.min(2023, y + 21 + Math.floor(r() * 14));
          const am = 1 + Math.floor(r() * 12);
          seq = (seq % 999) + 1;
          nipCore = `${birth}${ay}${pad(am, 2)}${sex}${pad(seq, 3)}`;
        } while (used.has(nipCore));
        nip = nipCore;
        rank = i === 0 ? 'IV/b' : pick(r, RANKS);
        position = i === 0 ? `Kepala ${units[u]}` : pick(r, POSITIONS);
      } else if (kindRoll < 0.97) {
        // PPPK: birth + appointment year + "2" + contract-count digit + sex + sequence
        let nipCore;
        do {
          const ay = 2021 + Math.floor(r() * 4);
          seq = (seq % 999) + 1;
          nipCore = `${birth}${ay}21${sex}${pad(seq, 3)}`;
        } while (used.has(nipCore));
        nip = nipCore;
        rank = pick(r, PPPK_GOL);
        position = pick(r, PPPK_POS);
        if (front === 'Dr.' || front === 'Drs.' || front === 'Ir.') front = '';
      } else {
        front = '';
        back = r() < 0.5 ? '' : 'S.E.';
        position = pick(r, NON_ASN_POS);
      }
      if (nip) used.add(nip);
      people.push({
        nip,
        name: name.toUpperCase().replace('BR. ', 'br. '),
        front,
        back,
        sex: female ? 'P' : 'L',
        rank,
        position,
        unit: units[u],
        kind: nip ? (nip[12] === '2' && /^2[1-9]$/.test(nip.slice(12, 14)) ? 'PPPK' : 'PNS') : 'NON ASN',
      });
    }
  }
  return people;
}

export const HEADERS = [
  'NIP BARU',
  'NAMA',
  'GELAR DEPAN',
  'GELAR BELAKANG',
  'JENIS KELAMIN',
  'GOL AKHIR NAMA',
  'JABATAN NAMA',
  'UNOR NAMA',
  'JENIS PEGAWAI',
];

function csvCell(s) {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rosterCsvLines(people) {
  const lines = [HEADERS.join(';')];
  for (const p of people) {
    lines.push([p.nip, p.name, p.front, p.back, p.sex, p.rank, p.position, p.unit, p.kind].map(csvCell).join(';'));
  }
  return lines;
}

/** Writes the roster CSV (CRLF, UTF-8 with BOM, `;`) and returns its path. Streams, so 100k is fine. */
export async function writeRoster(people, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  out.write('\ufeff');
  const lines = rosterCsvLines(people);
  for (const l of lines) if (!out.write(l + '\r\n')) await new Promise((res) => out.once('drain', res));
  await new Promise((res, rej) => out.end((e) => (e ? rej(e) : res())));
  return file;
}

/** Parses what writeRoster wrote (the floors use this: no validation, no header recognition). */
export function readBenchRoster(file) {
  const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  const rows = [];
  const lines = text.split('\r\n');
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const c = lines[i].split(';').map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s));
    rows.push({
      nip: c[0],
      name: c[1],
      front: c[2],
      back: c[3],
      sex: c[4],
      rank: c[5],
      position: c[6],
      unit: c[7],
      kind: c[8],
    });
  }
  return rows;
}

const EVENT_YAML = `# Benchmark event (adapted from the Sukamara apel of Monday 4 November 2024; invented officials)
government:
  name: PEMERINTAH KABUPATEN SUKAMARA
  region: Sukamara
  kind: kabupaten
office:
  name: BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA
  addressLines:
    - Jalan Tjilik Riwut No. 1, Sukamara, Kalimantan Tengah 74172
election:
  label: Pemilihan Serentak
  year: 2024
title: Apel Ikrar Netralitas ASN
ceremony:
  date: 2024-11-04
  time: "07.30"
  until: selesai
  timeZone: WIB
  place: Halaman Kantor Bupati Sukamara
reader:
  name: Dr. H. Kaspinor, S.E., M.Si.
  position: Penjabat Bupati Sukamara
  regionalHead: true
witnesses:
  - name: Dr. H. Kaspinor, S.E., M.Si.
    position: Penjabat Bupati Sukamara
    regionalHead: true
pakta:
  signers:
    - column: JABATAN NAMA
      matches: "^Kepala (Sekretariat|Inspektorat|Badan|Dinas|Satuan|Rumah|Kecamatan|Kelurahan|UPT|SMP|SD)"
  witnessLabel: "Mengetahui,"
  meterai: false
sheets:
  defaultOfficer:
    name: Drs. Ahmad Santoso, M.Si.
    position: Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia
    rank: Pembina Utama Muda
    nip: "196811041993031009"
    regionalHead: false
paper: f4
font: sans
`;

/**
 * The event file for the bench: the repository's examples/event.yaml when it exists (so the bench
 * follows the real schema), else a minimal one written from src/model/event.ts. A `logo:` that is a
 * relative path is made absolute, since the copy lives elsewhere.
 */
export function writeEvent(dir) {
  mkdirSync(dir, { recursive: true });
  const example = path.join(ROOT, 'examples', 'event.yaml');
  let text;
  if (existsSync(example)) {
    // `logo: logo.png   # comment` → `logo: "/abs/examples/logo.png"   # comment`
    text = readFileSync(example, 'utf8').replace(
      /^(\s*logo:[ \t]*)(["']?)([^"'\s#]+)\2/m,
      (_m, k, _q, p) => `${k}${JSON.stringify(path.isAbsolute(p) ? p : path.join(ROOT, 'examples', p))}`,
    );
    // The generated roster has "Kepala Bidang …", "Kepala Sub Bagian …" and "Kepala Seksi …" in
    // every unit; only the head of each unit (its first row, "Kepala <unit>") signs a pakta, as in
    // a real apel: 40 pakta, not one per section head. (Patterns run on RE2: no look-ahead, so the
    // unit kinds are listed.)
    text = text.replace(
      /^(\s*matches:[ \t]*).*$/m,
      (_m, k) => `${k}"^Kepala (Sekretariat|Inspektorat|Badan|Dinas|Satuan|Rumah|Kecamatan|Kelurahan|UPT|SMP|SD)"`,
    );
  } else {
    text = EVENT_YAML;
  }
  const file = path.join(dir, 'event.yaml');
  writeFileSync(file, text);
  return file;
}

/** Roster of n plus the event file in dir; returns their paths and the people. */
export async function generateInputs(n, dir) {
  const people = generatePeople(n);
  const roster = await writeRoster(people, path.join(dir, `roster-${n}.csv`));
  const event = writeEvent(dir);
  return { roster, event, people };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 10000);
  const dir = path.resolve(process.argv[3] ?? 'bench-input');
  const { roster, event } = await generateInputs(n, dir);
  console.log(`${roster}\n${event}`);
}
