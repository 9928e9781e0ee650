/*
 * dealloc.c -- what happens when a reference count reaches zero.
 *
 * Owns: rg_dealloc, CPython's deallocation protocol for objects whose type
 * has no dealloc of its own (subtype_dealloc's order: finalizer, weak
 * references, legacy del, release the references, free), PEP 442's
 * at-most-once finalizer calls, and the trashcan.
 *
 * The trashcan (CPython's Py_TRASHCAN_BEGIN/END, _PyTrash_UNWIND_LEVEL 50)
 * is applied here, around every GC container's dealloc -- a GC type with a
 * traverse or a clear hook, unless RG_TYPE_NO_TRASHCAN -- rather than
 * inside each dealloc: past 50 nested deallocations an object is set aside
 * (untracked, refcount 0, linked through its GC header's prev word as in
 * CPython) and freed when the outermost deallocation returns, so a chain of
 * any length is freed with bounded C stack, in CPython's order.  Leaf
 * objects do not count, as in CPython where only containers use it.
 *
 * Must not: decide on collections; touch the generation counts other than
 * through rg_object_free.
 */
#include "object.h"
#include "../events/events.h"

#define RG_TRASH_UNWIND_LEVEL 50

/* ====================================================================== */
/* Finalizers (PEP 442)                                                    */
/* ====================================================================== */

/* GC_FINALIZE for o, if its heap has a sink (finalizers are rare). */
static void announce_finalizer(rg_object *o)
{
    if (RG_LIKELY(!rg_events_maybe())) return;
    rg_objects *os = rg_ev_objects_of(o);
    if (os != NULL) rg_ev_finalize(os->events, o);
}

void rg_call_finalizer(rg_object *o)
{
    const rg_type *t = o->type;
    if (t->finalize == NULL) return;
    if (rg_type_is_gc(t) && rg_gc_finalized(rg_as_gc(o))) return;
    announce_finalizer(o);
    t->finalize(o);
    if (rg_type_is_gc(t)) rg_gc_set_finalized(rg_as_gc(o));
}

/* TRACK (state "resurrected") for o, back to life after its dealloc
 * event, if its heap has a sink. */
static void announce_resurrected(rg_object *o)
{
    if (RG_LIKELY(!rg_events_maybe())) return;
    rg_objects *os = rg_ev_objects_of(o);
    if (os != NULL) rg_ev_resurrected(os, o);
}

int rg_call_finalizer_from_dealloc(rg_object *o)
{
    RG_ASSERT(o->refcnt == 0);
    o->refcnt = 1; /* alive while the finalizer runs */
    rg_call_finalizer(o);
    if (--o->refcnt == 0) return 0;
    announce_resurrected(o);
    return -1; /* resurrected: whoever took a reference keeps it alive */
}

/* ====================================================================== */
/* The default deallocation                                                */
/* ====================================================================== */

/* Drop one reference (used through traverse). */
static int release_visit(rg_object *child, void *arg)
{
    (void)arg;
    rg_decref(child);
    return 0;
}

/* Untrack o if it is a tracked GC object. */
static inline void untrack(rg_object *o)
{
    if (rg_is_gc(o)) {
        rg_gc_head *g = rg_as_gc(o);
        if (rg_gc_is_tracked(g)) rg_gc_list_remove(g);
    }
}

/* The finalizer, weak references and legacy del of a dying object, in
 * subtype_dealloc's order; -1 if o was resurrected (stop there). */
static int before_release(rg_objects *os, rg_object *o)
{
    const rg_type *t = o->type;
    int gc = rg_type_is_gc(t);
    if (t->finalize) {
        /* Tracked while the finalizer runs, so that a resurrected object
         * is visible to the collector. */
        if (gc) rg_object_track(os, o);
        if (rg_call_finalizer_from_dealloc(o) < 0) return -1;
        if (gc) untrack(o);
    }
    if (t->weaklist_offset && *rg_weaklist_of(o) != NULL) rg_weakrefs_clear_on_death(o);
    if (t->legacy_del) {
        if (gc) rg_object_track(os, o);
        o->refcnt = 1;
        announce_finalizer(o);
        t->legacy_del(o);
        if (--o->refcnt != 0) {
            announce_resurrected(o);
            return -1; /* resurrected */
        }
        if (gc) untrack(o);
    }
    if ((t->finalize || t->legacy_del) && t->weaklist_offset) {
        /* Weak references made by the finalizers: cleared, their callbacks
         * never called (they could see a half-destroyed object). */
        rg_weakref **list = rg_weaklist_of(o);
        while (*list != NULL) rg_weakref_clear(*list, 1);
    }
    return 0;
}

/* Deallocate o (refcount 0) in CPython's subtype_dealloc order; returns
 * early, leaving o alive, if a finalizer or legacy del resurrected it. */
static void default_dealloc(rg_objects *os, rg_object *o)
{
    const rg_type *t = o->type;
    untrack(o); /* containers are untracked already */
    if (RG_UNLIKELY(t->finalize != NULL || t->legacy_del != NULL || t->weaklist_offset != 0) &&
        before_release(os, o) < 0)
        return;
    if (t->clear) t->clear(o);
    else if (t->traverse) t->traverse(o, release_visit, NULL);
    rg_object_free_in(os, o);
}

/* The body of o's deallocation: its type's dealloc, or the default. */
static void dealloc_body(rg_objects *os, rg_object *o)
{
    if (o->type->dealloc) o->type->dealloc(o);
    else default_dealloc(os, o);
}

/* ====================================================================== */
/* The trashcan                                                            */
/* ====================================================================== */

/* Deallocations that may recurse deeply: GC containers (types that own
 * references), unless the type says otherwise (weak references). */
static int uses_trashcan(const rg_type *t)
{
    return (t->flags & (RG_TYPE_GC | RG_TYPE_NO_TRASHCAN)) == RG_TYPE_GC &&
           (t->traverse != NULL || t->clear != NULL);
}

/* Free the objects set aside, most recent first (CPython's
 * _PyTrash_thread_destroy_chain): each runs with the trashcan counting
 * from 1, so it may nest 49 deeper before setting more aside. */
static void destroy_chain(rg_objects *os)
{
    os->trash_nesting++;
    while (os->trash_later != NULL) {
        rg_object *o = os->trash_later;
        rg_gc_head *g = rg_as_gc(o);
        os->trash_later = (rg_object *)(g->prev & ~RG_GC_PREV_FLAGS);
        g->prev &= RG_GC_PREV_FINALIZED; /* untracked again, still finalized */
        os->trash_nesting++;
        dealloc_body(os, o);
        os->trash_nesting--;
    }
    os->trash_nesting--;
}

void rg_dealloc(rg_object *o)
{
    RG_ASSERT(o->refcnt == 0);
    rg_objects *os = rg_objects_of(o);
    if (RG_UNLIKELY(os->events != NULL)) rg_ev_dealloc(os, o);
    if (!uses_trashcan(o->type)) {
        dealloc_body(os, o);
        return;
    }
    untrack(o); /* containers untrack first (CPython's deallocs do) */
    if (os->trash_nesting >= RG_TRASH_UNWIND_LEVEL) {
        /* Set aside, dead (refcount 0), untracked: linked through the GC
         * header's prev word, as CPython does, keeping its flag bits (a
         * finalizer that already ran must not run again). */
        rg_gc_head *g = rg_as_gc(o);
        RG_ASSERT(((uintptr_t)os->trash_later & RG_GC_PREV_FLAGS) == 0);
        g->prev = (g->prev & RG_GC_PREV_FLAGS) | (uintptr_t)os->trash_later;
        os->trash_later = o;
        return;
    }
    os->trash_nesting++;
    dealloc_body(os, o);
    os->trash_nesting--;
    if (os->trash_later != NULL && os->trash_nesting <= 0) destroy_chain(os);
}
