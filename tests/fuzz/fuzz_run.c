/*
 * fuzz_run.c -- libFuzzer target for the Python front end (issue 6 item 3):
 * the input bytes are a Python source; it is tokenized, parsed, compiled
 * and run as __main__ of a fresh runtime with
 *   - a heap cap (HEAP_CAP: py_runtime_config.max_heap -> rg_heap_set_limit;
 *     a bigger request is a MemoryError), and
 *   - a step cap (STEP_BUDGET: py_vm_set_step_budget, src/lang/ceval_ops.c;
 *     every eval-breaker check -- backward jump, call -- costs a step, a poll
 *     of a long C loop 1000; once spent, every further check raises
 *     KeyboardInterrupt("step budget exhausted"), so even code that catches
 *     it ends);
 * its output discarded (fd 0/1 on /dev/null while it runs, interp->err_out
 * -> /dev/null; writes to sys.stderr still reach fd 2).  Then the full
 * exit sequence (py_runtime_finish_checked, src/lang/pylifecycle.c): any
 * block left on the heap or any rg_heap_check error is a bug -> message on
 * stderr and abort().  Crashes, ASan/UBSan reports and hangs are
 * libFuzzer's to see.  Found so far: regress/run/ (see its file names).
 *
 * Refused inputs (return 0 at once): sources that name set_limit (lifts the
 * heap cap: refgc.set_limit) or setrecursionlimit (a deep enough limit
 * overflows the C stack in python3 too) -- see /work/notes/hostile.md.
 *
 * Invariants: nothing is carried from one input to the next (each run has
 * its own heap and interpreter; the budget is reset after teardown).
 * Convention (fuzz.h, tests/fuzz/CMakeLists.txt + replay.c): seeds in
 * tests/fuzz/corpus/run/, crash reproducers in tests/fuzz/regress/run/.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz/fuzz.h"
#include "lang/pythonrun.h"

#define HEAP_CAP ((size_t)64 << 20) /* bytes */
#define STEP_BUDGET 100000L         /* eval-breaker checks */

/* ====================================================================== */
/* Set-up                                                                  */
/* ====================================================================== */

/* refgc turns a refused allocation into MemoryError (`10 ** 92 ** 6` asks
 * the C library for ~300 GB); ASan must return NULL there like malloc does,
 * not abort -- as the hostile tests run it (tests/CMakeLists.txt).  Used by
 * ASan builds only (libFuzzer and the corpus replay under build-asan). */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}

static FILE *devnull; /* interp->err_out: tracebacks, "Exception ignored" */
static int devnull_fd = -1;

/* Once per process: /dev/null for the program's streams. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull_fd = open("/dev/null", O_RDWR);
    devnull = fdopen(dup(devnull_fd), "w");
    if (devnull_fd < 0 || devnull == NULL) {
        perror("fuzz_run: /dev/null");
        abort();
    }
    return 0;
}

/* Point fd (0 or 1) at /dev/null (input() gets EOF, print goes nowhere);
 * returns the saved descriptor for restore_fd. */
static int silence_fd(int fd)
{
    if (fd == 1) fflush(stdout);
    int saved = dup(fd);
    if (saved < 0 || dup2(devnull_fd, fd) < 0) abort();
    return saved;
}

/* Undo silence_fd (replay.c prints its count on stdout afterwards). */
static void restore_fd(int fd, int saved)
{
    if (fd == 1) fflush(stdout);
    if (dup2(saved, fd) < 0) abort();
    close(saved);
}

/* 1 when the source contains the NUL-free string word. */
static int mentions(const char *src, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(src + i, word, n) == 0) return 1;
    return 0;
}

/* ====================================================================== */
/* One input                                                               */
/* ====================================================================== */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (devnull == NULL) LLVMFuzzerInitialize(NULL, NULL); /* replay.c without the weak call */
    /* An exact-size NUL-terminated copy: ASan sees any read past the end. */
    char *src = malloc(size + 1);
    if (src == NULL) return 0;
    memcpy(src, data, size);
    src[size] = '\0';
    if (mentions(src, size, "set_limit") || mentions(src, size, "setrecursionlimit")) {
        free(src);
        return 0;
    }
    static char arg0[] = "fuzz_run";
    static char *argv[] = {arg0, NULL};
    py_runtime_config config;
    memset(&config, 0, sizeof config);
    config.sys.argc = 1;
    config.sys.argv = argv;
    config.sys.executable = "fuzz_run";
    config.max_heap = HEAP_CAP;
    py_interp *interp = py_runtime_start(&config);
    if (interp == NULL) {
        fprintf(stderr, "fuzz_run: the runtime did not start\n");
        abort();
    }
    interp->err_out = devnull;
    int saved_in = silence_fd(0), saved_out = silence_fd(1);
    py_vm_set_step_budget(STEP_BUDGET);
    (void)py_run_main(src, size, "<string>"); /* its status: any is fine */
#ifdef FUZZ_RUN_PLANTED_LEAK /* proof that the check bites: this build must abort on any input */
    (void)py_unicode_from_string("a planted leak");
#endif
    size_t errors = 0;
    size_t left = py_runtime_finish_checked(interp, &errors);
    py_vm_set_step_budget(-1);
    fflush(devnull);
    restore_fd(1, saved_out);
    restore_fd(0, saved_in);
    free(src);
    if (left != 0 || errors != 0) {
        fprintf(stderr, "fuzz_run: after teardown %zu block(s) left on the heap, %zu heap-check error(s)\n",
                left, errors);
        abort();
    }
    return 0;
}
