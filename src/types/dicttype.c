/*
 * dicttype.c -- the dict type (CPython 3.11's Objects/dictobject.c, the
 * object half): py_dict_info, dict's methods, repr and comparison,
 * dict(...), the keys/values/items views and the dict iterators.
 *
 * The table itself (lookup, insertion, resizing, tracking, sizes) is
 * dict.c's and the C API operations dictops.c's; this file only goes
 * through their functions.
 *
 * Invariants: iterators hold their dict until exhausted and stop with
 * "dictionary changed size during iteration" when its size changes; the
 * items iterator recycles its result tuple while nobody else holds it
 * (re-tracking it, as bpo-42536 does), so `for k, v in d.items()`
 * allocates one tuple.
 *
 * Must not: touch the keys object's layout.
 */
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* repr, comparison, length, subscript                                     */
/* ====================================================================== */

static py_obj *dict_repr(py_obj *self)
{
    int r = py_repr_enter(self);
    if (r != 0) return r > 0 ? py_unicode_from_string("{...}") : NULL;
    if (py_dict_size(self) == 0) {
        py_repr_leave(self);
        return py_unicode_from_string("{}");
    }
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    py_ssize_t pos = 0;
    py_obj *key, *value;
    int first = 1;
    if (py_unicode_writer_write_char(&w, '{') < 0) goto fail;
    while (py_dict_next(self, &pos, &key, &value)) {
        rg_incref(key);
        rg_incref(value);
        int e = (!first && py_unicode_writer_write_ascii(&w, ", ", 2) < 0) ||
                py_unicode_writer_write_obj(&w, key, 1) < 0 || py_unicode_writer_write_ascii(&w, ": ", 2) < 0 ||
                py_unicode_writer_write_obj(&w, value, 1) < 0;
        rg_decref(key);
        rg_decref(value);
        if (e) goto fail;
        first = 0;
    }
    if (py_unicode_writer_write_char(&w, '}') < 0) goto fail;
    py_repr_leave(self);
    return py_unicode_writer_finish(&w);
fail:
    py_repr_leave(self);
    py_unicode_writer_dealloc(&w);
    return NULL;
}

/* dict_equal: same size, every key of a in b with an equal value. */
static int dict_equal(py_obj *a, py_obj *b)
{
    if (py_dict_size(a) != py_dict_size(b)) return 0;
    py_ssize_t pos = 0;
    py_obj *key, *aval;
    py_hash_t hash;
    while (py_dict_next_with_hash(a, &pos, &key, &aval, &hash)) {
        rg_incref(aval);
        rg_incref(key);
        py_obj *bval = py_dict_get_item_known_hash(b, key, hash);
        if (bval == NULL) {
            rg_decref(key);
            rg_decref(aval);
            return py_err_occurred() ? -1 : 0;
        }
        rg_incref(bval);
        int cmp = py_object_rich_compare_bool(aval, bval, PY_EQ);
        rg_decref(key);
        rg_decref(aval);
        rg_decref(bval);
        if (cmp <= 0) return cmp;
    }
    return 1;
}

static py_obj *dict_richcompare(py_obj *v, py_obj *w, int op)
{
    if (!py_dict_check(v) || !py_dict_check(w) || (op != PY_EQ && op != PY_NE))
        return py_new_ref(py_notimplemented);
    int cmp = dict_equal(v, w);
    if (cmp < 0) return NULL;
    return py_bool_from_long(op == PY_EQ ? cmp : !cmp);
}

static py_ssize_t dict_length(py_obj *self) { return py_dict_size(self); }

/* d[key]: a missing key calls __missing__ on subclasses. */
static py_obj *dict_subscript(py_obj *self, py_obj *key)
{
    py_obj *v = py_dict_get_item_with_error(self, key);
    if (v != NULL) return py_new_ref(v);
    if (py_err_occurred()) return NULL;
    if (!py_dict_check_exact(self)) {
        py_obj *missing = py_object_lookup_special(self, py_id(__missing__));
        if (missing != NULL) {
            py_obj *res = py_object_call_one_arg(missing, key);
            rg_decref(missing);
            return res;
        }
        if (py_err_occurred()) return NULL;
    }
    py_err_set_key_error(key);
    return NULL;
}

static int dict_ass_sub(py_obj *self, py_obj *key, py_obj *value)
{
    if (value == NULL) return py_dict_del_item(self, key);
    return py_dict_set_item(self, key, value);
}

static int dict_contains(py_obj *self, py_obj *key) { return py_dict_contains(self, key); }

static py_mapping_methods dict_as_mapping = {
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_sub,
};

static py_sequence_methods dict_as_sequence = {
    .sq_contains = dict_contains,
};

/* ====================================================================== */
/* Construction                                                            */
/* ====================================================================== */

/* PyDict_MergeFromSeq2: pairs from an iterable. */
static int dict_merge_from_seq2(py_obj *d, py_obj *seq2, int override)
{
    py_obj *it = py_object_get_iter(seq2);
    if (it == NULL) return -1;
    py_obj *item;
    py_ssize_t i;
    for (i = 0; (item = py_iter_next(it)) != NULL; i++) {
        py_obj *fast = NULL;
        if (py_tuple_check(item) || py_list_check(item)) {
            fast = py_new_ref(item);
        } else {
            fast = py_sequence_tuple(item);
            if (fast == NULL) {
                if (py_err_exception_matches(py_exc_TypeError))
                    py_err_format(py_exc_TypeError,
                                  "cannot convert dictionary update sequence element #%zd to a sequence", i);
                rg_decref(item);
                goto fail;
            }
        }
        py_ssize_t n = py_object_size(fast);
        if (n != 2) {
            py_err_format(py_exc_ValueError, "dictionary update sequence element #%zd has length %zd; 2 is required",
                          i, n);
            rg_decref(fast);
            rg_decref(item);
            goto fail;
        }
        py_obj *key = py_sequence_get_item(fast, 0);
        py_obj *value = key ? py_sequence_get_item(fast, 1) : NULL;
        int status = 0;
        if (value != NULL) {
            if (override) {
                status = py_dict_set_item(d, key, value);
            } else {
                status = py_dict_contains(d, key);
                if (status == 0) status = py_dict_set_item(d, key, value);
                else if (status > 0) status = 0;
            }
        } else {
            status = -1;
        }
        rg_xdecref(key);
        rg_xdecref(value);
        rg_decref(fast);
        rg_decref(item);
        if (status < 0) goto fail;
    }
    rg_decref(it);
    return py_err_occurred() ? -1 : 0;
fail:
    rg_decref(it);
    return -1;
}

/* dict_update_arg: a dict or something with keys() merges; else pairs. */
static int dict_update_arg(py_obj *self, py_obj *arg)
{
    if (py_dict_check_exact(arg)) return py_dict_merge(self, arg, 1);
    py_obj *func;
    if (py_object_lookup_attr(arg, py_id(keys), &func) < 0) return -1;
    if (func != NULL) {
        rg_decref(func);
        return py_dict_merge(self, arg, 1);
    }
    return dict_merge_from_seq2(self, arg, 1);
}

/* dict.update / dict.__init__: one optional positional, then keywords. */
static int dict_update_common(py_obj *self, py_obj *args, py_obj *kwds, const char *methname)
{
    py_obj *arg = NULL;
    if (!py_arg_unpack_tuple(args, methname, 0, 1, &arg)) return -1;
    int result = 0;
    if (arg != NULL) result = dict_update_arg(self, arg);
    if (result == 0 && kwds != NULL) result = py_dict_merge(self, kwds, 1);
    return result;
}

/* dict_new: not from the free list (the type's tp_alloc); exact dicts
 * stay untracked, subclass instances are tracked. */
static py_obj *dict_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)args;
    (void)kwds;
    py_obj *self;
    if (type == &py_dict_info) {
        self = py_dict_alloc_no_freelist();
    } else {
        self = py_type_generic_alloc(type, 0);
    }
    if (self == NULL) return NULL;
    py_dict_init_empty(self);
    return self;
}

static int dict_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    return dict_update_common(self, args, kwds, "dict");
}

static py_obj *dict_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("dict", nargs, 0, 1) < 0) return NULL;
    py_obj *self = dict_new(py_typeinfo_of(type), NULL, NULL);
    if (self == NULL) return NULL;
    if (nargs == 1) {
        if (dict_update_arg(self, args[0]) < 0) {
            rg_decref(self);
            return NULL;
        }
        args++;
    }
    if (kwnames != NULL) {
        for (py_ssize_t i = 0; i < py_tuple_size(kwnames); i++) {
            if (py_dict_set_item(self, py_tuple_get(kwnames, i), args[i]) < 0) {
                rg_decref(self);
                return NULL;
            }
        }
    }
    return self;
}

/* ====================================================================== */
/* Methods                                                                 */
/* ====================================================================== */

static py_obj *dict_getitem_meth(py_obj *self, py_obj *key) { return dict_subscript(self, key); }

static py_obj *dict_contains_meth(py_obj *self, py_obj *key)
{
    int r = py_dict_contains(self, key);
    if (r < 0) return NULL;
    return py_bool_from_long(r);
}

/* dict.get(key, default=None) */
static py_obj *dict_get(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("get", nargs, 1, 2) < 0) return NULL;
    py_obj *v = py_dict_get_item_with_error(self, args[0]);
    if (v != NULL) return py_new_ref(v);
    if (py_err_occurred()) return NULL;
    return py_new_ref(nargs > 1 ? args[1] : py_none);
}

/* dict.setdefault(key, default=None) */
static py_obj *dict_setdefault(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("setdefault", nargs, 1, 2) < 0) return NULL;
    py_obj *v = py_dict_set_default(self, args[0], nargs > 1 ? args[1] : py_none);
    return py_xnew_ref(v);
}

/* dict.pop(key[, default]) */
static py_obj *dict_pop(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("pop", nargs, 1, 2) < 0) return NULL;
    return py_dict_pop(self, args[0], nargs > 1 ? args[1] : NULL);
}

static py_obj *dict_popitem_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_dict_popitem(self);
}

static py_obj *dict_update(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (dict_update_common(self, args, kwds, "update") < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *dict_clear_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_dict_clear(self);
    return py_new_ref(py_none);
}

static py_obj *dict_copy_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_dict_copy(self);
}

static py_obj *dict_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(py_dict_sizeof(self));
}

/* dict.fromkeys(iterable, value=None) (a class method). */
static py_obj *dict_fromkeys(py_obj *cls, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("fromkeys", nargs, 1, 2) < 0) return NULL;
    py_obj *iterable = args[0], *value = nargs > 1 ? args[1] : py_none;
    py_obj *d = py_object_call_no_args(cls);
    if (d == NULL) return NULL;
    py_obj *it = py_object_get_iter(iterable);
    if (it == NULL) {
        rg_decref(d);
        return NULL;
    }
    py_obj *key;
    while ((key = py_iter_next(it)) != NULL) {
        int status = py_dict_check_exact(d) ? py_dict_set_item(d, key, value) : py_object_set_item(d, key, value);
        rg_decref(key);
        if (status < 0) {
            rg_decref(it);
            rg_decref(d);
            return NULL;
        }
    }
    rg_decref(it);
    if (py_err_occurred()) {
        rg_decref(d);
        return NULL;
    }
    return d;
}

static py_obj *dict_keys_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_dict_keys_view(self);
}
static py_obj *dict_values_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_dict_values_view(self);
}
static py_obj *dict_items_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_dict_items_view(self);
}

static py_obj *dict_reversed(py_obj *self, py_obj *unused);

static const py_method_def dict_methods[] = {
    {"__class_getitem__", {.o = py_generic_alias_class_getitem}, PY_METH_O | PY_METH_CLASS, "See PEP 585"},
    {"__reversed__", {.o = dict_reversed}, PY_METH_NOARGS, "Return a reverse iterator over the dict keys."},
    {"__contains__", {.o = dict_contains_meth}, PY_METH_O | PY_METH_COEXIST, "True if the dictionary has the specified key, else False."},
    {"__getitem__", {.o = dict_getitem_meth}, PY_METH_O | PY_METH_COEXIST, "x.__getitem__(y) <==> x[y]"},
    {"__sizeof__", {.o = dict_sizeof_meth}, PY_METH_NOARGS, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"get", {.fast = dict_get}, PY_METH_FASTCALL, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", {.fast = dict_setdefault}, PY_METH_FASTCALL, "Insert key with a value of default if key is not in the dictionary."},
    {"pop", {.fast = dict_pop}, PY_METH_FASTCALL, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
    {"popitem", {.o = dict_popitem_meth}, PY_METH_NOARGS, "Remove and return a (key, value) pair as a 2-tuple."},
    {"keys", {.o = dict_keys_meth}, PY_METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", {.o = dict_items_meth}, PY_METH_NOARGS, "D.items() -> a set-like object providing a view on D's items"},
    {"values", {.o = dict_values_meth}, PY_METH_NOARGS, "D.values() -> an object providing a view on D's values"},
    {"update", {.kw = dict_update}, PY_METH_VARARGS | PY_METH_KEYWORDS, "D.update([E, ]**F) -> None."},
    {"fromkeys", {.fast = dict_fromkeys}, PY_METH_FASTCALL | PY_METH_CLASS, "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", {.o = dict_clear_meth}, PY_METH_NOARGS, "D.clear() -> None.  Remove all items from D."},
    {"copy", {.o = dict_copy_meth}, PY_METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {NULL, {NULL}, 0, NULL},
};

/* ====================================================================== */
/* Iterators                                                               */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *di_dict; /* NULL once exhausted */
    py_ssize_t di_used;
    py_ssize_t di_pos;
    py_obj *di_result; /* the items iterator's reusable tuple */
    py_ssize_t len;
} dict_iter_object;

static int dict_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    dict_iter_object *di = (dict_iter_object *)self;
    RG_VISIT(di->di_dict);
    RG_VISIT(di->di_result);
    return 0;
}

/* dictiter_new: the items iterator allocates its result tuple first. */
static py_obj *dict_iter_new(py_obj *dict, py_typeinfo *itertype)
{
    dict_iter_object *di = (dict_iter_object *)py_type_generic_alloc(itertype, 0);
    if (di == NULL) return NULL;
    di->di_dict = py_new_ref(dict);
    di->di_used = py_dict_size(dict);
    di->len = di->di_used;
    int reverse = itertype == &py_dict_revkeyiter_info || itertype == &py_dict_revvalueiter_info ||
                  itertype == &py_dict_revitemiter_info;
    di->di_pos = reverse ? py_dict_last_position(dict) : 0;
    if (itertype == &py_dict_itemiter_info || itertype == &py_dict_revitemiter_info) {
        di->di_result = py_tuple_pack(2, py_none, py_none);
        if (di->di_result == NULL) {
            rg_decref((py_obj *)di);
            return NULL;
        }
    }
    return (py_obj *)di;
}

/* The next live entry of the iterator's dict (borrowed), 0 at the end or
 * on error (exception set when the dict changed). */
static int dict_iter_advance(dict_iter_object *di, py_obj **key, py_obj **value)
{
    py_obj *d = di->di_dict;
    if (d == NULL) return 0;
    if (di->di_used != py_dict_size(d)) {
        py_err_set_string(py_exc_RuntimeError, "dictionary changed size during iteration");
        di->di_used = -1; /* sticky */
        return 0;
    }
    py_ssize_t pos = di->di_pos;
    if (!py_dict_next(d, &pos, key, value)) goto fail;
    if (di->len == 0) {
        py_err_set_string(py_exc_RuntimeError, "dictionary keys changed during iteration");
        goto fail;
    }
    di->di_pos = pos;
    di->len--;
    return 1;
fail:
    di->di_dict = NULL;
    rg_decref(d);
    return 0;
}

/* dictreviter_iternext's walk: the previous live entry (borrowed). */
static int dict_reviter_advance(dict_iter_object *di, py_obj **key, py_obj **value)
{
    py_obj *d = di->di_dict;
    if (d == NULL) return 0;
    if (di->di_used != py_dict_size(d)) {
        py_err_set_string(py_exc_RuntimeError, "dictionary changed size during iteration");
        di->di_used = -1; /* sticky */
        return 0;
    }
    py_ssize_t pos = di->di_pos;
    if (!py_dict_prev(d, &pos, key, value)) {
        di->di_dict = NULL;
        rg_decref(d);
        return 0;
    }
    di->di_pos = pos;
    di->len--;
    return 1;
}

static int dict_iter_step(py_obj *self, py_obj **key, py_obj **value)
{
    const py_typeinfo *t = py_type_of(self);
    if (t == &py_dict_revkeyiter_info || t == &py_dict_revvalueiter_info || t == &py_dict_revitemiter_info)
        return dict_reviter_advance((dict_iter_object *)self, key, value);
    return dict_iter_advance((dict_iter_object *)self, key, value);
}

static py_obj *dict_iter_next_key(py_obj *self)
{
    py_obj *key, *value;
    if (!dict_iter_step(self, &key, &value)) return NULL;
    return py_new_ref(key);
}

static py_obj *dict_iter_next_value(py_obj *self)
{
    py_obj *key, *value;
    if (!dict_iter_step(self, &key, &value)) return NULL;
    return py_new_ref(value);
}

static py_obj *dict_iter_next_item(py_obj *self)
{
    dict_iter_object *di = (dict_iter_object *)self;
    py_obj *key, *value;
    if (!dict_iter_step(self, &key, &value)) return NULL;
    rg_incref(key);
    rg_incref(value);
    py_obj *result = di->di_result;
    if (result->refcnt == 1) {
        py_obj *oldkey = py_tuple_get(result, 0), *oldvalue = py_tuple_get(result, 1);
        py_tuple_set(result, 0, key);
        py_tuple_set(result, 1, value);
        rg_incref(result);
        rg_decref(oldkey);
        rg_decref(oldvalue);
        /* The collector may have untracked it meanwhile. */
        if (!rg_is_tracked(result)) rg_track(result);
        return result;
    }
    result = py_tuple_new(2);
    if (result == NULL) {
        rg_decref(key);
        rg_decref(value);
        return NULL;
    }
    py_tuple_set(result, 0, key);
    py_tuple_set(result, 1, value);
    return result;
}

static py_obj *dict_iter_len(py_obj *self, py_obj *unused)
{
    (void)unused;
    dict_iter_object *di = (dict_iter_object *)self;
    py_ssize_t len = 0;
    if (di->di_dict != NULL && di->di_used == py_dict_size(di->di_dict)) len = di->len;
    return py_long_from_ssize_t(len);
}

static const py_method_def dict_iter_methods[] = {
    {"__length_hint__", {.o = dict_iter_len}, PY_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, {NULL}, 0, NULL},
};

#define DICT_ITER_TYPE(var, tpname, next)                                                          \
    py_typeinfo var = {                                                                            \
        .rt = {.name = tpname, .size = sizeof(dict_iter_object), .flags = RG_TYPE_GC,                     \
               .traverse = dict_iter_traverse},                                                    \
        .flags = PY_TPFLAGS_HAVE_GC,                                                               \
        .iter = py_object_self_iter,                                                               \
        .iternext = next,                                                                          \
        .methods = dict_iter_methods,                                                              \
    };
DICT_ITER_TYPE(py_dict_keyiter_info, "dict_keyiterator", dict_iter_next_key)
DICT_ITER_TYPE(py_dict_valueiter_info, "dict_valueiterator", dict_iter_next_value)
DICT_ITER_TYPE(py_dict_itemiter_info, "dict_itemiterator", dict_iter_next_item)
DICT_ITER_TYPE(py_dict_revkeyiter_info, "dict_reversekeyiterator", dict_iter_next_key)
DICT_ITER_TYPE(py_dict_revvalueiter_info, "dict_reversevalueiterator", dict_iter_next_value)
DICT_ITER_TYPE(py_dict_revitemiter_info, "dict_reverseitemiterator", dict_iter_next_item)

/* reversed(d), reversed(d.keys()) ... */
static py_obj *dict_reversed(py_obj *self, py_obj *unused)
{
    (void)unused;
    return dict_iter_new(self, &py_dict_revkeyiter_info);
}

static py_obj *dict_iter(py_obj *self) { return dict_iter_new(self, &py_dict_keyiter_info); }

/* ====================================================================== */
/* Views                                                                   */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *dv_dict;
} dict_view;

static int dict_view_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((dict_view *)self)->dv_dict);
    return 0;
}

static py_obj *dict_view_new(py_obj *dict, py_typeinfo *type)
{
    if (!py_dict_check(dict)) return py_err_bad_internal_call();
    dict_view *dv = (dict_view *)py_type_generic_alloc(type, 0);
    if (dv == NULL) return NULL;
    dv->dv_dict = py_new_ref(dict);
    return (py_obj *)dv;
}

py_obj *py_dict_keys_view(py_obj *d) { return dict_view_new(d, &py_dict_keys_info); }
py_obj *py_dict_values_view(py_obj *d) { return dict_view_new(d, &py_dict_values_info); }
py_obj *py_dict_items_view(py_obj *d) { return dict_view_new(d, &py_dict_items_info); }

static py_ssize_t dict_view_len(py_obj *self)
{
    dict_view *dv = (dict_view *)self;
    return dv->dv_dict ? py_dict_size(dv->dv_dict) : 0;
}

/* "dict_keys(['a', 'b'])": the view's items as a list. */
static py_obj *dict_view_repr(py_obj *self)
{
    int r = py_repr_enter(self);
    if (r != 0) return r > 0 ? py_unicode_from_string("...") : NULL;
    py_obj *seq = py_sequence_list(self);
    py_obj *result = NULL;
    if (seq != NULL) {
        result = py_unicode_from_format("%s(%R)", py_obj_type_name(self), seq);
        rg_decref(seq);
    }
    py_repr_leave(self);
    return result;
}

static py_obj *dict_keys_iter(py_obj *self)
{
    dict_view *dv = (dict_view *)self;
    return dict_iter_new(dv->dv_dict, &py_dict_keyiter_info);
}
static py_obj *dict_values_iter(py_obj *self)
{
    dict_view *dv = (dict_view *)self;
    return dict_iter_new(dv->dv_dict, &py_dict_valueiter_info);
}
static py_obj *dict_items_iter(py_obj *self)
{
    dict_view *dv = (dict_view *)self;
    return dict_iter_new(dv->dv_dict, &py_dict_itemiter_info);
}

static int dict_keys_contains(py_obj *self, py_obj *key)
{
    return py_dict_contains(((dict_view *)self)->dv_dict, key);
}

/* (key, value) in d.items() */
static int dict_items_contains(py_obj *self, py_obj *obj)
{
    if (!py_tuple_check(obj) || py_tuple_size(obj) != 2) return 0;
    py_obj *key = py_tuple_get(obj, 0), *value = py_tuple_get(obj, 1);
    py_obj *found = py_dict_get_item_with_error(((dict_view *)self)->dv_dict, key);
    if (found == NULL) return py_err_occurred() ? -1 : 0;
    rg_incref(found);
    int r = py_object_rich_compare_bool(found, value, PY_EQ);
    rg_decref(found);
    return r;
}

static py_sequence_methods dict_keys_as_sequence = {.sq_length = dict_view_len, .sq_contains = dict_keys_contains};
static py_sequence_methods dict_values_as_sequence = {.sq_length = dict_view_len};
static py_sequence_methods dict_items_as_sequence = {.sq_length = dict_view_len, .sq_contains = dict_items_contains};

/* PyDictViewSet_Check: a keys or items view (the set-like ones). */
static int dict_view_set_check(py_obj *o)
{
    return py_is_type(o, &py_dict_keys_info) || py_is_type(o, &py_dict_items_info);
}

/* all_contained_in: every item of self is in other: 1 / 0 / -1. */
static int all_contained_in(py_obj *self, py_obj *other)
{
    py_obj *iter = py_object_get_iter(self);
    if (iter == NULL) return -1;
    int ok = 1;
    for (;;) {
        py_obj *next = py_iter_next(iter);
        if (next == NULL) {
            if (py_err_occurred()) ok = -1;
            break;
        }
        ok = py_sequence_contains(other, next);
        rg_decref(next);
        if (ok <= 0) break;
    }
    rg_decref(iter);
    return ok;
}

/* dictview_richcompare: set comparisons against sets and set-like views. */
static py_obj *dict_view_richcompare(py_obj *self, py_obj *other, int op)
{
    if (!py_any_set_check(other) && !dict_view_set_check(other)) return py_new_ref(py_notimplemented);
    py_ssize_t len_self = py_object_size(self);
    if (len_self < 0) return NULL;
    py_ssize_t len_other = py_object_size(other);
    if (len_other < 0) return NULL;
    int ok = 0;
    switch (op) {
    case PY_NE:
    case PY_EQ:
        if (len_self == len_other) ok = all_contained_in(self, other);
        if (op == PY_NE && ok >= 0) ok = !ok;
        break;
    case PY_LT:
        if (len_self < len_other) ok = all_contained_in(self, other);
        break;
    case PY_LE:
        if (len_self <= len_other) ok = all_contained_in(self, other);
        break;
    case PY_GT:
        if (len_self > len_other) ok = all_contained_in(other, self);
        break;
    case PY_GE:
        if (len_self >= len_other) ok = all_contained_in(other, self);
        break;
    }
    if (ok < 0) return NULL;
    return py_bool_from_long(ok);
}

/* dictviews_to_set: a new set of the view's items (from the dict itself
 * for the keys of an exact dict: the set's dict fast path). */
static py_obj *dict_views_to_set(py_obj *self)
{
    py_obj *left = self;
    if (py_is_type(self, &py_dict_keys_info)) {
        py_obj *d = ((dict_view *)self)->dv_dict;
        if (py_dict_check_exact(d)) left = d;
    }
    return py_set_new(left);
}

/* set(self).name(other), returning the set. */
static py_obj *dict_views_set_method(py_obj *self, py_obj *name, py_obj *other)
{
    py_obj *result = dict_views_to_set(self);
    if (result == NULL) return NULL;
    py_obj *tmp = py_object_call_method_one_arg(result, name, other);
    if (tmp == NULL) {
        rg_decref(result);
        return NULL;
    }
    rg_decref(tmp);
    return result;
}

static py_obj *dict_views_sub(py_obj *self, py_obj *other)
{
    return dict_views_set_method(self, py_id(difference_update), other);
}

/* _PyDictView_Intersect (also for `set & view`, operands swapped). */
static py_obj *dict_views_and(py_obj *self, py_obj *other)
{
    if (!dict_view_set_check(self)) {
        py_obj *tmp = other;
        other = self;
        self = tmp;
    }
    py_ssize_t len_self = dict_view_len(self);
    if (py_set_check_exact(other)) {
        py_ssize_t len_other = py_object_size(other);
        if (len_other < 0) return NULL;
        if (len_self <= len_other) return py_object_call_method_one_arg(other, py_id(intersection), self);
    }
    /* Walk the smaller of two views. */
    if (dict_view_set_check(other) && dict_view_len(other) > len_self) {
        py_obj *tmp = other;
        other = self;
        self = tmp;
    }
    py_obj *result = py_set_new(NULL);
    if (result == NULL) return NULL;
    py_obj *it = py_object_get_iter(other);
    if (it == NULL) {
        rg_decref(result);
        return NULL;
    }
    int (*contains)(py_obj *, py_obj *) =
        py_is_type(self, &py_dict_keys_info) ? dict_keys_contains : dict_items_contains;
    py_obj *key;
    while ((key = py_iter_next(it)) != NULL) {
        int rv = contains(self, key);
        if (rv > 0) rv = py_set_add(result, key);
        rg_decref(key);
        if (rv < 0) {
            rg_decref(it);
            rg_decref(result);
            return NULL;
        }
    }
    rg_decref(it);
    if (py_err_occurred()) {
        rg_decref(result);
        return NULL;
    }
    return result;
}

static py_obj *dict_views_or(py_obj *self, py_obj *other)
{
    py_obj *result = dict_views_to_set(self);
    if (result == NULL) return NULL;
    if (py_set_update(result, other) < 0) {
        rg_decref(result);
        return NULL;
    }
    return result;
}

/* dictitems_xor: items(d1) ^ items(d2) by one pass over d2 against a copy
 * of d1, then what is left of the copy. */
static py_obj *dict_items_xor(py_obj *self, py_obj *other)
{
    py_obj *d1 = ((dict_view *)self)->dv_dict, *d2 = ((dict_view *)other)->dv_dict;
    py_obj *temp_dict = py_dict_copy(d1);
    if (temp_dict == NULL) return NULL;
    py_obj *result_set = py_set_new(NULL);
    if (result_set == NULL) {
        rg_decref(temp_dict);
        return NULL;
    }
    py_obj *key, *val2;
    py_ssize_t pos = 0;
    py_hash_t hash;
    while (py_dict_next_with_hash(d2, &pos, &key, &val2, &hash)) {
        rg_incref(key);
        rg_incref(val2);
        py_obj *val1 = py_dict_get_item_known_hash(temp_dict, key, hash);
        int to_delete = 0, rv = 0;
        if (val1 == NULL) {
            if (py_err_occurred()) rv = -1;
        } else {
            rg_incref(val1);
            to_delete = py_object_rich_compare_bool(val1, val2, PY_EQ);
            if (to_delete < 0) rv = -1;
        }
        if (rv == 0 && to_delete) {
            rv = py_dict_del_item_known_hash(temp_dict, key, hash);
        } else if (rv == 0) {
            py_obj *pair = py_tuple_pack(2, key, val2);
            rv = pair == NULL ? -1 : py_set_add(result_set, pair);
            rg_xdecref(pair);
        }
        rg_decref(key);
        rg_xdecref(val1);
        rg_decref(val2);
        if (rv < 0) goto error;
    }
    py_obj *remaining_pairs = py_object_call_method_no_args(temp_dict, py_id(items));
    if (remaining_pairs == NULL) goto error;
    int rv = py_set_update(result_set, remaining_pairs);
    rg_decref(remaining_pairs);
    if (rv < 0) goto error;
    rg_decref(temp_dict);
    return result_set;
error:
    rg_decref(temp_dict);
    rg_decref(result_set);
    return NULL;
}

static py_obj *dict_views_xor(py_obj *self, py_obj *other)
{
    if (py_is_type(self, &py_dict_items_info) && py_is_type(other, &py_dict_items_info))
        return dict_items_xor(self, other);
    return dict_views_set_method(self, py_id(symmetric_difference_update), other);
}

/* view.isdisjoint(other): walks the shorter side when both are set-like. */
static py_obj *dict_views_isdisjoint(py_obj *self, py_obj *other)
{
    if (self == other) return py_bool_from_long(dict_view_len(self) == 0);
    if (py_any_set_check(other) || dict_view_set_check(other)) {
        py_ssize_t len_self = dict_view_len(self);
        py_ssize_t len_other = py_object_size(other);
        if (len_other == -1) return NULL;
        if (len_other > len_self) {
            py_obj *tmp = other;
            other = self;
            self = tmp;
        }
    }
    py_obj *it = py_object_get_iter(other);
    if (it == NULL) return NULL;
    py_obj *item;
    while ((item = py_iter_next(it)) != NULL) {
        int contains = py_sequence_contains(self, item);
        rg_decref(item);
        if (contains != 0) {
            rg_decref(it);
            return contains < 0 ? NULL : py_new_ref(py_false);
        }
    }
    rg_decref(it);
    if (py_err_occurred()) return NULL;
    return py_new_ref(py_true);
}

static py_number_methods dict_views_as_number = {
    .nb_subtract = dict_views_sub,
    .nb_and = dict_views_and,
    .nb_xor = dict_views_xor,
    .nb_or = dict_views_or,
};

/* reversed(view): the dict's reverse iterator of the same kind. */
static py_obj *dict_keys_reversed(py_obj *self, py_obj *u)
{
    (void)u;
    return dict_iter_new(((dict_view *)self)->dv_dict, &py_dict_revkeyiter_info);
}
static py_obj *dict_values_reversed(py_obj *self, py_obj *u)
{
    (void)u;
    return dict_iter_new(((dict_view *)self)->dv_dict, &py_dict_revvalueiter_info);
}
static py_obj *dict_items_reversed(py_obj *self, py_obj *u)
{
    (void)u;
    return dict_iter_new(((dict_view *)self)->dv_dict, &py_dict_revitemiter_info);
}

#define ISDISJOINT_DEF                                                                            \
    {"isdisjoint", {.o = dict_views_isdisjoint}, PY_METH_O,                                      \
     "Return True if the view and the given iterable have a null intersection."}
static const py_method_def dict_keys_methods[] = {
    ISDISJOINT_DEF,
    {"__reversed__", {.o = dict_keys_reversed}, PY_METH_NOARGS, "Return a reverse iterator over the dict keys."},
    {NULL, {NULL}, 0, NULL},
};
static const py_method_def dict_values_methods[] = {
    {"__reversed__", {.o = dict_values_reversed}, PY_METH_NOARGS, "Return a reverse iterator over the dict values."},
    {NULL, {NULL}, 0, NULL},
};
static const py_method_def dict_items_methods[] = {
    ISDISJOINT_DEF,
    {"__reversed__", {.o = dict_items_reversed}, PY_METH_NOARGS, "Return a reverse iterator over the dict items."},
    {NULL, {NULL}, 0, NULL},
};

static py_obj *dict_view_mapping(py_obj *self, void *closure)
{
    (void)closure;
    return py_dictproxy_new(((dict_view *)self)->dv_dict);
}

static const py_getset_def dict_view_getset[] = {
    {"mapping", dict_view_mapping, NULL, "dictionary that this view refers to", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define DICT_VIEW_TYPE(var, tpname, seq, iterf, cmp, num, meths)                                 \
    py_typeinfo var = {                                                                            \
        .rt = {.name = tpname, .size = sizeof(dict_view), .flags = RG_TYPE_GC,                     \
               .traverse = dict_view_traverse, .refs_offset = offsetof(dict_view, dv_dict),        \
               .nrefs = 1},                                                                        \
        .flags = PY_TPFLAGS_HAVE_GC,                                                               \
        .repr = dict_view_repr,                                                                    \
        .richcompare = cmp,                                                                        \
        .iter = iterf,                                                                             \
        .as_number = num,                                                                          \
        .as_sequence = &seq,                                                                       \
        .methods = meths,                                                                          \
        .getset = dict_view_getset,                                                                \
        .hash = py_object_hash_not_implemented,                                                    \
    };
DICT_VIEW_TYPE(py_dict_keys_info, "dict_keys", dict_keys_as_sequence, dict_keys_iter, dict_view_richcompare,
               &dict_views_as_number, dict_keys_methods)
DICT_VIEW_TYPE(py_dict_values_info, "dict_values", dict_values_as_sequence, dict_values_iter, NULL, NULL,
               dict_values_methods)
DICT_VIEW_TYPE(py_dict_items_info, "dict_items", dict_items_as_sequence, dict_items_iter, dict_view_richcompare,
               &dict_views_as_number, dict_items_methods)

/* ====================================================================== */
/* The type                                                                */
/* ====================================================================== */

static py_ssize_t dict_sizeof_slot(py_obj *self) { return py_dict_sizeof(self); }

/* d1 | d2 (PEP 584): a copy of the left dict updated by the right one. */
static py_obj *dict_or(py_obj *self, py_obj *other)
{
    if (!py_dict_check(self) || !py_dict_check(other)) return py_new_ref(py_notimplemented);
    py_obj *new_dict = py_dict_copy(self);
    if (new_dict == NULL) return NULL;
    if (dict_update_arg(new_dict, other) < 0) {
        rg_decref(new_dict);
        return NULL;
    }
    return new_dict;
}

/* d |= other: update in place (any update() argument), self returned. */
static py_obj *dict_ior(py_obj *self, py_obj *other)
{
    if (dict_update_arg(self, other) < 0) return NULL;
    return py_new_ref(self);
}

static py_number_methods dict_as_number = {
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
};

py_typeinfo py_dict_info = {
    .rt = {.name = "dict",
           .size = sizeof(py_dict_object),
           .flags = RG_TYPE_GC | RG_TYPE_TRACK_LATER | RG_TYPE_UNTRACK_ON_FULL,
           .traverse = py_dict_traverse,
           .clear = py_dict_tp_clear,
           .dealloc = py_dict_dealloc,
           .may_untrack = py_dict_may_untrack,
           .freelist_capacity = PY_DICT_MAXFREELIST},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE | PY_TPFLAGS_DICT_SUBCLASS | PY_TPFLAGS_MAPPING,
    .doc = "dict() -> new empty dictionary",
    .repr = dict_repr,
    .hash = py_object_hash_not_implemented,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .init = dict_init,
    .new = dict_new,
    .vectorcall = dict_vectorcall,
    .sizeof_ = dict_sizeof_slot,
    .as_number = &dict_as_number,
    .as_sequence = &dict_as_sequence,
    .as_mapping = &dict_as_mapping,
    .methods = dict_methods,
};
