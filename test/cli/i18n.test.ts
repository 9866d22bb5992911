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
  readValues,
  setLang,
  t,
  tn,
  translatedProblemCodes,
  translateUsageError,
} from '../../src/i18n/index.js';
import { OMITTED_CODE, type Problem } from '../../src/model/problems.js';
import { PROBLEM_CODES } from '../../src/model/codes.js';

afterEach(() => setLang('en'));

describe('catalogues', () => {
  it('every English key exists in Indonesian and every Indonesian key in English', () => {
    const enKeys = Object.keys(en).sort();
    const idKeys = Object.keys(id).sort();
    expect(
      enKeys.filter((k) => !idKeys.includes(k)),
      'missing in id.ts',
    ).toEqual([]);
    expect(
      idKeys.filter((k) => !enKeys.includes(k)),
      'missing in en.ts',
    ).toEqual([]);
  });

  it('each key has the same {placeholders} in both languages', () => {
    const differ = Object.keys(en)
      .filter(
        (k) => placeholders(en[k as keyof typeof en]).join(',') !== placeholders(id[k as keyof typeof id]).join(','),
      )
      .map(
        (k) => `${k}: en {${placeholders(en[k as keyof typeof en])}} id {${placeholders(id[k as keyof typeof id])}}`,
      );
    expect(differ).toEqual([]);
  });

  it('no message is empty, and plural keys come in pairs', () => {
    for (const [k, v] of [...Object.entries(en), ...Object.entries(id)]) expect(v.trim(), k).not.toBe('');
    for (const k of Object.keys(en)) {
      if (k.endsWith('_one')) expect(Object.keys(en), k).toContain(k.replace(/_one$/, '_other'));
      if (k.endsWith('_other')) expect(Object.keys(en), k).toContain(k.replace(/_other$/, '_one'));
    }
  });

  it('every registered problem code is translated (test/cli/problem-codes.test.ts reads the source for them)', () => {
    expect(translatedProblemCodes()).toEqual(
      PROBLEM_CODES.filter((c) => c !== OMITTED_CODE)
        .slice()
        .sort(),
    );
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
    const unknown: Problem = { severity: 'error', code: 'no-such-code', file: 'r.csv', message: 'z' };
    expect(problemText(unknown, 'id').message).toBe('z');
  });

  it('a problem without params is read back from its English text into the entry it fits', () => {
    const nip: Problem = {
      severity: 'error',
      code: 'nip-length',
      file: 'r.csv',
      message: "NIP '12345' has 5 digits",
      hint: 'a NIP has 18 digits (or 9 for an old NIP); check for a missing or extra digit',
    };
    expect(problemText(nip, 'id')).toEqual({
      message: "NIP '12345' terdiri atas 5 angka",
      hint: 'NIP terdiri atas 18 angka (atau 9 untuk NIP lama); periksa apakah ada angka yang kurang atau berlebih',
    });
    const one: Problem = { severity: 'error', code: 'nip-length', file: 'r.csv', message: "NIP '1' has 1 digit" };
    expect(problemText(one, 'id').message).toBe("NIP '1' hanya terdiri atas 1 angka");
    const folder: Problem = {
      severity: 'error',
      code: 'roster-not-a-file',
      file: 'x',
      message: "'x' is not a regular file",
      hint: 'give the path of a .csv or .xlsx roster file',
      params: { file: 'x' },
    };
    expect(problemText(folder, 'id')).toEqual({
      message: "'x' bukan berkas biasa",
      hint: 'berikan jalur berkas daftar pegawai .csv atau .xlsx',
    });
    expect(readValues('a {x} b {x}', 'a 1 b 2')).toBeUndefined();
    expect(readValues('a {x} b {y}', 'a 1 b 2')).toEqual({ x: '1', y: '2' });
  });

  it('headlines of core errors and commander usage errors', () => {
    expect(
      errorHeadline(
        { message: 'cannot write the output folder out', detail: { key: 'out-unwritable', params: { dir: 'out' } } },
        'id',
      ),
    ).toBe('folder hasil out tidak dapat ditulis');
    expect(errorHeadline({ message: 'm', detail: { key: 'input-errors', params: { n: 2 } } }, 'id')).toBe(
      'berkas masukan memuat 2 galat; tidak ada yang ditulis',
    );
    expect(errorHeadline({ message: 'm', detail: undefined }, 'id')).toBe('m');
    expect(translateUsageError("error: unknown command 'x'\n", 'id')).toBe("galat: perintah 'x' tidak dikenal\n");
    expect(translateUsageError("error: required option '--event <file>' not specified\n", 'id')).toBe(
      "galat: opsi wajib '--event <file>' belum diberikan\n",
    );
    expect(translateUsageError("error: unknown command 'x'\n", 'en')).toBe("error: unknown command 'x'\n");
  });
});

describe('tally notes in the interface language', () => {
  const page = (note: string): Problem => ({
    severity: 'warning',
    code: 'page-foreign',
    file: 'scan.pdf',
    field: 'page 3',
    message: `not a page of this manifest (another event, or printed by another render) (IK2-X)${note}`,
    params: { code: ' (IK2-X)', note },
  });

  it('a foreign page from an earlier render, with the manifest that holds it', () => {
    const note =
      ": page 7 was printed from an earlier render of this event: use that render's manifest.json (--manifest); this manifest has no page 7 — it is in hasil/manifest-lama/manifest-ab12.json";
    expect(problemText(page(note), 'id').message).toBe(
      'bukan halaman manifest ini (acara lain, atau dicetak oleh render lain) (IK2-X): halaman 7 dicetak dari render acara ini yang lebih dahulu: pakai manifest.json render itu (--manifest); manifest ini tidak punya halaman 7 — halaman itu ada di hasil/manifest-lama/manifest-ab12.json',
    );
    expect(problemText(page(note), 'en').message).toBe(page(note).message);
  });

  it('notes joined by "; ", mark names, and a note no entry fits', () => {
    const note =
      ': marks top-left, bottom-right not found; aligned from 4 of 6 marks; 2 of 20 boxes are outside the scan: scan this page again, whole';
    expect(problemText({ ...page(note), code: 'page-unidentified', params: { code: '', note } }, 'id').message).toBe(
      'tidak dikenali: kotak penanda kiri atas, kanan bawah tidak ditemukan; diluruskan dengan 4 dari 6 kotak penanda; 2 dari 20 kotak berada di luar pindaian: pindai ulang halaman ini secara utuh',
    );
    expect(
      problemText(
        { ...page(': something new'), code: 'page-blank', params: { code: '', note: ': something new' } },
        'id',
      ).message,
    ).toBe('kosong: something new');
  });
});

describe('headlines without a catalogue key', () => {
  it('are read back from their English text', () => {
    expect(errorHeadline({ message: 'no scans given', detail: undefined }, 'id')).toBe(
      'tidak ada pindaian yang diberikan',
    );
    expect(
      errorHeadline(
        {
          message:
            '3 files already exist in acara; nothing was written (use --force to overwrite them, or choose another folder)',
          detail: undefined,
        },
        'id',
      ),
    ).toBe(
      '3 berkas sudah ada di acara; tidak ada yang ditulis (pakai --force untuk menimpanya, atau pilih folder lain)',
    );
    expect(errorHeadline({ message: 'something new', detail: undefined }, 'id')).toBe('something new');
    expect(errorHeadline({ message: 'no scans given', detail: undefined }, 'en')).toBe('no scans given');
  });
});

describe('a reason quoted inside a message', () => {
  it('is read back too', () => {
    const p: Problem = {
      severity: 'warning',
      code: 'nip-ignored',
      file: 'r.csv',
      message: "'123' is not a NIP (NIP '123' has 3 digits); ignored for a guest",
      hint: 'leave the NIP empty for guests',
    };
    expect(problemText(p, 'id')).toEqual({
      message: "'123' bukan NIP (NIP '123' terdiri atas 3 angka); diabaikan untuk tamu",
      hint: 'kosongkan NIP untuk tamu',
    });
  });
});

describe('what the event reader expected and found', () => {
  it('prints in the interface language', () => {
    const p: Problem = {
      severity: 'error',
      code: 'event-wrong-type',
      file: 'e.yaml',
      field: 'election.year',
      message: 'expected a whole number, found a list',
    };
    expect(problemText(p, 'id').message).toBe('diharapkan bilangan bulat, yang ditemukan daftar');
    const q: Problem = {
      severity: 'error',
      code: 'event-missing',
      file: 'e.yaml',
      message: 'is required but missing',
      hint: 'add paper: f4, a4 or letter',
      params: { key: 'paper', what: 'f4, a4 or letter' },
    };
    expect(problemText(q, 'id')).toEqual({
      message: 'wajib diisi tetapi tidak ada',
      hint: 'tambahkan paper: f4, a4 atau letter',
    });
  });
});
