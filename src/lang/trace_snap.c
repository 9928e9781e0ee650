/*
 * trace_snap.c -- what a traced run shows of its heap: reprs computed
 * without running Python code, "snapshot" lines (frames and names,
 * objects with referents and nameable referrers, generations, arenas and
 * pools, free lists, statistics) and "why" lines (a path of references
 * from a root, or why an unreachable object is not freed yet).
 *
 * Invariants: reprs read the objects' C representation only -- builtin
 * types are shown as Python's repr would (bounded: long ones end with
 * "..."), anything else as "<Name object at 0x..>" with its stable id --
 * so no user code runs and nothing is allocated in the heap.  Snapshots
 * use the referrers of the last scan (trace_refs.c): take them right
 * after py_trace_refs_step_end.  Only "why" evaluates Python code (the
 * expression), with engine events muted and the VM's tracing off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/trace_int.h"
#include "lang/trace_vm.h"
#include "types/dictimpl.h"
#include "types/floatfmt.h"
#include "types/utf8.h"

/* ====================================================================== */
/* Strings                                                                 */
/* ====================================================================== */


size_t py_trace_str_utf8(const py_obj *s, char *out, size_t cap)
{
    size_t n = 0;
    if (cap == 0) return 0;
    if (s != NULL && py_unicode_check((py_obj *)s)) {
        py_obj *u = (py_obj *)s;
        int kind = py_unicode_kind(u);
        const void *data = py_unicode_data(u);
        for (py_ssize_t i = 0, len = py_unicode_get_length(u); i < len; i++) {
            py_ucs4 c = py_unicode_read(kind, data, i);
            if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD; /* lone surrogates */
            if (n + 4 >= cap) break;
            n += py_utf8_put(out + n, c);
        }
    }
    out[n] = 0;
    return n;
}

/* ====================================================================== */
/* Reprs                                                                   */
/* ====================================================================== */

typedef struct repr_ctx {
    py_tj *j;
    size_t start, max; /* the repr began at j->len == start */
    const rg_object *stack[8];
    int depth;
} repr_ctx;

static int full(const repr_ctx *c) { return c->j->len - c->start >= c->max; }

static void repr_obj(repr_ctx *c, const rg_object *o);

/* str repr: Python's quotes and escapes. */
static void repr_str(repr_ctx *c, py_obj *s)
{
    int kind = py_unicode_kind(s);
    const void *data = py_unicode_data(s);
    py_ssize_t len = py_unicode_get_length(s);
    int sq = 0, dq = 0;
    for (py_ssize_t i = 0; i < len && i < 4096; i++) {
        py_ucs4 ch = py_unicode_read(kind, data, i);
        sq |= ch == '\'';
        dq |= ch == '"';
    }
    char quote = sq && !dq ? '"' : '\'';
    py_tj_putc(c->j, quote);
    for (py_ssize_t i = 0; i < len; i++) {
        if (full(c)) {
            py_tj_puts(c->j, "...");
            break;
        }
        py_ucs4 ch = py_unicode_read(kind, data, i);
        char buf[12];
        if (ch == (py_ucs4)quote || ch == '\\') snprintf(buf, sizeof buf, "\\%c", (char)ch);
        else if (ch == '\n') snprintf(buf, sizeof buf, "\\n");
        else if (ch == '\r') snprintf(buf, sizeof buf, "\\r");
        else if (ch == '\t') snprintf(buf, sizeof buf, "\\t");
        else if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0)) snprintf(buf, sizeof buf, "\\x%02x", (unsigned)ch);
        else if (ch >= 0xD800 && ch <= 0xDFFF) snprintf(buf, sizeof buf, "\\u%04x", (unsigned)ch);
        else {
            buf[py_utf8_put(buf, ch)] = 0;
        }
        py_tj_puts(c->j, buf);
    }
    py_tj_putc(c->j, quote);
}

/* bytes repr. */
static void repr_bytes(repr_ctx *c, py_obj *b)
{
    const unsigned char *p = (const unsigned char *)py_bytes_as_string(b);
    py_ssize_t n = py_bytes_size(b);
    int sq = memchr(p, '\'', (size_t)n) != NULL, dq = memchr(p, '"', (size_t)n) != NULL;
    char quote = sq && !dq ? '"' : '\'';
    py_tj_putc(c->j, 'b');
    py_tj_putc(c->j, quote);
    for (py_ssize_t i = 0; i < n; i++) {
        if (full(c)) {
            py_tj_puts(c->j, "...");
            break;
        }
        unsigned ch = p[i];
        if (ch == (unsigned)quote || ch == '\\') py_tj_fmt(c->j, "\\%c", ch);
        else if (ch == '\n') py_tj_puts(c->j, "\\n");
        else if (ch == '\r') py_tj_puts(c->j, "\\r");
        else if (ch == '\t') py_tj_puts(c->j, "\\t");
        else if (ch < 0x20 || ch >= 0x7F) py_tj_fmt(c->j, "\\x%02x", ch);
        else py_tj_putc(c->j, (char)ch);
    }
    py_tj_putc(c->j, quote);
}

/* int repr: exact decimal (long ints up to 200 digits of 30 bits). */
static void repr_int(repr_ctx *c, py_obj *o)
{
    py_long_object *l = (py_long_object *)o;
    intptr_t size = l->ob_var.size;
    size_t n = (size_t)(size < 0 ? -size : size);
    if (n == 0) {
        py_tj_putc(c->j, '0');
        return;
    }
    if (n > 200) {
        py_tj_fmt(c->j, "<int of %zu bits>", n * PY_LONG_SHIFT);
        return;
    }
    uint32_t dig[200];
    for (size_t i = 0; i < n; i++) dig[i] = (uint32_t)l->ob_digit[i];
    char out[200 * 10 + 2];
    size_t k = 0;
    while (n > 0) { /* divide by 10^9, most significant digit first */
        uint64_t rem = 0;
        for (size_t i = n; i-- > 0;) {
            uint64_t cur = (rem << PY_LONG_SHIFT) | dig[i];
            dig[i] = (uint32_t)(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        while (n > 0 && dig[n - 1] == 0) n--;
        for (int d = 0; d < 9 && (n > 0 || rem > 0 || d == 0); d++) {
            out[k++] = (char)('0' + rem % 10);
            rem /= 10;
            if (n == 0 && rem == 0) break;
        }
    }
    if (size < 0) out[k++] = '-';
    for (size_t i = 0; i < k / 2; i++) {
        char t = out[i];
        out[i] = out[k - 1 - i];
        out[k - 1 - i] = t;
    }
    py_tj_raw(c->j, out, k);
}

/* The items of a sequence: open, items, close (1-tuples get a comma). */
static void repr_items(repr_ctx *c, const char *open, py_obj *const *items, py_ssize_t n, const char *close,
                       int tuple)
{
    py_tj_puts(c->j, open);
    for (py_ssize_t i = 0; i < n; i++) {
        if (i) py_tj_puts(c->j, ", ");
        if (full(c)) {
            py_tj_puts(c->j, "...");
            break;
        }
        repr_obj(c, items[i]);
    }
    if (tuple && n == 1) py_tj_putc(c->j, ',');
    py_tj_puts(c->j, close);
}

/* A dict's repr. */
static void repr_dict(repr_ctx *c, py_obj *d)
{
    py_tj_putc(c->j, '{');
    py_ssize_t pos = 0;
    py_obj *k, *v;
    for (int i = 0; py_dict_next(d, &pos, &k, &v); i++) {
        if (i) py_tj_puts(c->j, ", ");
        if (full(c)) {
            py_tj_puts(c->j, "...");
            break;
        }
        repr_obj(c, k);
        py_tj_puts(c->j, ": ");
        repr_obj(c, v);
    }
    py_tj_putc(c->j, '}');
}

/* A set's repr: set() when empty, {a, b}; frozenset({...}). */
static void repr_set(repr_ctx *c, py_obj *o)
{
    py_set_object *s = (py_set_object *)o;
    int frozen = py_is_type(o, &py_frozenset_info);
    if (s->used == 0) {
        py_tj_puts(c->j, frozen ? "frozenset()" : "set()");
        return;
    }
    py_tj_puts(c->j, frozen ? "frozenset({" : "{");
    for (py_ssize_t i = 0, k = 0; i <= s->mask; i++) {
        if (s->table[i].key == NULL || s->table[i].hash == -1) continue;
        if (k++) py_tj_puts(c->j, ", ");
        if (full(c)) {
            py_tj_puts(c->j, "...");
            break;
        }
        repr_obj(c, s->table[i].key);
    }
    py_tj_puts(c->j, frozen ? "})" : "}");
}

static void repr_obj(repr_ctx *c, const rg_object *obj)
{
    py_obj *o = (py_obj *)obj;
    py_tj *j = c->j;
    if (o == py_none) return py_tj_puts(j, "None");
    if (o == py_true) return py_tj_puts(j, "True");
    if (o == py_false) return py_tj_puts(j, "False");
    if (o == py_ellipsis) return py_tj_puts(j, "Ellipsis");
    if (o == py_notimplemented) return py_tj_puts(j, "NotImplemented");
    for (int i = 0; i < c->depth; i++)
        if (c->stack[i] == obj) { /* a container inside itself */
            if (py_list_check(o)) return py_tj_puts(j, "[...]");
            if (py_dict_check(o)) return py_tj_puts(j, "{...}");
            return py_tj_puts(j, "...");
        }
    if (c->depth >= 8) return py_tj_puts(j, "...");
    c->stack[c->depth++] = obj;
    py_typeinfo *tp = py_type_of(o);
    char name[80];
    if (py_is_type(o, &py_long_info)) repr_int(c, o);
    else if (py_is_type(o, &py_float_info)) {
        char buf[64];
        py_tj_raw(j, buf, py_float_repr(buf, py_float_as_double_exact(o)));
    } else if (py_is_type(o, &py_str_info)) repr_str(c, o);
    else if (py_is_type(o, &py_bytes_info)) repr_bytes(c, o);
    else if (py_is_type(o, &py_list_info)) {
        py_list_object *l = (py_list_object *)o;
        repr_items(c, "[", l->ob_item, l->ob_var.size, "]", 0);
    } else if (py_is_type(o, &py_tuple_info)) {
        repr_items(c, "(", py_tuple_items(o), ((rg_varobject *)o)->size, ")", 1);
    } else if (py_is_type(o, &py_dict_info)) repr_dict(c, o);
    else if (py_is_type(o, &py_set_info) || py_is_type(o, &py_frozenset_info)) repr_set(c, o);
    else if (py_type_check(o)) {
        py_trace_str_utf8(((py_type_object *)o)->name, name, sizeof name);
        py_tj_fmt(j, "<class '%s'>", name);
    } else if (py_module_check(o)) {
        py_obj *d = py_module_get_dict(o), *n = d ? py_dict_get_item_with_error(d, py_id(__name__)) : NULL;
        py_trace_str_utf8(n, name, sizeof name);
        py_tj_fmt(j, "<module '%s'>", name);
    } else if (py_is_type(o, &py_function_info)) {
        py_trace_str_utf8(((py_function_object *)o)->func_qualname, name, sizeof name);
        py_tj_fmt(j, "<function %s at 0x%llx>", name, (unsigned long long)py_trace_id(o));
    } else {
        py_tj_fmt(j, "<%s object at 0x%llx>", tp->rt.name ? tp->rt.name : "?", (unsigned long long)py_trace_id(o));
    }
    c->depth--;
}

void py_trace_repr(py_tj *j, const rg_object *o, size_t max)
{
    repr_ctx c;
    memset(&c, 0, sizeof c);
    c.j = j;
    c.start = j->len;
    c.max = max;
    repr_obj(&c, o);
}

/* ====================================================================== */
/* Snapshots                                                               */
/* ====================================================================== */

/* The repr of o (at most max bytes) as a JSON string. */
static void repr_json(py_tj *j, const rg_object *o, size_t max)
{
    py_tj r;
    memset(&r, 0, sizeof r);
    py_trace_repr(&r, o, max);
    py_tj_str(j, r.buf ? r.buf : "", r.oom ? 0 : r.len);
    py_tj_free(&r);
}

/* The referrers of one object as JSON. */
static void referrers_json(py_tj *j, const rg_object *o)
{
    const py_trace_ref *refs;
    size_t n = py_trace_refs_of(o, &refs);
    py_tj_key(j, "referrers");
    py_tj_putc(j, '[');
    for (size_t i = 0; i < n; i++) {
        const py_trace_ref *r = &refs[i];
        if (i) py_tj_putc(j, ',');
        unsigned long long hid = (unsigned long long)py_trace_id(r->holder);
        switch (r->kind) {
        case PY_TR_NAME:
            py_tj_fmt(j, "{\"kind\":\"name\",\"frame\":%d,\"name\":", r->frame);
            py_tj_cstr(j, r->name);
            py_tj_putc(j, '}');
            break;
        case PY_TR_STACK: py_tj_fmt(j, "{\"kind\":\"stack\",\"frame\":%d,\"index\":%ld}", r->frame, r->index); break;
        case PY_TR_ITEM: py_tj_fmt(j, "{\"kind\":\"item\",\"id\":%llu,\"index\":%ld}", hid, r->index); break;
        case PY_TR_KEY: py_tj_fmt(j, "{\"kind\":\"key\",\"id\":%llu}", hid); break;
        case PY_TR_VALUE:
            py_tj_fmt(j, "{\"kind\":\"value\",\"id\":%llu,\"key\":", hid);
            py_tj_cstr(j, r->name);
            py_tj_putc(j, '}');
            break;
        case PY_TR_ATTR:
            py_tj_fmt(j, "{\"kind\":\"attr\",\"id\":%llu,\"name\":", hid);
            py_tj_cstr(j, r->name);
            py_tj_putc(j, '}');
            break;
        case PY_TR_LOCAL:
            py_tj_fmt(j, "{\"kind\":\"local\",\"id\":%llu,\"name\":", hid);
            py_tj_cstr(j, r->name);
            py_tj_putc(j, '}');
            break;
        default: py_tj_fmt(j, "{\"kind\":\"cell\",\"id\":%llu}", hid); break;
        }
    }
    py_tj_putc(j, ']');
}

/* ,"len":n,"capacity":m for lists, dicts and sets. */
static void len_json(py_tj *j, py_obj *o)
{
    if (py_list_check(o)) {
        py_list_object *l = (py_list_object *)o;
        py_tj_kint(j, "len", l->ob_var.size);
        py_tj_kint(j, "capacity", l->allocated);
    } else if (py_dict_check(o)) {
        py_dict_object *d = (py_dict_object *)o;
        py_tj_kint(j, "len", d->ma_used);
        py_dict_keys_object *k = d->ma_keys;
        py_tj_kint(j, "capacity", k ? (long long)(k->dk_usable + k->dk_nentries) : 0);
    } else if (py_any_set_check(o)) {
        py_set_object *s = (py_set_object *)o;
        py_tj_kint(j, "len", s->used);
        py_tj_kint(j, "capacity", s->mask + 1);
    }
}

/* The next name of frame f in discovery order after seq (first: any),
 * among refs[0..n), or best if it comes first. */
static const py_trace_ref *next_name(const py_trace_ref *refs, size_t n, int f, int first, unsigned seq,
                                     const py_trace_ref *best)
{
    for (size_t i = 0; i < n; i++) {
        const py_trace_ref *r = &refs[i];
        if (r->kind != PY_TR_NAME || r->frame != f || (!first && r->seq <= seq)) continue;
        if (best == NULL || r->seq < best->seq) best = r;
    }
    return best;
}

/* The "frames" member: each frame with its names in the order the scan
 * met them; every name has the id and a short repr of its object. */
static void frames_json(py_tj *j)
{
    const py_trace_frame *frames;
    size_t nf = py_trace_refs_frames(&frames);
    const py_trace_ref *refs, *bound;
    size_t nr = py_trace_refs_all(&refs), nb = py_trace_refs_bound(&bound);
    py_tj_key(j, "frames");
    py_tj_putc(j, '[');
    for (size_t f = 0; f < nf; f++) {
        if (f) py_tj_putc(j, ',');
        py_tj_puts(j, "{\"frame\":");
        py_tj_cstr(j, frames[f].name);
        py_tj_fmt(j, ",\"depth\":%zu,\"line\":%d,\"names\":[", f, frames[f].line);
        unsigned last = 0;
        int first = 1;
        for (;;) {
            const py_trace_ref *best = next_name(refs, nr, (int)f, first, last, NULL);
            best = next_name(bound, nb, (int)f, first, last, best);
            if (best == NULL) break;
            if (!first) py_tj_putc(j, ',');
            py_tj_puts(j, "{\"name\":");
            py_tj_cstr(j, best->name);
            py_tj_fmt(j, ",\"id\":%llu,\"repr\":", (unsigned long long)py_trace_id(best->target));
            repr_json(j, best->target, 60);
            py_tj_putc(j, '}');
            last = best->seq;
            first = 0;
        }
        py_tj_puts(j, "]}");
    }
    py_tj_putc(j, ']');
}

/* The heap's side: gc, arenas and pools, free lists, statistics. */
static void heap_json(py_tj *j, const rg_snapshot *s)
{
    py_tj_puts(j, ",\"gc\":{");
    py_tj_fmt(j, "\"counts\":[%ld,%ld,%ld],\"thresholds\":[%ld,%ld,%ld]", s->counts[0], s->counts[1], s->counts[2],
              s->thresholds[0], s->thresholds[1], s->thresholds[2]);
    py_tj_kbool(j, "enabled", s->gc_enabled);
    py_tj_fmt(j, ",\"collections\":[%zu,%zu,%zu],\"collected\":[%zu,%zu,%zu],\"uncollectable\":[%zu,%zu,%zu]}",
              s->gc_stats[0].collections, s->gc_stats[1].collections, s->gc_stats[2].collections,
              s->gc_stats[0].collected, s->gc_stats[1].collected, s->gc_stats[2].collected,
              s->gc_stats[0].uncollectable, s->gc_stats[1].uncollectable, s->gc_stats[2].uncollectable);
    py_tj_key(j, "arenas");
    py_tj_putc(j, '[');
    for (size_t a = 0; a < s->narenas; a++) {
        const rg_snapshot_arena *ar = &s->arenas[a];
        py_tj_fmt(j, "%s{\"index\":%u,\"addr\":%llu,\"pools_carved\":%u,\"pools_free\":%u,\"pools\":[", a ? "," : "",
                  ar->index, (unsigned long long)ar->address, ar->pools_carved, ar->pools_free);
        for (size_t p = 0; p < ar->npools; p++) {
            const rg_snapshot_pool *po = &s->pools[ar->first_pool + p];
            py_tj_fmt(j, "%s{\"pool\":%u,\"class\":%u,\"used\":%u,\"capacity\":%u,\"state\":", p ? "," : "",
                      po->pool_index, po->size_class, po->used, po->capacity);
            py_tj_cstr(j, po->state);
            py_tj_putc(j, '}');
        }
        py_tj_puts(j, "]}");
    }
    py_tj_putc(j, ']');
    py_tj_key(j, "freelists");
    py_tj_putc(j, '[');
    for (size_t f = 0; f < s->nfreelists; f++) {
        const rg_snapshot_freelist *fl = &s->freelists[f];
        py_tj_puts(j, f ? ",{\"type\":" : "{\"type\":");
        py_tj_cstr(j, py_trace_type_name(fl->type));
        if (fl->nitems) py_tj_kint(j, "items", (long long)fl->nitems);
        py_tj_fmt(j, ",\"count\":%zu,\"capacity\":%zu}", fl->count, fl->capacity);
    }
    py_tj_putc(j, ']');
    py_tj_fmt(j, ",\"stats\":{\"arenas\":%zu,\"allocated_blocks\":%zu,\"bytes_in_use\":%zu,\"bytes_mapped\":%zu}",
              s->stats.arenas, s->stats.allocated_blocks, s->stats.bytes_in_use, s->stats.bytes_mapped);
}

void py_trace_snapshot(void)
{
    rg_object **roots;
    size_t nroots = py_trace_refs_roots(&roots);
    rg_snapshot *s = rg_snapshot_take(py_trace_st.heap, roots, nroots,
                                      py_trace_st.opt.all_objects ? RG_SNAPSHOT_ALL_TRACKED : 0);
    if (s == NULL) return;
    py_tj *j = &py_trace_st.line_j;
    py_trace_line_begin(j, "snapshot");
    py_tj_kint(j, "line", py_trace_st.line);
    frames_json(j);
    py_tj_key(j, "objects");
    py_tj_putc(j, '[');
    int first = 1, all = py_trace_st.opt.all_objects;
    for (size_t i = 0; i < s->nobjects; i++) {
        const rg_snapshot_object *so = &s->objects[i];
        py_obj *o = (py_obj *)so->object;
        if (!all && !py_trace_refs_shown(so->object)) continue;
        if (!first) py_tj_putc(j, ',');
        first = 0;
        py_tj_fmt(j, "{\"id\":%llu,\"type\":", (unsigned long long)so->address);
        py_tj_cstr(j, py_trace_type_name(so->type));
        py_tj_kint(j, "size", (long long)so->size);
        py_tj_kint(j, "refcount", (long long)so->refcnt);
        py_tj_kint(j, "gen", so->generation);
        py_tj_kbool(j, "tracked", so->generation >= 0);
        py_tj_key(j, "repr");
        repr_json(j, so->object, 200);
        py_tj_key(j, "referents");
        py_tj_putc(j, '[');
        for (size_t k = 0, w = 0; k < so->nreferents; k++) {
            const rg_snapshot_object *to = &s->objects[s->referents[so->first_referent + k]];
            if (!all && !py_trace_refs_shown(to->object)) continue;
            if (w++) py_tj_putc(j, ',');
            py_tj_uint(j, (unsigned long long)to->address);
        }
        py_tj_putc(j, ']');
        referrers_json(j, so->object);
        py_tj_key(j, "block");
        py_trace_block_json(j, &so->block);
        len_json(j, o);
        py_tj_putc(j, '}');
    }
    py_tj_putc(j, ']');
    heap_json(j, s);
    py_trace_line_end(j);
    rg_snapshot_free(s);
}

/* ====================================================================== */
/* Why an object is alive                                                  */
/* ====================================================================== */

typedef struct bfs_node {
    const rg_object *o;
    size_t parent; /* index, (size_t)-1 for roots */
    int root_ref;  /* for roots: index into the refs of the scan */
} bfs_node;

typedef struct bfs {
    bfs_node *nodes;
    size_t n, cap;
    size_t *index, index_cap; /* open addressing: node + 1 */
    size_t cur;               /* the node being expanded */
} bfs;

static size_t bfs_hash(const void *p) { return (size_t)(((uintptr_t)p >> 4) * UINT64_C(0x9E3779B97F4A7C15)); }

/* Add o (if new) with parent; 0, or -1 when full. */
static int bfs_add(bfs *b, const rg_object *o, size_t parent, int root_ref)
{
    if (b->n >= 200000) return -1;
    if ((b->n + 1) * 2 > b->index_cap) {
        size_t cap = b->index_cap ? 2 * b->index_cap : 1024;
        size_t *ix = calloc(cap, sizeof *ix);
        if (ix == NULL) return -1;
        for (size_t i = 0; i < b->n; i++) {
            size_t h = bfs_hash(b->nodes[i].o) & (cap - 1);
            while (ix[h]) h = (h + 1) & (cap - 1);
            ix[h] = i + 1;
        }
        free(b->index);
        b->index = ix;
        b->index_cap = cap;
    }
    size_t h = bfs_hash(o) & (b->index_cap - 1);
    for (; b->index[h]; h = (h + 1) & (b->index_cap - 1))
        if (b->nodes[b->index[h] - 1].o == o) return 0;
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 256;
        bfs_node *x = realloc(b->nodes, cap * sizeof *x);
        if (x == NULL) return -1;
        b->nodes = x;
        b->cap = cap;
    }
    b->nodes[b->n] = (bfs_node){o, parent, root_ref};
    b->index[h] = ++b->n;
    return 0;
}

static int bfs_visit(rg_object *o, void *arg)
{
    bfs *b = arg;
    bfs_add(b, o, b->cur, -1);
    return 0;
}

/* Breadth-first from the nodes already in b: the node of target, or -1. */
static long bfs_run(bfs *b, const rg_object *target)
{
    for (b->cur = 0; b->cur < b->n; b->cur++) {
        const rg_object *o = b->nodes[b->cur].o;
        if (o == target) return (long)b->cur;
        if (o->type->traverse != NULL) o->type->traverse((rg_object *)o, bfs_visit, b);
    }
    return -1;
}

static void bfs_free(bfs *b)
{
    free(b->nodes);
    free(b->index);
    memset(b, 0, sizeof *b);
}

/* A root of the why search: a name of the program (frame is the name of
 * its function) or what the interpreter itself holds (frame
 * "<interpreter>": sys.modules, the builtins). */
typedef struct why_root {
    const char *frame;
    const char *name;
    const rg_object *target;
} why_root;

#define WHY_INTERP "<interpreter>"

/* The roots of the why search, program names first: the names of the last
 * scan (followed objects and those not followed: modules, None...), then
 * sys.modules and the builtins.  Count; *out is malloc'ed (NULL when none
 * or no memory). */
static size_t why_roots(why_root **out)
{
    const py_trace_ref *refs, *bound;
    size_t nr = py_trace_refs_all(&refs), nb = py_trace_refs_bound(&bound);
    const py_trace_frame *frames;
    size_t nf = py_trace_refs_frames(&frames), n = 0;
    why_root *r = malloc((nr + nb + 2) * sizeof *r);
    *out = r;
    if (r == NULL) return 0;
    for (int pass = 0; pass < 2; pass++) {
        const py_trace_ref *x = pass == 0 ? refs : bound;
        for (size_t i = 0, m = pass == 0 ? nr : nb; i < m; i++) {
            if (x[i].kind != PY_TR_NAME) continue;
            const char *fn = x[i].frame >= 0 && (size_t)x[i].frame < nf ? frames[x[i].frame].name : "<module>";
            r[n++] = (why_root){fn, x[i].name, x[i].target};
        }
    }
    if (py_current->modules != NULL) r[n++] = (why_root){WHY_INTERP, "sys.modules", py_current->modules};
    if (py_current->builtins != NULL) r[n++] = (why_root){WHY_INTERP, "builtins", py_current->builtins};
    return n;
}

/* How container from refers to child: a hop of the path (JSON). */
static void hop_json(py_tj *j, const rg_object *from, const rg_object *child)
{
    py_obj *o = (py_obj *)from;
    unsigned long long cid = (unsigned long long)py_trace_id(child);
    if (py_module_check(o) && py_module_get_dict(o) == (py_obj *)child)
        return py_tj_fmt(j, "{\"kind\":\"attr\",\"name\":\"__dict__\",\"id\":%llu}", cid);
    if (py_dict_check(o)) { /* a str key's value (module globals, sys.modules) */
        py_ssize_t pos = 0;
        py_obj *k, *v;
        while (py_dict_next(o, &pos, &k, &v)) {
            if (v != (py_obj *)child || !py_unicode_check(k)) continue;
            char name[120], key[128];
            py_trace_str_utf8(k, name, sizeof name);
            snprintf(key, sizeof key, "'%s'", name); /* as the scan's keys: repr */
            py_tj_puts(j, "{\"kind\":\"value\"");
            py_tj_kstr(j, "key", key);
            return py_tj_fmt(j, ",\"id\":%llu}", cid);
        }
    }
    if (py_list_check(o) || py_tuple_check(o)) {
        py_obj **items = py_list_check(o) ? ((py_list_object *)o)->ob_item : py_tuple_items(o);
        for (py_ssize_t i = 0, n = ((rg_varobject *)o)->size; i < n; i++)
            if (items[i] == child) return py_tj_fmt(j, "{\"kind\":\"item\",\"index\":%ld,\"id\":%llu}", (long)i, cid);
    }
    /* a nameable referrer of the last scan held by from */
    const py_trace_ref *refs;
    size_t n = py_trace_refs_of(child, &refs);
    for (size_t i = 0; i < n; i++) {
        if (refs[i].holder != from) continue;
        const char *kind = refs[i].kind == PY_TR_ATTR    ? "attr"
                           : refs[i].kind == PY_TR_VALUE ? "value"
                           : refs[i].kind == PY_TR_KEY   ? "key"
                           : refs[i].kind == PY_TR_CELL  ? "cell"
                           : refs[i].kind == PY_TR_LOCAL ? "local"
                                                         : "item";
        py_tj_fmt(j, "{\"kind\":\"%s\"", kind);
        if (refs[i].name[0]) py_tj_kstr(j, refs[i].kind == PY_TR_VALUE ? "key" : "name", refs[i].name);
        py_tj_fmt(j, ",\"id\":%llu}", cid);
        return;
    }
    py_tj_fmt(j, "{\"kind\":\"ref\",\"from_type\":");
    py_tj_cstr(j, py_trace_type_name(from->type));
    py_tj_fmt(j, ",\"id\":%llu}", cid);
}

/* Evaluate expr in __main__ (tracing and events off): new reference or
 * NULL (error message in msg). */
static py_obj *eval_expr(const char *expr, char *msg, size_t cap)
{
    py_obj *mods = py_current->modules;
    py_obj *m = mods ? py_dict_get_item_string(mods, "__main__") : NULL;
    if (m == NULL || !py_module_check(m)) {
        snprintf(msg, cap, "no __main__ module");
        return NULL;
    }
    py_obj *g = py_module_get_dict(m);
    py_obj *code = py_compile_source(expr, strlen(expr), "<why>", PY_COMPILE_EVAL);
    py_obj *v = code ? py_eval_code(code, g, g) : NULL;
    rg_xdecref(code);
    if (v == NULL) { /* "NameError: name 'x' is not defined", as the last line of a traceback */
        py_obj *exc = py_err_get_raised_exception();
        py_obj *text = exc ? py_object_str(exc) : NULL;
        char what[200] = "";
        if (text != NULL) py_trace_str_utf8(text, what, sizeof what);
        else py_err_clear();
        snprintf(msg, cap, "%s%s%s", exc ? py_type_of(exc)->rt.name : "error", what[0] ? ": " : "", what);
        rg_xdecref(text);
        rg_xdecref(exc);
    }
    return v;
}

void py_trace_why(const char *expr)
{
    int active = py_trace_vm_active, mute = py_trace_st.mute;
    py_trace_vm_active = 0;
    py_trace_st.mute = 1;
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    char msg[256] = "";
    py_obj *v = eval_expr(expr, msg, sizeof msg);
    py_trace_st.mute = mute;
    py_tj *j = &py_trace_st.line_j;
    if (v == NULL) {
        py_trace_line_begin(j, "why");
        py_tj_kstr(j, "expr", expr);
        py_tj_kstr(j, "error", msg);
        py_trace_line_end(j);
    } else {
        why_root *roots;
        size_t nroots = why_roots(&roots);
        bfs b;
        memset(&b, 0, sizeof b);
        for (size_t i = 0; i < nroots; i++) bfs_add(&b, roots[i].target, (size_t)-1, (int)i);
        long hit = bfs_run(&b, v);
        intptr_t rc = v->refcnt - 1; /* without ours */
        char expl[512];
        py_trace_line_begin(j, "why");
        py_tj_kstr(j, "expr", expr);
        py_tj_kint(j, "id", (long long)py_trace_id(v));
        py_tj_kstr(j, "type", py_trace_type_name(v->type));
        py_tj_kint(j, "refcount", (long long)rc);
        if (hit >= 0) {
            size_t n = 0, top = (size_t)hit;
            for (size_t k = (size_t)hit; k != (size_t)-1; k = b.nodes[k].parent) {
                n++;
                top = k;
            }
            size_t *path = malloc(n * sizeof *path); /* target first, root last */
            for (size_t k = (size_t)hit, i = 0; path != NULL && k != (size_t)-1; k = b.nodes[k].parent) path[i++] = k;
            const why_root *root = &roots[b.nodes[top].root_ref];
            const char *fname = root->frame;
            int interp = strcmp(fname, WHY_INTERP) == 0;
            py_tj_kstr(j, "alive", "reachable");
            py_tj_key(j, "path");
            py_tj_puts(j, "[{\"kind\":\"name\",\"frame\":");
            py_tj_cstr(j, fname);
            py_tj_kstr(j, "name", root->name);
            py_tj_fmt(j, ",\"id\":%llu}", (unsigned long long)py_trace_id(root->target));
            for (size_t k = n - 1; path != NULL && k-- > 0;) {
                py_tj_putc(j, ',');
                hop_json(j, b.nodes[path[k + 1]].o, b.nodes[path[k]].o);
            }
            py_tj_putc(j, ']');
            free(path);
            if (interp && n == 1)
                snprintf(expl, sizeof expl, "%s is alive: it is %s, which the interpreter holds (refcount %ld)",
                         expr, root->name, (long)rc);
            else if (interp)
                snprintf(expl, sizeof expl,
                         "%s is alive: it is reachable from %s, which the interpreter holds, through %zu "
                         "reference%s (refcount %ld)",
                         expr, root->name, n - 1, n == 2 ? "" : "s", (long)rc);
            else if (n == 1)
                snprintf(expl, sizeof expl, "%s is alive: name %s in %s refers to it (refcount %ld)", expr,
                         root->name, fname, (long)rc);
            else
                snprintf(expl, sizeof expl,
                         "%s is alive: it is reachable from name %s in %s through %zu reference%s (refcount %ld)",
                         expr, root->name, fname, n - 1, n == 2 ? "" : "s", (long)rc);
        } else {
            /* unreachable: in a cycle (it reaches itself) or held unseen */
            bfs c;
            memset(&c, 0, sizeof c);
            c.cur = (size_t)-1; /* start from what v refers to */
            if (v->type->traverse != NULL) v->type->traverse(v, bfs_visit, &c);
            long self = bfs_run(&c, v);
            bfs_free(&c);
            long counts[RG_GC_GENERATIONS], th[RG_GC_GENERATIONS];
            rg_gc_get_count(py_trace_st.heap, counts);
            rg_gc_get_threshold(py_trace_st.heap, th);
            int gen = -1;
            rg_object *one = v;
            rg_snapshot *s = rg_snapshot_take(py_trace_st.heap, &one, 1, 0);
            if (s != NULL) {
                size_t k = rg_snapshot_find(s, v);
                if (k != (size_t)-1) gen = s->objects[k].generation;
                rg_snapshot_free(s);
            }
            if (self >= 0) {
                py_tj_kstr(j, "alive", "cycle");
                py_tj_kint(j, "gen", gen);
                py_tj_fmt(j, ",\"counts\":[%ld,%ld,%ld],\"thresholds\":[%ld,%ld,%ld]", counts[0], counts[1],
                          counts[2], th[0], th[1], th[2]);
                int g = gen < 0 || gen > 2 ? 0 : gen;
                snprintf(expl, sizeof expl,
                         "%s is unreachable from every name but its refcount is %ld: it is part of a reference "
                         "cycle. It waits for a collection of generation %d (count %ld of threshold %ld), or "
                         "gc.collect()",
                         expr, (long)rc, g, counts[g], th[g]);
            } else {
                py_tj_kstr(j, "alive", "refcount");
                referrers_json(j, v);
                snprintf(expl, sizeof expl,
                         "%s is not reachable from any name, yet its refcount is %ld: references the front end "
                         "cannot name (interpreter internals) keep it alive",
                         expr, (long)rc);
            }
        }
        py_tj_kstr(j, "explanation", expl);
        py_trace_line_end(j);
        bfs_free(&b);
        free(roots);
        py_trace_st.mute = 1;
        rg_decref(v);
        py_trace_st.mute = mute;
    }
    py_err_restore(et, ev, etb);
    py_trace_vm_active = active;
}
