/**
 * The render: read and check both files, plan every document (plan.ts: pure, laid out once, one
 * manifest), then write the plan (emit.ts: each page drawn once, on every core, committed atomically).
 */
import type { PaperName } from '../model/event.js';
import type { Manifest } from '../model/manifest.js';
import { IkrarError, countProblems, type Problem } from '../model/problems.js';
import { readAndCheck } from '../check/check.js';
import { RENDERED_DOCUMENTS } from '../model/documents.js';
import type { TemplateName } from '../templates/engine.js';
import { openTemplates } from '../templates/folder.js';
import { recoverOutput } from '../output/folder.js';
import { resolveOut } from '../output/names.js';
import { emit } from './emit.js';
import type { RenderedDocument } from './kinds.js';
import type { RenderSummary } from './manifest.js';
import { nodeWorld } from '../world/node.js';
import { planRender, type Inputs } from './plan.js';
import type { World } from '../world/world.js';

export { RENDERED_DOCUMENTS, FILES, ownedEntries, type RenderedDocument } from './kinds.js';
export { MANIFEST_VERSION, codeFor, manifestPage, type RenderSummary } from './manifest.js';
export type { Inputs } from './plan.js';

export interface RenderOptions {
  roster: string;
  event: string;
  out: string;
  templates?: string;
  paper?: PaperName;
  only?: RenderedDocument[];
  /** Drawing threads at most (default: the machine's cores); 1 draws in this thread. Same bytes either way. */
  jobs?: number;
  onProgress?: (done: number, total: number, what: string) => void;
  /** Return the whole manifest in the result; default true (the command line passes false and prints `summary`). */
  keepManifest?: boolean;
  /** Where files are read from (the event file, its logo, the templates, the old manifest); Node's file system by default. */
  world?: World;
}

export interface LeanRenderResult {
  /** Files written, relative to OUT, in writing order. */
  files: string[];
  /** Pages written into the combined documents (sheets + script + pakta + deklarasi). */
  pages: number;
  summary: RenderSummary;
  warnings: Problem[];
}

export interface RenderResult extends LeanRenderResult {
  manifest: Manifest;
}

/** The template each rendered document is made from. */
const TEMPLATE_OF: Record<RenderedDocument, TemplateName> = {
  sheets: 'lembar-ttd',
  script: 'naskah-ikrar',
  pakta: 'pakta-integritas',
  deklarasi: 'deklarasi',
};

/** What is wrong with the templates the render will use (a missing --templates folder included). */
function templateProblems(world: World, templates: string | undefined, names: TemplateName[]): Problem[] {
  try {
    return openTemplates(templates, world).problemsOf(names);
  } catch (e) {
    if (e instanceof IkrarError) return e.problems;
    throw e;
  }
}

/**
 * Reads, validates and cross-checks both files, and compiles the templates the render will use;
 * every error at once in one IkrarError.
 */
export async function readInputs(
  rosterFile: string,
  eventFile: string,
  world: World = nodeWorld,
  use: { templates?: string; only?: readonly RenderedDocument[] } = {},
): Promise<Inputs> {
  const checked = await readAndCheck(rosterFile, eventFile, world);
  const { event, people, rosterHash } = checked;
  const documents = use.only?.length ? use.only : RENDERED_DOCUMENTS;
  const names = documents.filter((d) => d !== 'deklarasi' || event?.deklarasi).map((d) => TEMPLATE_OF[d]);
  const problems = [...checked.problems, ...templateProblems(world, use.templates, names)];
  const errors = countProblems(problems, 'error');
  if (errors || !event) {
    throw new IkrarError(
      `the input files have ${errors || 'some'} error${errors === 1 ? '' : 's'}; nothing was written`,
      problems,
      2,
      errors ? { key: 'input-errors', params: { n: errors } } : undefined,
    );
  }
  if (people.length === 0) {
    throw new IkrarError('the roster has nobody in it; nothing was written', [
      ...problems,
      {
        severity: 'error',
        code: 'roster-empty',
        file: rosterFile,
        message: 'no people found in the roster',
        hint: 'check that the file has a header row and rows below it',
      },
    ]);
  }
  return { event, people, rosterHash, warnings: problems.filter((p) => p.severity === 'warning') };
}

export function render(opts: RenderOptions & { keepManifest: false }): Promise<LeanRenderResult>;
export function render(opts: RenderOptions): Promise<RenderResult>;
export async function render(opts: RenderOptions): Promise<RenderResult | LeanRenderResult> {
  // Before anything else (even a refusal of the inputs): finish what an interrupted run left in OUT.
  await recoverOutput(opts.out);
  const inputs = await readInputs(opts.roster, opts.event, opts.world, {
    ...(opts.templates !== undefined ? { templates: opts.templates } : {}),
    ...(opts.only !== undefined ? { only: opts.only } : {}),
  });
  return renderInputs(inputs, opts);
}

/** The pipeline after reading: plan, then write. */
export function renderInputs(
  inputs: Inputs,
  opts: Omit<RenderOptions, 'roster' | 'event'> & { keepManifest: false },
): Promise<LeanRenderResult>;
export function renderInputs(inputs: Inputs, opts: Omit<RenderOptions, 'roster' | 'event'>): Promise<RenderResult>;
export async function renderInputs(
  inputs: Inputs,
  opts: Omit<RenderOptions, 'roster' | 'event'>,
): Promise<RenderResult | LeanRenderResult> {
  // the old manifest is read from OUT as an interrupted run would have left it
  await recoverOutput(opts.out);
  const plan = planRender(inputs, opts.world ?? nodeWorld, {
    out: opts.out,
    outAbs: await resolveOut(opts.out),
    ...(opts.templates !== undefined ? { templates: opts.templates } : {}),
    ...(opts.paper !== undefined ? { paper: opts.paper } : {}),
    ...(opts.only !== undefined ? { only: opts.only } : {}),
  });
  const keep = opts.keepManifest !== false;
  const { files, pages, summary, warnings, manifestPages } = await emit(plan, opts.out, {
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    keepPages: keep,
  });
  const lean: LeanRenderResult = { files, pages, summary, warnings: [...plan.warnings, ...warnings] };
  return keep ? { ...lean, manifest: { ...plan.manifest, pages: manifestPages ?? [] } } : lean;
}
