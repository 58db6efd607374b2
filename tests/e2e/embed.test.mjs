// The embed page (embed.html): options chosen with real clicks give an <iframe>
// snippet with exactly those parameters, the preview loads the game with them, Copy
// puts the snippet on the clipboard (and, without the Clipboard API, selects it), both
// languages; and the title's link to it shows only on a top-level page, not in a
// frame nor on a kiosk.

import {
  assert,
  useGame,
  gameTest,
  waitShown,
  isShown,
  text,
  openKiosk,
  CJK,
} from './helpers.mjs';

const env = useGame();

async function openEmbed(g, query = 'automation=1', contextOptions = {}, { beforeGoto } = {}) {
  const page = await g.newPage(contextOptions);
  if (beforeGoto) await beforeGoto(page);
  await page.goto(`${g.url}embed.html${query ? `?${query}` : ''}`);
  await page.waitForSelector('html[data-ready="1"]');
  await page.locator('#scene-sewer').waitFor();
  return page;
}

/** The snippet's iframe: its attributes, and its src's parameters as an object. */
async function snippet(page) {
  const html = await page.locator('#snippet').inputValue();
  const attrs = Object.fromEntries([...html.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&amp;/g, '&')]));
  assert.match(html, /^<iframe [^]*><\/iframe>$/, 'one iframe element');
  const src = new URL(attrs.src);
  return { html, attrs, src, params: Object.fromEntries(src.searchParams) };
}

async function frameOf(page) {
  const handle = await page.locator('#preview').elementHandle();
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => window.hazardHunt?.state());
  return frame;
}

gameTest(env, 'options chosen with clicks make the snippet, the preview and the copy', async (g) => {
  const page = await openEmbed(g, 'automation=1', { permissions: ['clipboard-read', 'clipboard-write'] });
  // Chinese first.
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await text(page, 'h1'), '嵌入课件');
  // Defaults: the language, and embed=1.
  let s = await snippet(page);
  assert.deepEqual(s.params, { lang: 'zh', embed: '1' });
  assert.equal(s.src.origin + s.src.pathname, new URL('index.html', g.url).href, "this folder's index.html, absolute");
  assert.equal(s.attrs.allow, 'fullscreen');
  assert.ok(s.attrs.title.length > 0, 'the frame has a title');
  assert.match(s.attrs.style, /aspect-ratio/);

  // Every option, with real clicks (site ticked before sewer: the list's order wins).
  await page.locator('input[name="lang"][value="en"]').click();
  await page.locator('#scene-site').click();
  await page.locator('#scene-sewer').click();
  await page.locator('input[name="mode"][value="challenge"]').click();
  await page.locator('#time').fill('120');
  await page.locator('#seed').fill('222-25h');
  await page.locator('#hints').click();
  await page.locator('#answers').click();
  await page.locator('input[name="audio"][value="muted"]').click();
  await page.locator('input[name="motion"][value="off"]').click();
  await page.locator('input[name="size"][value="fixed"]').click();
  s = await snippet(page);
  assert.deepEqual(s.params, {
    lang: 'en',
    scene: 'sewer,site',
    mode: 'challenge',
    time: '120',
    seed: '222-25H',
    hints: 'off',
    answers: 'show',
    audio: 'muted',
    motion: 'off',
    embed: '1',
  });
  assert.equal(s.attrs.width, '1280');
  assert.equal(s.attrs.height, '720');
  assert.match(s.src.href, /scene=sewer,site/, 'the scene list reads with a comma');

  // The preview is the snippet's address (plus automation=1, for this test only).
  await page.waitForFunction((want) => document.querySelector('#preview').getAttribute('src') === want, s.src.href + '&automation=1');
  const frame = await frameOf(page);
  const st = await frame.evaluate(() => window.hazardHunt.state());
  assert.equal(st.lang, 'en');
  assert.equal(st.motion, false);
  assert.equal(st.screen, 'title');
  assert.equal((await frame.evaluate(() => window.hazardHunt.audio())).mode, 'muted');
  assert.equal(await frame.locator('#notice').isVisible(), false, 'no notice: every value was understood');
  assert.equal(await frame.locator('#fullscreen').count() > 0, true, 'embedded: the full-screen button exists');
  assert.equal(await frame.locator('#embed-open').count(), 0, 'no link away from the game in a frame');
  // Challenge time off again: the time is left out.
  await page.locator('input[name="mode"][value="explore"]').click();
  s = await snippet(page);
  assert.equal(s.params.mode, undefined);
  assert.equal(s.params.time, undefined);
  assert.equal(await page.locator('#time').isDisabled(), true);

  // Copy: the Clipboard API, and a visible status.
  await page.locator('#copy').click();
  await waitShown(page, '#copy-status');
  assert.equal(await text(page, '#copy-status'), '已复制到剪贴板。');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), s.html);
  await g.screenshot(page, 'embed-page', 'zh');

  // The page in English; the choices stay.
  await page.locator('#page-en').click();
  assert.equal(await text(page, 'h1'), 'Embed in a lesson');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await text(page, '#copy-status'), 'Copied to the clipboard.');
  const form = (await page.locator('form').innerText()).replaceAll('中文', ''); // a language's name
  assert.doesNotMatch(form, CJK, 'no Chinese left in the English form');
  assert.equal(await page.locator('#scene-sewer').isChecked(), true);
  assert.deepEqual((await snippet(page)).params.scene, 'sewer,site');
  await g.screenshot(page, 'embed-page', 'en');
});

gameTest(env, 'without the Clipboard API, Copy selects the snippet and says so', async (g) => {
  const page = await openEmbed(g, 'lang=en', {}, {
    beforeGoto: (p) => p.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })),
  });
  assert.equal(await text(page, 'h1'), 'Embed in a lesson');
  await page.locator('#copy').click();
  await waitShown(page, '#copy-status');
  assert.match(await text(page, '#copy-status'), /Copied|Ctrl\+C/);
  const sel = await page.evaluate(() => {
    const t = document.querySelector('#snippet');
    return [t.selectionStart, t.selectionEnd, t.value.length, document.activeElement === t];
  });
  assert.deepEqual(sel, [0, sel[2], sel[2], true], 'the whole snippet is selected');
});

gameTest(env, "the title's link to the embed page: top level only, not in a frame, not on a kiosk", async (g) => {
  const page = await g.open({ automation: '1' });
  await waitShown(page, '#embed-open');
  assert.equal(await text(page, '#embed-open'), '嵌入课件');
  assert.equal(await page.locator('#embed-open').getAttribute('href'), 'embed.html?lang=zh');
  await page.locator('#lang-en').click();
  assert.equal(await text(page, '#embed-open'), 'Embed in a lesson');
  // It opens in the same tab (a top-level page may go there).
  await page.locator('#embed-open').click();
  await page.waitForURL(/embed\.html\?lang=en$/);
  await page.waitForSelector('html[data-ready="1"]');
  assert.equal(await text(page, 'h1'), 'Embed in a lesson');

  // In a frame without embed=1: no link either.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'bare';
    f.src = src;
    document.body.append(f);
  }, g.gameUrl({ automation: '1' }));
  const frame = await (await page.locator('#bare').elementHandle()).contentFrame();
  await frame.waitForFunction(() => window.hazardHunt?.state().screen === 'title');
  await frame.locator('#start').waitFor();
  assert.equal(await frame.locator('#embed-open').count(), 0);

  // ?embed=1 at top level, and a kiosk: none.
  const embedded = await g.open({ automation: '1', embed: '1' });
  assert.equal(await embedded.locator('#embed-open').count(), 0);
  const kiosk = await openKiosk(g);
  assert.equal(await kiosk.locator('#embed-open').count(), 0);
  assert.equal(await isShown(kiosk, '#teacher-open'), false);
});
