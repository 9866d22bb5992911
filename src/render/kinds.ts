/** The files each document a render makes (src/model/documents.ts) owns in OUT; 'deklarasi' is made only for an event with a deklarasi: section. */
import { RENDERED_DOCUMENTS, type RenderedDocument } from '../model/documents.js';

export { RENDERED_DOCUMENTS, type RenderedDocument };

export const FILES = {
  sheets: 'lembar-ttd.pdf',
  sheetsDir: 'lembar-ttd',
  script: 'naskah-ikrar.pdf',
  pakta: 'pakta-integritas.pdf',
  paktaDir: 'pakta-integritas',
  deklarasi: 'deklarasi.pdf',
  manifest: 'manifest.json',
} as const;

/** The files of each document in OUT. */
const KIND_FILES: Record<RenderedDocument, string[]> = {
  sheets: [FILES.sheets, FILES.sheetsDir],
  script: [FILES.script],
  pakta: [FILES.pakta, FILES.paktaDir],
  deklarasi: [FILES.deklarasi],
};

/**
 * What a render replaces in OUT: manifest.json and the files of every document it renders now. One
 * that has nothing to show this time (no pakta signers, no deklarasi: section) is removed, since
 * its pages are no longer in the manifest; the documents a partial render leaves out are kept.
 */
export function ownedEntries(only: ReadonlySet<RenderedDocument>): string[] {
  return [...RENDERED_DOCUMENTS.filter((k) => only.has(k)).flatMap((k) => KIND_FILES[k]), FILES.manifest];
}
