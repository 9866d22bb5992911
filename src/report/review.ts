/**
 * review/: what a person must look at. A crop PNG of every uncertain box, a local index.html
 * (no external assets; every text escaped) showing each crop with name, NIP, unit, page and score,
 * and a prefilled overrides.csv (uncertain people with an empty `keputusan` column, plus decisions
 * already taken from the overrides file so it can be passed back with --overrides as it is).
 */
import type { Manifest } from '../model/manifest.js';
import type { BoxReading, PageReading } from '../scan/types.js';
import type { SignedDocument } from '../model/documents.js';
import type { TallyPerson, TallyResult } from '../model/tally.js';
import { csvCell, toCsv } from '../util/csv.js';
import { STATUS_WORDS, decimal, indonesianDate, sourceText, spacedNip } from './format.js';

export interface ReviewItem {
  document: SignedDocument;
  person: TallyPerson;
  /** File name inside review/ (null when the reading carried no crop). */
  image: string | null;
  crop: Uint8Array | null;
}

export interface OutputFile {
  /** Path relative to the output folder, with '/' separators. */
  path: string;
  data: string | Uint8Array;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 60) || 'x';
}

/** Finds the box reading that decided a person (on the scan page and manifest page of their result). */
export function boxFinder(
  pages: PageReading[],
): (person: TallyPerson) => { reading: PageReading; index: number; box: BoxReading } | null {
  const bySource = new Map<string, number[]>();
  pages.forEach((r, i) => {
    const k = `${r.source.file}\u0000${r.source.page}`;
    const list = bySource.get(k);
    if (list) list.push(i);
    else bySource.set(k, [i]);
  });
  return (person) => {
    if (!person.source || typeof person.source === 'string') return null;
    for (const index of bySource.get(`${person.source.file}\u0000${person.source.page}`) ?? []) {
      const reading = pages[index]!;
      if (reading.code !== person.page && reading.code !== undefined) continue;
      const box = reading.boxes.find((b) => b.key === person.key);
      if (box) return { reading, index, box };
    }
    return null;
  };
}

/** The uncertain boxes, sheet first then pakta, in result order, with their crops. */
export function reviewItems(result: TallyResult, pages: PageReading[]): ReviewItem[] {
  const find = boxFinder(pages);
  const items: ReviewItem[] = [];
  const add = (document: SignedDocument, list: TallyPerson[]) => {
    for (const person of list) {
      if (person.status !== 'uncertain' || person.manual) continue;
      const box = find(person)?.box;
      const crop = box && box.decision === 'uncertain' && box.crop ? box.crop : null;
      const n = String(items.length + 1).padStart(3, '0');
      items.push({
        document,
        person,
        crop,
        image: crop ? `${n}-${document === 'sheets' ? 'lembar' : document}-${safeName(person.key)}.png` : null,
      });
    }
  };
  add('sheets', result.people);
  add('pakta', result.pakta);
  add('deklarasi', result.deklarasi);
  return items;
}

export const DOC_WORD: Record<SignedDocument, string> = {
  sheets: 'lembar-ttd',
  pakta: 'pakta',
  deklarasi: 'deklarasi',
};

/** The rows of the prefilled overrides.csv (header first): key;nip;name;unit;dokumen;status;keputusan. */
export function overridesRows(result: TallyResult): string[][] {
  const rows: string[][] = [['key', 'nip', 'name', 'unit', 'dokumen', 'status', 'keputusan']];
  const add = (document: SignedDocument, list: TallyPerson[]) => {
    for (const p of list) {
      if (p.manual && (p.status === 'signed' || p.status === 'unsigned')) {
        rows.push([p.key, spacedNip(p.nip), p.name, p.unit, DOC_WORD[document], 'Diputuskan manual', p.status]);
      } else if (p.status === 'uncertain') {
        rows.push([p.key, spacedNip(p.nip), p.name, p.unit, DOC_WORD[document], STATUS_WORDS[p.status], '']);
      }
    }
  };
  add('sheets', result.people);
  add('pakta', result.pakta);
  add('deklarasi', result.deklarasi);
  return rows;
}

/** The prefilled overrides.csv. */
export function overridesCsv(result: TallyResult): string {
  return toCsv(overridesRows(result));
}

/**
 * What the static page's download button needs: each line of overrides.csv without its decision
 * (already CSV-encoded, so the page only appends `;signed`, `;unsigned` or `;`), by card id.
 */
function downloadData(result: TallyResult): string {
  const [header, ...rows] = overridesRows(result);
  const line = (r: string[]) => r.slice(0, 6).map(csvCell).join(';');
  const data = {
    header: header!.map(csvCell).join(';'),
    rows: rows.map((r) => ({ id: `${r[4]}:${r[0]}`, line: line(r), keputusan: r[6] })),
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** The static page's script: the clerk's choices on the page → overrides.csv, downloaded (no server). */
const DOWNLOAD_SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById('keputusan-data').textContent);
  document.getElementById('unduh').addEventListener('click', function () {
    var chosen = {};
    document.querySelectorAll('input[type=radio]:checked').forEach(function (r) { chosen[r.getAttribute('data-id')] = r.value; });
    var text = '\\uFEFF' + data.header + '\\r\\n' + data.rows.map(function (r) {
      var k = chosen[r.id] || r.keputusan;
      return r.line + ';' + k + '\\r\\n';
    }).join('');
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    a.download = 'overrides.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
})();`;

export function reviewHtml(items: ReviewItem[], manifest: Manifest, result: TallyResult): string {
  const e = escapeHtml;
  const title = `Pemeriksaan tanda tangan — ${manifest.event.title}`;
  const cards = items
    .map((it, i) => {
      const p = it.person;
      const img = it.image
        ? `<img src="${e(encodeURIComponent(it.image))}" alt="${e(`Kotak tanda tangan ${p.name}`)}">`
        : '<div class="noimg">(tidak ada gambar)</div>';
      return `<section class="card">
  <div class="no">${i + 1}</div>
  ${img}
  <dl>
    <dt>Nama</dt><dd>${e(p.name)}</dd>
    <dt>NIP</dt><dd>${e(spacedNip(p.nip) || '-')}</dd>
    <dt>Unit</dt><dd>${e(p.unit)}</dd>
    <dt>Dokumen</dt><dd>${it.document === 'pakta' ? 'Pakta integritas' : it.document === 'deklarasi' ? 'Deklarasi' : 'Lembar tanda tangan'}</dd>
    <dt>Halaman</dt><dd>${e(p.page ?? '-')} · ${e(sourceText(p.source))}</dd>
    <dt>Skor</dt><dd>${p.score === null ? '-' : e(decimal(p.score, 2))}</dd>
  </dl>
  <fieldset class="pilih"><legend>Keputusan</legend>
    <label><input type="radio" name="k${i + 1}" value="signed" data-id="${e(`${DOC_WORD[it.document]}:${p.key}`)}"> Sudah</label>
    <label><input type="radio" name="k${i + 1}" value="unsigned" data-id="${e(`${DOC_WORD[it.document]}:${p.key}`)}"> Belum</label>
  </fieldset>
</section>`;
    })
    .join('\n');
  const body = items.length ? cards : '<p>Tidak ada kotak yang perlu diperiksa.</p>';
  return `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${e(title)}</title>
<style>
body { font-family: Arial, Helvetica, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
p.sub { margin-top: 0; color: #444; }
.card { display: flex; gap: 1.2em; align-items: flex-start; border: 1px solid #bbb; border-radius: 4px; padding: 0.8em; margin: 0.8em 0; page-break-inside: avoid; }
.card .no { font-weight: bold; min-width: 2em; }
.card img { max-width: 360px; border: 1px solid #888; background: #fff; }
.noimg { width: 240px; color: #777; font-style: italic; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.2em 0.8em; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
fieldset.pilih { border: 1px solid #bbb; border-radius: 4px; margin: 0; padding: 0.3em 0.8em; }
fieldset.pilih label { margin-right: 1em; font-size: 1.05em; }
#unduh { font-size: 1em; padding: 0.2em 0.6em; }
</style>
</head>
<body>
<h1>${e(title)}</h1>
<p class="sub">${e(manifest.event.label)} · ${e(indonesianDate(manifest.event.date))} · ${items.length} kotak perlu diperiksa</p>
<p>Periksa setiap gambar dan pilih <b>Sudah</b> atau <b>Belum</b>, lalu tekan <button type="button" id="unduh">Unduh keputusan (overrides.csv)</button> dan jalankan lagi <code>npx ikrar tally … --overrides overrides.csv</code> dengan berkas yang diunduh. (Atau isi kolom <b>keputusan</b> di <code>overrides.csv</code> folder ini dengan <b>signed</b> atau <b>unsigned</b>. Lebih mudah: <code>npx ikrar review</code>.)</p>
${body}
<script type="application/json" id="keputusan-data">${downloadData(result)}</script>
<script>${DOWNLOAD_SCRIPT}</script>
</body>
</html>
`;
}

/** Every file of review/ (paths relative to the output folder). */
export function reviewFiles(result: TallyResult, pages: PageReading[], manifest: Manifest): OutputFile[] {
  const items = reviewItems(result, pages);
  const files: OutputFile[] = [];
  for (const it of items) if (it.image && it.crop) files.push({ path: `review/${it.image}`, data: it.crop });
  files.push({ path: 'review/index.html', data: reviewHtml(items, manifest, result) });
  files.push({ path: 'review/overrides.csv', data: overridesCsv(result) });
  return files;
}
