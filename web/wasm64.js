// wasm64.js -- emcc --js-library for emscripten 3.1.6 with -sMEMORY64=1.
//
// 3.1.6's own JS versions of the imports below take pointers as Numbers,
// but a wasm64 module passes them as BigInt ("Cannot mix BigInt and other
// types" at start-up).  These replacements take and return what the wasm
// signatures say (i64 = BigInt).  The engine needs no file system: files do
// not exist, stdout/stderr go to the console (the trace captures the
// program's own output itself).
mergeInto(LibraryManager.library, {
  $w64n: function (v) { return Number(v); },

  abort: function () { abort('native code called abort()'); },

  clock_gettime__deps: ['$w64n'],
  clock_gettime: function (clk, tp) {
    var ms = (clk === 0) ? Date.now() : performance.now();
    var p = w64n(tp);
    HEAP64[p >>> 3] = BigInt(Math.floor(ms / 1000));
    HEAP64[(p + 8) >>> 3] = BigInt(Math.floor((ms % 1000) * 1e6));
    return 0;
  },

  emscripten_memcpy_big__deps: ['$w64n'],
  emscripten_memcpy_big: function (dest, src, num) {
    var s = w64n(src);
    HEAPU8.copyWithin(w64n(dest), s, s + w64n(num));
    return dest;
  },

  emscripten_resize_heap__deps: ['$w64n'],
  emscripten_resize_heap: function (requested) {
    var want = w64n(requested), have = HEAPU8.length;
    if (want <= have) return 1;
    var max = 4 * 1024 * 1024 * 1024;
    if (want > max) return 0;
    var size = Math.min(max, Math.max(want, have * 2));
    size = Math.ceil(size / 65536) * 65536;
    var pages = (size - have) / 65536;
    try {
      try { wasmMemory.grow(pages); } catch (e) { wasmMemory.grow(BigInt(pages)); }
    } catch (e) {
      return 0;
    }
    updateGlobalBufferAndViews(wasmMemory.buffer);
    return 1;
  },

  __syscall_open: function () { return BigInt(-44); },
  __syscall_fcntl64: function () { return BigInt(0); },
  __syscall_ioctl: function () { return BigInt(-59); },
  __syscall_fstat64: function () { return BigInt(-52); },
  __syscall_stat64: function () { return BigInt(-44); },
  __syscall_fstatat64: function () { return BigInt(-44); },
  __syscall_lstat64: function () { return BigInt(-44); },

  $w64lines: {1: '', 2: ''},
  fd_write__deps: ['$w64n', '$w64lines'],
  fd_write: function (fd, iov, iovcnt, pnum) {
    var total = 0, p = w64n(iov), n = w64n(iovcnt), text = '';
    for (var i = 0; i < n; i++) {
      var base = Number(HEAP64[(p + 16 * i) >>> 3]);
      var len = Number(HEAP64[(p + 16 * i + 8) >>> 3]);
      text += UTF8ArrayToString(HEAPU8, base, len);
      total += len;
    }
    if (fd === 1 || fd === 2) {
      var buf = w64lines[fd] + text, k;
      while ((k = buf.indexOf('\n')) >= 0) {
        (fd === 1 ? out : err)(buf.slice(0, k));
        buf = buf.slice(k + 1);
      }
      w64lines[fd] = buf;
    }
    HEAP64[w64n(pnum) >>> 3] = BigInt(total);
    return 0;
  },
  fd_read: function () { return 52; },
  fd_close: function () { return 0; },
  fd_seek: function () { return 70; },
  fd_fdstat_get__deps: ['$w64n'],
  fd_fdstat_get: function (fd, pbuf) {
    var p = w64n(pbuf);
    HEAPU8.fill(0, p, p + 24);
    /* filetype 0 (unknown): not a character device, so isatty() is 0 as for
     * `refgc run --json | ...` (stdout line buffering changes the stream). */
    HEAPU8[p] = 0;
    return 0;
  },

  environ_sizes_get__deps: ['$w64n'],
  environ_sizes_get: function (pcount, psize) {
    HEAP64[w64n(pcount) >>> 3] = BigInt(0);
    HEAP64[w64n(psize) >>> 3] = BigInt(0);
    return 0;
  },
  environ_get: function () { return 0; },
});
