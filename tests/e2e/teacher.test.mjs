// The teacher view (?teacher=1) and the rounds kept for it: rounds played with real
// clicks are recorded (hazardHunt.rounds()), the view opens first with ?teacher=1 and
// from the results, its table and class summary match what was played (most missed
// first, names from the scene), the CSV export (a download with a BOM, RFC 4180), print
// (the summary on one A4 page), "clear" with the in-page confirmation, garbage in
// storage, and pupils without the parameter never seeing it. Screenshots in both
// languages land in test-results/screenshots/.

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
  pointInView,
  REPO,
  SCREENSHOTS,
  CJK,
} from './helpers.mjs';

const env = useGame();
const KEY = 'hazard-hunt.rounds.v1';
const PARAMS = { scene: 'sewer', seed: '222-25H', automation: '1' };
const sewer = JSON.parse(fs.readFileSync(path.join(REPO, 'assets', 'scenes', 'sewer.json'), 'utf8'));
const strings = JSON.parse(fs.readFileSync(path.join(REPO, 'assets', 'i18n.json'), 'utf8'));
const rounds = (page) => page.evaluate(() => window.hazardHunt.rounds());

/** One round: find the hazards at these indexes (of those not yet found, in scene
 * order), then the real "End round" and its confirmation. Returns the ids found. */
async function playRound(page, picks) {
  await startRound(page);
  const found = [];
  const ids = (await hazardPoints(page)).map((p) => p.id);
  for (const k of picks) {
    const p = await pointInView(page, ids[k]);
    await findHazard(page, p);
    await closeCard(page);
    found.push(p.id);
  }
  await page.locator('#give-up').click();
  await page.locator('#confirm-yes').click();
  await waitForScreen(page, 'results');
  await waitShown(page, '#results');
  return { found, shown: ids };
}

async function again(page) {
  await page.locator('#play-again').click();
  await waitForScreen(page, 'title');
}

/** Splits CSV text (RFC 4180: quoted fields may hold commas, quotes and newlines). */
function parseCsv(s) {
  const rows = [];
  let row = [];
  let f = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') (f += '"'), i++;
      else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push(f), (f = '');
    else if (c === '\r' && s[i + 1] === '\n') row.push(f), rows.push(row), (row = []), (f = ''), i++;
    else f += c;
  }
  if (f || row.length) row.push(f), rows.push(row);
  return rows;
}

/** The class summary as shown: [{id, missed}] in order. */
const summaryRows = (page) =>
  page.$$eval('#teacher-missed li', (lis) => lis.map((li) => ({ id: li.dataset.id, missed: Number(li.dataset.missed), name: li.querySelector('.name').textContent })));

gameTest(
  env,
  'rounds played are kept, and the teacher view sums them up, exports, prints and clears',
  async (g) => {
    const page = await g.open({ ...PARAMS, teacher: '1' });
    // ?teacher=1 opens on the teacher view, over the title; nothing kept yet.
    await waitShown(page, '#teacher');
    let s = await state(page);
    assert.equal(s.teacher, true);
    assert.equal(s.screen, 'title');
    await waitShown(page, '#teacher-empty');
    assert.match(await text(page, '#teacher-heading'), CJK);
    assert.equal(await page.locator('#teacher-csv').isDisabled(), true, 'nothing to export yet');
    await page.locator('#teacher-close').click();
    await waitGone(page, '#teacher');
    assert.equal((await state(page)).teacher, false);
    await waitShown(page, '#title');
    await waitShown(page, '#teacher-open');

    // Three rounds: two finds, one find, none.
    const r1 = await playRound(page, [0, 1]);
    await again(page);
    const r2 = await playRound(page, [0]);
    await again(page);
    const r3 = await playRound(page, []);
    const played = [r1, r2, r3];
    const kept = await rounds(page);
    assert.equal(kept.length, 3);
    for (const [i, r] of kept.entries()) {
      assert.equal(r.scene, 'sewer');
      assert.equal(r.lang, 'zh');
      assert.equal(r.mode, 'explore');
      assert.equal(r.end, 'gaveUp');
      assert.equal(r.seed, '222-25H');
      assert.match(r.at, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      assert.deepEqual(r.found, played[i].found);
      assert.deepEqual([...r.found, ...r.missed].sort(), [...played[i].shown].sort());
      assert.equal(r.total, played[i].shown.length);
      assert.ok(r.questionsAsked <= played[i].found.length, "questions skipped are not counted as right");
      assert.equal(r.questionsRight, 0);
    }

    // From the results, the teacher view's button.
    await page.locator('#res-teacher').click();
    await waitShown(page, '#teacher');
    assert.equal((await state(page)).screen, 'results', 'the game stays where it was under the view');
    // Names arrive from the scene file: wait for the first hazard's title.
    const title = (id) => sewer.hazards.find((h) => h.id === id).name;
    await page.waitForFunction(() => {
      const li = document.querySelector('#teacher-missed li');
      return li && li.querySelector('.name').textContent !== li.dataset.id;
    });

    // The table: one row per round, newest first.
    const rows = await page.$$eval('#teacher-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.equal(rows.length, 3);
    const total = r1.shown.length;
    assert.deepEqual(
      rows.map((r) => r[8]),
      [`0 / ${total}`, `1 / ${total}`, `2 / ${total}`],
    );
    assert.equal(rows[0][1], sewer.title.zh);
    assert.equal(rows[2][9].split('、').length, total - 2, 'the missed hazards, by name');

    // The class summary: most missed first, ties in scene order.
    const order = sewer.hazards.map((h) => h.id);
    const missed = new Map();
    for (const r of kept) {
      for (const id of [...r.found, ...r.missed]) if (!missed.has(id)) missed.set(id, 0);
      for (const id of r.missed) missed.set(id, missed.get(id) + 1);
    }
    const want = [...missed.entries()]
      .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
      .map(([id, n]) => ({ id, missed: n, name: title(id).zh }));
    assert.deepEqual(await summaryRows(page), want);
    assert.equal(want.at(-1).id, r1.found[0], 'found in two rounds of three: missed least');
    assert.equal(want.at(-1).missed, 1);
    assert.match(await text(page, '#teacher-totals'), /3/);
    await g.screenshot(page, 'teacher-view', 'zh');

    // CSV: a download, no navigation.
    const url = page.url();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#teacher-csv').click()]);
    assert.match(download.suggestedFilename(), /^hazard-hunt-rounds-\d{4}-\d\d-\d\d\.csv$/);
    const bytes = fs.readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
    const csv = parseCsv(bytes.toString('utf8').slice(1));
    assert.equal(page.url(), url, 'the page did not navigate');
    assert.equal(csv.length, 4, 'a heading and three rounds');
    assert.equal(csv[0][0], strings['teacher.col.at'].zh);
    assert.equal(csv[0].length, 16);
    for (const [i, r] of kept.entries()) {
      const row = csv[i + 1];
      assert.equal(row.length, 16);
      assert.equal(row[0], r.at);
      assert.equal(row[1], sewer.title.zh);
      assert.equal(row[5], String(r.score));
      assert.equal(Number(row[8]), r.found.length);
      assert.equal(row[10], r.found.map((id) => title(id).zh).join('; '));
      assert.equal(row[11].split('; ').length, r.missed.length);
      assert.equal(row[15], '222-25H');
    }
    await waitShown(page, '#teacher-status');

    // English: the same view, every word in English.
    await page.locator('#teacher-lang-en').click();
    await page.waitForFunction(() => document.querySelector('#teacher-heading').textContent.startsWith('Teacher view'));
    assert.equal((await summaryRows(page))[0].name, title(want[0].id).en);
    const en = await page.locator('#teacher').innerText();
    // 中文 names the language (its switch, the table's language column).
    assert.doesNotMatch(en.replaceAll('中文', ''), CJK, 'no Chinese left in the English view');
    assert.doesNotMatch(en, /、/, 'English lists with commas');
    await g.screenshot(page, 'teacher-view', 'en');

    // Print: the summary on the first page, the table after it; nothing of the game.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await isShown(page, '#teacher-summary'), true);
    assert.equal(await isShown(page, '.teacher-actions'), false);
    assert.equal(await isShown(page, '#results'), false);
    // page.pdf() prints with the emulated media: back to the default (print).
    await page.emulateMedia({ media: null });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOTS, 'teacher-print-en.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.equal(pages, 2, 'the summary on one page, the table on the next');

    // Clear: asks in the page first; Cancel keeps everything.
    await page.locator('#teacher-clear').click();
    await waitShown(page, '#teacher-confirm');
    assert.match(await text(page, '#teacher-confirm-text'), /3/);
    await page.locator('#teacher-clear-no').click();
    await waitGone(page, '#teacher-confirm');
    assert.equal((await rounds(page)).length, 3);
    await page.locator('#teacher-clear').click();
    await page.locator('#teacher-clear-yes').click();
    await waitShown(page, '#teacher-empty');
    assert.deepEqual(await rounds(page), []);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
    assert.equal(await page.locator('#teacher-table tbody tr').count(), 0);

    // Escape closes the view, back to the results.
    await page.keyboard.press('Escape');
    await waitGone(page, '#teacher');
    assert.equal((await state(page)).screen, 'results');
  },
  { timeout: 120_000 },
);

gameTest(env, 'pupils without ?teacher=1 never see the view, and their rounds are kept', async (g) => {
  const page = await g.open(PARAMS);
  assert.equal(await page.locator('#teacher').count(), 0);
  assert.equal(await page.locator('#teacher-open').count(), 0);
  assert.equal((await state(page)).teacher, false);
  await playRound(page, [0]);
  assert.equal(await page.locator('#res-teacher').count(), 0);
  const kept = await rounds(page);
  assert.equal(kept.length, 1);
  // Stored as plain text: a header naming the format and version, a line per round.
  const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
  assert.match(stored, /^hazard-hunt rounds v1\n2\d{3}-\d\d-\d\d \d\d:\d\d\tsewer\tzh\texplore\tgaveUp\t/);
  assert.equal(stored.trim().split('\n').length, 2);
});

gameTest(env, 'garbage in storage reads as no rounds, and the next round replaces it', async (g) => {
  const page = await g.open(PARAMS);
  const header = 'hazard-hunt rounds v1\n';
  for (const junk of ['{not json', '{"version":1,"rounds":[]}', `${header}<img>\tsewer`, `${header}${'x\t'.repeat(300_000)}`, 'hazard-hunt rounds v9\n']) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, junk]);
    assert.deepEqual(await rounds(page), [], `garbage ${junk.slice(0, 20)} reads as nothing`);
  }
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, `${header}1\t2\t3\n\u0000\n`]);
  await page.goto(g.gameUrl({ ...PARAMS, teacher: '1' }));
  await waitShown(page, '#teacher');
  await waitShown(page, '#teacher-empty');
  await page.locator('#teacher-close').click();
  await playRound(page, []);
  const kept = await rounds(page);
  assert.equal(kept.length, 1);
  assert.equal(kept[0].found.length, 0);
});
