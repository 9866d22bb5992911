/**
 * Worker-thread entry for readScans (see read.ts): receives PageTasks, answers PageTaskResults.
 * workerData is the PageContext.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PageReader, type PageContext, type PageTask, type PageTaskResult } from './page-task.js';

const reader = new PageReader(workerData as PageContext);
const port = parentPort!;

port.on('message', (msg: { id: number; task?: PageTask; close?: true }) => {
  if (msg.close) {
    void reader.close().finally(() => port.postMessage({ id: msg.id, closed: true }));
    return;
  }
  void reader.run(msg.task!).then(
    (result: PageTaskResult) => {
      port.postMessage({ id: msg.id, result });
    },
    (e: unknown) => port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
