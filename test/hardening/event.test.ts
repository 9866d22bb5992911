/**
 * Hostile event files (issue #14) through `ikrar check` and `ikrar render` as real processes: a
 * billion-laughs YAML (aliases of aliases), and clerk-written `matches:` patterns that backtrack
 * exponentially on a long jabatan. Each finishes in bounded time and memory; refusals are exit 2
 * with event.yaml:line and the field, no stack trace, nothing written.
 */
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNothingWritten, expectRefused, root, runIkrar, tempDir } from './run.js';

const tmp = tempDir('event');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const examples = path.join(root, 'examples');
copyFileSync(path.join(examples, 'logo.png'), path.join(tmp, 'logo.png'));
const eventText = readFileSync(path.join(examples, 'event.yaml'), 'utf8');
const rosterLines = readFileSync(path.join(examples, 'roster.csv'), 'utf8').split(/\r?\n/);
// One jabatan of 34 a's and a "!": what makes ^(a+)+$ try every way of splitting the a's.
const evil = rosterLines[3]!.split(';');
evil[5] = 'a'.repeat(34) + '!';
writeFileSync(
  path.join(tmp, 'roster.csv'),
  [...rosterLines.slice(0, 3), evil.join(';'), ...rosterLines.slice(4, 12)].join('\r\n') + '\r\n',
);

function write(event: string): string {
  writeFileSync(path.join(tmp, 'event.yaml'), event);
  return 'event.yaml';
}

function both(event: string, place: RegExp, what: RegExp): void {
  write(event);
  expectRefused(runIkrar(tmp, ['check', '--roster', 'roster.csv', '--event', 'event.yaml'], 30_000), place, what);
  const before = readdirSync(tmp);
  expectRefused(
    runIkrar(tmp, ['render', '--roster', 'roster.csv', '--event', 'event.yaml', '--out', 'out'], 30_000),
    place,
    what,
  );
  expectNothingWritten(tmp, before);
}

describe('a billion-laughs event file', () => {
  it('aliases that expand to billions of values are refused with the line, quickly', () => {
    // Under extra: (free keys the templates may use), nine levels of nine aliases each: 9^9 values.
    const lines = ['extra:', '  l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `  l${i}: &l${i} [${Array(9)
          .fill(`*l${i - 1}`)
          .join(',')}]`,
      );
    const text = eventText + '\n' + lines.join('\n') + '\n';
    const first = text.split('\n').length - lines.length; // the line of extra:
    const r = runIkrar(tmp, ['check', '--roster', 'roster.csv', '--event', write(text)], 30_000);
    expectRefused(r, /event\.yaml:(\d+)/, /alias/i);
    const line = Number(/event\.yaml:(\d+)/.exec(r.out)![1]);
    expect(line).toBeGreaterThan(first);
    expect(r.seconds).toBeLessThan(20);
    both(text, /event\.yaml:\d+/, /alias/i);
  });

  it('a few aliases of an official (as the example does) are fine', () => {
    const r = runIkrar(tmp, ['check', '--roster', 'roster.csv', '--event', write(eventText)], 30_000);
    expect(r.status, r.out).toBe(0);
  });
});

describe('an event file nested thousands deep', () => {
  it('[[[[… 20,000 deep is a syntax error with the line, not a crash', () => {
    both(
      eventText + '\nextra:\n  a: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n',
      /event\.yaml:\d+/,
      /nested too deeply/,
    );
  });
});

describe('an event file that is far too big', () => {
  it('100 MB of YAML is refused before it is parsed', () => {
    const big =
      eventText +
      '\nextra:\n' +
      Array.from({ length: 1_000_000 }, (_, i) => `  k${i}: ${'x'.repeat(90)}`).join('\n') +
      '\n';
    both(big, /event\.yaml/, /MB/);
  });
});

describe('patterns that backtrack', () => {
  // pakta.signers as a rule whose pattern is the one tried (the example itself says signers: heads).
  const signer = (pattern: string) =>
    eventText.replace(/^ {2}signers: heads$/m, `  signers:\n    - column: JABATAN\n      matches: "${pattern}"`);
  // The line of that pattern: two below the example's `signers: heads`.
  const signerLine = () => eventText.split('\n').findIndex((l) => /^ {2}signers: heads$/.test(l)) + 3;

  it('^(a+)+$ on a 35-character jabatan: check finishes in seconds', () => {
    writeFileSync(path.join(tmp, 'event.yaml'), signer('^(a+)+$'));
    const r = runIkrar(tmp, ['check', '--roster', 'roster.csv', '--event', 'event.yaml'], 30_000);
    expect(r.status, r.out).toBe(0);
    expect(r.seconds).toBeLessThan(20);
    expect(r.out).not.toMatch(/\n\s+at /);
  });

  it('^(a|a)+$ in sheets.heads: check finishes in seconds', () => {
    writeFileSync(
      path.join(tmp, 'event.yaml'),
      eventText.replace(/^(  heads:\n(?:.*\n)*?\s+matches: ).*$/m, '$1"^(a|a)+$"'),
    );
    const r = runIkrar(tmp, ['check', '--roster', 'roster.csv', '--event', 'event.yaml'], 30_000);
    expect(r.status, r.out).toBe(0);
    expect(r.seconds).toBeLessThan(20);
  });

  it('a backreference (which only a backtracking engine can run) is refused with its line', () => {
    const line = signerLine();
    both(
      signer('^(a)\\\\1$'),
      new RegExp(`event\\.yaml:${line}: pakta\\.signers\\[1\\]\\.matches`),
      /backreference|not supported|cannot be used/i,
    );
  });

  it('a pattern of 5,000 characters is refused with its line and the limit', () => {
    const line = signerLine();
    both(
      signer('^(' + Array.from({ length: 1000 }, (_, i) => `k${i}`).join('|') + ')'),
      new RegExp(`event\\.yaml:${line}: pakta\\.signers\\[1\\]\\.matches`),
      /characters/,
    );
  });
});

describe('the pattern faults print in both languages, and the English catalogue says what the core says', () => {
  it('too long, look-around, backreference, invalid', async () => {
    const { patternFault } = await import('../../src/event/pattern.js');
    const { en } = await import('../../src/i18n/en.js');
    const { fill, problemText } = await import('../../src/i18n/index.js');
    for (const p of ['x'.repeat(1001), '(?=a)', '(a)\\1', '(a']) {
      const f = patternFault(p)!;
      expect(fill(en[`problem.event-bad-regex.${f.params._m}` as keyof typeof en], f.params)).toBe(f.message);
      const id = problemText(
        { severity: 'error', code: 'event-bad-regex', file: 'e.yaml', message: f.message, params: f.params },
        'id',
      ).message;
      expect(id).not.toBe(f.message);
    }
    expect(patternFault('^Kepala |^Camat ')).toBeUndefined();
  });
});
