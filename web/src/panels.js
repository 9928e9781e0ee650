// panels.js -- the side panels, each drawn from the run model at a
// position: what this step did (refcount changes and their causes, blocks,
// free lists), generations vs thresholds, the collector's phases, the
// allocator (arenas as grids of pools), lists' len vs capacity, the
// collection log, and why-alive.  HTML strings; every number carries a
// data-* attribute so the page tests can read it.
import { objectState, whyAlive, lineText } from './model.js';

// Escape text for HTML.
export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// "list#2" style name of an object (model.js numbers them).
export function objName(run, key) {
  const o = run.objects.get(key);
  return o ? o.name || o.type : key;
}

// Size classes' hue (64 classes of 16 bytes up to 512... 32 used).
function classColour(c) {
  return `hsl(${(c * 47) % 360} 65% 55%)`;
}

// ---------------------------------------------------------------------- //
// This step                                                                //
// ---------------------------------------------------------------------- //

// Free-list uses of a step, grouped: "dict reused from its free list ×60".
function freelistSummary(list) {
  const n = new Map();
  for (const f of list) {
    const k = f.kind === 'pop' ? `${f.type} reused from its free list` : `${f.type} kept on its free list`;
    n.set(k, (n.get(k) || 0) + 1);
  }
  return [...n].map(([k, c]) => esc(k) + (c > 1 ? ` ×${c}` : '')).join(', ');
}

// What step p did, in words.
export function stepPanel(run, p) {
  if (p === 0) return '<p class="muted">Nothing has run yet. Step forward (→) to run line ' + (run.n ? run.steps[1].line : 1) + '.</p>';
  const s = run.steps[p];
  const rows = [];
  rows.push(`<p><b>Step ${p}</b> ran line <b data-line="${s.line}">${s.line}</b>` + (s.frame !== '<module>' ? ` in <code>${esc(s.frame)}()</code>` : '') +
            `: <code>${esc(lineText(run, s.line).trim())}</code></p>`);
  const refs = s.refs.filter((r) => run.graph.depth.has(r.key) || !/^(interpreter internals|on the value stack|popped)/.test(r.cause));
  if (refs.length) {
    rows.push('<table class="refs"><tr><th>object</th><th>Δ</th><th>refcount</th><th>cause</th></tr>');
    for (const r of refs.slice(0, 40)) {
      rows.push(`<tr data-key="${esc(r.key)}"><td>${esc(objName(run, r.key))}</td><td class="${r.delta > 0 ? 'up' : 'down'}">${r.delta > 0 ? '+' : ''}${r.delta}</td>` +
                `<td data-refcount="${r.refcount}">${r.refcount}</td><td>${esc(r.cause)}</td></tr>`);
    }
    rows.push('</table>');
    if (refs.length > 40) rows.push(`<p class="muted">… ${refs.length - 40} more</p>`);
  } else rows.push('<p class="muted">No reference count of a program object changed.</p>');
  const created = s.newObjs.filter((k) => run.graph.depth.has(k));
  const freed = s.freedObjs.filter((k) => run.graph.depth.has(k));
  if (created.length) rows.push(`<p>Created: ${created.map((k) => esc(objName(run, k))).join(', ')}</p>`);
  if (freed.length) rows.push(`<p>Freed: ${freed.map((k) => esc(objName(run, k))).join(', ')}</p>`);
  rows.push(`<p class="muted">${s.allocs} block(s) allocated, ${s.frees} freed in this step` +
            (s.freelist.length ? `; free lists: ${freelistSummary(s.freelist)}` : '') + '.</p>');
  for (const k of created) {
    const o = run.objects.get(k);
    if (o && o.reused) rows.push(`<p class="note">${esc(objName(run, k))} got the address (id) of a freed ${esc(run.objects.get(o.reused) ? run.objects.get(o.reused).type : 'object')}: <code>id()</code> values are reused.</p>`);
  }
  if (s.trims.length) rows.push(`<p>trim gave back <b data-trim="${s.trims.reduce((a, b) => a + b, 0)}">${s.trims.reduce((a, b) => a + b, 0)}</b> bytes.</p>`);
  if (s.gcs.length) rows.push(`<p>${s.gcs.length} collection(s) ran in this step — see Collector.</p>`);
  return rows.join('\n');
}

// ---------------------------------------------------------------------- //
// Generations                                                               //
// ---------------------------------------------------------------------- //

// What started collection c, in words.
function trigger(c) {
  if (c.reason !== 'auto') return 'explicit: <code>gc.collect()</code>';
  const th = c.thresholds || [700, 10, 10];
  const over = c.counts ? ` (gen0 count ${c.counts[0]} &gt; ${th[0]}${c.gen > 0 ? `, gen${c.gen} count ${c.counts[c.gen]} &gt; ${th[c.gen]}` : ''})` : '';
  return `automatic: allocating a <b>${esc(c.type || 'container')}</b>${over}`;
}

// gen0/1/2 counts vs thresholds as bars (after step p; at a step that
// collected, the counts just before the collection as a lighter bar), what
// triggered each collection so far, and when the next one comes.
export function generationsPanel(run, p, snap) {
  const gc = snap && snap.gc;
  const counts = gc ? gc.counts : p === 0 && run.start ? run.start.counts : null;
  const th = gc ? gc.thresholds : run.thresholds;
  if (!counts) return '<p class="muted">No snapshot yet.</p>';
  const here = p > 0 ? run.steps[p].gcs : [];
  const before = here.length && here[0].counts ? here[0].counts : null;
  const rows = [];
  for (const c of here) {
    rows.push(`<div class="gcfired" data-gc-reason="${esc(c.reason)}" data-gc-type="${esc(c.type || '')}" data-gc-gen="${c.gen}">` +
      `<b>${c.reason === 'auto' ? 'Automatic collection' : 'Collection'} of generation ${c.gen}</b> during this step — ${trigger(c)}.` +
      (c.end ? ` It found <b>${c.end.collected}</b> unreachable object(s); counts ${esc(JSON.stringify(c.counts))} → ${esc(JSON.stringify(c.end.counts))}` +
        (c.end.counts && c.gen < 2 ? ` (gen${c.gen + 1} counts this collection)` : '') + '.' : '') + '</div>');
  }
  rows.push('<div class="gens">');
  for (let g = 0; g < 3; g++) {
    const frac = Math.min(1, counts[g] / Math.max(1, th[g]));
    const bfrac = before ? Math.min(1, before[g] / Math.max(1, th[g])) : 0;
    rows.push(`<div class="gen"><span class="glabel">gen${g}</span><div class="bar">` +
              (before && before[g] > counts[g] ? `<div class="fill before g${g}" style="width:${(bfrac * 100).toFixed(1)}%" title="before the collection: ${before[g]}"></div>` : '') +
              `<div class="fill g${g}" style="width:${(frac * 100).toFixed(1)}%"></div></div>` +
              `<span class="gnum" data-gen="${g}" data-count="${counts[g]}" data-threshold="${th[g]}">` +
              (before && before[g] !== counts[g] ? `<s class="muted" data-before="${before[g]}">${before[g]}</s> ` : '') + `${counts[g]} / ${th[g]}</span></div>`);
  }
  rows.push('</div>');
  const prev = p > 0 ? run.steps[p - 1] : null;
  const prevCounts = prev && prev.snapshot && prev.snapshot.gc ? prev.snapshot.gc.counts : null;
  if (prevCounts && !here.length && prevCounts[0] !== counts[0]) {
    const d = counts[0] - prevCounts[0];
    rows.push(`<p class="muted" data-gen0-delta="${d}">gen0 ${d > 0 ? '+' : ''}${d} in this step (container allocations minus deallocations).</p>`);
  }
  if (gc && gc.enabled === false) rows.push('<p><b>gc is disabled</b>: no automatic collection runs, whatever the counts.</p>');
  else if (!here.length && counts[0] <= th[0]) rows.push(`<p class="muted">gen0 is ${th[0] - counts[0]} below its threshold: the first container allocation that takes it past ${th[0]} starts a collection.</p>`);
  rows.push('<p class="muted">gen0 counts container allocations minus deallocations since its last collection; gen1 and gen2 count collections of the generation below. Passing a threshold makes the next container allocation collect.</p>');
  // The collections so far, each with what triggered it.
  const past = run.collections.filter((c) => c.step <= p);
  if (gc && gc.collections) rows.push(`<p>Collections so far (the whole process): gen0 <b>${gc.collections[0]}</b>, gen1 <b>${gc.collections[1]}</b>, gen2 <b>${gc.collections[2]}</b>.</p>`);
  if (past.length) {
    rows.push('<table class="refs gctable"><tr><th>step</th><th>line</th><th>gen</th><th>started by</th><th>found</th></tr>');
    if (past.length > 8) rows.push(`<tr><td colspan="5" class="muted">… ${past.length - 8} earlier</td></tr>`);
    for (const c of past.slice(-8)) {
      rows.push(`<tr class="${c.step === p ? 'now' : ''}"><td><button class="jump" data-step="${c.step}">${c.step}</button></td><td>${c.step > 0 ? run.steps[c.step].line : ''}</td>` +
                `<td>${c.gen}</td><td data-trigger="${esc(c.reason)}">${c.reason === 'auto' ? `allocating a ${esc(c.type || 'container')}` : 'gc.collect()'}</td><td>${c.end ? c.end.collected : '?'}</td></tr>`);
    }
    rows.push('</table>');
  }
  const next = run.collections.find((c) => c.step > p);
  if (next) rows.push(`<p><button class="jump" data-step="${next.step}">Go to step ${next.step}</button> next collection: generation ${next.gen}, ${next.reason === 'auto' ? `automatic (allocating a ${esc(next.type || 'container')})` : 'gc.collect()'}, line ${run.steps[next.step].line}.</p>`);
  return rows.join('\n');
}

// ---------------------------------------------------------------------- //
// The collector                                                             //
// ---------------------------------------------------------------------- //

const PHASE_TEXT = {
  update_refs: 'Copy each object\'s refcount into gc_refs.',
  subtract_refs: 'For every reference between objects of the generations collected, subtract 1 from the target\'s gc_refs. What is left counts references from outside.',
  move_unreachable: 'Objects with gc_refs > 0 are reachable from outside, and so is everything they reach. The rest is tentatively unreachable.',
  untrack: 'Tuples and dicts holding only untracked objects are untracked (they can never be part of a cycle).',
  legacy_finalizers: 'Unreachable objects with a legacy tp_del go to gc.garbage.',
  handle_weakrefs: 'Weak references to unreachable objects are cleared; their callbacks are scheduled.',
  finalize: '__del__ methods of unreachable objects run (once per object, PEP 442).',
  resurrected: 'Objects a finalizer made reachable again survive this collection.',
  delete_garbage: 'The unreachable objects are cleared (tp_clear): the cycle breaks and refcounting frees them.',
  promote: 'Survivors move to the next generation.',
};

// The collections of step p (or the selected one) with their phases.
export function collectorPanel(run, p, sel) {
  const list = p > 0 ? run.steps[p].gcs : [];
  if (!list.length) {
    const next = run.collections.find((c) => c.step > p);
    return '<p class="muted">No collection ran in this step.</p>' +
      (next ? `<p><button class="jump" data-step="${next.step}">Go to step ${next.step}</button> (next collection: gen ${next.gen}, ${next.reason}).</p>` : '');
  }
  const c = list[Math.min(sel.c, list.length - 1)];
  const rows = [];
  if (list.length > 1) rows.push('<p>' + list.map((x, i) => `<button class="gcsel${x === c ? ' on' : ''}" data-c="${i}">gen ${x.gen} #${i + 1}</button>`).join(' ') + '</p>');
  rows.push(`<p>Collection of generation <b>${c.gen}</b> (${c.reason}${c.type ? ', allocating ' + esc(c.type) : ''}), counts before ${esc(JSON.stringify(c.counts))}.</p>`);
  rows.push('<div class="phases">' + c.phases.map((ph, i) => `<button class="phase${i === sel.phase ? ' on' : ''}" data-phase="${i}">${i + 1}. ${esc(ph.phase)}</button>`).join('') + '</div>');
  const ph = c.phases[sel.phase];
  if (ph) {
    rows.push(`<p class="phase-text">${esc(PHASE_TEXT[ph.phase] || '')}</p>`);
    const mine = ph.objects.filter((x) => run.graph.depth.has(x.key));
    const others = ph.objects.length - mine.length;
    if (mine.length) {
      rows.push('<table class="refs"><tr><th>object</th><th>value</th></tr>');
      for (const x of mine) rows.push(`<tr data-key="${esc(x.key)}"><td>${esc(objName(run, x.key))}</td><td data-value="${x.value}">${x.value}</td></tr>`);
      rows.push('</table>');
    } else rows.push('<p class="muted">None of the program\'s drawn objects in this phase.</p>');
    if (others) rows.push(`<p class="muted">+ ${others} object(s) of the interpreter (modules, functions, classes).</p>`);
  }
  if (c.finalized.length) rows.push(`<p>Finalizers run: ${c.finalized.map((k) => esc(objName(run, k))).join(', ')}</p>`);
  if (c.callbacks.length) rows.push(`<p>Weakref callbacks: ${c.callbacks.map((k) => esc(objName(run, k))).join(', ')}</p>`);
  if (c.end) rows.push(`<p>Result: <b data-collected="${c.end.collected}">${c.end.collected}</b> unreachable, ${c.end.uncollectable} uncollectable; counts after ${esc(JSON.stringify(c.end.counts))}.</p>`);
  return rows.join('\n');
}

// ---------------------------------------------------------------------- //
// The allocator                                                             //
// ---------------------------------------------------------------------- //

// Arenas as grids of pools (colour = size class, height of fill = use).
export function allocatorPanel(run, p, snap, selected) {
  if (!snap) return '<p class="muted">No snapshot yet.</p>';
  const selObj = selected && run.objects.get(selected);
  const selBlock = selObj && selObj.block;
  const rows = [];
  if (snap.stats) rows.push(`<p>${snap.stats.arenas} arena(s) · ${snap.stats.allocated_blocks} blocks in use · ${fmtBytes(snap.stats.bytes_in_use)} in use of ${fmtBytes(snap.stats.bytes_mapped)} mapped</p>`);
  for (const a of snap.arenas) {
    rows.push(`<div class="arena"><div class="alabel">arena ${a.index}` + (a.pools_free !== undefined ? ` · ${a.pools_free} free pool(s)` : '') + '</div><div class="pools">');
    const pools = new Map((a.pools || []).map((q) => [q.pool, q]));
    const total = Math.max(64, (a.pools_carved || 0) + (a.pools_free || 0), ...[...pools.keys()].map((k) => k + 1));
    for (let i = 0; i < total; i++) {
      const q = pools.get(i);
      const isSel = selBlock && selBlock.kind === 'small' && selBlock.arena === a.index && selBlock.pool === i;
      if (!q) { rows.push(`<div class="pool empty${isSel ? ' sel' : ''}" title="pool ${i}: free"></div>`); continue; }
      const frac = q.capacity ? q.used / q.capacity : 0;
      rows.push(`<div class="pool${isSel ? ' sel' : ''}" data-arena="${a.index}" data-pool="${i}" data-class="${q.class}" data-used="${q.used}" title="pool ${i}: class ${q.class} (${16 * (q.class + 1)}-byte blocks), ${q.used}/${q.capacity} used, ${q.state}">` +
                `<div class="pfill" style="height:${q.used ? Math.max(8, frac * 100).toFixed(0) : 0}%;background:${classColour(q.class)}"></div></div>`);
    }
    rows.push('</div></div>');
  }
  if (selObj) {
    const b = selObj.block;
    rows.push(`<p class="note" data-block-class="${b && b.kind === 'small' ? b.class : b ? b.kind : ''}">Selected ${esc(objName(run, selected))}, ${selObj.size} bytes: ` +
      (!b ? 'a static object of the interpreter (not on the heap).' : b.kind === 'small'
        ? `block ${b.index} of pool ${b.pool} in arena ${b.arena}, size class ${b.class} (${16 * (b.class + 1)}-byte blocks).`
        : b.kind === 'large' ? 'over 512 bytes: a large block from the system allocator, not in a pool.' : 'a block mapped straight from the OS (too big for an arena).') + '</p>');
  } else rows.push('<p class="muted">Click an object in the graph to see its block.</p>');
  if (snap.freelists && snap.freelists.length) {
    rows.push('<table class="refs"><tr><th>free list</th><th>kept</th><th>capacity</th></tr>');
    for (const f of snap.freelists) rows.push(`<tr><td>${esc(f.type)}${f.items !== undefined ? ` (${f.items} items)` : ''}</td><td data-freelist="${esc(f.type)}">${f.count}</td><td>${f.capacity}</td></tr>`);
    rows.push('</table>');
  }
  const s = p > 0 ? run.steps[p] : null;
  if (s && s.freelist.length) rows.push(`<p class="note">This step: ${freelistSummary(s.freelist)} (reused: no new block; kept: its block is not given back).</p>`);
  return rows.join('\n');
}

// Bytes in human units.
export function fmtBytes(n) {
  if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MiB';
  if (n >= 1024) return (n / 1024).toFixed(1) + ' KiB';
  return n + ' B';
}

// ---------------------------------------------------------------------- //
// Lists                                                                     //
// ---------------------------------------------------------------------- //

// Every drawn list, dict and set alive at p: len vs capacity.
export function listsPanel(run, p, snap) {
  if (!snap) return '<p class="muted">No snapshot yet.</p>';
  const rows = [];
  for (const key of run.graph.keys) {
    const so = snap.byKey.get(key);
    if (!so || so.capacity === undefined) continue;
    const st = objectState(run, key, p, snap);
    if (!st || st.status !== 'alive') continue;
    const cap = Math.max(so.capacity, so.len, 1);
    rows.push(`<div class="lst" data-key="${esc(key)}"><div>${esc(objName(run, key))} <span class="muted">${esc((so.repr || '').slice(0, 40))}</span></div>` +
      `<div class="cells">${Array.from({ length: Math.min(cap, 64) }, (_, i) => `<span class="cell${i < so.len ? ' used' : ''}"></span>`).join('')}${cap > 64 ? '…' : ''}</div>` +
      `<div>len <b data-len="${so.len}">${so.len}</b> · capacity <b data-capacity="${so.capacity}">${so.capacity}</b> · getsizeof ${so.size}</div></div>`);
  }
  if (!rows.length) return '<p class="muted">No list, dict or set of the program is alive here.</p>';
  rows.push('<p class="muted">A list over-allocates when it grows (new capacity ≈ len + len/8 + 6, rounded to 4) so that append is amortised O(1); it shrinks when len falls below half the capacity.</p>');
  return rows.join('\n');
}

// ---------------------------------------------------------------------- //
// Collection log and why-alive                                              //
// ---------------------------------------------------------------------- //

// Every collection of the run; the ones up to p highlighted.
export function logPanel(run, p) {
  if (!run.collections.length) return '<p class="muted">No collection in this run.</p>';
  const rows = ['<table class="refs"><tr><th>step</th><th>line</th><th>gen</th><th>reason</th><th>found</th></tr>'];
  for (const c of run.collections) {
    const line = c.step > 0 ? run.steps[c.step].line : '';
    rows.push(`<tr class="${c.step <= p ? 'past' : 'future'}"><td><button class="jump" data-step="${c.step}">${c.step}</button></td><td>${line}</td><td>${c.gen}</td>` +
              `<td>${esc(c.reason)}${c.type ? ' (' + esc(c.type) + ')' : ''}</td><td data-collected="${c.end ? c.end.collected : ''}">${c.end ? c.end.collected : '?'}</td></tr>`);
  }
  rows.push('</table>');
  return rows.join('\n');
}

// Why the selected object is (still) alive at p.
export function whyPanel(run, p, snap, key) {
  if (!key) return '<p class="muted">Click an object in the graph.</p>';
  const st = objectState(run, key, p, snap);
  const name = esc(objName(run, key));
  if (!st || st.status === 'hidden') return `<p>${name} does not exist yet at this step.</p>`;
  if (st.status === 'freed') return `<p data-why="freed">${name} was freed at step ${st.o.freed}${st.last ? ` (${esc(st.last.cause)})` : ''}.</p>`;
  const w = whyAlive(snap, key);
  if (w.alive === 'reachable') {
    const hops = w.path.map((k) => esc(objName(run, k)));
    return `<p data-why="reachable">${name} is alive: refcount <b>${st.refcount}</b>, reachable from the name <b>${esc(w.root.name)}</b> in ${esc(w.root.frame)}:</p><p class="path">${esc(w.root.name)} → ${hops.reverse().join(' → ')}</p>`;
  }
  if (w.alive === 'cycle') {
    return `<p data-why="cycle">${name} is unreachable from every name, but its refcount (<b>${st.refcount}</b>) is not 0: it is part of a reference cycle. ` +
      `Only the cycle collector frees it — when generation ${Math.max(0, w.gen)} is next collected` +
      (w.counts ? ` (gen0 count ${w.counts[0]} of ${w.thresholds[0]})` : '') + ', or at gc.collect().</p>';
  }
  return `<p data-why="refcount">${name} has refcount <b>${st.refcount}</b> but no name reaches it: something the page cannot see holds it (the interpreter, a C-level cache).</p>`;
}
