/*
 * test_gc_oracles.c -- the oracle scripts of shared/oracle, re-expressed on
 * engine objects, must print what CPython 3.11.7 printed.
 *
 * Each oracle NN is a test that builds the script's object graph with engine
 * types behaving like the Python objects involved -- a class instance is a
 * weakly referenceable GC type with attribute slots (and a finalizer for
 * __del__, a legacy_del for _testcapi.with_tp_del); a list a GC container
 * (traverse last item first, clear, free list of 80); a tuple a var type,
 * RG_TYPE_ATOMIC_WHEN_UNTRACKED, with _PyTuple_MaybeUntrack as may_untrack
 * (free lists of 2000 for sizes 1..20); a dict is RG_TYPE_TRACK_LATER +
 * UNTRACK_ON_FULL, tracked when something that may be tracked is stored,
 * with _PyDict_MaybeUntrack; ints, strs, floats and None are non-GC leaves;
 * a lambda is an empty GC object -- performs the same operations, and
 * writes what the script prints into a buffer that must equal the text of
 * the .out file (embedded below; nothing is read from shared/ at run time).
 * Debug messages are captured with open_memstream and compared with
 * CPython's formats, addresses and timings masked; gc callbacks are checked
 * phase by phase.  Where the engine's numbers legitimately differ from
 * CPython's (objects the interpreter itself allocates), the comment says so.
 *
 * Skipped, being Python-level rather than engine behaviour: 04 (instance
 * __dict__ materialisation), 20-22 (list over-allocation), 23 (getsizeof),
 * 24 (dict table sizes), 36-38 (pymalloc geometry and debug hooks: the
 * allocator's tests cover them); 25, 27, 29, 30 are not shipped (fragile
 * counts) -- 27's rule (count0 never exceeds threshold 10) is tested; 06
 * keeps one line per kind of object the engine can build (the class, the
 * lambda, the module, bytes and the like are left out), 32 leaves out the
 * `type` referent and the materialised __dict__ lines, and 34 its TypeErrors of
 * set_threshold's argument parsing (a C function has fixed arity).  The
 * test of 16 inside a collection pins down a deviation found here and
 * since fixed (untracking now clears the collection flags).
 */
#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "refgc.h"
#include "object/object.h" /* free-list occupancy for oracle 35 */
#include "support/heapcheck.h"

/* ====================================================================== */
/* Python-like engine types                                                */
/* ====================================================================== */

/* int, str, float, complex, None, object(): not GC objects. */
typedef struct Leaf { RG_OBJECT_HEAD; long value; const char *str; } Leaf;
#define LEAF(p) ((Leaf *)(p))
static const rg_type IntType = {.name = "int", .size = sizeof(Leaf)};
static const rg_type StrType = {.name = "str", .size = sizeof(Leaf)};
static const rg_type NoneType = {.name = "NoneType", .size = sizeof(Leaf)};
static const rg_type ObjectType = {.name = "object", .size = sizeof(Leaf)};
static const rg_type FloatType = {.name = "float", .size = sizeof(Leaf), .freelist_capacity = 100};

/* A lambda: a GC object owning nothing here, with a tag to print. */
typedef struct Func { RG_OBJECT_HEAD; const char *tag; long i; } Func;

/* Functions own nothing the tests care about. */
static int func_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    (void)self, (void)visit, (void)arg;
    return 0;
}
static const rg_type FuncType = {.name = "function", .size = sizeof(Func), .flags = RG_TYPE_GC,
                                 .traverse = func_traverse};

/* Class instances: attribute slots (inline values), a weak list. */
enum { ME, O, B, W, NATTR };
typedef struct Inst {
    RG_OBJECT_HEAD;
    rg_weakref *weaklist;
    rg_object *attr[NATTR];
    const char *name;
} Inst;
#define INST(p) ((Inst *)(p))

static void (*g_on_del)(rg_object *self);    /* the class's __del__ */
static void (*g_on_tp_del)(rg_object *self); /* the class's __tp_del__ */

/* Visit the attributes in order (inline values). */
static int inst_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    for (int i = 0; i < NATTR; i++) RG_VISIT(INST(self)->attr[i]);
    return 0;
}

/* subtype_clear: drop the attributes. */
static int inst_clear(rg_object *self)
{
    for (int i = 0; i < NATTR; i++) RG_CLEAR(INST(self)->attr[i]);
    return 0;
}

/* tp_finalize: call the test's __del__. */
static void inst_finalize(rg_object *self) { g_on_del(self); }

/* tp_del: call the test's __tp_del__. */
static void inst_tp_del(rg_object *self) { g_on_tp_del(self); }

#define INST_TYPE(nm, ...)                                                                        \
    {.name = nm, .size = sizeof(Inst), .flags = RG_TYPE_GC, .weaklist_offset = offsetof(Inst, weaklist), \
     .preheader_size = 16, .traverse = inst_traverse, .clear = inst_clear, __VA_ARGS__}
static const rg_type AType = INST_TYPE("A", .finalize = NULL); /* class A: pass */
static const rg_type DType = INST_TYPE("D", .finalize = inst_finalize);
static const rg_type LType = INST_TYPE("L", .legacy_del = inst_tp_del);
static const rg_type SlotsType = {.name = "S", .size = sizeof(Inst), .flags = RG_TYPE_GC,
                                  .traverse = inst_traverse, .clear = inst_clear};

/* Lists: a separate item array, as CPython's. */
typedef struct List { RG_OBJECT_HEAD; rg_object **items; intptr_t n, cap; } List;
#define LIST(p) ((List *)(p))

/* list_traverse: last item first. */
static int list_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    for (intptr_t i = LIST(self)->n; --i >= 0;) RG_VISIT(LIST(self)->items[i]);
    return 0;
}

/* _list_clear: empty the list first, then drop the items last first. */
static int list_clear(rg_object *self)
{
    List *l = LIST(self);
    rg_object **items = l->items;
    intptr_t i = l->n;
    l->items = NULL;
    l->n = l->cap = 0;
    while (--i >= 0) rg_xdecref(items[i]);
    rg_free(items);
    return 0;
}
static const rg_type ListType = {.name = "list", .size = sizeof(List), .flags = RG_TYPE_GC,
                                 .traverse = list_traverse, .clear = list_clear,
                                 .freelist_capacity = 80};
static const rg_type SetType = {.name = "set", .size = sizeof(List), .flags = RG_TYPE_GC,
                                .traverse = list_traverse, .clear = list_clear};

/* Tuples: items inline. */
typedef struct Tuple { RG_VAROBJECT_HEAD; rg_object *items[]; } Tuple;
#define TUPLE(p) ((Tuple *)(p))

/* tupletraverse: last item first. */
static int tuple_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    for (intptr_t i = TUPLE(self)->ob_var.size; --i >= 0;) RG_VISIT(TUPLE(self)->items[i]);
    return 0;
}

/* _PyTuple_MaybeUntrack: every item set and none may be tracked. */
static int tuple_may_untrack(rg_object *self)
{
    for (intptr_t i = 0; i < TUPLE(self)->ob_var.size; i++) {
        rg_object *e = TUPLE(self)->items[i];
        if (e == NULL || rg_may_be_tracked(e)) return 0;
    }
    return 1;
}
static const rg_type TupleType = {.name = "tuple", .size = sizeof(Tuple),
                                  .item_size = sizeof(rg_object *),
                                  .flags = RG_TYPE_GC | RG_TYPE_ATOMIC_WHEN_UNTRACKED,
                                  .traverse = tuple_traverse, .may_untrack = tuple_may_untrack,
                                  .freelist_capacity = 2000, .freelist_max_items = 20};

/* Dicts: a small combined table; `general` once a non-str key is stored
 * (CPython's keys stop being unicode-only and keys are visited too). */
#define DICT_MAX 8
typedef struct Dict {
    RG_OBJECT_HEAD;
    intptr_t n;
    int general;
    rg_object *keys[DICT_MAX], *values[DICT_MAX];
} Dict;
#define DICT(p) ((Dict *)(p))

/* dict_traverse: per entry the value, then the key if not unicode-only. */
static int dict_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    Dict *d = DICT(self);
    for (intptr_t i = 0; i < d->n; i++) {
        RG_VISIT(d->values[i]);
        if (d->general) RG_VISIT(d->keys[i]);
    }
    return 0;
}

/* PyDict_Clear: empty first, then each entry's key and value. */
static int dict_clear(rg_object *self)
{
    Dict *d = DICT(self);
    intptr_t n = d->n;
    d->n = 0; /* the entries stay readable below: no test stores meanwhile */
    for (intptr_t i = 0; i < n; i++) rg_decref(d->keys[i]), rg_decref(d->values[i]);
    return 0;
}

/* _PyDict_MaybeUntrack: nothing stored may be tracked. */
static int dict_may_untrack(rg_object *self)
{
    Dict *d = DICT(self);
    for (intptr_t i = 0; i < d->n; i++)
        if (rg_may_be_tracked(d->values[i]) || (d->general && rg_may_be_tracked(d->keys[i]))) return 0;
    return 1;
}
static const rg_type DictType = {.name = "dict", .size = sizeof(Dict),
                                 .flags = RG_TYPE_GC | RG_TYPE_TRACK_LATER | RG_TYPE_UNTRACK_ON_FULL,
                                 .traverse = dict_traverse, .clear = dict_clear,
                                 .may_untrack = dict_may_untrack, .freelist_capacity = 80};

/* ====================================================================== */
/* Constructors (they steal the references they are given) and printing   */
/* ====================================================================== */

static rg_heap *H; /* the test's heap (also in *state, unused by the tests) */
#define ORACLE(fn) static void fn(void **state __attribute__((unused)))

/* A new reference to o. */
static rg_object *ref(rg_object *o) { return rg_incref(o), o; }

/* del a, b, ...: drop one reference to each. */
static void drop_all(rg_object *const *objs)
{
    for (; *objs != NULL; objs++) rg_decref(*objs);
}
#define drop(...) drop_all((rg_object *const[]){__VA_ARGS__, NULL})

/* A new object of t, checked. */
static rg_object *new_obj(const rg_type *t)
{
    rg_object *o = rg_new(H, t);
    assert_non_null(o);
    return o;
}

/* A new leaf with a value and a string. */
static rg_object *leaf(const rg_type *t, long value, const char *str)
{
    rg_object *o = new_obj(t);
    LEAF(o)->value = value;
    LEAF(o)->str = str;
    return o;
}
static rg_object *mkint(long v) { return leaf(&IntType, v, NULL); }
static rg_object *mkstr(const char *s) { return leaf(&StrType, 0, s); }

/* An instance of t called name. */
static rg_object *inst(const rg_type *t, const char *name)
{
    rg_object *o = new_obj(t);
    INST(o)->name = name;
    return o;
}

/* o.attr[i] = v (v stolen; NULL means None). */
static void setattr(rg_object *o, int i, rg_object *v)
{
    rg_object *old = INST(o)->attr[i];
    INST(o)->attr[i] = v;
    rg_xdecref(old);
}

/* A lambda printing tag and i. */
static rg_object *lambda(const char *tag, long i)
{
    rg_object *f = new_obj(&FuncType);
    ((Func *)f)->tag = tag;
    ((Func *)f)->i = i;
    return f;
}

/* l.append(v), v stolen. */
static void list_add(rg_object *l, rg_object *v)
{
    List *L = LIST(l);
    if (L->n == L->cap) {
        intptr_t cap = L->cap ? L->cap * 2 : 4;
        rg_object **items = rg_realloc(H, L->items, (size_t)cap * sizeof *items);
        assert_non_null(items);
        L->items = items;
        L->cap = cap;
    }
    L->items[L->n++] = v;
}

/* A tuple of n stolen items; () is an untracked singleton, as in CPython. */
static rg_object *g_empty_tuple;
static rg_object *tuple(int n, ...)
{
    if (n == 0) {
        if (g_empty_tuple == NULL) {
            g_empty_tuple = rg_new_var(H, &TupleType, 0);
            rg_untrack(g_empty_tuple);
        }
        return ref(g_empty_tuple);
    }
    rg_object *t = rg_new_var(H, &TupleType, (size_t)n);
    assert_non_null(t);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) TUPLE(t)->items[i] = va_arg(ap, rg_object *);
    va_end(ap);
    return t;
}

/* Are a and b the same key (identity, or equal int/str)? */
static int key_eq(rg_object *a, rg_object *b)
{
    if (a == b) return 1;
    if (a->type != b->type) return 0;
    if (a->type == &IntType) return LEAF(a)->value == LEAF(b)->value;
    if (a->type == &StrType) return strcmp(LEAF(a)->str, LEAF(b)->str) == 0;
    return 0;
}

/* d[k] = v, both stolen; MAINTAIN_TRACKING first, as insertdict does. */
static void dict_put(rg_object *d, rg_object *k, rg_object *v)
{
    Dict *D = DICT(d);
    if (!rg_is_tracked(d) && (rg_may_be_tracked(k) || rg_may_be_tracked(v))) rg_track(d);
    if (k->type != &StrType) D->general = 1;
    for (intptr_t i = 0; i < D->n; i++) {
        if (key_eq(D->keys[i], k)) {
            rg_object *old = D->values[i];
            D->values[i] = v;
            drop(old, k);
            return;
        }
    }
    assert_true(D->n < DICT_MAX);
    D->keys[D->n] = k;
    D->values[D->n++] = v;
}

/* del d[k] (k stolen). */
static void dict_del(rg_object *d, rg_object *k)
{
    Dict *D = DICT(d);
    for (intptr_t i = 0; i < D->n; i++) {
        if (key_eq(D->keys[i], k)) {
            rg_object *ok = D->keys[i], *ov = D->values[i];
            memmove(&D->keys[i], &D->keys[i + 1], (size_t)(D->n - i - 1) * sizeof ok);
            memmove(&D->values[i], &D->values[i + 1], (size_t)(D->n - i - 1) * sizeof ov);
            D->n--;
            drop(ok, ov);
            break;
        }
    }
    rg_decref(k);
}

/* The script's output so far. */
static char g_out[4096];
static size_t g_outlen;

/* print(): append to the output. */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(g_out + g_outlen, sizeof g_out - g_outlen, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof g_out - g_outlen);
    g_outlen += (size_t)n;
}

#define PYB(x) ((x) ? "True" : "False")

/* gc.collect(generation) as a long. */
static long collect(int generation) { return (long)rg_collect(H, generation); }

/* repr() of a leaf. */
static void say_repr(rg_object *o)
{
    if (o->type == &StrType) say("'%s'", LEAF(o)->str);
    else say("%ld", LEAF(o)->value);
}

/* print(gc.get_referents(*objs)) */
static void say_referents(rg_object *const *objs, size_t n)
{
    rg_object *out[16];
    size_t k = rg_gc_get_referents(objs, n, out, 16);
    assert_true(k <= 16);
    say("[");
    for (size_t i = 0; i < k; i++) {
        if (i) say(", ");
        say_repr(out[i]);
    }
    say("]\n");
}

/* gc.get_count() */
static void counts(long c[3]) { rg_gc_get_count(H, c); }

/* One gc callback call. */
typedef struct cb_call {
    char phase[8];
    int generation;
    size_t collected, uncollectable;
    intptr_t nested; /* what gc.collect() returned inside the callback */
} cb_call;
static cb_call g_cb[64];
static int g_ncb;
static int g_cb_collects; /* call gc.collect() inside the callback */

/* gc.callbacks entry: record the call. */
static void gc_cb(rg_heap *heap, const char *phase, int generation, size_t collected,
                  size_t uncollectable, void *data)
{
    (void)data;
    intptr_t nested = g_cb_collects ? rg_collect(heap, 2) : -2;
    if (g_ncb++ >= 64) return; /* keep the first 64 */
    cb_call *c = &g_cb[g_ncb - 1];
    c->nested = nested;
    snprintf(c->phase, sizeof c->phase, "%s", phase);
    c->generation = generation;
    c->collected = collected;
    c->uncollectable = uncollectable;
}

/* Check callback call i. */
static void check_cb(int i, const char *phase, int gen, size_t collected, size_t uncollectable)
{
    assert_true(i < g_ncb && i < 64);
    assert_string_equal(g_cb[i].phase, phase);
    assert_int_equal(g_cb[i].generation, gen);
    assert_int_equal(g_cb[i].collected, collected);
    assert_int_equal(g_cb[i].uncollectable, uncollectable);
}

/* Mask addresses ("0x...") and timings ("T.TTTTs") in s, as the oracle
 * scripts do with re.sub; returns a static buffer. */
static const char *mask(const char *s)
{
    static char buf[4096];
    size_t w = 0;
    while (*s && w + 8 < sizeof buf) {
        const char *e = s;
        while (isdigit((unsigned char)*e)) e++;
        if (s[0] == '0' && s[1] == 'x' && isxdigit((unsigned char)s[2])) {
            for (s += 2; isxdigit((unsigned char)*s); s++) {}
            memcpy(buf + w, "0x...", 5), w += 5;
        } else if (e > s && e[0] == '.' && strspn(e + 1, "0123456789") == 4 && e[5] == 's') {
            memcpy(buf + w, "T.TTTTs", 7), w += 7;
            s = e + 6;
        } else {
            buf[w++] = *s++;
        }
    }
    buf[w] = '\0';
    return buf;
}

/* Fresh heap, output, hooks and callback log; the callback registered. */
static int setup(void **state)
{
    H = rg_heap_new(NULL);
    if (H == NULL) return -1;
    *state = H;
    g_out[0] = '\0';
    g_outlen = 0;
    g_on_del = g_on_tp_del = NULL;
    g_empty_tuple = NULL;
    g_ncb = g_cb_collects = 0;
    return rg_gc_add_callback(H, gc_cb, NULL);
}

/* The heap must be consistent; it is deleted with what is left in it. */
static int teardown(void **state)
{
    H = NULL;
    heap_done(*state);
    return 0;
}

/* ====================================================================== */
/* 01-08: cycles, refcounts, tracking                                      */
/* ====================================================================== */

/* 01: two instances referencing each other are 2 garbage objects. */
ORACLE(test_01_cycle_two_instances)
{
    collect(2);
    rg_object *a = inst(&AType, "a"), *b = inst(&AType, "b");
    setattr(a, O, ref(b));
    setattr(b, O, ref(a));
    drop(a, b);
    say("%ld\n", collect(2));
    say("%ld\n", collect(2));
    assert_string_equal(g_out, "2\n0\n");
    check_cb(2, "start", 2, 0, 0);
    check_cb(3, "stop", 2, 2, 0);
    check_cb(5, "stop", 2, 0, 0);
}

/* 02: a self-referencing list, then a self-referencing dict (tracked by
 * storing itself). */
ORACLE(test_02_self_ref_list_dict)
{
    collect(2);
    rg_object *l = new_obj(&ListType);
    list_add(l, ref(l));
    rg_decref(l);
    say("%ld\n", collect(2));
    rg_object *d = new_obj(&DictType);
    assert_false(rg_is_tracked(d));
    dict_put(d, mkstr("me"), ref(d));
    rg_decref(d);
    say("%ld\n", collect(2));
    assert_string_equal(g_out, "1\n1\n");
}

/* 03: a tuple closes a cycle through a list. */
ORACLE(test_03_tuple_list_cycle)
{
    collect(2);
    rg_object *l = new_obj(&ListType);
    rg_object *t = tuple(1, ref(l));
    list_add(l, ref(t));
    drop(t, l);
    say("%ld\n", collect(2));
    assert_string_equal(g_out, "2\n");
}

/* 05: getrefcount(x) is the engine's count plus the argument's temporary;
 * for getrefcount(C()) the fresh object's own reference is that temporary. */
ORACLE(test_05_getrefcount)
{
    rg_object *a = inst(&AType, "a");
    rg_object *b = ref(a);
    say("%ld\n", (long)rg_refcount(a) + 1);
    rg_object *l = new_obj(&ListType);
    list_add(l, ref(a));
    say("%ld\n", (long)rg_refcount(a) + 1);
    drop(l, b);
    say("%ld\n", (long)rg_refcount(a) + 1);
    rg_object *tmp = inst(&AType, "tmp");
    say("%ld\n", (long)rg_refcount(tmp));
    rg_decref(tmp);
    rg_object *x = inst(&AType, "x"), *y = ref(x); /* def f(): x = C(); y = x */
    say("%ld\n", (long)rg_refcount(x) + 1);
    drop(y, x, a);
    assert_string_equal(g_out, "3\n4\n2\n1\n3\n");
}

/* 06: which objects are tracked right after creation (the lines whose
 * objects the engine can build). */
ORACLE(test_06_is_tracked_basic)
{
    struct { const char *name; rg_object *o; } cases[14];
    int n = 0;
#define CASE(nm, expr) cases[n].name = nm, cases[n++].o = (expr)
    CASE("None", leaf(&NoneType, 0, NULL));
    CASE("int", mkint(1));
    CASE("float", leaf(&FloatType, 1, NULL));
    CASE("str", mkstr("a"));
    CASE("object()", leaf(&ObjectType, 0, NULL));
    CASE("[]", new_obj(&ListType));
    CASE("set()", new_obj(&SetType));
    CASE("{} literal", new_obj(&DictType));
    CASE("dict()", new_obj(&DictType));
    rg_object *d1 = new_obj(&DictType);
    dict_put(d1, mkstr("a"), mkint(1));
    CASE("{'a': 1}", d1);
    rg_object *d2 = new_obj(&DictType);
    dict_put(d2, mkstr("a"), new_obj(&ListType));
    CASE("{'a': []}", d2);
    CASE("()", tuple(0));
    CASE("user instance", inst(&AType, "u"));
    CASE("slots instance", inst(&SlotsType, "s"));
#undef CASE
    for (int i = 0; i < n; i++) {
        say("%-15s %s\n", cases[i].name, PYB(rg_is_tracked(cases[i].o)));
        rg_decref(cases[i].o);
    }
    assert_string_equal(g_out, "None            False\nint             False\nfloat           False\n"
                               "str             False\nobject()        False\n[]              True\n"
                               "set()           True\n{} literal      False\ndict()          False\n"
                               "{'a': 1}        False\n{'a': []}       True\n()              False\n"
                               "user instance   True\nslots instance  True\n");
}

/* 07: tuples start tracked; every collection untracks those holding only
 * untracked atomic things (inner before outer in one pass); a tuple holding
 * an empty dict stays tracked.  (1, 2) is a compiler constant: made before
 * the script's first gc.collect(). */
ORACLE(test_07_tuple_untracking)
{
    rg_object *constant = tuple(2, mkint(1), mkint(2));
    collect(2);
    rg_object *a = mkint(1), *b = mkint(2);
    rg_object *t = tuple(2, ref(a), ref(b));
    say("%s\n", PYB(rg_is_tracked(t)));
    collect(0);
    say("%s\n", PYB(rg_is_tracked(t)));
    rg_object *t2 = tuple(2, ref(a), new_obj(&ListType));
    rg_object *t3 = tuple(2, ref(a), new_obj(&DictType));
    rg_object *inner = tuple(2, ref(a), ref(b));
    rg_object *outer = tuple(2, ref(inner), ref(a));
    collect(2);
    say("%s %s %s %s\n", PYB(rg_is_tracked(t2)), PYB(rg_is_tracked(t3)), PYB(rg_is_tracked(inner)),
        PYB(rg_is_tracked(outer)));
    rg_object *empty = tuple(0);
    say("%s %s\n", PYB(rg_is_tracked(empty)), PYB(rg_is_tracked(constant)));
    assert_string_equal(g_out, "True\nFalse\nTrue True False False\nFalse False\n");
    drop(constant, a, b, t, t2, t3, inner, outer, empty, g_empty_tuple);
}

/* 08: dicts start untracked, are tracked when a trackable value is stored,
 * and untracked again only by a full collection; an untracked (atomic)
 * tuple key does not track. */
ORACLE(test_08_dict_tracking)
{
    rg_object *constant = tuple(2, mkint(1), mkint(2));
    collect(2);
    rg_object *d = new_obj(&DictType);
    say("%s\n", PYB(rg_is_tracked(d)));
    dict_put(d, mkstr("k"), mkint(1));
    say("%s\n", PYB(rg_is_tracked(d)));
    dict_put(d, mkstr("k"), new_obj(&ListType));
    say("%s\n", PYB(rg_is_tracked(d)));
    dict_put(d, mkstr("k"), mkint(1));
    say("%s\n", PYB(rg_is_tracked(d)));
    collect(0);
    say("%s\n", PYB(rg_is_tracked(d)));
    collect(1);
    say("%s\n", PYB(rg_is_tracked(d)));
    collect(2);
    say("%s\n", PYB(rg_is_tracked(d)));
    dict_put(d, ref(constant), mkint(3));
    say("%s\n", PYB(rg_is_tracked(d)));
    assert_string_equal(g_out, "False\nFalse\nTrue\nTrue\nTrue\nTrue\nFalse\nFalse\n");
    drop(d, constant);
}

/* ====================================================================== */
/* 09-13: weak references                                                  */
/* ====================================================================== */

/* lambda r: print("callback, r() is", r()) */
static void cb_09(rg_weakref *r, rg_object *data)
{
    (void)data;
    say("callback, r() is %s\n", rg_weakref_get(r) ? "<A>" : "None");
}

/* 09: refcount death: the callback runs at once, the referent gone. */
ORACLE(test_09_weakref_refcount_death)
{
    rg_object *a = inst(&AType, "a");
    rg_weakref *w = rg_weakref_new(H, a, cb_09, NULL);
    say("before del\n");
    rg_decref(a);
    say("after del, w() is %s\n", rg_weakref_get(w) ? "<A>" : "None");
    assert_string_equal(g_out, "before del\ncallback, r() is None\nafter del, w() is None\n");
    rg_decref(RG_OBJ(w));
}

/* lambda r: print(tag[, i]): the lambda is the reference's data. */
static void cb_print(rg_weakref *r, rg_object *data)
{
    (void)r;
    if (((Func *)data)->i < 0) say("%s\n", ((Func *)data)->tag);
    else say("%s %ld\n", ((Func *)data)->tag, ((Func *)data)->i);
}

/* weakref.ref(o, lambda r: print(tag[, i])) */
static rg_object *weak(rg_object *o, const char *tag, long i)
{
    rg_object *lam = lambda(tag, i);
    rg_weakref *w = rg_weakref_new(H, o, cb_print, lam);
    assert_non_null(w);
    rg_decref(lam);
    return RG_OBJ(w);
}

/* 10: cyclic garbage with a reachable weak reference: its callback runs
 * during the collection. */
ORACLE(test_10_weakref_cyclic_external)
{
    collect(2);
    rg_object *a = inst(&AType, "a");
    setattr(a, ME, ref(a));
    rg_weakref *w = (rg_weakref *)weak(a, "callback fired", -1);
    rg_decref(a);
    say("collected %ld\n", collect(2));
    say("w() is %s\n", rg_weakref_get(w) ? "<A>" : "None");
    assert_string_equal(g_out, "callback fired\ncollected 1\nw() is None\n");
    rg_decref(RG_OBJ(w));
}

/* 11: a weak reference that is garbage itself never calls back; garbage is
 * the instance, the reference and its lambda. */
ORACLE(test_11_weakref_in_trash)
{
    collect(2);
    rg_object *a = inst(&AType, "a");
    setattr(a, ME, ref(a));
    setattr(a, W, weak(a, "callback (must not happen)", -1));
    rg_decref(a);
    say("collected %ld\n", collect(2));
    assert_string_equal(g_out, "collected 3\n");
}

static rg_object *g_reg;

/* def cb(r): print("callback"); del reg['k'] */
static void cb_12(rg_weakref *r, rg_object *data)
{
    (void)r, (void)data;
    say("callback\n");
    dict_del(g_reg, mkstr("k"));
}

/* 12: a callback dropping the last reference to its own weak reference:
 * the freed reference counts in the result. */
ORACLE(test_12_weakref_callback_frees_ref)
{
    collect(2);
    g_reg = new_obj(&DictType);
    rg_object *a = inst(&AType, "a");
    setattr(a, ME, ref(a));
    dict_put(g_reg, mkstr("k"), RG_OBJ(rg_weakref_new(H, a, cb_12, NULL)));
    assert_true(rg_is_tracked(g_reg));
    rg_decref(a);
    say("collected %ld\n", collect(2));
    assert_string_equal(g_out, "callback\ncollected 2\n");
    assert_int_equal(DICT(g_reg)->n, 0);
    check_cb(3, "stop", 2, 2, 0);
    rg_decref(g_reg);
}

/* 13: newest callback first, for refcount death and for cyclic garbage;
 * callback-less references are shared, callback ones never. */
ORACLE(test_13_weakref_callback_order)
{
    collect(2);
    rg_object *a = inst(&AType, "a");
    rg_object *ws = new_obj(&ListType);
    for (int i = 0; i < 3; i++) list_add(ws, weak(a, "refcount", i));
    rg_decref(a);
    rg_object *b = inst(&AType, "b");
    setattr(b, ME, ref(b));
    rg_object *ws2 = new_obj(&ListType);
    for (int i = 0; i < 3; i++) list_add(ws2, weak(b, "cyclic", i));
    rg_decref(b);
    say("collected %ld\n", collect(2));
    rg_object *c = inst(&AType, "c");
    rg_weakref *r1 = rg_weakref_new(H, c, NULL, NULL), *r2 = rg_weakref_new(H, c, NULL, NULL);
    rg_object *r3 = weak(c, "print", -1), *r4 = weak(c, "print", -1);
    say("%s %s\n", PYB(r1 == r2), PYB(r3 == r4));
    assert_string_equal(g_out, "refcount 2\nrefcount 1\nrefcount 0\ncyclic 2\ncyclic 1\ncyclic 0\n"
                               "collected 1\nTrue False\n");
    drop(RG_OBJ(r1), RG_OBJ(r2), r3, r4, c, ws, ws2);
}

/* ====================================================================== */
/* 14-19: finalizers, resurrection, gc.garbage                             */
/* ====================================================================== */

/* def __del__(self): print("__del__", self.name) */
static void del_print(rg_object *self) { say("__del__ %s\n", INST(self)->name); }

/* print("garbage", gc.garbage) for garbage of instances */
static void say_garbage(void)
{
    rg_object *const *items;
    size_t n = rg_gc_garbage(H, &items);
    say("garbage [");
    for (size_t i = 0; i < n; i++) say("%s<%s>", i ? ", " : "", items[i]->type->name);
    say("]\n");
}

/* 14: PEP 442: a cycle of objects with __del__ is finalized (in list
 * order) and collected; gc.garbage stays empty. */
ORACLE(test_14_del_on_cycle)
{
    collect(2);
    g_on_del = del_print;
    rg_object *x = inst(&DType, "x"), *y = inst(&DType, "y");
    setattr(x, O, ref(y));
    setattr(y, O, ref(x));
    drop(x, y);
    say("collected %ld\n", collect(2));
    say_garbage();
    assert_string_equal(g_out, "__del__ x\n__del__ y\ncollected 2\ngarbage []\n");
    check_cb(2, "start", 2, 0, 0);
    check_cb(3, "stop", 2, 2, 0);
}

static rg_object *g_keep;
static int g_calls;

/* def __del__(self): calls += 1; keep.append(self) */
static void del_resurrect(rg_object *self)
{
    g_calls++;
    list_add(g_keep, ref(self));
}

/* 15: a finalizer resurrecting its object: nothing collected, the object
 * FINALIZED, never finalized again. */
ORACLE(test_15_resurrection)
{
    collect(2);
    g_keep = new_obj(&ListType);
    g_calls = 0;
    g_on_del = del_resurrect;
    rg_object *r = inst(&DType, "r");
    setattr(r, ME, ref(r));
    rg_decref(r);
    long n = collect(2);
    say("collected %ld calls %d\n", n, g_calls);
    say("is_finalized %s\n", PYB(rg_is_finalized(LIST(g_keep)->items[0])));
    list_clear(g_keep);
    n = collect(2);
    say("collected %ld calls %d\n", n, g_calls);
    assert_string_equal(g_out, "collected 0 calls 1\nis_finalized True\ncollected 1 calls 1\n");
    rg_decref(g_keep);
}

/* def __del__(self): print(...); if self.name == "a": keep.append(self) */
static void del_keep_a(rg_object *self)
{
    say("__del__ %s\n", INST(self)->name);
    if (strcmp(INST(self)->name, "a") == 0) list_add(g_keep, ref(self));
}

/* 16: resurrecting one member of a cycle keeps all it reaches. */
ORACLE(test_16_resurrection_transitive)
{
    collect(2);
    g_keep = new_obj(&ListType);
    g_on_del = del_keep_a;
    rg_object *a = inst(&DType, "a"), *b = inst(&DType, "b");
    setattr(a, O, ref(b));
    setattr(b, O, ref(a));
    drop(a, b);
    long n = collect(2);
    rg_object *k = LIST(g_keep)->items[0];
    say("collected %ld kept %s %s\n", n, INST(k)->name, INST(INST(k)->attr[O])->name);
    list_clear(g_keep);
    say("collected %ld\n", collect(2));
    assert_string_equal(g_out, "__del__ a\n__del__ b\ncollected 0 kept a b\ncollected 2\n");
    rg_decref(g_keep);
}

/* x drops y; y resurrects itself (python3: see the test below). */
static void del_drop_or_keep(rg_object *self)
{
    say("__del__ %s\n", INST(self)->name);
    if (strcmp(INST(self)->name, "x") == 0) setattr(self, O, NULL);
    else list_add(g_keep, ref(self));
}

/* 16, by refcount: an object of the garbage that dies by refcount while the
 * collection runs its finalizers (x's __del__ drops y) and resurrects in its
 * own finalizer leaves the collection like any tracked object: CPython's
 * untrack clears its COLLECTING flag.  python3 printed the text below. */
ORACLE(test_16_resurrection_by_refcount_inside_collection)
{
    collect(2);
    g_keep = new_obj(&ListType);
    g_on_del = del_drop_or_keep;
    rg_object *x = inst(&DType, "x"), *y = inst(&DType, "y");
    setattr(x, ME, ref(x));
    setattr(x, O, y);
    rg_decref(x);
    long n = collect(2);
    say("collected %ld\n", n);
    rg_object *k = LIST(g_keep)->items[0];
    say("%s %s %s\n", INST(k)->name, PYB(rg_is_finalized(k)), PYB(rg_is_tracked(k)));
    size_t bad = rg_heap_check(H, stderr); /* nothing may be left marked collecting */
    n = collect(2);
    say("collected %ld\n", n);
    list_clear(g_keep);
    n = collect(2);
    say("collected %ld\n", n);
    assert_string_equal(g_out, "__del__ x\n__del__ y\ncollected 1\ny True True\ncollected 0\n"
                               "collected 0\n");
    rg_decref(g_keep);
    assert_int_equal(bad, 0);
}

static rg_weakref *g_wr;

/* def __del__(self): print("__del__ sees live weakref:", wr() is not None) */
static void del_sees_wr(rg_object *self)
{
    (void)self;
    say("__del__ sees live weakref: %s\n", PYB(rg_weakref_get(g_wr) != NULL));
}

/* 17: refcount death: __del__ first, weak references still working;
 * cyclic death: weak references cleared and called back before __del__. */
ORACLE(test_17_del_vs_weakref_order)
{
    collect(2);
    g_on_del = del_sees_wr;
    rg_object *a = inst(&DType, "a");
    g_wr = (rg_weakref *)weak(a, "callback", -1);
    rg_decref(a);
    say("---\n");
    a = inst(&DType, "a");
    setattr(a, ME, ref(a));
    rg_weakref *old = g_wr;
    g_wr = (rg_weakref *)weak(a, "callback", -1);
    drop(RG_OBJ(old), a);
    say("collected %ld\n", collect(2));
    assert_string_equal(g_out, "__del__ sees live weakref: True\ncallback\n---\ncallback\n"
                               "__del__ sees live weakref: False\ncollected 1\n");
    rg_decref(RG_OBJ(g_wr));
}

/* 18: DEBUG_SAVEALL keeps the garbage in gc.garbage; emptied, it is garbage
 * again and really freed. */
ORACLE(test_18_saveall)
{
    collect(2);
    rg_object *l = new_obj(&ListType);
    list_add(l, ref(l));
    rg_object *ident = l;
    rg_gc_set_debug(H, RG_GC_DEBUG_SAVEALL, NULL);
    rg_decref(l);
    say("collected %ld\n", collect(2));
    rg_gc_set_debug(H, 0, NULL);
    rg_object *const *items;
    size_t n = rg_gc_garbage(H, &items);
    say("%zu %s\n", n, PYB(n && items[0] == ident));
    rg_gc_clear_garbage(H);
    say("collected %ld\n", collect(2));
    assert_string_equal(g_out, "collected 1\n1 True\ncollected 1\n");
}

/* def __tp_del__(self): print("tp_del called") */
static void tp_del_print(rg_object *self)
{
    (void)self;
    say("tp_del called\n");
}

/* 19 (cpython-only): a legacy tp_del in a cycle makes it and all it reaches
 * uncollectable; only the tp_del object goes to gc.garbage; broken by hand
 * it dies by refcount, tp_del running then.  Also the DEBUG_UNCOLLECTABLE
 * and DEBUG_STATS messages python3 printed for this graph (generation
 * sizes are the engine's: the interpreter's own objects are absent). */
ORACLE(test_19_legacy_tp_del)
{
    collect(2);
    g_on_tp_del = tp_del_print;
    rg_object *a = inst(&LType, "a");
    setattr(a, ME, ref(a));
    rg_object *b = new_obj(&ListType);
    list_add(b, ref(b));
    setattr(a, B, ref(b));
    drop(a, b);
    rg_gc_stats st[3];
    rg_gc_get_stats(H, st);
    size_t before = st[2].uncollectable;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    rg_gc_set_debug(H, RG_GC_DEBUG_UNCOLLECTABLE | RG_GC_DEBUG_STATS | RG_GC_DEBUG_COLLECTABLE, f);
    say("collect returned %ld\n", collect(2));
    rg_gc_set_debug(H, 0, NULL);
    fclose(f);
    assert_string_equal(mask(text), "gc: collecting generation 2...\n"
                              "gc: objects in each generation: 2 0 0\n"
                              "gc: objects in permanent generation: 0\n"
                              "gc: uncollectable <L 0x...>\n"
                              "gc: uncollectable <list 0x...>\n"
                              "gc: done, 2 unreachable, 2 uncollectable, T.TTTTs elapsed\n");
    free(text);
    rg_object *const *items;
    size_t n = rg_gc_garbage(H, &items);
    say("garbage types [");
    for (size_t i = 0; i < n; i++) say("%s'%s'", i ? ", " : "", items[i]->type->name);
    say("]\n");
    assert_true(n >= 1);
    rg_gc_get_stats(H, st);
    say("uncollectable delta %zu\n", st[2].uncollectable - before);
    rg_object *o = ref(items[n - 1]); /* o = gc.garbage.pop() */
    rg_gc_clear_garbage(H);
    setattr(o, ME, NULL);
    setattr(o, B, NULL);
    rg_decref(o);
    say("collect returned %ld\n", collect(2));
    assert_string_equal(g_out, "collect returned 2\ngarbage types ['L']\nuncollectable delta 2\n"
                               "tp_del called\ncollect returned 1\n");
    check_cb(2, "start", 2, 0, 0);
    check_cb(3, "stop", 2, 0, 2);
    check_cb(5, "stop", 2, 1, 0);
}

/* ====================================================================== */
/* 26-35: generations, counts, introspection, deep nesting, free lists     */
/* ====================================================================== */

/* 26: collecting generation N zeroes counts 0..N and adds 1 to N+1; and
 * which generation a collection reaches (python3: a cycle in generation 1
 * survives collect(0) and dies in collect(1); one in generation 2 needs
 * collect(2)). */
ORACLE(test_26_collect_generations)
{
    rg_gc_disable(H);
    collect(2);
    rg_object *x = new_obj(&ListType);
    long a[3], b[3], c[3];
    collect(0);
    counts(a);
    collect(1);
    counts(b);
    collect(2);
    counts(c);
    say("(%ld, %ld) (%ld, %ld) (%ld, %ld)\n", a[1], a[2], b[1], b[2], c[1], c[2]);
    collect(0);
    collect(0);
    counts(a);
    say("(%ld, %ld)\n", a[1], a[2]);
    assert_string_equal(g_out, "(1, 0) (0, 1) (0, 0)\n(2, 0)\n");
    rg_object *l = new_obj(&ListType);
    list_add(l, ref(l));
    collect(0);
    rg_decref(l);
    assert_int_equal(collect(0), 0);
    assert_int_equal(collect(1), 1);
    l = new_obj(&ListType);
    list_add(l, ref(l));
    collect(1);
    rg_decref(l);
    assert_int_equal(collect(0), 0);
    assert_int_equal(collect(1), 0);
    assert_int_equal(collect(2), 1);
    rg_decref(x);
}

/* 27's rule: with threshold 10 the collection runs inside the allocation
 * that takes count0 past 10, so count0 never exceeds it (1..10, then 0),
 * the new object is not part of it, and callbacks see generation 0. */
ORACLE(test_27_count_cycling)
{
    rg_gc_set_threshold(H, 10, 10, 10);
    collect(2);
    g_ncb = 0;
    rg_object *keep[25];
    for (int i = 0; i < 25; i++) {
        keep[i] = new_obj(&ListType);
        long c[3];
        counts(c);
        say("%ld ", c[0]);
        assert_true(rg_is_tracked(keep[i]));
    }
    assert_string_equal(g_out, "1 2 3 4 5 6 7 8 9 10 0 1 2 3 4 5 6 7 8 9 10 0 1 2 3 ");
    assert_int_equal(g_ncb, 4);
    check_cb(0, "start", 0, 0, 0);
    check_cb(1, "stop", 0, 0, 0);
    check_cb(3, "stop", 0, 0, 0);
    long c[3];
    counts(c);
    assert_int_equal(c[1], 2);
    /* the object whose allocation collected was tracked after it: it is
     * the oldest of generation 0 now */
    rg_object *g0[8];
    assert_int_equal(rg_gc_get_objects(H, 0, g0, 8), 4);
    assert_ptr_equal(g0[0], keep[21]);
    for (int i = 0; i < 25; i++) rg_decref(keep[i]);
}

/* 28: disable stops the trigger, not the counting; after enable the next
 * GC allocation collects generation 0 at once; collect works disabled. */
ORACLE(test_28_disable_enable)
{
    collect(2);
    rg_gc_disable(H);
    rg_object *keep = new_obj(&ListType);
    for (int i = 0; i < 2000; i++) list_add(keep, new_obj(&ListType));
    long c[3];
    counts(c);
    say("%s %s (%ld, %ld)\n", PYB(rg_gc_isenabled(H)), PYB(c[0] > 700), c[1], c[2]);
    rg_gc_enable(H);
    list_add(keep, new_obj(&ListType));
    counts(c);
    say("%s (%ld, %ld, %ld)\n", PYB(rg_gc_isenabled(H)), c[0], c[1], c[2]);
    say("explicit collect still works while disabled: ");
    rg_gc_disable(H);
    rg_object *l = new_obj(&ListType);
    list_add(l, ref(l));
    rg_decref(l);
    say("%ld\n", collect(2));
    rg_gc_enable(H);
    assert_string_equal(g_out, "False True (0, 0)\nTrue (0, 1, 0)\n"
                               "explicit collect still works while disabled: 1\n");
    rg_decref(keep);
}

/* Is o among generation g's objects? */
static int in_gen(int g, rg_object *o)
{
    static rg_object *buf[256];
    intptr_t n = rg_gc_get_objects(H, g, buf, 256);
    assert_true(n >= 0 && n <= 256);
    for (intptr_t i = 0; i < n; i++)
        if (buf[i] == o) return 1;
    return 0;
}

/* print(where()) */
static void say_where(rg_object *o)
{
    say("[%s, %s, %s]\n", PYB(in_gen(0, o)), PYB(in_gen(1, o)), PYB(in_gen(2, o)));
}

/* 31: a survivor moves one generation older per collection of its
 * generation; -1 means all.  Also freeze/unfreeze (python3: counts (0, 0,
 * 0), the object in no generation but still tracked; back in generation 2). */
ORACLE(test_31_get_objects_generations)
{
    rg_gc_disable(H);
    collect(2);
    rg_object *l = new_obj(&ListType);
    list_add(l, ref(l));
    say_where(l);
    collect(0);
    say_where(l);
    collect(1);
    say_where(l);
    collect(2);
    say_where(l);
    intptr_t all = rg_gc_get_objects(H, -1, NULL, 0);
    say("%s\n", PYB(all == rg_gc_get_objects(H, 0, NULL, 0) + rg_gc_get_objects(H, 1, NULL, 0) +
                              rg_gc_get_objects(H, 2, NULL, 0)));
    assert_string_equal(g_out, "[True, False, False]\n[False, True, False]\n[False, False, True]\n"
                               "[False, False, True]\nTrue\n");
    rg_object *m = new_obj(&ListType);
    collect(0);
    rg_gc_freeze(H);
    long c[3];
    counts(c);
    assert_true(c[0] == 0 && c[1] == 0 && c[2] == 0);
    assert_int_equal(rg_gc_get_freeze_count(H), 2);
    assert_false(in_gen(2, l) || in_gen(1, m));
    assert_true(rg_is_tracked(l));
    rg_gc_unfreeze(H);
    assert_true(in_gen(2, l) && in_gen(2, m));
    assert_int_equal(rg_gc_get_freeze_count(H), 0);
    drop(m, l);
}

/* 32: referents in traverse order (lists and tuples last first, dicts
 * value then key), nothing for non-GC objects; referrers are the tracked
 * objects that visit the target (the module's globals dict and a list). */
ORACLE(test_32_get_referents_referrers)
{
    rg_object *l = new_obj(&ListType);
    for (int i = 1; i <= 3; i++) list_add(l, mkint(i));
    say_referents(&l, 1);
    rg_object *t = tuple(2, mkint(1), mkstr("s"));
    say_referents(&t, 1);
    rg_object *d = new_obj(&DictType);
    dict_put(d, mkint(3), mkint(4));
    dict_put(d, mkint(5), mkint(6));
    say_referents(&d, 1);
    rg_object *leaves[] = {mkint(1), mkstr("a"), leaf(&IntType, 4, NULL)};
    say_referents(leaves, 3);
    rg_object *globals = new_obj(&DictType);
    rg_object *a = inst(&AType, "a");
    setattr(a, O, mkint(5));
    dict_put(globals, mkstr("a"), a);
    rg_object *holder = new_obj(&ListType);
    list_add(holder, ref(a));
    dict_put(globals, mkstr("holder"), holder);
    rg_object *out[8];
    size_t n = rg_gc_get_referrers(H, &a, 1, out, 8);
    assert_int_equal(n, 2);
    const char *n0 = out[0]->type->name, *n1 = out[1]->type->name; /* sorted() */
    say("['%s', '%s']\n", strcmp(n0, n1) < 0 ? n0 : n1, strcmp(n0, n1) < 0 ? n1 : n0);
    assert_string_equal(g_out, "[3, 2, 1]\n['s', 1]\n[4, 3, 6, 5]\n[]\n['dict', 'list']\n");
    rg_untrack(holder); /* untracked objects are never found as referrers */
    assert_int_equal(rg_gc_get_referrers(H, &a, 1, out, 8), 1);
    assert_ptr_equal(out[0], globals);
    drop(l, t, d, leaves[0], leaves[1], leaves[2], globals);
}

/* Blocks allocated in the heap. */
static size_t blocks(void)
{
    rg_stats s;
    rg_heap_stats(H, &s);
    return s.allocated_blocks;
}

/* 33: 1,000,000-deep nests of lists, tuples and dicts deallocate (the
 * trashcan), collector enabled as in the script. */
ORACLE(test_33_trashcan_deep)
{
    static const char *kinds[] = {"list", "tuple", "dict"};
    collect(2);
    size_t base = blocks();
    for (int k = 0; k < 3; k++) {
        rg_object *x = leaf(&NoneType, 0, NULL);
        for (int i = 0; i < 1000000; i++) {
            rg_object *y;
            if (k == 0) {
                y = new_obj(&ListType);
                list_add(y, x);
            } else if (k == 1) {
                y = tuple(1, x);
            } else {
                y = new_obj(&DictType);
                dict_put(y, mkint(0), x);
            }
            x = y;
        }
        rg_decref(x);
        say("%s ok\n", kinds[k]);
        collect(2); /* empties the free lists */
        assert_int_equal(blocks(), base);
    }
    assert_string_equal(g_out, "list ok\ntuple ok\ndict ok\n");
}

/* 34: constants, defaults and argument errors of the gc API. */
ORACLE(test_34_gc_api_errors)
{
    say("{'DEBUG_COLLECTABLE': %u, 'DEBUG_LEAK': %u, 'DEBUG_SAVEALL': %u, 'DEBUG_STATS': %u, "
        "'DEBUG_UNCOLLECTABLE': %u}\n",
        RG_GC_DEBUG_COLLECTABLE, RG_GC_DEBUG_LEAK, RG_GC_DEBUG_SAVEALL, RG_GC_DEBUG_STATS,
        RG_GC_DEBUG_UNCOLLECTABLE);
    long t[3];
    rg_gc_get_threshold(H, t);
    say("(%ld, %ld, %ld) %s %u\n", t[0], t[1], t[2], PYB(rg_gc_isenabled(H)), rg_gc_get_debug(H));
    errno = 0;
    if (rg_collect(H, 3) == -1 && errno == EINVAL) say("ValueError invalid generation\n");
    errno = 0;
    if (rg_collect(H, -1) == -1 && errno == EINVAL) say("ValueError invalid generation\n");
    errno = 0;
    if (rg_gc_get_objects(H, 3, NULL, 0) == -1 && errno == EINVAL)
        say("ValueError generation parameter must be less than the number of available "
            "generations (3)\n");
    errno = 0;
    if (rg_gc_get_objects(H, -2, NULL, 0) == -1 && errno == EINVAL)
        say("ValueError generation parameter cannot be negative\n");
    rg_gc_set_threshold(H, 500, t[1], t[2]); /* set_threshold(500) */
    rg_gc_get_threshold(H, t);
    say("(%ld, %ld, %ld)\n", t[0], t[1], t[2]);
    rg_gc_set_threshold(H, 500, 5, t[2]);
    rg_gc_get_threshold(H, t);
    say("(%ld, %ld, %ld)\n", t[0], t[1], t[2]);
    rg_gc_set_threshold(H, 700, 10, 10);
    rg_object *one = mkint(1);
    say("%s %s\n", PYB(rg_is_tracked(one)), PYB(rg_is_finalized(one)));
    rg_decref(one);
    assert_string_equal(
        g_out,
        "{'DEBUG_COLLECTABLE': 2, 'DEBUG_LEAK': 38, 'DEBUG_SAVEALL': 32, 'DEBUG_STATS': 1, "
        "'DEBUG_UNCOLLECTABLE': 4}\n"
        "(700, 10, 10) True 0\n"
        "ValueError invalid generation\nValueError invalid generation\n"
        "ValueError generation parameter must be less than the number of available generations (3)\n"
        "ValueError generation parameter cannot be negative\n"
        "(500, 10, 10)\n(500, 5, 10)\nFalse False\n");
    /* get_objects(None) and get_objects(-1) are the same; gc.collect() from
     * a callback returns 0 (python3: "start 0", "stop 0"); removing an
     * unknown callback fails like list.remove. */
    assert_true(rg_gc_get_objects(H, -1, NULL, 0) >= 0);
    g_ncb = 0;
    g_cb_collects = 1;
    collect(2);
    g_cb_collects = 0;
    assert_int_equal(g_ncb, 2);
    assert_int_equal(g_cb[0].nested, 0);
    assert_int_equal(g_cb[1].nested, 0);
    assert_int_equal(rg_gc_remove_callback(H, gc_cb, NULL), 0);
    errno = 0;
    assert_int_equal(rg_gc_remove_callback(H, gc_cb, NULL), -1);
    assert_int_equal(errno, EINVAL);
}

/* Objects on the free list of (t, nitems): engine internals. */
static unsigned freelist_len(const rg_type *t, size_t nitems)
{
    rg_objects *os = rg_objects_of_heap(H);
    for (size_t i = 0; i < os->freelist_slots; i++)
        if (os->freelists[i].type == t && os->freelists[i].nitems == nitems) return os->freelists[i].count;
    return 0;
}

/* The line 35 prints for a stage. */
static void say_freelists(const char *tag)
{
    say("%s {'PyDictObjects': '%u', 'PyFloatObjects': '%u', 'PyListObjects': '%u', "
        "'1-sized PyTupleObjects': '%u'}\n",
        tag, freelist_len(&DictType, 0), freelist_len(&FloatType, 0), freelist_len(&ListType, 0),
        freelist_len(&TupleType, 1));
}

/* 35 (cpython-only): free lists fill to capacity (80 dicts, 100 floats, 80
 * lists, 2000 1-tuples) and only a full collection empties them. */
ORACLE(test_35_free_lists_cleared)
{
    rg_object *x = new_obj(&ListType), *y = new_obj(&ListType), *z = new_obj(&ListType),
              *t = new_obj(&ListType);
    for (int i = 0; i < 100; i++) list_add(x, new_obj(&ListType));
    for (int i = 0; i < 200; i++) list_add(y, leaf(&FloatType, i, NULL));
    for (int i = 0; i < 100; i++) list_add(z, new_obj(&DictType));
    for (int i = 0; i < 3000; i++) list_add(t, tuple(1, mkint(i)));
    drop(x, y, z, t);
    say_freelists("before");
    size_t kept = blocks();
    collect(1);
    say_freelists("after gen1");
    assert_int_equal(blocks(), kept);
    collect(2);
    say_freelists("after gen2");
    assert_int_equal(blocks(), kept - (80 + 100 + 80 + 2000));
    assert_string_equal(
        g_out,
        "before {'PyDictObjects': '80', 'PyFloatObjects': '100', 'PyListObjects': '80', "
        "'1-sized PyTupleObjects': '2000'}\n"
        "after gen1 {'PyDictObjects': '80', 'PyFloatObjects': '100', 'PyListObjects': '80', "
        "'1-sized PyTupleObjects': '2000'}\n"
        "after gen2 {'PyDictObjects': '0', 'PyFloatObjects': '0', 'PyListObjects': '0', "
        "'1-sized PyTupleObjects': '0'}\n");
}

/* 39 (cpython-only): DEBUG_STATS | DEBUG_COLLECTABLE messages for a
 * self-referencing list collected in generation 0 (python3 had 3 objects
 * in generation 0, two of them its own temporaries; here only the list). */
ORACLE(test_39_debug_stats_output)
{
    collect(2);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    rg_gc_set_debug(H, RG_GC_DEBUG_STATS | RG_GC_DEBUG_COLLECTABLE, f);
    assert_int_equal(rg_gc_get_debug(H), 3);
    rg_object *l = new_obj(&ListType);
    list_add(l, ref(l));
    rg_decref(l);
    collect(0);
    rg_gc_set_debug(H, 0, NULL);
    fclose(f);
    assert_string_equal(mask(text), "gc: collecting generation 0...\n"
                              "gc: objects in each generation: 1 0 0\n"
                              "gc: objects in permanent generation: 0\n"
                              "gc: collectable <list 0x...>\n"
                              "gc: done, 1 unreachable, 0 uncollectable, T.TTTTs elapsed\n");
    free(text);
}

/* 40: a finalizer resurrecting on the refcount path runs once ever: not at
 * the second refcount death, nor when the object later dies in a cycle
 * (python3: collect() 1, calls 1). */
ORACLE(test_40_refcount_finalizer_once)
{
    g_keep = new_obj(&ListType);
    g_calls = 0;
    g_on_del = del_resurrect;
    rg_object *r = inst(&DType, "r");
    rg_decref(r);
    say("%d %ld %s\n", g_calls, (long)LIST(g_keep)->n, PYB(rg_is_finalized(LIST(g_keep)->items[0])));
    list_clear(g_keep);
    say("%d\n", g_calls);
    assert_string_equal(g_out, "1 1 True\n1\n");
    r = inst(&DType, "r");
    rg_decref(r);
    rg_object *o = ref(LIST(g_keep)->items[0]);
    list_clear(g_keep);
    setattr(o, ME, o); /* our reference moves into the cycle */
    assert_int_equal(collect(2), 1);
    assert_int_equal(g_calls, 2);
    assert_int_equal(LIST(g_keep)->n, 0);
    rg_decref(g_keep);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_01_cycle_two_instances), T(test_02_self_ref_list_dict), T(test_03_tuple_list_cycle),
        T(test_05_getrefcount), T(test_06_is_tracked_basic), T(test_07_tuple_untracking),
        T(test_08_dict_tracking), T(test_09_weakref_refcount_death),
        T(test_10_weakref_cyclic_external), T(test_11_weakref_in_trash),
        T(test_12_weakref_callback_frees_ref), T(test_13_weakref_callback_order),
        T(test_14_del_on_cycle), T(test_15_resurrection), T(test_16_resurrection_transitive),
        T(test_16_resurrection_by_refcount_inside_collection), T(test_17_del_vs_weakref_order),
        T(test_18_saveall), T(test_19_legacy_tp_del), T(test_26_collect_generations),
        T(test_27_count_cycling), T(test_28_disable_enable), T(test_31_get_objects_generations),
        T(test_32_get_referents_referrers), T(test_33_trashcan_deep), T(test_34_gc_api_errors),
        T(test_35_free_lists_cleared), T(test_39_debug_stats_output),
        T(test_40_refcount_finalizer_once),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
