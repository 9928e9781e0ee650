/*
 * narrate.c -- `refgc run --trace`: the event stream of docs/events.md
 * told line by line for a learner.
 *
 * Each step's events are buffered until the next step (or the end), then
 * written under the source line that caused them: objects created (size,
 * size class, block, generation) and freed (block given back or kept on a
 * free list), refcount changes with their causes, the program's output in
 * place, calls and returns, collections phase by phase, gc counts against
 * thresholds when they change.  Without --verbose the internals the
 * program did not cause are left out: objects created and freed within one
 * step (temporaries), changes whose cause is "interpreter internals" or
 * the value stack, new objects that neither a name nor a shown container
 * refers to, block/pool/track events (but huge mapped buffers and arenas
 * are shown), objects of the interpreter in collector phases (counted, not
 * listed); beyond SAME_KIND_MAX lines of one kind for one type in a step the
 * rest is counted in one line.  Refs, which the front end writes at the end
 * of the step, are moved next to the creation or freeing they belong to.
 * --snapshot-at adds "heap now" blocks; the end adds totals.
 *
 * Objects are named type#n (list#1, list#2, float#1), numbered in the order
 * the narration first shows them; the creation line gives the id() too.
 * The narration reads only the stream (one truth with --json and the page).
 */
#include "cli/trace_cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define LABEL_WIDTH 11
#define PHASE_LIST_MAX 10
/* Without --verbose, at most this many lines of one kind ("+", "-", "~")
 * for one type in one step; the rest is counted in one line. */
#define SAME_KIND_MAX 6
#define CATEGORIES_MAX 32

/* ====================================================================== */
/* Objects and their labels                                                */
/* ====================================================================== */

typedef struct obj_entry {
    long long id;               /* 0: empty slot */
    char *type;
    char *label;                /* NULL until first shown */
    int created;                /* an obj_new was seen for it */
    int alive;
    char *freed_label;          /* the label of the last object freed here */
    long long block_size;       /* bytes of its block (0: not small) */
    char block_kind;            /* 's'mall, 'l'arge, 'm'apped, 0: unknown */
    long long pool;
    /* scratch of the group being written (valid when serial matches) */
    unsigned serial;
    long new_pos;               /* index of its obj_new in the group, or -1 */
    int in_temp;
} obj_entry;

typedef struct type_count {
    char *type;
    int n;                      /* labels given (type#n) */
    int visible;                /* live objects with a label */
} type_count;

struct cli_narrator {
    FILE *out;
    int color, verbose;
    obj_entry *objs;
    size_t cap, used;
    type_count *types;
    size_t ntypes;
    json_t *group;              /* the current step's events */
    json_t *step;               /* its step event (NULL: before the first) */
    char **lines;               /* the program's source lines */
    size_t nlines;
    long long counts[3], thresholds[3], shown_counts[3];
    int have_counts;
    int thr_known;              /* thresholds[] is current (the last event said) */
    int in_gc;
    int oom;
    int started_steps;          /* a step event was seen */
    long long created, freed, to_freelist, from_freelist, collections[3];
    char *pending[2];           /* program output not yet ended by a newline
                                   (stdout, stderr) */
    /* per event of the group being written */
    unsigned serial;
    unsigned char *temp;        /* 1: about a temporary (created and freed here) */
    unsigned char *named;       /* obj_new: a ref with a cause names it here */
    unsigned char *consumed;    /* already written (hoisted next to its object) */
    long *refnew;               /* ref: index of its object's obj_new here, or -1 */
    signed char *tgen;          /* obj_new: the generation it is tracked in, or -1 */
    size_t flags_cap;
    /* lines written per kind and type in this group (SAME_KIND_MAX) */
    struct category {
        char mark;
        char type[48];
        long long lines;
    } cats[CATEGORIES_MAX];
    size_t ncats;
};

/* FNV-style mix of an id. */
static size_t id_hash(long long id)
{
    unsigned long long h = (unsigned long long)id * 0x9E3779B97F4A7C15ull;
    return (size_t)(h ^ (h >> 29));
}

/* Table key of an id: 0 marks empty slots, so id 0 (not a real address)
 * is kept under another value. */
static long long id_key(long long id)
{
    return id == 0 ? LLONG_MIN : id;
}

/* The entry of id (created empty, alive, when absent); NULL when out of
 * memory. */
static obj_entry *obj_get(cli_narrator *n, long long id)
{
    id = id_key(id);
    if (n->used * 2 >= n->cap) {
        size_t ncap = n->cap ? n->cap * 2 : 256;
        obj_entry *nt = calloc(ncap, sizeof *nt);
        if (nt == NULL) {
            n->oom = 1;
            return NULL;
        }
        for (size_t i = 0; i < n->cap; i++) {
            if (n->objs[i].id == 0) continue;
            size_t j = id_hash(n->objs[i].id) & (ncap - 1);
            while (nt[j].id != 0) j = (j + 1) & (ncap - 1);
            nt[j] = n->objs[i];
        }
        free(n->objs);
        n->objs = nt;
        n->cap = ncap;
    }
    size_t j = id_hash(id) & (n->cap - 1);
    while (n->objs[j].id != 0 && n->objs[j].id != id) j = (j + 1) & (n->cap - 1);
    if (n->objs[j].id == 0) {
        n->objs[j].id = id;
        n->objs[j].alive = 1;
        n->used++;
    }
    return &n->objs[j];
}

/* The entry of id, or NULL when the stream never named it. */
static obj_entry *obj_find(const cli_narrator *n, long long id)
{
    id = id_key(id);
    if (n->cap == 0) return NULL;
    size_t j = id_hash(id) & (n->cap - 1);
    while (n->objs[j].id != 0) {
        if (n->objs[j].id == id) return &n->objs[j];
        j = (j + 1) & (n->cap - 1);
    }
    return NULL;
}

/* Record id's type (from an event); returns the entry or NULL. */
static obj_entry *obj_note(cli_narrator *n, long long id, const char *type)
{
    obj_entry *e = obj_get(n, id);
    if (e == NULL) return NULL;
    if (type != NULL && (e->type == NULL || strcmp(e->type, type) != 0)) {
        free(e->type);
        e->type = strdup(type);
    }
    return e;
}

/* The counters of type (created when absent; NULL when out of memory). */
static type_count *type_entry(cli_narrator *n, const char *type)
{
    for (size_t i = 0; i < n->ntypes; i++)
        if (strcmp(n->types[i].type, type) == 0) return &n->types[i];
    type_count *nt = realloc(n->types, (n->ntypes + 1) * sizeof *nt);
    if (nt == NULL) return NULL;
    n->types = nt;
    type_count *tc = &n->types[n->ntypes];
    tc->type = strdup(type);
    if (tc->type == NULL) return NULL;
    tc->n = 0;
    tc->visible = 0;
    n->ntypes++;
    return tc;
}

/* The object's label (type#n, given when first asked). */
static const char *obj_label(cli_narrator *n, obj_entry *e)
{
    if (e == NULL) return "?";
    if (e->label != NULL) return e->label;
    const char *type = e->type ? e->type : "object";
    type_count *tc = type_entry(n, type);
    if (tc == NULL) return type;
    const char *dot = strrchr(type, '.'); /* "weakref.ReferenceType" -> "ReferenceType" */
    if (dot != NULL && dot[1] != '\0') type = dot + 1;
    char buf[128];
    snprintf(buf, sizeof buf, "%s#%d", type, ++tc->n);
    e->label = strdup(buf);
    if (e->label == NULL) return type;
    if (e->alive) tc->visible++;
    return e->label;
}

/* Object e (labelled or not) is freed. */
static void obj_died(cli_narrator *n, obj_entry *e)
{
    if (e == NULL || !e->alive) return;
    e->alive = 0;
    if (e->label != NULL) {
        type_count *tc = type_entry(n, e->type ? e->type : "object");
        if (tc != NULL && tc->visible > 0) tc->visible--;
    }
}

/* The label of the object id (noting its type). */
static const char *label_of(cli_narrator *n, long long id, const char *type)
{
    return obj_label(n, obj_note(n, id, type));
}

/* A new object at id: a fresh entry (the old one's label kept as
 * freed_label for the reuse remark). */
static obj_entry *obj_reborn(cli_narrator *n, long long id, const char *type)
{
    obj_entry *e = obj_get(n, id);
    if (e == NULL) return NULL;
    obj_died(n, e);
    if (e->label != NULL) {
        free(e->freed_label);
        e->freed_label = e->label;
        e->label = NULL;
    }
    obj_note(n, id, type);
    e->created = 1;
    e->alive = 1;
    e->block_size = 0;
    e->block_kind = 0;
    e->pool = -1;
    return e;
}

/* ====================================================================== */
/* Writing                                                                 */
/* ====================================================================== */

/* The gutter under a source line (deeper inside a collection). */
static void gutter(cli_narrator *n)
{
    fputs(n->in_gc ? "          " : "       ", n->out);
}

/* "  <mark> <label padded> " in style s. */
static void lead(cli_narrator *n, int s, const char *mark, const char *label)
{
    gutter(n);
    fprintf(n->out, "%s%s %-*s%s ", cli_style(n->color, s), mark, LABEL_WIDTH, label, cli_style_end(n->color));
}

/* One line of program output under the gutter. */
static void output_line(cli_narrator *n, const char *text, size_t len, int is_err)
{
    gutter(n);
    fprintf(n->out, "%s%s %.*s%s\n", cli_style(n->color, is_err ? CLI_STYLE_ERROR : CLI_STYLE_OUT),
            is_err ? "!" : ">", (int)len, text, cli_style_end(n->color));
}

/* Program output: whole lines now, a partial one kept for later. */
static void write_output(cli_narrator *n, const char *text, int is_err)
{
    char *joined = NULL;
    if (n->pending[is_err] != NULL) {
        size_t a = strlen(n->pending[is_err]), b = strlen(text);
        joined = malloc(a + b + 1);
        if (joined != NULL) {
            memcpy(joined, n->pending[is_err], a);
            memcpy(joined + a, text, b + 1);
            text = joined;
        }
        free(n->pending[is_err]);
        n->pending[is_err] = NULL;
    }
    const char *p = text;
    const char *nl;
    while ((nl = strchr(p, '\n')) != NULL) {
        output_line(n, p, (size_t)(nl - p), is_err);
        p = nl + 1;
    }
    if (*p != '\0') n->pending[is_err] = strdup(p);
    free(joined);
}

/* Write the partial output lines still kept. */
static void flush_output(cli_narrator *n)
{
    for (int i = 0; i < 2; i++) {
        if (n->pending[i] == NULL) continue;
        output_line(n, n->pending[i], strlen(n->pending[i]), i);
        free(n->pending[i]);
        n->pending[i] = NULL;
    }
}

/* "gen0 5/700  gen1 0/10  gen2 0/10" with thresholds t, or "gen0 5  gen1 0
 * gen2 0" when t is NULL (not known: gc.set_threshold may have changed
 * them since the stream last said). */
static void write_counts(cli_narrator *n, const long long *c, const long long *t)
{
    for (int g = 0; g < 3; g++) {
        fprintf(n->out, "%sgen%d %lld", g ? "  " : "", g, c[g]);
        if (t != NULL) fprintf(n->out, "/%lld", t[g]);
    }
}

/* The gc counts line when they differ from the last shown. */
static void maybe_counts(cli_narrator *n)
{
    if (!n->have_counts) return;
    if (memcmp(n->counts, n->shown_counts, sizeof n->counts) == 0) return;
    memcpy(n->shown_counts, n->counts, sizeof n->counts);
    gutter(n);
    fprintf(n->out, "%sgc counts ", cli_style(n->color, CLI_STYLE_DIM));
    write_counts(n, n->counts, n->thr_known ? n->thresholds : NULL);
    fprintf(n->out, "%s\n", cli_style_end(n->color));
}

/* ====================================================================== */
/* Blocks                                                                  */
/* ====================================================================== */

/* The block size of pymalloc size class c (16 (c + 1)); 0 when c is not
 * a size class. */
static long long class_bytes(long long c)
{
    return c >= 0 && c < 64 ? 16 * (c + 1) : 0;
}

/* "64-B block (size class 3) in arena 0, pool 5, #12" into buf. */
static void describe_block(const json_t *ev, char *buf, size_t size)
{
    json_t *b = json_object_get(ev, "block");
    long long bytes = cli_json_int(ev, "size", 0);
    const char *kind = cli_json_str(b, "kind", "");
    if (strcmp(kind, "small") == 0) {
        long long c = cli_json_int(b, "class", 0);
        snprintf(buf, size, "%lld-B block (size class %lld) in arena %lld, pool %lld, #%lld", class_bytes(c), c,
                 cli_json_int(b, "arena", 0), cli_json_int(b, "pool", 0), cli_json_int(b, "index", 0));
    } else if (strcmp(kind, "large") == 0) {
        snprintf(buf, size, "%lld B: a large block (over 512 B, from malloc)", bytes);
    } else if (strcmp(kind, "mapped") == 0) {
        snprintf(buf, size, "%lld B: mapped straight from the OS", bytes);
    } else {
        snprintf(buf, size, "%lld B", bytes);
    }
}

/* ====================================================================== */
/* One step's events                                                       */
/* ====================================================================== */

/* Is cause a name the program binds or drops (not a container slot)? */
static int cause_is_name(const char *cause)
{
    return strncmp(cause, "bound to name ", 14) == 0 || strncmp(cause, "name ", 5) == 0 ||
           strncmp(cause, "frame of ", 9) == 0 || strncmp(cause, "held by a closure", 17) == 0;
}

/* Is cause one the narration leaves out without --verbose (the
 * interpreter's own bookkeeping, its value stack)? */
static int cause_is_internal(const char *cause)
{
    return strcmp(cause, "interpreter internals") == 0 || strstr(cause, "value stack") != NULL;
}

/* The type of the container a cause names ("stored in list slot 2" ->
 * "list"), into buf; 0 when the cause names none. */
static int cause_holder_type(const char *cause, char *buf, size_t size)
{
    const char *t = NULL;
    size_t len = 0;
    if (strncmp(cause, "stored in ", 10) == 0 || strncmp(cause, "removed from ", 13) == 0 ||
        strncmp(cause, "added to ", 9) == 0) {
        t = strchr(cause, ' ');
        t = t ? strchr(t + 1, ' ') : NULL;
        if (t) t++;
        len = t ? strcspn(t, " ") : 0;
    } else if (strncmp(cause, "item ", 5) == 0 || strncmp(cause, "attribute ", 10) == 0) {
        t = strstr(cause, " of ");
        if (t) t += 4;
        len = t ? strcspn(t, " ") : 0;
    } else if (strstr(cause, "of dict") != NULL || strncmp(cause, "value of dict", 13) == 0) {
        t = "dict";
        len = 4;
    }
    if (t == NULL || len == 0 || len >= size) return 0;
    memcpy(buf, t, len);
    buf[len] = '\0';
    return 1;
}

/* Does the narration show a live object of this type? */
static int shows_type(const cli_narrator *n, const char *type)
{
    for (size_t i = 0; i < n->ntypes; i++)
        if (strcmp(n->types[i].type, type) == 0) return n->types[i].visible > 0;
    return 0;
}

/* Does the ref event ev make its new object one the learner sees: a name,
 * or a container the narration shows (by its id when the stream gives
 * "by", else by its type)?  named_holder: the holder is named in this
 * group. */
static int ref_reveals(const cli_narrator *n, const json_t *ev, int named_holder)
{
    const char *cause = cli_json_str(ev, "cause", "");
    if (cause_is_internal(cause)) return 0;
    if (cause_is_name(cause)) return 1;
    json_t *by = json_object_get(ev, "by");
    if (json_is_integer(by)) {
        const obj_entry *h = obj_find(n, json_integer_value(by));
        return named_holder || (h != NULL && h->label != NULL && h->alive);
    }
    /* Without "by": guess from the holder's type -- not for dicts, whose
     * keys and values the interpreter uses a lot (keyword arguments). */
    char type[64];
    return cause_holder_type(cause, type, sizeof type) && strcmp(type, "dict") != 0 && shows_type(n, type);
}

/* The scratch of entry e for the current group (reset when stale). */
static obj_entry *scratch(cli_narrator *n, long long id)
{
    obj_entry *e = obj_get(n, id);
    if (e != NULL && e->serial != n->serial) {
        e->serial = n->serial;
        e->new_pos = -1;
        e->in_temp = 0;
    }
    return e;
}

/* Mark the events of the group that concern temporaries (objects created
 * and freed inside it) and the generation each new object is tracked in.
 * 0, or -1 when out of memory. */
static int mark_group(cli_narrator *n)
{
    size_t g = json_array_size(n->group);
    if (g == 0) return 0;
    if (g > n->flags_cap) {
        unsigned char *t = realloc(n->temp, g);
        if (t == NULL) return -1;
        n->temp = t;
        signed char *tg = realloc(n->tgen, g);
        if (tg == NULL) return -1;
        n->tgen = tg;
        unsigned char *nm = realloc(n->named, g);
        if (nm == NULL) return -1;
        n->named = nm;
        unsigned char *cs = realloc(n->consumed, g);
        if (cs == NULL) return -1;
        n->consumed = cs;
        long *rn = realloc(n->refnew, g * sizeof *rn);
        if (rn == NULL) return -1;
        n->refnew = rn;
        n->flags_cap = g;
    }
    memset(n->temp, 0, g);
    memset(n->tgen, -1, g);
    memset(n->named, 0, g);
    memset(n->consumed, 0, g);
    for (size_t i = 0; i < g; i++) n->refnew[i] = -1;
    n->serial++;
    /* Forward: each obj_new's matching obj_free; track events. */
    for (size_t i = 0; i < g; i++) {
        json_t *ev = json_array_get(n->group, i);
        const char *k = cli_json_str(ev, "ev", "");
        int is_new = strcmp(k, "obj_new") == 0, is_free = strcmp(k, "obj_free") == 0;
        int is_track = strcmp(k, "track") == 0, is_ref = strcmp(k, "ref") == 0;
        if (!is_new && !is_free && !is_track && !is_ref) continue;
        obj_entry *e = scratch(n, cli_json_int(ev, "id", 0));
        if (e == NULL) return -1;
        if (is_ref) {
            if (!cause_is_internal(cli_json_str(ev, "cause", ""))) n->refnew[i] = e->new_pos;
        } else if (is_new) {
            e->new_pos = (long)i;
        } else if (is_track) {
            if (e->new_pos >= 0 && n->tgen[e->new_pos] < 0)
                n->tgen[e->new_pos] = (signed char)cli_json_int(ev, "gen", 0);
        } else if (e->new_pos >= 0) {
            n->temp[e->new_pos] = 1;
            n->temp[i] = 1;
            e->new_pos = -1;
        }
    }
    /* Named: a new object gets a ref with a cause from a name, or from an
     * object the narration shows (known before, or named here: repeat
     * until nothing changes). */
    for (int changed = 1, round = 0; changed && round < 16; round++) {
        changed = 0;
        for (size_t i = 0; i < g; i++) {
            long p = n->refnew[i];
            if (p < 0 || n->named[p]) continue;
            json_t *ev = json_array_get(n->group, i);
            json_t *by = json_object_get(ev, "by");
            int named_holder = 0;
            if (json_is_integer(by)) {
                obj_entry *h = obj_find(n, json_integer_value(by));
                named_holder = h != NULL && h->serial == n->serial && h->new_pos >= 0 && n->named[h->new_pos];
            }
            if (ref_reveals(n, ev, named_holder)) {
                n->named[p] = 1;
                changed = 1;
            }
        }
    }
    /* Backward: what lies between a temporary's obj_free and its obj_new. */
    n->serial++;
    for (size_t i = g; i-- > 0;) {
        json_t *ev = json_array_get(n->group, i);
        json_t *idv = json_object_get(ev, "id");
        if (!json_is_integer(idv)) continue;
        obj_entry *e = scratch(n, json_integer_value(idv));
        if (e == NULL) return -1;
        const char *k = cli_json_str(ev, "ev", "");
        if (strcmp(k, "obj_free") == 0 && n->temp[i]) e->in_temp = 1;
        else if (strcmp(k, "obj_new") == 0) e->in_temp = 0;
        else if (e->in_temp) n->temp[i] = 1;
    }
    return 0;
}

/* Should a collector phase list this object without --verbose? */
static int phase_shows(const cli_narrator *n, long long id)
{
    const obj_entry *e = obj_find(n, id);
    return e != NULL && e->label != NULL;
}

/* Words for a phase and what its values mean. */
static const char *phase_words(const char *phase)
{
    if (strcmp(phase, "update_refs") == 0) return "gc_refs = refcount";
    if (strcmp(phase, "subtract_refs") == 0) return "minus references from inside";
    if (strcmp(phase, "move_unreachable") == 0) return "";
    if (strcmp(phase, "untrack") == 0) return "untracked (can hold no cycle)";
    if (strcmp(phase, "legacy_finalizers") == 0) return "legacy tp_del: kept in gc.garbage";
    if (strcmp(phase, "handle_weakrefs") == 0) return "weak references cleared";
    if (strcmp(phase, "finalize") == 0) return "finalizers (__del__) to run";
    if (strcmp(phase, "resurrected") == 0) return "made reachable again by a finalizer";
    if (strcmp(phase, "delete_garbage") == 0) return "cleared (their references dropped)";
    if (strcmp(phase, "promote") == 0) return "survivors move to the next generation";
    return "";
}

/* One gc_phase event. */
static void narrate_phase(cli_narrator *n, const json_t *ev)
{
    const char *phase = cli_json_str(ev, "phase", "?");
    json_t *objs = json_object_get(ev, "objects");
    size_t total = json_array_size(objs);
    int values_shown = strcmp(phase, "update_refs") == 0 || strcmp(phase, "subtract_refs") == 0;
    int is_move = strcmp(phase, "move_unreachable") == 0;
    int core = values_shown || is_move;
    if (total == 0 && !core && !n->verbose) return;
    /* Two passes for move_unreachable: reachable (1), then unreachable (0). */
    for (int pass = 0; pass < (is_move ? 2 : 1); pass++) {
        gutter(n);
        const char *title = is_move ? (pass == 0 ? "reachable" : "unreachable") : phase_words(phase);
        fprintf(n->out, "%s%-17s%s %s%s:", cli_style(n->color, CLI_STYLE_GC), is_move && pass ? "" : phase,
                cli_style_end(n->color), title, "");
        size_t shown = 0, hidden = 0, listed = 0;
        size_t i;
        json_t *o;
        json_array_foreach(objs, i, o) {
            long long id = cli_json_int(o, "id", 0), v = cli_json_int(o, "value", 0);
            if (is_move && v != (pass == 0 ? 1 : 0)) continue;
            listed++;
            if (!n->verbose && (!phase_shows(n, id) || shown >= PHASE_LIST_MAX)) {
                hidden++;
                continue;
            }
            const char *label = label_of(n, id, cli_json_str(o, "type", NULL));
            if (values_shown) fprintf(n->out, " %s=%lld", label, v);
            else if (strcmp(phase, "promote") == 0) fprintf(n->out, " %s->gen%lld", label, v);
            else fprintf(n->out, " %s", label);
            shown++;
        }
        if (listed == 0) fputs(" none", n->out);
        else if (hidden > 0)
            fprintf(n->out, " %s(%s%zu %s)%s", cli_style(n->color, CLI_STYLE_DIM), shown ? "+ " : "", hidden,
                    shown ? "more" : hidden == 1 ? "other object" : "other objects", cli_style_end(n->color));
        fputc('\n', n->out);
    }
}

/* gc_start: the heading of a collection. */
static void narrate_gc_start(cli_narrator *n, const json_t *ev)
{
    long long gen = cli_json_int(ev, "gen", 0);
    long long before[3], t[3];
    int have = cli_json_counts(ev, "counts", before);
    int have_t = cli_json_counts(ev, "thresholds", t);
    if (have_t) {
        memcpy(n->thresholds, t, sizeof t);
        n->thr_known = 1;
    }
    const char *reason = cli_json_str(ev, "reason", "explicit");
    gutter(n);
    fprintf(n->out, "%sgc%s collection of generation %lld", cli_style(n->color, CLI_STYLE_GC),
            cli_style_end(n->color), gen);
    if (strcmp(reason, "auto") == 0) {
        const char *type = cli_json_str(ev, "type", NULL);
        fprintf(n->out, " (automatic: ");
        if (type) fprintf(n->out, "allocating %s %s ", cli_article(type), type);
        if (have_t) fprintf(n->out, "pushed gen0's count past its threshold %lld)\n", t[0]);
        else fprintf(n->out, "pushed gen0's count past its threshold)\n");
    } else {
        fprintf(n->out, " (gc.collect())\n");
    }
    n->in_gc = 1;
    if (have) {
        gutter(n);
        fprintf(n->out, "%-17s ", "counts before");
        write_counts(n, before, have_t ? t : NULL);
        fputc('\n', n->out);
    }
}

/* gc_end: what the collection found. */
static void narrate_gc_end(cli_narrator *n, const json_t *ev)
{
    long long after[3], t[3];
    int have_t = cli_json_counts(ev, "thresholds", t);
    if (have_t) {
        memcpy(n->thresholds, t, sizeof t);
        n->thr_known = 1;
    }
    gutter(n);
    fprintf(n->out, "%sfound %lld unreachable, %lld uncollectable%s", cli_style(n->color, CLI_STYLE_GC),
            cli_json_int(ev, "collected", 0), cli_json_int(ev, "uncollectable", 0), cli_style_end(n->color));
    if (cli_json_counts(ev, "counts", after)) {
        fputs("; counts after ", n->out);
        write_counts(n, after, have_t || n->thr_known ? n->thresholds : NULL);
        memcpy(n->counts, after, sizeof after);
        memcpy(n->shown_counts, after, sizeof after);
        n->have_counts = 1;
    }
    fputc('\n', n->out);
    n->in_gc = 0;
}

/* Is this line (kind mark, object type) one too many of its kind in this
 * step?  It is then only counted (the summary comes at the step's end). */
static int collapsed(cli_narrator *n, char mark, const char *type)
{
    if (n->verbose) return 0;
    if (type == NULL) type = "object";
    struct category *c = NULL;
    for (size_t k = 0; k < n->ncats && c == NULL; k++)
        if (n->cats[k].mark == mark && strncmp(n->cats[k].type, type, sizeof c->type - 1) == 0) c = &n->cats[k];
    if (c == NULL) {
        if (n->ncats == CATEGORIES_MAX) return 0;
        c = &n->cats[n->ncats++];
        c->mark = mark;
        snprintf(c->type, sizeof c->type, "%s", type);
        c->lines = 0;
    }
    return ++c->lines > SAME_KIND_MAX;
}

/* The counted lines of this step, one summary each; then a fresh count. */
static void flush_collapsed(cli_narrator *n)
{
    for (size_t k = 0; k < n->ncats; k++) {
        struct category *c = &n->cats[k];
        if (c->lines <= SAME_KIND_MAX) continue;
        long long more = c->lines - SAME_KIND_MAX;
        gutter(n);
        fprintf(n->out, "%s%c ... and %lld more ", cli_style(n->color, CLI_STYLE_DIM), c->mark, more);
        if (c->mark == '~') fprintf(n->out, "refcount changes of %s objects", c->type);
        else fprintf(n->out, "%s object%s %s", c->type, more == 1 ? "" : "s", c->mark == '+' ? "created" : "freed");
        fprintf(n->out, " (--verbose lists them)%s\n", cli_style_end(n->color));
    }
    n->ncats = 0;
}

/* A ref event. */
static void narrate_ref(cli_narrator *n, const json_t *ev)
{
    long long id = cli_json_int(ev, "id", 0);
    const char *label = label_of(n, id, cli_json_str(ev, "type", NULL));
    if (collapsed(n, '~', cli_json_str(ev, "type", NULL))) return;
    long long delta = cli_json_int(ev, "delta", 0);
    lead(n, CLI_STYLE_REF, "~", label);
    fprintf(n->out, "refcount %lld  %s%+lld %s%s\n", cli_json_int(ev, "refcount", 0),
            cli_style(n->color, CLI_STYLE_DIM), delta, cli_json_str(ev, "cause", ""), cli_style_end(n->color));
}

/* A class (a new object of type "type") is labelled "class NAME" after the
 * name this step binds it to, when it does. */
static void name_class(cli_narrator *n, size_t i, obj_entry *e)
{
    size_t g = json_array_size(n->group);
    long long id = cli_json_int(json_array_get(n->group, i), "id", 0);
    for (size_t j = i + 1; j < g; j++) {
        json_t *ev = json_array_get(n->group, j);
        if (cli_json_int(ev, "id", 0) != id || strcmp(cli_json_str(ev, "ev", ""), "ref") != 0) continue;
        const char *cause = cli_json_str(ev, "cause", "");
        if (strncmp(cause, "bound to name ", 14) != 0) continue;
        char buf[128];
        snprintf(buf, sizeof buf, "class %s", cause + 14);
        e->label = strdup(buf);
        type_count *tc = e->label ? type_entry(n, "type") : NULL;
        if (tc != NULL && e->alive) tc->visible++;
        return;
    }
}

/* An obj_new event (index i of the group). */
static void narrate_new(cli_narrator *n, size_t i, const json_t *ev)
{
    long long id = cli_json_int(ev, "id", 0);
    obj_entry *e = obj_reborn(n, id, cli_json_str(ev, "type", NULL));
    if (e == NULL) return;
    json_t *b = json_object_get(ev, "block");
    const char *kind = cli_json_str(b, "kind", "");
    e->block_kind = strcmp(kind, "small") == 0 ? 's' : strcmp(kind, "large") == 0 ? 'l'
                    : strcmp(kind, "mapped") == 0 ? 'm' : 0;
    if (e->block_kind == 's') {
        e->block_size = class_bytes(cli_json_int(b, "class", 0));
        e->pool = cli_json_int(b, "pool", -1);
    }
    char *prev = e->freed_label ? strdup(e->freed_label) : NULL;
    if (e->type != NULL && strcmp(e->type, "type") == 0) name_class(n, i, e);
    const char *label = obj_label(n, e);
    if (collapsed(n, '+', e->type)) {
        free(prev);
        return;
    }
    lead(n, CLI_STYLE_NEW, "+", label);
    if (cli_json_int(ev, "freelist", 0)) {
        fprintf(n->out, "from the %s free list", e->type ? e->type : "type's");
    } else {
        char buf[160];
        describe_block(ev, buf, sizeof buf);
        fputs(buf, n->out);
    }
    long long gen = n->tgen[i];
    if (gen >= 0) fprintf(n->out, ", tracked in gen %lld", gen);
    fprintf(n->out, "%s  id %lld", cli_style(n->color, CLI_STYLE_DIM), id);
    if (prev != NULL) fprintf(n->out, " (reused: %s had it)", prev);
    fprintf(n->out, "%s\n", cli_style_end(n->color));
    free(prev);
}

/* An obj_free event. */
static void narrate_free(cli_narrator *n, const json_t *ev)
{
    long long id = cli_json_int(ev, "id", 0);
    obj_entry *e = obj_note(n, id, cli_json_str(ev, "type", NULL));
    if (e == NULL) return;
    const char *label = obj_label(n, e);
    if (collapsed(n, '-', e->type)) {
        obj_died(n, e);
        return;
    }
    lead(n, CLI_STYLE_FREE, "-", label);
    if (cli_json_int(ev, "freelist", 0))
        fprintf(n->out, "freed: kept on the %s free list for reuse\n", e->type ? e->type : "type's");
    else if (e->block_size > 0)
        fprintf(n->out, "freed: its %lld-B block goes back to pool %lld\n", e->block_size, e->pool);
    else if (e->block_kind == 'l')
        fprintf(n->out, "freed: its large block goes back to malloc\n");
    else if (e->block_kind == 'm')
        fprintf(n->out, "freed: its mapping goes back to the OS\n");
    else
        fprintf(n->out, "freed\n");
    obj_died(n, e);
}

static void narrate_one(cli_narrator *n, size_t i, const json_t *ev);

/* A snapshot (--snapshot-at): the shown objects' refcounts, and the
 * length against the capacity of containers (list over-allocation). */
static void narrate_snapshot(cli_narrator *n, const json_t *ev)
{
    size_t i;
    json_t *o;
    int any = 0;
    json_array_foreach(json_object_get(ev, "objects"), i, o) {
        json_t *idv = json_object_get(o, "id");
        obj_entry *e = json_is_integer(idv) ? obj_find(n, json_integer_value(idv)) : NULL;
        if (e == NULL || e->label == NULL || !e->alive) continue;
        if (!any) {
            gutter(n);
            fprintf(n->out, "%sheap now%s\n", cli_style(n->color, CLI_STYLE_DIM), cli_style_end(n->color));
            any = 1;
        }
        lead(n, CLI_STYLE_DIM, " ", e->label);
        fprintf(n->out, "refcount %lld, gen %lld", cli_json_int(o, "refcount", 0), cli_json_int(o, "gen", -1));
        if (json_is_integer(json_object_get(o, "capacity")))
            fprintf(n->out, ", len %lld of capacity %lld", cli_json_int(o, "len", 0), cli_json_int(o, "capacity", 0));
        fputc('\n', n->out);
    }
}

/* Write now the later ref events of the object id, marking them written:
 * a change is told next to the creation or the freeing it belongs to (the
 * front end writes refs at the end of the step).  At a creation
 * (stop_at_free): up to the object's obj_free.  At a freeing: up to the
 * next obj_new of that id, and past it the refs that leave a refcount of
 * 0 on an object of the same type (a new object there has at least 1). */
static void hoist_refs(cli_narrator *n, size_t from, long long id, int stop_at_free)
{
    size_t g = json_array_size(n->group);
    const char *type = cli_json_str(json_array_get(n->group, from), "type", "");
    int reborn = 0;
    for (size_t j = from + 1; j < g; j++) {
        json_t *ev = json_array_get(n->group, j);
        if (cli_json_int(ev, "id", 0) != id) continue;
        const char *k = cli_json_str(ev, "ev", "");
        if (strcmp(k, "obj_new") == 0 || (stop_at_free && strcmp(k, "obj_free") == 0)) {
            if (stop_at_free) return;
            reborn = 1;
            continue;
        }
        if (strcmp(k, "ref") != 0 || n->consumed[j]) continue;
        if (reborn && (cli_json_int(ev, "refcount", 1) > 0 || strcmp(cli_json_str(ev, "type", ""), type) != 0))
            continue;
        n->consumed[j] = 1;
        narrate_one(n, j, ev);
    }
}

/* One event of a group, in order (i: its index). */
static void narrate_one(cli_narrator *n, size_t i, const json_t *ev)
{
    const char *k = cli_json_str(ev, "ev", "");
    long long id = cli_json_int(ev, "id", 0);
    int v = n->verbose;
    if (strcmp(k, "obj_new") == 0) {
        /* Without --verbose: the objects the program names (a ref with a
         * cause from a name or from an object the narration shows). */
        if (v || (!n->temp[i] && n->named[i])) {
            narrate_new(n, i, ev);
            hoist_refs(n, i, id, 1);
        } else {
            obj_reborn(n, id, cli_json_str(ev, "type", NULL));
        }
    } else if (strcmp(k, "obj_free") == 0) {
        obj_entry *e = obj_find(n, id);
        if (v || (e != NULL && e->label != NULL && !n->temp[i])) {
            if (!v) hoist_refs(n, i, id, 0);
            narrate_free(n, ev);
        } else {
            obj_died(n, e);
        }
    } else if (strcmp(k, "getrefcount") == 0) {
        lead(n, CLI_STYLE_REF, "?", label_of(n, id, cli_json_str(ev, "type", NULL)));
        long long value = cli_json_int(ev, "value", 1);
        if (value < 1 || value > LLONG_MAX / 2) value = 1; /* not a refcount */
        fprintf(n->out, "sys.getrefcount() = %lld  %s(%lld held by the program + 1 for the argument)%s\n", value,
                cli_style(n->color, CLI_STYLE_DIM), value - 1, cli_style_end(n->color));
    } else if (strcmp(k, "ref") == 0) {
        /* Without --verbose: changes to objects the narration shows, and
         * references from names or shown containers to any object (which
         * then shows it). */
        const char *cause = cli_json_str(ev, "cause", "");
        obj_entry *e = obj_find(n, id);
        int shown = e != NULL && e->label != NULL && e->alive;
        if (v || (!n->temp[i] && !cause_is_internal(cause) && (shown || ref_reveals(n, ev, 0)))) narrate_ref(n, ev);
    } else if (strcmp(k, "output") == 0) {
        write_output(n, cli_json_str(ev, "text", ""), strcmp(cli_json_str(ev, "stream", ""), "stderr") == 0);
    } else if ((strcmp(k, "call") == 0 || strcmp(k, "return") == 0) && !v &&
               cli_json_int(ev, "depth", 0) == 0 && strcmp(cli_json_str(ev, "frame", ""), "<module>") == 0) {
        return; /* the module's own frame */
    } else if (strcmp(k, "call") == 0) {
        gutter(n);
        fprintf(n->out, "%s-> call %s%s\n", cli_style(n->color, CLI_STYLE_DIM), cli_json_str(ev, "frame", "?"),
                cli_style_end(n->color));
    } else if (strcmp(k, "return") == 0) {
        gutter(n);
        fprintf(n->out, "%s<- %s returns", cli_style(n->color, CLI_STYLE_DIM), cli_json_str(ev, "frame", "?"));
        json_t *val = json_object_get(ev, "value");
        obj_entry *e = json_is_integer(val) ? obj_find(n, json_integer_value(val)) : NULL;
        if (e != NULL && e->label != NULL) fprintf(n->out, " %s", e->label);
        fprintf(n->out, "%s\n", cli_style_end(n->color));
    } else if (strcmp(k, "gc_start") == 0) {
        narrate_gc_start(n, ev);
    } else if (strcmp(k, "gc_phase") == 0) {
        narrate_phase(n, ev);
    } else if (strcmp(k, "gc_end") == 0) {
        narrate_gc_end(n, ev);
    } else if (strcmp(k, "gc_finalize") == 0) {
        gutter(n);
        fprintf(n->out, "%sfinalizer%s of %s runs now\n", cli_style(n->color, CLI_STYLE_GC), cli_style_end(n->color),
                label_of(n, id, cli_json_str(ev, "type", NULL)));
    } else if (strcmp(k, "gc_callback") == 0) {
        gutter(n);
        fprintf(n->out, "%scallback%s of %s runs now\n", cli_style(n->color, CLI_STYLE_GC), cli_style_end(n->color),
                label_of(n, id, cli_json_str(ev, "type", NULL)));
    } else if (strcmp(k, "snapshot") == 0) {
        narrate_snapshot(n, ev);
    } else if (strcmp(k, "arena") == 0) {
        gutter(n);
        fprintf(n->out, "%sarena %lld %s%s\n", cli_style(n->color, CLI_STYLE_DIM), cli_json_int(ev, "arena", 0),
                cli_json_str(ev, "state", "?"), cli_style_end(n->color));
    } else if ((strcmp(k, "block_alloc") == 0 || strcmp(k, "block_free") == 0) &&
               strcmp(cli_json_str(json_object_get(ev, "block"), "kind", ""), "mapped") == 0) {
        /* a huge buffer straight from the OS (rare, and what a learner asks about) */
        gutter(n);
        if (strcmp(k, "block_alloc") == 0)
            fprintf(n->out, "* %lld B mapped straight from the OS (far beyond pymalloc's 512-B blocks)\n",
                    cli_json_int(ev, "size", 0));
        else
            fprintf(n->out, "* %lld B unmapped: given back to the OS at once\n", cli_json_int(ev, "size", 0));
    } else if (strcmp(k, "trim") == 0) {
        gutter(n);
        fprintf(n->out, "trim: %lld bytes given back to the OS\n", cli_json_int(ev, "bytes", 0));
    } else if (strcmp(k, "dealloc") == 0) {
        /* the change that brought the refcount to 0 comes first */
        obj_entry *e = obj_find(n, id);
        if (v || (e != NULL && e->label != NULL && !n->temp[i])) hoist_refs(n, i, id, 0);
        if (v) {
            lead(n, CLI_STYLE_FREE, "x", label_of(n, id, cli_json_str(ev, "type", NULL)));
            fprintf(n->out, "dealloc (refcount 0)\n");
        }
    } else if (!v) {
        return;
    } else if (strcmp(k, "track") == 0 || strcmp(k, "untrack") == 0) {
        lead(n, CLI_STYLE_DIM, ".", label_of(n, id, NULL));
        fprintf(n->out, "%s gen %lld\n", k, cli_json_int(ev, "gen", 0));
    } else if (strcmp(k, "block_alloc") == 0 || strcmp(k, "block_free") == 0) {
        char buf[160];
        describe_block(ev, buf, sizeof buf);
        gutter(n);
        fprintf(n->out, "%s%s %s%s\n", cli_style(n->color, CLI_STYLE_DIM), k, buf, cli_style_end(n->color));
    } else if (strcmp(k, "pool") == 0) {
        gutter(n);
        fprintf(n->out, "%spool %lld of arena %lld (class %lld) %s%s\n", cli_style(n->color, CLI_STYLE_DIM),
                cli_json_int(ev, "pool", 0), cli_json_int(ev, "arena", 0), cli_json_int(ev, "class", 0),
                cli_json_str(ev, "state", "?"), cli_style_end(n->color));
    } else if (strcmp(k, "why") == 0) {
        gutter(n);
        fprintf(n->out, "%s(why answered)%s\n", cli_style(n->color, CLI_STYLE_DIM), cli_style_end(n->color));
    }
}

/* The heading of a step: line number, source, function. */
static void narrate_heading(cli_narrator *n, const json_t *step)
{
    long long line = cli_json_int(step, "line", 0);
    const char *src = line >= 1 && (size_t)line <= n->nlines ? n->lines[line - 1] : "";
    const char *frame = cli_json_str(step, "frame", "<module>");
    fprintf(n->out, "%4lld | %s%s%s", line, cli_style(n->color, CLI_STYLE_LINE), src, cli_style_end(n->color));
    if (strcmp(frame, "<module>") != 0)
        fprintf(n->out, "   %s(in %s)%s", cli_style(n->color, CLI_STYLE_DIM), frame, cli_style_end(n->color));
    fputc('\n', n->out);
}

/* Write the buffered group and start an empty one. */
static void flush_group(cli_narrator *n)
{
    if (n->step != NULL) narrate_heading(n, n->step);
    size_t i;
    json_t *ev;
    if (mark_group(n) != 0) {
        n->oom = 1;
        n->verbose = 1; /* without the marks: show everything */
        if (n->flags_cap < json_array_size(n->group)) {
            json_array_clear(n->group);
            return;
        }
    }
    int before_first = n->step == NULL && !n->started_steps;
    json_array_foreach(n->group, i, ev) {
        if (n->consumed[i]) continue;
        if (before_first && !n->verbose && strcmp(cli_json_str(ev, "ev", ""), "output") != 0) continue;
        narrate_one(n, i, ev);
    }
    flush_collapsed(n);
    flush_output(n);
    json_array_clear(n->group);
}

/* ====================================================================== */
/* Start and end                                                           */
/* ====================================================================== */

/* Keep the source's lines (trailing blanks and \r removed). */
static void keep_source(cli_narrator *n, const char *src)
{
    const char *p = src;
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        size_t keep = len;
        while (keep > 0 && (p[keep - 1] == ' ' || p[keep - 1] == '\t' || p[keep - 1] == '\r')) keep--;
        char **nl2 = realloc(n->lines, (n->nlines + 1) * sizeof *nl2);
        if (nl2 == NULL) return;
        n->lines = nl2;
        n->lines[n->nlines] = strndup(p, keep);
        if (n->lines[n->nlines] == NULL) return;
        n->nlines++;
        p += len;
        if (nl) p++;
    }
}

/* The start event: the header. */
static void narrate_start(cli_narrator *n, const json_t *ev)
{
    keep_source(n, cli_json_str(ev, "source", ""));
    long long t[3];
    if (cli_json_counts(ev, "thresholds", t)) memcpy(n->thresholds, t, sizeof t);
    n->thr_known = 1;
    if (cli_json_counts(ev, "counts", n->counts)) {
        memcpy(n->shown_counts, n->counts, sizeof n->counts);
        n->have_counts = 1;
    }
    const char *file = cli_json_str(ev, "file", "<string>");
    const char *slash = strrchr(file, '/');
    fprintf(n->out, "%srefgc trace of %s%s  (Python %s memory model)\n", cli_style(n->color, CLI_STYLE_LINE),
            slash ? slash + 1 : file, cli_style_end(n->color), cli_json_str(ev, "python", "3.11"));
    fprintf(n->out, "       gc counts ");
    write_counts(n, n->counts, n->thresholds);
    fputc('\n', n->out);
}

/* The end event: how the run ended. */
static void narrate_end(cli_narrator *n, const json_t *ev)
{
    const char *reason = cli_json_str(ev, "reason", "finished");
    long long steps = cli_json_int(ev, "steps", 0), status = cli_json_int(ev, "status", 0);
    const char *what = strcmp(reason, "finished") == 0      ? "finished"
                       : strcmp(reason, "exception") == 0   ? "ended by an uncaught exception"
                       : strcmp(reason, "exit") == 0        ? "ended by sys.exit()"
                       : strcmp(reason, "step_limit") == 0  ? "stopped at the step limit"
                       : strcmp(reason, "memory") == 0      ? "stopped at the heap limit"
                                                            : reason;
    fprintf(n->out, "%send: %s after %lld step%s, exit status %lld%s\n", cli_style(n->color, CLI_STYLE_LINE), what,
            steps, steps == 1 ? "" : "s", status, cli_style_end(n->color));
    fprintf(n->out, "%s       in all, the interpreter's objects too: %lld created (%lld from free lists), "
                    "%lld freed (%lld onto\n       free lists); collections of gen0 %lld, gen1 %lld, gen2 %lld%s\n",
            cli_style(n->color, CLI_STYLE_DIM), n->created, n->from_freelist, n->freed, n->to_freelist,
            n->collections[0], n->collections[1], n->collections[2], cli_style_end(n->color));
}

/* The totals of the summary line (every object, the interpreter's too). */
static void count_event(cli_narrator *n, const char *k, const json_t *ev)
{
    if (strcmp(k, "obj_new") == 0) {
        n->created++;
        if (cli_json_int(ev, "freelist", 0) == 1) n->from_freelist++;
    } else if (strcmp(k, "obj_free") == 0) {
        n->freed++;
        if (cli_json_int(ev, "freelist", 0) == 1) n->to_freelist++;
    } else if (strcmp(k, "gc_start") == 0) {
        long long g = cli_json_int(ev, "gen", -1);
        if (g >= 0 && g < 3) n->collections[g]++;
    }
}

/* A narrator writing to out. */
cli_narrator *cli_narrator_new(FILE *out, int color, int verbose)
{
    cli_narrator *n = calloc(1, sizeof *n);
    if (n == NULL) return NULL;
    n->out = out;
    n->color = color;
    n->verbose = verbose;
    n->thresholds[0] = 700;
    n->thresholds[1] = 10;
    n->thresholds[2] = 10;
    n->group = json_array();
    if (n->group == NULL) {
        free(n);
        return NULL;
    }
    return n;
}

/* Feed one event. */
void cli_narrator_event(cli_narrator *n, json_t *ev)
{
    const char *k = cli_json_str(ev, "ev", "");
    if (strcmp(k, "start") == 0) {
        narrate_start(n, ev);
    } else if (strcmp(k, "step") == 0) {
        flush_group(n);
        long long c[3];
        if (cli_json_counts(ev, "counts", c)) {
            memcpy(n->counts, c, sizeof c);
            n->have_counts = 1;
        }
        if (cli_json_counts(ev, "thresholds", c)) {
            memcpy(n->thresholds, c, sizeof c);
            n->thr_known = 1;
        } else {
            n->thr_known = 0;
        }
        /* The setup before the first line is not the program's doing. */
        if (!n->started_steps && !n->verbose) memcpy(n->shown_counts, n->counts, sizeof n->counts);
        maybe_counts(n);
        json_decref(n->step);
        n->step = json_incref(ev);
        n->started_steps = 1;
    } else if (strcmp(k, "end") == 0) {
        flush_group(n);
        maybe_counts(n);
        json_decref(n->step);
        n->step = NULL;
        narrate_end(n, ev);
    } else {
        count_event(n, k, ev);
        json_array_append(n->group, ev);
    }
}

/* Write what is buffered and free n. */
void cli_narrator_finish(cli_narrator *n)
{
    if (n == NULL) return;
    if (json_array_size(n->group) > 0 || n->step != NULL) flush_group(n);
    json_decref(n->group);
    json_decref(n->step);
    for (size_t i = 0; i < n->cap; i++) {
        free(n->objs[i].type);
        free(n->objs[i].label);
        free(n->objs[i].freed_label);
    }
    free(n->objs);
    for (size_t i = 0; i < n->ntypes; i++) free(n->types[i].type);
    free(n->types);
    free(n->temp);
    free(n->tgen);
    free(n->named);
    free(n->consumed);
    free(n->refnew);
    free(n->pending[0]);
    free(n->pending[1]);
    for (size_t i = 0; i < n->nlines; i++) free(n->lines[i]);
    free(n->lines);
    fflush(n->out);
    free(n);
}
