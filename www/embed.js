// The embed page (embed.html): a teacher picks the game's options with form controls
// and gets the <iframe> snippet for a lesson page, a live preview, and a Copy button.
// Plain JS, no dependencies, nothing leaves the browser. The snippet's address is this
// folder's index.html with the options chosen and embed=1. `embed.html?lang=en` opens
// the page in English; `?automation=1` (tests only) adds automation=1 to the preview,
// never to the snippet.

const TEXT = {
  zh: {
    docTitle: '嵌入课件 · 找隐患',
    title: '嵌入课件',
    back: '← 回到游戏',
    intro: '选好下面的设置，把生成的代码贴进课件或学校网站的网页里（HTML 模式）。游戏在学生的浏览器里运行：不用账号，不需要服务器程序，也不会把学生的数据发送到任何地方。',
    lang: '游戏语言',
    scenes: '场景',
    scenesHelp: '勾选要玩的场景，按列出的顺序。都不勾：学生自己从全部场景里选。',
    mode: '玩法',
    explore: '探索模式（不计时）',
    challenge: '挑战模式（限时）',
    time: '挑战时间（秒，30–1800，留空用默认）',
    seed: '挑战码（可选）',
    seedHelp: '填上成绩页上的挑战码，全班玩完全相同的一局，例如 K7Q-2MU。',
    teaching: '教学',
    hints: '允许使用提示',
    answers: '显示全部答案（教师演示用）',
    audio: '声音',
    audioOn: '开',
    audioMuted: '先静音（可以打开）',
    audioOff: '关闭',
    motion: '画面动画',
    motionOn: '开',
    motionOff: '关（画面保持静止）',
    size: '大小',
    sizeResponsive: '随页面宽度（16:9）',
    sizeFixed: '固定 1280 × 720',
    code: '嵌入代码',
    codeHelp: '复制这段代码，贴进网页的 HTML。',
    copy: '复制代码',
    copied: '已复制到剪贴板。',
    selected: '代码已选中：请按 Ctrl+C（Mac 上按 ⌘C）复制。',
    preview: '预览',
    previewHelp: '预览就是学生看到的样子，可以直接试玩。',
    noScenes: '无法读取场景列表（assets/catalogue.json）。',
    frameTitle: '找隐患 · 安全隐患排查游戏',
  },
  en: {
    docTitle: 'Embed in a lesson · Hazard Hunt',
    title: 'Embed in a lesson',
    back: '← Back to the game',
    intro: 'Choose the settings below and paste the code into your lesson page or school website (in HTML mode). The game runs in the pupils’ browsers: no accounts, no server program, and no pupil data sent anywhere.',
    lang: 'Game language',
    scenes: 'Scenes',
    scenesHelp: 'Tick the scenes to play, in the order listed. None ticked: pupils pick from every scene.',
    mode: 'Mode',
    explore: 'Explore (no clock)',
    challenge: 'Challenge (against the clock)',
    time: 'Challenge time (seconds, 30–1800; empty for the default)',
    seed: 'Challenge code (optional)',
    seedHelp: 'The code from a results screen: the whole class plays exactly the same round, e.g. K7Q-2MU.',
    teaching: 'Teaching',
    hints: 'Hints allowed',
    answers: 'Show every answer (a teacher’s demonstration)',
    audio: 'Sound',
    audioOn: 'On',
    audioMuted: 'Start muted (can be turned on)',
    audioOff: 'Off',
    motion: 'Motion in the picture',
    motionOn: 'On',
    motionOff: 'Off (the picture stays still)',
    size: 'Size',
    sizeResponsive: 'Fits the page width (16:9)',
    sizeFixed: 'Fixed 1280 × 720',
    code: 'Embed code',
    codeHelp: 'Copy this code and paste it into the HTML of your page.',
    copy: 'Copy the code',
    copied: 'Copied to the clipboard.',
    selected: 'The code is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    preview: 'Preview',
    previewHelp: 'The preview is what pupils will see; you can play it.',
    noScenes: 'The list of scenes (assets/catalogue.json) could not be read.',
    frameTitle: 'Hazard Hunt · a safety hazard game',
  },
};

const page = new URLSearchParams(location.search);
let pageLang = page.get('lang') === 'en' ? 'en' : 'zh';
const automation = page.get('automation') === '1';
let scenes = []; // [{id, title: {zh, en}}] from the catalogue
let lastStatus = null;

const $ = (id) => document.getElementById(id);
const form = $('options');
const snippet = $('snippet');
const preview = $('preview');
const status = $('copy-status');

/** The game's address for these options (absolute), without the test-only part. */
export function gameUrl(opts) {
  const q = new URLSearchParams();
  q.set('lang', opts.lang);
  if (opts.scenes.length) q.set('scene', opts.scenes.join(','));
  if (opts.mode === 'challenge') {
    q.set('mode', 'challenge');
    if (opts.time) q.set('time', String(opts.time));
  }
  if (opts.seed) q.set('seed', opts.seed);
  if (!opts.hints) q.set('hints', 'off');
  if (opts.answers) q.set('answers', 'show');
  if (opts.audio !== 'on') q.set('audio', opts.audio);
  if (opts.motion === 'off') q.set('motion', 'off');
  q.set('embed', '1');
  // Commas read better than %2C in a snippet, and the game reads both.
  return new URL('index.html', location.href).href + '?' + q.toString().replace(/%2C/g, ',');
}

function escapeAttr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function read() {
  const f = new FormData(form);
  const time = Number.parseInt($('time').value, 10);
  return {
    lang: f.get('lang'),
    scenes: [...form.querySelectorAll('#scene-list input:checked')].map((c) => c.value),
    mode: f.get('mode'),
    time: Number.isFinite(time) && time >= 30 && time <= 1800 ? time : null,
    seed: $('seed').value.trim().toUpperCase().replace(/[^0-9A-Z-]/g, ''),
    hints: $('hints').checked,
    answers: $('answers').checked,
    audio: f.get('audio'),
    motion: f.get('motion'),
    size: f.get('size'),
  };
}

function snippetFor(opts) {
  const src = escapeAttr(gameUrl(opts));
  const title = escapeAttr(TEXT[opts.lang].frameTitle);
  if (opts.size === 'fixed') {
    return `<iframe src="${src}"\n        width="1280" height="720" style="border:0; max-width:100%"\n        title="${title}" allow="fullscreen"></iframe>`;
  }
  return `<iframe src="${src}"\n        style="width:100%; aspect-ratio:16/9; border:0"\n        title="${title}" allow="fullscreen"></iframe>`;
}

let previewTimer = 0;
function update() {
  const opts = read();
  $('time').disabled = opts.mode !== 'challenge';
  snippet.value = snippetFor(opts);
  setStatus(null);
  const url = gameUrl(opts) + (automation ? '&automation=1' : '');
  // A new preview loads the whole game: only once the choices settle.
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => {
    if (preview.getAttribute('src') !== url) preview.setAttribute('src', url);
  }, automation ? 0 : 350);
}

function setStatus(key) {
  lastStatus = key;
  status.textContent = key ? TEXT[pageLang][key] : '';
}

async function copy() {
  const text = snippet.value;
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no Clipboard API');
    await navigator.clipboard.writeText(text);
    setStatus('copied');
  } catch {
    // No clipboard (an http page, a refused permission): select it for Ctrl+C.
    snippet.focus();
    snippet.select();
    let done = false;
    try {
      done = document.execCommand('copy');
    } catch {
      done = false;
    }
    setStatus(done ? 'copied' : 'selected');
  }
}

function renderScenes() {
  const list = $('scene-list');
  const checked = new Set([...list.querySelectorAll('input:checked')].map((c) => c.value));
  list.textContent = '';
  for (const s of scenes) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'scene';
    box.value = s.id;
    box.id = `scene-${s.id}`;
    box.checked = checked.has(s.id);
    const name = document.createElement('span');
    name.textContent = ` ${s.title[pageLang] || s.id} `;
    const id = document.createElement('code');
    id.textContent = s.id;
    label.append(box, name, id);
    list.append(label);
  }
}

function setPageLang(lang) {
  pageLang = lang;
  const t = TEXT[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t.docTitle;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t];
  $('page-zh').setAttribute('aria-pressed', String(lang === 'zh'));
  $('page-en').setAttribute('aria-pressed', String(lang === 'en'));
  $('back').href = `index.html?lang=${lang}`;
  if (scenes.length) renderScenes();
  else if ($('scene-list').dataset.failed) $('scene-list').textContent = t.noScenes;
  setStatus(lastStatus);
}

async function loadScenes() {
  try {
    const res = await fetch('assets/catalogue.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const cat = await res.json();
    scenes = (cat.scenes || [])
      .filter((s) => typeof s.id === 'string' && /^[a-z0-9-]{1,64}$/.test(s.id))
      .map((s) => ({ id: s.id, title: s.title || {} }));
    renderScenes();
  } catch (err) {
    console.warn('embed page: the list of scenes could not be read:', err);
    $('scene-list').dataset.failed = '1';
    $('scene-list').textContent = TEXT[pageLang].noScenes;
  }
}

form.addEventListener('input', update);
form.addEventListener('change', update);
form.addEventListener('submit', (e) => e.preventDefault());
$('copy').addEventListener('click', copy);
$('page-zh').addEventListener('click', () => setPageLang('zh'));
$('page-en').addEventListener('click', () => setPageLang('en'));
form.querySelector(`input[name="lang"][value="${pageLang}"]`).checked = true;
setPageLang(pageLang);
update();
await loadScenes();
document.documentElement.dataset.ready = '1';
