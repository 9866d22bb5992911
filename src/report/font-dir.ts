import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** assets/fonts from src/report/ or dist/report/ (both two levels below the package root). */
export const REPORT_FONT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'fonts');
