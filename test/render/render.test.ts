import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderInputs, type Inputs, type RenderResult } from '../../src/render/render.js';
import { IkrarError, formatProblem } from '../../src/model/problems.js';
import type { Manifest, Rect } from '../../src/model/manifest.js';
import { PAPER, decodePageCode } from '../../src/model/pagecode.js';
import { makeEvent, makePeople } from './fixture.js';
import { pageSizes, pdfInfo, pdfText } from './pdf.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-render-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function inputs(over: Parameters<typeof makeEvent>[0] = {}): Inputs {
  return { event: makeEvent(over), people: makePeople(), rosterHash: 'a'.repeat(64), warnings: [] };
}

function listFiles(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(dir, base), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const rel = path.join(base, e.name);
    if (e.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a[0] < b[0] + b[2] - 0.01 && b[0] < a[0] + a[2] - 0.01 && a[1] < b[1] + b[3] - 0.01 && b[1] < a[1] + a[3] - 0.01
  );
}

describe('render on a small hand-made roster (F4)', () => {
  const out = path.join(tmp, 'out');
  let result: RenderResult;
  let manifest: Manifest;
  beforeAll(async () => {
    result = await renderInputs(inputs(), { out });
    manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  });

  it('writes every document, per-unit and per-signer files, and the manifest', () => {
    const files = listFiles(out).map((f) => f.split(path.sep).join('/'));
    expect(files).toEqual(
      expect.arrayContaining([
        'lembar-ttd.pdf',
        'lembar-ttd/01-dinas-pendidikan.pdf',
        'lembar-ttd/02-badan-keuangan-aset-daerah.pdf',
        'naskah-ikrar.pdf',
        'pakta-integritas.pdf',
        'manifest.json',
      ]),
    );
    const pakta = files.filter((f) => f.startsWith('pakta-integritas/'));
    // signers: JABATAN starts with "Kepala "
    expect(pakta).toEqual([
      'pakta-integritas/198609262015051001-budi-santoso.pdf',
      'pakta-integritas/198609262015051026-ma-ruf-sons-jr.pdf',
    ]);
    expect(files.every((f) => !f.includes('ikrar-'))).toBe(true);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]); // no staging folder left
    expect(result.files).toContain('manifest.json');
  });

  it('makes F4 pages everywhere', () => {
    for (const f of ['lembar-ttd.pdf', 'naskah-ikrar.pdf', 'pakta-integritas.pdf']) {
      for (const [w, h] of pageSizes(path.join(out, f))) {
        expect(w).toBeCloseTo(PAPER.f4[0], 0);
        expect(h).toBeCloseTo(PAPER.f4[1], 0);
      }
    }
  });

  it('paginates the sheets per unit, each unit on new pages, with the same codes in the unit files', () => {
    const sheets = manifest.pages.filter((p) => p.document === 'sheets');
    const unit1 = sheets.filter((p) => p.unit === 'Dinas Pendidikan');
    const unit2 = sheets.filter((p) => p.unit === 'Badan Keuangan & Aset Daerah');
    expect(unit1.length).toBe(2); // 25 people at about 20 rows per F4 page
    expect(unit2.length).toBe(1);
    expect(pdfInfo(path.join(out, 'lembar-ttd.pdf')).pages).toBe(3);
    expect(pdfInfo(path.join(out, 'lembar-ttd/01-dinas-pendidikan.pdf')).pages).toBe(2);
    expect(sheets.map((p) => p.serial)).toEqual([1, 2, 3]);
    expect(sheets.map((p) => p.page)).toEqual([1, 2, 3]);
    for (const p of sheets)
      expect(decodePageCode(p.code)).toEqual({ version: 2, eventCode: 'K7QD2M', serial: p.serial });
    // the page code is printed under the QR on the combined and the unit file alike
    expect(pdfText(path.join(out, 'lembar-ttd.pdf'), 2)).toContain(unit1[1]!.code);
    expect(pdfText(path.join(out, 'lembar-ttd/01-dinas-pendidikan.pdf'), 2)).toContain(unit1[1]!.code);
  });

  it('prints names, spaced NIPs, the date, the unit on every page and zig-zag numbers', () => {
    // names and positions wrap inside their cells: compare with white space collapsed
    const text = (n: number) => pdfText(path.join(out, 'lembar-ttd.pdf'), n).replace(/\s+/g, ' ');
    const [p1, p2, p3] = [text(1), text(2), text(3)];
    expect(p1).toContain('DAFTAR HADIR');
    expect(p1).toContain('Senin, 4 November 2024');
    expect(p1).toContain('07.30 WIB s.d. selesai');
    expect(p1).toContain('Drs. Budi Santoso, M.Si.');
    expect(p1).toContain('19860926 201505 1 001');
    for (const p of [p1, p2]) expect(p).toContain('Dinas Pendidikan');
    expect(p3).toContain('Badan Keuangan & Aset Daerah');
    expect(p3).toContain("Ma'ruf & Sons <Jr>, S.E.");
    expect(p3).toContain('Yohana br. Sitompul');
    // the header row repeats on every page
    for (const p of [p1, p2, p3]) expect(p).toMatch(/Tanda Tangan/);
    // zig-zag numbers "1." … in the signature halves
    expect(p1).toMatch(/\b1\.\s/);
    expect(p1).toMatch(/\b2\.\s/);
    expect(p2).toMatch(/\b25\./);
    // the officer's block and place-date close the last page of each unit
    expect(p2).toContain('Sukamara, 4 November 2024');
    expect(p2).toContain('Dr. H. Kaspinor, S.E., M.Si.');
    expect(p2).toContain('NIP. 19681104 199303 1 009');
    expect(p2).toMatch(/Halaman 2 dari 2/);
  });

  it('records one box per person on the sheets: odd left, even right, inside the page, not overlapping', () => {
    const sheets = manifest.pages.filter((p) => p.document === 'sheets');
    const boxes = sheets.flatMap((p) => p.boxes.map((b) => ({ ...b, unit: p.unit })));
    expect(boxes).toHaveLength(28);
    const people = makePeople();
    expect(boxes.map((b) => b.key)).toEqual(people.map((p) => p.key));
    for (const b of boxes) expect(b.side).toBe(b.number % 2 === 1 ? 'left' : 'right');
    for (const page of manifest.pages) {
      const [w, h] = page.size;
      for (const b of page.boxes) {
        const [x, y, bw, bh] = b.rect;
        expect(x).toBeGreaterThanOrEqual(0);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(x + bw).toBeLessThanOrEqual(w);
        expect(y + bh).toBeLessThanOrEqual(h);
        expect(bh).toBeGreaterThanOrEqual(28); // about 1 cm or more to sign in
        // away from the registration marks and the QR
        for (const q of page.qrs) expect(overlaps(b.rect, q.square)).toBe(false);
        for (const [cx, cy] of page.marks)
          expect(overlaps(b.rect, [cx - page.markSize / 2, cy - page.markSize / 2, page.markSize, page.markSize])).toBe(
            false,
          );
      }
      for (let i = 0; i < page.boxes.length; i++)
        for (let j = i + 1; j < page.boxes.length; j++)
          expect(overlaps(page.boxes[i]!.rect, page.boxes[j]!.rect)).toBe(false);
    }
  });

  it('writes one pakta page per signer with the right box, after the sheets in serial order', () => {
    const pakta = manifest.pages.filter((p) => p.document === 'pakta');
    expect(pakta.map((p) => p.serial)).toEqual([4, 5]);
    expect(pakta.map((p) => p.boxes.map((b) => b.side))).toEqual([['pakta'], ['pakta']]);
    expect(pakta[1]!.boxes[0]!.key).toBe('198609262015051026');
    const t = pdfText(path.join(out, 'pakta-integritas.pdf'), 2).replace(/\s+/g, ' ');
    expect(t).toContain('PAKTA INTEGRITAS');
    expect(t).toContain("Ma'ruf & Sons <Jr>, S.E.");
    expect(t).toContain('19860926 201505 1 026');
    expect(t).toContain('Mengetahui,');
    expect(t).toContain('H. Ahmad Fauzan, S.H.');
    expect(t).toMatch(/apa pun/);
    expect(t).not.toMatch(/METERAI/);
  });

  it('writes the reading script without page codes', () => {
    const info = pdfInfo(path.join(out, 'naskah-ikrar.pdf'));
    expect(info.pages).toBeGreaterThanOrEqual(2);
    const all = pdfText(path.join(out, 'naskah-ikrar.pdf'));
    expect(all).toContain('SUSUNAN ACARA');
    expect(all).toContain('kami berikrar:');
    expect(all).not.toMatch(/IK[12]-/);
  });

  it('fills the manifest with the event identity, roster hash and people', () => {
    expect(manifest).toMatchObject({
      format: 'ikrar-manifest',
      version: 2,
      event: {
        code: 'K7QD2M',
        title: 'Apel Ikrar Netralitas ASN',
        label: 'Pemilihan Serentak Tahun 2024',
        date: '2024-11-04',
        region: 'Sukamara',
        file: 'event.yaml',
      },
      rosterHash: 'a'.repeat(64),
      paper: 'f4',
    });
    expect(manifest.people).toHaveLength(28);
    expect(manifest.people[25]).toEqual({
      key: '198609262015051026',
      nip: '198609262015051026',
      name: "Ma'ruf & Sons <Jr>, S.E.",
      unit: 'Badan Keuangan & Aset Daerah',
      position: 'Kepala Badan Keuangan & Aset Daerah',
      kind: 'PNS',
    });
    expect(Object.keys(manifest)).toEqual([
      'format',
      'version',
      'generator',
      'event',
      'rosterHash',
      'paper',
      'people',
      'pages',
      'eventDetails',
    ]);
  });

  it('renders byte-identical output again', async () => {
    const again = path.join(tmp, 'again');
    await renderInputs(inputs(), { out: again });
    const a = listFiles(out);
    expect(listFiles(again)).toEqual(a);
    for (const f of a) expect(readFileSync(path.join(again, f)).equals(readFileSync(path.join(out, f))), f).toBe(true);
  });
});

describe('render options and failures', () => {
  it('renders A4 and Letter on request', async () => {
    const out = path.join(tmp, 'a4');
    const r = await renderInputs(inputs(), { out, paper: 'a4', only: ['sheets'] });
    expect(r.manifest.paper).toBe('a4');
    for (const [w, h] of pageSizes(path.join(out, 'lembar-ttd.pdf'))) {
      expect(w).toBeCloseTo(PAPER.a4[0], 0);
      expect(h).toBeCloseTo(PAPER.a4[1], 0);
    }
    expect(existsSync(path.join(out, 'naskah-ikrar.pdf'))).toBe(false);
    const letter = await renderInputs(inputs(), { out: path.join(tmp, 'letter'), paper: 'letter', only: ['script'] });
    expect(pageSizes(path.join(tmp, 'letter', 'naskah-ikrar.pdf'))[0]).toEqual([612, 792]);
    expect(letter.manifest.pages).toEqual([]);
  });

  it('keeps a pakta with a long position and unit on one Letter page, signature block included', async () => {
    const people = makePeople();
    const head = people[0]!;
    head.position = 'Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Sukamara';
    head.unit = 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Sukamara';
    head.columns = { ...head.columns, JABATAN: head.position };
    const out = path.join(tmp, 'letter-pakta');
    const r = await renderInputs({ ...inputs(), people }, { out, paper: 'letter', only: ['pakta'] });
    const pakta = r.manifest.pages.filter((p) => p.document === 'pakta');
    expect(pakta.length).toBeGreaterThan(0);
    for (const p of pakta) expect(p.boxes).toHaveLength(1);
    const text = pdfText(path.join(out, 'pakta-integritas.pdf'), 1);
    expect(text).toContain('Yang membuat pakta integritas');
    expect(text).toContain('NIP.');
  });

  it('gives pakta pages the same codes with --only pakta as in a full render', async () => {
    const full = await renderInputs(inputs(), { out: path.join(tmp, 'full') });
    const only = await renderInputs(inputs(), { out: path.join(tmp, 'only-pakta'), only: ['pakta'] });
    expect(only.manifest.pages.map((p) => p.code)).toEqual(
      full.manifest.pages.filter((p) => p.document === 'pakta').map((p) => p.code),
    );
  });

  it('keeps the other documents in manifest.json on a partial re-render of the same roster', async () => {
    const out = path.join(tmp, 'partial');
    const full = await renderInputs(inputs(), { out });
    const again = await renderInputs(inputs(), { out, only: ['sheets'] });
    expect(again.manifest.pages.map((p) => p.code)).toEqual(full.manifest.pages.map((p) => p.code));
    expect(again.warnings).toEqual([]);
    const changed = await renderInputs({ ...inputs(), rosterHash: 'b'.repeat(64) }, { out, only: ['sheets'] });
    expect(changed.manifest.pages.every((p) => p.document === 'sheets')).toBe(true);
    // the pakta pages it no longer lists may be printed and signed: the earlier manifest is kept
    expect(changed.warnings.map((w) => w.code)).toEqual(['manifest-stale', 'manifest-replaced']);
    expect(readdirSync(path.join(out, 'manifest-lama'))).toHaveLength(1);
  });

  it('prints the meterai box when the event asks for it', async () => {
    const out = path.join(tmp, 'meterai');
    const ev = makeEvent();
    await renderInputs(
      { ...inputs(), event: { ...ev, pakta: { ...ev.pakta, meterai: true } } },
      { out, only: ['pakta'] },
    );
    expect(pdfText(path.join(out, 'pakta-integritas.pdf'), 1)).toMatch(/METERAI/);
  });

  it('leaves OUT exactly as it was when a template is wrong', async () => {
    const out = path.join(tmp, 'keep');
    mkdirSync(out);
    writeFileSync(path.join(out, 'lembar-ttd.pdf'), 'old sheets');
    writeFileSync(path.join(out, 'catatan.txt'), 'mine');
    const tpl = path.join(tmp, 'bad-templates');
    mkdirSync(tpl);
    writeFileSync(
      path.join(tpl, 'pakta-integritas.hbs'),
      '<document kind="pakta">\n<p>{{signer.nama}}</p>\n</document>\n',
    );
    let err: unknown;
    try {
      await renderInputs(inputs(), { out, templates: tpl });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IkrarError);
    expect((err as IkrarError).problems.map((p) => formatProblem(p))).toEqual([
      `${path.join(tpl, 'pakta-integritas.hbs')}:2: unknown field "nama" (check the spelling; templates/README.md lists the fields each template gets)`,
    ]);
    expect(listFiles(out)).toEqual(['catatan.txt', 'lembar-ttd.pdf']);
    expect(readFileSync(path.join(out, 'lembar-ttd.pdf'), 'utf8')).toBe('old sheets');
    expect(readdirSync(tmp).filter((f) => f.startsWith('.keep'))).toEqual([]);
  });

  it('replaces old outputs on success and keeps the clerk’s other files', async () => {
    const out = path.join(tmp, 'replace');
    mkdirSync(path.join(out, 'lembar-ttd'), { recursive: true });
    writeFileSync(path.join(out, 'lembar-ttd', '99-old-unit.pdf'), 'stale');
    writeFileSync(path.join(out, 'catatan.txt'), 'mine');
    await renderInputs(inputs(), { out, only: ['sheets'] });
    expect(existsSync(path.join(out, 'lembar-ttd', '99-old-unit.pdf'))).toBe(false);
    expect(readFileSync(path.join(out, 'catatan.txt'), 'utf8')).toBe('mine');
    expect(existsSync(path.join(out, 'lembar-ttd', '01-dinas-pendidikan.pdf'))).toBe(true);
  });

  it('refuses an output path that is a file, and a missing logo, without writing', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    await expect(renderInputs(inputs(), { out: file })).rejects.toThrow(IkrarError);
    expect(readFileSync(file, 'utf8')).toBe('x');
    const out = path.join(tmp, 'nologo');
    const ev = makeEvent();
    let err: unknown;
    try {
      await renderInputs(
        { ...inputs(), event: { ...ev, government: { ...ev.government, logo: path.join(tmp, 'lambang.png') } } },
        { out },
      );
    } catch (e) {
      err = e;
    }
    expect((err as IkrarError).problems.map((p) => formatProblem(p))[0]).toMatch(
      /^event\.yaml: government\.logo: logo file not found/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
