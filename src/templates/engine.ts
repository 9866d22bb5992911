/**
 * Handlebars set up for document templates: strict (an unknown field is an error with file:line),
 * Indonesian helpers, partials, and per-file override of the built-in templates.
 *
 * Template resolution: a file in the clerk's `--templates DIR` wins; anything not there comes from
 * the package's own `templates/` folder. Partials are the files whose name starts with "_":
 * `_kop.hbs` is used as `{{> kop}}`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { IkrarError, type Problem } from '../model/problems.js';
import { nodeWorld } from '../world/node.js';
import type { World } from '../world/world.js';
import type { MarkupDocument } from '../model/markup.js';
import { registerHelpers, TemplateRunError } from './helpers.js';
import { MAX_PARTIAL_DEPTH, MAX_TEMPLATE_BYTES, forbiddenPath, shapeFault } from './limits.js';
import { MARK_CLOSE, MARK_OPEN, parseMarkupProblems, type LetterheadDefault } from './markup.js';

/** The package's built-in templates folder (works from src/ under vitest and from dist/). */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type TemplateName = 'lembar-ttd' | 'naskah-ikrar' | 'pakta-integritas' | 'deklarasi';

export interface EngineOptions {
  /** The clerk's folder of overriding templates, as given on the command line. */
  templatesDir?: string;
  /** Override of the built-in folder (tests). */
  builtinDir?: string;
  /** Where the templates are read from; Node's file system by default. */
  world?: World;
}

interface Source {
  /** How the file is named in messages: "mine/lembar-ttd.hbs" or "templates/lembar-ttd.hbs". */
  label: string;
  abs: string;
  text: string;
}

interface Tagged {
  ikrarFile?: string;
}

function problem(
  file: string,
  line: number | undefined,
  message: string,
  hint?: string,
  code = 'template-error',
  params?: Problem['params'],
): Problem {
  const p: Problem = { severity: 'error', code, file, message };
  if (line !== undefined) p.line = line;
  if (hint) p.hint = hint;
  if (params) p.params = params;
  return p;
}

/**
 * Inserts a position marker at the start of every line that is not inside a `{{…}}` expression.
 * Line numbers of the template are unchanged, so Handlebars' own error lines stay right.
 */
export function markLines(src: string, fileIndex: number): string {
  let out = '';
  let i = 0;
  let line = 1;
  let inside: null | '}}' | '--}}' = null;
  const mark = () => `${MARK_OPEN}${fileIndex}:${line}${MARK_CLOSE}`;
  out += mark();
  while (i < src.length) {
    if (inside) {
      if (src.startsWith(inside, i)) {
        out += inside;
        i += inside.length;
        inside = null;
        continue;
      }
    } else if (src.startsWith('{{', i)) {
      inside = src.startsWith('{{!--', i) ? '--}}' : '}}';
      out += '{{';
      i += 2;
      continue;
    }
    const c = src[i++]!;
    out += c;
    if (c === '\n') {
      line++;
      if (!inside) out += mark();
    }
  }
  return out;
}

function lineOfPartialCall(text: string, name: string): number | undefined {
  const re = new RegExp(`\\{\\{~?#?>\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  const idx = text.search(re);
  if (idx < 0) return undefined;
  return text.slice(0, idx).split('\n').length;
}

export class TemplateEngine {
  private readonly hb: typeof Handlebars;
  private readonly files: string[] = [];
  private readonly compiled = new Map<string, { fn: Handlebars.TemplateDelegate; source: Source }>();
  private readonly sourceProblems: Problem[] = [];
  /** The template and the partials running now, innermost last (for the depth limit). */
  private readonly running: Source[] = [];
  readonly builtinDir: string;
  readonly templatesDir: string | undefined;
  private readonly world: World;

  constructor(opts: EngineOptions = {}) {
    this.world = opts.world ?? nodeWorld;
    this.builtinDir = opts.builtinDir ?? BUILTIN_TEMPLATES_DIR;
    this.templatesDir = opts.templatesDir;
    this.hb = Handlebars.create();
    registerHelpers(this.hb);
    this.loadPartials();
  }

  /** Problems found while loading the partials (syntax errors); reported on first use. */
  get problems(): Problem[] {
    return this.sourceProblems;
  }

  /** Where a template comes from: the clerk's folder when it has the file, else the built-in one. */
  resolve(file: string): Source | undefined {
    const s = this.locate(file);
    return s && 'text' in s ? s : undefined;
  }

  /**
   * Like resolve, but an entry of the clerk's that cannot be a template (a folder, a FIFO, a file
   * over MAX_TEMPLATE_BYTES, one that cannot be read) is a Problem: never a silent fall-back to the
   * built-in one, never a read that blocks or exhausts memory.
   */
  private locate(file: string): Source | Problem | undefined {
    const candidates: { dir: string; label: string }[] = [];
    if (this.templatesDir !== undefined) candidates.push({ dir: this.templatesDir, label: this.templatesDir });
    candidates.push({ dir: this.builtinDir, label: 'templates' });
    for (const c of candidates) {
      const abs = path.resolve(c.dir, file);
      const label = path.join(c.label, file);
      const hint = `put the template text in a file named ${file}, or remove it to use the built-in one`;
      const st = this.world.stat(abs);
      if (st.kind === 'missing') continue;
      if (st.kind === 'folder' || st.kind === 'other') {
        const what = st.kind === 'folder' ? 'folder' : 'special';
        return problem(
          label,
          undefined,
          `is ${what === 'folder' ? 'a folder' : 'not a regular file'}, not a template`,
          hint,
          'template-not-file',
          { _m: what, file: label, name: file },
        );
      }
      if (st.kind === 'file' && st.size > MAX_TEMPLATE_BYTES) {
        const mb = (st.size / 1024 / 1024).toFixed(1);
        return problem(
          label,
          undefined,
          `the template is ${mb} MB; a template may be at most 1 MB`,
          'a template holds the text of one document: check that this is the right file',
          'template-too-big',
          { mb, max: 1 },
        );
      }
      const bytes = st.kind === 'file' ? this.world.readFile(abs) : null;
      if (!bytes) {
        const reason = st.kind === 'unreadable' ? st.reason : 'unreadable';
        return problem(label, undefined, `cannot read the template (${reason})`, hint, 'template-unreadable', {
          reason,
          name: file,
        });
      }
      return { label, abs, text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
    }
    return undefined;
  }

  private partialFiles(): string[] {
    const names = new Set<string>();
    for (const dir of [this.builtinDir, this.templatesDir]) {
      if (dir === undefined) continue;
      for (const e of this.world.list(dir) ?? []) if (e.startsWith('_') && e.endsWith('.hbs')) names.add(e);
    }
    return [...names].sort();
  }

  private loadPartials(): void {
    for (const file of this.partialFiles()) {
      const src = this.locate(file);
      if (!src) continue;
      if (!('text' in src)) {
        this.sourceProblems.push(src);
        continue;
      }
      const compiled = this.compileSource(src);
      if (!compiled) continue;
      const name = file.slice(1, -'.hbs'.length);
      const label = src.label;
      const partial = (ctx: unknown, options: unknown) => {
        if (this.running.length > MAX_PARTIAL_DEPTH) throw this.tooDeep(name);
        this.running.push(src);
        try {
          return compiled(ctx, options as Handlebars.RuntimeOptions);
        } catch (e) {
          if (e && typeof e === 'object' && !(e as Tagged).ikrarFile) (e as Tagged).ikrarFile = label;
          throw e;
        } finally {
          this.running.pop();
        }
      };
      this.hb.registerPartial(name, partial as unknown as Handlebars.Template);
    }
  }

  /** The error for a partial included deeper than MAX_PARTIAL_DEPTH, at the line that includes it. */
  private tooDeep(name: string): TemplateRunError {
    const caller = this.running[this.running.length - 1]!;
    const e = new TemplateRunError(
      `the partial "${name}" is included more than ${MAX_PARTIAL_DEPTH} levels deep: it includes itself, directly or through another partial`,
      lineOfPartialCall(caller.text, name),
      `a partial must not include itself; remove {{> ${name}}} from ${caller.label}`,
      { code: 'template-too-deep', params: { name, max: MAX_PARTIAL_DEPTH, file: caller.label } },
    );
    (e as Tagged).ikrarFile = caller.label;
    return e;
  }

  private compileSource(src: Source): Handlebars.TemplateDelegate | undefined {
    const index = this.files.length;
    this.files.push(src.label);
    try {
      // parse first, so syntax errors surface now with their line
      // bounded before Handlebars sees it: its parser slows down with every expression and nesting level
      const shape = shapeFault(src.text);
      if (shape) {
        this.sourceProblems.push(problem(src.label, shape.line, shape.message, shape.hint, shape.code, shape.params));
        return undefined;
      }
      const bad = forbiddenPath(this.hb.parse(src.text));
      if (bad) {
        this.sourceProblems.push(
          problem(
            src.label,
            bad.line,
            `{{${bad.path}}}: "${bad.name}" is not a field; templates may only use the fields they are given`,
            'templates/README.md lists the fields each template gets',
            'template-forbidden',
            { name: bad.name, path: bad.path },
          ),
        );
        return undefined;
      }
    } catch (e) {
      this.sourceProblems.push(this.syntaxProblem(src, e));
      return undefined;
    }
    return this.hb.compile(markLines(src.text, index), { strict: true });
  }

  private syntaxProblem(src: Source, e: unknown): Problem {
    const err = e as { message?: string; lineNumber?: number; hash?: { loc?: { first_line?: number }; line?: number } };
    let line = err.lineNumber ?? err.hash?.loc?.first_line;
    if (line === undefined && err.hash?.line !== undefined) line = err.hash.line + 1;
    let msg = String(err.message ?? e);
    const m = /^Parse error on line (\d+):\n([\s\S]*)$/.exec(msg);
    if (m) {
      line ??= Number(m[1]);
      const lines = m[2]!.split('\n');
      const expecting = lines.find((l) => l.startsWith('Expecting') || l.startsWith('Expected'));
      msg = `template syntax error${expecting ? `: ${expecting.replace(/'/g, '')}` : ''}`;
      const shown = lines.slice(0, 2).join(' ').trim();
      if (shown) msg += ` near "${shown.replace(/\s+/g, ' ').slice(0, 60)}"`;
    } else msg = `template syntax error: ${msg.replace(/ - \d+:\d+$/, '')}`;
    return problem(src.label, line, msg, 'every {{#block}} needs its {{/block}}; fields are written {{name}}');
  }

  private template(name: string): { fn: Handlebars.TemplateDelegate; source: Source } {
    const file = `${name}.hbs`;
    const hit = this.compiled.get(file);
    if (hit) return hit;
    const src = this.locate(file);
    if (src && !('text' in src)) throw new IkrarError(`template ${src.file} cannot be used`, [src]);
    if (!src) {
      const where =
        this.templatesDir !== undefined ? `${this.templatesDir} nor the built-in templates` : 'the built-in templates';
      throw new IkrarError(`template ${file} not found`, [
        problem(file, undefined, `neither ${where} have ${file}`, undefined, 'template-missing'),
      ]);
    }
    const before = this.sourceProblems.length;
    const fn = this.compileSource(src);
    if (!fn) throw new IkrarError(`template ${src.label} cannot be used`, this.sourceProblems.slice(before));
    const entry = { fn, source: src };
    this.compiled.set(file, entry);
    return entry;
  }

  /** Every problem of these templates and of the partials, found without running them (nothing thrown). */
  problemsOf(names: readonly string[]): Problem[] {
    const out = [...this.sourceProblems];
    for (const name of names) {
      try {
        this.template(name);
      } catch (e) {
        if (!(e instanceof IkrarError)) throw e;
        out.push(...e.problems);
      }
    }
    return out;
  }

  /** Runs a template and returns its markup text (with position markers). Throws IkrarError. */
  renderText(name: TemplateName | string, data: unknown): { text: string; file: string } {
    if (this.sourceProblems.length)
      throw new IkrarError('a template partial cannot be used', this.sourceProblems.slice());
    const { fn, source } = this.template(name);
    this.running.push(source);
    try {
      return { text: fn(data), file: source.label };
    } catch (e) {
      throw this.runProblem(source, e);
    } finally {
      this.running.length = 0;
    }
  }

  /** Runs a template and parses its markup into a document. Throws IkrarError with file:line problems. */
  render(name: TemplateName | string, data: unknown, letterhead?: LetterheadDefault): MarkupDocument {
    const { text, file } = this.renderText(name, data);
    const opts: { file: string; files: string[]; letterhead?: LetterheadDefault } = { file, files: this.files };
    if (letterhead) opts.letterhead = letterhead;
    const { doc, problems } = parseMarkupProblems(text, opts);
    if (!doc) {
      const p = problems[0]!;
      throw new IkrarError(
        `template ${p.file}${p.line !== undefined ? `:${p.line}` : ''} produces invalid document markup`,
        problems,
      );
    }
    return doc;
  }

  private runProblem(source: Source, e: unknown): Error {
    const file = (e as Tagged)?.ikrarFile ?? source.label;
    if (e instanceof TemplateRunError) {
      return new IkrarError(`template ${file} failed`, [
        problem(file, e.line, e.message, e.hint, e.problem?.code ?? 'template-field', e.problem?.params),
      ]);
    }
    const err = e as { message?: string; lineNumber?: number };
    const msg = String(err?.message ?? e);
    const unknown = /^"([^"]+)" not defined in/.exec(msg);
    if (unknown) {
      return new IkrarError(`template ${file} uses an unknown field`, [
        problem(
          file,
          err.lineNumber,
          `unknown field "${unknown[1]}"`,
          'check the spelling; templates/README.md lists the fields each template gets',
          'template-unknown-field',
        ),
      ]);
    }
    const partial = /^The partial (.+) could not be found/.exec(msg);
    if (partial) {
      const name = partial[1]!;
      const text = file === source.label ? source.text : (this.resolve(path.basename(file))?.text ?? '');
      return new IkrarError(`template ${file} uses a partial that does not exist`, [
        problem(
          file,
          lineOfPartialCall(text, name),
          `no partial named "${name}"`,
          `a partial is a file _${name}.hbs beside the templates`,
          'template-partial',
        ),
      ]);
    }
    const missingHelper = /^Missing helper: "([^"]+)"/.exec(msg);
    if (missingHelper) {
      return new IkrarError(`template ${file} uses an unknown helper`, [
        problem(
          file,
          err.lineNumber,
          `unknown helper "${missingHelper[1]}"`,
          'helpers: tanggal, hari, tempatTanggal, tanggalTerbilang, waktu, nip, pangkat, terbilang, kapital, eq, or, and, not',
          'template-helper',
        ),
      ]);
    }
    if (typeof err?.lineNumber === 'number') {
      return new IkrarError(`template ${file} failed`, [problem(file, err.lineNumber, msg.replace(/ - \d+:\d+$/, ''))]);
    }
    return e instanceof Error ? e : new Error(String(e));
  }
}
