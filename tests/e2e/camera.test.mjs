// Exploring the picture: drag to pan (mouse and finger), fling, pinch, double tap,
// keyboard arrows and + / −, and a hazard off screen found through lookAt and a real
// click. Every gesture goes through the game's own camera actions.

import {
  assert,
  useGame,
  gameTest,
  state,
  startRound,
  frames,
  cameraAtRest,
  pointInView,
  findHazard,
  skyPoint,
} from './helpers.mjs';

const env = useGame();
const cam = async (page) => (await state(page)).camera;

/**
 * Mouse events with a hand's timing: each step `[type, x, y, ms]` (type 'down', 'move'
 * or 'up', with the left button) carries its own time stamp, `ms` after the first, and
 * all are sent at once. The gaps the page sees are the hand's, not the round trips of a
 * loaded machine.
 */
async function mouseAt(page, steps) {
  const cdp = await page.context().newCDPSession(page);
  const t0 = await page.evaluate(() => (performance.timeOrigin + performance.now()) / 1000);
  const type = { down: 'mousePressed', move: 'mouseMoved', up: 'mouseReleased' };
  let presses = 0;
  await Promise.all(
    steps.map(([kind, x, y, ms]) => {
      if (kind === 'down') presses += 1;
      return cdp.send('Input.dispatchMouseEvent', {
        type: type[kind],
        x,
        y,
        button: 'left',
        buttons: kind === 'up' ? 0 : 1,
        clickCount: Math.max(1, presses),
        timestamp: t0 + ms / 1000,
      });
    }),
  );
  await cdp.detach();
}

/** Zooms in with the wheel at the middle of the canvas. */
async function zoomIn(page, clicks = 3) {
  const box = await page.locator('canvas#scene').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 30);
  for (let i = 0; i < clicks; i++) await page.mouse.wheel(0, -200);
  // While the zoom moves the picture is shown stretched; once it rests (150 ms) it is
  // drawn sharp at the new scale.
  await page.waitForTimeout(300);
  await frames(page, 3);
}

gameTest(env, 'a mouse drag pans the picture and is not a tap; a fling glides on', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer' }, { viewport: { width: 1280, height: 720 } });
  await startRound(page);
  await zoomIn(page);
  const before = await cam(page);
  assert.ok(before.zoom > 1.5);
  const box = await page.locator('canvas#scene').boundingBox();
  const y = box.y + box.height / 2;
  // A slow drag to the left: the view moves right, by the drag over the scale.
  await page.mouse.move(box.x + 700, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 500, y, { steps: 10 });
  await page.waitForTimeout(200); // hold still: no fling
  await page.mouse.up();
  await frames(page, 2);
  const after = await cam(page);
  assert.ok(after.x > before.x + 20, `the view moved right: ${before.x} → ${after.x}`);
  assert.equal(after.moving, false, 'a placed drag does not glide');
  const s = await state(page);
  assert.equal(s.misses, 0, 'a drag is not a miss');
  assert.deepEqual(s.found, [], 'nor a find');

  // A quick flick: the view keeps gliding after the button is let go, then stops.
  // Its events carry a hand's timing: a move every 16 ms, let go at once.
  const flick = [['down', box.x + 700, y, 0]];
  for (let i = 1; i <= 6; i++) flick.push(['move', box.x + 700 - i * 40, y, i * 16]);
  flick.push(['up', box.x + 460, y, 7 * 16]);
  await mouseAt(page, flick);
  const flung = await cam(page);
  assert.equal(flung.moving, true, 'gliding after the flick');
  await cameraAtRest(page);
  assert.ok((await cam(page)).x > flung.x, 'and glided on before stopping');
  assert.equal((await state(page)).misses, 0);
});

gameTest(env, 'a finger drags and two fingers pinch (touch through CDP)', async (g) => {
  const page = await g.open(
    { automation: '1', lang: 'zh', scene: 'sewer' },
    { viewport: { width: 1280, height: 720 }, hasTouch: true },
  );
  await startRound(page);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  const box = await page.locator('canvas#scene').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;

  // Pinch out: two fingers 100 px apart move to 300 px apart.
  const zoom0 = (await cam(page)).zoom;
  await touch('touchStart', [
    { x: cx - 50, y: cy, id: 1 },
    { x: cx + 50, y: cy, id: 2 },
  ]);
  for (let i = 1; i <= 10; i++) {
    await touch('touchMove', [
      { x: cx - 50 - i * 10, y: cy, id: 1 },
      { x: cx + 50 + i * 10, y: cy, id: 2 },
    ]);
  }
  await touch('touchEnd', []);
  await frames(page, 3);
  const pinched = await cam(page);
  assert.ok(pinched.zoom > zoom0 * 2.2, `pinched in: ${zoom0} → ${pinched.zoom}`);

  // One finger drags down: the view moves up.
  await touch('touchStart', [{ x: cx, y: cy - 100, id: 3 }]);
  for (let i = 1; i <= 8; i++) await touch('touchMove', [{ x: cx, y: cy - 100 + i * 20, id: 3 }]);
  await page.waitForTimeout(150);
  await touch('touchEnd', []);
  await cameraAtRest(page);
  const dragged = await cam(page);
  assert.ok(dragged.y < pinched.y - 10, `the view moved up: ${pinched.y} → ${dragged.y}`);
  const s = await state(page);
  assert.equal(s.misses, 0, 'neither gesture is a tap');
  assert.deepEqual(s.found, []);
  await g.screenshot(page, 'pinched', 'zh');
});

gameTest(env, 'a double tap zooms in without costing a miss; again zooms back', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer' }, { viewport: { width: 1280, height: 720 } });
  await startRound(page);
  const sky = await skyPoint(page);
  const zoom0 = (await cam(page)).zoom;
  // Two clicks 150 ms apart, as a hand double-clicks.
  const twice = ({ x, y }) => [
    ['down', x, y, 0],
    ['up', x, y, 60],
    ['down', x, y, 150],
    ['up', x, y, 210],
  ];
  await mouseAt(page, twice(sky));
  await cameraAtRest(page);
  const z = (await cam(page)).zoom;
  assert.ok(Math.abs(z - 2 * zoom0) < 1e-6, `zoomed in twice: ${zoom0} → ${z}`);
  const s = await state(page);
  assert.equal(s.misses, 0, "the double tap's first tap is not a miss");
  const types = (await page.evaluate(() => window.hazardHunt.events())).map((e) => e.type);
  assert.ok(types.includes('missForgiven'), types.join(' '));
  const box = await page.locator('canvas#scene').boundingBox();
  await mouseAt(page, twice({ x: box.x + box.width / 2, y: box.y + 120 }));
  await cameraAtRest(page);
  assert.ok(Math.abs((await cam(page)).zoom - zoom0) < 1e-6, 'back to the whole scene');
});

gameTest(env, 'keyboard: + zooms, arrows pan, while playing', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer' }, { viewport: { width: 1280, height: 720 } });
  await startRound(page);
  const c0 = await cam(page);
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  const c1 = await cam(page);
  assert.ok(c1.zoom > c0.zoom * 1.5, `+ zooms in: ${c0.zoom} → ${c1.zoom}`);
  await page.keyboard.press('ArrowRight');
  const c2 = await cam(page);
  assert.ok(c2.x > c1.x, 'ArrowRight looks further right');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('-');
  await page.keyboard.press('-');
  assert.ok((await cam(page)).zoom < c1.zoom, '− zooms out');
});

gameTest(env, 'zoomed in, a hazard off screen is brought into view by lookAt and found by a click', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'site' }, { viewport: { width: 1280, height: 720 } });
  await startRound(page);
  // The tall building site settles to fill the width: some hazards are off screen.
  const c = await cam(page);
  assert.ok(c.zoom > 1.5, `settled to a readable zoom: ${JSON.stringify(c)}`);
  const off = (await page.evaluate(() => window.hazardHunt.hazardPoints())).filter((p) => !p.visible);
  assert.ok(off.length > 0, 'some hazards are off screen');
  const p = await pointInView(page, off[0].id);
  await findHazard(page, p);
  assert.deepEqual((await state(page)).found, [off[0].id]);
  assert.equal(await page.evaluate(() => window.hazardHunt.lookAt('nothing-by-that-name')), false);
  await g.screenshot(page, 'site-zoomed-card', 'en');
});

gameTest(env, 'the minimap shows while zoomed in; tapping it moves the view there; it folds away', async (g) => {
  const page = await g.open({ automation: '1', lang: 'zh', scene: 'sewer' }, { viewport: { width: 1280, height: 720 } });
  await startRound(page);
  assert.equal(await page.locator('#minimap').isVisible(), false, 'no minimap when the whole scene shows');
  await zoomIn(page, 4);
  await page.locator('#minimap-canvas').waitFor({ state: 'visible' });
  await frames(page, 2);
  await g.screenshot(page, 'minimap', 'zh');
  const box = await page.locator('#minimap-canvas').boundingBox();
  // Its top-left corner: the view goes to the scene's top-left (as far as it can).
  await page.mouse.click(box.x + 3, box.y + 3);
  await frames(page, 2);
  const c = await cam(page);
  const s = await state(page);
  assert.equal(s.misses, 0, 'a tap on the minimap is not a miss');
  const seen = await page.evaluate(() => {
    const p = window.hazardHunt.hazardPoints();
    return p.length;
  });
  assert.ok(seen > 0);
  assert.ok(c.x < 960 && c.y < 540, `the view moved to the top left: ${JSON.stringify(c)}`);
  // Fold it away and back.
  await page.locator('#minimap-toggle').click();
  assert.equal(await page.locator('#minimap-toggle').getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#minimap-canvas').isVisible(), false);
  await page.locator('#minimap-toggle').click();
  assert.equal(await page.locator('#minimap-canvas').isVisible(), true);
});
