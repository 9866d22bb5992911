/**
 * readScans: decode every page of every scan file, identify it by its page code, register it from
 * its marks and measure each signature box. Pure with respect to the terminal: progress goes to a
 * callback, problems are returned.
 */
import type { Manifest } from '../model/manifest.js';
import type { Problem } from '../model/problems.js';
import type { PageReading, ReadScansOptions } from './types.js';

export type { PageReading, ReadScansOptions } from './types.js';

export async function readScans(
  files: string[],
  manifest: Manifest,
  opts: ReadScansOptions = {},
): Promise<{ pages: PageReading[]; problems: Problem[] }> {
  void files; void manifest; void opts;
  throw new Error('readScans: not implemented yet');
}
