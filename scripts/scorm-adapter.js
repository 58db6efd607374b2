// SCORM 1.2 adapter of the single file (dist/hazard-hunt.html; scripts/single.mjs
// inlines this file as a classic script before the game's module). It does nothing
// unless an LMS offers the SCORM 1.2 API: then, when the game starts, LMSInitialize
// and `incomplete` (unless the learner already has a status); after each finished
// round the score, status and session time, then LMSCommit; LMSFinish on pagehide.
//
// Rules (README, "In a lesson"):
//   cmi.core.score.raw   the share of the round's hazards found, 0-100, rounded
//                        (min 0, max 100); the best round of the attempt counts: a
//                        round scoring lower than the score already recorded leaves
//                        score and status alone
//   cmi.core.lesson_status  `passed` when at least PASS % of the round's hazards
//                        were found (the manifest's masteryscore, read back from
//                        cmi.student_data.mastery_score, else 60), `failed` below
//                        it; `incomplete` from the start until a round is finished.
//                        `completed` is never used: every round has a score.
//                        A round left for the title or another scene (`abandoned`)
//                        is not a finished round.
//   cmi.core.session_time  time since LMSInitialize, HHHH:MM:SS.SS
(() => {
  'use strict';
  /** The standard search: up to 7 parents, then the opener and its parents. */
  const MAX_PARENTS = 7;
  const DEFAULT_PASS = 60;

  function searchUp(win) {
    try {
      for (let steps = 0; win; steps++) {
        // Reading a property of a window of another origin throws: no API there.
        if (win.API) return win.API;
        if (steps >= MAX_PARENTS || !win.parent || win.parent === win) return null;
        win = win.parent;
      }
    } catch (_) {
      // another origin above: stop looking this way
    }
    return null;
  }

  function findApi() {
    let api = searchUp(window);
    if (!api) {
      try {
        if (window.opener) api = searchUp(window.opener);
      } catch (_) {
        // an opener of another origin
      }
    }
    return api && typeof api.LMSInitialize === 'function' ? api : null;
  }

  let api = null;
  let startedAt = 0;
  let best = null;
  let pass = DEFAULT_PASS;
  let finished = false;

  const call = (name, ...args) => {
    try {
      return String(api[name](...args));
    } catch (_) {
      return 'false';
    }
  };
  const get = (key) => call('LMSGetValue', key);
  const set = (key, value) => call('LMSSetValue', key, String(value));
  const pad = (n, width) => String(n).padStart(width, '0');

  /** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS. */
  function timespan(ms) {
    const cs = Math.min(Math.max(0, Math.floor(ms / 10)), 9999 * 360000 + 359999);
    const h = Math.floor(cs / 360000);
    const m = Math.floor(cs / 6000) % 60;
    const s = Math.floor(cs / 100) % 60;
    return `${pad(h, 4)}:${pad(m, 2)}:${pad(s, 2)}.${pad(cs % 100, 2)}`;
  }
  const sessionTime = () => set('cmi.core.session_time', timespan(performance.now() - startedAt));

  function roundFinished(summary) {
    if (finished || !summary) return;
    const total = Number(summary.total) || 0;
    const found = Math.min(Array.isArray(summary.found) ? summary.found.length : 0, total);
    if (total > 0 && summary.end !== 'abandoned') {
      const score = Math.round((100 * found) / total);
      if (best === null || score >= best) {
        best = score;
        set('cmi.core.score.min', 0);
        set('cmi.core.score.max', 100);
        set('cmi.core.score.raw', score);
        set('cmi.core.lesson_status', 100 * found >= pass * total ? 'passed' : 'failed');
      }
    }
    sessionTime();
    call('LMSCommit', '');
  }

  function leave() {
    if (!api || finished) return;
    sessionTime();
    call('LMSCommit', '');
    finished = true;
    call('LMSFinish', '');
  }

  document.addEventListener('hazardhunt:started', (e) => {
    if (api || !e.detail || typeof e.detail.onMessage !== 'function') return;
    api = findApi();
    if (!api) return;
    if (call('LMSInitialize', '') !== 'true') {
      api = null;
      return;
    }
    startedAt = performance.now();
    const status = get('cmi.core.lesson_status');
    if (status === '' || status === 'not attempted') set('cmi.core.lesson_status', 'incomplete');
    const mastery = Number.parseFloat(get('cmi.student_data.mastery_score'));
    if (mastery >= 0 && mastery <= 100) pass = mastery;
    const raw = Number.parseFloat(get('cmi.core.score.raw'));
    if (Number.isFinite(raw)) best = raw;
    call('LMSCommit', '');
    e.detail.onMessage((m) => {
      if (m && m.type === 'roundFinished') roundFinished(m.summary);
    });
    window.addEventListener('pagehide', leave);
  });
})();
