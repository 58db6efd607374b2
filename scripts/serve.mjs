#!/usr/bin/env node
// Tiny dependency-free static file server for the built site.
//
//   node scripts/serve.mjs [folder]      (default: dist/ of this repository)
//   PORT=8080 node scripts/serve.mjs     (default port 8000; 0 picks a free one)
//
// Binds to 127.0.0.1 only. GET/HEAD only, no directory listing (a folder is
// served through its index.html or not at all), refuses paths that leave the
// root (also through symlinks).
//
// Like any static host:
//   - Compression: brotli or gzip (node:zlib) as the request's Accept-Encoding
//     allows, brotli preferred at equal q; `Vary: Accept-Encoding` on every
//     compressible type. Compressed bodies are made once and kept in memory,
//     keyed by file + mtime + size (so a rebuilt dist/ is picked up at once).
//     Brotli (quality 11) is made in the background, starting with the server;
//     until a file's brotli body is ready, browsers that take gzip get gzip.
//   - Validators: a strong ETag per file version (suffixed -br / -gz for the
//     compressed representations) and Last-Modified; If-None-Match (or, without
//     it, If-Modified-Since) answers 304 Not Modified.
//   - `Cache-Control: no-cache`: the browser keeps its copy but asks every time
//     (a 304 costs one small round trip). Nothing here is content-hashed:
//     index.html, main.js, pkg/hazard_hunt.js and its .wasm keep their names
//     across builds and must change together, so a max-age could pair a cached
//     glue file with a new wasm and break the page until it expired.
//
// As a module: `const { server, url } = await serve(root, 0)`.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

/** Extensions worth compressing (PNG is compressed already). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.wasm', '.txt', '.ico']);

const HOST = '127.0.0.1';
/** Larger files are streamed as they are. */
const MAX_COMPRESS_BYTES = 8 * 1024 * 1024;
/** Upper bound on the memory the compressed-body cache may hold. */
const CACHE_LIMIT_BYTES = 64 * 1024 * 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Brotli at quality 11, the best (what hosts that precompress use): about 8 %
// smaller than quality 5-9 on the wasm, but about 2-3 s of CPU for it, so it is
// only ever made in the background (see pickBody). gzip -9 takes milliseconds.
const ENCODERS = {
  br: (buf) =>
    brotli(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }),
  gzip: (buf) => gzip(buf, { level: 9 }),
};
/** Encodings that are slow to make: a request does not wait for them when it can take another. */
const SLOW = new Set(['br']);
const ETAG_SUFFIX = { br: '-br', gzip: '-gz' };

/**
 * Compressed bodies: key → Buffer, or null when compression does not make the
 * file smaller (it is sent as it is). Shared by every server of this process;
 * the Map's insertion order doubles as the LRU list.
 */
const compressed = new Map();
/** key → Promise of the same, while it is being made (one job per key). */
const inflight = new Map();
let cachedBytes = 0;

const cacheKey = (file, stat, encoding) => `${encoding}\0${file}\0${stat.mtimeMs}\0${stat.size}`;

function remember(key, body) {
  if (compressed.has(key)) return;
  compressed.set(key, body);
  cachedBytes += body ? body.length : 0;
  for (const [k, v] of compressed) {
    if (cachedBytes <= CACHE_LIMIT_BYTES) break;
    compressed.delete(k);
    cachedBytes -= v ? v.length : 0;
  }
}

/** Cached body (Buffer or null), or undefined when not made yet. */
function cached(key) {
  if (!compressed.has(key)) return undefined;
  const body = compressed.get(key);
  compressed.delete(key); // most recently used goes last
  compressed.set(key, body);
  return body;
}

/** Makes (once) and caches the compressed body of `file`; resolves to it or null. */
function compress(file, stat, encoding) {
  const key = cacheKey(file, stat, encoding);
  let job = inflight.get(key);
  if (!job) {
    job = (async () => {
      const raw = await fsp.readFile(file);
      const out = await ENCODERS[encoding](raw);
      const body = out.length < raw.length ? out : null;
      // Changed since the stat: serve this once, cache nothing.
      if (raw.length === stat.size) remember(key, body);
      return body;
    })().finally(() => inflight.delete(key));
    inflight.set(key, job);
  }
  return job;
}

/**
 * The representation to send: [encoding, body] with body null for identity.
 * `accepted` lists the encodings the client takes, best first. A slow encoding
 * (brotli) that is not ready yet is started in the background and skipped when
 * a fast one is also accepted, so no request waits seconds for the compressor.
 */
async function pickBody(file, stat, accepted) {
  for (let i = 0; i < accepted.length; i++) {
    const enc = accepted[i];
    const hit = cached(cacheKey(file, stat, enc));
    if (hit === null) continue; // not worth compressing in this encoding
    if (hit) return [enc, hit];
    if (SLOW.has(enc) && accepted.slice(i + 1).some((e) => !SLOW.has(e))) {
      compress(file, stat, enc).catch(() => {});
      continue;
    }
    const body = await compress(file, stat, enc);
    if (body) return [enc, body];
  }
  return ['identity', null];
}

function parseAcceptEncoding(header) {
  const q = new Map();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name.trim()) continue;
    let weight = 1;
    for (const p of params) {
      const m = p.trim().match(/^q=([0-9.]+)$/);
      if (m) weight = Number(m[1]);
    }
    if (Number.isFinite(weight)) q.set(name.trim(), weight);
  }
  return q;
}

/**
 * The encodings this server can send that an Accept-Encoding header allows,
 * best first: q-values honoured (q=0 refuses), `*` covers unnamed ones,
 * brotli before gzip at equal q. Empty: send the file as it is.
 */
export function acceptedEncodings(acceptEncoding) {
  const q = parseAcceptEncoding(acceptEncoding);
  const weightOf = (enc) => (q.has(enc) ? q.get(enc) : q.has('*') ? q.get('*') : 0);
  return ['br', 'gzip']
    .map((enc, order) => ({ enc, w: weightOf(enc), order }))
    .filter((x) => x.w > 0)
    .sort((x, y) => y.w - x.w || x.order - y.order)
    .map((x) => x.enc);
}

/** The preferred encoding for an Accept-Encoding header: 'br', 'gzip' or 'identity'. */
export function negotiate(acceptEncoding) {
  return acceptedEncodings(acceptEncoding)[0] || 'identity';
}

/** Strong validator of one file version: size and mtime, like most static hosts. */
function baseEtag(stat) {
  return `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
}

/** Does If-None-Match name this file version (in any of its representations)? */
function etagMatches(ifNoneMatch, base) {
  const want = base.slice(1, -1);
  for (let tag of ifNoneMatch.split(',')) {
    tag = tag.trim();
    if (tag === '*') return true;
    if (tag.startsWith('W/')) tag = tag.slice(2);
    if (!tag.startsWith('"') || !tag.endsWith('"') || tag.length < 2) continue;
    let opaque = tag.slice(1, -1);
    for (const sfx of Object.values(ETAG_SUFFIX)) {
      if (opaque.endsWith(sfx)) opaque = opaque.slice(0, -sfx.length);
    }
    if (opaque === want) return true;
  }
  return false;
}

/** RFC 9110 §13.2.2: If-None-Match decides when present, else If-Modified-Since. */
function notModified(req, stat, base) {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) return etagMatches(inm, base);
  const ims = req.headers['if-modified-since'];
  if (ims) {
    const t = Date.parse(ims);
    if (!Number.isNaN(t)) return Math.floor(stat.mtimeMs / 1000) * 1000 <= t;
  }
  return false;
}

function send(res, status, body, headers = {}) {
  const text = body == null ? '' : String(body);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

function isInside(root, p) {
  return p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

async function handle(realRoot, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'Bad Request\n');
  }
  if (pathname.includes('\0') || pathname.includes('\\')) {
    return send(res, 400, 'Bad Request\n');
  }
  // Refuse any `..` segment outright (URL parsing already folds literal ones;
  // this catches encoded %2e%2e and %2f tricks), then double-check the result.
  if (pathname.split('/').includes('..')) {
    return send(res, 403, 'Forbidden\n');
  }
  let file = path.resolve(realRoot, '.' + pathname);
  if (!isInside(realRoot, file)) return send(res, 403, 'Forbidden\n');

  let real;
  let stat;
  try {
    real = await fsp.realpath(file);
    if (!isInside(realRoot, real)) return send(res, 403, 'Forbidden\n');
    stat = await fsp.stat(real);
    if (stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        // Relative links inside an index.html need the trailing slash.
        const index = path.join(real, 'index.html');
        if (!fs.existsSync(index)) return send(res, 404, 'Not Found\n');
        const u = new URL(req.url, 'http://localhost');
        return send(res, 301, '', { Location: u.pathname + '/' + u.search });
      }
      real = await fsp.realpath(path.join(real, 'index.html'));
      if (!isInside(realRoot, real)) return send(res, 403, 'Forbidden\n');
      stat = await fsp.stat(real);
    }
    if (!stat.isFile()) return send(res, 404, 'Not Found\n');
  } catch {
    return send(res, 404, 'Not Found\n');
  }

  const ext = path.extname(real).toLowerCase();
  const type = MIME_TYPES[ext] || 'application/octet-stream';
  const compressible = COMPRESSIBLE.has(ext) && stat.size > 0 && stat.size <= MAX_COMPRESS_BYTES;
  const base = baseEtag(stat);
  const headers = {
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    'Last-Modified': new Date(stat.mtimeMs).toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  if (compressible) headers.Vary = 'Accept-Encoding';

  const accepted = compressible ? acceptedEncodings(req.headers['accept-encoding']) : [];
  const [encoding, body] = await pickBody(real, stat, accepted);
  headers.ETag = encoding === 'identity' ? base : `${base.slice(0, -1)}${ETAG_SUFFIX[encoding]}"`;

  if (notModified(req, stat, base)) {
    res.writeHead(304, headers);
    return res.end();
  }
  if (encoding !== 'identity') {
    headers['Content-Encoding'] = encoding;
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    return res.end(req.method === 'HEAD' ? undefined : body);
  }
  headers['Content-Length'] = stat.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD' || stat.size === 0) return res.end();
  // Exactly the announced bytes: a file rewritten while it is being sent (a
  // rebuild) must not put stray bytes on a keep-alive connection, nor leave the
  // browser waiting for bytes that never come.
  const stream = fs.createReadStream(real, { start: 0, end: stat.size - 1 });
  let sent = 0;
  stream.on('data', (chunk) => {
    sent += chunk.length;
  });
  stream.on('end', () => {
    if (sent !== stat.size) res.destroy();
  });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Compress every compressible file under `dir` into the cache, in the background. */
async function warm(dir, realRoot) {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await warm(p, realRoot);
    else if (e.isFile() && COMPRESSIBLE.has(path.extname(e.name).toLowerCase())) {
      try {
        const real = await fsp.realpath(p);
        if (!isInside(realRoot, real)) continue;
        const stat = await fsp.stat(real);
        if (stat.size === 0 || stat.size > MAX_COMPRESS_BYTES) continue;
        for (const enc of Object.keys(ENCODERS)) await compress(real, stat, enc);
      } catch {
        // A file that vanished or cannot be read is the request's problem, not ours.
      }
    }
  }
}

/**
 * Serve `root` on 127.0.0.1:`port` (0 = any free port).
 * `options.warm` (default true) compresses the site into the cache right after
 * start, off the event loop (zlib's thread pool); `warmed` resolves when done.
 * @returns {Promise<{server: http.Server, url: string, warmed: Promise<void>}>} url ends with '/'.
 */
export async function serve(root, port = 0, { warm: warmUp = true } = {}) {
  const realRoot = await fsp.realpath(path.resolve(root));
  if (!(await fsp.stat(realRoot)).isDirectory()) {
    throw new Error(`serve: ${root} is not a directory`);
  }
  const server = http.createServer((req, res) => {
    handle(realRoot, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const warmed = warmUp ? warm(realRoot, realRoot) : Promise.resolve();
  const { port: actual } = server.address();
  return { server, url: `http://${HOST}:${actual}/`, warmed };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = process.argv[2] ? path.resolve(process.argv[2]) : path.join(here, '..', 'dist');
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 8000 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad PORT ${process.env.PORT}`);
    process.exit(2);
  }
  if (!fs.existsSync(root)) {
    console.error(`serve: ${root} does not exist (run scripts/build.sh first)`);
    process.exit(1);
  }
  const { server, url } = await serve(root, port);
  console.log(`Serving ${root} at ${url}`);
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
