import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonObjectStream } from '../../src/render/manifest-stream.js';
import { renderInputs, type Inputs } from '../../src/render/render.js';
import { makeEvent, makePeople } from './fixture.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ikrar-mstream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes `obj` field by field (arrays item by item) and returns the file's text. */
async function streamed(obj: Record<string, unknown>, file: string): Promise<string> {
  const s = new JsonObjectStream(file);
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) {
      s.beginArray(k);
      for (const x of v) await s.item(x);
      s.endArray();
    } else await s.field(k, v);
  }
  await s.end();
  return readFileSync(file, 'utf8');
}

describe('manifest.json written as it is produced', () => {
  it('gives the bytes of JSON.stringify(value, null, 2) + "\\n"', async () => {
    const cases: Record<string, unknown>[] = [
      {},
      { a: 1 },
      { a: [], b: {}, c: 'x\ny "q" \u2028', d: null, e: undefined, f: [1, [2, [3]], { g: undefined, h: [] }] },
      { people: [{ key: 'K1', nip: null, name: 'A, S.Pd.' }], pages: [], tail: { x: [[1, 2]] } },
      {
        pages: Array.from({ length: 3000 }, (_, i) => ({
          serial: i,
          boxes: [{ rect: [i / 3, 1, 2, 3], label: i % 2 ? undefined : [0, 0, 1, 1] }],
        })),
      },
    ];
    for (const [i, c] of cases.entries()) {
      expect(await streamed(c, path.join(tmp, `case-${i}.json`))).toBe(JSON.stringify(c, null, 2) + '\n');
    }
  });

  it('writes the manifest the render returns, the same with or without keeping it', async () => {
    const inputs: Inputs = { event: makeEvent(), people: makePeople(), rosterHash: 'b'.repeat(64), warnings: [] };
    const full = await renderInputs(inputs, { out: path.join(tmp, 'full') });
    const text = readFileSync(path.join(tmp, 'full', 'manifest.json'), 'utf8');
    expect(text).toBe(JSON.stringify(full.manifest, null, 2) + '\n');
    const lean = await renderInputs(inputs, { out: path.join(tmp, 'lean'), keepManifest: false });
    expect('manifest' in lean).toBe(false);
    expect(readFileSync(path.join(tmp, 'lean', 'manifest.json'), 'utf8')).toBe(text);
    const m = full.manifest;
    expect(lean.summary).toEqual({
      event: m.event,
      paper: m.paper,
      people: m.people.length,
      manifestPages: m.pages.length,
      sheets: {
        pages: m.pages.filter((p) => p.document === 'sheets').length,
        units: new Set(m.pages.filter((p) => p.document === 'sheets').map((p) => p.unit)).size,
      },
      pakta: {
        pages: m.pages.filter((p) => p.document === 'pakta').length,
        signers: new Set(m.pages.filter((p) => p.document === 'pakta').map((p) => p.boxes[0]!.key)).size,
      },
      deklarasi: { pages: 0, signers: 0 },
    });
  });
});
