/** Worker-thread entry for the drawing pool (draw-pool.ts): receives DrawTasks, answers PDF bytes. */
import { parentPort } from 'node:worker_threads';
import { drawPart, type DrawTask } from './draw-part.js';

const port = parentPort!;

port.on('message', (msg: { id: number; task: DrawTask }) => {
  drawPart(msg.task).then(
    (pdf) => {
      // A copy of its own, so the buffer can be handed over without copying it again.
      const bytes = new Uint8Array(pdf);
      port.postMessage({ id: msg.id, pdf: bytes }, [bytes.buffer]);
    },
    (e: unknown) => port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
