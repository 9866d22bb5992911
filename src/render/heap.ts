/**
 * Keeps the render's main thread from holding V8's garbage: drawing and assembling a part of a
 * large roster makes hundreds of MB of short-lived objects, which V8 lets pile up to several times
 * what is alive before it collects (issue #12: 600 MB of heap at 100,000 people for ~150 MB live).
 * After each part, a full collection runs when the heap has grown past a bound; the drawing workers
 * get a bounded heap instead (draw-pool.ts). Nothing here changes any output.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Heap in use (MB) above what the last collection left after which the next part collects. */
const HEADROOM_MB = 128;

let collect: (() => void) | null | undefined;
let floor = 0;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  } catch {
    collect = null;
  }
  return collect;
}

const used = (): number => v8.getHeapStatistics().used_heap_size / 1048576;

/** Collects garbage when the heap has grown more than HEADROOM_MB since the last collection. */
export function relieveHeap(): void {
  if (used() < floor + HEADROOM_MB) return;
  const gc = collector();
  if (!gc) return;
  gc();
  floor = used();
}
