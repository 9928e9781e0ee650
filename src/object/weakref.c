/*
 * weakref.c -- weak references: the weakref type, the referent's list and
 * clearing when the referent dies by refcount.
 *
 * Owns: rg_weakref_type, rg_weakref_clear (CPython's clear_weakref and
 * _PyWeakref_ClearRef), rg_weakrefs_clear_on_death (PyObject_ClearWeakRefs)
 * and the read-only queries.  Creating weak references allocates a GC
 * object, which may start a collection, so rg_weakref_new is the
 * collector's (src/gc/new.c).
 *
 * Weak references are objects of rg_weakref_type or of a caller's type
 * flagged RG_TYPE_WEAKREF whose struct begins with struct rg_weakref.
 *
 * The list of an object (CPython's): its shared callback-less reference
 * first, then its shared callback-less proxy (RG_TYPE_WEAKREF_PROXY), then
 * every other reference, newest first.
 * Invariants: a reference is on its referent's list iff referent != NULL;
 * a reference with a callback holds a reference to its data.
 */
#include "object.h"
#include "../events/events.h"

_Static_assert(sizeof(rg_weakref) == RG_WEAKREF_SIZE, "refgc.h's RG_WEAKREF_SIZE");

/* ====================================================================== */
/* The weakref type                                                        */
/* ====================================================================== */

/* A weak reference owns its callback's data. */
static int weakref_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((rg_weakref *)self)->data);
    return 0;
}

/* The collector breaks cycles through a weak reference by clearing it. */
static int weakref_tp_clear(rg_object *self)
{
    rg_weakref_clear((rg_weakref *)self, 0);
    return 0;
}

/* weakref_dealloc: off the referent's list, callback dropped, freed. */
static void weakref_dealloc(rg_object *self)
{
    rg_untrack(self);
    rg_weakref_clear((rg_weakref *)self, 0);
    rg_object_free(self);
}

const rg_type rg_weakref_type = {
    .name = "weakref",
    .size = sizeof(rg_weakref),
    /* weakref_dealloc has no trashcan */
    .flags = RG_TYPE_GC | RG_TYPE_NO_TRASHCAN | RG_TYPE_WEAKREF | RG_TYPE_WEAKREF_SHARED,
    .traverse = weakref_traverse,
    .clear = weakref_tp_clear,
    .dealloc = weakref_dealloc,
};

/* ====================================================================== */
/* Clearing                                                                */
/* ====================================================================== */

/* Take ref off its referent's list and mark it dead. */
static void unlink_ref(rg_weakref *ref)
{
    if (ref->referent == NULL) return;
    rg_weakref **list = rg_weaklist_of(ref->referent);
    if (*list == ref) *list = ref->next;
    if (ref->prev) ref->prev->next = ref->next;
    if (ref->next) ref->next->prev = ref->prev;
    ref->prev = ref->next = NULL;
    ref->referent = NULL;
}

void rg_weakref_clear(rg_weakref *ref, int keep_callback)
{
    unlink_ref(ref);
    if (!keep_callback) {
        ref->callback = NULL;
        RG_CLEAR(ref->data);
    }
}

/* GC_CALLBACK for ref, if its heap has a sink. */
static void announce_callback(rg_weakref *ref)
{
    if (RG_LIKELY(!rg_events_maybe())) return;
    rg_objects *os = rg_ev_objects_of(RG_OBJ(ref));
    if (os != NULL) rg_ev_callback(os->events, RG_OBJ(ref));
}

/* Call ref's callback, detached from it first, then drop its data. */
static void call_detached(rg_weakref *ref, rg_weakref_callback callback, rg_object *data)
{
    if (callback) {
        announce_callback(ref);
        callback(ref, data);
    }
    rg_xdecref(data);
}

void rg_weakrefs_clear_on_death(rg_object *o)
{
    rg_weakref **list = rg_weaklist_of(o);
    /* The shared callback-less reference goes first, quietly. */
    if (*list != NULL && (*list)->callback == NULL) {
        rg_weakref_clear(*list, 0);
        if (*list != NULL && (*list)->callback == NULL) rg_weakref_clear(*list, 0);
    }
    if (*list == NULL) return;
    if ((*list)->next == NULL) {
        /* One reference left: its callback runs directly (if the reference
         * itself is still alive). */
        rg_weakref *ref = *list;
        rg_weakref_callback callback = ref->callback;
        rg_object *data = ref->data;
        ref->callback = NULL;
        ref->data = NULL;
        rg_weakref_clear(ref, 0);
        if (RG_OBJ(ref)->refcnt > 0) call_detached(ref, callback, data);
        else rg_xdecref(data);
        return;
    }
    /* Several: clear them all before any callback runs, keeping the live
     * ones alive (CPython collects them in a tuple; here they stay chained
     * through their list links, detached from o), then call the callbacks
     * in list order, then drop everything, last first (the tuple's order). */
    rg_weakref *chain = *list, *tail = NULL;
    *list = NULL;
    for (rg_weakref *ref = chain, *next; ref != NULL; ref = next) {
        next = ref->next;
        ref->referent = NULL;
        if (RG_OBJ(ref)->refcnt > 0) {
            rg_incref(RG_OBJ(ref));
            tail = ref;
            continue;
        }
        /* Dying already: out of the chain, callback dropped. */
        if (ref->prev) ref->prev->next = next;
        else chain = next;
        if (next) next->prev = ref->prev;
        ref->prev = ref->next = NULL;
        ref->callback = NULL;
        RG_CLEAR(ref->data);
    }
    for (rg_weakref *ref = chain; ref != NULL; ref = ref->next) {
        if (ref->callback) {
            announce_callback(ref);
            ref->callback(ref, ref->data);
        }
    }
    for (rg_weakref *ref = tail, *prev; ref != NULL; ref = prev) {
        prev = ref->prev;
        ref->prev = ref->next = NULL;
        ref->callback = NULL;
        RG_CLEAR(ref->data);
        rg_decref(RG_OBJ(ref));
    }
}

/* ====================================================================== */
/* Queries                                                                 */
/* ====================================================================== */

rg_object *rg_weakref_get(const rg_weakref *ref)
{
    /* A referent with no references left (dying, or set aside by the
     * trashcan) reads as gone, as PyWeakref_GET_OBJECT does. */
    rg_object *o = ref->referent;
    return (o != NULL && o->refcnt > 0) ? o : NULL;
}

void rg_clear_weakrefs(rg_object *o)
{
    if (o->type->weaklist_offset && *rg_weaklist_of(o) != NULL) rg_weakrefs_clear_on_death(o);
}

rg_object *rg_weakref_data(const rg_weakref *ref) { return ref->data; }

int rg_weakref_has_callback(const rg_weakref *ref) { return ref->callback != NULL; }

void rg_weakref_detach(rg_weakref *ref) { rg_weakref_clear(ref, 0); }

rg_weakref *rg_weakref_first(const rg_object *o)
{
    return o->type->weaklist_offset ? *rg_weaklist_of((rg_object *)o) : NULL;
}

rg_weakref *rg_weakref_next(const rg_weakref *ref) { return ref->next; }

size_t rg_weakref_count(const rg_object *o)
{
    if (o->type->weaklist_offset == 0) return 0;
    size_t n = 0;
    for (const rg_weakref *r = *rg_weaklist_of((rg_object *)o); r != NULL; r = r->next) n++;
    return n;
}
