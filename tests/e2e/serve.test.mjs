// scripts/serve.mjs as a static host: compression negotiated on Accept-Encoding,
// content types, ETag / Last-Modified revalidation, and its safety checks.
// Runs against a small folder made for the test (no build needed); requests go
// through node:http so the exact path and headers reach the server unchanged.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, negotiate, acceptedEncodings } from '../../scripts/serve.mjs';

let tmp;
let root;
let server;
let base;

// Compressible content: repetitive enough that both encoders shrink it.
const HTML = `<!doctype html><title>t</title>${'<p>hazard hunt 找隐患</p>\n'.repeat(200)}`;
const SW = `self.addEventListener('fetch', () => {});\n${'// precache list\n'.repeat(50)}`;
const WASM = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(4096, 7)]);

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-test-'));
  root = path.join(tmp, 'site');
  fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
  fs.mkdirSync(path.join(root, 'sub'));
  fs.writeFileSync(path.join(root, 'index.html'), HTML);
  fs.writeFileSync(path.join(root, 'pkg', 'game_bg.wasm'), WASM);
  fs.writeFileSync(path.join(root, 'sub', 'index.html'), '<p>sub</p>');
  fs.writeFileSync(path.join(root, 'tiny.txt'), 'x');
  fs.writeFileSync(path.join(root, 'sw.js'), SW);
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'link.txt'));
  let warmed;
  ({ server, url: base, warmed } = await serve(root, 0));
  await warmed; // brotli of every file is ready (it is made in the background)
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Raw request: {status, headers, body: Buffer (undecoded)}. */
function request(rawPath, { method = 'GET', headers = {} } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

test('brotli when the browser accepts it (br preferred over gzip)', async () => {
  const r = await request('/', { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'br');
  assert.equal(r.headers.vary, 'Accept-Encoding');
  assert.equal(Number(r.headers['content-length']), r.body.length);
  assert.ok(r.body.length < Buffer.byteLength(HTML), 'brotli body is smaller than the file');
  assert.equal(zlib.brotliDecompressSync(r.body).toString(), HTML);
  assert.match(r.headers.etag, /^"[0-9a-f]+-[0-9a-f]+-br"$/);
});

test('gzip when brotli is not accepted', async () => {
  const r = await request('/index.html', { headers: { 'Accept-Encoding': 'gzip, br;q=0' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.equal(r.headers.vary, 'Accept-Encoding');
  assert.equal(zlib.gunzipSync(r.body).toString(), HTML);
  assert.match(r.headers.etag, /-gz"$/);
});

test('gzip while the brotli body is still being made, brotli once it is ready', async () => {
  // A file the start-up warm-up has not seen: its brotli body does not exist yet.
  const file = path.join(root, 'late.html');
  fs.writeFileSync(file, HTML.replace('hazard', 'late'));
  const first = await request('/late.html', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
  assert.equal(first.status, 200);
  assert.equal(first.headers['content-encoding'], 'gzip', 'does not wait for brotli');
  assert.equal(zlib.gunzipSync(first.body).toString(), HTML.replace('hazard', 'late'));
  let enc;
  for (let i = 0; i < 100 && enc !== 'br'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    enc = (await request('/late.html', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })).headers['content-encoding'];
  }
  assert.equal(enc, 'br', 'brotli once it has been made');
  // A browser that takes only brotli waits for it rather than getting nothing.
  fs.writeFileSync(path.join(root, 'late2.html'), HTML);
  const onlyBr = await request('/late2.html', { headers: { 'Accept-Encoding': 'br' } });
  assert.equal(onlyBr.headers['content-encoding'], 'br');
  assert.equal(zlib.brotliDecompressSync(onlyBr.body).toString(), HTML);
});

test('identity when no encoding is asked for', async () => {
  for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'deflate' }]) {
    const r = await request('/index.html', { headers });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], undefined, JSON.stringify(headers));
    assert.equal(r.headers.vary, 'Accept-Encoding', 'Vary also on the uncompressed answer');
    assert.equal(r.body.toString(), HTML);
    assert.equal(Number(r.headers['content-length']), Buffer.byteLength(HTML));
  }
  // Not worth compressing (one byte): sent as it is.
  const tiny = await request('/tiny.txt', { headers: { 'Accept-Encoding': 'br, gzip' } });
  assert.equal(tiny.headers['content-encoding'], undefined);
  assert.equal(tiny.body.toString(), 'x');
});

test('Accept-Encoding negotiation follows q-values and *', () => {
  assert.deepEqual(acceptedEncodings('gzip, deflate, br, zstd'), ['br', 'gzip']);
  assert.deepEqual(acceptedEncodings('br;q=0.2, gzip;q=0.8'), ['gzip', 'br']);
  assert.deepEqual(acceptedEncodings('identity'), []);
  assert.equal(negotiate(undefined), 'identity');
  assert.equal(negotiate(''), 'identity');
  assert.equal(negotiate('gzip, br'), 'br');
  assert.equal(negotiate('br;q=0.5, gzip'), 'gzip');
  assert.equal(negotiate('br;q=0, gzip;q=0'), 'identity');
  assert.equal(negotiate('*'), 'br');
  assert.equal(negotiate('*;q=0.1, br;q=0'), 'gzip');
  assert.equal(negotiate('BR'), 'br');
});

test('.wasm is application/wasm (needed for streaming compilation), compressed too', async () => {
  const r = await request('/pkg/game_bg.wasm', { headers: { 'Accept-Encoding': 'br' } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/wasm');
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['content-encoding'], 'br');
  assert.deepEqual(zlib.brotliDecompressSync(r.body), WASM);
  const html = await request('/');
  assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
});

test('sw.js (the kiosk\'s service worker) is JavaScript and always revalidated', async () => {
  // A service worker script must be served with a JavaScript type or the browser
  // refuses to register it; no-cache makes every update check see a new build at once.
  for (const headers of [{}, { 'Accept-Encoding': 'br, gzip' }]) {
    const r = await request('/sw.js', { headers });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    const body = r.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(r.body) : r.body;
    assert.equal(body.toString(), SW);
  }
});

test('a repeated request with the ETag gets 304 and no body', async () => {
  for (const enc of ['br', 'gzip', 'identity']) {
    const first = await request('/pkg/game_bg.wasm', { headers: { 'Accept-Encoding': enc } });
    assert.equal(first.status, 200);
    assert.equal(first.headers['cache-control'], 'no-cache');
    assert.ok(first.headers.etag, 'has an ETag');
    assert.ok(first.headers['last-modified'], 'has Last-Modified');
    const again = await request('/pkg/game_bg.wasm', {
      headers: { 'Accept-Encoding': enc, 'If-None-Match': first.headers.etag },
    });
    assert.equal(again.status, 304, `304 for ${enc}`);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, first.headers.etag);
    assert.equal(again.headers.vary, 'Accept-Encoding');
  }
  // HEAD revalidates the same way.
  const head = await request('/', { method: 'HEAD' });
  const headAgain = await request('/', { method: 'HEAD', headers: { 'If-None-Match': head.headers.etag } });
  assert.equal(headAgain.status, 304);
  // Another tag, or the file changed: a full answer again.
  const other = await request('/', { headers: { 'If-None-Match': '"1-1"' } });
  assert.equal(other.status, 200);
  const file = path.join(root, 'index.html');
  const stale = (await request('/')).headers.etag;
  fs.writeFileSync(file, HTML + '<p>rebuilt</p>');
  fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const changed = await request('/', { headers: { 'If-None-Match': stale, 'Accept-Encoding': 'br' } });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.etag, stale);
  assert.equal(zlib.brotliDecompressSync(changed.body).toString(), HTML + '<p>rebuilt</p>', 'no stale cached body');
  fs.writeFileSync(file, HTML);
});

test('If-Modified-Since gets 304 when the file is not newer', async () => {
  const first = await request('/sub/');
  assert.equal(first.status, 200);
  const again = await request('/sub/', { headers: { 'If-Modified-Since': first.headers['last-modified'] } });
  assert.equal(again.status, 304);
  const old = await request('/sub/', { headers: { 'If-Modified-Since': new Date(0).toUTCString() } });
  assert.equal(old.status, 200);
});

test('paths leaving the root are refused', async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/sub/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/sub/..%5c..%5csecret.txt']) {
    const r = await request(p);
    assert.ok([400, 403, 404].includes(r.status), `${p} refused (got ${r.status})`);
    assert.ok(!r.body.toString().includes('secret'), `${p} does not leak the file`);
  }
  const viaLink = await request('/link.txt');
  assert.equal(viaLink.status, 403, 'a symlink pointing outside the root is refused');
});

test('only GET and HEAD; folders only through index.html', async () => {
  const post = await request('/', { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
  const redirect = await request('/sub?x=1');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.location, '/sub/?x=1');
  assert.equal((await request('/pkg/')).status, 404, 'no listing of a folder without index.html');
});
