/*
 * test_modules.c -- the built-in modules (gc, sys, weakref, _weakref,
 * refgc) and import, called from C, against python3.
 *
 * Each scenario of tools/gen-modules-oracle is a small Python 3.11 program;
 * the function of the same name here does the same steps through the
 * modules' functions (imported with py_import_module_level, called through
 * the call protocol, as the VM will) and prints the same lines, which must
 * equal tests/lang/modules/expected.txt (python3's output, addresses
 * normalised to 0x?).  Classes are made with type(name, bases, ns) and
 * callbacks are C functions (builtin_function_or_method) doing what the
 * scenario's Python functions do.
 *
 * Every test runs on a fresh interpreter with py_modules_init and must end
 * with py_modules_fini, the heap consistent and empty (pyfixture.h).
 * Functions other engineers own (builtins, frames, traceback display) are
 * weak stubs here.
 */
#include <ctype.h>

#include "support/pyfixture.h"

#include "lang/modules.h"
#include "lang/vm.h"

/* ====================================================================== */
/* Fixture, output, expectations                                           */
/* ====================================================================== */

/* The scenario's printed lines, and the objects it keeps until it ends
 * (released last first). */
static char out[1 << 16];
static size_t outlen;
static py_obj *held[1024];
static int nheld;

static int setup(void **state)
{
    pyfx_setup(state);
    outlen = 0;
    out[0] = '\0';
    nheld = 0;
    static char *argv[] = {"-c"};
    py_sys_config cfg = {1, argv, "/usr/bin/refgc"};
    assert_int_equal(py_modules_init(py_current, &cfg), 0);
    return 0;
}

static int teardown(void **state)
{
    py_modules_fini(py_current);
    return pyfx_teardown(state);
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)


/* One printed line: fmt as py_unicode_from_format (%S str, %R repr). */
static void pr(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    py_obj *s = ok(py_unicode_from_format_v(fmt, va));
    va_end(va);
    py_ssize_t n;
    const char *u = py_unicode_as_utf8_and_size(s, &n);
    assert_true(outlen + (size_t)n + 2 < sizeof out);
    memcpy(out + outlen, u, (size_t)n);
    outlen += (size_t)n;
    out[outlen++] = '\n';
    out[outlen] = '\0';
    rg_decref(s);
}

/* The output with addresses normalised, as the tool does (in place). */
static void normalise(char *s)
{
    static char tmp[sizeof out];
    size_t w = 0;
    for (size_t r = 0; s[r] != '\0';) {
        if (s[r] == '0' && s[r + 1] == 'x' && isxdigit((unsigned char)s[r + 2])) {
            memcpy(tmp + w, "0x?", 3);
            w += 3;
            r += 2;
            while (isxdigit((unsigned char)s[r])) r++;
        } else {
            tmp[w++] = s[r++];
        }
    }
    tmp[w] = '\0';
    memcpy(s, tmp, w + 1);
}

/* The expected lines of a scenario (malloc'd). */
static char *expected(const char *name)
{
    FILE *f = fopen(REFGC_SOURCE_DIR "/tests/lang/modules/expected.txt", "r");
    assert_non_null(f);
    static char all[1 << 16];
    size_t n = fread(all, 1, sizeof all - 1, f);
    fclose(f);
    all[n] = '\0';
    char head[128];
    snprintf(head, sizeof head, "== %s\n", name);
    char *start = strstr(all, head);
    if (start == NULL) fail_msg("no scenario %s in expected.txt", name);
    start += strlen(head);
    char *end = strstr(start, "\n== ");
    size_t len = end ? (size_t)(end - start) + 1 : strlen(start);
    char *res = malloc(len + 1);
    memcpy(res, start, len);
    res[len] = '\0';
    return res;
}


/* Hold o (non-NULL, a new reference) for the scenario; borrowed back. */
static py_obj *H(py_obj *o)
{
    ok(o);
    assert_true(nheld < 1024);
    held[nheld++] = o;
    return o;
}

/* Release the held objects, then compare the output with python3's. */
static void finish(const char *name)
{
    while (nheld > 0) rg_decref(held[--nheld]);
    if (name == NULL) return;
    normalise(out);
    char *want = expected(name);
    if (strcmp(out, want) != 0) {
        fprintf(stderr, "scenario %s:\n--- python3\n%s--- refgc\n%s", name, want, out);
        free(want);
        fail_msg("scenario %s: output differs from python3's", name);
    }
    free(want);
    outlen = 0;
    out[0] = '\0';
}

static py_obj *B(int v) { return v ? py_true : py_false; }
static py_obj *Sh(const char *s) { return H(py_unicode_from_string(s)); }
static py_obj *Ih(long v) { return H(py_long_from_long(v)); }

/* import name */
static py_obj *imp(const char *name)
{
    py_obj *n = ok(py_unicode_from_string(name));
    py_obj *m = py_import_module_level(n, NULL, NULL, NULL, 0);
    rg_decref(n);
    return m;
}

/* o.name (held). */
static py_obj *A(py_obj *o, const char *name) { return H(py_object_get_attr_string(o, name)); }

/* f(args...): a new reference or NULL with the exception set. */
static py_obj *C(py_obj *f, int n, ...)
{
    py_obj *args[8];
    va_list va;
    va_start(va, n);
    for (int i = 0; i < n; i++) args[i] = va_arg(va, py_obj *);
    va_end(va);
    return py_object_vectorcall(f, args, (size_t)n, NULL);
}

/* print(type(e).__name__, e) for the pending exception (which must be
 * set); with_name: also e.name. */
static void pr_exc(int with_name)
{
    assert_non_null(py_err_occurred());
    py_obj *e = py_err_get_raised_exception();
    if (with_name) {
        py_obj *n = ok(py_object_get_attr_string(e, "name"));
        pr("%s %S %S", py_type_short_name(py_obj_type_name(e)), e, n);
        rg_decref(n);
    } else {
        pr("%s %S", py_type_short_name(py_obj_type_name(e)), e);
    }
    rg_decref(e);
}

/* show(f): the result's str, or the exception. */
static void show(py_obj *res)
{
    if (res == NULL) {
        pr_exc(0);
        return;
    }
    pr("%S", res);
    rg_decref(res);
}

/* Only the message of the pending exception. */
static void pr_msg(void)
{
    py_obj *e = py_err_get_raised_exception();
    assert_non_null(e);
    pr("%S", e);
    rg_decref(e);
}

/* A class with no methods (and __slots__ when slots is not NULL). */
static py_obj *klass(const char *name, py_obj *slots)
{
    if (slots == NULL) return H(main_class(name, py_empty_tuple, NULL, 0));
    py_obj *ns = ok(py_dict_new());
    assert_int_equal(py_dict_set_item(ns, py_id(__module__), py_id(__main__)), 0);
    assert_int_equal(py_dict_set_item(ns, py_id(__slots__), slots), 0);
    py_obj *cls = make_class(name, py_empty_tuple, ns);
    rg_decref(ns);
    return H(cls);
}

/* sorted(iterable) (held). */
static py_obj *sorted(py_obj *iterable)
{
    py_obj *l = H(py_sequence_list(iterable));
    assert_int_equal(py_list_sort(l), 0);
    return l;
}

/* The log the callbacks write to. */
static py_obj *g_log;

/* C callbacks (the scenarios' Python functions). */
static py_obj *cb_log_dead(py_obj *self, py_obj *ref)
{
    (void)self;
    if (py_list_append(g_log, B(rg_weakref_get((rg_weakref *)ref) == NULL)) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *cb_tag(py_obj *self, py_obj *ref)
{
    (void)ref;
    if (py_list_append(g_log, self) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *cb_noop(py_obj *self, py_obj *ref)
{
    (void)self;
    (void)ref;
    return py_new_ref(py_none);
}

static py_obj *fn_double(py_obj *self, py_obj *x)
{
    (void)self;
    return py_number_add(x, x);
}

/* cb(phase, info): events.append((phase, generation, collected, uncollectable)) */
static py_obj *cb_gc(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    (void)self;
    assert_int_equal(nargs, 2);
    py_obj *g = py_dict_get_item_string(args[1], "generation");
    py_obj *c = py_dict_get_item_string(args[1], "collected");
    py_obj *u = py_dict_get_item_string(args[1], "uncollectable");
    py_obj *t = py_tuple_pack(4, args[0], g, c, u);
    if (t == NULL) return NULL;
    int r = py_list_append(g_log, t);
    rg_decref(t);
    return r < 0 ? NULL : py_new_ref(py_none);
}

/* release(name, how=None): log.append((name, how)); 'released ' + name */
static py_obj *fn_release(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    (void)self;
    static const char *const kwlist[] = {"name", "how", NULL};
    py_obj *argv[2] = {NULL, NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "release", kwlist, 0, 1, 2, argv) < 0) return NULL;
    py_obj *t = py_tuple_pack(2, argv[0], argv[1] ? argv[1] : py_none);
    if (t == NULL || py_list_append(g_log, t) < 0) {
        rg_xdecref(t);
        return NULL;
    }
    rg_decref(t);
    return py_unicode_from_format("released %U", argv[0]);
}

static const py_method_def defs[] = {
    {"cb", {.o = cb_log_dead}, PY_METH_O, NULL},
    {"cb", {.o = cb_tag}, PY_METH_O, NULL},
    {"cb", {.o = cb_noop}, PY_METH_O, NULL},
    {"f", {.o = fn_double}, PY_METH_O, NULL},
    {"cb", {.fast = cb_gc}, PY_METH_FASTCALL, NULL},
    {"release", {.fast_kw = fn_release}, PY_METH_FASTCALL | PY_METH_KEYWORDS, NULL},
};
enum { DEF_LOG_DEAD, DEF_TAG, DEF_NOOP, DEF_DOUBLE, DEF_GC, DEF_RELEASE };

/* A builtin function of defs[i] bound to self (held). */
static py_obj *cfunc(int i, py_obj *self) { return H(py_cfunction_new(&defs[i], self, NULL)); }

/* A fresh log list (held). */
static py_obj *new_log(void) { return g_log = H(py_list_new(0)); }

/* ====================================================================== */
/* weakref                                                                 */
/* ====================================================================== */

static void weakref_ref(void **state)
{
    (void)state;
    py_obj *w = H(imp("weakref"));
    py_obj *ref = A(w, "ref"), *count = A(w, "getweakrefcount"), *getrefs = A(w, "getweakrefs");
    new_log();
    py_obj *cls = klass("A", NULL);
    py_obj *cb = cfunc(DEF_LOG_DEAD, NULL);
    py_obj *a = ok(C(cls, 0));
    py_obj *r = H(C(ref, 1, a));
    py_obj *type_r = H(py_type_get_name(py_type_of(r)));
    py_obj *again = H(C(ref, 1, a));
    pr("%S %S %S %S", B(H(C(r, 0)) == a), type_r, B(again == r), H(C(count, 1, a)));
    py_obj *r3 = H(C(ref, 2, a, cb)), *r4 = H(C(ref, 2, a, cb));
    pr("%S %S %S %S %S %S", B(r3 == r), B(r3 == r4), H(py_object_rich_compare(r, r3, PY_EQ)),
       H(py_object_rich_compare(r3, r4, PY_EQ)), B(A(r3, "__callback__") == cb), A(r, "__callback__"));
    py_obj *refs = ok(C(getrefs, 1, a));
    pr("%S %S %zd", B(py_object_hash(r) == py_object_hash(a)), H(C(count, 1, a)), py_list_size(refs));
    pr("%S %S %S", B(py_list_get(refs, 0) == r), B(py_list_get(refs, 1) == r4), B(py_list_get(refs, 2) == r3));
    rg_decref(refs);
    py_obj *expect_repr = H(py_unicode_from_format("<weakref at %p; to 'A' at %p>", (void *)r, (void *)a));
    pr("%S", B(py_unicode_eq(H(py_object_repr(r)), expect_repr)));
    /* the held r() result keeps a alive: drop it first */
    for (int i = 0; i < nheld; i++)
        if (held[i] == a) {
            held[i] = py_new_ref(py_none);
            rg_decref(a);
        }
    rg_decref(a);
    pr("%S %S %S %S %S", H(C(r, 0)), H(C(r3, 0)), H(py_object_rich_compare(r, r3, PY_EQ)),
       H(py_object_rich_compare(r, r, PY_EQ)), g_log);
    pr("%R", r);
    assert_null(C(r, 1, Ih(1)));
    pr_exc(0);
    assert_null(C(ref, 1, Ih(1)));
    pr_exc(0);
    assert_null(C(ref, 0));
    pr_exc(0);
    finish("weakref_ref");
}

static void weakref_order(void **state)
{
    (void)state;
    py_obj *w = H(imp("weakref"));
    py_obj *ref = A(w, "ref"), *proxy = A(w, "proxy"), *count = A(w, "getweakrefcount"),
           *getrefs = A(w, "getweakrefs");
    py_obj *cls = klass("A", NULL);
    py_obj *cb = cfunc(DEF_NOOP, NULL);
    py_obj *a = H(C(cls, 0));
    pr("%S %S", H(C(count, 1, a)), H(C(getrefs, 1, a)));
    py_obj *p2 = H(C(proxy, 2, a, cb)), *r2 = H(C(ref, 2, a, cb)), *p = H(C(proxy, 1, a)),
           *r3 = H(C(ref, 2, a, cb)), *r1 = H(C(ref, 1, a));
    py_obj *refs = H(C(getrefs, 1, a));
    py_obj *names = H(py_list_new(0));
    for (py_ssize_t i = 0; i < py_list_size(refs); i++) {
        py_obj *x = py_list_get(refs, i);
        const char *n = x == r1 ? "r1" : x == r2 ? "r2" : x == r3 ? "r3" : x == p ? "p" : x == p2 ? "p2" : "?";
        assert_int_equal(py_list_append(names, Sh(n)), 0);
    }
    pr("%S %S", H(C(count, 1, a)), names);
    pr("%S %S %S", H(py_type_get_name(py_type_of(p))), B(H(C(proxy, 1, a)) == p), B(p2 == p));
    pr("%S %S", H(C(count, 1, Ih(5))), H(C(getrefs, 1, Ih(5))));
    finish("weakref_order");
}

static void weakref_proxy(void **state)
{
    (void)state;
    py_obj *w = H(imp("weakref"));
    py_obj *proxy = A(w, "proxy");
    py_obj *cls = klass("A", NULL);
    py_obj *a = ok(C(cls, 0));
    assert_int_equal(py_object_set_attr_string(a, "x", Ih(10)), 0);
    py_obj *p = H(C(proxy, 1, a));
    pr("%S %S", A(p, "x"), H(py_type_get_name(py_type_of(p))));
    assert_int_equal(py_object_set_attr_string(p, "y", Ih(5)), 0);
    pr("%S %S %S", A(a, "y"), H(py_object_rich_compare(p, a, PY_EQ)), B(py_object_is_true(p) == 1));
    assert_int_equal(py_object_hash(p), -1);
    pr_exc(0);
    pr("%R", p);
    rg_decref(a);
    assert_null(py_object_get_attr_string(p, "x"));
    pr_exc(0);
    assert_null(py_object_str(p));
    pr_exc(0);
    py_obj *f = cfunc(DEF_DOUBLE, NULL);
    py_obj *fp = H(C(proxy, 1, f));
    pr("%S %S", H(C(fp, 1, Ih(21))), H(py_type_get_name(py_type_of(fp))));
    assert_int_equal(py_object_hash(fp), -1);
    pr_exc(0);
    finish("weakref_proxy");
}

static void weakref_callbacks(void **state)
{
    (void)state;
    py_obj *w = H(imp("weakref"));
    py_obj *ref = A(w, "ref");
    py_obj *cls = klass("A", NULL);
    new_log();
    py_obj *a = ok(C(cls, 0));
    for (long i = 0; i < 4; i++) H(C(ref, 2, a, cfunc(DEF_TAG, Ih(i))));
    H(C(ref, 1, a));
    rg_decref(a);
    pr("%S", g_log);
    py_list_set_slice(g_log, 0, py_list_size(g_log), NULL);
    py_obj *b = ok(C(cls, 0));
    H(C(ref, 2, b, cfunc(DEF_TAG, Sh("only"))));
    rg_decref(b);
    pr("%S", g_log);
    py_list_set_slice(g_log, 0, py_list_size(g_log), NULL);
    py_obj *c = ok(C(cls, 0));
    py_obj *rc = ok(C(ref, 2, c, cfunc(DEF_TAG, Sh("dropped"))));
    rg_decref(rc);
    rg_decref(c);
    pr("%S", g_log);
    finish("weakref_callbacks");
}

static void weakref_finalize(void **state)
{
    (void)state;
    py_obj *w = H(imp("weakref"));
    py_obj *fin = A(w, "finalize");
    py_obj *cls = klass("R", NULL);
    new_log();
    py_obj *release = cfunc(DEF_RELEASE, NULL);
    py_obj *r = ok(C(cls, 0));
    py_obj *kw = H(py_dict_new());
    assert_int_equal(py_dict_set_item_string(kw, "how", Sh("death")), 0);
    py_obj *args = H(py_tuple_pack(3, r, release, Sh("r1")));
    py_obj *f = H(py_object_call(fin, args, kw));
    py_obj *peek = A(f, "peek");
    py_obj *pk = H(C(peek, 0));
    pr("%S %S %S %S", A(f, "alive"), A(f, "atexit"), B(py_tuple_get(pk, 1) == release),
       H(py_tuple_get_slice(pk, 2, 4)));
    /* drop every reference to r: the held args tuple and peek result too */
    for (int i = 0; i < nheld; i++)
        if (held[i] == args || held[i] == pk) {
            rg_decref(held[i]);
            held[i] = py_new_ref(py_none);
        }
    rg_decref(r);
    pr("%S %S %S %S", A(f, "alive"), g_log, H(C(f, 0)), H(C(peek, 0)));
    py_obj *r2 = ok(C(cls, 0));
    py_obj *f2 = H(C(fin, 3, r2, release, Sh("r2")));
    py_obj *first = H(C(f2, 0)), *second = H(C(f2, 0));
    pr("%S %S %S", first, second, A(f2, "alive"));
    rg_decref(r2);
    py_obj *r3 = ok(C(cls, 0));
    py_obj *f3 = H(C(fin, 3, r3, release, Sh("r3")));
    py_obj *d = ok(C(A(f3, "detach"), 0));
    pr("%S %S %S %S %S", B(py_tuple_get(d, 0) == r3), py_tuple_get(d, 2), py_tuple_get(d, 3), A(f3, "alive"),
       H(C(A(f3, "detach"), 0)));
    rg_decref(d);
    rg_decref(r3);
    py_obj *r4 = H(C(cls, 0));
    py_obj *f4 = H(C(fin, 3, r4, release, Sh("r4")));
    assert_int_equal(py_object_set_attr_string(f4, "atexit", py_false), 0);
    py_obj *r5 = H(C(cls, 0));
    py_obj *f5 = H(C(fin, 3, r5, release, Sh("r5")));
    py_obj *r6 = H(C(cls, 0));
    py_obj *f6 = H(C(fin, 3, r6, release, Sh("r6")));
    py_obj *want = H(py_unicode_from_format("<finalize object at %p; for 'R' at %p>", (void *)f5, (void *)r5));
    pr("%S %S %S", A(f4, "atexit"), A(f5, "atexit"), B(py_unicode_eq(H(py_object_repr(f5)), want)));
    assert_null(C(fin, 2, Ih(1), release));
    pr_msg();
    assert_null(C(fin, 0));
    pr_msg();
    py_list_set_slice(g_log, 0, py_list_size(g_log), NULL);
    py_weakref_run_atexit();
    pr("%S %S %S %S", g_log, A(f4, "alive"), A(f5, "alive"), A(f6, "alive"));
    finish("weakref_finalize");
}

/* A finalizer out of the registry holds nothing: no cycle is left. */
static void finalize_no_cycle(void **state)
{
    (void)state;
    py_obj *w = H(imp("weakref")), *gc = H(imp("gc"));
    py_obj *fin = A(w, "finalize"), *collect = A(gc, "collect");
    py_obj *cls = klass("R", NULL);
    new_log();
    py_obj *release = cfunc(DEF_RELEASE, NULL);
    H(C(collect, 0));
    py_obj *r = ok(C(cls, 0));
    py_obj *f = H(C(fin, 3, r, release, Sh("x")));
    rg_decref(r);
    py_obj *n = H(C(collect, 0));
    pr("%S %S %S", g_log, n, A(f, "alive"));
    py_obj *r2 = H(C(cls, 0));
    py_obj *f2 = ok(C(fin, 3, r2, release, Sh("y")));
    H(C(f2, 0));
    rg_decref(f2);
    pr("%S %S", g_log, H(C(collect, 0)));
    py_obj *r3 = H(C(cls, 0));
    py_obj *f3 = H(C(fin, 3, r3, release, Sh("z")));
    py_obj *det = H(C(A(f3, "detach"), 0));
    py_obj *n3 = H(C(collect, 0));
    pr("%S %S %S", py_tuple_get(det, 2), n3, g_log);
    finish("finalize_no_cycle");
}

/* ====================================================================== */
/* Weak containers                                                         */
/* ====================================================================== */

static void weak_value_dict(void **state)
{
    (void)state;
    py_obj *w = H(imp("weakref")), *gc = H(imp("gc"));
    py_obj *cls = klass("Obj", NULL);
    py_obj *d = H(C(A(w, "WeakValueDictionary"), 0));
    py_obj *a = ok(C(cls, 0)), *b = H(C(cls, 0)), *tmp = ok(C(cls, 0));
    assert_int_equal(py_object_set_item(d, Sh("a"), a), 0);
    assert_int_equal(py_object_set_item(d, Sh("b"), b), 0);
    assert_int_equal(py_object_set_item(d, Sh("tmp"), tmp), 0);
    rg_decref(tmp);
    py_obj *ga = ok(py_object_get_item(d, Sh("a")));
    pr("%zd %S %S %S", py_object_size(d), sorted(H(C(A(d, "keys"), 0))), B(ga == a),
       B(py_sequence_contains(d, Sh("tmp")) == 1));
    rg_decref(ga);
    rg_decref(a);
    pr("%zd %S %S %S", py_object_size(d), sorted(d), H(C(A(d, "get"), 1, Sh("a"))),
       H(C(A(d, "get"), 2, Sh("a"), Sh("dflt"))));
    assert_null(py_object_get_item(d, Sh("a")));
    py_obj *e = py_err_get_raised_exception();
    pr("%R", e);
    rg_decref(e);
    py_obj *c = ok(C(cls, 0));
    assert_int_equal(py_object_set_attr_string(c, "me", c), 0);
    assert_int_equal(py_object_set_item(d, Sh("c"), c), 0);
    rg_decref(c);
    pr("%S", sorted(d));
    H(C(A(gc, "collect"), 0));
    pr("%S", sorted(d));
    py_obj *sd = H(C(A(d, "setdefault"), 2, Sh("b"), py_none));
    py_obj *popped = H(C(A(d, "pop"), 1, Sh("b")));
    pr("%S %S %zd", B(sd == b), B(popped == b), py_object_size(d));
    assert_int_equal(py_object_set_item(d, Sh("x"), Ih(5)), -1);
    pr_msg();
    pr("%R", d);
    finish("weak_value_dict");
}

static void weak_key_dict_set(void **state)
{
    (void)state;
    py_obj *w = H(imp("weakref"));
    py_obj *cls = klass("Obj", NULL);
    py_obj *k1 = ok(C(cls, 0)), *k2 = H(C(cls, 0));
    py_obj *wk = H(C(A(w, "WeakKeyDictionary"), 0));
    assert_int_equal(py_object_set_item(wk, k1, Ih(1)), 0);
    py_obj *two = H(py_list_new(0));
    assert_int_equal(py_list_append(two, Ih(2)), 0);
    assert_int_equal(py_object_set_item(wk, k2, two), 0);
    pr("%zd %S %S %S %S", py_object_size(wk), H(py_object_get_item(wk, k1)), B(py_sequence_contains(wk, k2) == 1),
       B(py_sequence_contains(wk, Sh("str")) == 1), H(C(A(wk, "get"), 1, k2)));
    rg_decref(k1);
    pr("%zd %S", py_object_size(wk), H(py_sequence_list(H(C(A(wk, "values"), 0)))));
    assert_int_equal(py_object_set_item(wk, Sh("s"), Ih(1)), -1);
    pr_msg();
    py_obj *wpopped = H(C(A(wk, "pop"), 1, k2));
    pr("%S %zd", wpopped, py_object_size(wk));
    py_obj *ws = H(C(A(w, "WeakSet"), 0));
    py_obj *x = ok(C(cls, 0)), *y = ok(C(cls, 0));
    py_obj *add = A(ws, "add");
    H(C(add, 1, x));
    H(C(add, 1, y));
    H(C(add, 1, x));
    pr("%zd %S %S", py_object_size(ws), B(py_sequence_contains(ws, x) == 1), B(py_sequence_contains(ws, Ih(1)) == 1));
    rg_decref(x);
    pr("%zd", py_object_size(ws));
    H(C(A(ws, "discard"), 1, y));
    rg_decref(y);
    pr("%zd", py_object_size(ws));
    finish("weak_key_dict_set");
}

/* ====================================================================== */
/* gc                                                                      */
/* ====================================================================== */

static void gc_callbacks(void **state)
{
    (void)state;
    py_obj *gc = H(imp("gc"));
    H(C(A(gc, "collect"), 0));
    H(C(A(gc, "disable"), 0));
    new_log();
    py_obj *cb = cfunc(DEF_GC, NULL);
    py_obj *callbacks = A(gc, "callbacks");
    assert_int_equal(py_list_append(callbacks, cb), 0);
    py_obj *cls = klass("A", NULL);
    py_obj *a = ok(C(cls, 0));
    assert_int_equal(py_object_set_attr_string(a, "me", a), 0);
    rg_decref(a);
    py_obj *n = H(C(A(gc, "collect"), 1, Ih(1)));
    H(C(A(callbacks, "remove"), 1, cb));
    pr("%S %S", n, g_log);
    py_obj *stats = H(C(A(gc, "get_stats"), 0));
    pr("%zd %S", py_list_size(stats), sorted(py_list_get(stats, 0)));
    pr("%S %S %S", H(C(A(gc, "isenabled"), 0)), H(C(A(gc, "get_threshold"), 0)), H(C(A(gc, "get_debug"), 0)));
    H(C(A(gc, "set_threshold"), 1, Ih(500)));
    pr("%S", H(C(A(gc, "get_threshold"), 0)));
    H(C(A(gc, "set_threshold"), 3, Ih(700), Ih(10), Ih(10)));
    H(C(A(gc, "enable"), 0));
    pr("%S", H(C(A(gc, "isenabled"), 0)));
    finish("gc_callbacks");
}

static void gc_errors(void **state)
{
    (void)state;
    py_obj *gc = H(imp("gc"));
    py_obj *collect = A(gc, "collect"), *get_objects = A(gc, "get_objects"), *set_threshold = A(gc, "set_threshold"),
           *set_debug = A(gc, "set_debug");
    show(C(collect, 1, Ih(3)));
    show(C(collect, 1, Ih(-1)));
    show(C(collect, 2, Ih(1), Ih(2)));
    show(C(collect, 1, Sh("1")));
    show(C(get_objects, 1, Ih(3)));
    show(C(get_objects, 1, Ih(-2)));
    show(C(get_objects, 1, Sh("0")));
    py_obj *all = C(get_objects, 1, Ih(-1));
    show(all ? py_bool_from_long(1) : NULL);
    rg_xdecref(all);
    show(C(A(gc, "is_tracked"), 0));
    show(C(A(gc, "get_count"), 1, Ih(1)));
    show(C(A(gc, "enable"), 1, Ih(1)));
    show(C(set_threshold, 0));
    show(C(set_threshold, 4, Ih(1), Ih(2), Ih(3), Ih(4)));
    show(C(set_debug, 1, Sh("x")));
    show(C(set_debug, 1, H(py_long_from_long_long(1LL << 40))));
    py_obj *empty = H(py_list_new(0));
    pr("%S %S %S %s %s", H(C(A(gc, "is_tracked"), 1, Ih(1))), H(C(A(gc, "is_finalized"), 1, Ih(1))),
       H(C(A(gc, "is_tracked"), 1, empty)), py_obj_type_name(A(gc, "garbage")), py_obj_type_name(A(gc, "callbacks")));
    pr("%S %S %S %S %S", A(gc, "DEBUG_STATS"), A(gc, "DEBUG_COLLECTABLE"), A(gc, "DEBUG_UNCOLLECTABLE"),
       A(gc, "DEBUG_SAVEALL"), A(gc, "DEBUG_LEAK"));
    py_obj *l2 = H(py_list_new(0));
    assert_int_equal(py_list_append(l2, Ih(2)), 0);
    pr("%S %S", H(C(A(gc, "get_referents"), 2, Ih(1), l2)), H(C(A(gc, "get_referrers"), 0)));
    finish("gc_errors");
}

static void gc_saveall(void **state)
{
    (void)state;
    py_obj *gc = H(imp("gc"));
    H(C(A(gc, "collect"), 0));
    py_obj *cls = klass("A", NULL);
    H(C(A(gc, "set_debug"), 1, A(gc, "DEBUG_SAVEALL")));
    py_obj *a = ok(C(cls, 0));
    assert_int_equal(py_object_set_attr_string(a, "me", a), 0);
    py_obj *l = ok(py_list_new(0));
    assert_int_equal(py_list_append(l, l), 0);
    rg_decref(a);
    rg_decref(l);
    py_obj *n = H(C(A(gc, "collect"), 0));
    H(C(A(gc, "set_debug"), 1, Ih(0)));
    py_obj *garbage = A(gc, "garbage");
    py_obj *names = H(py_list_new(0));
    for (py_ssize_t i = 0; i < py_list_size(garbage); i++)
        assert_int_equal(py_list_append(names, H(py_type_get_name(py_type_of(py_list_get(garbage, i))))), 0);
    pr("%S %S", n, sorted(names));
    H(C(A(garbage, "clear"), 0));
    pr("%S %zd", H(C(A(gc, "collect"), 0)), py_list_size(garbage));
    finish("gc_saveall");
}

static void gc_freeze(void **state)
{
    (void)state;
    py_obj *gc = H(imp("gc"));
    H(C(A(gc, "disable"), 0));
    H(C(A(gc, "collect"), 0));
    py_obj *cls = klass("A", NULL);
    py_obj *a = ok(C(cls, 0));
    assert_int_equal(py_object_set_attr_string(a, "me", a), 0);
    H(C(A(gc, "freeze"), 0));
    long fc = py_long_as_long(H(C(A(gc, "get_freeze_count"), 0)));
    pr("%S %S %S", H(C(A(gc, "get_count"), 0)), H(C(A(gc, "is_tracked"), 1, a)), B(fc > 0));
    py_obj *objs = ok(C(A(gc, "get_objects"), 0));
    int found = 0;
    for (py_ssize_t i = 0; i < py_list_size(objs); i++) found |= py_list_get(objs, i) == a;
    rg_decref(objs);
    pr("%S", B(found));
    rg_decref(a);
    pr("%S", H(C(A(gc, "collect"), 0)));
    H(C(A(gc, "unfreeze"), 0));
    pr("%S %S", H(C(A(gc, "get_freeze_count"), 0)), H(C(A(gc, "collect"), 0)));
    H(C(A(gc, "enable"), 0));
    finish("gc_freeze");
}

/* ====================================================================== */
/* sys                                                                     */
/* ====================================================================== */

static void sys_basics(void **state)
{
    (void)state;
    py_obj *sys = H(imp("sys"));
    py_obj *v = A(sys, "version_info");
    py_obj *vtype = H(py_type_get_name(py_type_of(v)));
    pr("%S %S %S %S %S %S %zd", v, H(py_object_get_item(v, H(py_slice_new(NULL, Ih(2), NULL)))), A(v, "major"), A(v, "releaselevel"),
       H(py_object_rich_compare(v, H(py_tuple_pack(2, Ih(3), Ih(11))), PY_GE)), vtype, py_object_size(v));
    py_obj *get = A(sys, "getrecursionlimit"), *set = A(sys, "setrecursionlimit");
    pr("%S", H(C(get, 0)));
    H(C(set, 1, Ih(500)));
    pr("%S", H(C(get, 0)));
    H(C(set, 1, Ih(1000)));
    py_obj *bads[] = {Ih(0), Ih(-5), Sh("x"), H(py_float_from_double(2.5))};
    for (int i = 0; i < 4; i++) {
        assert_null(C(set, 1, bads[i]));
        pr_exc(0);
    }
    pr("%S %S %S %S %S %S", A(sys, "hexversion"), A(sys, "platform"), A(sys, "byteorder"), A(sys, "maxsize"),
       A(sys, "maxunicode"), H(C(A(sys, "getdefaultencoding"), 0)));
    py_obj *fi = A(sys, "float_info");
    pr("%R %R %S %S", A(fi, "max"), A(fi, "epsilon"), A(fi, "dig"), A(sys, "int_info"));
    py_obj *so = A(sys, "stdout");
    pr("%S %S %S %S", H(C(A(sys, "intern"), 1, Sh("abc"))), H(py_type_get_name(py_type_of(so))), A(so, "encoding"),
       A(A(sys, "stderr"), "errors"));
    assert_null(C(A(sys, "intern"), 1, Ih(1)));
    pr_msg();
    py_obj *exit = A(sys, "exit");
    for (int i = 0; i < 2; i++) {
        assert_null(i == 0 ? C(exit, 1, Ih(3)) : C(exit, 0));
        py_obj *e = py_err_get_raised_exception();
        pr("%s %S", py_obj_type_name(e), H(py_object_get_attr_string(e, "code")));
        rg_decref(e);
    }
    assert_null(C(A(so, "write"), 1, Ih(1)));
    pr_msg();
    pr("%s %s %S", py_obj_type_name(A(sys, "modules")), py_obj_type_name(A(sys, "path")),
       B(py_sequence_contains(A(sys, "modules"), Sh("sys")) == 1));
    finish("sys_basics");
}

static void sys_getsizeof(void **state)
{
    (void)state;
    py_obj *sys = H(imp("sys")), *w = H(imp("weakref"));
    py_obj *gs = A(sys, "getsizeof");
    py_obj *cls = klass("A", NULL);
    py_obj *S_ = klass("S", H(py_tuple_pack(1, Sh("a"))));
    py_obj *W_ = klass("W", H(py_tuple_pack(2, Sh("a"), Sh("__weakref__"))));
    py_obj *a = H(C(cls, 0));
    pr("%S %S %S %S %S %S", H(C(gs, 1, Ih(0))), H(C(gs, 1, Ih(1))), H(C(gs, 1, H(py_long_from_long(1L << 40)))),
       H(C(gs, 1, Sh(""))), H(C(gs, 1, Sh("abc"))), H(C(gs, 1, Sh("\xc3\xa9"))));
    py_obj *pair = H(py_tuple_pack(2, Ih(1), Ih(2)));
    pr("%S %S %S %S %S %S", H(C(gs, 1, py_empty_tuple)), H(C(gs, 1, pair)), H(C(gs, 1, H(py_list_new(0)))),
       H(C(gs, 1, H(py_dict_new()))), H(C(gs, 1, H(py_float_from_double(1.5)))), H(C(gs, 1, py_none)));
    pr("%S %S %S %S %S", H(C(gs, 1, a)), H(C(gs, 1, H(C(S_, 0)))), H(C(gs, 1, H(C(W_, 0)))),
       H(C(gs, 1, H(py_set_new(NULL)))), H(C(gs, 1, H(py_bytes_from_string("ab")))));
    pr("%S %S %S", H(C(gs, 1, H(C(A(w, "ref"), 1, a)))), H(C(gs, 1, H(C(A(w, "proxy"), 1, a)))),
       H(C(gs, 2, Ih(1), Sh("x"))));
    assert_null(C(gs, 0));
    pr_msg();
    finish("sys_getsizeof");
}

/* ====================================================================== */
/* import                                                                  */
/* ====================================================================== */

static void import_errors(void **state)
{
    (void)state;
    const char *names[] = {"nosuch", "gc.x", "a.b"};
    for (int i = 0; i < 3; i++) {
        assert_null(imp(names[i]));
        pr_exc(1);
    }
    py_obj *gc = H(imp("gc"));
    pr("%S %S %S", B(H(imp("gc")) == gc), H(py_type_get_name(py_type_of(gc))), A(gc, "__name__"));
    assert_null(py_import_from(gc, Sh("nosuch")));
    pr_exc(1);
    py_obj *w = H(imp("weakref")), *uw = H(imp("_weakref"));
    pr("%S %S %S", B(A(w, "ref") == A(uw, "ref")), B(A(w, "getweakrefcount") == A(uw, "getweakrefcount")),
       A(A(w, "ReferenceType"), "__module__"));
    finish("import_errors");
}

/* ====================================================================== */
/* refgc (no python3 counterpart: checked against the engine directly)     */
/* ====================================================================== */

static void refgc_module(void **state)
{
    (void)state;
    py_obj *m = H(imp("refgc"));
    py_obj *stats = H(C(A(m, "heap_stats"), 0));
    rg_stats st;
    assert_int_equal(rg_heap_stats(py_heap(), &st), 0);
    assert_int_equal(py_long_as_long(py_dict_get_item_string(stats, "arenas")), (long)st.arenas);
    assert_int_equal(py_list_size(py_dict_get_item_string(stats, "classes")), RG_NUM_SIZE_CLASSES);
    py_obj *l = H(py_list_new(0));
    py_obj *bi = H(C(A(m, "block_info"), 1, l));
    repr_is(py_new_ref(py_dict_get_item_string(bi, "kind")), "'small'");
    /* the block's class holds its size (a debug heap pads blocks) */
    long cls = py_long_as_long(py_dict_get_item_string(bi, "size_class"));
    assert_true(py_long_as_long(py_dict_get_item_string(bi, "size")) <= (cls + 1) * RG_ALIGNMENT);
    repr_is(C(A(m, "block_info"), 1, Ih(5)), "None");
    py_obj *t = H(C(A(m, "trim"), 0));
    assert_true(py_long_check(t));
    H(C(A(m, "set_limit"), 1, Ih(1 << 30)));
    assert_int_equal(rg_heap_get_limit(py_heap()), 1 << 30);
    H(C(A(m, "set_limit"), 1, Ih(0)));
    repr_is(C(A(m, "get_limit"), 0), "0");
    finish(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(weakref_ref),    TEST(weakref_order),   TEST(weakref_proxy),   TEST(weakref_callbacks),
        TEST(weakref_finalize), TEST(finalize_no_cycle), TEST(weak_value_dict), TEST(weak_key_dict_set), TEST(gc_callbacks),
        TEST(gc_errors),      TEST(gc_saveall),      TEST(gc_freeze),       TEST(sys_basics),
        TEST(sys_getsizeof),  TEST(import_errors),   TEST(refgc_module),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
