// The single file (dist/hazard-hunt.html, scripts/single.mjs): opened from disk
// (file://) with the network off, it plays to the results in both languages, loads
// both scenes from the picker and the pictures of their views, asks nothing of any
// server, and its strict Content-Security-Policy is never violated. The build step is
// reproducible.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  useGame,
  gameTest,
  DIST,
  REPO,
  waitReady,
  waitForScreen,
  waitShown,
  cameraAtRest,
  pointInView,
  findHazard,
  closeCard,
  state,
  frames,
} from './helpers.mjs';

const env = useGame();
const FILE = path.join(DIST, 'hazard-hunt.html');

/**
 * A fresh offline context with the single file open. Every request is recorded;
 * anything but file: and data: is aborted (and would fail the test). CSP violations
 * are collected by a listener in place before the page's own scripts run.
 */
async function openSingle(g, query) {
  assert.ok(fs.existsSync(FILE), `${FILE} exists (run scripts/build.sh)`);
  const page = await g.newPage();
  const context = page.context();
  await context.setOffline(true);
  const requests = [];
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data):/.test(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  page.on('request', (r) => requests.push(r.url()));
  const consoleAll = [];
  page.on('console', (m) => consoleAll.push(`${m.type()}: ${m.text()}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const url = `${pathToFileURL(FILE).href}?${new URLSearchParams(query)}`;
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await waitReady(page);
  const check = async () => {
    assert.deepEqual(blocked, [], 'no request to any server');
    const outside = requests.filter((u) => !/^(file|data):/.test(u));
    assert.deepEqual(outside, [], 'every request stays in the file (file: or data:)');
    assert.deepEqual(
      requests.filter((u) => u.startsWith('file:')).map((u) => u.split('?')[0]),
      requests.filter((u) => u.startsWith('file:')).map(() => pathToFileURL(FILE).href),
      'the only file read is the page itself',
    );
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
    const bad = consoleAll.filter((t) => /^(error|warning)/.test(t) || /Content.Security.Policy|Refused to/i.test(t));
    assert.deepEqual(bad, [], 'no console error or warning (a picture that fails to load warns)');
  };
  return { page, check };
}

/** Start from the picker with `scene`, find a hazard in the main picture and one in a
 * view (so the view's pictures must have loaded), then end the round. */
async function playRound(page, scene, lang) {
  await page.locator('#start').click();
  await waitForScreen(page, 'select');
  await page.waitForFunction(() => window.hazardHunt.scenes().length === 2);
  assert.deepEqual((await page.evaluate(() => window.hazardHunt.scenes())).map((s) => s.id).sort(), ['sewer', 'site']);
  await page.locator(`#scene-list [data-scene="${scene}"]`).click();
  await waitForScreen(page, 'play');
  await waitShown(page, '#hud');
  await cameraAtRest(page);
  const s0 = await state(page);
  assert.equal(s0.sceneId, scene);
  assert.equal(s0.lang, lang);
  const events = await page.evaluate(() => window.hazardHunt.events());
  assert.ok(events.some((e) => e.type === 'sceneLoaded' && e.sceneId === scene), `${scene} loaded`);
  assert.ok(!events.some((e) => e.type === 'loadFailed' || e.type === 'catalogueFailed'), 'nothing failed to load');

  const pts = await page.evaluate(() => window.hazardHunt.hazardPoints());
  const main = pts.find((p) => p.view === null);
  const inView = pts.find((p) => p.view !== null);
  assert.ok(main && inView, 'the round has a hazard in the main picture and one in a view');
  await findHazard(page, await pointInView(page, main.id));
  await closeCard(page);
  // lookAt steps into the view: its pictures come from the file too.
  const p = await pointInView(page, inView.id);
  assert.equal((await state(page)).view, inView.view, `in the view ${inView.view}`);
  // The torch (a dark view) on the hazard, then the picture around it: drawn from the
  // view's sprites, it shows far more than a backdrop's one colour.
  await page.mouse.move(p.x, p.y);
  await frames(page, 3);
  const colours = await page.evaluate(({ x, y }) => {
    const c = document.querySelector('canvas#scene');
    const r = c.getBoundingClientRect();
    const k = c.width / r.width;
    const small = document.createElement('canvas');
    small.width = 48;
    small.height = 48;
    const ctx = small.getContext('2d');
    ctx.drawImage(c, (x - r.left - 90) * k, (y - r.top - 90) * k, 180 * k, 180 * k, 0, 0, 48, 48);
    const d = ctx.getImageData(0, 0, 48, 48).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4) seen.add(`${d[i] >> 3},${d[i + 1] >> 3},${d[i + 2] >> 3}`);
    return seen.size;
  }, p);
  assert.ok(colours > 20, `the view's picture is drawn (${colours} colours)`);
  await findHazard(page, p);
  await closeCard(page);

  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  await waitShown(page, '#results');
  const s = await state(page);
  assert.equal(s.found.length, 2);
}

gameTest(
  env,
  'the single file plays from disk with the network off, in Chinese, the sewer and its shaft',
  async (g) => {
    const { page, check } = await openSingle(g, { automation: '1' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await playRound(page, 'sewer', 'zh');
    await g.screenshot(page, 'single-results', 'zh');
    await check();
  },
  { timeout: 60_000 },
);

gameTest(
  env,
  'the single file plays from disk with the network off, in English, the building site and its edge',
  async (g) => {
    const { page, check } = await openSingle(g, { lang: 'en', automation: '1' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await playRound(page, 'site', 'en');
    await g.screenshot(page, 'single-results', 'en');
    await check();
  },
  { timeout: 60_000 },
);

gameTest(env, 'the single file: a strict CSP, no file but itself, no LMS no trouble', async (g) => {
  const html = fs.readFileSync(FILE, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];
  assert.ok(csp, 'a CSP meta');
  const dirs = Object.fromEntries(
    csp.split(';').map((d) => {
      const [k, ...v] = d.trim().split(/\s+/);
      return [k, v.join(' ')];
    }),
  );
  assert.equal(dirs['default-src'], "'none'");
  assert.match(dirs['script-src'], /^'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+' 'wasm-unsafe-eval'$/);
  assert.match(dirs['style-src'], /^'sha256-[A-Za-z0-9+/=]+'$/);
  assert.equal(dirs['img-src'], 'data:');
  assert.equal(dirs['connect-src'], "'none'");
  assert.equal(dirs['object-src'], "'none'");
  assert.equal(dirs['base-uri'], "'none'");
  assert.equal(dirs['form-action'], "'none'");
  assert.doesNotMatch(html, /<script[^>]*\ssrc=|<link[^>]*rel="(stylesheet|modulepreload|preload)"/);
  // Every style and script the page runs is inline and hashed: nothing unhashed runs.
  const { page, check } = await openSingle(g, { automation: '1' });
  // No LMS around: the adapter stays silent, and the automation hook is all there.
  const hook = await page.evaluate(() => Object.keys(window.hazardHunt));
  for (const name of ['audio', 'decoyPoints', 'events', 'hazardPoints', 'lookAt', 'marks', 'rightAnswer', 'scenes', 'state', 'viewPoints']) {
    assert.ok(hook.includes(name), `hazardHunt.${name} is there`);
  }
  // A scene the file does not carry fails like a missing file, without a request.
  await page.goto(`${pathToFileURL(FILE).href}?scene=nowhere&automation=1`);
  await page.locator('#error').waitFor();
  assert.match(await page.locator('#error').textContent(), /nowhere/);
  await check().catch((err) => {
    // The failed scene warns on purpose; everything else must be clean.
    if (!/warning: .*nowhere/.test(err.message)) throw err;
  });
});

test('the single file and the SCORM package are reproducible', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-single-'));
  try {
    // The built site without the downloads, then the step again.
    fs.cpSync(DIST, tmp, {
      recursive: true,
      filter: (src) => !/hazard-hunt(\.html|-scorm\.zip)$/.test(src),
    });
    execFileSync(process.execPath, [path.join(REPO, 'scripts', 'single.mjs'), '--dist', tmp], { stdio: 'pipe' });
    for (const name of ['hazard-hunt.html', 'hazard-hunt-scorm.zip']) {
      assert.ok(fs.readFileSync(path.join(tmp, name)).equals(fs.readFileSync(path.join(DIST, name))), `${name} is byte-identical`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
