// Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) over every screen a
// player sees, in Chinese and in English. Fails on any violation of impact
// "serious" or "critical" (colour contrast among them), and on any text whose
// contrast axe cannot work out (text over the scene picture or over a
// pseudo-element shade): axe files those under "incomplete", which would let a
// failure like the old 2.51:1 start button pass unseen. Lesser findings are
// printed as test diagnostics.

import AxeBuilder from '@axe-core/playwright';
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
  settled,
} from './helpers.mjs';

const env = useGame();

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAIL_ON = new Set(['serious', 'critical']);

/** "rule (impact): summary" plus one line per offending element. */
function describe(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const summary = n.failureSummary || [...n.any, ...n.all, ...n.none].map((c) => c.message).join('; ');
        const why = summary.replace(/\s*\n\s*/g, ' ').trim();
        return `    ${n.target.join(' ')}${n.impact && n.impact !== v.impact ? ` [${n.impact}]` : ''}\n      ${why}`;
      });
      return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Run axe on the page as it is now; returns a failure text or null. */
async function audit(page, t, where) {
  await settled(page);
  const { violations, incomplete } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = violations.filter((v) => FAIL_ON.has(v.impact));
  const undecided = incomplete.filter((v) => v.id === 'color-contrast');
  const minor = violations.filter((v) => !FAIL_ON.has(v.impact));
  if (minor.length) t.diagnostic(`${where}: minor/moderate axe findings (not failing):\n${describe(minor)}`);
  const out = [];
  if (bad.length) out.push(`${where}: ${bad.length} serious/critical axe violation(s):\n${describe(bad)}`);
  if (undecided.length) out.push(`${where}: axe could not determine the text contrast here:\n${describe(undecided)}`);
  return out.length ? out.join('\n') : null;
}

for (const lang of ['zh', 'en']) {
  gameTest(env, `axe (WCAG 2.1 AA) on every screen ${lang}`, async (g, t) => {
    // Every screen is audited before the test fails, so one run lists everything.
    const failures = [];
    const check = async (page, screen) => {
      const f = await audit(page, t, `${screen} (${lang})`);
      if (f) failures.push(f);
      await g.screenshot(page, screen, lang);
    };

    const page = await g.open({ automation: '1', lang });
    await waitShown(page, '#title');
    assert.equal((await state(page)).lang, lang);
    await check(page, 'title');
    // The primary buttons' hover colour is checked too.
    await page.locator('#start').hover();
    await check(page, 'title-start-hovered');

    // Start opens the scene picker (no ?scene= in the address).
    await page.locator('#start').click();
    await waitForScreen(page, 'select');
    await page.locator('#scene-list [data-scene="sewer"]').waitFor();
    await check(page, 'select');
    await page.locator('#scene-list [data-scene="sewer"]').click();
    await waitForScreen(page, 'play');
    await waitShown(page, '#hud');
    await check(page, 'play');

    // A decoy's note ("done right").
    const [decoy] = await page.evaluate(() => window.hazardHunt.decoyPoints());
    await page.mouse.click(decoy.x, decoy.y);
    await waitForScreen(page, 'decoy');
    await waitShown(page, '#note');
    await check(page, 'decoy');
    await page.locator('#note-close').click();
    await waitForScreen(page, 'play');

    // A real mouse click at a hazard opens its card.
    const [first] = await hazardPoints(page);
    await findHazard(page, first);
    await waitForScreen(page, 'card');
    await check(page, 'card');
    await page.locator('#card-close').click();
    await waitGone(page, '#card');
    // Its question, then an answer with the right and wrong marked.
    await waitForScreen(page, 'question');
    await waitShown(page, '#question');
    await check(page, 'question');
    const good = await page.evaluate(() => window.hazardHunt.rightAnswer());
    await page.locator(`#answer-${(good + 1) % 3}`).click();
    await waitShown(page, '#question-feedback');
    await check(page, 'question-answered');
    await page.locator('#question-close').click();
    await waitForScreen(page, 'play');

    await page.locator('#give-up').click();
    await waitShown(page, '#confirm');
    await check(page, 'confirm');

    // Results after giving up: one hazard found, the others missed (both badges).
    await page.locator('#confirm-yes').click();
    await waitForScreen(page, 'results');
    await waitShown(page, '#results');
    assert.equal(await page.locator('#res-list li[data-status="found"]').count(), 1, 'one found entry');
    assert.ok((await page.locator('#res-list li[data-status="missed"]').count()) > 0, 'missed entries');
    await check(page, 'results');
    // axe only checks text in view: scroll the panel down to the Play again button.
    await page.locator('#play-again').scrollIntoViewIfNeeded();
    await check(page, 'results-end');

    assert.equal(failures.length, 0, `\n${failures.join('\n\n')}\n`);
    // Nine axe runs: about 10 s on the 2-core build machine, more when it is busy.
  }, { timeout: 90_000 });
}
