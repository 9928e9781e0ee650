/*
 * run.c -- starting one worker process and reading its result.
 *
 * Owns: fork/exec of a worker with its stdout on a pipe (stderr passes
 * through), wait4() for its exit status, peak RSS (ru_maxrss) and CPU time
 * (user + system), the wall time, and parsing the worker's one line of
 * key=value pairs.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"

/* CLOCK_MONOTONIC in seconds. */
static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Split line into key=value pairs of run; 0 on success. */
static int parse_line(const char *line, run_result *run)
{
    run->npairs = 0;
    const char *p = line;
    while (*p) {
        while (*p == ' ' || *p == '\n') p++;
        if (!*p) break;
        const char *word_end = p + strcspn(p, " \n");
        const char *eq = memchr(p, '=', (size_t)(word_end - p));
        if (eq == NULL || run->npairs == RESULT_MAX_KEYS) return -1;
        result_pair *pair = &run->pairs[run->npairs++];
        snprintf(pair->key, sizeof pair->key, "%.*s", (int)(eq - p), p);
        snprintf(pair->value, sizeof pair->value, "%.*s", (int)(word_end - eq - 1), eq + 1);
        p = word_end;
    }
    return 0;
}

/* Fork and exec one worker, collect its line, status and peak RSS. */
void run_worker(const char *path, char *const argv[], run_result *out)
{
    memset(out, 0, sizeof *out);
    int fds[2];
    if (pipe(fds) != 0) {
        perror("pipe");
        return;
    }
    fflush(NULL);
    const double start = monotonic_seconds();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        close(fds[0]);
        close(fds[1]);
        return;
    }
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(path, argv);
        fprintf(stderr, "refgc-bench: cannot run %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    size_t used = 0;
    for (;;) {
        ssize_t n = read(fds[0], out->line + used, sizeof out->line - 1 - used);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        used += (size_t)n;
        if (used == sizeof out->line - 1) break;
    }
    out->line[used] = '\0';
    close(fds[0]);

    int status = 0;
    struct rusage usage;
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            perror("wait4");
            return;
        }
    }
    out->wall_seconds = monotonic_seconds() - start;
    out->maxrss_kib = usage.ru_maxrss;
    out->cpu_seconds = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 +
                       (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
    char *newline = strchr(out->line, '\n');
    if (newline) *newline = '\0';

    if (WIFSIGNALED(status)) {
        fprintf(stderr, "refgc-bench: %s %s died of signal %d\n", path, argv[1], WTERMSIG(status));
        return;
    }
    if (WEXITSTATUS(status) != 0) {
        fprintf(stderr, "refgc-bench: %s %s exited with %d\n", path, argv[1], WEXITSTATUS(status));
        return;
    }
    if (parse_line(out->line, out) != 0 || out->npairs == 0) {
        fprintf(stderr, "refgc-bench: %s %s printed an unreadable line: %s\n", path, argv[1],
                out->line);
        return;
    }
    out->ok = 1;
}

/* The value of key in a successful run, or NULL. */
const char *result_get(const run_result *run, const char *key)
{
    if (!run->ok) return NULL;
    for (int i = 0; i < run->npairs; i++)
        if (strcmp(run->pairs[i].key, key) == 0) return run->pairs[i].value;
    return NULL;
}

/* The value of key as a number, or NaN. */
double result_num(const run_result *run, const char *key)
{
    const char *value = result_get(run, key);
    if (value == NULL) return NAN;
    char *end;
    double v = strtod(value, &end);
    return *end == '\0' ? v : NAN;
}
