// sim-run.cjs -- the wasm engine (build/web/sim.js) from node, as the page's
// worker runs it: node --experimental-wasm-memory64 sim-run.cjs SIM.js FILE [MAX_STEPS]
// writes the JSON Lines stream (snapshots after every step) on stdout.
const fs = require('fs');
const createSim = require(process.argv[2]);
const source = fs.readFileSync(process.argv[3], 'utf8');
const maxSteps = Number(process.argv[4] || 0);
createSim({ print() {}, printErr() {} }).then((M) => {
  const bytes = new TextEncoder().encode(source);
  const p = M._malloc(bytes.length + 1);
  M.HEAPU8.set(bytes, p);
  M.HEAPU8[p + bytes.length] = 0;
  const r = M._sim_run(BigInt(p), BigInt(bytes.length), BigInt(maxSteps), 1);
  if (Number(r) === 0) { process.stderr.write('sim-run: the engine could not start\n'); process.exit(1); }
  const n = Number(M._sim_result_len());
  process.stdout.write(Buffer.from(M.HEAPU8.subarray(Number(r), Number(r) + n)));
});
