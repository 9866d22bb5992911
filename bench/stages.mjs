// Where one page worker's time goes: the page pipeline of src/scan/read-page.ts and page-task.ts run
// in this thread, stage by stage, with a timer around each (wall and this process's CPU time).
//   node bench/stages.mjs MANIFEST.json SCAN... | @LIST   (npm run build first: it runs dist/)
// ('open' is opening the file, which decodes an image's first page; 'decode' the rest.)
// Prints ms per page for each stage, median and mean over the pages (the first page, which loads
// the wasm and warms the JIT, is left out).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (m) => import(pathToFileURL(path.join(ROOT, 'dist', ...m.split('/'))).href);
const { openScan } = await load('scan/decode.js');
const { findQr } = await load('scan/qr.js');
const { register } = await load('scan/register.js');
const { prepareForMeasure, measureBox, boxCrop } = await load('scan/measure.js');
const { boxQuad, isNearMiss, rowCrop, proofBase } = await load('scan/proof-base.js');
const { boxInView, measuredArea } = await load('scan/read-page.js');
const { decodePageCode, MM } = await load('model/pagecode.js');

const [manifestFile, ...rest] = process.argv.slice(2);
const files = rest.flatMap((a) =>
  a.startsWith('@') ? readFileSync(a.slice(1), 'utf8').split('\n').filter(Boolean) : [a],
);
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
const byCode = new Map(manifest.pages.map((p) => [p.code, p]));

const stages = new Map();
const add = (name, wall, cpu) => {
  if (!stages.has(name)) stages.set(name, { wall: [], cpu: [] });
  stages.get(name).wall.push(wall);
  stages.get(name).cpu.push(cpu);
};
async function timed(name, f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await f();
  const c = process.cpuUsage(c0);
  add(name, performance.now() - t0, (c.user + c.system) / 1000);
  return r;
}

let pages = 0;
for (const file of files) {
  let T = performance.now();
  let C = process.cpuUsage();
  const opened = await timed('open', () => openScan(file));
  if (!opened.ok) throw new Error(`${file}: ${opened.reason}`);
  const scan = opened.scan;
  for (let n = 1; n <= scan.pageCount; n++) {
    if (n > 1) {
      T = performance.now();
      C = process.cpuUsage();
    }
    const img = await timed('decode', () => scan.page(n));
    const valid = (h) => decodePageCode(h.text) !== null;
    const hits = await timed('qr', () => findQr(img, valid));
    const code = hits.find(valid)?.text.trim();
    const page = code && byCode.get(code);
    if (page) {
      const r = await timed('register', () =>
        register(
          img,
          page,
          hits.filter((h) => h.text.trim() === code),
        ),
      );
      if (r.ok) {
        const { reg } = r;
        const pxPerMm = reg.scale * MM;
        const inView = page.boxes.filter((box) => boxInView(img, reg.H, box.rect, pxPerMm));
        // As read-page.ts does (with an older build, which has no measuredArea: the whole page).
        const area = measuredArea ? (measuredArea(reg.H, inView) ?? [0, 0, 0, 0]) : undefined;
        const prepared = await timed('blur', () => prepareForMeasure(img, pxPerMm, area));
        const measured = await timed('measure', () => {
          const out = [];
          for (const box of page.boxes) {
            boxQuad(reg.H, box.rect);
            if (!inView.includes(box)) continue;
            out.push([box, measureBox(prepared, reg.H, box, page.boxes)]);
          }
          return out;
        });
        await timed('crops', async () => {
          for (const [box, m] of measured) {
            if (m.decision === 'uncertain' || isNearMiss(m.decision, m.score)) {
              await boxCrop(img, reg.H, box);
              await rowCrop(img, reg.H, box, page.size);
            }
          }
        });
      }
    }
    await timed('proof', () => proofBase(img));
    const c = process.cpuUsage(C);
    add('total', performance.now() - T, (c.user + c.system) / 1000);
    pages++;
  }
  await scan.close();
}

const med = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`${pages} pages (first left out); ms per page`);
console.log('stage     wall-med  wall-mean  cpu-med  cpu-mean');
for (const [name, s] of stages) {
  const w = s.wall.slice(1),
    c = s.cpu.slice(1);
  if (!w.length) continue;
  console.log(
    `${name.padEnd(9)} ${med(w).toFixed(1).padStart(8)} ${mean(w).toFixed(1).padStart(10)} ${med(c).toFixed(1).padStart(8)} ${mean(c).toFixed(1).padStart(9)}`,
  );
}
