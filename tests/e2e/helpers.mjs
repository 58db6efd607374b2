// Shared harness for the Hazard Hunt browser tests (node --test + playwright-core).
//
// Each test file calls `useGame()` once at top level: it starts scripts/serve.mjs
// on a free port over dist/ and one headless Chromium for the file. Tests are
// declared with `gameTest(name, async (g) => ...)`; `g.open()` gives a page in a
// fresh browser context whose console.error messages and uncaught page errors
// are collected. Every gameTest fails if that list is not empty at its end.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '..', '..');
// E2E_DIST serves another built folder (default: dist/ of this repository).
export const DIST = process.env.E2E_DIST ? path.resolve(process.env.E2E_DIST) : path.join(REPO, 'dist');
export const SCREENSHOTS = path.join(REPO, 'test-results', 'screenshots');

import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs';

export { CHROMIUM, CHROMIUM_ARGS };

/** Default wait for anything the game should do promptly. Keeps failures fast. */
export const TIMEOUT = 5000;

export const TITLE_TEXT = { zh: '查找身边安全隐患', en: 'hidden hazards' };
export const HTML_LANG = { zh: 'zh-CN', en: 'en' };
export const CJK = /[\u3400-\u9fff]/;

/**
 * Register the per-file server and browser. Returns an object whose `url`
 * and `browser` are filled in by the `before` hook.
 */
export function useGame() {
  const env = { url: null, browser: null, server: null };
  before(async () => {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) {
      throw new Error(`${DIST}/index.html missing: run scripts/build.sh (or make build) first`);
    }
    const { server, url } = await serve(DIST, 0);
    env.server = server;
    env.url = url;
    env.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await env.browser?.close();
    if (env.server) {
      env.server.closeAllConnections();
      await new Promise((r) => env.server.close(r));
    }
  });
  return env;
}

/**
 * A test with page-error bookkeeping. `fn` receives a Game session:
 *   g.open(params?, contextOptions?, {beforeGoto}?) → page (loaded)
 *   g.errors: collected console.error / pageerror texts
 */
export function gameTest(env, name, fn, options = {}) {
  test(name, { timeout: 30_000, ...options }, async (t) => {
    const g = new Session(env, name, t);
    let failure = null;
    try {
      await fn(g, t);
    } catch (err) {
      failure = err;
    }
    const errors = [...g.errors];
    await g.close();
    if (failure) {
      if (errors.length && failure instanceof Error) {
        failure.message += `\n\nconsole.error / pageerror during the test:\n  ${errors.join('\n  ')}`;
      }
      throw failure;
    }
    assert.deepEqual(errors, [], 'no console.error and no uncaught error in the page');
  });
}

class Session {
  constructor(env, name, t) {
    this.env = env;
    this.name = name;
    this.t = t;
    this.errors = [];
    this.contexts = [];
  }

  get url() {
    return this.env.url;
  }

  /** URL of the game with the given query parameters (object or string). */
  gameUrl(params = {}) {
    const qs = typeof params === 'string' ? params : new URLSearchParams(params).toString();
    return this.env.url + (qs ? `?${qs}` : '');
  }

  /** New context + page, error listeners attached; nothing loaded yet. */
  async newPage(contextOptions = {}) {
    const context = await this.env.browser.newContext({ viewport: { width: 1280, height: 720 }, ...contextOptions });
    context.setDefaultTimeout(TIMEOUT);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        this.errors.push(`console.error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (err) => this.errors.push(`pageerror: ${err?.stack || err}`));
    page.on('crash', () => this.errors.push('page crashed'));
    return page;
  }

  /**
   * Open the game and wait until it is ready (#start enabled).
   * `waitReady: false` only waits for the DOM (for broken-scene tests).
   */
  async open(params = {}, contextOptions = {}, { waitReady = true, beforeGoto } = {}) {
    const page = await this.newPage(contextOptions);
    if (beforeGoto) await beforeGoto(page);
    await page.goto(this.gameUrl(params), { waitUntil: 'domcontentloaded' });
    if (waitReady) await waitReady_(page);
    return page;
  }

  /** PNG into test-results/screenshots/<test>-<screen>-<lang>.png */
  async screenshot(page, screen, lang) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `${slug(this.name)}-${slug(screen)}-${lang}.png`);
    // Finished CSS transitions/animations: the picture shows the settled screen.
    await page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  async close() {
    for (const c of this.contexts) await c.close().catch(() => {});
    this.contexts = [];
  }
}

function slug(s) {
  return String(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

async function waitReady_(page) {
  try {
    await page.waitForFunction(() => {
      const b = document.querySelector('#start');
      return !!b && !b.disabled;
    });
  } catch (err) {
    // Say what the player would see instead of a bare timeout.
    const seen = await page
      .evaluate(() => {
        const t = (s) => document.querySelector(s)?.textContent?.trim().slice(0, 300);
        return {
          start: document.querySelector('#start') ? (document.querySelector('#start').disabled ? 'disabled' : 'enabled') : 'absent',
          error: t('#error'),
          crash: t('#crash'),
          notice: t('#notice'),
        };
      })
      .catch(() => ({}));
    throw new Error(`game not ready: #start never enabled (${err.message.split('\n')[0]}); page shows ${JSON.stringify(seen)}`);
  }
}
export { waitReady_ as waitReady };

// ---------------------------------------------------------------------------
// Game contract helpers (need ?automation=1)

export async function state(page) {
  return page.evaluate(() => window.hazardHunt.state());
}

export async function hazardPoints(page) {
  return page.evaluate(() => window.hazardHunt.hazardPoints());
}

export async function waitForScreen(page, screen, { timeout } = {}) {
  try {
    await page.waitForFunction((s) => window.hazardHunt?.state().screen === s, screen, timeout ? { timeout } : {});
  } catch (err) {
    const now = await page.evaluate(() => window.hazardHunt?.state().screen).catch(() => '?');
    throw new Error(`expected screen '${screen}', still '${now}': ${err.message.split('\n')[0]}`);
  }
}

/** Wait for the element to be shown: no `hidden` attribute and visible. */
export async function waitShown(page, selector) {
  await page.locator(selector).waitFor({ state: 'visible' });
  assert.equal(await page.locator(selector).getAttribute('hidden'), null, `${selector} has no hidden attribute`);
}

/** Wait for the element to be gone from view (hidden attribute or not rendered). */
export async function waitGone(page, selector) {
  await page.locator(selector).waitFor({ state: 'hidden' });
}

export async function isShown(page, selector) {
  const loc = page.locator(selector);
  if ((await loc.count()) === 0) return false;
  return (await loc.isVisible()) && (await loc.getAttribute('hidden')) === null;
}

export async function text(page, selector) {
  return ((await page.locator(selector).textContent()) ?? '').trim();
}

export async function htmlLang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

/** Wait for the layout to settle: two animation frames. */
export async function frames(page, n = 2) {
  await page.evaluate(
    (count) =>
      new Promise((resolve) => {
        let left = count;
        const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
        requestAnimationFrame(step);
      }),
    n,
  );
}

/**
 * Hazard points once they stop moving (after a resize the game may re-layout
 * on a later frame).
 */
export async function stablePoints(page) {
  let prev = JSON.stringify(await hazardPoints(page));
  for (let i = 0; i < 20; i++) {
    await frames(page, 2);
    const cur = JSON.stringify(await hazardPoints(page));
    if (cur === prev) return JSON.parse(cur);
    prev = cur;
  }
  throw new Error('hazard points kept moving');
}

/** Wait until the camera stops gliding or animating (a round on a phone or a tall
 * scene settles to a readable zoom after showing the whole scene). */
export async function cameraAtRest(page) {
  await page.waitForFunction(() => !window.hazardHunt.state().camera.moving, null, { timeout: 10_000 });
}

/**
 * The point of hazard (or decoy) `id` after bringing it into view with
 * `hazardHunt.lookAt` (the camera action a drag uses) when it is off screen.
 */
export async function pointInView(page, id, { decoy = false } = {}) {
  const read = async () =>
    (await page.evaluate((d) => (d ? window.hazardHunt.decoyPoints() : window.hazardHunt.hazardPoints()), decoy)).find(
      (p) => p.id === id,
    );
  let p = await read();
  assert.ok(p, `${id} has a point`);
  // A button riding on the picture (the way into a view) may sit over it.
  const covered = async (q) =>
    page.evaluate(({ x, y }) => !document.elementFromPoint(x, y)?.closest('canvas#scene'), q);
  if (!p.visible || (await covered(p))) {
    assert.equal(await page.evaluate((i) => window.hazardHunt.lookAt(i), id), true, `lookAt(${id})`);
    await cameraAtRest(page);
    await frames(page, 2);
    p = await read();
    assert.ok(p.visible, `${id} is in view after lookAt`);
  }
  return p;
}

/**
 * Click #start and wait for the play screen with its HUD. Without `?scene=` Start
 * opens the scene picker: then the card of `scene` (default sewer) is picked.
 */
export async function startRound(page, { via = 'click', scene = 'sewer' } = {}) {
  if (via === 'tap') await page.locator('#start').tap();
  else await page.locator('#start').click();
  await page.waitForFunction(() => ['select', 'play'].includes(window.hazardHunt?.state().screen));
  if ((await state(page)).screen === 'select') {
    const card = page.locator(`#scene-list [data-scene="${scene}"]`);
    if (via === 'tap') await card.tap();
    else await card.click();
  }
  await waitForScreen(page, 'play');
  await waitShown(page, '#hud');
  await waitShown(page, 'canvas#scene');
  await cameraAtRest(page);
}

/** Parse "#hud-found" text like "2 / 8" → [2, 8]. */
export async function hudFound(page) {
  const t = await text(page, '#hud-found');
  const m = t.match(/(\d+)\s*\/\s*(\d+)/);
  assert.ok(m, `#hud-found reads like "2 / 8", got ${JSON.stringify(t)}`);
  return [Number(m[1]), Number(m[2])];
}

export function assertInViewport(page, p) {
  const vp = page.viewportSize();
  assert.ok(
    p.x >= 0 && p.y >= 0 && p.x <= vp.width && p.y <= vp.height,
    `hazard point ${JSON.stringify(p)} lies inside the ${vp.width}x${vp.height} viewport`,
  );
}

/**
 * Find one hazard with a real mouse click (or a touch tap) at its point and
 * check the card that opens. Returns the card texts. Leaves the card open.
 */
export async function findHazard(page, point, { via = 'mouse' } = {}) {
  assertInViewport(page, point);
  // A player can only hit the hazard if nothing covers that spot of the scene.
  const onTop = await page.evaluate(({ x, y }) => {
    const el = document.elementFromPoint(x, y);
    if (!el || el.closest('canvas#scene')) return null;
    const box = el.closest('[id]');
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>${box && box !== el ? ` inside #${box.id}` : ''}`;
  }, point);
  assert.equal(onTop, null, `hazard point ${JSON.stringify(point)} is on the canvas, not covered by ${onTop}`);
  const before = await state(page);
  if (via === 'tap') await page.touchscreen.tap(point.x, point.y);
  else await page.mouse.click(point.x, point.y);
  await waitShown(page, '#card');
  assert.equal(await page.locator('#card').getAttribute('role'), 'dialog', '#card has role=dialog');
  const card = {
    title: await text(page, '#card-title'),
    why: await text(page, '#card-why'),
    fix: await text(page, '#card-fix'),
  };
  for (const [k, v] of Object.entries(card)) assert.ok(v.length > 0, `card ${k} is not empty`);
  const after = await state(page);
  assert.ok(after.found.includes(point.id), `hazard ${point.id} is recorded as found`);
  assert.equal(after.found.length, before.found.length + 1, 'exactly one more hazard found');
  return card;
}

/** Close the teaching card, and skip the "What do you do now?" question that
 * follows it (tests that answer it use `answerQuestion`). */
export async function closeCard(page) {
  await page.locator('#card-close').click();
  await waitGone(page, '#card');
  if ((await state(page)).screen === 'question') {
    await page.locator('#question-close').click();
    await waitGone(page, '#question');
  }
}

/** Answer the open question, right or wrong on purpose; returns the index picked. */
export async function answerQuestion(page, { right = true } = {}) {
  await waitShown(page, '#question');
  const good = await page.evaluate(() => window.hazardHunt.rightAnswer());
  assert.equal(typeof good, 'number', 'rightAnswer() names an answer while a question is open');
  const pick = right ? good : (good + 1) % 3;
  await page.locator(`#answer-${pick}`).click();
  await waitShown(page, '#question-feedback');
  return pick;
}

/**
 * Find every remaining hazard, re-reading the points after each find.
 * `onCard(card, index)` is called with the card open.
 */
export async function findAll(page, { onCard } = {}) {
  const total = (await state(page)).total;
  let n = 0;
  for (;;) {
    const pts = await hazardPoints(page);
    const s = await state(page);
    assert.equal(pts.length, s.total - s.found.length, 'one point per hazard not yet found');
    if (pts.length === 0) break;
    assert.ok(n < total, 'finding all hazards terminates');
    const p = await pointInView(page, pts[0].id);
    const card = await findHazard(page, p);
    if (onCard) await onCard(card, n, p);
    await closeCard(page);
    n += 1;
    if (n === total) break;
    const [found, of] = await hudFound(page);
    assert.deepEqual([found, of], [s.found.length + 1, total], '#hud-found advances by one');
  }
  return n;
}

/** A point on the canvas that is sky (no hazards): 15% from the left, 40px below the HUD. */
export async function skyPoint(page) {
  const canvas = await page.locator('canvas#scene').boundingBox();
  const hud = await page.locator('#hud').boundingBox();
  assert.ok(canvas && hud, 'canvas and HUD have boxes');
  const p = { x: canvas.x + canvas.width * 0.15, y: hud.y + hud.height + 40 };
  assert.ok(
    p.y > canvas.y && p.y < canvas.y + canvas.height && p.x > canvas.x,
    `sky point ${JSON.stringify(p)} lies on the canvas ${JSON.stringify(canvas)}`,
  );
  return p;
}

/** The results list as [{id, status}]. */
export async function resultsList(page) {
  return page.$$eval('#res-list li', (lis) =>
    lis.map((li) => ({ id: li.getAttribute('data-hazard'), status: li.getAttribute('data-status') })),
  );
}

export function percent(s) {
  const m = String(s).match(/(\d+(?:[.,]\d+)?)\s*%/);
  assert.ok(m, `a percentage in ${JSON.stringify(s)}`);
  return Number(m[1].replace(',', '.'));
}

export { assert };

/**
 * Wait until every finite CSS animation and transition in the page has
 * finished (e.g. the card sliding in, a button's hover colour), then two
 * frames: what a check of computed colours sees is the settled screen.
 */
export async function settled(page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  await frames(page, 2);
}

// ---------------------------------------------------------------------------
// Kiosk mode (?mode=kiosk)

/** Open the game in kiosk mode (more parameters as an object or a query string) and
 * wait for the attract screen (the demo running). */
export async function openKiosk(g, params = {}, contextOptions = {}, { beforeGoto } = {}) {
  const page = await g.open(
    typeof params === 'string' ? `automation=1&mode=kiosk&${params}` : { automation: '1', mode: 'kiosk', ...params },
    { hasTouch: true, ...contextOptions },
    { waitReady: false, beforeGoto },
  );
  // The wasm, the list of scenes and the first scene with its pictures: like the
  // title's Start button, give a loaded machine time.
  await waitForScreen(page, 'attract', { timeout: 15_000 });
  await waitShown(page, '#attract');
  return page;
}

/** A real touch on the attract screen (`team`: on "Play together"); waits for play. */
export async function touchToStart(page, { team = false, at } = {}) {
  if (team) await page.locator('#kiosk-team').tap();
  else {
    const vp = page.viewportSize();
    const p = at ?? { x: vp.width * 0.3, y: vp.height * 0.35 };
    await page.touchscreen.tap(p.x, p.y);
  }
  await waitForScreen(page, 'play');
  await waitShown(page, '#hud');
  await cameraAtRest(page);
}
