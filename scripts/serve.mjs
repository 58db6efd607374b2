#!/usr/bin/env node
// Tiny dependency-free static file server for the built site.
//
//   node scripts/serve.mjs [folder]      (default: dist/ of this repository)
//   PORT=8080 node scripts/serve.mjs     (default port 8000; 0 picks a free one)
//
// Binds to 127.0.0.1 only. GET/HEAD only, no directory listing (a folder is
// served through its index.html or not at all), refuses paths that leave the
// root (also through symlinks), `Cache-Control: no-cache` on every response.
//
// As a module: `const { server, url } = await serve(root, 0)`.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
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

const HOST = '127.0.0.1';

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

  const type = MIME_TYPES[path.extname(real).toLowerCase()] || 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') return res.end();
  const stream = fs.createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * Serve `root` on 127.0.0.1:`port` (0 = any free port).
 * @returns {Promise<{server: http.Server, url: string}>} url ends with '/'.
 */
export async function serve(root, port = 0) {
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
  const { port: actual } = server.address();
  return { server, url: `http://${HOST}:${actual}/` };
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
