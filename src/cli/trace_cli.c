/*
 * trace_cli.c -- the traced commands: `refgc run --json|--trace|--dot OUT`
 * and `refgc why EXPR FILE`.  Parses their options, runs the program
 * under py_trace_run (src/lang/trace.h) -- or replays a stream saved by
 * --json (--replay) -- and hands each line of the stream to a renderer:
 * copied as is (--json), narrated (narrate.c), drawn (dot.c) or answered
 * (why.c).  The renderers parse the same lines the page reads; nothing
 * here looks at the VM.  Also owns what the renderers share: the colour
 * choice (--color, NO_COLOR, TERM=dumb) and small JSON readers.
 *
 * Exit status: the program's (0, 1 when it raised, SystemExit's code), 3
 * when --max-steps stopped it, 2 for usage errors and unreadable files, 1
 * when the answer cannot be drawn (a line never run, dot missing, an
 * invalid EXPR).
 */
#include "cli/trace_cli.h"

#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/trace.h"

/* ====================================================================== */
/* Colours                                                                 */
/* ====================================================================== */

static const char *const style_codes[CLI_STYLE_COUNT] = {
    [CLI_STYLE_LINE] = "\033[1m",    [CLI_STYLE_NEW] = "\033[32m",
    [CLI_STYLE_FREE] = "\033[31m",   [CLI_STYLE_REF] = "\033[33m",
    [CLI_STYLE_GC] = "\033[35m",     [CLI_STYLE_OUT] = "\033[36m",
    [CLI_STYLE_DIM] = "\033[2m",     [CLI_STYLE_ERROR] = "\033[1;31m",
};

/* The escape sequence that starts style s ("" without colour). */
const char *cli_style(int color, int s)
{
    return color && s >= 0 && s < CLI_STYLE_COUNT ? style_codes[s] : "";
}

/* The sequence that ends a style ("" without colour). */
const char *cli_style_end(int color)
{
    return color ? "\033[0m" : "";
}

/* --color=WHEN on stream f: 1 colour, 0 none, -1 bad value. */
int cli_color_choice(const char *value, FILE *f)
{
    if (value == NULL || strcmp(value, "auto") == 0) {
        const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
        if (no != NULL && no[0] != '\0') return 0;
        if (term != NULL && strcmp(term, "dumb") == 0) return 0;
        return isatty(fileno(f)) ? 1 : 0;
    }
    if (strcmp(value, "always") == 0) return 1;
    if (strcmp(value, "never") == 0) return 0;
    return -1;
}

/* ====================================================================== */
/* JSON helpers                                                            */
/* ====================================================================== */

/* ev[key] as an integer (def when absent or not a number). */
long long cli_json_int(const json_t *ev, const char *key, long long def)
{
    json_t *v = json_object_get(ev, key);
    if (json_is_integer(v)) return json_integer_value(v);
    if (json_is_real(v)) return (long long)json_real_value(v);
    if (json_is_boolean(v)) return json_is_true(v);
    return def;
}

/* ev[key] as a string (def when absent or not a string). */
const char *cli_json_str(const json_t *ev, const char *key, const char *def)
{
    json_t *v = json_object_get(ev, key);
    return json_is_string(v) ? json_string_value(v) : def;
}

/* "a" or "an" before word. */
const char *cli_article(const char *word)
{
    return word != NULL && word[0] != '\0' && strchr("aeiouAEIOU", word[0]) != NULL ? "an" : "a";
}

/* ev[key], an array of 3 integers, into out; 1 when present. */
int cli_json_counts(const json_t *ev, const char *key, long long out[3])
{
    json_t *a = json_object_get(ev, key);
    int ok = json_is_array(a) && json_array_size(a) >= 3;
    for (size_t i = 0; i < 3; i++) out[i] = ok ? json_integer_value(json_array_get(a, i)) : 0;
    return ok;
}

/* ====================================================================== */
/* Options                                                                 */
/* ====================================================================== */

enum trace_mode { MODE_NONE, MODE_JSON, MODE_TRACE, MODE_DOT, MODE_WHY };

enum {
    OPT_JSON = 300, OPT_TRACE, OPT_DOT, OPT_AT, OPT_SNAPSHOT_AT, OPT_SNAPSHOT_EVERY,
    OPT_MAX_STEPS, OPT_MAX_EVENTS, OPT_COLOR, OPT_VERBOSE, OPT_ALL_OBJECTS, OPT_REPLAY, OPT_MAX_HEAP_T,
    OPT_HELP_T
};

static const struct option traced_options[] = {
    {"json", no_argument, NULL, OPT_JSON},
    {"trace", no_argument, NULL, OPT_TRACE},
    {"dot", required_argument, NULL, OPT_DOT},
    {"at", required_argument, NULL, OPT_AT},
    {"snapshot-at", required_argument, NULL, OPT_SNAPSHOT_AT},
    {"snapshot-every-step", no_argument, NULL, OPT_SNAPSHOT_EVERY},
    {"max-steps", required_argument, NULL, OPT_MAX_STEPS},
    {"max-events", required_argument, NULL, OPT_MAX_EVENTS},
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"verbose", no_argument, NULL, OPT_VERBOSE},
    {"all-objects", no_argument, NULL, OPT_ALL_OBJECTS},
    {"replay", required_argument, NULL, OPT_REPLAY},
    {"max-heap", required_argument, NULL, OPT_MAX_HEAP_T},
    {"help", no_argument, NULL, OPT_HELP_T},
    {NULL, 0, NULL, 0},
};

typedef struct trace_args {
    enum trace_mode mode;
    const char *progname;
    const char *code;          /* -c CODE */
    const char *file;          /* FILE or "-" */
    const char *expr;          /* why */
    const char *dot_out;
    const char *replay;        /* --replay STREAM */
    const char *color_arg;
    long at_line;              /* --at (dot, why) */
    long *snapshot_lines;
    size_t nsnapshot_lines;
    int snapshot_every_step;
    long max_steps;            /* as py_trace_options */
    long max_events;
    int verbose, all_objects;
    size_t max_heap;
} trace_args;

/* A usage error: the message, a hint; 2. */
static int trace_usage(const trace_args *a, const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", a->progname);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry `%s --help' for more information.\n", a->progname);
    return 2;
}

/* A positive line number, or 0 when s is not one. */
static long parse_line(const char *s)
{
    if (s == NULL || *s < '0' || *s > '9') return 0;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v <= 0) return 0;
    return v;
}

/* Report the option getopt_long refused. */
static int trace_bad_option(const trace_args *a, char **argv, int c)
{
    const char *arg = argv[optind - 1];
    if (c == ':') return trace_usage(a, "option %s needs a value", arg);
    if (arg[0] == '-' && arg[1] != '-' && optopt > 0 && optopt < 128) {
        char opt[3] = {'-', (char)optopt, '\0'};
        return trace_usage(a, "unknown option %s", opt);
    }
    return trace_usage(a, "unknown option %s", arg);
}

/* Apply one option c (value optarg) to a.  0, or 2 after a usage error. */
static int apply_option(trace_args *a, int c, const char *value)
{
    switch (c) {
    case OPT_JSON: case OPT_TRACE: case OPT_DOT: {
        enum trace_mode m = c == OPT_JSON ? MODE_JSON : c == OPT_TRACE ? MODE_TRACE : MODE_DOT;
        if (a->mode == MODE_WHY) return trace_usage(a, "why: %s is an option of `run'",
                                                    c == OPT_JSON ? "--json" : c == OPT_TRACE ? "--trace" : "--dot");
        if (a->mode != MODE_NONE && a->mode != m)
            return trace_usage(a, "%s", "choose one of --json, --trace and --dot");
        a->mode = m;
        if (c == OPT_DOT) a->dot_out = value;
        return 0;
    }
    case OPT_AT:
    case OPT_SNAPSHOT_AT: {
        long line = parse_line(value);
        if (line == 0) return trace_usage(a, "invalid line number '%s'", value);
        if (c == OPT_AT) {
            a->at_line = line;
            return 0;
        }
        long *nl = realloc(a->snapshot_lines, (a->nsnapshot_lines + 1) * sizeof *nl);
        if (nl == NULL) return trace_usage(a, "%s", "out of memory");
        a->snapshot_lines = nl;
        nl[a->nsnapshot_lines++] = line;
        return 0;
    }
    case OPT_SNAPSHOT_EVERY: a->snapshot_every_step = 1; return 0;
    case OPT_MAX_STEPS:
    case OPT_MAX_EVENTS: {
        char *end;
        errno = 0;
        long v = value[0] >= '0' && value[0] <= '9' ? strtol(value, &end, 10) : -1;
        if (v < 0 || errno != 0 || *end != '\0')
            return trace_usage(a, c == OPT_MAX_STEPS
                                      ? "invalid --max-steps value '%s' (a number of steps, 0: no limit)"
                                      : "invalid --max-events value '%s' (a number of events, 0: no limit)",
                               value);
        *(c == OPT_MAX_STEPS ? &a->max_steps : &a->max_events) = v == 0 ? -1 : v;
        return 0;
    }
    case OPT_COLOR:
        if (cli_color_choice(value, stdout) < 0)
            return trace_usage(a, "invalid --color value '%s' (auto, always or never)", value);
        a->color_arg = value;
        return 0;
    case OPT_VERBOSE: a->verbose = 1; return 0;
    case OPT_ALL_OBJECTS: a->all_objects = 1; return 0;
    case OPT_REPLAY: a->replay = value; return 0;
    case OPT_MAX_HEAP_T: {
        int ok;
        a->max_heap = cli_parse_size(value, &ok);
        if (!ok) return trace_usage(a, "invalid --max-heap value '%s' (a size such as 512M)", value);
        return 0;
    }
    default:
        return 2;
    }
}

/* Does argv (refgc run's, options before the program) ask for a traced
 * run?  Scans as a plain run does: up to -c's value, FILE or -. */
static int wants_trace(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (s[0] != '-' || s[1] == '\0') return 0;         /* FILE or - */
        if (strcmp(s, "--") == 0) return 0;
        if (s[1] != '-') return 0;                         /* -c and other short ones */
        const char *name = s + 2;
        size_t n = strcspn(name, "=");
        for (const struct option *o = traced_options; o->name; o++) {
            if (strlen(o->name) != n || strncmp(o->name, name, n) != 0) continue;
            if (o->val == OPT_JSON || o->val == OPT_TRACE || o->val == OPT_DOT) return 1;
            if (o->has_arg == required_argument && name[n] == '\0') i++;
            break;
        }
    }
    return 0;
}

/* Parse argv (argv[0]: the subcommand) into a; positional arguments into
 * pos (at most npos).  0, 2 after a usage error, or -2 after --help. */
static int parse_traced(trace_args *a, int argc, char **argv, const char **pos, int npos, int *got)
{
    int c;
    *got = 0;
    optind = 0;
    opterr = 0;
    /* "-" permutes: options may follow FILE (`--dot OUT FILE --at LINE`),
     * positional arguments are returned as option 1. */
    while ((c = getopt_long(argc, argv, "-:c:hv", traced_options, NULL)) != -1) {
        if (c == 1) {
            if (*got >= npos)
                return trace_usage(a, "unexpected argument '%s' (traced runs take no program arguments)", optarg);
            pos[(*got)++] = optarg;
        } else if (c == 'c') {
            a->code = optarg;
        } else if (c == 'h' || c == OPT_HELP_T) {
            return -2;
        } else if (c == 'v') {
            a->verbose = 1;
        } else if (c == '?' || c == ':') {
            return trace_bad_option(a, argv, c);
        } else if (apply_option(a, c, optarg) != 0) {
            return 2;
        }
    }
    return 0;
}

/* ====================================================================== */
/* Reading the program                                                     */
/* ====================================================================== */

/* The file path (or "-": stdin) read whole, or NULL after a message. */
static char *read_source(const trace_args *a, const char *path, size_t *len)
{
    if (strcmp(path, "-") == 0) {
        char *src = cli_read_all(stdin, len);
        if (src == NULL)
            fprintf(stderr, "%s: can't read <stdin>: [Errno %d] %s\n", a->progname, errno, strerror(errno));
        return src;
    }
    FILE *f = fopen(path, "rb");
    char *src = f ? cli_read_all(f, len) : NULL;
    if (src == NULL) {
        int e = errno;
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", a->progname, path, e, strerror(e));
    }
    if (f) fclose(f);
    return src;
}

/* ====================================================================== */
/* The stream                                                              */
/* ====================================================================== */

typedef struct stream_ctx {
    const trace_args *args;
    int color;
    cli_narrator *narrator;     /* MODE_TRACE */
    json_t *snapshot;           /* MODE_DOT: the chosen snapshot */
    json_t *why;                /* MODE_WHY: the answer */
    json_t *end;                /* the "end" event */
    int at_seen;                /* a step ran line --at */
    int bad_json;
} stream_ctx;

/* The program's output during --dot / why: stderr always, stdout only
 * when the answer does not go to stdout. */
static void forward_output(const stream_ctx *ctx, const json_t *ev)
{
    const char *stream = cli_json_str(ev, "stream", "stdout");
    const char *text = cli_json_str(ev, "text", "");
    int to_stdout = strcmp(stream, "stdout") == 0;
    if (to_stdout && (ctx->args->mode == MODE_WHY || strcmp(ctx->args->dot_out, "-") == 0)) return;
    fputs(text, to_stdout ? stdout : stderr);
}

/* One line of the stream (py_trace_writer). */
static void on_line(void *data, const char *line, size_t len)
{
    stream_ctx *ctx = data;
    enum trace_mode mode = ctx->args->mode;
    if (mode == MODE_JSON) {
        fwrite(line, 1, len, stdout);
        fputc('\n', stdout);
        /* Only the end event matters here (its reason). */
        if (memmem(line, len, "\"end\"", 5) == NULL) return;
    }
    json_error_t err;
    json_t *ev = json_loadb(line, len, 0, &err);
    if (!json_is_object(ev)) {
        ctx->bad_json++;
        json_decref(ev);
        return;
    }
    const char *kind = cli_json_str(ev, "ev", "");
    if (strcmp(kind, "end") == 0) {
        json_decref(ctx->end);
        ctx->end = json_incref(ev);
    } else if (strcmp(kind, "step") == 0 && ctx->args->at_line > 0 &&
               cli_json_int(ev, "line", 0) == ctx->args->at_line) {
        ctx->at_seen = 1;
    }
    switch (mode) {
    case MODE_TRACE:
        cli_narrator_event(ctx->narrator, ev);
        break;
    case MODE_DOT:
        if (strcmp(kind, "snapshot") == 0) {
            long at = ctx->args->at_line;
            if (at > 0 ? (ctx->snapshot == NULL && cli_json_int(ev, "line", 0) == at) : 1) {
                json_decref(ctx->snapshot);
                ctx->snapshot = json_incref(ev);
            }
        } else if (strcmp(kind, "output") == 0) {
            forward_output(ctx, ev);
        }
        break;
    case MODE_WHY:
        if (strcmp(kind, "why") == 0 && ctx->why == NULL) ctx->why = json_incref(ev);
        else if (strcmp(kind, "output") == 0) forward_output(ctx, ev);
        break;
    default:
        break;
    }
    json_decref(ev);
}

/* Feed a saved stream (one JSON object a line) to on_line.  0, or 2. */
static int replay_stream(const trace_args *a, stream_ctx *ctx)
{
    FILE *f = strcmp(a->replay, "-") == 0 ? stdin : fopen(a->replay, "rb");
    if (f == NULL) {
        fprintf(stderr, "%s: can't open stream '%s': [Errno %d] %s\n", a->progname, a->replay, errno, strerror(errno));
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
        if (n > 0) on_line(ctx, line, (size_t)n);
    }
    free(line);
    if (f != stdin) fclose(f);
    return 0;
}

/* The message for an end event that did not finish normally; the status
 * to exit with (status: what py_trace_run returned). */
static int report_end(const stream_ctx *ctx, int status)
{
    const trace_args *a = ctx->args;
    if (ctx->bad_json)
        fprintf(stderr, "%s: %d line(s) of the stream were not JSON objects (ignored)\n", a->progname,
                ctx->bad_json);
    if (ctx->end == NULL) {
        fprintf(stderr, "%s: the trace ended without an \"end\" event\n", a->progname);
        return status == 0 ? 1 : status;
    }
    const char *reason = cli_json_str(ctx->end, "reason", "finished");
    long long steps = cli_json_int(ctx->end, "steps", 0);
    if (a->replay != NULL) status = (int)cli_json_int(ctx->end, "status", 0);
    if (strcmp(reason, "step_limit") == 0) {
        fprintf(stderr, "%s: stopped after %lld steps (the step limit, --max-steps): the program did not finish.\n"
                        "Raise the limit with --max-steps N, or 0 for none.\n", a->progname, steps);
        return 3;
    }
    if (strcmp(reason, "event_limit") == 0) {
        fprintf(stderr, "%s: stopped after %lld steps: the run wrote the most events allowed (--max-events);\n"
                        "the program did not finish.  Raise the limit with --max-events N, or 0 for none.\n",
                a->progname, steps);
        return 3;
    }
    if (strcmp(reason, "memory") == 0)
        fprintf(stderr, "%s: stopped: the heap limit (--max-heap) was reached\n", a->progname);
    return status;
}

/* Run (or replay) with the stream going to ctx; the exit status. */
static int run_stream(const trace_args *a, stream_ctx *ctx)
{
    if (a->replay != NULL) {
        int r = replay_stream(a, ctx);
        return r != 0 ? r : report_end(ctx, 0);
    }
    size_t len = 0;
    char *src;
    char *filename;
    if (a->code != NULL) {
        src = strdup(a->code);
        len = strlen(a->code);
        filename = strdup("<string>");
    } else {
        src = read_source(a, a->file, &len);
        if (src == NULL) return 2;
        filename = strcmp(a->file, "-") == 0 ? strdup("<stdin>") : cli_absolute_path(a->file);
    }
    if (src == NULL || filename == NULL) {
        free(src);
        free(filename);
        fprintf(stderr, "%s: out of memory\n", a->progname);
        return 1;
    }
    py_trace_options o;
    memset(&o, 0, sizeof o);
    o.max_steps = a->max_steps;
    o.max_events = a->max_events;
    o.snapshot_every_step = a->snapshot_every_step;
    o.snapshot_lines = a->snapshot_lines;
    o.nsnapshot_lines = a->nsnapshot_lines;
    o.all_objects = a->all_objects;
    o.max_heap = a->max_heap;
    long at = a->at_line;
    if (a->mode == MODE_DOT) {
        if (at > 0) {
            o.snapshot_lines = &at;
            o.nsnapshot_lines = 1;
        } else {
            o.snapshot_at_end = 1;
        }
    } else if (a->mode == MODE_WHY) {
        o.why_expr = a->expr;
        o.why_line = at;
    }
    int status = py_trace_run(src, len, filename, &o, on_line, ctx);
    free(src);
    free(filename);
    fflush(stdout);
    if (status < 0) {
        fprintf(stderr, "%s: the traced run could not start (out of memory)\n", a->progname);
        return 1;
    }
    return report_end(ctx, status);
}

/* Check the combination of options of a; 0 or 2. */
static int check_args(trace_args *a)
{
    if (a->at_line > 0 && a->mode != MODE_DOT && a->mode != MODE_WHY)
        return trace_usage(a, "%s", "--at LINE goes with --dot or why");
    if ((a->nsnapshot_lines > 0 || a->snapshot_every_step) && a->mode != MODE_JSON && a->mode != MODE_TRACE)
        return trace_usage(a, "%s", "--snapshot-at and --snapshot-every-step go with --json or --trace");
    if (a->verbose && a->mode != MODE_TRACE) return trace_usage(a, "%s", "--verbose goes with --trace");
    if (a->replay != NULL && (a->code != NULL || a->file != NULL))
        return trace_usage(a, "%s", "--replay STREAM replaces the program: give no FILE");
    if (a->replay == NULL && a->code == NULL && a->file == NULL)
        return trace_usage(a, "%s", "expected FILE, -c CODE or - (the program to trace)");
    if (a->replay != NULL && a->mode == MODE_WHY)
        return trace_usage(a, "%s", "why needs the program (a saved stream has no answer to EXPR)");
    return 0;
}

/* Run the parsed command; the exit status. */
static int traced_main(trace_args *a)
{
    int r = check_args(a);
    if (r != 0) return r;
    stream_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.args = a;
    ctx.color = cli_color_choice(a->color_arg, stdout);
    if (a->mode == MODE_TRACE) {
        ctx.narrator = cli_narrator_new(stdout, ctx.color, a->verbose);
        if (ctx.narrator == NULL) {
            fprintf(stderr, "%s: out of memory\n", a->progname);
            return 1;
        }
    }
    int status = run_stream(a, &ctx);
    if (ctx.narrator != NULL) cli_narrator_finish(ctx.narrator);
    if (status != 2 && a->mode == MODE_DOT) {
        if (ctx.snapshot == NULL || (a->at_line > 0 && !ctx.at_seen)) {
            if (a->at_line > 0 && !ctx.at_seen)
                fprintf(stderr, "%s: line %ld never ran: no graph to draw\n", a->progname, a->at_line);
            else if (a->replay != NULL)
                fprintf(stderr, "%s: the stream has no snapshot to draw (save it with --json --snapshot-at LINE)\n",
                        a->progname);
            else
                fprintf(stderr, "%s: no graph to draw: the program did not run\n", a->progname);
            if (status == 0 || status == 3) status = 1;
        } else if (cli_dot_save(a->dot_out, ctx.snapshot, a->progname) != 0) {
            status = 1;
        }
    }
    if (status != 2 && a->mode == MODE_WHY) {
        if (ctx.why == NULL || (a->at_line > 0 && !ctx.at_seen)) {
            if (a->at_line > 0 && !ctx.at_seen)
                fprintf(stderr, "%s: line %ld never ran: nothing to explain\n", a->progname, a->at_line);
            else fprintf(stderr, "%s: no answer for '%s' (the program did not reach its end)\n", a->progname, a->expr);
            if (status == 0) status = 1;
        } else if (cli_why_print(stdout, ctx.why, ctx.color) != 0) {
            status = 1;
        } else if (status == 3 && a->at_line > 0) {
            status = 0; /* the answer came before the limit */
        }
    }
    json_decref(ctx.snapshot);
    json_decref(ctx.why);
    json_decref(ctx.end);
    if (fflush(stdout) != 0 || ferror(stdout)) return 120;
    return status;
}

/* ====================================================================== */
/* Entry points                                                            */
/* ====================================================================== */

/* `refgc run` with --json/--trace/--dot; -1 for a plain run. */
int cli_run_traced(int argc, char **argv, size_t max_heap, const char *progname)
{
    if (!wants_trace(argc, argv)) return -1;
    trace_args a;
    memset(&a, 0, sizeof a);
    a.progname = progname;
    a.max_heap = max_heap;
    const char *pos[1];
    int got;
    int r = parse_traced(&a, argc, argv, pos, 1, &got);
    if (r == -2) {
        cli_trace_help(stdout);
        free(a.snapshot_lines);
        return 0;
    }
    if (r == 0) {
        if (got == 1) a.file = pos[0];
        if (a.code != NULL && got == 1)
            r = trace_usage(&a, "unexpected argument '%s' (traced runs take no program arguments)", pos[0]);
        else
            r = traced_main(&a);
    }
    free(a.snapshot_lines);
    return r;
}

/* `refgc why EXPR FILE [--at LINE]`. */
int cli_why_main(int argc, char **argv, size_t max_heap, const char *progname)
{
    trace_args a;
    memset(&a, 0, sizeof a);
    a.progname = progname;
    a.max_heap = max_heap;
    a.mode = MODE_WHY;
    const char *pos[2];
    int got;
    int r = parse_traced(&a, argc, argv, pos, 2, &got);
    if (r == -2) {
        cli_trace_help(stdout);
        free(a.snapshot_lines);
        return 0;
    }
    if (r == 0) {
        if (got < 1 || (got < 2 && a.code == NULL) || (got == 2 && a.code != NULL)) {
            r = trace_usage(&a, "%s", "usage: why EXPR FILE [--at LINE]  (or why EXPR -c CODE)");
        } else {
            a.expr = pos[0];
            if (got == 2) a.file = pos[1];
            r = traced_main(&a);
        }
    }
    free(a.snapshot_lines);
    return r;
}

/* The --help paragraph of the traced commands. */
void cli_trace_help(FILE *f)
{
    fprintf(f,
            "Watching memory (a traced run: the program's output is part of the trace):\n"
            "  run --trace FILE      narrate each line run: objects created and freed (type,\n"
            "                        size class, block), refcount changes and their causes,\n"
            "                        gc counts against thresholds, collections phase by\n"
            "                        phase, free-list reuse, the program's output in place\n"
            "      --verbose, -v     also what the program did not cause itself\n"
            "      --color=WHEN      auto (default: only on a terminal, not with NO_COLOR\n"
            "                        or TERM=dumb), always or never\n"
            "      --snapshot-at LINE    after LINE: the refcount, generation, length and\n"
            "                        capacity of each object shown (list over-allocation)\n"
            "  run --json FILE       the event stream as JSON Lines (docs/events.md)\n"
            "      --snapshot-at LINE    add a heap snapshot after each step of LINE\n"
            "                            (repeatable)\n"
            "      --snapshot-every-step a snapshot after every step\n"
            "      --all-objects         snapshots list every tracked object\n"
            "  run --dot OUT FILE [--at LINE]\n"
            "                        the object graph (names -> objects, refcounts,\n"
            "                        generation as colour, untracked grey) at the end or\n"
            "                        after LINE first ran: DOT text, or SVG/PNG through\n"
            "                        Graphviz when OUT ends in .svg/.png (- : stdout)\n"
            "  why EXPR FILE [--at LINE]\n"
            "                        why the object EXPR gives is still alive: its path\n"
            "                        from a root, or why it was not freed yet\n"
            "  --max-steps N         stop a traced run after N line steps (default %d,\n"
            "                        0: no limit); exit status 3 when it stops there\n"
            "  --max-events N        stop a traced run after N lines of events (default %d,\n"
            "                        0: no limit); exit status 3 when it stops there\n"
            "  --replay STREAM       render a stream saved by --json instead of running\n"
            "                        (with --trace or --dot)\n"
            "  -c CODE and - (stdin) work as for run; traced runs take no program\n"
            "  arguments.\n",
            PY_TRACE_DEFAULT_MAX_STEPS, PY_TRACE_DEFAULT_MAX_EVENTS);
}
