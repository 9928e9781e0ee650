// main.js -- the simulator page: editor, run/stop (the engine in a Web
// Worker made from a Blob URL), stepping (first/prev/next/last, slider,
// play with speed, keys), the panels, lessons, quiz mode, permalink,
// exports, dark mode; the graph pane's pan and zoom (zoom.js).  The worker
// runs the engine AND parses its stream (worker.js): the page receives
// events, not text.
//
// State: `run` (model.js) and the position `pos` (0..run.n); everything on
// screen is redrawn from them by render().
import { EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from '@codemirror/view';
import { StateEffect, StateField, RangeSetBuilder } from '@codemirror/state';
import { history as cmHistory, defaultKeymap, historyKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, indentOnInput, bracketMatching } from '@codemirror/language';
import { python } from '@codemirror/lang-python';
import { parseLines, buildRun, snapshotAt, generatedQuestions, nameOf } from './model.js';
import { renderGraph, svgText, svgToPng } from './graph.js';
import { createZoom } from './zoom.js';
import * as P from './panels.js';
import { resolveAnswer, locateStep, checkGuess } from '../lessons/quiz.mjs';

const $ = (id) => document.getElementById(id);
const DEFAULT_CODE = `import gc
import sys

a = [1, 2, 3]
b = a
print(sys.getrefcount(a))
del a
x = []
x.append(x)
del x
print(gc.collect())
`;

const app = {
  run: null, text: '', pos: 0, selected: null, tab: 'step', gcSel: { c: 0, phase: 0 },
  playing: null, worker: null, reqId: 0, pending: new Map(), running: false, timing: null, theme: 'light',
  lessons: [], lesson: null, quiz: false, questions: [], answered: new Map(), score: [0, 0], asking: null,
  maxSteps: 1000,
};

// ====================================================================== //
// Editor with current/next line highlights                                //
// ====================================================================== //

const setLines = StateEffect.define();
const lineField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setLines)) deco = e.value;
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

let editor;

// Make the editor.
function makeEditor(code) {
  editor = new EditorView({
    doc: code,
    extensions: [lineNumbers(), highlightActiveLineGutter(), cmHistory(), drawSelection(), indentOnInput(), bracketMatching(),
      highlightActiveLine(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]), python(), lineField, EditorView.updateListener.of((u) => { if (u.docChanged) onCodeEdited(); })],
    parent: $('editor'),
  });
}

// Highlight line `cur` (just ran) and `next` (runs next).
function highlightLines(cur, next) {
  const doc = editor.state.doc;
  const b = new RangeSetBuilder();
  const marks = [];
  if (cur >= 1 && cur <= doc.lines) marks.push([cur, 'cm-cur-line']);
  if (next >= 1 && next <= doc.lines && next !== cur) marks.push([next, 'cm-next-line']);
  marks.sort((x, y) => x[0] - y[0]);
  for (const [n, cls] of marks) { const l = doc.line(n); b.add(l.from, l.from, Decoration.line({ class: cls })); }
  editor.dispatch({ effects: setLines.of(b.finish()) });
}

// The code changed by hand: the run no longer matches it.
function onCodeEdited() {
  if (app.run) setStatus('The code changed: press Run to trace it again.', 'warn');
  if (app.lesson && !app.lesson.edited && editor.state.doc.toString() !== app.lesson.snippetText) {
    app.lesson.edited = true;
    $('lessons').value = '';
    $('lesson').hidden = true; // the text described the lesson's own code
  }
}

// ====================================================================== //
// The engine worker                                                        //
// ====================================================================== //

// A fresh worker from the engine source embedded in the page.
function startWorker() {
  const src = $('worker-src').textContent;
  const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  app.worker = new Worker(url);
  app.pending = new Map();
  app.worker.onmessage = (m) => {
    const resolve = app.pending.get(m.data.id);
    if (!resolve) return;
    app.pending.delete(m.data.id);
    resolve(m.data);
  };
  app.worker.onerror = (e) => {
    const all = [...app.pending.values()];
    app.pending.clear();
    for (const resolve of all) resolve({ error: 'the engine failed: ' + (e.message || e) });
  };
  app.worker.postMessage({ cmd: 'ping', id: -1 });
}

// Ask the worker: a promise of its answer ({events} or {error} for a run,
// {text} for the last run's stream).
function workerCall(msg) {
  return new Promise((resolve) => {
    const id = ++app.reqId;
    app.pending.set(id, resolve);
    app.worker.postMessage({ ...msg, id });
  });
}

// Run source in the worker.
function engineRun(source) {
  app.running = true;
  return workerCall({ cmd: 'run', source, maxSteps: app.maxSteps }).finally(() => { app.running = false; });
}

// The current run's JSON Lines (kept by the worker; a stream loaded as
// text keeps its own).
async function streamText() {
  if (app.text) return app.text;
  if (!app.run) return '';
  const r = await workerCall({ cmd: 'text' });
  return r.text || '';
}

// Stop a running snippet: terminate the worker, start another.
function stopRun() {
  if (!app.running) return;
  app.worker.terminate();
  const all = [...app.pending.values()];
  startWorker();
  for (const resolve of all) resolve({ stopped: true });
}

// Run the editor's code and show step `goto` (or 0).
async function runCode(goto = 0) {
  stopPlay();
  const source = editor.state.doc.toString();
  setStatus('Running…', 'busy');
  $('run').disabled = true;
  $('stop').disabled = false;
  document.body.classList.add('running');
  const t0 = performance.now();
  const r = await engineRun(source);
  const t1 = performance.now();
  $('run').disabled = false;
  $('stop').disabled = true;
  document.body.classList.remove('running');
  if (r.stopped) { clearRun(); setStatus('Stopped: the engine was halted (its worker terminated). Press Run to start again.', 'warn'); return; }
  if (r.error && !r.events) { clearRun(); setStatus(r.error, 'error'); return; }
  loadEvents(r.events, '');
  const t2 = performance.now();
  go(Math.min(goto, app.run.n));
  const t3 = performance.now();
  // Where the time went (the page tests and docs/simulator.md report it).
  app.timing = { engineMs: r.engineMs, parseMs: r.parseMs, workerMs: t1 - t0, buildMs: t2 - t1, renderMs: t3 - t2, totalMs: t3 - t0,
                 bytes: r.bytes, wasmBytes: r.wasmBytes };
  if (r.error) { setStatus(r.error, 'error'); return; }
  const end = app.run.end;
  const ms = Math.round(t3 - t0);
  if (end && end.reason === 'step_limit') setStatus(`Stopped after ${end.steps} steps: the step cap (${app.maxSteps}) was reached. ${app.run.n} steps recorded.`, 'warn');
  else if (end && end.reason === 'exception') setStatus(`${app.run.n} steps; the program raised an exception (see the output). ${ms} ms.`, 'warn');
  else if (end && end.reason === 'event_limit') setStatus(`${end.message || 'Stopped: the event limit was reached.'} ${app.run.n} steps recorded.`, 'warn');
  else if (end && end.reason === 'memory') setStatus(`${app.run.n} steps; the program ran out of memory (MemoryError).`, 'warn');
  else setStatus(`${app.run.n} steps traced in ${ms} ms.`, 'ok');
}

// No run on screen (stopped, or the engine failed before any step).
function clearRun() {
  app.run = null;
  app.text = '';
  app.pos = 0;
  $('slider').max = '0';
  $('stepinfo').textContent = 'Step 0 of 0';
  $('stepinfo').dataset.step = '0';
  $('lineinfo').textContent = '';
  $('output').textContent = '';
  $('tabbody').innerHTML = '';
  const g = $('graph');
  while (g.firstChild) g.removeChild(g.firstChild);
  highlightLines(0, 0);
}

// Take a stream (JSON Lines text, e.g. a saved trace) as the current run.
function loadStream(text) {
  loadEvents(parseLines(text).events, text);
}

// Take parsed events as the current run (text: the stream, when the page
// has it; else the worker keeps it).
function loadEvents(events, text) {
  app.text = text;
  app.run = buildRun(events);
  app.selected = null;
  if (app.zoom) app.zoom.mode = 'fit'; // a new graph: show it whole
  app.answered = new Map();
  app.questions = quizQuestions();
  $('slider').max = String(app.run.n);
  $('runinfo').textContent = app.run.graph.hidden ? `(${app.run.graph.hidden} more objects not drawn)` : '';
}

// ====================================================================== //
// Stepping                                                                 //
// ====================================================================== //

// Show position p.
function go(p) {
  if (!app.run) return;
  app.pos = Math.max(0, Math.min(app.run.n, p));
  app.gcSel = { c: 0, phase: 0 };
  render();
  updateHash();
}

// One step forward; in quiz mode a question may come first.
function next() {
  if (!app.run || app.pos >= app.run.n) { stopPlay(); return; }
  if (app.quiz && !app.asking) {
    const q = questionBefore(app.pos + 1);
    if (q) { stopPlay(); ask(q); return; }
  }
  if (app.asking) return;
  go(app.pos + 1);
}

// Play/pause.
function togglePlay() {
  if (app.playing) { stopPlay(); return; }
  if (!app.run) return;
  if (app.pos >= app.run.n) go(0);
  $('play').textContent = '❚❚ Pause';
  const tick = () => { next(); if (app.playing) app.playing = setTimeout(tick, Number($('speed').value)); };
  app.playing = setTimeout(tick, 0);
}

// Stop playing.
function stopPlay() {
  if (app.playing) clearTimeout(app.playing);
  app.playing = null;
  $('play').textContent = '▶ Play';
}

// Redraw everything for app.pos.
function render() {
  const run = app.run, p = app.pos;
  if (!run) return;
  const snap = snapshotAt(run, p);
  $('stepinfo').textContent = `Step ${p} of ${run.n}`;
  $('stepinfo').dataset.step = String(p);
  $('slider').value = String(p);
  const cur = p > 0 ? run.steps[p].line : 0;
  const nxt = p < run.n ? run.steps[p + 1].line : 0;
  highlightLines(cur, nxt);
  $('lineinfo').innerHTML = (cur ? `<span class="k-cur">▮</span> line ${cur} just ran` : '') + (nxt ? ` <span class="k-next">▮</span> line ${nxt} runs next` : p === run.n ? ' — the end' : '');
  const out = p === 0 ? '' : p === run.n && run.end ? run.output : run.steps[p].outputBefore + run.steps[p].output;
  $('output').textContent = out;
  $('output').scrollTop = $('output').scrollHeight;
  const c = p > 0 && run.steps[p].gcs.length ? run.steps[p].gcs[Math.min(app.gcSel.c, run.steps[p].gcs.length - 1)] : null;
  renderGraph($('graph'), run, p, snap, {
    theme: app.theme, selected: app.selected, gc: app.tab === 'collector' ? c : null, phaseIdx: app.gcSel.phase,
    onSelect: (key) => { app.selected = key; if (app.tab === 'step') app.tab = 'why'; render(); },
  });
  app.zoom.apply();
  renderTab(run, p, snap);
}

// The selected side panel.
function renderTab(run, p, snap) {
  document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('on', b.dataset.tab === app.tab));
  const body = $('tabbody');
  let html = '';
  switch (app.tab) {
    case 'step': html = P.stepPanel(run, p); break;
    case 'gens': html = P.generationsPanel(run, p, snap); break;
    case 'collector': html = P.collectorPanel(run, p, app.gcSel); break;
    case 'alloc': html = P.allocatorPanel(run, p, snap, app.selected); break;
    case 'lists': html = P.listsPanel(run, p, snap); break;
    case 'log': html = P.logPanel(run, p); break;
    case 'why': html = P.whyPanel(run, p, snap, app.selected); break;
    default: break;
  }
  body.innerHTML = html;
  body.querySelectorAll('button.jump').forEach((b) => b.addEventListener('click', () => go(Number(b.dataset.step))));
  body.querySelectorAll('button.phase').forEach((b) => b.addEventListener('click', () => { app.gcSel.phase = Number(b.dataset.phase); render(); }));
  body.querySelectorAll('button.gcsel').forEach((b) => b.addEventListener('click', () => { app.gcSel = { c: Number(b.dataset.c), phase: 0 }; render(); }));
  body.querySelectorAll('tr[data-key], div.lst[data-key]').forEach((r) => r.addEventListener('click', () => { app.selected = r.dataset.key; render(); reveal(r.dataset.key); }));
}

// Bring graph object key into view when the pane does not show it.
function reveal(key) {
  const pos = app.run && app.run.layout.pos.get(key);
  const node = document.querySelector(`#graph g.node[data-key="${CSS.escape(key)}"]`);
  if (!pos || !node) return;
  const a = node.getBoundingClientRect(), b = $('graphwrap').getBoundingClientRect();
  if (a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom) return;
  app.zoom.center(pos.x + pos.w / 2, pos.y + pos.h / 2);
}

// Status line.
function setStatus(text, kind) {
  const s = $('status');
  s.textContent = text;
  s.className = kind || '';
}

// ====================================================================== //
// Lessons and the quiz                                                      //
// ====================================================================== //

// Lessons embedded by the build (web/lessons, helper D's format).
function loadLessons() {
  try {
    const data = JSON.parse($('lessons-data').textContent);
    app.lessons = data.lessons || [];
  } catch (e) { app.lessons = []; }
  const sel = $('lessons');
  for (const l of app.lessons) {
    const o = document.createElement('option');
    o.value = l.id;
    o.textContent = l.title;
    sel.appendChild(o);
  }
}

// Open lesson id: its text and snippet; run it.
function openLesson(id, step = 0) {
  const l = app.lessons.find((x) => x.id === id);
  if (!l) return;
  app.lesson = { ...l, edited: false };
  $('lessons').value = id;
  $('lesson').innerHTML = markdown(l.textContent || '');
  $('lesson').hidden = false;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: l.snippetText } });
  app.lesson.edited = false;
  runCode(step);
}

// A small Markdown subset for lesson texts: headings, paragraphs (lines
// joined until a blank line), lists, code blocks, inline code/bold/italic.
function markdown(md) {
  const inline = (s) => P.esc(s).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>').replace(/\*([^*\s][^*]*)\*/g, '<i>$1</i>');
  const out = [];
  let para = [], list = null, code = null;
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
    if (list) out.push(`<ul>${list.map((li) => `<li>${inline(li)}</li>`).join('')}</ul>`);
    list = null;
  };
  for (const line of md.split('\n')) {
    if (code !== null) {
      if (line.startsWith('```')) { out.push(`<pre>${P.esc(code.join('\n'))}</pre>`); code = null; } else code.push(line);
      continue;
    }
    if (line.startsWith('```')) { flush(); code = []; continue; }
    const h = /^(#+)\s+(.*)/.exec(line);
    const li = /^\s*[-*]\s+(.*)/.exec(line);
    if (h) { flush(); const n = Math.min(4, h[1].length + 2); out.push(`<h${n}>${inline(h[2])}</h${n}>`); }
    else if (li) { if (para.length) flush(); (list = list || []).push(li[1]); }
    else if (!line.trim()) flush();
    else if (list) list[list.length - 1] += ' ' + line.trim();
    else para.push(line.trim());
  }
  flush();
  return out.join('\n');
}

// The questions of this run: the lesson's own (when its snippet is
// unchanged) and questions generated from the stream; only those whose
// answer resolves.
function quizQuestions() {
  const run = app.run;
  const own = app.lesson && !app.lesson.edited ? (app.lesson.quiz || []) : [];
  const gen = generatedQuestions(run, (snap, name, key) => nameOf(snap, key) === name);
  const byStep = new Map();
  for (const q of [...own, ...gen]) {
    const i = locateStep(run.events, q.at);
    if (i < 0) continue;
    const r = resolveAnswer(run.events, q);
    if (r.error) continue;
    let k = 0;
    for (let j = 1; j <= run.n; j++) if (run.steps[j].index === i) { k = j; break; }
    if (!k || byStep.has(k)) continue;
    byStep.set(k, { ...q, step: k, value: r.value });
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

// The unanswered question asked before step k runs.
function questionBefore(k) {
  return app.questions.find((q) => q.step === k && !app.answered.has(k)) || null;
}

// Show question q (the step it is about has not run yet).
function ask(q) {
  app.asking = q;
  const box = $('quizbox');
  box.hidden = false;
  box.innerHTML = `<div class="qhead">Quiz · predict before line ${q.at.line} runs</div><p class="qask">${P.esc(q.ask)}</p>` +
    (q.choices ? `<div class="qchoices">${q.choices.map((c) => `<button class="qchoice" data-v="${P.esc(c)}">${P.esc(c)}</button>`).join(' ')}</div>`
               : '<input id="qinput" type="text" autocomplete="off" placeholder="your answer"> <button id="qok">Answer</button>') +
    ' <button id="qreveal" class="linkish">reveal</button>';
  box.querySelectorAll('.qchoice').forEach((b) => b.addEventListener('click', () => answer(b.dataset.v)));
  if ($('qok')) {
    $('qok').addEventListener('click', () => answer($('qinput').value));
    $('qinput').addEventListener('keydown', (e) => { if (e.key === 'Enter') answer($('qinput').value); e.stopPropagation(); });
    $('qinput').focus();
  }
  $('qreveal').addEventListener('click', () => answer(null));
}

// Check the learner's guess, reveal the engine's value and run the step.
function answer(guess) {
  const q = app.asking;
  if (!q) return;
  const right = guess !== null && checkGuess(guess, q.value);
  app.answered.set(q.step, right);
  if (guess !== null) { app.score[1]++; if (right) app.score[0]++; }
  $('score').textContent = `${app.score[0]} / ${app.score[1]}`;
  const box = $('quizbox');
  box.innerHTML = `<div class="qhead">${guess === null ? 'Answer' : right ? '✔ Right' : '✘ Not quite'}</div><p class="qask">${P.esc(q.ask)}</p>` +
    `<p>The engine shows: <b class="qvalue" data-value="${P.esc(q.value)}">${P.esc(q.value)}</b>${guess !== null ? ` (you said ${P.esc(guess)})` : ''}</p>` +
    `<p class="qexplain">${P.esc(q.explain || '')}</p><button id="qnext">Continue</button>`;
  app.asking = null;
  go(q.step);
  $('qnext').addEventListener('click', () => { box.hidden = true; });
}

// ====================================================================== //
// Permalink, exports, theme                                                //
// ====================================================================== //

// UTF-8 text to base64url and back.
function b64enc(s) {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  bytes.forEach((b) => { bin += String.fromCharCode(b); });
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
function b64dec(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

// The URL hash for the current code and step.
function permalink() {
  const code = editor.state.doc.toString();
  if (app.lesson && !app.lesson.edited) return `#lesson=${app.lesson.id}&step=${app.pos}`;
  return `#code=${b64enc(code)}&step=${app.pos}`;
}

// Keep the hash current (without a history entry per step).
function updateHash() {
  if (!app.run) return;
  window.history.replaceState(null, '', permalink());
}

// Open what the hash names: a lesson or code, at a step.
function openFromHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  const step = Number(h.get('step') || 0);
  if (h.get('max')) app.maxSteps = Number(h.get('max')) || app.maxSteps;
  if (h.get('lesson')) { openLesson(h.get('lesson'), step); return true; }
  if (h.get('code')) {
    let code = '';
    try { code = b64dec(h.get('code')); } catch (e) { setStatus('The link\'s code could not be read.', 'error'); return false; }
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } });
    runCode(step);
    return true;
  }
  return false;
}

// Save blob as a file.
function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// Light or dark.
function setTheme(t) {
  app.theme = t;
  document.documentElement.dataset.theme = t;
  $('theme').textContent = t === 'dark' ? '☀ Light' : '☾ Dark';
  try { localStorage.setItem('refgc-theme', t); } catch (e) { /* file:// may refuse */ }
  render();
}

// ====================================================================== //
// Wiring                                                                   //
// ====================================================================== //

// Buttons, keys, slider.
function wire() {
  $('run').addEventListener('click', () => runCode(0));
  $('stop').addEventListener('click', stopRun);
  $('first').addEventListener('click', () => go(0));
  $('prev').addEventListener('click', () => go(app.pos - 1));
  $('next').addEventListener('click', next);
  $('last').addEventListener('click', () => go(app.run ? app.run.n : 0));
  $('play').addEventListener('click', togglePlay);
  $('slider').addEventListener('input', () => go(Number($('slider').value)));
  $('theme').addEventListener('click', () => setTheme(app.theme === 'dark' ? 'light' : 'dark'));
  $('lessons').addEventListener('change', () => { if ($('lessons').value) openLesson($('lessons').value); });
  $('quiz').addEventListener('change', () => { app.quiz = $('quiz').checked; $('scorebox').hidden = !app.quiz; if (!app.quiz) $('quizbox').hidden = true; });
  $('maxsteps').addEventListener('change', () => { app.maxSteps = Math.max(1, Number($('maxsteps').value) || 1000); });
  $('legendbtn').addEventListener('click', () => { $('legend').hidden = !$('legend').hidden; });
  $('permalink').addEventListener('click', () => {
    const url = location.href.split('#')[0] + permalink();
    $('linkbox').value = url;
    $('linkbox').hidden = false;
    $('linkbox').select();
    try { navigator.clipboard.writeText(url); setStatus('Link copied.', 'ok'); } catch (e) { setStatus('Link selected: copy it.', 'ok'); }
  });
  $('exsvg').addEventListener('click', () => download(new Blob([svgText($('graph'))], { type: 'image/svg+xml' }), `refgc-step${app.pos}.svg`));
  $('expng').addEventListener('click', () => svgToPng($('graph')).then((b) => download(b, `refgc-step${app.pos}.png`), (e) => setStatus(String(e), 'error')));
  $('exjson').addEventListener('click', () => streamText().then((t) => download(new Blob([t], { type: 'application/x-ndjson' }), 'refgc-trace.jsonl')));
  $('zoomin').addEventListener('click', () => app.zoom.zoomAt(1.25));
  $('zoomout').addEventListener('click', () => app.zoom.zoomAt(0.8));
  $('zoomfit').addEventListener('click', () => app.zoom.fit());
  $('zoom100').addEventListener('click', () => app.zoom.oneToOne());
  document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => { app.tab = b.dataset.tab; render(); }));
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); runCode(0); return; }
    if (e.target.closest && (e.target.closest('.cm-editor') || e.target.tagName === 'INPUT' || e.target.tagName === 'SELECT')) return;
    if (e.key === 'ArrowRight') { e.preventDefault(); next(); }
    else if (e.key === 'ArrowLeft') { e.preventDefault(); go(app.pos - 1); }
    else if (e.key === 'Home') { e.preventDefault(); go(0); }
    else if (e.key === 'End') { e.preventDefault(); go(app.run ? app.run.n : 0); }
    else if (e.key === ' ') { e.preventDefault(); togglePlay(); }
    else if (e.key === 'Escape') stopRun();
    else if (e.key === '+' || e.key === '=') app.zoom.zoomAt(1.25);
    else if (e.key === '-') app.zoom.zoomAt(0.8);
    else if (e.key === '0') app.zoom.fit();
  });
}

// Start the page.
function main() {
  let theme = 'light';
  try { theme = localStorage.getItem('refgc-theme') || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'); } catch (e) { /* ignore */ }
  makeEditor(DEFAULT_CODE);
  app.zoom = createZoom($('graphwrap'), $('graph'), (z) => {
    $('zoomlevel').textContent = `${Math.round(z.scale * 100)}%`;
    $('zoomlevel').dataset.scale = z.scale.toFixed(4);
    $('zoomfit').classList.toggle('on', z.mode === 'fit');
  });
  loadLessons();
  wire();
  startWorker();
  setTheme(theme);
  if (!openFromHash()) runCode(0);
  window.refgcPage = { app, go, runCode, openLesson, stopRun, loadStream, streamText, // for the tests
    setCode: (code) => editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: code } }) };
}

main();
