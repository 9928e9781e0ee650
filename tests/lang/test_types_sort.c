/*
 * test_types_sort.c -- list.sort (src/types/listsort.c, CPython 3.11's
 * timsort with powersort merging) against CPython 3.11: not only the
 * result but the exact sequence of __lt__ calls.
 *
 * The oracle (python3 3.11.7) sorts instances of
 *     class K:
 *         def __lt__(s, o): log.append((s.v, o.v)); return s.v < o.v
 * built from a linear congruential sequence (plain, pre-sorted, reversed,
 * two runs), and records how many comparisons were made and a digest of
 * the (s.v, o.v) pairs in order.  Here K's __lt__ is a C method
 * descriptor doing the same.  Also: the TypeError of mixed types and the
 * list's state after a comparison failed in mid-sort.
 *
 * Each test runs on a fresh debug heap with its own interpreter; teardown
 * deletes the interpreter and requires the heap consistent and empty.
 */
#include "lang/support/pyfixture.h"

/* ---- the comparison log ------------------------------------------------- */

static long g_log_n;
static uint64_t g_digest;

static long value_of(py_obj *o)
{
    py_obj *v = ok(py_object_get_attr_string(o, "v"));
    long r = py_long_as_long(v);
    rg_decref(v);
    return r;
}

/* K.__lt__: log (s.v, o.v) as the oracle's digest does, then s.v < o.v. */
static py_obj *k_lt(py_obj *self, py_obj *other)
{
    long a = value_of(self), b = value_of(other);
    const uint64_t mod = (1ULL << 61) - 1;
    g_digest = (uint64_t)(((unsigned __int128)g_digest * 1000003u + (uint64_t)a * 7919u + (uint64_t)b +
                           (uint64_t)g_log_n) %
                          mod);
    g_log_n++;
    return py_bool_from_long(a < b);
}

static const py_method_def k_lt_def = {"__lt__", {.o = k_lt}, PY_METH_O, NULL};

/* The oracle's seq(n, seed, mod). */
static void lcg_seq(long *out, int n, uint64_t seed, long mod)
{
    uint64_t x = seed;
    for (int i = 0; i < n; i++) {
        x = (x * 1103515245u + 12345u) % (1ULL << 31);
        out[i] = (long)((x >> 8) % (uint64_t)mod);
    }
}

static int cmp_up(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}
static int cmp_down(const void *a, const void *b) { return cmp_up(b, a); }

/* [K(v) for v in vals] */
static py_obj *k_list(py_obj *K, const long *vals, int n)
{
    py_obj *l = ok(py_list_new(0));
    for (int i = 0; i < n; i++) {
        py_obj *k = ok(py_object_call_no_args(K));
        py_obj *v = ok(py_long_from_long(vals[i]));
        assert_int_equal(py_object_set_attr_string(k, "v", v), 0);
        assert_int_equal(py_list_append(l, k), 0);
        rg_decref(v);
        rg_decref(k);
    }
    return l;
}

/* l.sort() or l.sort(reverse=True) */
static py_obj *sort_list(py_obj *l, int reverse)
{
    py_obj *name = ok(py_unicode_from_string("sort"));
    py_obj *kw = ok(py_unicode_from_string("reverse"));
    py_obj *kwnames = ok(py_tuple_pack(1, kw));
    py_obj *args[2] = {l, py_true};
    py_obj *r = py_object_vectorcall_method(name, args, 1, reverse ? kwnames : NULL);
    rg_decref(kwnames);
    rg_decref(kw);
    rg_decref(name);
    return r;
}

static const struct {
    int n;
    uint64_t seed;
    long mod;
    const char *variant;
    long count;
    uint64_t digest;
} cases[] = {
    {10, 1, 100, "plain", 22, 518770795284771977ULL},
    {10, 1, 100, "sorted", 9, 120163036912951706ULL},
    {10, 1, 100, "reversed", 9, 2104111559489336732ULL},
    {10, 1, 100, "runs", 22, 2080933210530574272ULL},
    {100, 2, 1000, "plain", 535, 1760616169799844895ULL},
    {100, 2, 1000, "sorted", 99, 403194874628163007ULL},
    {100, 2, 1000, "reversed", 330, 613139834996248662ULL},
    {100, 2, 1000, "runs", 297, 1512401181024357241ULL},
    {300, 3, 1000, "plain", 2087, 46206728638847729ULL},
    {300, 3, 1000, "sorted", 299, 994167803008757152ULL},
    {300, 3, 1000, "reversed", 1383, 1431239818010634878ULL},
    {300, 3, 1000, "runs", 1071, 2019709349845000805ULL},
    {300, 4, 10, "plain", 1904, 1067117494209412542ULL},
    {300, 4, 10, "sorted", 299, 2027936849922979810ULL},
    {300, 4, 10, "reversed", 1027, 1831999636389681888ULL},
    {300, 4, 10, "runs", 892, 2081097222987020009ULL},
    {1000, 5, 100000, "plain", 8626, 172376581377155298ULL},
    {1000, 5, 100000, "sorted", 999, 1206452615614571739ULL},
    {1000, 5, 100000, "reversed", 1222, 625610390345034844ULL},
    {1000, 5, 100000, "runs", 2026, 1736100659565851500ULL},
    {64, 6, 5, "plain", 287, 2123532409113032946ULL},
    {64, 6, 5, "sorted", 63, 1504005791939284544ULL},
    {64, 6, 5, "reversed", 245, 1726220080753392905ULL},
    {64, 6, 5, "runs", 173, 1025602943643136959ULL},
};

static void test_sort_comparison_sequence(void **state)
{
    (void)state;
    py_obj *K = main_class("K", py_empty_tuple, &k_lt_def, 1);
    static long vals[1000], expect_sorted[1000];
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        int n = cases[c].n;
        lcg_seq(vals, n, cases[c].seed, cases[c].mod);
        if (strcmp(cases[c].variant, "sorted") == 0) qsort(vals, (size_t)n, sizeof(long), cmp_up);
        if (strcmp(cases[c].variant, "reversed") == 0) qsort(vals, (size_t)n, sizeof(long), cmp_down);
        if (strcmp(cases[c].variant, "runs") == 0) {
            qsort(vals, (size_t)(n / 2), sizeof(long), cmp_up);
            qsort(vals + n / 2, (size_t)(n - n / 2), sizeof(long), cmp_down);
        }
        memcpy(expect_sorted, vals, (size_t)n * sizeof(long));
        qsort(expect_sorted, (size_t)n, sizeof(long), cmp_up);
        py_obj *l = k_list(K, vals, n);
        g_log_n = 0;
        g_digest = 0;
        py_obj *r = ok(sort_list(l, 0));
        rg_decref(r);
        if (g_log_n != cases[c].count || g_digest != cases[c].digest)
            fail_msg("case %zu (%d, %s): %ld comparisons, digest %llu; CPython %ld, %llu", c, n, cases[c].variant,
                     g_log_n, (unsigned long long)g_digest, cases[c].count, (unsigned long long)cases[c].digest);
        for (int i = 0; i < n; i++) assert_int_equal(value_of(((py_list_object *)l)->ob_item[i]), expect_sorted[i]);
        rg_decref(l);
    }
    /* ks.sort(reverse=True) on seq(200, 7, 50): 1263 comparisons. */
    lcg_seq(vals, 200, 7, 50);
    py_obj *l = k_list(K, vals, 200);
    g_log_n = 0;
    g_digest = 0;
    rg_decref(ok(sort_list(l, 1)));
    assert_int_equal(g_log_n, 1263);
    assert_true(g_digest == 2283817601718466267ULL);
    rg_decref(l);
    rg_decref(K);
}

static void test_sort_errors(void **state)
{
    (void)state;
    /* [3, 1, 'a'].sort() and [1, 'a', 3].sort(): the first failing pair. */
    for (int variant = 0; variant < 2; variant++) {
        py_obj *l = ok(py_list_new(0));
        py_obj *a = ok(py_unicode_from_string("a")), *one = ok(py_long_from_long(1)), *three = ok(py_long_from_long(3));
        py_obj *items[2][3] = {{three, one, a}, {one, a, three}};
        for (int i = 0; i < 3; i++) py_list_append(l, items[variant][i]);
        assert_null(sort_list(l, 0));
        py_obj *e = py_err_get_raised_exception();
        py_obj *s = ok(py_object_str(e));
        assert_string_equal(py_unicode_as_utf8(s), "'<' not supported between instances of 'str' and 'int'");
        rg_decref(s);
        rg_decref(e);
        for (int i = 0; i < 3; i++) assert_ptr_equal(((py_list_object *)l)->ob_item[i], items[variant][i]);
        rg_decref(l);
        rg_decref(a);
        rg_decref(one);
        rg_decref(three);
    }
    /* [].sort(x=1), [].sort(reverse=None), [].sort(1) */
    py_obj *empty = ok(py_list_new(0)), *sortname = ok(py_unicode_from_string("sort"));
    py_obj *xname = ok(py_unicode_from_string("x")), *rname = ok(py_unicode_from_string("reverse"));
    static const char *const msgs[3] = {"'x' is an invalid keyword argument for sort()",
                                        "'NoneType' object cannot be interpreted as an integer",
                                        "sort() takes no positional arguments"};
    for (int i = 0; i < 3; i++) {
        py_obj *kwnames = i < 2 ? ok(py_tuple_pack(1, i == 0 ? xname : rname)) : NULL;
        py_obj *args[2] = {empty, py_none};
        assert_null(py_object_vectorcall_method(sortname, args, i < 2 ? 1 : 2, kwnames));
        py_obj *e = py_err_get_raised_exception();
        py_obj *s = ok(py_object_str(e));
        assert_string_equal(py_unicode_as_utf8(s), msgs[i]);
        rg_decref(s);
        rg_decref(e);
        rg_xdecref(kwnames);
    }
    rg_decref(empty);
    rg_decref(sortname);
    rg_decref(xname);
    rg_decref(rname);
    /* vals = seq(71, 8, 100); vals[50] = 'a'; vals.sort() fails in the
     * second run's insertion sort, leaving CPython's partial order. */
    static const char *expected =
        "[2, 8, 8, 9, 9, 11, 12, 17, 19, 19, 22, 27, 27, 37, 38, 42, 43, 47, 53, 55, 58, 60, 61, 66, 67, 68, 71, "
        "72, 77, 87, 91, 91, 94, 98, 98, 99, 9, 15, 23, 23, 32, 34, 36, 51, 55, 56, 77, 90, 93, 97, 'a', 71, 36, 41, "
        "74, 99, 78, 49, 83, 82, 83, 6, 17, 8, 61, 44, 89, 93, 22, 11, 90]";
    long vals[71];
    lcg_seq(vals, 71, 8, 100);
    py_obj *l = ok(py_list_new(0));
    for (int i = 0; i < 71; i++) {
        py_obj *v = i == 50 ? ok(py_unicode_from_string("a")) : ok(py_long_from_long(vals[i]));
        py_list_append(l, v);
        rg_decref(v);
    }
    assert_null(sort_list(l, 0));
    py_err_clear();
    py_obj *r = ok(py_object_repr(l));
    assert_string_equal(py_unicode_as_utf8(r), expected);
    rg_decref(r);
    rg_decref(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PYFX_TEST(test_sort_comparison_sequence),
        PYFX_TEST(test_sort_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
