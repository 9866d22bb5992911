/**
 * Paths typed on the command line the way Windows writes them. On Windows nothing changes. Elsewhere a
 * path with backslashes that does not exist as written (`data\roster.csv`, copied from a Windows
 * guide or a .bat file) is read with `/` instead; a real file name containing a backslash still wins.
 */
import { existsSync } from 'node:fs';

export function localPath(p: string): string {
  if (process.platform === 'win32' || !p.includes('\\')) return p;
  if (existsSync(p)) return p;
  return p.replace(/\\/g, '/');
}
