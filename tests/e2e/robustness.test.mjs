// Things going wrong: a broken scene file, odd URL parameters; and what the
// page must not do: expose the automation hook by default, talk to other hosts.

import fs from 'node:fs';
import path from 'node:path';
import {
  assert,
  useGame,
  gameTest,
  state,
  hazardPoints,
  waitReady,
  waitShown,
  startRound,
  findHazard,
  closeCard,
  text,
  htmlLang,
  TITLE_TEXT,
  HTML_LANG,
  DIST,
} from './helpers.mjs';

const env = useGame();
const SCENE_ROUTE = '**/assets/scenes/sewer.json';

function sceneWithoutFirstRegion() {
  const scene = JSON.parse(fs.readFileSync(path.join(DIST, 'assets', 'scenes', 'sewer.json'), 'utf8'));
  assert.ok(Array.isArray(scene.hazards) && scene.hazards.length > 0, 'the real scene has hazards');
  assert.ok('region' in scene.hazards[0], 'the real scene has hazards[0].region');
  delete scene.hazards[0].region;
  return JSON.stringify(scene);
}

const brokenScenes = [
  { name: 'invalid JSON', body: () => '{"id": "sewer", "hazards": [ {', mustName: ['sewer.json'] },
  { name: 'missing hazards[0].region', body: sceneWithoutFirstRegion, mustName: ['sewer.json', 'region'] },
];

for (const broken of brokenScenes) {
  gameTest(env, `broken scene: ${broken.name}`, async (g) => {
    const body = broken.body();
    let served = 0;
    const page = await g.open({ automation: '1', lang: 'zh', scene: 'sewer' }, {}, {
      waitReady: false,
      beforeGoto: (p) =>
        p.route(SCENE_ROUTE, (route) => {
          served += 1;
          return route.fulfill({ status: 200, contentType: 'application/json', body });
        }),
    });
    await waitShown(page, '#error');
    assert.ok(served >= 1, 'the game asked for sewer.json');
    assert.equal(await page.locator('#error').getAttribute('role'), 'alert', '#error has role=alert');
    const msg = await text(page, '#error');
    for (const word of broken.mustName) {
      assert.ok(msg.includes(word), `#error text ${JSON.stringify(msg)} names ${word}`);
    }
    await g.screenshot(page, 'error', 'zh');

    // The language buttons still work with a broken scene.
    await page.locator('#lang-en').click();
    await page.waitForFunction((l) => document.documentElement.lang === l, HTML_LANG.en);
    await waitShown(page, '#error');
    assert.ok((await text(page, '#error')).includes('sewer.json'), 'the English error still names the file');
    await g.screenshot(page, 'error', 'en');
    await page.locator('#lang-zh').click();
    await page.waitForFunction((l) => document.documentElement.lang === l, HTML_LANG.zh);
    await waitShown(page, '#error');

    // Once the file is mended, "try again" loads it without reloading the page.
    await page.unroute(SCENE_ROUTE);
    await page.locator('#retry').click();
    await waitReady(page);
    assert.equal(await page.locator('#error').isHidden(), true, '#error is gone after a good load');
    await startRound(page);
    assert.equal((await state(page)).sceneId, 'sewer');
  });
}

gameTest(env, 'missing sprite picture', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer' }, {}, {
    waitReady: false,
    beforeGoto: (p) => p.route('**/assets/sprites/generator.svg', (route) => route.fulfill({ status: 404, body: '' })),
  });
  await waitShown(page, '#error');
  assert.ok((await text(page, '#error')).includes('generator.svg'), '#error names the missing picture');
  assert.equal(await page.locator('#start').isDisabled(), true, 'cannot start without the picture');
  // Chromium itself logs the 404 as a console error; that one line is expected here,
  // anything else still fails the test.
  const netLog = /^console\.error: Failed to load resource: .* 404 .*\/assets\/sprites\/generator\.svg/;
  const i = g.errors.findIndex((e) => netLog.test(e));
  assert.ok(i >= 0, 'the browser reported the missing picture');
  g.errors.splice(i, 1);
});

gameTest(env, 'unusable URL parameters fall back to the defaults (the picker)', async (g) => {
  const sceneRequests = [];
  const page = await g.open('lang=xx&scene=..%2Fetc&automation=1', {}, {
    beforeGoto: (p) =>
      p.on('request', (r) => {
        if (r.url().includes('/assets/scenes/') || /etc/.test(new URL(r.url()).pathname)) sceneRequests.push(r.url());
      }),
  });
  await waitShown(page, '#notice');
  assert.ok((await text(page, '#notice')).length > 0, '#notice explains the problem');
  await g.screenshot(page, 'notice', 'zh');
  assert.equal(await htmlLang(page), HTML_LANG.zh, 'default language is Chinese');
  assert.ok((await text(page, '#title h1')).includes(TITLE_TEXT.zh), 'Chinese title');
  for (const u of sceneRequests) {
    assert.fail(`no scene is fetched before one is picked, not ${u}`);
  }

  await startRound(page);
  const s = await state(page);
  assert.equal(s.lang, 'zh');
  assert.equal(s.sceneId, 'sewer');
  const [p] = await hazardPoints(page);
  const card = await findHazard(page, p);
  assert.match(card.title, /[\u3400-\u9fff]/, 'card in Chinese');
  await closeCard(page);
});

gameTest(env, 'no automation hook by default, no other hosts', async (g) => {
  const foreign = [];
  const page = await g.newPage();
  const origin = new URL(g.url).origin;
  page.context().on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.origin !== origin) foreign.push(r.url());
  });
  await page.goto(g.gameUrl({ lang: 'en' }));
  await waitReady(page);
  assert.equal(await page.evaluate(() => typeof window.hazardHunt), 'undefined', 'window.hazardHunt is not exposed');

  // The picker loads its list and thumbnails, the play screen the scene's pictures:
  // still nothing but the local server.
  await page.locator('#start').click();
  await page.locator('#scene-list [data-scene="sewer"]').click();
  await waitShown(page, '#hud');
  await waitShown(page, 'canvas#scene');
  await page.waitForLoadState('networkidle');
  assert.equal(await page.evaluate(() => typeof window.hazardHunt), 'undefined');
  assert.deepEqual(foreign, [], 'no request leaves the local server');
});
