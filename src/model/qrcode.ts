/**
 * The QR symbol of a page code as data: its module matrix as horizontal runs. Pure; the drawing
 * draws these runs and the manifest records where the symbol's square is (pagecode.ts).
 */
import QRCode from 'qrcode';

export interface QrMatrix {
  /** Modules per side. */
  size: number;
  /** Dark runs [row, col, length], quiet zone excluded. */
  runs: [number, number, number][];
}

let last: { code: string; value: QrMatrix } | undefined;

/** The QR module matrix of a page code (error correction M). The last one is kept: a page's two QR squares and its two files draw the same code in a row. */
export function qrMatrix(code: string): QrMatrix {
  if (last?.code === code) return last.value;
  const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const runs: [number, number, number][] = [];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (qr.modules.get(r, c)) {
        const start = c;
        while (c < n && qr.modules.get(r, c)) c++;
        runs.push([r, start, c - start]);
      } else c++;
    }
  }
  const value = { size: n, runs };
  last = { code, value };
  return value;
}
