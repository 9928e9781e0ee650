#!/bin/sh
# build.sh -- builds refgc's simulator page (issue 5 item 3).
#
#   web/build.sh [OUT]        OUT defaults to <repo>/build/web
#
# Inputs:  src/{os,alloc,object,gc,events,types,lang}/*.c, include/, web/sim.c, web/wasm64_rt.c,
#          web/wasm64.js, web/wasm.mk, web/src/*, web/lessons/*, web/package.json + package-lock.json.
# Outputs: OUT/index.html   the page: ONE self-contained file (engine, editor, lessons inside);
#                           works from file:// and from `refgc serve`.
#          OUT/sim.js       the engine alone (wasm64 inside; node 20 loads it with
#                           --experimental-wasm-memory64): tests use it.
#          OUT/lessons/     a copy of web/lessons (serve validates --open against it).
# Needs:   emcc (Debian's emscripten 3.1.6), node 20, npm (registry reachable for `npm ci`).
#          The first build compiles emscripten's wasm64 system libraries (Debian ships only
#          wasm32 ones) into $REFGC_EM_CACHE (default OUT/.emcache): ~4 minutes, once.
# Environment: REFGC_EM_CACHE, JOBS (default 2).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/build/web}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
JOBS=${JOBS:-2}
EMDIR=$OUT/.em
CACHE=${REFGC_EM_CACHE:-$OUT/.emcache}
mkdir -p "$EMDIR"

# --- emscripten 3.1.6 for wasm64 on node 20 --------------------------------
# Its config freezes the cache (only wasm32 libraries are shipped): use our own
# config and cache.  It runs node with --experimental-wasm-bigint, which node 20
# rejects: a wrapper drops that flag (and enables memory64).
EMCONF=/usr/share/emscripten/.emscripten
[ -f "$EMCONF" ] || { echo "build.sh: emscripten not installed ($EMCONF missing)" >&2; exit 1; }
cat > "$EMDIR/node" <<'WRAP'
#!/bin/sh
for a in "$@"; do shift; case "$a" in --experimental-wasm-bigint) ;; *) set -- "$@" "$a";; esac; done
exec node --experimental-wasm-memory64 "$@"
WRAP
chmod +x "$EMDIR/node"
sed -e 's/^FROZEN_CACHE = .*/FROZEN_CACHE = False/' -e "s|^NODE_JS = .*|NODE_JS = '$EMDIR/node'|" "$EMCONF" > "$EMDIR/config"
if [ ! -d "$CACHE/sysroot" ]; then
  mkdir -p "$CACHE"
  cp -r /usr/share/emscripten/cache/. "$CACHE/"
  echo "build.sh: first wasm64 build: emscripten compiles its system libraries into $CACHE (a few minutes)"
fi
export EM_CONFIG="$EMDIR/config" EM_CACHE="$CACHE" NODE_PATH=/usr/share/nodejs

# --- the engine --------------------------------------------------------------
# One emcc first, alone: a new config makes emcc re-check and re-install its
# headers into the cache, which parallel compilers would race on.
printf 'int rg_web_probe(void);\nint rg_web_probe(void) { return 0; }\n' > "$EMDIR/probe.c"
emcc -sMEMORY64=1 -c "$EMDIR/probe.c" -o "$EMDIR/probe.o" 2>&1 | grep -v '^cache:INFO\|^shared:INFO' >&2 || true
make -s -f "$ROOT/web/wasm.mk" ROOT="$ROOT" OUT="$OUT" -j"$JOBS" 2>&1 \
  | grep -v -e 'signature mismatch' -e 'defined as' -e 'gnu-variable-sized-type-not-at-end' -e '^ *[0-9]* | ' \
            -e 'warnings\? generated' -e '^cache:INFO' -e '^shared:INFO' -e '^ *| *\^' -e '^In file included' -e '^ *\^$' -e '^$' >&2 || true
[ -s "$OUT/sim.js" ] || { echo "build.sh: the engine did not build" >&2; exit 1; }
[ "$OUT/sim.js" -nt "$ROOT/web/sim.c" ] || { echo "build.sh: the engine did not build" >&2; exit 1; }

# --- the page ------------------------------------------------------------------
cd "$ROOT/web"
if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi
node_modules/.bin/esbuild src/main.js --bundle --format=iife --minify --target=chrome100 \
  --log-level=warning --outfile="$OUT/main.bundle.js"
node assemble.mjs "$OUT"
rm -rf "$OUT/lessons"
cp -r "$ROOT/web/lessons" "$OUT/lessons"
echo "build.sh: $OUT/index.html"
