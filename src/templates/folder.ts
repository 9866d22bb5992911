/** The clerk's `--templates DIR`, checked the same way by render and by the tally's documents. */
import { IkrarError } from '../model/problems.js';
import { TemplateEngine } from './engine.js';
import { nodeWorld } from '../world/node.js';
import type { World } from '../world/world.js';

/** Throws IkrarError (templates-missing) when `dir` is given and is not a folder. */
export function checkTemplatesDir(dir: string | undefined, world: World = nodeWorld): void {
  if (dir === undefined || world.isDirectory(dir)) return;
  throw new IkrarError(`templates folder ${dir} not found`, [
    {
      severity: 'error',
      code: 'templates-missing',
      file: dir,
      message: 'is not a folder',
      hint: 'give the folder that holds your edited .hbs files',
    },
  ]);
}

/**
 * The template engine over the clerk's `--templates DIR` (or the built-in templates), read through
 * `world`; the folder is checked first (checkTemplatesDir). Template mistakes are in its `problems`.
 */
export function openTemplates(dir: string | undefined, world: World = nodeWorld): TemplateEngine {
  checkTemplatesDir(dir, world);
  return new TemplateEngine(dir !== undefined ? { templatesDir: dir, world } : { world });
}
