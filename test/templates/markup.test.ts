import { describe, expect, it } from 'vitest';
import Handlebars from 'handlebars';
import { parseMarkup, parseMarkupProblems } from '../../src/templates/markup.js';
import { IkrarError, formatProblem } from '../../src/model/problems.js';

const opts = { file: 'doc.hbs' };

function errors(text: string): string[] {
  return parseMarkupProblems(text, opts).problems.map((p) => formatProblem(p));
}

describe('document markup parser', () => {
  it('parses every element into blocks with source lines', () => {
    const doc = parseMarkup(
      `<document kind="pakta" footer="Unit: A" page-numbers="true">
<letterhead/>
<heading size="14" align="center">PAKTA   INTEGRITAS</heading>
<p align="justify" indent="1cm" first-indent="0" line-height="1.5" keep-with-next="true">Saya <b>yang <i>bertanda</i></b> <u>tangan</u>:</p>
<list style="alpha"><item>satu</item>
  <item>dua</item></list>
<fields label-width="4.5cm"><field label="Nama"><b>Budi</b></field><field label="NIP">-</field></fields>
<spacer height="5mm"/>
<signatures place-date="Sukamara, 4 November 2024" meterai="true" signer="K1">
  <left><title>Mengetahui,</title><title>BUPATI SUKAMARA,</title><name>H. Ahmad</name></left>
  <right><title>Yang membuat,</title><name>Budi</name><rank>Penata</rank><nip>19860926 201505 1 001</nip></right>
</signatures>
<signing-table unit="Dinas A"><row key="K1" nip="198609262015051001" number="1" name="Budi" nip-text="19860926 201505 1 001" rank="Penata, III/c" position="Analis"/>
<row key="K2" name="Sari"/></signing-table>
<pagebreak/>
</document>`,
      {
        file: 'doc.hbs',
        letterhead: { lines: [{ text: 'PEMERINTAH KABUPATEN SUKAMARA', size: 14, bold: true }], logo: '/x/logo.png' },
      },
    );
    expect(doc.kind).toBe('pakta');
    expect(doc.footer).toBe('Unit: A');
    expect(doc.pageNumbers).toBe(true);
    expect(doc.blocks.map((b) => b.type)).toEqual([
      'letterhead',
      'heading',
      'paragraph',
      'list',
      'fields',
      'spacer',
      'signatures',
      'signing-table',
      'pagebreak',
    ]);
    expect(doc.blocks.map((b) => b.src?.line)).toEqual([2, 3, 4, 5, 7, 8, 9, 13, 15]);
    const [lh, h, p, list, fields, spacer, sig, table] = doc.blocks as any[];
    expect(lh).toMatchObject({
      lines: [{ text: 'PEMERINTAH KABUPATEN SUKAMARA', size: 14, bold: true }],
      logo: '/x/logo.png',
    });
    expect(h).toMatchObject({ runs: [{ text: 'PAKTA INTEGRITAS' }], size: 14, align: 'center' });
    expect(p.runs).toEqual([
      { text: 'Saya ' },
      { text: 'yang ', bold: true },
      { text: 'bertanda', bold: true, italic: true },
      { text: ' ' },
      { text: 'tangan', underline: true },
      { text: ':' },
    ]);
    expect(p.indent).toBeCloseTo(28.35, 1);
    expect(p).toMatchObject({ align: 'justify', firstIndent: 0, lineHeight: 1.5, keepWithNext: true });
    expect(list).toMatchObject({ style: 'alpha', items: [[{ text: 'satu' }], [{ text: 'dua' }]] });
    expect(fields.rows).toEqual([
      { label: 'Nama', value: [{ text: 'Budi', bold: true }] },
      { label: 'NIP', value: [{ text: '-' }] },
    ]);
    expect(spacer.height).toBeCloseTo(14.17, 1);
    expect(sig).toMatchObject({
      placeDate: 'Sukamara, 4 November 2024',
      meterai: true,
      signerKey: 'K1',
      left: { title: ['Mengetahui,', 'BUPATI SUKAMARA,'], name: 'H. Ahmad' },
      right: { title: ['Yang membuat,'], name: 'Budi', rank: 'Penata', nip: '198609262015051001' },
    });
    expect(sig.left.nip).toBeUndefined();
    expect(table.unit).toBe('Dinas A');
    expect(table.rows).toEqual([
      {
        key: 'K1',
        nip: '198609262015051001',
        number: 1,
        name: 'Budi',
        nipText: '19860926 201505 1 001',
        rank: 'Penata, III/c',
        position: 'Analis',
      },
      { key: 'K2', nip: null, number: 2, name: 'Sari', nipText: '-', rank: '-', position: '' },
    ]);
  });

  it("round-trips Handlebars' escaping: names print exactly as written", () => {
    const nasty = `Ma'ruf & Sons <Jr> "Kiai" \`x\` a=b`;
    const hb = Handlebars.create();
    const text = hb.compile(
      '<document kind="script"><p>{{name}}</p><signing-table unit="{{name}}"><row key="k" name="{{name}}"/></signing-table></document>',
    )({ name: nasty });
    expect(text).toContain('&#x27;');
    expect(text).toContain('&#x60;');
    expect(text).toContain('&#x3D;');
    const doc = parseMarkup(text, opts);
    expect((doc.blocks[0] as any).runs[0].text).toBe(nasty);
    expect((doc.blocks[1] as any).unit).toBe(nasty);
    expect((doc.blocks[1] as any).rows[0].name).toBe(nasty);
  });

  it('decodes named and numeric entities', () => {
    const doc = parseMarkup(
      '<document kind="script"><p>&amp;&lt;&gt;&quot;&#39;&#x27;&#x60;&#x3D;&#233;&#x2014;&nbsp;|</p></document>',
      opts,
    );
    expect((doc.blocks[0] as any).runs[0].text).toBe(`&<>"''\`=é—\u00a0|`);
  });

  it('collapses whitespace but keeps a non-breaking space', () => {
    const doc = parseMarkup('<document kind="script"><p>\r\n  a \t\r\n b&#160;&#160;c  </p></document>', opts);
    expect((doc.blocks[0] as any).runs).toEqual([{ text: 'a b\u00a0\u00a0c' }]);
  });

  it('reports mistakes with file and line', () => {
    const unknown = errors('<document kind="script">\n<p>x</p>\n<para>y</para>\n</document>');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(
      /^doc\.hbs:3: unknown element <para> \(inside <document> allowed: <letterhead>, <heading>, <p>, <list>, <fields>, <signatures>, <signing-table>, .*<spacer>, <pagebreak>.*\)$/,
    );
    expect(errors('<document kind="script">\n<p>x\n</document>')[0]).toBe(
      'doc.hbs:3: </document> found where </p> was expected (<p> opened on line 2 is not closed)',
    );
    expect(errors('<document kind="script">\n\n<p>x</p>')[0]).toBe(
      'doc.hbs:1: <document> is never closed (add </document>)',
    );
    expect(errors('<document kind="script">\n<p colour="red">x</p></document>')[0]).toMatch(
      /^doc\.hbs:2: <p> has no attribute "colour" \(allowed: size, align/,
    );
    expect(errors('<document kind="script">\n\n<p align="middle">x</p></document>')[0]).toBe(
      'doc.hbs:3: attribute align="middle" of <p> must be one of: left, center, right, justify',
    );
    expect(errors('<document kind="script">\n<p>Sons & Co</p></document>')[0]).toMatch(
      /^doc\.hbs:2: "&" starts no known entity/,
    );
    expect(errors('<document kind="script">\n<p>a < b</p></document>')[0]).toMatch(
      /^doc\.hbs:2: "<" starts no element/,
    );
    expect(errors('<document kind="script">\n<spacer height="big"/></document>')[0]).toMatch(
      /^doc\.hbs:2: attribute height="big" of <spacer> is not a length/,
    );
    expect(errors('<document kind="memo"></document>')[0]).toMatch(
      /kind="memo" of <document> must be one of: sheets, script, pakta/,
    );
    expect(errors('hello')[0]).toMatch(/^doc\.hbs:1: text "hello" cannot stand directly inside/);
    expect(
      errors('<document kind="script"><signatures><left><title>x</title></left></signatures></document>')[0],
    ).toMatch(/<left> needs a <name>/);
    expect(
      errors('<document kind="script"><signing-table unit="A"><row name="x"/></signing-table></document>')[0],
    ).toMatch(/<row> needs key=/);
    expect(errors('<document kind="script"><p><heading>x</heading></p></document>')[0]).toMatch(
      /<heading> cannot stand inside <p>/,
    );
    expect(errors('<document kind="script"><p a="1" a="2">x</p></document>')[0]).toMatch(/attribute a given twice/);
  });

  it('collects several problems in one run', () => {
    const e = errors('<document kind="script">\n<foo/>\n<p size="x">a</p>\n<bar/>\n</document>');
    expect(e).toHaveLength(3);
    expect(e.map((s) => s.split(':')[1]).sort()).toEqual(['2', '3', '4']);
    expect(e.join('\n')).toMatch(/unknown element <foo>/);
    expect(e.join('\n')).toMatch(/unknown element <bar>/);
    expect(e.join('\n')).toMatch(/size="x" of <p> must be a number/);
  });

  it('follows position markers for lines and files', () => {
    const text =
      '\u00010:1\u0002<document kind="script">\n\u00011:7\u0002<p>x</p>\n\u00011:8\u0002<bogus/>\n\u00010:3\u0002</document>';
    const r = parseMarkupProblems(text, { file: 'main.hbs', files: ['main.hbs', '_part.hbs'] });
    expect(r.problems.map((p) => formatProblem(p))).toEqual([
      expect.stringMatching(/^_part\.hbs:8: unknown element <bogus>/),
    ]);
  });

  it('throws IkrarError from parseMarkup', () => {
    expect(() => parseMarkup('<document kind="script"><x/></document>', opts)).toThrow(IkrarError);
  });

  it('uses custom letterhead lines and can drop the logo', () => {
    const doc = parseMarkup(
      '<document kind="script"><letterhead logo="none"><line size="12" bold="true">A</line><line>B</line></letterhead></document>',
      {
        file: 'x',
        letterhead: { lines: [{ text: 'Z', size: 1, bold: false }], logo: 'l.png' },
      },
    );
    expect(doc.blocks[0]).toMatchObject({
      type: 'letterhead',
      lines: [
        { text: 'A', size: 12, bold: true },
        { text: 'B', size: 12, bold: false },
      ],
    });
    expect((doc.blocks[0] as any).logo).toBeUndefined();
  });
});
