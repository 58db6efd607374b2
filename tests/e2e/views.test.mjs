// Views: stepping into the sewer's shaft (dark: a torch, a gas detector) and
// looking down from the building site's roof edge (a wind meter), with real mouse and
// touch input. Screenshots for review go to test-results/screenshots/.
import path from 'node:path';
import {
  useGame,
  gameTest,
  startRound,
  state,
  waitShown,
  waitGone,
  frames,
  cameraAtRest,
  pointInView,
  findHazard,
  closeCard,
  text,
  SCREENSHOTS,
  assert,
} from './helpers.mjs';

const env = useGame();
// A round (challenge code) that holds every hazard these tests look for.
const SEED = '222-25H';

/** Mean brightness (0–255) of the canvas in a 24 px box around CSS point (x, y). */
async function brightness(page, { x, y }) {
  return page.evaluate(
    ({ x, y }) => {
      const c = document.querySelector('canvas#scene');
      const r = c.getBoundingClientRect();
      const k = c.width / r.width;
      const d = c
        .getContext('2d')
        .getImageData(Math.round((x - r.left - 12) * k), Math.round((y - r.top - 12) * k), Math.round(24 * k), Math.round(24 * k)).data;
      let sum = 0;
      for (let i = 0; i < d.length; i += 4) sum += 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
      return sum / (d.length / 4);
    },
    { x, y },
  );
}

async function enterShaft(page) {
  const entry = page.locator('.view-entry[data-view="shaft"]');
  await entry.waitFor({ state: 'visible' });
  const label = (await entry.textContent()).trim();
  assert.ok(label.length > 0, 'the way into the shaft is labelled');
  await entry.click();
  await page.waitForFunction(() => window.hazardHunt.state().view === 'shaft');
  await cameraAtRest(page);
  await waitShown(page, '#detector');
}

/** Pans to the top (`up`) or the bottom of the shaft with the arrow keys, then moves
 * the torch (the mouse) near that edge of the picture; returns the detector. */
async function torchAt(page, up) {
  for (let i = 0; i < 20; i++) {
    const before = (await state(page)).camera.y;
    await page.keyboard.press(up ? 'ArrowUp' : 'ArrowDown');
    await cameraAtRest(page);
    await frames(page, 2);
    if (Math.abs((await state(page)).camera.y - before) < 0.5) break;
  }
  const stage = await page.locator('#stage').boundingBox();
  // Near the top: about half a metre down, under the opening; at the bottom: the
  // last few pixels of the picture.
  const y = up ? stage.y + stage.height * 0.3 : stage.y + stage.height - 30;
  await page.mouse.move(stage.x + stage.width / 2, y);
  await frames(page, 2);
  return (await state(page)).detector;
}

gameTest(env, 'in the dark shaft the torch shows what the dark hides, and a click finds it', async (g) => {
  const page = await g.open({ automation: 1, seed: SEED, scene: 'sewer', lang: 'zh', motion: 'off', audio: 'off' });
  await startRound(page);
  const before = (await state(page)).camera;
  await enterShaft(page);
  let s = await state(page);
  assert.equal(s.view, 'shaft');
  assert.ok(s.detector, 'the detector reads in the shaft');
  // The rusted steps: only a torch shows them.
  const p = await pointInView(page, 'rotten-steps');
  assert.equal(p.view, 'shaft');
  const vp = page.viewportSize();
  // The torch far away: the steps are in the dark.
  await page.mouse.move(p.x > vp.width / 2 ? 40 : vp.width - 40, p.y > vp.height / 2 ? 120 : vp.height - 40);
  await frames(page, 3);
  const dark = await brightness(page, p);
  await page.mouse.move(p.x, p.y);
  await frames(page, 3);
  const lit = await brightness(page, p);
  assert.ok(dark < 25, `in the dark the steps are near black (brightness ${dark.toFixed(1)})`);
  assert.ok(lit > dark + 40, `the torch lights them (${dark.toFixed(1)} → ${lit.toFixed(1)})`);
  const torch = (await state(page)).torch;
  assert.ok(Math.abs(torch.x - p.x) < 2 && Math.abs(torch.y - p.y) < 2, 'the torch is where the pointer is');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'shaft-torch-zh.png') });
  const card = await findHazard(page, p);
  assert.ok(card.title.length > 0);
  await closeCard(page);
  // Back up to the street: the camera is where it was.
  await page.locator('#view-back').click();
  await page.waitForFunction(() => window.hazardHunt.state().view === null);
  await waitGone(page, '#detector');
  s = await state(page);
  assert.deepEqual([s.camera.x, s.camera.y, s.camera.zoom], [before.x, before.y, before.zoom]);
});

gameTest(env, 'the detector reads the air by depth: methane near the top, hydrogen sulfide and little oxygen at the bottom', async (g) => {
  const page = await g.open({ automation: 1, seed: SEED, scene: 'sewer', lang: 'en', motion: 'off', audio: 'off' });
  await startRound(page);
  await enterShaft(page);
  const top = await torchAt(page, true);
  assert.ok(top.depthM < 1.5, `near the top (${top.depthM} m)`);
  const bottom = await torchAt(page, false);
  assert.ok(bottom.depthM > 4.5, `near the bottom (${bottom.depthM} m)`);
  assert.ok(bottom.alarms.h2s && bottom.alarms.o2, `hydrogen sulfide and low oxygen at the bottom: ${JSON.stringify(bottom)}`);
  assert.ok(bottom.o2 < 19.5 && bottom.h2s >= 10);
  // Methane rises, hydrogen sulfide sinks: test the top, the middle and the bottom.
  assert.ok(top.ch4 > bottom.ch4 && top.h2s < bottom.h2s, `top ${JSON.stringify(top)} vs bottom ${JSON.stringify(bottom)}`);
  assert.equal(bottom.ventilated, false);
  assert.ok(typeof bottom.beepMs === 'number' && bottom.beepMs < 500, 'it beeps fast near danger');
  // What the sound says is on screen too: the alarm and the gases past their level.
  assert.match(await text(page, '#detector-state'), /ALARM/);
  assert.ok(await page.locator('#gas-h2s.alarm').isVisible());
  assert.ok(await page.locator('#gas-o2.alarm').isVisible());
  assert.ok((await page.locator('#detector').getAttribute('class')).includes('beeping'));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'shaft-detector-en.png') });
});

gameTest(env, 'ventilating first (finding the blower off) makes the shaft air safe on the detector', async (g) => {
  const page = await g.open({ automation: 1, seed: SEED, scene: 'sewer', lang: 'zh', motion: 'off', audio: 'off' });
  await startRound(page);
  const p = await pointInView(page, 'no-ventilation');
  await findHazard(page, p);
  await closeCard(page);
  await enterShaft(page);
  const bottom = await torchAt(page, false);
  assert.equal(bottom.ventilated, true);
  assert.equal(bottom.alarm, false, `after ventilation the bottom is within the alarm levels: ${JSON.stringify(bottom)}`);
  assert.match(await text(page, '#detector-air'), /通风/);
});

gameTest(
  env,
  'on a phone a finger carries the torch and a tap in the dark finds',
  async (g) => {
    const page = await g.open(
      { automation: 1, seed: SEED, scene: 'sewer', lang: 'zh', motion: 'off', audio: 'off' },
      { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    );
    await startRound(page, { via: 'tap' });
    await page.locator('.view-entry[data-view="shaft"]').tap();
    await page.waitForFunction(() => window.hazardHunt.state().view === 'shaft');
    await cameraAtRest(page);
    const p = await pointInView(page, 'stirred-sludge');
    await page.touchscreen.tap(p.x, p.y);
    await waitShown(page, '#card');
    const s = await state(page);
    assert.ok(s.found.includes('stirred-sludge'));
    assert.ok(Math.abs(s.torch.x - p.x) < 2 && Math.abs(s.torch.y - p.y) < 2, 'the torch went where the finger landed');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'shaft-phone-zh.png') });
  },
  { timeout: 45_000 },
);

gameTest(env, 'looking down from the building site edge shows the height and a gusting wind meter', async (g) => {
  const page = await g.open({ automation: 1, seed: SEED, scene: 'site', lang: 'zh', motion: 'off', audio: 'off' }, { viewport: { width: 1920, height: 1080 } });
  await startRound(page);
  const entry = page.locator('.view-entry[data-view="edge"]');
  await entry.waitFor({ state: 'visible' });
  await entry.click();
  await page.waitForFunction(() => window.hazardHunt.state().view === 'edge');
  await cameraAtRest(page);
  await waitShown(page, '#windmeter');
  const winds = [];
  for (let i = 0; i < 6; i++) {
    winds.push((await state(page)).wind);
    await page.waitForTimeout(250);
  }
  assert.ok(winds.every((w) => w >= 5 && w <= 7), `the wind gusts between force 5 and 7: ${winds}`);
  assert.match(await text(page, '#wind-force'), /风力 [5-7] 级/);
  assert.match(await text(page, '#wind-height'), /米/);
  // No torch and no detector up here.
  const s = await state(page);
  assert.equal(s.detector, null);
  assert.equal(s.torch, null);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'edge-view-zh.png') });
  // Both hazards up here are found with real clicks.
  for (const id of ['fall-zone-open', 'scaffold-net-torn']) {
    const p = await pointInView(page, id);
    await findHazard(page, p);
    await closeCard(page);
  }
  await page.locator('#view-back').click();
  await page.waitForFunction(() => window.hazardHunt.state().view === null);
  await waitGone(page, '#windmeter');
});

gameTest(env, 'the marker on the picture opens the view too, and a hazard beside it is still found', async (g) => {
  const page = await g.open({ automation: 1, seed: SEED, scene: 'sewer', lang: 'en', motion: 'off', audio: 'off' });
  await startRound(page);
  const [marker] = await page.evaluate(() => window.hazardHunt.viewPoints());
  assert.equal(marker.id, 'shaft');
  assert.ok(marker.visible, 'the marker is on screen');
  await page.mouse.click(marker.x, marker.y);
  await page.waitForFunction(() => window.hazardHunt.state().view === 'shaft');
  const ev = await page.evaluate(() => window.hazardHunt.events());
  assert.ok(!ev.some((e) => e.type === 'miss'), 'a tap on the marker is not a miss');
  await page.locator('#view-back').click();
  await page.waitForFunction(() => window.hazardHunt.state().view === null);
  // The worker going down beside the marker is found where he is drawn.
  const p = await pointInView(page, 'no-harness');
  await findHazard(page, p);
});
