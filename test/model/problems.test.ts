/** ProblemList keeps the first few hundred problems of each severity and counts the rest. */
import { describe, expect, it } from 'vitest';
import { OMITTED_CODE, PROBLEM_LIMIT, ProblemList, countProblems, type Problem } from '../../src/model/problems.js';

const err = (i: number, file = 'a.csv'): Problem => ({ severity: 'error', code: 'nip-length', file, line: i, message: `bad ${i}` });

describe('ProblemList', () => {
  it('keeps the first PROBLEM_LIMIT of each severity, then one count per file', () => {
    const l = new ProblemList();
    for (let i = 0; i < 500_000; i++) l.add(err(i));
    l.warning({ code: 'w', file: 'a.csv', message: 'w' });
    const items = l.items;
    expect(items.length).toBe(PROBLEM_LIMIT + 2);
    expect(items[0]!.line).toBe(0);
    expect(items.at(-1)).toMatchObject({ severity: 'error', code: OMITTED_CODE, file: 'a.csv', params: { n: 500_000 - PROBLEM_LIMIT } });
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
    expect(b.items.filter((p) => p.code === OMITTED_CODE).map((p) => [p.file, p.params!.n])).toEqual([['a.csv', 1700], ['b.csv', 10]]);
  });
});
