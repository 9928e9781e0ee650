/*
 * peer_refgc.c -- refgc as a cycle-collector peer: the benchmark's object
 * types, the heap, full collections, and pause timing through the
 * collector's start/stop callbacks.
 *
 * Types (all RG_TYPE_GC, tracked at rg_new, default deallocation):
 *   Node1..Node4  1..4 references (the pairs' cells, rings, graph nodes);
 *                 one traverse and one clear serve them all, the reference
 *                 count coming from the type's size;
 *   List          a variable-size object of references (CPython's list
 *                 without the separate item array: holders, gc_traversal);
 *   GCBenchNode   left, right and two ints; BinaryTreeNode left and right.
 * The heap is rg_heap_new(NULL): CPython's thresholds 700, 10, 10.
 */
#include "peer.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

rg_heap *peer_heap;

/* ====================================================================== */
/* Types                                                                   */
/* ====================================================================== */

/* How many references a NodeK object holds. */
static size_t node_ref_count(const rg_object *self)
{
    return (self->type->size - sizeof(rg_object)) / sizeof(rg_object *);
}

/* Visit a node's references. */
static int node_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    peer_node *node = (peer_node *)self;
    for (size_t k = 0, n = node_ref_count(self); k < n; k++) RG_VISIT(node->refs[k]);
    return 0;
}

/* Drop a node's references. */
static int node_clear(rg_object *self)
{
    peer_node *node = (peer_node *)self;
    for (size_t k = 0, n = node_ref_count(self); k < n; k++) RG_CLEAR(node->refs[k]);
    return 0;
}

#define NODE_TYPE(k)                                                                    \
    {                                                                                   \
        .name = "Node" #k, .size = sizeof(rg_object) + (k) * sizeof(rg_object *),       \
        .flags = RG_TYPE_GC, .traverse = node_traverse, .clear = node_clear,            \
        .refs_offset = offsetof(peer_node, refs), .nrefs = (k),                         \
    }
const rg_type peer_node_types[5] = {{.name = "unused"}, NODE_TYPE(1), NODE_TYPE(2), NODE_TYPE(3),
                                    NODE_TYPE(4)};

/* Visit a list's items. */
static int list_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    peer_list *list = (peer_list *)self;
    for (intptr_t i = 0; i < list->ob_var.size; i++) RG_VISIT(list->items[i]);
    return 0;
}

/* Drop a list's items. */
static int list_clear(rg_object *self)
{
    peer_list *list = (peer_list *)self;
    for (intptr_t i = 0; i < list->ob_var.size; i++) RG_CLEAR(list->items[i]);
    return 0;
}

const rg_type peer_list_type = {
    .name = "List", .size = sizeof(peer_list), .item_size = sizeof(rg_object *),
    .flags = RG_TYPE_GC | RG_TYPE_REF_ITEMS, .traverse = list_traverse, .clear = list_clear,
};

/* Visit a tree node's children. */
static int tree_traverse(rg_object *self, rg_visitproc visit, void *arg)
{
    tree_node *n = (tree_node *)self;
    RG_VISIT(n->left);
    RG_VISIT(n->right);
    return 0;
}

/* Drop a tree node's children. */
static int tree_clear(rg_object *self)
{
    tree_node *n = (tree_node *)self;
    RG_CLEAR(n->left);
    RG_CLEAR(n->right);
    return 0;
}

const rg_type peer_tree_types[2] = {
    [TREE_GCBENCH] = {.name = "GCBenchNode", .size = sizeof(gcbench_node), .flags = RG_TYPE_GC,
                      .traverse = tree_traverse, .clear = tree_clear,
                      .refs_offset = offsetof(tree_node, left), .nrefs = 2},
    [TREE_BINARY] = {.name = "BinaryTreeNode", .size = sizeof(tree_node),
                     .flags = RG_TYPE_GC, .traverse = tree_traverse, .clear = tree_clear,
                     .refs_offset = offsetof(tree_node, left), .nrefs = 2},
};

/* ====================================================================== */
/* The peer                                                                */
/* ====================================================================== */

/* One heap with the default configuration. */
int peer_init(void)
{
    peer_heap = rg_heap_new(NULL);
    if (peer_heap == NULL) {
        perror("rg_heap_new");
        return -1;
    }
    return 0;
}

/* librefgc's version. */
const char *peer_version(void) { return rg_version(); }

/* The file that holds rg_new: this executable (linked statically). */
const char *peer_served_by(void)
{
    Dl_info info;
    if (dladdr((void *)(uintptr_t)rg_new, &info) == 0 || info.dli_fname == NULL) return "unknown";
    const char *slash = strrchr(info.dli_fname, '/');
    return slash ? slash + 1 : info.dli_fname;
}

/* Give pointer-free memory back. */
void peer_free_atomic(void *p) { rg_free(p); }

/* Collections per generation, as the collector counts them. */
void peer_report_collector(void)
{
    rg_gc_stats stats[RG_GC_GENERATIONS];
    rg_gc_get_stats(peer_heap, stats);
    char key[32];
    for (int g = 0; g < RG_GC_GENERATIONS; g++) {
        snprintf(key, sizeof key, "rg_collections_gen%d", g);
        result_u64(key, stats[g].collections);
    }
}

/* Automatic collection off. */
void collector_disable(void) { rg_gc_disable(peer_heap); }

/* Automatic collection on. */
void collector_enable(void) { rg_gc_enable(peer_heap); }

/* rg_collect(heap, 2), timed. */
collect_outcome collector_collect_full(void)
{
    const double t0 = now_ns();
    intptr_t found = rg_collect(peer_heap, 2);
    collect_outcome out = {now_ns() - t0, found, -1};
    return out;
}

/* The start/stop callback: time the collection into the log. */
static void pause_callback(rg_heap *heap, const char *phase, int generation, size_t collected,
                           size_t uncollectable, void *data)
{
    (void)heap;
    (void)collected;
    (void)uncollectable;
    pause_log *log = data;
    if (phase[2] == 'a') pause_log_start(log); /* "start" */
    else pause_log_stop(log, (enum pause_kind)generation);
}

static pause_log *watched_log;

/* Time every collection into log. */
void collector_watch_pauses(pause_log *log)
{
    collector_unwatch_pauses();
    if (rg_gc_add_callback(peer_heap, pause_callback, log) != 0) {
        perror("rg_gc_add_callback");
        exit(3);
    }
    watched_log = log;
}

/* Stop timing collections. */
void collector_unwatch_pauses(void)
{
    if (watched_log != NULL) rg_gc_remove_callback(peer_heap, pause_callback, watched_log);
    watched_log = NULL;
}
