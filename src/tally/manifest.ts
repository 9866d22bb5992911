/**
 * Reading manifest.json (written by `ikrar render`) back for the tally. Everything the tally relies
 * on is checked; a missing file or something that is not a manifest is an IkrarError (exit 2) that
 * tells the clerk to run `ikrar render` first or to pass OUT/manifest.json.
 */
import { SIGNED_DOCUMENTS } from '../model/documents.js';
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { finiteNumber, manifestBoxSchema, rectSchema, type Manifest, type ManifestPage } from '../model/manifest.js';
import { qrSymbolSquare } from '../model/pagecode.js';
import { qrMatrix } from '../model/qrcode.js';
import { IkrarError, type Problem } from '../model/problems.js';
import { parseIsoDate } from '../util/dates.js';

const HINT =
  'run `npx ikrar render` first, then pass the manifest.json it wrote into its output folder, e.g. --manifest out/manifest.json';

const num = finiteNumber;

/**
 * A manifest of 100,000 people is 73 MB (BENCH.md); 256 MB is room for 350,000. Anything larger is
 * not one ikrar wrote, and parsing it would take gigabytes: refused before it is read.
 */
export const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/** A calendar date written YYYY-MM-DD (2024-02-30 is not one). */
const isoDate = z.string().refine((s) => parseIsoDate(s) !== null, {
  error: (i) => `${JSON.stringify(i.input)} is not a calendar date written YYYY-MM-DD`,
});
/** A clock time as render writes it, "07.30". */
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3])\.[0-5]\d$/, { error: (i) => `${JSON.stringify(i.input)} is not a time written HH.MM` });
const rect = rectSchema;

const pageCommon = {
  code: z.string().min(1),
  serial: z.number().int().positive(),
  document: z.enum(SIGNED_DOCUMENTS),
  file: z.string(),
  page: z.number().int().positive(),
  unit: z.string(),
  size: z.tuple([num, num]),
  markSize: num,
  boxes: z.array(manifestBoxSchema),
};

/** Version 2: six marks, the page code twice (src/model/pagecode.ts). */
const pageSchema = z.object({
  ...pageCommon,
  marks: z
    .array(z.tuple([num, num]))
    .min(3)
    .max(12),
  qrs: z
    .array(z.object({ square: rect, symbol: rect }))
    .min(1)
    .max(4),
});

/** Version 1 (renders before the return-leg furniture): four corner marks, one QR square. */
const pageSchemaV1 = z.object({
  ...pageCommon,
  marks: z.array(z.tuple([num, num])).length(4),
  qr: rect,
});

const personSchema = z.object({
  key: z.string().min(1),
  nip: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  position: z.string(),
  kind: z.string(),
});

const officialSchema = z.object({
  name: z.string(),
  position: z.string(),
  prefix: z.string().nullable(),
  rank: z.string().nullable(),
  nip: z.string().nullable(),
  regionalHead: z.boolean(),
});

/** Optional: written by render since the berita acara (older manifests have none). */
const eventDetailsSchema = z.object({
  government: z.object({
    name: z.string(),
    region: z.string(),
    kind: z.enum(['kabupaten', 'kota', 'provinsi']),
    logo: z.string().nullable(),
  }),
  office: z.object({ name: z.string(), addressLines: z.array(z.string()) }),
  election: z.object({ label: z.string(), year: z.number().int() }),
  ceremony: z.object({
    date: isoDate,
    time: clock,
    until: z.union([z.literal('selesai'), clock], {
      error: (i) => `${JSON.stringify(i.input)} is not "selesai" or a time written HH.MM`,
    }),
    timeZone: z.enum(['WIB', 'WITA', 'WIT']),
    place: z.string(),
    city: z.string(),
  }),
  pledge: z.object({ institution: z.string() }),
  reader: officialSchema,
  witnesses: z.array(officialSchema),
  beritaAcara: z.object({
    number: z.string().nullable(),
    signer: officialSchema.nullable(),
    witness: officialSchema.nullable(),
    witnessLabel: z.string().nullable(),
  }),
  font: z.enum(['sans', 'serif']),
  extra: z.record(z.string(), z.unknown()),
});

const manifestFields = {
  format: z.literal('ikrar-manifest'),
  generator: z.string(),
  event: z.object({
    code: z.string(),
    title: z.string(),
    label: z.string(),
    date: z.string(),
    region: z.string(),
    government: z.string(),
    file: z.string(),
  }),
  rosterHash: z.string(),
  paper: z.string(),
  people: z.array(personSchema),
  signers: z.array(personSchema).optional(),
  eventDetails: eventDetailsSchema.optional(),
};
const manifestSchema = z.object({ ...manifestFields, version: z.literal(2), pages: z.array(pageSchema) });
const manifestSchemaV1 = z.object({ ...manifestFields, version: z.literal(1), pages: z.array(pageSchemaV1) });

/** A version-1 page in the version-2 shape: its one QR square, and the symbol square inside it. */
function upgradePageV1(p: z.infer<typeof pageSchemaV1>): ManifestPage {
  const { qr, ...rest } = p;
  const modules = qrMatrix(p.code).size;
  const [sx, sy, side] = qrSymbolSquare([qr[0], qr[1], qr[2]], modules);
  return { ...rest, qrs: [{ square: qr, symbol: [sx, sy, side, side] }] };
}

/** `key`/`params`: the headline in the interface language (src/i18n: error.manifest-<key>). */
function fail(
  file: string,
  message: string,
  problems: Problem[] = [],
  key?: string,
  params: Record<string, string> = {},
): never {
  throw new IkrarError(
    `${file}: ${message} (${HINT})`,
    problems,
    2,
    key ? { key: `manifest-${key}`, params: { file, ...params } } : undefined,
  );
}

/** Validates already-parsed JSON as a manifest; `file` names it in messages. */
export function parseManifest(data: unknown, file: string): Manifest {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    fail(file, 'is not an ikrar manifest (expected a JSON object)', [], 'not-manifest');
  const fmt = (data as Record<string, unknown>).format;
  if (fmt !== 'ikrar-manifest')
    fail(file, 'is not an ikrar manifest (no "format": "ikrar-manifest" in it)', [], 'not-manifest');
  const version = (data as Record<string, unknown>).version;
  if (version !== 1 && version !== 2) {
    throw new IkrarError(
      `${file}: manifest version ${JSON.stringify(version)} is not supported by this ikrar (expected 1 or 2) (update ikrar, or render the documents again with this version of ikrar)`,
      [],
      2,
    );
  }
  const parsed = version === 1 ? manifestSchemaV1.safeParse(data) : manifestSchema.safeParse(data);
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.slice(0, 20).map((i) => ({
      severity: 'error',
      code: 'manifest-shape',
      file,
      field: i.path.map(String).join('.') || undefined,
      message: i.message,
    }));
    fail(file, 'is damaged: it does not have the shape of an ikrar manifest', problems, 'damaged');
  }
  const m: Manifest =
    parsed.data.version === 1
      ? { ...parsed.data, pages: parsed.data.pages.map(upgradePageV1) }
      : (parsed.data as Manifest);
  // Cross-checks the tally depends on: unique keys and codes, every box belongs to a known person.
  const problems: Problem[] = [];
  const keys = new Set<string>();
  for (const p of m.people) {
    if (keys.has(p.key))
      problems.push({
        severity: 'error',
        code: 'manifest-duplicate-key',
        file,
        field: 'people',
        message: `person key ${p.key} appears twice`,
      });
    keys.add(p.key);
  }
  // Deklarasi signers listed in the event file (not in the roster).
  for (const p of m.signers ?? []) {
    if (keys.has(p.key))
      problems.push({
        severity: 'error',
        code: 'manifest-duplicate-key',
        file,
        field: 'signers',
        message: `person key ${p.key} appears twice`,
      });
    keys.add(p.key);
  }
  const codes = new Set<string>();
  m.pages.forEach((pg, i) => {
    if (codes.has(pg.code))
      problems.push({
        severity: 'error',
        code: 'manifest-duplicate-code',
        file,
        field: `pages.${i}.code`,
        message: `page code ${pg.code} appears twice`,
      });
    codes.add(pg.code);
    for (const b of pg.boxes) {
      if (!keys.has(b.key))
        problems.push({
          severity: 'error',
          code: 'manifest-unknown-key',
          file,
          field: `pages.${i}.boxes`,
          message: `box for unknown person key ${b.key}`,
        });
    }
  });
  if (problems.length) fail(file, 'is damaged: its pages do not match its people', problems.slice(0, 20), 'damaged');
  return m;
}

export async function loadManifest(file: string): Promise<Manifest> {
  let text: string;
  // Reading a FIFO (or a device) would wait for ever.
  const st = await stat(file).catch(() => undefined);
  if (st && !st.isFile() && !st.isDirectory())
    fail(file, 'is not a regular file (a pipe, device or socket)', [], 'special');
  try {
    const st = await stat(file);
    const size = st.size;
    if (!st.isFile() && !st.isDirectory())
      fail(file, 'cannot read the manifest (not a regular file)', [], 'unreadable', { reason: 'not a regular file' });
    if (size > MAX_MANIFEST_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(0);
      fail(
        file,
        `is ${mb} MB, larger than any manifest ikrar writes (at most ${MAX_MANIFEST_BYTES / 1024 / 1024} MB)`,
        [],
        'too-big',
        { mb, max: String(MAX_MANIFEST_BYTES / 1024 / 1024) },
      );
    }
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof IkrarError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') fail(file, 'manifest not found', [], 'not-found');
    if (code === 'EISDIR') fail(file, 'is a folder, not a manifest file', [], 'folder');
    fail(file, `cannot read the manifest (${code ?? (e as Error).message})`, [], 'unreadable', {
      reason: code ?? (e as Error).message,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail(file, `is not an ikrar manifest (not valid JSON: ${(e as Error).message})`, [], 'not-json', {
      reason: (e as Error).message,
    });
  }
  return parseManifest(data, file);
}
