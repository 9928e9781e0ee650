/*
 * machine.c -- what the machine and the build are, for summary.md and the
 * console: CPU model and cache (/proc/cpuinfo), cores, memory
 * (/proc/meminfo), OS (/etc/os-release), kernel (uname), the compiler and
 * flags the benchmark was built with, the load average (/proc/loadavg), and a
 * fingerprint of librefgc's
 * sources (computed by bench/CMakeLists.txt).
 */
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "driver.h"

#ifndef BENCH_COMPILER
#define BENCH_COMPILER "unknown compiler"
#endif
#ifndef BENCH_C_FLAGS
#define BENCH_C_FLAGS ""
#endif
#ifndef BENCH_BUILD_TYPE
#define BENCH_BUILD_TYPE ""
#endif
#ifndef BENCH_REFGC_SOURCES
#define BENCH_REFGC_SOURCES "unknown"
#endif

/* The value after "field" and a colon or '=' in the first matching line of
 * file, quotes and surrounding blanks stripped; "?" if absent. */
static void read_field(const char *file, const char *field, char *out, size_t len)
{
    snprintf(out, len, "?");
    FILE *f = fopen(file, "r");
    if (f == NULL) return;
    char line[512];
    size_t flen = strlen(field);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, field, flen) != 0) continue;
        char *p = line + flen;
        while (*p == ' ' || *p == '\t') p++;
        if (*p != ':' && *p != '=') continue;
        p++;
        while (*p == ' ' || *p == '"') p++;
        size_t n = strcspn(p, "\"\n");
        snprintf(out, len, "%.*s", (int)n, p);
        break;
    }
    fclose(f);
}

/* The load average from /proc/loadavg. */
void machine_load(char *buf, size_t len)
{
    snprintf(buf, len, "?");
    FILE *f = fopen("/proc/loadavg", "r");
    if (f == NULL) return;
    double one, five, fifteen;
    if (fscanf(f, "%lf %lf %lf", &one, &five, &fifteen) == 3)
        snprintf(buf, len, "%.2f %.2f %.2f", one, five, fifteen);
    fclose(f);
}

/* CPU model, cores and kernel on one line. */
void machine_one_line(char *buf, size_t len)
{
    char cpu[256];
    struct utsname u;
    read_field("/proc/cpuinfo", "model name", cpu, sizeof cpu);
    uname(&u);
    snprintf(buf, len, "%s, %ld cores, Linux %s", cpu, sysconf(_SC_NPROCESSORS_ONLN), u.release);
}

/* The machine and build as markdown bullets. */
void write_machine(FILE *out, const char *load_at_start)
{
    char cpu[256], cache[64], mhz[64], mem[64], os[256];
    struct utsname u;
    read_field("/proc/cpuinfo", "model name", cpu, sizeof cpu);
    read_field("/proc/cpuinfo", "cache size", cache, sizeof cache);
    read_field("/proc/cpuinfo", "cpu MHz", mhz, sizeof mhz);
    read_field("/proc/meminfo", "MemTotal", mem, sizeof mem);
    read_field("/etc/os-release", "PRETTY_NAME", os, sizeof os);
    uname(&u);
    fprintf(out, "- CPU: %s (cache size %s, %s MHz reported); %ld logical cores online\n", cpu,
            cache, mhz, sysconf(_SC_NPROCESSORS_ONLN));
    fprintf(out, "- Memory: %s\n", mem);
    fprintf(out, "- OS: %s; kernel %s %s %s\n", os, u.sysname, u.release, u.machine);
    fprintf(out, "- Compiler: %s, C11, build type %s (%s); librefgc linked statically\n",
            BENCH_COMPILER, BENCH_BUILD_TYPE, BENCH_C_FLAGS);
    char load[64];
    machine_load(load, sizeof load);
    fprintf(out, "- Load average (1, 5, 15 min) when the run began: %s; when it ended: %s "
                 "(other work on the 2 cores disturbs the timings)\n",
            load_at_start, load);
    fprintf(out, "- librefgc measured: %s, when the benchmark was configured\n",
            BENCH_REFGC_SOURCES);
}
