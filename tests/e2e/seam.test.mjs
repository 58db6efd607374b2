// The seam as a player and a host page meet it: every event of a round in order
// through hazardHunt.events(), a press released off the canvas does not swallow the
// next tap, picking a results entry keeps keyboard focus, and the wheel zooms a view
// that is kept across a resize.

import {
  assert,
  useGame,
  gameTest,
  state,
  hazardPoints,
  waitForScreen,
  waitShown,
  startRound,
  findHazard,
  closeCard,
  frames,
  stablePoints,
  skyPoint,
} from './helpers.mjs';

const env = useGame();

const events = (page) => page.evaluate(() => window.hazardHunt.events());
const types = (list) => list.map((e) => e.type);

gameTest(env, 'events(): a whole round, in order, with the fields a host page reads', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en' });
  let ev = await events(page);
  assert.deepEqual(types(ev), [], 'nothing happens before the player does something');

  await page.locator('#lang-zh').click();
  await startRound(page);
  const sky = await skyPoint(page);
  await page.mouse.click(sky.x, sky.y);
  await page.locator('#hint').click();
  const [first, second] = await hazardPoints(page);
  await findHazard(page, first);
  await closeCard(page);
  await findHazard(page, second);
  await page.keyboard.press('Escape'); // Escape closes the card, through the same action
  await waitForScreen(page, 'question');
  // Its question, answered right.
  const good = await page.evaluate(() => window.hazardHunt.rightAnswer());
  await page.locator(`#answer-${good}`).click();
  await page.keyboard.press('Escape'); // and closed
  await waitForScreen(page, 'play');
  await page.locator('#give-up').click();
  await page.locator('#confirm-no').click();
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');

  ev = await events(page);
  // A hint that runs out while the test plays adds a hintEnded; it may or may not.
  assert.deepEqual(types(ev).filter((t) => t !== 'hintEnded'), [
    'languageChanged',
    'pickerShown',
    'catalogueRequested',
    'catalogueLoaded',
    'scenePicked',
    'loadRequested',
    'sceneLoaded',
    'roundStarted',
    'miss',
    'hintShown',
    'hazardFound',
    'cardClosed',
    'questionShown',
    'questionClosed',
    'hazardFound',
    'cardClosed',
    'questionShown',
    'questionAnswered',
    'questionClosed',
    'quitAsked',
    'quitCancelled',
    'quitAsked',
    'roundEnded',
  ]);
  const by = (t) => ev.filter((e) => e.type === t);
  assert.deepEqual(by('scenePicked')[0], { type: 'scenePicked', sceneId: 'sewer' });
  const total = by('sceneLoaded')[0].total;
  assert.ok(total >= 6, 'sceneLoaded says how many hazards a round shows');
  assert.ok(by('catalogueLoaded')[0].total >= 2, 'the catalogue lists the scenes');
  assert.equal(by('languageChanged')[0].lang, 'zh');
  const started = by('roundStarted')[0];
  assert.deepEqual(
    { ...started, seed: undefined },
    { type: 'roundStarted', sceneId: 'sewer', lang: 'zh', total, mode: 'explore', team: false, seed: undefined, timeLimitMs: null },
  );
  assert.match(started.seed, /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/, 'the challenge code of the round');
  const answered = by('questionAnswered')[0];
  assert.deepEqual([answered.id, answered.right, answered.points], [second.id, true, 50]);
  const miss = by('miss')[0];
  assert.ok(Number.isFinite(miss.x) && Number.isFinite(miss.y) && miss.timeMs >= 0, 'a miss says where and when');
  const finds = by('hazardFound');
  assert.deepEqual(finds.map((e) => e.id), [first.id, second.id]);
  assert.deepEqual(finds.map((e) => e.found), [1, 2]);
  for (const f of finds) {
    assert.equal(f.total, total);
    assert.ok(f.timeMs >= 0 && typeof f.category === 'string' && typeof f.severity === 'string');
  }
  const { summary } = by('roundEnded')[0];
  const s = await state(page);
  assert.equal(summary.sceneId, 'sewer');
  assert.equal(summary.lang, 'zh');
  assert.equal(summary.end, 'gaveUp');
  assert.equal(summary.score.total, s.score, 'the summary score is the score shown');
  assert.equal(String(summary.score.total), (await page.locator('#res-score').textContent()).trim());
  assert.deepEqual(summary.found.map((f) => f.id), [first.id, second.id]);
  assert.equal(summary.missed.length, total - 2);
  assert.equal(summary.hints, 1);
  assert.equal(summary.misses, 1);
  assert.equal(summary.accuracy, 67);
  assert.equal(summary.timeMs, s.elapsedMs);
  // The log is a copy: a page cannot rewrite the game's history through it.
  await page.evaluate(() => {
    const list = window.hazardHunt.events();
    list.length = 0;
  });
  assert.equal((await events(page)).length, ev.length);
});

gameTest(env, 'a press released over the header does not swallow the next tap', async (g) => {
  const page = await g.open({ automation: '1' });
  await startRound(page);
  const canvas = await page.locator('canvas#scene').boundingBox();
  const hud = await page.locator('#hud').boundingBox();
  // Press on the picture, drag up over the header and let go there.
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  await page.mouse.down();
  await page.mouse.move(hud.x + hud.width / 2, hud.y + hud.height / 2, { steps: 5 });
  await page.mouse.up();
  assert.equal((await state(page)).misses, 0, 'a drag is not a tap');
  // The very next tap on a hazard finds it.
  const [p] = await hazardPoints(page);
  await findHazard(page, p);
});

gameTest(env, 'picking a results entry by keyboard keeps the focus on it', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en' });
  await startRound(page);
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitShown(page, '#results');
  // The entries are grouped by cause: the third one is some hazard of the round.
  const index = await page.locator('#res-list li').nth(2).getAttribute('data-index');
  const entry = page.locator('#res-list li').nth(2).locator('button');
  await entry.focus();
  await page.keyboard.press('Enter');
  await frames(page);
  const focus = () =>
    page.evaluate(() => ({
      index: document.activeElement?.getAttribute('data-index'),
      pressed: document.activeElement?.getAttribute('aria-pressed'),
      selected: document.activeElement?.closest('li')?.classList.contains('selected'),
    }));
  assert.deepEqual(await focus(), { index, pressed: 'true', selected: true }, 'focus stays on the picked entry');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Space');
  await frames(page);
  assert.deepEqual(await focus(), { index, pressed: 'false', selected: false }, 'picking it again clears the pick');
  assert.deepEqual(
    (await events(page)).filter((e) => e.type === 'resultChosen').map((e) => e.id ?? null),
    [await page.locator('#res-list li').nth(2).getAttribute('data-hazard'), null],
  );
});

gameTest(env, 'the wheel zooms about the pointer; the view survives a resize; taps still land', async (g) => {
  const page = await g.open({ automation: '1' }, { viewport: { width: 1280, height: 720 } });
  await startRound(page);
  // The hazard nearest the middle of the picture: zooming about a point at the
  // picture's edge cannot keep it put (the view stops at the scene's edge).
  const stage = await page.locator('#stage').boundingBox();
  const mid = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };
  const target = (await hazardPoints(page))
    .filter((p) => p.visible)
    .sort((a, b) => Math.hypot(a.x - mid.x, a.y - mid.y) - Math.hypot(b.x - mid.x, b.y - mid.y))[0];
  await page.mouse.move(target.x, target.y);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
  await page.waitForTimeout(300); // drawn sharp once the zoom rests
  await frames(page);
  let s = await state(page);
  assert.ok(s.camera.zoom > 2, `zoomed in: ${JSON.stringify(s.camera)}`);
  const after = (await stablePoints(page)).find((p) => p.id === target.id);
  assert.ok(Math.hypot(after.x - target.x, after.y - target.y) < 12, 'the point under the pointer stays put');
  await g.screenshot(page, 'zoomed', 'zh');
  // Off-screen points are marked as such.
  const pts = await hazardPoints(page);
  assert.ok(pts.some((p) => !p.visible), 'some hazards are outside the zoomed view');
  for (const p of pts.filter((q) => q.visible)) {
    assert.ok(p.x >= 0 && p.x <= 1280 && p.y >= 0 && p.y <= 720, `${p.id} visible inside the window`);
  }

  await page.setViewportSize({ width: 1000, height: 700 });
  await frames(page, 4);
  const zoom = s.camera.zoom;
  s = await state(page);
  assert.equal(s.camera.zoom, zoom, 'zoom kept across the resize');
  const p = (await stablePoints(page)).find((q) => q.id === target.id);
  assert.ok(p.visible, 'the hazard is still in view');
  await findHazard(page, p);
  await closeCard(page);
  const viewChanges = (await events(page)).filter((e) => e.type === 'viewChanged');
  assert.ok(viewChanges.length >= 1 && viewChanges.every((e) => e.zoom >= 1));
});
