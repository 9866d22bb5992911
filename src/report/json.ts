/** rekap.json: the TallyResult plus the event's identity and the generator. */
import type { Manifest } from '../model/manifest.js';
import type { TallyResult } from '../model/tally.js';
import { GENERATOR } from '../version.js';

export interface RekapJson extends TallyResult {
  format: 'ikrar-rekap';
  version: 1;
  generator: string;
  event: Manifest['event'];
  rosterHash: string;
}

export function rekapJson(result: TallyResult, manifest: Manifest): RekapJson {
  return {
    format: 'ikrar-rekap',
    version: 1,
    generator: GENERATOR,
    event: manifest.event,
    rosterHash: manifest.rosterHash,
    people: result.people,
    pakta: result.pakta,
    deklarasi: result.deklarasi,
    pages: result.pages,
    summary: result.summary,
  };
}

export function rekapJsonText(result: TallyResult, manifest: Manifest): string {
  return JSON.stringify(rekapJson(result, manifest), null, 2) + '\n';
}
