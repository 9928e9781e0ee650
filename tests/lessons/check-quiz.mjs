// check-quiz.mjs -- every lesson quiz question resolves on the engine's
// event stream, with the page's own resolver (web/lessons/quiz.mjs).
//
//   node tests/lessons/check-quiz.mjs REFGC_BINARY
//
// For each lesson of web/lessons/lessons.json: run
// `refgc run --json [--snapshot-at LINE]... SNIPPET` (the lines the quiz
// needs snapshots at), then check
//   - the run finished within the page's default step cap (PAGE_STEP_CAP:
//     a lesson must run whole in the page as it opens), and its stdout ("output" events) is exactly the
//     lesson's expected output (python3's, tests/lessons/expected/ID.out);
//   - every question resolves to a value (no error);
//   - a question with choices gets one of its choices;
//   - an "output" answer is a line or a word of the expected output (so it
//     is python3's number as well as refgc's);
//   - the value is the one in tests/lessons/quiz-answers.json (worked out by
//     hand from the lesson's explanation: a change in the engine that moves
//     an answer shows here).
// Last line: `quiz: P of N questions passed`.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseStream, resolveAnswer, checkGuess, snapshotLines } from "../../web/lessons/quiz.mjs";

const PAGE_STEP_CAP = 1000;
const here = dirname(fileURLToPath(import.meta.url));
const lessonsDir = join(here, "..", "..", "web", "lessons");

function main() {
  if (process.argv.length !== 3) {
    console.error("usage: node check-quiz.mjs REFGC_BINARY");
    return 2;
  }
  const refgc = process.argv[2];
  const index = JSON.parse(readFileSync(join(lessonsDir, "lessons.json"), "utf8"));
  const golden = JSON.parse(readFileSync(join(here, "quiz-answers.json"), "utf8"));
  let passed = 0;
  let total = 0;
  for (const lesson of index.lessons) {
    const args = ["run", "--json"];
    for (const line of snapshotLines(lesson)) args.push("--snapshot-at", String(line));
    args.push(lesson.snippet);
    const expected = readFileSync(join(here, "expected", lesson.id + ".out"), "utf8");
    let events;
    const problems = [];
    try {
      const text = execFileSync(refgc, args, { cwd: lessonsDir, maxBuffer: 1 << 30, encoding: "utf8" });
      events = parseStream(text);
    } catch (err) {
      console.log(`FAIL ${lesson.id}: refgc ${args.join(" ")}: ${err.message.split("\n")[0]}`);
      total += lesson.quiz.length;
      continue;
    }
    const end = events[events.length - 1];
    if (!end || end.ev !== "end" || end.reason !== "finished") problems.push(`the run did not finish: ${JSON.stringify(end)}`);
    else if (end.steps > PAGE_STEP_CAP) problems.push(`${end.steps} steps: over the page's default cap of ${PAGE_STEP_CAP}`);
    const stdout = events.filter((e) => e.ev === "output" && e.stream === "stdout").map((e) => e.text).join("");
    if (stdout !== expected) problems.push(`stdout of the stream differs from python3's:\n${stdout}`);
    if (problems.length) console.log(`FAIL ${lesson.id}: ${problems.join("; ")}`);
    const want = golden[lesson.id] || [];
    const expLines = expected.split("\n");
    const expWords = expected.split(/\s+/);
    lesson.quiz.forEach((q, k) => {
      total++;
      const name = `${lesson.id} #${k + 1} (line ${q.at.line}${q.at.occurrence ? " x" + q.at.occurrence : ""}, ${q.answer.kind})`;
      const r = resolveAnswer(events, q);
      const errs = [...problems.map(() => "lesson run failed").slice(0, 1)];
      if (r.error !== undefined) errs.push(r.error);
      else {
        if (q.choices && !q.choices.some((c) => checkGuess(c, r.value))) errs.push(`${r.value} is not a choice`);
        if (q.answer.kind === "output" && !expected.includes(r.value + "\n") && !expLines.includes(r.value) && !expWords.includes(r.value))
          errs.push(`${JSON.stringify(r.value)} is not in python3's output`);
        if (k >= want.length) errs.push(`no golden answer in quiz-answers.json (value ${JSON.stringify(r.value)})`);
        else if (!checkGuess(want[k], r.value)) errs.push(`value ${JSON.stringify(r.value)}, expected ${JSON.stringify(want[k])}`);
      }
      if (errs.length) console.log(`FAIL ${name}: ${errs.join("; ")}`);
      else {
        console.log(`ok   ${name} = ${JSON.stringify(r.value)}`);
        passed++;
      }
    });
  }
  console.log(`quiz: ${passed} of ${total} questions passed`);
  return passed === total ? 0 : 1;
}

process.exit(main());
