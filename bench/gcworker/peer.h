/*
 * peer.h -- the memory manager under test in a cycle-collector worker,
 * chosen when the worker is compiled: exactly one of
 *   GCPEER_REFGC     refgc objects (rg_new, reference counts, CPython's
 *                    cycle collector) on one rg_heap_new(NULL) heap;
 *   GCPEER_BOEHM     Boehm-Demers-Weiser GC (GC_MALLOC, GC_gcollect);
 *   GCPEER_MIMALLOC  mimalloc with explicit frees (mi_malloc/mi_free): no
 *                    collector, so it runs the tree programs only.
 *
 * Owns: the primitives the workloads are written in, as static inline
 * wrappers so that every peer pays only for its own calls:
 *   - binary trees (GCBench, binary-trees), every peer: tree_new takes the
 *     caller's references to the children, tree_drop drops the caller's
 *     reference to a root (refgc: rg_decref, which frees the tree by
 *     reference counting; mimalloc: a recursive free; Boehm: nothing, the
 *     collector finds it);
 *   - generic managed objects (peers with a collector): a node of 1..4
 *     references, a list of n references, reading and storing references
 *     (storing takes a new reference, as a Python assignment does), and
 *     dropping the caller's reference.
 * The rest (start-up, identity, collections, pause timing, the refgc types)
 * is out of line in peer_<name>.c.
 */
#ifndef BENCH_GC_PEER_H
#define BENCH_GC_PEER_H

#include <stddef.h>
#include <stdint.h>

#include "pauses.h"

/* Exit with a message: an allocation failed. */
_Noreturn void peer_out_of_memory(const char *what);

/* ---- the two tree shapes ---------------------------------------------------
 * The benchmarks game's binary-trees node has two child pointers
 * (tree_node); GCBench's has two ints besides (gcbench_node, 24 B in C,
 * beginning with a tree_node).  tree_new makes either and returns the
 * tree_node at its start. */
enum tree_kind { TREE_GCBENCH, TREE_BINARY };

#if defined(GCPEER_REFGC)
#include <refgc.h>
#define TREE_NODE_HEAD RG_OBJECT_HEAD; /* refgc objects start with a header */
#else
#define TREE_NODE_HEAD
#endif

typedef struct tree_node {
    TREE_NODE_HEAD
    struct tree_node *left, *right;
} tree_node;

typedef struct gcbench_node {
    tree_node tree;
    int i, j; /* GCBench's payload, never read */
} gcbench_node;

/* Bytes of a tree node of this kind (without refgc's GC header). */
static inline size_t tree_node_bytes(enum tree_kind kind)
{
    return kind == TREE_GCBENCH ? sizeof(gcbench_node) : sizeof(tree_node);
}

/* Give a childless node the children left and right (owned references). */
static inline void tree_set_children(tree_node *n, tree_node *left, tree_node *right)
{
    n->left = left;
    n->right = right;
}

#if defined(GCPEER_REFGC)
/* ====================================================================== */
/* refgc                                                                   */
/* ====================================================================== */
#define GCPEER_NAME "refgc"
#define GCPEER_HAS_COLLECTOR 1
#define GCPEER_GENERATIONAL 1

extern rg_heap *peer_heap;
extern const rg_type peer_tree_types[2];      /* by enum tree_kind        */
extern const rg_type peer_node_types[5];      /* index = references, 1..4 */
extern const rg_type peer_list_type;          /* variable size            */

/* A node whose type is one of peer_node_types: refs[0..type size) */
typedef struct peer_node {
    RG_OBJECT_HEAD;
    rg_object *refs[];
} peer_node;

typedef struct peer_list {
    RG_VAROBJECT_HEAD;
    rg_object *items[];
} peer_list;

typedef rg_object peer_obj;

/* A new tree node owning the references left and right (may be NULL). */
static inline tree_node *tree_new(enum tree_kind kind, tree_node *left, tree_node *right)
{
    tree_node *n = (tree_node *)rg_new(peer_heap, &peer_tree_types[kind]);
    if (n == NULL) peer_out_of_memory("tree node");
    n->left = left;
    n->right = right;
    return n;
}

/* Drop the caller's reference to a tree: reference counting frees it. */
static inline void tree_drop(tree_node *root, enum tree_kind kind)
{
    (void)kind;
    rg_decref(RG_OBJ(root));
}

/* Pointer-free memory (GCBench's array of doubles). */
static inline void *peer_alloc_atomic(size_t bytes) { return rg_malloc(peer_heap, bytes); }

/* A node of nrefs (1..4) references, all NULL; the caller owns it. */
static inline peer_obj *obj_node_new(unsigned nrefs)
{
    peer_obj *o = rg_new(peer_heap, &peer_node_types[nrefs]);
    if (o == NULL) peer_out_of_memory("node");
    return o;
}

/* A list of n references, all NULL; the caller owns it. */
static inline peer_obj *obj_list_new(size_t n)
{
    peer_obj *o = rg_new_var(peer_heap, &peer_list_type, n);
    if (o == NULL) peer_out_of_memory("list");
    return o;
}

/* node.refs[k] = value: a new reference to value, the old one dropped. */
static inline void obj_node_set(peer_obj *node, unsigned k, peer_obj *value)
{
    rg_object **slot = &((peer_node *)node)->refs[k];
    rg_object *old = *slot;
    rg_xincref(value);
    *slot = value;
    rg_xdecref(old);
}

/* list[i] = value, likewise. */
static inline void obj_list_set(peer_obj *list, size_t i, peer_obj *value)
{
    rg_object **slot = &((peer_list *)list)->items[i];
    rg_object *old = *slot;
    rg_xincref(value);
    *slot = value;
    rg_xdecref(old);
}

/* list[i], borrowed. */
static inline peer_obj *obj_list_get(peer_obj *list, size_t i) { return ((peer_list *)list)->items[i]; }

/* node.refs[k], borrowed. */
static inline peer_obj *obj_node_get(peer_obj *node, unsigned k) { return ((peer_node *)node)->refs[k]; }

/* Drop the caller's reference. */
static inline void obj_drop(peer_obj *o) { rg_decref(o); }

#elif defined(GCPEER_BOEHM)
/* ====================================================================== */
/* Boehm GC                                                                */
/* ====================================================================== */
#include <gc/gc.h>
#define GCPEER_NAME "boehm"
#define GCPEER_HAS_COLLECTOR 1
#define GCPEER_GENERATIONAL 0

typedef void *peer_obj; /* a node or list: an array of pointers */

/* A new tree node pointing at left and right. */
static inline tree_node *tree_new(enum tree_kind kind, tree_node *left, tree_node *right)
{
    tree_node *n = GC_MALLOC(tree_node_bytes(kind));
    if (n == NULL) peer_out_of_memory("tree node");
    n->left = left;
    n->right = right;
    return n;
}

/* Nothing to do: the collector finds the tree unreachable. */
static inline void tree_drop(tree_node *root, enum tree_kind kind)
{
    (void)root;
    (void)kind;
}

/* Pointer-free memory, never scanned. */
static inline void *peer_alloc_atomic(size_t bytes) { return GC_MALLOC_ATOMIC(bytes); }

/* A node of nrefs NULL pointers. */
static inline peer_obj *obj_node_new(unsigned nrefs)
{
    peer_obj *o = GC_MALLOC(nrefs * sizeof(void *));
    if (o == NULL) peer_out_of_memory("node");
    return o;
}

/* A list of n NULL pointers. */
static inline peer_obj *obj_list_new(size_t n)
{
    peer_obj *o = GC_MALLOC(n * sizeof(void *));
    if (o == NULL) peer_out_of_memory("list");
    return o;
}

/* Store a pointer. */
static inline void obj_node_set(peer_obj *node, unsigned k, peer_obj *value) { node[k] = value; }
static inline void obj_list_set(peer_obj *list, size_t i, peer_obj *value) { list[i] = value; }
/* Read a pointer. */
static inline peer_obj *obj_list_get(peer_obj *list, size_t i) { return list[i]; }
static inline peer_obj *obj_node_get(peer_obj *node, unsigned k) { return node[k]; }
/* Nothing to drop: reachability decides. */
static inline void obj_drop(peer_obj *o) { (void)o; }

#elif defined(GCPEER_MIMALLOC)
/* ====================================================================== */
/* mimalloc, explicit frees                                                */
/* ====================================================================== */
#include <mimalloc.h>
#define GCPEER_NAME "mimalloc"
#define GCPEER_HAS_COLLECTOR 0
#define GCPEER_GENERATIONAL 0

/* A new tree node pointing at left and right (GCBench's malloc variant
 * zeroes its nodes: the ints are set). */
static inline tree_node *tree_new(enum tree_kind kind, tree_node *left, tree_node *right)
{
    tree_node *n = mi_malloc(tree_node_bytes(kind));
    if (n == NULL) peer_out_of_memory("tree node");
    n->left = left;
    n->right = right;
    if (kind == TREE_GCBENCH) ((gcbench_node *)n)->i = ((gcbench_node *)n)->j = 0;
    return n;
}

/* Free a whole tree, children first. */
static inline void tree_drop(tree_node *root, enum tree_kind kind)
{
    if (root->left) tree_drop(root->left, kind);
    if (root->right) tree_drop(root->right, kind);
    mi_free(root);
}

/* Plain memory. */
static inline void *peer_alloc_atomic(size_t bytes) { return mi_malloc(bytes); }

#else
#error "define one of GCPEER_REFGC GCPEER_BOEHM GCPEER_MIMALLOC"
#endif

/* The children of a tree node. */
static inline tree_node *tree_left(const tree_node *n) { return n->left; }
static inline tree_node *tree_right(const tree_node *n) { return n->right; }

/* ---- out of line (peer_<name>.c) ------------------------------------------ */

/* Set the peer up (refgc: the heap; Boehm: GC_INIT, one marker thread).
 * 0 on success. */
int peer_init(void);

/* The peer's version as one word, and the shared object (or executable)
 * that serves its allocations, e.g. "libgc.so.1". */
const char *peer_version(void);
const char *peer_served_by(void);

/* Free pointer-free memory from peer_alloc_atomic (Boehm: nothing). */
void peer_free_atomic(void *p);

/* Report the collector's own counters (collections, time) as result keys. */
void peer_report_collector(void);

#if GCPEER_HAS_COLLECTOR
/* Stop or restart automatic collections. */
void collector_disable(void);
void collector_enable(void);

/* What one full collection found. */
typedef struct collect_outcome {
    double ns;            /* wall time of the collection call           */
    int64_t objects;      /* objects found unreachable; -1: not told    */
    int64_t bytes_freed;  /* heap bytes in use before - after; -1: n/a  */
} collect_outcome;

/* One full collection (rg_collect(heap, 2) / GC_gcollect()), timed. */
collect_outcome collector_collect_full(void);

/* Time every collection from now on into log (start to stop, per
 * generation; Boehm's collections count as PAUSE_FULL). */
void collector_watch_pauses(pause_log *log);

/* Stop timing collections. */
void collector_unwatch_pauses(void);
#endif

#endif /* BENCH_GC_PEER_H */
