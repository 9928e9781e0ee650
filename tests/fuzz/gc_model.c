/*
 * gc_model.c -- the cycle collector and the object layer under random
 * operations, checked against an independent model of the object graph:
 * one interpreter behind the stress test (tests/test_gc_stress.c, `make
 * stress`) and the libFuzzer target (tests/fuzz/fuzz_gc.c).
 *
 * Every choice comes from a choice source (support/choice.h): a fixed-seed
 * xoshiro256** stream for the stress runs, the input bytes for the fuzzer
 * (input exhausted = stop, then the full teardown and its checks).  The
 * choices drive operations on a graph of engine objects of seven kinds: plain
 * nodes, nodes with a PEP 442 finalizer (some resurrect themselves into a
 * root list), nodes with a legacy tp_del, immutable variable-size
 * containers with free lists that the collector untracks when atomic
 * (tuples), containers created untracked and tracked on demand (dicts),
 * non-GC leaves, and weak references (with and without callbacks, some
 * holding their callback data, some dropped by their own callback).  The
 * operations: create objects, set and clear edges (refcounted as CPython
 * code does), drop and copy roots, make and drop weak references, collect
 * generations 0/1/2 (some with DEBUG_SAVEALL), freeze/unfreeze, change
 * thresholds, enable/disable, allocate bursts that start automatic
 * collections, build chains deeper than the trashcan's 50 levels (weak
 * references and finalized objects along them) and empty gc.garbage.  Even
 * seeds (fuzz: an even first byte) run on a debug heap (dead blocks filled
 * and checked).  The model
 * mirrors the graph (ids, edges, roots, finalized flags, weak-reference
 * targets) and never asks the library what is reachable: every object
 * carries its id and a canary, and registers its own death (clear at
 * refcount 0, or its dealloc).
 *
 * Checked after every step: every object reachable from the roots is alive,
 * its canary and pre-header intact and its edges the model's; finalizers and
 * tp_del run at most once, and before death; a weak reference reachable
 * when its referent died had its callback run; weak references read back
 * their referent or None as the model allows; an untracked container holds
 * nothing trackable; gen-0 count <= threshold.  Periodically (every 256
 * steps; fuzz: 32): exact refcounts of every live object, the tracked-object
 * lists against the model; rg_heap_check every 10,000 steps (fuzz: 256).  At every full collection (unfrozen) the model
 * predicts the outcome exactly: which objects die (the unreachable ones
 * unless resurrected -- with all they reach -- or reachable from a legacy
 * finalizer), which finalizers and which weak-reference callbacks run (those
 * of weak references not themselves garbage), which weak references are
 * cleared, what gc.garbage gains, and rg_collect's return value.  The run
 * ends by releasing everything: every object must die, every finalizer have
 * run exactly once, and the heap be empty.  Why: the collector's phases
 * interact (weak references, finalizers, resurrection, legacy finalizers,
 * untracking, free lists, the trashcan, automatic collections inside
 * allocations) in ways that hand-written tests cover only in pieces.  A
 * disagreement prints what differed on stderr and calls abort().
 *
 * Invariants: gc_model_run starts from a clean state and frees everything
 * it allocated, so runs (fuzz inputs) never influence each other.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "refgc.h"
#include "fuzz/gc_model.h"

/* ====================================================================== */
/* Failure                                                                 */
/* ====================================================================== */

static unsigned long g_seed, g_step;

/* Report a violated property and stop. */
__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "gc_model: seed %lu, step %lu: ", g_seed, g_step);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}
#define CHECK(cond, ...)                                                                       \
    do {                                                                                       \
        if (!(cond)) die(__VA_ARGS__);                                                         \
    } while (0)

/* ====================================================================== */
/* Engine objects                                                          */
/* ====================================================================== */

enum kind { K_NODE, K_FIN, K_LEG, K_VAR, K_DICT, K_LEAF, K_WR };
static const char *const kind_names[] = {"node", "fin", "legacy", "var", "dict", "leaf", "weakref"};
#define NSLOT 4   /* edges of nodes and dicts */
#define VAR_MAX 6 /* items of var containers: 1..6, free lists for 1..4 */

/* Every object of ours carries its model id, incarnation and a canary. */
typedef struct ident {
    uint32_t id, inc;
    uint64_t canary;
} ident;

/* Nodes (plain, finalizer, legacy) and dicts. */
typedef struct GObj {
    RG_OBJECT_HEAD;
    ident tag;
    rg_weakref *weaklist;
    rg_object *slot[NSLOT];
} GObj;

/* Var containers (tuples). */
typedef struct VObj {
    RG_VAROBJECT_HEAD;
    ident tag;
    rg_object *item[];
} VObj;

/* Leaves (not GC). */
typedef struct LObj {
    RG_OBJECT_HEAD;
    ident tag;
} LObj;

/* The canary of incarnation inc of id. */
static uint64_t canary_of(uint32_t id, uint32_t inc)
{
    uint64_t s = ((uint64_t)inc << 32) | id;
    return splitmix64(&s);
}

#define O_(p) RG_OBJ(p)

static void on_death_at(int32_t id, const rg_object *self);
static void on_finalize(uint32_t id, rg_object *self);
static void on_legacy(uint32_t id);
static void on_callback(rg_weakref *ref, rg_object *data);

/* Nodes' and dicts' traverse. */
static int g_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    GObj *o = (GObj *)self;
    for (int i = 0; i < NSLOT; i++) RG_VISIT(o->slot[i]);
    return 0;
}

/* Nodes' and dicts' clear; at refcount 0 it is the death (the default
 * dealloc's last hook before the memory goes). */
static int g_clear(rg_object *self)
{
    GObj *o = (GObj *)self;
    if (self->refcnt == 0) on_death_at((int32_t)o->tag.id, self);
    for (int i = 0; i < NSLOT; i++) RG_CLEAR(o->slot[i]);
    return 0;
}

/* PEP 442 finalizer. */
static void g_finalize(rg_object *self) { on_finalize(((GObj *)self)->tag.id, self); }

/* Legacy tp_del. */
static void g_legacy(rg_object *self) { on_legacy(((GObj *)self)->tag.id); }

/* _PyDict_MaybeUntrack. */
static int dict_may_untrack(rg_object *self)
{
    GObj *o = (GObj *)self;
    for (int i = 0; i < NSLOT; i++)
        if (o->slot[i] && rg_may_be_tracked(o->slot[i])) return 0;
    return 1;
}

/* Var containers: traverse, in the order of the declared layout. */
static int v_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    VObj *v = (VObj *)self;
    for (intptr_t i = 0; i < v->ob_var.size; i++) RG_VISIT(v->item[i]);
    return 0;
}

/* _PyTuple_MaybeUntrack. */
static int v_may_untrack(rg_object *self)
{
    VObj *v = (VObj *)self;
    for (intptr_t i = 0; i < v->ob_var.size; i++)
        if (v->item[i] == NULL || rg_may_be_tracked(v->item[i])) return 0;
    return 1;
}

/* tupledealloc: death, items released last first, free list. */
static void v_dealloc(rg_object *self)
{
    VObj *v = (VObj *)self;
    on_death_at((int32_t)v->tag.id, self);
    for (intptr_t i = v->ob_var.size; i-- > 0;) RG_CLEAR(v->item[i]);
    rg_object_free(self);
}

/* A leaf's dealloc. */
static void l_dealloc(rg_object *self)
{
    on_death_at((int32_t)((LObj *)self)->tag.id, self);
    rg_object_free(self);
}

#define GTYPE(nm, ...)                                                                         \
    {.name = nm, .size = sizeof(GObj), .flags = RG_TYPE_GC, .traverse = g_traverse,            \
     .clear = g_clear, .weaklist_offset = offsetof(GObj, weaklist), __VA_ARGS__}
static const rg_type types[] = {
    /* Nodes and var containers declare where their references are (the
     * collector reads them itself); the other kinds go through traverse. */
    [K_NODE] = GTYPE("Node", .preheader_size = 16, .refs_offset = offsetof(GObj, slot), .nrefs = NSLOT),
    [K_FIN] = GTYPE("Fin", .finalize = g_finalize),
    [K_LEG] = GTYPE("Legacy", .legacy_del = g_legacy),
    [K_VAR] = {.name = "Var", .size = sizeof(VObj), .item_size = sizeof(rg_object *),
               .flags = RG_TYPE_GC | RG_TYPE_ATOMIC_WHEN_UNTRACKED | RG_TYPE_REF_ITEMS,
               .traverse = v_traverse, .dealloc = v_dealloc, .may_untrack = v_may_untrack,
               .freelist_capacity = 4, .freelist_max_items = 4},
    [K_DICT] = {.name = "Dict", .size = sizeof(GObj),
                .flags = RG_TYPE_GC | RG_TYPE_TRACK_LATER | RG_TYPE_UNTRACK_ON_FULL,
                .traverse = g_traverse, .clear = g_clear, .may_untrack = dict_may_untrack,
                .freelist_capacity = 8},
    [K_LEAF] = {.name = "Leaf", .size = sizeof(LObj), .dealloc = l_dealloc},
};

/* ====================================================================== */
/* The model                                                               */
/* ====================================================================== */

typedef struct MObj {
    rg_object *ptr;
    uint32_t inc, mark, mark2, mark3; /* incarnation; epochs of three marks */
    int32_t slot[VAR_MAX]; /* edges (ids, -1); a weak reference's slot[0] is its data */
    int32_t referent;      /* weak references: the referent's id (-1: none) */
    int32_t wr_next;       /* next weak reference to the same referent */
    int32_t wr_head;       /* first weak reference to this object */
    int32_t table;         /* weak references dropped by their callback: table index */
    uint8_t kind, nslots, dead, finalized, resurrect, legacy_calls, in_use;
    uint8_t has_cb, cb_ran, cleared, data_dropped, gc_resurrected, drop_in_cb;
} MObj;

typedef struct idvec {
    int32_t *v;
    uint32_t n, cap;
} idvec;

#define NROOT 48
#define NWR 32
static MObj *M;
static uint32_t n_ids, cap_ids;
static int32_t roots[NROOT], wrtab[NWR]; /* strong references held by the test */
static idvec res;     /* objects resurrected by their finalizers (strong) */
static idvec garb;    /* the model's gc.garbage (strong, the engine's) */
static idvec tmp;     /* temporaries of the current operation (strong) */
static idvec free_ids, dead_ids, pending, reach, stk, fin_log, cb_log, cb_ref_log, dlist;
static uint8_t *fl;   /* per-id flags of a strict collection */
static int32_t *cnt;  /* per-id expected refcounts */
static uint32_t ep1, ep2, ep3;

static rg_heap *H;
static choice_src *R;
static int g_in_gc, g_explicit, g_frozen, g_enabled = 1, g_gc_marked;
static unsigned g_debug;
static long g_t0 = 700;
static uint32_t g_res_at_start;
static size_t g_alive, g_last_collected, g_last_uncollectable;
static int g_last_gen;
static FILE *g_devnull;

/* Statistics for the summary line. */
static size_t st_objects, st_collections, st_auto, st_strict, st_fin, st_resurrected, st_callbacks,
    st_uncollectable, st_freed_by_cb, st_verify;

/* Append x to v. */
static void push(idvec *v, int32_t x)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->v = realloc(v->v, v->cap * sizeof *v->v);
        CHECK(v->v != NULL, "out of memory");
    }
    v->v[v->n++] = x;
}

/* Uniform below n. */
static uint32_t rnd(uint32_t n) { return (uint32_t)choice_below(R, n); }

/* 1 with probability pct %. */
static int chance(uint32_t pct) { return rnd(100) < pct; }

/* ---------------------------------------------------------------------- */
/* Pointer map: engine address -> id of the object living there            */
/* ---------------------------------------------------------------------- */

static struct pm_entry {
    const rg_object *p;
    int32_t id;
} *pm;
static size_t pm_cap, pm_n;

/* The slot of p, or the empty slot where it would go. */
static size_t pm_slot(const rg_object *p)
{
    uint64_t s = (uint64_t)(uintptr_t)p;
    size_t i = (size_t)splitmix64(&s) & (pm_cap - 1);
    while (pm[i].p != NULL && pm[i].p != p) i = (i + 1) & (pm_cap - 1);
    return i;
}

/* map[p] = id (growing at half full). */
static void pm_put(const rg_object *p, int32_t id)
{
    if ((pm_n + 1) * 2 > pm_cap) {
        struct pm_entry *old = pm;
        size_t n = pm_cap;
        pm_cap = pm_cap ? pm_cap * 2 : 4096;
        pm = calloc(pm_cap, sizeof *pm);
        CHECK(pm != NULL, "out of memory");
        pm_n = 0;
        for (size_t i = 0; i < n; i++)
            if (old[i].p) pm_put(old[i].p, old[i].id);
        free(old);
    }
    size_t i = pm_slot(p);
    if (pm[i].p == NULL) pm_n++;
    pm[i] = (struct pm_entry){p, id};
}

/* map[p], or -1. */
static int32_t pm_get(const rg_object *p)
{
    size_t i = pm_slot(p);
    return pm[i].p ? pm[i].id : -1;
}

/* Remove p (backward-shift deletion). */
static void pm_del(const rg_object *p)
{
    size_t i = pm_slot(p);
    if (pm[i].p == NULL) return;
    pm[i].p = NULL;
    pm_n--;
    for (size_t j = (i + 1) & (pm_cap - 1); pm[j].p != NULL; j = (j + 1) & (pm_cap - 1)) {
        struct pm_entry e = pm[j];
        pm[j].p = NULL;
        pm_n--;
        pm_put(e.p, e.id);
    }
}

/* ---------------------------------------------------------------------- */
/* Model objects                                                           */
/* ---------------------------------------------------------------------- */

/* Is id a model object not known to be dead? */
static int live(int32_t id) { return id >= 0 && M[id].in_use && !M[id].dead; }

/* id has died (its id is recycled at the next verification). */
static void mark_dead(int32_t id)
{
    MObj *m = &M[id];
    m->dead = 1;
    g_alive--;
    pm_del(m->ptr);
    push(&dead_ids, id);
}

/* A model id of kind k for the new engine object p (refcount 1). */
static int32_t model_new(enum kind k, rg_object *p)
{
    int32_t id;
    if (free_ids.n) {
        id = free_ids.v[--free_ids.n];
    } else {
        if (n_ids == cap_ids) {
            cap_ids = cap_ids ? cap_ids * 2 : 4096;
            M = realloc(M, cap_ids * sizeof *M);
            fl = realloc(fl, cap_ids);
            cnt = realloc(cnt, cap_ids * sizeof *cnt);
            CHECK(M && fl && cnt, "out of memory");
        }
        id = (int32_t)n_ids++;
        M[id].inc = 0;
    }
    MObj *m = &M[id];
    *m = (MObj){.ptr = p, .inc = m->inc + 1, .kind = (uint8_t)k, .in_use = 1, .referent = -1,
                .wr_next = -1, .wr_head = -1, .table = -1};
    for (int i = 0; i < VAR_MAX; i++) m->slot[i] = -1;
    int32_t old = pm_get(p);
    if (old >= 0) {
        /* Memory is reused only once dead: a weak reference we did not see
         * die, never one of ours, which say when they die. */
        CHECK(M[old].kind == K_WR, "new %s at the address of live %s #%d", kind_names[k],
              kind_names[M[old].kind], old);
        mark_dead(old);
    }
    pm_put(p, id);
    g_alive++;
    st_objects++;
    return id;
}

/* The engine's edge i of id. */
static rg_object *eslot(int32_t id, int i)
{
    return M[id].kind == K_VAR ? ((VObj *)M[id].ptr)->item[i] : ((GObj *)M[id].ptr)->slot[i];
}

/* Does the model have an edge from id through slot i? */
static int32_t edge(int32_t id, int i)
{
    const MObj *m = &M[id];
    if (m->kind == K_WR && m->data_dropped) return -1;
    return m->slot[i];
}

/* Push the ids of every strong reference the test holds (resurrected ones
 * only up to nres) on stk. */
static void push_roots(uint32_t nres)
{
    for (int i = 0; i < NROOT; i++)
        if (roots[i] >= 0) push(&stk, roots[i]);
    for (int i = 0; i < NWR; i++)
        if (wrtab[i] >= 0) push(&stk, wrtab[i]);
    for (uint32_t i = 0; i < nres; i++) push(&stk, res.v[i]);
    for (uint32_t i = 0; i < garb.n; i++) push(&stk, garb.v[i]);
    for (uint32_t i = 0; i < tmp.n; i++) push(&stk, tmp.v[i]);
}

/* The mark field `which` (1, 2, 3) of id. */
static uint32_t *markf(int32_t id, int which)
{
    return which == 1 ? &M[id].mark : which == 2 ? &M[id].mark2 : &M[id].mark3;
}

/* Mark with epoch e, in field which, everything live reachable through
 * model edges from the ids on stk and not marked yet; list it in out. */
static void mark_from(int which, uint32_t e, idvec *out)
{
    while (stk.n) {
        int32_t id = stk.v[--stk.n];
        if (!live(id)) {
            CHECK(which != 1, "%s #%d is reachable, but dead", kind_names[M[id].kind], id);
            continue;
        }
        if (*markf(id, which) == e) continue;
        *markf(id, which) = e;
        if (out) push(out, id);
        for (int i = 0; i < M[id].nslots; i++)
            if (edge(id, i) >= 0) push(&stk, edge(id, i));
    }
}

/* Strict-collection flags. */
enum { F_D = 1, F_L = 2, F_R = 4, F_TR = 8, F_C = 16, F_F = 32, F_FREED = 64 };

/* Set bit on everything in D reachable from the ids on stk. */
static void fl_closure(uint8_t bit)
{
    while (stk.n) {
        int32_t id = stk.v[--stk.n];
        if (!(fl[id] & F_D) || (fl[id] & bit)) continue;
        fl[id] |= bit;
        for (int i = 0; i < M[id].nslots; i++)
            if (edge(id, i) >= 0) push(&stk, edge(id, i));
    }
}

/* ====================================================================== */
/* Hooks: the objects tell the model what happens to them                  */
/* ====================================================================== */

/* id (at self) is dying: after its finalizer and tp_del, its weak
 * references cleared. */
static void on_death_at(int32_t id, const rg_object *self)
{
    CHECK(live(id) && M[id].ptr == self, "death of #%d, not a live object there", id);
    MObj *m = &M[id];
    CHECK(m->kind != K_FIN || m->finalized == 1, "fin #%d dies without its finalizer", id);
    CHECK(m->kind != K_LEG || m->legacy_calls == 1, "legacy #%d dies after %d tp_del calls", id,
          m->legacy_calls);
    for (int32_t w = m->wr_head; w >= 0; w = M[w].wr_next) {
        if (!live(w) || M[w].referent != id) continue;
        if (M[w].has_cb && !M[w].cb_ran && !M[w].cleared) push(&pending, w);
        M[w].cleared = 1;
        M[w].referent = -1;
    }
    m->wr_head = -1;
    mark_dead(id);
}

/* PEP 442: at most once, before death; some resurrect. */
static void on_finalize(uint32_t uid, rg_object *self)
{
    int32_t id = (int32_t)uid;
    CHECK(live(id) && M[id].ptr == self && M[id].kind == K_FIN, "finalizer of a stranger");
    CHECK(M[id].finalized == 0, "finalizer of #%d runs twice", id);
    M[id].finalized = 1;
    st_fin++;
    push(&fin_log, id);
    if (!M[id].resurrect) return;
    rg_incref(self);
    push(&res, id);
    st_resurrected++;
    if (!g_in_gc) return;
    /* The collector may have cleared weak references to (and weak
     * references among) what the resurrected object reaches outside the
     * roots: allow them to read None. */
    if (!g_gc_marked) {
        g_gc_marked = 1;
        ep3++;
        push_roots(g_res_at_start);
        mark_from(3, ep3, NULL);
    }
    idvec got = {0};
    push(&stk, id);
    mark_from(3, ep3, &got);
    for (uint32_t i = 0; i < got.n; i++) M[got.v[i]].gc_resurrected = 1;
    free(got.v);
}

/* Legacy tp_del: once, at the refcount death. */
static void on_legacy(uint32_t uid)
{
    int32_t id = (int32_t)uid;
    CHECK(live(id) && M[id].kind == K_LEG, "tp_del of a stranger");
    CHECK(M[id].legacy_calls == 0, "tp_del of #%d runs twice", id);
    M[id].legacy_calls = 1;
}

/* A weak reference's callback: once, for a live reference with a callback,
 * already cleared, with its data; its referent dying (refcount 0: the
 * refcount path, which then drops the data) or garbage (the collector's
 * path, which keeps it). */
static void on_callback(rg_weakref *ref, rg_object *data)
{
    int32_t w = pm_get(O_(ref));
    CHECK(live(w) && M[w].kind == K_WR, "callback of an unknown weak reference %p", (void *)ref);
    MObj *m = &M[w];
    CHECK(m->has_cb && !m->cb_ran && !m->cleared, "callback of #%d unexpected (ran %d, cleared %d)", w,
          m->cb_ran, m->cleared);
    CHECK(rg_weakref_get(ref) == NULL, "callback of #%d sees its referent", w);
    CHECK(O_(ref)->refcnt > 0 && O_(ref)->refcnt < ((intptr_t)1 << 40),
          "callback of weakref #%d, which is dead: refcount word %#lx (a trashcan link?)", w,
          (long)O_(ref)->refcnt);
    CHECK(data == (m->slot[0] >= 0 ? M[m->slot[0]].ptr : NULL), "callback of #%d: wrong data", w);
    int32_t x = m->referent;
    CHECK(live(x), "callback of #%d: referent #%d not live", w, x);
    m->cb_ran = m->cleared = 1;
    st_callbacks++;
    push(&cb_log, w);
    push(&cb_ref_log, x);
    if (M[x].ptr->refcnt == 0) m->data_dropped = 1;
    if (m->drop_in_cb && m->table >= 0) {
        wrtab[m->table] = -1;
        m->table = -1;
        rg_decref(O_(ref)); /* may free ref: the last thing done with it */
    }
}

/* gc.callbacks: collections in progress and their results. */
static void gc_callback(rg_heap *h, const char *phase, int generation, size_t collected,
                        size_t uncollectable, void *data)
{
    (void)h, (void)data;
    if (strcmp(phase, "start") == 0) {
        CHECK(!g_in_gc && collected == 0 && uncollectable == 0, "bad start callback");
        g_in_gc = 1;
        g_gc_marked = 0;
        g_res_at_start = res.n;
        st_collections++;
        st_auto += !g_explicit;
    } else {
        CHECK(g_in_gc, "stop without start");
        g_in_gc = 0;
        g_last_gen = generation;
        g_last_collected = collected;
        g_last_uncollectable = uncollectable;
        st_uncollectable += uncollectable;
    }
}

/* ====================================================================== */
/* Operations on the engine, mirrored in the model first                   */
/* ====================================================================== */

enum { M_ANY = 0x3f | 1 << K_WR, M_MUT = 1 << K_NODE | 1 << K_FIN | 1 << K_LEG | 1 << K_DICT,
       M_WREF = 1 << K_NODE | 1 << K_FIN | 1 << K_LEG };

/* The tag of one of our objects. */
static ident *tag_of(int32_t id)
{
    rg_object *p = M[id].ptr;
    return M[id].kind == K_VAR    ? &((VObj *)p)->tag
           : M[id].kind == K_LEAF ? &((LObj *)p)->tag
                                  : &((GObj *)p)->tag;
}

/* Node pre-headers hold the canary twice (16 bytes before the GC header). */
static uint64_t *preheader_of(int32_t id) { return (uint64_t *)((char *)M[id].ptr - 32); }

/* A random object reachable at the last check, live, of a kind in mask;
 * -1 if none turns up. */
static int32_t pick(unsigned mask)
{
    for (int t = 0; t < 16 && reach.n; t++) {
        int32_t id = reach.v[rnd(reach.n)];
        if (live(id) && (mask >> M[id].kind & 1)) return id;
    }
    return -1;
}

/* Hold a reference to id until the operation ends (allocations may run
 * collections whose callbacks drop data references). */
static int32_t hold(int32_t id)
{
    if (id >= 0) {
        rg_incref(M[id].ptr);
        push(&tmp, id);
    }
    return id;
}

/* Drop the operation's temporaries, last first. */
static void release_tmp(void)
{
    while (tmp.n) {
        int32_t id = tmp.v[--tmp.n];
        rg_decref(M[id].ptr);
    }
}

/* holder.slot[s] = target (-1: NULL), as CPython code stores: new
 * reference in, the slot updated, the old one dropped last; a dict that
 * receives something trackable tracks itself (MAINTAIN_TRACKING). */
static void e_set(int32_t holder, int s, int32_t target)
{
    M[holder].slot[s] = target;
    GObj *g = (GObj *)M[holder].ptr;
    rg_object *old = g->slot[s], *np = target >= 0 ? M[target].ptr : NULL;
    rg_xincref(np);
    g->slot[s] = np;
    if (M[holder].kind == K_DICT && np && !rg_is_tracked(O_(g)) && rg_may_be_tracked(np)) rg_track(O_(g));
    rg_xdecref(old);
}

/* roots[r] = id. */
static void e_root(int r, int32_t id)
{
    int32_t old = roots[r];
    roots[r] = id;
    if (id >= 0) rg_incref(M[id].ptr);
    if (old >= 0) rg_decref(M[old].ptr);
}

/* wrtab[t] = id (a weak reference). */
static void e_wrtab(int t, int32_t id)
{
    int32_t old = wrtab[t];
    wrtab[t] = id;
    if (id >= 0) {
        rg_incref(M[id].ptr);
        if (M[id].drop_in_cb && M[id].table < 0 && !M[id].cb_ran) M[id].table = t;
    }
    if (old >= 0) {
        if (M[old].table == t) M[old].table = -1;
        rg_decref(M[old].ptr);
    }
}

/* A new object of kind k (not a weak reference), held in tmp; a var
 * container takes its items from pool (held objects) if given, else from
 * the reachable objects (picked before the allocation, which may collect). */
static int32_t create(enum kind k, const int32_t *pool, uint32_t npool)
{
    int32_t items[VAR_MAX];
    int n = 0;
    if (k == K_VAR) {
        n = 1 + (int)rnd(VAR_MAX);
        for (int i = 0; i < n; i++) items[i] = chance(5) ? -1 : npool ? pool[rnd(npool)] : hold(pick(M_ANY));
    }
    rg_object *p = k == K_VAR ? rg_new_var(H, &types[k], (size_t)n) : rg_new(H, &types[k]);
    CHECK(p != NULL, "rg_new failed");
    CHECK(p->refcnt == 1 && rg_is_tracked(p) == (k != K_LEAF && k != K_DICT),
          "new %s: refcount %ld, tracked %d", kind_names[k], (long)p->refcnt, rg_is_tracked(p));
    int32_t id = model_new(k, p);
    MObj *m = &M[id];
    *tag_of(id) = (ident){(uint32_t)id, m->inc, canary_of((uint32_t)id, m->inc)};
    m->nslots = k == K_VAR ? (uint8_t)n : k == K_LEAF ? 0 : NSLOT;
    if (k == K_NODE) preheader_of(id)[0] = preheader_of(id)[1] = canary_of((uint32_t)id, m->inc);
    if (k == K_FIN) m->resurrect = chance(30);
    for (int i = 0; i < n; i++) {
        m->slot[i] = items[i];
        ((VObj *)p)->item[i] = items[i] >= 0 ? M[items[i]].ptr : NULL;
        rg_xincref(((VObj *)p)->item[i]);
    }
    push(&tmp, id);
    return id;
}

/* A random kind for a new object. */
static enum kind random_kind(void)
{
    uint32_t r = rnd(100);
    return r < 30 ? K_NODE : r < 52 ? K_FIN : r < 55 ? K_LEG : r < 73 ? K_VAR : r < 85 ? K_DICT : K_LEAF;
}

/* Store the new (held) id into holder's slot (holder -1: a root). */
static void place(int32_t holder, int32_t id)
{
    if (holder >= 0) e_set(holder, (int)rnd(NSLOT), id);
    else e_root((int)rnd(NROOT), id);
}

/* Create an object, give it a few edges, store it somewhere.  Every
 * object used is picked (and held) before the allocation: a collection
 * there may free weak references the model only later learns are dead. */
static void op_new(void)
{
    enum kind k = random_kind();
    int32_t targets[2] = {-1, -1};
    uint32_t ne = k == K_VAR || k == K_LEAF ? 0 : rnd(3);
    for (uint32_t i = 0; i < ne; i++) targets[i] = hold(pick(M_ANY));
    int32_t holder = chance(50) ? hold(pick(M_MUT)) : -1;
    int32_t id = create(k, NULL, 0);
    for (uint32_t i = 0; i < ne; i++) e_set(id, (int)rnd(NSLOT), targets[i]);
    place(holder, id);
    release_tmp();
}

/* Set or clear an edge of a reachable object (cycles come from here);
 * with many objects reachable, mostly clear (all of a node's, at times). */
static void op_edge(int crowded)
{
    int32_t holder = hold(pick(M_MUT));
    if (holder < 0) return;
    if (crowded && chance(30)) {
        for (int s = 0; s < NSLOT; s++) e_set(holder, s, -1);
    } else {
        int32_t target = chance(crowded ? 75 : 20) ? -1 : chance(10) ? holder : hold(pick(M_ANY));
        e_set(holder, (int)rnd(NSLOT), target);
    }
    release_tmp();
}

/* Is id in a root or the weak-reference table (so surely alive)? */
static int held_directly(int32_t id)
{
    for (int i = 0; i < NROOT; i++)
        if (roots[i] == id) return 1;
    for (int i = 0; i < NWR; i++)
        if (wrtab[i] == id) return 1;
    return 0;
}

/* A new weak reference to x (held), with a callback or not, held in tmp:
 * a new object, or the shared one (callback-less only). */
static int32_t make_weakref(int32_t x, int cb, int drop, int32_t data)
{
    rg_weakref *w = rg_weakref_new(H, M[x].ptr, cb ? on_callback : NULL, data >= 0 ? M[data].ptr : NULL);
    CHECK(w != NULL, "rg_weakref_new failed");
    int32_t id;
    if (O_(w)->refcnt == 1) {
        /* New: no callback-less reference to x that surely lives can read x. */
        for (int32_t o = M[x].wr_head; !cb && o >= 0; o = M[o].wr_next)
            CHECK(!(live(o) && !M[o].has_cb && held_directly(o) && rg_weakref_get((rg_weakref *)M[o].ptr)),
                  "new weak reference to #%d although #%d is shared", x, o);
        id = model_new(K_WR, O_(w));
        MObj *m = &M[id];
        m->referent = x;
        m->wr_next = M[x].wr_head;
        M[x].wr_head = id;
        m->has_cb = (uint8_t)cb;
        m->drop_in_cb = (uint8_t)drop;
        m->slot[0] = data;
        m->nslots = 1;
    } else {
        id = pm_get(O_(w));
        CHECK(!cb && live(id) && M[id].kind == K_WR && !M[id].has_cb && M[id].referent == x && !M[id].cleared,
              "rg_weakref_new returned a wrong shared reference");
    }
    push(&tmp, id);
    return id;
}

/* A weak reference to a reachable object: with a callback (some holding
 * data, some dropped by the callback) or without (shared). */
static void op_weakref(void)
{
    int32_t x = hold(pick(M_WREF));
    if (x < 0) return;
    int cb = chance(70), drop = cb && chance(30);
    int32_t data = cb && !drop && chance(50) ? hold(pick(M_ANY)) : -1;
    int32_t holder = drop ? -1 : chance(40) ? hold(pick(M_MUT)) : -1;
    int32_t id = make_weakref(x, cb, drop, data);
    if (holder >= 0) e_set(holder, (int)rnd(NSLOT), id);
    else e_wrtab((int)rnd(NWR), id);
    release_tmp();
}

/* A chain deeper than the trashcan's 50 levels, with weak references (some
 * with callbacks) along it to nodes hanging off shallower links, which die
 * after the deep part, and finalized objects taken from the resurrected:
 * dropped at once, or kept. */
static void op_chain(void)
{
    static const enum kind kinds[4] = {K_NODE, K_NODE, K_FIN, K_DICT};
    uint32_t len = 30 + rnd(100), nref = 0;
    int32_t head = create(K_NODE, NULL, 0), prev = head, refs[64];
    for (uint32_t i = 0; i < len; i++) {
        int32_t x = create(kinds[rnd(4)], NULL, 0);
        e_set(prev, 0, x);
        if (chance(25) && nref < 64) {
            refs[nref] = create(chance(50) ? K_NODE : K_FIN, NULL, 0);
            e_set(x, 3, refs[nref++]);
        }
        if (chance(25) && nref) e_set(x, 1, make_weakref(refs[rnd(nref)], chance(80), 0, -1));
        if (chance(10) && res.n) { /* a finalized (resurrected) object moves into the chain */
            uint32_t j = rnd(res.n);
            int32_t r = res.v[j];
            e_set(x, 2, r);
            res.v[j] = res.v[--res.n];
            rg_decref(M[r].ptr);
        }
        prev = x;
    }
    if (chance(30)) place(-1, head);
    release_tmp();
}

/* Many short-lived objects linked among themselves: automatic collections
 * start inside these allocations. */
static void op_burst(void)
{
    uint32_t next = 8, k = next + 20 + rnd(250);
    int32_t *made = malloc(k * sizeof *made);
    CHECK(made != NULL, "out of memory");
    for (uint32_t i = 0; i < next; i++) made[i] = hold(pick(M_ANY)); /* links to the outside */
    for (uint32_t i = next; i < k; i++) {
        enum kind kind = random_kind();
        made[i] = create(kind == K_LEG && chance(70) ? K_NODE : kind, made, i);
    }
    for (uint32_t i = next; i < k; i++) {
        if (!(M_MUT >> M[made[i]].kind & 1)) continue;
        for (uint32_t e = rnd(3); e-- > 0;)
            e_set(made[i], (int)rnd(NSLOT), chance(90) ? made[next + rnd(k - next)] : made[rnd(k)]);
    }
    if (chance(30)) e_root((int)rnd(NROOT), made[next + rnd(k - next)]);
    free(made);
    release_tmp();
}

/* A full collection of whatever is there; in gc.garbage: breaking legacy
 * objects' edges first, so that they die when let go. */
static void op_clear_garbage(void)
{
    for (uint32_t i = 0; i < garb.n; i++)
        if (M[garb.v[i]].kind == K_LEG)
            for (int s = 0; s < NSLOT; s++) e_set(garb.v[i], s, -1);
    garb.n = 0;
    rg_gc_clear_garbage(H);
}

/* Let a resurrected object go. */
static void op_drop_res(void)
{
    if (res.n == 0) return;
    uint32_t i = rnd(res.n);
    int32_t id = res.v[i];
    res.v[i] = res.v[--res.n];
    rg_decref(M[id].ptr);
}

/* Allocate (and drop) one node: with collection enabled, the gen-0 count
 * is within its threshold after any allocation. */
static void touch_allocation(void)
{
    create(K_NODE, NULL, 0);
    release_tmp();
}

/* ====================================================================== */
/* Checks                                                                  */
/* ====================================================================== */

/* A live, reachable object: intact, its edges the model's, its tracking
 * state allowed, a weak reference reading what the model allows. */
static void check_obj(int32_t id)
{
    MObj *m = &M[id];
    rg_object *p = m->ptr;
    const char *kn = kind_names[m->kind];
    CHECK(p->refcnt > 0, "%s #%d: refcount %ld", kn, id, (long)p->refcnt);
    if (m->kind == K_WR) {
        CHECK(p->type == &rg_weakref_type && rg_is_tracked(p), "weakref #%d damaged", id);
        rg_object *got = rg_weakref_get((rg_weakref *)p);
        int32_t r = m->referent;
        if (m->cleared || r < 0) {
            CHECK(got == NULL, "weakref #%d returns an object after its referent went", id);
        } else if (got == NULL) {
            CHECK(m->gc_resurrected || M[r].gc_resurrected, "weakref #%d cleared while #%d lives", id, r);
            m->cleared = 1;
        } else {
            CHECK(got == M[r].ptr && live(r), "weakref #%d returns a wrong object", id);
        }
        return;
    }
    const ident *t = tag_of(id);
    CHECK(p->type == &types[m->kind] && t->id == (uint32_t)id && t->inc == m->inc &&
              t->canary == canary_of((uint32_t)id, m->inc),
          "%s #%d: object overwritten", kn, id);
    if (m->kind == K_NODE)
        CHECK(preheader_of(id)[0] == t->canary && preheader_of(id)[1] == t->canary,
              "node #%d: pre-header overwritten", id);
    if (m->kind == K_LEAF) return;
    if (m->kind == K_VAR) CHECK(((VObj *)p)->ob_var.size == m->nslots, "var #%d: size changed", id);
    int tracked = rg_is_tracked(p);
    for (int i = 0; i < m->nslots; i++) {
        rg_object *e = eslot(id, i);
        CHECK(e == (m->slot[i] >= 0 ? M[m->slot[i]].ptr : NULL), "%s #%d: edge %d is %p, the model says #%d",
              kn, id, i, (void *)e, m->slot[i]);
        CHECK(tracked || e == NULL || !rg_may_be_tracked(e), "untracked %s #%d holds a trackable object", kn,
              id);
    }
    CHECK(tracked || m->kind == K_VAR || m->kind == K_DICT, "%s #%d untracked", kn, id);
}

/* Mark from the roots (reach lists the reachable objects). */
static void mark_reach(void)
{
    ep1++;
    reach.n = 0;
    push_roots(res.n);
    mark_from(1, ep1, &reach);
}

/* gc.garbage: the model's list is a prefix; what the engine added must be
 * legacy objects (anything under SAVEALL) the model knows alive. */
static uint32_t sync_garbage(int saveall)
{
    rg_object *const *items;
    size_t n = rg_gc_garbage(H, &items);
    CHECK(n >= garb.n, "gc.garbage lost objects");
    for (uint32_t i = 0; i < garb.n; i++) CHECK(items[i] == M[garb.v[i]].ptr, "gc.garbage reordered");
    uint32_t first = garb.n;
    for (size_t i = first; i < n; i++) {
        int32_t id = pm_get(items[i]);
        CHECK(live(id) && (saveall || M[id].kind == K_LEG), "gc.garbage got %s", items[i]->type->name);
        push(&garb, id);
    }
    return first;
}

/* After every operation. */
static void check_step(void)
{
    mark_reach();
    for (uint32_t i = 0; i < reach.n; i++) check_obj(reach.v[i]);
    for (uint32_t i = 0; i < pending.n; i++) {
        int32_t w = pending.v[i];
        CHECK(!(live(w) && M[w].mark == ep1 && !M[w].cb_ran && !M[w].gc_resurrected),
              "weakref #%d was reachable when its referent died, but its callback did not run", w);
    }
    pending.n = 0;
    long c[3];
    rg_gc_get_count(H, c);
    CHECK(c[0] >= 0 && c[1] >= 0 && c[2] >= 0, "negative count");
    CHECK(!g_enabled || g_t0 <= 0 || c[0] <= g_t0, "gen-0 count %ld over threshold %ld", c[0], g_t0);
    sync_garbage(0);
}

/* What a strict collection expects of weak reference id: 1 alive, 0 dead,
 * -1 either.  Objects of L dying by refcount run weak-reference callbacks
 * that drop their data: what was reachable only through it may go. */
static int w_expect(int32_t id, int saveall)
{
    uint8_t f = fl[id];
    if (f & F_FREED) return 0;
    if (saveall) return 1;
    if (f & F_L) return -1;
    if ((f & (F_D | F_R)) == F_D) return 0;
    return M[id].mark == ep1 ? 1 : -1;
}

static rg_object **g_buf;
static size_t g_buf_cap;

/* The tracked objects against the model: all known, no leaf, every live
 * node among them, containers as they say; a weak reference missing is
 * dead.  strict: 1 or 2 (SAVEALL) to apply w_expect. */
static void scan(int strict)
{
    intptr_t n = rg_gc_get_objects(H, -1, NULL, 0);
    CHECK(n >= 0, "rg_gc_get_objects failed");
    if ((size_t)n > g_buf_cap) {
        g_buf_cap = (size_t)n * 2;
        g_buf = realloc(g_buf, g_buf_cap * sizeof *g_buf);
        CHECK(g_buf != NULL, "out of memory");
    }
    CHECK(rg_gc_get_objects(H, -1, g_buf, g_buf_cap) == n, "rg_gc_get_objects changed");
    ep2++;
    for (intptr_t i = 0; i < n; i++) {
        int32_t id = pm_get(g_buf[i]);
        CHECK(live(id) && M[id].kind != K_LEAF && M[id].mark2 != ep2, "tracked object %p (%s) unknown",
              (void *)g_buf[i], g_buf[i]->type->name);
        M[id].mark2 = ep2;
    }
    for (int32_t id = 0; id < (int32_t)n_ids; id++) {
        if (!live(id) || M[id].kind == K_LEAF) continue;
        int seen = M[id].mark2 == ep2;
        if (M[id].kind == K_VAR || M[id].kind == K_DICT) {
            CHECK(seen == rg_is_tracked(M[id].ptr), "%s #%d: tracked but not listed", kind_names[M[id].kind],
                  id);
        } else if (M[id].kind != K_WR) {
            CHECK(seen, "%s #%d missing from the generations", kind_names[M[id].kind], id);
        } else {
            int expect = strict ? w_expect(id, strict == 2) : -1;
            CHECK(expect != (seen ? 0 : 1),
                  "weakref #%d %s (flags %x, callback %d ran %d, cleared %d, drop %d/%d)", id,
                  seen ? "survived" : "vanished", fl[id], M[id].has_cb, M[id].cb_ran, M[id].cleared,
                  M[id].drop_in_cb, M[id].table);
            if (!seen) mark_dead(id);
        }
    }
}

/* Expected refcounts from the model (cnt), every edge of a live object to
 * a live one. */
static void count_refs(void)
{
    if (n_ids) memset(cnt, 0, n_ids * sizeof *cnt);
    push_roots(res.n);
    while (stk.n) {
        int32_t id = stk.v[--stk.n];
        CHECK(live(id), "a root holds dead #%d", id);
        cnt[id]++;
    }
    for (int32_t id = 0; id < (int32_t)n_ids; id++) {
        if (!live(id)) continue;
        for (int i = 0; i < M[id].nslots; i++) {
            int32_t t = edge(id, i);
            if (t < 0) continue;
            CHECK(live(t), "%s #%d holds dead %s #%d", kind_names[M[id].kind], id, kind_names[M[t].kind], t);
            cnt[t]++;
        }
    }
}

/* Exact refcounts and edges of every live object; then dead ids are
 * recycled.  Needs an up-to-date scan. */
static void verify(void)
{
    count_refs();
    for (int32_t id = 0; id < (int32_t)n_ids; id++) {
        if (!live(id)) continue;
        CHECK(M[id].ptr->refcnt == cnt[id], "%s #%d: refcount %ld, the model counts %d",
              kind_names[M[id].kind], id, (long)M[id].ptr->refcnt, cnt[id]);
        if (M[id].kind != K_WR && M[id].kind != K_LEAF)
            for (int i = 0; i < M[id].nslots; i++)
                CHECK(eslot(id, i) == (M[id].slot[i] >= 0 ? M[M[id].slot[i]].ptr : NULL),
                      "#%d: edge %d differs", id, i);
    }
    for (uint32_t i = 0; i < dead_ids.n; i++) {
        int32_t id = dead_ids.v[i], r = M[id].referent;
        if (M[id].kind == K_WR && live(r)) {
            int32_t *link = &M[r].wr_head;
            while (*link >= 0 && *link != id) link = &M[*link].wr_next;
            CHECK(*link == id, "weakref #%d not on its referent's list", id);
            *link = M[id].wr_next;
        }
        M[id].in_use = 0;
        push(&free_ids, id);
    }
    dead_ids.n = 0;
    st_verify++;
}

/* ====================================================================== */
/* Collections                                                             */
/* ====================================================================== */

/* rg_collect(gen) outside the model's predictions: the result is what the
 * "stop" callback reported. */
static void plain_collect(int gen)
{
    g_explicit = 1;
    intptr_t ret = rg_collect(H, gen);
    g_explicit = 0;
    CHECK(ret >= 0 && g_last_gen == gen && (size_t)ret == g_last_collected + g_last_uncollectable,
          "collect(%d) returned %ld, callbacks said %zu + %zu", gen, (long)ret, g_last_collected,
          g_last_uncollectable);
}

/* A full collection whose outcome the model predicts: D (unreachable), L
 * (reachable from a legacy finalizer in D), F (finalizers to run), R
 * (what resurrecting finalizers reach), C (callbacks to run), the weak
 * references freed by their own callbacks, gc.garbage and the result. */
static void strict_collect(int saveall)
{
    scan(0);
    mark_reach();
    if (n_ids) memset(fl, 0, n_ids);
    dlist.n = 0;
    for (int32_t id = 0; id < (int32_t)n_ids; id++) {
        if (!live(id)) continue;
        int k = M[id].kind;
        if (k == K_NODE || k == K_FIN || k == K_LEG || k == K_WR ||
            ((k == K_VAR || k == K_DICT) && rg_is_tracked(M[id].ptr)))
            fl[id] |= F_TR;
        if (M[id].mark != ep1) {
            fl[id] |= F_D;
            push(&dlist, id);
        }
    }
    int has_l = 0;
    for (uint32_t i = 0; i < dlist.n; i++)
        if (M[dlist.v[i]].kind == K_LEG) push(&stk, dlist.v[i]), has_l = 1;
    fl_closure(F_L);
    size_t nF = 0, m_exp = 0, n_exp = 0, freed = 0, n_leg = 0;
    for (uint32_t i = 0; i < dlist.n; i++) {
        int32_t id = dlist.v[i];
        if (M[id].kind == K_FIN && !(fl[id] & F_L) && !M[id].finalized) {
            fl[id] |= F_F;
            nF++;
            if (M[id].resurrect) push(&stk, id);
        }
    }
    fl_closure(F_R);
    count_refs();
    for (int32_t id = 0; id < (int32_t)n_ids; id++) {
        if (!live(id)) continue;
        const MObj *m = &M[id];
        int32_t r = m->referent;
        if (m->kind == K_WR && m->has_cb && !m->cb_ran && !m->cleared && r >= 0 &&
            (fl[r] & (F_D | F_L)) == F_D && (fl[id] & (F_D | F_L)) != F_D) {
            fl[id] |= F_C;
            if (m->drop_in_cb && m->table >= 0 && cnt[id] == 1) fl[id] |= F_FREED, freed++;
        }
        m_exp += (fl[id] & (F_D | F_L | F_R | F_TR)) == (F_D | F_TR);
        n_exp += (fl[id] & (F_L | F_TR | F_C)) == (F_L | F_TR); /* C leaves the legacy list */
        n_leg += (fl[id] & F_L) && m->kind == K_LEG;
    }

    fin_log.n = cb_log.n = cb_ref_log.n = 0;
    uint32_t res_before = res.n;
    rg_gc_stats before[3], after[3];
    rg_gc_get_stats(H, before);
    if (saveall) rg_gc_set_debug(H, g_debug | RG_GC_DEBUG_SAVEALL, g_devnull);
    g_explicit = 1;
    intptr_t ret = rg_collect(H, 2);
    g_explicit = 0;
    if (saveall) rg_gc_set_debug(H, g_debug, g_devnull);
    rg_gc_get_stats(H, after);
    CHECK(g_last_gen == 2 && (size_t)ret == g_last_collected + g_last_uncollectable,
          "collect(2): %ld, callbacks %zu + %zu", (long)ret, g_last_collected, g_last_uncollectable);
    CHECK(after[2].collections == before[2].collections + 1 &&
              after[2].collected == before[2].collected + g_last_collected &&
              after[2].uncollectable == before[2].uncollectable + g_last_uncollectable,
          "collect(2): stats disagree");

    /* Beyond F and C, only objects of L may be finalized or lose weak
     * references: by their refcount death once what held them is cleared;
     * and then also what their weak references' callbacks (dropping their
     * data) leave unreachable. */
    mark_reach();
    ep3++;
    for (uint32_t i = res_before; i < res.n; i++) M[res.v[i]].mark3 = ep3;
#define EXTRA_OK(id)                                                                           \
    (!saveall && has_l && ((fl[id] & F_L) || (!(fl[id] & F_D) && (M[id].mark != ep1 || M[id].mark3 == ep3))))
    size_t nfin = 0;
    for (uint32_t i = 0; i < fin_log.n; i++) {
        int32_t id = fin_log.v[i];
        CHECK((fl[id] & F_F) || EXTRA_OK(id), "unexpected finalizer of #%d (flags %x)", id, fl[id]);
        nfin += (fl[id] & F_F) != 0;
    }
    CHECK(nfin == nF, "%zu finalizers ran, the model expected %zu", nfin, nF);
    for (uint32_t i = 0; i < cb_log.n; i++)
        CHECK((fl[cb_log.v[i]] & F_C) || EXTRA_OK(cb_ref_log.v[i]),
              "callback of weakref #%d (referent #%d) should not have run", cb_log.v[i], cb_ref_log.v[i]);
    for (int32_t id = 0; id < (int32_t)n_ids; id++) {
        if (!M[id].in_use) continue;
        CHECK(!(fl[id] & F_C) || M[id].cb_ran, "callback of weakref #%d did not run", id);
        int32_t r = M[id].referent;
        if (M[id].kind == K_WR && ((r >= 0 && (fl[r] & (F_D | F_L)) == F_D) || (fl[id] & (F_D | F_L)) == F_D))
            M[id].cleared = 1;
    }
    for (uint32_t i = 0; i < dlist.n; i++) {
        int32_t id = dlist.v[i];
        if (M[id].kind == K_WR || ((fl[id] & F_L) && !saveall)) continue;
        int alive = saveall || (fl[id] & (F_L | F_R));
        CHECK(M[id].dead == !alive, "unreachable %s #%d %s (L %d, R %d)", kind_names[M[id].kind], id,
              alive ? "died" : "survived", !!(fl[id] & F_L), !!(fl[id] & F_R));
    }

    uint32_t first = sync_garbage(saveall);
    size_t n_leg_alive = 0;
    for (int32_t id = 0; id < (int32_t)n_ids; id++)
        n_leg_alive += live(id) && (fl[id] & F_L) && M[id].kind == K_LEG;
    for (uint32_t i = first; i < garb.n; i++) {
        uint8_t f = fl[garb.v[i]];
        CHECK(saveall ? (f & (F_D | F_TR | F_C)) == (F_D | F_TR) && ((f & F_L) || !(f & F_R))
                      : (f & F_L) != 0,
              "gc.garbage got #%d", garb.v[i]);
    }
    CHECK(garb.n - first == (saveall ? m_exp + n_exp : n_leg_alive),
          "gc.garbage got %u objects, not %zu (saveall %d)", garb.n - first,
          saveall ? m_exp + n_exp : n_leg_alive, saveall);
    if (saveall) CHECK(n_leg_alive == n_leg, "a legacy object died under SAVEALL");
    if (saveall || !has_l)
        CHECK((size_t)ret == m_exp + freed + (saveall ? n_exp : 0),
              "collect(2) returned %ld; the model: %zu unreachable + %zu freed by callbacks + %zu "
              "uncollectable",
              (long)ret, m_exp, freed, saveall ? n_exp : 0);
    st_freed_by_cb += freed;
    scan(saveall ? 2 : 1);
    st_strict++;
}

/* ====================================================================== */
/* The run                                                                 */
/* ====================================================================== */

/* One random operation.  The reachable set is kept around 300-600
 * objects: past that, edges and roots are mostly cleared. */
static void step(void)
{
    uint32_t r = rnd(1000);
    int crowded = reach.n > 400;
    if (g_alive > 3000) {
        if (g_frozen) rg_gc_unfreeze(H), g_frozen = 0;
        for (int i = 0; i < 8; i++) e_root((int)rnd(NROOT), -1);
        while (res.n > 8) op_drop_res();
        op_clear_garbage();
        strict_collect(0);
    } else if (r < 300) {
        if (crowded && chance(50)) op_edge(1);
        else op_new();
    } else if (r < 520) {
        op_edge(crowded);
    } else if (r < 600) {
        e_root((int)rnd(NROOT), -1);
    } else if (r < 660) {
        e_root((int)rnd(NROOT), pick(M_ANY));
    } else if (r < 730) {
        op_weakref();
    } else if (r < 760) {
        e_wrtab((int)rnd(NWR), -1);
    } else if (r < 800) {
        do op_drop_res();
        while (res.n > 64);
    } else if (r < 825) {
        plain_collect(0);
    } else if (r < 840) {
        plain_collect(1);
    } else if (r < 865) {
        if (g_frozen) plain_collect(2);
        else strict_collect(chance(15));
    } else if (r < 895) {
        op_burst();
    } else if (r < 905) {
        static const long t0s[8] = {0, 1, 2, 5, 10, 25, 100, 700};
        g_t0 = t0s[rnd(8)];
        rg_gc_set_threshold(H, g_t0, 1 + (long)rnd(12), 1 + (long)rnd(12));
        touch_allocation();
    } else if (r < 913) {
        g_enabled = !g_enabled;
        if (g_enabled) rg_gc_enable(H);
        else rg_gc_disable(H);
        CHECK(rg_gc_isenabled(H) == g_enabled, "isenabled");
        touch_allocation();
    } else if (r < 917) {
        if (!g_frozen) {
            rg_gc_freeze(H);
            long c[3];
            rg_gc_get_count(H, c);
            CHECK(c[0] == 0 && c[1] == 0 && c[2] == 0, "freeze left counts %ld %ld %ld", c[0], c[1], c[2]);
            CHECK(rg_gc_get_objects(H, -1, NULL, 0) == 0, "freeze left objects in the generations");
            g_frozen = 1;
        }
    } else if (r < 937) {
        if (g_frozen) {
            rg_gc_unfreeze(H);
            CHECK(rg_gc_get_freeze_count(H) == 0, "unfreeze left objects frozen");
            g_frozen = 0;
        }
    } else if (r < 947) {
        op_clear_garbage();
    } else if (r < 947 + 8) {
        op_chain();
    } else if (r < 958) {
        g_debug = chance(50) ? 0 : RG_GC_DEBUG_STATS | RG_GC_DEBUG_COLLECTABLE | RG_GC_DEBUG_UNCOLLECTABLE;
        rg_gc_set_debug(H, g_debug, g_devnull);
    } else {
        crowded ? e_root((int)rnd(NROOT), -1) : op_new();
    }
}

/* Release everything; every object must die and the heap end empty. */
static void teardown(void)
{
    if (g_frozen) rg_gc_unfreeze(H), g_frozen = 0;
    for (int i = 0; i < NROOT; i++) e_root(i, -1);
    for (int i = 0; i < NWR; i++) e_wrtab(i, -1);
    /* At least one full collection: it also empties the types' free lists
     * (a run of a few steps may end with a dead tuple or dict parked there). */
    for (int round = 0; round < 100 && (round == 0 || g_alive || res.n || garb.n); round++) {
        while (res.n) op_drop_res();
        op_clear_garbage();
        strict_collect(0);
        check_step();
    }
    scan(0);
    verify();
    CHECK(g_alive == 0 && res.n == 0 && garb.n == 0, "%zu objects never died", g_alive);
    CHECK(rg_heap_check(H, stderr) == 0, "rg_heap_check");
    rg_stats s;
    rg_trim(H); /* empties the debug quarantine */
    CHECK(rg_heap_stats(H, &s) == 0 && s.allocated_blocks == 0, "%zu blocks left in the heap",
          s.allocated_blocks);
}

/* Free the model's tables and return every variable to its initial value
 * (before a run, and after it: nothing is carried between fuzz inputs). */
static void reset_state(void)
{
    idvec *vecs[] = {&res, &garb, &tmp, &free_ids, &dead_ids, &pending, &reach, &stk,
                     &fin_log, &cb_log, &cb_ref_log, &dlist};
    for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
        free(vecs[i]->v);
        *vecs[i] = (idvec){0};
    }
    free(M), free(fl), free(cnt), free(pm), free(g_buf);
    M = NULL, fl = NULL, cnt = NULL, pm = NULL, g_buf = NULL;
    n_ids = cap_ids = 0;
    pm_cap = pm_n = g_buf_cap = 0;
    for (int i = 0; i < NROOT; i++) roots[i] = -1;
    for (int i = 0; i < NWR; i++) wrtab[i] = -1;
    ep1 = ep2 = ep3 = 0;
    H = NULL;
    R = NULL;
    g_in_gc = g_explicit = g_frozen = g_gc_marked = 0;
    g_enabled = 1;
    g_debug = 0;
    g_t0 = 700;
    g_res_at_start = 0;
    g_alive = g_last_collected = g_last_uncollectable = 0;
    g_last_gen = 0;
    st_objects = st_collections = st_auto = st_strict = st_fin = st_resurrected = st_callbacks = 0;
    st_uncollectable = st_freed_by_cb = st_verify = 0;
    g_seed = g_step = 0;
}

/* One whole run (see gc_model.h). */
unsigned long gc_model_run(const gc_model_params *p)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    reset_state();
    R = p->src;
    int fuzz = R->from_data;
    unsigned long ops = p->ops, verify_every = fuzz ? 32 : 256, check_every = fuzz ? 256 : 10000;
    g_seed = fuzz ? rnd(2) : p->seed;
    if (!g_devnull) g_devnull = fopen("/dev/null", "w"); /* kept for the process's life */
    pm_cap = 4096;
    pm = calloc(pm_cap, sizeof *pm);
    /* Even seeds run on a debug heap: freed blocks are filled and held back,
     * so that the engine writing into a dead object shows in rg_heap_check. */
    rg_heap_config config;
    rg_heap_config_init(&config);
    if (g_seed % 2 == 0) config.flags |= RG_HEAP_DEBUG;
    H = rg_heap_new(&config);
    CHECK(g_devnull && pm && H && rg_gc_add_callback(H, gc_callback, NULL) == 0, "setup");
    for (g_step = 1; g_step <= ops && !choice_done(R); g_step++) {
        step();
        check_step();
        if (g_step % verify_every == 0 && !g_frozen) {
            scan(0);
            verify();
        }
        if (g_step % check_every == 0) CHECK(rg_heap_check(H, stderr) == 0, "rg_heap_check");
    }
    unsigned long done = g_step - 1;
    teardown();
    rg_heap_delete(H);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (p->verbose)
        printf("gc_model seed %lu%s: %lu ops, %zu objects, %zu collections (%zu automatic, %zu "
               "predicted exactly), %zu finalizers (%zu resurrections), %zu callbacks (%zu freed their "
               "reference), %zu uncollectable, %zu verifications: OK in %.1fs\n",
               g_seed, g_seed % 2 == 0 ? " (debug heap)" : "", done, st_objects, st_collections, st_auto,
               st_strict, st_fin, st_resurrected, st_callbacks, st_freed_by_cb, st_uncollectable, st_verify,
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9);
    reset_state();
    return done;
}
