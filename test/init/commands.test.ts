/**
 * The commands `ikrar init` tells the clerk to run work as typed: after the documented `npm install`
 * the command is `npx ikrar …` (a bare `ikrar` is "command not found"), and a path with a space is
 * in double quotes, which cmd.exe, PowerShell and sh all accept. Each printed line is split the way
 * a shell splits it, `npx ikrar` replaced by this checkout's bin/ikrar.js, and run: every one exits 0.
 * bin/ikrar.js imports dist/ (build first).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');
const base = mkdtempSync(path.join(os.tmpdir(), 'ikrar perintah '));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Splits a command line as sh (and cmd/PowerShell for these) do: spaces separate, "…" groups. */
// biome-ignore lint/suspicious/noExportsInTest: the installed-package test splits the printed commands the same way
export function shellSplit(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '\\' && line[i + 1] === '"') cur += line[++i];
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') {
      quoted = true;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      expect("'$`&|;<>()".includes(c), `unquoted ${c} in: ${line}`).toBe(false);
      cur += c;
      inWord = true;
    }
  }
  expect(quoted, `unclosed quote in: ${line}`).toBe(false);
  if (inWord) out.push(cur);
  return out;
}

function ikrar(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C' };
  delete env.LC_ALL;
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
}

/** The lines after "Next …" that init printed, each split into words. */
function nextCommands(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const at = lines.findIndex((l) => /^(Next|Berikutnya|Selanjutnya)/.test(l));
  expect(at, stdout).toBeGreaterThan(0);
  return lines
    .slice(at + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => shellSplit(l.trim()));
}

/** Runs the lines as a clerk would in one terminal: `cd` changes folder, `npx ikrar` runs ikrar. */
function runAll(commands: string[][], cwd: string): void {
  for (const words of commands) {
    if (words[0] === 'cd') {
      expect(words.length, words.join(' ')).toBe(2);
      cwd = path.resolve(cwd, words[1]!);
      continue;
    }
    expect(words.slice(0, 2), words.join(' ')).toEqual(['npx', 'ikrar']);
    const r = ikrar(words.slice(2), cwd);
    expect(r.status, `${words.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  }
}

describe('the commands ikrar init prints', () => {
  it('into a folder whose path has a space: every printed command runs as typed', () => {
    const r = ikrar(['init', '--contoh', 'Apel Ikrar 2024'], base);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const commands = nextCommands(r.stdout);
    expect(commands[0]).toEqual(['cd', 'Apel Ikrar 2024']);
    expect(commands.slice(1).map((w) => w[2])).toEqual(['check', 'render', 'tally']);
    runAll(commands, base);
    // BACA-SAYA.txt gives the same commands, and its help line works too.
    const readme = readFileSync(path.join(base, 'Apel Ikrar 2024', 'BACA-SAYA.txt'), 'utf8');
    for (const c of commands.slice(1)) expect(readme).toContain(c.join(' '));
    expect(readme).not.toMatch(/(^|[^x] )ikrar (check|render|tally|init)\b/m);
  }, 300_000);

  it('a SIASN export whose name has a space is quoted in the check command', () => {
    const dir = path.join(base, 'dari siasn');
    const exportFile = path.join(base, 'Export Data ASN.csv');
    copyFileSync(path.join(root, 'examples/siasn-export.csv'), exportFile);
    const r = ikrar(['init', dir, '--from-siasn', exportFile], base);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const check = nextCommands(r.stdout).find((w) => w[2] === 'check')!;
    expect(check).toBeDefined();
    expect(
      check.some((w) => w.endsWith('Export Data ASN.csv')),
      check.join(' '),
    ).toBe(true);
    runAll([['cd', dir], check], base);
  }, 120_000);
});
