/**
 * FOR TESTS ONLY: a seam that makes the process fail at an exact step, so crash safety can be tested
 * without timing. `IKRAR_FAULT=<point>:<n>[:kill|throw|enospc]` (read here and nowhere else):
 * at the n-th time `faultPoint(point)` is reached the process kills itself with SIGKILL (default,
 * like a power cut or kill -9), throws an Error, or throws an ENOSPC error (a full disk).
 * Points: `commit` (before each file-system change of the output commit, src/output/folder.ts) and
 * `stage` (after each document part is drawn into the staging folder, src/render/render.ts).
 * Unset (as for every user), faultPoint does nothing.
 */
export type FaultPoint = 'commit' | 'stage';

interface Fault {
  point: string;
  n: number;
  mode: string;
}

function parseFault(spec: string | undefined): Fault | undefined {
  const m = /^(\w+):(\d+)(?::(kill|throw|enospc))?$/.exec(spec ?? '');
  return m ? { point: m[1]!, n: Number(m[2]), mode: m[3] ?? 'kill' } : undefined;
}

const fault = parseFault(process.env.IKRAR_FAULT);
const reached = new Map<string, number>();

export function faultPoint(point: FaultPoint): void {
  if (!fault || fault.point !== point) return;
  const n = (reached.get(point) ?? 0) + 1;
  reached.set(point, n);
  if (n !== fault.n) return;
  if (fault.mode === 'kill') process.kill(process.pid, 'SIGKILL');
  if (fault.mode === 'enospc')
    throw Object.assign(new Error(`ENOSPC: no space left on device (IKRAR_FAULT ${point}:${n})`), { code: 'ENOSPC' });
  throw new Error(`IKRAR_FAULT ${point}:${n}`);
}
