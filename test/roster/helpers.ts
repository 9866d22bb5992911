/** Shared helpers for the roster tests: a temp dir per test file and valid, unique NIPs. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

export function tempDir(prefix: string): {
  dir: string;
  write: (name: string, content: string | Uint8Array) => string;
} {
  const dir = mkdtempSync(path.join(tmpdir(), `ikrar-roster-${prefix}-`));
  afterAll(() => {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // left for the OS to clean
    }
  });
  return {
    dir,
    write(name, content) {
      const p = path.join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
}

/**
 * The i-th of 998,001 distinct valid PNS NIPs: birth date 1970-01-01 plus i/999 days, appointed
 * January 1995, sex from i, sequence 001–999.
 */
export function nip(i: number): string {
  const d = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 999) * 86_400_000);
  const birth = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const seq = String((i % 999) + 1).padStart(3, '0');
  return `${birth}199501${i % 2 === 0 ? '1' : '2'}${seq}`;
}
