/**
 * Hostile templates (issue #14) through `ikrar render --templates DIR` as real processes: a partial
 * that includes itself, a prototype walk, a 100 MB template, and a template slot that is a FIFO or a
 * folder. Each is refused with exit 2 naming the template (and its line where there is one), no
 * stack trace, nothing written, bounded time and memory.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNothingWritten, expectRefused, root, runIkrar, tempDir } from './run.js';

const tmp = tempDir('tpl');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const examples = path.join(root, 'examples');
copyFileSync(path.join(examples, 'logo.png'), path.join(tmp, 'logo.png'));
copyFileSync(path.join(examples, 'event.yaml'), path.join(tmp, 'event.yaml'));
const rosterLines = readFileSync(path.join(examples, 'roster.csv'), 'utf8').split(/\r?\n/);
writeFileSync(path.join(tmp, 'roster.csv'), rosterLines.slice(0, 12).join('\r\n') + '\r\n');
const builtinSheet = readFileSync(path.join(root, 'templates', 'lembar-ttd.hbs'), 'utf8');

/** A templates folder `name` with the given files (strings; a Buffer-producing function for big ones). */
function templates(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return name;
}

function render(dir: string) {
  const before = readdirSync(tmp);
  const r = runIkrar(tmp, [
    'render',
    '--roster',
    'roster.csv',
    '--event',
    'event.yaml',
    '--templates',
    dir,
    '--out',
    `out-${dir}`,
    '--only',
    'sheets',
  ]);
  expectNothingWritten(tmp, before);
  return r;
}

describe('hostile templates: render refuses, naming the template and line', () => {
  it('a partial that includes itself', () => {
    const dir = templates('rekursif', {
      '_ulang.hbs': 'baris\n{{> ulang}}\n',
      'lembar-ttd.hbs': builtinSheet.replace('{{> pejabat officer}}', '{{> ulang}}'),
    });
    expectRefused(render(dir), /rekursif[\\/]_ulang\.hbs:2/, /itself|nested|deep/i);
  });

  it('two partials that include each other', () => {
    const dir = templates('silang', {
      '_a.hbs': '{{> b}}',
      '_b.hbs': 'x\n{{> a}}',
      'lembar-ttd.hbs': builtinSheet.replace('{{> pejabat officer}}', '{{> a}}'),
    });
    expectRefused(render(dir), /silang[\\/]_[ab]\.hbs:\d/, /itself|nested|deep/i);
  });

  it('{{event.__proto__.constructor.name}}', () => {
    const dir = templates('proto', {
      'lembar-ttd.hbs': builtinSheet.replace(
        '{{> pejabat officer}}',
        '{{> pejabat officer}}\n{{event.__proto__.constructor.name}}',
      ),
    });
    const line = builtinSheet.split('\n').findIndex((l) => l.includes('{{> pejabat officer}}')) + 2;
    expectRefused(render(dir), new RegExp(`proto[\\\\/]lembar-ttd\\.hbs:${line}`), /__proto__/);
  });

  it('a 100 MB template', () => {
    const dir = templates('besar', {});
    writeFileSync(path.join(tmp, dir, 'lembar-ttd.hbs'), Buffer.alloc(100 * 1024 * 1024, 'a'));
    expectRefused(render(dir), /besar[\\/]lembar-ttd\.hbs/, /MB|too (big|large)/i);
  });

  it("a template of 1 MB of {{…}} expressions (minutes in Handlebars' parser)", () => {
    const dir = templates('banyak', { 'lembar-ttd.hbs': '{{a}}\n'.repeat(150_000) });
    const r = render(dir);
    expectRefused(r, /banyak[\\/]lembar-ttd\.hbs:2001/, /2000/);
    expect(r.seconds).toBeLessThan(30);
  });

  it('blocks nested 20,000 deep', () => {
    const dir = templates('dalam', {
      'lembar-ttd.hbs': 'judul\n' + '{{#if a}}'.repeat(20_000) + 'x' + '{{/if}}'.repeat(20_000),
    });
    const r = render(dir);
    expectRefused(r, /dalam[\\/]lembar-ttd\.hbs:2/, /nested/);
    expect(r.seconds).toBeLessThan(30);
  });

  it('a template slot that is a folder', () => {
    const dir = templates('folder', {});
    mkdirSync(path.join(tmp, dir, 'lembar-ttd.hbs'));
    expectRefused(render(dir), /folder[\\/]lembar-ttd\.hbs/, /not a (regular )?file|folder/i);
  });

  it.skipIf(process.platform === 'win32')('a template slot that is a FIFO', () => {
    const dir = templates('fifo', {});
    execFileSync('mkfifo', [path.join(tmp, dir, 'lembar-ttd.hbs')]);
    expectRefused(render(dir), /fifo[\\/]lembar-ttd\.hbs/, /not a (regular )?file/i);
  });
});
