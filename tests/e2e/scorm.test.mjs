// The SCORM 1.2 package (dist/hazard-hunt-scorm.zip, scripts/single.mjs): unpacked
// with our own reader (every entry's CRC-32 checked), its manifest parsed by the
// browser, and the game played in a frame under a page that runs a real SCORM 1.2
// runtime (scorm-again's Scorm12API, served from node_modules next to the page):
// LMSInitialize, `incomplete`, the round's score, status and session time, LMSCommit,
// and LMSFinish once when the page goes.

import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { unzip } from '../../scripts/zip.mjs';
import { useGame, gameTest, DIST, REPO } from './helpers.mjs';

const env = useGame();
const ZIP = path.join(DIST, 'hazard-hunt-scorm.zip');
const RUNTIME = path.join(REPO, 'node_modules', 'scorm-again', 'dist', 'scorm12.min.js');
const lms = { dir: null, server: null, url: null, entries: null };

// The LMS page: the runtime, every call and value recorded, then the package's SCO
// (the launch file the manifest names) in a frame, loaded only once `window.API` exists.
const LMS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<script>
  window.lmsLog = [];
  window.API = new Scorm12API({ logLevel: 5, autocommit: false });
  for (const name of ['LMSInitialize', 'LMSFinish', 'LMSCommit', 'LMSSetValue', 'LMSGetValue']) {
    const real = window.API[name].bind(window.API);
    window.API[name] = (...args) => {
      const result = real(...args);
      window.lmsLog.push({ name, args: args.map(String), result: String(result) });
      return result;
    };
  }
  window.lmsSet = [];
  window.API.on('LMSSetValue.cmi.*', (key, value) => window.lmsSet.push([key, String(value)]));
</script></head>
<body><iframe id="sco" width="1280" height="720" style="border:0"></iframe>
<script>
  const q = new URLSearchParams(location.search);
  document.getElementById('sco').src = 'package/' + q.get('launch') + '?' + (q.get('game') || '');
</script></body></html>`;

before(() => {
  assert.ok(fs.existsSync(ZIP), `${ZIP} exists (run scripts/build.sh)`);
  assert.ok(fs.existsSync(RUNTIME), `${RUNTIME} exists (npm install)`);
  lms.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-scorm-'));
  lms.entries = unzip(fs.readFileSync(ZIP));
  for (const e of lms.entries) {
    assert.ok(!e.name.includes('..') && !path.isAbsolute(e.name), `safe entry name ${e.name}`);
    const p = path.join(lms.dir, 'package', e.name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, e.data);
  }
  fs.copyFileSync(RUNTIME, path.join(lms.dir, 'scorm12.min.js'));
  fs.writeFileSync(path.join(lms.dir, 'lms.html'), LMS_PAGE);
  fs.writeFileSync(path.join(lms.dir, 'blank.html'), '<!doctype html><title>blank</title><link rel="icon" href="data:,">');
});
before(async () => {
  const s = await serve(lms.dir, 0);
  lms.server = s.server;
  lms.url = s.url;
});
after(async () => {
  if (lms.server) {
    lms.server.closeAllConnections();
    await new Promise((r) => lms.server.close(r));
  }
  if (lms.dir) fs.rmSync(lms.dir, { recursive: true, force: true });
});

gameTest(env, 'the SCORM package: two files, fixed dates, a well-formed SCORM 1.2 manifest naming the file', async (g) => {
  assert.deepEqual(lms.entries.map((e) => e.name), ['imsmanifest.xml', 'hazard-hunt.html']);
  for (const e of lms.entries) assert.deepEqual([e.date, e.time], [33, 0], `${e.name} dated 1980-01-01 00:00`);
  assert.ok(
    lms.entries[1].data.equals(fs.readFileSync(path.join(DIST, 'hazard-hunt.html'))),
    'the package holds the single file as it is',
  );
  const page = await g.newPage();
  await page.goto(`${lms.url}blank.html`);
  const m = await page.evaluate(async () => {
    const text = await (await fetch('package/imsmanifest.xml')).text();
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const err = doc.querySelector('parsererror');
    if (err) return { error: err.textContent };
    const CP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
    const ADL = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
    const one = (ns, name) => [...doc.getElementsByTagNameNS(ns, name)];
    const res = one(CP, 'resource');
    const items = one(CP, 'item');
    return {
      root: doc.documentElement.localName,
      rootNs: doc.documentElement.namespaceURI,
      schema: one(CP, 'schema')[0]?.textContent,
      schemaversion: one(CP, 'schemaversion')[0]?.textContent,
      orgDefault: one(CP, 'organizations')[0]?.getAttribute('default'),
      orgIds: one(CP, 'organization').map((o) => o.getAttribute('identifier')),
      items: items.map((i) => ({ ref: i.getAttribute('identifierref'), title: i.querySelector('title')?.textContent })),
      mastery: one(ADL, 'masteryscore')[0]?.textContent,
      resources: res.map((r) => ({
        id: r.getAttribute('identifier'),
        type: r.getAttribute('type'),
        scormtype: r.getAttributeNS(ADL, 'scormtype'),
        href: r.getAttribute('href'),
        files: [...r.getElementsByTagNameNS(CP, 'file')].map((f) => f.getAttribute('href')),
      })),
      langs: [...doc.getElementsByTagName('langstring')].map((l) => l.getAttribute('xml:lang')),
    };
  });
  assert.equal(m.error, undefined, `well-formed XML: ${m.error}`);
  assert.equal(m.root, 'manifest');
  assert.equal(m.rootNs, 'http://www.imsproject.org/xsd/imscp_rootv1p1p2');
  assert.equal(m.schema, 'ADL SCORM');
  assert.equal(m.schemaversion, '1.2');
  assert.deepEqual(m.orgIds, [m.orgDefault]);
  assert.equal(m.items.length, 1);
  assert.match(m.items[0].title, /找隐患/);
  assert.match(m.items[0].title, /Hazard Hunt/);
  assert.equal(m.mastery, '60');
  assert.deepEqual(m.resources, [
    { id: m.items[0].ref, type: 'webcontent', scormtype: 'sco', href: 'hazard-hunt.html', files: ['hazard-hunt.html'] },
  ]);
  assert.deepEqual([...new Set(m.langs)].sort(), ['en', 'zh-CN']);
});

/** The LMS page with the SCO in its frame; waits for the game and LMSInitialize. */
async function openLms(g, game = 'automation=1') {
  const page = await g.newPage({ viewport: { width: 1400, height: 900 } });
  const outside = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(lms.url) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  const launch = 'hazard-hunt.html';
  await page.goto(`${lms.url}lms.html?${new URLSearchParams({ launch, game })}`);
  const frame = await (await page.locator('#sco').elementHandle()).contentFrame();
  await frame.waitForFunction(() => window.hazardHunt && !document.querySelector('#start')?.disabled, null, {
    timeout: 10_000,
  });
  await page.waitForFunction(() => window.lmsLog.some((c) => c.name === 'LMSInitialize'));
  return { page, frame, outside };
}

/** A real click on a point of the frame (CSS px of the frame's page). */
async function clickInFrame(page, p) {
  const box = await page.locator('#sco').boundingBox();
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

const log = (page) => page.evaluate(() => window.lmsLog);
const TIMESPAN = /^\d{4}:\d{2}:\d{2}\.\d{2}$/;

/** Finds `n` hazards of the main picture with real clicks. */
async function find(page, frame, n) {
  for (let k = 0; k < n; k++) {
    await frame.waitForFunction(() => !window.hazardHunt.state().camera.moving);
    const pts = await frame.evaluate(() => window.hazardHunt.hazardPoints().filter((p) => !p.view));
    let p = pts.find((q) => q.visible);
    if (!p) {
      await frame.evaluate((id) => window.hazardHunt.lookAt(id), pts[0].id);
      await frame.waitForFunction(() => !window.hazardHunt.state().camera.moving);
      p = (await frame.evaluate(() => window.hazardHunt.hazardPoints())).find((q) => q.id === pts[0].id);
    }
    await clickInFrame(page, p);
    await frame.locator('#card').waitFor();
    await frame.locator('#card-close').click();
    if ((await frame.evaluate(() => window.hazardHunt.state().screen)) === 'question') {
      await frame.locator('#question-close').click();
    }
    await frame.waitForFunction(() => window.hazardHunt.state().screen === 'play');
  }
}

async function startFromPicker(frame, scene) {
  await frame.locator('#start').click();
  await frame.waitForFunction(() => window.hazardHunt.state().screen === 'select');
  await frame.locator(`#scene-list [data-scene="${scene}"]`).click();
  await frame.waitForFunction(() => window.hazardHunt.state().screen === 'play');
}

async function endRound(frame) {
  await frame.locator('#give-up').click();
  await frame.locator('#confirm-yes').click();
  await frame.waitForFunction(() => window.hazardHunt.state().screen === 'results');
}

gameTest(
  env,
  'in an LMS the game initializes, reports a failed round with its score and time, commits, and finishes once',
  async (g) => {
    const { page, frame, outside } = await openLms(g);
    let calls = await log(page);
    assert.deepEqual(calls[0], { name: 'LMSInitialize', args: [''], result: 'true' });
    assert.deepEqual(await page.evaluate(() => window.lmsSet), [['cmi.core.lesson_status', 'incomplete']]);
    assert.equal(await page.evaluate(() => window.API.cmi.core.lesson_status), 'incomplete');

    await startFromPicker(frame, 'sewer');
    await find(page, frame, 2);
    await endRound(frame);
    await page.waitForFunction(() => window.lmsSet.some(([k]) => k === 'cmi.core.session_time'));
    await page.waitForFunction(() => window.lmsLog.filter((c) => c.name === 'LMSCommit').length >= 2);
    const summary = (await frame.evaluate(() => window.hazardHunt.events())).find((e) => e.type === 'roundEnded').summary;
    assert.equal(summary.found.length, 2);
    const score = Math.round((100 * 2) / summary.total);
    assert.ok(2 / summary.total < 0.6, 'two finds are below the pass mark');

    const set = Object.fromEntries(await page.evaluate(() => window.lmsSet));
    assert.equal(set['cmi.core.score.raw'], String(score));
    assert.equal(set['cmi.core.score.min'], '0');
    assert.equal(set['cmi.core.score.max'], '100');
    assert.equal(set['cmi.core.lesson_status'], 'failed');
    assert.match(set['cmi.core.session_time'], TIMESPAN);
    calls = await log(page);
    const lastSet = calls.findLastIndex((c) => c.name === 'LMSSetValue');
    const lastCommit = calls.findLastIndex((c) => c.name === 'LMSCommit');
    assert.ok(lastCommit > lastSet, 'LMSCommit after the values');
    for (const c of calls.filter((c) => c.name !== 'LMSGetValue')) assert.equal(c.result, 'true', `${c.name}(${c.args}) succeeded`);
    // What the runtime itself now holds.
    const cmi = await page.evaluate(() => ({
      raw: window.API.cmi.core.score.raw,
      min: window.API.cmi.core.score.min,
      max: window.API.cmi.core.score.max,
      status: window.API.cmi.core.lesson_status,
      error: window.API.LMSGetLastError(),
    }));
    // (session_time is write-only in SCORM 1.2: the runtime will not read it back.)
    assert.deepEqual(cmi, { raw: String(score), min: '0', max: '100', status: 'failed', error: '0' });
    // Session time is the time since LMSInitialize: seconds here, not hours.
    const [h, m, s] = set['cmi.core.session_time'].split(':').map(Number);
    assert.ok(h === 0 && m < 5 && h * 3600 + m * 60 + s > 0, `plausible session time ${set['cmi.core.session_time']}`);
    assert.equal(calls.filter((c) => c.name === 'LMSFinish').length, 0, 'not finished while the page is there');

    // Leaving the page: LMSFinish, once.
    await page.evaluate(() => {
      document.getElementById('sco').src = 'about:blank';
    });
    await page.waitForFunction(() => window.lmsLog.some((c) => c.name === 'LMSFinish'));
    await page.waitForTimeout(200);
    calls = await log(page);
    assert.deepEqual(
      calls.filter((c) => c.name === 'LMSFinish'),
      [{ name: 'LMSFinish', args: [''], result: 'true' }],
    );
    assert.deepEqual(outside, [], 'nothing but the LMS page and the package was requested');
  },
  { timeout: 60_000 },
);

gameTest(
  env,
  'in an LMS a round with enough finds passes, and a worse round after it changes nothing',
  async (g) => {
    const { page, frame } = await openLms(g, 'automation=1&lang=en');
    await startFromPicker(frame, 'sewer');
    const total = await frame.evaluate(() => window.hazardHunt.state().total);
    const need = Math.ceil(total * 0.6);
    await find(page, frame, need);
    await endRound(frame);
    await page.waitForFunction(() => window.lmsSet.some(([k, v]) => k === 'cmi.core.lesson_status' && v === 'passed'));
    assert.equal(await page.evaluate(() => window.API.cmi.core.score.raw), String(Math.round((100 * need) / total)));
    const commits = (await log(page)).filter((c) => c.name === 'LMSCommit').length;

    // Another round, given up at once: only the time is sent.
    await frame.locator('#play-again').click();
    await frame.waitForFunction(() => window.hazardHunt.state().screen === 'title');
    await startFromPicker(frame, 'sewer');
    await endRound(frame);
    await page.waitForFunction((n) => window.lmsLog.filter((c) => c.name === 'LMSCommit').length > n, commits);
    const cmi = await page.evaluate(() => [window.API.cmi.core.score.raw, window.API.cmi.core.lesson_status]);
    assert.deepEqual(cmi, [String(Math.round((100 * need) / total)), 'passed']);
  },
  { timeout: 90_000 },
);
