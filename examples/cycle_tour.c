/*
 * cycle_tour.c -- objects, reference counts and the cycle collector.
 *
 * A node type with two references, a finalizer and weak references: a
 * refcount death (immediate, finalizer first, then weak-reference
 * callbacks), a cycle that only the collector can free (callbacks first,
 * then the finalizer, in CPython 3.11's order), a resurrection, and the
 * collector's own report (DEBUG_STATS).  Built against the installed
 * library by the install test, and run by `make run`.
 */
#include <refgc.h>
#include <stddef.h>
#include <stdio.h>

typedef struct Node {
    RG_OBJECT_HEAD;
    rg_object *left, *right;
    rg_weakref *weak; /* the weak-reference list */
    const char *name;
} Node;

static rg_object *saved; /* where a finalizer may resurrect a node */

/* The references a node owns. */
static int node_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    Node *n = (Node *)self;
    RG_VISIT(n->left);
    RG_VISIT(n->right);
    return 0;
}

/* Break cycles through a node. */
static int node_clear(rg_object *self)
{
    Node *n = (Node *)self;
    RG_CLEAR(n->left);
    RG_CLEAR(n->right);
    return 0;
}

/* __del__: says goodbye; the node named "phoenix" comes back once. */
static void node_finalize(rg_object *self)
{
    Node *n = (Node *)self;
    printf("  finalizer of %s\n", n->name);
    if (n->name[0] == 'p') {
        rg_incref(self);
        saved = self;
    }
}

static const rg_type NodeType = {
    .name = "Node",
    .size = sizeof(Node),
    .flags = RG_TYPE_GC,
    .traverse = node_traverse,
    .clear = node_clear,
    .finalize = node_finalize,
    .weaklist_offset = offsetof(Node, weak),
};

/* A weak-reference callback: the referent is already gone. */
static void on_death(rg_weakref *ref, rg_object *data)
{
    (void)data;
    printf("  weakref callback (referent now %p)\n", (void *)rg_weakref_get(ref));
}

static Node *node(rg_heap *heap, const char *name)
{
    Node *n = (Node *)rg_new(heap, &NodeType);
    n->name = name;
    return n;
}

int main(void)
{
    rg_heap *heap = rg_heap_new(NULL);
    if (heap == NULL) return 1;
    long found;

    printf("refcount death: immediate; finalizer, then weak-reference callbacks\n");
    Node *a = node(heap, "a");
    rg_weakref *wa = rg_weakref_new(heap, RG_OBJ(a), on_death, NULL);
    printf("  refcount of a: %ld\n", (long)rg_refcount(RG_OBJ(a)));
    rg_decref(RG_OBJ(a));
    rg_decref(RG_OBJ(wa));

    printf("\na cycle: refcounts never reach zero; the collector frees it\n");
    Node *b = node(heap, "b"), *c = node(heap, "c");
    b->left = RG_OBJ(c);
    rg_incref(RG_OBJ(c));
    c->left = RG_OBJ(b);
    rg_incref(RG_OBJ(b));
    rg_weakref *wb = rg_weakref_new(heap, RG_OBJ(b), on_death, NULL);
    rg_decref(RG_OBJ(b));
    rg_decref(RG_OBJ(c));
    printf("  still tracked: %d, refcount of b: %ld\n", rg_is_tracked(RG_OBJ(b)),
           (long)rg_refcount(RG_OBJ(b)));
    found = (long)rg_collect(heap, 2);
    printf("  rg_collect(heap, 2) = %ld (callbacks run before finalizers in a collection)\n", found);
    rg_decref(RG_OBJ(wb));

    printf("\nresurrection: a finalizer runs once; the object survives\n");
    Node *p = node(heap, "phoenix");
    p->right = RG_OBJ(p);
    rg_incref(RG_OBJ(p));
    rg_decref(RG_OBJ(p));
    found = (long)rg_collect(heap, 2);
    printf("  rg_collect(heap, 2) = %ld, finalized: %d\n", found, rg_is_finalized(saved));
    rg_object *back = saved;
    saved = NULL;
    rg_decref(back);
    found = (long)rg_collect(heap, 2);
    printf("  dropped again: rg_collect(heap, 2) = %ld (no second finalizer call)\n", found);

    printf("\nthe collector's own report (DEBUG_STATS | DEBUG_COLLECTABLE):\n");
    rg_gc_set_debug(heap, RG_GC_DEBUG_STATS | RG_GC_DEBUG_COLLECTABLE, stdout);
    Node *d = node(heap, "d");
    d->left = RG_OBJ(d);
    rg_incref(RG_OBJ(d));
    rg_decref(RG_OBJ(d));
    rg_collect(heap, 0);
    rg_gc_set_debug(heap, 0, NULL);

    long count[RG_GC_GENERATIONS];
    rg_gc_get_count(heap, count);
    printf("\ngc counts now: %ld %ld %ld\n", count[0], count[1], count[2]);
    size_t problems = rg_heap_check(heap, stderr);
    rg_heap_delete(heap);
    return problems == 0 ? 0 : 1;
}
