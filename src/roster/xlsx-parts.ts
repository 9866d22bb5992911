/**
 * The parts of an XLSX workbook other than its sheets' rows, found through the zip's central
 * directory (zip.ts) and its relationships, never by the order of the entries: the workbook part
 * (sheet names, hidden sheets, the 1904 date system), where each sheet's part is, the shared
 * strings, and which cell styles show a date.
 */
import path from 'node:path';
import { entryStream, readDirectory, type ZipEntry } from './zip.js';
import { attributes, ElementCutter, elements, stringItemText } from './xml.js';
import { isDateFormat, type SheetInfo } from './sheets.js';

export interface Workbook {
  file: string;
  sheets: (SheetInfo & { part: ZipEntry | undefined; target: string })[];
  date1904: boolean;
  strings: string[];
  /** Per cell style index (a cell's `s`): whether it shows a date. */
  dateStyles: boolean[];
}

/** A workbook that cannot be read, with why; the reader turns it into the problem. */
export class Unreadable extends Error {}

/** What the file holds: undefined when it is a zip without a workbook part. */
export async function readWorkbookParts(file: string): Promise<Workbook | undefined> {
  const entries = await readDirectory(file).catch(() => undefined);
  if (!entries) throw new Unreadable('its zip directory cannot be found: the file is cut short or damaged');
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) byName.set(partKey(e.name), e);
  const find = (name: string) => byName.get(partKey(name));
  const text = async (name: string) => {
    const e = find(name);
    return e ? readText(file, e) : '';
  };
  const root = relationships(await text('_rels/.rels'), '');
  const wbName = root.find((r) => r.type === 'officeDocument')?.target ?? 'xl/workbook.xml';
  if (!find(wbName)) return undefined;
  const wbXml = await text(wbName);
  const dir = path.posix.dirname(wbName);
  const rels = relationships(await text(`${dir}/_rels/${path.posix.basename(wbName)}.rels`), dir);
  const target = (type: string, fallback: string) => rels.find((r) => r.type === type)?.target ?? `${dir}/${fallback}`;
  const byId = new Map(rels.map((r) => [r.id, r.target]));
  const sheets = elements(wbXml, 'sheet').map((s) => {
    const a = attributes(s.slice(0, s.indexOf('>')));
    const t = byId.get(a.id ?? '') ?? '';
    return { name: a.name ?? '', ...(a.state ? { state: a.state } : {}), target: t, part: t ? find(t) : undefined };
  });
  const pr = elements(wbXml, 'workbookPr')[0];
  const flag = pr ? attributes(pr).date1904 : undefined;
  const stylesPart = find(target('styles', 'styles.xml'));
  const stringsPart = find(target('sharedStrings', 'sharedStrings.xml'));
  return {
    file,
    sheets,
    date1904: flag === '1' || flag === 'true',
    dateStyles: stylesPart ? dateStyles(await readText(file, stylesPart)) : [],
    strings: stringsPart ? await sharedStrings(file, stringsPart) : [],
  };
}

/** Zip names compared as Excel does: without a leading slash, `\` as `/`, any case. */
const partKey = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

/** An entry's bytes, inflated, as text (the parts read whole are small: the guard in zip.ts bounds them all). */
async function readText(file: string, e: ZipEntry): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let out = '';
  for await (const chunk of await entryStream(file, e)) out += decoder.decode(chunk as Buffer, { stream: true });
  return out + decoder.decode();
}

/** Every piece of an entry as it inflates, as text, to `write` (which may keep only what it needs). */
export async function streamText(file: string, e: ZipEntry, write: (text: string) => boolean | void): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of await entryStream(file, e))
    if (write(decoder.decode(chunk as Buffer, { stream: true })) === false) return;
  write(decoder.decode());
}

interface Relationship {
  id: string;
  /** The last segment of its type URI (`worksheet`, `sharedStrings`, …: transitional and strict alike). */
  type: string;
  /** The zip name it points at. */
  target: string;
}

function relationships(xml: string, dir: string): Relationship[] {
  return elements(xml, 'Relationship').map((r) => {
    const a = attributes(r);
    const t = (a.Target ?? '').replace(/\\/g, '/');
    const target = t.startsWith('/') ? t.slice(1) : path.posix.normalize(dir ? `${dir}/${t}` : t);
    return { id: a.Id ?? '', type: (a.Type ?? '').split('/').pop() ?? '', target };
  });
}

async function sharedStrings(file: string, e: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  const cut = new ElementCutter('si', (si) => strings.push(stringItemText(si)));
  await streamText(file, e, (t) => cut.write(t));
  return strings;
}

function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const f of elements(xml, 'numFmt')) {
    const a = attributes(f);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfs = elements(xml, 'cellXfs')[0] ?? '';
  return elements(xfs, 'xf').map((x) => {
    const id = Number(attributes(x.slice(0, x.indexOf('>'))).numFmtId ?? 0);
    return isDateFormat(custom.get(id), id);
  });
}
