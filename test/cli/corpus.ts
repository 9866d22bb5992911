/**
 * The set-up both bad-input corpora share: a temp dir (removed after the file's tests) holding the
 * example event next to its logo, so only the file under test is wrong, and the example roster's
 * header and first rows to build bad rosters from.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = path.join(root, 'bin/ikrar.js');

export function corpus(prefix: string): {
  tmp: string;
  goodEvent: string;
  HEADER: string;
  goodRows: string[];
  file: (name: string, content: string | Buffer) => string;
} {
  const examples = path.join(root, 'examples');
  const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  copyFileSync(path.join(examples, 'logo.png'), path.join(tmp, 'logo.png'));
  const goodEvent = path.join(tmp, 'event.yaml');
  copyFileSync(path.join(examples, 'event.yaml'), goodEvent);
  const lines = readFileSync(path.join(examples, 'roster.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const file = (name: string, content: string | Buffer): string => {
    const f = path.join(tmp, name);
    writeFileSync(f, content);
    return f;
  };
  return { tmp, goodEvent, HEADER: lines[0]!, goodRows: lines.slice(1, 11), file };
}
