/*
 * dot.c -- `refgc run --dot OUT FILE [--at LINE]`: the object graph of one
 * snapshot event (docs/events.md) as Graphviz DOT, or SVG/PNG through the
 * `dot` program when OUT ends in .svg / .png.
 *
 * The graph: each frame a box of its names, an arrow from each name to its
 * object; each object a node with its type, a short repr and its refcount,
 * filled with its generation's colour (untracked grey); an arrow for each
 * reference between objects, labelled with the slot, key or attribute the
 * snapshot names.  Modules are drawn but not followed (their dicts reach
 * the whole interpreter).  Output is deterministic (snapshot order).
 */
#include "cli/trace_cli.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define REPR_MAX 32

/* ====================================================================== */
/* Text                                                                    */
/* ====================================================================== */

/* s as the inside of a DOT "..." string (at most max bytes of s, "..."
 * after a cut; newlines shown as \n). */
static void put_escaped(FILE *f, const char *s, size_t max)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++, n++) {
        if (n >= max) {
            /* do not cut a UTF-8 sequence */
            if ((*p & 0xC0) == 0x80) {
                fputc(*p, f);
                continue;
            }
            fputs("...", f);
            return;
        }
        if (*p == '"' || *p == '\\') fputc('\\', f), fputc(*p, f);
        else if (*p == '\n') fputs("\\\\n", f);
        else if (*p < 0x20) fputc(' ', f);
        else fputc(*p, f);
    }
}

/* The fill colour of generation gen (-1: untracked). */
static const char *gen_color(long long gen)
{
    switch (gen) {
    case 0: return "#c7ecc7";   /* young: green */
    case 1: return "#fde6a0";   /* middle: yellow */
    case 2: return "#f7c1a8";   /* old: orange */
    case 3: return "#d5c8f5";   /* permanent (gc.freeze): violet */
    default: return "#e4e4e4";  /* untracked: grey */
    }
}

/* ====================================================================== */
/* The graph                                                               */
/* ====================================================================== */

/* ====================================================================== */
/* Which objects to draw                                                   */
/* ====================================================================== */

/* One object of the snapshot. */
typedef struct node {
    const json_t *o;
    long long id;
    int keep;          /* drawn */
    int expand;        /* its references are drawn and followed */
    int unreachable;   /* garbage: only other garbage refers to it */
    long gc_refs;      /* scratch of the garbage search */
} node;

/* The graph being drawn. */
typedef struct graph {
    node *nodes;       /* sorted by id */
    size_t n;
    size_t kept;
} graph;

/* qsort order of nodes: by id. */
static int cmp_node(const void *a, const void *b)
{
    long long x = ((const node *)a)->id, y = ((const node *)b)->id;
    return x < y ? -1 : x > y;
}

/* The node of id, or NULL. */
static node *find_node(const graph *g, long long id)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->nodes[mid].id == id) return &g->nodes[mid];
        if (g->nodes[mid].id < id) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* Objects drawn but not followed: their references lead into the
 * interpreter (a module's dict, a function's globals, a type's methods). */
static int is_leaf_type(const char *type)
{
    static const char *const leaves[] = {"module", "type", "function", "builtin_function_or_method", "code",
                                         "method_descriptor", "wrapper_descriptor", "getset_descriptor",
                                         "member_descriptor", "classmethod_descriptor", "method-wrapper",
                                         "frame", NULL};
    for (int i = 0; leaves[i]; i++)
        if (strcmp(type, leaves[i]) == 0) return 1;
    return 0;
}

#define GRAPH_MAX_NODES 300

/* Keep what the names reach (breadth first, at most GRAPH_MAX_NODES). */
static void keep_reachable(graph *g, const json_t *snapshot)
{
    node **queue = malloc((g->n + 1) * sizeof *queue);
    if (queue == NULL) return;
    size_t head = 0, tail = 0;
    size_t i, j;
    json_t *fr, *nm;
    json_array_foreach(json_object_get(snapshot, "frames"), i, fr) {
        json_array_foreach(json_object_get(fr, "names"), j, nm) {
            node *x = find_node(g, cli_json_int(nm, "id", 0));
            if (x != NULL && !x->keep && g->kept < GRAPH_MAX_NODES) {
                x->keep = 1;
                g->kept++;
                queue[tail++] = x;
            }
        }
    }
    while (head < tail) {
        node *x = queue[head++];
        if (!x->expand) continue;
        json_array_foreach(json_object_get(x->o, "referents"), j, nm) {
            node *y = find_node(g, json_integer_value(nm));
            if (y != NULL && !y->keep && g->kept < GRAPH_MAX_NODES) {
                y->keep = 1;
                g->kept++;
                queue[tail++] = y;
            }
        }
    }
    free(queue);
}

/* Keep the garbage: tracked objects no name reaches whose references all
 * come from other such objects -- the collector's own test (refcount
 * minus the references from inside the group), run on the snapshot. */
static void keep_garbage(graph *g)
{
    size_t j;
    json_t *r;
    for (size_t i = 0; i < g->n; i++) {
        node *x = &g->nodes[i];
        x->gc_refs = -1;
        if (!x->keep && x->expand && json_is_true(json_object_get(x->o, "tracked")))
            x->gc_refs = (long)cli_json_int(x->o, "refcount", 0);
    }
    for (size_t i = 0; i < g->n; i++) {
        if (g->nodes[i].gc_refs < 0) continue;
        json_array_foreach(json_object_get(g->nodes[i].o, "referents"), j, r) {
            node *y = find_node(g, json_integer_value(r));
            if (y != NULL && y->gc_refs > 0) y->gc_refs--;
        }
    }
    /* Whatever an externally held candidate reaches is not garbage. */
    node **stack = malloc((g->n + 1) * sizeof *stack);
    if (stack == NULL) return;
    size_t top = 0;
    for (size_t i = 0; i < g->n; i++)
        if (g->nodes[i].gc_refs > 0) stack[top++] = &g->nodes[i];
    while (top > 0) {
        node *x = stack[--top];
        json_array_foreach(json_object_get(x->o, "referents"), j, r) {
            node *y = find_node(g, json_integer_value(r));
            if (y != NULL && y->gc_refs == 0) {
                y->gc_refs = 1;
                stack[top++] = y;
            }
        }
    }
    free(stack);
    for (size_t i = 0; i < g->n && g->kept < GRAPH_MAX_NODES; i++) {
        if (g->nodes[i].gc_refs != 0) continue;
        g->nodes[i].keep = 1;
        g->nodes[i].unreachable = 1;
        g->kept++;
    }
}

/* The graph of snapshot (nodes sorted by id), or 0 on failure. */
static int build_graph(graph *g, const json_t *snapshot)
{
    const json_t *objects = json_object_get(snapshot, "objects");
    g->n = json_array_size(objects);
    g->kept = 0;
    g->nodes = calloc(g->n + 1, sizeof *g->nodes);
    if (g->nodes == NULL) return 0;
    size_t i;
    json_t *o;
    size_t n = 0;
    json_array_foreach(objects, i, o) {
        if (!json_is_integer(json_object_get(o, "id"))) continue; /* not an object of the schema */
        g->nodes[n].o = o;
        g->nodes[n].id = json_integer_value(json_object_get(o, "id"));
        g->nodes[n].expand = !is_leaf_type(cli_json_str(o, "type", ""));
        n++;
    }
    g->n = n;
    qsort(g->nodes, g->n, sizeof *g->nodes, cmp_node);
    keep_reachable(g, snapshot);
    keep_garbage(g);
    return 1;
}

/* ====================================================================== */
/* Writing                                                                 */
/* ====================================================================== */

/* The label of the referrer entry r as an edge label into f. */
static void edge_label(FILE *f, const json_t *r)
{
    const char *kind = cli_json_str(r, "kind", "");
    if (strcmp(kind, "item") == 0) {
        fprintf(f, "[%lld]", cli_json_int(r, "index", 0));
    } else if (strcmp(kind, "value") == 0) {
        fputc('[', f);
        put_escaped(f, cli_json_str(r, "key", "?"), REPR_MAX);
        fputc(']', f);
    } else if (strcmp(kind, "key") == 0) {
        fputs("key", f);
    } else if (strcmp(kind, "attr") == 0) {
        fputc('.', f);
        put_escaped(f, cli_json_str(r, "name", "?"), REPR_MAX);
    } else if (strcmp(kind, "cell") == 0) {
        fputs("cell", f);
    }
}

/* Does object target have a referrer entry naming source? */
static int has_named_referrer(const json_t *target, long long source)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(target, "referrers"), i, r) {
        if (json_is_integer(json_object_get(r, "id")) && cli_json_int(r, "id", 0) == source) return 1;
    }
    return 0;
}

/* The nodes: one per object kept, in id order. */
static void write_objects(FILE *f, const graph *g)
{
    for (size_t i = 0; i < g->n; i++) {
        const node *x = &g->nodes[i];
        if (!x->keep) continue;
        const json_t *o = x->o;
        int tracked = json_is_true(json_object_get(o, "tracked"));
        long long gen = tracked ? cli_json_int(o, "gen", -1) : -1;
        fprintf(f, "  o%lld [fillcolor=\"%s\"%s, label=\"", x->id, gen_color(gen),
                x->unreachable ? ", color=\"#c0392b\", penwidth=2, style=\"rounded,filled,dashed\"" : "");
        put_escaped(f, cli_json_str(o, "type", "object"), REPR_MAX);
        const char *repr = cli_json_str(o, "repr", NULL);
        if (repr != NULL) {
            fputs("\\n", f);
            put_escaped(f, repr, REPR_MAX);
        }
        fprintf(f, "\\nrefcount %lld", cli_json_int(o, "refcount", 0));
        if (json_is_integer(json_object_get(o, "capacity")))
            fprintf(f, "\\nlen %lld / capacity %lld", cli_json_int(o, "len", 0), cli_json_int(o, "capacity", 0));
        const char *where = !tracked ? "untracked" : gen == 0 ? "gen 0" : gen == 1 ? "gen 1" : gen == 2 ? "gen 2"
                                                                                                  : "permanent";
        fprintf(f, "\\n%s%s\"];\n", where, x->unreachable ? ", unreachable" : "");
    }
}

/* The edges between kept objects: labelled from the referrers, the rest
 * from the referents (once per pair). */
static void write_references(FILE *f, const graph *g)
{
    size_t j, k;
    json_t *r;
    for (size_t i = 0; i < g->n; i++) {
        const node *x = &g->nodes[i];
        if (!x->keep) continue;
        json_array_foreach(json_object_get(x->o, "referrers"), j, r) {
            json_t *src = json_object_get(r, "id");
            const node *s = json_is_integer(src) ? find_node(g, json_integer_value(src)) : NULL;
            if (s == NULL || !s->keep || !s->expand) continue;
            fprintf(f, "  o%lld -> o%lld [label=\"", s->id, x->id);
            edge_label(f, r);
            fputs("\"];\n", f);
        }
    }
    for (size_t i = 0; i < g->n; i++) {
        const node *x = &g->nodes[i];
        if (!x->keep || !x->expand) continue;
        json_t *refs = json_object_get(x->o, "referents");
        json_array_foreach(refs, j, r) {
            long long to = json_integer_value(r);
            int seen = 0;
            for (k = 0; k < j && !seen; k++) seen = json_integer_value(json_array_get(refs, k)) == to;
            const node *t = find_node(g, to);
            if (seen || t == NULL || !t->keep || has_named_referrer(t->o, x->id)) continue;
            fprintf(f, "  o%lld -> o%lld;\n", x->id, to);
        }
    }
}

/* The frames: a cluster of names each, an arrow to each name's object. */
static void write_frames(FILE *f, const json_t *snapshot, const graph *g)
{
    size_t i, j;
    json_t *fr, *nm;
    json_array_foreach(json_object_get(snapshot, "frames"), i, fr) {
        fprintf(f, "  subgraph cluster_frame%zu {\n    label=\"", i);
        put_escaped(f, cli_json_str(fr, "frame", "?"), REPR_MAX);
        fprintf(f, "\";\n    style=\"rounded\"; color=\"#888888\";\n");
        json_array_foreach(json_object_get(fr, "names"), j, nm) {
            fprintf(f, "    f%zu_%zu [shape=plaintext, style=\"\", label=\"", i, j);
            put_escaped(f, cli_json_str(nm, "name", "?"), REPR_MAX);
            fputs("\"];\n", f);
        }
        if (json_array_size(json_object_get(fr, "names")) == 0)
            fprintf(f, "    f%zu_none [shape=plaintext, style=\"\", label=\"(no names)\"];\n", i);
        fputs("  }\n", f);
        json_array_foreach(json_object_get(fr, "names"), j, nm) {
            json_t *id = json_object_get(nm, "id");
            const node *x = json_is_integer(id) ? find_node(g, json_integer_value(id)) : NULL;
            if (x != NULL && x->keep) fprintf(f, "  f%zu_%zu -> o%lld;\n", i, j, x->id);
        }
    }
}

/* Write snapshot as a Graphviz digraph to f. */
void cli_dot_write(FILE *f, const json_t *snapshot)
{
    graph g;
    if (!build_graph(&g, snapshot)) g.n = 0;
    fputs("digraph refgc {\n", f);
    fprintf(f, "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labelloc=t, label=\"");
    long long line = cli_json_int(snapshot, "line", 0), step = cli_json_int(snapshot, "step", 0);
    if (step > 0) fprintf(f, "after line %lld (step %lld)", line, step);
    else fputs("at the end of the program", f);
    json_t *gc = json_object_get(snapshot, "gc");
    if (gc != NULL) {
        long long c[3], t[3];
        cli_json_counts(gc, "counts", c);
        cli_json_counts(gc, "thresholds", t);
        fprintf(f, "    gc counts %lld/%lld %lld/%lld %lld/%lld", c[0], t[0], c[1], t[1], c[2], t[2]);
    }
    if (g.kept >= GRAPH_MAX_NODES) fprintf(f, "    (first %d objects)", GRAPH_MAX_NODES);
    fputs("\"];\n", f);
    fputs("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n", f);
    fputs("  edge [fontname=\"Helvetica\", fontsize=9];\n", f);
    write_frames(f, snapshot, &g);
    write_objects(f, &g);
    write_references(f, &g);
    /* the legend: one small table */
    fputs("  legend [shape=plaintext, style=\"\", label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" "
          "cellpadding=\"3\">", f);
    static const char *const names[] = {"gen 0", "gen 1", "gen 2", "permanent", "untracked"};
    for (int k = 0; k < 5; k++) fprintf(f, "<tr><td bgcolor=\"%s\">%s</td></tr>", gen_color(k < 4 ? k : -1), names[k]);
    fputs("</table>>];\n", f);
    fputs("}\n", f);
    free(g.nodes);
}

/* ====================================================================== */
/* Saving                                                                  */
/* ====================================================================== */

/* Does path end in suffix? */
static int ends_with(const char *path, const char *suffix)
{
    size_t a = strlen(path), b = strlen(suffix);
    return a >= b && strcmp(path + a - b, suffix) == 0;
}

/* Pipe the graph into `dot -T<format> -o path`.  0, or 1 after a message. */
static int save_through_dot(const char *path, const char *format, const json_t *snapshot, const char *progname)
{
    int fds[2];
    if (pipe(fds) != 0) {
        fprintf(stderr, "%s: pipe: %s\n", progname, strerror(errno));
        return 1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[0], 0);
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    char tflag[16];
    snprintf(tflag, sizeof tflag, "-T%s", format);
    char *args[] = {(char *)"dot", tflag, (char *)"-o", (char *)path, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, "dot", &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[0]);
    if (rc != 0) {
        close(fds[1]);
        if (rc == ENOENT)
            fprintf(stderr,
                    "%s: Graphviz's `dot' was not found (install graphviz), or write DOT text: --dot FILE.dot\n",
                    progname);
        else
            fprintf(stderr, "%s: cannot run dot: %s\n", progname, strerror(rc));
        return 1;
    }
    /* A dot that dies early must not kill us with SIGPIPE. */
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    FILE *f = fdopen(fds[1], "w");
    if (f != NULL) {
        cli_dot_write(f, snapshot);
        fclose(f);
    } else {
        close(fds[1]);
    }
    signal(SIGPIPE, old);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "%s: dot failed to write '%s'\n", progname, path);
        return 1;
    }
    return 0;
}

/* Write the graph of snapshot to path (DOT, or SVG/PNG through dot). */
int cli_dot_save(const char *path, const json_t *snapshot, const char *progname)
{
    if (ends_with(path, ".svg")) return save_through_dot(path, "svg", snapshot, progname);
    if (ends_with(path, ".png")) return save_through_dot(path, "png", snapshot, progname);
    if (strcmp(path, "-") == 0) {
        cli_dot_write(stdout, snapshot);
        return 0;
    }
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "%s: can't write '%s': [Errno %d] %s\n", progname, path, errno, strerror(errno));
        return 1;
    }
    cli_dot_write(f, snapshot);
    if (fclose(f) != 0) {
        fprintf(stderr, "%s: can't write '%s': %s\n", progname, path, strerror(errno));
        return 1;
    }
    return 0;
}
