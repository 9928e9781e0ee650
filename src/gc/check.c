/*
 * check.c -- the collector's invariants, checked by rg_heap_check.
 *
 * Owns rg_gc_check: every generation list (and the permanent one) is a
 * well-formed circular list of live GC objects with no collection flags
 * left over; counts are not negative; no collection or deallocation is in
 * progress; the free lists hold dead, untracked objects of their type and
 * count; gc.garbage holds live objects.
 *
 * Must not: change anything.
 */
#include <stdarg.h>

#include "gc.h"
#include "../os/valgrind.h"

typedef struct checker {
    FILE *report;
    size_t errors;
} checker;

/* Record one violation. */
__attribute__((format(printf, 2, 3))) static void fail(checker *c, const char *fmt, ...)
{
    c->errors++;
    if (c->report == NULL || c->errors > 100) return;
    va_list ap;
    va_start(ap, fmt);
    fputs("rg_heap_check: ", c->report);
    vfprintf(c->report, fmt, ap);
    fputc('\n', c->report);
    va_end(ap);
}

typedef struct ref_list {
    rg_object *refs[64];
    size_t n;
} ref_list;

/* Collect what traverse reports (the first 64). */
static int collect_ref(rg_object *o, void *arg)
{
    ref_list *list = arg;
    if (list->n < 64) list->refs[list->n] = o;
    list->n++;
    return 0;
}

/* A type that declares its layout must report the same references through
 * traverse, in the same order. */
static void check_layout(checker *c, const char *name, size_t n, rg_object *o)
{
    ref_list by_traverse = {.n = 0}, by_layout = {.n = 0};
    o->type->traverse(o, collect_ref, &by_traverse);
    rg_visit_refs(o, collect_ref, &by_layout);
    size_t k = by_traverse.n < 64 ? by_traverse.n : 64;
    if (by_traverse.n != by_layout.n || memcmp(by_traverse.refs, by_layout.refs, k * sizeof(rg_object *)) != 0)
        fail(c, "%s: object %zu (%s): traverse and the declared layout disagree", name, n, o->type->name);
}

/* One generation list; at most limit nodes (a bound against cycles). */
static void check_list(checker *c, const char *name, const rg_gc_head *list, size_t limit)
{
    const rg_gc_head *prev = list;
    size_t n = 0;
    for (const rg_gc_head *g = rg_gc_next(list); g != list; g = rg_gc_next(g)) {
        if (g == NULL || ++n > limit) {
            fail(c, "%s: list broken or cyclic after %zu objects", name, n);
            return;
        }
        if (rg_gc_prev(g) != prev) fail(c, "%s: object %zu has a wrong prev link", name, n);
        if (g->next & RG_GC_NEXT_UNREACHABLE) fail(c, "%s: object %zu marked unreachable", name, n);
        if (g->prev & RG_GC_PREV_COLLECTING) fail(c, "%s: object %zu marked collecting", name, n);
        rg_object *o = rg_from_gc(g);
        if (!rg_is_gc(o)) fail(c, "%s: object %zu (%s) is not of a GC type", name, n, o->type->name);
        if (rg_type_has_layout(o->type)) {
            if (o->type->traverse == NULL) fail(c, "%s: type %s has a layout but no traverse", name, o->type->name);
            else check_layout(c, name, n, o);
        }
        if (o->refcnt <= 0)
            fail(c, "%s: object %zu (%s %p) has refcount %ld", name, n, o->type->name, (const void *)o,
                 (long)o->refcnt);
        prev = g;
    }
    if ((const rg_gc_head *)list->prev != prev) fail(c, "%s: head's prev is not the last object", name);
}

size_t rg_gc_check(rg_heap *heap, FILE *report)
{
    checker c = {report, 0};
    rg_objects *os = rg_objects_of_heap(heap);
    if (os == NULL) return 0;
    rg_stats s;
    rg_heap_stats(heap, &s);
    size_t limit = s.allocated_blocks + 1;
    static const char *names[RG_GC_GENERATIONS] = {"generation 0", "generation 1", "generation 2"};
    for (int i = 0; i < RG_GC_GENERATIONS; i++) {
        check_list(&c, names[i], &os->generations[i].head, limit);
        if (os->generations[i].count < 0) fail(&c, "%s: count %ld", names[i], os->generations[i].count);
    }
    check_list(&c, "permanent generation", &os->permanent, limit);
    if (os->trash_nesting != 0 || os->trash_later != NULL) fail(&c, "trashcan not empty");
    if (os->gc && os->gc->collecting) fail(&c, "a collection is running");

    for (size_t i = 0; i < os->freelist_slots; i++) {
        const rg_freelist *fl = &os->freelists[i];
        if (fl->type == NULL) continue;
        unsigned n = 0;
        for (const rg_object *o = fl->first; o != NULL;) {
            if (++n > fl->count) break;
            /* memcheck: a parked object is NOACCESS (object.c); open the
             * headers read here for this read only. */
            char *from = rg_object_block_of_type(o, fl->type);
            size_t len = (size_t)((const char *)(o + 1) - from);
            RG_VG_DEFINED(from, len);
            if (o->type != fl->type) fail(&c, "free list of %s holds a %s", fl->type->name, o->type->name);
            if (rg_is_gc(o) && rg_gc_is_tracked(rg_as_gc(o)))
                fail(&c, "free list of %s holds a tracked object", fl->type->name);
            const rg_object *next = (const rg_object *)o->refcnt;
            RG_VG_NOACCESS(from, len);
            o = next;
        }
        if (n != fl->count) fail(&c, "free list of %s: %u objects, count %u", fl->type->name, n, fl->count);
        if (fl->count > fl->type->freelist_capacity)
            fail(&c, "free list of %s over its capacity", fl->type->name);
        if (fl->order >= os->freelist_used) fail(&c, "free list of %s: order %u", fl->type->name, fl->order);
        for (size_t j = i + 1; j < os->freelist_slots; j++)
            if (os->freelists[j].type != NULL && os->freelists[j].order == fl->order)
                fail(&c, "free lists of %s and %s: same order %u", fl->type->name, os->freelists[j].type->name,
                     fl->order);
    }
    if (os->gc) {
        for (size_t i = 0; i < os->gc->ngarbage; i++)
            if (os->gc->garbage[i]->refcnt <= 0) fail(&c, "gc.garbage holds a dead object");
    }
    return c.errors;
}
