/**
 * The kinds of document, in one place. A template's `<document kind="…">` may be any
 * `DocumentKind`; `ikrar render --only` chooses among the `RenderedDocument`s (the berita acara is
 * made by the tally); a status, a manifest page and an override are about a `SignedDocument`, one
 * with signature boxes (the reading script has none).
 */

export const DOCUMENT_KINDS = ['sheets', 'script', 'pakta', 'berita', 'deklarasi'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What `ikrar render` makes, in the order `--only` lists them. */
export const RENDERED_DOCUMENTS = ['sheets', 'script', 'pakta', 'deklarasi'] as const satisfies readonly DocumentKind[];
export type RenderedDocument = (typeof RENDERED_DOCUMENTS)[number];

/** The documents with signature boxes: the signing sheet (daftar hadir), the pakta integritas, the joint declaration. */
export const SIGNED_DOCUMENTS = ['sheets', 'pakta', 'deklarasi'] as const satisfies readonly RenderedDocument[];
export type SignedDocument = (typeof SIGNED_DOCUMENTS)[number];
