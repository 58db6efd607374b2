// Recovery on the page's side: uncaught JavaScript errors and unhandled promise
// rejections go into the same error log in localStorage as Rust panics
// (src/errorlog.rs describes the format; src/web/errors.rs writes the panics), in
// every mode. In kiosk mode (?mode=kiosk) an error also shows a calm
// "正在重新开始… / Restarting…" and reloads the page, waiting longer after a run of
// crashes. The numbers and words here are those of src/errorlog.rs and
// assets/i18n.json (restart.*); tests/e2e/staff.test.mjs checks they agree.

const KEY = 'hazard-hunt.errors.v1';
const VERSION = 1;
const MAX_ENTRIES = 20;
const MAX_MESSAGE_CHARS = 300;
const MAX_BYTES = 32 * 1024;
const RESTART_MS = 2000;
const LOOP_CRASHES = 3;
const LOOP_WINDOW_MS = 60_000;
const LOOP_RESTART_MS = 30_000;
const SOURCES = ['panic', 'error', 'rejection'];
const NAME_PREFIX = 'hazard-hunt.crashes:';

export const WORDS = {
  title: { zh: '正在重新开始…', en: 'Restarting…' },
  wait: { zh: '刚才连续出了几次问题，稍等半分钟再重新开始。', en: 'A few problems in a row: starting again in half a minute.' },
};

/** The stored entries, oldest first; anything unusable reads as none. */
export function readErrors() {
  try {
    const text = localStorage.getItem(KEY);
    if (!text || text.length > MAX_BYTES) return [];
    const v = JSON.parse(text);
    const ok =
      v && typeof v === 'object' && !Array.isArray(v) &&
      Object.keys(v).sort().join() === 'errors,version' &&
      v.version === VERSION && Array.isArray(v.errors) && v.errors.length <= MAX_ENTRIES &&
      v.errors.every(
        (e) =>
          e && typeof e === 'object' &&
          Object.keys(e).sort().join() === 'message,source,time' &&
          typeof e.time === 'string' && !Number.isNaN(Date.parse(e.time)) && e.time.endsWith('Z') &&
          SOURCES.includes(e.source) &&
          typeof e.message === 'string' && [...e.message].length <= MAX_MESSAGE_CHARS + 1,
      );
    return ok ? v.errors : [];
  } catch {
    return [];
  }
}

function cut(message) {
  // Control characters but line breaks dropped, as src/errorlog.rs does.
  const chars = [...String(message)].filter((c) => c === '\n' || !/[\u0000-\u001f\u007f-\u009f]/.test(c));
  return chars.length > MAX_MESSAGE_CHARS ? chars.slice(0, MAX_MESSAGE_CHARS).join('') + '…' : chars.join('');
}

/** Adds an error to the log; never throws. Returns the entries with it. */
export function recordError(source, message) {
  const errors = readErrors();
  errors.push({ time: new Date().toISOString(), source, message: cut(message) });
  errors.splice(0, Math.max(0, errors.length - MAX_ENTRIES));
  try {
    localStorage.setItem(KEY, JSON.stringify({ version: VERSION, errors }));
  } catch {
    // Storage refused or full: the error is only not kept.
  }
  return errors;
}

/** Whether the address asks for kiosk mode (the last valid `mode` wins, as in src/options.rs). */
export function isKiosk(search) {
  let kiosk = false;
  for (const v of new URLSearchParams(search).getAll('mode')) {
    const m = v.trim().toLowerCase();
    if (m === 'kiosk') kiosk = true;
    else if (m === 'explore' || m === 'challenge') kiosk = false;
  }
  return kiosk;
}

/**
 * A crash at `now` counted in the tab's name as well (it survives the reload where
 * storage is refused), as src/errorlog.rs `CrashNames` does: returns how many
 * crashes within the loop window the name keeps, 0 when the name is someone else's.
 */
export function countInName(now) {
  let name = '';
  try {
    name = window.name;
  } catch {
    return 0;
  }
  if (name && !name.startsWith(NAME_PREFIX)) return 0;
  const times = name
    .slice(NAME_PREFIX.length)
    .split(',')
    .filter((t) => t !== '')
    .map(Number)
    .filter((t) => t > now - LOOP_WINDOW_MS && t <= now + 1000);
  times.push(Math.floor(now));
  const kept = times.slice(-(LOOP_CRASHES + 1));
  window.name = NAME_PREFIX + kept.join(',');
  return kept.length;
}

/** "Restarting…" over everything, then a reload of the same address. */
export function showRestarting(errors) {
  if (document.getElementById('crash')) return;
  const now = Date.now();
  const logged = errors.filter((e) => {
    const t = Date.parse(e.time);
    return t > now - LOOP_WINDOW_MS && t <= now + 1000;
  }).length;
  const recent = Math.max(logged, countInName(now));
  const looping = recent > LOOP_CRASHES;
  const delay = looping ? LOOP_RESTART_MS : RESTART_MS;
  const box = document.createElement('div');
  box.id = 'crash';
  box.className = 'restarting';
  box.setAttribute('role', 'status');
  box.dataset.restartMs = String(delay);
  for (const lang of ['zh', 'en']) {
    const h = document.createElement('h2');
    h.lang = lang === 'zh' ? 'zh-CN' : 'en';
    h.textContent = WORDS.title[lang];
    box.append(h);
    if (looping) {
      const p = document.createElement('p');
      p.lang = h.lang;
      p.textContent = WORDS.wait[lang];
      box.append(p);
    }
  }
  document.body.append(box);
  setTimeout(() => location.reload(), delay);
}

function describe(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Listens for uncaught errors and rejections. Returns `failed(err)` for the
 * start-up catch in main.js: true when it took care of the screen (kiosk mode, or
 * a panic's screen already showing).
 */
export function installRecovery(search) {
  const kiosk = isKiosk(search);
  const onError = (source, message) => {
    // An error after a crash screen is the crash's echo (a wasm instance that
    // panicked refuses every later call): the first one is what counts.
    if (document.getElementById('crash')) return;
    const errors = recordError(source, message);
    if (kiosk) showRestarting(errors);
  };
  window.addEventListener('error', (e) => onError('error', e.error ? describe(e.error) : e.message));
  window.addEventListener('unhandledrejection', (e) => onError('rejection', describe(e.reason)));
  return {
    kiosk,
    failed(err) {
      if (document.getElementById('crash')) return true;
      const errors = recordError('error', describe(err));
      if (!kiosk) return false;
      showRestarting(errors);
      return true;
    },
  };
}
