/**
 * `ikrar review` as a real process on the bundled example (dist/: build first): what the tally saves
 * for it, the token, paths that try to leave the rekap folder, bad requests, decisions written at
 * once (the last one wins, and one acknowledged survives a SIGKILL), and a recap equal to what
 * `ikrar tally --overrides rekap/review/overrides.csv` writes from the scans.
 */
import { request } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOUBTFUL_KEY, example, ikrar, startReview, type Example, type Running } from './fixture.js';

let ex: Example;
beforeAll(async () => {
  ex = await example('ikrar-review-srv-');
}, 300_000);
afterAll(() => ex?.remove());

const UNCERTAIN = `sheets:${DOUBTFUL_KEY}`;
const NEAR_MISS = 'sheets:198311012009022003';

/** A raw HTTP request (the path sent exactly as written). */
function raw(
  base: string,
  method: string,
  pathname: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, method, path: pathname, headers: { Host: u.host, ...(opts.headers ?? {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function decide(r: Running, id: string, status: string | null) {
  return raw(r.base, 'POST', `/api/decide?token=${r.token}`, {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, status }),
  });
}

const overrides = () => readFileSync(path.join(ex.dir, 'rekap/review/overrides.csv'), 'utf8');
const rekap = () =>
  JSON.parse(readFileSync(path.join(ex.dir, 'rekap/rekap.json'), 'utf8')) as {
    people: { key: string; status: string; manual: boolean }[];
  };
const person = (key: string) => rekap().people.find((p) => p.key === key)!;
const keputusan = (key: string) =>
  overrides()
    .split(/\r?\n/)
    .find((l) => l.startsWith(key + ';'))
    ?.split(';')[6];

describe('what the tally saves for review', () => {
  it('review/readings.json (version 1) with crops of the uncertain box and the near misses, and proof pages', () => {
    const saved = JSON.parse(readFileSync(path.join(ex.dir, 'rekap/review/readings.json'), 'utf8'));
    expect(saved.format).toBe('ikrar-readings');
    expect(saved.version).toBe(1);
    expect(saved.pages).toHaveLength(6);
    const boxes = saved.pages.flatMap(
      (p: { boxes: { decision: string; crop?: string; rowCrop?: string }[] }) => p.boxes,
    );
    const uncertain = boxes.filter((b: { decision: string }) => b.decision === 'uncertain');
    expect(uncertain).toHaveLength(1);
    for (const b of uncertain) {
      expect(existsSync(path.join(ex.dir, 'rekap', b.crop))).toBe(true);
      expect(existsSync(path.join(ex.dir, 'rekap', b.rowCrop))).toBe(true);
    }
    expect(readdirSync(path.join(ex.dir, 'rekap/review/bukti')).filter((f) => f.endsWith('.jpg'))).toHaveLength(6);
    expect(readFileSync(path.join(ex.dir, 'rekap/bukti.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the tally tells the clerk how to review', () => {
    const t = ex.tally('rekap-hint');
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('npx ikrar review rekap-hint');
  });

  it('proof pages and bukti.pdf are the same bytes on the same inputs', () => {
    const a = path.join(ex.dir, 'rekap');
    const b = path.join(ex.dir, 'rekap-hint');
    expect(readFileSync(path.join(b, 'bukti.pdf')).equals(readFileSync(path.join(a, 'bukti.pdf')))).toBe(true);
    for (const f of readdirSync(path.join(a, 'review/bukti')))
      expect(
        readFileSync(path.join(b, 'review/bukti', f)).equals(readFileSync(path.join(a, 'review/bukti', f))),
        f,
      ).toBe(true);
  });
});

describe('ikrar review (server)', () => {
  let r: Running;
  beforeAll(async () => {
    r = await startReview(ex.dir);
  }, 120_000);
  afterAll(async () => {
    if (r && r.child.exitCode === null) await r.stop();
  });

  it('prints a loopback address with a token, and answers nothing without it', async () => {
    expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
    expect((await raw(r.base, 'GET', '/')).status).toBe(403);
    expect((await raw(r.base, 'GET', '/api/state')).status).toBe(403);
    expect((await raw(r.base, 'GET', `/api/state?token=${r.token}x`)).status).toBe(403);
    expect((await raw(r.base, 'GET', '/file/rekap.json?token=')).status).toBe(403);
    const page = await raw(r.base, 'GET', `/?token=${r.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/app.js">');
    expect(page.body).not.toMatch(/https?:\/\//); // nothing from the network
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const state = await raw(r.base, 'GET', '/api/state', { headers: { 'X-Ikrar-Token': r.token } });
    expect(state.status).toBe(200);
    const s = JSON.parse(state.body);
    expect(s.uncertain).toBe(1);
    expect(s.entries.map((e: { id: string }) => e.id)).toContain(NEAR_MISS);
    // another Host (a page of another site rebinding its name to 127.0.0.1) is refused
    expect(
      (await raw(r.base, 'GET', `/api/state?token=${r.token}`, { headers: { Host: 'evil.example:80' } })).status,
    ).toBe(403);
  });

  it('serves no file outside the rekap folder', async () => {
    symlinkSync(path.join(ex.dir, 'out', 'manifest.json'), path.join(ex.dir, 'rekap', 'review', 'link.json'));
    symlinkSync(path.join(ex.dir, 'out'), path.join(ex.dir, 'rekap', 'review', 'linkdir'));
    const tries = [
      '/file/../out/manifest.json',
      '/file/review/../../out/manifest.json',
      '/file/%2e%2e/out/manifest.json',
      '/file/%2E%2E/%2E%2E/etc/passwd',
      '/file/review%2f..%2f..%2fout%2fmanifest.json',
      '/file/..%5cout%5cmanifest.json',
      '/file/%252e%252e/out/manifest.json',
      '/file//etc/passwd',
      '/file/review/link.json',
      '/file/review/linkdir/manifest.json',
      '/file/review/%00.json',
      '/file/.%2e/out/manifest.json',
      '/file/%',
    ];
    for (const t of tries) {
      const res = await raw(r.base, 'GET', `${t}${t.includes('?') ? '&' : '?'}token=${r.token}`);
      expect(res.status, t).toBeGreaterThanOrEqual(400);
      expect(res.status, t).toBeLessThan(500);
      expect(res.body, t).not.toContain('ikrar-manifest');
    }
    expect((await raw(r.base, 'GET', `/file/rekap.json?token=${r.token}`)).status).toBe(200);
  });

  it('bad requests get a 4xx and the server keeps running', async () => {
    const h = { 'Content-Type': 'application/json' };
    expect((await raw(r.base, 'POST', `/api/decide?token=${r.token}`, { headers: h, body: '{"id":' })).status).toBe(
      400,
    );
    expect(
      (
        await raw(r.base, 'POST', `/api/decide?token=${r.token}`, {
          headers: h,
          body: JSON.stringify({ id: UNCERTAIN, status: 'maybe' }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await raw(r.base, 'POST', `/api/decide?token=${r.token}`, {
          headers: h,
          body: JSON.stringify({ id: 'sheets:nobody', status: 'signed' }),
        })
      ).status,
    ).toBe(404);
    expect(
      (await raw(r.base, 'POST', `/api/decide?token=${r.token}`, { headers: h, body: 'x'.repeat(100_000) })).status,
    ).toBe(413);
    expect(
      (
        await raw(r.base, 'POST', `/api/decide?token=${r.token}`, {
          headers: { 'Content-Type': 'text/plain' },
          body: '{}',
        })
      ).status,
    ).toBe(415);
    expect((await raw(r.base, 'GET', `/api/decide?token=${r.token}`)).status).toBe(405);
    expect((await raw(r.base, 'GET', `/nothing?token=${r.token}`)).status).toBe(404);
    expect((await raw(r.base, 'GET', `/api/state?token=${r.token}`)).status).toBe(200);
    expect(keputusan(DOUBTFUL_KEY)).toBe('');
  });

  it('two decisions on the same box: the last one stays', async () => {
    const first = decide(r, UNCERTAIN, 'signed');
    const second = decide(r, UNCERTAIN, 'unsigned');
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(keputusan(DOUBTFUL_KEY)).toBe('unsigned');
    expect(person(DOUBTFUL_KEY)).toMatchObject({ status: 'unsigned', manual: true });
    // withdrawn: back to what the machine read
    expect((await decide(r, UNCERTAIN, null)).status).toBe(200);
    expect(keputusan(DOUBTFUL_KEY)).toBe('');
    expect(person(DOUBTFUL_KEY)).toMatchObject({ status: 'uncertain', manual: false });
  }, 120_000);

  it('a recap file that cannot be replaced (a PDF held open): the decision is still saved, and the answer says so', async () => {
    const pdf = path.join(ex.dir, 'rekap/rekap.pdf');
    const keep = readFileSync(pdf);
    rmSync(pdf);
    mkdirSync(pdf);
    writeFileSync(path.join(pdf, 'x'), 'x');
    const res = await decide(r, NEAR_MISS, 'unsigned');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ saved: true, recapError: expect.stringMatching(/\S/) });
    expect(keputusan('198311012009022003')).toBe('unsigned');
    rmSync(pdf, { recursive: true });
    writeFileSync(pdf, keep);
    const again = await decide(r, NEAR_MISS, null);
    expect(JSON.parse(again.body)).toMatchObject({ saved: true, recapError: null });
    expect(keputusan('198311012009022003')).toBeUndefined();
    expect(readFileSync(pdf).equals(keep)).toBe(true);
  }, 120_000);

  it('a decision acknowledged just before the server is killed (SIGKILL) is in overrides.csv', async () => {
    const res = await decide(r, UNCERTAIN, 'signed');
    expect(res.status).toBe(200);
    r.child.kill('SIGKILL');
    expect(keputusan(DOUBTFUL_KEY)).toBe('signed');
    await new Promise((resolve) => r.child.once('exit', resolve));
  }, 120_000);
});

describe('the recap after review equals the tally with --overrides', () => {
  it('decide through the server, stop it, then compare with `ikrar tally --overrides rekap/review/overrides.csv`', async () => {
    const r = await startReview(ex.dir);
    expect(person(DOUBTFUL_KEY)).toMatchObject({ status: 'signed', manual: true }); // brought up to date on start
    expect((await decide(r, NEAR_MISS, 'signed')).status).toBe(200);
    expect(await r.stop()).toBe(0);
    expect(r.output()).toMatch(/Review closed/);
    expect(person('198311012009022003')).toMatchObject({ status: 'signed', manual: true });

    const t = ex.tally('rekap2', ['--overrides', path.join('rekap', 'review', 'overrides.csv')]);
    expect(t.status, t.stderr).toBe(0);
    const a = path.join(ex.dir, 'rekap');
    const b = path.join(ex.dir, 'rekap2');
    const files = [
      'rekap.csv',
      'rekap.json',
      'rekap.pdf',
      'berita-acara.pdf',
      'bukti.pdf',
      'review/index.html',
      'review/overrides.csv',
      ...readdirSync(path.join(b, 'review/bukti')).map((f) => `review/bukti/${f}`),
    ];
    for (const f of files) expect(readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))), f).toBe(true);
    const pngs = (d: string) =>
      readdirSync(path.join(d, 'review'))
        .filter((f) => f.endsWith('.png'))
        .sort();
    expect(pngs(a)).toEqual(pngs(b));
  }, 240_000);

  it('a folder that cannot be reviewed: exit 2, the file named, no stack trace', () => {
    const res = ikrar(ex.dir, ['review', 'out', '--no-open']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/out[\\/]review[\\/]readings\.json/);
    expect(res.stderr).toMatch(/ikrar tally/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    const id = ikrar(ex.dir, ['--lang', 'id', 'review', 'tidak-ada', '--no-open']);
    expect(id.status).toBe(2);
    expect(id.stderr).toMatch(/tidak ditemukan/);
  });
});
