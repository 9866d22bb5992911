/**
 * The review server: node's own http, bound to 127.0.0.1 on a free port. Every request needs the
 * session's token (in the URL's `token`, the `X-Ikrar-Token` header, or the cookie the page sets),
 * compared in constant time. It serves the page, its script, the state as JSON, and files of the
 * rekap folder (never outside it: no `..`, no encoded separators, no link leading out); it takes
 * decisions as small JSON bodies and answers only once they are on disk. Bad requests get a 4xx.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { reviewState } from './items.js';
import { reviewPage, REVIEW_SCRIPT } from './page.js';
import { decide, RecapNotUpdated, type ReviewSession } from './session.js';

/** Largest request body read (a decision is a few dozen bytes). */
export const MAX_BODY = 16 * 1024;

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

export interface ReviewServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The page's words (from the i18n catalogue). */
  strings: Record<string, string>;
  lang: string;
  /** Called after each decision is saved (for the terminal). */
  onDecision?: (id: string, status: string | null) => void;
  /** Called when a recompute failed after the decision was saved. */
  onError?: (e: unknown) => void;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function tokenOk(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(token));
}

function cookieToken(req: IncomingMessage, name: string): string | undefined {
  const raw = req.headers.cookie;
  if (!raw) return undefined;
  for (const part of raw.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

function send(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  type = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    ...SECURITY_HEADERS,
    ...extra,
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, data: unknown) =>
  send(res, status, JSON.stringify(data), 'application/json; charset=utf-8');

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = Number(req.headers['content-length'] ?? '0') > MAX_BODY ? MAX_BODY + 1 : 0;
    if (size) reject(new HttpError(413, 'request body too large'));
    // Past the limit the rest is read and dropped (the answer closes the connection), so the
    // client sees the 413 instead of a reset.
    req.on('data', (c: Buffer) => {
      if (size > MAX_BODY) return;
      size += c.length;
      if (size > MAX_BODY) {
        chunks.length = 0;
        reject(new HttpError(413, 'request body too large'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A path under the rekap folder from the URL's raw path after /file/: each segment decoded once;
 * refused when a segment is empty, '.', '..', hidden, or holds a separator, a NUL or a ':'.
 */
export function safeRelative(rawPath: string): string[] | null {
  const segments = rawPath.split('/');
  const out: string[] = [];
  for (const raw of segments) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (s === '' || s === '.' || s === '..' || s.startsWith('.') || /[\\/:\u0000]/.test(s)) return null;
    out.push(s);
  }
  return out.length ? out : null;
}

async function serveFile(res: ServerResponse, root: string, rawPath: string): Promise<void> {
  const rel = safeRelative(rawPath);
  if (!rel) throw new HttpError(400, 'bad file path');
  const type = TYPES[path.extname(rel[rel.length - 1]!).toLowerCase()];
  if (!type) throw new HttpError(404, 'not found');
  const full = path.join(root, ...rel);
  let real: string;
  try {
    real = await realpath(full);
  } catch {
    throw new HttpError(404, 'not found');
  }
  const realRoot = await realpath(root);
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw new HttpError(403, 'outside the rekap folder');
  const st = await stat(real).catch(() => undefined);
  if (!st?.isFile()) throw new HttpError(404, 'not found');
  const data = await readFile(real);
  send(res, 200, data, type);
}

export async function startReviewServer(session: ReviewSession, opts: ServeOptions): Promise<ReviewServer> {
  const token = randomBytes(24).toString('base64url');
  let port = 0;
  const cookieName = () => `ikrar-review-${port}`;
  // Decisions are applied one at a time, in the order they arrive.
  let queue: Promise<unknown> = Promise.resolve();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new HttpError(403, 'wrong host');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      throw new HttpError(400, 'bad url');
    }
    const given =
      url.searchParams.get('token') ??
      (req.headers['x-ikrar-token'] as string | undefined) ??
      cookieToken(req, cookieName());
    if (!tokenOk(given ?? undefined, token)) throw new HttpError(403, 'token required');
    const raw = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    if (raw === '/' || raw === '/index.html') {
      if (method !== 'GET') throw new HttpError(405, 'method not allowed');
      send(res, 200, reviewPage(opts.strings, opts.lang), 'text/html; charset=utf-8', {
        'Set-Cookie': `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return;
    }
    if (raw === '/app.js') {
      if (method !== 'GET') throw new HttpError(405, 'method not allowed');
      send(res, 200, REVIEW_SCRIPT, 'text/javascript; charset=utf-8');
      return;
    }
    if (raw === '/api/state') {
      if (method !== 'GET') throw new HttpError(405, 'method not allowed');
      json(res, 200, reviewState(session));
      return;
    }
    if (raw === '/api/decide') {
      if (method !== 'POST') throw new HttpError(405, 'method not allowed');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'send JSON');
      let body: { id?: unknown; status?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as typeof body;
      } catch (e) {
        if (e instanceof HttpError) throw e;
        throw new HttpError(400, 'bad JSON');
      }
      const status = body?.status;
      if (typeof body?.id !== 'string' || !(status === 'signed' || status === 'unsigned' || status === null))
        throw new HttpError(400, 'give id and status (signed, unsigned or null)');
      const entry = reviewState(session).entries.find((e) => e.id === body.id);
      if (!entry) throw new HttpError(404, 'no such box to decide');
      const job = queue.then(() => decide(session, entry.document, entry.key, status));
      queue = job.catch(() => undefined);
      let recapError: string | null = null;
      try {
        await job;
      } catch (e) {
        opts.onError?.(e);
        if (!(e instanceof RecapNotUpdated))
          throw new HttpError(500, 'the decision could not be saved: ' + (e instanceof Error ? e.message : String(e)));
        recapError = e.message;
      }
      opts.onDecision?.(entry.id, status);
      json(res, 200, { saved: true, recapError, state: reviewState(session) });
      return;
    }
    if (raw.startsWith('/file/')) {
      if (method !== 'GET') throw new HttpError(405, 'method not allowed');
      await serveFile(res, session.dir, raw.slice('/file/'.length));
      return;
    }
    throw new HttpError(404, 'not found');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) send(res, e.status, e.message + '\n');
      else {
        opts.onError?.(e);
        send(res, 500, 'internal error\n');
      }
    });
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        void queue.then(() => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }),
  };
}
