/** The World of a real run: Node's file system and platform. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { Entry, World } from './world.js';

function stat(p: string): Entry {
  try {
    const st = statSync(p);
    return { kind: st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other', size: st.size };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: code ?? (e as Error).message };
  }
}

export const nodeWorld: World = {
  platform: process.platform,
  readFile(file) {
    try {
      return readFileSync(file);
    } catch {
      return null;
    }
  },
  stat,
  list(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return null;
    }
  },
  isDirectory: (p) => stat(p).kind === 'folder',
};
