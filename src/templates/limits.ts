/**
 * Bounds on what a clerk's template may ask of Handlebars, checked before it is compiled: the
 * file's size, how many {{…}} expressions it has and how deep its blocks nest (Handlebars' parser
 * takes minutes on a megabyte of expressions, and overflows the stack on deep nesting), how deep
 * partials may include one another while it runs, and the names that would reach into JavaScript's
 * object machinery instead of the data (`{{event.__proto__.constructor}}`).
 */
import Handlebars from 'handlebars';

/** Templates are a few KB; a bigger file is a mistake (and 100 MB would exhaust the compiler). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;
/** Partials nest a few levels; deeper means one includes itself, directly or through another. */
export const MAX_PARTIAL_DEPTH = 32;
/** Names that reach into JavaScript's object machinery instead of the template's data. */
const FORBIDDEN_NAMES = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** The first field path in a parsed template that uses a forbidden name, with its line. */
export function forbiddenPath(ast: hbs.AST.Program): { name: string; path: string; line: number } | undefined {
  let found: { name: string; path: string; line: number } | undefined;
  const visitor = new Handlebars.Visitor();
  visitor.PathExpression = (p: hbs.AST.PathExpression) => {
    const name = p.parts.find((x) => FORBIDDEN_NAMES.has(x));
    if (name !== undefined && !found) found = { name, path: p.original, line: p.loc.start.line };
  };
  visitor.accept(ast);
  return found;
}

/** The built-in templates have at most 60 expressions; 2,000 is far beyond any document. */
export const MAX_TEMPLATE_EXPRESSIONS = 2000;
/** Blocks ({{#if}}, {{#each}} …) nest three or four deep in practice. */
export const MAX_BLOCK_DEPTH = 50;

export interface ShapeFault {
  code: string;
  line: number;
  message: string;
  hint: string;
  params: Record<string, string | number>;
}

/** Counts the expressions and the block depth in one pass; the first limit crossed, with its line. */
export function shapeFault(text: string): ShapeFault | undefined {
  let expressions = 0;
  let depth = 0;
  const lineAt = (i: number) => text.slice(0, i).split('\n').length;
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i + 2)) {
    expressions++;
    if (expressions > MAX_TEMPLATE_EXPRESSIONS) {
      return {
        code: 'template-too-many',
        line: lineAt(i),
        message: `the template has more than ${MAX_TEMPLATE_EXPRESSIONS} {{…}} expressions`,
        hint: 'a template holds the text of one document: check that this is the right file',
        params: { max: MAX_TEMPLATE_EXPRESSIONS },
      };
    }
    const open = /^\{\{~?\s*([#^/])/.exec(text.slice(i, i + 8));
    const kind = open?.[1];
    if (kind === '/') depth = Math.max(0, depth - 1);
    else if (kind === '#' || (kind === '^' && !/^\{\{~?\s*\^\s*~?\}\}/.test(text.slice(i, i + 10)))) {
      depth++;
      if (depth > MAX_BLOCK_DEPTH) {
        return {
          code: 'template-too-deep-blocks',
          line: lineAt(i),
          message: `blocks ({{#if}}, {{#each}} …) are nested more than ${MAX_BLOCK_DEPTH} deep here`,
          hint: 'close each {{#block}} with its {{/block}} before opening the next',
          params: { max: MAX_BLOCK_DEPTH },
        };
      }
    }
  }
  return undefined;
}
