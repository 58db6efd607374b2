#!/usr/bin/env node
// Writes DIR/sw.js (default dist/) from the template www/sw.js: FILES becomes every
// file of DIR but sw.js and the offline downloads (sorted, paths relative to DIR, so relative to the worker's
// scope), VERSION a content hash of those files (their paths and bytes). The same
// files always give the same sw.js, byte for byte; any change gives a new version.
// scripts/build.sh runs it on the staged site. Prints the version.
//
//   node scripts/sw.mjs [DIR]

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = path.join(repo, 'www', 'sw.js');
/** The offline downloads (scripts/single.mjs): the whole game again, for use without a
 * server; a kiosk never loads them, so it does not keep them. */
export const DOWNLOADS = ['hazard-hunt.html', 'hazard-hunt-scorm.zip'];
const VERSION_MARK = "'SW_VERSION'";
const FILES_MARK = "['SW_FILES']";

/** Every file under `dir`, as sorted '/'-separated paths relative to `root`. */
function walk(dir, root = dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, root));
    else if (e.isFile()) out.push(path.relative(root, p).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The sw.js text for the site in `dir`: {text, version, files}. */
export function makeServiceWorker(dir) {
  const template = fs.readFileSync(TEMPLATE, 'utf8');
  for (const mark of [VERSION_MARK, FILES_MARK]) {
    if (template.split(mark).length !== 2) throw new Error(`${TEMPLATE} must hold ${mark} exactly once`);
  }
  const files = walk(dir).filter(
    (f) => f !== 'sw.js' && !DOWNLOADS.includes(f) && !f.split('/').some((part) => part.startsWith('.')),
  );
  const hash = crypto.createHash('sha256');
  for (const f of files) {
    hash.update(f + '\0');
    hash.update(crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest());
  }
  const version = hash.digest('hex').slice(0, 16);
  const list = `[\n${files.map((f) => `  ${JSON.stringify(f)},`).join('\n')}\n]`;
  const text = template.replace(VERSION_MARK, JSON.stringify(version)).replace(FILES_MARK, list);
  return { text, version, files };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = path.resolve(process.argv[2] || path.join(repo, 'dist'));
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`sw.mjs: ${dir}/index.html missing (run scripts/build.sh)`);
    process.exit(2);
  }
  const { text, version, files } = makeServiceWorker(dir);
  fs.writeFileSync(path.join(dir, 'sw.js'), text);
  console.log(`sw.js: version ${version}, ${files.length} files precached`);
}
