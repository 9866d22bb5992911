/** The event file's vocabulary: its keys, the words clerks write instead, the roster fields, the defaults. */
import type { RosterField } from '../model/event.js';

/** The example event file is 8 KB; a file over 4 MB is not an event file (and YAML would take gigabytes on it). */
export const MAX_EVENT_BYTES = 4 * 1024 * 1024;

export const DEFAULT_TITLE = 'Apel Ikrar Netralitas ASN';
export const DEFAULT_WITNESS_LABEL = 'Mengetahui,';

/** Keys allowed at each level of the event file. */
export const EVENT_KEYS = {
  top: ['government', 'office', 'election', 'title', 'code', 'ceremony', 'reader', 'witnesses', 'pakta', 'sheets', 'pledge', 'programme', 'paper', 'font', 'columns', 'sheet', 'extra', 'beritaAcara', 'deklarasi', 'units'],
  government: ['name', 'region', 'kind', 'logo'],
  office: ['name', 'address', 'addressLines'],
  election: ['label', 'year'],
  ceremony: ['date', 'time', 'until', 'timeZone', 'place', 'city'],
  official: ['name', 'position', 'rank', 'nip', 'nrp', 'prefix', 'regionalHead'],
  pakta: ['signers', 'witness', 'witnessLabel', 'meterai'],
  rule: ['column', 'matches', 'in'],
  sheets: ['officers', 'heads', 'default', 'defaultOfficer'],
  pledge: ['institution'],
  beritaAcara: ['number', 'signer', 'witness', 'witnessLabel'],
  deklarasi: ['title', 'text', 'signers', 'people', 'columns', 'witnesses', 'witnessLabel'],
  deklarasiSigner: ['name', 'position', 'institution'],
} as const;

export const ROSTER_FIELDS: readonly RosterField[] = ['nip', 'nrp', 'nipLama', 'name', 'frontTitle', 'backTitle', 'rank', 'position', 'unit', 'kind', 'sex', 'key', 'eselon'];

/** Indonesian (and a few English) words a clerk may write for a key: used only for the hint. */
export const ALIASES = {
  top: {
    pemerintah: 'government', pemda: 'government', pemerintah_daerah: 'government', kantor: 'office', instansi: 'office',
    opd: 'office', penyelenggara: 'office', pemilihan: 'election', pemilu: 'election', pilkada: 'election', judul: 'title',
    nama_acara: 'title', kode: 'code', acara: 'ceremony', apel: 'ceremony', upacara: 'ceremony', kegiatan: 'ceremony',
    event: 'ceremony', pembaca: 'reader', pembina: 'reader', pembina_apel: 'reader', pembaca_ikrar: 'reader',
    saksi: 'witnesses', witness: 'witnesses', mengetahui: 'witnesses', pakta_integritas: 'pakta', lembar: 'sheets',
    lembar_ttd: 'sheets', daftar_hadir: 'sheets', ikrar: 'pledge', susunan_acara: 'programme', program: 'programme',
    agenda: 'programme', kertas: 'paper', ukuran_kertas: 'paper', huruf: 'font', jenis_huruf: 'font', kolom: 'columns',
    lembar_kerja: 'sheet', worksheet: 'sheet', tambahan: 'extra', berita_acara: 'beritaAcara', ba: 'beritaAcara',
    nomor_berita_acara: 'beritaAcara', notulen: 'beritaAcara', deklarasi_bersama: 'deklarasi', declaration: 'deklarasi',
    unit_kerja: 'units', unor: 'units', kelompok: 'units', pengelompokan: 'units',
  },
  government: { nama: 'name', daerah: 'region', wilayah: 'region', kabupaten: 'region', jenis: 'kind', lambang: 'logo', logo_daerah: 'logo' },
  office: { nama: 'name', alamat: 'address' },
  election: { nama: 'label', jenis: 'label', tahun: 'year' },
  ceremony: {
    tanggal: 'date', hari_tanggal: 'date', jam: 'time', waktu: 'time', pukul: 'time', mulai: 'time', sampai: 'until',
    selesai: 'until', sd: 'until', zona: 'timeZone', zona_waktu: 'timeZone', zone: 'timeZone', tempat: 'place',
    lokasi: 'place', kota: 'city',
  },
  official: {
    nama: 'name', jabatan: 'position', pangkat: 'rank', golongan: 'rank', pangkat_golongan: 'rank', nip_baru: 'nip',
    awalan: 'prefix', kepala_daerah: 'regionalHead',
  },
  pakta: { penandatangan: 'signers', yang_menandatangani: 'signers', saksi: 'witness', label_saksi: 'witnessLabel', materai: 'meterai' },
  rule: { kolom: 'column', cocok: 'matches', match: 'matches', regex: 'matches', pola: 'matches', salah_satu: 'in', values: 'in' },
  sheets: { pejabat: 'officers', penandatangan: 'officers', unit: 'officers', default_officer: 'defaultOfficer', bawaan: 'default', kepala: 'heads', kepala_unit: 'heads' },
  pledge: { instansi: 'institution', lingkungan: 'institution' },
  beritaAcara: {
    nomor: 'number', no: 'number', nomor_surat: 'number', penandatangan: 'signer', yang_membuat: 'signer', pembuat: 'signer',
    saksi: 'witness', mengetahui: 'witness', label_saksi: 'witnessLabel',
  },
  deklarasi: {
    judul: 'title', teks: 'text', isi: 'text', naskah: 'text', penandatangan: 'signers', peserta: 'people', daftar: 'people',
    kolom: 'columns', saksi: 'witnesses', mengetahui: 'witnesses', label_saksi: 'witnessLabel',
  },
  deklarasiSigner: { nama: 'name', jabatan: 'position', instansi: 'institution', lembaga: 'institution', unit: 'institution' },
} satisfies Record<string, Record<string, string>>;

/** Indonesian words for the roster fields of `columns:` (as written, lower-cased, spaces → `_`). */
export const FIELD_ALIASES: Record<string, RosterField> = {
  nip_baru: 'nip', nip_lama: 'nipLama', nomor_registrasi_pokok: 'nrp', nama: 'name', gelar_depan: 'frontTitle', gelar_belakang: 'backTitle',
  pangkat: 'rank', golongan: 'rank', golru: 'rank', jabatan: 'position', unit_kerja: 'unit', opd: 'unit', skpd: 'unit',
  status: 'kind', jenis_pegawai: 'kind', jenis_kelamin: 'sex', kunci: 'key',
};

