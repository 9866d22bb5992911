/**
 * A World held in memory: a Map of absolute path → bytes. Folders are the paths' parents. For
 * tests and for callers that have the files already (nothing here touches the disk).
 */
import path from 'node:path';
import type { Entry, World } from './world.js';

export function memoryWorld(files: Map<string, Buffer>, platform = 'linux'): World {
  const folders = new Set<string>();
  for (const f of files.keys()) {
    for (let d = path.dirname(f); !folders.has(d); d = path.dirname(d)) {
      folders.add(d);
      if (path.dirname(d) === d) break;
    }
  }
  const stat = (p: string): Entry => {
    const abs = path.resolve(p);
    const bytes = files.get(abs);
    if (bytes) return { kind: 'file', size: bytes.length };
    return folders.has(abs) ? { kind: 'folder', size: 0 } : { kind: 'missing' };
  };
  return {
    platform,
    readFile: (file) => files.get(path.resolve(file)) ?? null,
    stat,
    list(dir) {
      const abs = path.resolve(dir);
      if (!folders.has(abs)) return null;
      const names = new Set<string>();
      for (const p of [...files.keys(), ...folders])
        if (path.dirname(p) === abs && p !== abs) names.add(path.basename(p));
      return [...names].sort();
    },
    isDirectory: (p) => stat(p).kind === 'folder',
  };
}
