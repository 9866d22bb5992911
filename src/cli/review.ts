/**
 * `ikrar review [REKAP_DIR]`: the review server on the rekap folder `ikrar tally` wrote. Prints the
 * page's address (with its token), opens the browser unless --no-open, logs each decision, and
 * stops on Ctrl+C (or SIGTERM) once the decision being saved is on disk. Exit 0; 2 when the folder
 * cannot be reviewed.
 */
import type { Command } from 'commander';
import path from 'node:path';
import type { CommandContext } from './context.js';
import { localPath } from './paths.js';
import { openBrowser } from './open-browser.js';
import { CATALOGUES, getLang, t, type MessageKey } from '../i18n/index.js';
import { openSession, RecapNotUpdated, saveAndRecompute } from '../review/session.js';
import { startReviewServer } from '../review/server.js';
import { reviewState } from '../review/items.js';

interface ReviewFlags {
  open: boolean;
}

/** The page's words, from the catalogue of the interface language. */
function pageStrings(): Record<string, string> {
  const out: Record<string, string> = {};
  const prefix = 'review.page.';
  for (const k of Object.keys(CATALOGUES.en))
    if (k.startsWith(prefix)) out[k.slice(prefix.length)] = t(k as MessageKey);
  return out;
}

async function action(dirArg: string | undefined, flags: ReviewFlags, ctx: CommandContext): Promise<void> {
  const o = ctx.output;
  const dir = localPath(dirArg ?? 'rekap');
  const session = await openSession(dir);
  // A session killed between saving a decision and the recap is brought up to date first.
  try {
    await saveAndRecompute(session);
  } catch (e) {
    if (!(e instanceof RecapNotUpdated)) throw e;
    o.err(o.color.yellow(t('review.saveFailed', { reason: e.message })));
  }
  const docWord = (d: string) =>
    t(
      d === 'pakta' ? 'review.page.docPakta' : d === 'deklarasi' ? 'review.page.docDeklarasi' : 'review.page.docSheets',
    );
  const server = await startReviewServer(session, {
    strings: pageStrings(),
    lang: getLang(),
    onDecision: (id, status) => {
      const e = reviewState(session).entries.find((x) => x.id === id);
      const name = e?.name ?? id;
      const document = docWord(e?.document ?? 'sheets');
      o.out(
        status === null
          ? t('review.withdrawn', { name, document })
          : t('review.saved', {
              name,
              document,
              status: t(status === 'signed' ? 'review.page.signed' : 'review.page.unsigned'),
            }),
      );
    },
    onError: (e) => o.err(o.color.red(t('review.saveFailed', { reason: e instanceof Error ? e.message : String(e) }))),
  });
  o.out(t('review.url', { url: server.url }));
  o.out(t('review.keepOpen'));
  if (flags.open) openBrowser(server.url, () => o.err(o.color.yellow(t('review.openFailed'))));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  o.out(t('review.stopped', { csv: session.overridesFile, dir: `${path.normalize(dir)}${path.sep}` }));
  ctx.setExit(0);
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('review')
    .description(t('review.description'))
    .argument('[rekap_dir]', t('review.arg.dir'))
    .option('--no-open', t('review.opt.noOpen'))
    .action((dir: string | undefined, flags: ReviewFlags) => action(dir, flags, ctx));
}
