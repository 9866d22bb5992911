/** A small hand-made manifest and readings for tally and report tests. */
import { pageCodeFor } from '../../src/model/pagecode.js';
import type { Manifest, ManifestPage, ManifestPerson } from '../../src/model/manifest.js';
import type { BoxDecision, PageReading } from '../../src/scan/types.js';

export const EVENT = 'K7QD2M';

export const PEOPLE: ManifestPerson[] = [
  {
    key: '198609262015051001',
    nip: '198609262015051001',
    name: 'Dr. Zefnihan, S.Pd., M.Si.',
    unit: 'Dinas Pendidikan',
    position: 'Kepala Dinas',
    kind: 'PNS',
  },
  {
    key: '199001012019032002',
    nip: '199001012019032002',
    name: 'Siti Rahmawati, S.E.',
    unit: 'Dinas Pendidikan',
    position: 'Analis',
    kind: 'PNS',
  },
  {
    key: '198512122010011003',
    nip: '198512122010011003',
    name: "Ma'ruf & Sons <Jr>",
    unit: 'Dinas Pendidikan',
    position: 'Pengawas',
    kind: 'PNS',
  },
  {
    key: '197805052005012004',
    nip: '197805052005012004',
    name: 'Ir. H. Bambang Sutrisno',
    unit: 'Dinas Kesehatan',
    position: 'Kepala Dinas',
    kind: 'PNS',
  },
  {
    key: 'dinkes-ani',
    nip: null,
    name: 'Ani',
    unit: 'Dinas Kesehatan',
    position: 'Tenaga Harian Lepas',
    kind: 'non-ASN',
  },
  {
    key: '=cmd|calc',
    nip: null,
    name: '=HYPERLINK("http://x")',
    unit: '+Unit Aneh',
    position: 'Staf',
    kind: 'non-ASN',
  },
];

function page(
  serial: number,
  document: 'sheets' | 'pakta',
  file: string,
  pageNo: number,
  unit: string,
  keys: string[],
): ManifestPage {
  const p = pageWithoutCode(serial, document, file, pageNo, unit, keys);
  return { ...p, code: pageCodeFor(EVENT, serial, p) };
}

function pageWithoutCode(
  serial: number,
  document: 'sheets' | 'pakta',
  file: string,
  pageNo: number,
  unit: string,
  keys: string[],
): ManifestPage {
  return {
    code: '',
    serial,
    document,
    file,
    page: pageNo,
    unit,
    size: [609.4, 935.4],
    marks: [
      [45, 37],
      [564, 37],
      [564, 898],
      [45, 898],
      [34, 468],
      [575, 468],
    ],
    markSize: 14,
    qrs: [
      { square: [31, 68, 45, 45], symbol: [36.5, 73.5, 34, 34] },
      { square: [501, 857, 45, 45], symbol: [506.5, 862.5, 34, 34] },
    ],
    boxes: keys.map((key, i) => ({
      key,
      nip: PEOPLE.find((p) => p.key === key)!.nip,
      number: document === 'pakta' ? 1 : i + 1,
      side: document === 'pakta' ? 'pakta' : i % 2 === 0 ? 'left' : 'right',
      rect: [400 + (i % 2) * 80, 200 + i * 32, 80, 30],
    })),
  };
}

export function makeManifest(): Manifest {
  return {
    format: 'ikrar-manifest',
    version: 2,
    generator: 'ikrar 0.1.0',
    event: {
      code: EVENT,
      title: 'Apel Ikrar Netralitas ASN',
      label: 'Pemilihan Serentak Tahun 2024',
      date: '2024-11-04',
      region: 'Sukamara',
      government: 'PEMERINTAH KABUPATEN SUKAMARA',
      file: 'event.yaml',
    },
    rosterHash: 'abc',
    paper: 'f4',
    people: PEOPLE,
    pages: [
      page(1, 'sheets', 'lembar-ttd.pdf', 1, 'Dinas Pendidikan', [PEOPLE[0]!.key, PEOPLE[1]!.key]),
      page(2, 'sheets', 'lembar-ttd.pdf', 2, 'Dinas Pendidikan', [PEOPLE[2]!.key]),
      page(3, 'sheets', 'lembar-ttd.pdf', 3, 'Dinas Kesehatan', [PEOPLE[3]!.key, PEOPLE[4]!.key]),
      page(4, 'sheets', 'lembar-ttd.pdf', 4, '+Unit Aneh', [PEOPLE[5]!.key]),
      page(5, 'pakta', 'pakta-integritas.pdf', 1, 'Dinas Pendidikan', [PEOPLE[0]!.key]),
      page(6, 'pakta', 'pakta-integritas.pdf', 2, 'Dinas Kesehatan', [PEOPLE[3]!.key]),
    ],
  };
}

export const PNG_1x1 = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** An identified reading of manifest page `serial` with the given decisions (in box order). */
export function reading(
  m: Manifest,
  serial: number,
  file: string,
  pageNo: number,
  decisions: BoxDecision[],
  scores?: number[],
): PageReading {
  const mp = m.pages.find((p) => p.serial === serial)!;
  return {
    source: { file, page: pageNo },
    status: 'identified',
    code: mp.code,
    serial,
    rotation: 0,
    boxes: mp.boxes.map((b, i) => {
      const decision = decisions[i] ?? 'unsigned';
      const score = scores?.[i] ?? (decision === 'signed' ? 0.9 : decision === 'uncertain' ? 0.5 : 0.05);
      return {
        key: b.key,
        number: b.number,
        side: b.side,
        decision,
        score,
        ...(decision === 'uncertain' ? { crop: PNG_1x1 } : {}),
      };
    }),
  };
}
