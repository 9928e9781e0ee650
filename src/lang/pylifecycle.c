/*
 * pylifecycle.c -- starting and finishing the runtime (CPython 3.11's
 * Python/pylifecycle.c: Py_InitializeFromConfig, Py_FinalizeEx and its
 * finalize_modules).
 *
 * Owns: py_runtime_start (a heap with its limit, the interpreter, the VM's
 * types, builtins, sys and the built-in modules, __main__ with python3's
 * entries, the unraisable hook), and py_runtime_finish: python3's exit
 * order
 *   1. weakref.finalize's exit hook (the finalizers still alive, newest
 *      first: py_weakref_run_atexit);
 *   2. sys.stdout / sys.stderr flushed;
 *   2b. a full collection with gc.callbacks when the collector is enabled
 *      (3.11's PyGC_Collect in Py_FinalizeEx) -- it reorders the survivors
 *      as any collection does, which decides the order of the __del__
 *      calls below;
 *   3. finalize_modules: builtins._ and sys.argv/last_* ... set to None;
 *      every module of sys.modules replaced by None in sys.modules' order
 *      (remembered through a weak reference) -- __main__ dies here unless
 *      something else holds it, its dict with it, or, when functions or
 *      classes make the dict cyclic, in
 *   4. a full collection (no gc.callbacks: 3.11's _PyGC_CollectNoFail),
 *      whether or not the collector is enabled; then gc.garbage's listing
 *      when DEBUG_UNCOLLECTABLE (_PyGC_DumpShutdownStats);
 *   5. the modules still alive have their dicts cleared (3.11's
 *      _PyModule_ClearDict: "_x" names to None first, then the others but
 *      __builtins__), newest module first; then sys's and builtins' dicts;
 *   6. sys.modules goes, a last full collection;
 * then the modules' and VM's teardown and py_interp_delete, which empties
 * the heap (tests check that nothing is left).
 *
 * Invariants: one runtime at a time (py_current); py_runtime_finish
 * accepts what py_runtime_start returned and nothing else.
 */
#include "lang/pythonrun.h"

#include "lang/modules.h"

static int finalizing;

int py_runtime_is_finalizing(void)
{
    return finalizing;
}

/* ====================================================================== */
/* Start                                                                   */
/* ====================================================================== */

/* __main__ with python3's entries: __name__, __doc__, __package__,
 * __loader__, __spec__ (module creation), __annotations__, __builtins__;
 * stored in sys.modules. */
static int add_main_module(py_interp *interp)
{
    py_obj *name = py_unicode_from_string("__main__");
    py_obj *m = name ? py_module_new(name) : NULL;
    rg_xdecref(name);
    if (m == NULL) return -1;
    py_obj *d = py_module_get_dict(m);
    py_obj *ann = py_dict_new();
    py_obj *bmod = py_dict_get_item_string(interp->modules, "builtins");
    int rc = ann == NULL || py_dict_set_item_string(d, "__annotations__", ann) < 0 ||
             py_dict_set_item_string(d, "__builtins__", bmod ? bmod : interp->builtins) < 0 ||
             py_dict_set_item_string(interp->modules, "__main__", m) < 0;
    rg_xdecref(ann);
    rg_decref(m);
    return rc ? -1 : 0;
}

/* Report a start-up failure on stderr and undo what was made. */
static py_interp *start_failed(py_interp *interp, const char *what)
{
    if (interp != NULL && py_err_occurred()) {
        fprintf(stderr, "refgc: cannot start the runtime (%s): ", what);
        py_obj *exc = py_err_get_raised_exception();
        if (exc != NULL) {
            py_obj *s = py_object_str(exc);
            const char *u = s ? py_unicode_as_utf8(s) : NULL;
            fprintf(stderr, "%s: %s\n", py_type_of(exc)->rt.name, u ? u : "?");
            py_err_clear();
            rg_xdecref(s);
            rg_decref(exc);
        }
    } else {
        fprintf(stderr, "refgc: cannot start the runtime (%s): out of memory\n", what);
    }
    if (interp != NULL) {
        finalizing = 1;
        /* What py_vm_init and py_modules_init made lives on the heap too
         * (gc.garbage, gc.callbacks, the VM's caches): released as
         * finish() does, so the heap is empty when it is deleted. */
        py_modules_fini(interp);
        py_vm_fini(interp);
        py_interp_delete(interp);
        finalizing = 0;
    }
    return NULL;
}

py_interp *py_runtime_start(const py_runtime_config *config)
{
    rg_heap *heap = rg_heap_new(NULL);
    if (heap == NULL) return start_failed(NULL, "heap");
    if (config->max_heap > 0) rg_heap_set_limit(heap, config->max_heap);
    py_interp *interp = py_interp_new(heap);
    if (interp == NULL) {
        rg_heap_delete(heap);
        return start_failed(NULL, "interpreter");
    }
    interp->owns_heap = 1;
    interp->err_out = stderr;
    interp->unraisable_hook = py_runtime_unraisable_hook;
    finalizing = 0;
    py_run_main_interrupted = 0;
    if (py_vm_init(interp) < 0) return start_failed(interp, "vm");
    if (py_modules_init(interp, &config->sys) < 0) return start_failed(interp, "modules");
    /* builtins: made by the modules' table or here. */
    if (interp->modules == NULL) {
        py_err_set_string(py_exc_RuntimeError, "no sys.modules");
        return start_failed(interp, "modules");
    }
    if (py_dict_get_item_string(interp->modules, "builtins") == NULL) {
        py_obj *b = py_builtins_module_new();
        if (b == NULL) return start_failed(interp, "builtins");
        int rc = py_dict_set_item_string(interp->modules, "builtins", b);
        rg_decref(b);
        if (rc < 0) return start_failed(interp, "builtins");
    }
    if (add_main_module(interp) < 0) return start_failed(interp, "__main__");
    /* python3 used a slice while starting: its one-slice cache is full when
     * a script begins (its first slice allocates no new object). */
    py_obj *slice = py_slice_new(NULL, NULL, NULL);
    if (slice == NULL) return start_failed(interp, "slice cache");
    rg_decref(slice);
    return interp;
}

/* ====================================================================== */
/* Finish                                                                  */
/* ====================================================================== */

/* Set d[name] = value, reporting a failure as unraisable. */
static void set_or_report(py_obj *d, const char *name, py_obj *value)
{
    if (d != NULL && py_dict_set_item_string(d, name, value) < 0) py_err_write_unraisable(NULL);
}

/* finalize_modules_delete_special: builtins._ and the sys attributes where
 * user values hide. */
static void delete_special(py_interp *interp)
{
    static const char *const sys_deletes[] = {
        "path", "argv", "ps1", "ps2", "last_type", "last_value", "last_traceback",
        "path_hooks", "path_importer_cache", "meta_path", "__interactivehook__",
    };
    static const char *const sys_files[] = {"stdin",  "__stdin__",  "stdout",
                                            "__stdout__", "stderr", "__stderr__"};
    set_or_report(interp->builtins, "_", py_none);
    if (interp->sysdict == NULL) return;
    for (size_t i = 0; i < sizeof sys_deletes / sizeof sys_deletes[0]; i++)
        set_or_report(interp->sysdict, sys_deletes[i], py_none);
    for (size_t i = 0; i < sizeof sys_files / sizeof sys_files[0]; i += 2) {
        py_obj *orig = py_dict_get_item_string(interp->sysdict, sys_files[i + 1]);
        set_or_report(interp->sysdict, sys_files[i], orig ? orig : py_none);
    }
}

/* 3.11's _PyModule_ClearDict: "_x" names to None, then all but
 * __builtins__ (values replaced, so the dict keeps its order). */
static void clear_module_dict(py_obj *d)
{
    for (int pass = 0; pass < 2; pass++) {
        py_ssize_t pos = 0;
        py_obj *key, *value;
        while (py_dict_next(d, &pos, &key, &value)) {
            if (value == py_none || !py_unicode_check(key)) continue;
            const char *k = py_unicode_as_utf8(key);
            if (k == NULL) {
                py_err_clear();
                continue;
            }
            int underscore = k[0] == '_' && k[1] != '_';
            if (pass == 0 ? !underscore : strcmp(k, "__builtins__") == 0) continue;
            if (py_dict_set_item(d, key, py_none) < 0) py_err_write_unraisable(NULL);
        }
    }
}

typedef struct module_ref {
    py_obj *name;    /* strong */
    rg_weakref *ref; /* weak reference to the module */
} module_ref;

/* Replace each module of sys.modules by None, remembering it weakly. */
static module_ref *remove_modules(py_interp *interp, size_t *count)
{
    py_obj *modules = interp->modules;
    size_t cap = (size_t)py_dict_size(modules) + 1, n = 0;
    module_ref *refs = calloc(cap, sizeof *refs);
    py_ssize_t pos = 0;
    py_obj *key, *value;
    /* Replacing a value keeps the dict's table, so the iteration goes on
     * over the same entries (as 3.11 iterates sys.modules). */
    while (py_dict_next(modules, &pos, &key, &value)) {
        if (!py_module_check(value)) continue;
        if (refs != NULL && n < cap) {
            rg_weakref *wr = rg_weakref_new(interp->heap, value, NULL, NULL);
            if (wr != NULL) {
                refs[n].name = py_new_ref(key);
                refs[n].ref = wr;
                n++;
            }
        }
        rg_incref(key);
        if (py_dict_set_item(modules, key, py_none) < 0) py_err_write_unraisable(NULL);
        rg_decref(key);
    }
    *count = n;
    return refs;
}

/* The modules still alive after the collection have their dicts cleared,
 * the last removed first; sys and builtins are left for later. */
static void clear_surviving(py_interp *interp, module_ref *refs, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        py_obj *mod = rg_weakref_get(refs[i].ref);
        if (mod == NULL) continue;
        py_obj *d = py_module_get_dict(mod);
        if (d == interp->builtins || d == interp->sysdict || d == NULL) continue;
        rg_incref(mod);
        clear_module_dict(d);
        rg_decref(mod);
    }
    for (size_t i = 0; i < n; i++) {
        rg_decref(refs[i].name);
        rg_decref((py_obj *)refs[i].ref);
    }
    free(refs);
}

/* finalize_modules. */
static void finalize_modules(py_interp *interp)
{
    if (interp->modules == NULL) return;
    delete_special(interp);
    size_t n = 0;
    module_ref *refs = remove_modules(interp, &n);
    py_dict_clear(interp->modules);
    rg_collect(interp->heap, 2);
    py_gc_dump_shutdown_stats(); /* before the dicts go (3.11's order) */
    clear_surviving(interp, refs, n);
    if (interp->sysdict != NULL) clear_module_dict(interp->sysdict);
    if (interp->builtins != NULL) clear_module_dict(interp->builtins);
    rg_collect(interp->heap, 2);
}

/* The exit sequence; the heap is deleted unless keep_heap (then returned). */
static rg_heap *finish(py_interp *interp, int keep_heap)
{
    py_weakref_run_atexit();
    py_sys_flush_stdio();
    fflush(stdout);
    fflush(stderr);
    /* PyGC_Collect: a full collection, gc.callbacks included, unless the
     * program disabled the collector. */
    if (rg_gc_isenabled(interp->heap)) rg_collect(interp->heap, 2);
    finalizing = 1;
    py_traceback_set_source_lines(0);
    finalize_modules(interp);
    py_err_clear();
    py_modules_fini(interp);
    py_vm_fini(interp);
    fflush(stdout);
    fflush(stderr);
    rg_heap *heap = interp->heap;
    if (keep_heap) interp->owns_heap = 0;
    py_interp_delete(interp);
    py_traceback_set_source_lines(1);
    finalizing = 0;
    return keep_heap ? heap : NULL;
}

void py_runtime_finish(py_interp *interp)
{
    if (interp != NULL) finish(interp, 0);
}

size_t py_runtime_finish_checked(py_interp *interp, size_t *errors)
{
    *errors = 0;
    if (interp == NULL) return 0;
    rg_heap *heap = finish(interp, 1);
    rg_trim(heap);
    *errors = rg_heap_check(heap, stderr);
    rg_stats st;
    size_t left = rg_heap_stats(heap, &st) == 0 ? st.allocated_blocks : (size_t)-1;
    rg_heap_delete(heap);
    return left;
}
