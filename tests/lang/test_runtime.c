/*
 * test_runtime.c -- the runtime (src/lang/pylifecycle.c, pythonrun*.c)
 * against python3: each program of tests/lang/runtime/cases.h (generated
 * by tools/gen-runtime-cases with `python3 -c PROGRAM`) runs through
 * py_runtime_start / py_run_main(src, "<string>") / py_runtime_finish, and
 * what it writes on the runtime's error stream (tracebacks, SyntaxError
 * reports, SystemExit messages, "Exception ignored in" reports) and the
 * status must be python3's, addresses aside.
 *
 * Every run must leave its heap empty and consistent once the runtime
 * finished (py_runtime_finish_checked).  Also: a start/finish cycle
 * repeated (the runtime's statics reset) and the heap limit (MemoryError,
 * caught and then the program goes on, or uncaught).
 *
 * The whole program runs in this process: stdout is the test's own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lang/runtime/cases.h"
#include "lang/support/pyrun.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

/* text with every "0x<hex digits>" replaced by "0x?" (malloc'd). */
static char *mask_addresses(const char *text)
{
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t j = 0;
    for (size_t i = 0; i < n;) {
        if (text[i] == '0' && text[i + 1] == 'x' && strchr("0123456789abcdef", text[i + 2]) &&
            text[i + 2] != '\0') {
            out[j++] = '0';
            out[j++] = 'x';
            out[j++] = '?';
            i += 2;
            while (text[i] != '\0' && strchr("0123456789abcdef", text[i])) i++;
        } else {
            out[j++] = text[i++];
        }
    }
    out[j] = '\0';
    return out;
}

/* Blocks left on the heaps of the runs so far (each run must free all). */
static size_t heap_left;

/* Run src as `python3 -c src` would; its error output (malloc'd) and status;
 * the heap must be empty once the runtime finished. */
static char *run_program(const char *src, size_t max_heap, int *status)
{
    pyrun_opts opts = {.max_heap = max_heap};
    return pyrun_counted(src, &opts, status, &heap_left);
}

/* ====================================================================== */
/* Tests                                                                   */
/* ====================================================================== */

/* Every generated case: stderr and status as python3's. */
static void test_cases(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof runtime_cases / sizeof runtime_cases[0]; i++) {
        const runtime_case *c = &runtime_cases[i];
        int status = -1;
        char *err = run_program(c->src, 0, &status);
        char *got = mask_addresses(err);
        if (strcmp(got, c->err) != 0 || status != c->status) {
            print_error("case %s: status %d (python3 %d)\n--- python3:\n%s--- refgc:\n%s\n", c->name,
                        status, c->status, c->err, got);
            failed++;
        }
        free(got);
        free(err);
    }
    assert_int_equal(failed, 0);
    assert_int_equal(heap_left, 0);
}

/* start / finish twice in a row, and the second run is unaffected. */
static void test_restart(void **state)
{
    (void)state;
    for (int round = 0; round < 3; round++) {
        int status = -1;
        char *err = run_program("x = [1, 2]\nx.append(x)\ndel x\n", 0, &status);
        assert_int_equal(status, 0);
        assert_string_equal(err, "");
        free(err);
    }
    assert_int_equal(heap_left, 0);
}

/* The heap limit: MemoryError, caught, and the program goes on. */
static void test_heap_limit(void **state)
{
    (void)state;
    int status = -1;
    char *err = run_program("try:\n"
                            "    x = [0] * (1 << 27)\n"
                            "except MemoryError:\n"
                            "    x = None\n"
                            "y = [i for i in range(1000)]\n"
                            "assert len(y) == 1000\n",
                            (size_t)64 << 20, &status);
    assert_string_equal(err, "");
    assert_int_equal(status, 0);
    free(err);
    assert_int_equal(heap_left, 0);
}

/* Over the limit without a handler: a MemoryError traceback and status 1. */
static void test_heap_limit_uncaught(void **state)
{
    (void)state;
    int status = -1;
    char *err = run_program("x = [0] * (1 << 27)\n", (size_t)64 << 20, &status);
    assert_int_equal(status, 1);
    assert_non_null(strstr(err, "MemoryError"));
    free(err);
    assert_int_equal(heap_left, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_restart),
        cmocka_unit_test(test_heap_limit),
        cmocka_unit_test(test_heap_limit_uncaught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
