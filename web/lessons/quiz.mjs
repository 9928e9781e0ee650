// quiz.mjs -- the lesson quizzes' answers, read from the engine's event
// stream (docs/events.md, schema 1).  One implementation for the page (its
// quiz mode) and the tests (tests/lessons/check-quiz.mjs under node): an
// answer is never written in lessons.json, only the query that finds it in
// the stream, so it is always the number the engine shows.
//
// Terms (web/lessons/README.md documents them for the page):
//   step      a {"ev": "step"} event: the line about to run.
//   at        {line, occurrence = 1, frame?}: the occurrence-th step event
//             whose line is `line` (and whose frame is `frame`, if given).
//             The quiz pauses there, before that line runs.
//   span      the events of that step and of everything it calls: from the
//             step event up to the next step event at the same or a smaller
//             depth (or the end of the stream).
//   snapshot  the state after the step: the last "snapshot" event in the
//             span, else one written right after it (before any further
//             step event).  Needs snapshots at that line (the page takes
//             one after every step; `refgc run --json --snapshot-at LINE`).
//
// No dependencies; runs in browsers, workers and node >= 14.

// Parse JSON Lines text into an array of events (blank lines skipped).
export function parseStream(text) {
  const events = [];
  for (const line of text.split("\n")) {
    if (line.trim() !== "") events.push(JSON.parse(line));
  }
  return events;
}

// Index in events of the step event `at` names, or -1.
export function locateStep(events, at) {
  let seen = 0;
  const want = at.occurrence === undefined ? 1 : at.occurrence;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.ev !== "step" || e.line !== at.line) continue;
    if (at.frame !== undefined && e.frame !== at.frame) continue;
    if (++seen === want) return i;
  }
  return -1;
}

// [start, end) of the span of the step event at index i.
export function stepSpan(events, i) {
  const depth = events[i].depth || 0;
  for (let j = i + 1; j < events.length; j++) {
    const e = events[j];
    if (e.ev === "step" && (e.depth || 0) <= depth) return [i, j];
    if (e.ev === "end") return [i, j];
  }
  return [i, events.length];
}

// The snapshot after the span [start, end), or null.
function snapshotAfter(events, start, end) {
  for (let k = end - 1; k > start; k--) if (events[k].ev === "snapshot") return events[k];
  for (let k = end; k < events.length; k++) {
    const e = events[k];
    if (e.ev === "snapshot") return e;
    if (e.ev === "step" && k !== end) break;
    if (e.ev === "end") break;
  }
  return null;
}

// The snapshot object a query selects: by `name` (innermost frame first)
// or by `type` (all objects of that type; they must agree on `field`).
function selectObjects(snap, query) {
  const byId = new Map(snap.objects.map((o) => [o.id, o]));
  if (query.name !== undefined) {
    const frames = snap.frames || [];
    for (let f = frames.length - 1; f >= 0; f--) {
      for (const n of frames[f].names || []) {
        if (n.name === query.name) {
          const o = byId.get(n.id);
          return o ? [o] : [];
        }
      }
    }
    return [];
  }
  if (query.type !== undefined) return snap.objects.filter((o) => o.type === query.type);
  return [];
}

// One field of the selected objects, as a string; throws when the objects
// are missing or disagree.
function objectField(snap, query, get) {
  const objs = selectObjects(snap, query);
  if (objs.length === 0) throw new Error(`no object ${query.name || query.type} in the snapshot`);
  const values = new Set(objs.map((o) => String(get(o))));
  if (values.size !== 1) throw new Error(`objects of ${query.type} disagree: ${[...values]}`);
  return [...values][0];
}

// Pick element k of a list, negative from the end.
function pick(list, k, what) {
  const idx = k < 0 ? list.length + k : k;
  if (idx < 0 || idx >= list.length) throw new Error(`no ${what} ${k}`);
  return list[idx];
}

// The answer to question (a lessons.json quiz entry) on events:
// {value: string, index: step event index}, or {error: string}.
export function resolveAnswer(events, question) {
  const i = locateStep(events, question.at);
  if (i < 0) {
    const occ = question.at.occurrence || 1;
    return { error: `line ${question.at.line} (occurrence ${occ}) never runs` };
  }
  const [start, end] = stepSpan(events, i);
  const span = events.slice(start, end);
  const q = question.answer;
  try {
    switch (q.kind) {
      case "output": {
        let text = span
          .filter((e) => e.ev === "output" && e.stream === "stdout")
          .map((e) => e.text)
          .join("");
        if (text.endsWith("\n")) text = text.slice(0, -1);
        if (q.line !== undefined) text = pick(text.split("\n"), q.line, "output line");
        if (q.token !== undefined) text = pick(text.trim().split(/\s+/), q.token, "token");
        return { value: text, index: i };
      }
      case "gc_fires": {
        const fired = span.some((e) => e.ev === "gc_start" && (q.reason === undefined || e.reason === q.reason));
        return { value: fired ? "yes" : "no", index: i };
      }
      case "trim": {
        const gave = span.some((e) => e.ev === "trim" && e.bytes > 0);
        return { value: gave ? "yes" : "no", index: i };
      }
      case "refcount":
      case "capacity":
      case "size_class":
      case "gc_count": {
        const snap = snapshotAfter(events, start, end);
        if (snap === null) throw new Error("no snapshot after the step");
        if (q.kind === "gc_count") return { value: String(pick(snap.gc.counts, q.gen || 0, "generation")), index: i };
        const get = {
          refcount: (o) => o.refcount,
          capacity: (o) => o.capacity,
          size_class: (o) => (o.block && o.block.kind === "small" ? o.block.class : o.block ? o.block.kind : "none"),
        }[q.kind];
        return { value: objectField(snap, q, get), index: i };
      }
      default:
        throw new Error(`unknown query kind ${q.kind}`);
    }
  } catch (err) {
    return { error: err.message };
  }
}

// Whether a learner's guess matches the engine's value: numbers compare as
// numbers, the rest as text ignoring case and runs of blanks.
export function checkGuess(guess, value) {
  const norm = (s) => String(s).trim().replace(/\s+/g, " ").toLowerCase();
  const g = norm(guess);
  const v = norm(value);
  if (g !== "" && v !== "" && !Number.isNaN(Number(g)) && !Number.isNaN(Number(v))) return Number(g) === Number(v);
  return g === v;
}

// The lines a lesson's quiz needs snapshots at (for `--snapshot-at`).
export function snapshotLines(lesson) {
  const kinds = new Set(["refcount", "capacity", "size_class", "gc_count"]);
  const lines = new Set();
  for (const q of lesson.quiz || []) if (kinds.has(q.answer.kind)) lines.add(q.at.line);
  return [...lines].sort((a, b) => a - b);
}
