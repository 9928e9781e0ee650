/*
 * test_step_budget.c -- the step budget of untraced runs
 * (py_vm_set_step_budget, src/lang/ceval_ops.c; the cap of the front-end
 * fuzz target tests/fuzz/fuzz_run.c): programs that never end, end once
 * the budget is spent, with KeyboardInterrupt("step budget exhausted") --
 * also when the program catches it, also in C loops (range/list iterators
 * poll it), also in a generator and in recursion -- and the heap is empty
 * afterwards.  A finite program within the budget is not disturbed, and
 * without a budget (-1) nothing is counted.  Also the traced run's own step
 * cap (src/lang/trace.c) on a loop that jumps to itself (`while True: pass`
 * once never reached it: the web page's engine hung).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lang/trace.h"
#include "lang/support/pyrun.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* Run src with a step budget (-1: none); its error output (malloc'd) and
 * status; the heap must be empty and sound afterwards. */
static char *run_with_budget(const char *src, long budget, int *status)
{
    pyrun_opts opts = {.max_heap = (size_t)64 << 20, .step_budget = budget};
    pyrun_result r;
    char *err = pyrun(src, &opts, &r);
    *status = r.status;
    assert_int_equal(r.left, 0);
    assert_int_equal(r.errors, 0);
    return err;
}

/* src ends, within the budget, by the budget's KeyboardInterrupt. */
static void expect_stopped(const char *src)
{
    int status = 0;
    char *err = run_with_budget(src, 20000, &status);
    if (strstr(err, "KeyboardInterrupt: step budget exhausted\n") == NULL) fail_msg("%s\n-> %s", src, err);
    assert_int_equal(status, 1);
    free(err);
}

/* ====================================================================== */
/* Tests                                                                   */
/* ====================================================================== */

/* Loops, calls, generators, recursion, C loops: all end. */
static void test_runaways_end(void **state)
{
    (void)state;
    expect_stopped("while True: pass\n");
    expect_stopped("i = 0\nwhile True:\n    i += 1\n");
    expect_stopped("def f():\n    return 1\nwhile 1:\n    f()\n");
    expect_stopped("def g():\n    while True:\n        yield 1\nfor v in g():\n    pass\n");
    expect_stopped("print(sum(range(10 ** 15)))\n");             /* a C loop: range polls */
    expect_stopped("for x in iter(int, 1):\n    pass\n");         /* a C iterator + a loop */
    expect_stopped("x = 10 ** 10 ** 8\n");                       /* long int kernels poll */
}

/* Catching the KeyboardInterrupt does not help: every check raises again. */
static void test_caught_still_ends(void **state)
{
    (void)state;
    expect_stopped("while True:\n    try:\n        while True:\n            pass\n"
                   "    except BaseException:\n        pass\n");
    expect_stopped("def f():\n    try:\n        f()\n    except BaseException:\n        f()\nf()\n");
}

/* A finite program within its budget runs normally; no budget: no limit. */
static void test_within_budget(void **state)
{
    (void)state;
    int status = -1;
    char *err = run_with_budget("s = 0\nfor i in range(1000):\n    s += i\nassert s == 499500\n", 20000, &status);
    assert_string_equal(err, "");
    assert_int_equal(status, 0);
    free(err);
    err = run_with_budget("s = 0\nfor i in range(100000):\n    s += i\nassert s == 4999950000\n", -1, &status);
    assert_string_equal(err, "");
    assert_int_equal(status, 0);
    free(err);
}

/* The trace writer: counts "step" lines. */
static void count_steps(void *data, const char *line, size_t len)
{
    (void)len;
    if (strncmp(line, "{\"ev\":\"step\"", 12) == 0) ++*(long *)data;
}

/* A traced run of a self-jumping loop stops at its step cap (status 3). */
static void test_traced_self_jump(void **state)
{
    (void)state;
    static const char *const srcs[] = {"while True: pass\n", "while 1:\n    pass\n"};
    for (size_t k = 0; k < sizeof srcs / sizeof srcs[0]; k++) {
        py_trace_options o;
        memset(&o, 0, sizeof o);
        o.max_steps = 50;
        py_trace_check check = {0, 0};
        o.check = &check;
        long steps = 0;
        int status = py_trace_run(srcs[k], strlen(srcs[k]), "<string>", &o, count_steps, &steps);
        assert_int_equal(status, 3);
        assert_int_equal(steps, 50);
        assert_int_equal(check.blocks_left, 0);
        assert_int_equal(check.violations, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runaways_end),
        cmocka_unit_test(test_caught_still_ends),
        cmocka_unit_test(test_within_budget),
        cmocka_unit_test(test_traced_self_jump),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
