/** The World of a real run: Node's file system. */
import { readFileSync, statSync } from 'node:fs';
import type { World } from './world.js';

export const nodeWorld: World = {
  readFile(file) {
    try {
      return readFileSync(file);
    } catch {
      return null;
    }
  },
  isDirectory(p) {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
};
