/**
 * The review page driven in a real browser, as a clerk uses it: Chromium (Debian's `chromium`
 * package, /usr/bin/chromium) through puppeteer-core, on the bundled example (test/review/fixture.ts: 1 uncertain box, 1 near miss).
 * Keys and clicks decide; overrides.csv, rekap.json and berita-acara.pdf follow; undo takes a
 * decision back. Fails when Chromium is missing; IKRAR_NO_BROWSER=1 skips it (loudly).
 *
 * IKRAR_SCREENSHOTS=DIR also writes the page's and a proof page's screenshots there (for docs/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import sharp from 'sharp';
import { DOUBTFUL_KEY, example, startReview, type Example, type Running } from './fixture.js';
import { loadManifest } from '../../src/tally/manifest.js';
import { parseOverrides } from '../../src/tally/overrides.js';

const CHROMIUM = process.env.IKRAR_CHROMIUM ?? '/usr/bin/chromium';
const skip = process.env.IKRAR_NO_BROWSER === '1';
if (skip) console.warn('\n*** IKRAR_NO_BROWSER=1: the browser tests of `ikrar review` are SKIPPED ***\n');

const KEY = DOUBTFUL_KEY;
const NEAR = '198311012009022003';

describe.skipIf(skip)('the review page in a browser', () => {
  let ex: Example;
  let r: Running;
  let browser: Browser;
  let page: Page;
  const file = (f: string) => readFileSync(path.join(ex.dir, 'rekap', f));
  const keputusan = (key: string) =>
    file('review/overrides.csv')
      .toString('utf8')
      .split(/\r?\n/)
      .find((l) => l.startsWith(key + ';'))
      ?.split(';')[6];
  const person = (key: string) =>
    (
      JSON.parse(file('rekap.json').toString('utf8')) as { people: { key: string; status: string; manual: boolean }[] }
    ).people.find((p) => p.key === key)!;
  const text = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
  /** Waits until the page says the last decision is saved. */
  const saved = () =>
    page.waitForFunction(
      () =>
        document.querySelector('#saved')?.textContent?.startsWith('Tersimpan') ||
        document.querySelector('#saved')?.textContent?.startsWith('Diurungkan'),
      { timeout: 60_000 },
    );

  beforeAll(async () => {
    expect(
      existsSync(CHROMIUM),
      `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set IKRAR_NO_BROWSER=1 to skip)`,
    ).toBe(true);
    ex = await example('ikrar-review-browser-');
    r = await startReview(ex.dir, ['--lang', 'id', 'rekap']);
    const puppeteer = (await import('puppeteer-core')).default;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 860 });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    if (r && r.child.exitCode === null) await r.stop();
    ex?.remove();
  });

  it('shows the uncertain box first, with its row, the score and how many remain', async () => {
    await page.goto(r.url);
    await page.waitForSelector('body[data-ready="1"]');
    expect(await page.$eval('#card', (e) => e.getAttribute('data-id'))).toBe(`sheets:${KEY}`);
    expect(await page.$eval('#remaining', (e) => e.textContent)).toBe('1 dari 1 kotak ragu belum diputuskan');
    expect(await page.$eval('#card h2', (e) => e.textContent)).toBe('Syamsuddin Firdaus');
    // both crops loaded (served from the rekap folder with the page's cookie)
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('#card img')].every((i) => i.complete && i.naturalWidth > 0),
    );
    expect(await page.$$eval('#card img', (l) => l.length)).toBe(2);
    expect(await page.$eval('#card', (e) => e.textContent)).toContain('0.3');
    expect(await page.$$eval('aside h3', (l) => l.map((e) => e.textContent))).toEqual([
      'Perlu diputuskan',
      'Periksa juga',
    ]);
    if (process.env.IKRAR_SCREENSHOTS)
      await page.screenshot({ path: path.join(process.env.IKRAR_SCREENSHOTS, 'review-page.png') });
  });

  it('the static review/index.html (opened without ikrar) downloads the choices made on it as overrides.csv', async () => {
    const dl = mkdtempSync(path.join(os.tmpdir(), 'ikrar-dl-'));
    const p = await browser.newPage();
    const cdp = await p.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dl });
    await p.goto(pathToFileURL(path.join(ex.dir, 'rekap/review/index.html')).href);
    await p.click('input[type=radio][value=signed]');
    await p.click('#unduh');
    const target = path.join(dl, 'overrides.csv');
    for (let i = 0; i < 100 && !existsSync(target); i++) await new Promise((r) => setTimeout(r, 100));
    const csv = readFileSync(target, 'utf8');
    await p.close();
    rmSync(dl, { recursive: true, force: true });
    const manifest = await loadManifest(path.join(ex.dir, 'out/manifest.json'));
    const back = parseOverrides(csv.replace(/^\uFEFF/, ''), 'overrides.csv', manifest);
    expect(back.problems).toEqual([]);
    expect(back.overrides.map((o) => [o.key, o.document, o.status])).toEqual([[KEY, 'sheets', 'signed']]);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFkey;nip;name;unit;dokumen;status;keputusan');
  });

  it('S decides "sudah": overrides.csv, rekap.json and berita-acara.pdf follow; U undoes it', async () => {
    const berita0 = file('berita-acara.pdf');
    const rekap0 = file('rekap.json');
    await page.keyboard.press('s');
    await saved();
    expect(keputusan(KEY)).toBe('signed');
    expect(person(KEY)).toMatchObject({ status: 'signed', manual: true });
    const berita1 = file('berita-acara.pdf');
    expect(berita1.equals(berita0)).toBe(false);
    expect(text(berita1)).not.toBe(text(berita0));
    expect(await page.$eval('#remaining', (e) => e.textContent)).toBe('0 dari 1 kotak ragu belum diputuskan');

    await page.keyboard.press('u');
    await saved();
    expect(keputusan(KEY)).toBe('');
    expect(person(KEY)).toMatchObject({ status: 'uncertain', manual: false });
    // undone means undone: the same bytes as before the decision
    expect(file('berita-acara.pdf').equals(berita0)).toBe(true);
    expect(file('rekap.json').equals(rekap0)).toBe(true);
    expect(await page.$eval('#remaining', (e) => e.textContent)).toBe('1 dari 1 kotak ragu belum diputuskan');
  }, 180_000);

  it('a click on "Belum", then the arrow key to a near miss and a click on "Sudah"', async () => {
    expect(await page.$eval('#card', (e) => e.getAttribute('data-id'))).toBe(`sheets:${KEY}`);
    await page.click('#btn-unsigned');
    await saved();
    expect(keputusan(KEY)).toBe('unsigned');
    expect(person(KEY)).toMatchObject({ status: 'unsigned', manual: true });

    // the next one open: a near miss from "periksa juga"
    const at = await page.$eval('#card', (e) => e.getAttribute('data-id'));
    if (at === `sheets:${KEY}`) await page.keyboard.press('ArrowRight');
    expect(await page.$eval('#card', (e) => e.getAttribute('data-id'))).toBe(`sheets:${NEAR}`);
    await page.click('#btn-signed');
    await saved();
    expect(keputusan(NEAR)).toBe('signed');
    expect(person(NEAR)).toMatchObject({ status: 'signed', manual: true });
    expect(text(file('berita-acara.pdf'))).toMatch(/\S/);
  }, 180_000);

  it('each box links to its proof page, which shows the decision by hand', async () => {
    await page.keyboard.press('ArrowLeft');
    const href = await page.$eval('#proof', (a) => (a as HTMLAnchorElement).href);
    expect(href).toMatch(/\/file\/review\/bukti\/p0001-01-pindaian-h1\.jpg$/);
    const proof = await browser.newPage();
    await proof.setViewport({ width: 900, height: 1240 });
    const res = await proof.goto(href);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toBe('image/jpeg');
    if (process.env.IKRAR_SCREENSHOTS)
      await proof.screenshot({ path: path.join(process.env.IKRAR_SCREENSHOTS, 'proof-page.png') });
    await proof.close();
    // redrawn by the review: the two boxes decided by hand are outlined blue, a signed one green
    const saved = JSON.parse(file('review/readings.json').toString('utf8')) as {
      pages: {
        source: { file: string };
        proof: { scale: number };
        boxes: { key: string; decision: string; quad: [number, number][] }[];
      }[];
    };
    // the proof page of the scan page holding the box (review/bukti/p0001-01-pindaian-h1.jpg, …)
    const edge = async (key: string) => {
      const n = saved.pages.findIndex((p) => p.boxes.some((b) => b.key === key));
      const pg = saved.pages[n]!;
      const jpg = file(`review/bukti/p${String(n + 1).padStart(4, '0')}-${path.parse(pg.source.file).name}-h1.jpg`);
      const { data, info } = await sharp(jpg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const q = pg.boxes.find((b) => b.key === key)!.quad;
      const x = Math.round(q[0]![0] * pg.proof.scale);
      const y = Math.round(((q[0]![1] + q[3]![1]) / 2) * pg.proof.scale) + 54;
      const i = (y * info.width + x) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    const blue = ([r, g, b]: number[]) => b! > r! + 60 && b! > g! + 30;
    expect(await edge(KEY), 'decided by hand').toSatisfy(blue);
    expect(await edge(NEAR), 'decided by hand').toSatisfy(blue);
    const signed = saved.pages[0]!.boxes.find((b) => b.decision === 'signed')!;
    const [r, g, b] = await edge(signed.key);
    expect(g! > r! + 40 && g! > b! + 20, `signed box ${signed.key}: ${[r, g, b]}`).toBe(true);
  });

  it('closing: Ctrl+C leaves the recap up to date and exits 0', async () => {
    expect(await r.stop()).toBe(0);
    expect(r.output()).toMatch(/Pemeriksaan ditutup/);
    expect(person(KEY)).toMatchObject({ status: 'unsigned', manual: true });
  });
});
