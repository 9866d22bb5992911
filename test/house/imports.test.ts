/**
 * The house rules, read from the source (issue #12): no import circle anywhere in src/, no folder
 * importing back up (the folders form layers), and only the command line and the Node World touch
 * the file system or `process` — every other module reads through a World (src/world/world.ts),
 * apart from the exceptions listed below, each with its reason.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The code without comments and without the text of strings other than import specifiers. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** What a file imports: module specifiers of import/export … from, import '…' and import('…'). */
function specifiers(text: string): string[] {
  const c = code(text);
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;
  for (let m = re.exec(c); m; m = re.exec(c)) out.push(m[1]!);
  return out;
}

const rel = (abs: string) => path.relative(ROOT, abs).split(path.sep).join('/');
const files = sources(SRC);
const texts = new Map(files.map((f) => [rel(f), readFileSync(f, 'utf8')]));

/** file → the files of src/ it imports (relative imports, `.js` read as the `.ts` beside it). */
const graph = new Map<string, string[]>();
for (const [file, text] of texts) {
  const deps: string[] = [];
  for (const s of specifiers(text)) {
    if (!s.startsWith('.')) continue;
    const target = rel(path.resolve(ROOT, path.dirname(file), s)).replace(/\.js$/, '.ts');
    if (texts.has(target)) deps.push(target);
    else if (texts.has(`${target}/index.ts`)) deps.push(`${target}/index.ts`);
  }
  graph.set(file, deps);
}

/** Every circle of `g` (strongly connected parts of more than one node, or a node importing itself). */
function circles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || (g.get(v) ?? []).includes(v)) found.push(part.sort());
    }
  };
  for (const v of [...g.keys()].sort()) if (!idx.has(v)) visit(v);
  return found;
}

/** src/layout/blocks/text.ts → src/layout; src/version.ts → src/version.ts. */
const folderOf = (file: string) => {
  const parts = file.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : file;
};

/**
 * The modules that still touch the disk or `process` without a World, and why. A folder entry
 * (ending in `/`) covers its files. Keep this short: an entry that no longer needs to be here fails.
 */
const EXCEPTIONS: Record<string, string> = {
  'src/output/':
    'the writer: output folders staged, committed and recovered atomically (the writing half of a World is not built)',
  'src/render/emit.ts': "render's writer: the parts drawn into the output staging folder",
  'src/render/assemble.ts': 'the combined PDFs assembled from the part files just written',
  'src/render/manifest-stream.ts': 'manifest.json streamed as the parts are written',
  'src/render/previous.ts': 'the earlier manifest copied into manifest-lama/ at commit',
  'src/roster/':
    'the roster is streamed from the disk (a 70 MB SIASN export is never whole in memory; a World reads whole files)',
  'src/draw/':
    "the package's own fonts (assets/fonts) and logo images, read in the drawing worker threads, where a World cannot be passed",
  'src/util/workers.ts': "finds a worker thread's module file (dist/ or src/)",
  'src/scan/': 'scan files are read in page worker threads, opened lazily and bounded (budget.ts)',
  'src/tally/': "the tally's inputs (manifest, marks and overrides CSVs, saved readings) and its output folder",
  'src/review/': 'the review server: saved readings read, decisions written atomically',
  'src/init/': 'ikrar init writes the event folder (and reads the bundled example and templates)',
};

const ALLOWED = (file: string) => file.startsWith('src/cli/') || file === 'src/world/node.ts';
const exceptionFor = (file: string) =>
  Object.keys(EXCEPTIONS).find((e) => (e.endsWith('/') ? file.startsWith(e) : file === e));

/** Whether a file imports the file system or uses `process` (comments and strings aside). */
function touchesOutside(text: string): string[] {
  const why: string[] = [];
  for (const s of specifiers(text)) if (/^(node:)?(fs|fs\/promises|process)$/.test(s)) why.push(`imports ${s}`);
  const c = code(text).replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''");
  if (/(?<![\w.])process\s*\./.test(c)) why.push('uses process');
  return why;
}

describe('the house rules (issue #12)', () => {
  it('has no import circle anywhere in src/', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(circles(graph)).toEqual([]);
  });

  it('has no folder importing back up: the folders of src/ form layers', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, deps] of graph) {
      const from = folderOf(file);
      const set = folders.get(from) ?? new Set<string>();
      for (const d of deps) if (folderOf(d) !== from) set.add(folderOf(d));
      folders.set(from, set);
    }
    const g = new Map([...folders].map(([k, v]) => [k, [...v].sort()]));
    expect(g.get('src/report')).not.toContain('src/tally');
    expect(circles(g)).toEqual([]);
  });

  it('touches the file system and process only in src/cli/, the Node World and the listed exceptions', () => {
    const offenders: string[] = [];
    const used = new Set<string>();
    for (const [file, text] of texts) {
      const why = touchesOutside(text);
      if (!why.length || ALLOWED(file)) continue;
      const e = exceptionFor(file);
      if (e) used.add(e);
      else offenders.push(`${file}: ${why.join(', ')}`);
    }
    expect(offenders).toEqual([]);
    // an exception nothing needs any more is taken off the list
    expect(Object.keys(EXCEPTIONS).filter((e) => !used.has(e))).toEqual([]);
  });

  it('finds what it looks for (the scanner is not blind)', () => {
    expect(touchesOutside("import { readFileSync } from 'node:fs';")).toEqual(['imports node:fs']);
    expect(touchesOutside('const p = process.platform;')).toEqual(['uses process']);
    expect(touchesOutside("// the whole process.\nconst s = 'process.env';")).toEqual([]);
    expect(
      circles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b']]);
    expect(specifiers("export { x } from './x.js';\nconst m = await import('./y.js');")).toEqual(['./x.js', './y.js']);
  });
});
