/**
 * Every problem code the core can emit is in the registry (src/model/codes.ts), and every code in
 * the registry has its message in English and in Indonesian with the same {placeholders}: a clerk
 * who runs `--lang id` never meets an English problem because its code was forgotten.
 *
 * The source is read for code-shaped literals ('word-word'); each must be a registered code or one
 * of the other kebab-case strings listed below (option values, variants, file names).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../src/model/codes.js';
import { OMITTED_CODE } from '../../src/model/problems.js';
import { en } from '../../src/i18n/en.js';
import { id } from '../../src/i18n/id.js';
import { placeholders } from '../../src/i18n/index.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Kebab-case strings in the source that are not problem codes. */
const NOT_CODES = new Set([
  // message variants (params._m / _h), markup attributes and values, encodings, file and folder names
  '2024-11-04',
  '3-b',
  'b-w',
  'berita-acara',
  'bottom-left',
  'bottom-right',
  'cli-progress',
  'csv-parse',
  'first-indent',
  'folder-unwritable',
  'holds-cwd',
  'iconv-lite',
  'id-header',
  'id-text',
  'ikrar-manifest',
  'ikrar-rekap',
  'ikrar-staging',
  'input-errors',
  'keep-with-next',
  'kepala-desa',
  'label-width',
  'lembar-ttd',
  'line-height',
  'manifest-lama',
  'middle-left',
  'middle-right',
  'naskah-ikrar',
  'nip-text',
  'not-file',
  'not-folder',
  'not-found',
  'not-image',
  'not-json',
  'not-manifest',
  'not-scanned',
  'one-more',
  'page-numbers',
  'pakta-integritas',
  'place-date',
  'signature-grid',
  'signing-table',
  'space-after',
  'space-before',
  'too-big',
  'too-long',
  'too-many-pixels',
  'top-left',
  'top-right',
  'utf-16be',
  'utf-16le',
  'utf-8',
  'utf-8-bom',
  'windows-1252',
  // the wording attributes (templates/README.md)
  'meterai-label',
  'meterai-value',
  'name-header',
  'no-header',
  'page-label',
  'position-header',
  'rank-header',
  'sign-header',
  'unit-label',
  // the review server and page (HTTP headers and values, element ids, data attributes), the readings file
  'btn-next',
  'btn-prev',
  'btn-signed',
  'btn-undo',
  'btn-unsigned',
  'content-length',
  'content-type',
  'data-id',
  'data-ready',
  'ikrar-readings',
  'keputusan-data',
  'near-miss',
  'no-referrer',
  'no-store',
  'unsafe-inline',
  'x-ikrar-token',
  'xdg-open',
  // package names
  'heic-decode',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** 'word-word' literals of the source outside the catalogues and the registry, with where they are. */
function kebabLiterals(): Map<string, string> {
  const found = new Map<string, string>();
  for (const f of sourceFiles(src)) {
    const rel = path.relative(src, f);
    if (rel.startsWith('i18n') || rel === path.join('model', 'codes.ts')) continue;
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/['"`]([a-z0-9]+(?:-[a-z0-9]+)+)['"`]/g)) {
      if (!found.has(m[1]!)) found.set(m[1]!, `${rel}:${text.slice(0, m.index).split('\n').length}`);
    }
  }
  return found;
}

const codes = new Set<string>(PROBLEM_CODES);
/** Codes built from a template (`page-${status}`, `${doc}-rule-column`) rather than written whole. */
const BUILT = [
  'page-unidentified',
  'page-foreign',
  'page-duplicate',
  'page-blank',
  'pakta-rule-column',
  'deklarasi-rule-column',
];

describe('problem codes', () => {
  it('the source uses no code outside the registry', () => {
    const unknown = [...kebabLiterals()]
      .filter(([s]) => !codes.has(s) && !NOT_CODES.has(s))
      .map(([s, at]) => `${s} (${at})`);
    expect(
      unknown,
      'add these to src/model/codes.ts (with both languages), or to NOT_CODES if they are not codes',
    ).toEqual([]);
  });

  it('every registered code is used by the source', () => {
    const lits = kebabLiterals();
    const unused = PROBLEM_CODES.filter((c) => !lits.has(c) && !BUILT.includes(c));
    expect(unused).toEqual([]);
  });

  it('every code has its message in English and in Indonesian, with the same placeholders', () => {
    const missing: string[] = [];
    const differ: string[] = [];
    for (const code of PROBLEM_CODES) {
      if (code === OMITTED_CODE) continue; // printed as problems.moreErrors / moreWarnings
      for (const [lang, cat] of [
        ['en', en],
        ['id', id],
      ] as const) {
        const keys = Object.keys(cat).filter(
          (k) => (k === `problem.${code}` || k.startsWith(`problem.${code}.`)) && !k.endsWith('.hint'),
        );
        if (keys.length === 0) missing.push(`${code} (${lang})`);
      }
      for (const k of Object.keys(en).filter((k) => k === `problem.${code}` || k.startsWith(`problem.${code}.`))) {
        const a = placeholders(en[k as keyof typeof en]).join(',');
        const b = placeholders((id as Record<string, string>)[k] ?? '').join(',');
        if (a !== b) differ.push(`${k}: en {${a}} id {${b}}`);
      }
    }
    expect(missing).toEqual([]);
    expect(differ).toEqual([]);
  });

  it('the problems-omitted stand-in has its own lines in both languages', () => {
    for (const k of [
      'problems.moreErrors_one',
      'problems.moreErrors_other',
      'problems.moreWarnings_one',
      'problems.moreWarnings_other',
    ] as const) {
      expect(en[k]).toBeTruthy();
      expect(id[k]).toBeTruthy();
    }
  });
});
