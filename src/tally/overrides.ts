/**
 * The overrides CSV: review/overrides.csv (written by the tally, columns
 * key;nip;name;unit;dokumen;status;keputusan) with the clerk's decision in `keputusan`.
 * Rows with an empty decision are skipped. Every other problem is an error: a decision the clerk
 * typed must never be dropped silently.
 */
import type { Manifest } from '../model/manifest.js';
import { ProblemList, type Problem } from '../model/problems.js';
import { DECISION_HINT, parseCsvText, parseDecision, readCsvFile, normHeader, type CsvTable } from './csv.js';
import { findColumn } from './marks.js';
import { findPerson, indexPeople } from './people.js';
import type { SignedDocument } from '../model/documents.js';
import type { Override } from '../model/tally.js';
import { headersFound } from '../util/listing.js';

const KEY_HEADERS = ['key', 'kunci', 'id'];
const NIP_HEADERS = ['nip', 'nipbaru'];
const DECISION_HEADERS = ['keputusan', 'decision', 'override'];
const DOCUMENT_HEADERS = ['dokumen', 'document', 'jenis'];

export function parseDocument(raw: string): SignedDocument | null {
  const s = normHeader(raw);
  if (s === '' || s === 'sheets' || s === 'sheet' || s === 'lembarttd' || s === 'lembar' || s === 'daftarhadir')
    return 'sheets';
  if (s === 'pakta' || s === 'paktaintegritas') return 'pakta';
  if (s === 'deklarasi' || s === 'deklarasibersama') return 'deklarasi';
  return null;
}

export function overridesFromTable(
  table: CsvTable,
  file: string,
  manifest: Manifest,
): { overrides: Override[]; problems: Problem[] } {
  const problems = new ProblemList();
  const [header, ...rows] = table.rows;
  if (!header) return { overrides: [], problems: problems.items };
  const keyCol = findColumn(header.cells, KEY_HEADERS);
  const nipCol = findColumn(header.cells, NIP_HEADERS);
  const decCol = findColumn(header.cells, DECISION_HEADERS);
  const docCol = findColumn(header.cells, DOCUMENT_HEADERS);
  if ((keyCol < 0 && nipCol < 0) || decCol < 0) {
    const missing = [keyCol < 0 && nipCol < 0 ? 'key (or NIP)' : '', decCol < 0 ? 'keputusan' : '']
      .filter(Boolean)
      .join(' and ');
    problems.add({
      severity: 'error',
      code: 'overrides-missing-column',
      file,
      line: header.line,
      message: `no ${missing} column; headers found: ${headersFound(header.cells).text}`,
      hint: 'use the overrides.csv written into rekap/review/ and fill in the keputusan column',
      params: {
        headers: headersFound(header.cells).textId,
        _m: keyCol < 0 && nipCol < 0 ? (decCol < 0 ? 'both' : 'key') : 'decision',
      },
    });
    return { overrides: [], problems: problems.items };
  }
  const index = indexPeople(manifest);
  const paktaKeys = new Set(
    manifest.pages.filter((pg) => pg.document === 'pakta').flatMap((pg) => pg.boxes.map((b) => b.key)),
  );
  const seen = new Map<string, Override>();
  const overrides: Override[] = [];
  for (const row of rows) {
    const rawDecision = row.cells[decCol] ?? '';
    const decision = parseDecision(rawDecision);
    if (decision === '') continue;
    const err = (code: string, message: string, field?: string, hint?: string) =>
      problems.add({ severity: 'error', code, file, line: row.line, field, message, hint });
    if (decision === null) {
      err('overrides-bad-decision', `decision '${rawDecision}' is not understood`, header.cells[decCol], DECISION_HINT);
      continue;
    }
    const document = docCol >= 0 ? parseDocument(row.cells[docCol] ?? '') : 'sheets';
    if (document === null) {
      err(
        'overrides-bad-document',
        `document '${row.cells[docCol]}' is not understood`,
        header.cells[docCol],
        'write lembar-ttd or pakta',
      );
      continue;
    }
    const found = findPerson(
      index,
      keyCol >= 0 ? (row.cells[keyCol] ?? '') : '',
      nipCol >= 0 ? (row.cells[nipCol] ?? '') : '',
    );
    if (found === null) {
      err('overrides-no-person', 'no key or NIP on this line');
      continue;
    }
    if ('error' in found) {
      err('overrides-unknown-person', found.error, undefined, 'is this overrides file from another event?');
      continue;
    }
    if (document === 'pakta' && !paktaKeys.has(found.person.key)) {
      err(
        'overrides-no-pakta',
        `${found.person.name} has no pakta integritas page in the manifest`,
        header.cells[docCol],
      );
      continue;
    }
    const o: Override = { key: found.person.key, document, status: decision, source: `${file}:${row.line}` };
    const id = `${document}\u0000${o.key}`;
    const prev = seen.get(id);
    if (prev) {
      if (prev.status !== o.status)
        err(
          'overrides-conflict',
          `${found.person.name} is decided ${o.status} here but ${prev.status} on line ${prev.source.slice(file.length + 1)}`,
          undefined,
          'keep one decision per person',
        );
      continue;
    }
    seen.set(id, o);
    overrides.push(o);
  }
  return { overrides, problems: problems.items };
}

export function parseOverrides(
  text: string,
  file: string,
  manifest: Manifest,
): { overrides: Override[]; problems: Problem[] } {
  const { table, problems } = parseCsvText(text.replace(/^\uFEFF/, ''), file);
  if (!table) return { overrides: [], problems };
  return overridesFromTable(table, file, manifest);
}

export async function readOverrides(
  file: string,
  manifest: Manifest,
): Promise<{ overrides: Override[]; problems: Problem[] }> {
  const { table, problems } = await readCsvFile(file);
  if (!table) return { overrides: [], problems };
  return overridesFromTable(table, file, manifest);
}
