/*
 * trace_refs.c -- the references a learner can name, and the causes of
 * refcount changes between two steps of a traced run.
 *
 * Owns: the table of the program's objects (those the engine created while
 * the trace ran -- py_trace_refs_created/dying, called by the sink -- plus
 * what the program's names and containers reach), the scan of nameable
 * referrers at each step's end (names of the running frames and of
 * __main__, value stacks, list/tuple slots, set members, dict keys and
 * values, instance attributes, cells), and the "ref" lines: one per
 * referrer gained or lost since the last scan, then "interpreter
 * internals" for what no nameable referrer explains.
 *
 * Invariants: the sink-side functions only touch C memory (malloc); the
 * scan reads objects and never runs Python code nor allocates in the heap.
 * "refcount" in a ref line is the running count after that change; the
 * last line of an object gives its real refcount (0 when it died).
 * Bounds: MAX_OBJECTS objects in the table (the rest are not followed),
 * MAX_ITEMS slots per container, MAX_SCAN_REFS referrers per scan: a
 * container the scan could not read whole keeps its old referrers (no
 * change is reported for them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/trace_int.h"
#include "types/dictimpl.h"

#define MAX_OBJECTS 50000
#define MAX_ITEMS 1000       /* slots read per container */
#define MAX_SCAN_REFS 20000  /* referrers recorded per scan */

/* ====================================================================== */
/* The table of objects                                                    */
/* ====================================================================== */

enum {
    R_ALIVE = 1,      /* not deallocated */
    R_NEW = 2,        /* created during the current step */
    R_REGISTRY = 4,   /* created while the trace ran */
    R_KNOWN = 8,      /* present at the last scan (old referrers valid) */
    R_REACHED = 16,   /* the current scan found a referrer */
    R_SETUP = 32,     /* made before the first step (the run's own): silent */
    R_SCANNED = 64,   /* in the scan's work list */
    R_READ = 128,     /* its references were read whole by this scan */
};

typedef struct rec {
    const rg_object *o;
    uintptr_t id;
    char tname[40];
    intptr_t rc;             /* at the last scan (or 0 for new objects) */
    unsigned flags;
    unsigned long life;      /* serial of this object's lifetime at its address */
    size_t old_first, old_n; /* referrers at the last scan (into old_refs) */
    size_t new_first, new_n; /* at this scan (into refs) */
} rec;

static struct {
    rec *recs;
    size_t n, cap;
    size_t *index; /* open addressing: rec index + 1, 0 empty */
    size_t index_cap;
    rec *grave;    /* dead records displaced by a new object at their address */
    size_t ngrave, grave_cap;
    py_trace_ref *refs, *old_refs;
    size_t nrefs, refs_cap, nold_refs, old_refs_cap;
    py_trace_frame *frames, *old_frames;
    size_t nframes, frames_cap, nold_frames, old_frames_cap;
    rg_object **roots;
    size_t nroots, roots_cap;
    py_trace_ref *scratch; /* group_refs' output (swapped with refs) */
    size_t *slots;
    size_t scratch_cap, slots_cap;
    py_trace_ref *bound; /* names bound to objects not followed (None...) */
    size_t nbound, bound_cap;
    size_t *work; /* records reached by the scan, in order */
    size_t nwork, work_cap;
    int overflow;  /* the table is full */
    int truncated; /* this scan hit MAX_SCAN_REFS */
    unsigned seq;  /* discovery order of referrers in a scan */
    unsigned long lives; /* last lifetime serial given (objects and frames) */
} S;

/* Lifetimes of frames by address (a frame's memory is reused by the next
 * call): open addressing, overwritten at each RESUME 0. */
static struct {
    const void **keys;
    unsigned long *lives;
    size_t cap, n;
} FL;

/* Fibonacci hashing of an address. */
static size_t hash_ptr(const void *p)
{
    return (size_t)(((uintptr_t)p >> 4) * UINT64_C(0x9E3779B97F4A7C15));
}

/* Rebuild the index for index_cap slots: 0 or -1. */
static int reindex(size_t cap)
{
    size_t *ix = calloc(cap, sizeof *ix);
    if (ix == NULL) return -1;
    for (size_t i = 0; i < S.n; i++) {
        size_t h = hash_ptr(S.recs[i].o) & (cap - 1);
        while (ix[h]) h = (h + 1) & (cap - 1);
        ix[h] = i + 1;
    }
    free(S.index);
    S.index = ix;
    S.index_cap = cap;
    return 0;
}

/* The record of o, or NULL. */
static rec *find(const rg_object *o)
{
    if (S.index_cap == 0) return NULL;
    size_t h = hash_ptr(o) & (S.index_cap - 1);
    for (size_t k; (k = S.index[h]) != 0; h = (h + 1) & (S.index_cap - 1))
        if (S.recs[k - 1].o == o) return &S.recs[k - 1];
    return NULL;
}

/* Make room for one more element in a growable array (*arr, *cap, n in
 * use): double it, or start at first.  0, or -1 when out of memory (the
 * array is left as it was). */
static int reserve(void *arr, size_t *cap, size_t n, size_t elem, size_t first)
{
    if (n < *cap) return 0;
    void *old;
    memcpy(&old, arr, sizeof old);
    size_t ncap = *cap ? 2 * *cap : first;
    void *grown = realloc(old, ncap * elem);
    if (grown == NULL) return -1;
    memcpy(arr, &grown, sizeof grown);
    *cap = ncap;
    return 0;
}

/* A new record for o (not in the table), or NULL (full / no memory). */
static rec *add(const rg_object *o, unsigned flags)
{
    if (S.n >= MAX_OBJECTS) {
        S.overflow = 1;
        return NULL;
    }
    if (reserve(&S.recs, &S.cap, S.n, sizeof *S.recs, 256) < 0) return NULL;
    if ((S.n + 1) * 2 > S.index_cap && reindex(S.index_cap ? 2 * S.index_cap : 512) < 0) return NULL;
    rec *r = &S.recs[S.n];
    memset(r, 0, sizeof *r);
    r->o = o;
    r->life = ++S.lives;
    r->flags = flags | R_ALIVE;
    snprintf(r->tname, sizeof r->tname, "%s", py_trace_type_name(o->type));
    size_t h = hash_ptr(o) & (S.index_cap - 1);
    while (S.index[h]) h = (h + 1) & (S.index_cap - 1);
    S.index[h] = ++S.n;
    return r;
}

void py_trace_refs_created(const rg_object *o)
{
    rec *r = find(o);
    if (r != NULL) {
        if (r->flags & R_ALIVE) return; /* cannot happen: a live object is not created again */
        /* A dead object's address is reused in the same step: keep the
         * dead record aside for the step's report. */
        if (!(r->flags & R_NEW)) {
            if (reserve(&S.grave, &S.grave_cap, S.ngrave, sizeof *S.grave, 64) < 0) return;
            S.grave[S.ngrave++] = *r;
        }
        r->flags = R_ALIVE | R_NEW | R_REGISTRY;
        r->life = ++S.lives;
        r->rc = 0;
        r->old_n = 0;
        snprintf(r->tname, sizeof r->tname, "%s", py_trace_type_name(o->type));
        return;
    }
    r = add(o, R_NEW | R_REGISTRY);
    if (r != NULL) r->id = 0;
}

void py_trace_refs_dying(const rg_object *o)
{
    rec *r = find(o);
    if (r != NULL) {
        r->flags &= ~(unsigned)R_ALIVE;
        if (r->id == 0) r->id = py_trace_id(o);
    }
}

/* ====================================================================== */
/* The scan                                                                */
/* ====================================================================== */

/* Objects whose references are not worth a line: singletons, types,
 * modules, built-in functions, code. */
static int ignored(const rg_object *o)
{
    if (py_trace_is_static(o)) return 1; /* None, small ints, built-in types... */
    py_obj *p = (py_obj *)o;
    if (py_type_check(p)) return !(py_type_of(p) != NULL && (((py_type_object *)p)->info->flags & PY_TPFLAGS_HEAPTYPE));
    return py_module_check(p) || py_is_type(p, &py_cfunction_info) || py_code_check(p);
}

/* Put r on the scan's work list (once). */
static void push_work(rec *r)
{
    if (r->flags & R_SCANNED) return;
    if (reserve(&S.work, &S.work_cap, S.nwork, sizeof *S.work, 256) < 0) return;
    r->flags |= R_SCANNED;
    S.work[S.nwork++] = (size_t)(r - S.recs);
}

/* The slot of frame address key in FL (its own or the empty one). */
static size_t frame_slot(const void *key)
{
    size_t h = hash_ptr(key) & (FL.cap - 1);
    while (FL.keys[h] != NULL && FL.keys[h] != key) h = (h + 1) & (FL.cap - 1);
    return h;
}

void py_trace_refs_frame_start(const void *frame)
{
    if ((FL.n + 1) * 2 > FL.cap) {
        size_t cap = FL.cap ? 2 * FL.cap : 64;
        const void **k = calloc(cap, sizeof *k);
        unsigned long *l = calloc(cap, sizeof *l);
        if (k == NULL || l == NULL) {
            free(k);
            free(l);
            return;
        }
        const void **ok = FL.keys;
        unsigned long *ol = FL.lives;
        size_t ocap = FL.cap;
        FL.keys = k;
        FL.lives = l;
        FL.cap = cap;
        for (size_t i = 0; i < ocap; i++)
            if (ok[i] != NULL) {
                size_t h = frame_slot(ok[i]);
                FL.keys[h] = ok[i];
                FL.lives[h] = ol[i];
            }
        free(ok);
        free(ol);
    }
    size_t h = frame_slot(frame);
    if (FL.keys[h] == NULL) FL.n++;
    FL.keys[h] = frame;
    FL.lives[h] = ++S.lives;
}

/* The lifetime of the frame at key (0: not seen starting). */
static unsigned long frame_life(const void *key)
{
    if (FL.cap == 0) return 0;
    size_t h = frame_slot(key);
    return FL.keys[h] == key ? FL.lives[h] : 0;
}

/* The lifetime of the holder of a referrer of this kind (frame index
 * fi for names and stack slots). */
static unsigned long holder_life(int kind, int fi, const void *holder)
{
    if (kind == PY_TR_NAME || kind == PY_TR_STACK)
        return fi >= 0 && (size_t)fi < S.nframes ? S.frames[fi].life : 0;
    rec *h = find(holder);
    return h != NULL ? h->life : 0;
}

/* Fill a referrer record (numbered in scan order). */
static void fill_ref(py_trace_ref *f, const rg_object *target, int kind, int frame, const void *holder,
                     long index, const char *name)
{
    memset(f, 0, sizeof *f);
    f->target = target;
    f->kind = kind;
    f->frame = frame;
    f->holder = holder;
    f->hlife = holder_life(kind, frame, holder);
    f->index = index;
    f->seq = S.seq++;
    if (name != NULL) snprintf(f->name, sizeof f->name, "%s", name);
}

/* Record a referrer of target. */
static void add_ref(const rg_object *target, int kind, int frame, const void *holder, long index,
                    const char *name)
{
    if (target == NULL) return;
    if (ignored(target)) {
        if (kind == PY_TR_NAME && name != NULL) { /* remembered for "rebound" */
            if (reserve(&S.bound, &S.bound_cap, S.nbound, sizeof *S.bound, 64) < 0) return;
            fill_ref(&S.bound[S.nbound++], target, kind, frame, holder, 0, name);
        }
        return;
    }
    rec *r = find(target);
    if (r == NULL) {
        r = add(target, 0);
        if (r == NULL) return;
        r->rc = target->refcnt;
    }
    r->flags |= R_REACHED;
    push_work(r);
    if (reserve(&S.refs, &S.refs_cap, S.nrefs, sizeof *S.refs, 1024) < 0) return;
    fill_ref(&S.refs[S.nrefs++], target, kind, frame, holder, index, name);
}

/* Is name a dunder (__x__)? */
static int dunder(const char *s)
{
    size_t n = strlen(s);
    return n >= 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

/* The names of a namespace dict (module globals, class body) as frame fi's. */
static void scan_namespace(py_obj *d, int fi, const void *key)
{
    py_ssize_t pos = 0;
    py_obj *k, *v;
    char name[48];
    while (py_dict_next(d, &pos, &k, &v)) {
        if (!py_unicode_check(k)) continue;
        py_trace_str_utf8(k, name, sizeof name);
        if (dunder(name)) continue;
        add_ref(v, PY_TR_NAME, fi, key, 0, name);
    }
}

/* Add a frame to the scan's list; its index or -1. */
static int add_frame(const void *key, py_obj *co_name, int line, py_frame *f)
{
    if (reserve(&S.frames, &S.frames_cap, S.nframes, sizeof *S.frames, 16) < 0) return -1;
    py_trace_frame *t = &S.frames[S.nframes];
    t->key = key;
    t->line = line;
    t->frame = f;
    t->life = f != NULL ? frame_life(key) : 0;
    t->gen = f != NULL && f->owner == PY_FRAME_OWNED_BY_GENERATOR ? (const void *)py_frame_generator(f) : NULL;
    if (co_name != NULL) py_trace_str_utf8(co_name, t->name, sizeof t->name);
    else snprintf(t->name, sizeof t->name, "<module>");
    return (int)S.nframes++;
}

/* __main__'s dict (borrowed) or NULL. */
static py_obj *main_globals(void)
{
    if (py_current == NULL || py_current->modules == NULL) return NULL;
    py_obj *m = py_dict_get_item_string(py_current->modules, "__main__");
    return m != NULL && py_module_check(m) ? py_module_get_dict(m) : NULL;
}

/* Names and value stacks of the running frames (outermost first); after
 * the run, the names of __main__. */
static void scan_frames(void)
{
    size_t n = 0;
    for (py_frame *f = py_vm.current_frame; f != NULL; f = f->previous) n++;
    py_frame **chain = malloc((n ? n : 1) * sizeof *chain);
    if (chain == NULL) return;
    n = 0;
    for (py_frame *f = py_vm.current_frame; f != NULL; f = f->previous)
        if (!py_frame_is_incomplete(f)) chain[n++] = f;
    if (n == 0) {
        free(chain);
        py_obj *g = main_globals();
        if (g == NULL) return;
        int fi = add_frame(g, NULL, py_trace_st.line, NULL);
        if (fi >= 0) scan_namespace(g, fi, g);
        return;
    }
    while (n-- > 0) {
        py_frame *f = chain[n];
        py_code_object *co = f->f_code;
        int module_level = !(co->co_flags & PY_CO_OPTIMIZED) && f->f_locals != NULL;
        const void *key = module_level && f->f_locals == f->f_globals ? (const void *)f->f_globals : (const void *)f;
        int fi = add_frame(key, co->co_name, py_frame_current_line(f), f);
        if (fi < 0) break;
        if (module_level) {
            if (py_dict_check(f->f_locals)) scan_namespace(f->f_locals, fi, key);
        } else {
            char name[48];
            for (int i = 0; i < co->co_nlocalsplus && i < f->stacktop; i++) {
                if (f->localsplus[i] == NULL) continue;
                py_trace_str_utf8(py_tuple_items(co->co_localsplusnames)[i], name, sizeof name);
                add_ref(f->localsplus[i], PY_TR_NAME, fi, key, 0, name);
            }
        }
        for (int i = co->co_nlocalsplus; i < f->stacktop; i++)
            if (f->localsplus[i] != NULL) add_ref(f->localsplus[i], PY_TR_STACK, fi, key, i - co->co_nlocalsplus, NULL);
    }
    free(chain);
}

/* The dict holding an instance's attributes, or NULL; with managed
 * values instead, *values and *keys. */
static py_obj *instance_dict(py_obj *o, py_dict_values_array **values, py_dict_keys_object **keys)
{
    *values = NULL;
    *keys = NULL;
    py_typeinfo *tp = py_type_of(o);
    if (!(tp->flags & PY_TPFLAGS_HEAPTYPE)) return NULL;
    if (tp->flags & PY_TPFLAGS_MANAGED_DICT) {
        py_obj *d = *py_object_managed_dict_ptr(o);
        if (d != NULL) return d;
        *values = *py_object_values_ptr(o);
        if (*values != NULL && tp->type_obj != NULL) *keys = ((py_type_object *)tp->type_obj)->cached_keys;
        return NULL;
    }
    py_obj **dp = py_object_get_dict_ptr(o);
    return dp != NULL ? *dp : NULL;
}

/* The repr of a dict key for a "value" referrer. */
static void key_repr(py_obj *k, char *out, size_t cap)
{
    py_tj j;
    memset(&j, 0, sizeof j);
    py_trace_repr(&j, k, cap > 8 ? cap - 4 : cap);
    size_t n = j.oom || j.buf == NULL ? 0 : (j.len < cap ? j.len : cap - 1);
    if (n) memcpy(out, j.buf, n);
    out[n] = 0;
    py_tj_free(&j);
}

/* At most how many referrers scan_object records for o. */
static size_t slots_of(py_obj *o)
{
    size_t n = 1;
    if (py_list_check(o) || py_tuple_check(o)) n = (size_t)((rg_varobject *)o)->size;
    else if (py_is_type(o, &py_gen_info)) n = (size_t)py_gen_frame((py_gen_object *)o)->f_code->co_nlocalsplus;
    else if (py_any_set_check(o)) n = (size_t)((py_set_object *)o)->used;
    else if (py_dict_check(o)) n = 2 * (size_t)((py_dict_object *)o)->ma_used;
    else {
        py_dict_values_array *values;
        py_dict_keys_object *keys;
        py_obj *d = instance_dict(o, &values, &keys);
        if (d != NULL && py_dict_check(d)) n = (size_t)((py_dict_object *)d)->ma_used;
        else if (keys != NULL) n = (size_t)keys->dk_nentries;
    }
    return n < 2 * MAX_ITEMS ? n : 2 * MAX_ITEMS;
}

/* The nameable references held by one object of the table (all of them,
 * or none when the scan's budget would not hold them). */
static void scan_object(const rg_object *obj)
{
    py_obj *o = (py_obj *)obj;
    if (S.nrefs + slots_of(o) > MAX_SCAN_REFS) {
        S.truncated = 1;
        return;
    }
    if (py_list_check(o)) {
        py_list_object *l = (py_list_object *)o;
        for (py_ssize_t i = 0; i < l->ob_var.size && i < MAX_ITEMS; i++)
            add_ref(l->ob_item[i], PY_TR_ITEM, 0, o, (long)i, NULL);
    } else if (py_tuple_check(o)) {
        for (py_ssize_t i = 0; i < ((rg_varobject *)o)->size && i < MAX_ITEMS; i++)
            add_ref(py_tuple_items(o)[i], PY_TR_ITEM, 0, o, (long)i, NULL);
    } else if (py_any_set_check(o)) {
        py_set_object *s = (py_set_object *)o;
        for (py_ssize_t i = 0, k = 0; i <= s->mask && k < MAX_ITEMS; i++)
            if (s->table[i].key != NULL && s->table[i].hash != -1) {
                add_ref(s->table[i].key, PY_TR_ITEM, 0, o, -1, NULL);
                k++;
            }
    } else if (py_dict_check(o)) {
        py_ssize_t pos = 0;
        py_obj *k, *v;
        char kr[48];
        for (int n = 0; n < MAX_ITEMS && py_dict_next(o, &pos, &k, &v); n++) {
            add_ref(k, PY_TR_KEY, 0, o, 0, NULL);
            key_repr(k, kr, sizeof kr);
            add_ref(v, PY_TR_VALUE, 0, o, 0, kr);
        }
    } else if (py_is_type(o, &py_cell_info)) {
        add_ref(py_cell_get(o), PY_TR_CELL, 0, o, 0, NULL);
    } else if (py_is_type(o, &py_gen_info)) {
        /* a suspended generator's locals (a running one's are a frame's) */
        py_gen_object *g = (py_gen_object *)o;
        if (g->gi_frame_state >= PY_FRAME_EXECUTING) return;
        py_frame *f = py_gen_frame(g);
        py_code_object *co = f->f_code;
        char name[48];
        for (int i = 0; i < co->co_nlocalsplus && i < f->stacktop; i++) {
            if (f->localsplus[i] == NULL) continue;
            py_trace_str_utf8(py_tuple_items(co->co_localsplusnames)[i], name, sizeof name);
            add_ref(f->localsplus[i], PY_TR_LOCAL, 0, o, 0, name);
        }
    } else {
        py_dict_values_array *values;
        py_dict_keys_object *keys;
        py_obj *d = instance_dict(o, &values, &keys);
        char name[48];
        if (d != NULL && py_dict_check(d)) {
            py_ssize_t pos = 0;
            py_obj *k, *v;
            for (int n = 0; n < MAX_ITEMS && py_dict_next(d, &pos, &k, &v); n++) {
                if (!py_unicode_check(k)) continue;
                py_trace_str_utf8(k, name, sizeof name);
                add_ref(v, PY_TR_ATTR, 0, o, 0, name);
            }
        } else if (values != NULL && keys != NULL) {
            py_dict_unicode_entry *e = dk_unicode_entries(keys);
            for (py_ssize_t i = 0; i < keys->dk_nentries && i < MAX_ITEMS; i++) {
                if (values->values[i] == NULL || e[i].me_key == NULL) continue;
                py_trace_str_utf8(e[i].me_key, name, sizeof name);
                add_ref(values->values[i], PY_TR_ATTR, 0, o, 0, name);
            }
        }
    }
}

/* The whole scan: the names and stacks of the frames, then what they
 * reach through nameable references (breadth first). */
static void scan(void)
{
    S.nrefs = 0;
    S.nframes = 0;
    S.nwork = 0;
    S.nbound = 0;
    S.seq = 0;
    S.truncated = 0;
    for (size_t i = 0; i < S.n; i++) S.recs[i].flags &= ~(unsigned)(R_REACHED | R_SCANNED | R_READ);
    scan_frames();
    size_t w = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (; w < S.nwork; w++) { /* S.nwork grows while scanning */
            size_t k = S.work[w];
            if (!(S.recs[k].flags & R_ALIVE) || S.truncated) continue;
            scan_object(S.recs[k].o);
            if (S.truncated) break;
            if (!S.truncated) S.recs[k].flags |= R_READ;
        }
        /* then what the program could see at the last scan and no name
         * reaches any more (garbage cycles keep their references) */
        for (size_t i = 0; pass == 0 && i < S.n; i++)
            if ((S.recs[i].flags & (R_ALIVE | R_KNOWN)) == (R_ALIVE | R_KNOWN) && S.recs[i].old_n > 0)
                push_work(&S.recs[i]);
    }
}

/* ====================================================================== */
/* Causes                                                                  */
/* ====================================================================== */

/* Same referrer (the slot index aside for items of the same container)? */
static int same_ref(const py_trace_ref *a, const py_trace_ref *b, int exact)
{
    if (a->kind != b->kind || a->holder != b->holder || a->hlife != b->hlife) return 0;
    if (exact && a->index != b->index) return 0;
    return a->kind == PY_TR_ITEM || a->kind == PY_TR_STACK || strcmp(a->name, b->name) == 0;
}

/* The record of the container holding referrer r in r's lifetime (the
 * table's, or a dead one displaced to the graveyard), or NULL. */
static const rec *holder_rec(const py_trace_ref *r)
{
    rec *h = find(r->holder);
    if (h != NULL && (h->life == r->hlife || r->hlife == 0)) return h;
    for (size_t i = 0; i < S.ngrave; i++)
        if (S.grave[i].o == r->holder && S.grave[i].life == r->hlife) return &S.grave[i];
    return NULL;
}

/* The name of the type of the container holding r (still alive), or NULL. */
static const char *holder_type(const py_trace_ref *r)
{
    const rec *h = holder_rec(r);
    if (h != NULL) return (h->flags & R_ALIVE) ? h->tname : NULL;
    if (r->hlife != 0) return NULL; /* that container died; another one took its address */
    return py_trace_type_name(((const rg_object *)r->holder)->type);
}

/* Is frame key (in its lifetime life) among this scan's frames? */
static const py_trace_frame *current_frame(const void *key, unsigned long life)
{
    for (size_t i = 0; i < S.nframes; i++)
        if (S.frames[i].key == key && S.frames[i].life == life) return &S.frames[i];
    return NULL;
}

/* Is name bound in this scan in the frame of r? */
static int name_bound(const py_trace_ref *r)
{
    for (size_t i = 0; i < S.nrefs; i++)
        if (S.refs[i].kind == PY_TR_NAME && S.refs[i].holder == r->holder && S.refs[i].hlife == r->hlife &&
            strcmp(S.refs[i].name, r->name) == 0)
            return 1;
    for (size_t i = 0; i < S.nbound; i++)
        if (S.bound[i].holder == r->holder && S.bound[i].hlife == r->hlife && strcmp(S.bound[i].name, r->name) == 0)
            return 1;
    return 0;
}

/* The cause of a referrer gained. */
static void cause_gained(const py_trace_ref *r, char *out, size_t cap)
{
    const char *t = holder_type(r);
    switch (r->kind) {
    case PY_TR_NAME: snprintf(out, cap, "bound to name %s", r->name); break;
    case PY_TR_ITEM:
        if (r->index < 0) snprintf(out, cap, "added to %s", t ? t : "set");
        else if (t != NULL && strcmp(t, "tuple") == 0) snprintf(out, cap, "item %ld of tuple", r->index);
        else snprintf(out, cap, "stored in %s slot %ld", t ? t : "list", r->index);
        break;
    case PY_TR_KEY: snprintf(out, cap, "key of dict"); break;
    case PY_TR_VALUE: snprintf(out, cap, "value of dict key %s", r->name); break;
    case PY_TR_ATTR: snprintf(out, cap, "attribute %s of %s", r->name, t ? t : "object"); break;
    case PY_TR_CELL: snprintf(out, cap, "held by a closure cell"); break;
    case PY_TR_LOCAL: snprintf(out, cap, "local %s of a suspended generator", r->name); break;
    default: {
        const py_trace_frame *f = current_frame(r->holder, r->hlife);
        snprintf(out, cap, "on the value stack of %s", f ? f->name : "a frame");
    }
    }
}

/* The cause of a referrer lost (old frames: the last scan's). */
static void cause_lost(const py_trace_ref *r, char *out, size_t cap)
{
    const char *t = holder_type(r);
    if (r->kind == PY_TR_NAME || r->kind == PY_TR_STACK) {
        if (current_frame(r->holder, r->hlife) == NULL) {
            const char *fname = "a frame";
            const void *gen = NULL;
            for (size_t i = 0; i < S.nold_frames; i++)
                if (S.old_frames[i].key == r->holder && S.old_frames[i].life == r->hlife) {
                    fname = S.old_frames[i].name;
                    gen = S.old_frames[i].gen;
                }
            rec *g = gen != NULL ? find(gen) : NULL;
            if (g != NULL && (g->flags & R_ALIVE) &&
                ((const py_gen_object *)gen)->gi_frame_state == PY_FRAME_SUSPENDED)
                snprintf(out, cap, "generator %s suspended (yield)", fname);
            else snprintf(out, cap, "frame of %s exited", fname);
        } else if (r->kind == PY_TR_STACK) {
            const py_trace_frame *f = current_frame(r->holder, r->hlife);
            snprintf(out, cap, "popped from the value stack of %s", f->name);
        } else {
            snprintf(out, cap, name_bound(r) ? "name %s rebound" : "name %s deleted", r->name);
        }
        return;
    }
    if (t == NULL) { /* the container died */
        const char *what = "container";
        const rec *h = holder_rec(r);
        if (h != NULL) what = h->tname;
        snprintf(out, cap, "%s holding it freed", what);
        return;
    }
    switch (r->kind) {
    case PY_TR_ITEM:
        if (r->index < 0) snprintf(out, cap, "removed from %s", t);
        else snprintf(out, cap, "removed from %s slot %ld", t, r->index);
        break;
    case PY_TR_KEY: snprintf(out, cap, "key removed from dict"); break;
    case PY_TR_VALUE: snprintf(out, cap, "removed from dict key %s", r->name); break;
    case PY_TR_ATTR: snprintf(out, cap, "attribute %s of %s changed", r->name, t); break;
    case PY_TR_LOCAL: snprintf(out, cap, "local %s of a generator changed or resumed", r->name); break;
    default: snprintf(out, cap, "closure cell emptied"); break;
    }
}

/* ====================================================================== */
/* The report                                                              */
/* ====================================================================== */

static int cmp_rec_id(const void *pa, const void *pb)
{
    const rec *const *a = pa, *const *b = pb;
    return (*a)->id < (*b)->id ? -1 : (*a)->id > (*b)->id;
}

/* One "ref" line; ref: the referrer gained or lost (NULL: internals). */
static void write_ref(const rec *r, intptr_t rc, intptr_t delta, const char *cause, const py_trace_ref *ref)
{
    py_tj *j = &py_trace_st.line_j;
    py_trace_line_begin(j, "ref");
    py_tj_kint(j, "id", (long long)r->id);
    py_tj_kstr(j, "type", r->tname);
    py_tj_kint(j, "refcount", (long long)rc);
    py_tj_kint(j, "delta", (long long)delta);
    py_tj_kstr(j, "cause", cause);
    if (ref != NULL && ref->kind != PY_TR_NAME && ref->kind != PY_TR_STACK) {
        rec *h = find(ref->holder);
        py_tj_kint(j, "by", (long long)(h != NULL && h->id ? h->id : py_trace_id(ref->holder)));
    }
    py_trace_line_end(j);
}

/* Order of referrers for pairing (key_exact: the slot index counts). */
static const py_trace_ref *key_base;
static int key_exact;

/* Compare two referrers by kind, holder, (slot if exact), name. */
static int key_order(const py_trace_ref *a, const py_trace_ref *b, int exact)
{
    if (a->kind != b->kind) return a->kind - b->kind;
    if (a->holder != b->holder) return (uintptr_t)a->holder < (uintptr_t)b->holder ? -1 : 1;
    if (a->hlife != b->hlife) return a->hlife < b->hlife ? -1 : 1;
    if (exact && a->index != b->index) return a->index < b->index ? -1 : 1;
    if (a->kind == PY_TR_ITEM || a->kind == PY_TR_STACK) return 0;
    return strcmp(a->name, b->name);
}

/* qsort comparator of indexes into key_base. */
static int cmp_key(const void *pa, const void *pb)
{
    return key_order(&key_base[*(const size_t *)pa], &key_base[*(const size_t *)pb], key_exact);
}

/* Unmatched referrers of one side, sorted by key: their indexes (malloc'd). */
static size_t *sorted_unmatched(const py_trace_ref *refs, size_t n, const char *used, size_t *count)
{
    size_t *ix = malloc((n ? n : 1) * sizeof *ix), k = 0;
    if (ix == NULL) return NULL;
    for (size_t i = 0; i < n; i++)
        if (!used[i]) ix[k++] = i;
    key_base = refs;
    qsort(ix, k, sizeof *ix, cmp_key);
    *count = k;
    return ix;
}

/* Pair new and old referrers that are the same (exact) or the same but
 * for the slot of one container (a move): sort both sides, merge. */
static void pair_refs(const py_trace_ref *nw, size_t nn, const py_trace_ref *old, size_t no, char *used_new,
                      char *used_old, int exact)
{
    if (nn == 0 || no == 0) return;
    if (exact) { /* the common case: the same referrers in the same order */
        size_t k = 0;
        while (k < nn && k < no && same_ref(&nw[k], &old[k], 1)) {
            used_new[k] = used_old[k] = 1;
            k++;
        }
        if (k == nn || k == no) return;
    }
    key_exact = exact;
    size_t na = 0, nb = 0;
    size_t *a = sorted_unmatched(nw, nn, used_new, &na);
    size_t *b = sorted_unmatched(old, no, used_old, &nb);
    for (size_t i = 0, j = 0; a != NULL && b != NULL && i < na && j < nb;) {
        int c = key_order(&nw[a[i]], &old[b[j]], exact);
        if (c == 0) {
            used_new[a[i++]] = 1;
            used_old[b[j++]] = 1;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    free(a);
    free(b);
}

/* Might r have something to report (a cheap test before sorting)? */
static int changed(const rec *r)
{
    if ((r->flags & (R_ALIVE | R_NEW | R_KNOWN)) != (R_ALIVE | R_KNOWN)) return 1;
    if (r->o->refcnt != r->rc || r->new_n != r->old_n) return 1;
    for (size_t i = 0; i < r->new_n; i++) {
        const py_trace_ref *a = &S.refs[r->new_first + i], *b = &S.old_refs[r->old_first + i];
        if (!same_ref(a, b, 1) || a->frame != b->frame) return 1;
    }
    return 0;
}

/* The lines of one object: gained, lost, the rest. */
static void report(rec *r)
{
    int alive = (r->flags & R_ALIVE) != 0;
    if ((r->flags & R_NEW) && !alive) return; /* born and dead within the step */
    if (r->flags & R_SETUP) return;
    /* only what the program's names reach (now or at the last scan) */
    if (!(r->flags & R_REACHED) && !((r->flags & R_KNOWN) && r->old_n > 0)) return;
    intptr_t now = alive ? r->o->refcnt : 0;
    py_trace_ref *nw = S.refs + r->new_first, *old = S.old_refs + r->old_first;
    size_t nn = alive ? r->new_n : 0, no = (r->flags & R_KNOWN) ? r->old_n : 0;
    char *used_new = calloc(nn + no + 1, 1);
    if (used_new == NULL) return;
    char *used_old = used_new + nn;
    /* unchanged referrers, then moves within one container */
    pair_refs(nw, nn, old, no, used_new, used_old, 1);
    pair_refs(nw, nn, old, no, used_new, used_old, 0);
    size_t gained = 0, lost = 0;
    for (size_t a = 0; a < nn; a++) gained += !used_new[a];
    for (size_t b = 0; b < no; b++) lost += !used_old[b];
    intptr_t prev;
    if (r->flags & R_NEW) prev = 0;
    else if (r->flags & R_KNOWN) prev = r->rc;
    else prev = now - (intptr_t)gained; /* first seen: what came before is unknown */
    if (prev == now && gained == 0 && lost == 0) {
        free(used_new);
        return;
    }
    char cause[128];
    intptr_t rc = prev;
    for (size_t a = 0; a < nn; a++)
        if (!used_new[a]) {
            cause_gained(&nw[a], cause, sizeof cause);
            write_ref(r, ++rc, 1, cause, &nw[a]);
        }
    for (size_t b = 0; b < no; b++)
        if (!used_old[b]) {
            cause_lost(&old[b], cause, sizeof cause);
            write_ref(r, --rc, -1, cause, &old[b]);
        }
    if (rc != now) write_ref(r, now, now - rc, "interpreter internals", NULL);
    free(used_new);
}

/* Group this scan's referrers by target (a counting sort on the record,
 * discovery order kept within one target): new_first/new_n of each
 * record.  Referrers of objects not in the table are dropped. */
static void group_refs(void)
{
    for (size_t i = 0; i < S.n; i++) S.recs[i].new_n = 0;
    size_t need = S.nrefs ? S.nrefs : 1;
    if (need > S.scratch_cap) {
        py_trace_ref *o = realloc(S.scratch, need * sizeof *o);
        if (o == NULL) {
            S.nrefs = 0;
            return;
        }
        S.scratch = o;
        S.scratch_cap = need;
    }
    if (need > S.slots_cap) {
        size_t *x = realloc(S.slots, need * sizeof *x);
        if (x == NULL) {
            S.nrefs = 0;
            return;
        }
        S.slots = x;
        S.slots_cap = need;
    }
    size_t *slot = S.slots;
    for (size_t i = 0; i < S.nrefs; i++) {
        rec *r = find(S.refs[i].target);
        slot[i] = r != NULL ? (size_t)(r - S.recs) : (size_t)-1;
        if (r != NULL) r->new_n++;
    }
    size_t at = 0;
    for (size_t i = 0; i < S.n; i++) {
        S.recs[i].new_first = at;
        at += S.recs[i].new_n;
        S.recs[i].new_n = 0;
    }
    py_trace_ref *out = S.scratch;
    for (size_t i = 0; i < S.nrefs; i++) {
        if (slot[i] == (size_t)-1) continue;
        rec *r = &S.recs[slot[i]];
        out[r->new_first + r->new_n++] = S.refs[i];
    }
    py_trace_ref *t = S.refs;
    size_t tc = S.refs_cap;
    S.refs = out;
    S.refs_cap = S.scratch_cap;
    S.scratch = t;
    S.scratch_cap = tc;
    S.nrefs = at;
}

/* The last scan's referrers held by live containers this scan could not
 * read whole are still there: carry them over. */
static void carry_over(void)
{
    for (size_t i = 0; i < S.nold_refs; i++) {
        const py_trace_ref *o = &S.old_refs[i];
        if (o->kind == PY_TR_NAME || o->kind == PY_TR_STACK) continue;
        rec *h = find(o->holder), *t = find(o->target);
        if (h == NULL || t == NULL || !(h->flags & R_ALIVE) || (h->flags & R_READ) || !(t->flags & R_ALIVE))
            continue;
        if (reserve(&S.refs, &S.refs_cap, S.nrefs, sizeof *S.refs, 1024) < 0) return;
        S.refs[S.nrefs++] = *o;
        t->flags |= R_REACHED;
    }
}

void py_trace_refs_step_end(int baseline)
{
    scan();
    carry_over();
    group_refs();
    /* Report in id order (dead graveyard records first, then the table). */
    size_t total = S.ngrave + S.n;
    rec **order = malloc((total ? total : 1) * sizeof *order);
    if (order != NULL) {
        size_t m = 0;
        for (size_t i = 0; i < S.ngrave; i++) order[m++] = &S.grave[i];
        for (size_t i = 0; i < S.n && !baseline; i++) {
            rec *r = &S.recs[i];
            if (!changed(r)) continue;
            if (r->flags & R_ALIVE) r->id = py_trace_id(r->o);
            order[m++] = r;
        }
        qsort(order, m, sizeof *order, cmp_rec_id);
        for (size_t i = 0; i < m && !baseline; i++) report(order[i]);
        free(order);
    }
    S.ngrave = 0;
    /* The new state becomes the old one: dead records go, and objects
     * the program did not create go once nothing nameable holds them. */
    size_t w = 0;
    for (size_t i = 0; i < S.n; i++) {
        rec r = S.recs[i];
        if (!(r.flags & R_ALIVE)) continue;
        if (!(r.flags & R_REGISTRY) && !(r.flags & R_REACHED)) continue;
        r.rc = r.o->refcnt;
        r.flags = (r.flags & (R_ALIVE | R_REGISTRY | R_SETUP | R_REACHED)) | R_KNOWN | (baseline ? R_SETUP : 0);
        r.old_first = r.new_first;
        r.old_n = r.new_n;
        S.recs[w++] = r;
    }
    S.n = w;
    reindex(S.index_cap ? S.index_cap : 512);
    py_trace_ref *t = S.old_refs;
    size_t tc = S.old_refs_cap;
    S.old_refs = S.refs;
    S.old_refs_cap = S.refs_cap;
    S.nold_refs = S.nrefs;
    S.refs = t;
    S.refs_cap = tc;
    S.nrefs = 0;
    py_trace_frame *tf = S.old_frames;
    size_t tfc = S.old_frames_cap;
    S.old_frames = S.frames;
    S.old_frames_cap = S.frames_cap;
    S.nold_frames = S.nframes;
    S.frames = tf;
    S.frames_cap = tfc;
    S.nframes = 0;
}

void py_trace_refs_fini(void)
{
    free(S.recs);
    free(S.index);
    free(S.grave);
    free(S.refs);
    free(S.old_refs);
    free(S.frames);
    free(S.old_frames);
    free(S.roots);
    free(S.work);
    free(S.bound);
    free(S.scratch);
    free(S.slots);
    memset(&S, 0, sizeof S);
    free(FL.keys);
    free(FL.lives);
    memset(&FL, 0, sizeof FL);
}

size_t py_trace_refs_frames(const py_trace_frame **frames)
{
    *frames = S.old_frames;
    return S.nold_frames;
}

size_t py_trace_refs_of(const rg_object *o, const py_trace_ref **refs)
{
    rec *r = find(o);
    if (r == NULL || !(r->flags & R_KNOWN)) {
        *refs = NULL;
        return 0;
    }
    *refs = S.old_refs + r->old_first;
    return r->old_n;
}

size_t py_trace_refs_all(const py_trace_ref **refs)
{
    *refs = S.old_refs;
    return S.nold_refs;
}

int py_trace_refs_shown(const rg_object *o)
{
    rec *r = find(o);
    return r != NULL && (r->flags & R_REACHED) != 0;
}

size_t py_trace_refs_bound(const py_trace_ref **refs)
{
    *refs = S.bound;
    return S.nbound;
}

size_t py_trace_refs_roots(rg_object ***roots)
{
    S.nroots = 0;
    for (size_t i = 0; i < S.n; i++) {
        if ((S.recs[i].flags & (R_ALIVE | R_REACHED)) != (R_ALIVE | R_REACHED)) continue;
        if (reserve(&S.roots, &S.roots_cap, S.nroots, sizeof *S.roots, 64) < 0) break;
        S.roots[S.nroots++] = (rg_object *)S.recs[i].o;
    }
    *roots = S.roots;
    return S.nroots;
}
