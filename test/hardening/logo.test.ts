/**
 * Hostile letterhead logos (issue #14), through `ikrar check`, `ikrar render` and `ikrar tally` as
 * real processes: a PNG whose header claims 65000×65000, a small file claiming 20000×20000 RGBA, a
 * truncated PNG and a truncated JPEG. check and render refuse with exit 2 naming event.yaml:line
 * government.logo; render writes nothing; tally (the logo reached through manifest.json) warns,
 * naming the logo, and prints the berita acara without it. Memory stays under 1 GB throughout.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingWritten, expectRefused, root, runIkrar, tempDir } from './run.js';

const tmp = tempDir('logo');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const examples = path.join(root, 'examples');
const rosterLines = readFileSync(path.join(examples, 'roster.csv'), 'utf8').split(/\r?\n/);
const roster = path.join(tmp, 'roster.csv');
writeFileSync(roster, rosterLines.slice(0, 12).join('\r\n') + '\r\n');
const eventText = readFileSync(path.join(examples, 'event.yaml'), 'utf8');
const logoLine = eventText.split('\n').findIndex((l) => /^\s*logo: logo\.png/.test(l)) + 1;

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A well-formed little PNG whose IHDR claims `w`×`h` RGBA: a few KB that would decode to gigabytes. */
function claimingPng(w: number, h: number, zeros: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(zeros), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An event folder whose logo.png (or logo.jpg) holds `bytes`. */
function eventWith(name: string, bytes: Buffer, ext = 'png'): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `logo.${ext}`), bytes);
  writeFileSync(path.join(dir, 'event.yaml'), eventText.replace('logo: logo.png', `logo: logo.${ext}`));
  return dir;
}

const hostile: Record<string, { bytes: () => Promise<Buffer>; ext: string; what: RegExp }> = {
  'header claims 65000×65000': {
    bytes: async () => claimingPng(65000, 65000, 7_000_000),
    ext: 'png',
    what: /65000×65000|pixels/,
  },
  '20000×20000 RGBA': {
    bytes: async () => claimingPng(20000, 20000, 20_000_000),
    ext: 'png',
    what: /20000×20000|pixels/,
  },
  'truncated PNG': {
    bytes: async () => {
      const b = readFileSync(path.join(examples, 'logo.png'));
      return b.subarray(0, Math.floor(b.length * 0.6));
    },
    ext: 'png',
    what: /damaged|cut short/,
  },
  'truncated JPEG': {
    bytes: async () => {
      const b = await sharp(path.join(examples, 'logo.png')).flatten({ background: '#fff' }).jpeg().toBuffer();
      return b.subarray(0, Math.floor(b.length * 0.6));
    },
    ext: 'jpg',
    what: /damaged|cut short/,
  },
};

describe('hostile logos: check and render refuse, naming event.yaml:line government.logo', () => {
  for (const [name, h] of Object.entries(hostile)) {
    it(name, async () => {
      const dir = eventWith(name.replace(/\W+/g, '-'), await h.bytes(), h.ext);
      const place = new RegExp(`event\\.yaml:${logoLine}: government\\.logo:.*logo\\.${h.ext}`);
      expectRefused(runIkrar(dir, ['check', '--roster', roster, '--event', 'event.yaml']), place, h.what);
      const before = readdirSync(dir);
      expectRefused(
        runIkrar(dir, ['render', '--roster', roster, '--event', 'event.yaml', '--out', 'out']),
        place,
        h.what,
      );
      expectNothingWritten(dir, before);
    });
  }
});

describe('hostile logos reached through manifest.json: tally warns and prints the berita acara without it', () => {
  const dir = path.join(tmp, 'tally');
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(examples, 'logo.png'), path.join(dir, 'logo.png'));
    writeFileSync(path.join(dir, 'event.yaml'), eventText);
    const r = runIkrar(dir, ['render', '--roster', roster, '--event', 'event.yaml', '--out', 'out']);
    expect(r.status, r.out).toBe(0);
  });
  for (const [name, h] of Object.entries(hostile)) {
    if (h.ext !== 'png') continue;
    it(name, async () => {
      writeFileSync(path.join(dir, 'logo.png'), await h.bytes());
      const rekap = `rekap-${name.replace(/\W+/g, '-')}`;
      const r = runIkrar(dir, [
        'tally',
        '--manifest',
        'out/manifest.json',
        '--out',
        rekap,
        path.join(examples, 'scans', '01-pindaian.jpg'),
      ]);
      expect(r.status, r.out).toBe(0);
      expect(r.out).toMatch(/logo\.png/);
      expect(r.out).toMatch(h.what);
      expect(r.out).not.toMatch(/\n\s+at /);
      expect(r.peakMb!).toBeLessThan(1024);
      expect(existsSync(path.join(dir, rekap, 'berita-acara.pdf'))).toBe(true);
    });
  }
});

describe('the logo faults print in both languages, and the English catalogue says what the core says', () => {
  it('too many pixels, damaged', async () => {
    const { bytesFault } = await import('../../src/event/logo.js');
    const { en } = await import('../../src/i18n/en.js');
    const { problemText } = await import('../../src/i18n/index.js');
    const faults = [
      bytesFault(claimingPng(20000, 20000, 1000), 'logo.png')!,
      bytesFault(readFileSync(path.join(examples, 'logo.png')).subarray(0, 500), 'logo.png')!,
    ];
    for (const f of faults) {
      const key = `problem.logo-unusable.${f.kind}` as keyof typeof en;
      const { fill } = await import('../../src/i18n/index.js');
      expect(fill(en[key], f.params)).toBe(f.message);
      expect(en[`${key}.hint` as keyof typeof en]).toBe(f.hint);
      const p = {
        severity: 'error' as const,
        code: 'logo-unusable',
        file: 'event.yaml',
        message: f.message,
        hint: f.hint,
        params: f.params,
      };
      expect(problemText(p, 'id').message).toMatch(/logo logo\.png (berukuran|rusak)/);
    }
  });
});
