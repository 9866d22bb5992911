/**
 * XLSX parts as other writers lay them out (issue #13): the reader finds every part through the zip's
 * central directory, so the order of the entries, data descriptors, stored entries and namespace
 * prefixes cannot make a read miss anything — and there is no retry to paper over it.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readRoster } from '../../src/roster/read.js';
import { zipBytes, type Entry } from '../cli/hostile-files.js';
import { nip, tempDir } from './helpers.js';

const { write } = tempDir('parts');

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

function entry(name: string, text: string, opts: { stored?: boolean; descriptor?: boolean } = {}): Entry {
  const raw = Buffer.from(text, 'utf8');
  const data = opts.stored ? raw : zlib.deflateRawSync(raw);
  return {
    name,
    data,
    crc: zlib.crc32(raw),
    size: raw.length,
    method: opts.stored ? 0 : 8,
    descriptor: opts.descriptor ?? false,
  };
}

const rels = (list: [string, string, string][]) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`).join('')}</Relationships>`;

/** The header row and three people; cell kinds as Excel writes them (shared strings, numbers with a date style). */
function sheetXml(p = ''): string {
  const row = (r: number, cells: string) => `<${p}row r="${r}" spans="1:6">${cells}</${p}row>`;
  const s = (ref: string, i: number) => `<${p}c r="${ref}" t="s"><${p}v>${i}</${p}v></${p}c>`;
  const people = [0, 1, 2].map((i) =>
    row(
      i + 2,
      `<${p}c r="A${i + 2}" t="str"><${p}v>${nip(700 + i)}</${p}v></${p}c>` +
        s(`B${i + 2}`, 6 + i) +
        s(`C${i + 2}`, 9) +
        `<${p}c r="D${i + 2}" s="1"><${p}v>${29342 + i}</${p}v></${p}c>` +
        `<${p}c r="F${i + 2}" t="b"><${p}v>${i % 2}</${p}v></${p}c>`,
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="${MAIN}"><${p}sheetData>${row(1, [0, 1, 2, 3, 4, 5].map((i) => s(`${'ABCDEF'[i]}1`, i)).join(''))}${people.join('')}</${p}sheetData></${p}worksheet>`;
}

const STRINGS = [
  'NIP',
  'NAMA',
  'UNIT KERJA',
  'TANGGAL LAHIR',
  'CATATAN',
  'AKTIF',
  'Ani Lestari',
  'Budi &amp; Sons',
  'Cici',
  'Dinas A',
];
const sst = (p = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><${p}sst xmlns${p ? `:${p.slice(0, -1)}` : ''}="${MAIN}" count="10" uniqueCount="10">${STRINGS.map((t) => `<${p}si><${p}t>${t}</${p}t></${p}si>`).join('')}</${p}sst>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;
const workbookXml = (p = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><${p}workbook xmlns${p ? `:${p.slice(0, -1)}` : ''}="${MAIN}" xmlns:r="${REL}"><${p}sheets><${p}sheet name="Rumus" sheetId="1" state="hidden" r:id="rId1"/><${p}sheet name="Pegawai" sheetId="2" r:id="rId2"/></${p}sheets></${p}workbook>`;
const TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

/**
 * The sheets first, then the shared strings (stored, with a data descriptor: a streaming unzip cannot
 * tell where it ends), and the workbook part and its relationships last — the order that made
 * exceljs's streaming reader miss parts.
 */
function lateParts(prefix = ''): Buffer {
  return zipBytes([
    entry('[Content_Types].xml', TYPES, { descriptor: true }),
    entry('_rels/.rels', rels([['rId1', 'officeDocument', 'xl/workbook.xml']]), { descriptor: true }),
    entry(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`,
      { descriptor: true },
    ),
    entry('xl/worksheets/sheet2.xml', sheetXml(prefix), { descriptor: true }),
    entry('xl/sharedStrings.xml', sst(prefix), { stored: true, descriptor: true }),
    entry('xl/styles.xml', STYLES, { stored: true, descriptor: true }),
    entry(
      'xl/_rels/workbook.xml.rels',
      rels([
        ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
        ['rId2', 'worksheet', '/xl/worksheets/sheet2.xml'],
        ['rId3', 'sharedStrings', 'sharedStrings.xml'],
        ['rId4', 'styles', 'styles.xml'],
      ]),
      { descriptor: true },
    ),
    entry('xl/workbook.xml', workbookXml(prefix), { descriptor: true }),
  ]);
}

const expected = [
  [2, nip(700), 'Ani Lestari', 'Dinas A', '1980-05-01', 'FALSE'],
  [3, nip(701), 'Budi & Sons', 'Dinas A', '1980-05-02', 'TRUE'],
  [4, nip(702), 'Cici', 'Dinas A', '1980-05-03', 'FALSE'],
];

describe('XLSX parts in any order', () => {
  for (const prefix of ['', 'x:']) {
    it(`reads the shared strings and workbook written after the sheet, with data descriptors${prefix ? ', every element prefixed x:' : ''}, the same 200 times`, async () => {
      const file = write(`late${prefix ? '-prefixed' : ''}.xlsx`, lateParts(prefix));
      const seen = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const r = await readRoster({ file, keepColumns: true });
        seen.add(
          JSON.stringify({
            problems: r.problems.map((p) => p.code),
            sheet: r.sheet,
            sheets: r.sheets,
            people: r.people.map((p) => [p.row, p.nip, p.name, p.unit, p.columns?.['TANGGAL LAHIR'], p.columns?.AKTIF]),
          }),
        );
      }
      expect([...seen].map((s) => JSON.parse(s))).toEqual([
        { problems: [], sheet: 'Pegawai', sheets: ['Rumus', 'Pegawai'], people: expected },
      ]);
    }, 60_000);
  }
});

describe('XLSX cells as Excel writes them', () => {
  /** One sheet "Pegawai" with the given cells after NIP/NAMA/UNIT KERJA; `book1904` sets the 1904 date system. */
  function book(
    name: string,
    cells: string,
    opts: { book1904?: boolean; strings?: string[]; dropSheet?: boolean } = {},
  ): string {
    const head = ['NIP', 'NAMA', 'UNIT KERJA', 'TANGGAL', 'CATATAN', 'GALAT']
      .map((t, i) => `<c r="${'ABCDEF'[i]}1" t="inlineStr"><is><t>${t}</t></is></c>`)
      .join('');
    const sheet = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData><row r="1">${head}</row><row r="2"><c r="A2" t="str"><v>${nip(800)}</v></c>${cells}</row></sheetData></worksheet>`;
    const wb = `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${opts.book1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const sstXml = `<?xml version="1.0"?><sst xmlns="${MAIN}">${(opts.strings ?? []).map((t) => `<si>${t}</si>`).join('')}</sst>`;
    return write(
      name,
      zipBytes([
        entry('[Content_Types].xml', TYPES),
        entry('_rels/.rels', rels([['rId1', 'officeDocument', 'xl/workbook.xml']])),
        entry('xl/workbook.xml', wb),
        entry(
          'xl/_rels/workbook.xml.rels',
          rels([
            ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
            ['rId3', 'sharedStrings', 'sharedStrings.xml'],
            ['rId4', 'styles', 'styles.xml'],
          ]),
        ),
        entry(
          'xl/styles.xml',
          `<?xml version="1.0"?><styleSheet xmlns="${MAIN}"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/></cellXfs></styleSheet>`,
        ),
        entry('xl/sharedStrings.xml', sstXml),
        ...(opts.dropSheet ? [] : [entry('xl/worksheets/sheet1.xml', sheet)]),
      ]),
    );
  }

  it('shared rich text without its phonetic runs, _x000D_, a built-in date format in both date systems, a date-time, an error cell', async () => {
    const strings = [
      '<r><t>Dr. </t></r><r><rPr><b/></rPr><t xml:space="preserve">Ani</t></r><rPh sb="0" eb="1"><t>アニ</t></rPh><r><t>, M.Si.</t></r>',
      '<t>Dinas_x000D_\nA &lt;Pusat&gt;</t>',
    ];
    const cells =
      '<c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" s="1"><v>29342</v></c><c r="E2" s="2"><v>45600.5</v></c><c r="F2" t="e"><v>#N/A</v></c>';
    const r1900 = await readRoster({ file: book('kinds-1900.xlsx', cells, { strings }), keepColumns: true });
    expect(r1900.problems).toEqual([]);
    expect(r1900.people[0]).toMatchObject({
      name: 'Ani',
      frontTitle: 'Dr.',
      backTitle: 'M.Si.',
      unit: 'Dinas A <Pusat>',
    });
    expect(r1900.people[0]!.columns).toMatchObject({
      TANGGAL: '1980-05-01',
      CATATAN: '2024-11-04 12:00',
      GALAT: '#N/A',
    });
    const r1904 = await readRoster({
      file: book('kinds-1904.xlsx', cells, { strings, book1904: true }),
      keepColumns: true,
    });
    expect(r1904.people[0]!.columns).toMatchObject({ TANGGAL: '1984-05-02' });
  });

  it('a workbook that lists a sheet its zip does not hold is refused, naming the file and the missing part; nothing is read', async () => {
    const file = book('no-sheet.xlsx', '', { dropSheet: true });
    const r = await readRoster({ file });
    expect(r.people).toEqual([]);
    expect(r.problems.map((p) => [p.code, p.severity, p.file])).toEqual([['roster-xlsx-unreadable', 'error', file]]);
    expect(r.problems[0]!.message).toContain("lists the sheet 'Pegawai' but holds no part xl/worksheets/sheet1.xml");
    expect(r.problems[0]!.hint).toMatch(/save it again/);
  });
});
