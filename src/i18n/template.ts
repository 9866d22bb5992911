/**
 * Message templates: `{name}` placeholders filled from values, and read back out of a filled text
 * (`readValues`: the English a core problem or scan note holds → the values for another language).
 */
export type Params = Record<string, string | number>;

/** Replaces `{name}` with params.name; unknown placeholders are left as they are. */
export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m,
  );
}

/** The placeholder names of a template, sorted (for the catalogue test). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!))].sort();
}

const compiled = new Map<string, { re: RegExp; names: string[] }>();

/** The values of `{name}` placeholders that make `template` read `text`, or undefined when it cannot. */
export function readValues(template: string, text: string): Params | undefined {
  let c = compiled.get(template);
  if (!c) {
    const names: string[] = [];
    let src = '';
    let last = 0;
    for (const m of template.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      src += escapeRe(template.slice(last, m.index)) + '([\\s\\S]*?)';
      names.push(m[1]!);
      last = m.index + m[0].length;
    }
    src += escapeRe(template.slice(last));
    c = { re: new RegExp(`^${src}$`), names };
    compiled.set(template, c);
  }
  const m = c.re.exec(text);
  if (!m) return undefined;
  const params: Params = {};
  for (let i = 0; i < c.names.length; i++) {
    const name = c.names[i]!;
    const v = m[i + 1]!;
    if (Object.prototype.hasOwnProperty.call(params, name) && params[name] !== v) return undefined;
    params[name] = v;
  }
  return params;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
