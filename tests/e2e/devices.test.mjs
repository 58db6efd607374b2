// Other ways in: a phone with touch, window resizes, the keyboard.

import {
  assert,
  useGame,
  gameTest,
  state,
  hazardPoints,
  stablePoints,
  waitForScreen,
  waitShown,
  startRound,
  findHazard,
  pointInView,
  closeCard,
  frames,
  hudFound,
} from './helpers.mjs';

const env = useGame();

gameTest(env, 'touch phone', async (g) => {
  const phone = {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  };
  const page = await g.open({ automation: '1', lang: 'zh' }, phone);
  await g.screenshot(page, 'title', 'zh');
  await startRound(page, { via: 'tap' });
  await frames(page);
  await g.screenshot(page, 'play', 'zh');

  // The canvas backing store matches the screen's pixels (crisp on a 3x screen).
  const c = await page.evaluate(() => {
    const el = document.querySelector('canvas#scene');
    return {
      width: el.width,
      height: el.height,
      clientWidth: el.clientWidth,
      clientHeight: el.clientHeight,
      dpr: window.devicePixelRatio,
    };
  });
  assert.equal(c.dpr, 3);
  assert.ok(c.clientWidth > 0 && c.clientHeight > 0, 'canvas is laid out');
  const near = (actual, want) => Math.abs(actual - want) <= Math.max(2, want * 0.01);
  assert.ok(
    near(c.width, c.clientWidth * c.dpr),
    `canvas.width ${c.width} ≈ clientWidth ${c.clientWidth} × dpr ${c.dpr}`,
  );
  assert.ok(
    near(c.height, c.clientHeight * c.dpr),
    `canvas.height ${c.height} ≈ clientHeight ${c.clientHeight} × dpr ${c.dpr}`,
  );

  // The round settled to fill the screen's height: the player pans sideways.
  const cam = (await state(page)).camera;
  assert.ok(cam.zoom > 3, `zoomed to fill the height: ${JSON.stringify(cam)}`);
  const [first] = await stablePoints(page);
  assert.ok(first, 'a hazard point exists');
  const p = await pointInView(page, first.id);
  await findHazard(page, p, { via: 'tap' });
  await g.screenshot(page, 'card', 'zh');
  await page.locator('#card-close').tap();
  await page.locator('#card').waitFor({ state: 'hidden' });
  const s = await state(page);
  assert.deepEqual(s.found, [p.id]);
  assert.deepEqual(await hudFound(page), [1, s.total]);
});

gameTest(env, 'resize keeps hazards clickable', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en' }, { viewport: { width: 1280, height: 720 } });
  await startRound(page);
  const total = (await state(page)).total;
  const before = await stablePoints(page);
  assert.equal(before.length, total);

  let found = 0;
  for (const [width, height] of [
    [1920, 1080],
    [800, 600],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForFunction(([w, h]) => window.innerWidth === w && window.innerHeight === h, [width, height]);
    const pts = await stablePoints(page);
    assert.equal(pts.length, total - found, `${width}x${height}: one point per remaining hazard`);
    const canvas = await page.locator('canvas#scene').boundingBox();
    assert.ok(
      canvas.x >= -1 && canvas.y >= -1 && canvas.x + canvas.width <= width + 1 && canvas.y + canvas.height <= height + 1,
      `${width}x${height}: the canvas ${JSON.stringify(canvas)} fits in the window`,
    );
    await findHazard(page, pts[0]);
    await g.screenshot(page, `card-${width}x${height}`, 'en');
    await closeCard(page);
    found += 1;
    const s = await state(page);
    assert.equal(s.found.length, found);
    assert.equal(s.misses, 0, `${width}x${height}: the click at the re-read point was a hit`);
  }
});

gameTest(env, 'keyboard: Tab to start, Enter plays', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en' });
  let reached = false;
  const seen = [];
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    seen.push(id);
    reached = id === 'start';
  }
  assert.ok(reached, `Tab reaches #start (focus went: ${seen.join(' → ')})`);
  await page.keyboard.press('Enter');
  // The picker opens with the focus on its heading; Tab reaches the first scene.
  await waitForScreen(page, 'select');
  await page.locator('#scene-list [data-scene]').first().waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'select-heading', 'focus moves to the picker');
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-scene')),
    'sewer',
    'Tab reaches the first scene card',
  );
  await page.keyboard.press('Enter');
  await waitForScreen(page, 'play');
  await waitShown(page, '#hud');
  assert.equal((await hazardPoints(page)).length, (await state(page)).total);
});

gameTest(env, 'the card never covers the hazard it explains (1280x720 projector)', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en' }, { viewport: { width: 1280, height: 720 } });
  await startRound(page);
  for (;;) {
    const [first] = await hazardPoints(page);
    if (!first) break;
    // Into its view, if it is in one, and into sight.
    const p = await pointInView(page, first.id);
    await findHazard(page, p);
    const box = await page.locator('#card').boundingBox();
    const inside = p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
    assert.equal(inside, false, `the card (${JSON.stringify(box)}) covers ${p.id} at ${p.x},${p.y}`);
    await closeCard(page);
  }
  await waitForScreen(page, 'results');
});
