// Thin shell: load the wasm, hand it the page, and (for tests, with ?automation=1)
// expose read-only calls. Everything else happens in Rust.
import init, { start } from './pkg/hazard_hunt.js';
import { installRecovery } from './recovery.js';

// Errors go into the error log (every mode); kiosk mode restarts after one.
const recovery = installRecovery(location.search);

const root = document.getElementById('app');

try {
  await init();
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
    });
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
