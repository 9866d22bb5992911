/**
 * Opens a URL in the default browser: the one place ikrar starts another program. Windows
 * `explorer.exe URL`, macOS `open URL`, elsewhere `xdg-open URL`. Never throws: a missing opener
 * only means the clerk opens the printed address by hand (`onFail` is told).
 */
import { spawn } from 'node:child_process';

export function openBrowser(url: string, onFail: () => void): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['explorer.exe', [url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  let failed = false;
  const fail = () => {
    if (failed) return;
    failed = true;
    onFail();
  };
  try {
    const child = spawn(cmd, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', fail);
    // explorer.exe answers 1 even when it opened the page; only the others' codes mean something.
    child.on('exit', (code) => {
      if (code !== 0 && process.platform !== 'win32') fail();
    });
    child.unref();
  } catch {
    fail();
  }
}
