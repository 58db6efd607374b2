// Benchmark, figures only (it never fails on a number: timings on a shared machine are
// noisy). Measures in headless Chromium at 1920x1080 what a kiosk visitor feels:
//   - start-up: navigation until the Start button is enabled (wasm + scene + sprites);
//   - tap to answer: a real mouse click on a hazard until the card is in the DOM, and
//     from a performance trace: the pointerup's handling, and when the next frame (the
//     first to show the card) starts and is done on the main thread;
//   - frame pacing while something animates (a hint), as intervals between frames;
//   - moving the view: the cost of one drag step and one wheel step (handled and
//     rasterised), beside the cost of one full-screen image blit.
//   - ambient motion: the cost of one full-screen image blit per animation frame onto
//     the game's canvas, and the cost of a frame while the scene idles with its moving
//     layers (target: at most 2x the blit), each timed with a 1-pixel read-back that
//     makes the canvas finish its drawing.
// Run: node tests/bench/feel.mjs   (after scripts/build.sh; FEEL_RUNS=N plays N rounds
// for the start-up and tap-to-card figures instead of 3)

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = Math.max(1, Number(process.env.FEEL_RUNS) || 3);

const { server, url } = await serve(path.join(repo, 'dist'), 0);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_ARGS,
});

/** A new context at kiosk size with a round started; returns [context, page, loadMs]. */
async function playing() {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const t0 = Date.now();
  // ?scene= opens the scene on the title, as a kiosk set to one scene does.
  await page.goto(`${url}?automation=1&scene=sewer`);
  await page.waitForFunction(() => window.hazardHunt && !document.querySelector('#start').disabled);
  const loadMs = Date.now() - t0;
  await page.click('#start');
  await page.waitForFunction(() => window.hazardHunt.state().screen === 'play');
  return [context, page, loadMs];
}

/** Clicks every hazard through real mouse events (stepping into views and bringing
 * each into sight with lookAt), closing each card and skipping its question. */
async function findAll(page) {
  for (;;) {
    let pts = await page.evaluate(() => window.hazardHunt.hazardPoints());
    if (!pts.length) break;
    if (!pts[0].visible) {
      await page.evaluate((id) => window.hazardHunt.lookAt(id), pts[0].id);
      await page.waitForFunction(() => !window.hazardHunt.state().camera.moving);
      pts = await page.evaluate(() => window.hazardHunt.hazardPoints());
    }
    await page.mouse.click(pts[0].x, pts[0].y);
    await page.waitForFunction(() => window.hazardHunt.state().screen === 'card');
    await page.click('#card-close');
    await page.waitForFunction(() => window.hazardHunt.state().screen !== 'card');
    if ((await page.evaluate(() => window.hazardHunt.state().screen)) === 'question') {
      await page.click('#question-close');
    }
  }
}

/**
 * From a trace: for each pointerup on the canvas (stamped), on the renderer's main thread, its
 * handling time, when the first frame after it started and when it was done (ms from
 * the pointerup).
 */
function tapFrames(trace) {
  const events = trace.traceEvents ?? trace;
  const perThread = new Map();
  for (const e of events) {
    if (e.name === 'FireAnimationFrame') perThread.set(`${e.pid}:${e.tid}`, (perThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  }
  const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const on = (e) => `${e.pid}:${e.tid}` === main && e.ph === 'X';
  const frames = events.filter((e) => on(e) && e.name === 'ProxyMain::BeginMainFrame').sort((a, b) => a.ts - b.ts);
  const stamps = events.filter((e) => `${e.pid}:${e.tid}` === main && e.name === 'TimeStamp' && e.args?.data?.message === 'hazard-hunt-tap');
  return events
    .filter((e) => on(e) && e.name === 'EventDispatch' && e.args?.data?.type === 'pointerup')
    .filter((up) => stamps.some((t) => t.ts >= up.ts && t.ts <= up.ts + up.dur))
    .map((up) => {
      const frame = frames.find((f) => f.ts >= up.ts + up.dur);
      return frame && {
        handling: up.dur / 1000,
        start: (frame.ts - up.ts) / 1000,
        done: (frame.ts + frame.dur - up.ts) / 1000,
      };
    })
    .filter(Boolean);
}

/** Per-frame cost of the game's animation frames on an idle round, and of a blit. */
async function idleCosts(motion) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(() => {
    window.__cost = [];
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) =>
      raf((t) => {
        const t0 = performance.now();
        cb(t);
        const c = document.getElementById('scene');
        if (window.__measure && c) {
          c.getContext('2d').getImageData(0, 0, 1, 1);
          window.__cost.push(performance.now() - t0);
        }
      });
  });
  const page = await context.newPage();
  await page.goto(`${url}?automation=1&scene=sewer&motion=${motion}`);
  await page.waitForFunction(() => window.hazardHunt && !document.querySelector('#start').disabled);
  await page.click('#start');
  await page.waitForFunction(() => window.hazardHunt.state().screen === 'play');
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.__measure = true; });
  await page.waitForTimeout(3000);
  const frames = await page.evaluate(() => window.__cost);
  // A blit per animation frame onto the game's own canvas, as a frame draws it (with
  // ?motion=off the game paints nothing while idle, so these frames are only the blit).
  const blits = await page.evaluate(
    () =>
      new Promise((resolve) => {
        window.__measure = false;
        const scene = document.getElementById('scene');
        const src = Object.assign(document.createElement('canvas'), { width: scene.width, height: scene.height });
        src.getContext('2d').drawImage(scene, 0, 0);
        const dst = scene.getContext('2d');
        const out = [];
        const step = () => {
          const t0 = performance.now();
          dst.setTransform(1, 0, 0, 1, 0, 0);
          dst.drawImage(src, 0, 0);
          dst.getImageData(0, 0, 1, 1);
          out.push(performance.now() - t0);
          if (out.length < 125) requestAnimationFrame(step);
          else resolve(out.slice(5));
        };
        requestAnimationFrame(step);
      }),
  );
  await context.close();
  return { frames, blits };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

const startup = [];
const toDom = [];
const taps = [];
const intervals = [];
let camera = null;
try {
  for (let run = 0; run < RUNS; run++) {
    const [context, page, loadMs] = await playing();
    startup.push(loadMs);

    // Stamp the pointerup and the moment the card stops being hidden.
    await page.evaluate(() => {
      const card = document.getElementById('card');
      window.__dom = [];
      window.addEventListener('pointerup', () => { window.__t = performance.now(); }, true);
      new MutationObserver(() => {
        if (!card.hidden && window.__t !== undefined) {
          window.__dom.push(performance.now() - window.__t);
          window.__t = undefined;
        }
      }).observe(card, { attributes: true, attributeFilter: ['hidden'] });
    });
    await findAll(page);
    toDom.push(...(await page.evaluate(() => window.__dom)));
    await context.close();

    // Frame pacing during a hint animation, on a fresh page (once: 115 frames tell it).
    if (run > 0) continue;
    const [ctx2, p2] = await playing();
    await p2.click('#hint');
    const gaps = await p2.evaluate(
      () =>
        new Promise((resolve) => {
          const out = [];
          let last = performance.now();
          const step = (t) => {
            out.push(t - last);
            last = t;
            if (out.length < 120) requestAnimationFrame(step);
            else resolve(out.slice(5));
          };
          requestAnimationFrame(step);
        }),
    );
    intervals.push(...gaps);
    await ctx2.close();
  }

  // Tap to the frame that shows the answer, from a performance trace of the page: for
  // every pointerup on the canvas (the card is in the DOM when its handler returns),
  // the first main-thread frame after it (the game's animation frame, then style,
  // layout, paint and commit) and when that frame is done.
  const [ctx3, p3] = await playing();
  const tracePath = path.join(os.tmpdir(), `hazard-hunt-feel-${process.pid}.json`);
  // Only taps on the canvas (the card's own button is a DOM click, not a find): each
  // leaves a time stamp in the trace.
  await p3.evaluate(() =>
    document.getElementById('scene').addEventListener('pointerup', () => console.timeStamp('hazard-hunt-tap'), true),
  );
  await browser.startTracing(p3, { path: tracePath, categories: ['devtools.timeline', 'benchmark'] });
  await findAll(p3);
  await browser.stopTracing();
  await ctx3.close();
  taps.push(...tapFrames(JSON.parse(fs.readFileSync(tracePath, 'utf8'))));
  fs.rmSync(tracePath, { force: true });

  // Moving the view: one drag step or one wheel step, handled and rasterised (a 1-pixel
  // read forces the canvas to draw), against one full-screen image blit.
  const [ctx4, p4] = await playing();
  await p4.mouse.move(960, 600);
  for (let i = 0; i < 3; i++) await p4.mouse.wheel(0, -200);
  await p4.waitForTimeout(400);
  camera = await p4.evaluate(() => {
    const canvas = document.getElementById('scene');
    const ctx = canvas.getContext('2d');
    const flush = () => ctx.getImageData(0, 0, 1, 1);
    const time = (f) => {
      const t = performance.now();
      f();
      flush();
      return performance.now() - t;
    };
    // A full-screen blit, the yardstick.
    const src = document.createElement('canvas');
    src.width = canvas.width;
    src.height = canvas.height;
    src.getContext('2d').drawImage(canvas, 0, 0);
    const dst = document.createElement('canvas');
    dst.width = canvas.width;
    dst.height = canvas.height;
    const dctx = dst.getContext('2d');
    const blit = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      dctx.drawImage(src, 0, 0);
      dctx.getImageData(0, 0, 1, 1);
      blit.push(performance.now() - t);
    }
    const r = canvas.getBoundingClientRect();
    const at = (x) => ({ clientX: r.left + x, clientY: r.top + r.height / 2, pointerId: 7, isPrimary: true, pointerType: 'mouse', buttons: 1, bubbles: true });
    let x = r.width / 2 + 300;
    canvas.dispatchEvent(new PointerEvent('pointerdown', at(x)));
    const pan = [];
    for (let i = 0; i < 60; i++) {
      x -= 10;
      pan.push(time(() => canvas.dispatchEvent(new PointerEvent('pointermove', at(x)))));
    }
    canvas.dispatchEvent(new PointerEvent('pointercancel', at(x)));
    const zoom = [];
    for (let i = 0; i < 60; i++) {
      const deltaY = i % 2 ? 60 : -60;
      zoom.push(time(() => canvas.dispatchEvent(new WheelEvent('wheel', { deltaY, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true }))));
    }
    return { blit: blit.slice(5), pan: pan.slice(5), zoom: zoom.slice(5) };
  });
  await ctx4.close();
  var moving = await idleCosts('on');
  var still = await idleCosts('off');
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}

console.log('Hazard Hunt feel benchmark (headless Chromium, 1920x1080, no GPU)');
console.log(`  start-up to playable        median ${fmt(median(startup))}, max ${fmt(max(startup))} over ${startup.length} loads`);
console.log(`  tap → card in the DOM       median ${fmt(median(toDom))}, max ${fmt(max(toDom))} over ${toDom.length} finds`);
const col = (k) => taps.map((t) => t[k]);
console.log(`  tap: its handling           median ${fmt(median(col('handling')))}, max ${fmt(max(col('handling')))} over ${taps.length} taps (card built, canvas painted)`);
console.log(`  tap → next frame starts     median ${fmt(median(col('start')))}, max ${fmt(max(col('start')))}`);
console.log(`  tap → next frame done       median ${fmt(median(col('done')))}, max ${fmt(max(col('done')))} (its animation frame, style, layout, paint, commit)`);
console.log(`  frame interval (animating)  median ${fmt(median(intervals))}, max ${fmt(max(intervals))} over ${intervals.length} frames`);
if (camera) {
  const line = (name, xs) =>
    console.log(`  ${name.padEnd(27)} median ${fmt(median(xs))}, p95 ${fmt(p95(xs))} over ${xs.length} steps`);
  line('full-screen blit', camera.blit);
  line('drag step (pan), zoomed in', camera.pan);
  line('wheel step (zoom)', camera.zoom);
}
const blits = still.blits;
console.log(`  full-screen blit per frame  median ${fmt(median(blits))}, p95 ${fmt(p95(blits))} over ${blits.length} frames`);
console.log(`  idle frame, motion on       median ${fmt(median(moving.frames))}, p95 ${fmt(p95(moving.frames))} over ${moving.frames.length} frames (${(median(moving.frames) / median(blits)).toFixed(2)}x / ${(p95(moving.frames) / p95(blits)).toFixed(2)}x the blit's median / p95; target ≤ 2x)`);
console.log(`  idle frame, ?motion=off     median ${fmt(median(still.frames))}, p95 ${fmt(p95(still.frames))} over ${still.frames.length} frames (nothing repainted)`);
