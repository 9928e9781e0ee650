/*
 * refgcmodule.c -- the refgc module: the engine seen from Python, for
 * learners.
 *
 *   refgc.trim(c_library=True)
 *                         give free memory back to the OS (rg_trim, and
 *                         with c_library glibc's malloc_trim(0) for the large
 *                         blocks in the C library's heap, counted as the drop
 *                         of the resident size); the bytes released.
 *   refgc.stats()         dict of the heap's statistics (rg_heap_stats):
 *   refgc.heap_stats()    every field of rg_stats_fields() (arenas, ...,
 *                         bytes_resident, bytes_trimmed, bytes_live_pages),
 *                         the same keys as refgc-python's refgc.stats(), and "classes": a
 *                         list of 32 dicts (size, pools, blocks_in_use,
 *                         blocks_available), class i holding (i+1)*16 bytes,
 *                         and "active" (always True here; refgc-python says
 *                         False when PYTHONMALLOC replaced refgc).
 *   refgc.active()        True: refgc is the allocator (as in refgc-python).
 *   refgc.block_info(obj) where obj's memory block lives: dict with kind
 *                         ('small' | 'large' | 'mapped'), size (usable
 *                         bytes of the block, GC header and pre-header
 *                         included), address, and for small blocks
 *                         size_class, arena_index, pool_index, block_index;
 *                         None for objects that are not heap blocks (the
 *                         static singletons: None, small ints, ...).
 *   refgc.dump()          rg_heap_dump on stderr (CPython's
 *                         sys._debugmallocstats format plus refgc's lines).
 *   refgc.get_limit() / refgc.set_limit(bytes)
 *                         the heap's size limit (0: none).
 *   refgc.VERSION         the library's version string.
 */
#include "lang/modules.h"

/* d[key] = n. */
static int put(py_obj *d, const char *key, size_t n)
{
    py_obj *v = py_long_from_size_t(n);
    if (v == NULL) return -1;
    int r = py_dict_set_item_string(d, key, v);
    rg_decref(v);
    return r;
}

static py_obj *refgc_trim(py_obj *m, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    (void)m;
    static const char *const kwlist[] = {"c_library", NULL};
    py_obj *arg = NULL;
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "trim", kwlist, 0, 0, 1, &arg) < 0) return NULL;
    int c_library = arg == NULL ? 1 : py_object_is_true(arg);
    if (c_library < 0) return NULL;
    size_t given = rg_trim(py_heap());
    if (c_library) given += rg_trim_c_library();
    return py_long_from_size_t(given);
}

static py_obj *refgc_active(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    return py_bool_from_long(1);
}

static py_obj *refgc_heap_stats(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    rg_stats st;
    if (rg_heap_stats(py_heap(), &st) != 0) return py_err_no_memory();
    py_obj *d = py_dict_new(), *classes = py_list_new(0);
    if (d == NULL || classes == NULL) goto fail;
    size_t nfields;
    const rg_stats_field *fields = rg_stats_fields(&nfields);
    for (size_t i = 0; i < nfields; i++)
        if (put(d, fields[i].name, rg_stats_value(&st, &fields[i])) < 0) goto fail;
    for (int i = 0; i < RG_NUM_SIZE_CLASSES; i++) {
        py_obj *c = py_dict_new();
        int ok = c != NULL && put(c, "size", (size_t)(i + 1) * RG_ALIGNMENT) == 0 &&
                 put(c, "pools", st.classes[i].pools) == 0 && put(c, "blocks_in_use", st.classes[i].blocks_in_use) == 0 &&
                 put(c, "blocks_available", st.classes[i].blocks_available) == 0 && py_list_append(classes, c) == 0;
        rg_xdecref(c);
        if (!ok) goto fail;
    }
    if (py_dict_set_item_string(d, "classes", classes) < 0) goto fail;
    if (py_dict_set_item_string(d, "active", py_true) < 0) goto fail;
    rg_decref(classes);
    return d;
fail:
    rg_xdecref(d);
    rg_xdecref(classes);
    return NULL;
}

static py_obj *refgc_block_info(py_obj *m, py_obj *o)
{
    (void)m;
    if (rg_refcount(o) >= PY_STATIC_REFCNT / 2) return py_new_ref(py_none); /* a static singleton */
    void *block = rg_object_block(o);
    rg_block_info bi;
    if (rg_block_info_of(block, &bi) != 0) return py_new_ref(py_none);
    py_obj *d = py_dict_new();
    if (d == NULL) return NULL;
    static const char *const kinds[] = {"?", "small", "large", "mapped"};
    py_obj *kind = py_unicode_from_string(kinds[bi.kind >= 1 && bi.kind <= 3 ? bi.kind : 0]);
    int ok = kind != NULL && py_dict_set_item_string(d, "kind", kind) == 0 && put(d, "size", bi.size) == 0 &&
             put(d, "address", (size_t)(uintptr_t)block) == 0;
    if (ok && bi.kind == RG_BLOCK_SMALL)
        ok = put(d, "size_class", bi.size_class) == 0 && put(d, "arena_index", bi.arena_index) == 0 &&
             put(d, "pool_index", bi.pool_index) == 0 && put(d, "block_index", bi.block_index) == 0;
    rg_xdecref(kind);
    if (!ok) {
        rg_decref(d);
        return NULL;
    }
    return d;
}

static py_obj *refgc_dump(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    py_sys_flush_stdio();
    rg_heap_dump(py_heap(), stderr);
    fflush(stderr);
    return py_new_ref(py_none);
}

static py_obj *refgc_get_limit(py_obj *m, py_obj *u)
{
    (void)m;
    (void)u;
    return py_long_from_size_t(rg_heap_get_limit(py_heap()));
}

static py_obj *refgc_set_limit(py_obj *m, py_obj *arg)
{
    (void)m;
    py_obj *i = py_number_index(arg);
    if (i == NULL) return NULL;
    py_ssize_t n = py_long_as_ssize_t(i);
    rg_decref(i);
    if (n == -1 && py_err_occurred()) return NULL;
    if (n < 0) return py_err_format(py_exc_ValueError, "limit must be >= 0");
    rg_heap_set_limit(py_heap(), (size_t)n);
    return py_new_ref(py_none);
}

static const py_method_def refgc_functions[] = {
    {"trim", {.fast_kw = refgc_trim}, PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "Give free memory back to the OS (c_library: also malloc_trim); returns the bytes released."},
    {"active", {.o = refgc_active}, PY_METH_NOARGS, "True: refgc is the allocator."},
    {"stats", {.o = refgc_heap_stats}, PY_METH_NOARGS, "The heap's statistics as a dict."},
    {"heap_stats", {.o = refgc_heap_stats}, PY_METH_NOARGS, "The heap's statistics as a dict (the older name of stats)."},
    {"block_info", {.o = refgc_block_info}, PY_METH_O, "Where an object's memory block lives (dict), or None."},
    {"dump", {.o = refgc_dump}, PY_METH_NOARGS, "Print the allocator's statistics on stderr."},
    {"get_limit", {.o = refgc_get_limit}, PY_METH_NOARGS, "The heap's size limit in bytes (0: none)."},
    {"set_limit", {.o = refgc_set_limit}, PY_METH_O, "Set the heap's size limit in bytes (0: none)."},
    {NULL, {NULL}, 0, NULL},
};

static int fill_refgc(py_obj *module, py_obj *dict)
{
    (void)module;
    py_obj *v = py_unicode_from_string(rg_version());
    if (v == NULL) return -1;
    int r = py_dict_set_item_string(dict, "VERSION", v);
    rg_decref(v);
    return r;
}

py_obj *py_refgc_module_create(void) { return py_module_from_defs("refgc", refgc_functions, fill_refgc); }
