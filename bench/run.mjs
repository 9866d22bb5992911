// `npm run bench` — speed and memory of `ikrar render` and `ikrar tally` against their floors, in one run.
//
//   node --expose-gc bench/run.mjs [--large] [--quick] [--runs N] [--no-chromium] [--no-write] [--only LIST]
//
//   --only LIST    only these items, comma-separated: render, chromium, tally (default: all three);
//                  BENCH.md is then left alone (the table would be partial), add a dated section by hand
//   --large        also render 100,000 people and tally 500 pages (slow: generates 500 scan pages)
//   --quick        one warm-up and one measured run of everything (a smoke test, not a result)
//   --runs N       measured runs for the fast items (default 3; the slow ones take fewer)
//   --no-chromium  skip headless Chromium even when it is installed
//   --no-write     print the table only; leave BENCH.md alone
//
// Every command runs in its own child process (bench/measure.mjs), so its peak memory (maxRSS) is
// its own. Wall time is taken here, from spawn to exit, so it includes Node's start-up, as a clerk
// would see it. Each figure is the median of the measured runs, after a warm-up run that is thrown
// away. Generated inputs are cached under os.tmpdir()/ikrar-bench, so reruns are fast.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateInputs, writeEvent } from './gen-roster.mjs';
import { generateScans, sheetPagesFromManifest } from './gen-scans.mjs';
import { chromiumPrint, countPdfPages, findChromium, writeSheetHtml } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'bench');
const WORK = path.join(os.tmpdir(), 'ikrar-bench');
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const LARGE = flag('--large');
const QUICK = flag('--quick');
const RUNS = QUICK ? 1 : Number(argv[argv.indexOf('--runs') + 1] || 0) || 3;
const ITEMS = ['render', 'chromium', 'tally'];
const ONLY = flag('--only')
  ? String(argv[argv.indexOf('--only') + 1] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : ITEMS;
if (!ONLY.length || ONLY.some((x) => !ITEMS.includes(x))) {
  console.error(`bench: --only takes a comma-separated list of ${ITEMS.join(', ')}`);
  process.exit(2);
}
const wants = (item) => ONLY.includes(item);
const t00 = performance.now();

const log = (s) => process.stderr.write(`[${((performance.now() - t00) / 1000).toFixed(0).padStart(4)}s] ${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm run bench` (it builds first) or `npm run build`.');
  process.exit(2);
}
mkdirSync(WORK, { recursive: true });

// ---------------------------------------------------------------------------------------- measuring

let seq = 0;
/** Runs `node bench/measure.mjs RESULT kind ...args`; resolves with wall ms, peak RSS MB and what the job returned. */
function measure(kind, args) {
  const resultFile = path.join(WORK, `result-${process.pid}-${++seq}.json`);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(BENCH, 'measure.mjs'), resultFile, kind, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let out = '';
    const keep = (d) => (out = (out + d).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = performance.now() - t0;
      let r;
      try {
        r = JSON.parse(readFileSync(resultFile, 'utf8'));
        rmSync(resultFile, { force: true });
      } catch {
        reject(new Error(`${kind} ${args.slice(0, 4).join(' ')}… exited ${code} without a result:\n${out}`));
        return;
      }
      if (code !== 0 || r.exit) reject(new Error(`${kind} ${args.slice(0, 4).join(' ')}… exited ${code}:\n${out}`));
      else resolve({ ...r, wall, output: out });
    });
  });
}

/**
 * `warmup` runs thrown away, then `runs` measured; jobs is a list of named thunks run in turn in
 * every round (interleaved, so the product and its floor see the same machine load).
 */
async function rounds(label, jobs, { warmup = 1, runs = RUNS } = {}) {
  const res = Object.fromEntries(Object.keys(jobs).map((k) => [k, []]));
  for (let i = 0; i < warmup + runs; i++) {
    for (const [name, job] of Object.entries(jobs)) {
      const r = await job();
      log(
        `${label} ${name}${i < warmup ? ' (warm-up)' : ''}: ${(r.wall / 1000).toFixed(2)} s, ${r.maxRssMB.toFixed(0)} MB`,
      );
      if (i >= warmup) res[name].push(r);
    }
  }
  const summary = {};
  for (const [name, list] of Object.entries(res)) {
    summary[name] = {
      wall: median(list.map((r) => r.wall)),
      rss: median(list.map((r) => r.maxRssMB)),
      walls: list.map((r) => r.wall),
      runs: list.length,
      warmup,
      last: list[list.length - 1],
    };
  }
  return summary;
}

/**
 * Wall time and peak memory of a process TREE (Chromium is many processes): the sum of VmRSS of
 * the process and its descendants, sampled every 100 ms from /proc. Linux only; null elsewhere.
 */
function treeRssSampler(rootPid) {
  if (process.platform !== 'linux' || !existsSync('/proc/self/status')) return { stop: () => null };
  let peak = 0;
  const sample = () => {
    const kids = new Map();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (!kids.has(ppid)) kids.set(ppid, []);
        kids.get(ppid).push(Number(d));
      } catch {}
    }
    let total = 0;
    const stack = [rootPid];
    while (stack.length) {
      const pid = stack.pop();
      try {
        const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (m) total += Number(m[1]);
      } catch {}
      stack.push(...(kids.get(pid) ?? []));
    }
    peak = Math.max(peak, total / 1024);
  };
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return peak || null;
    },
  };
}

// ------------------------------------------------------------------------------------------ machine

function machine() {
  const cpus = os.cpus();
  let model = cpus[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) model = m[1].trim();
  } catch {}
  let osName = `${os.type()} ${os.release()}`;
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m) osName = `${m[1]} (${os.type()} ${os.release()})`;
  } catch {}
  const free = spawnSync('free', ['-h'], { encoding: 'utf8' });
  const memLine =
    free.status === 0
      ? (free.stdout.split('\n').find((l) => l.startsWith('Mem:')) ?? '').replace(/\s+/g, ' ').trim()
      : '';
  const pkg = (name) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  return {
    cpu: `${model}, ${os.availableParallelism?.() ?? cpus.length} cores (nproc)`,
    mem: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB${memLine ? ` (free -h: ${memLine})` : ''}`,
    os: osName,
    node: process.version,
    libs: `pdfkit ${pkg('pdfkit')}, sharp ${pkg('sharp')}, pdfjs-dist ${pkg('pdfjs-dist')}, zxing-wasm ${pkg('zxing-wasm')}`,
    load: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
  };
}

// ------------------------------------------------------------------------------------------- inputs

async function roster(n) {
  const file = path.join(WORK, `roster-${n}.csv`);
  if (!existsSync(file)) {
    log(`generating a roster of ${n} people`);
    await generateInputs(n, WORK);
  }
  return file;
}

/** Pages in the combined documents a render wrote (what gets printed). */
function renderedPages(out) {
  let n = 0;
  for (const f of ['lembar-ttd.pdf', 'naskah-ikrar.pdf', 'pakta-integritas.pdf']) {
    const p = path.join(out, f);
    if (existsSync(p)) n += countPdfPages(p);
  }
  return n;
}

// ------------------------------------------------------------------------------------------- render

const fmtS = (ms) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const fmtMB = (mb) => (mb == null ? '—' : mb.toFixed(0));
const fmtX = (x) => (x == null || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×`);
const rate = (pages, ms) => (pages / (ms / 1000)).toFixed(1);

async function benchRender(event) {
  const sizes = [1000, 10000, ...(LARGE ? [100000] : [])];
  const rows = [];
  for (const n of sizes) {
    const file = await roster(n);
    const out = path.join(WORK, 'out', `render-${n}`);
    const floorOut = path.join(WORK, 'out', `floor-${n}`);
    const plan =
      n >= 100000
        ? { warmup: 0, runs: QUICK ? 1 : 1 }
        : n >= 10000
          ? { warmup: 1, runs: RUNS }
          : { warmup: 1, runs: QUICK ? 1 : Math.max(RUNS, 5) };
    // At 10,000 also the signing sheets alone (what the floor and Chromium draw), on every core and on one.
    const sheetsOut = path.join(WORK, 'out', `render-sheets-${n}`);
    const sheetsOnly =
      n === 10000
        ? {
            sheets: () =>
              measure('cli', ['render', '--roster', file, '--event', event, '--out', sheetsOut, '--only', 'sheets']),
            sheets1: () =>
              measure('cli', [
                'render',
                '--roster',
                file,
                '--event',
                event,
                '--out',
                sheetsOut + '-1',
                '--only',
                'sheets',
                '--jobs',
                '1',
              ]),
          }
        : {};
    const s = await rounds(
      `render ${n}`,
      {
        render: () => measure('cli', ['render', '--roster', file, '--event', event, '--out', out]),
        ...sheetsOnly,
        floor: () => {
          rmSync(floorOut, { recursive: true, force: true });
          return measure('floor-render', [file, floorOut, 'f4']);
        },
      },
      plan,
    );
    const pages = renderedPages(out);
    const sheetPages = countPdfPages(path.join(out, 'lembar-ttd.pdf'));
    rows.push({
      n,
      pages,
      sheetPages,
      floorPages: s.floor.last.pages,
      render: s.render,
      floor: s.floor,
      plan,
      sheets: s.sheets,
      sheets1: s.sheets1,
    });
  }
  return rows;
}

async function benchChromium(n) {
  if (flag('--no-chromium')) return { skipped: 'skipped (--no-chromium)' };
  const exe = findChromium();
  if (!exe)
    return {
      skipped:
        'skipped: Chromium is not installed (install with `apt-get install chromium` on Debian/Ubuntu, then run again)',
    };
  const html = writeSheetHtml(await roster(n), path.join(WORK, `sheet-${n}.html`));
  const pdf = path.join(WORK, 'out', `chromium-${n}.pdf`);
  mkdirSync(path.dirname(pdf), { recursive: true });
  const plan = { warmup: 1, runs: QUICK ? 1 : 2 };
  const walls = [];
  const rss = [];
  for (let i = 0; i < plan.warmup + plan.runs; i++) {
    rmSync(pdf, { force: true });
    let sampler;
    const ms = await chromiumPrint(exe, html, pdf, 900_000, (pid) => (sampler = treeRssSampler(pid)));
    const peak = sampler?.stop() ?? null;
    log(`chromium ${n}${i < plan.warmup ? ' (warm-up)' : ''}: ${(ms / 1000).toFixed(2)} s, ${fmtMB(peak)} MB`);
    if (i >= plan.warmup) {
      walls.push(ms);
      if (peak != null) rss.push(peak);
    }
  }
  return { exe, wall: median(walls), rss: rss.length ? median(rss) : null, pages: countPdfPages(pdf), plan };
}

// -------------------------------------------------------------------------------------------- tally

async function benchTally(renderOut, event) {
  const counts = [50, 200, ...(LARGE ? [500] : [])];
  const maxPages = Math.max(...counts);
  const manifestSrc = path.join(renderOut, 'manifest.json');
  // `--only tally` on a fresh cache: the scans come from the 10,000-person render; make it once, unmeasured.
  if (!existsSync(manifestSrc))
    await measure('cli', ['render', '--roster', await roster(10000), '--event', event, '--out', renderOut]);
  log(`scan pages: ${maxPages} signing-sheet pages of the 10,000-person render (cached after the first time)`);
  const scans = await generateScans(sheetPagesFromManifest(manifestSrc, maxPages), { log });
  // The tally reads the manifest the scans were made from; keep a copy beside them.
  const manifest = path.join(scans.dir, 'manifest.json');
  if (!existsSync(manifest)) copyFileSync(manifestSrc, manifest);
  const sets = [];
  const sub = (list, k) => list.slice(0, k);
  for (const k of counts) {
    if (k !== 200)
      sets.push({
        label: `JPEG 300 dpi`,
        pages: k,
        files: sub(scans.jpeg300, k),
        floorFiles: sub(scans.jpeg300, k),
        growth: true,
      });
  }
  sets.push({ label: 'JPEG 200 dpi', pages: 200, files: sub(scans.jpeg200, 200), floorFiles: sub(scans.jpeg200, 200) });
  sets.push({
    label: 'JPEG 300 dpi',
    pages: 200,
    files: sub(scans.jpeg300, 200),
    floorFiles: sub(scans.jpeg300, 200),
    growth: true,
  });
  // A scanner PDF of 200 pages: one file with the 200-dpi JPEGs embedded as they are (DCT); its
  // floor decodes those same JPEGs. Only made for 200 pages.
  let pdf200 = scans.pdf;
  if (maxPages !== 200)
    pdf200 = await scannerPdf(sub(scans.jpeg200, 200), path.join(scans.dir, 'pdf', 'scanner-200dpi-200.pdf'));
  sets.push({ label: 'scanner PDF 200 dpi', pages: 200, files: [pdf200], floorFiles: sub(scans.jpeg200, 200) });
  sets.sort((a, b) => a.label.localeCompare(b.label) || a.pages - b.pages);

  // One warm-up for the whole tally section (10 pages through the tally and the floor: loads the
  // code, the wasm and the files into the OS cache), so the long sets need no warm-up of their own.
  const warmList = path.join(WORK, 'scan-list-warm.txt');
  writeFileSync(warmList, sub(scans.jpeg300, 10).join('\n'));
  await rounds(
    'tally warm-up ×10',
    {
      tally: () =>
        measure('cli', [
          'tally',
          '--manifest',
          manifest,
          '--out',
          path.join(WORK, 'out', 'tally-warm-up'),
          ...sub(scans.jpeg300, 10),
        ]),
      floor: () => measure('floor-decode', ['2', '@' + warmList]),
    },
    { warmup: 1, runs: 0 },
  );
  const rows = [];
  for (const set of sets) {
    const out = path.join(WORK, 'out', `tally-${set.label.replace(/\W+/g, '-')}-${set.pages}`);
    const listFile = path.join(WORK, `scan-list-${set.pages}.txt`);
    writeFileSync(listFile, set.floorFiles.join('\n'));
    const plan = { warmup: 0, runs: set.pages >= 500 || QUICK ? 1 : RUNS };
    const s = await rounds(
      `tally ${set.label} ×${set.pages}`,
      {
        tally: () => measure('cli', ['tally', '--manifest', manifest, '--out', out, ...set.files]),
        floor: () => measure('floor-decode', ['2', '@' + listFile]),
      },
      plan,
    );
    // The tally must have done its work: count the pages it identified.
    let identified = null;
    try {
      const j = JSON.parse(readFileSync(path.join(out, 'rekap.json'), 'utf8'));
      identified = (j.pages ?? []).filter((p) => p.status === 'identified').length;
    } catch {}
    rows.push({ ...set, identified, tally: s.tally, floor: s.floor, plan, signed: scans.signed });
  }
  return rows;
}

/** Bundles JPEGs into a PDF one page each (DCT embedded as is), as scanners do. */
async function scannerPdf(jpegs, file) {
  if (existsSync(file)) return file;
  const { default: PDFDocument } = await import('pdfkit');
  const { createWriteStream } = await import('node:fs');
  const sharp = (await import('sharp')).default;
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { CreationDate: new Date(Date.UTC(2024, 10, 4)), Producer: 'scanner' },
  });
  const tmp = file + '.part';
  const stream = createWriteStream(tmp);
  doc.pipe(stream);
  for (const j of jpegs) {
    const m = await sharp(j).metadata();
    const w = (m.width / 200) * 72;
    const h = (m.height / 200) * 72;
    doc.addPage({ size: [w, h], margin: 0 });
    doc.image(j, 0, 0, { width: w, height: h });
  }
  doc.end();
  await new Promise((res, rej) => {
    stream.on('finish', res);
    stream.on('error', rej);
  });
  const { renameSync } = await import('node:fs');
  renameSync(tmp, file);
  return file;
}

// -------------------------------------------------------------------------------------------- table

function table(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(w[i])).join(' | ')} |`;
  return [line(head), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function verdict(ok) {
  return ok == null ? 'not measured' : ok ? '**met**' : '**MISSED**';
}

function report(m, render, chromium, tally, totalMs) {
  const L = [];
  L.push(
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench${LARGE ? ' -- --large' : ''}${QUICK ? ' -- --quick' : ''}\`, ${(totalMs / 60000).toFixed(1)} min in all.`,
  );
  L.push('');
  L.push(`- CPU: ${m.cpu}`);
  L.push(`- memory: ${m.mem}`);
  L.push(`- OS: ${m.os}; Node ${m.node}; ${m.libs}`);
  L.push(`- load average when the run started: ${m.load} (other work on the machine makes times noisier)`);
  L.push('');
  const r10 = render.find((r) => r.n === 10000);
  if (render.length) {
    L.push('### Render (`ikrar render`, all documents) vs the pdfkit floor (signing sheets only)');
    L.push('');
    const rr = [];
    for (const r of render) {
      const ratio = r.render.wall / r.floor.wall;
      rr.push([
        r.n.toLocaleString('en-US'),
        `${r.pages} (${r.sheetPages} sheets)`,
        fmtS(r.render.wall),
        rate(r.pages, r.render.wall),
        fmtMB(r.render.rss),
        r.floorPages,
        fmtS(r.floor.wall),
        rate(r.floorPages, r.floor.wall),
        fmtMB(r.floor.rss),
        fmtX(ratio),
        `${r.plan.warmup}+${r.plan.runs}`,
      ]);
    }
    L.push(
      table(
        [
          'people',
          'render pages',
          'render s',
          'pages/s',
          'peak MB',
          'floor pages',
          'floor s',
          'pages/s',
          'peak MB',
          'render / floor',
          'warm-up+runs',
        ],
        rr,
      ),
    );
    L.push('');
    for (const r of render.filter((x) => x.sheets)) {
      L.push(
        `Signing sheets alone at ${r.n.toLocaleString('en-US')} people (\`--only sheets\`, ${r.sheetPages} pages): ${fmtS(r.sheets.wall)} s, ${rate(r.sheetPages, r.sheets.wall)} pages/s, ${fmtMB(r.sheets.rss)} MB on every core; ${fmtS(r.sheets1.wall)} s, ${rate(r.sheetPages, r.sheets1.wall)} pages/s, ${fmtMB(r.sheets1.rss)} MB with \`--jobs 1\` (floor: ${rate(r.floorPages, r.floor.wall)} pages/s, one core).`,
      );
      L.push('');
    }
    L.push(
      'Render pages are those of the three combined documents (lembar-ttd.pdf, naskah-ikrar.pdf, pakta-integritas.pdf: one pakta per head of unit); both render and floor also write one file per unit (and render one per pakta signer), not counted again. Times include starting Node.',
    );
    L.push('');
  }
  if (chromium.skipped || !r10) {
    L.push(`Headless Chromium: ${chromium.skipped ?? 'not compared (no render measured)'}.`);
  } else {
    L.push(
      table(
        [
          'people',
          'Chromium pages',
          'Chromium s',
          'pages/s',
          'peak MB (process tree)',
          'Chromium / render',
          'warm-up+runs',
        ],
        [
          [
            '10,000',
            chromium.pages,
            fmtS(chromium.wall),
            rate(chromium.pages, chromium.wall),
            fmtMB(chromium.rss),
            fmtX(chromium.wall / r10.render.wall),
            `${chromium.plan.warmup}+${chromium.plan.runs}`,
          ],
        ],
      ),
    );
    L.push('');
    L.push(
      `Chromium (${chromium.exe}) prints one HTML file of the same signing-sheet rows (bench/chromium.mjs) to PDF; it draws no QR codes, which favours it.`,
    );
  }
  L.push('');
  if (tally.length) {
    L.push('### Tally (`ikrar tally`, both cores) vs the decode floor (sharp: decode to greyscale, 2 at a time)');
    L.push('');
    const tr = [];
    for (const t of tally) {
      const perPage = t.tally.wall / t.pages;
      const floorPerPage = t.floor.wall / t.pages;
      tr.push([
        t.label,
        t.pages,
        t.identified == null ? '?' : `${t.identified}/${t.pages}`,
        fmtS(t.tally.wall),
        rate(t.pages, t.tally.wall),
        fmtMB(t.tally.rss),
        fmtS(t.floor.wall),
        rate(t.pages, t.floor.wall),
        fmtMB(t.floor.rss),
        fmtX(perPage / floorPerPage),
        `(1)+${t.plan.runs}`,
      ]);
    }
    L.push(
      table(
        [
          'scans',
          'pages',
          'identified',
          'tally s',
          'pages/s',
          'peak MB',
          'floor s',
          'pages/s',
          'peak MB',
          'tally / floor',
          'warm-up+runs',
        ],
        tr,
      ),
    );
    L.push('');
    L.push(
      'Scan pages: the first signing-sheet pages of the 10,000-person render, rasterised at 300 dpi, signatures drawn into about three boxes in four, a slight skew, grey paper; saved as JPEG at 300 and 200 dpi, and the 200-dpi JPEGs bundled into one scanner PDF (its floor decodes the same JPEGs). The tally runs through the CLI (\`ikrar tally --manifest … --out … SCAN…\`); "identified" counts the pages it read a page code from. "(1)+3": one warm-up of 10 pages for the whole section, then 3 measured runs.',
    );
    L.push('');
  }
  L.push('### Growth');
  L.push('');
  const gr = [];
  for (let i = 1; i < render.length; i++) {
    const a = render[i - 1];
    const b = render[i];
    gr.push([
      `render ${a.n.toLocaleString('en-US')} → ${b.n.toLocaleString('en-US')} people (×${b.n / a.n})`,
      fmtX(b.render.wall / a.render.wall),
      fmtX(b.floor.wall / a.floor.wall),
      `${fmtMB(a.render.rss)} → ${fmtMB(b.render.rss)} MB`,
    ]);
  }
  const tg = tally.filter((t) => t.growth).sort((a, b) => a.pages - b.pages);
  for (let i = 1; i < tg.length; i++) {
    const a = tg[i - 1];
    const b = tg[i];
    gr.push([
      `tally ${a.label} ${a.pages} → ${b.pages} pages (×${b.pages / a.pages})`,
      fmtX(b.tally.wall / a.tally.wall),
      fmtX(b.floor.wall / a.floor.wall),
      `${fmtMB(a.tally.rss)} → ${fmtMB(b.tally.rss)} MB`,
    ]);
  }
  L.push(table(['step', 'time ×', 'floor time ×', 'peak memory'], gr));
  L.push('');
  L.push('### Targets');
  L.push('');
  const r100 = render.find((r) => r.n === 100000);
  const big = r100 ?? r10;
  const tgt = [];
  if (r10) {
    // Issue #12's render targets: per core within 1.3× of the embedded-font floor, ≥ 4× Chromium's
    // pages/s on the signing sheets, ≤ 300 MB at 100,000 people and flat (≤ 10 % above 10,000).
    const flat = r100 ? r100.render.rss / r10.render.rss : null;
    tgt.push([
      'render peak memory ≤ 300 MB at 100,000 people, flat (≤ 10 % above 10,000)',
      r100
        ? `${fmtMB(r100.render.rss)} MB at 100,000 (${fmtMB(r10.render.rss)} MB at 10,000)`
        : `${fmtMB(big.render.rss)} MB at 10,000; 100,000 only with --large`,
      r100 ? verdict(r100.render.rss <= 300 && flat <= 1.1) : verdict(null),
    ]);
    const rs = r10?.sheets ? r10 : null;
    if (rs) {
      const perCore = rs.floorPages / rs.floor.wall / (rs.sheetPages / rs.sheets1.wall);
      tgt.push([
        'signing sheets on one core (`--jobs 1`) within 1.3× of the embedded-font floor',
        `${fmtX(perCore)} at 10,000`,
        verdict(perCore <= 1.3),
      ]);
      if (!chromium.skipped) {
        const vs = rs.sheetPages / rs.sheets.wall / (chromium.pages / chromium.wall);
        tgt.push(['signing sheets ≥ 4× the pages/s of headless Chromium', `${fmtX(vs)} at 10,000`, verdict(vs >= 4)]);
      }
    }
  }
  if (tally.length) {
    // Issue #10: within 3× of the decode floor per page at 200 dpi (JPEG and the scanner PDF).
    const at200 = tally.filter((t) => t.pages >= 200 && /200 dpi/.test(t.label));
    const worst = Math.max(...at200.map((t) => t.tally.wall / t.floor.wall));
    tgt.push([
      'tally within 3× of the decode floor per page at 200 dpi',
      `worst ${fmtX(worst)} (200 pages)`,
      verdict(worst <= 3),
    ]);
    const t500 = tally.find((t) => t.pages === 500);
    const t200 = tally.find((t) => t.pages === 200 && t.growth);
    tgt.push([
      'tally peak memory < 500 MB for 500 pages, flat',
      t500
        ? `${fmtMB(t500.tally.rss)} MB at 500 (${fmtMB(t200.tally.rss)} MB at 200)`
        : `${fmtMB(t200.tally.rss)} MB at 200 (300 dpi); 500 only with --large`,
      t500
        ? verdict(t500.tally.rss < 500 && t500.tally.rss / t200.tally.rss < 1.25)
        : t200.tally.rss >= 500
          ? '**MISSED** (already at 200)'
          : verdict(null),
    ]);
  }
  L.push(table(['target', 'measured', ''], tgt));
  return L.join('\n');
}

// --------------------------------------------------------------------------------------------- main

const START = '<!-- bench:results:start (written by bench/run.mjs) -->';
const END = '<!-- bench:results:end -->';

function writeBenchMd(text) {
  const file = path.join(ROOT, 'BENCH.md');
  const block = `${START}\n${text}\n${END}`;
  let md = existsSync(file)
    ? readFileSync(file, 'utf8')
    : `# Benchmarks\n\nRun with \`npm run bench\` (\`-- --large\` adds 100,000 people and 500 scan pages).\n\n## Latest results\n\n${START}\n${END}\n`;
  if (md.includes(START) && md.includes(END))
    md = md.slice(0, md.indexOf(START)) + block + md.slice(md.indexOf(END) + END.length);
  else md += `\n## Latest results\n\n${block}\n`;
  writeFileSync(file, md);
  return file;
}

const m = machine();
log(`ikrar bench in ${WORK}${LARGE ? ' (--large)' : ''}; ${m.cpu}; load ${m.load}`);
const event = writeEvent(WORK);
const render = wants('render') ? await benchRender(event) : [];
const chromium = wants('chromium') ? await benchChromium(10000) : { skipped: 'skipped (--only)' };
const tally = wants('tally') ? await benchTally(path.join(WORK, 'out', 'render-10000'), event) : [];
const text = report(m, render, chromium, tally, performance.now() - t00);
console.log('\n' + text + '\n');
if (!flag('--no-write') && !QUICK && ONLY.length === ITEMS.length) log(`table written to ${writeBenchMd(text)}`);
