/*
 * debug.c -- the debug layer of a heap made with RG_HEAP_DEBUG.
 *
 * Owns: CPython's debug hooks (PYTHONMALLOC=debug) rebuilt for refgc, plus
 * a quarantine.  Each request of n bytes takes n+24 bytes from the normal
 * small-or-large path and is laid out as CPython does:
 *
 *   base+0   n, 8 bytes big endian
 *   base+8   API id: 'm' (rg_malloc family) or 'o' (rg_obj_ family)
 *   base+9   7 x 0xFD  (FORBIDDENBYTE)
 *   base+16  data: n x 0xCD (CLEANBYTE) unless calloc'd   <- returned
 *   +n       8 x 0xFD
 *
 * On free the block is checked (double free, underrun, API mismatch,
 * overrun), filled with 0xDD (DEADBYTE) and held in a FIFO quarantine;
 * when it leaves (quarantine full, rg_trim, rg_heap_delete) it must still
 * be all 0xDD, else a write after free is reported.  Every report prints the
 * address, the size and the bytes found, then aborts.
 *
 * Must not: be reachable from a normal heap's fast paths.
 */
#include <errno.h>
#include <stdio.h>

#include "alloc.h"
#include "../os/valgrind.h"

/* ====================================================================== */
/* Layout helpers                                                          */
/* ====================================================================== */

static void write_size_be(uint8_t *q, size_t n)
{
    for (int i = 7; i >= 0; i--) {
        q[i] = (uint8_t)(n & 0xff);
        n >>= 8;
    }
}

static size_t read_size_be(const uint8_t *q)
{
    size_t n = 0;
    for (int i = 0; i < 8; i++) n = (n << 8) | q[i];
    return n;
}

size_t rg_debug_size(const void *p)
{
    return read_size_be((const uint8_t *)p - RG_DEBUG_HEAD);
}

/* Bytes the underlying block of debug block base offers. */
static size_t underlying_size(const uint8_t *base)
{
    uintptr_t entry = rg_map_lookup((uintptr_t)base);
    if (entry != 0) {
        rg_arena *arena = RG_MAP_ARENA(entry);
        return RG_CLASS_SIZE(rg_pool_of(arena, base)->szidx);
    }
    return rg_large_of(base)->size;
}

/* Does size field n match the underlying block base exactly? */
static int size_fits(const uint8_t *base, size_t n)
{
    size_t room = underlying_size(base);
    if (n > room || room - n < RG_DEBUG_EXTRA) return 0;
    size_t slack = room - n - RG_DEBUG_EXTRA;
    return rg_map_lookup((uintptr_t)base) != 0 ? slack < RG_ALIGNMENT : slack == 0;
}

/* The API id byte as the reports show it: 'm', or \x.. when unprintable. */
static const char *id_text(char buf[8], uint8_t id)
{
    if (id >= 0x20 && id < 0x7f) snprintf(buf, 8, "'%c'", id);
    else snprintf(buf, 8, "\\x%02x", id);
    return buf;
}

static const char *api_name(char api)
{
    return api == 'o' ? "rg_obj_ family" : api == 'm' ? "rg_malloc family" : "unknown";
}

/* ====================================================================== */
/* Reports                                                                 */
/* ====================================================================== */

/* Print pad bytes at q[0..n) labelled "at <label>+i", flagging bad ones. */
static void dump_pads(const uint8_t *q, int n, const char *label, int descending)
{
    for (int k = 0; k < n; k++) {
        int i = descending ? n - k : k;
        uint8_t byte = descending ? q[-i] : q[i];
        fprintf(stderr, "        at %s%c%d: 0x%02x%s\n", label, descending ? '-' : '+', i,
                byte, byte != RG_FORBIDDENBYTE ? " *** OUCH" : "");
    }
}

/* CPython's _PyObject_DebugDumpAddress, for a block whose size field is
 * trusted only if it fits the underlying block. */
static void dump_block(const uint8_t *p)
{
    const uint8_t *base = p - RG_DEBUG_HEAD;
    size_t n = read_size_be(base);
    size_t room = underlying_size(base);
    char idbuf[8];
    fprintf(stderr, "Debug memory block at address p=%p: API %s\n", (const void *)p,
            id_text(idbuf, base[8]));
    fprintf(stderr, "    %zu bytes originally requested\n", n);
    int lead_ok = 1;
    for (int i = 1; i <= 7; i++)
        if (p[-i] != RG_FORBIDDENBYTE) lead_ok = 0;
    fprintf(stderr, "    The 7 pad bytes at p-7 are ");
    if (lead_ok) {
        fputs("FORBIDDENBYTE, as expected.\n", stderr);
    } else {
        fprintf(stderr, "not all FORBIDDENBYTE (0x%02x):\n", RG_FORBIDDENBYTE);
        dump_pads(p, 7, "p", 1);
    }
    if (n > room || room - n < RG_DEBUG_EXTRA) {
        fprintf(stderr, "    The size field is corrupt (the block has room for %zu bytes);"
                        " the tail is not read.\n", room >= RG_DEBUG_EXTRA ? room - RG_DEBUG_EXTRA : 0);
        fputc('\n', stderr);
        return;
    }
    const uint8_t *tail = p + n;
    int tail_ok = 1;
    for (int i = 0; i < 8; i++)
        if (tail[i] != RG_FORBIDDENBYTE) tail_ok = 0;
    fprintf(stderr, "    The 8 pad bytes at tail=%p are ", (const void *)tail);
    if (tail_ok) {
        fputs("FORBIDDENBYTE, as expected.\n", stderr);
    } else {
        fprintf(stderr, "not all FORBIDDENBYTE (0x%02x):\n", RG_FORBIDDENBYTE);
        dump_pads(tail, 8, "tail", 0);
    }
    if (n > 0) {
        fputs("    Data at p:", stderr);
        const uint8_t *q = p;
        for (int i = 0; q < tail && i < 8; i++, q++) fprintf(stderr, " %02x", *q);
        if (q < tail) {
            if (tail - q > 8) {
                fputs(" ...", stderr);
                q = tail - 8;
            }
            for (; q < tail; q++) fprintf(stderr, " %02x", *q);
        }
        fputc('\n', stderr);
    }
    fputc('\n', stderr);
}

/* Check the decorations of a live debug block; report and abort if any is
 * wrong.  The order puts the most specific diagnosis first. */
static void check_block(const rg_heap *heap, const char *func, char api, const uint8_t *p)
{
    const uint8_t *base = p - RG_DEBUG_HEAD;
    /* A double free reads a quarantined (NOACCESS) header: the diagnosis is
     * the layer's own, not memcheck's (valgrind.h).  A live header is
     * defined already. */
    RG_VG_DEFINED(base, RG_DEBUG_HEAD);
    int all_dead = 1;
    for (int i = 8; i < RG_DEBUG_HEAD; i++)
        if (base[i] != RG_DEADBYTE) all_dead = 0;
    if (all_dead) {
        fprintf(stderr, "Debug memory block at address p=%p: already freed\n", (const void *)p);
        for (size_t k = 0; k < heap->quarantine_len; k++) {
            const rg_quarantined *q = &heap->quarantine[(heap->quarantine_head + k) % heap->config.debug_quarantine];
            if (q->base == base) {
                fprintf(stderr, "    %zu bytes originally requested\n    API '%c', freed and still in the quarantine\n", q->size, q->api);
                break;
            }
        }
        fprintf(stderr, "    its API id and pad bytes hold DEADBYTE (0x%02x)\n\n", RG_DEADBYTE);
        rg_fatal(func, "double free of p=%p", (const void *)p);
    }
    for (int i = 1; i <= 7; i++) {
        if (p[-i] != RG_FORBIDDENBYTE) {
            dump_block(p);
            rg_fatal(func, "buffer underrun: bad leading pad byte at p-%d of p=%p", i,
                     (const void *)p);
        }
    }
    char id = (char)base[8];
    if (id != 'm' && id != 'o') {
        dump_block(p);
        rg_fatal(func, "buffer underrun: bad API id byte 0x%02x at p-8 of p=%p", (uint8_t)id,
                 (const void *)p);
    }
    if (id != api) {
        dump_block(p);
        rg_fatal(func, "API mismatch: p=%p allocated using API '%c' (%s), freed using API '%c' (%s)",
                 (const void *)p, id, api_name(id), api, api_name(api));
    }
    size_t n = read_size_be(base);
    if (!size_fits(base, n)) {
        dump_block(p);
        rg_fatal(func, "buffer underrun: size field of p=%p is corrupt", (const void *)p);
    }
    for (int i = 0; i < 8; i++) {
        if (p[n + i] != RG_FORBIDDENBYTE) {
            dump_block(p);
            rg_fatal(func, "buffer overrun: bad trailing pad byte at tail+%d of p=%p (%zu bytes)",
                     i, (const void *)p, n);
        }
    }
}

/* ====================================================================== */
/* The quarantine                                                          */
/* ====================================================================== */

size_t rg_debug_dead_check(const rg_quarantined *q, size_t *first)
{
    size_t fill = underlying_size(q->base);
    size_t bad = 0;
    RG_VG_DEFINED(q->base, fill); /* quarantined: NOACCESS but for this check */
    for (size_t i = 0; i < fill; i++) {
        if (q->base[i] != RG_DEADBYTE) {
            if (bad++ == 0) *first = i;
        }
    }
    RG_VG_NOACCESS(q->base, fill);
    return bad;
}

/* A quarantined block leaves: verify its dead fill, then free it. */
static void release_quarantined(const rg_quarantined *q, const char *func)
{
    size_t fill = underlying_size(q->base);
    size_t first = 0;
    size_t bad = rg_debug_dead_check(q, &first);
    if (bad != 0) {
        RG_VG_DEFINED(q->base, fill); /* the report reads it; fatal below */
        const uint8_t *p = q->base + RG_DEBUG_HEAD;
        fprintf(stderr, "Debug memory block at address p=%p: API '%c', freed\n",
                (const void *)p, q->api);
        fprintf(stderr, "    %zu bytes originally requested\n", q->size);
        fprintf(stderr, "    Written after free: %zu of its %zu bytes no longer hold DEADBYTE (0x%02x):\n",
                bad, fill, RG_DEADBYTE);
        size_t shown = 0;
        for (size_t i = first; i < fill && shown < 16; i++) {
            if (q->base[i] == RG_DEADBYTE) continue;
            long off = (long)i - RG_DEBUG_HEAD;
            fprintf(stderr, "        at p%+ld: 0x%02x *** OUCH\n", off, q->base[i]);
            shown++;
        }
        fputc('\n', stderr);
        rg_fatal(func, "write after free to p=%p (%zu bytes)", (const void *)p, q->size);
    }
    RG_VG_UNDEFINED(q->base, fill); /* a live chunk again, for the free's own writes */
    rg_raw_free(q->base);
}

/* Hold a freed block; the oldest one leaves when the quarantine is full. */
static void quarantine_push(rg_heap *heap, uint8_t *base, size_t size, char api,
                            const char *func)
{
    size_t cap = heap->config.debug_quarantine;
    rg_quarantined entry = {base, size, api};
    if (cap == 0) {
        release_quarantined(&entry, func);
        return;
    }
    if (heap->quarantine_len == cap) {
        rg_quarantined oldest = heap->quarantine[heap->quarantine_head];
        heap->quarantine[heap->quarantine_head] = entry;
        heap->quarantine_head = (heap->quarantine_head + 1) % cap;
        release_quarantined(&oldest, func);
        return;
    }
    heap->quarantine[(heap->quarantine_head + heap->quarantine_len) % cap] = entry;
    heap->quarantine_len++;
}

void rg_debug_flush(rg_heap *heap, const char *func)
{
    size_t cap = heap->config.debug_quarantine;
    while (heap->quarantine_len > 0) {
        rg_quarantined oldest = heap->quarantine[heap->quarantine_head];
        heap->quarantine_head = (heap->quarantine_head + 1) % cap;
        heap->quarantine_len--;
        release_quarantined(&oldest, func);
    }
}

/* ====================================================================== */
/* Entry points                                                            */
/* ====================================================================== */

void *rg_debug_alloc(rg_heap *heap, char api, size_t nbytes, int zero)
{
    if (nbytes > (size_t)PTRDIFF_MAX - RG_DEBUG_EXTRA) {
        errno = ENOMEM;
        return NULL;
    }
    uint8_t *base = rg_raw_alloc(heap, nbytes + RG_DEBUG_EXTRA, zero);
    if (base == NULL) return NULL;
    write_size_be(base, nbytes);
    base[8] = (uint8_t)api;
    memset(base + 9, RG_FORBIDDENBYTE, 7);
    uint8_t *data = base + RG_DEBUG_HEAD;
    if (nbytes > 0 && !zero) {
        memset(data, RG_CLEANBYTE, nbytes);
        RG_VG_UNDEFINED(data, nbytes); /* CLEANBYTE is a fill, not a value */
    }
    memset(data + nbytes, RG_FORBIDDENBYTE, RG_DEBUG_TAIL);
    return data;
}

void rg_debug_free(rg_heap *heap, char api, void *p, const char *func)
{
    uint8_t *data = p;
    check_block(heap, func, api, data);
    uint8_t *base = data - RG_DEBUG_HEAD;
    size_t nbytes = read_size_be(base);
    memset(base, RG_DEADBYTE, underlying_size(base));
    RG_VG_NOACCESS(base, underlying_size(base)); /* quarantined: any access is an error */
    quarantine_push(heap, base, nbytes, api, func);
}

void *rg_debug_realloc(rg_heap *heap, char api, void *p, size_t nbytes)
{
    const char *func = api == 'o' ? "rg_obj_realloc" : "rg_realloc";
    check_block(heap, func, api, p);
    size_t old = rg_debug_size(p);
    /* Always move: a stale pointer to the old block then hits dead fill. */
    uint8_t *q = rg_debug_alloc(heap, api, nbytes, 0);
    if (q == NULL) return NULL;
    memcpy(q, p, old < nbytes ? old : nbytes);
    rg_debug_free(heap, api, p, func);
    return q;
}
