// graph.js -- the object graph as SVG: frames and their names on the left,
// the run's objects at the stable positions model.js computed, a refcount
// badge on each with the cause of its last change, freed objects faded,
// and the collector's view (gc_refs, reachable/unreachable) when a phase
// is selected.  Also the exports (SVG, PNG).
//
// The drawing is in content coordinates, 0..cw x 0..ch (svg.dataset.cw/ch,
// the same at every step of a run); zoom.js sets the viewBox (the window
// the pane shows).  Exports always carry the whole content.
import { objectState, label } from './model.js';

const NS = 'http://www.w3.org/2000/svg';

// Colours by theme; the same <style> goes into exported files.
const THEMES = {
  light: { bg: '#ffffff', fg: '#1d2330', muted: '#687083', frame: '#f3f5f9', frameStroke: '#9aa3b5', edge: '#55607a',
           gen0: '#dbeafe', gen1: '#ffedd5', gen2: '#ede9fe', gen3: '#ccfbf1', untracked: '#f1f5f9',
           s0: '#2563eb', s1: '#ea580c', s2: '#7c3aed', s3: '#0d9488', su: '#64748b', badge: '#111827', badgeFg: '#ffffff',
           changed: '#16a34a', reach: '#16a34a', unreach: '#dc2626', sel: '#f59e0b' },
  dark: { bg: '#12151c', fg: '#e5e9f0', muted: '#9aa3b5', frame: '#1c212b', frameStroke: '#4b5466', edge: '#9aa3b5',
          gen0: '#1e3a5f', gen1: '#5a3413', gen2: '#3b2a63', gen3: '#134e4a', untracked: '#262b36',
          s0: '#60a5fa', s1: '#fb923c', s2: '#a78bfa', s3: '#2dd4bf', su: '#94a3b8', badge: '#e5e9f0', badgeFg: '#12151c',
          changed: '#4ade80', reach: '#4ade80', unreach: '#f87171', sel: '#fbbf24' },
};

// The stylesheet inside the SVG for theme name.
function svgStyle(name) {
  const c = THEMES[name] || THEMES.light;
  return `
  .bg{fill:${c.bg}} text{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px;fill:${c.fg}}
  .frame{fill:${c.frame};stroke:${c.frameStroke}} .ftitle{font-weight:bold}
  .edge{stroke:${c.edge};fill:none;stroke-width:1.3} .nedge{stroke:${c.edge};fill:none;stroke-width:1.5}
  .arrow{fill:${c.edge}}
  .node rect.box{stroke-width:1.6}
  .g0 rect.box{fill:${c.gen0};stroke:${c.s0}} .g1 rect.box{fill:${c.gen1};stroke:${c.s1}}
  .g2 rect.box{fill:${c.gen2};stroke:${c.s2}} .g3 rect.box{fill:${c.gen3};stroke:${c.s3}}
  .gu rect.box{fill:${c.untracked};stroke:${c.su}}
  .freed{opacity:.28} .freed rect.box{stroke-dasharray:4 3}
  .badge{fill:${c.badge}} .badgetext{fill:${c.badgeFg};font-weight:bold;font-size:11px}
  .type{font-weight:bold} .cause{fill:${c.muted};font-size:10px} .changed .cause{fill:${c.changed};font-weight:bold}
  .changed .badge{fill:${c.changed}}
  .badge.last{fill:${c.bg};stroke:${c.badge};stroke-width:1.5;stroke-dasharray:3 2} .last+.badgetext{fill:${c.fg}}
  .badge.unknown{fill:${c.bg};stroke:${c.muted};stroke-width:1.5;stroke-dasharray:3 2} .unknown+.badgetext{fill:${c.muted}}
  .reach rect.box{stroke:${c.reach};stroke-width:3} .unreach rect.box{stroke:${c.unreach};stroke-width:3;stroke-dasharray:5 2}
  .gcv{fill:${c.unreach};font-weight:bold} .reach .gcv{fill:${c.reach}}
  .selected rect.box{stroke:${c.sel};stroke-width:4}
  .empty{fill:${c.muted};font-size:13px}`;
}

// Element helper.
function el(tag, attrs, parent, text) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

// Generation class of a snapshot object.
function genClass(so) {
  if (!so || !so.tracked || so.gen < 0) return 'gu';
  return 'g' + Math.min(so.gen, 3);
}

// The collector's view at the selected phase: key -> {cls, text}.
function gcView(gc, phaseIdx) {
  const view = new Map();
  if (!gc || phaseIdx < 0 || phaseIdx >= gc.phases.length) return view;
  const ph = gc.phases[phaseIdx];
  for (const x of ph.objects) {
    if (ph.phase === 'update_refs' || ph.phase === 'subtract_refs') view.set(x.key, { cls: x.value > 0 ? 'reach' : 'unreach', text: `gc_refs=${x.value}` });
    else if (ph.phase === 'move_unreachable') view.set(x.key, { cls: x.value ? 'reach' : 'unreach', text: x.value ? 'reachable' : 'unreachable' });
    else if (ph.phase === 'delete_garbage') view.set(x.key, { cls: 'unreach', text: 'freed by the collector' });
    else if (ph.phase === 'finalize') view.set(x.key, { cls: 'unreach', text: '__del__ runs' });
    else if (ph.phase === 'resurrected') view.set(x.key, { cls: 'reach', text: 'resurrected' });
    else if (ph.phase === 'handle_weakrefs') view.set(x.key, { cls: 'unreach', text: x.value ? 'weakref: callback' : 'weakref cleared' });
    else if (ph.phase === 'promote') view.set(x.key, { cls: 'reach', text: `→ gen ${x.value}` });
    else if (ph.phase === 'legacy_finalizers') view.set(x.key, { cls: 'unreach', text: 'legacy finalizer' });
    else if (ph.phase === 'untrack') view.set(x.key, { cls: 'reach', text: 'untracked' });
  }
  return view;
}

// Height of the frames column for frames.
function framesHeight(frames) {
  let h = 20;
  for (const f of frames) h += 26 + 18 * Math.max(1, f.names.length) + 12;
  return h;
}

// The content size of run's graph: the same at every step (so fit and
// zoom do not jump while stepping): the layout and the tallest frames column.
export function contentSize(run) {
  if (!run.contentSize) {
    let fh = 0;
    for (let k = 1; k <= run.n; k++) if (run.steps[k].snapshot) fh = Math.max(fh, framesHeight(run.steps[k].snapshot.frames));
    run.contentSize = { w: Math.max(run.layout.width, 420), h: Math.max(run.layout.height, fh + 20) };
  }
  return run.contentSize;
}

// What a badge says when the count is not this step's snapshot's.
const RC_NOTE = {
  last: (st) => `Not in this step's snapshot: no name of the program reaches it now, so the trace stopped following it. ` +
    `The badge shows the last count it recorded (step ${st.last.step}: ${st.last.cause}).`,
  unknown: () => 'Not in this step\'s snapshot, and no count recorded yet: the trace reads at most the first 1000 slots of a ' +
    'container (and only what the program\'s names reach), and this object lies beyond them here. Its count appears at the ' +
    'steps where a snapshot reaches it.',
};

// Draw the graph of run at position p into svg.  opts: {theme, selected,
// gc, phaseIdx, onSelect}.  Returns the drawn objects (key -> {st, pos}).
export function renderGraph(svg, run, p, snap, opts) {
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const L = run.layout;
  const frames = snap ? snap.frames : [];
  const size = contentSize(run);
  const width = size.w, height = Math.max(size.h, framesHeight(frames) + 20);
  svg.dataset.cw = String(width);
  svg.dataset.ch = String(height);
  el('style', {}, svg, svgStyle(opts.theme));
  const defs = el('defs', {}, svg);
  const m = el('marker', { id: 'arr', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, defs);
  el('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }, m);
  el('rect', { x: 0, y: 0, width, height, class: 'bg' }, svg);
  const edges = el('g', {}, svg);
  const nodes = el('g', {}, svg);
  const view = gcView(opts.gc, opts.phaseIdx);

  // Objects.
  const shown = new Map();
  for (const key of run.graph.keys) {
    const st = objectState(run, key, p, snap);
    if (!st || st.status === 'hidden') continue;
    const pos = L.pos.get(key);
    shown.set(key, { st, pos });
    const so = st.so;
    const v = view.get(key);
    const changed = st.last && st.last.step === p;
    const cls = ['node', st.status === 'freed' ? 'freed' : '', genClass(so), changed ? 'changed' : '', v ? v.cls : '',
                 opts.selected === key ? 'selected' : ''].filter(Boolean).join(' ');
    const g = el('g', { class: cls, 'data-key': key, 'data-type': st.o.type, 'data-status': st.status, 'data-rc': st.rc,
                        'data-refcount': st.refcount === null || st.refcount === undefined ? '' : String(st.refcount),
                        transform: `translate(${pos.x},${pos.y})` }, nodes);
    g.style.cursor = 'pointer';
    g.addEventListener('click', () => opts.onSelect && opts.onSelect(key));
    el('title', {}, g, `${st.o.type} id ${st.o.id} · ${st.o.size} bytes` + (so && so.repr ? `\n${so.repr}` : ''));
    el('rect', { class: 'box', x: 0, y: 0, width: pos.w, height: pos.h, rx: 7 }, g);
    const lb = label(st.o, so);
    const more = so && so.referentKeys.length > 8 ? ` (+${so.referentKeys.length - 8} not drawn)` : '';
    el('text', { class: 'type', x: 8, y: 16 }, g, lb.type + (so && so.len !== undefined ? ` len ${so.len}` : '') + more);
    el('text', { class: 'repr', x: 8, y: 31 }, g, st.status === 'freed' ? '(freed)' : lb.repr);
    const cause = v ? v.text : st.last ? `${st.last.delta > 0 ? '+' : ''}${st.last.delta} ${st.last.cause}` : '';
    el('text', { class: v ? 'cause gcv' : 'cause', x: 8, y: 46 }, g, cause.length > 30 ? cause.slice(0, 29) + '…' : cause);
    // The refcount badge.
    const rc = st.status === 'freed' ? '0' : st.refcount === null || st.refcount === undefined ? '?' : String(st.refcount);
    const bw = Math.max(22, 8 + 7 * rc.length);
    const bg = el('g', { class: 'rc', 'data-rc': st.rc }, g);
    if (RC_NOTE[st.rc]) el('title', {}, bg, RC_NOTE[st.rc](st));
    el('rect', { class: RC_NOTE[st.rc] ? 'badge ' + st.rc : 'badge', x: pos.w - bw + 6, y: -9, width: bw, height: 19, rx: 9.5 }, bg);
    el('text', { class: 'badgetext', x: pos.w - bw / 2 + 6, y: 4.5, 'text-anchor': 'middle' }, bg, rc);
  }

  // References between drawn objects (from the snapshot).
  if (snap) {
    for (const [key, { st, pos }] of shown) {
      if (st.status !== 'alive' || !st.so) continue;
      const seen = new Set();
      st.so.referentKeys.forEach((r) => {
        if (seen.has(r) || !shown.has(r)) return;
        seen.add(r);
        const t = shown.get(r);
        if (t.st.o.type === 'type' && st.o.type !== 'type') return;
        edgePath(edges, pos, t.pos, key === r);
      });
    }
  }

  // Frames and names.
  let y = 14;
  frames.forEach((f) => {
    const h = 26 + 18 * Math.max(1, f.names.length);
    el('rect', { class: 'frame', x: 8, y, width: 150, height: h, rx: 5 }, svg);
    el('text', { class: 'ftitle', x: 16, y: y + 17 }, svg, f.frame === '<module>' ? 'globals' : f.frame + '()');
    f.names.forEach((n, i) => {
      const ny = y + 36 + 18 * i;
      el('text', { x: 20, y: ny, class: 'name', 'data-name': n.name }, svg, n.name);
      const t = shown.get(n.key);
      if (t && t.st.status === 'alive') {
        el('path', { class: 'nedge', d: `M150,${ny - 4} C${t.pos.x - 40},${ny - 4} ${t.pos.x - 40},${t.pos.y + 27} ${t.pos.x},${t.pos.y + 27}`, 'marker-end': 'url(#arr)' }, edges);
      } else {
        const so = snap && snap.byKey.get(n.key);
        el('text', { x: 90, y: ny, class: 'cause' }, svg, so ? shortRepr(so) : '');
      }
    });
    y += h + 12;
  });
  if (shown.size === 0 && frames.length === 0) el('text', { x: 20, y: 40, class: 'empty' }, svg, p === 0 ? 'Press Run, then step: objects appear here.' : 'No objects of the program yet.');
  return shown;
}

// A value not drawn as a node (small ints, strings, None): its repr.
function shortRepr(so) {
  const r = so.repr || so.type;
  return r.length > 9 ? r.slice(0, 8) + '…' : r;
}

// An arrow from box a to box b (a loop for a self reference).
function edgePath(parent, a, b, self) {
  if (self) {
    el('path', { class: 'edge', d: `M${a.x + a.w - 30},${a.y + a.h} C${a.x + a.w - 30},${a.y + a.h + 26} ${a.x + a.w + 24},${a.y + a.h / 2} ${a.x + a.w},${a.y + a.h / 2}`, 'marker-end': 'url(#arr)' }, parent);
    return;
  }
  let x1, y1, x2, y2;
  if (b.x > a.x + 10) { x1 = a.x + a.w; y1 = a.y + a.h / 2; x2 = b.x; y2 = b.y + b.h / 2; }
  else if (b.x < a.x - 10) { x1 = a.x; y1 = a.y + a.h / 2 + 8; x2 = b.x + b.w; y2 = b.y + b.h / 2 + 8; }
  else if (b.y > a.y) { x1 = a.x + a.w / 2 + 20; y1 = a.y + a.h; x2 = b.x + b.w / 2 + 20; y2 = b.y; }
  else { x1 = a.x + a.w / 2 - 20; y1 = a.y; x2 = b.x + b.w / 2 - 20; y2 = b.y + b.h; }
  const dx = (x2 - x1) / 2;
  const vertical = Math.abs(b.x - a.x) <= 10;
  const d = vertical ? `M${x1},${y1} C${x1 + 40},${(y1 + y2) / 2} ${x2 + 40},${(y1 + y2) / 2} ${x2},${y2}`
                     : `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
  el('path', { class: 'edge', d, 'marker-end': 'url(#arr)' }, parent);
}

// The SVG as a standalone file's text: the whole graph, whatever the pane
// shows (its viewBox is the content's, its size the content's).
export function svgText(svg) {
  const clone = svg.cloneNode(true);
  const w = svg.dataset.cw || svg.getAttribute('width'), h = svg.dataset.ch || svg.getAttribute('height');
  clone.setAttribute('xmlns', NS);
  clone.setAttribute('viewBox', `0 0 ${w} ${h}`);
  clone.setAttribute('width', w);
  clone.setAttribute('height', h);
  for (const a of ['style', 'class', 'data-scale', 'preserveAspectRatio']) clone.removeAttribute(a);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

// The SVG drawn into a PNG blob (2x for sharp slides; smaller for a huge
// graph, within the canvas limits).
export function svgToPng(svg) {
  return new Promise((resolve, reject) => {
    const text = svgText(svg);
    const img = new Image();
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    img.onload = () => {
      const w = Number(svg.dataset.cw), h = Number(svg.dataset.ch);
      const k = Math.min(2, 16000 / Math.max(w, h));
      const c = document.createElement('canvas');
      c.width = Math.ceil(w * k); c.height = Math.ceil(h * k);
      const ctx = c.getContext('2d');
      ctx.scale(k, k);
      ctx.drawImage(img, 0, 0, w, h);
      URL.revokeObjectURL(url);
      c.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png');
    };
    img.onerror = () => reject(new Error('the SVG did not load as an image'));
    img.src = url;
  });
}

export const themeColors = THEMES;
