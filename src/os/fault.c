/*
 * fault.c -- allocation-failure injection: the site counter behind
 * RG_FAULT (os.h) and the public rg_fault_* functions (refgc.h, "Failure
 * injection (testing)").
 *
 * Owns: one process-wide count of the sites passed since the last arm, the
 * armed site number, and which kind of site failed.  Every layer calls
 * RG_FAULT(kind) where memory can be refused (src/os requests, arenas,
 * pools, large blocks, rg_malloc & co., object creation); in a build with
 * RG_FAULT_INJECTION that is rg_fault_hit, otherwise the constant 0, and
 * the public functions below only report that nothing is compiled in.
 *
 * Also, in fault builds: REFGC_FAULT_NTH=n in the environment arms the
 * n-th site at start-up, and REFGC_FAULT_LOG=path appends one line
 * "nth count fired-site" to path at exit (for sweeps of whole programs).
 *
 * Invariants: the armed failure happens at most once per arm (fired is
 * set, armed cleared); counting goes on whether or not anything is armed.
 * Not thread safe (tests only).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "os.h"
#include "refgc.h"

/* ====================================================================== */
/* Names                                                                   */
/* ====================================================================== */

const char *rg_fault_site_name(int site)
{
    static const char *const names[] = {"none", "os", "arena", "pool", "large", "alloc", "object"};
    if (site < 0 || site > RG_FAULT_OBJECT) return "?";
    return names[site];
}

#ifdef RG_FAULT_INJECTION

/* ====================================================================== */
/* The counter                                                             */
/* ====================================================================== */

static unsigned long fault_count; /* sites since the last arm */
static unsigned long fault_nth;   /* the site that fails; 0: none */
static int fault_fired;           /* its kind, once it failed */
static unsigned long fault_env_nth; /* REFGC_FAULT_NTH, for the exit log */
static rg_fault_handler fault_handler; /* a driver's, or NULL */

int rg_fault_hit(int site)
{
    ++fault_count;
    if (fault_handler != NULL) {
        int saved = errno;
        if (!fault_handler(site, fault_count)) {
            errno = saved;
            return 0;
        }
    } else if (fault_count != fault_nth) {
        return 0;
    } else {
        fault_nth = 0;
    }
    fault_fired = site;
    errno = ENOMEM;
    return 1;
}

void rg_fault_set_handler(rg_fault_handler handler) { fault_handler = handler; }

static size_t deleted_blocks, deleted_errors;
static int deleted_noted;

void rg_fault_note_deleted_heap(size_t blocks, size_t errors)
{
    deleted_blocks = blocks;
    deleted_errors = errors;
    deleted_noted = 1;
}

int rg_fault_deleted_heap(size_t *blocks, size_t *errors)
{
    if (!deleted_noted) return 0;
    *blocks = deleted_blocks;
    *errors = deleted_errors;
    deleted_noted = 0;
    return 1;
}

int rg_fault_arm(unsigned long nth)
{
    fault_count = 0;
    fault_nth = nth;
    fault_fired = RG_FAULT_NONE;
    return 0;
}

unsigned long rg_fault_count(void) { return fault_count; }

int rg_fault_fired(void) { return fault_fired; }

/* ====================================================================== */
/* The environment (REFGC_FAULT_NTH, REFGC_FAULT_LOG)                      */
/* ====================================================================== */

/* atexit: one line for the sweep that set REFGC_FAULT_LOG. */
static void fault_log_at_exit(void)
{
    const char *path = getenv("REFGC_FAULT_LOG");
    FILE *f = path != NULL && *path ? fopen(path, "a") : NULL;
    if (f == NULL) return;
    fprintf(f, "%lu %lu %s\n", fault_env_nth, fault_count, rg_fault_site_name(fault_fired));
    fclose(f);
}

/* Before main: arm from REFGC_FAULT_NTH. */
__attribute__((constructor)) static void fault_from_environment(void)
{
    const char *nth = getenv("REFGC_FAULT_NTH");
    if (nth != NULL && *nth) {
        char *end;
        unsigned long n = strtoul(nth, &end, 10);
        if (*end == '\0') {
            fault_env_nth = n;
            rg_fault_arm(n);
        }
    }
    const char *log = getenv("REFGC_FAULT_LOG");
    if (log != NULL && *log) atexit(fault_log_at_exit);
}

#else /* !RG_FAULT_INJECTION */

int rg_fault_arm(unsigned long nth)
{
    (void)nth;
    return -1;
}

unsigned long rg_fault_count(void) { return 0; }

int rg_fault_fired(void) { return RG_FAULT_NONE; }

#endif
