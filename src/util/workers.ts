/** Worker threads run compiled code: a worker entry exists only under dist/ (not when running from the TypeScript sources, as tests do). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Whether the worker entry at `url` (a sibling .js of the importing module) exists to start. */
export function workerAvailable(url: URL): boolean {
  try {
    return url.protocol === 'file:' && existsSync(fileURLToPath(url));
  } catch {
    return false;
  }
}
