// worker.js -- runs inside the Web Worker the page makes from a Blob URL:
// the engine (sim.js, prepended by the build; assemble.mjs bundles this file
// with model.js) runs one snippet per {cmd: 'run'} message, and the worker
// parses its JSON Lines here, off the page's thread: it posts the events
// (snapshots deduplicated by model.js's parseLines: what did not change
// between steps is one shared object, and structured clone copies it once)
// and keeps the stream's text for {cmd: 'text'} (the Trace export) until
// the next run.
//
// Every run gets a fresh instance (a few ms): a second run in the same
// instance would not start from the same heap, and the stream must equal
// `refgc run --json`'s byte for byte.  A runaway snippet stops at the step
// cap; the page's stop button terminates the whole worker and starts a new
// one.
/* global createSim */
import { parseLines } from './model.js';

let modulePromise = null;
let lastText = '';

// A fresh engine instance (the next one is prepared while the page renders).
function engine() {
  const m = modulePromise || createSim({ print: () => {}, printErr: () => {} });
  modulePromise = null;
  return m;
}

// Prepare the instance for the next run.
function prepare() {
  if (!modulePromise) modulePromise = createSim({ print: () => {}, printErr: () => {} });
}

// Run source: returns the stream text and the engine's memory size.
function runSource(M, source, maxSteps) {
  const bytes = new TextEncoder().encode(source);
  const p = M._malloc(bytes.length + 1);
  M.HEAPU8.set(bytes, p);
  M.HEAPU8[p + bytes.length] = 0;
  const r = M._sim_run(BigInt(p), BigInt(bytes.length), BigInt(maxSteps), 1);
  M._free(p);
  if (Number(r) === 0) throw new Error('the engine could not start (out of memory)');
  const n = Number(M._sim_result_len());
  const text = new TextDecoder().decode(M.HEAPU8.subarray(Number(r), Number(r) + n));
  M._sim_free();
  return text;
}

// Post the run: its events (parsed here) and timings.
function post(id, text, extra) {
  const t0 = performance.now();
  const { events, bad } = parseLines(text);
  lastText = text;
  self.postMessage({ id, events, bad, bytes: text.length, parseMs: performance.now() - t0, ...extra });
}

self.onmessage = (msg) => {
  const { cmd, id, source, maxSteps } = msg.data;
  if (cmd === 'ping') {
    prepare();
    modulePromise.then(() => self.postMessage({ id, ok: true }), (e) => self.postMessage({ id, error: String(e) }));
    return;
  }
  if (cmd === 'text') { self.postMessage({ id, text: lastText }); return; }
  if (cmd !== 'run') return;
  lastText = '';
  engine().then((M) => {
    const t0 = performance.now();
    let text;
    try {
      text = runSource(M, source, maxSteps);
    } catch (e) {
      // A trap (the browser's native stack overflowing in a deep C
      // recursion): the stream written so far is still in memory.
      const why = e && e.message ? e.message : String(e);
      let partial = '';
      try {
        const n = Number(M._sim_result_len()), p = Number(M._sim_result_data());
        if (p && n) partial = new TextDecoder().decode(M.HEAPU8.subarray(p, p + n));
      } catch (e2) { /* nothing to show */ }
      prepare();
      const message = /call stack/i.test(why)
        ? 'The engine ran out of the browser\'s native stack (a very deep recursion in C, e.g. a 100,000-deep expression): native refgc raises RecursionError/MemoryError here. Showing the steps up to that point.'
        : 'The engine stopped: ' + why;
      if (partial) post(id, partial, { error: message });
      else self.postMessage({ id, error: message });
      return;
    }
    const engineMs = performance.now() - t0;
    const wasmBytes = M.HEAPU8.length;
    M = null;
    post(id, text, { engineMs, wasmBytes });
    prepare();
  }, (e) => self.postMessage({ id, error: 'the engine did not load: ' + e }));
};
