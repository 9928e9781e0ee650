// run.mjs -- the simulator page's tests, in Debian's Chromium driven by
// playwright-core (web/node_modules).
//
//   node tests/web/run.mjs [--page OUT/index.html] [--refgc PATH] [--shots DIR]
//
// Defaults: page build/web/index.html, refgc build/refgc (or $REFGC), shots
// tests/web/screenshots.  For each lesson of web/lessons: open it from the
// menu, step forward and back with the buttons and keys, and check at every
// step that the numbers on the panels (each graph object's refcount badge,
// the generation counts, the collection log, the output) equal those of
// `refgc run --json --snapshot-every-step` for the same snippet (the native
// build's stream; without a native refgc, the engine's own stream from
// node): a badge not taken from the step's snapshot must say so (dashed,
// with its reason); the generation bars and the collection notes (each
// automatic collection with the allocation that started it) at every step.
// Per lesson, pan and zoom: fit shows every object, + / wheel / drag move
// the view, the graph cannot be dragged away, and the exported SVG holds
// every object of the step whatever the view.  The time from Run to the
// first step drawn is printed (info).
// Then: a runaway loop stops at the step cap, the stop button halts
// a long step and the page still runs afterwards, quiz mode asks and
// reveals, the permalink reopens code at a step, exports download, dark
// mode.  Screenshots of each case go to the shots folder.  Exit 0 when
// every check passed.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import { createRequire } from 'module';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
const page = path.resolve(opt('--page', process.env.REFGC_WEB_PAGE || path.join(root, 'build', 'web', 'index.html')));
const refgc = opt('--refgc', process.env.REFGC || path.join(root, 'build', 'refgc'));
const shots = path.resolve(opt('--shots', path.join(here, 'screenshots')));
const only = opt('--only', null);
const require = createRequire(path.join(root, 'web', 'package.json'));
const { chromium } = require('playwright-core');

let failures = 0, checks = 0;
// Record one check.
function check(ok, what) {
  checks++;
  if (!ok) { failures++; console.log(`FAIL ${what}`); }
  return ok;
}

// ---------------------------------------------------------------------- //
// The reference stream                                                     //
// ---------------------------------------------------------------------- //

// The stream `refgc run --json -c SOURCE` writes (the page names its
// snippet "<string>" as -c does), or the wasm engine's from node without a
// native refgc.  The environment has no PYTHONUNBUFFERED: the page's engine
// has no environment, and unbuffered stdout changes the stream (a list less).
function referenceStream(source, maxSteps) {
  const env = { ...process.env };
  delete env.PYTHONUNBUFFERED;
  if (fs.existsSync(refgc)) {
    try {
      return { how: 'refgc run --json', text: execFileSync(refgc, ['run', '--json', '--snapshot-every-step', '--max-steps', String(maxSteps), '-c', source],
        { env, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }) };
    } catch (e) {
      if (e.stdout) return { how: 'refgc run --json', text: e.stdout }; // the program's status, not ours
      throw e;
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'refgc-web-'));
  try {
    fs.writeFileSync(path.join(dir, 'snippet.py'), source);
    const sim = path.join(path.dirname(page), 'sim.js');
    const driver = path.join(here, 'sim-run.cjs');
    return { how: 'wasm engine (node)', text: execFileSync('node', ['--experimental-wasm-memory64', driver, sim, path.join(dir, 'snippet.py'), String(maxSteps)], { encoding: 'utf8', maxBuffer: 1 << 30 }) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// A stream with the ids of static objects (None, small ints, built-in
// types: outside the heap, numbered from their place in the program image,
// which differs between the native and the wasm build) replaced by "S".
function normalizeStatic(text) {
  const heap = (n) => n >= 0x500000000000 && !(n >= 1.49e14 && n < 1.51e14); // stable small and large blocks
  return text.replace(/("(?:id|value)":)(\d+)/g, (m, k, n) => (heap(Number(n)) ? m : k + '"S"'))
    .replace(/("referents":\[)([\d,]*)\]/g, (m, k, list) => k + list.split(',').map((n) => (n === '' || heap(Number(n)) ? n : '"S"')).join(',') + ']');
}

// Per step k: its snapshot, the collections so far, the output so far.
function referenceSteps(text) {
  const steps = [null];
  let out = '', collections = [], cur = null;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line);
    if (e.ev === 'step') { cur = { snap: null, out, collections: collections.slice(), starts: [] }; steps.push(cur); }
    else if (e.ev === 'gc_start' && e.step !== undefined && steps[e.step]) steps[e.step].starts.push(e);
    else if (e.ev === 'output') { out += e.text; if (cur) cur.out = out; }
    else if (e.ev === 'gc_end') { collections.push(e.collected); if (cur) cur.collections = collections.slice(); }
    else if (e.ev === 'snapshot' && e.step !== undefined && steps[e.step]) steps[e.step].snap = e;
  }
  return { steps, out };
}

// ---------------------------------------------------------------------- //
// The page                                                                 //
// ---------------------------------------------------------------------- //

// Wait until the page is not running a snippet.
async function idle(pg) {
  await pg.waitForFunction(() => !document.body.classList.contains('running') && !/Loading|Running/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
}

// What the panels show at the current step.
async function panelNumbers(pg) {
  return pg.evaluate(() => {
    const nodes = [...document.querySelectorAll('#graph g.node')].map((g) => ({
      key: g.dataset.key, status: g.dataset.status, refcount: g.dataset.refcount, type: g.dataset.type, rc: g.dataset.rc,
      note: (g.querySelector('g.rc > title') || { textContent: '' }).textContent }));
    return { step: Number(document.getElementById('stepinfo').dataset.step), nodes, output: document.getElementById('output').textContent };
  });
}

// Check every step of the loaded run against the reference.
async function checkAllSteps(pg, name, ref) {
  const n = await pg.evaluate(() => window.refgcPage.app.run.n);
  check(n === ref.steps.length - 1, `${name}: page has ${n} steps, reference ${ref.steps.length - 1}`);
  let bad = 0;
  for (let k = 0; k <= n; k++) {
    await pg.evaluate((k) => window.refgcPage.go(k), k);
    const shown = await panelNumbers(pg);
    const r = ref.steps[k];
    if (!r) continue;
    if (r.snap) {
      const byId = new Map(r.snap.objects.map((o) => [String(o.id), o]));
      for (const node of shown.nodes) {
        if (node.status !== 'alive') continue;
        const o = byId.get(node.key.split(':')[0]);
        // A badge is the snapshot's number exactly when the snapshot has the
        // object; otherwise it says so (dashed, with a tooltip).
        if (!check((node.rc === 'snapshot') === !!o, `${name} step ${k}: ${node.type} ${node.key} badge source ${node.rc}, in refgc's snapshot: ${!!o}`)) bad++;
        if (!o) {
          if (!check(node.note.length > 40 && (node.rc === 'last' || node.refcount === ''), `${name} step ${k}: ${node.type} ${node.key} badge "${node.refcount}" (${node.rc}) without an explanation`)) bad++;
          continue;
        }
        if (!check(String(o.refcount) === node.refcount, `${name} step ${k}: ${node.type} ${node.key} badge ${node.refcount}, refgc says ${o.refcount}`)) bad++;
      }
    }
    if (!check(shown.output === r.out, `${name} step ${k}: output ${JSON.stringify(shown.output.slice(-60))} vs ${JSON.stringify(r.out.slice(-60))}`)) bad++;
    if (bad > 10) break;
  }
  // Generation counts (bars) at every step, and what started each collection.
  await pg.click('#tabs button[data-tab=gens]');
  let moved = 0, prevCount = null;
  for (let k = 1; k <= n; k++) {
    if (!ref.steps[k] || !ref.steps[k].snap) continue;
    await pg.evaluate((k) => window.refgcPage.go(k), k);
    const g = await pg.evaluate(() => ({
      counts: [...document.querySelectorAll('.gnum')].map((e) => Number(e.dataset.count)),
      width: (document.querySelector('.fill.g0:not(.before)') || { style: {} }).style.width,
      fired: [...document.querySelectorAll('.gcfired')].map((e) => ({ reason: e.dataset.gcReason, type: e.dataset.gcType, gen: Number(e.dataset.gcGen) })) }));
    const want = ref.steps[k].snap.gc;
    if (!check(JSON.stringify(g.counts) === JSON.stringify(want.counts), `${name} step ${k}: generations ${g.counts} vs ${want.counts}`)) break;
    check(Math.abs(parseFloat(g.width) - Math.min(1, want.counts[0] / want.thresholds[0]) * 100) < 0.06, `${name} step ${k}: gen0 bar ${g.width} for ${want.counts[0]}/${want.thresholds[0]}`);
    const starts = ref.steps[k].starts;
    check(JSON.stringify(g.fired) === JSON.stringify(starts.map((e) => ({ reason: e.reason, type: e.type || '', gen: e.gen }))),
      `${name} step ${k}: collections shown ${JSON.stringify(g.fired)} vs ${JSON.stringify(starts)}`);
    if (prevCount !== null && g.counts[0] !== prevCount) moved++;
    prevCount = g.counts[0];
  }
  if (name === 'generations') check(moved > n / 2, `${name}: the gen0 bar moved at ${moved} of ${n} steps`);
  await pg.click('#tabs button[data-tab=log]');
  const log = await pg.$$eval('td[data-collected]', (els) => els.map((e) => Number(e.dataset.collected)));
  const refLog = ref.steps[n] ? ref.steps[n].collections : [];
  check(JSON.stringify(log) === JSON.stringify(refLog), `${name}: collection log ${log} vs ${refLog}`);
  await pg.click('#tabs button[data-tab=step]');
}

// Step with the buttons and keys: forward, back, first, last.
async function checkStepping(pg, name) {
  const n = await pg.evaluate(() => window.refgcPage.app.run.n);
  await pg.click('#first');
  check((await panelNumbers(pg)).step === 0, `${name}: first -> step 0`);
  await pg.click('#next');
  await pg.click('#next');
  check((await panelNumbers(pg)).step === Math.min(2, n), `${name}: next twice -> step 2`);
  await pg.click('#prev');
  check((await panelNumbers(pg)).step === Math.min(1, n), `${name}: prev -> step 1`);
  await pg.focus('#graphwrap');
  await pg.keyboard.press('End');
  check((await panelNumbers(pg)).step === n, `${name}: End -> last step`);
  await pg.keyboard.press('ArrowLeft');
  check((await panelNumbers(pg)).step === n - 1, `${name}: ArrowLeft -> step back`);
  await pg.keyboard.press('ArrowRight');
  check((await panelNumbers(pg)).step === n, `${name}: ArrowRight -> forward`);
  const label = await pg.textContent('#stepinfo');
  check(label === `Step ${n} of ${n}`, `${name}: label "${label}"`);
}

// Boxes (and badges) of the drawn objects, in page pixels, and the pane's.
async function boxes(pg) {
  return pg.evaluate(() => {
    const r = (e) => { const b = e.getBoundingClientRect(); return { l: b.left, t: b.top, r: b.right, b: b.bottom }; };
    return { pane: r(document.getElementById('graphwrap')), bg: r(document.querySelector('#graph rect.bg')),
             nodes: [...document.querySelectorAll('#graph g.node')].map((g) => ({ key: g.dataset.key, box: r(g.querySelector('rect.box')), badge: r(g.querySelector('rect.badge')) })),
             scale: Number(document.getElementById('graph').dataset.scale), mode: document.getElementById('graphwrap').dataset.mode,
             viewBox: document.getElementById('graph').getAttribute('viewBox') };
  });
}

// Every drawn object inside the pane.
function allInside(b) {
  const inside = (x) => x.l >= b.pane.l - 0.5 && x.r <= b.pane.r + 0.5 && x.t >= b.pane.t - 0.5 && x.b <= b.pane.b + 0.5;
  return b.nodes.filter((n) => !inside(n.box) || !inside(n.badge)).map((n) => n.key);
}

// Pan and zoom of the graph: fit shows every object, + / − / wheel zoom,
// a drag pans (and selects nothing), panning never loses the graph, and
// the exported SVG holds every object of the step whatever the view.
async function checkZoom(pg, name, shots, dir, shoot) {
  const n = await pg.evaluate(() => window.refgcPage.app.run.n);
  await pg.evaluate((k) => window.refgcPage.go(k), n);
  let b = await boxes(pg);
  if (!b.nodes.length) return;
  check(b.mode === 'fit', `${name}: a new run starts in fit mode (${b.mode})`);
  check(allInside(b).length === 0, `${name}: fit shows every object (outside: ${allInside(b).slice(0, 4)})`);
  const fitScale = b.scale;
  await pg.click('#zoomin'); await pg.click('#zoomin'); await pg.click('#zoomin');
  b = await boxes(pg);
  check(b.mode === 'manual' && Math.abs(b.scale - Math.min(4, fitScale * 1.953125)) < 0.01, `${name}: + zooms in (${fitScale} -> ${b.scale})`);
  // A drag moves the view by the drag's length, and is not a click.
  const sel = await pg.evaluate(() => window.refgcPage.app.selected);
  const c = { x: (b.pane.l + b.pane.r) / 2, y: (b.pane.t + b.pane.b) / 2 };
  const vb0 = b.viewBox.split(' ').map(Number);
  await pg.mouse.move(c.x, c.y); await pg.mouse.down(); await pg.mouse.move(c.x - 60, c.y - 30, { steps: 4 }); await pg.mouse.up();
  b = await boxes(pg);
  const vb1 = b.viewBox.split(' ').map(Number);
  check(Math.abs((vb1[0] - vb0[0]) * b.scale - 60) < 1.5 || Math.abs((vb1[1] - vb0[1]) * b.scale - 30) < 1.5, `${name}: a drag pans (${vb0} -> ${vb1})`);
  check(await pg.evaluate(() => window.refgcPage.app.selected) === sel, `${name}: a drag selects nothing`);
  // Dragging far away keeps part of the graph in view.
  for (let i = 0; i < 4; i++) {
    await pg.mouse.move(b.pane.l + 10, b.pane.t + 10); await pg.mouse.down();
    await pg.mouse.move(b.pane.r - 10, b.pane.b - 10, { steps: 3 }); await pg.mouse.up();
  }
  b = await boxes(pg);
  const ix = Math.min(b.bg.r, b.pane.r) - Math.max(b.bg.l, b.pane.l), iy = Math.min(b.bg.b, b.pane.b) - Math.max(b.bg.t, b.pane.t);
  check(ix >= 40 && iy >= 40, `${name}: the graph never leaves the pane (${Math.round(ix)} x ${Math.round(iy)} px still in view)`);
  // The wheel zooms out at the pointer; − too.
  await pg.mouse.move(c.x, c.y);
  const s0 = b.scale;
  await pg.mouse.wheel(0, 200);
  await pg.waitForFunction((s0) => Number(document.getElementById('graph').dataset.scale) < s0, s0, { timeout: 5000 }).catch(() => {});
  b = await boxes(pg);
  check(b.scale < s0, `${name}: the wheel zooms out (${s0} -> ${b.scale})`);
  // The exported SVG has every object of the step and the whole graph, whatever the view.
  const want = b.nodes.map((x) => x.key).sort();
  const [dl] = await Promise.all([pg.waitForEvent('download', { timeout: 10000 }), pg.click('#exsvg')]);
  const file = path.join(dir, `zoom-${name}.svg`);
  await dl.saveAs(file);
  const svg = fs.readFileSync(file, 'utf8');
  const got = [...svg.matchAll(/<g class="node[^"]*"[^>]*data-key="([^"]+)"[^>]*transform="translate\(([-\d.]+),([-\d.]+)\)"/g)];
  const vb = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  check(JSON.stringify(got.map((m) => m[1]).sort()) === JSON.stringify(want), `${name}: the exported SVG has the ${want.length} objects of the step (${got.length})`);
  check(vb && got.every((m) => Number(m[2]) >= 0 && Number(m[3]) >= 0 && Number(m[2]) + 168 <= Number(vb[1]) && Number(m[3]) + 54 <= Number(vb[2])),
    `${name}: the exported SVG's viewBox (${vb && vb[0]}) holds every object`);
  // Fit brings everything back.
  await pg.click('#zoomfit');
  b = await boxes(pg);
  check(b.mode === 'fit' && allInside(b).length === 0, `${name}: fit shows every object again`);
  if (shoot) {
    await pg.click('#zoomin'); await pg.click('#zoomin');
    await pg.screenshot({ path: path.join(shots, '27-zoomed.png') });
    await pg.click('#zoomfit');
  }
}

// ---------------------------------------------------------------------- //
// Main                                                                     //
// ---------------------------------------------------------------------- //

async function main() {
  if (!fs.existsSync(page)) { console.log(`FAIL the page ${page} is not built (web/build.sh)`); process.exit(1); }
  fs.mkdirSync(shots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'refgc-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, acceptDownloads: true,
    viewport: { width: 1500, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const pg = ctx.pages()[0] || await ctx.newPage();
  const errors = [];
  pg.on('pageerror', (e) => errors.push(String(e)));
  pg.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const url = 'file://' + page;
  try {
    await pg.goto(url);
    await idle(pg);
    check(/steps traced/.test(await pg.textContent('#status')), `the default snippet runs: ${await pg.textContent('#status')}`);
    await pg.screenshot({ path: path.join(shots, '00-start.png') });

    // Every lesson.
    const lessons = await pg.$$eval('#lessons option', (os) => os.map((o) => o.value).filter(Boolean));
    check(lessons.length >= 9, `the lessons menu lists ${lessons.length} lessons`);
    const maxSteps = await pg.evaluate(() => window.refgcPage.app.maxSteps);
    for (const [i, id] of lessons.entries()) {
      if (only && id !== only) continue;
      await pg.selectOption('#lessons', id);
      await idle(pg);
      const source = await pg.evaluate(() => window.refgcPage.app.lesson.snippetText);
      const ref = referenceStream(source, maxSteps);
      const pageText = await pg.evaluate(() => window.refgcPage.streamText());
      const timing = await pg.evaluate(() => window.refgcPage.app.timing);
      console.log(`info ${id}: Run -> first step drawn ${Math.round(timing.totalMs)} ms (engine ${Math.round(timing.engineMs)}, ` +
        `parse in the worker ${Math.round(timing.parseMs)}, model ${Math.round(timing.buildMs)}, draw ${Math.round(timing.renderMs)}); ` +
        `stream ${(timing.bytes / 1e6).toFixed(1)} MB, engine memory ${(timing.wasmBytes / 1048576).toFixed(0)} MiB`);
      // The streams agree line for line but for raw C addresses (static
      // objects' ids, ints holding an address): reported, not failed.
      const a = normalizeStatic(pageText).split('\n'), b = normalizeStatic(ref.text).split('\n');
      const differ = a.filter((l, j) => l !== b[j]).length;
      check(a.length === b.length, `${id}: the page's stream has ${a.length} lines, ${ref.how}'s ${b.length}`);
      console.log(`info ${id}: ${a.length - differ}/${a.length} lines identical to ${ref.how}'s` + (differ ? ' (the rest differ in raw addresses)' : ''));
      await checkAllSteps(pg, id, referenceSteps(ref.text));
      await checkStepping(pg, id);
      // A picture in the middle of the run, on a panel that fits the lesson.
      const n = await pg.evaluate(() => window.refgcPage.app.run.n);
      const tab = { cycles: 'collector', generations: 'gens', finalizers: 'collector', pymalloc: 'alloc', freelists: 'alloc', 'list-growth': 'lists', trim: 'alloc', 'huge-buffer': 'alloc' }[id] || 'step';
      const gcStep = await pg.evaluate(() => {
        const cs = window.refgcPage.app.run.collections.filter((x) => x.step > 0 && x.end);
        cs.sort((x, y) => y.end.collected - x.end.collected);
        return cs.length ? cs[0].step : 0;
      });
      const autoStep = await pg.evaluate(() => (window.refgcPage.app.run.collections.find((x) => x.reason === 'auto' && x.step > 0) || { step: 0 }).step);
      const shotStep = tab === 'collector' && gcStep ? gcStep : tab === 'gens' && autoStep ? autoStep : Math.max(1, Math.floor(n * 0.6));
      await pg.evaluate((k) => window.refgcPage.go(k), shotStep);
      await pg.click(`#tabs button[data-tab=${tab}]`);
      if (tab === 'collector' && gcStep) await pg.click('button.phase[data-phase="2"]').catch(() => {});
      if (tab === 'alloc') await pg.locator('#graph g.node[data-status=alive]').first().click().catch(() => {});
      if (tab === 'alloc') await pg.click('#tabs button[data-tab=alloc]');
      if (tab === 'gens' && autoStep) check(await pg.isVisible('.gcfired[data-gc-reason=auto]'), `${id}: the automatic collection at step ${autoStep} is shown with its trigger`);
      await pg.screenshot({ path: path.join(shots, `${String(i + 1).padStart(2, '0')}-${id}.png`) });
      await pg.click('#tabs button[data-tab=step]');
      await checkZoom(pg, id, shots, profile, i === 2);
    }

    // Why alive on an object.
    await pg.selectOption('#lessons', 'cycles').catch(() => {});
    await idle(pg);
    await pg.evaluate(() => window.refgcPage.go(Math.floor(window.refgcPage.app.run.n / 2)));
    const node = pg.locator('#graph g.node[data-status=alive]').first();
    if (await node.count()) {
      await node.click();
      await pg.click('#tabs button[data-tab=why]');
      check(await pg.$('#tabbody [data-why]') !== null, 'why-alive explains the clicked object');
      await pg.screenshot({ path: path.join(shots, '20-why-alive.png') });
    }

    // A runaway loop stops at the cap.
    await setCode(pg, 'i = 0\nwhile True:\n    i += 1\n');
    await pg.fill('#maxsteps', '500');
    await pg.dispatchEvent('#maxsteps', 'change');
    await pg.click('#run');
    await idle(pg);
    const st = await pg.textContent('#status');
    check(/step cap \(500\)/.test(st), `runaway loop: status "${st}"`);
    check((await pg.evaluate(() => window.refgcPage.app.run.end.reason)) === 'step_limit', 'runaway loop: end reason step_limit');
    await pg.screenshot({ path: path.join(shots, '21-step-cap.png') });
    await pg.fill('#maxsteps', '1000');
    await pg.dispatchEvent('#maxsteps', 'change');

    // The stop button halts a long step; the page runs again afterwards.
    await setCode(pg, 'x = 0\nfor i in range(10**9):\n    x += i\n');
    await pg.fill('#maxsteps', '100000000');
    await pg.dispatchEvent('#maxsteps', 'change');
    await pg.click('#run');
    await pg.waitForTimeout(1500);
    check(!(await pg.isDisabled('#stop')), 'stop is enabled while the engine runs');
    await pg.click('#stop');
    await idle(pg);
    check(/Stopped/.test(await pg.textContent('#status')), `stop: status "${await pg.textContent('#status')}"`);
    await pg.screenshot({ path: path.join(shots, '22-stopped.png') });
    await pg.fill('#maxsteps', '1000');
    await pg.dispatchEvent('#maxsteps', 'change');
    await setCode(pg, 'a = [1]\nb = a\n');
    await pg.click('#run');
    await idle(pg);
    check(/2 steps traced/.test(await pg.textContent('#status')), `after stop the engine runs again: "${await pg.textContent('#status')}"`);

    // A 100,000-deep expression: an error shown (native stack or the
    // parser's MemoryError), never a frozen page; the engine runs again.
    await setCode(pg, 'x = ' + 'not '.repeat(100000) + '1\n');
    await pg.click('#run');
    await idle(pg);
    const deep = await pg.textContent('#status');
    const deepEnd = await pg.evaluate(() => (window.refgcPage.app.run && window.refgcPage.app.run.end ? window.refgcPage.app.run.end.reason : null));
    check(/native stack/.test(deep) || deepEnd === 'exception', `deep expression: status "${deep.slice(0, 120)}" end ${deepEnd}`);
    await pg.screenshot({ path: path.join(shots, '26-deep-expression.png') });
    await setCode(pg, 'a = [1]\nb = a\n');
    await pg.click('#run');
    await idle(pg);
    check(/2 steps traced/.test(await pg.textContent('#status')), 'after the deep expression the engine runs again');

    // Quiz mode: a question before a step, then the reveal.
    await pg.check('#quiz');
    await pg.selectOption('#lessons', 'refcount');
    await idle(pg);
    await pg.click('#first');
    for (let i = 0; i < 60 && await pg.isHidden('#quizbox'); i++) await pg.click('#next');
    check(await pg.isVisible('#quizbox'), 'quiz: a question is asked');
    await pg.screenshot({ path: path.join(shots, '23-quiz-ask.png') });
    const before = (await panelNumbers(pg)).step;
    if (await pg.$('#qinput')) { await pg.fill('#qinput', '2'); await pg.click('#qok'); }
    else await pg.locator('.qchoice').first().click();
    const value = await pg.getAttribute('.qvalue', 'data-value');
    check(value !== null && value !== '', `quiz: the answer is revealed (${value})`);
    check((await panelNumbers(pg)).step === before + 1, 'quiz: the step runs after the answer');
    await pg.screenshot({ path: path.join(shots, '24-quiz-reveal.png') });
    await pg.click('#qnext');
    await pg.uncheck('#quiz');

    // Permalink: code + step in the hash reopen the same state.
    await setCode(pg, 'x = [1, 2]\ny = x\nz = [x, x]\n');
    await pg.click('#run');
    await idle(pg);
    await pg.evaluate(() => window.refgcPage.go(2));
    const hash = await pg.evaluate(() => location.hash);
    check(/^#code=.+&step=2$/.test(hash), `permalink hash ${hash}`);
    const pg2 = await ctx.newPage();
    await pg2.goto(url + hash);
    await idle(pg2);
    const s2 = await panelNumbers(pg2);
    check(s2.step === 2 && (await pg2.evaluate(() => window.refgcPage.app.run.n)) === 3, `permalink reopens at step 2 (got ${s2.step})`);
    await pg2.close();

    // Exports (saved next to the browser profile, removed with it).
    for (const [btn, ext] of [['#exsvg', '.svg'], ['#expng', '.png'], ['#exjson', '.jsonl']]) {
      const [dl] = await Promise.all([pg.waitForEvent('download', { timeout: 10000 }), pg.click(btn)]);
      const file = path.join(profile, 'export' + ext);
      await dl.saveAs(file);
      const size = fs.statSync(file).size;
      check(size > 200 && dl.suggestedFilename().endsWith(ext), `export ${ext}: ${dl.suggestedFilename()} ${size} bytes`);
      if (ext === '.jsonl') check(fs.readFileSync(file, 'utf8') === await pg.evaluate(() => window.refgcPage.streamText()), 'export .jsonl: the run\'s stream');
    }

    // Dark mode with the legend.
    await pg.click('#theme');
    await pg.click('#legendbtn');
    check((await pg.evaluate(() => document.documentElement.dataset.theme)) === 'dark', 'dark mode');
    await pg.screenshot({ path: path.join(shots, '25-dark.png') });
    await pg.click('#theme');
    check(errors.length === 0, `no errors in the page: ${errors.slice(0, 3).join(' | ')}`);
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`web tests: ${checks - failures}/${checks} checks passed; screenshots in ${shots}`);
  process.exit(failures ? 1 : 0);
}

// Replace the editor's code.
async function setCode(pg, code) {
  await pg.evaluate((code) => window.refgcPage.setCode(code), code);
}

main().catch((e) => { console.log('FAIL ' + (e && e.stack ? e.stack : e)); process.exit(1); });
