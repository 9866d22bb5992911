/** The steps of reading a section of the event file: a required key, an optional one, a parsed value. */
import { isScalar } from 'yaml';
import type { EventConfig } from '../model/event.js';
import { type Parsed } from './fields.js';
import { Reader, type Field } from './reader.js';
import { ALIASES, EVENT_KEYS } from './keys.js';

// ------------------------------------------------------------------ the walk

export type Kind = EventConfig['government']['kind'];
export type Fields = Record<string, Field>;

export function section(
  r: Reader,
  root: Field,
  top: Fields,
  key: keyof typeof EVENT_KEYS & keyof typeof ALIASES,
  example: string,
  required = true,
): Fields | undefined {
  const f = top[key];
  if (!f) {
    if (required) r.require(root, top, key, example);
    return undefined;
  }
  if (r.isEmpty(f)) {
    if (required) r.missing(f, root, example);
    return undefined;
  }
  return r.map(f, EVENT_KEYS[key], { aliases: ALIASES[key], what: `a group of keys (${EVENT_KEYS[key].join(', ')})` });
}

/** A required text value of a map. */
export function need(r: Reader, parent: Field, m: Fields, key: string, example?: string): string | undefined {
  if (!m[key]) {
    r.require(parent, m, key, example);
    return undefined;
  }
  const s = r.str(m[key], { required: true });
  return s === '' ? undefined : s;
}

export function opt(r: Reader, f: Field | undefined): string | undefined {
  const s = r.str(f);
  return s === '' ? undefined : s;
}

/** Text of a scalar even when YAML typed it (a date or a number written plainly). */
export function scalarSource(r: Reader, f: Field | undefined, what: string): string | undefined {
  if (!f || r.isEmpty(f)) return undefined;
  const n = r.deref(f.node);
  if (n && isScalar(n) && n.value instanceof Date) return r.sourceText(n).replace(/^['"]|['"]$/g, '');
  return r.str(f, { what });
}

export function applyParsed<T>(r: Reader, f: Field, parsed: Parsed<T>, code: string): T | undefined {
  if (parsed.ok) return parsed.value;
  r.error(f, code, parsed.message, parsed.hint);
  return undefined;
}
