/*
 * range.c -- the range type (CPython 3.11's Objects/rangeobject.c).
 *
 * Owns: range objects (start, stop, step, length as ints: 48 bytes, not
 * GC), range(...) with CPython's argument errors, len/index/slice/in/
 * count/index/==/hash/repr, and the iterators (a C-long one, 48 bytes,
 * when everything fits, else one on int objects).
 *
 * Invariants: step != 0; length = max(0, ceil((stop - start) / step)).
 *
 * Must not: materialize the sequence.
 */
#include "object.h"

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *start, *stop, *step, *length;
} range_object;

#define R(o) ((range_object *)(o))

/* The length of range(lo, hi, step) as an int object. */
static py_obj *compute_range_length(py_obj *start, py_obj *stop, py_obj *step)
{
    int neg = py_long_sign(step) < 0;
    py_obj *lo = neg ? stop : start, *hi = neg ? start : stop;
    py_obj *st = neg ? py_number_negative(step) : py_new_ref(step);
    if (st == NULL) return NULL;
    int c = py_object_rich_compare_bool(lo, hi, PY_GE);
    if (c != 0) {
        rg_decref(st);
        return c < 0 ? NULL : py_new_ref(py_small_int(0));
    }
    /* (hi - lo - 1) // step + 1 */
    py_obj *diff = py_number_subtract(hi, lo), *one = py_small_int(1), *res = NULL;
    py_obj *dm1 = diff ? py_number_subtract(diff, one) : NULL;
    py_obj *q = dm1 ? py_number_floor_divide(dm1, st) : NULL;
    if (q) res = py_number_add(q, one);
    rg_xdecref(diff);
    rg_xdecref(dm1);
    rg_xdecref(q);
    rg_decref(st);
    return res;
}

static py_obj *make_range(py_typeinfo *type, py_obj *start, py_obj *stop, py_obj *step)
{
    py_obj *length = compute_range_length(start, stop, step);
    if (length == NULL) return NULL;
    range_object *obj = (range_object *)rg_new(py_heap(), &type->rt);
    if (obj == NULL) {
        rg_decref(length);
        return py_err_no_memory();
    }
    obj->start = py_new_ref(start);
    obj->stop = py_new_ref(stop);
    obj->step = py_new_ref(step);
    obj->length = length;
    return (py_obj *)obj;
}

/* range(stop) / range(start, stop[, step]) from an argument array. */
static py_obj *range_from_array(py_typeinfo *type, py_obj *const *args, py_ssize_t nargs)
{
    py_obj *start = NULL, *stop = NULL, *step = NULL, *r = NULL;
    switch (nargs) {
    case 3:
        step = py_number_index(args[2]);
        if (step == NULL) return NULL;
        if (py_long_sign(step) == 0) {
            rg_decref(step);
            py_err_set_string(py_exc_ValueError, "range() arg 3 must not be zero");
            return NULL;
        }
        /* fall through */
    case 2:
        start = py_number_index(args[0]);
        stop = start ? py_number_index(args[1]) : NULL;
        break;
    case 1:
        stop = py_number_index(args[0]);
        start = py_new_ref(py_small_int(0));
        break;
    case 0:
        return py_err_format(py_exc_TypeError, "range expected at least 1 argument, got 0");
    default:
        return py_err_format(py_exc_TypeError, "range expected at most 3 arguments, got %zd", nargs);
    }
    if (step == NULL) step = py_new_ref(py_small_int(1));
    if (start && stop) r = make_range(type, start, stop, step);
    rg_xdecref(start);
    rg_xdecref(stop);
    rg_xdecref(step);
    return r;
}

static py_obj *range_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords("range", kwds) < 0) return NULL;
    return range_from_array(type, py_tuple_items(args), py_tuple_size(args));
}

static py_obj *range_vectorcall(py_obj *rangetype, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    if (py_arg_no_kwnames("range", kwnames) < 0) return NULL;
    return range_from_array(py_typeinfo_of(rangetype), args, py_vectorcall_nargs(nargsf));
}

static void range_dealloc(py_obj *self)
{
    rg_decref(R(self)->start);
    rg_decref(R(self)->stop);
    rg_decref(R(self)->step);
    rg_decref(R(self)->length);
    rg_object_free(self);
}

static py_obj *range_repr(py_obj *self)
{
    range_object *r = R(self);
    if (py_long_check(r->step) && py_long_sign(r->step) > 0 && py_long_as_long(r->step) == 1)
        return py_unicode_from_format("range(%R, %R)", r->start, r->stop);
    py_err_clear();
    return py_unicode_from_format("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static py_ssize_t range_length(py_obj *self) { return py_long_as_ssize_t(R(self)->length); }

/* start + i * step (i an int object known to be in range). */
static py_obj *compute_item(range_object *r, py_obj *i)
{
    py_obj *incr = py_number_multiply(i, r->step);
    if (incr == NULL) return NULL;
    py_obj *res = py_number_add(r->start, incr);
    rg_decref(incr);
    return res;
}

static py_obj *range_item(py_obj *self, py_ssize_t i)
{
    range_object *r = R(self);
    py_obj *iobj = py_long_from_ssize_t(i);
    if (iobj == NULL) return NULL;
    int lt0 = i < 0, ok = !lt0 && py_object_rich_compare_bool(iobj, r->length, PY_LT) > 0;
    if (!ok) {
        rg_decref(iobj);
        py_err_set_string(py_exc_IndexError, "range object index out of range");
        return NULL;
    }
    py_obj *res = compute_item(r, iobj);
    rg_decref(iobj);
    return res;
}

/* An index of a slice as an int (None -> dflt, new references), clamped
 * to [lower, upper] after adding length to a negative one. */
static py_obj *long_slice_index(py_obj *v, py_obj *dflt, py_obj *length, py_obj *lower, py_obj *upper)
{
    if (v == py_none) return py_new_ref(dflt);
    if (!py_index_check(v)) {
        py_err_set_string(py_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
        return NULL;
    }
    py_obj *i = py_number_index(v);
    if (i == NULL) return NULL;
    if (py_long_sign(i) < 0) {
        PY_SETREF(i, py_number_add(i, length));
        if (i == NULL) return NULL;
        int lt = py_object_rich_compare_bool(i, lower, PY_LT);
        if (lt != 0) PY_SETREF(i, lt > 0 ? py_new_ref(lower) : NULL);
    } else {
        int gt = py_object_rich_compare_bool(i, upper, PY_GT);
        if (gt != 0) PY_SETREF(i, gt > 0 ? py_new_ref(upper) : NULL);
    }
    return i;
}

/* _PySlice_GetLongIndices: start, stop, step of slice for a sequence of
 * length (an int) as new int references in out; -1 with an error. */
static int long_slice_indices(py_obj *slice, py_obj *length, py_obj *out[3])
{
    py_slice_object *sl = (py_slice_object *)slice;
    py_obj *step;
    if (sl->step == py_none) {
        step = py_new_ref(py_small_int(1));
    } else {
        if (!py_index_check(sl->step)) {
            py_err_set_string(py_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
            return -1;
        }
        step = py_number_index(sl->step);
        if (step == NULL) return -1;
        if (py_long_sign(step) == 0) {
            rg_decref(step);
            py_err_set_string(py_exc_ValueError, "slice step cannot be zero");
            return -1;
        }
    }
    int neg = py_long_sign(step) < 0;
    py_obj *lower = neg ? py_new_ref(py_small_int(-1)) : py_new_ref(py_small_int(0));
    py_obj *upper = neg ? py_number_add(length, lower) : py_new_ref(length);
    py_obj *start = NULL, *stop = NULL;
    if (upper != NULL) start = long_slice_index(sl->start, neg ? upper : lower, length, lower, upper);
    if (start != NULL) stop = long_slice_index(sl->stop, neg ? lower : upper, length, lower, upper);
    rg_decref(lower);
    rg_xdecref(upper);
    if (stop == NULL) {
        rg_xdecref(start);
        rg_decref(step);
        return -1;
    }
    out[0] = start;
    out[1] = stop;
    out[2] = step;
    return 0;
}

static py_obj *range_subscript(py_obj *self, py_obj *item)
{
    range_object *r = R(self);
    if (py_index_check(item)) {
        /* compute_range_item on ints: any size */
        py_obj *i = py_number_index(item);
        if (i == NULL) return NULL;
        if (py_long_sign(i) < 0) PY_SETREF(i, py_number_add(i, r->length));
        if (i == NULL) return NULL;
        int bad = py_long_sign(i) < 0 ? 1 : py_object_rich_compare_bool(i, r->length, PY_GE);
        if (bad != 0) {
            rg_decref(i);
            if (bad > 0) py_err_set_string(py_exc_IndexError, "range object index out of range");
            return NULL;
        }
        py_obj *res = compute_item(r, i);
        rg_decref(i);
        return res;
    }
    if (py_slice_check(item)) {
        /* compute_slice: the slice's indices as ints (any size), the new
         * bounds start and the adjusted stop mapped, the step multiplied */
        py_obj *idx[3];
        if (long_slice_indices(item, r->length, idx) < 0) return NULL;
        py_obj *ns = compute_item(r, idx[0]), *ne = ns ? compute_item(r, idx[1]) : NULL;
        py_obj *nst = ne ? py_number_multiply(idx[2], r->step) : NULL;
        py_obj *res = nst ? make_range(py_type_of(self), ns, ne, nst) : NULL;
        for (int k = 0; k < 3; k++) rg_decref(idx[k]);
        rg_xdecref(ns);
        rg_xdecref(ne);
        rg_xdecref(nst);
        return res;
    }
    return py_err_format(py_exc_TypeError, "range indices must be integers or slices, not %.200s", py_obj_type_name(item));
}

/* Is ob (an int) one of the values? */
static int range_contains_long(range_object *r, py_obj *ob)
{
    int pos_step = py_long_sign(r->step) > 0, cmp1, cmp2;
    if (pos_step) {
        cmp1 = py_object_rich_compare_bool(r->start, ob, PY_LE);
        cmp2 = py_object_rich_compare_bool(ob, r->stop, PY_LT);
    } else {
        cmp1 = py_object_rich_compare_bool(ob, r->start, PY_LE);
        cmp2 = py_object_rich_compare_bool(r->stop, ob, PY_LT);
    }
    if (cmp1 < 0 || cmp2 < 0) return -1;
    if (!cmp1 || !cmp2) return 0;
    py_obj *tmp1 = py_number_subtract(ob, r->start), *tmp2 = tmp1 ? py_number_remainder(tmp1, r->step) : NULL;
    int result = tmp2 ? py_object_rich_compare_bool(py_small_int(0), tmp2, PY_EQ) : -1;
    rg_xdecref(tmp1);
    rg_xdecref(tmp2);
    return result;
}

static int range_contains(py_obj *self, py_obj *ob)
{
    if (py_long_check_exact(ob) || py_bool_check(ob)) return range_contains_long(R(self), ob);
    py_obj *it = py_object_get_iter(self);
    if (it == NULL) return -1;
    int result = 0;
    py_obj *item;
    while ((item = py_iter_next(it)) != NULL) {
        int c = py_object_rich_compare_bool(item, ob, PY_EQ);
        rg_decref(item);
        if (c != 0) {
            result = c;
            break;
        }
    }
    rg_decref(it);
    return result;
}

static py_obj *range_richcompare(py_obj *self, py_obj *other, int op)
{
    if (!py_is_type(other, &py_range_info) || (op != PY_EQ && op != PY_NE)) return py_new_ref(py_notimplemented);
    range_object *a = R(self), *b = R(other);
    int eq;
    if (a == b) eq = 1;
    else {
        eq = py_object_rich_compare_bool(a->length, b->length, PY_EQ);
        if (eq == 1 && py_long_sign(a->length) != 0) {
            eq = py_object_rich_compare_bool(a->start, b->start, PY_EQ);
            if (eq == 1 && py_object_rich_compare_bool(a->length, py_small_int(1), PY_NE) == 1)
                eq = py_object_rich_compare_bool(a->step, b->step, PY_EQ);
        }
        if (eq < 0) return NULL;
    }
    return py_bool_from_long(op == PY_EQ ? eq : !eq);
}

/* hash((len, start, step)), None for the parts that do not matter. */
static py_hash_t range_hash(py_obj *self)
{
    range_object *r = R(self);
    py_obj *t = py_tuple_new(3);
    if (t == NULL) return -1;
    py_tuple_set(t, 0, py_new_ref(r->length));
    int len0 = py_long_sign(r->length) == 0;
    int len1 = !len0 && py_object_rich_compare_bool(r->length, py_small_int(1), PY_EQ) == 1;
    py_tuple_set(t, 1, py_new_ref(len0 ? py_none : r->start));
    py_tuple_set(t, 2, py_new_ref(len0 || len1 ? py_none : r->step));
    py_hash_t h = py_object_hash(t);
    rg_decref(t);
    return h;
}

static int range_bool(py_obj *self) { return py_long_sign(R(self)->length) != 0; }

static py_obj *range_count(py_obj *self, py_obj *ob)
{
    if (py_long_check_exact(ob) || py_bool_check(ob)) {
        int r = range_contains_long(R(self), ob);
        if (r < 0) return NULL;
        return py_new_ref(py_small_int(r));
    }
    py_ssize_t n = 0;
    py_obj *it = py_object_get_iter(self), *item;
    if (it == NULL) return NULL;
    while ((item = py_iter_next(it)) != NULL) {
        int c = py_object_rich_compare_bool(item, ob, PY_EQ);
        rg_decref(item);
        if (c < 0) {
            rg_decref(it);
            return NULL;
        }
        n += c;
    }
    rg_decref(it);
    return py_err_occurred() ? NULL : py_long_from_ssize_t(n);
}

static py_obj *range_index(py_obj *self, py_obj *ob)
{
    range_object *r = R(self);
    if (py_long_check_exact(ob) || py_bool_check(ob)) {
        int c = range_contains_long(r, ob);
        if (c < 0) return NULL;
        if (c) {
            py_obj *d = py_number_subtract(ob, r->start);
            py_obj *idx = d ? py_number_floor_divide(d, r->step) : NULL;
            rg_xdecref(d);
            return idx;
        }
    }
    return py_err_format(py_exc_ValueError, "%R is not in range", ob);
}

/* ---- iterators ---------------------------------------------------------- */

typedef struct {
    RG_OBJECT_HEAD;
    long index, start, step, len;
} range_iter_object;

/* 3.11's longrangeiterobject: the value is start + index * step (40 + 8
 * bytes: getsizeof 48). */
typedef struct {
    RG_OBJECT_HEAD;
    py_obj *index, *start, *step, *len;
} longrange_iter_object;

static py_obj *range_iter_next(py_obj *self)
{
    range_iter_object *it = (range_iter_object *)self;
    /* Ctrl-C in C loops over huge ranges (sum, max, list, sorted...) */
    if ((it->index & 0xffff) == 0xffff && py_poll_interrupt()) return NULL;
    if (it->index < it->len)
        return py_long_from_long((long)((unsigned long)it->start + (unsigned long)(it->index++) * (unsigned long)it->step));
    return NULL;
}

static py_obj *range_iter_len(py_obj *self, py_obj *u)
{
    (void)u;
    range_iter_object *it = (range_iter_object *)self;
    return py_long_from_long(it->len - it->index);
}

static const py_method_def range_iter_methods[] = {
    {"__length_hint__", {.o = range_iter_len}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_range_iter_info = {
    .rt = {.name = "range_iterator", .size = sizeof(range_iter_object)},
    .iter = py_object_self_iter,
    .iternext = range_iter_next,
    .methods = range_iter_methods,
};

static py_obj *longrange_iter_next(py_obj *self)
{
    longrange_iter_object *it = (longrange_iter_object *)self;
    if (py_object_rich_compare_bool(it->index, it->len, PY_LT) != 1) return NULL;
    py_obj *new_index = py_number_add(it->index, py_small_int(1));
    if (new_index == NULL) return NULL;
    py_obj *product = py_number_multiply(it->index, it->step);
    if (product == NULL) {
        rg_decref(new_index);
        return NULL;
    }
    py_obj *result = py_number_add(it->start, product);
    rg_decref(product);
    if (result != NULL) PY_SETREF(it->index, new_index);
    else rg_decref(new_index);
    return result;
}

static py_obj *longrange_iter_len(py_obj *self, PY_UNUSED py_obj *u)
{
    longrange_iter_object *it = (longrange_iter_object *)self;
    return py_number_subtract(it->len, it->index);
}

static const py_method_def longrange_iter_methods[] = {
    {"__length_hint__", {.o = longrange_iter_len}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static void longrange_iter_dealloc(py_obj *self)
{
    longrange_iter_object *it = (longrange_iter_object *)self;
    rg_decref(it->index);
    rg_decref(it->start);
    rg_decref(it->step);
    rg_decref(it->len);
    rg_object_free(self);
}

py_typeinfo py_longrange_iter_info = {
    .rt = {.name = "longrange_iterator", .size = sizeof(longrange_iter_object), .dealloc = longrange_iter_dealloc},
    .iter = py_object_self_iter,
    .iternext = longrange_iter_next,
    .methods = longrange_iter_methods,
};

/* An iterator from start by step, len values: the C-long one when all fit. */
static py_obj *make_iter(py_obj *start, py_obj *step, py_obj *len)
{
    int o1, o2, o3;
    long lstart = py_long_as_long_and_overflow(start, &o1), lstep = py_long_as_long_and_overflow(step, &o2);
    long llen = py_long_as_long_and_overflow(len, &o3);
    /* The last value must fit too. */
    long last = 0;
    int ov = o1 || o2 || o3 || (llen > 0 && __builtin_mul_overflow(llen - 1, lstep, &last)) ||
             __builtin_add_overflow(lstart, last, &last);
    if (!ov) {
        range_iter_object *it = (range_iter_object *)rg_new(py_heap(), &py_range_iter_info.rt);
        if (it == NULL) return py_err_no_memory();
        it->index = 0;
        it->start = lstart;
        it->step = lstep;
        it->len = llen;
        return (py_obj *)it;
    }
    longrange_iter_object *it = (longrange_iter_object *)rg_new(py_heap(), &py_longrange_iter_info.rt);
    if (it == NULL) return py_err_no_memory();
    it->index = py_new_ref(py_small_int(0));
    it->start = py_new_ref(start);
    it->step = py_new_ref(step);
    it->len = py_new_ref(len);
    return (py_obj *)it;
}

static py_obj *range_iter(py_obj *self) { return make_iter(R(self)->start, R(self)->step, R(self)->length); }

static py_obj *range_reversed(py_obj *self, py_obj *u)
{
    (void)u;
    range_object *r = R(self);
    /* last = start + (len - 1) * step; step = -step */
    py_obj *lm1 = py_number_subtract(r->length, py_small_int(1));
    py_obj *last = lm1 ? compute_item(r, lm1) : NULL, *neg = last ? py_number_negative(r->step) : NULL;
    py_obj *res = neg ? make_iter(last, neg, r->length) : NULL;
    rg_xdecref(lm1);
    rg_xdecref(last);
    rg_xdecref(neg);
    return res;
}

static const py_method_def range_methods[] = {
    {"__reversed__", {.o = range_reversed}, PY_METH_NOARGS, "Return a reverse iterator."},
    {"count", {.o = range_count}, PY_METH_O, "rangeobject.count(value) -> integer"},
    {"index", {.o = range_index}, PY_METH_O, "rangeobject.index(value) -> integer"},
    {NULL, {NULL}, 0, NULL},
};

static const py_member_def range_members[] = {
    {"start", PY_T_OBJECT_EX, offsetof(range_object, start), PY_READONLY, NULL},
    {"stop", PY_T_OBJECT_EX, offsetof(range_object, stop), PY_READONLY, NULL},
    {"step", PY_T_OBJECT_EX, offsetof(range_object, step), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static py_number_methods range_as_number = {.nb_bool = range_bool};
static py_sequence_methods range_as_sequence = {.sq_length = range_length, .sq_item = range_item,
                                                .sq_contains = range_contains};
static py_mapping_methods range_as_mapping = {.mp_length = range_length, .mp_subscript = range_subscript};

py_typeinfo py_range_info = {
    .rt = {.name = "range", .size = sizeof(range_object), .dealloc = range_dealloc},
    .flags = PY_TPFLAGS_SEQUENCE,
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object",
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .iter = range_iter,
    .new = range_new,
    .vectorcall = range_vectorcall,
    .as_number = &range_as_number,
    .as_sequence = &range_as_sequence,
    .as_mapping = &range_as_mapping,
    .methods = range_methods,
    .members = range_members,
};
