/*
 * collect.c -- one collection: CPython 3.11's gc_collect_main, step for step.
 *
 * Owns the phases, in CPython's order:
 *   1. counts: generation N+1 +1, generations 0..N := 0;
 *   2. merge the younger generations into N ("young");
 *   3. deduce_unreachable: gc_refs := refcount (update_refs), minus the
 *      references from inside young (subtract_refs), then move_unreachable
 *      splits young into reachable and (tentatively) unreachable;
 *   4. the untrack hooks of the survivors (tuples every time; dicts in full
 *      collections), then promotion (or, in a full collection, the
 *      long-lived bookkeeping);
 *   5. legacy finalizers and everything they reach become uncollectable;
 *   6. weak references to the garbage are cleared, and the callbacks of
 *      those that are not garbage themselves are called;
 *   7. PEP 442 finalizers, at most once per object;
 *   8. resurrected objects, and all they reach, survive (a second
 *      deduce_unreachable on the garbage alone);
 *   9. clear breaks the cycles (or DEBUG_SAVEALL keeps everything);
 *  10. uncollectable objects go to gc.garbage; a full collection empties
 *      the free lists; stats.
 *
 * While an event sink is installed (os->events), every phase is reported
 * (GC_PHASE, src/events/) with the objects it touched, at the moment they
 * are all alive; the sink must not be installed or removed meanwhile.
 *
 * During a collection a GC header's prev holds gc_refs in bits 2..63 (the
 * list is singly linked then) and next's bit 0 marks the tentatively
 * unreachable; rg_gc_check verifies both are clean outside.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <time.h>

#include "gc.h"
#include "../events/events.h"

/* ====================================================================== */
/* gc_refs in the prev word                                                */
/* ====================================================================== */

static inline intptr_t gc_get_refs(const rg_gc_head *g) { return (intptr_t)(g->prev >> RG_GC_PREV_SHIFT); }

static inline void gc_set_refs(rg_gc_head *g, intptr_t refs)
{
    g->prev = (g->prev & RG_GC_PREV_FLAGS) | ((uintptr_t)refs << RG_GC_PREV_SHIFT);
}

/* gc_refs := refs, COLLECTING set, FINALIZED kept. */
static inline void gc_reset_refs(rg_gc_head *g, intptr_t refs)
{
    g->prev = (g->prev & RG_GC_PREV_FINALIZED) | RG_GC_PREV_COLLECTING |
              ((uintptr_t)refs << RG_GC_PREV_SHIFT);
}

/* One reference found inside the collected set.  More internal references
 * than the refcount means a refcount too small somewhere: CPython's debug
 * build stops on it ("refcount is too small"), so does RG_ASSERTS. */
static inline void gc_decref(rg_gc_head *g)
{
    RG_ASSERT(gc_get_refs(g) > 0 && "refcount is too small");
    g->prev -= (uintptr_t)1 << RG_GC_PREV_SHIFT;
}

/* ====================================================================== */
/* Reachability                                                            */
/* ====================================================================== */

/* gc_refs := ob_refcnt for every object of containers; COLLECTING on.
 * Returns how many objects there are. */
static size_t update_refs(rg_gc_head *containers)
{
    size_t n = 0;
    for (rg_gc_head *g = rg_gc_next(containers); g != containers; g = rg_gc_next(g)) {
        gc_reset_refs(g, rg_from_gc(g)->refcnt);
        RG_ASSERT(gc_get_refs(g) != 0);
        n++;
    }
    return n;
}

/* A reference from inside the collected set. */
static int visit_decref(rg_object *o, void *parent)
{
    (void)parent;
    if (rg_is_gc(o)) {
        rg_gc_head *g = rg_as_gc(o);
        if (rg_gc_collecting(g)) gc_decref(g);
    }
    return 0;
}

/* Ask the cache for the lines a visit of o reads: its type word and its
 * GC header, which often straddle a line boundary. */
static int visit_prefetch(rg_object *o, void *arg)
{
    (void)arg;
    __builtin_prefetch(o, 1);
    __builtin_prefetch((const char *)o - sizeof(rg_gc_head), 1);
    return 0;
}

/* Prefetch what the object at g references, unless g is the list head. */
static inline void prefetch_referents(rg_gc_head *g, const rg_gc_head *list)
{
    if (g == list) return;
    rg_visit_refs(rg_from_gc(g), visit_prefetch, NULL);
}

/* Prefetching pays once the objects outgrow the caches (measured: a loss
 * below ~150,000 objects of 64 bytes, twice as fast at 1,000,000); the
 * distance is in objects. */
#define PREFETCH_MIN_OBJECTS 131072
#define PREFETCH_DISTANCE 16

/* Subtract the references between the objects of containers. */
static void subtract_refs(rg_gc_head *containers, int prefetch)
{
    if (!prefetch) {
        for (rg_gc_head *g = rg_gc_next(containers); g != containers; g = rg_gc_next(g)) {
            rg_object *o = rg_from_gc(g);
            rg_visit_refs(o, visit_decref, o);
        }
        return;
    }
    rg_gc_head *ahead = rg_gc_next(containers);
    for (int i = 0; i < PREFETCH_DISTANCE && ahead != containers; i++) {
        prefetch_referents(ahead, containers);
        ahead = rg_gc_next(ahead);
    }
    for (rg_gc_head *g = rg_gc_next(containers); g != containers; g = rg_gc_next(g)) {
        prefetch_referents(ahead, containers);
        if (ahead != containers) ahead = rg_gc_next(ahead);
        rg_object *o = rg_from_gc(g);
        rg_visit_refs(o, visit_decref, o);
    }
}

/* Reached from an object known to be reachable (move_unreachable). */
static int visit_reachable(rg_object *o, void *arg)
{
    rg_gc_head *reachable = arg;
    if (!rg_is_gc(o)) return 0;
    rg_gc_head *g = rg_as_gc(o);
    /* Other generations, and objects already scanned, are not COLLECTING. */
    if (!rg_gc_collecting(g)) return 0;
    RG_ASSERT(g->next != 0);
    if (g->next & RG_GC_NEXT_UNREACHABLE) {
        /* Thought unreachable, but it is not: back to the tail of young,
         * where the scan will reach it again.  Unlinked by hand: the flag
         * bits defeat the list functions. */
        rg_gc_head *prev = rg_gc_prev(g);
        rg_gc_head *next = (rg_gc_head *)(g->next & ~RG_GC_NEXT_UNREACHABLE);
        prev->next = g->next; /* keeps the UNREACHABLE bit for prev */
        rg_gc_set_prev(next, prev);
        rg_gc_list_append(g, reachable);
        gc_set_refs(g, 1);
    } else if (gc_get_refs(g) == 0) {
        /* Not scanned yet: just say it is reachable. */
        gc_set_refs(g, 1);
    }
    return 0;
}

/* Split young: whatever has gc_refs > 0, or is reached from such an object,
 * stays (reachable, COLLECTING cleared, prev pointers restored); the rest
 * moves to unreachable with next's UNREACHABLE bit set. */
static void move_unreachable(rg_gc_head *young, rg_gc_head *unreachable, int prefetch)
{
    rg_gc_head *prev = young;
    rg_gc_head *g = rg_gc_next(young);
    /* ahead runs a few objects in front of g through objects this pass has
     * not touched yet (whose next links are plain), prefetching. */
    rg_gc_head *ahead = prefetch ? g : young;
    for (int i = 0; i < PREFETCH_DISTANCE && ahead != young; i++) {
        prefetch_referents(ahead, young);
        ahead = rg_gc_next(ahead);
    }
    while (g != young) {
        if (ahead != young) {
            prefetch_referents(ahead, young);
            ahead = rg_gc_next(ahead);
        }
        if (gc_get_refs(g)) {
            rg_object *o = rg_from_gc(g);
            rg_visit_refs(o, visit_reachable, young);
            rg_gc_set_prev(g, prev);
            rg_gc_clear_collecting(g);
            prev = g;
        } else {
            /* young is singly linked here: only prev->next needs fixing. */
            prev->next = g->next;
            rg_gc_head *last = rg_gc_prev(unreachable);
            last->next = RG_GC_NEXT_UNREACHABLE | (uintptr_t)g;
            rg_gc_set_prev(g, last);
            g->next = RG_GC_NEXT_UNREACHABLE | (uintptr_t)unreachable;
            unreachable->prev = (uintptr_t)g;
        }
        g = (rg_gc_head *)prev->next;
    }
    young->prev = (uintptr_t)prev;
    unreachable->next &= ~RG_GC_NEXT_UNREACHABLE;
}

/* GC_PHASE name: every object of list with its gc_refs. */
static void phase_refs(rg_events *ev, const rg_gc_head *list, const char *name)
{
    rg_ev_phase_begin(ev);
    for (const rg_gc_head *g = rg_gc_next(list); g != list; g = rg_gc_next(g))
        rg_ev_phase_add(ev, rg_from_gc(g), gc_get_refs(g));
    rg_ev_phase_emit(ev, name);
}

/* GC_PHASE move_unreachable: the n objects of the last phase (still in the
 * scratch, in the same order), 1 when found reachable. */
static void phase_reachable(rg_events *ev, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ev->vals[i] = (rg_as_gc(ev->objs[i])->next & RG_GC_NEXT_UNREACHABLE) == 0;
    ev->n = n;
    rg_ev_phase_emit(ev, "move_unreachable");
}

/* GC_PHASE name: every object of list, each with value. */
static void phase_list(rg_events *ev, const rg_gc_head *list, const char *name, intptr_t value)
{
    rg_ev_phase_begin(ev);
    rg_ev_phase_add_list(ev, list, value);
    rg_ev_phase_emit(ev, name);
}

/* CPython's deduce_unreachable: base keeps what is reachable from outside
 * it; the rest goes to unreachable (flags COLLECTING and UNREACHABLE).
 * ev non-NULL: report its three phases. */
static void deduce_unreachable(rg_gc_head *base, rg_gc_head *unreachable, rg_events *ev)
{
    int prefetch = update_refs(base) >= PREFETCH_MIN_OBJECTS;
    if (RG_UNLIKELY(ev != NULL)) phase_refs(ev, base, "update_refs");
    subtract_refs(base, prefetch);
    size_t n = 0;
    if (RG_UNLIKELY(ev != NULL)) {
        phase_refs(ev, base, "subtract_refs");
        n = ev->n; /* the scratch keeps them for move_unreachable */
    }
    rg_gc_list_init(unreachable);
    move_unreachable(base, unreachable, prefetch);
    if (RG_UNLIKELY(ev != NULL)) phase_reachable(ev, n);
}

/* ====================================================================== */
/* Untrack hooks and legacy finalizers                                     */
/* ====================================================================== */

/* Survivors whose type says they hold nothing that could be in a cycle
 * are untracked: the every-collection kind (tuples) when full is 0, the
 * full-collection kind (dicts) when 1. */
static void untrack_survivors(rg_gc_head *young, int full, rg_events *ev)
{
    for (rg_gc_head *g = rg_gc_next(young), *next; g != young; g = next) {
        next = rg_gc_next(g);
        rg_object *o = rg_from_gc(g);
        const rg_type *t = o->type;
        if (t->may_untrack == NULL) continue;
        if (((t->flags & RG_TYPE_UNTRACK_ON_FULL) != 0) != full) continue;
        if (t->may_untrack(o)) {
            if (RG_UNLIKELY(ev != NULL)) rg_ev_phase_add(ev, o, 0);
            rg_gc_list_remove(g);
        }
    }
}

/* Clear the UNREACHABLE marks of unreachable and move the objects with a
 * legacy finalizer to finalizers (COLLECTING cleared). */
static void move_legacy_finalizers(rg_gc_head *unreachable, rg_gc_head *finalizers)
{
    for (rg_gc_head *g = rg_gc_next(unreachable), *next; g != unreachable; g = next) {
        RG_ASSERT(g->next & RG_GC_NEXT_UNREACHABLE);
        g->next &= ~RG_GC_NEXT_UNREACHABLE;
        next = (rg_gc_head *)g->next;
        if (rg_from_gc(g)->type->legacy_del) {
            rg_gc_clear_collecting(g);
            rg_gc_list_move(g, finalizers);
        }
    }
}

/* Pull what a legacy finalizer reaches into its list. */
static int visit_move(rg_object *o, void *arg)
{
    rg_gc_head *to = arg;
    if (rg_is_gc(o)) {
        rg_gc_head *g = rg_as_gc(o);
        if (rg_gc_collecting(g)) {
            rg_gc_list_move(g, to);
            rg_gc_clear_collecting(g);
        }
    }
    return 0;
}

/* Everything reachable from finalizers joins it (transitively: the list
 * grows while it is walked). */
static void move_legacy_finalizer_reachable(rg_gc_head *finalizers)
{
    for (rg_gc_head *g = rg_gc_next(finalizers); g != finalizers; g = rg_gc_next(g)) {
        rg_object *o = rg_from_gc(g);
        rg_visit_refs(o, visit_move, finalizers);
    }
}

/* ====================================================================== */
/* Weak references, finalizers, resurrection, clearing                     */
/* ====================================================================== */

/* Clear every weak reference to the garbage (and every weak reference that
 * is garbage) before any callback runs; then call the callbacks of the
 * cleared references that are not garbage themselves.  Returns how many of
 * those references the callbacks freed (counted as collected). */
static size_t handle_weakrefs(rg_gc_head *unreachable, rg_gc_head *old, size_t *called,
                              int *finalizers_due, int clear_marks, rg_events *ev)
{
    if (RG_UNLIKELY(ev != NULL)) rg_ev_phase_begin(ev);
    rg_gc_head wrcb_to_call;
    rg_gc_list_init(&wrcb_to_call);
    for (rg_gc_head *g = rg_gc_next(unreachable), *next; g != unreachable; g = next) {
        rg_object *o = rg_from_gc(g);
        /* With no legacy finalizer in the heap, move_legacy_finalizers would
         * only clear the UNREACHABLE marks: done here, saving a pass. */
        if (clear_marks) g->next &= ~RG_GC_NEXT_UNREACHABLE;
        next = rg_gc_next(g);
        /* While here: will finalize_garbage have anything to do? */
        if (o->type->finalize && !rg_gc_finalized(g)) *finalizers_due = 1;
        /* A weak reference in the garbage is cleared whatever its referent,
         * so its callback can never run (bpo-38006). */
        if (rg_is_weakref(o)) {
            if (RG_UNLIKELY(ev != NULL) && ((rg_weakref *)o)->referent != NULL) rg_ev_phase_add(ev, o, 0);
            rg_weakref_clear((rg_weakref *)o, 1);
        }
        if (o->type->weaklist_offset == 0) continue;
        rg_weakref **list = rg_weaklist_of(o);
        for (rg_weakref *wr = *list; wr != NULL; wr = *list) {
            rg_weakref_clear(wr, 1); /* keeps the callback; *list advances */
            rg_gc_head *wg = rg_as_gc(RG_OBJ(wr));
            if (RG_UNLIKELY(ev != NULL))
                rg_ev_phase_add(ev, RG_OBJ(wr), wr->callback != NULL && !rg_gc_collecting(wg));
            if (wr->callback == NULL) continue;
            if (rg_gc_collecting(wg)) continue; /* garbage itself: no call */
            rg_incref(RG_OBJ(wr)); /* alive until its callback has run */
            RG_ASSERT(wg != next);
            rg_gc_list_move(wg, &wrcb_to_call);
        }
    }
    if (RG_UNLIKELY(ev != NULL)) rg_ev_phase_emit(ev, "handle_weakrefs");
    size_t freed = 0;
    while (!rg_gc_list_is_empty(&wrcb_to_call)) {
        rg_gc_head *g = rg_gc_next(&wrcb_to_call);
        rg_weakref *wr = (rg_weakref *)rg_from_gc(g);
        RG_ASSERT(wr->callback != NULL);
        if (RG_UNLIKELY(ev != NULL)) rg_ev_callback(ev, RG_OBJ(wr));
        wr->callback(wr, wr->data);
        (*called)++;
        rg_decref(RG_OBJ(wr));
        if (rg_gc_next(&wrcb_to_call) == g) rg_gc_list_move(g, old); /* still alive */
        else freed++;
    }
    return freed;
}

/* PEP 442: call each finalizer not called before, once; returns how many
 * ran. */
static size_t finalize_garbage(rg_gc_head *collectable, rg_events *ev)
{
    size_t called = 0;
    rg_gc_head seen;
    rg_gc_list_init(&seen);
    while (!rg_gc_list_is_empty(collectable)) {
        rg_gc_head *g = rg_gc_next(collectable);
        rg_object *o = rg_from_gc(g);
        rg_gc_list_move(g, &seen);
        if (!rg_gc_finalized(g) && o->type->finalize) {
            rg_gc_set_finalized(g);
            rg_incref(o);
            if (RG_UNLIKELY(ev != NULL)) rg_ev_finalize(ev, o);
            o->type->finalize(o);
            rg_decref(o);
            called++;
        }
    }
    rg_gc_list_merge(&seen, collectable);
    return called;
}

/* Objects that finalizers made reachable again, and all they reach,
 * survive into old; the rest is still_unreachable.  When no finalizer or
 * weakref callback ran since the garbage was found, nothing can have been
 * resurrected and the second reachability pass is skipped: its outcome
 * (all of it, flags as they are) is known. */
static void handle_resurrected_objects(rg_gc_head *unreachable, rg_gc_head *still_unreachable,
                                       rg_gc_head *old, size_t code_ran, rg_events *ev)
{
    if (code_ran == 0) {
        rg_gc_list_init(still_unreachable);
        rg_gc_list_merge(unreachable, still_unreachable);
        if (RG_UNLIKELY(ev != NULL)) phase_list(ev, unreachable, "resurrected", 0); /* empty */
        return;
    }
    for (rg_gc_head *g = rg_gc_next(unreachable); g != unreachable; g = rg_gc_next(g))
        rg_gc_clear_collecting(g);
    deduce_unreachable(unreachable, still_unreachable, NULL);
    for (rg_gc_head *g = rg_gc_next(still_unreachable); g != still_unreachable; g = rg_gc_next(g))
        g->next &= ~RG_GC_NEXT_UNREACHABLE;
    if (RG_UNLIKELY(ev != NULL)) phase_list(ev, unreachable, "resurrected", 0);
    rg_gc_list_merge(unreachable, old);
}

/* Break the cycles with clear (or, DEBUG_SAVEALL, keep everything in
 * gc.garbage); what survives goes to old. */
static void delete_garbage(rg_gc_state *gc, rg_gc_head *collectable, rg_gc_head *old)
{
    while (!rg_gc_list_is_empty(collectable)) {
        rg_gc_head *g = rg_gc_next(collectable);
        rg_object *o = rg_from_gc(g);
        RG_ASSERT(o->refcnt > 0);
        if (gc->debug & RG_GC_DEBUG_SAVEALL) {
            rg_gc_garbage_append(gc, o);
        } else if (o->type->clear) {
            rg_incref(o);
            o->type->clear(o);
            rg_decref(o);
        }
        if (rg_gc_next(collectable) == g) {
            /* Still alive: it may die later. */
            rg_gc_clear_collecting(g);
            rg_gc_list_move(g, old);
        }
    }
}

/* Objects with a legacy finalizer (all, under SAVEALL) go to gc.garbage;
 * the uncollectable set joins old. */
static void handle_legacy_finalizers(rg_gc_state *gc, rg_gc_head *finalizers, rg_gc_head *old)
{
    for (rg_gc_head *g = rg_gc_next(finalizers); g != finalizers; g = rg_gc_next(g)) {
        rg_object *o = rg_from_gc(g);
        if ((gc->debug & RG_GC_DEBUG_SAVEALL) || o->type->legacy_del)
            if (rg_gc_garbage_append(gc, o) != 0) break;
    }
    rg_gc_list_merge(finalizers, old);
}

/* ====================================================================== */
/* gc_collect_main                                                         */
/* ====================================================================== */

/* GC_PHASE finalize: the unreachable objects whose finalizer is about to
 * run (each then gets a GC_FINALIZE as it does). */
static void phase_finalize(rg_events *ev, const rg_gc_head *unreachable, int due)
{
    rg_ev_phase_begin(ev);
    for (const rg_gc_head *g = rg_gc_next(unreachable); due && g != unreachable; g = rg_gc_next(g)) {
        rg_object *o = rg_from_gc(g);
        if (o->type->finalize && !rg_gc_finalized(g)) rg_ev_phase_add(ev, o, 0);
    }
    rg_ev_phase_emit(ev, "finalize");
}

/* "gc: collectable <Node 0x...>" */
static void debug_cycle(rg_gc_state *gc, const char *what, rg_object *o)
{
    fprintf(rg_gc_out(gc), "gc: %s <%s %p>\n", what, o->type->name, (void *)o);
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Collect generation (0..2); returns n + m, as gc.collect does, with m
 * (collected) and n (uncollectable) apart in *collected, *uncollectable. */
static size_t gc_collect_main(rg_objects *os, int generation, size_t *collected,
                              size_t *uncollectable)
{
    rg_gc_state *gc = os->gc;
    size_t m = 0, n = 0;
    double t1 = 0;
    if (gc->debug & RG_GC_DEBUG_STATS) {
        FILE *out = rg_gc_out(gc);
        fprintf(out, "gc: collecting generation %d...\n", generation);
        fputs("gc: objects in each generation:", out);
        for (int i = 0; i < RG_GC_GENERATIONS; i++)
            fprintf(out, " %zu", rg_gc_list_size(&os->generations[i].head));
        fprintf(out, "\ngc: objects in permanent generation: %zu\n", rg_gc_list_size(&os->permanent));
        t1 = now_seconds();
    }

    if (generation + 1 < RG_GC_GENERATIONS) os->generations[generation + 1].count += 1;
    for (int i = 0; i <= generation; i++) os->generations[i].count = 0;
    for (int i = 0; i < generation; i++)
        rg_gc_list_merge(&os->generations[i].head, &os->generations[generation].head);
    rg_gc_head *young = &os->generations[generation].head;
    rg_gc_head *old = generation < RG_GC_GENERATIONS - 1 ? &os->generations[generation + 1].head : young;

    rg_events *ev = os->events;
    rg_gc_head unreachable;
    deduce_unreachable(young, &unreachable, ev);
    if (RG_UNLIKELY(ev != NULL)) rg_ev_phase_begin(ev);
    if (os->untrack_hooks & RG_UNTRACK_EVERY) untrack_survivors(young, 0, ev);
    if (young != old) {
        if (RG_UNLIKELY(ev != NULL)) {
            rg_ev_phase_emit(ev, "untrack");
            phase_list(ev, young, "promote", generation + 1);
        }
        if (generation == RG_GC_GENERATIONS - 2) gc->long_lived_pending += rg_gc_list_size(young);
        rg_gc_list_merge(young, old);
    } else {
        if (os->untrack_hooks & RG_UNTRACK_FULL) untrack_survivors(young, 1, ev);
        gc->long_lived_pending = 0;
        gc->long_lived_total = rg_gc_list_size(young);
        if (RG_UNLIKELY(ev != NULL)) {
            rg_ev_phase_emit(ev, "untrack");
            phase_list(ev, young, "promote", generation);
        }
    }

    rg_gc_head finalizers;
    rg_gc_list_init(&finalizers);
    int separate = (os->untrack_hooks & RG_HAS_LEGACY_DEL) || (gc->debug & RG_GC_DEBUG_COLLECTABLE);
    if (separate) {
        move_legacy_finalizers(&unreachable, &finalizers);
        move_legacy_finalizer_reachable(&finalizers);
    }
    if (RG_UNLIKELY(ev != NULL)) phase_list(ev, &finalizers, "legacy_finalizers", 0);
    if (gc->debug & RG_GC_DEBUG_COLLECTABLE)
        for (rg_gc_head *g = rg_gc_next(&unreachable); g != &unreachable; g = rg_gc_next(g))
            debug_cycle(gc, "collectable", rg_from_gc(g));

    size_t code_ran = 0;
    int finalizers_due = 0;
    m += handle_weakrefs(&unreachable, old, &code_ran, &finalizers_due, !separate, ev);
    if (RG_UNLIKELY(ev != NULL)) phase_finalize(ev, &unreachable, finalizers_due);
    /* Without a finalizer to call, finalize_garbage would only move every
     * object to a list and back. */
    if (finalizers_due) code_ran += finalize_garbage(&unreachable, ev);
    rg_gc_head final_unreachable;
    handle_resurrected_objects(&unreachable, &final_unreachable, old, code_ran, ev);
    m += rg_gc_list_size(&final_unreachable);
    if (RG_UNLIKELY(ev != NULL)) phase_list(ev, &final_unreachable, "delete_garbage", 0);
    delete_garbage(gc, &final_unreachable, old);

    for (rg_gc_head *g = rg_gc_next(&finalizers); g != &finalizers; g = rg_gc_next(g)) {
        n++;
        if (gc->debug & RG_GC_DEBUG_UNCOLLECTABLE) debug_cycle(gc, "uncollectable", rg_from_gc(g));
    }
    if (gc->debug & RG_GC_DEBUG_STATS)
        fprintf(rg_gc_out(gc), "gc: done, %zu unreachable, %zu uncollectable, %.4fs elapsed\n", n + m,
                n, now_seconds() - t1);
    handle_legacy_finalizers(gc, &finalizers, old);
    if (generation == RG_GC_GENERATIONS - 1) rg_freelists_clear(os);

    rg_gc_stats *stats = &gc->stats[generation];
    stats->collections++;
    stats->collected += m;
    stats->uncollectable += n;
    *collected = m;
    *uncollectable = n;
    return n + m;
}

/* Tell every callback; callbacks added or removed meanwhile are fine: the
 * array is re-read at every step. */
static void invoke_callbacks(rg_objects *os, const char *phase, int generation, size_t collected,
                             size_t uncollectable)
{
    rg_gc_state *gc = os->gc;
    for (size_t i = 0; i < gc->ncallbacks; i++)
        gc->callbacks[i].fn(os->heap, phase, generation, collected, uncollectable, gc->callbacks[i].data);
}

size_t rg_gc_collect_with_callbacks(rg_objects *os, int generation)
{
    RG_ASSERT(os->gc->collecting);
    invoke_callbacks(os, "start", generation, 0, 0);
    size_t collected, uncollectable;
    if (RG_UNLIKELY(os->events != NULL)) rg_ev_gc_start(os, generation);
    size_t result = gc_collect_main(os, generation, &collected, &uncollectable);
    if (RG_UNLIKELY(os->events != NULL)) rg_ev_gc_end(os, generation, collected, uncollectable);
    invoke_callbacks(os, "stop", generation, collected, uncollectable);
    return result;
}
