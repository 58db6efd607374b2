// Thin shell: load the wasm, hand it the page, and (for tests, with ?automation=1)
// expose read-only calls; in kiosk mode, keep the game offline (sw.js). Everything
// else happens in Rust.
import init, { start } from './pkg/hazard_hunt.js';
import { installRecovery } from './recovery.js';

// Errors go into the error log (every mode); kiosk mode restarts after one.
const recovery = installRecovery(location.search);

const root = document.getElementById('app');

try {
  const wasm = await init();
  const app = start(root, location.search);
  // A script of this same page hears the game's host messages through this event:
  // the single file's SCORM adapter (scripts/single.mjs) reports rounds to an LMS.
  document.dispatchEvent(
    new CustomEvent('hazardhunt:started', { detail: Object.freeze({ onMessage: (f) => app.onMessage(f) }) }),
  );
  if (app.automation()) {
    window.hazardHunt = Object.freeze({
      state: () => app.state(),
      hazardPoints: () => app.hazardPoints(),
      decoyPoints: () => app.decoyPoints(),
      events: () => app.events(),
      scenes: () => app.scenes(),
      lookAt: (id) => app.lookAt(String(id)),
      audio: () => app.audio(),
      marks: () => app.marks(),
      rightAnswer: () => app.rightAnswer() ?? null,
      viewPoints: () => app.viewPoints(),
      rounds: () => app.rounds(),
      stats: () => app.stats(),
      crash: () => app.crash(),
      // Bytes of the wasm linear memory (for the soak benchmark).
      memory: () => wasm.memory.buffer.byteLength,
    });
  }
  if (/^kiosk$/i.test(new URLSearchParams(location.search).get('mode') ?? '')) {
    try {
      keepOffline(app);
    } catch (err) {
      // e.g. a sandboxed frame, where even reading navigator.serviceWorker throws.
      console.warn('Hazard Hunt: no offline copy:', err);
    }
  }
} catch (err) {
  // The game itself could not start (for example the .wasm file is missing).
  console.error(err);
  // Logged; in kiosk mode (or after a panic's screen) recovery shows the screen.
  if (!recovery.failed(err)) {
    const box = document.createElement('div');
    box.id = 'crash';
    box.setAttribute('role', 'alert');
    const zh = document.createElement('h2');
    zh.lang = 'zh-CN';
    zh.textContent = '游戏无法启动，请刷新页面或联系管理员。';
    const en = document.createElement('h2');
    en.lang = 'en';
    en.textContent = 'The game could not start. Reload the page or ask whoever looks after it.';
    const detail = document.createElement('code');
    detail.textContent = String(err && err.message ? err.message : err);
    box.append(zh, en, detail);
    document.body.append(box);
  }
}

/**
 * Kiosk mode: register the service worker (sw.js) that keeps the whole game on the
 * device, and take a new version only between rounds. Never breaks the game: without
 * service workers (file://, an insecure origin, an old browser) it does nothing, and a
 * failure is a console.warn.
 */
function keepOffline(app) {
  const sw = navigator.serviceWorker;
  if (!sw) return;
  const HOUR = 3600 * 1000;
  const screen = () => {
    try {
      return app.state().screen;
    } catch {
      return null;
    }
  };
  let registration = null;
  let asked = null; // the waiting worker told to take over
  let lastCheck = Date.now();
  let lastScreen = screen();
  const check = () => {
    lastCheck = Date.now();
    registration.update().catch(() => {}); // offline: try again later
  };
  // Reload once when the version this page asked for takes over (not when the first
  // worker takes control of the page: that one holds the very files on screen).
  sw.addEventListener('controllerchange', () => {
    if (asked) location.reload();
  });
  try {
    sw.register('sw.js').then(
      (r) => {
        registration = r;
      },
      (err) => console.warn('Hazard Hunt: no offline copy (service worker not registered):', err),
    );
  } catch (err) {
    console.warn('Hazard Hunt: no offline copy (service worker not registered):', err);
    return;
  }
  // Polled, as the game tells the page nothing: a cheap read of the screen a second.
  setInterval(() => {
    if (!registration) return;
    const now = screen();
    // Between rounds nobody loses anything: let a waiting version take over.
    const waiting = registration.waiting;
    if (waiting && waiting !== asked && ['attract', 'title', 'select'].includes(now)) {
      asked = waiting;
      waiting.postMessage({ type: 'activate' });
    }
    // Look for a new version once an hour and whenever the kiosk returns to attract.
    if (Date.now() - lastCheck >= HOUR || (now === 'attract' && lastScreen !== 'attract')) check();
    lastScreen = now;
  }, 1000);
}
