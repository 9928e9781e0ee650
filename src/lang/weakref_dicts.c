/*
 * weakref_dicts.c -- weakref.WeakValueDictionary, WeakKeyDictionary and
 * WeakSet: Lib/weakref.py's and Lib/_weakrefset.py's classes in C, with
 * their visible behaviour (len, iteration, get, keys/values/items,
 * entries leaving when their referents die, the reprs).
 *
 * Owns: the three types.  Each container holds `data` (as the Python
 * classes do): a dict key -> KeyedRef(value, key) for WeakValueDictionary,
 * a dict ref(key) -> value for WeakKeyDictionary, a set of ref(item) for
 * WeakSet.  Those references carry an engine callback (remove_entry) whose
 * data is a weak reference to the container, so a dying referent takes
 * its entry out of a live container and no reference cycle is made.
 *
 * Iteration (keys(), values(), items(), iter()) is lazy as weakref.py's
 * generators under _IterationGuard: an iterator starts on its first
 * next() (container->iterating + 1), walks `data` itself, dereferences
 * each entry when it reaches it and skips dead ones; while any iterator
 * runs, dying entries are queued in `pending` instead of removed, and the
 * last iterator to finish (exhausted, or finalized) commits them.
 * WeakValueDictionary's methods commit pending removals first (as
 * weakref.py's do); the other two report len(data) - len(pending).
 */
#include "lang/modules.h"

typedef struct weak_container {
    RG_OBJECT_HEAD;
    py_obj *data;    /* dict or set */
    py_obj *selfref; /* ref(self), the removal callbacks' data */
    rg_weakref *weaklist;
    py_obj *pending; /* list of deferred removals (keys / refs), or NULL */
    py_ssize_t iterating; /* iterators started and not finished */
} weak_container;

#define WC(o) ((weak_container *)(o))

enum { KIND_VALUES, KIND_KEYS, KIND_SET };

static int kind_of(py_obj *self)
{
    if (py_object_type_check(self, &py_weak_value_dict_info)) return KIND_VALUES;
    if (py_object_type_check(self, &py_weak_key_dict_info)) return KIND_KEYS;
    return KIND_SET;
}

/* ====================================================================== */
/* Removal when a referent dies                                            */
/* ====================================================================== */

static int remove_one(py_obj *self, py_obj *ref);
static int remove_dead_value(py_obj *data, py_obj *key);

/* The engine callback of the containers' references: drop ref's entry
 * from the container selfref points to, if it is still alive. */
static void remove_entry(rg_weakref *ref, rg_object *selfref)
{
    py_obj *self = rg_weakref_get((rg_weakref *)selfref);
    if (self == NULL || WC(self)->data == NULL) return;
    py_obj *t, *v, *tb;
    py_err_fetch(&t, &v, &tb);
    rg_incref(self);
    int r = 0;
    if (WC(self)->iterating > 0) {
        /* _IterationGuard: queue (the key for values, else the ref) */
        py_obj *item = kind_of(self) == KIND_VALUES ? py_keyed_ref_key(RG_OBJ(ref)) : RG_OBJ(ref);
        if (WC(self)->pending == NULL) WC(self)->pending = py_list_new(0);
        r = item && WC(self)->pending ? py_list_append(WC(self)->pending, item) : -1;
    } else {
        r = remove_one(self, RG_OBJ(ref));
    }
    if (r < 0 || py_err_occurred()) py_err_write_unraisable(self);
    rg_decref(self);
    py_err_restore(t, v, tb);
}

/* Remove the entry of a dead reference (VALUES: the KeyedRef) now. */
static int remove_one(py_obj *self, py_obj *ref)
{
    py_obj *data = WC(self)->data;
    int r = 0;
    switch (kind_of(self)) {
    case KIND_VALUES: {
        /* _remove_dead_weakref: only if the entry still is this dead ref. */
        py_obj *key = py_keyed_ref_key(ref);
        r = key ? remove_dead_value(data, key) : 0;
        break;
    }
    case KIND_KEYS:
        r = py_dict_del_item(data, ref);
        if (r < 0 && py_err_exception_matches(py_exc_KeyError)) {
            py_err_clear();
            r = 0;
        }
        break;
    default: r = py_set_discard(data, ref) < 0 ? -1 : 0; break;
    }
    return r;
}

/* _remove_dead_weakref(data, key): only if key's entry is a dead ref. */
static int remove_dead_value(py_obj *data, py_obj *key)
{
    py_obj *cur = py_dict_get_item_with_error(data, key);
    if (cur == NULL || rg_weakref_get((rg_weakref *)cur) != NULL) return py_err_occurred() ? -1 : 0;
    return py_dict_del_item(data, key);
}

/* _commit_removals: apply the queued removals (newest first, as
 * list.pop()).  Called when the last iterator finishes, and first thing
 * by WeakValueDictionary's methods (as weakref.py, even mid-iteration). */
static int commit_removals(py_obj *self)
{
    py_obj *p = WC(self)->pending;
    if (p == NULL || WC(self)->data == NULL) return 0;
    int kind = kind_of(self);
    while (py_list_size(p) > 0) {
        py_ssize_t n = py_list_size(p);
        py_obj *item = py_new_ref(py_list_get(p, n - 1));
        if (py_list_set_slice(p, n - 1, n, NULL) < 0) {
            rg_decref(item);
            return -1;
        }
        int r = kind == KIND_VALUES ? remove_dead_value(WC(self)->data, item) : remove_one(self, item);
        rg_decref(item);
        if (r < 0) return -1;
    }
    return 0;
}

/* The removals queued (0 if none). */
static py_ssize_t npending(py_obj *self) { return WC(self)->pending ? py_list_size(WC(self)->pending) : 0; }

/* A reference to ob whose death removes its entry (KeyedRef for values). */
static py_obj *entry_ref(py_obj *self, py_obj *ob, py_obj *key)
{
    if (key != NULL) return py_keyed_ref_new_c(ob, remove_entry, WC(self)->selfref, key);
    return py_weakref_new_c(&py_weakref_ref_info, ob, remove_entry, WC(self)->selfref);
}

/* ====================================================================== */
/* The type machinery                                                      */
/* ====================================================================== */

static int wc_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(WC(self)->data);
    RG_VISIT(WC(self)->selfref);
    RG_VISIT(WC(self)->pending);
    return 0;
}

static int wc_clear(py_obj *self)
{
    RG_CLEAR(WC(self)->data);
    RG_CLEAR(WC(self)->selfref);
    RG_CLEAR(WC(self)->pending);
    return 0;
}

static py_obj *wc_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)args;
    (void)kwds;
    py_obj *self = py_type_generic_alloc(type, 0);
    if (self == NULL) return NULL;
    WC(self)->data = py_object_type_check(self, &py_weak_set_info) ? py_set_new(NULL) : py_dict_new();
    WC(self)->selfref = WC(self)->data ? py_weakref_new_ref(self, NULL) : NULL;
    if (WC(self)->selfref == NULL) {
        rg_decref(self);
        return NULL;
    }
    return self;
}

static int wc_setitem(py_obj *self, py_obj *key, py_obj *value);
static py_obj *wset_add(py_obj *self, py_obj *item);

/* Fill from a mapping (its keys()) or an iterable of pairs / items. */
static int wc_update_from(py_obj *self, py_obj *other)
{
    if (kind_of(self) == KIND_SET) {
        py_obj *it = py_object_get_iter(other);
        if (it == NULL) return -1;
        py_obj *item;
        while ((item = py_iter_next(it)) != NULL) {
            py_obj *r = wset_add(self, item);
            rg_decref(item);
            if (r == NULL) break;
            rg_decref(r);
        }
        rg_decref(it);
        return py_err_occurred() ? -1 : 0;
    }
    py_obj *items;
    if (py_dict_check(other)) {
        items = py_dict_items_view(other);
    } else {
        py_obj *keys_meth = NULL;
        if (py_object_lookup_attr(other, py_id(keys), &keys_meth) < 0) return -1;
        if (keys_meth != NULL) {
            rg_decref(keys_meth);
            py_obj *keys = py_object_call_method_no_args(other, py_id(keys));
            if (keys == NULL) return -1;
            py_obj *it = py_object_get_iter(keys);
            rg_decref(keys);
            if (it == NULL) return -1;
            py_obj *k;
            while ((k = py_iter_next(it)) != NULL) {
                py_obj *v = py_object_get_item(other, k);
                int r = v ? wc_setitem(self, k, v) : -1;
                rg_xdecref(v);
                rg_decref(k);
                if (r < 0) break;
            }
            rg_decref(it);
            return py_err_occurred() ? -1 : 0;
        }
        items = py_new_ref(other);
    }
    if (items == NULL) return -1;
    py_obj *it = py_object_get_iter(items);
    rg_decref(items);
    if (it == NULL) return -1;
    py_obj *pair;
    while ((pair = py_iter_next(it)) != NULL) {
        py_obj *seq = py_sequence_tuple(pair);
        rg_decref(pair);
        if (seq == NULL) break;
        int r;
        if (py_tuple_size(seq) != 2) {
            py_err_format(py_exc_ValueError, "dictionary update sequence element has length %zd; 2 is required",
                          py_tuple_size(seq));
            r = -1;
        } else {
            r = wc_setitem(self, py_tuple_get(seq, 0), py_tuple_get(seq, 1));
        }
        rg_decref(seq);
        if (r < 0) break;
    }
    rg_decref(it);
    return py_err_occurred() ? -1 : 0;
}

/* __init__(self, other=(), /, **kw) (WeakSet: data=None). */
static int wc_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_obj *other = NULL;
    if (!py_arg_unpack_tuple(args, py_type_short_name(py_obj_type_name(self)), 0, 1, &other)) return -1;
    if (other != NULL && other != py_none && wc_update_from(self, other) < 0) return -1;
    if (kwds != NULL && py_dict_size(kwds) > 0) {
        if (kind_of(self) == KIND_SET) {
            py_err_format(py_exc_TypeError, "WeakSet.__init__() got an unexpected keyword argument");
            return -1;
        }
        return wc_update_from(self, kwds);
    }
    return 0;
}

/* "<WeakValueDictionary at 0x...>"; a WeakSet shows its set of refs. */
static py_obj *wc_repr(py_obj *self)
{
    if (kind_of(self) == KIND_SET) return py_object_repr(WC(self)->data);
    return py_unicode_from_format("<%s at %p>", py_type_short_name(py_obj_type_name(self)), (void *)self);
}

static py_ssize_t wc_length(py_obj *self)
{
    int kind = kind_of(self);
    if (kind == KIND_VALUES) return commit_removals(self) < 0 ? -1 : py_dict_size(WC(self)->data);
    return (kind == KIND_SET ? py_set_size(WC(self)->data) : py_dict_size(WC(self)->data)) - npending(self);
}

/* ref(key) for lookups by key; TypeError for keys that cannot be weakly
 * referenced. */
static py_obj *lookup_ref(py_obj *key) { return py_weakref_new_ref(key, NULL); }

/* ====================================================================== */
/* Items                                                                   */
/* ====================================================================== */

/* The value for key (new reference), or NULL: KeyError when absent (if
 * raise_missing) or without exception. */
static py_obj *wc_lookup(py_obj *self, py_obj *key, int raise_missing)
{
    py_obj *data = WC(self)->data, *v;
    if (kind_of(self) == KIND_VALUES) {
        if (commit_removals(self) < 0) return NULL;
        py_obj *r = py_dict_get_item_with_error(data, key);
        if (r == NULL && py_err_occurred()) return NULL;
        v = r ? rg_weakref_get((rg_weakref *)r) : NULL;
        if (v != NULL) return py_new_ref(v);
    } else {
        py_obj *r = lookup_ref(key);
        if (r == NULL) return NULL;
        v = py_dict_get_item_with_error(data, r);
        rg_decref(r);
        if (v != NULL) return py_new_ref(v);
        if (py_err_occurred()) return NULL;
    }
    if (raise_missing) py_err_set_key_error(key);
    return NULL;
}

static py_obj *wc_getitem(py_obj *self, py_obj *key) { return wc_lookup(self, key, 1); }

static int wc_setitem(py_obj *self, py_obj *key, py_obj *value)
{
    py_obj *data = WC(self)->data;
    if (kind_of(self) == KIND_VALUES && commit_removals(self) < 0) return -1;
    if (value == NULL) { /* __delitem__ */
        if (kind_of(self) == KIND_VALUES) return py_dict_del_item(data, key);
        py_obj *r = lookup_ref(key);
        if (r == NULL) return -1;
        int res = py_dict_del_item(data, r);
        rg_decref(r);
        return res;
    }
    if (kind_of(self) == KIND_VALUES) {
        py_obj *r = entry_ref(self, value, key);
        if (r == NULL) return -1;
        return py_dict_set_item_steal(data, py_new_ref(key), r);
    }
    py_obj *r = entry_ref(self, key, NULL);
    if (r == NULL) return -1;
    int res = py_dict_set_item(data, r, value);
    rg_decref(r);
    return res;
}

static int wc_contains(py_obj *self, py_obj *key)
{
    if (kind_of(self) == KIND_SET) {
        if (!py_type_of(key)->rt.weaklist_offset) return 0;
        py_obj *r = lookup_ref(key);
        if (r == NULL) return -1;
        int res = py_set_contains(WC(self)->data, r);
        rg_decref(r);
        return res;
    }
    if (kind_of(self) == KIND_KEYS && !py_type_of(key)->rt.weaklist_offset) return 0;
    py_obj *v = wc_lookup(self, key, 0);
    if (v == NULL) return py_err_occurred() ? -1 : 0;
    rg_decref(v);
    return 1;
}

/* The live entries as a list: keys (what=0), values (1) or items (2). */
static py_obj *snapshot(py_obj *self, int what)
{
    int kind = kind_of(self);
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    py_obj *it = py_object_get_iter(WC(self)->data);
    if (it == NULL) goto fail;
    py_obj *k;
    while ((k = py_iter_next(it)) != NULL) {
        py_obj *key, *value, *item = NULL;
        if (kind == KIND_VALUES) {
            py_obj *r = py_dict_get_item_with_error(WC(self)->data, k);
            key = k;
            value = r ? rg_weakref_get((rg_weakref *)r) : NULL;
            if (value == NULL) {
                rg_decref(k);
                if (py_err_occurred()) break;
                continue;
            }
        } else {
            key = rg_weakref_get((rg_weakref *)k);
            value = kind == KIND_KEYS ? py_dict_get_item_with_error(WC(self)->data, k) : py_none;
            if (key == NULL || value == NULL) {
                rg_decref(k);
                if (py_err_occurred()) break;
                continue;
            }
        }
        if (what == 0) item = py_new_ref(key);
        else if (what == 1) item = py_new_ref(value);
        else item = py_tuple_pack(2, key, value);
        rg_decref(k);
        if (item == NULL || py_list_append(list, item) < 0) {
            rg_xdecref(item);
            break;
        }
        rg_decref(item);
    }
    rg_decref(it);
    if (py_err_occurred()) goto fail;
    return list;
fail:
    rg_decref(list);
    return NULL;
}

/* ---- lazy iteration (weakref.py's generators + _IterationGuard) ------- */

typedef struct weak_iter {
    RG_OBJECT_HEAD;
    py_obj *container; /* NULL once finished */
    py_obj *it;        /* iterator over container's data, once started */
    py_obj *held;      /* the generator's local: last referent dereferenced */
    int what;          /* 0 keys, 1 values, 2 items */
    int started;
} weak_iter;

static py_typeinfo weak_iter_info;

/* Leave the guard: the last iterator out commits the removals. */
static void iter_finish(weak_iter *wi)
{
    py_obj *self = wi->container;
    if (self == NULL) return;
    wi->container = NULL;
    RG_CLEAR(wi->it);
    RG_CLEAR(wi->held);
    if (wi->started && --WC(self)->iterating == 0 && npending(self) > 0) {
        py_obj *t, *v, *tb;
        py_err_fetch(&t, &v, &tb);
        if (commit_removals(self) < 0) py_err_write_unraisable(self);
        py_err_restore(t, v, tb);
    }
    rg_decref(self);
}

/* A new, not yet started iterator over self. */
static py_obj *lazy_iter(py_obj *self, int what)
{
    if (weak_iter_info.type_obj == NULL && py_modules_ready_type(&weak_iter_info) < 0) return NULL;
    weak_iter *wi = (weak_iter *)py_type_generic_alloc(&weak_iter_info, 0);
    if (wi == NULL) return NULL;
    wi->container = py_new_ref(self);
    wi->what = what;
    return (py_obj *)wi;
}

/* next(): the next live entry; dead ones are skipped. */
static py_obj *weak_iter_next(py_obj *o)
{
    weak_iter *wi = (weak_iter *)o;
    py_obj *self = wi->container;
    if (self == NULL) return NULL;
    if (!wi->started) {
        wi->started = 1;
        WC(self)->iterating++;
        wi->it = py_object_get_iter(WC(self)->data);
        if (wi->it == NULL) goto finish;
    }
    int kind = kind_of(self);
    py_obj *k;
    while ((k = py_iter_next(wi->it)) != NULL) {
        py_obj *key, *value, *item = NULL;
        if (kind == KIND_VALUES) {
            py_obj *r = py_dict_get_item_with_error(WC(self)->data, k);
            key = k;
            value = r ? rg_weakref_get((rg_weakref *)r) : NULL;
        } else {
            key = rg_weakref_get((rg_weakref *)k);
            value = kind == KIND_KEYS ? py_dict_get_item_with_error(WC(self)->data, k) : py_none;
        }
        /* weakref.py's generators keep the referent they dereferenced in
         * a local (None for a dead one) until the next step, except
         * WeakValueDictionary.keys() and WeakKeyDictionary.values() */
        if (kind == KIND_VALUES ? wi->what != 0 : !(kind == KIND_KEYS && wi->what == 1)) {
            py_obj *ref = kind == KIND_VALUES ? value : key;
            py_obj *old = wi->held;
            wi->held = ref ? py_new_ref(ref) : NULL;
            rg_xdecref(old);
        }
        if (key == NULL || value == NULL) {
            rg_decref(k);
            if (py_err_occurred()) goto finish;
            continue;
        }
        if (wi->what == 0) item = py_new_ref(key);
        else if (wi->what == 1) item = py_new_ref(value);
        else item = py_tuple_pack(2, key, value);
        rg_decref(k);
        if (item == NULL) goto finish;
        return item;
    }
finish:
    iter_finish(wi);
    return NULL;
}

static int weak_iter_traverse(py_obj *o, rg_visitproc visit, void *arg)
{
    RG_VISIT(((weak_iter *)o)->container);
    RG_VISIT(((weak_iter *)o)->it);
    RG_VISIT(((weak_iter *)o)->held);
    return 0;
}

/* A dropped or collected iterator leaves the guard (generator close). */
static void weak_iter_finalize(py_obj *o) { iter_finish((weak_iter *)o); }

static int weak_iter_clear(py_obj *o)
{
    iter_finish((weak_iter *)o);
    return 0;
}

static py_typeinfo weak_iter_info = {
    .rt = {.name = "generator", .size = sizeof(weak_iter), .flags = RG_TYPE_GC, .traverse = weak_iter_traverse,
           .clear = weak_iter_clear, .finalize = weak_iter_finalize},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = weak_iter_next,
};

static py_obj *wc_iter(py_obj *self) { return lazy_iter(self, 0); }

static py_obj *wc_keys(py_obj *self, py_obj *unused)
{
    (void)unused;
    return lazy_iter(self, 0);
}

static py_obj *wc_values(py_obj *self, py_obj *unused)
{
    (void)unused;
    return lazy_iter(self, 1);
}

static py_obj *wc_items(py_obj *self, py_obj *unused)
{
    (void)unused;
    return lazy_iter(self, 2);
}

/* get(key, default=None) */
static py_obj *wc_get(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("get", nargs, 1, 2) < 0) return NULL;
    py_obj *v = wc_lookup(self, args[0], 0);
    if (v != NULL || py_err_occurred()) return v;
    return py_new_ref(nargs > 1 ? args[1] : py_none);
}

/* setdefault(key, default=None) */
static py_obj *wc_setdefault(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("setdefault", nargs, 1, 2) < 0) return NULL;
    py_obj *v = wc_lookup(self, args[0], 0);
    if (v != NULL || py_err_occurred()) return v;
    py_obj *dflt = nargs > 1 ? args[1] : py_none;
    if (wc_setitem(self, args[0], dflt) < 0) return NULL;
    return py_new_ref(dflt);
}

/* pop(key, *default) */
static py_obj *wc_pop(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("pop", nargs, 1, 2) < 0) return NULL;
    py_obj *v = wc_lookup(self, args[0], 0);
    if (v == NULL) {
        if (py_err_occurred()) return NULL;
        if (nargs > 1) return py_new_ref(args[1]);
        py_err_set_key_error(args[0]);
        return NULL;
    }
    if (wc_setitem(self, args[0], NULL) < 0) {
        rg_decref(v);
        return NULL;
    }
    return v;
}

/* popitem(): a live (key, value), KeyError when none is left. */
static py_obj *wc_popitem(py_obj *self, py_obj *unused)
{
    (void)unused;
    for (;;) {
        py_obj *kv = py_dict_popitem(WC(self)->data);
        if (kv == NULL) return NULL;
        py_obj *k = py_tuple_get(kv, 0), *v = py_tuple_get(kv, 1), *res = NULL;
        if (kind_of(self) == KIND_VALUES) {
            py_obj *o = rg_weakref_get((rg_weakref *)v);
            if (o != NULL) res = py_tuple_pack(2, k, o);
        } else {
            py_obj *o = rg_weakref_get((rg_weakref *)k);
            if (o != NULL) res = py_tuple_pack(2, o, v);
        }
        rg_decref(kv);
        if (res != NULL || py_err_occurred()) return res;
    }
}

static py_obj *wc_clear_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    if (kind_of(self) == KIND_SET) {
        if (py_set_clear(WC(self)->data) < 0) return NULL;
    } else {
        py_dict_clear(WC(self)->data);
    }
    return py_new_ref(py_none);
}

static py_obj *wc_update(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (wc_init(self, args, kwds) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *wc_copy(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *copy = py_object_call_no_args(py_type_object_of_obj(self));
    if (copy == NULL) return NULL;
    py_obj *items = snapshot(self, kind_of(self) == KIND_SET ? 0 : 2);
    int r = items ? wc_update_from(copy, items) : -1;
    rg_xdecref(items);
    if (r < 0) {
        rg_decref(copy);
        return NULL;
    }
    return copy;
}

/* ====================================================================== */
/* WeakSet                                                                 */
/* ====================================================================== */

static py_obj *wset_add(py_obj *self, py_obj *item)
{
    py_obj *r = entry_ref(self, item, NULL);
    if (r == NULL) return NULL;
    int res = py_set_add(WC(self)->data, r);
    rg_decref(r);
    return res < 0 ? NULL : py_new_ref(py_none);
}

/* discard / remove: by ref(item). */
static py_obj *wset_discard_impl(py_obj *self, py_obj *item, int strict)
{
    if (!py_type_of(item)->rt.weaklist_offset && !strict) return py_new_ref(py_none);
    py_obj *r = lookup_ref(item);
    if (r == NULL) return NULL;
    int res = py_set_discard(WC(self)->data, r);
    rg_decref(r);
    if (res < 0) return NULL;
    if (res == 0 && strict) {
        py_err_set_key_error(item);
        return NULL;
    }
    return py_new_ref(py_none);
}

static py_obj *wset_discard(py_obj *self, py_obj *item) { return wset_discard_impl(self, item, 0); }
static py_obj *wset_remove(py_obj *self, py_obj *item) { return wset_discard_impl(self, item, 1); }

static py_obj *wset_pop(py_obj *self, py_obj *unused)
{
    (void)unused;
    for (;;) {
        if (py_set_size(WC(self)->data) == 0) {
            py_err_set_string(py_exc_KeyError, "pop from empty WeakSet");
            return NULL;
        }
        py_obj *r = py_set_pop(WC(self)->data);
        if (r == NULL) return NULL;
        py_obj *o = rg_weakref_get((rg_weakref *)r);
        if (o != NULL) rg_incref(o);
        rg_decref(r);
        if (o != NULL) return o;
    }
}

/* ====================================================================== */
/* Types                                                                   */
/* ====================================================================== */

static py_mapping_methods wc_as_mapping = {
    .mp_length = wc_length,
    .mp_subscript = wc_getitem,
    .mp_ass_subscript = wc_setitem,
};
static py_sequence_methods wc_as_sequence = {.sq_contains = wc_contains};
static py_mapping_methods wset_as_mapping = {.mp_length = wc_length};

static const py_method_def dict_methods[] = {
    {"get", {.fast = wc_get}, PY_METH_FASTCALL, NULL},
    {"setdefault", {.fast = wc_setdefault}, PY_METH_FASTCALL, NULL},
    {"pop", {.fast = wc_pop}, PY_METH_FASTCALL, NULL},
    {"popitem", {.o = wc_popitem}, PY_METH_NOARGS, NULL},
    {"keys", {.o = wc_keys}, PY_METH_NOARGS, NULL},
    {"values", {.o = wc_values}, PY_METH_NOARGS, NULL},
    {"items", {.o = wc_items}, PY_METH_NOARGS, NULL},
    {"clear", {.o = wc_clear_meth}, PY_METH_NOARGS, NULL},
    {"update", {.kw = wc_update}, PY_METH_VARARGS | PY_METH_KEYWORDS, NULL},
    {"copy", {.o = wc_copy}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static const py_method_def set_methods[] = {
    {"add", {.o = wset_add}, PY_METH_O, NULL},
    {"discard", {.o = wset_discard}, PY_METH_O, NULL},
    {"remove", {.o = wset_remove}, PY_METH_O, NULL},
    {"pop", {.o = wset_pop}, PY_METH_NOARGS, NULL},
    {"clear", {.o = wc_clear_meth}, PY_METH_NOARGS, NULL},
    {"copy", {.o = wc_copy}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

#define WC_INFO(tpname, mapping, meths)                                                           \
    {                                                                                             \
        .rt = {.name = tpname,                                                                    \
               .size = sizeof(weak_container),                                                    \
               .flags = RG_TYPE_GC,                                                               \
               .weaklist_offset = offsetof(weak_container, weaklist),                             \
               .traverse = wc_traverse,                                                           \
               .clear = wc_clear},                                                                \
        .flags = PY_TPFLAGS_BASETYPE, .repr = wc_repr, .hash = py_object_hash_not_implemented,    \
        .iter = wc_iter, .init = wc_init, .new = wc_new, .as_mapping = mapping,                   \
        .as_sequence = &wc_as_sequence, .methods = meths,                                         \
    }

py_typeinfo py_weak_value_dict_info = WC_INFO("weakref.WeakValueDictionary", &wc_as_mapping, dict_methods);
py_typeinfo py_weak_key_dict_info = WC_INFO("weakref.WeakKeyDictionary", &wc_as_mapping, dict_methods);
py_typeinfo py_weak_set_info = WC_INFO("_weakrefset.WeakSet", &wset_as_mapping, set_methods);
