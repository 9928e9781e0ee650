/*
 * slice.c -- the slice type (CPython 3.11's Objects/sliceobject.c; the
 * Ellipsis singleton CPython keeps there is in object.c with None).
 *
 * Owns: slice objects (GC, 40 bytes; one cached dead slice for reuse, as
 * 3.11's interp->slice_cache: filled at start-up, kept by gc.collect()
 * (not an engine free list: a full collection empties those)),
 * PySlice_Unpack / PySlice_AdjustIndices, slice.indices, repr, comparison.
 *
 * Invariants: start, stop and step are never NULL (None when omitted).
 *
 * Must not: accept a step of zero ("slice step cannot be zero").
 */
#include "object.h"

/* interp->slice_cache: a dead slice (refcount 0, untracked) or NULL. */
static py_slice_object *slice_cache;

py_obj *py_slice_new(py_obj *start, py_obj *stop, py_obj *step)
{
    py_slice_object *obj = slice_cache;
    if (obj != NULL) {
        /* Revived: uncounted in generation 0, tracked again. */
        slice_cache = NULL;
        ((py_obj *)obj)->refcnt = 1;
        rg_track((py_obj *)obj);
    } else {
        obj = (py_slice_object *)rg_new(py_heap(), &py_slice_info.rt);
        if (obj == NULL) return py_err_no_memory();
    }
    obj->step = py_new_ref(step ? step : py_none);
    obj->start = py_new_ref(start ? start : py_none);
    obj->stop = py_new_ref(stop ? stop : py_none);
    return (py_obj *)obj;
}

int py_eval_slice_index(py_obj *v, py_ssize_t *pi)
{
    if (v == py_none) return 1;
    if (!py_index_check(v)) {
        py_err_set_string(py_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return 0;
    }
    py_ssize_t x = py_number_as_ssize_t(v, NULL);
    if (x == -1 && py_err_occurred()) return 0;
    *pi = x;
    return 1;
}

int py_slice_unpack(py_obj *_r, py_ssize_t *start, py_ssize_t *stop, py_ssize_t *step)
{
    py_slice_object *r = (py_slice_object *)_r;
    if (r->step == py_none) {
        *step = 1;
    } else {
        if (!py_eval_slice_index(r->step, step)) return -1;
        if (*step == 0) {
            py_err_set_string(py_exc_ValueError, "slice step cannot be zero");
            return -1;
        }
        if (*step < -PY_SSIZE_T_MAX) *step = -PY_SSIZE_T_MAX;
    }
    if (r->start == py_none) *start = *step < 0 ? PY_SSIZE_T_MAX : 0;
    else if (!py_eval_slice_index(r->start, start)) return -1;
    if (r->stop == py_none) *stop = *step < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
    else if (!py_eval_slice_index(r->stop, stop)) return -1;
    return 0;
}

py_ssize_t py_slice_adjust_indices(py_ssize_t length, py_ssize_t *start, py_ssize_t *stop, py_ssize_t step)
{
    if (*start < 0) {
        *start += length;
        if (*start < 0) *start = step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0) *stop = step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

static py_obj *slice_repr(py_obj *self)
{
    py_slice_object *r = (py_slice_object *)self;
    return py_unicode_from_format("slice(%R, %R, %R)", r->start, r->stop, r->step);
}

static int slice_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_slice_object *v = (py_slice_object *)self;
    RG_VISIT(v->start);
    RG_VISIT(v->stop);
    RG_VISIT(v->step);
    return 0;
}

/* slice_dealloc: step, start, stop released, then into the cache if
 * it is empty (the engine untracked self). */
static void slice_dealloc(py_obj *self)
{
    py_slice_object *r = (py_slice_object *)self;
    rg_decref(r->step);
    rg_decref(r->start);
    rg_decref(r->stop);
    if (slice_cache == NULL && py_current != NULL) slice_cache = r;
    else rg_object_free(self);
}

int py_slice_init(void)
{
    /* CPython's start-up slices leave one in the cache. */
    py_obj *s = py_slice_new(NULL, NULL, NULL);
    if (s == NULL) return -1;
    rg_decref(s);
    return 0;
}

void py_slice_fini(void)
{
    if (slice_cache != NULL) rg_object_free((py_obj *)slice_cache);
    slice_cache = NULL;
}

/* slice(stop) / slice(start, stop[, step]) */
static py_obj *slice_new_slot(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)type;
    if (py_arg_no_keywords("slice", kwds) < 0) return NULL;
    py_obj *start = NULL, *stop = NULL, *step = NULL;
    if (!py_arg_unpack_tuple(args, "slice", 1, 3, &start, &stop, &step)) return NULL;
    if (stop == NULL) {
        stop = start;
        start = NULL;
    }
    return py_slice_new(start, stop, step);
}

static py_obj *slice_richcompare(py_obj *v, py_obj *w, int op)
{
    if (!py_slice_check(v) || !py_slice_check(w)) return py_new_ref(py_notimplemented);
    if (v == w) {
        int res = op == PY_EQ || op == PY_LE || op == PY_GE;
        return py_bool_from_long(res);
    }
    py_slice_object *a = (py_slice_object *)v, *b = (py_slice_object *)w;
    py_obj *t1 = py_tuple_pack(3, a->start, a->stop, a->step);
    py_obj *t2 = t1 ? py_tuple_pack(3, b->start, b->stop, b->step) : NULL;
    py_obj *res = t2 ? py_object_rich_compare(t1, t2, op) : NULL;
    rg_xdecref(t1);
    rg_xdecref(t2);
    return res;
}

/* slice.indices(length) */
static py_obj *slice_indices(py_obj *self, py_obj *len)
{
    py_ssize_t length = py_number_as_ssize_t(len, py_exc_OverflowError);
    if (length == -1 && py_err_occurred()) return NULL;
    if (length < 0) {
        py_err_set_string(py_exc_ValueError, "length should not be negative");
        return NULL;
    }
    py_ssize_t start, stop, step;
    if (py_slice_unpack(self, &start, &stop, &step) < 0) return NULL;
    py_slice_adjust_indices(length, &start, &stop, step);
    py_obj *a = py_long_from_ssize_t(start), *b = py_long_from_ssize_t(stop), *c = py_long_from_ssize_t(step);
    py_obj *r = (a && b && c) ? py_tuple_pack(3, a, b, c) : NULL;
    rg_xdecref(a);
    rg_xdecref(b);
    rg_xdecref(c);
    return r;
}

static const py_method_def slice_methods[] = {
    {"indices", {.o = slice_indices}, PY_METH_O, "Assuming a sequence of length len, calculate the start and stop indices."},
    {NULL, {NULL}, 0, NULL},
};

static const py_member_def slice_members[] = {
    {"start", PY_T_OBJECT, offsetof(py_slice_object, start), PY_READONLY, NULL},
    {"stop", PY_T_OBJECT, offsetof(py_slice_object, stop), PY_READONLY, NULL},
    {"step", PY_T_OBJECT, offsetof(py_slice_object, step), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

py_typeinfo py_slice_info = {
    .rt = {.name = "slice", .size = sizeof(py_slice_object), .flags = RG_TYPE_GC, .traverse = slice_traverse,
           .dealloc = slice_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC,
    .repr = slice_repr,
    .hash = py_object_hash_not_implemented,
    .richcompare = slice_richcompare,
    .new = slice_new_slot,
    .methods = slice_methods,
    .members = slice_members,
};
