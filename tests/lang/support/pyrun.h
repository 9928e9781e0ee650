/*
 * pyrun.h -- running a whole program in the test's process, as
 * `python3 -c SRC` would, and ending it with the checked teardown: the one
 * helper of the program-running tests (test_runtime, test_warnings,
 * test_step_budget).
 *
 * Owns: pyrun(src, opts, &result): py_runtime_start (argv ["-c"],
 * executable "refgc", opts' heap limit), the step budget if asked,
 * py_run_main(src, "<string>"), py_runtime_finish_checked; what the run
 * wrote on its error stream comes back malloc'd.
 *
 * Invariants: the runtime is finished (and the step budget back to none)
 * whatever the program did; the caller decides what blocks left or heap
 * violations mean (result.left, result.errors).  Include after <cmocka.h>.
 */
#ifndef REFGC_TESTS_PYRUN_H
#define REFGC_TESTS_PYRUN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/pythonrun.h"

typedef struct pyrun_opts {
    size_t max_heap;  /* heap limit in bytes (0: none) */
    long step_budget; /* py_vm_set_step_budget for the run (0: not set) */
    /* Capture file descriptor 2 itself (sys.stderr and compile-time
     * warnings write there) instead of the runtime's error stream. */
    int capture_fd2;
} pyrun_opts;

typedef struct pyrun_result {
    int status;    /* py_run_main's */
    size_t left;   /* blocks left after the full teardown */
    size_t errors; /* rg_heap_check's violations */
} pyrun_result;

/* The bytes written to f so far (malloc'd, NUL-terminated). */
static inline char *pyrun_read_back(FILE *f)
{
    fflush(f);
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n < 0) n = 0;
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    rewind(f);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    return buf;
}

/* Run src (opts NULL: defaults); its error output (malloc'd) and *r. */
static inline char *pyrun(const char *src, const pyrun_opts *opts, pyrun_result *r)
{
    static const pyrun_opts defaults = {0, 0, 0};
    if (opts == NULL) opts = &defaults;
    char *argv0 = (char *)"-c";
    py_runtime_config config;
    memset(&config, 0, sizeof config);
    config.sys.argc = 1;
    config.sys.argv = &argv0;
    config.sys.executable = "refgc";
    config.max_heap = opts->max_heap;
    fflush(stderr);
    FILE *capture = tmpfile();
    assert_non_null(capture);
    int saved = -1;
    if (opts->capture_fd2) {
        saved = dup(STDERR_FILENO);
        assert_true(saved >= 0);
        assert_true(dup2(fileno(capture), STDERR_FILENO) >= 0);
    }
    py_interp *interp = py_runtime_start(&config);
    assert_non_null(interp);
    if (!opts->capture_fd2) interp->err_out = capture;
    if (opts->step_budget != 0) py_vm_set_step_budget(opts->step_budget);
    r->status = py_run_main(src, strlen(src), "<string>");
    r->errors = 0;
    r->left = py_runtime_finish_checked(interp, &r->errors);
    if (opts->step_budget != 0) py_vm_set_step_budget(-1);
    if (opts->capture_fd2) {
        fflush(stderr);
        assert_true(dup2(saved, STDERR_FILENO) >= 0);
        close(saved);
    }
    char *buf = pyrun_read_back(capture);
    fclose(capture);
    return buf;
}

/* pyrun, then the heap's state after the teardown: blocks left and check
 * errors are reported on stderr and added to *heap_left (tests assert it
 * stays 0); *status gets the run's exit status. */
static inline char *pyrun_counted(const char *src, const pyrun_opts *opts, int *status,
                                  size_t *heap_left)
{
    pyrun_result r;
    char *err = pyrun(src, opts, &r);
    *status = r.status;
    if (r.left != 0 || r.errors != 0)
        fprintf(stderr, "heap after the run: %zu blocks left, %zu errors\n", r.left, r.errors);
    *heap_left += r.left + r.errors;
    return err;
}

#endif /* REFGC_TESTS_PYRUN_H */
