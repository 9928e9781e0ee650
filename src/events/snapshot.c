/*
 * snapshot.c -- rg_snapshot_take: a picture of a heap at one moment.
 *
 * Owns: the choice of objects (the registry's live objects, everything
 * the roots reach through traverse, and with RG_SNAPSHOT_ALL_TRACKED every
 * tracked object), their order (by stable address), their referents
 * (indexes; referents outside the snapshot left out), generations (one walk
 * of each generation list), and the allocator's and collector's state:
 * arenas with all 64 pools, free lists sorted by type name and item count,
 * counts, thresholds, collector statistics and rg_heap_stats.
 *
 * Invariants: no allocation in the observed heap (libc only); objects that
 * do not live in the heap (static objects of a front end) are left out, so
 * every address in a snapshot is stable -- unless RG_SNAPSHOT_OUTSIDE asks
 * for them: then those the roots and the heap's objects refer to come last,
 * in the order found, as leaves (their own references are not followed); the heap is not changed, except
 * that rg_heap_stats settles a pending empty pool (placement unchanged).
 */
#include <errno.h>
#include <stdlib.h>

#include "events.h"
#include "../gc/gc.h"

/* ====================================================================== */
/* A pointer -> index map (libc)                                           */
/* ====================================================================== */

typedef struct ptrmap {
    uintptr_t *keys;  /* 0: empty */
    size_t *vals;
    size_t slots, used;
} ptrmap;

/* Hash of a pointer. */
static size_t ptr_hash(uintptr_t k) { return (size_t)((k >> 4) * UINT64_C(0x9e3779b97f4a7c15) >> 17); }

/* The slot of key k, or the empty slot where it would go. */
static size_t ptrmap_slot(const ptrmap *m, uintptr_t k)
{
    size_t mask = m->slots - 1;
    size_t h = ptr_hash(k) & mask;
    while (m->keys[h] != 0 && m->keys[h] != k) h = (h + 1) & mask;
    return h;
}

/* The value of key k into *val; 0 when absent. */
static int ptrmap_get(const ptrmap *m, uintptr_t k, size_t *val)
{
    if (m->slots == 0) return 0;
    size_t h = ptrmap_slot(m, k);
    if (m->keys[h] == 0) return 0;
    if (val) *val = m->vals[h];
    return 1;
}

/* Set k -> v; -1 on ENOMEM. */
static int ptrmap_put(ptrmap *m, uintptr_t k, size_t v)
{
    if ((m->used + 1) * 2 > m->slots) {
        size_t slots = m->slots ? m->slots * 2 : 1024;
        uintptr_t *keys = calloc(slots, sizeof *keys);
        size_t *vals = malloc(slots * sizeof *vals);
        if (keys == NULL || vals == NULL) {
            free(keys);
            free(vals);
            return -1;
        }
        ptrmap old = *m;
        m->keys = keys;
        m->vals = vals;
        m->slots = slots;
        for (size_t i = 0; i < old.slots; i++) {
            if (old.keys[i] == 0) continue;
            size_t h = ptrmap_slot(m, old.keys[i]);
            m->keys[h] = old.keys[i];
            m->vals[h] = old.vals[i];
        }
        free(old.keys);
        free(old.vals);
    }
    size_t h = ptrmap_slot(m, k);
    if (m->keys[h] == 0) m->used++;
    m->keys[h] = k;
    m->vals[h] = v;
    return 0;
}

/* Free the map's arrays. */
static void ptrmap_free(ptrmap *m)
{
    free(m->keys);
    free(m->vals);
}

/* ====================================================================== */
/* Collecting the objects                                                  */
/* ====================================================================== */

typedef struct collector {
    rg_heap *heap;
    ptrmap large;            /* data addresses of the heap's large blocks */
    ptrmap index;            /* object -> index in objs */
    const rg_object **objs;
    unsigned char *outside;  /* per object: 1 when it is in no block of the heap */
    size_t n, cap;
    int with_outside;        /* RG_SNAPSHOT_OUTSIDE */
    int failed;
} collector;

/* Does o live in the heap (a block of it, not a static object)? */
static int in_heap(const collector *c, const rg_object *o)
{
    if (o == NULL) return 0;
    uintptr_t entry = rg_map_lookup((uintptr_t)o);
    if (entry != 0) return RG_MAP_ARENA(entry)->heap == c->heap;
    /* Not in an arena: only a large block's object has its block start
     * (o minus its headers) among the heap's large blocks.  Reading o's
     * type is safe only then, so try the possible header sizes first. */
    for (uintptr_t k = 0; k <= 256; k += 16)
        if ((uintptr_t)o >= k && ptrmap_get(&c->large, (uintptr_t)o - k, NULL))
            return (uintptr_t)rg_object_block(o) == (uintptr_t)o - k;
    return 0;
}

/* Add o if not there yet: an object of the heap, or (RG_SNAPSHOT_OUTSIDE)
 * one outside it. */
static void add(collector *c, const rg_object *o)
{
    if (c->failed || o == NULL || ptrmap_get(&c->index, (uintptr_t)o, NULL)) return;
    int outside = !in_heap(c, o);
    if (outside && !c->with_outside) return;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        const rg_object **objs = realloc(c->objs, cap * sizeof *objs);
        if (objs != NULL) c->objs = objs;
        unsigned char *flags = objs != NULL ? realloc(c->outside, cap) : NULL;
        if (flags != NULL) c->outside = flags;
        if (objs == NULL || flags == NULL) {
            c->failed = 1;
            return;
        }
        c->cap = cap;
    }
    if (ptrmap_put(&c->index, (uintptr_t)o, c->n) != 0) {
        c->failed = 1;
        return;
    }
    c->outside[c->n] = (unsigned char)outside;
    c->objs[c->n++] = o;
}

/* traverse visitor: add the referent. */
static int visit_add(rg_object *o, void *arg)
{
    add(arg, o);
    return 0;
}

/* traverse visitor: add the referent if it is outside the heap. */
static int visit_add_outside(rg_object *o, void *arg)
{
    collector *c = arg;
    if (o != NULL && !in_heap(c, o)) add(c, o);
    return 0;
}

/* The references of o, through its traverse (or its declared layout). */
static void each_referent(const rg_object *o, rg_visitproc visit, void *arg)
{
    rg_visit_refs((rg_object *)o, visit, arg);
}

/* The data addresses of the heap's large blocks (debug: the debug data). */
static int index_large(collector *c)
{
    uintptr_t shift = c->heap->debug ? RG_DEBUG_HEAD : 0;
    for (rg_large *b = c->heap->large.next; b != &c->heap->large; b = b->next)
        if (ptrmap_put(&c->large, (uintptr_t)rg_large_data(b) + shift, 1) != 0) return -1;
    return 0;
}

/* ====================================================================== */
/* Building the snapshot                                                   */
/* ====================================================================== */

typedef struct keyed {
    int outside;        /* objects outside the heap go last, */
    uintptr_t key;      /* in the order they were found */
    uintptr_t address;
    const rg_object *object;
} keyed;

/* qsort order: by stable address (outside objects last, as found). */
static int by_address(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->outside != y->outside) return x->outside - y->outside;
    return x->key < y->key ? -1 : x->key > y->key;
}

typedef struct refs_out {
    const ptrmap *index;
    size_t *items;
    size_t n, cap;
    int failed;
} refs_out;

/* traverse visitor: the referent's index, if it is in the snapshot. */
static int visit_ref(rg_object *o, void *arg)
{
    refs_out *r = arg;
    size_t i;
    if (r->failed || !ptrmap_get(r->index, (uintptr_t)o, &i)) return 0;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        size_t *items = realloc(r->items, cap * sizeof *items);
        if (items == NULL) {
            r->failed = 1;
            return 0;
        }
        r->items = items;
        r->cap = cap;
    }
    r->items[r->n++] = i;
    return 0;
}

/* Objects sorted by stable address, with their fields; the index map
 * rebuilt for the new order; referents.  -1 on ENOMEM. */
static int build_objects(collector *c, rg_snapshot *s)
{
    keyed *k = malloc((c->n ? c->n : 1) * sizeof *k);
    s->objects = calloc(c->n ? c->n : 1, sizeof *s->objects);
    if (k == NULL || s->objects == NULL) {
        free(k);
        return -1;
    }
    for (size_t i = 0; i < c->n; i++) {
        uintptr_t a = rg_stable_address(c->objs[i]);
        k[i] = (keyed){c->outside[i], c->outside[i] ? i : a, a, c->objs[i]};
    }
    qsort(k, c->n, sizeof *k, by_address);
    s->nobjects = c->n;
    for (size_t i = 0; i < c->n; i++) {
        rg_snapshot_object *so = &s->objects[i];
        const rg_object *o = k[i].object;
        so->object = o;
        so->address = k[i].address;
        so->type = o->type;
        so->refcnt = o->refcnt;
        so->generation = -1;
        so->finalized = rg_is_finalized(o);
        if (rg_ev_block_info(rg_object_block(o), &so->block) == 0) so->size = so->block.size;
        ptrmap_put(&c->index, (uintptr_t)o, i); /* existing key: no growth */
    }
    free(k);
    refs_out r = {&c->index, NULL, 0, 0, 0};
    for (size_t i = 0; i < s->nobjects; i++) {
        s->objects[i].first_referent = r.n;
        each_referent(s->objects[i].object, visit_ref, &r);
        s->objects[i].nreferents = r.n - s->objects[i].first_referent;
    }
    s->referents = r.items;
    s->nreferents = r.n;
    return r.failed ? -1 : 0;
}

/* Each object's generation from one walk of each list (3: permanent). */
static void mark_generations(collector *c, rg_objects *os, rg_snapshot *s)
{
    for (int gen = 0; gen <= RG_GC_GENERATIONS; gen++) {
        const rg_gc_head *list = gen < RG_GC_GENERATIONS ? &os->generations[gen].head : &os->permanent;
        for (const rg_gc_head *g = rg_gc_next(list); g != list; g = rg_gc_next(g)) {
            size_t i;
            if (ptrmap_get(&c->index, (uintptr_t)rg_from_gc(g), &i)) s->objects[i].generation = gen;
        }
    }
}

/* Every tracked object (RG_SNAPSHOT_ALL_TRACKED). */
static void add_tracked(collector *c, rg_objects *os)
{
    for (int gen = 0; gen <= RG_GC_GENERATIONS; gen++) {
        const rg_gc_head *list = gen < RG_GC_GENERATIONS ? &os->generations[gen].head : &os->permanent;
        for (const rg_gc_head *g = rg_gc_next(list); g != list; g = rg_gc_next(g))
            add(c, rg_from_gc(g));
    }
}

/* The state of a carved pool. */
static const char *pool_state(const rg_pool *pool)
{
    if (pool->count == 0) return "empty";
    return pool->freeblock == NULL ? "full" : "used";
}

/* Arenas (by slot) with all their pools.  -1 on ENOMEM. */
static int build_arenas(rg_heap *heap, rg_snapshot *s)
{
    size_t n = 0;
    for (uint32_t i = 0; i < heap->nslots; i++) n += heap->slots[i].arena != NULL;
    s->arenas = calloc(n ? n : 1, sizeof *s->arenas);
    s->pools = calloc(n ? n * RG_POOLS_PER_ARENA : 1, sizeof *s->pools);
    if (s->arenas == NULL || s->pools == NULL) return -1;
    for (uint32_t i = 0; i < heap->nslots; i++) {
        const rg_arena *arena = heap->slots[i].arena;
        if (arena == NULL) continue;
        rg_snapshot_arena *a = &s->arenas[s->narenas++];
        size_t carved_bytes = (size_t)(arena->pool_address - (uint8_t *)arena->address);
        unsigned carved = (unsigned)(carved_bytes >> RG_POOL_BITS);
        a->index = arena->index;
        a->address = RG_STABLE_SMALL_BASE + ((uint64_t)arena->index << RG_ARENA_BITS);
        a->pools_carved = carved;
        a->pools_free = arena->nfreepools;
        a->first_pool = s->npools;
        a->npools = RG_POOLS_PER_ARENA;
        for (unsigned k = 0; k < RG_POOLS_PER_ARENA; k++) {
            const rg_pool *pool = &arena->pools[k];
            rg_snapshot_pool *p = &s->pools[s->npools++];
            p->arena_index = arena->index;
            p->pool_index = k;
            if (k >= carved) {
                p->state = "unused";
                continue;
            }
            p->state = pool_state(pool);
            if (pool->szidx != RG_DUMMY_SIZE_IDX) {
                p->size_class = pool->szidx;
                p->capacity = RG_NUMBLOCKS(pool->szidx);
            }
            p->used = pool->count;
        }
    }
    return 0;
}

/* qsort order: type name, then item count. */
static int by_type_and_items(const void *a, const void *b)
{
    const rg_snapshot_freelist *x = a, *y = b;
    int c = strcmp(x->type->name ? x->type->name : "", y->type->name ? y->type->name : "");
    if (c != 0) return c;
    return x->nitems < y->nitems ? -1 : x->nitems > y->nitems;
}

/* The free lists, sorted by type name and item count.  -1 on ENOMEM. */
static int build_freelists(rg_objects *os, rg_snapshot *s)
{
    s->freelists = calloc(os->freelist_used ? os->freelist_used : 1, sizeof *s->freelists);
    if (s->freelists == NULL) return -1;
    for (size_t i = 0; i < os->freelist_slots; i++) {
        const rg_freelist *fl = &os->freelists[i];
        if (fl->type == NULL || s->nfreelists == os->freelist_used) continue;
        s->freelists[s->nfreelists++] = (rg_snapshot_freelist){fl->type, fl->nitems, fl->count,
                                                               fl->type->freelist_capacity};
    }
    qsort(s->freelists, s->nfreelists, sizeof *s->freelists, by_type_and_items);
    return 0;
}

/* Counts, thresholds, enabled and statistics of the collector. */
static void collector_state(rg_objects *os, rg_snapshot *s)
{
    static const long defaults[RG_GC_GENERATIONS] = {700, 10, 10};
    s->gc_enabled = os == NULL || os->gc == NULL || os->gc->enabled;
    for (int i = 0; i < RG_GC_GENERATIONS; i++) {
        s->counts[i] = os ? os->generations[i].count : 0;
        s->thresholds[i] = os ? os->generations[i].threshold : defaults[i];
        if (os != NULL && os->gc != NULL) s->gc_stats[i] = os->gc->stats[i];
    }
}

/* Take a snapshot (refgc.h). */
rg_snapshot *rg_snapshot_take(rg_heap *heap, rg_object *const *roots, size_t nroots, unsigned flags)
{
    if (heap == NULL || (roots == NULL && nroots != 0)) {
        errno = EINVAL;
        return NULL;
    }
    rg_snapshot *s = calloc(1, sizeof *s);
    if (s == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    rg_heap_stats(heap, &s->stats); /* settles first: pool states below are final */
    rg_objects *os = rg_objects_of_heap(heap);
    collector c = {.heap = heap, .with_outside = (flags & RG_SNAPSHOT_OUTSIDE) != 0};
    int failed = index_large(&c) != 0;

    /* Roots and what they reach (the array grows while it is walked). */
    for (size_t i = 0; i < nroots && !failed; i++) add(&c, roots[i]);
    for (size_t i = 0; i < c.n && !c.failed && !failed; i++)
        if (!c.outside[i]) each_referent(c.objs[i], visit_add, &c); /* outside: leaves */
    /* The registry's live objects. */
    rg_events *ev = heap->events;
    for (size_t i = 0; ev != NULL && i < ev->slots && !failed; i++)
        if (ev->table[i].block > RG_REG_TOMB && ev->table[i].object != NULL) add(&c, ev->table[i].object);
    if (os != NULL && (flags & RG_SNAPSHOT_ALL_TRACKED) && !failed) add_tracked(&c, os);
    /* What the heap's objects refer to outside it (leaves). */
    for (size_t i = 0, n = c.n; c.with_outside && i < n && !c.failed && !failed; i++)
        if (!c.outside[i]) each_referent(c.objs[i], visit_add_outside, &c);
    failed = failed || c.failed;

    if (!failed) failed = build_objects(&c, s) != 0;
    if (!failed && os != NULL) mark_generations(&c, os, s);
    if (!failed) failed = build_arenas(heap, s) != 0;
    if (!failed && os != NULL) failed = build_freelists(os, s) != 0;
    collector_state(os, s);
    ptrmap_free(&c.large);
    ptrmap_free(&c.index);
    free(c.objs);
    free(c.outside);
    if (failed) {
        rg_snapshot_free(s);
        errno = ENOMEM;
        return NULL;
    }
    return s;
}

/* The index of o in snap->objects (binary search by address). */
size_t rg_snapshot_find(const rg_snapshot *snap, const rg_object *o)
{
    if (snap == NULL || o == NULL) return (size_t)-1;
    uintptr_t a = rg_stable_address(o);
    size_t lo = 0, hi = snap->nobjects;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (snap->objects[mid].address < a) lo = mid + 1;
        else hi = mid;
    }
    if (lo < snap->nobjects && snap->objects[lo].object == o) return lo;
    /* Not found by address (a pointer outside the heap): a plain scan. */
    for (size_t i = 0; i < snap->nobjects; i++)
        if (snap->objects[i].object == o) return i;
    return (size_t)-1;
}

/* Free a snapshot and its arrays. */
void rg_snapshot_free(rg_snapshot *snap)
{
    if (snap == NULL) return;
    free(snap->objects);
    free(snap->referents);
    free(snap->arenas);
    free(snap->pools);
    free(snap->freelists);
    free(snap);
}
