/** ProblemList keeps the first few hundred problems of each severity and counts the rest. */
import { describe, expect, it } from 'vitest';
import {
  OMITTED_CODE,
  PROBLEM_LIMIT,
  ProblemList,
  clipText,
  countProblems,
  type Problem,
} from '../../src/model/problems.js';

const err = (i: number, file = 'a.csv'): Problem => ({
  severity: 'error',
  code: 'nip-length',
  file,
  line: i,
  message: `bad ${i}`,
});

describe('ProblemList', () => {
  it('keeps the first PROBLEM_LIMIT of each severity, then one count per file', () => {
    const l = new ProblemList();
    for (let i = 0; i < 500_000; i++) l.add(err(i));
    l.warning({ code: 'w', file: 'a.csv', message: 'w' });
    const items = l.items;
    expect(items.length).toBe(PROBLEM_LIMIT + 2);
    expect(items[0]!.line).toBe(0);
    expect(items.at(-1)).toMatchObject({
      severity: 'error',
      code: OMITTED_CODE,
      file: 'a.csv',
      params: { n: 500_000 - PROBLEM_LIMIT },
    });
    expect(l.count('error')).toBe(500_000);
    expect(countProblems(items, 'error')).toBe(500_000);
    expect(countProblems(items, 'warning')).toBe(1);
    expect(l.hasErrors).toBe(true);
  });

  it('merging adds up the counts of lists already cut, and never spreads into push', () => {
    const a = new ProblemList();
    for (let i = 0; i < 1000; i++) a.add(err(i, 'a.csv'));
    const b = new ProblemList();
    b.merge(a);
    b.merge(a.items);
    for (let i = 0; i < 10; i++) b.add(err(i, 'b.csv'));
    expect(b.count('error')).toBe(2010);
    expect(b.items.filter((p) => p.code === OMITTED_CODE).map((p) => [p.file, p.params!.n])).toEqual([
      ['a.csv', 1700],
      ['b.csv', 10],
    ]);
  });
});

describe('clipText: a long quoted value is clipped whatever it holds', () => {
  it('apostrophes inside names never pair up with another name', () => {
    const names = Array.from({ length: 12 }, (_, i) =>
      i % 3 ? `SITI AMINAH BINTI ABDUL RAHMAN ${i}, S.E., line ${i + 2}` : `NUR'AINI ${i}, line ${i + 2}`,
    ).join('; ');
    const s = `the heads rule finds 12 people in unit "Dinas Sosial" (${names}); the first signs the sheet`;
    expect(s.length).toBeLessThan(1000);
    expect(clipText(s)).toBe(s);
  });

  it('a long value holding apostrophes is clipped, in quotes that are not inside it, and the message goes on', () => {
    const v = "NUR'AINI " + 'x'.repeat(100);
    const out = clipText(`NIP '${v}' is not a NIP`);
    expect(out).toBe(`NIP "NUR'AINI ${'x'.repeat(31)}…" (109 characters) is not a NIP`);
  });

  it('never cuts a surrogate pair in half', () => {
    const v = '𝐀'.repeat(100); // 100 characters outside the BMP, 200 UTF-16 units
    const out = clipText(`name '${v}' is odd`);
    expect(out).toBe(`name '${'𝐀'.repeat(40)}…' (100 characters) is odd`);
    const long = clipText('a' + '😀'.repeat(600));
    expect(long.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(long)).toBe(false);
  });
});

describe('clipText on hostile text', () => {
  it('is linear: a megabyte of quotes that never close', () => {
    const s = " 'a".repeat(350_000);
    const t0 = performance.now();
    const out = clipText(s);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(out.length).toBeLessThanOrEqual(1000);
  });
});
