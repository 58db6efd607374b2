// Kiosk mode (?mode=kiosk): attract, walk-away, lockdown, leaderboard, play
// together, the language remembered on the screen, garbage in localStorage.
// Touch emulation throughout: a museum's screen has no mouse.

import assert from 'node:assert/strict';
import {
  useGame,
  gameTest,
  state,
  waitForScreen,
  waitShown,
  waitGone,
  isShown,
  text,
  frames,
  pointInView,
  findHazard,
  closeCard,
  hazardPoints,
  openKiosk,
  touchToStart,
  CJK,
} from './helpers.mjs';

const env = useGame();
const WALK = { idle: '2', countdown: '2', scene: 'sewer' };

const events = (page) => page.evaluate(() => window.hazardHunt.events());
const types = async (page) => (await events(page)).map((e) => e.type);

/** Find one hazard with a real touch and close its card (and question). */
async function findOne(page) {
  const pts = await hazardPoints(page);
  const p = await pointInView(page, pts[0].id);
  await findHazard(page, p, { via: 'tap' });
  await closeCard(page);
  return p.id;
}

gameTest(env, 'attract plays itself; a touch plays; walking away counts down and returns to attract', async (g) => {
  const page = await openKiosk(g, WALK, { viewport: { width: 1920, height: 1080 } });
  // Touch to start, in both languages, over the scene playing itself.
  assert.match(await text(page, '#attract-zh'), CJK);
  assert.match(await text(page, '#attract-en'), /Touch to start/);
  assert.equal(await isShown(page, '#hud'), false, 'no header over the demo');
  // The demo finds a hazard and shows its card, with no round counted.
  await page.waitForFunction(() => window.hazardHunt.events().some((e) => e.type === 'hazardFound'), null, {
    timeout: 12_000,
  });
  await waitShown(page, '#card');
  assert.equal((await state(page)).screen, 'attract');
  assert.ok(!(await types(page)).includes('roundStarted'), 'the demo is not a round');
  await g.screenshot(page, 'attract', 'zh');

  await touchToStart(page);
  let s = await state(page);
  assert.equal(s.found.length, 0, 'a fresh round, not the demo’s');
  assert.equal(s.kiosk.phase, 'playing');
  const id = await findOne(page);

  // Nobody touches: after 2 s "Are you still playing?" counts down from 2.
  await waitForScreen(page, 'idle');
  await waitShown(page, '#idle');
  assert.match(await text(page, '#idle-title'), CJK);
  assert.equal(await text(page, '#idle-count'), '2');
  await g.screenshot(page, 'still-playing', 'zh');
  // No answer: back to attract, the round forgotten (ended as walked away).
  await waitForScreen(page, 'attract', { timeout: 15_000 });
  await waitGone(page, '#idle');
  const ev = await events(page);
  const ended = ev.filter((e) => e.type === 'roundEnded');
  assert.equal(ended.length, 1);
  assert.equal(ended[0].summary.end, 'walkedAway');
  assert.deepEqual(
    ended[0].summary.found.map((f) => f.id),
    [id],
  );
  const order = ev.map((e) => e.type);
  assert.ok(order.indexOf('idleAsked') < order.indexOf('walkedAway'));
  assert.ok(order.lastIndexOf('attractStarted') > order.indexOf('walkedAway'));
  s = await state(page);
  assert.equal(s.kiosk.phase, 'attract');
  assert.equal(s.kiosk.team, false);
});

gameTest(env, 'a touch during the countdown continues the round where it was', async (g) => {
  const page = await openKiosk(g, { ...WALK, countdown: '30' });
  await touchToStart(page);
  const id = await findOne(page);
  await waitForScreen(page, 'idle');
  const before = await state(page);
  // The touch lands on the picture: it only answers the question.
  const vp = page.viewportSize();
  await page.touchscreen.tap(vp.width / 2, vp.height / 2);
  await waitForScreen(page, 'play');
  await waitGone(page, '#idle');
  const after = await state(page);
  assert.deepEqual(after.found, [id], 'the find is kept');
  assert.equal(after.misses, before.misses, 'the answering touch is not a miss');
  assert.equal(after.score, before.score);
  assert.ok((await types(page)).includes('idleContinued'));
  // The button says it too, and touches keep the kiosk awake.
  await waitForScreen(page, 'idle');
  await page.locator('#still-here').tap();
  await waitForScreen(page, 'play');
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(1200);
    await page.touchscreen.tap(vp.width / 2, vp.height / 2);
    assert.equal((await state(page)).screen, 'play', 'touching keeps the round going');
  }
});

gameTest(env, 'the results time out to attract too; a group plays together and is celebrated as a team', async (g) => {
  const page = await openKiosk(g, { ...WALK, idle: '3' });
  await touchToStart(page, { team: true });
  assert.equal((await state(page)).kiosk.team, true);
  await findOne(page);
  await page.locator('#give-up').tap();
  await page.locator('#confirm-yes').tap();
  await waitForScreen(page, 'results');
  const heading = await text(page, '#res-heading');
  assert.match(heading, /一起/, `the heading celebrates the team: ${heading}`);
  const ended = (await events(page)).find((e) => e.type === 'roundEnded');
  assert.equal(ended.summary.team, true);
  await g.screenshot(page, 'team-results', 'zh');
  await waitForScreen(page, 'idle');
  await waitForScreen(page, 'attract', { timeout: 15_000 });
});

gameTest(env, 'the language chosen on the attract screen plays, and is remembered after a restart', async (g) => {
  const page = await openKiosk(g, WALK);
  await page.locator('#kiosk-en').tap();
  assert.equal((await state(page)).lang, 'en');
  assert.equal((await state(page)).screen, 'attract', 'choosing a language does not start');
  await touchToStart(page);
  assert.equal((await state(page)).lang, 'en');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.reload();
  await waitForScreen(page, 'attract', { timeout: 15_000 });
  assert.equal((await state(page)).lang, 'en');
  // The address wins over what the screen remembers.
  await page.goto(g.gameUrl({ automation: '1', mode: 'kiosk', lang: 'zh' }));
  await waitForScreen(page, 'attract', { timeout: 15_000 });
  assert.equal((await state(page)).lang, 'zh');
});

gameTest(env, 'lockdown: no context menu, selection, drag, page zoom, print, links; big buttons low on the screen', async (g) => {
  const page = await openKiosk(g, { cursor: 'hide', scene: 'sewer' }, { viewport: { width: 1920, height: 1080 } });
  await touchToStart(page);
  const blocked = await page.evaluate(() => {
    const fire = (target, ev) => {
      target.dispatchEvent(ev);
      return ev.defaultPrevented;
    };
    const canvas = document.querySelector('canvas#scene');
    const hud = document.querySelector('#hud');
    return {
      contextmenu: fire(hud, new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
      contextmenuCanvas: fire(canvas, new MouseEvent('contextmenu', { bubbles: true, cancelable: true })),
      selectstart: fire(hud, new Event('selectstart', { bubbles: true, cancelable: true })),
      dragstart: fire(hud, new DragEvent('dragstart', { bubbles: true, cancelable: true })),
      ctrlWheel: fire(hud, new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey: true, deltaY: -100 })),
      ctrlP: fire(document.body, new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'p', ctrlKey: true })),
      altLeft: fire(document.body, new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'ArrowLeft', altKey: true })),
      f11: fire(document.body, new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'F11' })),
      plainKey: fire(document.body, new KeyboardEvent('keydown', { bubbles: true, cancelable: true, key: 'ArrowLeft' })),
      userSelect: getComputedStyle(document.body).userSelect,
      touchAction: getComputedStyle(document.documentElement).touchAction,
      callout: getComputedStyle(document.body).webkitTouchCallout ?? 'none',
      cursor: getComputedStyle(canvas).cursor,
      links: document.querySelectorAll('a[href]').length,
      print: !!document.querySelector('#res-print') && getComputedStyle(document.querySelector('#res-print')).display,
    };
  });
  assert.deepEqual(
    { ...blocked, plainKey: undefined },
    {
      contextmenu: true,
      contextmenuCanvas: true,
      selectstart: true,
      dragstart: true,
      ctrlWheel: true,
      ctrlP: true,
      altLeft: true,
      f11: true,
      plainKey: undefined,
      userSelect: 'none',
      touchAction: 'pan-x pan-y',
      callout: 'none',
      cursor: 'none',
      links: 0,
      print: 'none',
    },
  );
  assert.equal(blocked.plainKey, false, 'plain keys still play');
  // A real long press selects nothing.
  await page.mouse.move(300, 1050);
  await page.mouse.down();
  await page.mouse.move(900, 1050, { steps: 5 });
  await page.mouse.up();
  assert.equal(await page.evaluate(() => String(getSelection())), '');
  // The game's own zoom still works (a pinch is the canvas's, not the page's).
  const zoom0 = (await state(page)).camera.zoom;
  await page.mouse.move(960, 500);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction((z) => window.hazardHunt.state().camera.zoom > z, zoom0);
  assert.equal(await page.evaluate(() => window.visualViewport.scale), 1, 'the page itself never zooms');

  // Every button a visitor needs: at least 48 px, in the lower half of the screen.
  const buttons = await page.evaluate(() =>
    [...document.querySelectorAll('#hud button')]
      .filter((b) => b.offsetParent !== null)
      .map((b) => {
        const r = b.getBoundingClientRect();
        return { id: b.id, w: r.width, h: r.height, top: r.top };
      }),
  );
  assert.ok(buttons.length >= 3, JSON.stringify(buttons));
  for (const b of buttons) {
    assert.ok(b.w >= 48 && b.h >= 48, `${b.id} is at least 48 px: ${JSON.stringify(b)}`);
    assert.ok(b.top > 1080 / 2, `${b.id} is within reach, low on the screen: ${JSON.stringify(b)}`);
  }
  const pts = await hazardPoints(page);
  const p = await pointInView(page, pts[0].id);
  await findHazard(page, p, { via: 'tap' });
  const close = await page.locator('#card-close').boundingBox();
  assert.ok(close.y > 1080 / 2, `the card's button is low too: ${JSON.stringify(close)}`);
  assert.ok(close.height >= 48);
  await g.screenshot(page, 'kiosk-card', 'zh');
});

gameTest(env, 'leaderboard: three letters on big buttons, today’s top 10 on this screen', async (g) => {
  const page = await openKiosk(g, { board: '1', scene: 'sewer' });
  assert.match(await text(page, '#attract-board'), /今天还没有人上榜/);
  await touchToStart(page);
  await findOne(page);
  await page.locator('#give-up').tap();
  await page.locator('#confirm-yes').tap();
  await waitForScreen(page, 'results');
  await waitShown(page, '#board-entry');
  assert.match(await text(page, '#board-entry-text'), /第 1 名/);
  assert.equal(await page.locator('#board-save').isDisabled(), true, 'three letters first');
  for (const l of ['K', 'I', 'X', 'D']) await page.locator(`#board-letters [data-letter="${l}"]`).tap();
  assert.equal(await text(page, '#board-slots'), 'KIX', 'three letters at most');
  await page.locator('#board-delete').tap();
  await page.locator('#board-letters [data-letter="M"]').tap();
  await page.locator('#board-save').tap();
  await page.waitForFunction(() => document.querySelector('#board-list li.mine'));
  assert.match(await text(page, '#board-list li.mine'), /KIM/);
  await g.screenshot(page, 'board', 'zh');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('hazard-hunt.board.v1')));
  const score = (await state(page)).score;
  assert.equal(stored.version, 1);
  assert.deepEqual(stored.entries, [{ initials: 'KIM', score, scene: 'sewer' }]);
  await page.locator('#board-skip').tap();
  await waitGone(page, '#board-entry');
  // After a restart the attract screen shows today's board.
  await page.reload();
  await waitForScreen(page, 'attract', { timeout: 15_000 });
  assert.match(await text(page, '#attract-board'), new RegExp(`KIM\\s*${score}`));
  // A group's round does not rank a person.
  await touchToStart(page, { team: true });
  await findOne(page);
  await page.locator('#give-up').tap();
  await page.locator('#confirm-yes').tap();
  await waitForScreen(page, 'results');
  await frames(page, 2);
  assert.equal(await isShown(page, '#board-entry'), false);
});

gameTest(env, 'garbage in localStorage is survived: the kiosk still attracts and plays', async (g) => {
  const page = await openKiosk(g, { board: '1', scene: 'sewer' }, {}, {
    beforeGoto: (p) =>
      p.addInitScript(() => {
        if (sessionStorage.getItem('seeded')) return;
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('hazard-hunt.board.v1', '{"version":1,"day":"2026-01-01","entries":[{"initials":"<img src=x onerror=alert(1)>","score":1e99}]}');
        localStorage.setItem('hazard-hunt.kiosk-lang.v1', 'klingon'.repeat(1000));
        localStorage.setItem('hazard-hunt.best.v1', '\u0000\uffff not json');
      }),
  });
  assert.equal((await state(page)).lang, 'zh', 'an unreadable language is ignored');
  assert.match(await text(page, '#attract-board'), /今天还没有人上榜/);
  assert.equal(await page.locator('#attract-board img').count(), 0);
  await touchToStart(page);
  await findOne(page);
});
