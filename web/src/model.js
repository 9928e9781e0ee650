// model.js -- the event stream (docs/events.md, schema 1) turned into what
// the page shows at each position of the run.
//
// Owns: parsing, object incarnations (an id is an address: it comes back
// after a free, so every obj_new starts a new incarnation "id:n"), the
// per-step tables (line, snapshot, refcount changes with causes,
// collections, output), the set of objects the graph draws and their
// stable layout, why-alive.  Pure: no DOM, so node tests use it as is.
//
// Positions: p = 0 .. N.  Position p is the state after steps 1..p ran:
// the line just run is step p's, the next one is step p+1's (p = 0: nothing
// ran yet, line 1 is next).

// Types that are drawn but never followed (their referents are the
// interpreter's: module dicts, code, builtins).
const OPAQUE = new Set(['type', 'module', 'function', 'builtin_function_or_method', 'code',
  'getset_descriptor', 'method_descriptor', 'wrapper_descriptor', 'member_descriptor',
  'classmethod', 'staticmethod', 'property', 'NoneType', 'ellipsis', 'NotImplementedType']);
// Causes that are bookkeeping, not a reference a learner would name.
const INTERNAL_CAUSE = /^(interpreter internals|on the value stack|popped from the value stack)/;
// Causes that name a root: an object with one is drawn even when no
// snapshot shows it bound (it lived within one step).
const NAMED_CAUSE = /^(bound to name|name \S+ (deleted|rebound)|attribute|frame of)/;
const MAX_NODES = 80;
// Types whose repr never changes.
const IMMUTABLE = new Set(['str', 'bytes', 'int', 'float', 'complex', 'bool', 'tuple', 'frozenset', 'range']);
// Of a container's referents, the first this many are drawn (the rest: "+N more").
const MAX_FANOUT = 8;

// Parse JSON Lines into events; a line that is not JSON is reported, not
// thrown.  Snapshots repeat most of the heap from one step to the next: an
// object, frame, arena or free-list table equal to the one of the previous
// snapshot is replaced by that same JS object, so a 200-step run holds one
// copy of what did not change (and a worker posts it once: structured clone
// keeps shared references).  Readers must treat events as read-only.
export function parseLines(text) {
  const events = [];
  let bad = 0;
  const dd = { objects: new Map(), frames: [], arenas: new Map(), small: null };
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    let e;
    try { e = JSON.parse(line); } catch (err) { bad++; continue; }
    if (e && e.ev === 'snapshot') dedupeSnapshot(e, dd);
    events.push(e);
  }
  return { events, bad };
}

// Deep equality of two JSON values.
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!same(a[k], b[k])) return false;
  return true;
}

// Replace the parts of snapshot e equal to the previous snapshot's by the
// previous objects (dd: what the previous snapshot had).
function dedupeSnapshot(e, dd) {
  const objs = new Map();
  e.objects = (e.objects || []).map((o) => {
    const prev = dd.objects.get(o.id);
    const keep = prev && same(prev, o) ? prev : o;
    objs.set(o.id, keep);
    return keep;
  });
  dd.objects = objs;
  e.frames = (e.frames || []).map((f, i) => (dd.frames[i] && same(dd.frames[i], f) ? dd.frames[i] : f));
  dd.frames = e.frames;
  const arenas = new Map();
  e.arenas = (e.arenas || []).map((a) => {
    const prev = dd.arenas.get(a.index);
    const keep = prev && same(prev, a) ? prev : a;
    arenas.set(a.index, keep);
    return keep;
  });
  dd.arenas = arenas;
  const prev = dd.small;
  if (prev) for (const k of ['freelists', 'gc', 'stats']) if (same(prev[k], e[k])) e[k] = prev[k];
  dd.small = e;
}

// Build the run model from events.
export function buildRun(events) {
  const run = {
    events, start: null, end: null, steps: [null], objects: new Map(), collections: [],
    finalSnapshot: null, source: '', thresholds: [700, 10, 10],
  };
  const cur = new Map(); // id -> key of its live (or last) incarnation
  const gen = new Map(); // id -> incarnations so far
  const keyOf = (id) => cur.get(id) || `${id}:0`;
  const obj = (key, id, type) => {
    let o = run.objects.get(key);
    if (!o) {
      o = { key, id, type: type || '?', size: 0, block: null, created: 0, freed: null, createdSeq: 0,
            freelistNew: false, freelistFree: false, refs: [], reused: null };
      run.objects.set(key, o);
    }
    if (type && o.type === '?') o.type = type;
    return o;
  };
  let step = null, k = 0, gc = null, out = '';
  const freedIds = new Map(); // id -> key of the last freed incarnation (address reuse)
  const convCache = new WeakMap(); // raw snapshot object -> converted (convertSnapshot)
  const reborn = new Set(); // ids with a new incarnation since the last snapshot
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    switch (e.ev) {
      case 'start':
        run.start = e; run.source = e.source || '';
        if (e.thresholds) run.thresholds = e.thresholds;
        break;
      case 'step':
        k++;
        step = { k, line: e.line, frame: e.frame, depth: e.depth || 0, index: i, end: events.length,
                 snapshot: null, refs: [], gcs: [], output: '', outputBefore: out, newObjs: [], freedObjs: [],
                 allocs: 0, frees: 0, freelist: [], trims: [], arenaEvents: [], counts: e.counts || null };
        if (run.steps.length > 1) run.steps[run.steps.length - 1].end = i;
        run.steps.push(step);
        break;
      case 'obj_new': {
        const n = (gen.get(e.id) || 0) + 1;
        gen.set(e.id, n);
        if (n > 1) reborn.add(e.id);
        const key = `${e.id}:${n}`;
        cur.set(e.id, key);
        const o = obj(key, e.id, e.type);
        o.size = e.size; o.block = e.block || null; o.created = step ? step.k : 0; o.createdSeq = e.seq;
        o.freelistNew = !!e.freelist;
        if (freedIds.has(e.id)) o.reused = freedIds.get(e.id);
        if (step) {
          step.newObjs.push(key);
          if (e.freelist) step.freelist.push({ kind: 'pop', key, type: e.type });
        }
        break;
      }
      case 'obj_free': {
        const key = keyOf(e.id);
        const o = obj(key, e.id, e.type);
        o.freed = step ? step.k : 0; o.freelistFree = !!e.freelist;
        freedIds.set(e.id, key);
        if (step) {
          step.freedObjs.push(key);
          if (e.freelist) step.freelist.push({ kind: 'push', key, type: e.type });
        }
        break;
      }
      case 'ref': {
        const key = keyOf(e.id);
        const o = obj(key, e.id, e.type);
        const r = { step: step ? step.k : 0, refcount: e.refcount, delta: e.delta, cause: e.cause || '', by: e.by };
        o.refs.push(r);
        if (step) step.refs.push({ key, ...r, type: e.type });
        break;
      }
      case 'block_alloc': if (step) step.allocs++; break;
      case 'block_free': if (step) step.frees++; break;
      case 'trim': if (step) step.trims.push(e.bytes); break;
      case 'arena': if (step) step.arenaEvents.push(e); break;
      case 'output':
        out += e.text;
        if (step) step.output += e.text;
        break;
      case 'gc_start':
        gc = { step: step ? step.k : 0, index: i, gen: e.gen, reason: e.reason, type: e.type || null,
               counts: e.counts, thresholds: e.thresholds || run.thresholds, phases: [], finalized: [], callbacks: [], end: null };
        run.collections.push(gc);
        if (step) step.gcs.push(gc);
        break;
      case 'gc_phase':
        if (gc) gc.phases.push({ phase: e.phase, objects: (e.objects || []).map((x) => ({ key: keyOf(x.id), id: x.id, value: x.value })) });
        break;
      case 'gc_finalize': if (gc) gc.finalized.push(keyOf(e.id)); break;
      case 'gc_callback': if (gc) gc.callbacks.push(keyOf(e.id)); break;
      case 'gc_end':
        if (gc) gc.end = { collected: e.collected, uncollectable: e.uncollectable, counts: e.counts };
        gc = null;
        break;
      case 'snapshot': {
        const snap = convertSnapshot(e, keyOf, convCache, reborn);
        reborn.clear();
        if (e.step !== undefined && run.steps[e.step]) run.steps[e.step].snapshot = snap;
        else if (step && e.step === undefined) run.finalSnapshot = snap;
        for (const so of snap.objects) {
          const o = obj(so.key, so.id, so.type);
          if (o.repr === undefined && IMMUTABLE.has(so.type)) o.repr = so.repr; // shown when a snapshot lacks it
          if (!o.size) o.size = so.size;
          if (!o.block && so.block) o.block = so.block;
        }
        break;
      }
      case 'end': run.end = e; break;
      default: break;
    }
  }
  run.output = out;
  run.n = run.steps.length - 1;
  run.graph = graphNodes(run);
  nameObjects(run);
  run.layout = layoutGraph(run);
  return run;
}

// A snapshot with every id mapped to its incarnation key.  cache: raw
// object -> converted one.  parseLines shares a raw object only with the
// previous snapshot, so a cached conversion stays right unless the object
// itself or one of its referents got a new incarnation since that snapshot
// (reborn: the ids whose obj_new came since).
function convertSnapshot(e, keyOf, cache, reborn) {
  const objects = (e.objects || []).map((o) => {
    const c = cache.get(o);
    if (c && c.key === keyOf(o.id) && (reborn.size === 0 || !(o.referents || []).some((r) => reborn.has(r)))) return c;
    const conv = { ...o, key: keyOf(o.id), referentKeys: (o.referents || []).map(keyOf) };
    cache.set(o, conv);
    return conv;
  });
  const byKey = new Map(objects.map((o) => [o.key, o]));
  const frames = (e.frames || []).map((f) => {
    const c = cache.get(f);
    if (c && c.names.every((n) => n.key === keyOf(n.id))) return c;
    const conv = { ...f, names: (f.names || []).map((n) => ({ ...n, key: keyOf(n.id) })) };
    cache.set(f, conv);
    return conv;
  });
  return { step: e.step, line: e.line, frames, objects, byKey, gc: e.gc || null, arenas: e.arenas || [],
           freelists: e.freelists || [], stats: e.stats || null };
}

// The snapshot to show at position p (the last one at or before p).
export function snapshotAt(run, p) {
  for (let k = Math.min(p, run.n); k >= 1; k--) if (run.steps[k].snapshot) return run.steps[k].snapshot;
  return null;
}

// ====================================================================== //
// The graph: which objects, where                                          //
// ====================================================================== //

// Keys reachable from the names of snap, following referents except
// through opaque types and into classes.
function reachableFromNames(snap, add) {
  const seen = new Set();
  const queue = [];
  for (const f of snap.frames) {
    for (const n of f.names) {
      const o = snap.byKey.get(n.key);
      if (o && o.type !== 'module') queue.push([n.key, 0]);
    }
  }
  while (queue.length) {
    const [key, d] = queue.shift();
    if (seen.has(key)) continue;
    seen.add(key);
    const o = snap.byKey.get(key);
    add(key, d);
    if (OPAQUE.has(o.type) || d > 8) continue;
    for (const r of o.referentKeys.slice(0, MAX_FANOUT)) {
      const t = snap.byKey.get(r);
      if (t && t.type !== 'type' && t.type !== 'module' && !seen.has(r)) queue.push([r, d + 1]);
    }
  }
}

// The objects the graph draws (in order of first appearance) with the
// depth each is first seen at (1 = bound to a name).
function graphNodes(run) {
  const depth = new Map();
  const first = new Map(); // key -> the step it is first drawn at
  const order = [];
  let k = 0;
  const add = (key, d) => {
    if (!depth.has(key)) { order.push(key); depth.set(key, d + 1); first.set(key, k); }
    else depth.set(key, Math.min(depth.get(key), d + 1));
  };
  for (k = 1; k <= run.n; k++) {
    const s = run.steps[k];
    if (s.snapshot) reachableFromNames(s.snapshot, add);
    for (const r of s.refs) {
      const o = run.objects.get(r.key);
      // Objects a name held (items are drawn through their container).
      if (o && NAMED_CAUSE.test(r.cause) && !OPAQUE.has(o.type) && o.created > 0) add(r.key, 0);
    }
    for (const gc of s.gcs) {
      for (const ph of gc.phases) {
        if (ph.phase !== 'delete_garbage' && ph.phase !== 'finalize' && ph.phase !== 'resurrected') continue;
        for (const x of ph.objects) {
          const o = run.objects.get(x.key);
          if (o && o.created > 0) add(x.key, 1);
        }
      }
    }
  }
  const keys = order.slice(0, MAX_NODES);
  return { keys, depth, first, hidden: Math.max(0, order.length - MAX_NODES) };
}

// Short names: type#n, numbered per type in order of creation (drawn
// objects first, so the graph's objects get the small numbers).
function nameObjects(run) {
  const count = new Map();
  const give = (o) => {
    if (o.name) return;
    const n = (count.get(o.type) || 0) + 1;
    count.set(o.type, n);
    o.name = `${o.type}#${n}`;
  };
  for (const key of run.graph.keys) give(run.objects.get(key));
  for (const o of run.objects.values()) give(o);
}

// Stable positions for every graph object of the run: columns by depth
// from the names, rows in order of first appearance.
function layoutGraph(run) {
  const cols = new Map();
  for (const key of run.graph.keys) {
    const d = Math.min(run.graph.depth.get(key) || 1, 6);
    if (!cols.has(d)) cols.set(d, []);
    cols.get(d).push(key);
  }
  const pos = new Map();
  const W = 200, H = 74, X0 = 190, Y0 = 30, ROWS = 8;
  let maxRow = 0, ci = 0;
  const ds = [...cols.keys()].sort((a, b) => a - b);
  for (const d of ds) {
    // A long column wraps into several, so the graph stays on screen.
    const keys = cols.get(d);
    const rows = Math.max(ROWS, Math.ceil(Math.sqrt(keys.length * 2)));
    keys.forEach((key, i) => {
      const row = i % rows;
      pos.set(key, { x: X0 + (ci + Math.floor(i / rows)) * W, y: Y0 + row * H, w: 168, h: 54 });
      maxRow = Math.max(maxRow, row);
    });
    ci += Math.ceil(keys.length / rows);
  }
  return { pos, width: X0 + Math.max(1, ci) * W + 20, height: Math.max(Y0 + (maxRow + 1) * H + 20, 200) };
}

// ====================================================================== //
// What the panels read                                                      //
// ====================================================================== //

// The state of graph object key at position p: hidden (not created yet,
// or made before the program started and not yet used by it), alive, or
// freed; its refcount, where that number comes from (rc: "snapshot" -- this
// step's snapshot; "last" -- not in this step's snapshot, the last count the
// trace recorded, at step last.step; "unknown" -- neither: an object the
// trace did not read, e.g. beyond a container's first 1000 slots) and the
// cause of its last change.
export function objectState(run, key, p, snap) {
  const o = run.objects.get(key);
  if (!o) return null;
  const from = o.created > 0 ? o.created : (run.graph.first.get(key) || 0);
  if (from > p) return { status: 'hidden', o };
  if (o.freed !== null && o.freed <= p) return { status: 'freed', o, refcount: 0, rc: 'freed', last: lastRef(o, p) };
  const so = snap ? snap.byKey.get(key) : null;
  const last = lastRef(o, p);
  if (so) return { status: 'alive', o, so, refcount: so.refcount, rc: 'snapshot', last };
  return { status: 'alive', o, so: null, refcount: last ? last.refcount : null, rc: last ? 'last' : 'unknown', last };
}

// The last refcount change of o at or before position p (in the step of
// that change, the last one with a cause a learner would name, if any).
export function lastRef(o, p) {
  let last = null;
  for (const r of o.refs) {
    if (r.step > p || r.step <= 0) continue;
    if (last && last.step === r.step && INTERNAL_CAUSE.test(r.cause) && !INTERNAL_CAUSE.test(last.cause)) {
      last = { ...last, refcount: r.refcount };
      continue;
    }
    last = r;
  }
  return last;
}

// Short label for an object: its type and repr (an immutable object's
// repr from an earlier snapshot when this one lacks it).
export function label(o, so) {
  const repr = so && so.repr ? so.repr : !so && o.repr ? o.repr : '';
  return { type: o.type, repr: repr.length > 26 ? repr.slice(0, 25) + '…' : repr };
}

// Why is key alive at snapshot snap: {alive: 'reachable', path} from a
// name through referrers (BFS backwards over referents), or 'cycle' (it
// reaches itself but no name reaches it), or 'refcount'.
export function whyAlive(snap, key) {
  if (!snap || !snap.byKey.has(key)) return { alive: 'gone' };
  const parents = new Map(); // key -> keys that refer to it
  for (const o of snap.objects) for (const r of o.referentKeys) {
    if (!parents.has(r)) parents.set(r, []);
    parents.get(r).push(o.key);
  }
  const roots = new Map();
  snap.frames.forEach((f) => f.names.forEach((n) => { if (!roots.has(n.key)) roots.set(n.key, { frame: f.frame, name: n.name }); }));
  const prev = new Map([[key, null]]);
  const queue = [key];
  while (queue.length) {
    const k = queue.shift();
    if (roots.has(k)) {
      const path = [];
      for (let x = k; x !== null; x = prev.get(x)) path.push(x);
      return { alive: 'reachable', root: roots.get(k), path };
    }
    for (const p of parents.get(k) || []) {
      const po = snap.byKey.get(p);
      if (po && po.type === 'module') continue;
      if (!prev.has(p)) { prev.set(p, k); queue.push(p); }
    }
  }
  // No name reaches it: in a cycle?
  const o = snap.byKey.get(key);
  const seen = new Set();
  const stack = [...o.referentKeys];
  while (stack.length) {
    const k = stack.pop();
    if (k === key) return { alive: 'cycle', gen: o.gen, counts: snap.gc ? snap.gc.counts : null, thresholds: snap.gc ? snap.gc.thresholds : null };
    if (seen.has(k)) continue;
    seen.add(k);
    const x = snap.byKey.get(k);
    if (x && !OPAQUE.has(x.type)) stack.push(...x.referentKeys);
  }
  return { alive: 'refcount', refcount: o.refcount, referrers: o.referrers || [] };
}

// The step a line first runs at (for the quiz and the permalink).
export function stepOfLine(run, line, occurrence = 1) {
  let seen = 0;
  for (let k = 1; k <= run.n; k++) if (run.steps[k].line === line && ++seen === occurrence) return k;
  return -1;
}

// Position (0..n) of the step event at index i of events: the quiz pauses
// before it runs, i.e. at position k-1.
export function stepOfEventIndex(run, i) {
  for (let k = 1; k <= run.n; k++) if (run.steps[k].index === i) return k;
  return -1;
}

// Questions generated from the stream for any snippet (quiz.mjs queries).
export function generatedQuestions(run, names) {
  const qs = [];
  const seenLines = new Set();
  const occ = new Map();
  for (let k = 1; k <= run.n && qs.length < 12; k++) {
    const s = run.steps[k];
    occ.set(s.line, (occ.get(s.line) || 0) + 1);
    const at = { line: s.line, occurrence: occ.get(s.line) };
    if (s.gcs.some((g) => g.reason === 'auto') && !seenLines.has('gc' + s.line)) {
      seenLines.add('gc' + s.line);
      qs.push({ at, ask: `Line ${s.line} is about to run. Will an automatic collection fire during it?`, choices: ['yes', 'no'],
                answer: { kind: 'gc_fires' }, explain: 'gen0 counts container allocations minus deallocations; when it passes its threshold the next allocation triggers a collection.', generated: true });
      continue;
    }
    if (/gc\.collect\(\)/.test(lineText(run, s.line)) && /print/.test(lineText(run, s.line)) && !seenLines.has('c' + s.line)) {
      seenLines.add('c' + s.line);
      qs.push({ at, ask: `Line ${s.line} prints what gc.collect() returns. What number?`, answer: { kind: 'output', token: -1 },
                explain: 'gc.collect() returns the number of unreachable objects it found (the objects in cycles, their dicts included).', generated: true });
      continue;
    }
    const snap = s.snapshot;
    for (const r of s.refs) {
      if (!/^bound to name /.test(r.cause) || !snap) continue;
      const name = r.cause.slice('bound to name '.length);
      if (!names(snap, name, r.key) || seenLines.has('r' + s.line)) continue;
      seenLines.add('r' + s.line);
      qs.push({ at, ask: `After line ${s.line} runs, what is the reference count of the object bound to ${name}?`,
                answer: { kind: 'refcount', name }, explain: 'Count every reference: names, container slots, attributes (sys.getrefcount would add one for its own argument).', generated: true });
      break;
    }
    for (const key of s.newObjs) {
      const o = run.objects.get(key);
      if (!o || !o.block || o.block.kind !== 'small' || !run.graph.depth.has(key) || seenLines.has('s' + s.line)) continue;
      const nm = snap && nameOf(snap, key);
      if (!nm) continue;
      seenLines.add('s' + s.line);
      qs.push({ at, ask: `Line ${s.line} creates a ${o.type} of ${o.size} bytes (bound to ${nm}). Which pymalloc size class will hold it (class c holds 16(c+1)-byte blocks)?`,
                answer: { kind: 'size_class', name: nm }, explain: `Requests are rounded up to a multiple of 16: ${o.size} bytes → class ${Math.ceil(o.size / 16) - 1}.`, generated: true });
      break;
    }
  }
  return qs;
}

// The source text of line n (1-based).
export function lineText(run, n) {
  return (run.source.split('\n')[n - 1] || '');
}

// A name bound to key in snap, or null.
export function nameOf(snap, key) {
  for (let f = snap.frames.length - 1; f >= 0; f--) for (const n of snap.frames[f].names) if (n.key === key) return n.name;
  return null;
}
