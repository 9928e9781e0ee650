/*
 * gcmodule.c -- the gc module (3.11's Modules/gcmodule.c surface) on the
 * engine's collector API (include/refgc.h): collect, enable/disable,
 * counts, thresholds, debug flags, stats, freeze, get_objects,
 * get_referrers, get_referents, is_tracked, is_finalized, gc.garbage and
 * gc.callbacks, with 3.11's argument errors.
 *
 * Owns: the interpreter's gc.garbage and gc.callbacks lists (file statics
 * made by py_gc_state_init, which py_modules_init calls, as CPython makes
 * them in _PyGC_Init) and the engine callback (collection_hook) that, at
 * the end of every collection, moves the engine's uncollectable objects
 * into gc.garbage and then calls gc.callbacks' functions with ("start" |
 * "stop", {"generation", "collected", "uncollectable"}) -- CPython's
 * invoke_gc_callback, failures reported as unraisable.  The current
 * exception is saved around the Python callbacks (automatic collections
 * may start anywhere).
 */
#include "lang/modules.h"
#include "lang/vm.h"

#include <stdio.h>
#include <string.h>

static py_obj *gc_garbage;   /* list */
static py_obj *gc_callbacks; /* list */
static int hook_installed;

/* ====================================================================== */
/* Shutdown report                                                         */
/* ====================================================================== */

/* PySys_WriteStderr's output: through sys.stderr.write, else (no
 * sys.stderr, or the write failed) to the C stderr. */
static void write_stderr(const char *bytes, size_t len)
{
    py_obj *err = py_sys_get_object("stderr");
    py_obj *text = py_unicode_decode(bytes, (py_ssize_t)len, "utf-8", "surrogateescape");
    py_obj *name = py_unicode_from_string("write");
    py_obj *r = err && err != py_none && text && name ? py_object_call_method_one_arg(err, name, text) : NULL;
    rg_xdecref(text);
    rg_xdecref(name);
    if (r == NULL) {
        py_err_clear();
        fwrite(bytes, 1, len, stderr);
    }
    rg_xdecref(r);
}

/* 3.11's _PyGC_DumpShutdownStats (see modules.h).  Its ResourceWarning
 * "gc: N uncollectable objects at shutdown..." is ignored by the default
 * filters, so only the DEBUG_UNCOLLECTABLE listing is visible:
 * PySys_WriteStderr("      %s\n", repr(gc.garbage)), which truncates what
 * it formats to 1000 bytes and then adds "... truncated". */
void py_gc_dump_shutdown_stats(void)
{
    unsigned debug = rg_gc_get_debug(py_heap());
    if ((debug & RG_GC_DEBUG_SAVEALL) || !(debug & RG_GC_DEBUG_UNCOLLECTABLE) || gc_garbage == NULL ||
        py_list_size(gc_garbage) == 0)
        return;
    py_obj *t, *v, *tb;
    py_err_fetch(&t, &v, &tb);
    py_obj *repr = py_object_repr(gc_garbage);
    const char *s = repr ? py_unicode_as_utf8(repr) : NULL;
    if (s == NULL) {
        py_err_write_unraisable(gc_garbage);
    } else {
        char buf[1001];
        int n = snprintf(buf, sizeof buf, "      %s\n", s);
        size_t len = strlen(buf);
        while (len > 0 && n >= (int)sizeof buf && ((unsigned char)buf[len - 1] & 0xC0) == 0x80) len--;
        if (n >= (int)sizeof buf && len > 0 && (unsigned char)buf[len - 1] >= 0xC0) len--; /* a cut character */
        write_stderr(buf, len);
        if (n < 0 || n >= (int)sizeof buf) write_stderr("... truncated", 13);
    }
    rg_xdecref(repr);
    py_err_clear();
    py_err_restore(t, v, tb);
}

/* ====================================================================== */
/* The engine hook                                                         */
/* ====================================================================== */

/* Move what the engine set aside as uncollectable into gc.garbage. */
static void move_garbage(rg_heap *heap)
{
    rg_object *const *items;
    size_t n = rg_gc_garbage(heap, &items);
    if (n == 0 || gc_garbage == NULL) return;
    for (size_t i = 0; i < n; i++)
        if (py_list_append(gc_garbage, items[i]) < 0) {
            py_err_clear(); /* keep them in the engine's list then */
            return;
        }
    rg_gc_clear_garbage(heap);
}

/* d[key] = n. */
static int set_count(py_obj *d, const char *key, size_t n)
{
    py_obj *v = py_long_from_size_t(n);
    if (v == NULL) return -1;
    int r = py_dict_set_item_string(d, key, v);
    rg_decref(v);
    return r;
}

/* invoke_gc_callback: every function of gc.callbacks (the list may change
 * meanwhile) with (phase, info). */
static void collection_hook(rg_heap *heap, const char *phase, int generation, size_t collected,
                            size_t uncollectable, void *data)
{
    (void)data;
    if (py_current == NULL) return;
    py_obj *t, *v, *tb;
    py_err_fetch(&t, &v, &tb);
    if (phase[1] == 't' && phase[2] == 'o') move_garbage(heap);
    /* 3.11 runs no callbacks once the interpreter is finalizing. */
    if (gc_callbacks != NULL && py_list_size(gc_callbacks) > 0 && !py_runtime_is_finalizing()) {
        py_obj *info = py_dict_new(), *ph = py_unicode_from_string(phase);
        int ok = info != NULL && ph != NULL && set_count(info, "generation", (size_t)generation) == 0 &&
                 set_count(info, "collected", collected) == 0 && set_count(info, "uncollectable", uncollectable) == 0;
        if (!ok) {
            py_err_write_unraisable(NULL);
        } else {
            for (py_ssize_t i = 0; i < py_list_size(gc_callbacks); i++) {
                py_obj *cb = py_new_ref(py_list_get(gc_callbacks, i));
                py_obj *r = py_object_call_function_obj_args(cb, ph, info, NULL);
                if (r == NULL) py_err_write_unraisable(cb);
                else rg_decref(r);
                rg_decref(cb);
            }
        }
        rg_xdecref(info);
        rg_xdecref(ph);
    }
    py_err_restore(t, v, tb);
}

int py_gc_state_init(void)
{
    gc_garbage = py_list_new(0);
    gc_callbacks = py_list_new(0);
    if (gc_garbage == NULL || gc_callbacks == NULL) return -1;
    if (rg_gc_add_callback(py_heap(), collection_hook, NULL) < 0) {
        py_err_no_memory();
        return -1;
    }
    hook_installed = 1;
    return 0;
}

void py_gc_state_fini(void)
{
    if (hook_installed) rg_gc_remove_callback(py_heap(), collection_hook, NULL);
    hook_installed = 0;
    if (gc_callbacks) py_list_set_slice(gc_callbacks, 0, py_list_size(gc_callbacks), NULL);
    RG_CLEAR(gc_callbacks);
    if (gc_garbage) py_list_set_slice(gc_garbage, 0, py_list_size(gc_garbage), NULL);
    RG_CLEAR(gc_garbage);
}

/* ====================================================================== */
/* Arguments                                                               */
/* ====================================================================== */

/* A list of n borrowed objects, without skip. */
static py_obj *list_of(rg_object *const *objs, size_t n, py_obj *skip, py_obj *list)
{
    for (size_t i = 0; i < n; i++) {
        if (objs[i] == skip) continue;
        if (py_list_append(list, objs[i]) < 0) {
            rg_decref(list);
            return NULL;
        }
    }
    return list;
}

/* ====================================================================== */
/* Functions                                                               */
/* ====================================================================== */

static py_obj *gc_enable(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    rg_gc_enable(py_heap());
    return py_new_ref(py_none);
}

static py_obj *gc_disable(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    rg_gc_disable(py_heap());
    return py_new_ref(py_none);
}

static py_obj *gc_isenabled(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    return py_bool_from_long(rg_gc_isenabled(py_heap()));
}

/* collect(generation=2) */
static py_obj *gc_collect(py_obj *m, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    (void)m;
    static const char *const kwlist[] = {"generation", NULL};
    py_obj *argv[1] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "collect", kwlist, 0, 0, 1, argv) < 0) return NULL;
    int gen = RG_GC_GENERATIONS - 1;
    if (argv[0] != NULL && py_index_as_int(argv[0], &gen) < 0) return NULL;
    if (gen < 0 || gen >= RG_GC_GENERATIONS) {
        py_err_set_string(py_exc_ValueError, "invalid generation");
        return NULL;
    }
    intptr_t n = rg_collect(py_heap(), gen);
    if (n < 0) return py_err_no_memory();
    return py_long_from_ssize_t(n);
}

static py_obj *gc_get_count(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    long c[RG_GC_GENERATIONS];
    rg_gc_get_count(py_heap(), c);
    py_obj *a = py_long_from_long(c[0]), *b = py_long_from_long(c[1]), *d = py_long_from_long(c[2]);
    py_obj *res = a && b && d ? py_tuple_pack(3, a, b, d) : NULL;
    rg_xdecref(a);
    rg_xdecref(b);
    rg_xdecref(d);
    return res;
}

static py_obj *gc_get_threshold(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    long t[RG_GC_GENERATIONS];
    rg_gc_get_threshold(py_heap(), t);
    py_obj *a = py_long_from_long(t[0]), *b = py_long_from_long(t[1]), *d = py_long_from_long(t[2]);
    py_obj *res = a && b && d ? py_tuple_pack(3, a, b, d) : NULL;
    rg_xdecref(a);
    rg_xdecref(b);
    rg_xdecref(d);
    return res;
}

/* set_threshold(threshold0[, threshold1[, threshold2]]) */
static py_obj *gc_set_threshold(py_obj *m, py_obj *args)
{
    (void)m;
    py_ssize_t n = py_tuple_size(args);
    if (n < 1 || n > 3)
        return py_err_format(py_exc_TypeError, "set_threshold() takes at %s %d argument%s (%zd given)",
                             n < 1 ? "least" : "most", n < 1 ? 1 : 3, n < 1 ? "" : "s", n);
    long t[RG_GC_GENERATIONS];
    rg_gc_get_threshold(py_heap(), t);
    for (py_ssize_t i = 0; i < n; i++) {
        int v;
        if (py_index_as_int(py_tuple_get(args, i), &v) < 0) return NULL;
        t[i] = v;
    }
    rg_gc_set_threshold(py_heap(), t[0], t[1], t[2]);
    return py_new_ref(py_none);
}

static py_obj *gc_get_debug(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    return py_long_from_long((long)rg_gc_get_debug(py_heap()));
}

static py_obj *gc_set_debug(py_obj *m, py_obj *flags)
{
    (void)m;
    int v;
    if (py_index_as_int(flags, &v) < 0) return NULL;
    rg_gc_set_debug(py_heap(), (unsigned)v, NULL);
    return py_new_ref(py_none);
}

/* get_objects(generation=None): the tracked objects, minus the result. */
static py_obj *gc_get_objects(py_obj *m, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    (void)m;
    static const char *const kwlist[] = {"generation", NULL};
    py_obj *argv[1] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "get_objects", kwlist, 0, 0, 1, argv) < 0) return NULL;
    long gen = -1;
    if (argv[0] != NULL && argv[0] != py_none) {
        if (!py_long_check(argv[0]) && py_type_of(argv[0])->as_number == NULL)
            return py_err_format(py_exc_TypeError, "argument should be integer or None, not '%.200s'",
                                 py_obj_type_name(argv[0]));
        py_obj *i = py_number_index(argv[0]);
        if (i == NULL) {
            if (py_err_exception_matches(py_exc_TypeError)) {
                py_err_clear();
                py_err_format(py_exc_TypeError, "argument should be integer or None, not '%.200s'",
                              py_obj_type_name(argv[0]));
            }
            return NULL;
        }
        gen = py_long_as_long(i);
        rg_decref(i);
        if (gen == -1 && py_err_occurred()) return NULL;
        if (gen == -1) {
            /* -1 is "all", as None (3.11) */
        } else if (gen >= RG_GC_GENERATIONS)
            return py_err_format(py_exc_ValueError,
                                 "generation parameter must be less than the number of available generations (%i)",
                                 RG_GC_GENERATIONS);
        else if (gen < 0)
            return py_err_format(py_exc_ValueError, "generation parameter cannot be negative");
    }
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    intptr_t n = rg_gc_get_objects(py_heap(), (int)gen, NULL, 0);
    rg_object **objs = n > 0 ? malloc((size_t)n * sizeof *objs) : NULL;
    if (n > 0 && objs == NULL) {
        rg_decref(list);
        return py_err_no_memory();
    }
    if (n > 0) n = rg_gc_get_objects(py_heap(), (int)gen, objs, (size_t)n);
    py_obj *res = list_of(objs, n > 0 ? (size_t)n : 0, list, list);
    free(objs);
    return res;
}

/* get_referrers(*objs) / get_referents(*objs). */
static py_obj *gc_refs(py_obj *const *args, py_ssize_t nargs, int referrers)
{
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    size_t cap = 64, n;
    rg_object **out = NULL;
    for (;;) {
        rg_object **a = realloc(out, cap * sizeof *a);
        if (a == NULL) {
            free(out);
            rg_decref(list);
            return py_err_no_memory();
        }
        out = a;
        n = referrers ? rg_gc_get_referrers(py_heap(), args, (size_t)nargs, out, cap)
                      : rg_gc_get_referents(args, (size_t)nargs, out, cap);
        if (n <= cap) break;
        cap = n;
    }
    py_obj *res = list_of(out, n, list, list);
    free(out);
    return res;
}

static py_obj *gc_get_referrers(py_obj *m, py_obj *const *args, py_ssize_t nargs)
{
    (void)m;
    return gc_refs(args, nargs, 1);
}

static py_obj *gc_get_referents(py_obj *m, py_obj *const *args, py_ssize_t nargs)
{
    (void)m;
    return gc_refs(args, nargs, 0);
}

static py_obj *gc_is_tracked(py_obj *m, py_obj *o)
{
    (void)m;
    return py_bool_from_long(rg_is_tracked(o));
}

static py_obj *gc_is_finalized(py_obj *m, py_obj *o)
{
    (void)m;
    return py_bool_from_long(rg_is_finalized(o));
}

static py_obj *gc_freeze(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    rg_gc_freeze(py_heap());
    return py_new_ref(py_none);
}

static py_obj *gc_unfreeze(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    rg_gc_unfreeze(py_heap());
    return py_new_ref(py_none);
}

static py_obj *gc_get_freeze_count(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    return py_long_from_size_t(rg_gc_get_freeze_count(py_heap()));
}

/* get_stats(): [{"collections", "collected", "uncollectable"} x 3]. */
static py_obj *gc_get_stats(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    rg_gc_stats st[RG_GC_GENERATIONS];
    rg_gc_get_stats(py_heap(), st);
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    for (int i = 0; i < RG_GC_GENERATIONS; i++) {
        py_obj *d = py_dict_new();
        py_obj *a = py_long_from_size_t(st[i].collections), *b = py_long_from_size_t(st[i].collected),
               *c = py_long_from_size_t(st[i].uncollectable);
        int ok = d && a && b && c && py_dict_set_item_string(d, "collections", a) == 0 &&
                 py_dict_set_item_string(d, "collected", b) == 0 &&
                 py_dict_set_item_string(d, "uncollectable", c) == 0 && py_list_append(list, d) == 0;
        rg_xdecref(a);
        rg_xdecref(b);
        rg_xdecref(c);
        rg_xdecref(d);
        if (!ok) {
            rg_decref(list);
            return NULL;
        }
    }
    return list;
}

static const py_method_def gc_functions[] = {
    {"enable", {.o = gc_enable}, PY_METH_NOARGS, "Enable automatic garbage collection."},
    {"disable", {.o = gc_disable}, PY_METH_NOARGS, "Disable automatic garbage collection."},
    {"isenabled", {.o = gc_isenabled}, PY_METH_NOARGS, "Returns true if automatic garbage collection is enabled."},
    {"collect", {.fast_kw = gc_collect}, PY_METH_FASTCALL | PY_METH_KEYWORDS, "Run the garbage collector."},
    {"get_count", {.o = gc_get_count}, PY_METH_NOARGS, "Return a three-tuple of the current collection counts."},
    {"get_threshold", {.o = gc_get_threshold}, PY_METH_NOARGS, "Return the current collection thresholds."},
    {"set_threshold", {.o = gc_set_threshold}, PY_METH_VARARGS, "Set the collection thresholds."},
    {"get_debug", {.o = gc_get_debug}, PY_METH_NOARGS, "Get the garbage collection debugging flags."},
    {"set_debug", {.o = gc_set_debug}, PY_METH_O, "Set the garbage collection debugging flags."},
    {"get_objects", {.fast_kw = gc_get_objects}, PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "Return a list of objects tracked by the collector (excluding the list returned)."},
    {"get_stats", {.o = gc_get_stats}, PY_METH_NOARGS, "Return a list of dictionaries containing per-generation statistics."},
    {"get_referrers", {.fast = gc_get_referrers}, PY_METH_FASTCALL, "Return the list of objects that directly refer to any of objs."},
    {"get_referents", {.fast = gc_get_referents}, PY_METH_FASTCALL, "Return the list of objects that are directly referred to by objs."},
    {"is_tracked", {.o = gc_is_tracked}, PY_METH_O, "Returns true if the object is tracked by the garbage collector."},
    {"is_finalized", {.o = gc_is_finalized}, PY_METH_O, "Returns true if the object has been already finalized by the GC."},
    {"freeze", {.o = gc_freeze}, PY_METH_NOARGS, "Freeze all current tracked objects and ignore them for future collections."},
    {"unfreeze", {.o = gc_unfreeze}, PY_METH_NOARGS, "Unfreeze all objects in the permanent generation."},
    {"get_freeze_count", {.o = gc_get_freeze_count}, PY_METH_NOARGS, "Return the number of objects in the permanent generation."},
    {NULL, {NULL}, 0, NULL},
};

/* gc's constants and its two lists. */
static int fill_gc(py_obj *module, py_obj *dict)
{
    (void)module;
    static const struct {
        const char *name;
        long value;
    } consts[] = {{"DEBUG_STATS", RG_GC_DEBUG_STATS},
                  {"DEBUG_COLLECTABLE", RG_GC_DEBUG_COLLECTABLE},
                  {"DEBUG_UNCOLLECTABLE", RG_GC_DEBUG_UNCOLLECTABLE},
                  {"DEBUG_SAVEALL", RG_GC_DEBUG_SAVEALL},
                  {"DEBUG_LEAK", RG_GC_DEBUG_LEAK}};
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++) {
        py_obj *v = py_long_from_long(consts[i].value);
        if (v == NULL || py_dict_set_item_string(dict, consts[i].name, v) < 0) {
            rg_xdecref(v);
            return -1;
        }
        rg_decref(v);
    }
    if (gc_garbage == NULL || gc_callbacks == NULL) {
        py_err_set_string(py_exc_ImportError, "gc: the interpreter's state is not initialised");
        return -1;
    }
    if (py_dict_set_item_string(dict, "garbage", gc_garbage) < 0 ||
        py_dict_set_item_string(dict, "callbacks", gc_callbacks) < 0)
        return -1;
    return 0;
}

py_obj *py_gc_module_create(void) { return py_module_from_defs("gc", gc_functions, fill_gc); }
