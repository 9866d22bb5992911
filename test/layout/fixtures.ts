/** Sample markup documents shaped like the real templates' output, for layout and drawing tests. */
import { fileURLToPath } from 'node:url';
import type { Block, MarkupDocument, SigningRow } from '../../src/model/markup.js';

export const LOGO = fileURLToPath(new URL('../draw/fixtures/logo.png', import.meta.url));

const FIRST = ['Ahmad', 'Siti', 'Budi', 'Dewi', 'Rizky', 'Nur', 'Hendra', 'Rahmawati', 'Yusuf', 'Maria'];
const LAST = [
  'Saputra',
  'Aminah',
  'Santoso',
  'Lestari',
  'Pratama',
  'Hasanah',
  'Gunawan',
  'Simanjuntak',
  'Fauzi',
  'br. Sitepu',
];
const RANKS = ['Penata Muda Tk. I (III/b)', 'Pembina (IV/a)', 'Pengatur (II/c)', 'IX', '-', 'Penata (III/c)'];
const POSITIONS = [
  'Analis Sumber Daya Manusia Aparatur Ahli Muda',
  'Kepala Sub Bagian Umum dan Kepegawaian',
  'Pengadministrasi Perkantoran',
  'Guru Ahli Pertama',
  'Pranata Komputer Ahli Pertama',
  'Staf',
];

/** A deterministic row: every 7th has no NIP (non-ASN), every 11th a very long name. */
export function row(n: number): SigningRow {
  const nip =
    n % 7 === 0
      ? null
      : `1986${String(((n * 37) % 12) + 1).padStart(2, '0')}${String((n % 27) + 1).padStart(2, '0')}201505${(n % 2) + 1}${String(n).padStart(3, '0')}`;
  let name = `${FIRST[n % 10]} ${LAST[(n * 3) % 10]}`;
  if (n % 11 === 0) name = `Dr. H. ${name} Wirjosoedarmo Kusumaningrat, S.E., M.Si., M.M.`;
  else if (n % 4 === 0) name = `${name}, S.Pd.`;
  return {
    key: nip ?? `row-${n}`,
    nip,
    number: n,
    name,
    nipText: nip ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : '-',
    rank: RANKS[n % RANKS.length]!,
    position: POSITIONS[n % POSITIONS.length]!,
  };
}

export function rows(count: number): SigningRow[] {
  return Array.from({ length: count }, (_, i) => row(i + 1));
}

export const LETTERHEAD: Block = {
  type: 'letterhead',
  logo: LOGO,
  lines: [
    { text: 'PEMERINTAH KABUPATEN SUKAMARA', size: 14, bold: true },
    { text: 'BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA', size: 16, bold: true },
    {
      text: 'Jalan Tjilik Riwut No. 1, Sukamara, Kalimantan Tengah 74172, Telepon (0532) 123456',
      size: 10,
      bold: false,
    },
  ],
};

export function sheetsDoc(count: number, unit = 'Dinas Pendidikan dan Kebudayaan'): MarkupDocument {
  return {
    kind: 'sheets',
    unit,
    footer: `Daftar hadir apel ikrar netralitas ASN · ${unit}`,
    pageNumbers: true,
    blocks: [
      LETTERHEAD,
      { type: 'heading', runs: [{ text: 'DAFTAR HADIR' }], spaceAfter: 2 },
      {
        type: 'heading',
        runs: [{ text: 'APEL IKRAR NETRALITAS APARATUR SIPIL NEGARA PADA PEMILIHAN SERENTAK TAHUN 2024' }],
        spaceAfter: 10,
      },
      {
        type: 'fields',
        rows: [
          { label: 'Hari/Tanggal', value: [{ text: 'Senin, 4 November 2024' }] },
          { label: 'Waktu', value: [{ text: '07.30 WIB s.d. selesai' }] },
          { label: 'Tempat', value: [{ text: 'Halaman Kantor Bupati Sukamara' }] },
        ],
      },
      { type: 'signing-table', unit, rows: rows(count) },
      {
        type: 'signatures',
        placeDate: 'Sukamara, 4 November 2024',
        right: {
          title: ['KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN', 'KABUPATEN SUKAMARA,'],
          name: 'Dr. Zefnihan, S.Pd., M.Si.',
          rank: 'Pembina Utama Muda',
          nip: '196811041993031009',
        },
      },
    ],
  };
}

export function paktaDoc(meterai = true): MarkupDocument {
  const points = [
    'Menjaga dan menegakkan prinsip netralitas pegawai ASN di lingkungan Pemerintah Kabupaten Sukamara dalam melaksanakan fungsi pelayanan publik baik sebelum, selama, maupun sesudah pelaksanaan Pemilihan Serentak Tahun 2024;',
    'Menghindari konflik kepentingan, tidak melakukan praktik-praktik intimidasi dan ancaman kepada pegawai ASN dan seluruh elemen masyarakat serta tidak memihak kepada pasangan calon tertentu;',
    'Menggunakan media sosial secara bijak dan tidak menyebarkan ujaran kebencian serta berita bohong;',
    'Menolak politik uang dan segala jenis pemberian dalam bentuk apa pun.',
  ];
  return {
    kind: 'pakta',
    unit: '196811041993031009',
    pageNumbers: false,
    blocks: [
      LETTERHEAD,
      { type: 'heading', runs: [{ text: 'PAKTA INTEGRITAS' }], spaceAfter: 0 },
      { type: 'heading', runs: [{ text: 'NETRALITAS PEGAWAI APARATUR SIPIL NEGARA' }], spaceAfter: 0 },
      { type: 'heading', runs: [{ text: 'DALAM PENYELENGGARAAN PEMILIHAN SERENTAK TAHUN 2024' }], spaceAfter: 14 },
      { type: 'paragraph', runs: [{ text: 'Saya yang bertanda tangan di bawah ini:' }] },
      {
        type: 'fields',
        indent: 20,
        rows: [
          { label: 'Nama', value: [{ text: "Ma'ruf & Sons <Jr>, S.Kom.", bold: true }] },
          { label: 'NIP', value: [{ text: '19681104 199303 1 009' }] },
          { label: 'Pangkat/Golongan', value: [{ text: 'Pembina Utama Muda (IV/c)' }] },
          {
            label: 'Jabatan',
            value: [{ text: 'Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Sukamara' }],
          },
          { label: 'Unit Kerja/Instansi', value: [{ text: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia' }] },
        ],
      },
      { type: 'paragraph', runs: [{ text: 'dengan ini menyatakan bahwa saya akan:' }] },
      { type: 'list', style: 'decimal', items: points.map((t) => [{ text: t }]) },
      {
        type: 'paragraph',
        runs: [
          { text: 'Apabila saya melanggar hal-hal tersebut di atas, saya ' },
          { text: 'bersedia dikenakan sanksi', bold: true },
          { text: ' sesuai dengan ketentuan peraturan perundang-undangan.' },
        ],
        firstIndent: 36,
      },
      {
        type: 'paragraph',
        runs: [
          {
            text: 'Demikian pakta integritas ini saya buat dengan sebenarnya, dalam keadaan sadar, dan tanpa paksaan dari pihak mana pun.',
          },
        ],
        firstIndent: 36,
      },
      {
        type: 'signatures',
        placeDate: 'Sukamara, 4 November 2024',
        left: { title: ['Mengetahui,', 'Pj. BUPATI SUKAMARA,'], name: 'Drs. H. Sutrisno, M.Si.' },
        right: {
          title: ['Yang membuat pernyataan,'],
          name: "Ma'ruf & Sons <Jr>, S.Kom.",
          rank: 'Pembina Utama Muda',
          nip: '196811041993031009',
        },
        meterai,
        signerKey: '196811041993031009',
      },
    ],
  };
}

export function scriptDoc(): MarkupDocument {
  const chunks = [
    'Kami Aparatur Sipil Negara,',
    'Pemerintah Kabupaten Sukamara,',
    'dalam rangka menyukseskan',
    'pelaksanaan Pemilihan Serentak Tahun 2024,',
    'berikrar:',
  ];
  return {
    kind: 'script',
    pageNumbers: true,
    blocks: [
      { type: 'heading', runs: [{ text: 'NASKAH IKRAR NETRALITAS' }], size: 18 },
      ...chunks.map(
        (t): Block => ({
          type: 'paragraph',
          runs: [{ text: t }],
          size: 20,
          align: 'left',
          lineHeight: 1.5,
          spaceAfter: 4,
        }),
      ),
      { type: 'pagebreak' },
      { type: 'heading', runs: [{ text: 'SUSUNAN ACARA' }], size: 16 },
      {
        type: 'list',
        style: 'alpha',
        size: 14,
        items: [
          [{ text: 'Peserta apel memasuki lapangan (07.30 WIB)' }],
          [{ text: 'Pembacaan ' }, { text: 'ikrar netralitas', italic: true }],
          [{ text: 'Penandatanganan pakta integritas' }],
        ],
      },
    ],
  };
}
