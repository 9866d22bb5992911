/**
 * The marks CSV: a signing sheet typed in by hand, key or NIP → signed/unsigned. Headers such as
 * `NIP;STATUS` or `key,status`; values signed/unsigned, ya/tidak, 1/0, sudah/belum, TTD.
 * Bad rows become problems with file:line (errors); a person the manifest does not know is a warning
 * (there is nobody to apply it to, and skipping it can never claim a signature).
 */
import type { Manifest } from '../model/manifest.js';
import { ProblemList, type Problem } from '../model/problems.js';
import { DECISION_HINT, normHeader, parseCsvText, parseDecision, readCsvFile, type CsvTable } from './csv.js';
import { findPerson, indexPeople } from './people.js';
import type { Mark } from '../model/tally.js';
import { headersFound } from '../util/listing.js';

const KEY_HEADERS = ['key', 'kunci', 'id'];
const NIP_HEADERS = ['nip', 'nipbaru', 'nomorindukpegawai'];
const STATUS_HEADERS = [
  'status',
  'ttd',
  'tandatangan',
  'keputusan',
  'sudahttd',
  'signed',
  'hasil',
  'decision',
  'keterangan',
];

export function findColumn(headers: string[], names: string[]): number {
  const norm = headers.map(normHeader);
  for (const n of names) {
    const i = norm.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

export function marksFromTable(
  table: CsvTable,
  file: string,
  manifest: Manifest,
): { marks: Mark[]; problems: Problem[] } {
  const problems = new ProblemList();
  const rows = table.rows.slice(1);
  const header = table.rows[0];
  if (!header) {
    problems.add({
      severity: 'error',
      code: 'marks-empty',
      file,
      message: 'the marks file is empty',
      hint: 'put a header line such as NIP;STATUS and one line per person',
    });
    return { marks: [], problems: problems.items };
  }
  const keyCol = findColumn(header.cells, KEY_HEADERS);
  const nipCol = findColumn(header.cells, NIP_HEADERS);
  const statusCol = findColumn(header.cells, STATUS_HEADERS);
  if ((keyCol < 0 && nipCol < 0) || statusCol < 0) {
    const missing = [keyCol < 0 && nipCol < 0 ? 'NIP (or KEY)' : '', statusCol < 0 ? 'STATUS' : '']
      .filter(Boolean)
      .join(' and ');
    problems.add({
      severity: 'error',
      code: 'marks-missing-column',
      file,
      line: header.line,
      message: `no ${missing} column; headers found: ${headersFound(header.cells).text}`,
      hint: 'the first line must name the columns, e.g. NIP;STATUS or key,status',
      params: {
        headers: headersFound(header.cells).textId,
        _m: keyCol < 0 && nipCol < 0 ? (statusCol < 0 ? 'both' : 'key') : 'status',
      },
    });
    return { marks: [], problems: problems.items };
  }
  const index = indexPeople(manifest);
  const seen = new Map<string, Mark>();
  const marks: Mark[] = [];
  for (const row of rows) {
    const key = keyCol >= 0 ? (row.cells[keyCol] ?? '') : '';
    const nip = nipCol >= 0 ? (row.cells[nipCol] ?? '') : '';
    const rawStatus = row.cells[statusCol] ?? '';
    const found = findPerson(index, key, nip);
    if (found === null) {
      problems.add({
        severity: 'error',
        code: 'marks-no-person',
        file,
        line: row.line,
        field: nipCol >= 0 ? header.cells[nipCol] : header.cells[keyCol],
        message: 'no NIP or key on this line',
      });
      continue;
    }
    const decision = parseDecision(rawStatus);
    if (decision === null || decision === '') {
      problems.add({
        severity: 'error',
        code: 'marks-bad-status',
        file,
        line: row.line,
        field: header.cells[statusCol],
        message: decision === '' ? 'status is empty' : `status '${rawStatus}' is not understood`,
        hint: DECISION_HINT,
      });
      continue;
    }
    if ('error' in found) {
      problems.add({
        severity: 'warning',
        code: 'marks-unknown-person',
        file,
        line: row.line,
        message: `${found.error}; line ignored`,
        hint: 'check the NIP, or render again if the roster changed',
      });
      continue;
    }
    const mark: Mark = { key: found.person.key, status: decision, source: `${file}:${row.line}` };
    const prev = seen.get(mark.key);
    if (prev) {
      if (prev.status !== mark.status) {
        problems.add({
          severity: 'error',
          code: 'marks-conflict',
          file,
          line: row.line,
          message: `${found.person.name} is marked ${mark.status} here but ${prev.status} on line ${prev.source.slice(file.length + 1)}`,
          hint: 'keep one line per person',
        });
      }
      continue;
    }
    seen.set(mark.key, mark);
    marks.push(mark);
  }
  return { marks, problems: problems.items };
}

export function parseMarks(text: string, file: string, manifest: Manifest): { marks: Mark[]; problems: Problem[] } {
  const { table, problems } = parseCsvText(text.replace(/^\uFEFF/, ''), file);
  if (!table) return { marks: [], problems };
  return marksFromTable(table, file, manifest);
}

/** Reads a marks CSV file; unreadable files and bad rows come back as problems. */
export async function readMarks(file: string, manifest: Manifest): Promise<{ marks: Mark[]; problems: Problem[] }> {
  const { table, problems } = await readCsvFile(file);
  if (!table) return { marks: [], problems };
  return marksFromTable(table, file, manifest);
}
