/*
 * tuple.c -- the tuple type (CPython 3.11's Objects/tupleobject.c).
 *
 * Owns: tuples (24-byte header + 8 per item, a GC object: sys.getsizeof
 * 40 + 8n), the static empty tuple, the free lists (the engine's: 2000
 * per size 1..20, reused tuples come back zeroed and tracked, uncounted),
 * untracking by the collector (_PyTuple_MaybeUntrack, asked in every
 * collection: RG_TYPE_ATOMIC_WHEN_UNTRACKED), hash (3.8's xxHash-based),
 * comparison, repr, the sequence protocol and the tuple iterator.
 *
 * Invariants: a tuple is immutable once it escapes its creator; items are
 * non-NULL then; the empty tuple is the static singleton (never allocated);
 * traverse and dealloc walk the items from the last to the first, as
 * CPython's (gc.get_referents order, deallocation order).
 *
 * Must not: give the tuple type a clear hook (CPython's has none: the
 * collector breaks cycles through the other objects).
 */
#include <stdarg.h>
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* The empty tuple                                                         */
/* ====================================================================== */

py_tuple_static_empty py_empty_tuple_struct;

/* Reset the static empty tuple (interpreter start). */
void py_tuple_init_static(void);
void py_tuple_init_static(void)
{
    memset(&py_empty_tuple_struct, 0, sizeof py_empty_tuple_struct);
    py_empty_tuple_struct.ob.ob_var.ob_base.refcnt = PY_STATIC_REFCNT;
    py_empty_tuple_struct.ob.ob_var.ob_base.type = &py_tuple_info.rt;
}

/* ====================================================================== */
/* Creation                                                                */
/* ====================================================================== */

py_obj *py_tuple_new(py_ssize_t n)
{
    if (n == 0) return py_new_ref(py_empty_tuple);
    if (n < 0) return py_err_bad_internal_call();
    /* rg_new_var takes a free-list tuple (uncounted) or counts a new one;
     * either way it comes back zeroed and tracked. */
    py_obj *t = rg_new_var(py_heap(), &py_tuple_info.rt, (size_t)n);
    if (t == NULL) return py_err_no_memory();
    return t;
}

py_obj *py_tuple_get_item(py_obj *t, py_ssize_t i)
{
    if (!py_tuple_check(t)) return py_err_bad_internal_call();
    if (i < 0 || i >= py_tuple_size(t)) {
        py_err_set_string(py_exc_IndexError, "tuple index out of range");
        return NULL;
    }
    return py_tuple_get(t, i);
}

py_obj *py_tuple_pack(py_ssize_t n, ...)
{
    py_obj *t = py_tuple_new(n);
    if (t == NULL) return NULL;
    va_list va;
    va_start(va, n);
    for (py_ssize_t i = 0; i < n; i++) py_tuple_set(t, i, py_new_ref(va_arg(va, py_obj *)));
    va_end(va);
    return t;
}

py_obj *py_tuple_from_array(py_obj *const *items, py_ssize_t n)
{
    py_obj *t = py_tuple_new(n);
    if (t == NULL) return NULL;
    for (py_ssize_t i = 0; i < n; i++) py_tuple_set(t, i, py_new_ref(items[i]));
    return t;
}

py_obj *py_tuple_from_array_steal(py_obj *const *items, py_ssize_t n)
{
    py_obj *t = py_tuple_new(n);
    if (t == NULL) {
        for (py_ssize_t i = 0; i < n; i++) rg_decref(items[i]);
        return NULL;
    }
    for (py_ssize_t i = 0; i < n; i++) py_tuple_set(t, i, items[i]);
    return t;
}

py_obj *py_tuple_get_slice(py_obj *t, py_ssize_t lo, py_ssize_t hi)
{
    py_ssize_t n = py_tuple_size(t);
    if (lo < 0) lo = 0;
    if (hi > n) hi = n;
    if (hi < lo) hi = lo;
    if (lo == 0 && hi == n && py_tuple_check_exact(t)) return py_new_ref(t);
    return py_tuple_from_array(py_tuple_items(t) + lo, hi - lo);
}

int py_tuple_resize(py_obj **pv, py_ssize_t newsize)
{
    py_obj *v = *pv;
    if (v == NULL || !py_is_type(v, &py_tuple_info) || (py_tuple_size(v) != 0 && v->refcnt != 1) || newsize < 0) {
        *pv = NULL;
        rg_xdecref(v);
        py_err_bad_internal_call();
        return -1;
    }
    py_ssize_t oldsize = py_tuple_size(v);
    if (oldsize == newsize) return 0;
    if (newsize == 0) {
        rg_decref(v);
        *pv = py_new_ref(py_empty_tuple);
        return 0;
    }
    if (oldsize == 0) {
        /* The empty tuple is shared: never resized in place. */
        rg_decref(v);
        *pv = py_tuple_new(newsize);
        return *pv == NULL ? -1 : 0;
    }
    /* _PyObject_GC_Resize: the block reallocated (in place when it stays
     * in its size class), untracked meanwhile, uncounted. */
    if (rg_is_tracked(v)) rg_untrack(v);
    for (py_ssize_t i = newsize; i < oldsize; i++) RG_CLEAR(py_tuple_items(v)[i]);
    size_t nbytes = rg_object_block_size(&py_tuple_info.rt, (size_t)newsize);
    char *block = rg_obj_realloc(py_heap(), rg_object_block(v), nbytes);
    if (block == NULL) {
        *pv = NULL;
        for (py_ssize_t i = 0; i < newsize && i < oldsize; i++) RG_CLEAR(py_tuple_items(v)[i]);
        ((rg_varobject *)v)->size = 0;
        rg_object_free(v);
        py_err_no_memory();
        return -1;
    }
    v = (py_obj *)(void *)(block + sizeof(rg_gc_head));
    for (py_ssize_t i = oldsize; i < newsize; i++) py_tuple_items(v)[i] = NULL;
    ((rg_varobject *)v)->size = newsize;
    rg_track(v);
    *pv = v;
    return 0;
}

/* ====================================================================== */
/* The collector's hooks and deallocation                                  */
/* ====================================================================== */

/* tupletraverse: the items from the last to the first. */
static int tuple_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_tuple_object *t = (py_tuple_object *)self;
    for (py_ssize_t i = t->ob_var.size; --i >= 0;) RG_VISIT(t->ob_item[i]);
    return 0;
}

/* _PyTuple_MaybeUntrack as the engine's hook: untrack an exact tuple whose
 * items are all there and none may be tracked. */
static int tuple_may_untrack(py_obj *self)
{
    py_tuple_object *t = (py_tuple_object *)self;
    for (py_ssize_t i = 0; i < t->ob_var.size; i++) {
        py_obj *e = t->ob_item[i];
        if (e == NULL || rg_may_be_tracked(e)) return 0;
    }
    return 1;
}

void py_tuple_maybe_untrack(py_obj *t)
{
    if (!py_tuple_check_exact(t) || !rg_is_tracked(t)) return;
    if (tuple_may_untrack(t)) rg_untrack(t);
}

/* tupledealloc: the items from the last to the first, then the free list
 * or the heap (the engine untracked it and runs the trashcan). */
static void tuple_dealloc(py_obj *self)
{
    py_tuple_object *t = (py_tuple_object *)self;
    for (py_ssize_t i = t->ob_var.size; --i >= 0;) rg_xdecref(t->ob_item[i]);
    rg_object_free(self);
}

/* ====================================================================== */
/* Protocols                                                               */
/* ====================================================================== */

static py_obj *tuple_repr(py_obj *self)
{
    py_ssize_t n = py_tuple_size(self);
    if (n == 0) return py_unicode_from_string("()");
    int r = py_repr_enter(self);
    if (r != 0) return r > 0 ? py_unicode_from_string("(...)") : NULL;
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    if (py_unicode_writer_write_char(&w, '(') < 0) goto fail;
    for (py_ssize_t i = 0; i < n; i++) {
        if (i > 0 && py_unicode_writer_write_ascii(&w, ", ", 2) < 0) goto fail;
        /* (3.11: PyObject_Repr alone guards the depth) */
        int e = py_unicode_writer_write_obj(&w, py_tuple_get(self, i), 1);
        if (e < 0) goto fail;
    }
    if (n == 1 && py_unicode_writer_write_char(&w, ',') < 0) goto fail;
    if (py_unicode_writer_write_char(&w, ')') < 0) goto fail;
    py_repr_leave(self);
    return py_unicode_writer_finish(&w);
fail:
    py_repr_leave(self);
    py_unicode_writer_dealloc(&w);
    return NULL;
}

#define XXPRIME_1 ((py_uhash_t)11400714785074694791ULL)
#define XXPRIME_2 ((py_uhash_t)14029467366897019727ULL)
#define XXPRIME_5 ((py_uhash_t)2870177450012600261ULL)
#define XXROTATE(x) ((x << 31) | (x >> 33))

/* tuplehash (the xxHash-based one of 3.8+). */
static py_hash_t tuple_hash(py_obj *self)
{
    if (py_c_stack_check("")) return -1; /* ((((...),),),) nested a million deep */
    py_ssize_t len = py_tuple_size(self);
    py_uhash_t acc = XXPRIME_5;
    for (py_ssize_t i = 0; i < len; i++) {
        py_uhash_t lane = (py_uhash_t)py_object_hash(py_tuple_get(self, i));
        if (lane == (py_uhash_t)-1) return -1;
        acc += lane * XXPRIME_2;
        acc = XXROTATE(acc);
        acc *= XXPRIME_1;
    }
    acc += (py_uhash_t)len ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (py_uhash_t)-1) return 1546275796;
    return (py_hash_t)acc;
}

static py_obj *tuple_richcompare(py_obj *v, py_obj *w, int op)
{
    if (!py_tuple_check(v) || !py_tuple_check(w)) return py_new_ref(py_notimplemented);
    py_ssize_t vlen = py_tuple_size(v), wlen = py_tuple_size(w), i;
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = py_object_rich_compare_bool(py_tuple_get(v, i), py_tuple_get(w, i), PY_EQ);
        if (k < 0) return NULL;
        if (!k) break;
    }
    if (i >= vlen || i >= wlen) {
        return py_bool_from_cmp((vlen > wlen) - (vlen < wlen), op);
    }
    if (op == PY_EQ) return py_new_ref(py_false);
    if (op == PY_NE) return py_new_ref(py_true);
    return py_object_rich_compare(py_tuple_get(v, i), py_tuple_get(w, i), op);
}

static py_ssize_t tuple_length(py_obj *self) { return py_tuple_size(self); }

static py_obj *tuple_item(py_obj *self, py_ssize_t i)
{
    if (i < 0 || i >= py_tuple_size(self)) {
        py_err_set_string(py_exc_IndexError, "tuple index out of range");
        return NULL;
    }
    return py_new_ref(py_tuple_get(self, i));
}

static int tuple_contains(py_obj *self, py_obj *el)
{
    py_ssize_t n = py_tuple_size(self);
    for (py_ssize_t i = 0; i < n; i++) {
        int c = py_object_rich_compare_bool(py_tuple_get(self, i), el, PY_EQ);
        if (c != 0) return c;
    }
    return 0;
}

static py_obj *tuple_concat(py_obj *a, py_obj *b)
{
    if (!py_tuple_check(b))
        return py_err_format(py_exc_TypeError, "can only concatenate tuple (not \"%.200s\") to tuple",
                             py_obj_type_name(b));
    py_ssize_t na = py_tuple_size(a), nb = py_tuple_size(b);
    if (py_tuple_check_exact(a) && nb == 0) return py_new_ref(a);
    if (py_tuple_check_exact(b) && na == 0) return py_new_ref(b);
    if (na > PY_SSIZE_T_MAX - nb) return py_err_no_memory();
    py_obj *r = py_tuple_new(na + nb);
    if (r == NULL) return NULL;
    for (py_ssize_t i = 0; i < na; i++) py_tuple_set(r, i, py_new_ref(py_tuple_get(a, i)));
    for (py_ssize_t i = 0; i < nb; i++) py_tuple_set(r, na + i, py_new_ref(py_tuple_get(b, i)));
    return r;
}

static py_obj *tuple_repeat(py_obj *a, py_ssize_t n)
{
    py_ssize_t len = py_tuple_size(a);
    if (len == 0 || n == 1) {
        if (py_tuple_check_exact(a)) return py_new_ref(a);
    }
    if (len == 0 || n <= 0) return py_new_ref(py_empty_tuple);
    if (len > PY_SSIZE_T_MAX / n) return py_err_no_memory();
    py_obj *r = py_tuple_new(len * n);
    if (r == NULL) return NULL;
    py_ssize_t k = 0;
    for (py_ssize_t j = 0; j < n; j++)
        for (py_ssize_t i = 0; i < len; i++) py_tuple_set(r, k++, py_new_ref(py_tuple_get(a, i)));
    return r;
}

static py_obj *tuple_subscript(py_obj *self, py_obj *item)
{
    if (py_index_check(item)) {
        py_ssize_t i = py_number_as_ssize_t(item, py_exc_IndexError);
        if (i == -1 && py_err_occurred()) return NULL;
        if (i < 0) i += py_tuple_size(self);
        return tuple_item(self, i);
    }
    if (py_slice_check(item)) {
        py_ssize_t start, stop, step;
        if (py_slice_unpack(item, &start, &stop, &step) < 0) return NULL;
        py_ssize_t n = py_slice_adjust_indices(py_tuple_size(self), &start, &stop, step);
        if (step == 1) return py_tuple_get_slice(self, start, stop);
        py_obj *r = py_tuple_new(n);
        if (r == NULL) return NULL;
        for (py_ssize_t k = 0, i = start; k < n; k++, i += step)
            py_tuple_set(r, k, py_new_ref(py_tuple_get(self, i)));
        return r;
    }
    return py_err_format(py_exc_TypeError, "tuple indices must be integers or slices, not %.200s",
                         py_obj_type_name(item));
}

/* tuple(iterable=()) */
static py_obj *tuple_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords("tuple", kwds) < 0) return NULL;
    py_obj *x = NULL;
    if (!py_arg_unpack_tuple(args, "tuple", 0, 1, &x)) return NULL;
    if (type != &py_tuple_info) {
        /* A subclass: copy the items into an instance of it. */
        py_obj *tmp = x ? py_sequence_tuple(x) : py_new_ref(py_empty_tuple);
        if (tmp == NULL) return NULL;
        py_ssize_t n = py_tuple_size(tmp);
        py_obj *r = type->rt.item_size ? py_type_generic_alloc(type, n) : NULL;
        if (r == NULL) {
            rg_decref(tmp);
            if (!py_err_occurred()) py_err_bad_internal_call();
            return NULL;
        }
        for (py_ssize_t i = 0; i < n; i++) py_tuple_set(r, i, py_new_ref(py_tuple_get(tmp, i)));
        rg_decref(tmp);
        return r;
    }
    if (x == NULL) return py_new_ref(py_empty_tuple);
    return py_sequence_tuple(x);
}

/* tuple(...) without a tuple of arguments (tuple_vectorcall). */
static py_obj *tuple_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    if (py_arg_no_kwnames("tuple", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("tuple", nargs, 0, 1) < 0) return NULL;
    (void)type;
    if (nargs) return py_sequence_tuple(args[0]);
    return py_new_ref(py_empty_tuple);
}

/* tuple.index(value) */
static py_obj *tuple_index(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("index", nargs, 1, 3) < 0) return NULL;
    py_ssize_t n = py_tuple_size(self), start = 0, stop = PY_SSIZE_T_MAX;
    py_obj *value = args[0];
    if (nargs > 1 && !py_eval_slice_index_not_none(args[1], &start)) return NULL;
    if (nargs > 2 && !py_eval_slice_index_not_none(args[2], &stop)) return NULL;
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (stop < 0) stop += n;
    else if (stop > n) stop = n;
    for (py_ssize_t i = start; i < stop; i++) {
        int c = py_object_rich_compare_bool(py_tuple_get(self, i), value, PY_EQ);
        if (c > 0) return py_long_from_ssize_t(i);
        if (c < 0) return NULL;
    }
    py_err_set_string(py_exc_ValueError, "tuple.index(x): x not in tuple");
    return NULL;
}

/* tuple.count(value) */
static py_obj *tuple_count(py_obj *self, py_obj *value)
{
    py_ssize_t n = py_tuple_size(self), count = 0;
    for (py_ssize_t i = 0; i < n; i++) {
        int c = py_object_rich_compare_bool(py_tuple_get(self, i), value, PY_EQ);
        if (c > 0) count++;
        else if (c < 0) return NULL;
    }
    return py_long_from_ssize_t(count);
}

/* __getnewargs__: (tuple(self),) -- self itself for an exact tuple. */
static py_obj *tuple_getnewargs(py_obj *self, PY_UNUSED py_obj *u)
{
    py_obj *t = py_tuple_check_exact(self) ? py_new_ref(self) : py_tuple_get_slice(self, 0, py_tuple_size(self));
    if (t == NULL) return NULL;
    py_obj *r = py_tuple_pack(1, t);
    rg_decref(t);
    return r;
}

static const py_method_def tuple_methods[] = {
    {"__class_getitem__", {.o = py_generic_alias_class_getitem}, PY_METH_O | PY_METH_CLASS, "See PEP 585"},
    {"index", {.fast = tuple_index}, PY_METH_FASTCALL, "Return first index of value."},
    {"count", {.o = tuple_count}, PY_METH_O, "Return number of occurrences of value."},
    {"__getnewargs__", {.o = tuple_getnewargs}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static py_sequence_methods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_item = tuple_item,
    .sq_contains = tuple_contains,
};

static py_mapping_methods tuple_as_mapping = {
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
};

/* ====================================================================== */
/* The iterator                                                            */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t it_index;
    py_obj *it_seq; /* NULL once exhausted */
} tuple_iter;

static int tuple_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((tuple_iter *)self)->it_seq);
    return 0;
}

static py_obj *tuple_iter_next(py_obj *self)
{
    tuple_iter *it = (tuple_iter *)self;
    py_obj *seq = it->it_seq;
    if (seq == NULL) return NULL;
    if (it->it_index < py_tuple_size(seq)) return py_new_ref(py_tuple_get(seq, it->it_index++));
    it->it_seq = NULL;
    rg_decref(seq);
    return NULL;
}

/* __length_hint__ */
static py_obj *tuple_iter_len(py_obj *self, py_obj *unused)
{
    (void)unused;
    tuple_iter *it = (tuple_iter *)self;
    py_ssize_t len = it->it_seq ? py_tuple_size(it->it_seq) - it->it_index : 0;
    return py_long_from_ssize_t(len < 0 ? 0 : len);
}

static const py_method_def tuple_iter_methods[] = {
    {"__length_hint__", {.o = tuple_iter_len}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static py_obj *tuple_iter_new(py_obj *seq)
{
    tuple_iter *it = (tuple_iter *)py_type_generic_alloc(&py_tuple_iter_info, 0);
    if (it == NULL) return NULL;
    it->it_index = 0;
    it->it_seq = py_new_ref(seq);
    return (py_obj *)it;
}

py_typeinfo py_tuple_iter_info = {
    .rt = {.name = "tuple_iterator", .size = sizeof(tuple_iter), .flags = RG_TYPE_GC,
           .traverse = tuple_iter_traverse, .refs_offset = offsetof(tuple_iter, it_seq), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = tuple_iter_next,
    .methods = tuple_iter_methods,
};

/* ====================================================================== */
/* The type                                                                */
/* ====================================================================== */

py_typeinfo py_tuple_info = {
    .rt = {.name = "tuple",
           .size = offsetof(py_tuple_object, ob_item),
           .item_size = sizeof(py_obj *),
           .flags = RG_TYPE_GC | RG_TYPE_ATOMIC_WHEN_UNTRACKED,
           .traverse = tuple_traverse,
           .dealloc = tuple_dealloc,
           .may_untrack = tuple_may_untrack,
           .freelist_capacity = 2000,
           .freelist_max_items = 20},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE | PY_TPFLAGS_TUPLE_SUBCLASS |
             PY_TPFLAGS_SEQUENCE | PY_TPFLAGS_IMMUTABLETYPE,
    .doc = "Built-in immutable sequence.",
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter_new,
    .new = tuple_new,
    .vectorcall = tuple_vectorcall,
    .as_sequence = &tuple_as_sequence,
    .as_mapping = &tuple_as_mapping,
    .methods = tuple_methods,
};
