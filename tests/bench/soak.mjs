// Soak benchmark, figures only: many rounds in one page without a reload, as a kiosk
// runs for weeks. Drives the game only through the automation hook (reading points,
// lookAt) and real mouse clicks: Start, the scene's card in the picker (sewer and
// site in turn), every hazard, each card's close button, each question's Skip, then
// Play again from the results.
//
// Prints, at the start (before round 1), after the first round (warm) and at the end:
// the JS heap after a forced garbage collection (CDP HeapProfiler.collectGarbage, then
// Runtime.getHeapUsage), DOM nodes and event listeners (Performance.getMetrics), and
// the wasm linear memory (hazardHunt.memory()) with the length of the hook's event log
// (kept in that memory, at most 20,000 events); then the growth (target: under 5 MB),
// rounds per minute and console errors (target: zero).
//
// Exits non-zero only when the game breaks (a round cannot be played), never on a
// number. Not part of scripts/test.sh: 1,000 rounds take well over an hour.
//
//   node tests/bench/soak.mjs [--rounds N] [--reduced-motion]     (default 1000; after scripts/build.sh)
//
// --reduced-motion plays as a browser that asks for reduced motion: no ambient motion
// and no card slide-in, so rounds go faster; the rounds are otherwise the same.
//
// SOAK_EVERY=N prints the figures every N rounds (default 50); E2E_DIST=folder plays
// another built copy (default dist/), so a rebuild during a long run changes nothing.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCENES = ['sewer', 'site'];
const TIMEOUT = 15_000;
const EVERY = Math.max(1, Number(process.env.SOAK_EVERY) || 50);

let rounds = 1000;
let reducedMotion = false;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds' && /^[1-9]\d*$/.test(args[i + 1] ?? '')) rounds = Number(args[++i]);
  else if (args[i] === '--reduced-motion') reducedMotion = true;
  else {
    console.error(
      `soak.mjs: unknown argument ${args[i]}\nusage: node tests/bench/soak.mjs [--rounds N] [--reduced-motion]`,
    );
    process.exit(2);
  }
}

const DIST = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(repo, 'dist');
const { server, url } = await serve(DIST, 0);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const context = await browser.newContext({
  viewport: { width: 1920, height: 1080 },
  reducedMotion: reducedMotion ? 'reduce' : 'no-preference',
});
context.setDefaultTimeout(TIMEOUT);
const page = await context.newPage();
const errors = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(String(e?.stack || e)));
page.on('crash', () => errors.push('page crashed'));
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');

const screen = () => page.evaluate(() => window.hazardHunt.state().screen);
const waitScreen = (s) => page.waitForFunction((x) => window.hazardHunt.state().screen === x, s, { polling: 'raf' });

/** Heap and counts after a forced garbage collection. */
async function measure() {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const wasm = await page.evaluate(() => window.hazardHunt.memory());
  // The hook's own event log (?automation=1 only) keeps the newest 20,000 events in the
  // wasm memory: part of the growth here that a kiosk without the hook does not have.
  const log = await page.evaluate(() => window.hazardHunt.events().length);
  return { heap: heap.usedSize, heapTotal: heap.totalSize, nodes: m.Nodes, listeners: m.JSEventListeners, wasm, log };
}

/** The point of a hazard, brought into view (and into its view) when it is not. */
async function pointInView(id) {
  const read = async () => (await page.evaluate(() => window.hazardHunt.hazardPoints())).find((p) => p.id === id);
  let p = await read();
  const covered = (q) => page.evaluate(({ x, y }) => !document.elementFromPoint(x, y)?.closest('canvas#scene'), q);
  if (!p.visible || (await covered(p))) {
    if (!(await page.evaluate((i) => window.hazardHunt.lookAt(i), id))) throw new Error(`lookAt(${id}) refused`);
    await page.waitForFunction(() => !window.hazardHunt.state().camera.moving, null, { polling: 'raf' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    p = await read();
    if (!p.visible) throw new Error(`${id} not in view after lookAt`);
  }
  return p;
}

/** One whole round of `scene`, from the title back to the title. */
async function playRound(scene) {
  await page.click('#start');
  await page.waitForFunction(() => ['select', 'play'].includes(window.hazardHunt.state().screen), null, { polling: 'raf' });
  if ((await screen()) === 'select') await page.click(`#scene-list [data-scene="${scene}"]`);
  await waitScreen('play');
  await page.waitForFunction(() => !window.hazardHunt.state().camera.moving, null, { polling: 'raf' });
  const s = await page.evaluate(() => window.hazardHunt.state());
  if (s.sceneId !== scene) throw new Error(`playing ${s.sceneId}, not ${scene}`);
  for (let n = 0; ; n++) {
    const pts = await page.evaluate(() => window.hazardHunt.hazardPoints());
    if (pts.length === 0) break;
    if (n > s.total) throw new Error('finding every hazard does not end');
    const p = await pointInView(pts[0].id);
    await page.mouse.click(p.x, p.y);
    await waitScreen('card');
    await page.click('#card-close');
    await page.waitForFunction(() => window.hazardHunt.state().screen !== 'card', null, { polling: 'raf' });
    if ((await screen()) === 'question') {
      await page.click('#question-close');
      await page.waitForFunction(() => window.hazardHunt.state().screen !== 'question', null, { polling: 'raf' });
    }
  }
  await waitScreen('results');
  const end = await page.evaluate(() => window.hazardHunt.state());
  if (end.found.length !== end.total) throw new Error(`results with ${end.found.length} of ${end.total} found`);
  await page.click('#play-again');
  await waitScreen('title');
  return end.total;
}

const mb = (b) => `${(b / 1e6).toFixed(2)} MB`;
const row = (label, m) =>
  `${label.padEnd(22)} JS heap ${mb(m.heap).padStart(9)} (of ${mb(m.heapTotal)})  wasm ${mb(m.wasm).padStart(9)}  ` +
  `DOM nodes ${String(m.nodes).padStart(5)}  listeners ${String(m.listeners).padStart(4)}  hook's event log ${String(m.log).padStart(5)}`;

let failed = null;
let played = 0;
let finds = 0;
let start;
let warm;
let t0;
try {
  await page.goto(`${url}?automation=1&lang=en`);
  await page.waitForFunction(() => window.hazardHunt && !document.querySelector('#start').disabled);
  start = await measure();
  console.log(
    `soak: ${rounds} rounds in one page, scenes ${SCENES.join(' / ')} in turn, 1920x1080` +
      (reducedMotion ? ', prefers-reduced-motion (no ambient motion, cards without their slide-in)' : ''),
  );
  console.log(row('start', start));
  t0 = Date.now();
  for (let i = 0; i < rounds; i++) {
    const scene = SCENES[i % SCENES.length];
    try {
      finds += await playRound(scene);
    } catch (err) {
      throw new Error(`round ${i + 1} (${scene}): ${err.message.split('\n')[0]}`);
    }
    played += 1;
    if (played === 1) {
      warm = await measure();
      console.log(row('after round 1', warm));
    } else if (played % EVERY === 0 && played < rounds) {
      const perMin = (played / (Date.now() - t0)) * 60_000;
      console.log(row(`after round ${played}`, await measure()) + `  (${perMin.toFixed(1)} rounds/min)`);
    }
  }
} catch (err) {
  failed = err;
}

const elapsed = t0 ? Date.now() - t0 : 0;
let end = null;
try {
  end = await measure();
} catch {
  // The page is gone: the failure below says why.
}
if (end) console.log(row(`end (${played} rounds)`, end));
console.log();
if (start && end) {
  console.log(`growth, start to end:         JS heap ${mb(end.heap - start.heap)}, wasm ${mb(end.wasm - start.wasm)}`);
  if (warm) {
    const total = end.heap - warm.heap + (end.wasm - warm.wasm);
    console.log(
      `growth, after round 1 to end: JS heap ${mb(end.heap - warm.heap)}, wasm ${mb(end.wasm - warm.wasm)}, ` +
        `together ${mb(total)} (target under 5 MB)`,
    );
  }
}
if (played) {
  console.log(
    `${played} rounds, ${finds} hazards found by real clicks in ${(elapsed / 60_000).toFixed(1)} min: ` +
      `${((played / elapsed) * 60_000).toFixed(1)} rounds per minute`,
  );
}
console.log(`console errors and page errors: ${errors.length} (target 0)`);
for (const e of errors.slice(0, 10)) console.log(`  ${e.split('\n')[0]}`);

await browser.close();
server.closeAllConnections();
server.close();
if (failed) {
  console.error(`soak: the game broke: ${failed.message}`);
  process.exit(1);
}
