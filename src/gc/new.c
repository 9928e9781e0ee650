/*
 * new.c -- allocating objects: rg_new, rg_new_var, rg_weakref_new.
 *
 * Owns: the allocation side of CPython's collector accounting
 * (_PyObject_GC_Link): a GC object that does not come from a free list adds
 * 1 to the generation-0 count, and when that count passes its threshold
 * (collection enabled, threshold not 0, no collection running) the
 * collection runs right there, before the new object is tracked -- so it is
 * never part of the collection its own allocation starts.  Then the object
 * is tracked (unless its type tracks later) and returned.
 *
 * While an event sink is installed, a new object is announced (OBJ_NEW,
 * then TRACK) after the collection its allocation may have started, and
 * that collection's GC_START says "auto" with the type being allocated.
 *
 * Also the collector's per-heap state, made with the object state.
 */
#include <errno.h>

#include "gc.h"
#include "../events/events.h"
#include "../os/os.h"

/* ====================================================================== */
/* State                                                                   */
/* ====================================================================== */

/* The heap is going: free the collector's state, then the object layer's. */
static void gc_destroy(rg_heap *heap)
{
    rg_objects *os = rg_objects_of_heap(heap);
    if (os != NULL && os->gc != NULL) {
        rg_os_free(os->gc->callbacks);
        rg_os_free(os->gc->garbage);
        rg_os_free(os->gc);
        os->gc = NULL;
    }
    rg_objects_destroy(heap);
}

/* First use of the heap's objects: make both states. */
static rg_objects *make_states(rg_heap *heap)
{
    rg_objects *os = rg_objects_get(heap);
    if (os == NULL) return NULL;
    if (RG_LIKELY(os->gc != NULL)) return os;
    rg_gc_state *gc = rg_os_calloc(1, sizeof *gc);
    if (gc == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    gc->enabled = 1;
    os->gc = gc;
    heap->objects_destroy = gc_destroy;
    heap->objects_check = rg_gc_check;
    return os;
}

rg_objects *rg_gc_objects(rg_heap *heap)
{
    rg_objects *os = rg_objects_of_heap(heap);
    if (RG_LIKELY(os != NULL && os->gc != NULL)) return os;
    return make_states(heap);
}

/* ====================================================================== */
/* Automatic collection                                                    */
/* ====================================================================== */

/* Collect the oldest generation over its threshold (CPython's
 * collect_generations): generation 2 only once enough has been promoted
 * since the last full collection, to keep the cost linear. */
static void collect_generations(rg_objects *os)
{
    rg_gc_state *gc = os->gc;
    for (int i = RG_GC_GENERATIONS - 1; i >= 0; i--) {
        if (os->generations[i].count > os->generations[i].threshold) {
            if (i == RG_GC_GENERATIONS - 1 && gc->long_lived_pending < gc->long_lived_total / 4)
                continue;
            rg_gc_collect_with_callbacks(os, i);
            break;
        }
    }
}

/* One more GC allocation (of type): count it, and collect if it crossed
 * the line. */
static void gc_link(rg_objects *os, const rg_type *type)
{
    rg_generation *g0 = &os->generations[0];
    rg_gc_state *gc = os->gc;
    g0->count++;
    if (g0->count > g0->threshold && gc->enabled && g0->threshold != 0 && !gc->collecting) {
        if (RG_UNLIKELY(os->events != NULL)) {
            os->events->auto_type = type;
            os->events->auto_pending = 1;
        }
        gc->collecting = 1;
        collect_generations(os);
        gc->collecting = 0;
    }
}

/* ====================================================================== */
/* Entry points                                                            */
/* ====================================================================== */

rg_object *rg_new_var(rg_heap *heap, const rg_type *type, size_t nitems)
{
    if (RG_FAULT(RG_FAULT_OBJECT)) return NULL; /* failure injection (os.h) */
    rg_objects *os = rg_gc_objects(heap);
    if (os == NULL) return NULL;
    int reused;
    rg_object *o = rg_object_alloc(os, type, nitems, &reused);
    if (o == NULL) return NULL;
    if (RG_UNLIKELY(type->may_untrack != NULL))
        os->untrack_hooks |= (type->flags & RG_TYPE_UNTRACK_ON_FULL) ? RG_UNTRACK_FULL : RG_UNTRACK_EVERY;
    if (RG_UNLIKELY(type->legacy_del != NULL)) os->untrack_hooks |= RG_HAS_LEGACY_DEL;
    if (rg_type_is_gc(type)) {
        if (!reused) gc_link(os, type);
        if (!(type->flags & RG_TYPE_TRACK_LATER)) rg_object_track(os, o);
    }
    if (RG_UNLIKELY(heap->events != NULL)) {
        rg_ev_obj_new(heap, o, reused);
        if (rg_is_tracked(o)) rg_ev_track(os, o, 0);
    }
    return o;
}

rg_object *rg_new(rg_heap *heap, const rg_type *type) { return rg_new_var(heap, type, 0); }

/* Put ref first on list. */
static void insert_head(rg_weakref *ref, rg_weakref **list)
{
    rg_weakref *next = *list;
    ref->prev = NULL;
    ref->next = next;
    if (next) next->prev = ref;
    *list = ref;
}

/* Put ref right after prev. */
static void insert_after(rg_weakref *ref, rg_weakref *prev)
{
    ref->prev = prev;
    ref->next = prev->next;
    if (prev->next) prev->next->prev = ref;
    prev->next = ref;
}

/* The referent's shared references (CPython's get_basic_refs): the
 * callback-less one of a non-proxy SHARED type, first on the list, and
 * the callback-less one of a SHARED proxy type, first or right after it. */
static int is_shared(const rg_weakref *r, unsigned proxy)
{
    const unsigned want = RG_TYPE_WEAKREF_SHARED | proxy;
    const unsigned kind = RG_OBJ(r)->type->flags & (RG_TYPE_WEAKREF_SHARED | RG_TYPE_WEAKREF_PROXY);
    return r->callback == NULL && kind == want;
}

static void shared_refs(rg_weakref *head, rg_weakref **ref, rg_weakref **proxy)
{
    *ref = *proxy = NULL;
    if (head != NULL && is_shared(head, 0)) {
        *ref = head;
        head = head->next;
    }
    if (head != NULL && is_shared(head, RG_TYPE_WEAKREF_PROXY)) *proxy = head;
}

rg_weakref *rg_weakref_shared(const rg_object *referent, int proxy)
{
    if (referent->type->weaklist_offset == 0) return NULL;
    rg_weakref *sref, *sproxy;
    shared_refs(*rg_weaklist_of((rg_object *)referent), &sref, &sproxy);
    return proxy ? sproxy : sref;
}

/* Put ref (not on any list) on referent's list where its kind goes:
 * a shareable one first (a shareable proxy after the shared reference),
 * any other after the shared ones. */
static void link_ref(rg_weakref *ref, rg_weakref **list, int shareable, unsigned proxy)
{
    rg_weakref *sref, *sproxy, *prev;
    shared_refs(*list, &sref, &sproxy);
    if (shareable) prev = proxy ? sref : NULL;
    else prev = sproxy != NULL ? sproxy : sref;
    if (prev == NULL) insert_head(ref, list);
    else insert_after(ref, prev);
}

/* May referent be weakly referenced by an object of type? */
static int weakref_args_ok(const rg_type *type, const rg_object *referent)
{
    return referent->type->weaklist_offset != 0 && (type->flags & RG_TYPE_WEAKREF) &&
           (type->flags & RG_TYPE_GC) && type->size >= sizeof(rg_weakref);
}

int rg_weakref_link(rg_weakref *ref, rg_object *referent, rg_weakref_callback callback, rg_object *data)
{
    const rg_type *type = RG_OBJ(ref)->type;
    if (!weakref_args_ok(type, referent) || ref->referent != NULL || ref->prev != NULL || ref->next != NULL) {
        errno = EINVAL;
        return -1;
    }
    ref->referent = referent;
    if (callback != NULL) {
        ref->callback = callback;
        ref->data = data;
        rg_xincref(data);
    }
    link_ref(ref, rg_weaklist_of(referent), callback == NULL && (type->flags & RG_TYPE_WEAKREF_SHARED),
             type->flags & RG_TYPE_WEAKREF_PROXY);
    return 0;
}

rg_weakref *rg_weakref_new_typed(rg_heap *heap, const rg_type *type, rg_object *referent,
                                 rg_weakref_callback callback, rg_object *data)
{
    if (!weakref_args_ok(type, referent)) {
        errno = EINVAL;
        return NULL;
    }
    const int proxy = (type->flags & RG_TYPE_WEAKREF_PROXY) != 0;
    const int shareable = callback == NULL && (type->flags & RG_TYPE_WEAKREF_SHARED);
    rg_weakref *shared = rg_weakref_shared(referent, proxy);
    if (shareable && shared != NULL) {
        rg_incref(RG_OBJ(shared));
        return shared;
    }
    rg_weakref *ref = (rg_weakref *)rg_new(heap, type);
    if (ref == NULL) return NULL;
    /* The allocation may have collected, and a callback may have made a
     * shared reference meanwhile: look again. */
    shared = rg_weakref_shared(referent, proxy);
    if (shareable && shared != NULL) {
        rg_decref(RG_OBJ(ref)); /* on no list: its dealloc unlinks nothing */
        rg_incref(RG_OBJ(shared));
        return shared;
    }
    rg_weakref_link(ref, referent, callback, data);
    return ref;
}

rg_weakref *rg_weakref_new(rg_heap *heap, rg_object *referent, rg_weakref_callback callback,
                           rg_object *data)
{
    return rg_weakref_new_typed(heap, &rg_weakref_type, referent, callback, data);
}
