// Host pages: the example lesson page (www/host-example.html), served from a second
// local port (another origin), embeds the game, drives it with postMessage commands
// and hears its messages; hostile messages change nothing; with ?parentOrigin= a
// page of another origin is neither heard nor told.

import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { useGame, gameTest, DIST } from './helpers.mjs';

const env = useGame();
const other = { a: null, b: null };
before(async () => {
  // The same files from two more ports: two more origins.
  other.a = await serve(DIST, 0);
  other.b = await serve(DIST, 0);
});
after(async () => {
  for (const s of [other.a, other.b]) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
  }
});

/** The host page on another origin, with the game in its frame; waits for `ready`. */
async function openHost(g, query = {}) {
  const page = await g.newPage({ viewport: { width: 1600, height: 1000 } });
  const qs = new URLSearchParams({ game: `${env.url}index.html`, automation: '1', ...query });
  await page.goto(`${other.a.url}host-example.html?${qs}`);
  await page.waitForFunction(() => (window.hazardHuntMessages || []).some((m) => m.type === 'ready'), null, {
    timeout: 10_000,
  });
  const frame = page.frames().find((f) => f.url().startsWith(env.url));
  assert.ok(frame, 'the game is in the frame');
  await frame.waitForFunction(() => window.hazardHunt);
  return { page, frame };
}

const messages = (page) => page.evaluate(() => window.hazardHuntMessages);
const game = (frame) => frame.evaluate(() => window.hazardHunt.state());

async function waitMessage(page, type, n = 1) {
  await page.waitForFunction(
    ([t, k]) => window.hazardHuntMessages.filter((m) => m.type === t).length >= k,
    [type, n],
    { timeout: 10_000 },
  );
}

/** A real click on a point of the game's page (CSS px of the frame). */
async function clickInFrame(page, p) {
  const box = await page.locator('#game').boundingBox();
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

gameTest(env, 'a host page starts a round, hears the finds and gets the round summary', async (g) => {
  const { page, frame } = await openHost(g);
  const ready = (await messages(page)).find((m) => m.type === 'ready');
  assert.deepEqual({ ...ready }, { source: 'hazard-hunt', version: 1, type: 'ready', lang: 'zh', scene: null });

  await page.locator('#scene').selectOption('sewer');
  await page.locator('#seed').fill('222-25H');
  await page.locator('#send-start').click();
  await waitMessage(page, 'roundStarted');
  await frame.waitForFunction(() => window.hazardHunt.state().screen === 'play');
  const started = (await messages(page)).find((m) => m.type === 'roundStarted');
  assert.equal(started.sceneId, 'sewer');
  assert.equal(started.seed, '222-25H');

  // Two finds with real clicks inside the frame.
  for (let k = 0; k < 2; k++) {
    await frame.waitForFunction(() => !window.hazardHunt.state().camera.moving);
    const pts = await frame.evaluate(() => window.hazardHunt.hazardPoints().filter((p) => p.visible && !p.view));
    await clickInFrame(page, pts[0]);
    await frame.locator('#card').waitFor();
    await frame.locator('#card-close').click();
    if ((await game(frame)).screen === 'question') await frame.locator('#question-close').click();
  }
  await waitMessage(page, 'hazardFound', 2);
  await frame.locator('#give-up').click();
  await frame.locator('#confirm-yes').click();
  await waitMessage(page, 'roundFinished');
  const finished = (await messages(page)).find((m) => m.type === 'roundFinished');
  const own = (await frame.evaluate(() => window.hazardHunt.events())).find((e) => e.type === 'roundEnded');
  assert.deepEqual(finished.summary, own.summary, 'the host gets the round summary the game has');
  assert.equal(finished.summary.found.length, 2);
  assert.equal(finished.summary.end, 'gaveUp');
  assert.match(await page.locator('#summary').textContent(), /found 2 of/);
});

gameTest(env, 'a host page sets the language, pauses and resumes', async (g) => {
  const { page, frame } = await openHost(g, { scene: 'sewer' });
  await page.locator('#send-en').click();
  await frame.waitForFunction(() => window.hazardHunt.state().lang === 'en');
  await page.locator('#send-start').click();
  await frame.waitForFunction(() => window.hazardHunt.state().screen === 'play');
  await page.locator('#send-pause').click();
  await frame.waitForFunction(() => window.hazardHunt.state().paused);
  await frame.locator('#paused').waitFor();
  assert.match(await frame.locator('#paused-title').textContent(), /Paused/);
  const t = (await game(frame)).elapsedMs;
  await page.waitForTimeout(600);
  assert.equal((await game(frame)).elapsedMs, t, 'the clock stops');
  // A click while paused does nothing.
  await frame.waitForFunction(() => !window.hazardHunt.state().camera.moving);
  const pts = await frame.evaluate(() => window.hazardHunt.hazardPoints().filter((p) => p.visible && !p.view));
  await clickInFrame(page, pts[0]);
  assert.deepEqual((await game(frame)).found, []);
  await page.locator('#send-resume').click();
  await frame.waitForFunction(() => !window.hazardHunt.state().paused);
  assert.equal(await frame.locator('#paused').isVisible(), false);
  await clickInFrame(page, pts[0]);
  await frame.locator('#card').waitFor();
});

gameTest(env, 'hostile messages (wrong shape, huge, unknown, from another frame) change nothing', async (g) => {
  const { page, frame } = await openHost(g, { scene: 'sewer' });
  const before = await game(frame);
  await page.evaluate(async () => {
    const w = document.getElementById('game').contentWindow;
    const o = new URL(document.getElementById('game').src).origin;
    const cyclic = { type: 'start' };
    cyclic.self = cyclic;
    for (const m of [
      'start',
      '{"type":"start"}',
      42,
      null,
      [{ type: 'start' }],
      { type: 'start', scene: 'x'.repeat(100_000) },
      { type: 'start', scene: '../../etc/passwd' },
      { type: 'start', mode: 'kiosk' },
      { type: 'launch' },
      { type: 'pause', extra: 1 },
      { type: 'setLang', lang: 'fr' },
      cyclic,
    ]) {
      w.postMessage(m, o);
    }
    // Another frame of the page (not the game's parent) posting straight to it.
    const rogue = document.createElement('iframe');
    rogue.srcdoc = '<p>rogue</p>';
    await new Promise((r) => {
      rogue.onload = r;
      document.body.append(rogue);
    });
    rogue.contentWindow.eval(
      "parent.document.getElementById('game').contentWindow.postMessage({ type: 'start', scene: 'sewer' }, '*')",
    );
    w.postMessage({ type: 'pause' }, o); // from the parent: this one counts, below
  });
  await frame.waitForFunction(() => window.hazardHunt.state().paused);
  await page.locator('#send-resume').click();
  await frame.waitForFunction(() => !window.hazardHunt.state().paused);
  const after = await game(frame);
  assert.equal(after.screen, before.screen);
  assert.equal(after.lang, before.lang);
  const types = (await frame.evaluate(() => window.hazardHunt.events())).map((e) => e.type);
  assert.ok(!types.includes('roundStarted'), `no message started a round: ${types}`);
  assert.ok(!types.includes('loadRequested') || types.filter((t) => t === 'loadRequested').length === 1);
});

gameTest(env, 'with parentOrigin, a page of another origin is neither heard nor told', async (g) => {
  const page = await g.newPage({ viewport: { width: 1400, height: 900 } });
  // Page on origin B embeds the game, which trusts only origin A.
  const gameSrc = `${env.url}index.html?automation=1&scene=sewer&embed=1&parentOrigin=${encodeURIComponent(other.a.url.replace(/\/$/, ''))}`;
  await page.goto(`${other.b.url}host-example.html?game=${encodeURIComponent(`${env.url}index.html`)}`);
  // Replace the example's frame with one pointing at the restricted game.
  await page.evaluate((src) => {
    window.heard = [];
    window.addEventListener('message', (e) => window.heard.push(e.data));
    document.getElementById('game').src = src;
  }, gameSrc);
  await page.waitForFunction((u) => [...document.querySelectorAll('iframe')].some((f) => f.src === u), gameSrc);
  let frame;
  await page.waitForFunction(() => true);
  for (let i = 0; i < 50 && !frame; i++) {
    frame = page.frames().find((f) => f.url().includes('parentOrigin='));
    if (!frame) await page.waitForTimeout(100);
  }
  await frame.waitForFunction(() => window.hazardHunt && !document.querySelector('#start').disabled);
  await page.evaluate((o) => {
    document.getElementById('game').contentWindow.postMessage({ type: 'start' }, o);
  }, env.url.replace(/\/$/, ''));
  await page.waitForTimeout(500);
  assert.equal((await game(frame)).screen, 'title', 'the command from origin B is ignored');
  assert.deepEqual(
    (await page.evaluate(() => window.heard)).filter((m) => m && m.source === 'hazard-hunt'),
    [],
    'origin B is told nothing',
  );
  // The game itself still plays.
  await frame.locator('#start').click();
  await frame.waitForFunction(() => window.hazardHunt.state().screen === 'play');
});

gameTest(env, 'embedded, the game offers full screen; a top-level page does not', async (g) => {
  const { frame } = await openHost(g, { scene: 'sewer' });
  await frame.locator('#title-fullscreen').waitFor();
  assert.match(await frame.locator('#title-fullscreen').textContent(), /全屏/);
  await frame.locator('#start').click();
  await frame.waitForFunction(() => window.hazardHunt.state().screen === 'play');
  await frame.locator('#fullscreen').click();
  await frame.waitForFunction(() => document.fullscreenElement !== null);
  assert.match(await frame.locator('#fullscreen').textContent(), /退出全屏/);
  await frame.locator('#fullscreen').click();
  await frame.waitForFunction(() => document.fullscreenElement === null);
  const top = await g.open({ automation: '1', scene: 'sewer' });
  assert.equal(await top.locator('#fullscreen').count(), 0);
  assert.equal(await top.locator('#title-fullscreen').count(), 0);
});
