/*
 * trace_cli.h -- what the traced commands of src/cli share: `refgc run
 * --json/--trace/--dot` and `refgc why` (trace_cli.c: options, running
 * py_trace_run or replaying a saved stream), and the renderers that read
 * the JSON Lines stream of docs/events.md (narrate.c, dot.c, why.c).
 *
 * Invariant: the renderers read the stream only (one parsed JSON object
 * per event), never the VM, so the terminal, --json, the page and the
 * tests share one truth.
 */
#ifndef REFGC_CLI_TRACE_CLI_H
#define REFGC_CLI_TRACE_CLI_H

#include <jansson.h>
#include <stdio.h>

/* ---- terminal styles (narrate.c, why.c) ---- */

/* Colour styles: an index into cli_style's table. */
enum cli_style_id {
    CLI_STYLE_LINE,    /* the source line being run */
    CLI_STYLE_NEW,     /* an object created */
    CLI_STYLE_FREE,    /* an object freed */
    CLI_STYLE_REF,     /* a refcount change */
    CLI_STYLE_GC,      /* the collector */
    CLI_STYLE_OUT,     /* the program's output */
    CLI_STYLE_DIM,     /* secondary details */
    CLI_STYLE_ERROR,   /* errors */
    CLI_STYLE_COUNT
};

/* The escape sequence that starts style s ("" without colour). */
const char *cli_style(int color, int s);
/* The sequence that ends a style ("" without colour). */
const char *cli_style_end(int color);

/* --color=auto|always|never on stream f -> 1 (colour) or 0; -1 for a bad
 * value.  auto: only on a terminal, not with NO_COLOR (non-empty) or
 * TERM=dumb. */
int cli_color_choice(const char *value, FILE *f);

/* ---- small helpers (trace_cli.c) ---- */

/* "a" or "an" before word ("an int", "a list"). */
const char *cli_article(const char *word);

/* ev[key] as an integer (def when absent or not a number). */
long long cli_json_int(const json_t *ev, const char *key, long long def);
/* ev[key] as a string (def when absent or not a string). */
const char *cli_json_str(const json_t *ev, const char *key, const char *def);
/* ev[key], an array of 3 integers (generation counts, thresholds), into
 * out; 1 when present, else 0 and out zeroed. */
int cli_json_counts(const json_t *ev, const char *key, long long out[3]);

/* ---- --trace: the narration (narrate.c) ---- */

typedef struct cli_narrator cli_narrator;

/* A narrator writing to out; verbose: also the internals the program did
 * not cause.  NULL when out of memory. */
cli_narrator *cli_narrator_new(FILE *out, int color, int verbose);
/* Feed one event (borrowed). */
void cli_narrator_event(cli_narrator *n, json_t *ev);
/* Write what is still buffered (after the last event) and free n. */
void cli_narrator_finish(cli_narrator *n);

/* ---- --dot: the object graph (dot.c) ---- */

/* Write snapshot (a "snapshot" event) as a Graphviz digraph to f. */
void cli_dot_write(FILE *f, const json_t *snapshot);
/* Write the graph of snapshot to path: DOT text, or SVG/PNG through
 * Graphviz `dot` when path ends in .svg/.png ("-": DOT on stdout).  0, or
 * 1 after printing an error on stderr. */
int cli_dot_save(const char *path, const json_t *snapshot, const char *progname);

/* ---- refgc why: the answer (why.c) ---- */

/* Print the "why" event ev for a learner.  0, or 1 when ev reports an
 * error (printed on stderr). */
int cli_why_print(FILE *out, const json_t *ev, int color);

/* ---- the commands (trace_cli.c) ---- */

/* `refgc run` with --json, --trace or --dot (argv as cmd_run got it:
 * argv[0] is "run").  Returns -1 when none of those options is present (a
 * plain run), else the exit status. */
int cli_run_traced(int argc, char **argv, size_t max_heap, const char *progname);
/* `refgc why EXPR FILE [--at LINE]`: the exit status. */
int cli_why_main(int argc, char **argv, size_t max_heap, const char *progname);
/* The --help paragraph of the traced options. */
void cli_trace_help(FILE *f);

#endif
