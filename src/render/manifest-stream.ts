/**
 * manifest.json written as it is produced, so a render never holds every page (or one string of the
 * whole manifest, ~73 MB at 100,000 people) in memory.
 *
 * The bytes are exactly those of `JSON.stringify(manifest, null, 2) + '\n'` for the same fields in
 * the same order: each value is stringified on its own with two-space indentation and indented to
 * its depth (JSON strings never hold a raw newline, so re-indenting by replacing "\n" is safe);
 * fields whose value is undefined are left out, as JSON.stringify does.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Bytes buffered before they are handed to the file (fewer, larger writes). */
const CHUNK = 1 << 16;

export class JsonObjectStream {
  private readonly stream: WriteStream;
  private buffer = '';
  private fields = 0;
  /** Items written into the open array, or -1 when no array is open. */
  private items = -1;
  private failed: unknown;

  constructor(file: string) {
    this.stream = createWriteStream(file);
    this.stream.on('error', (e) => {
      this.failed ??= e;
    });
    this.buffer = '{';
  }

  /** One field at the top level; skipped when `value` is undefined (as JSON.stringify does). */
  async field(key: string, value: unknown): Promise<void> {
    if (this.items >= 0) throw new Error('JsonObjectStream: field inside an open array');
    const json = JSON.stringify(value, null, 2) as string | undefined;
    if (json === undefined) return;
    this.buffer += `${this.fields++ ? ',' : ''}\n  ${JSON.stringify(key)}: ${json.replace(/\n/g, '\n  ')}`;
    await this.flush(false);
  }

  /** Opens an array field; add its items with `item`, close it with `endArray`. */
  beginArray(key: string): void {
    if (this.items >= 0) throw new Error('JsonObjectStream: nested beginArray');
    this.buffer += `${this.fields++ ? ',' : ''}\n  ${JSON.stringify(key)}: [`;
    this.items = 0;
  }

  /** One item of the open array (undefined becomes null, as JSON.stringify does in arrays). */
  async item(value: unknown): Promise<void> {
    if (this.items < 0) throw new Error('JsonObjectStream: item outside an array');
    const json = (JSON.stringify(value, null, 2) as string | undefined) ?? 'null';
    this.buffer += `${this.items++ ? ',' : ''}\n    ${json.replace(/\n/g, '\n    ')}`;
    await this.flush(false);
  }

  endArray(): void {
    if (this.items < 0) throw new Error('JsonObjectStream: endArray without beginArray');
    this.buffer += this.items ? '\n  ]' : ']';
    this.items = -1;
  }

  /** Closes the object (with the final newline) and the file; resolves when it is on disk. */
  async end(): Promise<void> {
    if (this.items >= 0) throw new Error('JsonObjectStream: end inside an open array');
    this.buffer += this.fields ? '\n}\n' : '}\n';
    await this.flush(true);
    this.stream.end();
    if (!this.stream.writableFinished) await once(this.stream, 'finish');
    if (this.failed) throw this.failed;
  }

  /** Abandons the file (after a failure elsewhere). */
  destroy(): void {
    this.stream.destroy();
  }

  private async flush(force: boolean): Promise<void> {
    if (this.failed) throw this.failed;
    if (!force && this.buffer.length < CHUNK) return;
    if (this.buffer.length) {
      const ok = this.stream.write(this.buffer);
      this.buffer = '';
      if (!ok) await once(this.stream, 'drain');
    }
    if (this.failed) throw this.failed;
  }
}
