// Whole rounds as a player plays them: full play-through per language,
// misclicks, giving up.

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
  htmlLang,
  startRound,
  hudFound,
  findHazard,
  closeCard,
  findAll,
  skyPoint,
  resultsList,
  percent,
  TITLE_TEXT,
  HTML_LANG,
  CJK,
} from './helpers.mjs';

const env = useGame();

async function checkTitle(page, lang) {
  await waitShown(page, '#title');
  assert.equal(await htmlLang(page), HTML_LANG[lang], '<html lang>');
  const h1 = await text(page, '#title h1');
  assert.ok(h1.includes(TITLE_TEXT[lang]), `title h1 ${JSON.stringify(h1)} contains ${JSON.stringify(TITLE_TEXT[lang])}`);
  for (const id of ['#lang-zh', '#lang-en', '#start']) await waitShown(page, id);
}

async function checkResultsAllFound(page, total) {
  await waitForScreen(page, 'results');
  await waitShown(page, '#results');
  assert.equal(await isShown(page, '#hud'), false, 'HUD is not shown on the results screen');
  const s = await state(page);
  assert.equal(s.found.length, total, 'all hazards found');
  assert.equal(percent(await text(page, '#res-accuracy')), 100, 'accuracy 100%');
  assert.match(await text(page, '#res-score'), /\d/, '#res-score shows a number');
  assert.match(await text(page, '#res-time'), /\d/, '#res-time shows a time');
  const list = await resultsList(page);
  assert.equal(list.length, total, 'one results entry per hazard');
  for (const li of list) assert.equal(li.status, 'found', `hazard ${li.id} listed as found`);
  assert.deepEqual(new Set(list.map((l) => l.id)), new Set(s.found), 'results list names the found hazards');
  return s;
}

for (const lang of ['zh', 'en']) {
  gameTest(env, `full play-through ${lang}`, async (g) => {
    const page = await g.open({ automation: '1', lang, scene: 'sewer' });
    await checkTitle(page, lang);
    let s = await state(page);
    assert.equal(s.screen, 'title');
    assert.equal(s.lang, lang);
    await g.screenshot(page, 'title', lang);

    await startRound(page);
    s = await state(page);
    assert.equal(s.sceneId, 'sewer');
    assert.ok(s.total > 0, 'the scene has hazards');
    assert.deepEqual(s.found, []);
    assert.equal(s.misses, 0);
    assert.deepEqual(await hudFound(page), [0, s.total], '#hud-found starts at 0 / total');
    assert.equal((await hazardPoints(page)).length, s.total);
    for (const id of ['#hud-time', '#hud-score', '#hint', '#give-up']) await waitShown(page, id);
    await g.screenshot(page, 'play', lang);

    const total = s.total;
    const found = await findAll(page, {
      onCard: async (card, i) => {
        // Card text is in the chosen language.
        if (lang === 'zh') assert.match(card.title, CJK, `Chinese card title: ${card.title}`);
        else {
          assert.match(card.title, /[A-Za-z]/, `English card title: ${card.title}`);
          assert.doesNotMatch(card.title + card.why + card.fix, CJK, 'no Chinese text on an English card');
        }
        if (i === 0) await g.screenshot(page, 'card', lang);
      },
    });
    assert.equal(found, total);

    s = await checkResultsAllFound(page, total);
    assert.equal(s.misses, 0, 'real clicks at the hazard points never miss');
    await g.screenshot(page, 'results', lang);

    await page.locator('#play-again').click();
    await waitForScreen(page, 'title');
    await checkTitle(page, lang);
    assert.equal(await isShown(page, '#results'), false, 'results gone after play again');
  });
}

gameTest(env, 'misclicks lower score and accuracy', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en' });

  // A perfect round first, for comparison.
  await startRound(page);
  await findAll(page);
  await waitForScreen(page, 'results');
  const perfect = await state(page);
  assert.equal(perfect.misses, 0);
  assert.equal(percent(await text(page, '#res-accuracy')), 100);
  await page.locator('#play-again').click();
  await waitForScreen(page, 'title');

  // Same scene again, two clicks on the empty sky first.
  await startRound(page);
  const fresh = await state(page);
  assert.deepEqual(fresh.found, [], 'a new round starts with nothing found');
  assert.equal(fresh.misses, 0, 'a new round starts with no misses');
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
  assert.ok(
    s.score < perfect.score || b.speedBonus > ends[0].summary.breakdown.speedBonus,
    `score with misses (${s.score}) < perfect score (${perfect.score}), unless it was found faster`,
  );
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
