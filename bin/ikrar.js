#!/usr/bin/env node
// The first thing ikrar does: refuse a Node.js too old for its dependencies (pdfjs-dist needs 20.19:
// on 20.11 every scanner PDF was silently unreadable), in the clerk's language, before loading them.
// IKRAR_PRETEND_NODE_VERSION is for the tests only.
const version = process.env.IKRAR_PRETEND_NODE_VERSION || process.versions.node;
const [major, minor] = version.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  const argv = process.argv.join(' ');
  const langArg = /--lang[= ](\w+)/.exec(argv)?.[1];
  const env =
    process.env.LC_ALL ||
    process.env.LC_MESSAGES ||
    process.env.LANG ||
    Intl.DateTimeFormat().resolvedOptions().locale ||
    '';
  const indonesian = langArg ? /^(id|in)$/i.test(langArg) : /^(id|in)([_.@-]|$)/i.test(env);
  process.stderr.write(
    indonesian
      ? `ikrar ini memerlukan Node.js 20.19 atau yang lebih baru; yang terpasang ${version}. Pasang Node.js versi LTS terbaru (nodejs.org), lalu jalankan lagi.\n`
      : `this ikrar needs Node.js 20.19 or newer; you have ${version}. Install the current Node.js LTS (nodejs.org), then run it again.\n`,
  );
  process.exit(2);
}

const { main } = await import('../dist/cli/main.js');

// `ikrar … | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
