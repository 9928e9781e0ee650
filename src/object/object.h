/*
 * object.h -- the object layer's internals: GC headers, tracking lists,
 * free lists, the trashcan, shared by src/object/ and (downward) src/gc/.
 *
 * Layout of an object block (one rg_obj_malloc block):
 *
 *   [ preheader (type->preheader_size) | rg_gc_head (GC types) | object ]
 *                                                              ^ rg_object *
 *
 * The GC header is CPython 3.11's PyGC_Head: `next` is the next object in a
 * generation list (0 <=> untracked; bit 0 = UNREACHABLE during a
 * collection), `prev` the previous one in bits 2..63 (gc_refs during a
 * collection), bit 0 = FINALIZED, bit 1 = COLLECTING.
 *
 * This layer owns everything an object needs outside a collection: its
 * allocation and free lists, tracking (the generation lists and the
 * generation-0 count live here because deallocation updates them), the
 * deallocation protocol (finalizer, weak references, legacy del, release,
 * trashcan) and weak references.  The collector (src/gc/) owns when and
 * how collections run; rg_new, which may start one, lives there.
 *
 * Invariants: a tracked object is on exactly one generation list (or the
 * permanent one) with its flags COLLECTING and UNREACHABLE clear outside a
 * collection; an untracked one has next == 0 and no flag but FINALIZED; an
 * object on a free list is dead (linked through its refcnt word, untracked,
 * no weak references); an object set aside by the trashcan has refcount 0
 * and is linked through its GC header's prev word.
 */
#ifndef RG_OBJECT_H
#define RG_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "refgc.h"
#include "../alloc/alloc.h"

/* ====================================================================== */
/* GC header                                                               */
/* ====================================================================== */

typedef struct rg_gc_head {
    uintptr_t next;
    uintptr_t prev;
} rg_gc_head;

#define RG_GC_NEXT_UNREACHABLE ((uintptr_t)1)
#define RG_GC_PREV_FINALIZED ((uintptr_t)1)
#define RG_GC_PREV_COLLECTING ((uintptr_t)2)
#define RG_GC_PREV_FLAGS ((uintptr_t)3)
#define RG_GC_PREV_SHIFT 2

static inline int rg_type_is_gc(const rg_type *t) { return (t->flags & RG_TYPE_GC) != 0; }
static inline int rg_is_gc(const rg_object *o) { return rg_type_is_gc(o->type); }
static inline rg_gc_head *rg_as_gc(const rg_object *o) { return (rg_gc_head *)o - 1; }
static inline rg_object *rg_from_gc(const rg_gc_head *g) { return (rg_object *)(g + 1); }

static inline rg_gc_head *rg_gc_next(const rg_gc_head *g) { return (rg_gc_head *)g->next; }
static inline rg_gc_head *rg_gc_prev(const rg_gc_head *g)
{
    return (rg_gc_head *)(g->prev & ~RG_GC_PREV_FLAGS);
}
static inline void rg_gc_set_next(rg_gc_head *g, rg_gc_head *n) { g->next = (uintptr_t)n; }
static inline void rg_gc_set_prev(rg_gc_head *g, rg_gc_head *p)
{
    g->prev = (uintptr_t)p | (g->prev & RG_GC_PREV_FLAGS);
}
static inline int rg_gc_is_tracked(const rg_gc_head *g) { return g->next != 0; }
static inline int rg_gc_finalized(const rg_gc_head *g) { return (g->prev & RG_GC_PREV_FINALIZED) != 0; }
static inline void rg_gc_set_finalized(rg_gc_head *g) { g->prev |= RG_GC_PREV_FINALIZED; }
static inline int rg_gc_collecting(const rg_gc_head *g) { return (g->prev & RG_GC_PREV_COLLECTING) != 0; }
static inline void rg_gc_clear_collecting(rg_gc_head *g) { g->prev &= ~RG_GC_PREV_COLLECTING; }

/* ====================================================================== */
/* Lists of GC headers (circular, doubly linked through next/prev)         */
/* ====================================================================== */

static inline void rg_gc_list_init(rg_gc_head *list)
{
    list->next = list->prev = (uintptr_t)list;
}

static inline int rg_gc_list_is_empty(const rg_gc_head *list) { return list->next == (uintptr_t)list; }

/* Append node (not on any list) at the tail of list. */
static inline void rg_gc_list_append(rg_gc_head *node, rg_gc_head *list)
{
    rg_gc_head *last = (rg_gc_head *)list->prev;
    rg_gc_set_prev(node, last);
    rg_gc_set_next(node, list);
    last->next = (uintptr_t)node;
    list->prev = (uintptr_t)node;
}

/* Unlink node from its list and mark it untracked: every flag but
 * FINALIZED goes (CPython's _PyObject_GC_UNTRACK), so an object untracked
 * in the middle of a collection cannot carry COLLECTING back later. */
static inline void rg_gc_list_remove(rg_gc_head *node)
{
    rg_gc_head *prev = rg_gc_prev(node);
    rg_gc_head *next = rg_gc_next(node);
    prev->next = (uintptr_t)next;
    rg_gc_set_prev(next, prev);
    node->next = 0;
    node->prev &= RG_GC_PREV_FINALIZED;
}

/* Move node from its list to the tail of list. */
static inline void rg_gc_list_move(rg_gc_head *node, rg_gc_head *list)
{
    rg_gc_head *prev = rg_gc_prev(node);
    rg_gc_head *next = rg_gc_next(node);
    prev->next = (uintptr_t)next;
    rg_gc_set_prev(next, prev);
    rg_gc_head *last = (rg_gc_head *)list->prev;
    rg_gc_set_prev(node, last);
    last->next = (uintptr_t)node;
    rg_gc_set_next(node, list);
    list->prev = (uintptr_t)node;
}

/* Append all of from to the tail of to; from becomes empty. */
static inline void rg_gc_list_merge(rg_gc_head *from, rg_gc_head *to)
{
    if (!rg_gc_list_is_empty(from)) {
        rg_gc_head *to_tail = (rg_gc_head *)to->prev;
        rg_gc_head *from_head = rg_gc_next(from);
        rg_gc_head *from_tail = (rg_gc_head *)from->prev;
        to_tail->next = (uintptr_t)from_head;
        rg_gc_set_prev(from_head, to_tail);
        from_tail->next = (uintptr_t)to;
        to->prev = (uintptr_t)from_tail;
    }
    rg_gc_list_init(from);
}

static inline size_t rg_gc_list_size(const rg_gc_head *list)
{
    size_t n = 0;
    for (const rg_gc_head *g = rg_gc_next(list); g != list; g = rg_gc_next(g)) n++;
    return n;
}

/* ====================================================================== */
/* Per-heap state                                                          */
/* ====================================================================== */

typedef struct rg_generation {
    rg_gc_head head;
    long threshold;
    long count;
} rg_generation;

/* The dead objects of one (type, item count) kept for reuse. */
typedef struct rg_freelist {
    const rg_type *type;  /* NULL: slot unused */
    size_t nitems;
    rg_object *first;     /* linked through the refcnt word */
    unsigned count;
    unsigned order;       /* creation order (0, 1, ...): emptied in it */
} rg_freelist;

struct rg_gc_state; /* the collector's (src/gc/) */

typedef struct rg_objects {
    rg_heap *heap;
    rg_generation generations[RG_GC_GENERATIONS];
    rg_gc_head permanent;      /* gc.freeze() */
    /* Trashcan: deallocation nesting and objects deferred (linked
     * through their refcnt words, LIFO). */
    int trash_nesting;
    rg_object *trash_later;
    /* Free lists: an open-addressed table keyed by (type, nitems). */
    rg_freelist *freelists;
    size_t freelist_slots;
    size_t freelist_used;
    /* RG_UNTRACK_* and RG_HAS_*: hooks among the types allocated so far; a
     * collection skips the passes nobody needs. */
    unsigned untrack_hooks;
    struct rg_gc_state *gc;
    /* heap->events, copied here for the object hooks (src/events/). */
    struct rg_events *events;
} rg_objects;

#define RG_UNTRACK_EVERY 1u /* a type asked in every collection (tuples) */
#define RG_UNTRACK_FULL 2u  /* a type asked in full collections (dicts) */
#define RG_HAS_LEGACY_DEL 4u /* a type with a legacy finalizer */

/* The object state of a heap, created on first use; NULL on allocation
 * failure.  rg_objects_of_heap never creates. */
rg_objects *rg_objects_get(rg_heap *heap);
/* Free the object state (the heap is going; its objects die unfinalized). */
void rg_objects_destroy(rg_heap *heap);
static inline rg_objects *rg_objects_of_heap(rg_heap *heap) { return (rg_objects *)heap->objects; }

rg_objects *rg_objects_of_slow(const rg_object *o);

/* The object state of a live object's heap: through the arena map for a
 * small block of a normal heap (the object lies inside its block), else
 * through rg_heap_of. */
static inline rg_objects *rg_objects_of(const rg_object *o)
{
    uintptr_t entry = rg_map_lookup((uintptr_t)o);
    if (RG_LIKELY((intptr_t)entry > 0)) return (rg_objects *)RG_MAP_ARENA(entry)->heap->objects;
    return rg_objects_of_slow(o);
}

/* Does t describe where its references are (refs_offset/nrefs)? */
static inline int rg_type_has_layout(const rg_type *t)
{
    return t->nrefs != 0 || (t->flags & RG_TYPE_REF_ITEMS) != 0;
}

/* visit(ref, arg) for each reference of o, in traverse's order: read from
 * the layout the type declares, else through its traverse.  Meant to be
 * inlined with a constant visit, so the per-reference call disappears;
 * visit's result is ignored (the collector's visits never stop early). */
static inline void rg_visit_refs(rg_object *o, rg_visitproc visit, void *arg)
{
    const rg_type *t = o->type;
    if (rg_type_has_layout(t)) {
        rg_object **refs = (rg_object **)((char *)o + t->refs_offset);
        for (unsigned i = 0; i < t->nrefs; i++)
            if (refs[i] != NULL) visit(refs[i], arg);
        if (t->flags & RG_TYPE_REF_ITEMS) {
            rg_object **items = (rg_object **)((char *)o + t->size);
            intptr_t n = ((rg_varobject *)o)->size;
            for (intptr_t i = 0; i < n; i++)
                if (items[i] != NULL) visit(items[i], arg);
        }
    } else if (t->traverse != NULL) {
        t->traverse(o, visit, arg);
    }
}

/* Start of the block of an object of type t, and its size. */
static inline void *rg_object_block_of_type(const rg_object *o, const rg_type *t)
{
    return (char *)o - t->preheader_size - (rg_type_is_gc(t) ? sizeof(rg_gc_head) : 0);
}
static inline void *rg_object_block(const rg_object *o) { return rg_object_block_of_type(o, o->type); }
size_t rg_object_block_size(const rg_type *t, size_t nitems);

/* ====================================================================== */
/* Allocation, tracking, free lists (object.c)                             */
/* ====================================================================== */

/* Memory for a new object of t: from the free list (*reused = 1) or the
 * heap; header set (refcount 1), body zeroed, untracked.  No counting. */
rg_object *rg_object_alloc(rg_objects *os, const rg_type *t, size_t nitems, int *reused);
/* rg_object_free with the heap's state at hand. */
void rg_object_free_in(rg_objects *os, rg_object *o);

/* Track o (a GC object, untracked) at the tail of generation 0. */
static inline void rg_object_track(rg_objects *os, rg_object *o)
{
    RG_ASSERT(rg_is_gc(o) && !rg_gc_is_tracked(rg_as_gc(o)));
    rg_gc_list_append(rg_as_gc(o), &os->generations[0].head);
}

/* Empty every free list (a full collection does). */
void rg_freelists_clear(rg_objects *os);

/* ====================================================================== */
/* Deallocation (dealloc.c) and weak references (weakref.c)                */
/* ====================================================================== */

/* Call o's finalizer if it has one and (GC objects) has not run it yet. */
void rg_call_finalizer(rg_object *o);

/* Weak references to o: the refcount-death protocol (after the finalizer;
 * callbacks run here). */
void rg_weakrefs_clear_on_death(rg_object *o);
/* The weak-reference list head of o (its type must support them). */
static inline rg_weakref **rg_weaklist_of(rg_object *o)
{
    return (rg_weakref **)((char *)o + o->type->weaklist_offset);
}

/* The weakref object's fields (rg_weakref is opaque in refgc.h). */
struct rg_weakref {
    RG_OBJECT_HEAD;
    rg_object *referent;      /* NULL once cleared */
    rg_weakref_callback callback;
    rg_object *data;          /* kept alive, passed to the callback */
    rg_weakref *prev, *next;  /* the referent's list */
};

/* Clear ref: off its referent's list, referent NULL; the callback (and
 * its data) kept when keep_callback (CPython's _PyWeakref_ClearRef), else
 * dropped (clear_weakref). */
void rg_weakref_clear(rg_weakref *ref, int keep_callback);
static inline int rg_is_weakref(const rg_object *o) { return (o->type->flags & RG_TYPE_WEAKREF) != 0; }

#endif /* RG_OBJECT_H */
