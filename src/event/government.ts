/** The event file's sections that say who holds the event: government, office, election. */
import type { EventConfig } from '../model/event.js';
import type { World } from '../world/world.js';
import type { Field, Reader } from './reader.js';
import { readLogo } from './sections.js';
import { section, need, opt, type Fields, type Kind } from './walk.js';

/** government: name, region, kind (from the name when not given), the letterhead logo (checked through the World). */
export function readGovernment(
  r: Reader,
  root: Field,
  top: Fields,
  dir: string,
  world: World,
): { govName?: string | undefined; region?: string | undefined; kind: Kind; logo?: string | undefined } {
  const govF = top.government;
  const gov = section(r, root, top, 'government', 'name: PEMERINTAH KABUPATEN …, region: …');
  let govName: string | undefined;
  let region: string | undefined;
  let kind: Kind = 'kabupaten';
  let logo: string | undefined;
  if (gov && govF) {
    govName = need(r, govF, gov, 'name', 'PEMERINTAH KABUPATEN SUKAMARA');
    region = need(r, govF, gov, 'region', 'Sukamara');
    const k = opt(r, gov.kind);
    if (k !== undefined) {
      const kk = k.toLowerCase().replace(/\./g, '');
      if (kk === 'kabupaten' || kk === 'kab') kind = 'kabupaten';
      else if (kk === 'kota') kind = 'kota';
      else if (kk === 'provinsi' || kk === 'prov') kind = 'provinsi';
      else
        r.error(
          gov.kind!,
          'event-bad-value',
          `'${k}' is not a kind of regional government`,
          'write kabupaten, kota or provinsi',
        );
    } else if (govName) kind = kindFromName(govName);
    logo = readLogo(r, gov.logo, dir, world);
  }
  return { govName, region, kind, logo };
}

/** office: the name and address lines of the letterhead. */
export function readOffice(
  r: Reader,
  root: Field,
  top: Fields,
): { officeName?: string | undefined; addressLines: string[] } {
  const offF = top.office;
  const off = section(r, root, top, 'office', 'name: BADAN KEPEGAWAIAN …');
  let officeName: string | undefined;
  let addressLines: string[] = [];
  if (off && offF) {
    officeName = need(r, offF, off, 'name', 'BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA');
    if (off.address && off.addressLines) {
      r.error(
        off.addressLines,
        'event-duplicate-key',
        'address and addressLines are the same setting; give only one',
        'keep address:',
      );
    }
    const a = off.address ?? off.addressLines;
    if (a)
      addressLines = r.strList(a, 'an address line').flatMap((l) =>
        l
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean),
      );
  }
  return { officeName, addressLines };
}

/** election: its label (without a trailing "Tahun 2024", which the documents add) and year. */
export function readElection(
  r: Reader,
  root: Field,
  top: Fields,
): { label?: string | undefined; year?: number | undefined } {
  const elF = top.election;
  const el = section(r, root, top, 'election', 'label: Pemilihan Serentak, year: 2024');
  let label: string | undefined;
  let year: number | undefined;
  if (el && elF) {
    label = need(r, elF, el, 'label', 'Pemilihan Serentak');
    if (!el.year) r.require(elF, el, 'year', '2024');
    else year = r.int(el.year, { min: 2000, max: 2100, required: true });
    if (label) {
      const m = /[\s,]*\bTahun\s+(\d{4})\s*$/i.exec(label);
      if (m) {
        r.warn(
          el.label!,
          'event-label-year',
          `the label ends with '${m[0].trim()}', but the documents add "Tahun ${year ?? m[1]}" themselves`,
          `write label: ${label.slice(0, m.index)}`,
        );
        label = label.slice(0, m.index);
      }
    }
  }
  return { label, year };
}

/** Kind of government named: "PEMERINTAH KOTA PALANGKA RAYA" → kota; default kabupaten. */
export function kindFromName(name: string): EventConfig['government']['kind'] {
  const up = name.toUpperCase();
  if (/\bKABUPATEN\b/.test(up)) return 'kabupaten';
  if (/\bKOTA\b/.test(up)) return 'kota';
  if (/\bPROVINSI\b/.test(up)) return 'provinsi';
  return 'kabupaten';
}
