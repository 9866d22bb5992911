#!/usr/bin/env node
// `npm run accuracy` — how well `ikrar tally` reads fresh simulated scans, per field condition.
//
//   npm run accuracy -- [--pages N] [--seed N] [--only COND[,COND…]] [--keep] [--md FILE] [--reuse DIR] [--verbose]
//
// Every run picks a fresh seed from crypto randomness (printed, so `--seed N` repeats the run),
// generates a realistic 1,500-person roster (bench/gen-roster.mjs, its own seed), renders it with
// the real CLI (`node bin/ikrar.js render`), simulates N signed pages (default 100) spread over the
// conditions of test/sim/field.ts (scripts/accuracy-scans.run.ts, through vitest so the TypeScript
// simulator runs as is), tallies each condition's folder with the real CLI (`tally --json`, a child
// process) and compares every box with its ground truth (--verbose also lists the uncertain boxes). Prints a table per condition against the
// targets and writes it as markdown (--md, default accuracy-<seed>.md in the work folder).
// --only COND[,COND…] makes and tallies only those conditions of test/sim/field.ts (e.g. `--only scanner`):
// the N pages are spread over them alone, so the same seed gives other pages than a run of all eight.
// --reuse DIR tallies again a set kept by an earlier run (--keep) without making it anew: for
// tuning on a set of its own seed, never for measuring.
// Needs poppler's pdftoppm (the simulator rasterises the rendered PDF) — a development tool only.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePeople, writeEvent, writeRoster } from '../bench/gen-roster.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const reuse = opt('--reuse');
const seed = reuse
  ? Number(JSON.parse(readFileSync(path.join(reuse, 'run.json'), 'utf8')).seed)
  : opt('--seed') !== undefined
    ? Number(opt('--seed'))
    : randomInt(1, 2 ** 31 - 1);
const pages = reuse
  ? Number(JSON.parse(readFileSync(path.join(reuse, 'run.json'), 'utf8')).pages)
  : Number(opt('--pages') ?? 100);
const PEOPLE = 1500;
const only = reuse
  ? undefined
  : opt('--only')
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean);
// (the condition names are checked by the scans script against test/sim/field.ts, their one list)
if (!Number.isInteger(seed) || !Number.isInteger(pages) || pages < 1 || only?.length === 0) {
  console.error('usage: npm run accuracy -- [--pages N] [--seed N] [--only COND[,COND…]] [--keep] [--md FILE]');
  process.exit(2);
}

/** Box-level targets per condition (the issue): ordinary scanner pages are held tighter. */
const TARGET = { unsigned: 1, uncertain: 3 };
const TARGET_SCANNER = { unsigned: 0.5, uncertain: 2 };
/** Conditions where part of the page furniture is expected to be outside the scan. */
const CUT = new Set(['f4-on-a4', 'adf-skew-crop']);

const work = reuse ?? mkdtempSync(path.join(os.tmpdir(), 'ikrar-accuracy-'));
const keep = reuse || args.includes('--keep');
const t0 = performance.now();
const log = (s) => process.stderr.write(s + '\n');
log(`accuracy run: seed ${seed}, ${pages} pages, work folder ${work}`);
const onlyArg = only ? ` --only ${only.join(',')}` : '';
log(`repeat with: npm run accuracy -- --seed ${seed} --pages ${pages}${onlyArg}`);

// 1. A realistic roster and the real render.
const renderDir = path.join(work, 'out');
const scans = path.join(work, 'scans');
const ikrar = (cliArgs, capture = false) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'ikrar.js'), ...cliArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: capture ? 'pipe' : ['ignore', 'ignore', 'pipe'],
  });
if (!reuse) {
  writeFileSync(path.join(work, 'run.json'), JSON.stringify({ seed, pages, only }));
  const people = generatePeople(PEOPLE, { seed });
  const roster = await writeRoster(people, path.join(work, 'roster.csv'));
  const event = writeEvent(work);
  {
    const r = ikrar(['render', '--roster', roster, '--event', event, '--out', renderDir, '--only', 'sheets'], true);
    if (r.status !== 0) {
      const r2 = ikrar(['render', '--roster', roster, '--event', event, '--out', renderDir], true);
      if (r2.status !== 0) throw new Error(`render failed:\n${r2.stderr}`);
    }
  }

  // 2. Simulated scans (through vitest: the simulator is TypeScript).
  mkdirSync(scans, { recursive: true });
  {
    const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const r = spawnSync(
      process.execPath,
      [vitest, 'run', '--config', path.join(ROOT, 'scripts', 'accuracy.config.ts'), '--reporter=dot'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env,
          IKRAR_ACC_RENDER: renderDir,
          IKRAR_ACC_OUT: scans,
          IKRAR_ACC_SEED: String(seed),
          IKRAR_ACC_PAGES: String(pages),
          IKRAR_ACC_ONLY: only ? only.join(',') : '',
        },
      },
    );
    if (r.status !== 0)
      throw new Error('simulating the scans failed (is pdftoppm installed? is every --only condition known?)');
  }
}
const truthAll = JSON.parse(readFileSync(path.join(scans, 'truth.json'), 'utf8'));
const tSim = performance.now();

// 3. Tally each condition with the real CLI and compare.
const rows = [];
const failures = [];
const uncertainList = [];
for (const [cond, list] of Object.entries(truthAll)) {
  const t = performance.now();
  const r = ikrar(
    [
      'tally',
      '--json',
      '--manifest',
      path.join(renderDir, 'manifest.json'),
      '--out',
      path.join(work, `rekap-${cond}`),
      path.join(scans, cond),
    ],
    true,
  );
  const secs = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`tally failed on ${cond} (exit ${r.status}):\n${r.stderr}`);
  const res = JSON.parse(r.stdout);
  const byKey = new Map(res.people.map((p) => [p.key, p]));
  const row = {
    cond,
    pages: list.length,
    identified: 0,
    boxes: 0,
    signed: 0,
    paraf: 0,
    empty: 0,
    falseSigned: 0,
    falseUnsigned: 0,
    parafUnsigned: 0,
    uncertain: 0,
    secs,
  };
  for (const page of list) {
    const tp = res.pages.find((p) => p.source.file === page.file && p.source.page === 1);
    const ok = tp && tp.status === 'identified' && tp.code === page.code;
    if (ok) row.identified++;
    else
      failures.push(
        `${cond} ${path.basename(page.file)} (${page.describe}): ${tp ? tp.status : 'missing'} ${tp?.note ?? ''}`,
      );
    if (!ok) continue;
    for (const [key, truth] of Object.entries(page.truth)) {
      const got = byKey.get(key)?.status;
      row.boxes++;
      const signed = truth === 'signed' || truth === 'paraf';
      if (signed) row.signed++;
      else row.empty++;
      if (truth === 'paraf') row.paraf++;
      if (got === 'signed' && !signed) {
        row.falseSigned++;
        failures.push(
          `${cond} ${path.basename(page.file)} (${page.describe}): ${truth} box ${key} read SIGNED (${byKey.get(key)?.score})`,
        );
      }
      if (got === 'unsigned' && signed) {
        row.falseUnsigned++;
        if (truth === 'paraf') row.parafUnsigned++;
        failures.push(
          `${cond} ${path.basename(page.file)} (${page.describe}): ${truth} box ${key} read unsigned (${byKey.get(key)?.score})`,
        );
      }
      if (got === 'uncertain') {
        row.uncertain++;
        uncertainList.push(
          `${cond} ${path.basename(page.file)} (${page.describe}): ${truth} box ${key} uncertain (${byKey.get(key)?.score})`,
        );
      }
    }
  }
  rows.push(row);
  log(`  ${cond}: tallied ${list.length} pages in ${secs.toFixed(1)} s`);
}

// 4. The table.
const pct = (n, d) => (d ? (100 * n) / d : 0);
const f = (x) => x.toFixed(1);
const verdict = (row) => {
  const tg = row.cond === 'scanner' ? TARGET_SCANNER : TARGET;
  const misses = [];
  if (row.identified < row.pages) misses.push(CUT.has(row.cond) ? 'pages (furniture cut)' : 'pages');
  if (row.falseSigned) misses.push('empty→signed');
  if (pct(row.falseUnsigned, row.signed) > tg.unsigned) misses.push('unsigned');
  if (pct(row.uncertain, row.boxes) > tg.uncertain) misses.push('uncertain');
  return misses.length ? `MISS: ${misses.join(', ')}` : 'ok';
};
const head = [
  'condition',
  'pages',
  'identified',
  'boxes read',
  'empty/speck/flourish read signed',
  'signed read unsigned (parafs)',
  'uncertain',
  'target (unsigned / uncertain)',
  'verdict',
];
const body = rows.map((r) => {
  const tg = r.cond === 'scanner' ? TARGET_SCANNER : TARGET;
  return [
    r.cond,
    String(r.pages),
    `${r.identified}`,
    String(r.boxes),
    `${r.falseSigned} of ${r.empty}`,
    `${r.falseUnsigned} of ${r.signed} = ${f(pct(r.falseUnsigned, r.signed))} % (${r.parafUnsigned} of ${r.paraf} parafs)`,
    `${r.uncertain} = ${f(pct(r.uncertain, r.boxes))} %`,
    `≤ ${tg.unsigned} % / ≤ ${tg.uncertain} %`,
    verdict(r),
  ];
});
const tot = rows.reduce(
  (a, r) => ({
    pages: a.pages + r.pages,
    identified: a.identified + r.identified,
    boxes: a.boxes + r.boxes,
    signed: a.signed + r.signed,
    empty: a.empty + r.empty,
    paraf: a.paraf + r.paraf,
    falseSigned: a.falseSigned + r.falseSigned,
    falseUnsigned: a.falseUnsigned + r.falseUnsigned,
    parafUnsigned: a.parafUnsigned + r.parafUnsigned,
    uncertain: a.uncertain + r.uncertain,
  }),
  {
    pages: 0,
    identified: 0,
    boxes: 0,
    signed: 0,
    empty: 0,
    paraf: 0,
    falseSigned: 0,
    falseUnsigned: 0,
    parafUnsigned: 0,
    uncertain: 0,
  },
);
body.push([
  '**all**',
  String(tot.pages),
  String(tot.identified),
  String(tot.boxes),
  `${tot.falseSigned} of ${tot.empty}`,
  `${tot.falseUnsigned} of ${tot.signed} = ${f(pct(tot.falseUnsigned, tot.signed))} % (${tot.parafUnsigned} of ${tot.paraf} parafs)`,
  `${tot.uncertain} = ${f(pct(tot.uncertain, tot.boxes))} %`,
  '',
  '',
]);
const commit = (() => {
  try {
    const c = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim()
      ? ' + uncommitted changes in src/'
      : '';
    return c + dirty;
  } catch {
    return 'unknown';
  }
})();
const md = [
  `Run of \`npm run accuracy -- --seed ${seed} --pages ${pages}${onlyArg}\` on code ${commit}: ${tot.pages} pages of a ${PEOPLE}-person render, ${((performance.now() - t0) / 1000 / 60).toFixed(1)} min (simulating ${((tSim - t0) / 1000 / 60).toFixed(1)} min).`,
  '',
  '| ' + head.join(' | ') + ' |',
  '|' + head.map(() => '---').join('|') + '|',
  ...body.map((r) => '| ' + r.join(' | ') + ' |'),
].join('\n');
console.log('\n' + md + '\n');
if (failures.length) {
  console.log('Details (pages not identified, boxes read wrong):');
  for (const x of failures) console.log('  ' + x);
}
if (args.includes('--verbose')) for (const x of uncertainList) console.log('  ' + x);
const mdFile = opt('--md') ?? path.join(work, `accuracy-${seed}.md`);
writeFileSync(mdFile, md + '\n\n' + failures.map((x) => '- ' + x).join('\n') + '\n');
log(`markdown written to ${mdFile}`);
if (!keep) {
  rmSync(renderDir, { recursive: true, force: true });
  rmSync(scans, { recursive: true, force: true });
  for (const r of rows) rmSync(path.join(work, `rekap-${r.cond}`), { recursive: true, force: true });
} else log(`kept ${work}`);
