// The results screen and what explains the game: the marks on the picture (✓ found,
// ! missed, ? decoy tapped, by shape and colour), picking a mark, stars and the
// challenge code in state() and on screen, the before/after switch, "What I learned"
// grouped by cause, the print handout (one A4 page), "How to play" in both languages,
// and the "time is up" heading. Screenshots land in test-results/screenshots/.

import fs from 'node:fs';
import path from 'node:path';
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
  findHazard,
  closeCard,
  answerQuestion,
  findAll,
  pointInView,
  frames,
  settled,
  resultsList,
  REPO,
  SCREENSHOTS,
  CJK,
} from './helpers.mjs';

const env = useGame();

const events = (page) => page.evaluate(() => window.hazardHunt.events());
const marks = (page) => page.evaluate(() => window.hazardHunt.marks());
const scene = (id) => JSON.parse(fs.readFileSync(path.join(REPO, 'assets', 'scenes', `${id}.json`), 'utf8'));
const strings = JSON.parse(fs.readFileSync(path.join(REPO, 'assets', 'i18n.json'), 'utf8'));

/** The scoring constants as src/scoring.rs declares them: `{FIND_HIGH: 100, …}`. */
function rules() {
  const src = fs.readFileSync(path.join(REPO, 'src', 'scoring.rs'), 'utf8');
  const out = {};
  for (const m of src.matchAll(/pub const (\w+): (?:u32|usize|f64) = ([\d_.]+);/g)) {
    out[m[1]] = Number(m[2].replace(/_/g, ''));
  }
  return out;
}

/** Give up at once: the results with every hazard missed. */
async function giveUp(page) {
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  await waitShown(page, '#results');
}

/** Two finds, one decoy tapped, then give up. Returns the ids found and the decoy. */
async function playSome(page) {
  const found = [];
  for (let k = 0; k < 2; k++) {
    const pts = await hazardPoints(page);
    const p = await pointInView(page, pts[k * 3].id);
    await findHazard(page, p);
    await closeCard(page);
    found.push(p.id);
  }
  const decoys = await page.evaluate(() => window.hazardHunt.decoyPoints());
  const d = await pointInView(page, decoys[0].id, { decoy: true });
  await page.mouse.click(d.x, d.y);
  await waitForScreen(page, 'decoy');
  await page.keyboard.press('Escape');
  await waitForScreen(page, 'play');
  await giveUp(page);
  return { found, decoy: d.id };
}

/** The colour of the page's canvas at CSS point (x, y), as [r, g, b]. */
async function pixel(page, x, y) {
  return page.evaluate(
    ({ x, y }) => {
      const c = document.querySelector('canvas#scene');
      const r = c.getBoundingClientRect();
      const k = c.width / r.width;
      const d = c.getContext('2d').getImageData(Math.round((x - r.left) * k), Math.round((y - r.top) * k), 1, 1).data;
      return [d[0], d[1], d[2]];
    },
    { x, y },
  );
}

/** A coarse fingerprint of the canvas: the colour of a 48 × 27 grid of pixels. */
async function canvasGrid(page) {
  return page.evaluate(() => {
    const c = document.querySelector('canvas#scene');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const out = [];
    for (let j = 0; j < 27; j++) {
      for (let i = 0; i < 48; i++) {
        const x = Math.floor(((i + 0.5) * c.width) / 48);
        const y = Math.floor(((j + 0.5) * c.height) / 27);
        const o = (y * c.width + x) * 4;
        out.push(d[o], d[o + 1], d[o + 2]);
      }
    }
    return out;
  });
}

const near = (rgb, hex, tol = 40) => {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return rgb.every((v, i) => Math.abs(v - want[i]) <= tol);
};

gameTest(env, 'the results mark every item by shape and colour; a tap on a mark picks its entry', async (g) => {
  const page = await g.open({ automation: '1', lang: 'zh', scene: 'sewer', motion: 'off', mode: 'challenge' });
  await startRound(page);
  const { found, decoy } = await playSome(page);
  await settled(page);

  const s = await state(page);
  const list = await resultsList(page);
  assert.equal(list.length, s.total, 'one entry per hazard of the round');
  const ms = await marks(page);
  assert.equal(ms.filter((m) => m.kind === 'found').length, 2);
  assert.equal(ms.filter((m) => m.kind === 'missed').length, s.total - 2);
  assert.deepEqual(ms.filter((m) => m.kind === 'decoy').map((m) => m.id), [decoy]);
  assert.deepEqual(new Set(ms.filter((m) => m.kind === 'found').map((m) => m.id)), new Set(found));
  // Shape and colour on the picture: inside each shape, off its glyph.
  const probes = { found: [0, 10, '#137a40'], missed: [-8, 8, '#c2410c'], decoy: [-9, -9, '#1d4ed8'] };
  let checked = 0;
  for (const m of ms.filter((q) => q.visible)) {
    const [dx, dy, colour] = probes[m.kind];
    const rgb = await pixel(page, m.x + dx, m.y + dy);
    assert.ok(near(rgb, colour), `${m.kind} mark of ${m.id} is ${colour} at its centre, got rgb(${rgb})`);
    checked += 1;
  }
  assert.ok(checked >= 3, `marks checked on the picture: ${checked}`);
  // The list says the same with the same shapes.
  for (const li of list) {
    const mark = await page.$eval(`#res-list li[data-hazard="${li.id}"] .mark`, (e) => getComputedStyle(e, '::before').content);
    assert.equal(mark, li.status === 'found' ? '"✓"' : '"!"', `mark of ${li.id} in the list`);
  }
  assert.ok((await text(page, '#res-decoys')).length > 0, 'the decoy tapped is named');
  await g.screenshot(page, 'results-marks', 'zh');

  // A real click on a missed hazard's mark picks its entry, which shows its card.
  const target = ms.find((m) => m.kind === 'missed' && m.visible);
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction(
    (id) => document.querySelector(`#res-list li[data-hazard="${id}"]`)?.classList.contains('selected'),
    target.id,
  );
  const chosen = (await events(page)).filter((e) => e.type === 'resultChosen').pop();
  assert.equal(chosen.id, target.id, 'resultChosen names the hazard of the mark');
  const entry = page.locator(`#res-list li[data-hazard="${target.id}"]`);
  for (const part of ['.why', '.fix', '.rule']) {
    assert.ok(((await entry.locator(part).textContent()) ?? '').trim().length > 5, `the entry shows its ${part}`);
  }
  await frames(page, 3);
  const inView = await page.evaluate((id) => {
    const li = document.querySelector(`#res-list li[data-hazard="${id}"]`).getBoundingClientRect();
    const panel = document.querySelector('#results').getBoundingClientRect();
    return li.top >= panel.top - 1 && li.top < panel.bottom;
  }, target.id);
  assert.ok(inView, 'the picked entry is scrolled into view');
  await g.screenshot(page, 'results-picked', 'zh');
});

gameTest(env, 'stars, the challenge code and the score parts, in state() and on screen', async (g) => {
  // A perfect round in explore mode (the questions skipped): three stars, no deductions shown.
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer', motion: 'off' });
  await startRound(page);
  const started = (await events(page)).find((e) => e.type === 'roundStarted');
  await findAll(page);
  await waitForScreen(page, 'results');
  await waitShown(page, '#results');
  let s = await state(page);
  assert.equal(s.stars, 3, 'every hazard found without a wrong tap: three stars');
  assert.match(s.seed, /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/, `a challenge code: ${s.seed}`);
  assert.equal(s.seed, started.seed, 'the code roundStarted announced');
  const ended = (await events(page)).find((e) => e.type === 'roundEnded');
  assert.equal(ended.summary.stars, 3);
  assert.equal(ended.summary.seed, s.seed);
  assert.equal(await page.locator('#res-stars').getAttribute('data-stars'), '3');
  assert.equal(await page.locator('#res-stars .on').count(), 3);
  assert.match(await page.locator('#res-stars').getAttribute('aria-label'), /3 of 3 stars/);
  assert.match(await text(page, '#res-heading'), /every hazard/);
  assert.ok((await text(page, '#res-code')).includes(s.seed), '#res-code shows the code');
  assert.ok((await text(page, '#res-replay')).includes(`?scene=sewer&seed=${s.seed}`), 'and how to play it again');
  const r = rules();
  const why = await text(page, '#res-stars-why');
  for (const n of [r.TWO_STARS_FOUND_PERCENT, r.TWO_STARS_ACCURACY_PERCENT, r.THREE_STARS_ACCURACY_PERCENT, r.THREE_STARS_QUESTIONS_PERCENT]) {
    assert.ok(why.includes(`${n}%`), `the stars are explained with ${n}%: ${why}`);
  }
  // Explore: what was earned, no deductions.
  assert.equal(await page.locator('#res-breakdown li').count(), 3, 'finds, speed, questions');
  assert.equal(await page.locator('#res-breakdown li.minus').count(), 0, 'no deductions in explore mode');
  assert.equal(await text(page, '#res-questions'), '—', 'no question answered');
  await g.screenshot(page, 'results-three-stars', 'en');

  // The same code on another page plays the same round; challenge mode shows the costs.
  const other = await g.open({ automation: '1', lang: 'en', scene: 'sewer', motion: 'off', mode: 'challenge', seed: s.seed });
  await startRound(other);
  assert.equal((await state(other)).seed, s.seed, '?seed= plays that round');
  await giveUp(other);
  s = await state(other);
  assert.equal(s.stars, 1, 'nothing found: one star');
  assert.equal(await other.locator('#res-breakdown li').count(), 6, 'finds, speed, questions, hints, wrong taps, total');
  assert.equal(await other.locator('#res-breakdown li.minus').count(), 2);
  assert.ok((await text(other, '#res-replay')).includes(`&mode=challenge`));
  assert.match(await text(other, '#res-scene'), /Challenge/);
});

gameTest(env, 'the before/after switch shows the whole scene put right, and back', async (g) => {
  // A pinned round: which hazards a round leaves out is random, and some rounds put
  // right too little of the picture for the sampled grid to see it clearly.
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer', motion: 'off', seed: '222-25H' });
  await startRound(page);
  await giveUp(page);
  await waitShown(page, '#res-picture');
  await settled(page);
  assert.equal(await page.locator('#res-as-left').getAttribute('aria-pressed'), 'true');
  assert.equal((await state(page)).fixedShown, false);
  const before = await canvasGrid(page);
  await g.screenshot(page, 'results-as-left', 'en');

  await page.locator('#res-all-fixed').click();
  await page.waitForFunction(() => window.hazardHunt.state().fixedShown);
  await settled(page);
  assert.equal(await page.locator('#res-all-fixed').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#res-as-left').getAttribute('aria-pressed'), 'false');
  const after = await canvasGrid(page);
  const differ = before.filter((v, i) => Math.abs(v - after[i]) > 24).length;
  assert.ok(differ > 30, `the picture changes when every hazard is put right (${differ} channel samples differ)`);
  // The marks stay, so a mark can still be picked.
  assert.equal((await marks(page)).length, (await state(page)).total);
  await g.screenshot(page, 'results-all-fixed', 'en');

  await page.locator('#res-as-left').click();
  await page.waitForFunction(() => !window.hazardHunt.state().fixedShown);
  await settled(page);
  const back = await canvasGrid(page);
  const still = back.filter((v, i) => Math.abs(v - before[i]) > 24).length;
  assert.ok(still <= 3, `back to the picture as it was (${still} samples differ)`);
  const on = (await events(page)).filter((e) => e.type === 'fixedShown').map((e) => e.on);
  assert.deepEqual(on, [true, false]);
  // A new round starts with the picture as it is.
  await page.locator('#res-all-fixed').click();
  await page.locator('#play-again').click();
  await waitForScreen(page, 'title');
  assert.equal((await state(page)).fixedShown, false);
  assert.equal(await isShown(page, '#res-picture'), false, 'the switch belongs to the results');
});

for (const lang of ['zh', 'en']) {
  gameTest(env, `what I learned: every hazard grouped as unsafe acts and unsafe conditions ${lang}`, async (g) => {
    const page = await g.open({ automation: '1', lang, scene: 'sewer', motion: 'off' });
    await startRound(page);
    const [first] = await hazardPoints(page);
    await findHazard(page, first);
    // The card names the cause too.
    const sc = scene('sewer');
    const h0 = sc.hazards.find((h) => h.id === first.id);
    assert.ok((await text(page, '#card-tags')).includes(strings[`cause.${h0.cause}`][lang]), 'the card shows the cause');
    // Its question answered wrong: the lesson shows the player's answer too.
    await page.locator('#card-close').click();
    await waitGone(page, '#card');
    const picked = await answerQuestion(page, { right: false });
    await page.locator('#question-close').click();
    await waitForScreen(page, 'play');
    await giveUp(page);
    assert.equal(await text(page, '#res-questions'), '0 / 1', 'no question right of one answered');

    // The round's hazards (a seeded subset of the scene's).
    const inRound = new Set((await resultsList(page)).map((li) => li.id));
    assert.equal(inRound.size, (await state(page)).total, 'one entry per hazard of the round');
    const round = sc.hazards.filter((h) => inRound.has(h.id));
    const groups = await page.$$eval('#res-list section[data-cause]', (secs) =>
      secs.map((s) => ({
        cause: s.getAttribute('data-cause'),
        heading: s.querySelector('h4')?.textContent.trim(),
        ids: [...s.querySelectorAll('li')].map((li) => li.getAttribute('data-hazard')),
      })),
    );
    assert.deepEqual(groups.map((x) => x.cause), ['act', 'condition'], 'acts first, then conditions');
    for (const grp of groups) {
      assert.equal(grp.heading, strings[`cause.${grp.cause}`][lang], `heading of the ${grp.cause} group`);
      const want = round.filter((h) => h.cause === grp.cause).map((h) => h.id);
      assert.deepEqual(grp.ids, want, `the ${grp.cause} group lists exactly those hazards, in scene order`);
    }
    for (const h of round) {
      const li = page.locator(`#res-list li[data-hazard="${h.id}"]`);
      const why = (await li.locator('.why .text').textContent()).trim();
      assert.equal(why, h.why[lang]);
      assert.equal((await li.locator('.fix .text').textContent()).trim(), h.fix[lang]);
      assert.ok((await li.locator('.rule').textContent()).includes(h.rule[lang]));
      assert.equal((await li.locator('.q').textContent()).trim(), h.question.prompt[lang]);
      const right = h.question.answers.find((a) => a.right).text[lang];
      assert.ok((await li.locator('.right').textContent()).includes(right), `the right answer of ${h.id}`);
      if (h.id === first.id) {
        const yours = h.question.answers[picked].text[lang];
        assert.ok((await li.locator('.yours').textContent()).includes(yours), 'the wrong answer picked is shown');
      } else {
        assert.equal(await li.locator('.yours').count(), 0, 'no wrong answer to show');
      }
    }
    const all = await text(page, '#results');
    if (lang === 'en') assert.doesNotMatch(all, CJK, 'no Chinese on the English results');
    else assert.match(all, CJK);
    await page.locator('#res-list h4').first().scrollIntoViewIfNeeded();
    await g.screenshot(page, 'results-learned', lang);
  });
}

for (const [lang, sceneId] of [
  ['zh', 'sewer'],
  ['en', 'sewer'],
  ['en', 'site'],
]) {
  gameTest(env, `print: the results as a one-page A4 handout ${lang} ${sceneId}`, async (g) => {
    const page = await g.open({ automation: '1', lang, scene: sceneId, motion: 'off', mode: 'challenge' });
    await startRound(page);
    await giveUp(page);
    // The button asks; with ?automation=1 no dialog opens, the event says it was asked.
    await page.locator('#res-print').click();
    await page.waitForFunction(() => window.hazardHunt.events().some((e) => e.type === 'printRequested'));
    const code = (await state(page)).seed;

    // A4 at 96 dpi less the 8 mm margins of the print stylesheet: 733 × 1062 px.
    await page.setViewportSize({ width: 733, height: 1062 });
    await page.emulateMedia({ media: 'print' });
    await frames(page, 2);
    for (const hidden of ['canvas#scene', '#play-again', '#res-print', '#res-help', '#res-picture', '#hud']) {
      assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
    }
    for (const shown of ['.print-head', '#res-heading', '#res-stars', '#res-score', '#res-code', 'h3.learned', '#res-list', '#res-rules']) {
      assert.equal(await page.locator(shown).first().isVisible(), true, `${shown} is printed`);
    }
    assert.ok((await text(page, '#res-code')).includes(code), 'the challenge code is on the handout');
    const height = await page.evaluate(() => Math.ceil(document.querySelector('#results').getBoundingClientRect().height));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `print-handout-${sceneId}-${lang}.png`), fullPage: true });
    assert.ok(height <= 1062, `the handout fits one A4 page: ${height} px of 1062`);
    // Chromium's own print to PDF, as the print dialog would (print media, not the
    // screen's layout, which always fits one page): one page.
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    fs.writeFileSync(path.join(SCREENSHOTS, `print-handout-${sceneId}-${lang}.pdf`), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.equal(pages, 1, 'the PDF has one page');
  });
}

for (const lang of ['zh', 'en']) {
  gameTest(env, `how to play: from the title and the results, with the real numbers ${lang}`, async (g) => {
    const page = await g.open({ automation: '1', lang, scene: 'sewer', motion: 'off' });
    await waitShown(page, '#help-open');
    assert.equal(await text(page, '#help-open'), strings['help.open'][lang]);
    await page.locator('#help-open').click();
    await waitForScreen(page, 'help');
    await waitShown(page, '#help');
    assert.equal(await isShown(page, '#title'), false);
    assert.equal(await text(page, '#help-heading'), strings['help.title'][lang]);
    const body = await text(page, '#help-body');
    assert.doesNotMatch(body, /[{}]/, 'every number filled in');
    if (lang === 'en') assert.doesNotMatch(body, CJK, 'no Chinese in English');
    else assert.match(body, CJK);
    const r = rules();
    for (const n of [r.FIND_LOW, r.FIND_MEDIUM, r.FIND_HIGH, r.QUESTION_POINTS, r.MISS_POINTS, r.SWEEP_TAPS, r.LOOK_FIRST_MS / 1000]) {
      assert.ok(body.includes(String(n)), `How to play quotes ${n}`);
    }
    for (const key of ['help.modes.h', 'help.score.h', 'help.stars.h', 'help.hint.h', 'help.look.h', 'help.code.h']) {
      assert.ok(body.includes(strings[key][lang]), `section ${key}`);
    }
    await g.screenshot(page, 'help-1920', lang);
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await g.screenshot(page, 'help-phone', lang);
    await page.setViewportSize({ width: 1280, height: 720 });
    // Escape returns to the title, focus on the button that opened it.
    await page.keyboard.press('Escape');
    await waitForScreen(page, 'title');
    await waitGone(page, '#help');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'help-open');

    // From the results, and back to them.
    await startRound(page);
    await giveUp(page);
    await page.locator('#res-help').click();
    await waitForScreen(page, 'help');
    assert.equal(await isShown(page, '#results'), false);
    await page.locator('#help-close').click();
    await waitForScreen(page, 'results');
    await waitShown(page, '#results');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'res-help');
    assert.deepEqual(
      (await events(page)).filter((e) => e.type.startsWith('help')).map((e) => e.type),
      ['helpShown', 'helpClosed', 'helpShown', 'helpClosed'],
    );
  });
}

for (const [w, h] of [
  [1920, 1080],
  [390, 844],
]) {
  gameTest(env, `results screens to look at ${w}x${h}`, async (g) => {
    for (const lang of ['zh', 'en']) {
      const page = await g.open({ automation: '1', lang, scene: 'sewer', motion: 'off', mode: 'challenge' }, { viewport: { width: w, height: h } });
      await startRound(page);
      const p = await pointInView(page, (await hazardPoints(page))[0].id);
      await findHazard(page, p);
      await closeCard(page);
      await giveUp(page);
      await settled(page);
      await g.screenshot(page, `results-${w}`, lang);
      await page.locator('#res-list h4').first().scrollIntoViewIfNeeded();
      await settled(page);
      await g.screenshot(page, `results-${w}-learned`, lang);
    }
  }, { timeout: 60_000 });
}

gameTest(env, 'a challenge whose time runs out ends with "time is up"', async (g) => {
  // Tests may shorten the clock to 3 s (with ?automation=1 only; players get 30 s at least).
  const page = await g.open({ automation: '1', lang: 'zh', scene: 'sewer', motion: 'off', mode: 'challenge', time: '4' });
  await startRound(page);
  await page.waitForFunction(() => window.hazardHunt.state().screen === 'results', null, { timeout: 15_000 });
  await waitShown(page, '#results');
  assert.equal(await text(page, '#res-heading'), strings['results.time_up'].zh);
  assert.equal((await events(page)).find((e) => e.type === 'roundEnded').summary.end, 'timeUp');
}, { timeout: 60_000 });
