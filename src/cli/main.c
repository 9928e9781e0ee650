/*
 * main.c -- the `refgc` command: run a Python 3.11 program (a file, -c
 * code, or stdin) or an interactive session on the refgc runtime.
 *
 *   refgc [--max-heap SIZE] run FILE [ARG]...
 *   refgc [--max-heap SIZE] run -c CODE [ARG]...
 *   refgc [--max-heap SIZE] run - [ARG]...
 *   refgc [--max-heap SIZE] repl
 *   refgc run --json|--trace|--dot OUT [OPTION]... FILE   (trace_cli.c)
 *   refgc why EXPR FILE [--at LINE]                         (trace_cli.c)
 *   refgc serve [OPTION]...                                 (serve.c)
 *   refgc --help | --version
 *
 * Exit status as python3's: 0; 1 when the program raised (traceback on
 * stderr); SystemExit's code (None 0, an int, anything else printed and
 * 1); 2 for usage errors and unreadable files; an uncaught
 * KeyboardInterrupt ends the process by SIGINT after the runtime finished
 * (the shell sees 130); 120 when stdout cannot be flushed at exit.  Ctrl-C
 * raises KeyboardInterrupt in the running program
 * (py_vm_request_interrupt); at the REPL's prompt it cancels the line.
 *
 * Owns: the command line, reading the program, the signal handler.  The
 * REPL loop is repl.c; the runtime itself is src/lang/pylifecycle.c and
 * pythonrun*.c.
 */
#include "cli/cli.h"
#include "cli/serve.h"
#include "cli/trace_cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <unistd.h>

#ifndef REFGC_VERSION
#define REFGC_VERSION "0.1.0"
#endif

static const char *progname = "refgc";

/* ====================================================================== */
/* Messages                                                                */
/* ====================================================================== */

static void print_usage(FILE *f)
{
    fprintf(f,
            "usage: %s [--max-heap SIZE] run [-c CMD | FILE | -] [ARG]...\n"
            "       %s run --trace | --json | --dot OUT [OPTION]... FILE\n"
            "       %s why EXPR FILE [--at LINE]\n"
            "       %s serve [OPTION]...\n"
            "       %s [--max-heap SIZE] repl\n"
            "       %s --help | --version\n",
            progname, progname, progname, progname, progname, progname);
}

/* A usage error as python3 reports one: the message, the usage, a hint; 2. */
static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    print_usage(stderr);
    fprintf(stderr, "Try `%s --help' for more information.\n", progname);
    return 2;
}

static void print_help(void)
{
    print_usage(stdout);
    printf("\n"
           "Run a program written in the subset of Python 3.11 that refgc supports\n"
           "(docs/language.md) on refgc's reimplementation of CPython 3.11's memory\n"
           "management: reference counts, free lists, the cyclic collector, weak\n"
           "references.  It prints what python3.11 prints.\n"
           "\n"
           "Commands:\n"
           "  run FILE [ARG]...     run the script FILE (sys.argv = [FILE, ARG...])\n"
           "  run -c CMD [ARG]...   run the program passed as a string\n"
           "  run - [ARG]...        run the program read from standard input\n"
           "  repl                  an interactive session (line editing when built\n"
           "                        with libedit); Ctrl-D or sys.exit() ends it\n"
           "  serve                 serve the simulator page on 127.0.0.1 (refgc serve\n"
           "                        --help)\n"
           "\n");
    cli_trace_help(stdout);
    printf("\n"
           "Options:\n"
           "  --max-heap SIZE       limit the Python heap to SIZE bytes (suffixes k, M, G:\n"
           "                        powers of 1024); beyond it allocations raise\n"
           "                        MemoryError.  Default: 80%% of the physical memory\n"
           "  -h, --help            show this help and exit\n"
           "  -V, --version         show the version and exit\n"
           "\n"
           "Exit status: 0 on success, 1 when the program raised an exception (its\n"
           "traceback is printed on stderr, as python3 prints it), the code given to\n"
           "SystemExit / sys.exit(), 2 for usage errors, 3 when a traced run reached\n"
           "--max-steps; an uncaught KeyboardInterrupt (Ctrl-C) ends the process by\n"
           "SIGINT, as python3 does.\n");
}

/* ====================================================================== */
/* Sizes                                                                   */
/* ====================================================================== */

/* "512M", "2G", "100000", "64k" -> bytes; 0 and *ok = 0 on a bad value. */
size_t cli_parse_size(const char *s, int *ok)
{
    *ok = 0;
    if (s == NULL || *s < '0' || *s > '9') return 0;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0) return 0;
    unsigned shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'b') end++;
    if (*end != '\0' || v == 0) return 0;
    if (v > (SIZE_MAX >> shift)) return 0;
    *ok = 1;
    return (size_t)(v << shift);
}

/* The default heap limit: 80% of the machine's physical memory (0: none
 * when unknown). */
static size_t default_max_heap(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || psize <= 0) return 0;
    unsigned long long total = (unsigned long long)pages * (unsigned long long)psize;
    total = total / 10 * 8;
    return total > SIZE_MAX ? SIZE_MAX : (size_t)total;
}

/* ====================================================================== */
/* Reading the program                                                     */
/* ====================================================================== */

/* All of f (malloc'd, NUL-terminated; *len bytes), or NULL with errno. */
char *cli_read_all(FILE *f, size_t *len)
{
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    if (buf == NULL) return NULL;
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap *= 2);
            if (nb == NULL) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
        }
        errno = 0;
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                errno = e;
                return NULL;
            }
            break;
        }
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* python3 shows a script by its absolute path (cwd joined, not resolved). */
char *cli_absolute_path(const char *path)
{
    if (path[0] == '/') return strdup(path);
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL) return strdup(path);
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *r = malloc(n);
    if (r != NULL) snprintf(r, n, "%s/%s", cwd, path);
    return r;
}

/* ====================================================================== */
/* Ctrl-C                                                                  */
/* ====================================================================== */

static void on_sigint(int sig)
{
    (void)sig;
    cli_repl_on_sigint();
    py_vm_request_interrupt();
}

/* SIGINT -> KeyboardInterrupt; no SA_RESTART, so a blocking read returns. */
static void install_sigint(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

/* python3's exit after an uncaught KeyboardInterrupt: die by SIGINT. */
static int exit_sigint(void)
{
    fflush(stdout);
    fflush(stderr);
    signal(SIGINT, SIG_DFL);
    kill(getpid(), SIGINT);
    return 130;
}

/* ====================================================================== */
/* Commands                                                                */
/* ====================================================================== */

enum { OPT_MAX_HEAP = 256 };

/* Report the option getopt_long refused (c is '?' or ':'), as python3. */
static int bad_option(char **argv, int c)
{
    const char *arg = argv[optind - 1];
    int is_long = arg[0] == '-' && arg[1] == '-';
    char opt[3] = {'-', (char)(optopt > 0 && optopt < 128 ? optopt : '?'), '\0'};
    if (c == ':') return usage_error("Argument expected for the %s option", is_long ? arg : opt);
    if (!is_long && optopt > 0) return usage_error("Unknown option: %s", opt);
    return usage_error("unknown option %s", arg);
}

/* --max-heap's value into *max_heap: 0, or 2 after a usage error. */
static int set_max_heap(const char *value, size_t *max_heap)
{
    int ok;
    size_t v = cli_parse_size(value, &ok);
    if (!ok) return usage_error("invalid --max-heap value '%s' (a size such as 512M)", value);
    *max_heap = v;
    return 0;
}

/* Start the runtime, run, finish; the process's exit status. */
static int run_program(const char *src, size_t len, const char *filename, int argc, char **argv,
                       size_t max_heap, const char *executable)
{
    py_runtime_config config;
    memset(&config, 0, sizeof config);
    config.sys.argc = argc;
    config.sys.argv = argv;
    config.sys.executable = executable;
    config.max_heap = max_heap;
    py_interp *interp = py_runtime_start(&config);
    if (interp == NULL) return 1;
    install_sigint();
    int status = py_run_main(src, len, filename);
    py_runtime_finish(interp);
    if (fflush(stdout) != 0 || ferror(stdout)) status = 120;
    if (py_run_main_interrupted) return exit_sigint();
    return status;
}

/* refgc run [-c CMD | FILE | -] [ARG]... */
static int cmd_run(int argc, char **argv, size_t max_heap, const char *executable)
{
    static const struct option run_options[] = {
        {"max-heap", required_argument, NULL, OPT_MAX_HEAP},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int traced = cli_run_traced(argc, argv, max_heap, progname);
    if (traced >= 0) return traced;
    const char *code = NULL;
    int c;
    optind = 1;
    opterr = 0;
    /* Options stop at the program: -c CMD, FILE or - (python3's rule). */
    while (code == NULL && (c = getopt_long(argc, argv, "+:c:h", run_options, NULL)) != -1) {
        if (c == 'c') {
            code = optarg;
        } else if (c == 'h') {
            print_help();
            return 0;
        } else if (c == OPT_MAX_HEAP) {
            if (set_max_heap(optarg, &max_heap) != 0) return 2;
        } else {
            return bad_option(argv, c);
        }
    }
    if (code != NULL) {
        /* sys.argv = ['-c', ARG...]: the slot before the args becomes "-c". */
        char **pargv = argv + optind - 1;
        pargv[0] = (char *)"-c";
        return run_program(code, strlen(code), "<string>", argc - optind + 1, pargv, max_heap,
                           executable);
    }
    if (optind >= argc) return usage_error("%s run: expected -c CMD, FILE or -", progname);
    const char *path = argv[optind];
    char **pargv = argv + optind;
    int pargc = argc - optind;
    size_t len = 0;
    char *src;
    int status;
    if (strcmp(path, "-") == 0) {
        src = cli_read_all(stdin, &len);
        if (src == NULL) {
            fprintf(stderr, "%s: can't read <stdin>: [Errno %d] %s\n", executable, errno, strerror(errno));
            return 2;
        }
        status = run_program(src, len, "<stdin>", pargc, pargv, max_heap, executable);
    } else {
        char *abs = cli_absolute_path(path);
        if (abs == NULL) {
            fprintf(stderr, "%s: out of memory\n", executable);
            return 2;
        }
        FILE *f = fopen(path, "rb");
        src = f ? cli_read_all(f, &len) : NULL;
        if (src == NULL) {
            int e = errno;
            fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", executable, abs, e, strerror(e));
            if (f) fclose(f);
            free(abs);
            return 2;
        }
        fclose(f);
        status = run_program(src, len, abs, pargc, pargv, max_heap, executable);
        free(abs);
    }
    free(src);
    return status;
}

/* refgc repl */
static int cmd_repl(int argc, char **argv, size_t max_heap, const char *executable)
{
    if (argc > 1) return usage_error("repl: unexpected argument %s", argv[1]);
    static char empty[] = "";
    static char *repl_argv[] = {empty, NULL};
    py_runtime_config config;
    memset(&config, 0, sizeof config);
    config.sys.argc = 1;
    config.sys.argv = repl_argv;
    config.sys.executable = executable;
    config.max_heap = max_heap;
    py_interp *interp = py_runtime_start(&config);
    if (interp == NULL) return 1;
    install_sigint();
    int status = cli_repl_loop();
    py_runtime_finish(interp);
    if (py_run_main_interrupted) return exit_sigint();
    return status;
}

int main(int argc, char **argv)
{
    static const struct option global_options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"max-heap", required_argument, NULL, OPT_MAX_HEAP},
        {NULL, 0, NULL, 0},
    };
    if (argc > 0 && argv[0] != NULL && argv[0][0] != '\0') {
        const char *slash = strrchr(argv[0], '/');
        progname = slash ? slash + 1 : argv[0];
    }
    const char *executable = argc > 0 && argv[0] ? argv[0] : "refgc";
    size_t max_heap = default_max_heap();
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:hV", global_options, NULL)) != -1) {
        switch (c) {
        case 'h':
            print_help();
            return 0;
        case 'V':
            printf("refgc %s (Python 3.11 subset)\n", REFGC_VERSION);
            return 0;
        case OPT_MAX_HEAP:
            if (set_max_heap(optarg, &max_heap) != 0) return 2;
            break;
        default:
            return bad_option(argv, c);
        }
    }
    if (optind >= argc) {
        print_usage(stderr);
        fprintf(stderr, "Try `%s --help' for more information.\n", progname);
        return 2;
    }
    const char *cmd = argv[optind];
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    if (strcmp(cmd, "run") == 0) return cmd_run(sub_argc, sub_argv, max_heap, executable);
    if (strcmp(cmd, "repl") == 0) return cmd_repl(sub_argc, sub_argv, max_heap, executable);
    if (strcmp(cmd, "why") == 0) return cli_why_main(sub_argc, sub_argv, max_heap, progname);
    /* serve.c says why when built without libmicrohttpd (REFGC_HAVE_MHD). */
    if (strcmp(cmd, "serve") == 0) return cli_serve_main(sub_argc, sub_argv);
    return usage_error("unknown command %s", cmd);
}
