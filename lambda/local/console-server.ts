/**
 * `bantin local`'s web console: an HTTP server on 127.0.0.1 serving the built app (dist/console),
 * `/config.json` (no sign-in: `auth: null`), `/api/*` through the same router as on AWS with the
 * user `local` (editor and reader), and a UrlSigner whose URLs point back here:
 * `PUT /local-upload/<token>` writes the file into the bucket with its metadata (so it takes the
 * normal s3rver event path), `GET /local-download/<token>` streams an object from the store.
 *
 * Loopback only, and a page of another site cannot drive it: requests must name this server as
 * their Host (no DNS rebinding), and API writes need a JSON body from this origin.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleConsoleRequest } from '../console/api.ts';
import type { ConsoleConfig, ConsoleUser, UploadFile, UploadInstruction, UrlSigner } from '../console/contract.ts';
import type { PipelineConfig } from '../pipeline/config.ts';
import { errorFields, type Logger } from '../pipeline/log.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** Where `npm ci` (scripts/build-console.mjs) puts the built app. */
export const CONSOLE_APP_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));
export const LOCAL_USER: ConsoleUser = { name: 'local', groups: ['editors', 'readers'] };
const GRANT_MS = 15 * 60 * 1000;
const MAX_JSON_BYTES = 1024 * 1024;

export type PutUpload = (key: string, body: Buffer, contentType: string, metadata: Record<string, string>) => Promise<void>;

interface Grant {
  kind: 'upload' | 'download';
  key: string;
  expires: number;
  contentType: string;
  fileName?: string;
  maxBytes?: number;
  metadata?: Record<string, string>;
}

/** Signs URLs of this server instead of S3's: single-use upload tokens, short-lived download tokens. */
export class LocalUrlSigner implements UrlSigner {
  private readonly grants = new Map<string, Grant>();

  private grant(g: Omit<Grant, 'expires'>): string {
    const now = Date.now();
    for (const [t, old] of this.grants) if (old.expires < now) this.grants.delete(t);
    const token = randomBytes(18).toString('base64url');
    this.grants.set(token, { ...g, expires: now + GRANT_MS });
    return token;
  }

  async upload(key: string, file: UploadFile, maxBytes: number): Promise<UploadInstruction> {
    const metadata: Record<string, string> = {};
    if (file.sourceUrl) metadata['source-url'] = file.sourceUrl;
    if (file.publishedAt) metadata['published-at'] = file.publishedAt;
    const contentType = file.type || 'text/plain';
    const token = this.grant({ kind: 'upload', key, contentType, maxBytes, metadata });
    return { method: 'PUT', url: `/local-upload/${token}`, headers: { 'Content-Type': contentType } };
  }

  async download(key: string, fileName: string, contentType: string): Promise<string> {
    return `/local-download/${this.grant({ kind: 'download', key, fileName, contentType })}`;
  }

  /** The grant of a token, once for uploads; null when unknown or expired. */
  take(token: string, kind: Grant['kind']): Grant | null {
    const g = this.grants.get(token);
    if (!g || g.kind !== kind || g.expires < Date.now()) return null;
    if (kind === 'upload') this.grants.delete(token);
    return g;
  }
}

export interface ConsoleServerOptions {
  port: number;
  store: ObjectStore;
  config: PipelineConfig;
  log: Logger;
  putUpload: PutUpload;
  /** The built app; defaults to dist/console of this checkout. */
  appDir?: string;
}

export interface ConsoleServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
};

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: string | Buffer | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void =>
  send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8', ...headers });

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > max) throw new HttpError(413, `The file is ${declared} bytes; the limit is ${max} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, `The file is larger than the limit of ${max} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266). */
function disposition(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { store, config, log } = options;
  const appDir = options.appDir ?? CONSOLE_APP_DIR;
  const signer = new LocalUrlSigner();
  const consoleConfig: ConsoleConfig = { auth: null, maxUploadBytes: config.maxUploadBytes };
  let origin = '';
  let hosts = new Set<string>();

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const name = pathname === '/' ? 'index.html' : pathname.slice(1);
    if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) throw new HttpError(404, 'Not found.');
    let body: Buffer;
    try {
      body = await readFile(path.join(appDir, name));
    } catch {
      if (name === 'index.html') throw new HttpError(503, 'The console is not built: run `npm ci` (or `npm run build:cli`) in the bantin folder, then start `bantin local` again.');
      throw new HttpError(404, 'Not found.');
    }
    send(res, 200, body, { 'Content-Type': STATIC_TYPES[path.extname(name)] ?? 'application/octet-stream' });
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let body: unknown = null;
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'DELETE') {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'The API takes JSON bodies (Content-Type: application/json).');
      const raw = await readBody(req, MAX_JSON_BYTES);
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : null;
      } catch {
        throw new HttpError(400, 'The request body is not valid JSON.');
      }
    }
    const query = Object.fromEntries(url.searchParams);
    const out = await handleConsoleRequest(
      { method: req.method ?? 'GET', path: url.pathname, query, body, user: LOCAL_USER },
      { store, signer, config, maxUploadBytes: config.maxUploadBytes, log, local: true },
    );
    sendJson(res, out.status, out.body, out.headers);
  }

  async function serveUpload(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    if (req.method !== 'PUT') throw new HttpError(405, 'Uploads are sent with PUT.');
    const grant = signer.take(token, 'upload');
    if (!grant) throw new HttpError(403, 'This upload link is unknown or has expired; add the file again.');
    const bytes = await readBody(req, grant.maxBytes!);
    await options.putUpload(grant.key, bytes, grant.contentType, grant.metadata ?? {});
    send(res, 200, '');
  }

  async function serveDownload(res: ServerResponse, token: string): Promise<void> {
    const grant = signer.take(token, 'download');
    if (!grant) throw new HttpError(403, 'This download link is unknown or has expired; ask for it again.');
    const bytes = await store.get(grant.key);
    if (!bytes) throw new HttpError(404, 'The file is no longer there.');
    send(res, 200, Buffer.from(bytes), { 'Content-Type': grant.contentType, 'Content-Disposition': disposition(grant.fileName ?? 'download') });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) throw new HttpError(421, 'This server answers only at its own address on 127.0.0.1.');
    const requestOrigin = req.headers.origin;
    if (requestOrigin && !hosts.has(requestOrigin.replace(/^http:\/\//, ''))) throw new HttpError(403, 'Requests from other sites are refused.');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) return serveApi(req, res, url);
    const upload = /^\/local-upload\/([\w-]+)$/.exec(url.pathname);
    if (upload) return serveUpload(req, res, upload[1]!);
    const download = /^\/local-download\/([\w-]+)$/.exec(url.pathname);
    if (download) return serveDownload(res, download[1]!);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Only GET here.');
    if (url.pathname === '/config.json') return sendJson(res, 200, consoleConfig);
    return serveStatic(res, url.pathname);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpError) return sendJson(res, error.status, { error: { code: String(error.status), message: error.message } }, { Connection: 'close' });
      log.error('console server request failed', { url: req.url, ...errorFields(error) });
      sendJson(res, 500, { error: { code: 'internal', message: 'Something went wrong on the server; the error is logged.' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: `${origin}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
