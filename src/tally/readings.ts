/**
 * review/readings.json: what the tally read from the scans, kept so `npx ikrar review` can recompute the
 * recap after each decision without reading the scans again. Binary parts (box and row crops, the
 * downscaled scan for the proof page) are PNG/JPEG files beside it in review/img/.
 *
 * The file is a contract between `npx ikrar tally` and `npx ikrar review` of the same or a later ikrar:
 * `format` and `version` first; a reader refuses a version it does not know.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { IkrarError, type Problem } from '../model/problems.js';
import type { BoxReading, PageReading } from '../scan/types.js';
import type { OutputFile } from '../report/review.js';
import type { Mark } from '../model/tally.js';

export const READINGS_FILE = 'review/readings.json';
export const READINGS_VERSION = 1;
const IMG_DIR = 'review/img';

/** A file as the user named it, and where that was (absolute) when the tally ran. */
export interface NamedFile {
  path: string;
  resolved: string;
}

export interface ReadingsOrigin {
  manifest: NamedFile & { sha256: string };
  event: NamedFile | null;
  templates: NamedFile | null;
}

export function namedFile(p: string): NamedFile {
  return { path: p, resolved: path.resolve(p) };
}

export async function manifestOrigin(p: string): Promise<ReadingsOrigin['manifest']> {
  return { ...namedFile(p), sha256: sha256(await readFile(p)) };
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const num = z.number().finite();
const named = z.object({ path: z.string(), resolved: z.string() });
const imageRef = z.string().regex(/^review\/img\/[A-Za-z0-9_.-]+\.(png|jpg)$/);
const boxSchema = z.object({
  key: z.string(),
  number: num,
  side: z.enum(['left', 'right', 'pakta']),
  decision: z.enum(['signed', 'unsigned', 'uncertain', 'outside']),
  score: num,
  quad: z
    .array(z.tuple([num, num]))
    .length(4)
    .optional(),
  crop: imageRef.optional(),
  rowCrop: imageRef.optional(),
});
const pageSchema = z.object({
  source: z.object({ file: z.string(), page: num }),
  status: z.enum(['identified', 'unidentified', 'foreign', 'blank']),
  code: z.string().optional(),
  serial: num.optional(),
  rotation: num.optional(),
  note: z.string().optional(),
  boxes: z.array(boxSchema),
  proof: z.object({ image: imageRef, width: num, height: num, scale: num }).optional(),
});
const fileSchema = z.object({
  format: z.literal('ikrar-readings'),
  version: z.literal(READINGS_VERSION),
  manifest: named.extend({ sha256: z.string() }),
  event: named.nullable(),
  templates: named.nullable(),
  marks: z.array(z.object({ key: z.string(), status: z.enum(['signed', 'unsigned']), source: z.string() })),
  pages: z.array(pageSchema),
});
type SavedFile = z.infer<typeof fileSchema>;
type SavedBox = z.infer<typeof boxSchema>;

const pageTag = (i: number) => `p${String(i + 1).padStart(4, '0')}`;
/** review/img/ name of the j-th box's crop ('kotak') or row crop ('baris') on the i-th reading. */
export const boxImageRef = (i: number, j: number, kind: 'kotak' | 'baris') =>
  `${IMG_DIR}/${pageTag(i)}-${String(j + 1).padStart(3, '0')}-${kind}.png`;

/** review/readings.json and its images. */
export function readingsFiles(readings: PageReading[], marks: Mark[], origin: ReadingsOrigin): OutputFile[] {
  const files: OutputFile[] = [];
  const pages = readings.map((r, i) => {
    const tag = pageTag(i);
    const boxes = r.boxes.map((b, j) => {
      const saved: SavedBox = { key: b.key, number: b.number, side: b.side, decision: b.decision, score: b.score };
      if (b.quad) saved.quad = b.quad;
      const img = (kind: 'kotak' | 'baris', data: Uint8Array | undefined) => {
        if (!data) return undefined;
        const p = boxImageRef(i, j, kind);
        files.push({ path: p, data });
        return p;
      };
      const crop = img('kotak', b.crop);
      const rowCrop = img('baris', b.rowCrop);
      if (crop) saved.crop = crop;
      if (rowCrop) saved.rowCrop = rowCrop;
      return saved;
    });
    const page: SavedFile['pages'][number] = { source: { ...r.source }, status: r.status, boxes };
    if (r.code !== undefined) page.code = r.code;
    if (r.serial !== undefined) page.serial = r.serial;
    if (r.rotation !== undefined) page.rotation = r.rotation;
    if (r.note !== undefined) page.note = r.note;
    if (r.proof) {
      const p = `${IMG_DIR}/${tag}.jpg`;
      files.push({ path: p, data: r.proof.image });
      page.proof = { image: p, width: r.proof.width, height: r.proof.height, scale: r.proof.scale };
    }
    return page;
  });
  const data: SavedFile = {
    format: 'ikrar-readings',
    version: READINGS_VERSION,
    manifest: origin.manifest,
    event: origin.event,
    templates: origin.templates,
    marks,
    pages,
  };
  files.push({ path: READINGS_FILE, data: JSON.stringify(data) + '\n' });
  return files;
}

export interface SavedReadings {
  origin: ReadingsOrigin;
  marks: Mark[];
  readings: PageReading[];
}

/** Why a rekap folder cannot be reviewed (problem code `review-readings`, one variant per reason). */
export function readingsError(
  file: string,
  variant: string,
  message: string,
  hint: string,
  params: Record<string, string> = {},
): IkrarError {
  const p: Problem = {
    severity: 'error',
    code: 'review-readings',
    file,
    message,
    hint,
    params: { _m: variant, _h: variant, ...params },
  };
  return new IkrarError(`${file}: ${message}`, [p], 2, { key: `review-readings.${variant}`, params: { file } });
}

function fail(...args: Parameters<typeof readingsError>): never {
  throw readingsError(...args);
}

const RETALLY = 'run `npx ikrar tally` again (this ikrar saves what it read for review), then `npx ikrar review`';

/** Reads review/readings.json of a rekap folder back, with its images. */
export async function loadReadings(rekapDir: string): Promise<SavedReadings> {
  const file = path.join(rekapDir, ...READINGS_FILE.split('/'));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      fail(
        file,
        'missing',
        'not found: this folder was not written by `npx ikrar tally`, or by an older ikrar',
        RETALLY,
      );
    fail(file, 'unreadable', `cannot be read (${code ?? (e as Error).message})`, RETALLY, {
      reason: code ?? (e as Error).message,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    fail(file, 'damaged', 'is damaged (not valid JSON)', RETALLY);
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > READINGS_VERSION) {
    fail(
      file,
      'newer',
      `was written by a newer ikrar (readings version ${version}; this one reads ${READINGS_VERSION})`,
      'update ikrar, or run `npx ikrar tally` again with this one',
      { version: String(version) },
    );
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) fail(file, 'damaged', 'is damaged: it does not have the shape of saved readings', RETALLY);
  const saved = parsed.data;
  const images = new Map<string, Uint8Array>();
  const load = async (ref: string | undefined): Promise<Uint8Array | undefined> => {
    if (ref === undefined) return undefined;
    let data = images.get(ref);
    if (!data) {
      try {
        data = new Uint8Array(await readFile(path.join(rekapDir, ...ref.split('/'))));
      } catch {
        fail(path.join(rekapDir, ...ref.split('/')), 'image', 'an image of the saved readings is missing', RETALLY);
      }
      images.set(ref, data);
    }
    return data;
  };
  const readings: PageReading[] = [];
  for (const p of saved.pages) {
    const boxes: BoxReading[] = [];
    for (const b of p.boxes) {
      const box: BoxReading = { key: b.key, number: b.number, side: b.side, decision: b.decision, score: b.score };
      if (b.quad) box.quad = b.quad;
      const crop = await load(b.crop);
      const rowCrop = await load(b.rowCrop);
      if (crop) box.crop = crop;
      if (rowCrop) box.rowCrop = rowCrop;
      boxes.push(box);
    }
    const r: PageReading = { source: { ...p.source }, status: p.status, boxes };
    if (p.code !== undefined) r.code = p.code;
    if (p.serial !== undefined) r.serial = p.serial;
    if (p.rotation !== undefined) r.rotation = p.rotation;
    if (p.note !== undefined) r.note = p.note;
    if (p.proof)
      r.proof = {
        image: (await load(p.proof.image))!,
        width: p.proof.width,
        height: p.proof.height,
        scale: p.proof.scale,
      };
    readings.push(r);
  }
  return {
    origin: { manifest: saved.manifest, event: saved.event, templates: saved.templates },
    marks: saved.marks,
    readings,
  };
}
