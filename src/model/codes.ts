/**
 * Every code a `Problem` may carry (src/model/problems.ts), in one place. A code not listed here is
 * a bug: test/cli/problem-codes.test.ts reads the source for code literals and fails on one that is
 * not listed, and on a listed code without a message in both interface languages (src/i18n: the
 * entries `problem.<code>` or `problem.<code>.<variant>`). Add a new code here and to both
 * catalogues; codes are a contract (`ikrar check --json`, rekap.json), so never rename one.
 */
export const PROBLEM_CODES = [
  'bad-option',
  'berita-event-mismatch', 'berita-logo', 'berita-no-event',
  'cell-control-char',
  'column-mapping-missing',
  'csv-binary', 'csv-quote-not-closed', 'csv-syntax', 'csv-unreadable',
  'deklarasi-no-signers', 'deklarasi-rule-column',
  'event-aliases', 'event-bad-code', 'event-bad-date', 'event-bad-font', 'event-bad-key', 'event-bad-paper',
  'event-bad-prefix', 'event-bad-regex', 'event-bad-time', 'event-bad-value', 'event-bad-zone',
  'event-deklarasi-no-signers', 'event-duplicate-key', 'event-duplicate-unit', 'event-empty',
  'event-empty-file', 'event-encoding', 'event-head-rank', 'event-label-year', 'event-logo', 'event-missing',
  'event-no-officer', 'event-not-a-file', 'event-not-found', 'event-out-of-range', 'event-syntax',
  'event-too-big', 'event-unknown-field', 'event-unknown-key', 'event-unreadable', 'event-until-early',
  'event-wrong-type', 'event-zone-conflict',
  'glyph-missing',
  'init-blocked', 'init-column-not-found', 'init-file-exists', 'init-no-headers', 'init-not-a-folder',
  'init-options',
  'key-duplicate',
  'kind-mismatch', 'kind-unknown',
  'logo-missing', 'logo-unusable',
  'manifest-duplicate-code', 'manifest-duplicate-key', 'manifest-replaced', 'manifest-shape',
  'manifest-stale', 'manifest-unknown-key',
  'marks-bad-status', 'marks-conflict', 'marks-empty', 'marks-missing-column', 'marks-no-person',
  'marks-unknown-person',
  'missing-column',
  'name-missing',
  'nip-appointment', 'nip-birth-date', 'nip-duplicate', 'nip-empty', 'nip-excel-number', 'nip-for-nrp-kind',
  'nip-ignored', 'nip-length', 'nip-looks-like-nrp', 'nip-missing', 'nip-not-digits', 'nip-old', 'nip-sex',
  'nrp-duplicate', 'nrp-empty', 'nrp-excel-number', 'nrp-for-asn', 'nrp-ignored', 'nrp-is-nip',
  'nrp-kind-missing', 'nrp-length', 'nrp-missing', 'nrp-month', 'nrp-not-digits',
  'officer-unknown-unit',
  'out-unwritable',
  'overrides-bad-decision', 'overrides-bad-document', 'overrides-conflict', 'overrides-missing',
  'overrides-missing-column', 'overrides-no-pakta', 'overrides-no-person', 'overrides-unknown-person',
  'page-blank', 'page-duplicate', 'page-foreign', 'page-unidentified',
  'pakta-no-signers', 'pakta-rule-column',
  'problems-omitted',
  'rank-unknown',
  'roster-empty', 'roster-encoding', 'roster-format', 'roster-no-people', 'roster-not-a-file',
  'roster-not-found', 'roster-sheet-missing', 'roster-unreadable', 'roster-xls', 'roster-xlsx-protected',
  'roster-xlsx-too-large', 'roster-xlsx-unreadable',
  'scan-missing', 'scan-none', 'scan-page-too-large', 'scan-page-unreadable', 'scan-pages-capped',
  'scan-skipped', 'scan-unreadable',
  'sex-mismatch', 'sex-unknown',
  'template-error', 'template-field', 'template-forbidden', 'template-helper', 'template-markup',
  'template-missing', 'template-not-file', 'template-partial', 'template-too-big', 'template-too-deep',
  'template-too-deep-blocks', 'template-too-many', 'template-unknown-field', 'template-unreadable',
  'templates-missing',
  'unit-missing', 'unit-no-officer', 'unit-several-heads',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];
