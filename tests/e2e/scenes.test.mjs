// Every scene, picked on the picker and played to the end in both languages through
// real clicks, as a player plays it: the title in the chosen language, the HUD from
// 0 / total, a decoy tapped and explained, every hazard found with its card in that
// language, the results with every hazard listed as found, Play again back to the
// title, and the best score shown on the picker afterwards. Bad saved data is ignored.

import {
  assert,
  useGame,
  gameTest,
  state,
  waitForScreen,
  waitShown,
  waitGone,
  isShown,
  text,
  htmlLang,
  hazardPoints,
  hudFound,
  findAll,
  cameraAtRest,
  pointInView,
  resultsList,
  percent,
  TITLE_TEXT,
  HTML_LANG,
  CJK,
} from './helpers.mjs';

const env = useGame();
const BEST_KEY = 'hazard-hunt.best.v1';

async function checkTitle(page, lang) {
  await waitShown(page, '#title');
  assert.equal(await htmlLang(page), HTML_LANG[lang], '<html lang>');
  const h1 = await text(page, '#title h1');
  assert.ok(h1.includes(TITLE_TEXT[lang]), `title h1 ${JSON.stringify(h1)} contains ${JSON.stringify(TITLE_TEXT[lang])}`);
  for (const id of ['#lang-zh', '#lang-en', '#start']) await waitShown(page, id);
  const s = await state(page);
  assert.equal(s.screen, 'title');
  assert.equal(s.lang, lang);
}

async function openPicker(page) {
  await page.locator('#start').click();
  await waitForScreen(page, 'select');
  await page.locator('#scene-list [data-scene]').first().waitFor();
}

/** The picker's cards as [{id, name, best}]. */
async function cards(page) {
  return page.$$eval('#scene-list [data-scene]', (els) =>
    els.map((b) => ({
      id: b.getAttribute('data-scene'),
      name: b.querySelector('.name').textContent,
      best: b.querySelector('.best').getAttribute('data-best'),
    })),
  );
}

for (const lang of ['zh', 'en']) {
  gameTest(
    env,
    `every scene from the picker, played to the end (${lang})`,
    async (g) => {
      const page = await g.open({ automation: '1', lang });
      await checkTitle(page, lang);
      await g.screenshot(page, 'title', lang);
      await openPicker(page);
      const scenes = await page.evaluate(() => window.hazardHunt.scenes());
      assert.ok(scenes.length >= 2, 'at least the sewer and the building site');
      assert.deepEqual(
        (await cards(page)).map((c) => c.id),
        scenes.map((s) => s.id),
        'one card per scene',
      );
      for (const c of await cards(page)) assert.equal(c.best, '', `${c.id}: not played yet`);
      // The thumbnails are painted (not blank) once their sprites arrive.
      await page.waitForFunction(() =>
        [...document.querySelectorAll('#scene-list canvas.thumb')].every((c) => {
          const d = c.getContext('2d').getImageData(c.width / 2, c.height / 3, 1, 1).data;
          return d[3] > 0;
        }),
      );
      await g.screenshot(page, 'picker', lang);

      for (const scene of scenes) {
        if ((await state(page)).screen !== 'select') await openPicker(page);
        await page.locator(`#scene-list [data-scene="${scene.id}"]`).click();
        await waitForScreen(page, 'play');
        await waitShown(page, '#hud');
        let s = await state(page);
        assert.equal(s.sceneId, scene.id);
        assert.equal(s.total, scene.total);
        assert.deepEqual(s.found, []);
        assert.equal(s.misses, 0);
        assert.deepEqual(await hudFound(page), [0, s.total], '#hud-found starts at 0 / total');
        assert.equal((await hazardPoints(page)).length, s.total);
        for (const id of ['#hud-time', '#hud-score', '#hint', '#give-up']) await waitShown(page, id);
        await g.screenshot(page, `${scene.id}-play`, lang);

        // A decoy: not a find, a note that says why it is safe.
        await cameraAtRest(page);
        const all = await page.evaluate(() => window.hazardHunt.decoyPoints());
        assert.ok(all.length >= 2, `${scene.id} has decoys`);
        const decoys = [await pointInView(page, all[0].id, { decoy: true })];
        await page.mouse.click(decoys[0].x, decoys[0].y);
        await waitForScreen(page, 'decoy');
        await waitShown(page, '#note');
        const why = await text(page, '#note-why');
        assert.ok(why.length > 10, 'the note explains');
        if (lang === 'zh') assert.match(why, CJK);
        else assert.doesNotMatch(why, CJK);
        await g.screenshot(page, `${scene.id}-decoy`, lang);
        await page.locator('#note-close').click();
        await waitGone(page, '#note');
        s = await state(page);
        assert.deepEqual(s.decoys, [decoys[0].id]);
        assert.deepEqual(s.found, [], 'a decoy is not a find');

        const found = await findAll(page, {
          onCard: async (card, i) => {
            // Card text is in the chosen language.
            if (lang === 'zh') assert.match(card.title, CJK, `Chinese card title: ${card.title}`);
            else {
              assert.match(card.title, /[A-Za-z]/, `English card title: ${card.title}`);
              assert.doesNotMatch(card.title + card.why + card.fix, CJK, 'no Chinese text on an English card');
            }
            if (i === 0) await g.screenshot(page, `${scene.id}-card`, lang);
          },
        });
        assert.equal(found, scene.total);
        await waitForScreen(page, 'results');
        await waitShown(page, '#results');
        assert.equal(await isShown(page, '#hud'), false, 'HUD is not shown on the results screen');
        s = await state(page);
        assert.equal(s.found.length, scene.total, 'all hazards found');
        assert.equal(s.misses, 0, 'real clicks at the hazard points never miss');
        // Accuracy: the finds among all taps on the picture, the decoy included.
        const acc = percent(await text(page, '#res-accuracy'));
        const expected = (100 * scene.total) / (scene.total + s.decoys.length);
        assert.ok(Math.abs(acc - expected) < 1, `accuracy shown ${acc}%, finds / taps = ${expected.toFixed(1)}%`);
        assert.match(await text(page, '#res-time'), /\d/, '#res-time shows a time');
        const list = await resultsList(page);
        assert.equal(list.length, scene.total, 'one results entry per hazard');
        for (const li of list) assert.equal(li.status, 'found', `hazard ${li.id} listed as found`);
        assert.deepEqual(new Set(list.map((l) => l.id)), new Set(s.found), 'results list names the found hazards');
        assert.ok((await text(page, '#res-decoys')).length > 0, 'the results name the decoy tapped');
        const score = Number(await text(page, '#res-score'));
        assert.ok(score > 0);
        await g.screenshot(page, `${scene.id}-results`, lang);

        // Play again → title → picker: the best score is on the card.
        await page.locator('#play-again').click();
        await waitForScreen(page, 'title');
        await checkTitle(page, lang);
        assert.equal(await isShown(page, '#results'), false, 'results gone after play again');
        await openPicker(page);
        const card = (await cards(page)).find((c) => c.id === scene.id);
        assert.equal(card.best, String(score), `${scene.id}: best score on the picker`);
      }
    },
    { timeout: 120_000 },
  );
}

gameTest(env, 'saved data that is not ours is ignored, then replaced', async (g) => {
  for (const junk of ['{not json', '{"version":1,"best":{"sewer":"lots"}}', '{"version":99,"best":{}}', 'x'.repeat(40_000)]) {
    const page = await g.open({ automation: '1', lang: 'en' }, {}, {
      beforeGoto: (p) => p.addInitScript(([k, v]) => localStorage.setItem(k, v), [BEST_KEY, junk]),
    });
    await openPicker(page);
    for (const c of await cards(page)) assert.equal(c.best, '', `junk ${junk.slice(0, 20)}: no best score shown`);
    await page.locator('#scene-list [data-scene="sewer"]').click();
    await waitForScreen(page, 'play');
    await page.locator('#give-up').click();
    await page.locator('#confirm-yes').click();
    await waitForScreen(page, 'results');
    const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), BEST_KEY));
    assert.deepEqual(stored, { version: 1, best: { sewer: 0 } }, 'replaced by a clean record');
  }
});

gameTest(env, 'the title fetches no scene; the picker only thumbnails; a pick only its scene', async (g) => {
  const seen = [];
  const page = await g.open({ automation: '1' }, {}, {
    beforeGoto: (p) => p.on('request', (r) => seen.push(new URL(r.url()).pathname)),
  });
  await page.waitForLoadState('networkidle');
  const assets = () => seen.filter((u) => u.includes('/assets/'));
  assert.deepEqual(assets(), [], 'the title screen needs nothing from assets/');

  await page.locator('#start').click();
  await page.locator('#scene-list [data-scene="site"]').waitFor();
  await page.waitForLoadState('networkidle');
  const catalogue = JSON.parse(
    await page.evaluate(() => fetch('assets/catalogue.json').then((r) => r.text())),
  );
  seen.splice(seen.indexOf('/assets/catalogue.json', seen.indexOf('/assets/catalogue.json') + 1), 1);
  const thumbSprites = new Set(catalogue.scenes.flatMap((e) => e.thumb.layers.map((l) => `/assets/sprites/${l.sprite}.svg`)));
  for (const u of assets()) {
    assert.ok(u === '/assets/catalogue.json' || thumbSprites.has(u), `the picker fetched only its list and thumbnails, not ${u}`);
  }
  assert.ok(!assets().some((u) => u.startsWith('/assets/scenes/')), 'no scene file before a pick');

  const before = seen.length;
  await page.locator('#scene-list [data-scene="site"]').click();
  await waitForScreen(page, 'play');
  const picked = seen.slice(before).filter((u) => u.startsWith('/assets/scenes/'));
  assert.deepEqual(picked, ['/assets/scenes/site.json'], 'only the picked scene is fetched');
});
