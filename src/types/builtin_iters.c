/*
 * builtin_iters.c -- the iterator types behind the builtins enumerate,
 * reversed, zip, map and filter (CPython 3.11's Objects/enumobject.c and
 * the zip/map/filter objects of Python/bltinmodule.c).
 *
 * Owns: the five types with 3.11's layouts (sys.getsizeof 72, 48, 64, 48,
 * 48), their construction (the same allocation order as CPython: e.g. zip
 * makes its iterators and result tuple before itself, filter its iterator
 * first, enumerate itself first; vectorcall for enumerate, reversed, map
 * and filter, the args tuple for zip, as 3.11), the messages of their
 * argument errors, and the result-tuple recycling of enumerate and zip
 * (the tuple is reused while only the iterator holds it, and re-tracked
 * if the collector untracked it: bpo-42536).
 *
 * Invariants: en_result / result tuples always hold valid items; an
 * exhausted reversed drops its sequence.  The builtins module (the VM's)
 * binds the type objects: py_enum_info.type_obj etc.
 *
 * Must not: call back into the iterated objects except through the
 * iterator protocol, in CPython's order.
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* enumerate                                                               */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t en_index;  /* the next index while below PY_SSIZE_T_MAX */
    py_obj *en_sit;       /* the underlying iterator */
    py_obj *en_result;    /* the recycled (index, item) tuple */
    py_obj *en_longindex; /* the next index beyond PY_SSIZE_T_MAX, or NULL */
    py_obj *one;          /* borrowed: 1 (3.11 keeps it in the object) */
} enum_object;

static py_obj *enum_new_impl(py_typeinfo *type, py_obj *iterable, py_obj *start)
{
    enum_object *en = (enum_object *)py_type_generic_alloc(type, 0);
    if (en == NULL) return NULL;
    en->one = py_small_int(1);
    if (start != NULL) {
        start = py_number_index(start);
        if (start == NULL) {
            rg_decref((py_obj *)en);
            return NULL;
        }
        en->en_index = py_long_as_ssize_t(start);
        if (en->en_index == -1 && py_err_occurred()) {
            py_err_clear();
            en->en_index = PY_SSIZE_T_MAX;
            en->en_longindex = start;
        } else {
            rg_decref(start);
        }
    }
    en->en_sit = py_object_get_iter(iterable);
    if (en->en_sit == NULL) {
        rg_decref((py_obj *)en);
        return NULL;
    }
    en->en_result = py_tuple_pack(2, py_none, py_none);
    if (en->en_result == NULL) {
        rg_decref((py_obj *)en);
        return NULL;
    }
    return (py_obj *)en;
}

/* enumerate(iterable, start=0) */
static py_obj *enum_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    static const char *const kwlist[] = {"iterable", "start", NULL};
    py_obj *argv[2];
    if (py_arg_unpack_keywords(((py_tuple_object *)args)->ob_item, py_tuple_size(args), kwds, NULL, "enumerate",
                               kwlist, 0, 1, 2, argv) < 0)
        return NULL;
    return enum_new_impl(type, argv[0], argv[1]);
}

/* kwnames[i] is name, else TypeError. */
static int check_keyword(py_obj *kwnames, py_ssize_t i, const char *name)
{
    py_obj *kw = py_tuple_get(kwnames, i);
    if (!py_unicode_equal_to_ascii_string(kw, name)) {
        py_err_format(py_exc_TypeError, "'%S' is an invalid keyword argument for enumerate()", kw);
        return 0;
    }
    return 1;
}

/* enum_vectorcall: enumerate(iterable, start=...) parsed by hand, as 3.11. */
static py_obj *enum_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_typeinfo *tp = py_typeinfo_of(type);
    py_ssize_t nargs = py_vectorcall_nargs(nargsf), nkwargs = kwnames ? py_tuple_size(kwnames) : 0;
    if (nargs + nkwargs == 2) {
        if (nkwargs == 1) {
            if (!check_keyword(kwnames, 0, "start")) return NULL;
        } else if (nkwargs == 2) {
            if (py_unicode_equal_to_ascii_string(py_tuple_get(kwnames, 0), "start")) {
                if (!check_keyword(kwnames, 1, "iterable")) return NULL;
                return enum_new_impl(tp, args[1], args[0]);
            }
            if (!check_keyword(kwnames, 0, "iterable") || !check_keyword(kwnames, 1, "start")) return NULL;
        }
        return enum_new_impl(tp, args[0], args[1]);
    }
    if (nargs + nkwargs == 1) {
        if (nkwargs == 1 && !check_keyword(kwnames, 0, "iterable")) return NULL;
        return enum_new_impl(tp, args[0], NULL);
    }
    if (nargs == 0) {
        py_err_set_string(py_exc_TypeError, "enumerate() missing required argument 'iterable'");
        return NULL;
    }
    return py_err_format(py_exc_TypeError, "enumerate() takes at most 2 arguments (%d given)", (int)(nargs + nkwargs));
}

static int enum_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    enum_object *en = (enum_object *)self;
    RG_VISIT(en->en_sit);
    RG_VISIT(en->en_result);
    RG_VISIT(en->en_longindex);
    return 0;
}

static int enum_clear(py_obj *self)
{
    enum_object *en = (enum_object *)self;
    RG_CLEAR(en->en_sit);
    RG_CLEAR(en->en_result);
    RG_CLEAR(en->en_longindex);
    return 0;
}

/* Put (index, item) in the recycled tuple when only we hold it, else in a
 * new one; both references are consumed. */
static py_obj *pair_result(py_obj **slot, py_obj *index, py_obj *item)
{
    py_obj *result = *slot;
    if (result->refcnt == 1) {
        rg_incref(result);
        py_obj *old_index = py_tuple_get(result, 0), *old_item = py_tuple_get(result, 1);
        py_tuple_set(result, 0, index);
        py_tuple_set(result, 1, item);
        rg_decref(old_index);
        rg_decref(old_item);
        if (!rg_is_tracked(result)) rg_track(result);
        return result;
    }
    result = py_tuple_new(2);
    if (result == NULL) {
        rg_decref(index);
        rg_decref(item);
        return NULL;
    }
    py_tuple_set(result, 0, index);
    py_tuple_set(result, 1, item);
    return result;
}

static py_obj *enum_next(py_obj *self)
{
    if (py_c_stack_check("")) return NULL; /* enumerate(enumerate(...)) chains */
    enum_object *en = (enum_object *)self;
    py_obj *it = en->en_sit;
    py_obj *next_item = py_type_of(it)->iternext(it);
    if (next_item == NULL) return NULL;
    py_obj *next_index;
    if (en->en_index == PY_SSIZE_T_MAX) {
        /* enum_next_long: the index as an int from here on. */
        if (en->en_longindex == NULL) {
            en->en_longindex = py_long_from_ssize_t(PY_SSIZE_T_MAX);
            if (en->en_longindex == NULL) {
                rg_decref(next_item);
                return NULL;
            }
        }
        next_index = en->en_longindex;
        py_obj *stepped = py_number_add(next_index, en->one);
        if (stepped == NULL) {
            rg_decref(next_item);
            return NULL;
        }
        en->en_longindex = stepped;
    } else {
        next_index = py_long_from_ssize_t(en->en_index);
        if (next_index == NULL) {
            rg_decref(next_item);
            return NULL;
        }
        en->en_index++;
    }
    return pair_result(&en->en_result, next_index, next_item);
}

static const py_method_def enum_methods[] = {
    {"__class_getitem__", {.o = py_generic_alias_class_getitem}, PY_METH_O | PY_METH_CLASS, "See PEP 585"},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_enum_info = {
    .rt = {.name = "enumerate", .size = sizeof(enum_object), .flags = RG_TYPE_GC, .traverse = enum_traverse,
           .clear = enum_clear},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .doc = "Return an enumerate object.\n\n  iterable\n    an object supporting iteration\n\nThe enumerate object "
           "yields pairs containing a count (from start, which\ndefaults to zero) and a value yielded by the "
           "iterable argument.\n\nenumerate is useful for obtaining an indexed list:\n    (0, seq[0]), (1, seq[1]), "
           "(2, seq[2]), ...",
    .iter = py_object_self_iter,
    .iternext = enum_next,
    .new = enum_new,
    .vectorcall = enum_vectorcall,
    .methods = enum_methods,
};

/* ====================================================================== */
/* reversed                                                                */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t index;
    py_obj *seq; /* NULL once exhausted */
} reversed_object;

static py_obj *reversed_new_impl(py_typeinfo *type, py_obj *seq)
{
    py_obj *reversed_meth = py_object_lookup_special(seq, py_id(__reversed__));
    if (reversed_meth == py_none) {
        rg_decref(reversed_meth);
        return py_err_format(py_exc_TypeError, "'%.200s' object is not reversible", py_obj_type_name(seq));
    }
    if (reversed_meth != NULL) {
        py_obj *res = py_object_call_no_args(reversed_meth);
        rg_decref(reversed_meth);
        return res;
    }
    if (py_err_occurred()) return NULL;
    if (!py_sequence_check(seq))
        return py_err_format(py_exc_TypeError, "'%.200s' object is not reversible", py_obj_type_name(seq));
    py_ssize_t n = py_sequence_size(seq);
    if (n == -1) return NULL;
    reversed_object *ro = (reversed_object *)py_type_generic_alloc(type, 0);
    if (ro == NULL) return NULL;
    ro->index = n - 1;
    ro->seq = py_new_ref(seq);
    return (py_obj *)ro;
}

static py_obj *reversed_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if ((type == &py_reversed_info || type->init == py_reversed_info.init) && py_arg_no_keywords("reversed", kwds) < 0)
        return NULL;
    py_obj *seq;
    if (!py_arg_unpack_tuple(args, "reversed", 1, 1, &seq)) return NULL;
    return reversed_new_impl(type, seq);
}

static py_obj *reversed_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    if (py_arg_no_kwnames("reversed", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("reversed", nargs, 1, 1) < 0) return NULL;
    return reversed_new_impl(py_typeinfo_of(type), args[0]);
}

static int reversed_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((reversed_object *)self)->seq);
    return 0;
}

static py_obj *reversed_next(py_obj *self)
{
    if (py_c_stack_check("")) return NULL;
    reversed_object *ro = (reversed_object *)self;
    if (ro->index >= 0) {
        py_obj *item = py_sequence_get_item(ro->seq, ro->index);
        if (item != NULL) {
            ro->index--;
            return item;
        }
        if (py_err_exception_matches(py_exc_IndexError) || py_err_exception_matches(py_exc_StopIteration))
            py_err_clear();
    }
    ro->index = -1;
    RG_CLEAR(ro->seq);
    return NULL;
}

static py_obj *reversed_len(py_obj *self, py_obj *unused)
{
    (void)unused;
    reversed_object *ro = (reversed_object *)self;
    if (ro->seq == NULL) return py_long_from_long(0);
    py_ssize_t seqsize = py_sequence_size(ro->seq);
    if (seqsize == -1) return NULL;
    return py_long_from_ssize_t(seqsize < ro->index + 1 ? 0 : ro->index + 1);
}

static const py_method_def reversed_methods[] = {
    {"__length_hint__", {.o = reversed_len}, PY_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_reversed_info = {
    .rt = {.name = "reversed", .size = sizeof(reversed_object), .flags = RG_TYPE_GC, .traverse = reversed_traverse,
           .refs_offset = offsetof(reversed_object, seq), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .doc = "Return a reverse iterator over the values of the given sequence.",
    .iter = py_object_self_iter,
    .iternext = reversed_next,
    .new = reversed_new,
    .vectorcall = reversed_vectorcall,
    .methods = reversed_methods,
};

/* ====================================================================== */
/* zip                                                                     */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t tuplesize;
    py_obj *ittuple; /* tuple of iterators */
    py_obj *result;  /* the recycled result tuple */
    int strict;
} zip_object;

/* zip(*iterables, strict=False): iterators, result tuple, then the object. */
static py_obj *zip_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    int strict = 0;
    if (kwds != NULL) {
        static const char *const kwlist[] = {"strict", NULL};
        py_obj *argv[1];
        if (py_arg_unpack_keywords(NULL, 0, kwds, NULL, "zip", kwlist, 0, 0, 0, argv) < 0) return NULL;
        if (argv[0] != NULL && (strict = py_object_is_true(argv[0])) < 0) return NULL;
    }
    py_ssize_t tuplesize = py_tuple_size(args);
    py_obj *ittuple = py_tuple_new(tuplesize);
    if (ittuple == NULL) return NULL;
    for (py_ssize_t i = 0; i < tuplesize; i++) {
        py_obj *it = py_object_get_iter(py_tuple_get(args, i));
        if (it == NULL) {
            rg_decref(ittuple);
            return NULL;
        }
        py_tuple_set(ittuple, i, it);
    }
    py_obj *result = py_tuple_new(tuplesize);
    if (result == NULL) {
        rg_decref(ittuple);
        return NULL;
    }
    for (py_ssize_t i = 0; i < tuplesize; i++) py_tuple_set(result, i, py_new_ref(py_none));
    zip_object *lz = (zip_object *)py_type_generic_alloc(type, 0);
    if (lz == NULL) {
        rg_decref(ittuple);
        rg_decref(result);
        return NULL;
    }
    lz->ittuple = ittuple;
    lz->tuplesize = tuplesize;
    lz->result = result;
    lz->strict = strict;
    return (py_obj *)lz;
}

static int zip_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    zip_object *lz = (zip_object *)self;
    RG_VISIT(lz->ittuple);
    RG_VISIT(lz->result);
    return 0;
}

static int zip_clear(py_obj *self)
{
    zip_object *lz = (zip_object *)self;
    RG_CLEAR(lz->ittuple);
    RG_CLEAR(lz->result);
    return 0;
}

/* strict=True: argument i (0-based) ran out; the others must too. */
static py_obj *zip_check_lengths(zip_object *lz, py_ssize_t i)
{
    if (py_err_occurred()) {
        if (!py_err_exception_matches(py_exc_StopIteration)) return NULL;
        py_err_clear();
    }
    if (i) {
        const char *plural = i == 1 ? " " : "s 1-";
        return py_err_format(py_exc_ValueError, "zip() argument %d is shorter than argument%s%d", (int)(i + 1),
                             plural, (int)i);
    }
    for (i = 1; i < lz->tuplesize; i++) {
        py_obj *it = py_tuple_get(lz->ittuple, i);
        py_obj *item = py_type_of(it)->iternext(it);
        if (item != NULL) {
            rg_decref(item);
            const char *plural = i == 1 ? " " : "s 1-";
            return py_err_format(py_exc_ValueError, "zip() argument %d is longer than argument%s%d", (int)(i + 1),
                                 plural, (int)i);
        }
        if (py_err_occurred()) {
            if (!py_err_exception_matches(py_exc_StopIteration)) return NULL;
            py_err_clear();
        }
    }
    return NULL;
}

static py_obj *zip_next(py_obj *self)
{
    if (py_c_stack_check("")) return NULL; /* zip(zip(...)) chains */
    zip_object *lz = (zip_object *)self;
    py_ssize_t tuplesize = lz->tuplesize;
    if (tuplesize == 0) return NULL;
    py_obj *result = lz->result;
    if (result->refcnt == 1) {
        rg_incref(result);
        for (py_ssize_t i = 0; i < tuplesize; i++) {
            py_obj *it = py_tuple_get(lz->ittuple, i);
            py_obj *item = py_type_of(it)->iternext(it);
            if (item == NULL) {
                rg_decref(result);
                return lz->strict ? zip_check_lengths(lz, i) : NULL;
            }
            py_obj *olditem = py_tuple_get(result, i);
            py_tuple_set(result, i, item);
            rg_decref(olditem);
        }
        if (!rg_is_tracked(result)) rg_track(result);
        return result;
    }
    result = py_tuple_new(tuplesize);
    if (result == NULL) return NULL;
    for (py_ssize_t i = 0; i < tuplesize; i++) {
        py_obj *it = py_tuple_get(lz->ittuple, i);
        py_obj *item = py_type_of(it)->iternext(it);
        if (item == NULL) {
            rg_decref(result);
            return lz->strict ? zip_check_lengths(lz, i) : NULL;
        }
        py_tuple_set(result, i, item);
    }
    return result;
}

py_typeinfo py_zip_info = {
    .rt = {.name = "zip", .size = sizeof(zip_object), .flags = RG_TYPE_GC, .traverse = zip_traverse,
           .clear = zip_clear},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.\n\n   >>> list(zip('abcdefg', "
           "range(3), range(4)))\n   [('a', 0, 0), ('b', 1, 1), ('c', 2, 2)]\n\nThe zip object yields n-length tuples, "
           "where n is the number of iterables\npassed as positional arguments to zip().  The i-th element in every "
           "tuple\ncomes from the i-th iterable argument to zip().  This continues until the\nshortest argument is "
           "exhausted.\n\nIf strict is true and one of the arguments is exhausted before the others,\nraise a "
           "ValueError.",
    .iter = py_object_self_iter,
    .iternext = zip_next,
    .new = zip_new,
};

/* ====================================================================== */
/* map                                                                     */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *iters; /* tuple of iterators */
    py_obj *func;
} map_object;

/* The iterators of args[0..n) in a new tuple. */
static py_obj *iters_of(py_obj *const *args, py_ssize_t n)
{
    py_obj *iters = py_tuple_new(n);
    if (iters == NULL) return NULL;
    for (py_ssize_t i = 0; i < n; i++) {
        py_obj *it = py_object_get_iter(args[i]);
        if (it == NULL) {
            rg_decref(iters);
            return NULL;
        }
        py_tuple_set(iters, i, it);
    }
    return iters;
}

static py_obj *map_make(py_typeinfo *type, py_obj *func, py_obj *const *iterables, py_ssize_t n)
{
    py_obj *iters = iters_of(iterables, n);
    if (iters == NULL) return NULL;
    map_object *lz = (map_object *)py_type_generic_alloc(type, 0);
    if (lz == NULL) {
        rg_decref(iters);
        return NULL;
    }
    lz->iters = iters;
    lz->func = py_new_ref(func);
    return (py_obj *)lz;
}

static py_obj *map_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (type == &py_map_info && py_arg_no_keywords("map", kwds) < 0) return NULL;
    py_ssize_t numargs = py_tuple_size(args);
    if (numargs < 2) {
        py_err_set_string(py_exc_TypeError, "map() must have at least two arguments.");
        return NULL;
    }
    py_obj *const *items = ((py_tuple_object *)args)->ob_item;
    return map_make(type, items[0], items + 1, numargs - 1);
}

static py_obj *map_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_typeinfo *tp = py_typeinfo_of(type);
    if (tp == &py_map_info && py_arg_no_kwnames("map", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (nargs < 2) {
        py_err_set_string(py_exc_TypeError, "map() must have at least two arguments.");
        return NULL;
    }
    return map_make(tp, args[0], args + 1, nargs - 1);
}

static int map_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    map_object *lz = (map_object *)self;
    RG_VISIT(lz->iters);
    RG_VISIT(lz->func);
    return 0;
}

static int map_clear(py_obj *self)
{
    map_object *lz = (map_object *)self;
    RG_CLEAR(lz->iters);
    RG_CLEAR(lz->func);
    return 0;
}

/* One item of each iterator, then func(*items). */
static py_obj *map_next(py_obj *self)
{
    if (py_c_stack_check("")) return NULL; /* map(f, map(f, ...)) chains */
    map_object *lz = (map_object *)self;
    py_obj *small_stack[5], **stack = small_stack, *result = NULL;
    py_ssize_t nargs = py_tuple_size(lz->iters), i;
    if (nargs > 5) {
        stack = rg_malloc(py_heap(), (size_t)nargs * sizeof(py_obj *));
        if (stack == NULL) return py_err_no_memory();
    }
    for (i = 0; i < nargs; i++) {
        py_obj *it = py_tuple_get(lz->iters, i);
        py_obj *val = py_type_of(it)->iternext(it);
        if (val == NULL) goto exit;
        stack[i] = val;
    }
    result = py_object_vectorcall(lz->func, stack, (size_t)nargs, NULL);
exit:
    for (py_ssize_t k = 0; k < i; k++) rg_decref(stack[k]);
    if (stack != small_stack) rg_free(stack);
    return result;
}

py_typeinfo py_map_info = {
    .rt = {.name = "map", .size = sizeof(map_object), .flags = RG_TYPE_GC, .traverse = map_traverse,
           .clear = map_clear},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .doc = "map(func, *iterables) --> map object\n\nMake an iterator that computes the function using arguments "
           "from\neach of the iterables.  Stops when the shortest iterable is exhausted.",
    .iter = py_object_self_iter,
    .iternext = map_next,
    .new = map_new,
    .vectorcall = map_vectorcall,
};

/* ====================================================================== */
/* filter                                                                  */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *func;
    py_obj *it;
} filter_object;

/* The iterator first, then the object. */
static py_obj *filter_make(py_typeinfo *type, py_obj *func, py_obj *seq)
{
    py_obj *it = py_object_get_iter(seq);
    if (it == NULL) return NULL;
    filter_object *lz = (filter_object *)py_type_generic_alloc(type, 0);
    if (lz == NULL) {
        rg_decref(it);
        return NULL;
    }
    lz->func = py_new_ref(func);
    lz->it = it;
    return (py_obj *)lz;
}

static py_obj *filter_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (type == &py_filter_info && py_arg_no_keywords("filter", kwds) < 0) return NULL;
    py_obj *func, *seq;
    if (!py_arg_unpack_tuple(args, "filter", 2, 2, &func, &seq)) return NULL;
    return filter_make(type, func, seq);
}

static py_obj *filter_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_typeinfo *tp = py_typeinfo_of(type);
    if (tp == &py_filter_info && py_arg_no_kwnames("filter", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("filter", nargs, 2, 2) < 0) return NULL;
    return filter_make(tp, args[0], args[1]);
}

static int filter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    filter_object *lz = (filter_object *)self;
    RG_VISIT(lz->it); /* filter_traverse's order */
    RG_VISIT(lz->func);
    return 0;
}

static int filter_clear(py_obj *self)
{
    filter_object *lz = (filter_object *)self;
    RG_CLEAR(lz->func);
    RG_CLEAR(lz->it);
    return 0;
}

/* The next item that func (None or bool: the item itself) finds true. */
static py_obj *filter_next(py_obj *self)
{
    if (py_c_stack_check("")) return NULL; /* filter(None, filter(...)) chains */
    filter_object *lz = (filter_object *)self;
    py_obj *it = lz->it;
    py_iternextfunc iternext = py_type_of(it)->iternext;
    for (;;) {
        py_obj *item = iternext(it);
        if (item == NULL) return NULL;
        int ok;
        if (lz->func == py_none || lz->func == py_bool_info.type_obj) {
            ok = py_object_is_true(item);
        } else {
            py_obj *good = py_object_call_one_arg(lz->func, item);
            if (good == NULL) {
                rg_decref(item);
                return NULL;
            }
            ok = py_object_is_true(good);
            rg_decref(good);
        }
        if (ok > 0) return item;
        rg_decref(item);
        if (ok < 0) return NULL;
    }
}

py_typeinfo py_filter_info = {
    .rt = {.name = "filter", .size = sizeof(filter_object), .flags = RG_TYPE_GC, .traverse = filter_traverse,
           .clear = filter_clear},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .doc = "filter(function or None, iterable) --> filter object\n\nReturn an iterator yielding those items of "
           "iterable for which function(item)\nis true. If function is None, return the items that are true.",
    .iter = py_object_self_iter,
    .iternext = filter_next,
    .new = filter_new,
    .vectorcall = filter_vectorcall,
};
