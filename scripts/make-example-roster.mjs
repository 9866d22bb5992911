#!/usr/bin/env node
// Writes the example rosters under examples/ from a seeded PRNG: the same script always writes the
// same bytes. Every person is invented; any likeness to a real person is accidental.
//
//   examples/roster.csv         ~300 people, 12 units, Excel "CSV UTF-8" shape (BOM, `;`, CRLF)
//   examples/siasn-export.csv   ~20 rows in the SIASN "Export Data ASN" shape (`,`, quoted, 'NIP)
//   examples/roster-excel.csv   ~20 rows as Excel on Indonesian Windows saves CSV (`;`, Windows-1252)
//   examples/roster.xlsx        ~20 rows with title rows above the header, NIP column as Text
//
// Usage: node scripts/make-example-roster.mjs [outDir]
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, '..', 'examples');
mkdirSync(outDir, { recursive: true });

// ---------------------------------------------------------------- PRNG
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20241104);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const chance = (p) => rnd() < p;

// ---------------------------------------------------------------- names (invented)
const NAMES = {
  jawa: {
    L: [
      'Agus Setiawan',
      'Bambang Sutrisno',
      'Budi Santoso',
      'Eko Prasetyo',
      'Joko Susilo',
      'Slamet Riyadi',
      'Sugeng Widodo',
      'Wahyu Hidayat',
      'Teguh Prakoso',
      'Dwi Cahyono',
      'Hendro Wibowo',
      'Yudi Kurniawan',
      'Suparman',
      'Sutrisno',
      'Arif Rahman Hakim',
      'Bayu Aji Nugroho',
      'Rudi Hartono',
      'Tri Wibisono',
    ],
    P: [
      'Sri Wahyuni',
      'Dwi Lestari',
      'Endang Susanti',
      'Ratna Sari Dewi',
      'Tri Handayani',
      'Siti Aminah',
      'Yuliana Kartikasari',
      'Retno Palupi',
      'Wulan Sari',
      'Puji Astuti',
      'Eka Purnamasari',
      'Ika Nurjanah',
      'Rini Setyowati',
      'Sulastri',
    ],
  },
  banjar: {
    L: [
      'Muhammad Rizal',
      'Ahmad Fauzi',
      'Rahmadi',
      'Saifullah',
      'Gusti Rahmat',
      'Syahrani',
      'Akhmad Yani',
      'Norhadi',
      'Muhammad Noor',
      'Abdul Hadi',
      'Fahrurrazi',
      'Rusdiansyah',
      'Ahmad Ma\u2019ruf',
      'Mursyidi',
      'Hairil Anwar',
      'Syarifuddin',
    ],
    P: [
      'Nor Aida',
      'Rusmini',
      'Mahmudah',
      'Noorhasanah',
      'Siti Rahmah',
      'Aulia Rahmi',
      'Fitriani',
      'Norjanah',
      'Rabiatul Adawiyah',
      'Siti Nurhaliza',
      'Nurul Hidayah',
      'Hayatun Nufus',
    ],
  },
  dayak: {
    L: [
      'Tambun Anyang',
      'Sahrian Bungai',
      'Dimas Tingang',
      'Yosef Nyahu',
      'Ardianus Lambung',
      'Herman Ajun',
      'Yohanes Mantir',
      'Rinto Kaharap',
      'Elpianus Dandan',
      'Kristianto Jaya',
      'Benediktus Ngabe',
      'Sabinus Handel',
      'Agustinus Lenjau',
      'Wilson Ngatan',
    ],
    P: [
      'Lusiana Deman',
      'Yuliana Itah',
      'Meiliani Tingang',
      'Novita Ranying',
      'Serlina Ayu',
      'Elisabeth Kambang',
      'Marselina Dewi',
      'Theresia Ulan',
      'Kristina Santi',
      'Magdalena Lemu',
    ],
  },
  melayu: {
    L: [
      'Zainal Abidin',
      'Firdaus',
      'Syamsuddin',
      'Khairul Anwar',
      'Rusdi Effendi',
      'Hamdani',
      'Zulkifli',
      'Iskandar Zulkarnain',
      'Tengku Hasbullah',
      'Raja Azhari',
    ],
    P: ['Nurhayati', 'Rosmawati', 'Zuraida', 'Cik Mariani', 'Wan Fatimah', 'Nurlela', 'Juwita Sari', 'Sarifah Aini'],
  },
  batak: {
    L: [
      'Maruli Tua Siregar',
      'Rudolf Hutapea',
      'Parlindungan Simanjuntak',
      'Togar Nainggolan',
      'Binsar Pardede',
      'Hotman Sitompul',
      'Jonner Manurung',
    ],
    P: ['Rosmaida br. Sitorus', 'Debora Simbolon', 'Lamtiur br. Hutagalung', 'Rotua Situmorang', 'Lasmaria Panjaitan'],
  },
};
const ETHNIC = [
  'jawa',
  'jawa',
  'jawa',
  'banjar',
  'banjar',
  'banjar',
  'dayak',
  'dayak',
  'dayak',
  'melayu',
  'melayu',
  'batak',
];
const MUSLIM = new Set(['jawa', 'banjar', 'melayu']);
const LONG_NAMES = {
  L: ['Yohanes Kristianus Ardiansyah Nyahu Tingang', 'Muhammad Syaifullah Rahmatullah Al Banjari'],
  P: ['Raden Roro Ayu Kusumawardhani Puspitaningrum', 'Theresia Magdalena Kristiani Dewi Kambang'],
};

const usedNames = new Set();
function inventName(sex) {
  for (let i = 0; i < 50; i++) {
    const eth = pick(ETHNIC);
    let name = pick(NAMES[eth][sex]);
    // A second given name from the same tradition keeps the pool from repeating itself.
    if (i > 0 || chance(0.3)) {
      const other = pick(NAMES[eth][sex]).split(' ')[0];
      if (!name.split(' ').includes(other)) name = `${other} ${name}`;
    }
    if (!usedNames.has(name)) {
      usedNames.add(name);
      return { name, eth };
    }
  }
  throw new Error('name pool exhausted');
}

// ---------------------------------------------------------------- ranks and NIPs
const RANKS = [
  ['I/a', 'Juru Muda'],
  ['I/b', 'Juru Muda Tingkat I'],
  ['I/c', 'Juru'],
  ['I/d', 'Juru Tingkat I'],
  ['II/a', 'Pengatur Muda'],
  ['II/b', 'Pengatur Muda Tingkat I'],
  ['II/c', 'Pengatur'],
  ['II/d', 'Pengatur Tingkat I'],
  ['III/a', 'Penata Muda'],
  ['III/b', 'Penata Muda Tingkat I'],
  ['III/c', 'Penata'],
  ['III/d', 'Penata Tingkat I'],
  ['IV/a', 'Pembina'],
  ['IV/b', 'Pembina Tingkat I'],
  ['IV/c', 'Pembina Utama Muda'],
  ['IV/d', 'Pembina Utama Madya'],
  ['IV/e', 'Pembina Utama'],
];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** The rank written the way one of many clerks would write it. */
function spellRank(index) {
  const [gol, name] = RANKS[index];
  const [g, r] = gol.split('/');
  const style = int(0, 9);
  switch (style) {
    case 0:
      return gol.toUpperCase().replace(/\/(.)$/, (_, x) => '/' + x.toUpperCase());
    case 1:
      return `${ROMAN.indexOf(g) + 1}${chance(0.5) ? r.toUpperCase() : r}`;
    case 2:
      return `${g}-${r}`;
    case 3:
      return `${name.replace(' Tingkat I', ' Tk.I')} (${gol})`;
    case 4:
      return name;
    case 5:
      return `${name}, ${gol}`;
    default:
      return gol;
  }
}
function spellPppk(gol) {
  return pick([gol, gol, `Golongan ${gol}`, `Gol. ${gol}`]);
}

const usedNips = new Set();
const pad = (n, w) => String(n).padStart(w, '0');
function daysIn(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function makeNip({ birthYear, sex, appointYear, appointMonth, pppk }) {
  for (;;) {
    const m = int(1, 12);
    const d = int(1, daysIn(birthYear, m));
    const code = pppk ? `2${pppk}` : pad(appointMonth, 2);
    const seq = pad(int(1, pppk ? 60 : 30), 3);
    const nip = `${birthYear}${pad(m, 2)}${pad(d, 2)}${appointYear}${code}${sex === 'L' ? 1 : 2}${seq}`;
    if (!usedNips.has(nip)) {
      usedNips.add(nip);
      return nip;
    }
  }
}

// ---------------------------------------------------------------- units and positions
// Positions for heads start with Kepala / Sekretaris Daerah / Camat / Direktur; no other position
// does, so a pakta rule `JABATAN matches ^(Kepala|Sekretaris Daerah|Camat|Direktur)` selects the 12 heads.
const UNITS = [
  {
    unit: 'Sekretariat Daerah',
    size: 30,
    head: 'Sekretaris Daerah',
    edu: 'S2',
    staff: [
      'Asisten Pemerintahan dan Kesejahteraan Rakyat',
      'Asisten Administrasi Umum',
      'Kabag Pemerintahan',
      'Kabag Hukum',
      'Kabag Organisasi',
      'Kabag Perekonomian dan Sumber Daya Alam',
      'Kabag Protokol dan Komunikasi Pimpinan',
      'Kasubbag Tata Usaha Pimpinan',
      'Analis Hukum Ahli Muda',
      'Perancang Peraturan Perundang-undangan Ahli Pertama',
      'Analis Kebijakan Ahli Muda',
      'Pengadministrasi Perkantoran',
      'Pranata Keuangan APBD Terampil',
      'Pengemudi',
      'Pramu Bakti',
    ],
  },
  {
    unit: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
    size: 22,
    head: 'Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
    edu: 'S2',
    staff: [
      'Sekretaris Badan',
      'Kabid Pengadaan, Pemberhentian dan Informasi Kepegawaian',
      'Kabid Mutasi dan Promosi',
      'Kabid Pengembangan Sumber Daya Manusia',
      'Analis Sumber Daya Manusia Aparatur Ahli Muda',
      'Analis Sumber Daya Manusia Aparatur Ahli Pertama',
      'Pranata Sumber Daya Manusia Aparatur Terampil',
      'Pranata Komputer Ahli Pertama',
      'Arsiparis Terampil',
      'Pengadministrasi Perkantoran',
      'Analis Kebijakan Ahli Muda pada Sub Bagian Perencanaan, Evaluasi dan Pelaporan',
    ],
  },
  {
    unit: 'Dinas Pendidikan',
    size: 45,
    head: 'Kepala Dinas Pendidikan',
    edu: 'S2',
    teachers: true,
    staff: [
      'Sekretaris Dinas',
      'Kabid Pembinaan Sekolah Dasar',
      'Kabid Pembinaan Sekolah Menengah Pertama',
      'Kabid Pendidik dan Tenaga Kependidikan',
      'Pengawas Sekolah Ahli Madya',
      'Penilik Ahli Muda',
      'Analis Perencanaan',
      'Pengelola Data',
      'Bendahara',
    ],
  },
  {
    unit: 'Dinas Kesehatan',
    size: 30,
    head: 'Kepala Dinas Kesehatan',
    edu: 'S2',
    health: true,
    staff: [
      'Sekretaris Dinas',
      'Kabid Kesehatan Masyarakat',
      'Kabid Pencegahan dan Pengendalian Penyakit',
      'Kabid Pelayanan dan Sumber Daya Kesehatan',
      'Epidemiolog Kesehatan Ahli Muda',
      'Penyuluh Kesehatan Masyarakat Ahli Pertama',
      'Sanitarian Terampil',
      'Nutrisionis Ahli Pertama',
      'Administrator Kesehatan Ahli Muda',
      'Pengadministrasi Perkantoran',
    ],
  },
  {
    unit: 'RSUD Bumi Sukamara',
    size: 45,
    head: 'Direktur RSUD Bumi Sukamara',
    edu: 'S2',
    health: true,
    hospital: true,
    staff: [
      'Kabag Tata Usaha',
      'Kabid Pelayanan Medik dan Keperawatan',
      'Kabid Penunjang Medik',
      'Dokter Ahli Muda',
      'Dokter Ahli Pertama',
      'Dokter Gigi Ahli Pertama',
      'Apoteker Ahli Pertama',
      'Perawat Ahli Pertama',
      'Perawat Terampil',
      'Perawat Mahir',
      'Bidan Terampil',
      'Bidan Ahli Pertama',
      'Pranata Laboratorium Kesehatan Terampil',
      'Radiografer Terampil',
      'Perekam Medis Terampil',
    ],
  },
  {
    unit: 'Dinas Komunikasi dan Informatika',
    size: 18,
    head: 'Kepala Dinas Komunikasi dan Informatika',
    edu: 'S2',
    staff: [
      'Sekretaris Dinas',
      'Kabid Informasi dan Komunikasi Publik',
      'Kabid Aplikasi Informatika dan Persandian',
      'Pranata Komputer Ahli Muda',
      'Pranata Komputer Ahli Pertama',
      'Pranata Hubungan Masyarakat Ahli Pertama',
      'Sandiman Ahli Pertama',
      'Pengelola Layanan Informasi Publik',
      'Pengadministrasi Perkantoran',
    ],
  },
  {
    unit: 'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah',
    size: 18,
    head: 'Kepala Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah',
    edu: 'S2',
    staff: [
      'Sekretaris Badan',
      'Kabid Perencanaan Pemerintahan dan Pembangunan Manusia',
      'Kabid Perekonomian, Infrastruktur dan Kewilayahan',
      'Perencana Ahli Muda',
      'Perencana Ahli Pertama',
      'Peneliti Ahli Pertama',
      'Statistisi Ahli Pertama',
      'Pengadministrasi Perkantoran',
    ],
  },
  {
    unit: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    size: 25,
    head: 'Kepala Dinas Pekerjaan Umum dan Penataan Ruang',
    edu: 'S2',
    front: 'Ir.',
    staff: [
      'Sekretaris Dinas',
      'Kabid Bina Marga',
      'Kabid Sumber Daya Air',
      'Kabid Cipta Karya dan Tata Ruang',
      'Teknik Jalan dan Jembatan Ahli Muda',
      'Teknik Pengairan Ahli Pertama',
      'Penata Ruang Ahli Pertama',
      'Pengawas Konstruksi',
      'Juru Ukur',
      'Operator Alat Berat',
      'Pengadministrasi Perkantoran',
    ],
  },
  {
    unit: 'Kecamatan Sukamara',
    size: 15,
    head: 'Camat Sukamara',
    edu: 'S2',
    staff: [
      'Sekretaris Camat',
      'Kasi Pemerintahan',
      'Kasi Ketenteraman dan Ketertiban Umum',
      'Kasi Pemberdayaan Masyarakat Desa',
      'Kasi Pelayanan Umum',
      'Kasubbag Umum dan Kepegawaian',
      'Pengadministrasi Perkantoran',
      'Pengelola Layanan Kecamatan',
    ],
  },
  {
    unit: 'Kecamatan Jelai',
    size: 12,
    head: 'Camat Jelai',
    edu: 'S1',
    staff: [
      'Sekretaris Camat',
      'Kasi Pemerintahan',
      'Kasi Pemberdayaan Masyarakat Desa',
      'Kasi Pelayanan Umum',
      'Kasubbag Keuangan dan Perencanaan',
      'Pengadministrasi Perkantoran',
    ],
  },
  {
    unit: 'Badan Pendapatan Daerah',
    size: 20,
    head: 'Kepala Badan Pendapatan Daerah',
    edu: 'S2',
    staff: [
      'Sekretaris Badan',
      'Kabid Pendataan dan Penetapan',
      'Kabid Penagihan dan Keberatan',
      'Analis Keuangan Pusat dan Daerah Ahli Muda',
      'Penilai Pajak Bumi dan Bangunan Ahli Pertama',
      'Pemeriksa Pajak Daerah Ahli Pertama',
      'Juru Sita Pajak Daerah',
      'Pengadministrasi Perkantoran',
    ],
  },
  {
    unit: 'Satuan Polisi Pamong Praja',
    size: 20,
    head: 'Kepala Satuan Polisi Pamong Praja',
    edu: 'S2',
    staff: [
      'Sekretaris',
      'Kabid Penegakan Peraturan Daerah',
      'Kabid Ketertiban Umum dan Ketenteraman Masyarakat',
      'Polisi Pamong Praja Ahli Pertama',
      'Polisi Pamong Praja Terampil',
      'Polisi Pamong Praja Pemula',
      'Penyidik Pegawai Negeri Sipil',
      'Pengadministrasi Perkantoran',
    ],
  },
];

// Non-ASN staff (empty NIP) per unit, about 10 in all.
const NON_ASN = {
  'Sekretariat Daerah': [
    ['Pramu Kebersihan', 'Non ASN'],
    ['Pengemudi', 'Non ASN'],
  ],
  'Dinas Komunikasi dan Informatika': [
    ['Operator Media Sosial', 'Honorer'],
    ['Juru Kamera', 'Honorer'],
  ],
  'RSUD Bumi Sukamara': [
    ['Petugas Kebersihan', 'PPNPN'],
    ['Tenaga Keamanan', 'PPNPN'],
  ],
  'Satuan Polisi Pamong Praja': [
    ['Anggota Linmas', 'THL'],
    ['Anggota Linmas', 'THL'],
    ['Penjaga Malam', 'THL'],
  ],
  'Kecamatan Jelai': [['Operator Komputer', 'Tenaga Harian Lepas']],
};

const BACK = {
  S1: ['S.Sos.', 'S.E.', 'S.H.', 'S.IP.', 'S.AP.', 'S.Kom.', 'S.T.', 'S.Ak.', 'S.Pd.'],
  S2: ['M.Si.', 'M.M.', 'M.AP.', 'M.H.'],
  D3: ['A.Md.', 'A.Md.Kom.', 'A.Md.Ak.'],
};

function educationFor(position, unitDef) {
  if (/^(Pengemudi|Pramu|Juru Ukur|Operator Alat|Polisi Pamong Praja Pemula)/.test(position)) return 'SMA';
  if (/Terampil|Pengadministrasi|Pengelola|Juru Sita|Bendahara|Mahir|Pengawas Konstruksi/.test(position))
    return chance(0.5) ? 'D3' : 'SMA';
  if (/^(Kabid|Kabag|Sekretaris|Asisten|Kasi|Kasubbag)/.test(position)) return chance(0.6) ? 'S2' : 'S1';
  if (/Ahli Madya|Ahli Muda/.test(position)) return chance(0.4) ? 'S2' : 'S1';
  if (unitDef && /Ahli/.test(position)) return 'S1';
  return 'S1';
}

function titlesFor(position, edu, sex, eth, older) {
  const front = [];
  const back = [];
  if (older && MUSLIM.has(eth) && chance(0.35)) front.push(sex === 'L' ? 'H.' : 'Hj.');
  if (/^Dokter Gigi/.test(position)) {
    front.unshift('drg.');
    return { front, back };
  }
  if (/^Dokter/.test(position)) {
    front.unshift('dr.');
    if (position.includes('Muda') && chance(0.5)) back.push(pick(['Sp.PD.', 'Sp.A.', 'Sp.OG.', 'M.Kes.']));
    return { front, back };
  }
  if (/^Apoteker/.test(position)) {
    back.push('S.Farm.', 'Apt.');
    return { front, back };
  }
  if (/^Perawat Ahli/.test(position)) {
    front.push('Ns.');
    back.push('S.Kep.');
    return { front, back };
  }
  if (/^Perawat/.test(position)) {
    back.push('A.Md.Kep.');
    return { front, back };
  }
  if (/^Bidan Ahli/.test(position)) {
    back.push('S.Tr.Keb.');
    return { front, back };
  }
  if (/^Bidan/.test(position)) {
    back.push('A.Md.Keb.');
    return { front, back };
  }
  if (/^Guru|Pengawas Sekolah|Penilik/.test(position)) {
    back.push('S.Pd.');
    if (edu === 'S2') back.push('M.Pd.');
    return { front, back };
  }
  if (/Kesehatan|Epidemiolog|Sanitarian|Nutrisionis/.test(position) && edu !== 'SMA') {
    back.push(edu === 'D3' ? 'A.Md.Kes.' : pick(['S.K.M.', 'S.Gz.', 'S.K.M.']));
    if (edu === 'S2') back.push('M.Kes.');
    return { front, back };
  }
  if (edu === 'D3') back.push(pick(BACK.D3));
  if (edu === 'S1' || edu === 'S2')
    back.push(
      /Teknik|Penata Ruang|Konstruksi/.test(position)
        ? 'S.T.'
        : /Komputer|Sandiman/.test(position)
          ? 'S.Kom.'
          : /Hukum|Perancang/.test(position)
            ? 'S.H.'
            : pick(BACK.S1),
    );
  if (edu === 'S2') back.push(/Hukum/.test(position) ? 'M.H.' : pick(BACK.S2));
  return { front, back };
}

const START_RANK = { SMA: 4, D3: 6, S1: 8, S2: 9 };

function makePnsPerson(unitDef, position, opts = {}) {
  const sex = opts.sex ?? (chance(0.5) ? 'L' : 'P');
  const { name, eth } = opts.long ? { name: pick(LONG_NAMES[sex]), eth: 'jawa' } : inventName(sex);
  const edu = opts.edu ?? educationFor(position, unitDef);
  const birthYear = opts.head ? int(1967, 1976) : int(1968, 1998);
  const minAppoint = birthYear + (edu === 'SMA' ? 20 : edu === 'D3' ? 22 : 24);
  const appointYear = Math.min(2021, int(minAppoint, minAppoint + 8));
  const appointMonth = pick([1, 1, 2, 3, 4, 12]);
  const nip = makeNip({ birthYear, sex, appointYear, appointMonth });
  const years = 2024 - appointYear;
  let rankIndex = Math.min(START_RANK[edu] + Math.floor(years / 4), opts.head ? 15 : 13);
  if (opts.head) rankIndex = Math.max(rankIndex, opts.rankMin ?? 13);
  const t = titlesFor(position, edu, sex, eth, birthYear < 1980);
  if (opts.head && opts.front && !t.front.includes(opts.front)) t.front.unshift(opts.front);
  if (opts.head && !opts.front && chance(0.25) && !t.front.some((f) => /^d/i.test(f))) t.front.unshift('Dr.');
  return {
    nip,
    name,
    sex,
    front: t.front.join(' '),
    back: t.back.join(', '),
    rank: spellRank(rankIndex),
    position,
    unit: unitDef.unit,
    status: 'PNS',
    rankIndex,
    kind: 'PNS',
  };
}

function makePppkPerson(unitDef, position) {
  const sex = chance(unitDef.health || unitDef.teachers ? 0.3 : 0.5) ? 'L' : 'P';
  const { name, eth } = inventName(sex);
  const birthYear = int(1982, 1998);
  const appointYear = pick([2021, 2022, 2023, 2024]);
  const contract = appointYear === 2024 ? 1 : pick([1, 1, 1, 2]);
  const nip = makeNip({ birthYear, sex, appointYear, pppk: contract });
  const edu = /Terampil|Teknis/.test(position) ? 'D3' : 'S1';
  const gol = edu === 'D3' ? 'VII' : 'IX';
  const t = titlesFor(position, edu, sex, eth, false);
  return {
    nip,
    name,
    sex,
    front: t.front.join(' '),
    back: t.back.join(', '),
    rank: spellPppk(gol),
    position,
    unit: unitDef.unit,
    status: 'PPPK',
    kind: 'PPPK',
    pppkGol: gol,
  };
}

function makeNonAsn(unitDef, position, status) {
  const sex = /Linmas|Keamanan|Penjaga|Pengemudi|Juru Kamera/.test(position) ? 'L' : chance(0.5) ? 'L' : 'P';
  const { name } = inventName(sex);
  return { nip: '', name, sex, front: '', back: '', rank: '', position, unit: unitDef.unit, status, kind: 'non-ASN' };
}

const people = [];
let longNameBudget = 3;
for (const u of UNITS) {
  const list = [];
  list.push(
    makePnsPerson(u, u.head, {
      head: true,
      edu: u.edu,
      front: u.front,
      rankMin: u.unit === 'Sekretariat Daerah' ? 15 : 13,
    }),
  );
  const nonAsn = NON_ASN[u.unit] ?? [];
  const structural = u.staff.filter((s) => /^(Sekretaris|Kabid|Kabag|Asisten|Kasi|Kasubbag)/.test(s));
  for (const s of structural) list.push(makePnsPerson(u, s));
  const functional = u.staff.filter((s) => !structural.includes(s));
  const pppkPositions = u.teachers
    ? ['Guru Ahli Pertama', 'Guru Ahli Pertama', 'Guru Kelas Ahli Pertama']
    : u.hospital
      ? ['Perawat Ahli Pertama', 'Perawat Terampil', 'Bidan Terampil']
      : u.health
        ? ['Perawat Terampil', 'Penyuluh Kesehatan Masyarakat Ahli Pertama']
        : ['Pranata Komputer Ahli Pertama', 'Pengelola Umum Operasional', 'Pengadministrasi Perkantoran'];
  const pppkShare = u.teachers ? 0.45 : u.health ? 0.3 : 0.12;
  while (list.length < u.size - nonAsn.length) {
    if (chance(pppkShare)) list.push(makePppkPerson(u, pick(pppkPositions)));
    else {
      const position =
        u.teachers && chance(0.5) ? pick(['Guru Ahli Muda', 'Guru Ahli Pertama', 'Guru Ahli Madya']) : pick(functional);
      const long = longNameBudget > 0 && chance(0.03);
      if (long) longNameBudget--;
      list.push(makePnsPerson(u, position, { long }));
    }
  }
  for (const [position, status] of nonAsn) list.push(makeNonAsn(u, position, status));
  people.push(...list);
}

// ---------------------------------------------------------------- writers
function excelField(v, delim) {
  const s = String(v);
  return s.includes(delim) || s.includes('"') || /[\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
function excelCsv(rows, delim) {
  return rows.map((r) => r.map((v) => excelField(v, delim)).join(delim)).join('\r\n') + '\r\n';
}

// roster.csv: Excel "CSV UTF-8" — BOM, `;`, CRLF, quotes only where needed.
{
  const header = ['NIP', 'NAMA', 'GELAR DEPAN', 'GELAR BELAKANG', 'GOLRU', 'JABATAN', 'UNIT KERJA', 'STATUS'];
  let spaced = 0;
  const rows = people.map((p) => {
    // A few clerks typed the NIP spaced as it is printed.
    let nip = p.nip;
    if (nip && chance(0.03)) {
      nip = `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;
      spaced++;
    }
    return [nip, p.name, p.front, p.back, p.rank, p.position, p.unit, p.status];
  });
  writeFileSync(join(outDir, 'roster.csv'), '\uFEFF' + excelCsv([header, ...rows], ';'), 'utf8');
  const counts = {};
  for (const p of people) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
  console.log(`roster.csv: ${people.length} people (${JSON.stringify(counts)}), ${spaced} spaced NIPs`);
}

// siasn-export.csv: the SIASN "Export Data ASN" shape — every field quoted, NIPs with a leading '.
{
  const header = [
    'PNS ID',
    'NIP BARU',
    'NIP LAMA',
    'NAMA',
    'GELAR DEPAN',
    'GELAR BELAKANG',
    'TEMPAT LAHIR NAMA',
    'TANGGAL LAHIR',
    'JENIS KELAMIN',
    'AGAMA NAMA',
    'JENIS KAWIN NAMA',
    'NIK',
    'NOMOR HP',
    'EMAIL',
    'ALAMAT',
    'NPWP',
    'BPJS',
    'JENIS PEGAWAI NAMA',
    'KEDUDUKAN HUKUM NAMA',
    'STATUS CPNS PNS',
    'KARTU ASN',
    'NOMOR SK CPNS',
    'TANGGAL SK CPNS',
    'TMT CPNS',
    'NOMOR SK PNS',
    'TANGGAL SK PNS',
    'TMT PNS',
    'GOL AWAL ID',
    'GOL AWAL NAMA',
    'GOL AKHIR ID',
    'GOL AKHIR NAMA',
    'TMT GOLONGAN',
    'MK TAHUN',
    'MK BULAN',
    'JENIS JABATAN ID',
    'JENIS JABATAN NAMA',
    'JABATAN ID',
    'JABATAN NAMA',
    'TMT JABATAN',
    'TINGKAT PENDIDIKAN ID',
    'TINGKAT PENDIDIKAN NAMA',
    'PENDIDIKAN ID',
    'PENDIDIKAN NAMA',
    'TAHUN LULUS',
    'KPKN ID',
    'KPKN NAMA',
    'LOKASI KERJA ID',
    'LOKASI KERJA NAMA',
    'UNOR ID',
    'UNOR NAMA',
    'INSTANSI INDUK ID',
    'INSTANSI INDUK NAMA',
    'INSTANSI KERJA ID',
    'INSTANSI KERJA NAMA',
    'SATUAN KERJA INDUK ID',
    'SATUAN KERJA INDUK NAMA',
    'SATUAN KERJA KERJA ID',
    'SATUAN KERJA KERJA NAMA',
    'IS VALID NIK',
    'FLAG IKD',
  ];
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
  const places = [
    'Sukamara',
    'Pangkalan Bun',
    'Banjarmasin',
    'Sampit',
    'Palangka Raya',
    'Semarang',
    'Kuala Jelai',
    'Pontianak',
  ];
  const sample = [];
  for (const u of UNITS.slice(0, 5))
    sample.push(...people.filter((p) => p.unit === u.unit && p.kind !== 'non-ASN').slice(0, 4));
  const rows = sample.map((p) => {
    const birth = `${p.nip.slice(6, 8)}-${p.nip.slice(4, 6)}-${p.nip.slice(0, 4)}`;
    const tmt = p.kind === 'PNS' ? `01-${p.nip.slice(12, 14)}-${p.nip.slice(8, 12)}` : `01-03-${p.nip.slice(8, 12)}`;
    const gol = p.kind === 'PNS' ? RANKS[p.rankIndex][0] : p.pppkGol;
    return [
      `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      `'${p.nip}`,
      p.kind === 'PNS' && Number(p.nip.slice(8, 12)) < 2008 ? `'${int(100, 999)}${pad(int(0, 999999), 6)}` : '',
      p.name.toUpperCase(),
      p.front,
      p.back,
      pick(places).toUpperCase(),
      birth,
      p.sex === 'L' ? 'M' : 'F',
      chance(0.7) ? 'Islam' : 'Kristen',
      chance(0.8) ? 'Menikah' : 'Belum Kawin',
      '',
      '',
      '',
      '',
      '',
      '',
      p.kind === 'PNS' ? 'PNS Daerah' : 'PPPK',
      'Aktif',
      p.kind === 'PNS' ? 'PNS' : '',
      '',
      '',
      '',
      tmt,
      '',
      '',
      '',
      '',
      '',
      '',
      gol,
      '',
      String(2024 - Number(p.nip.slice(8, 12))),
      '0',
      '',
      /^(Kepala|Sekretaris|Kabid|Kabag|Direktur|Camat|Asisten|Kasi|Kasubbag)/.test(p.position)
        ? 'Struktural'
        : 'Fungsional',
      '',
      p.position,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'SUKAMARA',
      hex(32),
      p.unit,
      hex(32),
      'Pemerintah Kab. Sukamara',
      hex(32),
      'Pemerintah Kab. Sukamara',
      hex(32),
      'Pemerintah Kab. Sukamara',
      hex(32),
      'Pemerintah Kab. Sukamara',
      'true',
      'false',
    ];
  });
  const text =
    [header, ...rows].map((r) => r.map((v) => `"${String(v).replaceAll('"', '""')}"`).join(',')).join('\r\n') + '\r\n';
  writeFileSync(join(outDir, 'siasn-export.csv'), text, 'utf8');
  console.log(`siasn-export.csv: ${rows.length} rows, ${header.length} columns`);
}

// roster-excel.csv: what Excel on Indonesian Windows writes for "CSV (Comma delimited)": `;` and
// Windows-1252. Titles are typed inside NAMA, the NIP sometimes spaced or with a leading '.
{
  const header = ['NO', 'NIP', 'NAMA', 'PANGKAT/GOL', 'JABATAN', 'OPD', 'JK'];
  const u = UNITS.find((x) => x.unit === 'Dinas Kesehatan');
  const sample = people.filter((p) => p.unit === u.unit && p.kind !== 'non-ASN').slice(0, 16);
  // People whose names carry characters outside ASCII, written as the clerk typed them.
  const extra = [
    makePnsPerson(u, 'Penyuluh Kesehatan Masyarakat Ahli Pertama', { sex: 'P', edu: 'S1' }),
    makePnsPerson(u, 'Sanitarian Terampil', { sex: 'L', edu: 'D3' }),
    makePnsPerson(u, 'Nutrisionis Ahli Pertama', { sex: 'P', edu: 'S1' }),
    makePnsPerson(u, 'Administrator Kesehatan Ahli Muda', { sex: 'P', edu: 'S2' }),
  ];
  extra[0].name = 'Hj. Siti Aisyah';
  extra[0].back = 'S.K.M.';
  extra[1].name = 'Ahmad Ma\u2019ruf';
  extra[2].name = 'Maria Renée Tingang';
  extra[3].name = 'Désy Natalia Kambang';
  const rows = [...sample, ...extra].map((p, i) => {
    const withTitles = [p.front, p.name].filter(Boolean).join(' ') + (p.back ? `, ${p.back}` : '');
    let nip = p.nip;
    if (i % 5 === 1) nip = `'${nip}`;
    else if (i % 7 === 3) nip = `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`;
    return [String(i + 1), nip, withTitles, p.rank, p.position, p.unit.toUpperCase(), p.sex];
  });
  const text = excelCsv([header, ...rows], ';');
  writeFileSync(join(outDir, 'roster-excel.csv'), iconv.encode(text, 'win1252'));
  console.log(`roster-excel.csv: ${rows.length} rows (Windows-1252)`);
}

// roster.xlsx: a hand-kept workbook — two title rows, a blank row, then the header; NIP as Text.
{
  const wb = new ExcelJS.Workbook();
  const fixed = new Date(Date.UTC(2024, 9, 28, 8, 0, 0));
  wb.creator = 'BKPSDM Kabupaten Sukamara';
  wb.lastModifiedBy = 'BKPSDM Kabupaten Sukamara';
  wb.created = fixed;
  wb.modified = fixed;
  const ws = wb.addWorksheet('Pegawai');
  ws.addRow(['DAFTAR NOMINATIF PEGAWAI']);
  ws.addRow(['PEMERINTAH KABUPATEN SUKAMARA']);
  ws.addRow([]);
  const header = [
    'NO',
    'NIP',
    'NAMA',
    'GELAR DEPAN',
    'GELAR BELAKANG',
    'PANGKAT/GOL',
    'JABATAN',
    'UNIT KERJA',
    'STATUS',
  ];
  ws.addRow(header).font = { bold: true };
  ws.getColumn(2).numFmt = '@';
  const sample = [];
  for (const u of UNITS.slice(5, 12)) sample.push(...people.filter((p) => p.unit === u.unit).slice(0, 3));
  sample.forEach((p, i) => {
    const row = ws.addRow([i + 1, p.nip, p.name, p.front, p.back, p.rank, p.position, p.unit, p.status]);
    row.getCell(2).numFmt = '@';
  });
  ws.getColumn(2).width = 22;
  ws.getColumn(3).width = 36;
  ws.getColumn(7).width = 40;
  ws.getColumn(8).width = 40;
  const notes = wb.addWorksheet('Catatan');
  notes.addRow(['Data contoh; semua nama rekaan.']);
  const buf = await wb.xlsx.writeBuffer();
  // Re-zip with a fixed timestamp on every entry so the file's bytes never change between runs.
  const JSZip = require('jszip');
  const zin = await JSZip.loadAsync(buf);
  const zout = new JSZip();
  for (const name of Object.keys(zin.files).sort()) {
    const f = zin.files[name];
    if (f.dir) continue;
    zout.file(name, await f.async('uint8array'), { date: fixed, createFolders: false });
  }
  const bytes = await zout.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
  writeFileSync(join(outDir, 'roster.xlsx'), bytes);
  console.log(`roster.xlsx: ${sample.length} rows`);
}
