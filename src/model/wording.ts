/**
 * The words the layout prints that are not in a template's text: the page numbers, the signing
 * table's unit line and column headings, the meterai box. A template sets each one with an attribute
 * (templates/README.md); these are the defaults, today's wording, for a template that does not.
 */
export const DEFAULT_WORDING = {
  /** `<document page-label="…">`: `{n}` is the page, `{total}` the pages of the document. */
  pageLabel: 'Halaman {n} dari {total}',
  /** `<signing-table unit-label="…">`, printed before the unit's name (in bold). */
  unitLabel: 'Unit Kerja:',
  noHeader: 'No',
  nameHeader: 'Nama',
  idHeader: 'NIP',
  rankHeader: 'Pangkat/Gol.',
  positionHeader: 'Jabatan',
  signHeader: 'Tanda Tangan',
  /** `<signatures meterai-label="…" meterai-value="…">`: the two lines inside the meterai box. */
  meteraiLabel: 'METERAI',
  meteraiValue: 'Rp10.000',
} as const;

/** The signing table's headings, by the attribute that sets each. */
export type SigningTableWords = Partial<
  Record<'unitLabel' | 'noHeader' | 'nameHeader' | 'idHeader' | 'rankHeader' | 'positionHeader' | 'signHeader', string>
>;

/** "Halaman {n} dari {total}" with the numbers put in. */
export function pageLabelText(label: string, n: number, total: number): string {
  return label.replace(/\{n\}/g, String(n)).replace(/\{total\}/g, String(total));
}
