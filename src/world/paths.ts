import type { World } from './world.js';

/**
 * A path the way the clerk typed it, as this platform reads it. On Windows nothing changes. Elsewhere
 * a path with backslashes that does not exist as written (`data\roster.csv`, copied from a Windows
 * guide or a .bat file) is read with `/` instead; a real file name containing a backslash still wins.
 */
export function localPath(world: World, p: string): string {
  if (world.platform === 'win32' || !p.includes('\\')) return p;
  if (world.stat(p).kind !== 'missing') return p; // a real name with a backslash in it
  return p.replace(/\\/g, '/');
}
