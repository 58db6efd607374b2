#!/usr/bin/env node
// The offline downloads, made from a built dist/ (scripts/build.sh runs this):
//
//   dist/hazard-hunt.html       the whole game in one file that plays from disk
//                               (file://), with no server and no network: the CSS in a
//                               <style>, the wasm-bindgen glue and main.js in one inline
//                               module, the wasm as base64, every scene, the catalogue
//                               and every sprite as text blocks (<script type="text/plain"
//                               data-path="assets/…">, never run) that the module puts in
//                               globalThis.__hazardHuntFiles, where src/web/load.rs looks
//                               before it would fetch. Plus the SCORM 1.2 adapter
//                               (scripts/scorm-adapter.js), idle without an LMS.
//                               Its CSP allows only these inline scripts and style by
//                               hash, wasm, and data: images; nothing may connect.
//   dist/hazard-hunt-scorm.zip  SCORM 1.2 package: imsmanifest.xml + that same file.
//
// Reproducible: the same dist/ gives byte-identical files (sorted inputs, no dates;
// zip entries dated 1980-01-01 00:00).
//
//   node scripts/single.mjs [--dist DIR]

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip } from './zip.mjs';

export const SINGLE_NAME = 'hazard-hunt.html';
export const SCORM_NAME = 'hazard-hunt-scorm.zip';

const here = path.dirname(fileURLToPath(import.meta.url));
let dist = path.join(here, '..', 'dist');
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dist' && args[i + 1]) dist = path.resolve(args[++i]);
  else die(`unknown argument ${args[i]} (usage: node scripts/single.mjs [--dist DIR])`);
}

function die(msg) {
  console.error(`single.mjs: ${msg}`);
  process.exit(1);
}

const read = (rel) => {
  const p = path.join(dist, rel);
  if (!fs.existsSync(p)) die(`${p} missing (run scripts/build.sh)`);
  return fs.readFileSync(p, 'utf8');
};

/** `text` with `from` replaced by `to`, which must occur exactly once. */
function once(text, from, to, what) {
  const n = text.split(from).length - 1;
  if (n !== 1) die(`${what}: expected exactly one ${JSON.stringify(from)}, found ${n} (did the file change?)`);
  return text.replace(from, () => to);
}

/** Text that sits inside a <script> or <style> element as it is. */
function rawText(text, what, tag) {
  if (new RegExp(`<\\/?${tag}`, 'i').test(text) || (tag === 'script' && /<!--/.test(text) && /<script/i.test(text))) {
    die(`${what} contains "<${tag}" or "</${tag}": it cannot sit inside a <${tag}> element`);
  }
  return text;
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const escAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// --- what goes in -------------------------------------------------------------------
const indexHtml = read('index.html');
/** The stylesheets index.html links, in order: one inline <style> in their place. */
const sheets = [...indexHtml.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]);
if (!sheets.includes('style.css')) die('index.html links no style.css');
const css = rawText(sheets.map((f) => read(f)).join('\n'), sheets.join(' + '), 'style');
const glue = read('pkg/hazard_hunt.js');
const mainJs = read('main.js');
const wasm = fs.readFileSync(path.join(dist, 'pkg/hazard_hunt_bg.wasm'));
const adapter = fs.readFileSync(path.join(here, 'scorm-adapter.js'), 'utf8');

/** Every file the game may fetch: catalogue, scenes, sprites, sorted by path. */
function assetFiles() {
  const out = [];
  const walk = (rel) => {
    const abs = path.join(dist, rel);
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (/\.(json|svg)$/.test(e.name)) out.push(r);
    }
  };
  walk('assets');
  return out.sort();
}
const assets = assetFiles();
if (!assets.includes('assets/catalogue.json')) die('dist/assets/catalogue.json missing');

// --- the module: glue, then main.js with the wasm passed in -------------------------
// The glue stays as it is (its exports are allowed in an inline module, and unused);
// main.js runs in a block of its own so its names cannot meet the glue's.
const IMPORT = "import init, { start } from './pkg/hazard_hunt.js';";
// main.js's other imports (`import { a, b } from './x.js';`, e.g. recovery.js): each
// module's text, its `export` keywords dropped, goes in main.js's block before it.
const helpers = [];
const mainRest = mainJs.replace(/^import \{[^}]*\} from '\.\/([\w-]+\.js)';\n/gm, (_, file) => {
  const text = read(file);
  if (/^\s*(import|export\s+(default|\{|\*))/m.test(text)) die(`${file}: only \`export const/function/class\` can be inlined`);
  helpers.push(`// ${file}\n${text.replace(/^export (?=(const|let|function|class|async function)\b)/gm, '')}`);
  return '';
});
const mainBody = once(
  mainRest,
  IMPORT,
  `// The files and the wasm this page carries (scripts/single.mjs).
const files = Object.create(null);
for (const el of document.querySelectorAll('script[type="text/plain"][data-path]')) {
  files[el.dataset.path] = el.textContent;
}
globalThis.__hazardHuntFiles = Object.freeze(files);
const wasmBytes = () => {
  const text = atob(document.getElementById('hazard-hunt-wasm').textContent.trim());
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
};
const init = () => __wbg_init({ module_or_path: wasmBytes() });`,
  'main.js',
);
if (!/^async function __wbg_init\(module_or_path\)/m.test(glue)) die('the glue has no `async function __wbg_init(module_or_path)`');
if (/^import\b/m.test(mainBody)) die('main.js has an import single.mjs cannot inline');
const moduleJs = rawText(`${glue}\n{\n${helpers.join('\n')}\n${mainBody}\n}\n`, 'glue + main.js', 'script');
const adapterJs = rawText(adapter, 'scorm-adapter.js', 'script');

// --- the page -------------------------------------------------------------------------
const csp = [
  "default-src 'none'",
  `script-src ${sha256(adapterJs)} ${sha256(moduleJs)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(css)}`,
  'img-src data:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = indexHtml;
html = html.replace(
  /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
  () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
);
if (!html.includes(csp)) die('index.html: no Content-Security-Policy meta to replace');
html = once(html, '<link rel="stylesheet" href="style.css">', '@@STYLE@@', 'index.html');
for (const f of sheets.filter((f) => f !== 'style.css')) {
  html = once(html, `\n  <link rel="stylesheet" href="${f}">`, '', 'index.html');
}
html = html.replace(/\n\s*<!-- Fetch the wasm-bindgen glue[\s\S]*?-->/, '');
html = once(html, '\n  <link rel="modulepreload" href="pkg/hazard_hunt.js">', '', 'index.html');
html = once(
  html,
  '\n  <link rel="preload" href="pkg/hazard_hunt_bg.wasm" as="fetch" type="application/wasm" crossorigin>',
  '',
  'index.html',
);
html = once(html, '<script type="module" src="main.js"></script>', '@@SCRIPTS@@', 'index.html');
html = once(html, '</body>', '@@FILES@@\n</body>', 'index.html');
// The page itself (before the inline texts go in) names no file but data: URLs.
const refs = [...html.matchAll(/\s(?:src|href)="(?!data:)[^"]*"/g)].map((m) => m[0].trim());
if (refs.length) die(`the single file would still load files: ${refs.join(', ')}`);
const blocks = [`<script type="text/plain" id="hazard-hunt-wasm">${wasm.toString('base64')}</script>`];
for (const rel of assets) {
  const text = rawText(read(rel), rel, 'script');
  blocks.push(`<script type="text/plain" data-path="${escAttr(rel)}">${text}</script>`);
}
html = once(html, '@@STYLE@@', `<style>${css}</style>`, 'page');
html = once(html, '@@SCRIPTS@@', `<script>${adapterJs}</script>\n  <script type="module">${moduleJs}</script>`, 'page');
html = once(html, '@@FILES@@', blocks.join('\n'), 'page');

// --- the SCORM 1.2 package --------------------------------------------------------------
const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<!-- SCORM 1.2 package of Hazard Hunt: one SCO, the single-file game (scripts/single.mjs). -->
<manifest identifier="hazard-hunt-scorm12" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1">
      <general>
        <title>
          <langstring xml:lang="zh-CN">找隐患</langstring>
          <langstring xml:lang="en">Hazard Hunt</langstring>
        </title>
        <description>
          <langstring xml:lang="zh-CN">在插画场景中找出隐藏的安全隐患，每找到一处就告诉你为什么危险、正确的做法是什么。</langstring>
          <langstring xml:lang="en">Find the hidden safety hazards in an illustrated scene; every find explains why it is dangerous and what the safe way is.</langstring>
        </description>
      </general>
    </lom>
  </metadata>
  <organizations default="hazard-hunt-org">
    <organization identifier="hazard-hunt-org">
      <title>找隐患 · Hazard Hunt</title>
      <item identifier="hazard-hunt-item" identifierref="hazard-hunt-sco" isvisible="true">
        <title>找隐患 · Hazard Hunt</title>
        <adlcp:masteryscore>60</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="hazard-hunt-sco" type="webcontent" adlcp:scormtype="sco" href="${SINGLE_NAME}">
      <file href="${SINGLE_NAME}"/>
    </resource>
  </resources>
</manifest>
`;

const single = Buffer.from(html, 'utf8');
const pkg = zip([
  { name: 'imsmanifest.xml', data: Buffer.from(manifest, 'utf8') },
  { name: SINGLE_NAME, data: single },
]);

/** Write through a temporary name: a reader never sees half a file. */
function put(name, data) {
  const p = path.join(dist, name);
  fs.writeFileSync(`${p}.tmp`, data);
  fs.renameSync(`${p}.tmp`, p);
}
put(SINGLE_NAME, single);
put(SCORM_NAME, pkg);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.error(
  `single.mjs: ${SINGLE_NAME} ${kib(single.length)} (${assets.length} files inside), ${SCORM_NAME} ${kib(pkg.length)}`,
);
