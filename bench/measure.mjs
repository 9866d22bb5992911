// Child process for one measurement, so peak memory is this job's alone:
//   node bench/measure.mjs RESULT.json <cli|floor-render|floor-decode> args...
// Runs the job in-process, then writes {ms, maxRssMB, exit} to RESULT.json.
// process.resourceUsage().maxRSS is portable (kilobytes on Linux, macOS and Windows alike in Node);
// it is the peak resident set of this whole process (the same figure as VmHWM in /proc/self/status).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [resultFile, kind, ...args] = process.argv.slice(2);
const t0 = performance.now();
let exit = 0;
let extra = {};
if (kind === 'cli') {
  const { main } = await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'main.js')).href);
  exit = await main(['node', 'ikrar', ...args]);
} else if (kind === 'floor-render') {
  const { floorRender } = await import('./floor-render.mjs');
  extra = await floorRender(args[0], args[1], args[2] ?? 'f4');
} else if (kind === 'floor-decode') {
  const { floorDecode } = await import('./floor-decode.mjs');
  // files, or @LIST with one path a line (200 paths do not fit every command line)
  const files = args
    .slice(1)
    .flatMap((a) => (a.startsWith('@') ? readFileSync(a.slice(1), 'utf8').split('\n').filter(Boolean) : [a]));
  extra = await floorDecode(files, Number(args[0]));
} else {
  throw new Error(`unknown kind ${kind}`);
}
const ms = performance.now() - t0;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
writeFileSync(resultFile, JSON.stringify({ ms, maxRssMB, exit, ...extra }));
process.exitCode = exit;
