// The URL parameter table (README): every bad value shows a notice that names it
// and the game falls back and plays; the lesson parameters (scene lists, hints,
// answers, embed) do what the table says. The kiosk's own good values are tested in
// kiosk.test.mjs, parentOrigin's in host.test.mjs, audio/motion/seed/time in their
// own files.

import assert from 'node:assert/strict';
import {
  useGame,
  gameTest,
  state,
  waitShown,
  waitForScreen,
  text,
  startRound,
  hazardPoints,
  cameraAtRest,
  frames,
  openKiosk,
  touchToStart,
} from './helpers.mjs';

const env = useGame();

// [parameters, the bad value the notice names (null: not repeated back), check of the fallback]
const BAD = [
  ['lang=fr', 'fr', (s) => assert.equal(s.lang, 'zh')],
  ['scene=..%2Fx', '../x', (s) => assert.equal(s.screen, 'title')],
  ['motion=wobble', 'wobble', (s) => assert.equal(s.motion, true)],
  ['audio=loud', 'loud', () => {}],
  ['mode=race', 'race', () => {}],
  ['mode=challenge&time=2', '2', () => {}],
  ['seed=nope', 'nope', () => {}],
  ['hints=maybe', 'maybe', () => {}],
  ['answers=all', 'all', () => {}],
  ['embed=please', 'please', () => {}],
  ['parentOrigin=javascript%3Aalert(1)', 'javascript:alert(1)', () => {}],
];
const BAD_KIOSK = [
  ['idle=abc', 'abc', (s) => assert.equal(s.kiosk.idleMs, 60_000)],
  ['countdown=0', '0', () => {}],
  ['board=maybe', 'maybe', () => {}],
  ['cursor=blink', 'blink', () => {}],
  ['staff=1&code=12a4', null, () => {}],
];

for (const [params, value, check] of BAD) {
  gameTest(env, `?${params}: a notice names the value, the game falls back and plays`, async (g) => {
    const page = await g.open(`automation=1&${params}`);
    await waitShown(page, '#notice');
    const notice = await text(page, '#notice');
    if (value !== null) assert.ok(notice.includes(value), `the notice names “${value}”: ${notice}`);
    check(await state(page));
    await startRound(page);
    const [p] = await hazardPoints(page);
    assert.ok(p, 'the round has hazards');
  });
}

for (const [params, value, check] of BAD_KIOSK) {
  gameTest(env, `?mode=kiosk&${params}: a notice over the attract screen, the kiosk plays`, async (g) => {
    const page = await openKiosk(g, `${params}&scene=sewer`);
    await waitShown(page, '#notice');
    const notice = await text(page, '#notice');
    if (value !== null) assert.ok(notice.includes(value), `the notice names “${value}”: ${notice}`);
    check(await state(page));
    // Whoever set it up can close it; then a touch plays.
    await page.locator('#notice-close').tap();
    await page.waitForFunction(() => document.querySelector('#notice').hidden);
    assert.equal((await state(page)).screen, 'attract');
    await touchToStart(page);
  });
}

gameTest(env, '?scene=site,sewer: the picker offers those scenes in that order', async (g) => {
  const page = await g.open({ automation: '1', scene: 'site,sewer' });
  await page.locator('#start').click();
  await waitForScreen(page, 'select');
  await page.waitForFunction(() => document.querySelectorAll('#scene-list [data-scene]').length > 0);
  const shown = await page.$$eval('#scene-list [data-scene]', (cards) => cards.map((c) => c.dataset.scene));
  assert.deepEqual(shown, ['site', 'sewer']);
  await page.locator('#scene-list [data-scene="site"]').click();
  await waitForScreen(page, 'play');
  assert.equal((await state(page)).sceneId, 'site');
  // The results lead on to the next scene of the list, and the last one does not.
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  await waitShown(page, '#next-scene');
  assert.match(await text(page, '#next-scene'), /下一个场景/);
  await page.locator('#next-scene').click();
  await waitForScreen(page, 'play');
  assert.equal((await state(page)).sceneId, 'sewer');
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  assert.equal(await page.locator('#next-scene').isVisible(), false);
});

gameTest(env, '?hints=off: no hint button during the round', async (g) => {
  const page = await g.open({ automation: '1', scene: 'sewer', hints: 'off' });
  await startRound(page);
  assert.equal(await page.locator('#hint').isVisible(), false);
  // And nothing asks for one (the native tests check the 25 s nudge stays off).
  await page.waitForTimeout(300);
  const types = (await page.evaluate(() => window.hazardHunt.events())).map((e) => e.type);
  assert.ok(!types.includes('hintShown'));
  const other = await g.open({ automation: '1', scene: 'sewer' });
  await startRound(other);
  assert.equal(await other.locator('#hint').isVisible(), true, 'hints are on by default');
});

gameTest(env, '?answers=show: every hazard is outlined from the start (a teacher’s demonstration)', async (g) => {
  // The same round with and without the outlines; compare the picture around each hazard.
  const look = async (extra) => {
    const page = await g.open({ automation: '1', scene: 'sewer', seed: '222-25H', motion: 'off', ...extra });
    await startRound(page);
    await cameraAtRest(page);
    await frames(page, 3);
    const pts = (await hazardPoints(page)).filter((p) => p.visible);
    const colours = await page.evaluate((ps) => {
      const c = document.querySelector('canvas#scene');
      const r = c.getBoundingClientRect();
      const k = c.width / r.width;
      const ctx = c.getContext('2d');
      return ps.map((p) => {
        const d = ctx.getImageData(Math.round((p.x - r.left) * k) - 6, Math.round((p.y - r.top) * k) - 6, 12, 12).data;
        let sum = [0, 0, 0];
        for (let i = 0; i < d.length; i += 4) for (let j = 0; j < 3; j++) sum[j] += d[i + j];
        return sum.map((v) => v / (d.length / 4));
      });
    }, pts);
    return { pts, colours };
  };
  const plain = await look({});
  const shown = await look({ answers: 'show' });
  assert.deepEqual(
    shown.pts.map((p) => p.id),
    plain.pts.map((p) => p.id),
  );
  const differ = plain.colours.filter((c, i) => {
    const d = c.reduce((acc, v, j) => acc + Math.abs(v - shown.colours[i][j]), 0);
    return d > 12;
  }).length;
  assert.ok(differ >= Math.ceil(plain.pts.length * 0.8), `${differ} of ${plain.pts.length} hazards look outlined`);
});

gameTest(env, '?embed=1: the game offers full screen even at the top level', async (g) => {
  const page = await g.open({ automation: '1', scene: 'sewer', embed: '1' });
  await waitShown(page, '#title-fullscreen');
  await startRound(page);
  await waitShown(page, '#fullscreen');
});
