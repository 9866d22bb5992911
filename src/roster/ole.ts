/**
 * OLE2 compound files (the container of Excel 97–2003 .xls files and of password-protected .xlsx
 * files, which Excel wraps in one): tells the two apart by the stream names in the first directory
 * sector, so that an .xls renamed .xlsx is not called password-protected.
 */
import { open } from 'node:fs/promises';

export const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export type OleContent = 'encrypted' | 'xls';

/** The stream and storage names in the first directory sector ([] when the header is not sane). */
async function firstDirectoryNames(file: string): Promise<string[]> {
  const fh = await open(file, 'r');
  try {
    const header = Buffer.alloc(512);
    if ((await fh.read(header, 0, 512, 0)).bytesRead < 512) return [];
    const shift = header.readUInt16LE(0x1e);
    if (shift !== 9 && shift !== 12) return [];
    const sector = 1 << shift;
    const dir = Buffer.alloc(sector);
    const { bytesRead } = await fh.read(dir, 0, sector, (header.readUInt32LE(0x30) + 1) * sector);
    const names: string[] = [];
    for (let at = 0; at + 128 <= bytesRead; at += 128) {
      const len = dir.readUInt16LE(at + 0x40);
      if (len < 2 || len > 64 || dir[at + 0x42] === 0) continue;
      names.push(dir.toString('utf16le', at, at + len - 2));
    }
    return names;
  } finally {
    await fh.close();
  }
}

/** 'encrypted' (EncryptionInfo / EncryptedPackage streams), 'xls' (a Workbook or Book stream), or undefined. */
export async function oleContent(file: string): Promise<OleContent | undefined> {
  const names = await firstDirectoryNames(file).catch(() => [] as string[]);
  if (names.some((n) => n === 'EncryptedPackage' || n === 'EncryptionInfo')) return 'encrypted';
  if (names.some((n) => n === 'Workbook' || n === 'Book')) return 'xls';
  return undefined;
}
