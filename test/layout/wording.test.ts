/**
 * The wording the layout prints (page numbers, the signing table's unit line and column headings,
 * the meterai) comes from the template, so a clerk can change it; without the attributes it is
 * today's text.
 */
import { describe, expect, it } from 'vitest';
import { layoutDocument } from '../../src/layout/layout.js';
import { pageSpec } from '../../src/layout/pages.js';
import type { DrawItem, LaidOutPage } from '../../src/layout/types.js';
import { loadMetrics } from '../../src/draw/fonts.js';
import { parseMarkup, parseMarkupProblems } from '../../src/templates/markup.js';
import { formatProblem } from '../../src/model/problems.js';

const metrics = loadMetrics('sans');
const F4 = pageSpec('f4', 'sans', true);
type Text = Extract<DrawItem, { t: 'text' }>;
const words = (p: LaidOutPage): string[] => p.items.filter((i): i is Text => i.t === 'text').map((t) => t.text);

const sheet = (docAttrs: string, tableAttrs: string) =>
  parseMarkup(
    `<document kind="sheets" unit="Dinas A" page-numbers="true"${docAttrs}>
<signing-table unit="Dinas A"${tableAttrs}><row key="K1" nip="198609262015051001" number="1" name="Budi" nip-text="19860926 201505 1 001" rank="Penata, III/c" position="Analis"/></signing-table>
</document>`,
    { file: 'lembar-ttd.hbs' },
  );
const pakta = (attrs: string) =>
  parseMarkup(
    `<document kind="pakta" unit="K1" page-numbers="false">
<signatures place-date="Sukamara, 4 November 2024" meterai="true" signer="K1"${attrs}>
  <right><title>Yang membuat,</title><name>Budi</name></right>
</signatures>
</document>`,
    { file: 'pakta-integritas.hbs' },
  );

describe('wording from the template', () => {
  it("without the attributes the sheet prints today's words", () => {
    const w = words(layoutDocument(sheet('', ''), F4, metrics)[0]!);
    for (const x of ['Halaman 1 dari 1', 'Unit Kerja:', 'No', 'Nama', 'NIP', 'Pangkat/Gol.', 'Jabatan', 'Tanda Tangan'])
      expect(w).toContain(x);
    expect(words(layoutDocument(pakta(''), F4, metrics)[0]!)).toEqual(expect.arrayContaining(['METERAI', 'Rp10.000']));
  });

  it("a clerk's template changes the page numbers, the unit line, the column headings and the meterai", () => {
    const page = layoutDocument(
      sheet(
        ' page-label="Hlm. {n} / {total}"',
        ' unit-label="OPD:" no-header="#" name-header="Nama Lengkap" id-header="NIP/NRP" rank-header="Golongan" position-header="Jabatan/Tugas" sign-header="Paraf"',
      ),
      F4,
      metrics,
    )[0]!;
    const w = words(page);
    for (const x of ['Hlm. 1 / 1', 'OPD:', '#', 'Nama Lengkap', 'NIP/NRP', 'Golongan', 'Jabatan/Tugas', 'Paraf'])
      expect(w).toContain(x);
    for (const x of ['Halaman 1 dari 1', 'Unit Kerja:', 'Tanda Tangan', 'Pangkat/Gol.']) expect(w).not.toContain(x);
    const p = words(layoutDocument(pakta(' meterai-label="MATERAI" meterai-value="Rp 10.000,-"'), F4, metrics)[0]!);
    expect(p).toEqual(expect.arrayContaining(['MATERAI', 'Rp 10.000,-']));
    expect(p).not.toContain('METERAI');
  });

  it('an unknown wording attribute is still an error naming it', () => {
    const text =
      '<document kind="sheets" unit="A"><signing-table unit="A" nama-header="Nama"></signing-table></document>';
    const problems = parseMarkupProblems(text, { file: 'lembar-ttd.hbs' }).problems.map((p) => formatProblem(p));
    expect(problems.join('\n')).toMatch(/nama-header/);
  });
});
