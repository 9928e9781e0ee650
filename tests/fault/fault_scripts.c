/*
 * fault_scripts.c -- allocation-failure sweeps of `refgc run` programs
 * (issue 6 §2; needs a build with REFGC_FAULT_INJECTION).
 *
 *   fault_scripts [--startup] [--xfail FILE] [--verbose] SCRIPT...
 *
 * For each script, every allocation site it passes (refgc.h "Failure
 * injection": OS requests, arenas, pools, large blocks, rg_malloc & co.,
 * object creations) fails once, N = 1, 2, 3, ... up to the last site of
 * the run -- the program and the runtime's whole teardown included -- so
 * the sweep ends with the first N at which the run completes without the
 * failure firing.  Startup is the same for every script, so a script is
 * swept from the first site after py_runtime_start; --startup sweeps the
 * start itself once, with an empty program.
 *
 * How: one process per script starts the runtime as `refgc run SCRIPT`
 * does (sys.argv = [SCRIPT]), runs a reference child without failures
 * (its stdout, stderr and status are the expected ones), then runs the
 * program and the teardown itself with a fault handler (src/os/os.h) that,
 * at every site n, forks: the child takes the failure at n and runs to its
 * end (py_run_main, then py_runtime_finish_checked), the parent waits for
 * it, judges it and goes on as if the allocation had succeeded.  So each
 * N costs only what follows site N, and N is exactly what
 * `REFGC_FAULT_NTH=<sites of startup + N> refgc run SCRIPT` replays (the
 * report prints both; for --startup, N itself with `refgc run -c ''`, the
 * same start but for sys.argv).  Each child's stdout and stderr are files of their
 * own that start with what the parent had written when it forked.
 *
 * What a run with the failure at N must do, besides never dying by a
 * signal or a sanitizer report (the child's exit status) and never
 * hanging (60 s alarm):
 *  - the heap empty after the full teardown and rg_heap_check clean (both
 *    from py_runtime_finish_checked), and as many blocks of the C library
 *    held through src/os (rg_os_live_blocks: the parser's, the compiler's)
 *    as in the reference, in every case below;
 *  - failure during the program: either
 *      "raised": status 1, the last line of stderr "MemoryError", a
 *        "Traceback (most recent call last):" before it whenever the
 *        program had written output (its code was running) -- unless the
 *        failure was the first traceback entry of an exception in flight
 *        in a module-level frame: then, as in 3.11 (PyTraceBack_Here's
 *        _PyErr_ChainExceptions), the MemoryError has no entry and is
 *        printed after "During handling of the above exception"; stdout is
 *        not compared: finally clauses and the __del__ of what the
 *        unwinding releases print at other moments than in the reference
 *        (or print nothing: an object whose __init__ failed); or
 *      "ignored": CPython swallows errors in __del__, weakref callbacks,
 *        gc callbacks and finalization: status as the reference's, and
 *        stderr holds an unraisable report of the MemoryError -- the line
 *        "MemoryError: " that 3.11's default sys.unraisablehook writes
 *        (after "Exception ignored in: ..." when there is an object; a
 *        raised MemoryError prints "MemoryError" without the colon) -- and
 *        stdout is not compared (the swallowed call's output is missing); or
 *      "absorbed": the failure was handled without any visible effect (a
 *        cache, a free list, an optional table): stdout, stderr and status
 *        exactly the reference's;
 *  - failure during the teardown (after the program ended): status the
 *    reference's; stdout and stderr the reference's, or else stderr holds
 *    an unraisable MemoryError report (a __del__ or callback run by the
 *    teardown failed, and what it would have printed is missing);
 *  - startup (--startup): py_runtime_start fails with "refgc: cannot start
 *    the runtime" on stderr and the heap it deletes holds no block and
 *    passes rg_heap_check at that moment (rg_heap_delete reports it in
 *    fault builds: rg_fault_deleted_heap), or it succeeds and the empty
 *    program and the teardown pass the checks above.
 * Known failures: FILE (default: none) lists "SCRIPT-BASENAME N reason"
 * lines; each listed N must fail and every other must pass, or the driver
 * fails (like tests/py/XFAIL).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lang/pythonrun.h"
#include "os/os.h"

#ifndef RG_FAULT_INJECTION
#error "tests/fault needs a build with REFGC_FAULT_INJECTION=ON"
#endif

/* ====================================================================== */
/* State                                                                   */
/* ====================================================================== */

enum phase { PH_STARTUP, PH_PROGRAM, PH_TEARDOWN };
static const char *const phase_names[] = {"startup", "program", "teardown"};

/* What a child reports through a shared page before _exit. */
typedef struct record {
    int done;          /* reached the end */
    int started;       /* py_runtime_start succeeded */
    int status;        /* py_run_main's */
    int site;          /* the failed site's kind (0: none) */
    int phase;         /* where it failed */
    size_t left, errors;
    long os_live;      /* rg_os_live_blocks() at the end */
    unsigned long sites; /* sites of the whole run (reference) */
    unsigned long program_end; /* site count when the program ended */
} record;

typedef struct buffer {
    char *data;
    size_t len;
} buffer;

/* Outcome counters of one sweep. */
typedef struct tally {
    unsigned long runs, raised, with_tb, ignored, absorbed, teardown, start_failed, failed, xfailed;
} tally;

static record *shared;           /* MAP_SHARED: the child's record */
static int report_fd = 2;        /* the driver's own stderr */
static int cur_out = -1, cur_err = -1; /* this process's fd 1 / 2 files */
static int in_child;
static int verbose;
static enum phase phase;
static buffer ref_out, ref_err;
static record ref;
static tally tal;
static const char *script_name = "(startup)";
static unsigned long startup_sites; /* sites of py_runtime_start, for replays */
static int sweeping_start;          /* --startup: N counts from before the start */

/* Known failures: script basename and N. */
typedef struct xfail {
    char script[128];
    unsigned long n;
    int seen;
} xfail;
static xfail *xfails;
static size_t nxfails;

/* ====================================================================== */
/* Small helpers                                                           */
/* ====================================================================== */

/* printf to the driver's stderr (never through a redirected fd). */
static void report(const char *fmt, ...)
{
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    if (write(report_fd, line, len) < 0) return;
}

/* The whole content of file descriptor fd. */
static buffer read_fd(int fd)
{
    buffer b = {NULL, 0};
    struct stat st;
    if (fstat(fd, &st) != 0) return b;
    b.data = malloc((size_t)st.st_size + 1);
    if (b.data == NULL) return b;
    ssize_t got = pread(fd, b.data, (size_t)st.st_size, 0);
    b.len = got > 0 ? (size_t)got : 0;
    b.data[b.len] = '\0';
    return b;
}

/* A fresh anonymous file; exits when the kernel refuses. */
static int new_file(const char *name)
{
    int fd = memfd_create(name, 0);
    if (fd < 0) {
        report("fault_scripts: memfd_create: %s\n", strerror(errno));
        _exit(2);
    }
    return fd;
}

/* Copy the content of from into the empty file to. */
static void copy_file(int from, int to)
{
    buffer b = read_fd(from);
    if (b.len && write(to, b.data, b.len) != (ssize_t)b.len) _exit(2);
    free(b.data);
}

/* Make files out and err this process's fd 1 and 2 (kept in cur_*). */
static void redirect(int out, int err)
{
    fflush(stdout);
    fflush(stderr);
    dup2(out, 1);
    dup2(err, 2);
    cur_out = out;
    cur_err = err;
}

/* Does haystack contain needle? */
static int has(const buffer *b, const char *needle)
{
    return b->data != NULL && strstr(b->data, needle) != NULL;
}

/* Does b hold an unraisable MemoryError report: the line "MemoryError: "
 * (3.11's default unraisablehook writes ": " even for an empty message,
 * after "Exception ignored in: ..." when there is an object)? */
static int has_unraisable(const buffer *b)
{
    return b->data != NULL && (strncmp(b->data, "MemoryError: \n", 14) == 0 ||
                               strstr(b->data, "\nMemoryError: \n") != NULL);
}

/* The last non-empty line of b (a pointer into it, up to its end). */
static const char *last_line(const buffer *b, size_t *len)
{
    size_t end = b->len;
    while (end > 0 && b->data[end - 1] == '\n') end--;
    size_t start = end;
    while (start > 0 && b->data[start - 1] != '\n') start--;
    *len = end - start;
    return b->data ? b->data + start : "";
}

/* Is a a prefix of b? */
static int is_prefix(const buffer *a, const buffer *b)
{
    return a->len <= b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static int same(const buffer *a, const buffer *b)
{
    return a->len == b->len && is_prefix(a, b);
}

/* Is n of the current script a known failure?  Marks it seen. */
static int is_xfail(unsigned long n)
{
    const char *base = strrchr(script_name, '/');
    base = base ? base + 1 : script_name;
    for (size_t i = 0; i < nxfails; i++) {
        if (xfails[i].n == n && strcmp(xfails[i].script, base) == 0) {
            xfails[i].seen = 1;
            return 1;
        }
    }
    return 0;
}

/* ====================================================================== */
/* Judging one child                                                       */
/* ====================================================================== */

/* Why the child's run is wrong, or NULL when it passes. */
static const char *verdict(int wstatus, const record *r, const buffer *out, const buffer *err)
{
    if (WIFSIGNALED(wstatus)) return "killed by a signal";
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || !r->done)
        return "did not finish (sanitizer report or exit)";
    if (r->started && (r->left != 0 || r->errors != 0)) return "heap not empty or corrupt after teardown";
    if (r->started && r->os_live != ref.os_live) return "rg_os_malloc blocks leaked (rg_os_live_blocks)";
    if (!r->started) {
        if (r->phase != PH_STARTUP || !has(err, "refgc: cannot start the runtime"))
            return "start failed without its message";
        if (r->left != 0 || r->errors != 0) return "the failed start's heap was not empty when deleted";
        tal.start_failed++;
        return NULL;
    }
    if (r->phase == PH_TEARDOWN) {
        if (r->status != ref.status) return "teardown failure changed the status";
        if (!is_prefix(&ref_err, err) && !has_unraisable(err)) return "teardown failure changed stderr";
        if ((!same(out, &ref_out) || !same(err, &ref_err)) && !has_unraisable(err))
            return "teardown failure changed the output without an ignored MemoryError";
        tal.teardown++;
        return NULL;
    }
    if (r->status == ref.status && same(out, &ref_out) && same(err, &ref_err)) {
        tal.absorbed++;
        return NULL;
    }
    if (r->status == ref.status && has_unraisable(err)) {
        tal.ignored++;
        return NULL;
    }
    size_t len;
    const char *last = last_line(err, &len);
    if (r->status != 1) return "program failure: status is not 1";
    if (len != strlen("MemoryError") || memcmp(last, "MemoryError", len) != 0)
        return "program failure: stderr does not end with MemoryError";
    int tb = has(err, "Traceback (most recent call last):");
    if (out->len > 0 && !tb && !has(err, "During handling of the above exception"))
        return "program failure: MemoryError without a traceback";
    tal.raised++;
    tal.with_tb += tb != 0;
    return NULL;
}

/* Print the tail of b (the last lines) to the report. */
static void report_tail(const char *what, const buffer *b)
{
    size_t start = b->len > 1500 ? b->len - 1500 : 0;
    report("  --- %s (%zu bytes%s) ---\n%.*s\n", what, b->len, start ? ", tail" : "",
           (int)(b->len - start), b->data ? b->data + start : "");
}

/* The child of site n (kind site) exited with wstatus; its outputs are in
 * files out and err. */
static void judge(unsigned long n, int site, int wstatus, int out, int err)
{
    buffer o = read_fd(out), e = read_fd(err);
    record r = *shared;
    tal.runs++;
    const char *why = verdict(wstatus, &r, &o, &e);
    int xf = is_xfail(n);
    if (why != NULL && xf) {
        tal.xfailed++;
    } else if (why != NULL || xf) {
        tal.failed++;
        if (!why) why = "listed as a known failure but passes";
        report("FAIL %s N=%lu (%s site, %s; replay: REFGC_FAULT_NTH=%lu refgc run %s): %s\n",
               script_name, n, rg_fault_site_name(site), phase_names[r.phase],
               (sweeping_start ? 0 : startup_sites) + n, sweeping_start ? "-c ''" : script_name, why);
        if (WIFSIGNALED(wstatus)) report("  signal %d\n", WTERMSIG(wstatus));
        report("  status %d (reference %d), left %zu blocks, %zu check errors, %ld rg_os blocks "
               "(reference %ld)\n", r.status, ref.status, r.left, r.errors, r.os_live, ref.os_live);
        report_tail("stdout", &o);
        report_tail("stderr", &e);
    } else if (verbose) {
        report("ok %s N=%lu %s %s\n", script_name, n, rg_fault_site_name(site), phase_names[r.phase]);
    }
    free(o.data);
    free(e.data);
}

/* ====================================================================== */
/* Forking at a site                                                       */
/* ====================================================================== */

/* Fork a child that goes on from here with output files of its own (a
 * copy of this process's so far).  Child: returns 1.  Parent: waits for
 * it; *out and *err are its files (the caller closes them); returns 0
 * with *wstatus. */
static int branch(int *out, int *err, int *wstatus)
{
    *out = new_file("out");
    *err = new_file("err");
    memset(shared, 0, sizeof *shared);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        report("fault_scripts: fork: %s\n", strerror(errno));
        _exit(2);
    }
    if (pid == 0) {
        in_child = 1;
        rg_fault_set_handler(NULL);
        copy_file(cur_out, *out);
        copy_file(cur_err, *err);
        redirect(*out, *err);
        alarm(60);
        return 1;
    }
    while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR) {
    }
    return 0;
}

/* The fault handler: every site forks a failing child. */
static int at_site(int site, unsigned long n)
{
    int out, err, wstatus;
    if (branch(&out, &err, &wstatus)) {
        shared->site = site;
        shared->phase = phase;
        return 1;
    }
    judge(n, site, wstatus, out, err);
    close(out);
    close(err);
    return 0;
}

/* ====================================================================== */
/* One sweep                                                               */
/* ====================================================================== */

/* The end of a run: a child writes its record and exits. */
static void finish_run(py_interp *interp, int status)
{
    unsigned long program_end = rg_fault_count();
    phase = PH_TEARDOWN;
    size_t errors = 0, left = py_runtime_finish_checked(interp, &errors);
    rg_fault_set_handler(NULL);
    if (in_child) {
        shared->started = 1;
        shared->status = status;
        shared->left = left;
        shared->errors = errors;
        shared->os_live = rg_os_live_blocks();
        shared->sites = rg_fault_count();
        shared->program_end = program_end;
        shared->done = 1;
        fflush(stdout);
        fflush(stderr);
        _exit(0);
    }
    if (left != 0 || errors != 0) {
        tal.failed++;
        report("FAIL %s: the run without failure left %zu blocks, %zu check errors\n", script_name,
               left, errors);
    }
}

/* Keep the reference child's outputs and record. */
static void keep_reference(int wstatus, int out, int err)
{
    ref = *shared;
    ref_out = read_fd(out);
    ref_err = read_fd(err);
    close(out);
    close(err);
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || !ref.done || ref.left || ref.errors) {
        tal.failed++;
        report("FAIL %s: the reference run failed (status %d, left %zu, errors %zu)\n", script_name,
               ref.status, ref.left, ref.errors);
        report_tail("stderr", &ref_err);
        fflush(NULL);
        _exit(1);
    }
}

/* Sweep one program (src NULL: the empty program with --startup). */
static void sweep(const char *path, const char *src, size_t len, int whole_start)
{
    py_runtime_config config;
    memset(&config, 0, sizeof config);
    char *argv[] = {(char *)path, NULL};
    config.sys.argc = 1;
    config.sys.argv = argv;
    config.sys.executable = "refgc";
    redirect(new_file("out"), new_file("err"));
    int out, err, wstatus;
    py_interp *interp = NULL;
    rg_fault_arm(0);
    sweeping_start = whole_start;
    if (whole_start) {
        phase = PH_STARTUP;
        if (branch(&out, &err, &wstatus) == 0) {
            keep_reference(wstatus, out, err);
            rg_fault_arm(0);
            rg_fault_set_handler(at_site);
        }
    }
    interp = py_runtime_start(&config);
    if (interp == NULL) {
        if (in_child) {
            /* What the deleted heap still held (none if it was never made). */
            if (!rg_fault_deleted_heap(&shared->left, &shared->errors)) shared->left = shared->errors = 0;
            shared->phase = PH_STARTUP;
            shared->done = 1;
            fflush(NULL);
            _exit(0);
        }
        report("FAIL %s: the runtime did not start\n", path);
        tal.failed++;
        return;
    }
    startup_sites = rg_fault_count();
    phase = PH_PROGRAM;
    if (!whole_start) {
        rg_fault_arm(0);
        if (branch(&out, &err, &wstatus) == 0) {
            keep_reference(wstatus, out, err);
            rg_fault_arm(0);
            rg_fault_set_handler(at_site);
        }
    }
    int status = py_run_main(src, len, path);
    finish_run(interp, status);
    if (ref.sites != rg_fault_count()) {
        tal.failed++;
        report("FAIL %s: the reference run passed %lu sites, the sweep %lu\n", path, ref.sites,
               rg_fault_count());
    }
}

/* ====================================================================== */
/* Driver                                                                  */
/* ====================================================================== */

/* Read FILE's "script N reason" lines. */
static void read_xfail(const char *file)
{
    FILE *f = fopen(file, "r");
    if (f == NULL) {
        report("fault_scripts: cannot read %s\n", file);
        exit(2);
    }
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char name[128];
        unsigned long n;
        if (line[0] == '#' || sscanf(line, "%127s %lu", name, &n) != 2) continue;
        xfails = realloc(xfails, (nxfails + 1) * sizeof *xfails);
        if (xfails == NULL) exit(2);
        snprintf(xfails[nxfails].script, sizeof xfails[nxfails].script, "%s", name);
        xfails[nxfails].n = n;
        xfails[nxfails].seen = 0;
        nxfails++;
    }
    fclose(f);
}

/* The content of a file (exits on error). */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        report("fault_scripts: cannot read %s\n", path);
        exit(2);
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (buf == NULL) exit(2);
    *len = n;
    return buf;
}

/* Run one sweep in a process of its own: the runtime's statics start
 * fresh and the driver keeps nothing of it.  0 when everything passed. */
static int run_sweep(const char *path, int whole_start)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        size_t len = 0;
        char *src = whole_start ? strdup("") : slurp(path, &len);
        script_name = whole_start ? "(startup)" : path;
        sweep(whole_start ? "<startup>" : path, src, len, whole_start);
        for (size_t i = 0; i < nxfails; i++) {
            const char *base = strrchr(path, '/');
            if (!xfails[i].seen && strcmp(xfails[i].script, base ? base + 1 : path) == 0) {
                tal.failed++;
                report("FAIL %s N=%lu: listed as a known failure but the sweep never reached it\n",
                       path, xfails[i].n);
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        report("%-32s N=1..%lu (program %lu + teardown %lu sites%s): raised %lu (traceback %lu), "
               "ignored %lu, absorbed %lu, teardown %lu, start failed %lu; FAILED %lu, xfail %lu; "
               "%.1f s\n",
               whole_start ? "(startup, empty program)" : path, tal.runs, ref.program_end,
               ref.sites - ref.program_end, whole_start ? ", startup included" : "", tal.raised,
               tal.with_tb, tal.ignored, tal.absorbed, tal.teardown, tal.start_failed, tal.failed,
               tal.xfailed,
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        free(src);
        free(ref_out.data);
        free(ref_err.data);
        fflush(NULL);
        exit(tal.failed ? 1 : 0);
    }
    int wstatus;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(wstatus)) {
        report("FAIL %s: the sweep process died (status %d)\n", path, wstatus);
        return 1;
    }
    return WEXITSTATUS(wstatus) != 0;
}

int main(int argc, char **argv)
{
    int whole_start = 0, failed = 0, nscripts = 0;
    report_fd = dup(2);
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED || report_fd < 0) return 2;
    if (rg_fault_arm(0) != 0) {
        report("fault_scripts: the library was built without REFGC_FAULT_INJECTION\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--startup") == 0) whole_start = 1;
        else if (strcmp(argv[i], "--verbose") == 0) verbose = 1;
        else if (strcmp(argv[i], "--xfail") == 0 && i + 1 < argc) read_xfail(argv[++i]);
        else nscripts++;
    }
    if (whole_start) failed |= run_sweep("<startup>", 1);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--xfail") == 0) {
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] == '-') continue;
        failed |= run_sweep(argv[i], 0);
    }
    if (!whole_start && nscripts == 0) {
        report("usage: fault_scripts [--startup] [--xfail FILE] [--verbose] SCRIPT...\n");
        return 2;
    }
    return failed;
}
