// Life and depth: the scenes' ambient motion changes the canvas over time; with
// ?motion=off or the browser's reduced-motion setting the picture stays still.
// Screenshots of both scenes in motion, zoomed and panned (parallax), for a person to
// look at: test-results/screenshots/.

import { assert, useGame, gameTest, state, startRound, frames, cameraAtRest, waitForScreen } from './helpers.mjs';

const env = useGame();
const VIEW = { viewport: { width: 1280, height: 720 } };

const canvasPixels = (page) => page.evaluate(() => document.querySelector('canvas#scene').toDataURL());

async function twoPicturesApart(page, ms = 1000) {
  await frames(page, 3);
  const a = await canvasPixels(page);
  await page.waitForTimeout(ms);
  await frames(page, 2);
  const b = await canvasPixels(page);
  return [a, b];
}

for (const scene of ['sewer', 'site']) {
  gameTest(env, `motion on: the ${scene} scene moves by itself`, async (g) => {
    const page = await g.open({ automation: '1', lang: 'en', scene }, VIEW);
    await startRound(page, { scene });
    assert.equal((await state(page)).motion, true);
    const [a, b] = await twoPicturesApart(page);
    assert.notEqual(a, b, 'the canvas changed within a second');
    await g.screenshot(page, 'moving', 'en');
    // Zoomed in and panned: far layers (sky, skyline) move less than the action plane.
    const box = await page.locator('canvas#scene').boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
    await frames(page, 3);
    for (const key of ['ArrowLeft', 'ArrowUp']) {
      for (let i = 0; i < 6; i++) await page.keyboard.press(key);
    }
    await page.waitForFunction(() => !window.hazardHunt.state().camera.moving);
    await page.waitForTimeout(400);
    await g.screenshot(page, 'zoomed-panned', 'en');
  });
}

/** Copies the canvas's pixels into the page (window.__pixels) for `differences`. */
const keepPixels = (page) =>
  page.evaluate(() => {
    const c = document.querySelector('canvas#scene');
    window.__pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  });

/**
 * How the canvas differs from the kept pixels: the share of pixels off by more than a
 * `level` (smoothing at the edge of a shape may differ by a few levels where a strip
 * was drawn on its own) and the most pixels off in any one row or column (a seam
 * would fill one).
 */
const differences = (page, level = 24) =>
  page.evaluate((level) => {
    const c = document.querySelector('canvas#scene');
    const b = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const a = window.__pixels;
    const rows = new Uint32Array(c.height);
    const cols = new Uint32Array(c.width);
    let off = 0;
    for (let i = 0; i < a.length; i += 4) {
      const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]));
      if (d > level) {
        off++;
        const p = i / 4;
        rows[Math.floor(p / c.width)]++;
        cols[p % c.width]++;
      }
    }
    return {
      share: off / (c.width * c.height),
      row: Math.max(...rows) / c.width,
      column: Math.max(...cols) / c.height,
    };
  }, level);

for (const scene of ['sewer', 'site']) {
  gameTest(env, `a panned ${scene} picture matches it drawn whole (no seams, far layers in place)`, async (g) => {
    const size = { width: 1280, height: 720 };
    const page = await g.open({ automation: '1', lang: 'en', scene, motion: 'off' }, { viewport: size });
    await startRound(page, { scene });
    const box = await page.locator('canvas#scene').boundingBox();
    const mid = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(mid.x, mid.y);
    for (let i = 0; i < 2; i++) await page.mouse.wheel(0, -200);
    await cameraAtRest(page);
    // Drags in small steps, each shifting the cached picture and drawing strips: up
    // to the top of the scene (sky and skyline in view), sideways, and back down.
    for (const [dx, dy, steps] of [[0, 900, 24], [-170, 35, 13], [230, -60, 19], [-40, -300, 15]]) {
      await page.mouse.move(mid.x, mid.y);
      await page.mouse.down();
      for (let i = 1; i <= steps; i++) await page.mouse.move(mid.x + (dx * i) / steps, mid.y + (dy * i) / steps);
      await page.mouse.up();
      await cameraAtRest(page);
      await frames(page, 3);
      await keepPixels(page);
      const camera = (await state(page)).camera;
      // A window one pixel wider and back: the same view, drawn whole.
      await page.setViewportSize({ width: size.width + 1, height: size.height });
      await frames(page, 3);
      await page.setViewportSize(size);
      await frames(page, 3);
      assert.deepEqual((await state(page)).camera, camera, 'the same view');
      const d = await differences(page);
      // The round (its seed: which hazards are left out and drawn put right) and the
      // view, so that a failure can be replayed.
      const at = `after a drag by ${dx}, ${dy}: ${JSON.stringify(d)} (seed ${(await state(page)).seed}, camera ${JSON.stringify(camera)})`;
      assert.ok(d.share < 0.003, `few pixels differ ${at}`);
      assert.ok(d.row < 0.25 && d.column < 0.25, `no row or column differs ${at}`);
    }
    await g.screenshot(page, 'panned-in-steps', 'en');
  });
}

gameTest(env, 'idle frames redraw only what moves, and match a frame drawn whole', async (g) => {
  const size = { width: 1280, height: 720 };
  // The animation clock can be held still, so a frame drawn whole can be compared
  // with the frames before it, each of which redrew only the boxes of moving layers.
  // A round (challenge code) with the swaying flagger among its decoys.
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer', seed: '222-25H' }, { viewport: size }, {
    beforeGoto: (p) =>
      p.addInitScript(() => {
        const raf = window.requestAnimationFrame.bind(window);
        window.__hold = false;
        window.requestAnimationFrame = (cb) => raf((t) => cb(window.__hold ? window.__t : (window.__t = t)));
      }),
  });
  await startRound(page);
  // A decoy tapped (the swaying flagger) and the round ended: the results mark it,
  // and the marks are drawn again over every box that moves.
  const [decoy] = (await page.evaluate(() => window.hazardHunt.decoyPoints())).filter((d) => d.id === 'flagger-ok');
  assert.ok(decoy?.visible, 'the flagger decoy is on screen');
  await page.mouse.click(decoy.x, decoy.y);
  await waitForScreen(page, 'decoy');
  await page.locator('#note-close').click();
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  await page.waitForTimeout(1500);
  await page.evaluate(() => { window.__hold = true; });
  await frames(page, 3);
  await keepPixels(page);
  // A window one pixel wider and back: the frame after that draws the canvas whole.
  // It is read at once, in the same animation frame (the ones after it redraw only
  // the moving boxes again).
  await page.setViewportSize({ width: size.width + 1, height: size.height });
  await frames(page, 3);
  await page.evaluate(() => {
    const c = document.querySelector('canvas#scene');
    const width = c.width - 1;
    window.__whole = new Promise((resolve) => {
      const look = () => {
        if (c.width === width) resolve(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
  });
  await page.setViewportSize(size);
  // Drawn from the same bitmaps in the same order: the same picture, but that an idle
  // frame leaves a layer that moved less than half a pixel where it was (so the
  // swaying figures may lie up to half a pixel from where the whole frame draws
  // them). A pixel counts as different when no pixel next to it in the whole frame
  // is close to it; a box drawn without its marks, or left stale, makes thousands.
  const d = await page.evaluate(async () => {
    const b = await window.__whole;
    const c = document.querySelector('canvas#scene');
    const [w, h] = [c.width, c.height];
    const a = window.__pixels;
    const diff = (i, j) =>
      Math.max(Math.abs(a[i] - b[j]), Math.abs(a[i + 1] - b[j + 1]), Math.abs(a[i + 2] - b[j + 2]));
    let off = 0;
    for (let y = 1; y < h - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const i = (y * w + x) * 4;
        if (diff(i, i) <= 16) continue;
        let near = false;
        for (let dy = -1; dy <= 1 && !near; dy++) {
          for (let dx = -1; dx <= 1 && !near; dx++) near = diff(i, ((y + dy) * w + x + dx) * 4) <= 16;
        }
        if (!near) off++;
      }
    }
    return off;
  });
  assert.ok(d <= size.width * size.height * 0.001, `the same picture: ${d} pixels differ`);
  await g.screenshot(page, 'results-in-motion', 'en');
});

gameTest(env, '?motion=off keeps the picture still', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer', motion: 'off' }, VIEW);
  await startRound(page);
  assert.equal((await state(page)).motion, false);
  const [a, b] = await twoPicturesApart(page);
  assert.ok(a === b, 'two pictures a second apart are the same');
});

gameTest(env, 'prefers-reduced-motion keeps the picture still', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'site' }, VIEW, {
    beforeGoto: (p) => p.emulateMedia({ reducedMotion: 'reduce' }),
  });
  await startRound(page, { scene: 'site' });
  assert.equal((await state(page)).motion, false);
  const [a, b] = await twoPicturesApart(page);
  assert.ok(a === b, 'two pictures a second apart are the same');
  // The setting is followed while playing: turned back on, the scene moves again.
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await frames(page, 2);
  assert.equal((await state(page)).motion, true);
  const [c, d] = await twoPicturesApart(page);
  assert.notEqual(c, d);
});

gameTest(env, 'a bad ?motion= value is a notice and motion stays on', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer', motion: 'slow' }, VIEW);
  const notice = await page.locator('#notice').textContent();
  assert.match(notice, /motion setting “slow”/);
  assert.equal((await state(page)).motion, true);
});
