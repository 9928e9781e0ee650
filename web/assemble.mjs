// assemble.mjs -- puts the page together: web/src/index.html with the CSS,
// the bundled page script, the engine + worker (the Worker's source, run
// from a Blob URL: sim.js followed by src/worker.js bundled with model.js)
// and the lessons (texts and snippets inlined) written into it.
// Usage: node assemble.mjs OUT  (reads OUT/main.bundle.js, OUT/sim.js).
import fs from 'fs';
import path from 'path';
import esbuild from 'esbuild';

const out = process.argv[2];
const here = path.dirname(new URL(import.meta.url).pathname);
const read = (p) => fs.readFileSync(p, 'utf8');

// Text safe inside <script>: no "</script" (nor "<!--") can end it early.
const scriptSafe = (s) => s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const lessonsDir = path.join(here, 'lessons');
let lessons = { schema: 1, lessons: [] };
try {
  lessons = JSON.parse(read(path.join(lessonsDir, 'lessons.json')));
  for (const l of lessons.lessons) {
    l.textContent = read(path.join(lessonsDir, l.text));
    l.snippetText = read(path.join(lessonsDir, l.snippet));
  }
} catch (e) {
  console.error(`assemble.mjs: lessons left out (${e.message})`);
}

// The worker script: the engine (it defines createSim) then worker.js and
// what it imports, as one classic script.
const workerJs = esbuild.buildSync({
  entryPoints: [path.join(here, 'src', 'worker.js')], bundle: true, format: 'iife', minify: true,
  target: 'chrome100', write: false, logLevel: 'warning',
}).outputFiles[0].text;
const worker = read(path.join(out, 'sim.js')) + '\n' + workerJs;
const parts = {
  CSS: read(path.join(here, 'src', 'style.css')),
  JS: scriptSafe(read(path.join(out, 'main.bundle.js'))),
  WORKER: scriptSafe(worker),
  LESSONS: scriptSafe(JSON.stringify(lessons)),
};
const html = read(path.join(here, 'src', 'index.html')).replace(/\/\*@(CSS|JS|WORKER|LESSONS)@\*\//g, (_, k) => parts[k]);
fs.writeFileSync(path.join(out, 'index.html'), html);
console.log(`assemble.mjs: ${path.join(out, 'index.html')} (${(html.length / 1048576).toFixed(1)} MiB)`);
