// Kiosk mode offline: the service worker (dist/sw.js, made by scripts/sw.mjs) keeps
// the whole game on the device. After the first visit the game starts, shows its
// pictures and plays with the network unplugged; a new version waits until the game
// is between rounds; the worker leaves other origins alone; an unchanged build gives
// the same sw.js.

import { test, before, after } from 'node:test';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  assert,
  useGame,
  gameTest,
  state,
  waitForScreen,
  waitShown,
  startRound,
  cameraAtRest,
  pointInView,
  hazardPoints,
  findHazard,
  closeCard,
  DIST,
} from './helpers.mjs';
import { serve } from '../../scripts/serve.mjs';
import { makeServiceWorker, DOWNLOADS } from '../../scripts/sw.mjs';

const env = useGame();
const KIOSK = { mode: 'kiosk', automation: '1', lang: 'en' };

/** The version written into dist/sw.js. */
function builtVersion(dir = DIST) {
  const m = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)";/);
  assert.ok(m, `${dir}/sw.js names its version`);
  return m[1];
}

/** Wait until the game is loaded: the attract screen (kiosk, nobody playing) or a
 * title whose Start works. */
async function kioskReady(page) {
  try {
    await page.waitForFunction(
      () => {
        const s = window.hazardHunt?.state().screen;
        const start = document.querySelector('#start');
        return s === 'attract' || (!!start && !start.disabled && ['title', 'select'].includes(s));
      },
      null,
      { timeout: 15_000 },
    );
  } catch (err) {
    const seen = await page
      .evaluate(() => ({
        screen: window.hazardHunt?.state().screen ?? 'no hook',
        start: document.querySelector('#start')?.disabled ?? 'absent',
        error: document.querySelector('#error')?.textContent?.trim(),
        crash: document.querySelector('#crash')?.textContent?.trim(),
        controlled: !!navigator.serviceWorker?.controller,
      }))
      .catch((e) => String(e));
    throw new Error(`kiosk not ready: ${err.message.split('\n')[0]}; page: ${JSON.stringify(seen)}`);
  }
}

/** Start a round as a visitor does: a tap on the attract screen if it is showing,
 * then Start (and the scene's card when the picker opens). */
async function kioskRound(page, scene) {
  if ((await state(page)).screen === 'attract') {
    const vp = page.viewportSize();
    await page.mouse.click(vp.width / 2, vp.height / 2);
    await page.waitForFunction(() => window.hazardHunt.state().screen !== 'attract');
  }
  const now = (await state(page)).screen;
  if (now === 'title') await startRound(page, { scene });
  else if (now === 'select') await page.locator(`#scene-list [data-scene="${scene}"]`).click();
  await waitForScreen(page, 'play');
  await waitShown(page, 'canvas#scene');
  await cameraAtRest(page);
}

/** The first visit: wait until the worker is active, controls the page and its cache
 * holds the game. Returns the cache's name and its keys (URL paths). */
async function firstVisit(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('hazard-hunt-'));
    const keys = names.length === 1 ? (await (await caches.open(names[0])).keys()).map((r) => r.url) : [];
    return { names, keys };
  });
}

/** Find one hazard with a real click and close its card. */
async function findOne(page) {
  const [first] = await hazardPoints(page);
  const p = await pointInView(page, first.id);
  await findHazard(page, p);
  await closeCard(page);
}

gameTest(env, 'kiosk: after the first visit the game plays with the network unplugged', async (g) => {
  const page = await g.open({ ...KIOSK, scene: 'sewer' }, {}, { waitReady: false });
  await kioskReady(page);
  const { names, keys } = await firstVisit(page);
  const version = builtVersion();
  assert.deepEqual(names, [`hazard-hunt-${version}`], 'one cache, named after this build');
  const paths = new Set(keys.map((u) => new URL(u).pathname.slice(1)));
  for (const f of makeServiceWorker(DIST).files) assert.ok(paths.has(f), `the cache holds ${f}`);
  for (const f of ['assets/scenes/sewer.json', 'assets/scenes/site.json', 'assets/sprites/generator.svg']) {
    assert.ok(paths.has(f), `the cache holds ${f}`);
  }
  assert.ok(keys.every((u) => new URL(u).origin === new URL(g.url).origin), 'nothing from another origin');

  await page.context().setOffline(true);
  // Truly unplugged: what the cache does not hold cannot be fetched.
  const stray = await page.evaluate(() => fetch('not-in-the-cache.txt').then(() => 'fetched', () => 'failed'));
  assert.equal(stray, 'failed', 'the network is off');
  // Chromium logs that failed fetch as a console error: that one line is expected.
  await page.waitForTimeout(100);
  const i = g.errors.findIndex((e) => /Failed to load resource: .*\/not-in-the-cache\.txt/.test(e));
  assert.ok(i >= 0, 'the browser reported the failed fetch');
  g.errors.splice(i, 1);

  const fromWorker = [];
  page.on('response', (r) => {
    if (r.url().includes('/assets/')) fromWorker.push(r.fromServiceWorker());
  });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await kioskReady(page);
  assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true, 'the worker serves the page');
  await kioskRound(page, 'sewer');
  await waitShown(page, 'canvas#scene');
  assert.equal(await page.locator('#error').isVisible(), false, 'no scene or picture failed to load');
  assert.ok(fromWorker.length > 10, `the scene and its pictures were asked for (${fromWorker.length})`);
  assert.ok(fromWorker.every(Boolean), 'every one answered by the service worker');
  // The picture is really drawn: the canvas is not blank.
  const painted = await page.evaluate(() => {
    const c = document.querySelector('canvas#scene');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length && seen.size < 50; i += 4 * 997) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return seen.size;
  });
  assert.ok(painted >= 20, `the scene is painted (${painted} colours sampled)`);
  await findOne(page);

  // The other scene, still offline: a kiosk set to it (`?scene=site`) attracts with it
  // and a touch plays it.
  await page.goto(g.gameUrl({ ...KIOSK, scene: 'site' }), { waitUntil: 'domcontentloaded' });
  await kioskReady(page);
  await kioskRound(page, 'site');
  assert.equal((await state(page)).sceneId, 'site');
  await findOne(page);
});

gameTest(
  env,
  'kiosk: a new version waits for the end of the round, then the page reloads into it',
  async (g) => {
    // A copy of dist/ on its own server, so this test can "deploy" a new build.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-update-'));
    fs.cpSync(DIST, tmp, { recursive: true });
    const { server, url } = await serve(tmp, 0, { warm: false });
    let visitor = null;
    try {
      const page = await g.newPage();
      // Short quiet times: after the round the kiosk goes back to attract by itself.
      const params = { ...KIOSK, scene: 'sewer', idle: '6', countdown: '2' };
      await page.goto(`${url}?${new URLSearchParams(params)}`, { waitUntil: 'domcontentloaded' });
      await kioskReady(page);
      const oldVersion = builtVersion(tmp);
      assert.deepEqual((await firstVisit(page)).names, [`hazard-hunt-${oldVersion}`]);
      await kioskRound(page, 'sewer');
      await findOne(page);
      // The visitor is still there while the new build lands and installs, however
      // long that takes on a loaded machine (a key counts like a touch for the quiet
      // time): without them the kiosk would go back to attract and rightly reload.
      visitor = setInterval(() => page.keyboard.press('Shift').catch(() => {}), 1500);

      // A new build lands mid-round (one changed file gives a new version).
      fs.appendFileSync(path.join(tmp, 'style.css'), '\n/* rebuilt */\n');
      const { text, version: newVersion } = makeServiceWorker(tmp);
      fs.writeFileSync(path.join(tmp, 'sw.js'), text);
      assert.notEqual(newVersion, oldVersion);
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await page.waitForFunction(() =>
        navigator.serviceWorker.getRegistration().then((r) => r.waiting?.state === 'installed'),
      );
      await page.evaluate(() => {
        window.__samePage = true;
      });
      // The page checks every second; give it a few: mid-round nothing changes.
      await page.waitForTimeout(3000);
      assert.equal(await page.evaluate(() => window.__samePage === true), true, 'no reload mid-round');
      assert.equal((await state(page)).screen, 'play', 'the round goes on');
      assert.equal(
        await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)),
        true,
        'the new version is still waiting',
      );

      // End the round: the results are still the visitor's (no reload there); when
      // they walk away the kiosk returns to attract, between rounds, and takes it.
      clearInterval(visitor);
      await page.locator('#give-up').click();
      await page.locator('#confirm-yes').click();
      await waitForScreen(page, 'results');
      const reloaded = page.waitForEvent('load', { timeout: 20_000 });
      await page.waitForTimeout(1500);
      assert.equal(await page.evaluate(() => window.__samePage === true), true, 'no reload over the results');
      await reloaded;
      await kioskReady(page);
      assert.equal(await page.evaluate(() => window.__samePage), undefined, 'the page was reloaded');
      assert.ok(['attract', 'title', 'select'].includes((await state(page)).screen), 'between rounds after the reload');
      const names = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('hazard-hunt-')));
      assert.deepEqual(names, [`hazard-hunt-${newVersion}`], 'the old cache is gone, the new one serves');
      const css = await page.evaluate(() => fetch('style.css').then((r) => r.text()));
      assert.ok(css.includes('/* rebuilt */'), 'the new files are served');
    } finally {
      clearInterval(visitor);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
  { timeout: 60_000 },
);

// Another origin: same host, another port.
let other;
let otherUrl;
let otherHits = 0;
before(async () => {
  other = http.createServer((req, res) => {
    otherHits += 1;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' });
    res.end('elsewhere');
  });
  await new Promise((r) => other.listen(0, '127.0.0.1', r));
  otherUrl = `http://127.0.0.1:${other.address().port}/elsewhere.txt`;
});
after(async () => {
  other?.closeAllConnections();
  await new Promise((r) => (other ? other.close(r) : r()));
});

gameTest(env, 'kiosk: the service worker leaves other origins alone and caches nothing of theirs', async (g) => {
  // The game's CSP forbids other origins; bypassed here so that the page can ask at all.
  const page = await g.open({ ...KIOSK, scene: 'sewer' }, { bypassCSP: true }, { waitReady: false });
  await kioskReady(page);
  await firstVisit(page);
  const answered = new Map();
  page.on('response', (r) => answered.set(new URL(r.url()).origin, r.fromServiceWorker()));
  const before = otherHits;
  const body = await page.evaluate((u) => fetch(u).then((r) => r.text()), otherUrl);
  assert.equal(body, 'elsewhere');
  assert.equal(otherHits, before + 1, 'the request went to the other server');
  await page.evaluate(() => fetch('assets/catalogue.json').then((r) => r.text()));
  assert.equal(answered.get(new URL(otherUrl).origin), false, 'the worker did not answer for another origin');
  assert.equal(answered.get(new URL(g.url).origin), true, 'it does answer for its own');
  const keys = await page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) out.push(r.url);
    return out;
  });
  assert.ok(keys.length > 0);
  assert.deepEqual(
    keys.filter((u) => new URL(u).origin !== new URL(g.url).origin),
    [],
    'no cache holds anything from another origin',
  );
});

gameTest(env, 'kiosk: without service workers the game still plays, with a warning at most', async (g) => {
  const warnings = [];
  const page = await g.open({ ...KIOSK, scene: 'sewer' }, { serviceWorkers: 'block' }, {
    waitReady: false,
    beforeGoto: (p) => p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text())),
  });
  await kioskReady(page);
  await kioskRound(page, 'sewer');
  await findOne(page);
  assert.ok(warnings.length <= 1, `at most one warning (${JSON.stringify(warnings)})`);
});

gameTest(env, 'outside kiosk mode no service worker is registered', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer' });
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length)), 0);
});

test('sw.js: the precache list is dist/, the version its content hash, stable across builds', () => {
  const built = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
  const again = makeServiceWorker(DIST);
  assert.equal(again.text, built, 'the same files give the same sw.js, byte for byte');
  assert.match(again.version, /^[0-9a-f]{16}$/);
  const all = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else all.push(path.relative(DIST, p).split(path.sep).join('/'));
    }
  };
  walk(DIST);
  assert.deepEqual(
    again.files,
    all.filter((f) => f !== 'sw.js' && !DOWNLOADS.includes(f)).sort(),
    'every file of dist/ but sw.js and the offline downloads',
  );
  for (const f of ['index.html', 'main.js', 'style.css', 'pkg/hazard_hunt.js', 'pkg/hazard_hunt_bg.wasm', 'assets/catalogue.json']) {
    assert.ok(again.files.includes(f), `precaches ${f}`);
  }

  // One changed byte anywhere is a new version; the list stays the same.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-version-'));
  try {
    fs.cpSync(DIST, tmp, { recursive: true });
    assert.equal(makeServiceWorker(tmp).text, built, 'a copy of the same files gives the same sw.js');
    fs.appendFileSync(path.join(tmp, 'assets', 'scenes', 'site.json'), ' ');
    const changed = makeServiceWorker(tmp);
    assert.notEqual(changed.version, again.version, 'a changed scene file is a new version');
    assert.deepEqual(changed.files, again.files);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
