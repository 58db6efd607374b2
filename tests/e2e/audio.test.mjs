// Sound: no AudioContext before the player's first gesture, running after it; the
// mute button (aria-pressed, a label in both languages) and the choice remembered
// on the device, with ?audio= in the address winning over it; ?audio=off creates no
// context and hides the button; a bad ?audio= value shows a notice; a browser
// without Web Audio stays silent without a console error. A find buzzes a phone
// (navigator.vibrate), unless sound is muted. What is checked is the real
// AudioContext's state, not what comes out of the speakers.

import {
  assert,
  useGame,
  gameTest,
  state,
  hazardPoints,
  waitForScreen,
  waitShown,
  waitGone,
  startRound,
  findHazard,
  closeCard,
  skyPoint,
  frames,
  text,
  waitReady,
} from './helpers.mjs';

const env = useGame();
const KEY = 'hazard-hunt.audio.v1';

const audio = (page) => page.evaluate(() => window.hazardHunt.audio());
const waitAudio = (page, s) =>
  page.waitForFunction((want) => window.hazardHunt.audio().state === want, s).catch(async (err) => {
    throw new Error(`audio state never became ${s}: ${JSON.stringify(await audio(page))} (${err.message.split('\n')[0]})`);
  });

/** Counts AudioContexts made and records navigator.vibrate calls. */
function instrument(page) {
  return page.addInitScript(() => {
    window.__contexts = 0;
    window.__buzz = [];
    const Real = window.AudioContext;
    if (Real) {
      window.AudioContext = class extends Real {
        constructor(...args) {
          super(...args);
          window.__contexts += 1;
        }
      };
    }
    Object.defineProperty(navigator, 'vibrate', {
      configurable: true,
      value: (ms) => {
        window.__buzz.push(ms);
        return true;
      },
    });
  });
}
const counts = (page) => page.evaluate(() => ({ contexts: window.__contexts, buzz: window.__buzz }));

gameTest(env, 'audio: no context before a gesture, running after the first click; a round with every cue', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', scene: 'sewer' }, {}, { beforeGoto: instrument });
  await frames(page, 3);
  assert.deepEqual(await audio(page), { state: 'none', muted: false, mode: 'on' }, 'nothing before a gesture');
  assert.equal((await counts(page)).contexts, 0, 'no AudioContext made before a gesture');

  await startRound(page);
  await waitAudio(page, 'running');
  assert.deepEqual(await audio(page), { state: 'running', muted: false, mode: 'on' });
  assert.equal(await page.locator('#mute').getAttribute('aria-pressed'), 'false');

  // A miss, a hint, a find (a buzz), a decoy, the end: every cue plays, nothing logs an error.
  const sky = await skyPoint(page);
  await page.mouse.click(sky.x, sky.y);
  await page.locator('#hint').click();
  const [first] = await hazardPoints(page);
  await findHazard(page, first);
  assert.deepEqual((await counts(page)).buzz, [30], 'a find buzzes a phone for 30 ms');
  await closeCard(page);
  const decoy = (await page.evaluate(() => window.hazardHunt.decoyPoints())).find((p) => p.visible);
  if (decoy) {
    await page.mouse.click(decoy.x, decoy.y);
    await waitForScreen(page, 'decoy');
    await page.locator('#note-close').click();
    await waitForScreen(page, 'play');
  }
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  const c = await counts(page);
  assert.equal(c.contexts, 1, 'one AudioContext for the whole page');
  assert.equal((await audio(page)).state, 'running');
});

gameTest(env, 'audio: a key press is a gesture too', async (g) => {
  const page = await g.open({ automation: '1', scene: 'sewer' });
  assert.equal((await audio(page)).state, 'none');
  await page.locator('#start').focus();
  await page.keyboard.press('Enter');
  await waitForScreen(page, 'play');
  await waitAudio(page, 'running');
});

gameTest(env, 'audio: the mute button toggles, speaks both languages and is remembered; the address wins', async (g) => {
  const page = await g.open({ automation: '1', lang: 'zh', scene: 'sewer' }, {}, { beforeGoto: instrument });
  await startRound(page);
  const mute = page.locator('#mute');
  await waitShown(page, '#mute');
  assert.equal(await mute.getAttribute('aria-pressed'), 'false');
  assert.equal(await mute.getAttribute('aria-label'), '静音');
  assert.equal(await page.getByRole('button', { name: '静音' }).count(), 1, 'found by its accessible name');

  await mute.click();
  assert.equal(await mute.getAttribute('aria-pressed'), 'true');
  assert.deepEqual(await audio(page), { state: 'running', muted: true, mode: 'on' });
  await page.locator('#hud-lang').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await mute.getAttribute('aria-label'), 'Mute sound');
  // Muted: a find does not buzz either.
  const [first] = await hazardPoints(page);
  await findHazard(page, first);
  assert.deepEqual((await counts(page)).buzz, [], 'no buzz while muted');
  await closeCard(page);

  // Remembered across a reload.
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitReady(page);
  assert.deepEqual(await audio(page), { state: 'none', muted: true, mode: 'muted' });
  await startRound(page);
  assert.equal(await mute.getAttribute('aria-pressed'), 'true');
  await mute.click();
  assert.equal(await mute.getAttribute('aria-pressed'), 'false');
  assert.equal((await audio(page)).muted, false);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitReady(page);
  assert.deepEqual(await audio(page), { state: 'none', muted: false, mode: 'on' });

  // The address wins over the remembered choice, both ways.
  await page.evaluate((k) => localStorage.setItem(k, '{"version":1,"muted":true}'), KEY);
  await page.goto(g.gameUrl({ automation: '1', scene: 'sewer', audio: 'on' }));
  await waitReady(page);
  assert.deepEqual(await audio(page), { state: 'none', muted: false, mode: 'on' });
  await page.evaluate((k) => localStorage.setItem(k, '{"version":1,"muted":false}'), KEY);
  await page.goto(g.gameUrl({ automation: '1', scene: 'sewer', audio: 'muted' }));
  await waitReady(page);
  assert.deepEqual(await audio(page), { state: 'none', muted: true, mode: 'muted' });
  await startRound(page);
  await waitAudio(page, 'running');
  assert.equal(await mute.getAttribute('aria-pressed'), 'true');

  // Junk or another version in storage counts as nothing.
  for (const junk of ['junk', '{"version":2,"muted":true}', '{"version":1,"muted":"yes"}', 'x'.repeat(5000)]) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, junk]);
    await page.goto(g.gameUrl({ automation: '1', scene: 'sewer' }));
    await waitReady(page);
    assert.deepEqual(await audio(page), { state: 'none', muted: false, mode: 'on' }, `stored ${junk.slice(0, 30)}`);
  }
});

gameTest(env, '?audio=off: no AudioContext ever, no mute button, no buzz, nothing stored', async (g) => {
  const page = await g.open({ automation: '1', scene: 'sewer', audio: 'off' }, {}, { beforeGoto: instrument });
  assert.deepEqual(await audio(page), { state: 'none', muted: true, mode: 'off' });
  await startRound(page);
  await waitGone(page, '#mute');
  const [first] = await hazardPoints(page);
  await findHazard(page, first);
  await closeCard(page);
  await page.keyboard.press('ArrowLeft');
  await frames(page, 2);
  assert.deepEqual(await audio(page), { state: 'none', muted: true, mode: 'off' });
  assert.deepEqual(await counts(page), { contexts: 0, buzz: [] });
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
});

gameTest(env, '?audio=xyz: a notice on the title, sound as usual', async (g) => {
  const page = await g.open({ automation: '1', lang: 'en', audio: 'xyz' });
  await waitShown(page, '#notice');
  const msg = await text(page, '#notice-text');
  assert.ok(msg.includes('xyz') && /sound/i.test(msg), `the notice names the value: ${msg}`);
  assert.deepEqual(await audio(page), { state: 'none', muted: false, mode: 'on' });
  await page.locator('#lang-zh').click();
  assert.ok((await text(page, '#notice-text')).includes('声音'), 'the notice in Chinese');
  await startRound(page);
  await waitAudio(page, 'running');
});

gameTest(env, 'a browser without Web Audio: silent, no button, no console error', async (g) => {
  const page = await g.open({ automation: '1', scene: 'sewer' }, {}, {
    beforeGoto: (p) => p.addInitScript(() => {
      delete window.AudioContext;
      delete window.webkitAudioContext;
    }),
  });
  await startRound(page);
  await waitGone(page, '#mute');
  const [first] = await hazardPoints(page);
  await findHazard(page, first);
  await closeCard(page);
  assert.deepEqual(await audio(page), { state: 'none', muted: false, mode: 'on' });
  assert.equal((await state(page)).screen, 'play');
});
