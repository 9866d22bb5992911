import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TemplateEngine, markLines } from '../../src/templates/engine.js';
import { IkrarError, formatProblem } from '../../src/model/problems.js';
import { eventData, letterheadOf, personData } from '../../src/documents/common.js';
import { paktaData } from '../../src/documents/pakta.js';
import { scriptData } from '../../src/documents/script.js';
import type { MarkupDocument } from '../../src/model/markup.js';
import { makeEvent, makePeople } from '../render/fixture.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-engine-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmp, 't-'));
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(d, f), text);
  return d;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof IkrarError) return e.problems.map((p) => formatProblem(p));
    throw e;
  }
  throw new Error('expected an IkrarError');
}

/** All text of a document, blocks joined by newlines (for content assertions). */
function textOf(doc: MarkupDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'heading' || b.type === 'paragraph') out.push(b.runs.map((r) => r.text).join(''));
    else if (b.type === 'list') for (const it of b.items) out.push(it.map((r) => r.text).join(''));
    else if (b.type === 'fields')
      for (const r of b.rows) out.push(`${r.label}: ${r.value.map((x) => x.text).join('')}`);
    else if (b.type === 'signatures') {
      if (b.placeDate) out.push(b.placeDate);
      for (const s of [b.left, b.right]) if (s) out.push(...s.title, s.name, s.rank ?? '', s.nip ?? '');
    } else if (b.type === 'letterhead') out.push(...b.lines.map((l) => l.text));
    else if (b.type === 'signing-table')
      for (const r of b.rows) out.push(`${r.number}|${r.name}|${r.nipText}|${r.rank}|${r.position}`);
  }
  return out.join('\n');
}

const event = makeEvent();
const people = makePeople();
const ev = eventData(event);

describe('template engine', () => {
  it('inserts line markers outside {{…}} only, keeping line numbers', () => {
    const m = markLines('a\n{{#if x\n  }}b{{/if}}\n{{!-- c\n d --}}\ne', 3);
    expect(m.split('\n')).toHaveLength(6);
    expect(m).toBe(
      '\u00013:1\u0002a\n\u00013:2\u0002{{#if x\n  }}b{{/if}}\n\u00013:4\u0002{{!-- c\n d --}}\n\u00013:6\u0002e',
    );
  });

  it('renders the built-in pakta with the standard wording and escaping intact', () => {
    const engine = new TemplateEngine();
    const maruf = people.find((p) => p.name.startsWith('Ma'))!;
    const doc = engine.render('pakta-integritas', paktaData(maruf, 1, 1, event), letterheadOf(event));
    expect(doc.kind).toBe('pakta');
    const t = textOf(doc);
    expect(t).toContain("Ma'ruf & Sons <Jr>, S.E.");
    expect(t).toContain('PAKTA INTEGRITAS');
    expect(t).toContain('DALAM PENYELENGGARAAN PEMILIHAN SERENTAK TAHUN 2024');
    expect(t).toContain('Saya yang bertanda tangan di bawah ini:');
    expect(t).toContain(
      'Menjaga dan menegakkan prinsip netralitas pegawai ASN di lingkungan Pemerintah Kabupaten Sukamara dalam melaksanakan fungsi pelayanan publik baik sebelum, selama, maupun sesudah pelaksanaan Pemilihan Serentak Tahun 2024;',
    );
    expect(t).toContain('Menolak politik uang dan segala jenis pemberian dalam bentuk apa pun.');
    expect(t).toContain('Unit Kerja/Instansi: Badan Keuangan & Aset Daerah');
    expect(t).toContain('Sukamara, 4 November 2024');
    expect(t).not.toMatch(/fakta|apapun/i);
    const sig = doc.blocks.find((b) => b.type === 'signatures')!;
    // the witness is a regional head: name only, no rank, no NIP
    expect(sig).toMatchObject({
      left: { title: ['Mengetahui,', 'Pj. BUPATI SUKAMARA,'], name: 'H. Ahmad Fauzan, S.H.' },
      meterai: false,
      signerKey: maruf.key,
    });
    if (sig.type === 'signatures') {
      expect(sig.left!.rank).toBeUndefined();
      expect(sig.left!.nip).toBeUndefined();
      expect(sig.right!.nip).toBe(maruf.nip);
    }
  });

  it('renders the reading script: programme page, chunks one per line, the reader', () => {
    const doc = new TemplateEngine().render('naskah-ikrar', scriptData(event), letterheadOf(event));
    const t = textOf(doc);
    expect(t).toContain('SUSUNAN ACARA');
    expect(t).toContain('Hari/Tanggal: Senin, 4 November 2024');
    expect(t).toContain('Waktu: 07.30 WIB s.d. selesai');
    expect(doc.blocks.some((b) => b.type === 'pagebreak')).toBe(true);
    expect(t).toContain('Dalam rangka menyukseskan pelaksanaan\nPemilihan Serentak Tahun 2024,\nkami berikrar:');
    expect(t).toContain('4. Menolak politik uang\ndan segala jenis pemberian\ndalam bentuk apa pun.');
    expect(t).toContain('Negara Kesatuan Republik Indonesia.');
    expect(t).toContain(
      'Dibacakan oleh Pembina Apel, Pj. Bupati Sukamara, H. Ahmad Fauzan, S.H., dan ditirukan seluruh peserta apel baris demi baris.',
    );
    const chunks = doc.blocks.filter((b) => b.type === 'paragraph' && b.size === 16);
    expect(chunks.length).toBeGreaterThan(20);
    // without a programme there is no programme page
    const noProg = new TemplateEngine().render(
      'naskah-ikrar',
      scriptData(makeEvent({ programme: [] })),
      letterheadOf(event),
    );
    expect(textOf(noProg)).not.toContain('SUSUNAN ACARA');
    expect(noProg.blocks.some((b) => b.type === 'pagebreak')).toBe(false);
  });

  it('renders the built-in signing sheet from hand-made data', () => {
    const rows = people
      .slice(0, 3)
      .map((p, i) => ({ ...personData(p), number: i + 1, side: i % 2 ? 'right' : 'left' }));
    const data = {
      event: ev,
      unit: { name: 'Dinas Pendidikan', index: 1, slug: 'dinas-pendidikan', count: 3 },
      officer: ev.witnesses[0],
      idHeader: 'NIP',
      rows,
    };
    const doc = new TemplateEngine().render('lembar-ttd', data, letterheadOf(event));
    const t = textOf(doc);
    expect(doc.kind).toBe('sheets');
    expect(doc.unit).toBe('Dinas Pendidikan');
    expect(doc.pageNumbers).toBe(true);
    expect(t).toContain('DAFTAR HADIR');
    expect(t).toContain('APEL IKRAR NETRALITAS APARATUR SIPIL NEGARA');
    expect(t).toContain('Hari/Tanggal: Senin, 4 November 2024');
    expect(t).toContain('Waktu: 07.30 WIB s.d. selesai');
    expect(t).toContain(
      '1|Drs. Budi Santoso, M.Si.|19860926 201505 1 001|Pembina Utama Muda, IV/c|Kepala Dinas Pendidikan',
    );
    expect(t).toContain('PEMERINTAH KABUPATEN SUKAMARA\nBADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA');
  });

  it('reports an unknown field with the template file and line', () => {
    const d = dir({
      'naskah-ikrar.hbs': '<document kind="script">\n<p>{{event.title}}</p>\n<p>{{event.tittle}}</p>\n</document>\n',
    });
    const engine = new TemplateEngine({ templatesDir: d });
    expect(problemsOf(() => engine.render('naskah-ikrar', scriptData(event)))).toEqual([
      `${path.join(d, 'naskah-ikrar.hbs')}:3: unknown field "tittle" (check the spelling; templates/README.md lists the fields each template gets)`,
    ]);
  });

  it('reports an unknown field given to a helper or #each', () => {
    const d = dir({
      'naskah-ikrar.hbs': '<document kind="script">\n\n<p>{{tanggal event.ceremony.tanggal}}</p>\n</document>\n',
      'pakta-integritas.hbs':
        '<document kind="pakta">\n{{#each event.programe}}<p>{{this}}</p>{{/each}}\n</document>\n',
    });
    const engine = new TemplateEngine({ templatesDir: d });
    expect(problemsOf(() => engine.render('naskah-ikrar', scriptData(event)))[0]).toMatch(
      /naskah-ikrar\.hbs:3: \{\{tanggal …\}\} was given a field that does not exist/,
    );
    expect(problemsOf(() => engine.render('pakta-integritas', paktaData(people[0]!, 1, 1, event)))[0]).toMatch(
      /pakta-integritas\.hbs:2: \{\{#each …\}\} was given a field/,
    );
  });

  it('falls back to the built-in templates for files not overridden, and uses overridden partials', () => {
    const d = dir({
      'naskah-ikrar.hbs': '<document kind="script"><p>Ikrar kami: {{event.label}}</p></document>',
      '_pejabat.hbs': '<name>{{kapital name}}</name>',
    });
    const engine = new TemplateEngine({ templatesDir: d });
    expect(textOf(engine.render('naskah-ikrar', scriptData(event)))).toBe('Ikrar kami: Pemilihan Serentak Tahun 2024');
    const pakta = engine.render('pakta-integritas', paktaData(people[0]!, 1, 1, event), letterheadOf(event));
    expect(textOf(pakta)).toContain('PAKTA INTEGRITAS');
    const sig = pakta.blocks.find((b) => b.type === 'signatures');
    expect(sig).toMatchObject({ left: { title: ['Mengetahui,'], name: 'H. AHMAD FAUZAN, S.H.' } });
  });

  it('reports syntax errors as file:line', () => {
    const d = dir({
      'naskah-ikrar.hbs': '<document kind="script">\n{{#if event.title}}\n<p>x</p>\n{{/iff}}\n</document>',
    });
    const p = problemsOf(() => new TemplateEngine({ templatesDir: d }).render('naskah-ikrar', scriptData(event)));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(
      new RegExp(`^${path.join(d, 'naskah-ikrar.hbs').replace(/[.\\/]/g, '\\$&')}:2: template syntax error`),
    );
    const d2 = dir({ 'naskah-ikrar.hbs': '<document kind="script">\n<p>{{event.title</p>\n</document>' });
    expect(
      problemsOf(() => new TemplateEngine({ templatesDir: d2 }).render('naskah-ikrar', scriptData(event)))[0],
    ).toMatch(/naskah-ikrar\.hbs:2: template syntax error/);
  });

  it('reports markup mistakes at the template line, also inside partials and loops', () => {
    const d = dir({
      'naskah-ikrar.hbs':
        '<document kind="script">\n{{#each event.programme}}\n<p>{{this}}</p>\n{{/each}}\n<para>x</para>\n</document>',
      'pakta-integritas.hbs':
        '<document kind="pakta">\n<signatures>\n<left>{{> pejabat event.reader}}</left>\n</signatures>\n</document>',
      '_pejabat.hbs': '{{!-- comment\n--}}\n<name>{{name}}</name>\n<jabatan>{{position}}</jabatan>\n',
    });
    const engine = new TemplateEngine({ templatesDir: d });
    expect(problemsOf(() => engine.render('naskah-ikrar', scriptData(event)))[0]).toMatch(
      /naskah-ikrar\.hbs:5: unknown element <para>/,
    );
    expect(problemsOf(() => engine.render('pakta-integritas', paktaData(people[0]!, 1, 1, event)))[0]).toMatch(
      /_pejabat\.hbs:4: unknown element <jabatan>/,
    );
  });

  it('reports a missing partial with its line', () => {
    const d = dir({ 'naskah-ikrar.hbs': '<document kind="script">\n\n{{> kop}}\n</document>' });
    expect(
      problemsOf(() => new TemplateEngine({ templatesDir: d }).render('naskah-ikrar', scriptData(event)))[0],
    ).toMatch(/naskah-ikrar\.hbs:3: no partial named "kop"/);
  });

  it('reports unknown fields inside a partial with the partial file', () => {
    const d = dir({ '_pejabat.hbs': '<name>{{name}}</name>\n<rank>{{pangkatnya}}</rank>' });
    const engine = new TemplateEngine({ templatesDir: d });
    expect(
      problemsOf(() => engine.render('pakta-integritas', paktaData(people[0]!, 1, 1, event), letterheadOf(event)))[0],
    ).toMatch(/_pejabat\.hbs:2: unknown field "pangkatnya"/);
  });

  it('has the Indonesian helpers', () => {
    const d = dir({
      'naskah-ikrar.hbs':
        '<document kind="script"><p>{{tanggal event.ceremony.date}}|{{tanggal event.ceremony.date hari=true}}|{{hari event.ceremony.date}}|{{tempatTanggal "Sukamara" event.ceremony.date}}|{{waktu "7:30" "WITA"}}|{{nip "198609262015051001"}}|{{terbilang 2024}}|{{kapital "dinas pendidikan"}}|{{tanggalTerbilang event.ceremony.date}}|{{#if (eq event.election.year 2024)}}yes{{/if}}|{{or "" "b"}}</p></document>',
    });
    const t = textOf(new TemplateEngine({ templatesDir: d }).render('naskah-ikrar', scriptData(event)));
    expect(t).toBe(
      '4 November 2024|Senin, 4 November 2024|Senin|Sukamara, 4 November 2024|07.30 WITA|19860926 201505 1 001|dua ribu dua puluh empat|DINAS PENDIDIKAN|Senin tanggal empat bulan November tahun dua ribu dua puluh empat|yes|b',
    );
  });

  it('names a template that does not exist anywhere', () => {
    const d = dir({});
    mkdirSync(path.join(d, 'sub'));
    expect(problemsOf(() => new TemplateEngine({ templatesDir: d }).render('surat-tugas', {}))[0]).toMatch(
      /surat-tugas\.hbs: neither .* nor the built-in templates have surat-tugas\.hbs/,
    );
  });
});
