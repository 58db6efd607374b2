// Kiosk mode's statistics, the staff screen and recovery from a crash: rounds played
// in kiosk mode are counted on this screen; a real 3-second press in the top-left
// corner and the code pad open the staff screen, whose figures match the rounds
// played; the CSV export downloads and its rows match; a wrong code or a short tap
// opens nothing; garbage in storage is survived; a Rust panic (hazardHunt.crash())
// or a JS error shows "Restarting…" and the page comes back within 5 s, and the
// error is listed on the staff screen.

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
  startRound,
  findHazard,
  closeCard,
  pointInView,
  cameraAtRest,
  REPO,
} from './helpers.mjs';

const env = useGame();

const CODE = '2468';
const KIOSK = { mode: 'kiosk', staff: '1', code: CODE, automation: '1', scene: 'sewer', seed: '222-25H', motion: 'off', audio: 'off' };
const strings = JSON.parse(fs.readFileSync(path.join(REPO, 'assets', 'i18n.json'), 'utf8'));

const stats = (page) => page.evaluate(() => window.hazardHunt.stats());
const events = (page) => page.evaluate(() => window.hazardHunt.events());
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Open the game and wait until a round can be begun: the title (Start enabled) or,
 * once kiosk mode has it, the attract screen. */
async function openKiosk(g, params = KIOSK, options = {}, contextOptions = {}) {
  const page = await g.open(params, contextOptions, { waitReady: false, ...options });
  await waitIdle(page);
  return page;
}

async function waitIdle(page, { playing = false } = {}) {
  await page.waitForFunction(
    (playing) => {
      const s = window.hazardHunt?.state().screen;
      if (s === 'attract' || (playing && s === 'play')) return true;
      const b = document.querySelector('#start');
      return s === 'title' && !!b && !b.disabled;
    },
    playing,
    { timeout: 10_000 },
  );
}

/** Begin a round as a visitor would: a touch on the attract screen, or Start
 * (or nothing: in kiosk mode "Play again" starts the next round at once). */
async function beginRound(page) {
  const screen = (await state(page)).screen;
  if (screen === 'play') {
    await cameraAtRest(page);
  } else if (screen === 'attract') {
    // Where the kiosk tests touch (helpers.mjs touchToStart), clear of its buttons.
    const vp = page.viewportSize();
    await page.mouse.click(vp.width * 0.3, vp.height * 0.35);
    await waitForScreen(page, 'play');
    await cameraAtRest(page);
  } else {
    await startRound(page);
  }
}

/** One round: a hint first when `hint` (then that hazard is found; with 'miss' it is
 * left unfound), then `finds` more of the hazards not yet found, then "End round" →
 * yes. Back to the start screen. Returns the ids found and the id hinted. */
async function playRound(page, { finds = 0, hint = false } = {}) {
  await beginRound(page);
  const found = [];
  let hinted = null;
  if (hint) {
    const before = (await events(page)).length;
    await page.locator('#hint').click();
    await page.waitForFunction((n) => window.hazardHunt.events().slice(n).some((e) => e.type === 'hintShown'), before);
    hinted = (await events(page)).slice(before).find((e) => e.type === 'hintShown').id;
    if (hint !== 'miss') {
      const p = await pointInView(page, hinted);
      await findHazard(page, p);
      await closeCard(page);
      found.push(hinted);
    }
  }
  for (let k = 0; k < finds; k++) {
    const pts = await hazardPoints(page);
    const p = await pointInView(page, pts[0].id);
    await findHazard(page, p);
    await closeCard(page);
    found.push(p.id);
  }
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  const summary = (await events(page)).filter((e) => e.type === 'roundEnded').at(-1).summary;
  await page.locator('#play-again').click();
  await waitIdle(page, { playing: true });
  return { found, hinted, summary };
}

/** A real long press in the top-left corner: mouse down, hold, up. */
async function longPress(page, ms = 3_300) {
  await page.mouse.move(20, 20);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

/** The same with a finger (a touch screen's press, through the DevTools protocol). */
async function touchLongPress(page, ms = 3_300) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 20, y: 20 }] });
  await page.waitForTimeout(ms);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function enterCode(page, code) {
  for (const d of code) await page.locator(`#staff-key-${d}`).click();
}

async function openStaff(page, code = CODE) {
  await longPress(page);
  await waitShown(page, '#staff');
  assert.equal(await page.locator('#staff').getAttribute('data-mode'), 'pad');
  for (const k of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
    const box = await page.locator(`#staff-key-${k}`).boundingBox();
    assert.ok(box.width >= 48 && box.height >= 48, `key ${k} is at least 48 px (${box.width}x${box.height})`);
  }
  await enterCode(page, code);
}

/** Parse a CSV (RFC 4180) into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') {
      assert.equal(text[i + 1], '\n', 'CRLF line ends');
      i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  return rows;
}

/** Remove (and return) the collected page errors that match `re`. */
function takeErrors(g, re) {
  const taken = g.errors.filter((e) => re.test(e));
  g.errors.splice(0, g.errors.length, ...g.errors.filter((e) => !re.test(e)));
  return taken;
}

gameTest(
  env,
  'three kiosk rounds are counted; the staff screen (long press + code) shows them and exports them as CSV',
  async (g) => {
    const page = await openKiosk(g);
    const empty = await stats(page);
    assert.deepEqual(empty, { version: 1, days: {}, hazards: {} }, 'nothing counted on a fresh kiosk');

    const r1 = await playRound(page, { finds: 2 });
    const r2 = await playRound(page, { hint: true, finds: 1 });
    // A hint for a hazard that is then missed counts as hinted too.
    const r3 = await playRound(page, { hint: 'miss' });
    assert.ok(r3.hinted && r3.summary.missed.includes(r3.hinted), 'the hinted hazard was missed');
    assert.deepEqual(r3.summary.hinted, [r3.hinted], 'the summary names it');
    const rounds = [r1, r2, r3];
    const ids = [...r1.summary.found.map((f) => f.id), ...r1.summary.missed];
    assert.equal(ids.length, r1.summary.total, 'every hazard of the round is found or missed');
    const expect = {};
    for (const id of ids) {
      const found = rounds.filter((r) => r.found.includes(id)).length;
      expect[id] = { found, missed: 3 - found, hinted: rounds.filter((r) => r.hinted === id).length };
    }

    // What is stored.
    const s = await stats(page);
    const day = s.days[today()];
    assert.equal(day.rounds, 3, 'three rounds today');
    assert.equal(day.abandoned, 0);
    assert.equal(day.score, rounds.reduce((t, r) => t + r.summary.score.total, 0), 'scores add up');
    assert.deepEqual(Object.keys(s.hazards), ['sewer']);
    for (const id of ids) assert.deepEqual(s.hazards.sewer[id], expect[id], `stored counts of ${id}`);

    // A short tap in the corner opens nothing.
    await page.mouse.click(20, 20);
    await page.waitForTimeout(3_300);
    assert.equal(await page.locator('#staff').isHidden(), true, 'a tap in the corner opens nothing');

    // The long press, the pad, the right code.
    await openStaff(page);
    await page.waitForFunction(() => document.querySelector('#staff')?.dataset.mode === 'open');
    await waitShown(page, '#staff-body');
    assert.equal((await page.locator('#staff-rounds').textContent()).trim(), '3');
    assert.equal((await page.locator('#staff-abandoned').textContent()).trim(), '0');
    const todayRow = await page.locator(`#staff-days tr[data-day="${today()}"] td`).allTextContents();
    assert.equal(todayRow[1], '3', 'today lists three rounds');
    const rows = await page.$$eval('#staff-hazards tr[data-hazard]', (trs) =>
      trs.map((tr) => ({ key: tr.dataset.hazard, cells: [...tr.cells].map((c) => c.textContent) })),
    );
    assert.equal(rows.length, ids.length, 'one row per hazard');
    for (const r of rows) {
      const id = r.key.replace(/^sewer\//, '');
      const e = expect[id];
      assert.ok(e, `${r.key} was in the rounds`);
      assert.deepEqual(r.cells.slice(2, 5).map(Number), [e.found, e.missed, e.hinted], `${id}: found, missed, hinted on screen`);
      assert.ok(r.cells[1].includes(id), `${id}'s row names it`);
    }
    const missedCol = rows.map((r) => Number(r.cells[3]));
    assert.deepEqual(missedCol, [...missedCol].sort((a, b) => b - a), 'most missed first');
    // The screen speaks the game's language (Chinese by default).
    assert.equal(await page.locator('#staff-export').textContent(), strings['staff.export'].zh);
    await g.screenshot(page, 'staff', 'zh');

    // Export: a real download, one table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#staff-export').click()]);
    assert.match(download.suggestedFilename(), /^hazard-hunt-stats-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    assert.equal(text[0], '\ufeff', 'a byte-order mark for spreadsheets');
    const csv = parseCsv(text.slice(1));
    const header = csv[0];
    assert.equal(header[0], 'section');
    assert.ok(csv.every((r) => r.length === header.length), 'every row has every column');
    const col = (name) => header.indexOf(name);
    const dayRows = csv.filter((r) => r[0] === 'day');
    assert.equal(dayRows.length, 1);
    assert.equal(dayRows[0][col('day')], today());
    assert.equal(dayRows[0][col('rounds')], '3');
    const hazardRows = csv.filter((r) => r[0] === 'hazard');
    assert.equal(hazardRows.length, ids.length);
    for (const r of hazardRows) {
      const e = expect[r[col('hazard')]];
      assert.equal(r[col('scene')], 'sewer');
      assert.deepEqual([r[col('found')], r[col('missed')], r[col('hinted')]].map(Number), [e.found, e.missed, e.hinted]);
      assert.ok(r[col('title')].length > 0, 'the hazard is named (its scene is loaded)');
    }
    assert.equal(
      hazardRows.map((r) => r[col('hazard')]).join(),
      rows.map((r) => r.key.replace(/^sewer\//, '')).join(),
      'the same order as on screen',
    );
    assert.equal(await page.evaluate(() => location.search.includes('mode=kiosk')), true, 'no navigation');

    // Clear: asked in the page first.
    await page.locator('#staff-clear').click();
    await waitShown(page, '#staff-confirm');
    // Escape (a staff member with a keyboard) steps back out of the question.
    await page.keyboard.press('Escape');
    await waitGone(page, '#staff-confirm');
    assert.equal(await page.locator('#staff').getAttribute('data-mode'), 'open', 'the screen stays open');
    await page.locator('#staff-clear').click();
    await waitShown(page, '#staff-confirm');
    await page.locator('#staff-clear-no').click();
    await waitGone(page, '#staff-confirm');
    assert.equal((await stats(page)).days[today()].rounds, 3, '"Keep them" keeps them');
    await page.locator('#staff-clear').click();
    await page.locator('#staff-clear-yes').click();
    await page.waitForFunction(() => Object.keys(window.hazardHunt.stats().days).length === 0);
    assert.equal((await page.locator('#staff-rounds').textContent()).trim(), '0');
    await page.locator('#staff-close').click();
    await waitGone(page, '#staff');
    await beginRound(page);
  },
  { timeout: 90_000 },
);

gameTest(env, 'a wrong code does not open the staff screen; without a code there is no corner', async (g) => {
  // On a touch screen, with a finger.
  const page = await openKiosk(g, KIOSK, {}, { hasTouch: true });
  await touchLongPress(page);
  await waitShown(page, '#staff');
  for (const d of '111') await page.locator(`#staff-key-${d}`).tap();
  assert.equal(await page.locator('#staff-dots').getAttribute('data-entered'), '3');
  await page.locator('#staff-key-back').tap();
  assert.equal(await page.locator('#staff-dots').getAttribute('data-entered'), '2');
  await enterCode(page, '11');
  await waitShown(page, '#staff-pad-msg');
  assert.equal(await page.locator('#staff-body').isHidden(), true, 'no figures');
  await waitGone(page, '#staff');
  assert.equal((await state(page)).screen, 'attract', 'the corner and the pad did not start a round');
  await beginRound(page);

  // Kiosk without ?staff=1: statistics are kept, but nothing opens the screen.
  const plain = await openKiosk(g, { ...KIOSK, staff: '0' });
  assert.equal(await plain.locator('#staff-zone').count(), 0);
  await longPress(plain);
  assert.equal(await plain.locator('#staff').count(), 0);
  assert.deepEqual(await stats(plain), { version: 1, days: {}, hazards: {} });
  // Outside kiosk mode nothing is counted.
  const normal = await g.open({ automation: '1', scene: 'sewer' });
  assert.equal(await stats(normal), null);
});

gameTest(env, 'garbage in the stored statistics and error log is survived: the game runs and counts afresh', async (g) => {
  const page = await openKiosk(g, KIOSK, {
    beforeGoto: (p) =>
      p.addInitScript(() => {
        if (!sessionStorage.getItem('seeded')) {
          sessionStorage.setItem('seeded', '1');
          localStorage.setItem('hazard-hunt.stats.v1', '{"version":1,"days":{"x":{}}, garbage');
          localStorage.setItem('hazard-hunt.errors.v1', '[1,2,3]');
        }
      }),
  });
  assert.deepEqual(await stats(page), { version: 1, days: {}, hazards: {} });
  await playRound(page, { finds: 1 });
  assert.equal((await stats(page)).days[today()].rounds, 1);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('hazard-hunt.stats.v1')));
  assert.equal(stored.days[today()].rounds, 1, 'the garbage was replaced');
  await openStaff(page);
  await page.waitForFunction(() => document.querySelector('#staff')?.dataset.mode === 'open');
  await waitShown(page, '#staff-no-errors');
  // Escape closes the staff screen.
  await page.keyboard.press('Escape');
  await waitGone(page, '#staff');
});

gameTest(
  env,
  'hazardHunt.crash() (a real panic) shows "Restarting…" and the kiosk comes back within 5 s; the error is listed',
  async (g, t) => {
    const page = await openKiosk(g);
    const t0 = Date.now();
    const thrown = await page.evaluate(() => {
      try {
        window.hazardHunt.crash();
        return null;
      } catch (e) {
        return String(e);
      }
    });
    assert.ok(thrown, 'the panic reaches the caller as an exception');
    await waitShown(page, '#crash.restarting');
    const words = await page.locator('#crash h2').allTextContents();
    assert.deepEqual(words, [strings['restart.title'].zh, strings['restart.title'].en]);
    assert.equal(await page.locator('#crash a').count(), 0, 'no link: it restarts by itself');
    await g.screenshot(page, 'restarting', 'zh');
    // The page reloads by itself.
    await page.waitForEvent('load', { timeout: 5_000 });
    const loaded = Date.now() - t0;
    await page.waitForFunction(() => !!window.hazardHunt && !document.getElementById('crash'), null, { timeout: 5_000 });
    const back = Date.now() - t0;
    await waitIdle(page);
    const ready = Date.now() - t0;
    t.diagnostic(`reloaded after ${loaded} ms, the game back after ${back} ms, its scene ready after ${ready} ms`);
    assert.ok(back < 5_000, `back in ${back} ms`);
    assert.equal(await page.locator('#crash').count(), 0, 'a fresh page');
    assert.equal(await page.evaluate(() => window.hazardHunt.state().screen), 'attract', 'a fresh kiosk starts in attract');
    // Exactly the panic's own error reached the console.
    const seen = takeErrors(g, /deliberate panic/);
    assert.ok(seen.length >= 1, 'the panic is logged');
    t.diagnostic(`the panic's console errors: ${JSON.stringify(seen.map((e) => e.slice(0, 120)))}`);
    assert.deepEqual(g.errors, [], 'no other errors (the frame loop does not spam)');

    const log = await page.evaluate(() => JSON.parse(localStorage.getItem('hazard-hunt.errors.v1')));
    assert.equal(log.version, 1);
    assert.equal(log.errors.length, 1, 'one entry: the echoes of the panic are not recorded');
    assert.equal(log.errors[0].source, 'panic');
    assert.match(log.errors[0].message, /deliberate panic/);
    assert.ok(Math.abs(Date.parse(log.errors[0].time) - t0) < 10_000);

    await beginRound(page);
    await openStaff(page);
    await waitShown(page, '#staff-errors');
    const items = await page.locator('#staff-errors li').allTextContents();
    assert.equal(items.length, 1);
    assert.match(items[0], /panic/);
    assert.match(items[0], /deliberate panic/);
    await page.locator('#staff-close').click();
  },
  { timeout: 60_000 },
);

gameTest(env, 'a JavaScript error in kiosk mode restarts too, and is recorded as an error', async (g) => {
  const page = await openKiosk(g);
  await page.evaluate(() => setTimeout(() => {
    throw new Error('staff.test: a thrown error');
  }));
  await waitShown(page, '#crash.restarting');
  await page.waitForEvent('load', { timeout: 5_000 });
  await waitIdle(page);
  assert.equal(takeErrors(g, /a thrown error/).length, 1);
  const log = await page.evaluate(() => JSON.parse(localStorage.getItem('hazard-hunt.errors.v1')));
  assert.deepEqual(log.errors.map((e) => e.source), ['error']);
  assert.match(log.errors[0].message, /Error: staff\.test: a thrown error/);
});

gameTest(env, 'a crash loop waits half a minute and says so; outside kiosk mode the crash screen is as before', async (g) => {
  const page = await openKiosk(g);
  await page.evaluate(() => {
    const now = Date.now();
    const errors = [1, 2, 3].map((k) => ({ time: new Date(now - k * 5_000).toISOString(), source: 'panic', message: `earlier ${k}` }));
    localStorage.setItem('hazard-hunt.errors.v1', JSON.stringify({ version: 1, errors }));
  });
  await page.evaluate(() => {
    try {
      window.hazardHunt.crash();
    } catch {}
  });
  await waitShown(page, '#crash.restarting');
  assert.equal(await page.locator('#crash').getAttribute('data-restart-ms'), '30000');
  const notes = await page.locator('#crash p').allTextContents();
  assert.deepEqual(notes, [strings['restart.wait'].zh, strings['restart.wait'].en]);
  await page.waitForTimeout(3_000);
  assert.equal(await page.locator('#crash.restarting').count(), 1, 'not reloaded after the usual delay');
  takeErrors(g, /deliberate panic/);

  // Not a kiosk: today's screen with its link, and the panic is recorded.
  const plain = await g.open({ automation: '1', scene: 'sewer' });
  await plain.evaluate(() => {
    try {
      window.hazardHunt.crash();
    } catch {}
  });
  await waitShown(plain, '#crash');
  assert.equal(await plain.locator('#crash.restarting').count(), 0);
  assert.equal(await plain.locator('#crash a').count(), 1, '"Start again"');
  const log = await plain.evaluate(() => JSON.parse(localStorage.getItem('hazard-hunt.errors.v1')));
  assert.equal(log.errors.at(-1).source, 'panic');
  takeErrors(g, /deliberate panic/);
});

gameTest(env, "where storage is refused the kiosk still runs, and a crash loop is still seen (the tab's name keeps the crashes)", async (g) => {
  const page = await openKiosk(g, KIOSK, {
    beforeGoto: (p) =>
      p.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      }),
  });
  const crash = () =>
    page.evaluate(() => {
      try {
        window.hazardHunt.crash();
      } catch {}
    });
  // Two crashes a few seconds ago, as the tab's name keeps them.
  await page.evaluate(() => {
    const now = Date.now();
    window.name = `hazard-hunt.crashes:${now - 10_000},${now - 5_000}`;
  });
  // A third: the usual short wait, and the kiosk comes back.
  await crash();
  await waitShown(page, '#crash.restarting');
  assert.equal(await page.locator('#crash').getAttribute('data-restart-ms'), '2000');
  await page.waitForEvent('load', { timeout: 5_000 });
  await waitIdle(page);
  assert.equal((await page.evaluate(() => window.name)).split(',').length, 3, 'the name survived the reload');
  // A fourth within the minute: the long wait, though nothing could be stored.
  await crash();
  await waitShown(page, '#crash.restarting');
  assert.equal(await page.locator('#crash').getAttribute('data-restart-ms'), '30000');
  takeErrors(g, /deliberate panic/);
});

gameTest(env, 'the page script writes the words and numbers the game has', async () => {
  const js = fs.readFileSync(path.join(REPO, 'www', 'recovery.js'), 'utf8');
  for (const key of ['restart.title', 'restart.wait']) {
    for (const lang of ['zh', 'en']) assert.ok(js.includes(JSON.stringify(strings[key][lang])) || js.includes(`'${strings[key][lang]}'`), `${key}.${lang} in recovery.js`);
  }
  const rs = fs.readFileSync(path.join(REPO, 'src', 'errorlog.rs'), 'utf8');
  const num = (src, name) => Number((src.match(new RegExp(`${name}(?::[^=]*)? = ([\\d_]+)`)) || [])[1]?.replace(/_/g, ''));
  for (const name of ['MAX_ENTRIES', 'MAX_MESSAGE_CHARS', 'RESTART_MS', 'LOOP_CRASHES', 'LOOP_RESTART_MS']) {
    assert.equal(num(js, name), num(rs, name), name);
  }
  assert.ok(js.includes(`'${(rs.match(/NAME_PREFIX: &str = "([^"]+)"/) || [])[1]}'`), "the same tab-name prefix");
  assert.ok(js.includes(`'${(rs.match(/KEY: &str = "([^"]+)"/) || [])[1]}'`), 'the same storage key');
});
