/** Paths typed on the command line the way Windows writes them (`localPath` in src/world/paths.ts). */
import { nodeWorld } from '../world/node.js';
import { localPath as worldPath } from '../world/paths.js';

export const localPath = (p: string): string => worldPath(nodeWorld, p);
