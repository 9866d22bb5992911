/**
 * Hostile manifests (issue #14) through `ikrar tally` as real processes: an eventDetails date of
 * 2024-02-30 or "hello", a start time of "25.99", and a 400 MB manifest. Each is exit 2 naming
 * the manifest (and the field), no stack trace, no "internal error", nothing written, memory < 1 GB.
 */
import {
  closeSync,
  copyFileSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingWritten, expectRefused, root, runIkrar, tempDir } from './run.js';

const tmp = tempDir('manifest');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const examples = path.join(root, 'examples');
const scan = path.join(examples, 'scans', '01-pindaian.jpg');
let good: Record<string, any>;

beforeAll(() => {
  copyFileSync(path.join(examples, 'logo.png'), path.join(tmp, 'logo.png'));
  copyFileSync(path.join(examples, 'event.yaml'), path.join(tmp, 'event.yaml'));
  const rosterLines = readFileSync(path.join(examples, 'roster.csv'), 'utf8').split(/\r?\n/);
  writeFileSync(path.join(tmp, 'roster.csv'), rosterLines.slice(0, 12).join('\r\n') + '\r\n');
  const r = runIkrar(tmp, ['render', '--roster', 'roster.csv', '--event', 'event.yaml', '--out', 'out']);
  expect(r.status, r.out).toBe(0);
  good = JSON.parse(readFileSync(path.join(tmp, 'out', 'manifest.json'), 'utf8'));
});

function tally(manifest: string) {
  const before = readdirSync(tmp);
  const r = runIkrar(tmp, ['tally', '--manifest', manifest, '--out', 'rekap', scan]);
  expectNothingWritten(tmp, before);
  return r;
}

function withCeremony(name: string, change: Record<string, string>): string {
  const m = structuredClone(good);
  Object.assign(m.eventDetails.ceremony, change);
  writeFileSync(path.join(tmp, 'out', name), JSON.stringify(m, null, 2));
  return path.join('out', name);
}

describe('hostile manifests: tally refuses with the file and the field', () => {
  it('an eventDetails date of 2024-02-30', () => {
    expectRefused(
      tally(withCeremony('tanggal.json', { date: '2024-02-30' })),
      /tanggal\.json: eventDetails\.ceremony\.date/,
      /2024-02-30/,
    );
  });

  it('an eventDetails date of "hello"', () => {
    expectRefused(
      tally(withCeremony('hello.json', { date: 'hello' })),
      /hello\.json: eventDetails\.ceremony\.date/,
      /hello/,
    );
  });

  it('an eventDetails time of "25.99" and an until of "nanti"', () => {
    const r = tally(withCeremony('jam.json', { time: '25.99', until: 'nanti' }));
    expectRefused(r, /jam\.json: eventDetails\.ceremony\.time/, /25\.99/);
    expect(r.out).toMatch(/jam\.json: eventDetails\.ceremony\.until/);
  });

  it('a 400 MB manifest is refused before it is read', () => {
    const f = path.join(tmp, 'out', 'besar.json');
    const fd = openSync(f, 'w');
    const block = Buffer.alloc(16 * 1024 * 1024, ' ');
    writeSync(fd, '{"format": "ikrar-manifest", "version": 1, "pad": "');
    for (let i = 0; i < 25; i++) writeSync(fd, block);
    writeSync(fd, '"}');
    closeSync(fd);
    const r = tally(path.join('out', 'besar.json'));
    rmSync(f);
    expectRefused(r, /besar\.json/, /MB/);
    expect(r.peakMb!).toBeLessThan(300);
  });
});
