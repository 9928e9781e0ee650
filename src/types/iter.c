/*
 * iter.c -- the generic iterators (CPython 3.11's Objects/iterobject.c):
 * iter(seq) for sequences without __iter__ (through __getitem__ until
 * IndexError or StopIteration) and iter(callable, sentinel).
 *
 * Invariants: an iterator drops its sequence/callable once exhausted.
 *
 * Must not: swallow exceptions other than IndexError/StopIteration.
 */
#include "object.h"

typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t it_index;
    py_obj *it_seq; /* NULL once exhausted */
} seq_iter_object;

py_obj *py_seq_iter_new(py_obj *seq)
{
    if (!py_sequence_check(seq)) return py_err_bad_internal_call();
    seq_iter_object *it = (seq_iter_object *)rg_new(py_heap(), &py_seq_iter_info.rt);
    if (it == NULL) return py_err_no_memory();
    it->it_index = 0;
    it->it_seq = py_new_ref(seq);
    return (py_obj *)it;
}

static int seq_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((seq_iter_object *)self)->it_seq);
    return 0;
}

static py_obj *seq_iter_next(py_obj *self)
{
    seq_iter_object *it = (seq_iter_object *)self;
    py_obj *seq = it->it_seq;
    if (seq == NULL) return NULL;
    if (it->it_index == PY_SSIZE_T_MAX) {
        py_err_set_string(py_exc_OverflowError, "iter index too large");
        return NULL;
    }
    py_obj *result = py_sequence_get_item(seq, it->it_index);
    if (result != NULL) {
        it->it_index++;
        return result;
    }
    if (py_err_exception_matches(py_exc_IndexError) || py_err_exception_matches(py_exc_StopIteration)) {
        py_err_clear();
        it->it_seq = NULL;
        rg_decref(seq);
    }
    return NULL;
}

py_typeinfo py_seq_iter_info = {
    .rt = {.name = "iterator", .size = sizeof(seq_iter_object), .flags = RG_TYPE_GC, .traverse = seq_iter_traverse,
           .refs_offset = offsetof(seq_iter_object, it_seq), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = seq_iter_next,
};

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *it_callable; /* NULL once exhausted */
    py_obj *it_sentinel; /* NULL once exhausted */
} callable_iter_object;

py_obj *py_callable_iter_new(py_obj *callable, py_obj *sentinel)
{
    callable_iter_object *it = (callable_iter_object *)rg_new(py_heap(), &py_callable_iter_info.rt);
    if (it == NULL) return py_err_no_memory();
    it->it_callable = py_new_ref(callable);
    it->it_sentinel = py_new_ref(sentinel);
    return (py_obj *)it;
}

static int callable_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    callable_iter_object *it = (callable_iter_object *)self;
    RG_VISIT(it->it_callable);
    RG_VISIT(it->it_sentinel);
    return 0;
}

static py_obj *callable_iter_next(py_obj *self)
{
    callable_iter_object *it = (callable_iter_object *)self;
    if (it->it_callable == NULL) return NULL;
    py_obj *result = py_object_call_no_args(it->it_callable);
    if (result != NULL) {
        int ok = py_object_rich_compare_bool(it->it_sentinel, result, PY_EQ);
        if (ok == 0) return result;
        if (ok > 0) {
            RG_CLEAR(it->it_callable);
            RG_CLEAR(it->it_sentinel);
        }
    } else if (py_err_exception_matches(py_exc_StopIteration)) {
        py_err_clear();
        RG_CLEAR(it->it_callable);
        RG_CLEAR(it->it_sentinel);
    }
    rg_xdecref(result);
    return NULL;
}

py_typeinfo py_callable_iter_info = {
    .rt = {.name = "callable_iterator", .size = sizeof(callable_iter_object), .flags = RG_TYPE_GC,
           .traverse = callable_iter_traverse, .refs_offset = offsetof(callable_iter_object, it_callable), .nrefs = 2},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = callable_iter_next,
};
