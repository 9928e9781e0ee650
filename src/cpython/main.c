/*
 * main.c -- refgc-python: CPython 3.11 with refgc as its allocator.
 *
 * A program exactly like python3 (it is CPython: Py_BytesMain parses the
 * same arguments and returns the same exit status), except that before the
 * interpreter initialises, refgc's heap becomes the allocator of the MEM
 * and OBJ domains (pymem.c) and the built-in module `refgc` is registered
 * (module.c).
 *
 * Owns: the heap's configuration from the environment, read before anything
 * else (docs/refgc-python.md lists the variables):
 *   REFGC_DEBUG=0|1            refgc's debug heap (RG_HEAP_DEBUG)
 *   REFGC_DEBUG_QUARANTINE=N   freed blocks the debug heap holds back
 *   REFGC_ARENA_RESERVE=N      wholly free arenas kept mapped for reuse
 *   REFGC_MMAP_THRESHOLD=SIZE  large requests of at least SIZE are mmap'd
 *   REFGC_LIMIT=SIZE           the heap's size limit: MemoryError past it
 *                              (0: none, else at least 4M)
 *   REFGC_CHECK=0|1            rg_heap_check at exit; violations -> status 1
 * An empty value is the same as an unset one (as CPython's PYTHON*
 * variables).  A bad value stops the program with one line on stderr and
 * exit status 2, as python3 does for a bad option.  SIZE is a byte count
 * with an optional K, M or G suffix (powers of 1024).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "pymem.h"

#define PROGRAM "refgc-python"

/* Exit status for a bad environment value: python3's for a bad option. */
#define EXIT_USAGE 2

/* The smallest REFGC_LIMIT: CPython aborts (Fatal Python error, SIGABRT)
 * when MemoryError strikes before its exceptions exist, which a limit
 * under ~1.2 MiB causes; start-up itself takes ~3 MiB. */
#define MIN_LIMIT ((size_t)4 << 20)

/* ====================================================================== */
/* Parsing the environment                                                 */
/* ====================================================================== */

/* The variable's value, or NULL when it is unset or empty. */
static const char *env_value(const char *name)
{
    const char *v = getenv(name);
    return (v != NULL && v[0] != '\0') ? v : NULL;
}

/* Stop with the one-line message for a bad value of name. */
static _Noreturn void bad_value(const char *name, const char *value, const char *expected)
{
    fprintf(stderr, "%s: %s: invalid value '%s' (expected %s)\n", PROGRAM, name, value, expected);
    exit(EXIT_USAGE);
}

/* A flag variable: 0 unless set to 1; anything but 0 or 1 is an error. */
static int env_flag(const char *name)
{
    const char *v = env_value(name);
    if (v == NULL || strcmp(v, "0") == 0) return 0;
    if (strcmp(v, "1") == 0) return 1;
    bad_value(name, v, "0 or 1");
}

/* A count or a size: decimal digits, then (sizes only) an optional K, M or
 * G suffix.  *out is left alone when the variable is unset; returns 1 when
 * it was set. */
static int env_number(const char *name, int is_size, size_t *out)
{
    const char *v = env_value(name);
    if (v == NULL) return 0;
    const char *expected = is_size ? "a size in bytes, optionally with K, M or G: 512M"
                                   : "a non-negative integer";
    size_t n = 0;
    const char *s = v;
    if (*s < '0' || *s > '9') bad_value(name, v, expected);
    for (; *s >= '0' && *s <= '9'; s++) {
        size_t digit = (size_t)(*s - '0');
        if (n > (SIZE_MAX - digit) / 10) bad_value(name, v, expected);
        n = n * 10 + digit;
    }
    if (is_size && *s != '\0' && s[1] == '\0') {
        unsigned shift = *s == 'K' || *s == 'k' ? 10 : *s == 'M' || *s == 'm' ? 20
                       : *s == 'G' || *s == 'g' ? 30 : 0;
        if (shift == 0 || n > (SIZE_MAX >> shift)) bad_value(name, v, expected);
        n <<= shift;
        s++;
    }
    if (*s != '\0') bad_value(name, v, expected);
    /* CPython cannot index more than PY_SSIZE_T_MAX bytes. */
    if (n > (size_t)PY_SSIZE_T_MAX) bad_value(name, v, expected);
    *out = n;
    return 1;
}

/* ====================================================================== */
/* REFGC_CHECK: the heap checked when the process exits                   */
/* ====================================================================== */

/* The status main is exiting with (-1: exit() was called from inside
 * CPython, e.g. for a fatal configuration error). */
static int exit_status = -1;

/* atexit handler: rg_heap_check on the heap after the interpreter has
 * finalised; violations are reported on stderr and make the status 1 (or
 * keep a status that was already non-zero). */
static void check_at_exit(void)
{
    rg_heap *heap = rgpy_heap();
    if (heap == NULL) return;
    fflush(stdout);
    size_t violations = rg_heap_check(heap, stderr);
    if (violations == 0) return;
    fprintf(stderr, "%s: REFGC_CHECK: %zu heap invariant violation%s at exit\n", PROGRAM,
            violations, violations == 1 ? "" : "s");
    fflush(NULL);
    _Exit(exit_status > 0 ? exit_status : 1);
}

/* ====================================================================== */
/* main                                                                    */
/* ====================================================================== */

int main(int argc, char **argv)
{
    rg_heap_config config;
    rg_heap_config_init(&config);
    if (env_flag("REFGC_DEBUG")) config.flags |= RG_HEAP_DEBUG;
    env_number("REFGC_DEBUG_QUARANTINE", 0, &config.debug_quarantine);
    env_number("REFGC_ARENA_RESERVE", 0, &config.arena_reserve);
    env_number("REFGC_MMAP_THRESHOLD", 1, &config.mmap_threshold);
    size_t limit = 0;
    if (env_number("REFGC_LIMIT", 1, &limit) && limit != 0 && limit < MIN_LIMIT)
        bad_value("REFGC_LIMIT", getenv("REFGC_LIMIT"), "0 or at least 4M: the interpreter needs ~3 MiB to start");
    int check = env_flag("REFGC_CHECK");

    rg_heap *heap = rg_heap_new(&config);
    if (heap == NULL) {
        fprintf(stderr, "%s: cannot create the heap: %s\n", PROGRAM, strerror(errno));
        return 1;
    }
    rg_heap_set_limit(heap, limit);
    rgpy_install(heap);
    if (PyImport_AppendInittab("refgc", rgpy_init_module) != 0) {
        fprintf(stderr, "%s: cannot register the refgc module\n", PROGRAM);
        return 1;
    }
    if (check && atexit(check_at_exit) != 0) {
        fprintf(stderr, "%s: REFGC_CHECK: cannot register the exit check\n", PROGRAM);
        return 1;
    }
    exit_status = Py_BytesMain(argc, argv);
    exit(exit_status);
}
