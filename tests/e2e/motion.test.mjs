// Life and depth: the scenes' ambient motion changes the canvas over time; with
// ?motion=off or the browser's reduced-motion setting the picture stays still.
// Screenshots of both scenes in motion, zoomed and panned (parallax), for a person to
// look at: test-results/screenshots/.

import { assert, useGame, gameTest, state, startRound, frames } from './helpers.mjs';

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
