#!/usr/bin/env node
// Size report of the built site, raw and gzip (zlib level 9, so the numbers
// are deterministic), with a budget:
//   - the wasm module(s) of dist/pkg/ at most 250 KiB gzip in total
//   - the whole of dist/ at most 600 KiB gzip (sum of per-file gzip sizes,
//     i.e. what a browser transfers when the server compresses each file)
// Exits 1 when over budget, 2 when dist/ is missing or has no wasm.
//
//   node scripts/size.mjs [--dist DIR]

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const KIB = 1024;
export const WASM_BUDGET_GZIP = 250 * KIB;
export const TOTAL_BUDGET_GZIP = 600 * KIB;

const here = path.dirname(fileURLToPath(import.meta.url));
let dist = path.join(here, '..', 'dist');
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--dist' && args[i + 1]) dist = path.resolve(args[++i]);
  else {
    console.error(`size.mjs: unknown argument ${args[i]}`);
    process.exit(2);
  }
}

if (!fs.existsSync(dist) || !fs.statSync(dist).isDirectory()) {
  console.error(`size.mjs: ${dist} does not exist (run scripts/build.sh)`);
  process.exit(2);
}

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const files = walk(dist).map((abs) => {
  const rel = path.relative(dist, abs).split(path.sep).join('/');
  const buf = fs.readFileSync(abs);
  return { rel, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
});

const sum = (list) => list.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });

const wasm = files.filter((f) => /^pkg\/[^/]+\.wasm$/.test(f.rel));
const glue = files.filter((f) => /^pkg\/[^/]+\.m?js$/.test(f.rel));
const sprites = files.filter((f) => /^assets\/sprites\/.+\.svg$/.test(f.rel));
const scenes = files.filter((f) => /^assets\/scenes\/.+\.json$/.test(f.rel));
const www = files.filter((f) => !f.rel.startsWith('pkg/') && !f.rel.startsWith('assets/'));
const counted = new Set([...wasm, ...glue, ...sprites, ...scenes, ...www]);
const other = files.filter((f) => !counted.has(f));

if (wasm.length === 0) {
  console.error(`size.mjs: no dist/pkg/*.wasm in ${dist} (run scripts/build.sh)`);
  process.exit(2);
}

const rows = [];
for (const f of wasm) rows.push([`wasm   ${f.rel}`, f]);
for (const f of glue) rows.push([`glue   ${f.rel}`, f]);
for (const f of www) rows.push([`www    ${f.rel}`, f]);
rows.push([`sprites (${sprites.length} files)`, sum(sprites)]);
rows.push([`scenes  (${scenes.length} files)`, sum(scenes)]);
if (other.length <= 4) for (const f of other) rows.push([`other  ${f.rel}`, f]);
else rows.push([`other   (${other.length} files)`, sum(other)]);
const total = sum(files);
const wasmTotal = sum(wasm);

const fmt = (n) => n.toLocaleString('en-US');
const kib = (n) => `${(n / KIB).toFixed(1)} KiB`;
const w0 = Math.max(...rows.map((r) => r[0].length), 24);
const line = (a, b, c) => `${a.padEnd(w0)}  ${b.padStart(12)}  ${c.padStart(12)}`;
console.log(line('file', 'raw bytes', 'gzip bytes'));
console.log('-'.repeat(w0 + 28));
for (const [name, s] of rows) console.log(line(name, fmt(s.raw), fmt(s.gzip)));
console.log('-'.repeat(w0 + 28));
console.log(line(`total dist/ (${files.length} files)`, fmt(total.raw), fmt(total.gzip)));
console.log();

let ok = true;
const check = (label, value, budget) => {
  const pass = value <= budget;
  ok &&= pass;
  console.log(`${pass ? 'ok  ' : 'OVER'}  ${label}: ${kib(value)} gzip (budget ${kib(budget)})`);
};
check('wasm', wasmTotal.gzip, WASM_BUDGET_GZIP);
check('dist/ total', total.gzip, TOTAL_BUDGET_GZIP);
process.exit(ok ? 0 : 1);
