/*
 * pythonrun.c -- running source as __main__ (CPython 3.11's
 * Python/pythonrun.c: _PyRun_SimpleFileObject, PyRun_SimpleString,
 * PyRun_InteractiveOne, PyErr_Print, _Py_HandleSystemExit).
 *
 * Owns: py_run_main (compile, run, report, with __file__/__cached__ set
 * in __main__ for the run as python3 does), the interactive line of the
 * REPL, py_err_print (sys.last_type/last_value/last_traceback, SystemExit's
 * status), and the "parser arena" references (below).
 *
 * The parser arena.  While python3 runs a script, the AST of the whole
 * file is alive in the parser's arena, and every constant of the AST
 * (literals, and what the optimizer folded: (1, 2, 3), "x" * 40,
 * 10 ** 30) holds one reference from it: sys.getrefcount of a literal
 * bound to one name is 4, not 3.  The compiler here frees its AST before
 * the code runs, so py_run_main takes one reference to every constant
 * reachable from the module's code (nested code objects' constants, the
 * items of constant tuples and frozensets; each object once) and drops
 * them, newest first as the arena's list is freed, after the run and
 * before the exception (if any) is printed -- where python3 frees the
 * arena.
 *
 * Invariants: after py_run_main returns no exception is set.
 */
#include "lang/pythonrun.h"

#include <errno.h>

#include "lang/modules.h"
#include "lang/trace_vm.h"

int py_run_main_interrupted;

/* gc.get_count() python3 (3.11.7, -E -s -B) reports at the first
 * statement of a script file, and of -c code or stdin.  The counts are set
 * when the compiled code starts running (the compiler's allocations are not
 * CPython's), so that this first get_count() agrees. */
static const long MAIN_GC_COUNT_FILE[3] = {249, 0, 2};
static const long MAIN_GC_COUNT_STRING[3] = {248, 0, 2};
/* What the first statement's get_count() call itself adds to the count
 * before it reads it (calibrated on `import gc; print(gc.get_count())`). */
#define GC_COUNT_PROLOGUE 21

/* ====================================================================== */
/* The parser arena's references                                           */
/* ====================================================================== */

typedef struct arena_refs {
    py_obj **items; /* in discovery order */
    size_t n, cap;
    const py_obj **set; /* open addressing, pointer identity */
    size_t set_cap;
} arena_refs;

static size_t ptr_hash(const void *p) { return (size_t)(((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull); }

/* Add o once (1 when added, 0 when already there or out of memory). */
static int arena_add(arena_refs *a, py_obj *o)
{
    if ((a->n + 1) * 2 > a->set_cap) {
        size_t cap = a->set_cap ? a->set_cap * 2 : 64;
        const py_obj **ns = calloc(cap, sizeof *ns);
        if (ns == NULL) return 0;
        for (size_t i = 0; i < a->set_cap; i++) {
            if (a->set[i] == NULL) continue;
            size_t h = ptr_hash(a->set[i]) & (cap - 1);
            while (ns[h] != NULL) h = (h + 1) & (cap - 1);
            ns[h] = a->set[i];
        }
        free(a->set);
        a->set = ns;
        a->set_cap = cap;
    }
    size_t h = ptr_hash(o) & (a->set_cap - 1);
    while (a->set[h] != NULL) {
        if (a->set[h] == o) return 0;
        h = (h + 1) & (a->set_cap - 1);
    }
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 32;
        py_obj **ni = realloc(a->items, cap * sizeof *ni);
        if (ni == NULL) return 0;
        a->items = ni;
        a->cap = cap;
    }
    a->set[h] = o;
    a->items[a->n++] = py_new_ref(o);
    return 1;
}

/* The constants reachable from code (an explicit stack: no recursion). */
static void arena_collect(arena_refs *a, py_obj *code)
{
    size_t sn = 0, scap = 16;
    py_obj **stack = malloc(scap * sizeof *stack);
    if (stack == NULL) return;
    stack[sn++] = code;
    while (sn > 0) {
        py_obj *o = stack[--sn];
        py_obj *items = NULL;
        if (py_code_check(o)) {
            items = ((py_code_object *)o)->co_consts;
        } else if (!arena_add(a, o)) {
            continue;
        } else if (py_tuple_check_exact(o)) {
            items = o;
        }
        if (py_frozenset_check_exact(o)) {
            py_ssize_t pos = 0;
            py_obj *key;
            py_hash_t hash;
            while (py_set_next_entry(o, &pos, &key, &hash)) {
                if (sn == scap) {
                    py_obj **ns = realloc(stack, (scap *= 2) * sizeof *ns);
                    if (ns == NULL) break;
                    stack = ns;
                }
                stack[sn++] = key;
            }
            continue;
        }
        if (items == NULL || !py_tuple_check_exact(items)) continue;
        /* Pushed in reverse so that items are visited in order. */
        for (py_ssize_t i = py_tuple_size(items); i-- > 0;) {
            if (sn == scap) {
                py_obj **ns = realloc(stack, (scap *= 2) * sizeof *ns);
                if (ns == NULL) break;
                stack = ns;
            }
            stack[sn++] = py_tuple_get_item(items, i);
        }
    }
    free(stack);
}

/* Drop the references, newest first (the arena's list dies from its end). */
static void arena_release(arena_refs *a)
{
    for (size_t i = a->n; i-- > 0;) rg_decref(a->items[i]);
    free(a->items);
    free(a->set);
    memset(a, 0, sizeof *a);
}

/* ====================================================================== */
/* Reporting                                                               */
/* ====================================================================== */

/* flush_io: sys.stderr and sys.stdout (python3 flushes after a run). */
static void flush_io(void)
{
    py_sys_flush_stdio();
    fflush(stderr);
    fflush(stdout);
}

int py_system_exit_status(py_obj *exc)
{
    py_obj *code = NULL;
    if (py_object_lookup_attr(exc, py_id(code), &code) < 0) py_err_clear();
    py_obj *value = code ? code : py_new_ref(exc);
    int status = 0;
    if (value == py_none) {
        status = 0;
    } else if (py_long_check(value)) {
        long n = py_long_as_long(value);
        if (n == -1 && py_err_occurred()) py_err_clear();
        status = (int)n;
    } else {
        FILE *err = py_current->err_out ? py_current->err_out : stderr;
        py_sys_flush_stdio();
        fflush(stdout);
        if (py_object_print(value, err, 1) < 0) py_err_clear();
        fputc('\n', err);
        fflush(err);
        status = 1;
    }
    rg_decref(value);
    return status;
}

/* sys.last_type, sys.last_value, sys.last_traceback (PyErr_PrintEx(1)). */
static void set_sys_last(py_obj *exc)
{
    py_obj *sysdict = py_current->sysdict;
    if (sysdict == NULL) return;
    py_obj *tb = ((py_base_exception_object *)exc)->traceback;
    if (py_dict_set_item_string(sysdict, "last_type", py_type_object_of_obj(exc)) < 0 ||
        py_dict_set_item_string(sysdict, "last_value", exc) < 0 ||
        py_dict_set_item_string(sysdict, "last_traceback", tb ? tb : py_none) < 0)
        py_err_clear();
}

int py_err_print(void)
{
    py_obj *exc = py_err_get_raised_exception();
    if (exc == NULL) return -1;
    if (py_object_type_check(exc, py_exc_SystemExit)) {
        int status = py_system_exit_status(exc);
        rg_decref(exc);
        return status < 0 ? status & 0xff : status;
    }
    set_sys_last(exc);
    py_err_display(exc, py_current->err_out ? py_current->err_out : stderr);
    rg_decref(exc);
    py_err_clear();
    return -1;
}

/* After a failed run: report it; the status python3 exits with. */
static int report_failure(void)
{
    if (py_current->curexc_type == py_type_object_of(py_exc_KeyboardInterrupt))
        py_run_main_interrupted = 1;
    int status = py_err_print();
    return status < 0 ? 1 : status;
}

/* ====================================================================== */
/* Running                                                                 */
/* ====================================================================== */

/* __main__'s dict (borrowed), or NULL with an exception set. */
static py_obj *main_dict(void)
{
    py_obj *m = py_current->modules ? py_dict_get_item_string(py_current->modules, "__main__") : NULL;
    if (m == NULL || !py_module_check(m)) {
        py_err_set_string(py_exc_RuntimeError, "can't find __main__ module");
        return NULL;
    }
    return py_module_get_dict(m);
}

/* Compile and run in __main__, the constants kept as the arena keeps them;
 * gc_count (or NULL): the generation counts to start the code with. */
static py_obj *run_source(const char *src, size_t len, const char *filename, py_compile_mode mode,
                          py_obj *d, const long *gc_count)
{
    py_obj *code = py_compile_source(src, len, filename, mode);
    if (code == NULL) return NULL;
    arena_refs refs;
    memset(&refs, 0, sizeof refs);
    arena_collect(&refs, code);
    if (gc_count != NULL) {
        long c[3] = {gc_count[0] - GC_COUNT_PROLOGUE, gc_count[1], gc_count[2]};
        rg_gc_set_count(py_heap(), c);
    }
    if (py_trace_hooks.before_eval != NULL) py_trace_hooks.before_eval(); /* a traced run */
    py_obj *res = py_eval_code(code, d, d);
    if (py_trace_hooks.after_eval != NULL) py_trace_hooks.after_eval();
    rg_decref(code);
    arena_release(&refs);
    return res;
}

int py_run_main(const char *src, size_t len, const char *filename)
{
    py_obj *d = main_dict();
    if (d == NULL) return report_failure();
    /* A script (and "<stdin>") gets __file__ and __cached__ for the run. */
    int set_file_name = 0;
    if (strcmp(filename, "<string>") != 0) { /* a file or stdin */
        py_obj *has_file = py_dict_get_item_string(d, "__file__");
        int has = has_file != NULL;
        if (!has) {
            py_obj *fn = py_unicode_from_string(filename);
            if (fn == NULL) return report_failure();
            int rc = py_dict_set_item_string(d, "__file__", fn);
            rg_decref(fn);
            if (rc < 0 || py_dict_set_item_string(d, "__cached__", py_none) < 0) return report_failure();
            set_file_name = 1;
        }
    }
    int is_file = strcmp(filename, "<string>") != 0 && strcmp(filename, "<stdin>") != 0;
    py_obj *res = run_source(src, len, filename, PY_COMPILE_EXEC, d,
                             is_file ? MAIN_GC_COUNT_FILE : MAIN_GC_COUNT_STRING);
    flush_io();
    int status = 0;
    if (res == NULL) status = report_failure();
    else rg_decref(res);
    if (set_file_name) {
        if (py_dict_del_item_string(d, "__file__") < 0) py_err_clear();
        if (py_dict_del_item_string(d, "__cached__") < 0) py_err_clear();
    }
    return status;
}

int py_run_interactive_line(const char *src, size_t len, int *exit_status)
{
    py_obj *d = main_dict();
    py_obj *res = d ? run_source(src, len, "<stdin>", PY_COMPILE_SINGLE, d, NULL) : NULL;
    flush_io();
    if (res != NULL) {
        rg_decref(res);
        return 0;
    }
    if (py_err_exception_matches(py_exc_SystemExit)) {
        *exit_status = py_err_print();
        return 2;
    }
    py_err_print();
    return 1;
}
