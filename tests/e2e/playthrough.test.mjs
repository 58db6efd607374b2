// Whole rounds with a player's mistakes: misclicks, giving up. (A round played
// without mistakes, in each language and scene, is in scenes.test.mjs.)

import {
  assert,
  useGame,
  gameTest,
  state,
  hazardPoints,
  waitForScreen,
  waitShown,
  waitGone,
  isShown,
  text,
  startRound,
  hudFound,
  findHazard,
  closeCard,
  findAll,
  skyPoint,
  resultsList,
  percent,
} from './helpers.mjs';

const env = useGame();

gameTest(env, 'misclicks lower score and accuracy', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en' });
  // Two clicks on the empty sky first.
  await startRound(page);
  const fresh = await state(page);
  assert.deepEqual(fresh.found, [], 'the round starts with nothing found');
  assert.equal(fresh.misses, 0, 'and no misses');
  const sky = await skyPoint(page);
  for (const n of [1, 2]) {
    // Two spots apart: two taps on one spot in quick succession are a double tap
    // (a zoom, which takes its first tap's miss back).
    await page.mouse.click(sky.x + (n - 1) * 60, sky.y);
    await page.waitForFunction((m) => window.hazardHunt.state().misses >= m, n);
    assert.equal(await isShown(page, '#card'), false, 'a miss opens no card');
    assert.equal((await state(page)).found.length, 0, 'a miss finds nothing');
  }
  await findAll(page);
  await waitForScreen(page, 'results');
  await waitShown(page, '#results');
  const s = await state(page);
  assert.equal(s.misses, 2, 'state().misses counts the two sky clicks');
  assert.equal(s.found.length, s.total, 'all found');
  // The misses cost points. (Comparing with the perfect round's score alone would let
  // the speed bonus decide: on a loaded machine the first round can be the slower.)
  const ends = (await page.evaluate(() => window.hazardHunt.events())).filter((e) => e.type === 'roundEnded');
  const b = ends[ends.length - 1].summary.breakdown;
  assert.ok(b.missCost > 0, `the two misses cost points: ${JSON.stringify(b)}`);
  assert.equal(b.score, b.findPoints + b.speedBonus + b.questionPoints - b.hintCost - b.missCost, 'and are taken off');
  assert.equal(s.score, b.score);
  assert.equal(Number(await text(page, '#res-score')), b.score, 'the score shown is the one with the misses taken off');
  const acc = percent(await text(page, '#res-accuracy'));
  assert.ok(acc < 100, `accuracy shown ${acc}% < 100%`);
  assert.ok(acc > 0, `accuracy shown ${acc}% > 0%`);
});

gameTest(env, 'give up after one find', async (g) => {
  const page = await g.open({ automation: '1', lang: 'zh' });
  await startRound(page);
  const [first] = await hazardPoints(page);
  await findHazard(page, first);
  await closeCard(page);
  const total = (await state(page)).total;
  assert.deepEqual(await hudFound(page), [1, total]);

  // Changing one's mind keeps the round going.
  await page.locator('#give-up').click();
  await waitShown(page, '#confirm');
  await page.locator('#confirm-no').click();
  await waitGone(page, '#confirm');
  let s = await state(page);
  assert.equal(s.screen, 'play', 'still playing after #confirm-no');
  assert.deepEqual(s.found, [first.id]);
  assert.equal((await hazardPoints(page)).length, total - 1, 'remaining hazards still to find');

  await page.locator('#give-up').click();
  await waitShown(page, '#confirm');
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  await waitShown(page, '#results');
  await waitGone(page, '#confirm');
  s = await state(page);
  assert.deepEqual(s.found, [first.id], 'only the one hazard counts as found');
  const list = await resultsList(page);
  assert.equal(list.length, total, 'every hazard is listed');
  for (const li of list) {
    assert.equal(li.status, li.id === first.id ? 'found' : 'missed', `status of ${li.id}`);
  }
  assert.equal(list.filter((l) => l.status === 'found').length, 1);
});
