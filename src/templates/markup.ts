/**
 * The document markup: the XML-like text that templates emit, parsed into Block[] (src/model/markup.ts).
 *
 * A deliberately small, strict parser: elements, attributes in double or single quotes, text, comments
 * `<!-- -->`, and the entities Handlebars' escaping produces (&amp; &lt; &gt; &quot; &#x27; &#39;
 * &#x60; &#x3D;) plus any numeric one, so `Ma'ruf & Sons <Jr>` inserted with `{{name}}` comes out
 * exactly as written. Every mistake is reported as a Problem with the template file and line.
 *
 * Line tracking: the template engine inserts invisible position markers (`\u0001<file>:<line>\u0002`)
 * at the start of every template line, so positions refer to the template source (also inside
 * partials and `{{#each}}` loops). Without markers, lines are counted in the markup text itself.
 *
 * The text becomes a tree (`markup-tree.ts`), the tree's elements are read (`markup-elements.ts`)
 * into blocks (`markup-blocks.ts`).
 */
import type { MarkupDocument } from '../model/markup.js';
import { IkrarError, type Problem } from '../model/problems.js';
import { BlockBuilder } from './markup-blocks.js';
import { ParseFail, tokenize, type Node, type ParseOptions } from './markup-tree.js';

export { MARK_CLOSE, MARK_OPEN, type LetterheadDefault, type ParseOptions } from './markup-tree.js';

/** Parses markup text; returns the document or every problem found. */
export function parseMarkupProblems(text: string, opts: ParseOptions): { doc?: MarkupDocument; problems: Problem[] } {
  let nodes: Node[];
  try {
    nodes = tokenize(text, opts);
  } catch (e) {
    if (e instanceof ParseFail) {
      const p: Problem = {
        severity: 'error',
        code: 'template-markup',
        file: e.pos.file,
        line: e.pos.line,
        message: e.message,
      };
      if (e.hint) p.hint = e.hint;
      return { problems: [p] };
    }
    throw e;
  }
  const b = new BlockBuilder(opts);
  const doc = b.document(nodes);
  if (b.problems.length) return { problems: b.problems };
  return { doc: doc!, problems: [] };
}

/** Parses markup text into a MarkupDocument; throws IkrarError with every problem (file:line). */
export function parseMarkup(text: string, opts: ParseOptions): MarkupDocument {
  const { doc, problems } = parseMarkupProblems(text, opts);
  if (!doc) {
    const first = problems[0];
    const where = first ? `${first.file}${first.line !== undefined ? `:${first.line}` : ''}` : opts.file;
    throw new IkrarError(`the document markup made by template ${where} is not valid`, problems);
  }
  return doc;
}
