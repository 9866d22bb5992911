/**
 * The notes the tally writes on a scanned page ("outside the scan", "page 7 was printed from an
 * earlier render of this event …") stay English in rekap.json and rekap.csv (a contract); for the
 * terminal they are read back against the English `note.*` entries and printed in the interface
 * language. A note is one entry, an entry holding another note ({note} — it is in FILE), or notes
 * joined by "; ". A part no entry fits is printed as it is.
 */
import { en, type Catalogue, type MessageKey } from './en.js';
import { fill, readValues, type Params } from './template.js';

const NOTE_KEYS = (Object.keys(en) as MessageKey[]).filter((k) => k.startsWith('note.') && !k.startsWith('note.mark.'));

/** The names of the registration marks as the notes give them (`top-left`) → `note.mark.top-left`. */
function markNames(value: string, target: Catalogue): string {
  return value.replace(/\b(top|middle|bottom)-(left|right)\b/g, (m) => target[`note.mark.${m}` as MessageKey] ?? m);
}

/** A tally note in the target catalogue's language (the English note when `target` is English). */
export function noteText(note: string, target: Catalogue, depth = 0): string {
  if (target === en || depth > 3) return note;
  if (note.startsWith(': ')) return ': ' + noteText(note.slice(2), target, depth); // "unidentified: why"
  const whole = oneNote(note, target, depth);
  if (whole !== undefined) return whole;
  // Notes joined by "; " (a note may hold "; " itself): the shortest first part that is a whole note.
  for (let i = note.indexOf('; '); i >= 0; i = note.indexOf('; ', i + 2)) {
    const first = oneNote(note.slice(0, i), target, depth);
    if (first !== undefined) return `${first}; ${noteText(note.slice(i + 2), target, depth)}`;
  }
  return note;
}

/** One note read back against the entries; a value other than a whole {note} never spans "; ". */
function oneNote(note: string, target: Catalogue, depth: number): string | undefined {
  for (const key of NOTE_KEYS) {
    const values = readValues(en[key], note);
    if (!values || Object.entries(values).some(([k, v]) => k !== 'note' && String(v).includes('; '))) continue;
    const out: Params = {};
    for (const [k, v] of Object.entries(values)) {
      out[k] =
        k === 'note'
          ? noteText(String(v), target, depth + 1)
          : k === 'marks' || k === 'mark'
            ? markNames(String(v), target)
            : v;
    }
    return fill(target[key], out);
  }
  return undefined;
}
