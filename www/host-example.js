// An example host page for Hazard Hunt: embeds the game, sends it commands and
// lists what it says. The game's address: ?game=URL (default: this folder's
// index.html), with ?parentOrigin= set to this page's origin so the game talks
// to this page only.
//
// Messages from the game: {source: 'hazard-hunt', type, version, ...}, type one
// of ready, roundStarted, hazardFound, questionAnswered, roundFinished.
// Commands to the game: {type: 'start', scene?, mode?, seed?}, {type: 'setLang',
// lang}, {type: 'pause'}, {type: 'resume'}.

const params = new URLSearchParams(location.search);
const gameUrl = new URL(params.get('game') || 'index.html', location.href);
// Only http(s) game addresses: this page never frames anything else.
if (!/^https?:$/.test(gameUrl.protocol)) throw new Error('the game address must be http or https');
gameUrl.searchParams.set('embed', '1');
gameUrl.searchParams.set('parentOrigin', location.origin);
for (const [k, v] of params) if (k !== 'game') gameUrl.searchParams.set(k, v);

const frame = document.getElementById('game');
frame.src = gameUrl.href;
const gameOrigin = gameUrl.origin;

/** Everything received, for the page (and tests) to read. */
const received = [];
window.hazardHuntMessages = received;

const send = (command) => frame.contentWindow.postMessage(command, gameOrigin);

window.addEventListener('message', (e) => {
  // Only the game's frame, from the game's origin, with the game's stamp.
  if (e.source !== frame.contentWindow || e.origin !== gameOrigin) return;
  const m = e.data;
  if (!m || m.source !== 'hazard-hunt' || typeof m.type !== 'string') return;
  received.push(m);
  const li = document.createElement('li');
  li.textContent = `${m.type} ${JSON.stringify({ ...m, source: undefined, type: undefined, version: undefined, summary: undefined })}`;
  document.getElementById('log').prepend(li);
  if (m.type === 'roundFinished') {
    const s = m.summary;
    document.getElementById('summary').textContent =
      `${s.sceneId}: found ${s.found.length} of ${s.total}, score ${s.score.total}, ${s.stars} star(s), ` +
      `${Math.round(s.timeMs / 1000)} s, ended: ${s.end}` +
      (s.missed.length ? `; missed: ${s.missed.join(', ')}` : '');
  }
});

document.getElementById('start-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const command = { type: 'start' };
  for (const k of ['scene', 'mode', 'seed']) {
    const v = document.getElementById(k).value.trim();
    if (v) command[k] = v;
  }
  send(command);
});
document.getElementById('send-zh').addEventListener('click', () => send({ type: 'setLang', lang: 'zh' }));
document.getElementById('send-en').addEventListener('click', () => send({ type: 'setLang', lang: 'en' }));
document.getElementById('send-pause').addEventListener('click', () => send({ type: 'pause' }));
document.getElementById('send-resume').addEventListener('click', () => send({ type: 'resume' }));
