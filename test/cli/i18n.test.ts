/**
 * The message catalogues: every key in both languages with the same placeholders; how the language
 * is chosen; which core problem codes print in Indonesian.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { id } from '../../src/i18n/id.js';
import {
  detectLang,
  errorHeadline,
  fill,
  langArg,
  parseLang,
  placeholders,
  problemText,
  setLang,
  t,
  tn,
  translatedProblemCodes,
  translateUsageError,
} from '../../src/i18n/index.js';
import type { Problem } from '../../src/model/problems.js';

afterEach(() => setLang('en'));

describe('catalogues', () => {
  it('every English key exists in Indonesian and every Indonesian key in English', () => {
    const enKeys = Object.keys(en).sort();
    const idKeys = Object.keys(id).sort();
    expect(enKeys.filter((k) => !idKeys.includes(k)), 'missing in id.ts').toEqual([]);
    expect(idKeys.filter((k) => !enKeys.includes(k)), 'missing in en.ts').toEqual([]);
  });

  it('each key has the same {placeholders} in both languages', () => {
    const differ = Object.keys(en)
      .filter((k) => placeholders(en[k as keyof typeof en]).join(',') !== placeholders(id[k as keyof typeof id]).join(','))
      .map((k) => `${k}: en {${placeholders(en[k as keyof typeof en])}} id {${placeholders(id[k as keyof typeof id])}}`);
    expect(differ).toEqual([]);
  });

  it('no message is empty, and plural keys come in pairs', () => {
    for (const [k, v] of [...Object.entries(en), ...Object.entries(id)]) expect(v.trim(), k).not.toBe('');
    for (const k of Object.keys(en)) {
      if (k.endsWith('_one')) expect(Object.keys(en), k).toContain(k.replace(/_one$/, '_other'));
      if (k.endsWith('_other')) expect(Object.keys(en), k).toContain(k.replace(/_other$/, '_one'));
    }
  });

  it('lists the problem codes that are translated', () => {
    expect(translatedProblemCodes()).toEqual([
      'cell-control-char',
      'event-aliases',
      'event-bad-regex',
      'event-empty',
      'event-missing',
      'event-not-found',
      'event-syntax',
      'event-too-big',
      'event-unknown-key',
      'glyph-missing',
      'logo-missing',
      'logo-unusable',
      'manifest-replaced',
      'missing-column',
      'nip-duplicate',
      'nip-excel-number',
      'officer-unknown-unit',
      'out-unwritable',
      'page-blank',
      'page-duplicate',
      'page-foreign',
      'page-unidentified',
      'pakta-no-signers',
      'roster-encoding',
      'roster-format',
      'roster-not-found',
      'roster-xls',
      'roster-xlsx-too-large',
      'roster-xlsx-unreadable',
      'scan-missing',
      'scan-page-too-large',
      'scan-pages-capped',
      'scan-skipped',
      'scan-unreadable',
      'template-forbidden',
      'template-not-file',
      'template-too-big',
      'template-too-deep',
      'template-too-deep-blocks',
      'template-too-many',
      'template-unreadable',
      'unit-no-officer',
    ]);
  });
});

describe('t and tn', () => {
  it('fill, singular and plural', () => {
    expect(fill('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}');
    expect(tn('problems.errors', 1)).toBe('1 error:');
    expect(tn('problems.errors', 3)).toBe('3 errors:');
    setLang('id');
    expect(tn('problems.errors', 3)).toBe('3 galat:');
    expect(t('check.ok')).toBe('OK: berkas dapat dipakai.');
  });
});

describe('choosing the language', () => {
  it('LC_ALL, then LC_MESSAGES, then LANG; id_* and in_ID are Indonesian', () => {
    expect(detectLang({ LANG: 'id_ID.UTF-8' })).toBe('id');
    expect(detectLang({ LANG: 'id_ID' })).toBe('id');
    expect(detectLang({ LANG: 'id' })).toBe('id');
    expect(detectLang({ LANG: 'in_ID' })).toBe('id');
    expect(detectLang({ LANG: 'C' })).toBe('en');
    expect(detectLang({ LANG: 'C.UTF-8' })).toBe('en');
    expect(detectLang({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(detectLang({ LANG: 'ind' })).toBe('en'); // not a locale name we know
    expect(detectLang({ LC_ALL: 'C', LANG: 'id_ID.UTF-8' })).toBe('en');
    expect(detectLang({ LC_ALL: 'id_ID.UTF-8', LANG: 'C' })).toBe('id');
    expect(detectLang({ LC_MESSAGES: 'id_ID.UTF-8', LANG: 'en_US' })).toBe('id');
    expect(detectLang({ LC_ALL: '', LC_MESSAGES: '', LANG: 'id_ID.UTF-8' })).toBe('id');
  });

  it('--lang values', () => {
    expect(parseLang('id')).toBe('id');
    expect(parseLang('ID')).toBe('id');
    expect(parseLang('en')).toBe('en');
    expect(parseLang('id_ID')).toBe('id');
    expect(parseLang('xx')).toBeUndefined();
    expect(langArg(['check', '--lang', 'id'])).toBe('id');
    expect(langArg(['--lang=en', 'check'])).toBe('en');
    expect(langArg(['check', '--', '--lang', 'id'])).toBeUndefined();
  });
});

describe('problems in the interface language', () => {
  const dup: Problem = {
    severity: 'error',
    code: 'nip-duplicate',
    file: 'roster.csv',
    line: 4,
    field: 'NIP',
    message: 'NIP 19860926 201505 1 001 appears twice: line 3 and line 4',
    hint: 'each person may appear only once; remove or correct one of the two rows',
    params: { nip: '19860926 201505 1 001', first: 3, line: 4 },
  };

  it('English prints the core text; Indonesian the catalogue, filled from params', () => {
    expect(problemText(dup, 'en')).toEqual({ message: dup.message, hint: dup.hint });
    expect(problemText(dup, 'id').message).toBe('NIP 19860926 201505 1 001 muncul dua kali: baris 3 dan baris 4');
    expect(problemText(dup, 'id').hint).toMatch(/setiap orang hanya boleh muncul sekali/);
  });

  it('the English catalogue says what the core says (so the two cannot drift apart)', () => {
    expect(fill(en['problem.nip-duplicate'], dup.params)).toBe(dup.message);
    expect(en['problem.nip-duplicate.hint']).toBe(dup.hint);
  });

  it('a problem without params, or with a code that has no translation, stays English', () => {
    const plain: Problem = { severity: 'error', code: 'nip-duplicate', file: 'r.csv', message: 'x' };
    expect(problemText(plain, 'id').message).toBe('x');
    const other: Problem = { severity: 'error', code: 'rank-unknown', file: 'r.csv', message: 'y', params: { a: 1 } };
    expect(problemText(other, 'id').message).toBe('y');
  });

  it('headlines of core errors and commander usage errors', () => {
    expect(errorHeadline({ message: 'cannot write the output folder out', detail: { key: 'out-unwritable', params: { dir: 'out' } } }, 'id')).toBe('folder hasil out tidak dapat ditulis');
    expect(errorHeadline({ message: 'm', detail: { key: 'input-errors', params: { n: 2 } } }, 'id')).toBe('berkas masukan memuat 2 galat; tidak ada yang ditulis');
    expect(errorHeadline({ message: 'm', detail: undefined }, 'id')).toBe('m');
    expect(translateUsageError("error: unknown command 'x'\n", 'id')).toBe("galat: perintah 'x' tidak dikenal\n");
    expect(translateUsageError("error: required option '--event <file>' not specified\n", 'id')).toBe("galat: opsi wajib '--event <file>' belum diberikan\n");
    expect(translateUsageError("error: unknown command 'x'\n", 'en')).toBe("error: unknown command 'x'\n");
  });
});
