import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/ikrar.js');

function run(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
}

describe('ikrar CLI shell', () => {
  it('prints help and lists the commands', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: ikrar');
    for (const c of ['check', 'render', 'tally']) expect(r.stdout).toContain(c);
  });

  it('refuses a Node.js older than 20.19 with a clear message in the chosen language, exit 2', () => {
    const old = (args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, [bin, ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', IKRAR_PRETEND_NODE_VERSION: '20.11.1', ...env },
      });
    const en = old(['check', '--roster', 'x.csv'], { LANG: 'en_US.UTF-8', LC_ALL: '' });
    expect(en.status).toBe(2);
    expect(en.stderr).toBe(
      'this ikrar needs Node.js 20.19 or newer; you have 20.11.1. Install the current Node.js LTS (nodejs.org), then run it again.\n',
    );
    const id = old(['tally', '--lang', 'id'], { LANG: 'en_US.UTF-8', LC_ALL: '' });
    expect(id.status).toBe(2);
    expect(id.stderr).toMatch(/^ikrar ini memerlukan Node\.js 20\.19 atau yang lebih baru; yang terpasang 20\.11\.1\./);
    expect(old(['--help'], { LANG: 'id_ID.UTF-8', LC_ALL: '' }).stderr).toMatch(/memerlukan Node\.js 20\.19/);
    expect(old(['--help'], { IKRAR_PRETEND_NODE_VERSION: '20.19.0' }).status).toBe(0);
  });

  it('prints its version', () => {
    const out = execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown command, without a stack trace', () => {
    const r = run(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
