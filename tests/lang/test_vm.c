/*
 * test_vm.c -- the VM against python3.11, differentially: each case of
 * tests/lang/vm/cases.txt (tools/gen-vm-cases) is a code object python3
 * compiled and marshalled, with what python3 computed: the repr of the
 * module's `result`, or the escaping exception ("!Type: msg") and the line
 * of each traceback entry.  The test loads the code with marshal.c, runs
 * it with py_eval_code on a fresh interpreter (debug heap) and compares;
 * the teardown then requires the heap empty (no leak anywhere in the VM).
 *
 * The snippets see the builtins plus getrefcount / gc_count / gc_collect /
 * getsizeof / getframe / interrupt, defined here as sys.getrefcount,
 * gc.get_count, gc.collect, sys.getsizeof, sys._getframe and
 * _thread.interrupt_main are (C
 * functions called the same way, so the reference counts and allocation
 * counts they observe are python3's).
 *
 * Each case runs twice: compared with python3, then again with a
 * collection at every allocation (no comparison: crashes, leaks and heap
 * damage only).
 *
 * Usage: test_vm [case-name-substring]   (all cases by default)
 */
#include "support/pyfixture.h"

#include "lang/frame.h"
#include "lang/marshal.h"

#ifndef REFGC_SOURCE_DIR
#define REFGC_SOURCE_DIR "."
#endif
#define VM_CASES REFGC_SOURCE_DIR "/tests/lang/vm/cases.txt"

static const char *case_filter;

/* ====================================================================== */
/* The helpers the snippets call                                           */
/* ====================================================================== */

/* getrefcount(o): Py_REFCNT(o), as sys.getrefcount. */
static py_obj *h_getrefcount(py_obj *self, py_obj *o)
{
    (void)self;
    return py_long_from_ssize_t((py_ssize_t)rg_refcount(o));
}

/* gc_count(): gc.get_count(). */
static py_obj *h_gc_count(py_obj *self, py_obj *unused)
{
    (void)self;
    (void)unused;
    long c[RG_GC_GENERATIONS];
    rg_gc_get_count(py_heap(), c);
    py_obj *a = py_long_from_long(c[0]), *b = py_long_from_long(c[1]), *d = py_long_from_long(c[2]);
    py_obj *t = py_tuple_pack(3, a, b, d);
    rg_decref(a);
    rg_decref(b);
    rg_decref(d);
    return t;
}

/* gc_collect(): gc.collect(). */
static py_obj *h_gc_collect(py_obj *self, py_obj *unused)
{
    (void)self;
    (void)unused;
    return py_long_from_ssize_t((py_ssize_t)rg_collect(py_heap(), 2));
}

/* getsizeof(o): sys.getsizeof. */
static py_obj *h_getsizeof(py_obj *self, py_obj *o)
{
    (void)self;
    py_ssize_t n = py_sys_getsizeof(o);
    return n < 0 ? NULL : py_long_from_ssize_t(n);
}

/* interrupt(): _thread.interrupt_main (KeyboardInterrupt at the next
 * eval-breaker check). */
static py_obj *h_interrupt(py_obj *self, py_obj *unused)
{
    (void)self;
    (void)unused;
    py_vm_request_interrupt();
    return py_new_ref(py_none);
}

/* getframe(depth): sys._getframe. */
static py_obj *h_getframe(py_obj *self, py_obj *depth)
{
    (void)self;
    long d = py_long_as_long(depth);
    if (d == -1 && py_err_occurred()) return NULL;
    return py_eval_get_frame((int)d);
}

static const py_method_def helpers[] = {
    {"getframe", {.o = h_getframe}, PY_METH_O, NULL},
    {"getsizeof", {.o = h_getsizeof}, PY_METH_O, NULL},
    {"interrupt", {.o = h_interrupt}, PY_METH_NOARGS, NULL},
    {"getrefcount", {.o = h_getrefcount}, PY_METH_O, NULL},
    {"gc_count", {.o = h_gc_count}, PY_METH_NOARGS, NULL},
    {"gc_collect", {.o = h_gc_collect}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

/* ====================================================================== */
/* Cases                                                                   */
/* ====================================================================== */

typedef struct vm_case {
    char *name, *hex, *expect, *tb;
} vm_case;

static vm_case *cases;
static int ncases;

static char *dup_line(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n) != 0) return NULL;
    s += n;
    size_t len = strcspn(s, "\n");
    if (strcmp(prefix, "tb") == 0)
        while (len > 0 && s[len - 1] == ' ') len--;
    char *r = malloc(len + 1);
    memcpy(r, s, len);
    r[len] = '\0';
    return r;
}

/* Read cases.txt (blocks of "=== name", "code", "expect", "tb" lines). */
static void load_cases(void)
{
    FILE *f = fopen(VM_CASES, "r");
    if (f == NULL) fail_msg("cannot open %s", VM_CASES);
    static char line[1 << 20];
    vm_case c = {0};
    while (fgets(line, sizeof line, f) != NULL) {
        char *v;
        if ((v = dup_line(line, "=== ")) != NULL) c.name = v;
        else if ((v = dup_line(line, "code ")) != NULL) c.hex = v;
        else if ((v = dup_line(line, "expect ")) != NULL) c.expect = v;
        else if ((v = dup_line(line, "tb")) != NULL) {
            c.tb = v;
            cases = realloc(cases, (size_t)(ncases + 1) * sizeof *cases);
            cases[ncases++] = c;
            memset(&c, 0, sizeof c);
        }
    }
    fclose(f);
}

/* The code object of a case (marshal.c). */
static py_obj *case_code(const vm_case *c)
{
    size_t n = strlen(c->hex) / 2;
    unsigned char *buf = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(c->hex + 2 * i, "%2x", &v);
        buf[i] = (unsigned char)v;
    }
    py_obj *code = py_marshal_loads(buf, n);
    free(buf);
    return code;
}

/* The builtins the snippets see: the module's dict plus the helpers. */
static py_obj *case_builtins(void)
{
    py_obj *mod = py_builtins_module_new();
    if (mod == NULL) return NULL;
    py_obj *b = py_dict_copy(py_module_get_dict(mod));
    rg_decref(mod);
    if (b == NULL) return NULL;
    for (const py_method_def *m = helpers; m->name != NULL; m++) {
        py_obj *fn = py_cfunction_new(m, NULL, NULL);
        if (fn == NULL || py_dict_set_item_string(b, m->name, fn) < 0) {
            rg_xdecref(fn);
            rg_decref(b);
            return NULL;
        }
        rg_decref(fn);
    }
    return b;
}

/* What happened, in gen-vm-cases' notation; *tb gets the traceback lines. */
static char *run_case(const vm_case *c, char *tb, size_t tbsize)
{
    tb[0] = '\0';
    py_obj *code = case_code(c);
    if (code == NULL) return strdup("marshal failed");
    py_obj *b = case_builtins();
    py_obj *g = py_dict_new();
    py_obj *name = py_unicode_from_string("__main__");
    py_dict_set_item(g, py_id(__name__), name);
    py_dict_set_item(g, py_id(__builtins__), b);
    rg_decref(name);
    rg_decref(b);
    py_obj *res = py_eval_code(code, g, NULL);
    rg_decref(code);
    char *out;
    if (res != NULL) {
        rg_decref(res);
        py_obj *r = py_dict_get_item_string(g, "result");
        py_obj *s = py_object_repr(r != NULL ? r : py_none);
        if (s == NULL) {
            py_err_clear();
            out = strdup("repr failed");
        } else {
            const char *u = py_unicode_as_utf8(s);
            out = malloc(strlen(u) + 4);
            sprintf(out, "ok %s", u);
            rg_decref(s);
        }
    } else {
        py_obj *e = py_err_get_raised_exception();
        py_obj *s = py_object_str(e);
        if (s == NULL) py_err_clear();
        const char *msg = s != NULL ? py_unicode_as_utf8(s) : "?";
        const char *tn = py_type_short_name(py_obj_type_name(e));
        out = malloc(strlen(msg) + strlen(tn) + 8);
        sprintf(out, "!%s: %s", tn, msg);
        rg_xdecref(s);
        size_t used = 0;
        for (py_traceback_object *t = (py_traceback_object *)((py_base_exception_object *)e)->traceback; t != NULL;
             t = t->tb_next)
            used += (size_t)snprintf(tb + used, tbsize - used, " %d", t->tb_lineno);
        rg_decref(e);
    }
    py_dict_clear(g);
    rg_decref(g);
    return out;
}

/* ====================================================================== */
/* The test                                                                */
/* ====================================================================== */

static int vm_setup(void **state)
{
    pyfx_setup(state);
    assert_int_equal(py_vm_init(py_current), 0);
    return 0;
}

static int vm_teardown(void **state)
{
    py_vm_fini(py_current);
    return pyfx_teardown(state);
}

static int current_case;

/* One case: run, compare, and leave the heap for the teardown to check. */
static void test_case(void **state)
{
    (void)state;
    const vm_case *c = &cases[current_case];
    char tb[4096];
    char *got = run_case(c, tb, sizeof tb);
    int ok = strcmp(got, c->expect) == 0 && strcmp(tb, c->tb) == 0;
    if (!ok) {
        fprintf(stderr, "case %s:\n  expected %s [tb%s]\n  got      %s [tb%s]\n", c->name, c->expect, c->tb, got,
                tb);
    }
    free(got);
    assert_true(ok);
}

/* The same case with a collection at every GC allocation (thresholds 1):
 * the results may differ (gc counts), but nothing may crash or leak, and
 * the heap must stay consistent -- frames, generators and tracebacks are
 * traversed in every state they pass through. */
static void test_case_gc_stress(void **state)
{
    (void)state;
    const vm_case *c = &cases[current_case];
    char tb[4096];
    rg_gc_set_threshold(py_heap(), 1, 1, 1);
    char *got = run_case(c, tb, sizeof tb);
    free(got);
    py_err_clear();
    rg_gc_set_threshold(py_heap(), 700, 10, 10);
    if (getenv("VM_STRESS_STATS")) {
        rg_gc_stats st[RG_GC_GENERATIONS];
        rg_gc_get_stats(py_heap(), st);
        fprintf(stderr, "%s: %zu collections\n", c->name, st[0].collections + st[1].collections + st[2].collections);
    }
    assert_int_equal(rg_heap_check(py_heap(), stderr), 0);
}

/* marshal.c on damaged input: every truncation and a fixed-seed set of
 * byte flips of a real code object either load or raise; never crash. */
static void test_marshal_damaged(void **state)
{
    (void)state;
    const vm_case *c = &cases[0];
    size_t n = strlen(c->hex) / 2;
    unsigned char *buf = malloc(n);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(c->hex + 2 * i, "%2x", &v);
        buf[i] = (unsigned char)v;
    }
    for (size_t len = 0; len < n; len++) {
        py_obj *o = py_marshal_loads(buf, len);
        assert_null(o);
        assert_non_null(py_err_occurred());
        py_err_clear();
    }
    unsigned seed = 12345;
    unsigned char *copy = malloc(n);
    for (int round = 0; round < 2000; round++) {
        memcpy(copy, buf, n);
        for (int k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % n;
            seed = seed * 1103515245u + 12345u;
            copy[at] ^= (unsigned char)(1u << ((seed >> 16) % 8));
        }
        py_obj *o = py_marshal_loads(copy, n);
        if (o == NULL) {
            assert_non_null(py_err_occurred());
            py_err_clear();
        } else {
            rg_decref(o);
        }
    }
    free(copy);
    free(buf);
}

int main(int argc, char **argv)
{
    if (argc > 1) case_filter = argv[1];
    load_cases();
    struct CMUnitTest *tests = calloc((size_t)ncases, sizeof *tests);
    int failed = 0, run = 0;
    for (int i = 0; i < ncases; i++) {
        if (case_filter != NULL && strstr(cases[i].name, case_filter) == NULL) continue;
        current_case = i;
        struct CMUnitTest t = cmocka_unit_test_setup_teardown(test_case, vm_setup, vm_teardown);
        t.name = cases[i].name;
        tests[0] = t;
        failed += _cmocka_run_group_tests(cases[i].name, tests, 1, NULL, NULL) != 0;
        run++;
    }
    for (int i = 0; i < ncases; i++) {
        if (case_filter != NULL && strstr(cases[i].name, case_filter) == NULL) continue;
        current_case = i;
        struct CMUnitTest t = cmocka_unit_test_setup_teardown(test_case_gc_stress, vm_setup, vm_teardown);
        t.name = cases[i].name;
        tests[0] = t;
        failed += _cmocka_run_group_tests("gc_stress", tests, 1, NULL, NULL) != 0;
        run++;
    }
    if (case_filter == NULL && ncases > 0) {
        struct CMUnitTest t = cmocka_unit_test_setup_teardown(test_marshal_damaged, vm_setup, vm_teardown);
        tests[0] = t;
        failed += _cmocka_run_group_tests("marshal_damaged", tests, 1, NULL, NULL) != 0;
        run++;
    }
    fprintf(stderr, "test_vm: %d/%d cases passed\n", run - failed, run);
    free(tests);
    return failed != 0;
}
