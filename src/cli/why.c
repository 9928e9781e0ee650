/*
 * why.c -- `refgc why EXPR FILE [--at LINE]`: the "why" event of the
 * stream (docs/events.md) told for a learner: the path of references from
 * a root to the object; or, when no root reaches it, why it was not freed
 * yet (an unreachable cycle waiting for a collection of generation N --
 * counts against thresholds -- or a refcount above zero with the
 * referrers the trace knows).  Reads the event only (its "explanation"
 * says the same in one sentence: the page shows it; not repeated here).
 */
#include "cli/trace_cli.h"

#include <string.h>

/* "name a (in <module>)", "[2]", ".attr", "['k']" for one hop or
 * referrer r, into f. */
static void write_hop(FILE *f, const json_t *r)
{
    const char *kind = cli_json_str(r, "kind", "");
    if (strcmp(kind, "name") == 0) {
        json_t *fr = json_object_get(r, "frame");
        fprintf(f, "name %s", cli_json_str(r, "name", "?"));
        if (json_is_string(fr)) fprintf(f, " (in %s)", json_string_value(fr));
    } else if (strcmp(kind, "item") == 0) {
        fprintf(f, "slot [%lld]", cli_json_int(r, "index", 0));
    } else if (strcmp(kind, "value") == 0) {
        fprintf(f, "value of key %s", cli_json_str(r, "key", "?"));
    } else if (strcmp(kind, "key") == 0) {
        fputs("a dict key", f);
    } else if (strcmp(kind, "attr") == 0) {
        fprintf(f, "attribute .%s", cli_json_str(r, "name", "?"));
    } else if (strcmp(kind, "cell") == 0) {
        fputs("a closure cell", f);
    } else if (strcmp(kind, "ref") == 0) {
        const char *from = cli_json_str(r, "from_type", "object");
        fprintf(f, "a reference from %s %s", cli_article(from), from);
    } else if (strcmp(kind, "stack") == 0) {
        fputs("the interpreter's stack", f);
    } else {
        fputs(kind[0] ? kind : "a reference", f);
    }
}

/* One line per hop of the path: how each object holds the next. */
static void write_path(FILE *out, const json_t *path, int color)
{
    size_t i;
    json_t *hop;
    json_array_foreach(path, i, hop) {
        fprintf(out, "  %s%s", i == 0 ? "" : "-> ", cli_style(color, CLI_STYLE_REF));
        write_hop(out, hop);
        fputs(cli_style_end(color), out);
        const char *type = cli_json_str(hop, "type", NULL);
        fprintf(out, "  %sholds ", cli_style(color, CLI_STYLE_DIM));
        if (type) fprintf(out, "%s %s, ", cli_article(type), type);
        fprintf(out, "id %lld%s\n", cli_json_int(hop, "id", 0), cli_style_end(color));
    }
}

/* Print the "why" event ev; 0, or 1 when it reports an error. */
int cli_why_print(FILE *out, const json_t *ev, int color)
{
    const char *expr = cli_json_str(ev, "expr", "?");
    const char *error = cli_json_str(ev, "error", NULL);
    if (error != NULL) {
        fflush(out);
        fprintf(stderr, "%s\n", error);
        return 1;
    }
    const char *alive = cli_json_str(ev, "alive", "reachable");
    const char *type = cli_json_str(ev, "type", "object");
    fprintf(out, "%s%s%s is %s %s (id %lld) with refcount %lld.\n", cli_style(color, CLI_STYLE_LINE), expr,
            cli_style_end(color), cli_article(type), type, cli_json_int(ev, "id", 0), cli_json_int(ev, "refcount", 0));
    if (strcmp(alive, "reachable") == 0) {
        fprintf(out, "It is alive because a root reaches it:\n");
        write_path(out, json_object_get(ev, "path"), color);
    } else if (strcmp(alive, "cycle") == 0) {
        long long gen = cli_json_int(ev, "gen", 0);
        long long c[3] = {0, 0, 0}, t[3] = {0, 0, 0};
        cli_json_counts(ev, "counts", c);
        cli_json_counts(ev, "thresholds", t);
        for (size_t i = 0; i < 3; i++) {
            /* counts and thresholds are small: clamp what is not */
            if (c[i] < 0 || c[i] > (1LL << 40)) c[i] = 0;
            if (t[i] < 0 || t[i] > (1LL << 40)) t[i] = 0;
        }
        fprintf(out, "No root reaches it: it is garbage kept alive by a reference cycle, which\n"
                     "reference counting alone never frees.  The cyclic collector frees it at\n"
                     "the next collection of generation %lld, or at gc.collect().\n", gen);
        if (gen == 0)
            /* CPython collects when the count goes past the threshold */
            fprintf(out, "Generation 0: count %lld, threshold %lld -- %lld more net allocations of\n"
                         "gc-tracked objects start one.\n", c[0], t[0], t[0] >= c[0] ? t[0] - c[0] + 1 : 0);
        else if (gen > 0 && gen < 3)
            fprintf(out, "Generation %lld: count %lld, threshold %lld (it counts collections of\n"
                         "generation %lld).\n", gen, c[gen], t[gen], gen - 1);
        json_t *path = json_object_get(ev, "path");
        if (json_array_size(path) > 0) {
            fprintf(out, "The cycle:\n");
            write_path(out, path, color);
        }
    } else if (cli_json_int(ev, "refcount", 0) <= 0) {
        fprintf(out, "Nothing refers to it but the evaluation of the expression itself: it is\n"
                     "freed as soon as that ends (its refcount drops to 0).\n");
    } else {
        fprintf(out, "Its refcount is above zero but no root the trace can see reaches it.\n");
        json_t *refs = json_object_get(ev, "referrers");
        if (json_array_size(refs) > 0) {
            fprintf(out, "Referrers known:\n");
            size_t i;
            json_t *r;
            json_array_foreach(refs, i, r) {
                fputs("  ", out);
                write_hop(out, r);
                if (json_is_integer(json_object_get(r, "id")))
                    fprintf(out, " of id %lld", cli_json_int(r, "id", 0));
                fputc('\n', out);
            }
        }
    }
    return 0;
}
