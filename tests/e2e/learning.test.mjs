// The learning loop with real input: the question after each card (one answered
// right, one wrong), hints in two steps, "look first" after a burst of taps, the
// modes, and a challenge code that gives the same round on another screen.
import {
  useGame,
  gameTest,
  startRound,
  state,
  hazardPoints,
  waitShown,
  waitGone,
  waitForScreen,
  pointInView,
  findHazard,
  answerQuestion,
  skyPoint,
  text,
  frames,
  assert,
} from './helpers.mjs';

const env = useGame();

const events = (page) => page.evaluate(() => window.hazardHunt.events());

gameTest(env, 'a question answered right earns points, a wrong one shows why and the right answer', async (g) => {
  const page = await g.open({ automation: 1, scene: 'sewer', lang: 'zh', motion: 'off', audio: 'off', mode: 'challenge' });
  await startRound(page);
  const [first, second] = await hazardPoints(page);
  await findHazard(page, await pointInView(page, first.id));
  await page.locator('#card-close').click();
  await waitForScreen(page, 'question');
  assert.ok((await text(page, '#question-prompt')).length > 0, 'the question is asked');
  const before = (await state(page)).score;
  await answerQuestion(page, { right: true });
  assert.match(await text(page, '#question-verdict'), /答对了！\+50/);
  assert.equal((await state(page)).score, before + 50, 'a right answer adds 50 points');
  assert.ok(await page.locator('#question .answer.right').isVisible(), 'the right answer is marked');
  await page.locator('#question-close').click();
  await waitForScreen(page, 'play');

  await findHazard(page, await pointInView(page, second.id));
  await page.locator('#card-close').click();
  const mid = (await state(page)).score;
  const pick = await answerQuestion(page, { right: false });
  assert.match(await text(page, '#question-verdict'), /不对/);
  assert.equal(await page.locator(`#answer-${pick}.wrong`).count(), 1, 'the wrong pick is marked wrong');
  assert.equal(await page.locator('#question .answer.right').count(), 1, 'and the right one right');
  assert.ok((await text(page, '#question-why')).length > 10, 'with why');
  assert.equal((await state(page)).score, mid, 'a wrong answer costs nothing');
  // Every answer is locked once one is picked.
  assert.equal(await page.locator('#question .answer:disabled').count(), 3);
  await page.keyboard.press('Escape');
  await waitForScreen(page, 'play');
  const answered = (await events(page)).filter((e) => e.type === 'questionAnswered');
  assert.deepEqual(
    answered.map((e) => [e.id, e.right, e.points]),
    [
      [first.id, true, 50],
      [second.id, false, 0],
    ],
  );
});

gameTest(env, 'tapping everywhere gets "look first", and the hint gives a clue before a circle', async (g) => {
  const page = await g.open({ automation: 1, scene: 'sewer', lang: 'en', motion: 'off', audio: 'off' });
  await startRound(page);
  // The hint: first a clue in words.
  await page.locator('#hint').click();
  await waitShown(page, '#clue');
  const clue = await text(page, '#clue-text');
  assert.ok(clue.length > 10, `a clue in words: ${clue}`);
  let shown = (await events(page)).filter((e) => e.type === 'hintShown');
  assert.deepEqual(shown.map((e) => e.step), ['clue']);
  // Pressed again: the circle, for the same hazard.
  await page.locator('#hint').click();
  await waitGone(page, '#clue');
  shown = (await events(page)).filter((e) => e.type === 'hintShown');
  assert.deepEqual(shown.map((e) => e.step), ['clue', 'circle']);
  assert.equal(shown[0].id, shown[1].id);
  // Five quick taps on the sky: look first.
  const sky = await skyPoint(page);
  for (let i = 0; i < 5; i++) {
    await page.mouse.click(sky.x + i * 37, sky.y + (i % 2) * 23);
    await frames(page, 1);
  }
  await waitShown(page, '#look-first');
  assert.match(await text(page, '#look-first'), /Look first, then tap/);
  const lf = (await events(page)).filter((e) => e.type === 'lookFirst');
  assert.equal(lf.length, 1);
  assert.equal(lf[0].reason, 'burst');
  // A find during the pause scores nothing.
  const [p] = await hazardPoints(page);
  await findHazard(page, await pointInView(page, p.id));
  const found = (await events(page)).find((e) => e.type === 'hazardFound');
  assert.equal(found.lookFirst, true);
  assert.equal(found.points, 0);
});

gameTest(env, 'the same challenge code gives the same round on another screen', async (g) => {
  const a = await g.open({ automation: 1, scene: 'site', lang: 'en', motion: 'off', audio: 'off' });
  await startRound(a);
  const code = (await events(a)).find((e) => e.type === 'roundStarted').seed;
  assert.match(code, /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
  const round = async (page) => ({
    hazards: (await hazardPoints(page)).map((p) => p.id).sort(),
    decoys: (await page.evaluate(() => window.hazardHunt.decoyPoints())).map((p) => p.id).sort(),
    total: (await state(page)).total,
  });
  const ra = await round(a);
  assert.ok(ra.total < 13, `a round shows part of the site's 13 hazards (${ra.total})`);
  // Typed in lower case without the dash, as a visitor might.
  const b = await g.open({ automation: 1, scene: 'site', lang: 'zh', motion: 'off', audio: 'off', seed: code.replace('-', '').toLowerCase() });
  await startRound(b);
  assert.deepEqual(await round(b), ra, 'the same hazards and decoys');
  assert.equal((await events(b)).find((e) => e.type === 'roundStarted').seed, code);
});

gameTest(env, 'the title offers explore and challenge; a challenge counts down', async (g) => {
  const page = await g.open({ automation: 1, scene: 'sewer', lang: 'en', motion: 'off', audio: 'off' });
  assert.equal(await page.locator('#mode-explore').getAttribute('aria-pressed'), 'true');
  await page.locator('#mode-challenge').click();
  assert.equal(await page.locator('#mode-challenge').getAttribute('aria-pressed'), 'true');
  assert.match(await text(page, '#mode-help'), /clock/);
  await startRound(page);
  const started = (await events(page)).find((e) => e.type === 'roundStarted');
  assert.equal(started.mode, 'challenge');
  assert.ok(started.timeLimitMs >= 90_000);
  const label = await page.locator('#hud-time').evaluate((e) => e.previousElementSibling.textContent);
  assert.equal(label, 'Left');
  const t0 = await text(page, '#hud-time');
  await page.waitForTimeout(1500);
  const t1 = await text(page, '#hud-time');
  const secs = (t) => t.split(':').reduce((m, s) => m * 60 + Number(s), 0);
  assert.ok(secs(t1) < secs(t0), `the clock counts down: ${t0} → ${t1}`);
});
