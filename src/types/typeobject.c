/*
 * typeobject.c -- `type`, `object` and `super` (CPython 3.11's
 * Objects/typeobject.c, minus the slot machinery, which is typeslots.c).
 *
 * Owns: readying types (the Python-visible type object of a built-in type
 * at interpreter start; a class's in type_new), attribute lookup along the
 * MRO (_PyType_Lookup), subtype tests, MRO computation (the single-base
 * fast path and C3 for several bases), class creation as 3.11's type_new
 * does it (the same objects in the same order: the namespace copy, the
 * type object, the bases tuple, the MRO tuple, the __dict__/__weakref__
 * getset descriptors, the weak reference in the base's __subclasses__,
 * the __set_name__ copy, super() for __init_subclass__ ...), the instance
 * layout of classes (weak reference slot, 16-byte managed-dict pre-header
 * with inline values, __slots__ members), the instances' dealloc, traverse
 * and clear (subtype_*), object's methods and super's lookup.
 *
 * Invariants: a ready type has a type object with dict, bases, mro; a
 * class's type object holds its bases, base, mro (a cycle through
 * itself), dict, name and qualname, and is referenced by every instance;
 * built-in type objects are untracked and live until py_types_fini.
 *
 * Must not: allocate in a different order than CPython's type_new (the
 * generation-0 count and the addresses of what follows depend on it).
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"

/* The sizes CPython reports for type objects (type.__sizeof__):
 * sizeof(PyTypeObject) and sizeof(PyHeapTypeObject) of 3.11 (64-bit). */
#define CPY_SIZEOF_TYPEOBJECT 408
#define CPY_SIZEOF_HEAPTYPEOBJECT 904

/* ====================================================================== */
/* Lookup and subtypes                                                     */
/* ====================================================================== */

static inline py_type_object *tobj(py_typeinfo *t) { return (py_type_object *)t->type_obj; }

/* find_name_in_mro: *error -1 on a lookup error (exception set). */
static py_obj *find_name_in_mro(py_typeinfo *type, py_obj *name, int *error)
{
    py_hash_t hash;
    if (!py_unicode_check_exact(name) || (hash = ((py_ascii_object *)name)->hash) == -1) {
        hash = py_object_hash(name);
        if (hash == -1) {
            *error = -1;
            return NULL;
        }
    }
    py_obj *mro = type->type_obj ? tobj(type)->mro : NULL;
    if (mro == NULL) {
        *error = 1;
        return NULL;
    }
    py_obj *res = NULL;
    rg_incref(mro);
    py_ssize_t n = py_tuple_size(mro);
    *error = 0;
    for (py_ssize_t i = 0; i < n; i++) {
        py_obj *dict = ((py_type_object *)py_tuple_get(mro, i))->dict;
        res = py_dict_get_item_known_hash(dict, name, hash);
        if (res != NULL) break;
        if (py_err_occurred()) {
            *error = -1;
            break;
        }
    }
    rg_decref(mro);
    return res;
}

py_obj *py_type_lookup(py_typeinfo *type, py_obj *name)
{
    int error;
    py_obj *res = find_name_in_mro(type, name, &error);
    if (error == -1) py_err_clear();
    return res;
}

int py_type_is_subtype(const py_typeinfo *a, const py_typeinfo *b)
{
    if (a == b) return 1;
    py_obj *mro = a->type_obj ? ((py_type_object *)a->type_obj)->mro : NULL;
    if (mro != NULL && b->type_obj != NULL) {
        py_ssize_t n = py_tuple_size(mro);
        for (py_ssize_t i = 0; i < n; i++)
            if (py_tuple_get(mro, i) == b->type_obj) return 1;
        return 0;
    }
    /* Not ready: follow tp_base (every type derives from object). */
    for (; a != NULL; a = a->base)
        if (a == b) return 1;
    return b == &py_object_info;
}

py_obj *py_object_lookup_special(py_obj *self, py_obj *attr)
{
    py_obj *res = py_type_lookup(py_type_of(self), attr);
    if (res == NULL) return NULL;
    py_descrgetfunc f = py_type_of(res)->descr_get;
    if (f == NULL) return py_new_ref(res);
    return f(res, self, py_type_object_of_obj(self));
}

/* ====================================================================== */
/* Allocation                                                              */
/* ====================================================================== */

/* The engine descriptor of a type minus its free list (PyType_GenericAlloc
 * never takes from free lists): a few static shadows, made on demand. */
static rg_type nofree_shadows[8];
static const rg_type *nofree_originals[8];

static const rg_type *nofreelist_rt(py_typeinfo *t)
{
    if (t->rt.freelist_capacity == 0) return &t->rt;
    for (int i = 0; i < 8; i++) {
        if (nofree_originals[i] == &t->rt) return &nofree_shadows[i];
        if (nofree_originals[i] == NULL) {
            nofree_shadows[i] = t->rt;
            nofree_shadows[i].freelist_capacity = 0;
            nofree_shadows[i].freelist_max_items = 0;
            nofree_originals[i] = &t->rt;
            return &nofree_shadows[i];
        }
    }
    return &t->rt; /* not reached: fewer than 8 types have free lists */
}

py_obj *py_type_generic_alloc(py_typeinfo *t, py_ssize_t nitems)
{
    /* One item more than asked (CPython's sentinel), tracked if GC. */
    const rg_type *rt = nofreelist_rt(t);
    py_obj *o = t->rt.item_size ? rg_new_var(py_heap(), rt, (size_t)nitems + 1) : rg_new(py_heap(), rt);
    if (o == NULL) return py_err_no_memory();
    o->type = &t->rt;
    if (t->rt.item_size) ((rg_varobject *)o)->size = nitems;
    if ((t->rt.flags & (RG_TYPE_GC | RG_TYPE_TRACK_LATER)) == (RG_TYPE_GC | RG_TYPE_TRACK_LATER)) rg_track(o);
    if (t->flags & PY_TPFLAGS_HEAPTYPE) rg_incref(t->type_obj);
    return o;
}

py_obj *py_type_generic_new(py_typeinfo *t, py_obj *args, py_obj *kwds)
{
    (void)args;
    (void)kwds;
    return py_type_generic_alloc(t, 0);
}

/* ====================================================================== */
/* Names                                                                   */
/* ====================================================================== */

/* The part of a static type's tp_name after the last dot. */
static const char *short_name(const char *tp_name)
{
    const char *s = strrchr(tp_name, '.');
    return s ? s + 1 : tp_name;
}

py_obj *py_type_get_name(py_typeinfo *t)
{
    if ((t->flags & PY_TPFLAGS_HEAPTYPE) || t->type_obj) return py_new_ref(tobj(t)->name);
    return py_unicode_from_string(short_name(t->rt.name));
}

py_obj *py_type_get_qualname(py_typeinfo *t)
{
    if (t->type_obj && tobj(t)->qualname) return py_new_ref(tobj(t)->qualname);
    return py_unicode_from_string(short_name(t->rt.name));
}

py_obj *py_type_get_module(py_typeinfo *t)
{
    if (t->flags & PY_TPFLAGS_HEAPTYPE) {
        py_obj *mod = py_dict_get_item_with_error(tobj(t)->dict, py_id(__module__));
        if (mod == NULL) {
            if (!py_err_occurred()) py_err_format(py_exc_AttributeError, "__module__");
            return NULL;
        }
        return py_new_ref(mod);
    }
    const char *s = strrchr(t->rt.name, '.');
    if (s != NULL) return py_unicode_from_string_and_size(t->rt.name, s - t->rt.name);
    return py_new_ref(py_id(builtins));
}

/* ====================================================================== */
/* The type type: repr, call, getattr, setattr                             */
/* ====================================================================== */

static py_obj *type_repr(py_obj *self)
{
    py_typeinfo *type = py_typeinfo_of(self);
    py_obj *mod = py_type_get_module(type);
    if (mod == NULL) py_err_clear();
    else if (!py_unicode_check(mod)) RG_CLEAR(mod);
    py_obj *name = py_type_get_qualname(type);
    if (name == NULL) {
        rg_xdecref(mod);
        return NULL;
    }
    py_obj *rtn;
    if (mod != NULL && !py_unicode_eq(mod, py_id(builtins))) rtn = py_unicode_from_format("<class '%U.%U'>", mod, name);
    else rtn = py_unicode_from_format("<class '%s'>", type->rt.name);
    rg_xdecref(mod);
    rg_decref(name);
    return rtn;
}

/* type_call: tp_new, then tp_init when the result is an instance. */
static py_obj *type_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_typeinfo *type = py_typeinfo_of(self);
    if (type == &py_type_info) {
        py_ssize_t nargs = py_tuple_size(args);
        if (nargs == 1 && (kwds == NULL || py_dict_size(kwds) == 0))
            return py_new_ref(py_type_object_of_obj(py_tuple_get(args, 0)));
        if (nargs != 3) {
            py_err_set_string(py_exc_TypeError, "type() takes 1 or 3 arguments");
            return NULL;
        }
    }
    if (type->new == NULL) return py_err_format(py_exc_TypeError, "cannot create '%s' instances", type->rt.name);
    py_obj *obj = type->new(type, args, kwds);
    obj = py_check_function_result(self, obj, NULL);
    if (obj == NULL) return NULL;
    if (!py_object_type_check(obj, type)) return obj;
    type = py_type_of(obj);
    if (type->init != NULL && type->init(obj, args, kwds) < 0) {
        rg_decref(obj);
        return NULL;
    }
    return obj;
}

/* type_vectorcall: type(x) without a tuple; the rest through tp_call. */
static py_obj *type_vectorcall(py_obj *metatype, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (nargs == 1 && metatype == py_type_info.type_obj) {
        if (py_arg_no_kwnames("type", kwnames) < 0) return NULL;
        return py_new_ref(py_type_object_of_obj(args[0]));
    }
    return py_object_make_tp_call(metatype, args, nargs, kwnames);
}

/* _Py_type_getattro: the metatype's data descriptors, then the type's
 * MRO, then the metatype's other attributes. */
static py_obj *type_getattro(py_obj *self, py_obj *name)
{
    py_typeinfo *type = py_typeinfo_of(self), *metatype = py_type_of(self);
    if (!py_unicode_check(name))
        return py_err_format(py_exc_TypeError, "attribute name must be string, not '%.200s'", py_obj_type_name(name));
    py_descrgetfunc meta_get = NULL;
    py_obj *meta_attribute = py_type_lookup(metatype, name);
    if (meta_attribute != NULL) {
        rg_incref(meta_attribute);
        meta_get = py_type_of(meta_attribute)->descr_get;
        if (meta_get != NULL && py_descr_is_data(meta_attribute)) {
            py_obj *res = meta_get(meta_attribute, self, metatype->type_obj);
            rg_decref(meta_attribute);
            return res;
        }
    }
    py_obj *attribute = py_type_lookup(type, name);
    if (attribute != NULL) {
        rg_incref(attribute);
        py_descrgetfunc local_get = py_type_of(attribute)->descr_get;
        rg_xdecref(meta_attribute);
        if (local_get != NULL) {
            py_obj *res = local_get(attribute, NULL, self);
            rg_decref(attribute);
            return res;
        }
        return attribute;
    }
    if (meta_get != NULL) {
        py_obj *res = meta_get(meta_attribute, self, metatype->type_obj);
        rg_decref(meta_attribute);
        return res;
    }
    if (meta_attribute != NULL) return meta_attribute;
    return py_err_format(py_exc_AttributeError, "type object '%.50s' has no attribute '%U'", type->rt.name, name);
}

static int is_dunder_name(py_obj *name)
{
    py_ssize_t n = py_unicode_get_length(name);
    return n > 4 && py_unicode_is_ascii(name) && py_unicode_read_char(name, 0) == '_' &&
           py_unicode_read_char(name, 1) == '_' && py_unicode_read_char(name, n - 1) == '_' &&
           py_unicode_read_char(name, n - 2) == '_';
}

static int type_setattro(py_obj *self, py_obj *name, py_obj *value)
{
    py_typeinfo *type = py_typeinfo_of(self);
    if (type->flags & PY_TPFLAGS_IMMUTABLETYPE) {
        py_err_format(py_exc_TypeError, "cannot set %R attribute of immutable type '%s'", name, type->rt.name);
        return -1;
    }
    rg_incref(name);
    if (py_unicode_check_exact(name)) py_unicode_intern_in_place(&name);
    int res = py_object_generic_set_attr(self, name, value);
    if (res == 0 && py_unicode_check(name) && is_dunder_name(name)) res = py_type_update_slot(type, name);
    rg_decref(name);
    return res;
}

/* ====================================================================== */
/* The type type: collector hooks and deallocation                         */
/* ====================================================================== */

static int type_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_type_object *t = (py_type_object *)self;
    if (!(t->info->flags & PY_TPFLAGS_HEAPTYPE)) return 0;
    RG_VISIT(t->dict);
    RG_VISIT(t->mro);
    RG_VISIT(t->bases);
    RG_VISIT(t->info->base ? t->info->base->type_obj : NULL);
    return 0;
}

/* type_clear: the dict and the MRO (the cycle through the class itself).
 * The shared keys stay until the dealloc: instances still use them. */
static int type_clear(py_obj *self)
{
    py_type_object *t = (py_type_object *)self;
    if (t->dict) py_dict_clear(t->dict);
    RG_CLEAR(t->mro);
    return 0;
}

/* Take a class off its bases' __subclasses__ dicts. */
static void remove_subclass(py_typeinfo *base, py_typeinfo *type)
{
    py_obj *dict = base->type_obj ? tobj(base)->subclasses : NULL;
    if (dict == NULL) return;
    py_obj *key = py_long_from_size_t((size_t)(uintptr_t)type->type_obj);
    if (key == NULL || py_dict_del_item(dict, key) < 0) py_err_clear();
    rg_xdecref(key);
}

static void type_dealloc(py_obj *self)
{
    py_type_object *t = (py_type_object *)self;
    py_typeinfo *info = t->info;
    int heap = (info->flags & PY_TPFLAGS_HEAPTYPE) != 0;
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    if (t->bases != NULL)
        for (py_ssize_t i = 0; i < py_tuple_size(t->bases); i++)
            remove_subclass(py_typeinfo_of(py_tuple_get(t->bases, i)), info);
    py_err_restore(et, ev, etb);
    if (t->weaklist != NULL) rg_clear_weakrefs(self);
    if (heap && info->base) rg_xdecref(info->base->type_obj);
    RG_CLEAR(t->dict);
    RG_CLEAR(t->bases);
    RG_CLEAR(t->mro);
    RG_CLEAR(t->subclasses);
    RG_CLEAR(t->name);
    RG_CLEAR(t->qualname);
    RG_CLEAR(t->slots);
    if (t->cached_keys != NULL) {
        py_dict_keys_decref(t->cached_keys);
        t->cached_keys = NULL;
    }
    if (heap) {
        if (info->doc != NULL) rg_obj_free((void *)(uintptr_t)info->doc);
    } else {
        /* A built-in type: its static info outlives this object. */
        info->type_obj = NULL;
        info->flags &= ~PY_TPFLAGS_READY;
    }
    py_typeinfo *meta = py_type_of(self);
    rg_object_free(self);
    if (meta->flags & PY_TPFLAGS_HEAPTYPE) rg_decref(meta->type_obj);
}

static py_ssize_t type_sizeof(py_obj *self)
{
    py_type_object *t = (py_type_object *)self;
    if (t->info->flags & PY_TPFLAGS_HEAPTYPE) {
        py_ssize_t size = CPY_SIZEOF_HEAPTYPEOBJECT;
        if (t->cached_keys) size += (py_ssize_t)py_dict_keys_size(t->cached_keys);
        return size;
    }
    return CPY_SIZEOF_TYPEOBJECT;
}

/* ====================================================================== */
/* The type type: attributes                                               */
/* ====================================================================== */

static py_obj *type_get_name(py_obj *self, void *c)
{
    (void)c;
    return py_type_get_name(py_typeinfo_of(self));
}

static py_obj *type_get_qualname(py_obj *self, void *c)
{
    (void)c;
    return py_type_get_qualname(py_typeinfo_of(self));
}

/* Heap types only: __name__ = / __qualname__ = a str. */
static int type_set_name_common(py_obj *self, py_obj *value, int qual)
{
    py_typeinfo *t = py_typeinfo_of(self);
    const char *what = qual ? "__qualname__" : "__name__";
    if (!(t->flags & PY_TPFLAGS_HEAPTYPE)) {
        py_err_format(py_exc_TypeError, "cannot set '%s' attribute of immutable type '%s'", what, t->rt.name);
        return -1;
    }
    if (value == NULL) {
        py_err_format(py_exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", what, t->rt.name);
        return -1;
    }
    if (!py_unicode_check(value)) {
        py_err_format(py_exc_TypeError, "can only assign string to %s.%s, not '%s'", t->rt.name, what,
                      py_obj_type_name(value));
        return -1;
    }
    if (qual) {
        PY_XSETREF(tobj(t)->qualname, py_new_ref(value));
    } else {
        const char *u = py_unicode_as_utf8(value);
        if (u == NULL) return -1;
        PY_XSETREF(tobj(t)->name, py_new_ref(value));
        t->rt.name = py_unicode_as_utf8(tobj(t)->name);
    }
    return 0;
}

static int type_set_name(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    return type_set_name_common(self, value, 0);
}

static int type_set_qualname(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    return type_set_name_common(self, value, 1);
}

static py_obj *type_get_bases(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(((py_type_object *)self)->bases);
}

static py_obj *type_get_mro(py_obj *self, void *c)
{
    (void)c;
    py_obj *mro = ((py_type_object *)self)->mro;
    return py_new_ref(mro ? mro : py_none);
}

static py_obj *type_get_module(py_obj *self, void *c)
{
    (void)c;
    return py_type_get_module(py_typeinfo_of(self));
}

static int type_set_module(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    py_typeinfo *t = py_typeinfo_of(self);
    if (!(t->flags & PY_TPFLAGS_HEAPTYPE) || value == NULL) {
        py_err_format(py_exc_TypeError, "cannot set '__module__' attribute of immutable type '%s'", t->rt.name);
        return -1;
    }
    return py_dict_set_item(tobj(t)->dict, py_id(__module__), value);
}

static py_obj *type_get_dict(py_obj *self, void *c)
{
    (void)c;
    py_obj *dict = ((py_type_object *)self)->dict;
    if (dict == NULL) return py_new_ref(py_none);
    return py_dictproxy_new(dict);
}

static py_obj *type_get_doc(py_obj *self, void *c)
{
    (void)c;
    py_typeinfo *t = py_typeinfo_of(self);
    if (!(t->flags & PY_TPFLAGS_HEAPTYPE) && t->doc != NULL) return py_unicode_from_string(t->doc);
    py_obj *result = py_dict_get_item_with_error(tobj(t)->dict, py_id(__doc__));
    if (result == NULL) {
        if (py_err_occurred()) return NULL;
        return py_new_ref(py_none);
    }
    py_descrgetfunc f = py_type_of(result)->descr_get;
    if (f != NULL) return f(result, NULL, self);
    return py_new_ref(result);
}

static int type_set_doc(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    py_typeinfo *t = py_typeinfo_of(self);
    if (!(t->flags & PY_TPFLAGS_HEAPTYPE) || value == NULL) {
        py_err_format(py_exc_TypeError, "cannot set '__doc__' attribute of immutable type '%s'", t->rt.name);
        return -1;
    }
    return py_dict_set_item(tobj(t)->dict, py_id(__doc__), value);
}

static py_obj *type_get_base(py_obj *self, void *c)
{
    (void)c;
    py_typeinfo *b = py_typeinfo_of(self)->base;
    return py_new_ref(b && b->type_obj ? b->type_obj : py_none);
}

static py_obj *type_get_basicsize(py_obj *self, void *c)
{
    (void)c;
    return py_long_from_size_t(py_typeinfo_of(self)->rt.size);
}

static py_obj *type_get_itemsize(py_obj *self, void *c)
{
    (void)c;
    return py_long_from_size_t(py_typeinfo_of(self)->rt.item_size);
}

static py_obj *type_get_flags(py_obj *self, void *c)
{
    (void)c;
    return py_long_from_unsigned_long_long(py_typeinfo_of(self)->flags);
}

static py_obj *type_get_weakrefoffset(py_obj *self, void *c)
{
    (void)c;
    return py_long_from_size_t(py_typeinfo_of(self)->rt.weaklist_offset);
}

static py_obj *type_get_dictoffset(py_obj *self, void *c)
{
    (void)c;
    return py_long_from_ssize_t(py_typeinfo_of(self)->dictoffset);
}

static const py_getset_def type_getset[] = {
    {"__name__", type_get_name, type_set_name, NULL, NULL},
    {"__qualname__", type_get_qualname, type_set_qualname, NULL, NULL},
    {"__bases__", type_get_bases, NULL, NULL, NULL},
    {"__mro__", type_get_mro, NULL, NULL, NULL},
    {"__module__", type_get_module, type_set_module, NULL, NULL},
    {"__dict__", type_get_dict, NULL, NULL, NULL},
    {"__doc__", type_get_doc, type_set_doc, NULL, NULL},
    {"__base__", type_get_base, NULL, NULL, NULL},
    {"__basicsize__", type_get_basicsize, NULL, NULL, NULL},
    {"__itemsize__", type_get_itemsize, NULL, NULL, NULL},
    {"__flags__", type_get_flags, NULL, NULL, NULL},
    {"__weakrefoffset__", type_get_weakrefoffset, NULL, NULL, NULL},
    {"__dictoffset__", type_get_dictoffset, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* type.mro(): the default linearization as a list... as a tuple here
 * (no list needed by the callers of this file). */
static py_obj *type_mro_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *t = py_type_mro_implementation(py_typeinfo_of(self));
    if (t == NULL) return NULL;
    py_obj *l = py_sequence_list(t);
    rg_decref(t);
    return l;
}

static py_obj *type_subclasses(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *list = py_list_new(0);
    py_obj *dict = ((py_type_object *)self)->subclasses;
    if (list == NULL || dict == NULL) return list;
    py_ssize_t pos = 0;
    py_obj *key, *ref;
    while (py_dict_next(dict, &pos, &key, &ref)) {
        py_obj *obj = rg_weakref_get((rg_weakref *)ref);
        if (obj == NULL) continue;
        if (py_list_append(list, obj) < 0) {
            rg_decref(list);
            return NULL;
        }
    }
    return list;
}

static py_obj *type_prepare(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kwnames;
    return py_dict_new();
}

static py_obj *type_instancecheck(py_obj *self, py_obj *inst)
{
    int r = py_object_real_is_instance(inst, self);
    if (r < 0) return NULL;
    return py_bool_from_long(r);
}

static py_obj *type_subclasscheck(py_obj *self, py_obj *sub)
{
    int r = py_object_real_is_subclass(sub, self);
    if (r < 0) return NULL;
    return py_bool_from_long(r);
}

static py_obj *type_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(type_sizeof(self));
}

static const py_method_def type_methods[] = {
    {"mro", {.o = type_mro_meth}, PY_METH_NOARGS, "Return a type's method resolution order."},
    {"__subclasses__", {.o = type_subclasses}, PY_METH_NOARGS, "Return a list of immediate subclasses."},
    {"__prepare__", {.fast_kw = type_prepare}, PY_METH_FASTCALL | PY_METH_KEYWORDS | PY_METH_CLASS,
     "Create the namespace for the class statement"},
    {"__instancecheck__", {.o = type_instancecheck}, PY_METH_O, "Check if an object is an instance."},
    {"__subclasscheck__", {.o = type_subclasscheck}, PY_METH_O, "Check if a class is a subclass."},
    {"__sizeof__", {.o = type_sizeof_meth}, PY_METH_NOARGS, "Return memory consumption of the type object."},
    {NULL, {NULL}, 0, NULL},
};

/* Built-in type objects are untracked for good: with
 * RG_TYPE_ATOMIC_WHEN_UNTRACKED, rg_may_be_tracked says no for them, as
 * CPython's type_is_gc does for static types (so a tuple or dict holding
 * only built-in types gets untracked); classes are always tracked. */
/* type.__or__ / __ror__: int | str. */
static py_number_methods type_as_number = {.nb_or = py_union_type_or};

py_typeinfo py_type_info = {
    .rt = {.name = "type",
           .size = sizeof(py_heap_type_object),
           .item_size = sizeof(py_member_def),
           .flags = RG_TYPE_GC | RG_TYPE_ATOMIC_WHEN_UNTRACKED,
           .weaklist_offset = offsetof(py_type_object, weaklist),
           .traverse = type_traverse,
           .clear = type_clear,
           .dealloc = type_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE | PY_TPFLAGS_TYPE_SUBCLASS | PY_TPFLAGS_HAVE_VECTORCALL,
    .dictoffset = offsetof(py_type_object, dict),
    .doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
    .repr = type_repr,
    .call = type_call,
    .getattro = type_getattro,
    .setattro = type_setattro,
    .init = py_type_init_slot,
    .new = py_type_new_slot,
    .sizeof_ = type_sizeof,
    .vectorcall = type_vectorcall,
    .vectorcall_offset = offsetof(py_type_object, vectorcall),
    .as_number = &type_as_number,
    .methods = type_methods,
    .getset = type_getset,
};

/* ====================================================================== */
/* MRO                                                                     */
/* ====================================================================== */

/* Is o in tuple t at index >= whence? */
static int tail_contains(py_obj *t, py_ssize_t whence, py_obj *o)
{
    for (py_ssize_t j = whence + 1; j < py_tuple_size(t); j++)
        if (py_tuple_get(t, j) == o) return 1;
    return 0;
}

/* set_mro_error: "Cannot create a consistent method resolution order
 * (MRO) for bases A, B". */
static void set_mro_error(py_obj **to_merge, py_ssize_t to_merge_size, const int *remain)
{
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    if (py_unicode_writer_write_ascii(&w, "Cannot create a consistent method resolution\norder (MRO) for bases", -1) < 0)
        goto fail;
    int first = 1;
    py_obj *seen[64];
    int nseen = 0;
    for (py_ssize_t i = 0; i < to_merge_size; i++) {
        py_obj *l = to_merge[i];
        if (remain[i] >= py_tuple_size(l)) continue;
        py_obj *c = py_tuple_get(l, remain[i]);
        int dup = 0;
        for (int k = 0; k < nseen; k++) dup |= seen[k] == c;
        if (dup) continue;
        if (nseen < 64) seen[nseen++] = c;
        py_obj *name = py_type_get_name(py_typeinfo_of(c));
        if (name == NULL) goto fail;
        int e = py_unicode_writer_write_ascii(&w, first ? " " : ", ", -1) < 0 || py_unicode_writer_write_str(&w, name) < 0;
        rg_decref(name);
        if (e) goto fail;
        first = 0;
    }
    py_obj *msg = py_unicode_writer_finish(&w);
    if (msg != NULL) {
        py_err_set_object(py_exc_TypeError, msg);
        rg_decref(msg);
    }
    return;
fail:
    py_unicode_writer_dealloc(&w);
}

/* pmerge: C3 merge of to_merge into acc (a list). */
static int pmerge(py_obj *acc, py_obj **to_merge, py_ssize_t to_merge_size)
{
    int res = 0;
    int *remain = rg_malloc(py_heap(), sizeof(int) * (size_t)to_merge_size);
    if (remain == NULL) {
        py_err_no_memory();
        return -1;
    }
    for (py_ssize_t i = 0; i < to_merge_size; i++) remain[i] = 0;
again:;
    py_ssize_t empty_cnt = 0;
    for (py_ssize_t i = 0; i < to_merge_size; i++) {
        py_obj *cur_tuple = to_merge[i];
        if (remain[i] >= py_tuple_size(cur_tuple)) {
            empty_cnt++;
            continue;
        }
        py_obj *candidate = py_tuple_get(cur_tuple, remain[i]);
        for (py_ssize_t j = 0; j < to_merge_size; j++)
            if (tail_contains(to_merge[j], remain[j], candidate)) goto skip;
        res = py_list_append(acc, candidate);
        if (res < 0) goto out;
        for (py_ssize_t j = 0; j < to_merge_size; j++)
            if (remain[j] < py_tuple_size(to_merge[j]) && py_tuple_get(to_merge[j], remain[j]) == candidate) remain[j]++;
        goto again;
    skip:;
    }
    if (empty_cnt != to_merge_size) {
        set_mro_error(to_merge, to_merge_size, remain);
        res = -1;
    }
out:
    rg_free(remain);
    return res;
}

py_obj *py_type_mro_implementation(py_typeinfo *type)
{
    py_obj *bases = tobj(type)->bases;
    py_ssize_t n = py_tuple_size(bases);
    for (py_ssize_t i = 0; i < n; i++) {
        py_typeinfo *base = py_typeinfo_of(py_tuple_get(bases, i));
        if (tobj(base)->mro == NULL)
            return py_err_format(py_exc_TypeError, "Cannot extend an incomplete type '%.100s'", base->rt.name);
    }
    if (n == 1) {
        /* A single base: its MRO after the type. */
        py_obj *bmro = tobj(py_typeinfo_of(py_tuple_get(bases, 0)))->mro;
        py_ssize_t k = py_tuple_size(bmro);
        py_obj *result = py_tuple_new(k + 1);
        if (result == NULL) return NULL;
        py_tuple_set(result, 0, py_new_ref(type->type_obj));
        for (py_ssize_t i = 0; i < k; i++) py_tuple_set(result, i + 1, py_new_ref(py_tuple_get(bmro, i)));
        return result;
    }
    /* check_duplicates */
    for (py_ssize_t i = 0; i < n; i++)
        for (py_ssize_t j = i + 1; j < n; j++)
            if (py_tuple_get(bases, i) == py_tuple_get(bases, j)) {
                py_obj *name = py_type_get_name(py_typeinfo_of(py_tuple_get(bases, i)));
                if (name) {
                    py_err_format(py_exc_TypeError, "duplicate base class %U", name);
                    rg_decref(name);
                }
                return NULL;
            }
    py_obj **to_merge = rg_malloc(py_heap(), sizeof(py_obj *) * (size_t)(n + 1));
    if (to_merge == NULL) return py_err_no_memory();
    for (py_ssize_t i = 0; i < n; i++) to_merge[i] = tobj(py_typeinfo_of(py_tuple_get(bases, i)))->mro;
    to_merge[n] = bases;
    py_obj *result = py_list_new(1);
    if (result != NULL) {
        py_list_set_item(result, 0, py_new_ref(type->type_obj));
        if (pmerge(result, to_merge, n + 1) < 0) RG_CLEAR(result);
    }
    rg_free(to_merge);
    if (result == NULL) return NULL;
    /* mro_invoke: PySequence_Tuple of the result. */
    py_obj *t = py_sequence_tuple(result);
    rg_decref(result);
    return t;
}

/* mro_internal: the MRO, through a metaclass's mro() when overridden. */
static int mro_internal(py_typeinfo *type)
{
    py_obj *new_mro;
    if (!py_is_type(type->type_obj, &py_type_info)) {
        py_obj *res = py_object_call_method_no_args(type->type_obj, py_id(mro));
        if (res == NULL) return -1;
        new_mro = py_sequence_tuple(res);
        rg_decref(res);
    } else {
        new_mro = py_type_mro_implementation(type);
    }
    if (new_mro == NULL) return -1;
    if (py_tuple_size(new_mro) == 0) {
        rg_decref(new_mro);
        py_err_set_string(py_exc_TypeError, "type MRO must not be empty");
        return -1;
    }
    PY_XSETREF(tobj(type)->mro, new_mro);
    return 0;
}

/* ====================================================================== */
/* Readying                                                                */
/* ====================================================================== */

/* inherit_special: GC hooks, sizes, offsets and the subclass flags. */
static void inherit_special(py_typeinfo *type, py_typeinfo *base)
{
    if (!(type->rt.flags & RG_TYPE_GC) && (base->rt.flags & RG_TYPE_GC) && !type->rt.traverse && !type->rt.clear) {
        type->rt.flags |= RG_TYPE_GC;
        type->flags |= PY_TPFLAGS_HAVE_GC;
        type->rt.traverse = base->rt.traverse;
        type->rt.clear = base->rt.clear;
    }
    type->flags |= base->flags & PY_TPFLAGS_MANAGED_DICT;
    if (type->rt.size == 0) type->rt.size = base->rt.size;
    if (type->rt.item_size == 0) type->rt.item_size = base->rt.item_size;
    if (type->rt.weaklist_offset == 0) type->rt.weaklist_offset = base->rt.weaklist_offset;
    if (type->dictoffset == 0) type->dictoffset = base->dictoffset;
    if (py_type_is_subtype(base, py_exc_BaseException)) type->flags |= PY_TPFLAGS_BASE_EXC_SUBCLASS;
    else if (py_type_is_subtype(base, &py_type_info)) type->flags |= PY_TPFLAGS_TYPE_SUBCLASS;
    else type->flags |= base->flags & PY_TPFLAGS_SUBCLASS_BITS;
}

/* Does the type's own dict define __eq__ or __hash__? */
static int overrides_hash(py_typeinfo *type)
{
    py_obj *dict = tobj(type)->dict;
    int r = py_dict_contains(dict, py_id(__eq__));
    if (r != 0) return r;
    return py_dict_contains(dict, py_id(__hash__));
}

#define SLOTDEFINED(field) (base->field && (basebase == NULL || base->field != basebase->field))
#define COPYSLOT(field)                                                                           \
    do {                                                                                          \
        if (!type->field && SLOTDEFINED(field)) type->field = base->field;                        \
    } while (0)

/* inherit_slots: the slots type lacks, from base (one MRO entry). */
static int inherit_slots(py_typeinfo *type, py_typeinfo *base)
{
    py_typeinfo *basebase;
    if (type->as_number != NULL && base->as_number != NULL) {
        basebase = base->base;
        py_number_methods *tn = type->as_number, *bn = base->as_number;
        py_number_methods *bbn = basebase ? basebase->as_number : NULL;
        /* Every field, pointer-sized, in order. */
        void **t = (void **)(void *)tn, **b = (void **)(void *)bn, **bb = (void **)(void *)bbn;
        for (size_t i = 0; i < sizeof(py_number_methods) / sizeof(void *); i++)
            if (!t[i] && b[i] && (bb == NULL || b[i] != bb[i])) t[i] = b[i];
    }
    if (type->as_sequence != NULL && base->as_sequence != NULL) {
        basebase = base->base;
        void **t = (void **)(void *)type->as_sequence, **b = (void **)(void *)base->as_sequence;
        void **bb = basebase && basebase->as_sequence ? (void **)(void *)basebase->as_sequence : NULL;
        for (size_t i = 0; i < sizeof(py_sequence_methods) / sizeof(void *); i++)
            if (!t[i] && b[i] && (bb == NULL || b[i] != bb[i])) t[i] = b[i];
    }
    if (type->as_mapping != NULL && base->as_mapping != NULL) {
        basebase = base->base;
        void **t = (void **)(void *)type->as_mapping, **b = (void **)(void *)base->as_mapping;
        void **bb = basebase && basebase->as_mapping ? (void **)(void *)basebase->as_mapping : NULL;
        for (size_t i = 0; i < sizeof(py_mapping_methods) / sizeof(void *); i++)
            if (!t[i] && b[i] && (bb == NULL || b[i] != bb[i])) t[i] = b[i];
    }
    if (type->as_buffer == NULL) type->as_buffer = base->as_buffer;
    basebase = base->base;
    /* rt.dealloc is not inherited: NULL is the engine's default release
     * (what traverse or clear report), right for any static type. */
    if (type->getattro == NULL) type->getattro = base->getattro;
    if (type->setattro == NULL) type->setattro = base->setattro;
    COPYSLOT(repr);
    if (type->vectorcall_offset == 0) type->vectorcall_offset = base->vectorcall_offset;
    if (!type->call && (base->flags & PY_TPFLAGS_HAVE_VECTORCALL) && (type->flags & PY_TPFLAGS_IMMUTABLETYPE))
        type->flags |= PY_TPFLAGS_HAVE_VECTORCALL;
    COPYSLOT(call);
    COPYSLOT(str);
    if (type->richcompare == NULL && type->hash == NULL) {
        int r = overrides_hash(type);
        if (r < 0) return -1;
        if (!r) {
            type->richcompare = base->richcompare;
            type->hash = base->hash;
        }
    }
    COPYSLOT(iter);
    COPYSLOT(iternext);
    COPYSLOT(descr_get);
    if (base->descr_get && type->descr_get == base->descr_get && (type->flags & PY_TPFLAGS_IMMUTABLETYPE) &&
        (base->flags & PY_TPFLAGS_METHOD_DESCRIPTOR))
        type->flags |= PY_TPFLAGS_METHOD_DESCRIPTOR;
    COPYSLOT(descr_set);
    COPYSLOT(dictoffset);
    COPYSLOT(init);
    COPYSLOT(rt.finalize);
    COPYSLOT(sizeof_);
    return 0;
}

/* add_tp_new_wrapper: __new__ in the dict, a builtin bound to the type. */
static const py_method_def tp_new_methoddef[] = {
    {"__new__", {.kw = py_tp_new_wrapper}, PY_METH_VARARGS | PY_METH_KEYWORDS,
     "__new__($type, *args, **kwargs)\n--\n\nCreate and return a new object.  See help(type) for accurate signature."},
    {NULL, {NULL}, 0, NULL},
};

static int add_tp_new_wrapper(py_typeinfo *type)
{
    int r = py_dict_contains(tobj(type)->dict, py_id(__new__));
    if (r != 0) return r > 0 ? 0 : -1;
    py_obj *func = py_cfunction_new(tp_new_methoddef, type->type_obj, NULL);
    if (func == NULL) return -1;
    r = py_dict_set_item(tobj(type)->dict, py_id(__new__), func);
    rg_decref(func);
    return r;
}

/* tp_new_wrapper: object.__new__(C, ...) and friends, with CPython's
 * safety checks. */
py_obj *py_tp_new_wrapper(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (self == NULL || !py_type_check(self))
        return py_err_format(py_exc_SystemError, "__new__() called with non-type 'self'");
    py_typeinfo *type = py_typeinfo_of(self);
    if (py_tuple_size(args) < 1) return py_err_format(py_exc_TypeError, "%s.__new__(): not enough arguments", type->rt.name);
    py_obj *arg0 = py_tuple_get(args, 0);
    if (!py_type_check(arg0))
        return py_err_format(py_exc_TypeError, "%s.__new__(X): X is not a type object (%s)", type->rt.name,
                             py_obj_type_name(arg0));
    py_typeinfo *subtype = py_typeinfo_of(arg0);
    if (!py_type_is_subtype(subtype, type))
        return py_err_format(py_exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->rt.name,
                             subtype->rt.name, subtype->rt.name, type->rt.name);
    py_typeinfo *staticbase = subtype;
    while (staticbase && staticbase->new == py_slot_tp_new) staticbase = staticbase->base;
    if (staticbase && staticbase->new != type->new)
        return py_err_format(py_exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type->rt.name,
                             subtype->rt.name, staticbase->rt.name);
    py_obj *rest = py_tuple_get_slice(args, 1, py_tuple_size(args));
    if (rest == NULL) return NULL;
    py_obj *res = type->new(subtype, rest, kwds);
    rg_decref(rest);
    return res;
}

/* type_add_method & co: the descriptors of t's tables into its dict. */
static int add_methods_members_getset(py_typeinfo *type)
{
    py_obj *dict = tobj(type)->dict;
    for (const py_method_def *m = type->methods; m && m->name; m++) {
        py_obj *descr, *name;
        int isdescr = 1;
        if (m->flags & PY_METH_CLASS) {
            descr = py_descr_new_classmethod(type, m);
        } else if (m->flags & PY_METH_STATIC) {
            py_obj *cfunc = py_cfunction_new(m, type->type_obj, NULL);
            if (cfunc == NULL) return -1;
            descr = py_staticmethod_new(cfunc);
            isdescr = 0;
            rg_decref(cfunc);
        } else {
            descr = py_descr_new_method(type, m);
        }
        if (descr == NULL) return -1;
        name = isdescr ? py_new_ref(((py_descr_object *)descr)->d_name) : py_unicode_intern_from_string(m->name);
        int err = name == NULL;
        if (!err) {
            if (!(m->flags & PY_METH_COEXIST)) err = py_dict_set_default(dict, name, descr) == NULL;
            else err = py_dict_set_item(dict, name, descr) < 0;
        }
        rg_xdecref(name);
        rg_decref(descr);
        if (err) return -1;
    }
    for (const py_member_def *m = type->members; m && m->name; m++) {
        py_obj *descr = py_descr_new_member(type, m);
        if (descr == NULL) return -1;
        py_obj *r = py_dict_set_default(dict, ((py_descr_object *)descr)->d_name, descr);
        rg_decref(descr);
        if (r == NULL) return -1;
    }
    for (const py_getset_def *g = type->getset; g && g->name; g++) {
        py_obj *descr = py_descr_new_getset(type, g);
        if (descr == NULL) return -1;
        py_obj *r = py_dict_set_default(dict, ((py_descr_object *)descr)->d_name, descr);
        rg_decref(descr);
        if (r == NULL) return -1;
    }
    return 0;
}

/* type_dict_set_doc: __doc__ from tp_doc (without its signature), or None. */
static int type_dict_set_doc(py_typeinfo *type)
{
    py_obj *dict = tobj(type)->dict;
    int r = py_dict_contains(dict, py_id(__doc__));
    if (r != 0) return r > 0 ? 0 : -1;
    if (type->doc != NULL && !(type->flags & PY_TPFLAGS_HEAPTYPE)) {
        const char *doc = type->doc;
        const char *sig = strstr(doc, "\n--\n\n");
        if (sig != NULL && strncmp(doc, short_name(type->rt.name), strlen(short_name(type->rt.name))) == 0) doc = sig + 5;
        py_obj *d = py_unicode_from_string(doc);
        if (d == NULL) return -1;
        r = py_dict_set_item(dict, py_id(__doc__), d);
        rg_decref(d);
        return r;
    }
    if (type->doc != NULL) {
        py_obj *d = py_unicode_from_string(type->doc);
        if (d == NULL) return -1;
        r = py_dict_set_item(dict, py_id(__doc__), d);
        rg_decref(d);
        return r;
    }
    return py_dict_set_item(dict, py_id(__doc__), py_none);
}

/* add_subclass: base.__subclasses__ gets {id(type): weakref(type)}. */
static int add_subclass(py_typeinfo *base, py_typeinfo *type)
{
    py_obj *key = py_long_from_size_t((size_t)(uintptr_t)type->type_obj);
    if (key == NULL) return -1;
    rg_weakref *ref = rg_weakref_new(py_heap(), type->type_obj, NULL, NULL);
    if (ref == NULL) {
        rg_decref(key);
        py_err_no_memory();
        return -1;
    }
    py_obj *dict = tobj(base)->subclasses;
    if (dict == NULL) {
        tobj(base)->subclasses = dict = py_dict_new();
        if (dict == NULL) {
            rg_decref(key);
            rg_decref(RG_OBJ(ref));
            return -1;
        }
    }
    int r = py_dict_set_item(dict, key, RG_OBJ(ref));
    rg_decref(RG_OBJ(ref));
    rg_decref(key);
    return r;
}

/* type_ready from set_new on (the dict, bases and MRO are there). */
static int type_ready_rest(py_typeinfo *type)
{
    py_typeinfo *base = type->base;
    /* type_ready_set_new */
    if (type->new == NULL && base == &py_object_info && !(type->flags & PY_TPFLAGS_HEAPTYPE))
        type->flags |= PY_TPFLAGS_DISALLOW_INSTANTIATION;
    if (!(type->flags & PY_TPFLAGS_DISALLOW_INSTANTIATION)) {
        if (type->new != NULL) {
            if (add_tp_new_wrapper(type) < 0) return -1;
        } else if (base != NULL) {
            type->new = base->new;
        }
    } else {
        type->new = NULL;
    }
    /* type_ready_fill_dict */
    if (py_type_add_operators(type) < 0) return -1;
    if (add_methods_members_getset(type) < 0) return -1;
    if (type_dict_set_doc(type) < 0) return -1;
    /* type_ready_inherit */
    if (base != NULL) inherit_special(type, base);
    py_obj *mro = tobj(type)->mro;
    for (py_ssize_t i = 1; i < py_tuple_size(mro); i++)
        if (inherit_slots(type, py_typeinfo_of(py_tuple_get(mro, i))) < 0) return -1;
    if (base != NULL) {
        if (type->as_number == NULL) type->as_number = base->as_number;
        if (type->as_sequence == NULL) type->as_sequence = base->as_sequence;
        if (type->as_mapping == NULL) type->as_mapping = base->as_mapping;
    }
    /* type_ready_set_hash */
    if (type->hash == NULL) {
        int r = py_dict_contains(tobj(type)->dict, py_id(__hash__));
        if (r < 0) return -1;
        if (r == 0) {
            if (py_dict_set_item(tobj(type)->dict, py_id(__hash__), py_none) < 0) return -1;
            type->hash = py_object_hash_not_implemented;
        }
    }
    /* type_ready_add_subclasses */
    py_obj *bases = tobj(type)->bases;
    for (py_ssize_t i = 0; i < py_tuple_size(bases); i++)
        if (add_subclass(py_typeinfo_of(py_tuple_get(bases, i)), type) < 0) return -1;
    type->flags |= PY_TPFLAGS_READY;
    return 0;
}

/* The interpreter keeps a built-in type object (its only reference). */
static int keep_builtin_type(py_obj *t)
{
    py_interp *in = py_current;
    if (in->nbuiltin_types == in->builtin_types_cap) {
        size_t cap = in->builtin_types_cap ? in->builtin_types_cap * 2 : 128;
        py_obj **a = realloc(in->builtin_types, cap * sizeof *a);
        if (a == NULL) {
            py_err_no_memory();
            return -1;
        }
        in->builtin_types = a;
        in->builtin_types_cap = cap;
    }
    in->builtin_types[in->nbuiltin_types++] = t;
    return 0;
}

int py_type_heap_ready(py_typeinfo *type)
{
    if (mro_internal(type) < 0) return -1;
    return type_ready_rest(type);
}

int py_type_ready(py_typeinfo *type)
{
    if (type->flags & (PY_TPFLAGS_READY | PY_TPFLAGS_READYING)) return 0;
    RG_ASSERT(!(type->flags & PY_TPFLAGS_HEAPTYPE));
    /* object is readied first, then type (py_types_init's order). */
    if (type->base == NULL && type != &py_object_info) type->base = &py_object_info;
    if (type->base != NULL && py_type_ready(type->base) < 0) return -1;
    type->flags |= PY_TPFLAGS_READYING | PY_TPFLAGS_IMMUTABLETYPE;
    if (type->rt.flags & RG_TYPE_GC) type->flags |= PY_TPFLAGS_HAVE_GC;
    /* The type object: untracked, kept by the interpreter. */
    py_type_object *t = (py_type_object *)rg_new_var(py_heap(), &py_type_info.rt, 0);
    if (t == NULL) {
        py_err_no_memory();
        return -1;
    }
    rg_untrack((py_obj *)t);
    t->info = type;
    t->vectorcall = type->vectorcall;
    type->type_obj = (py_obj *)t;
    if (keep_builtin_type((py_obj *)t) < 0) {
        rg_decref((py_obj *)t);
        return -1;
    }
    t->name = py_unicode_intern_from_string(short_name(type->rt.name));
    if (t->name == NULL) return -1;
    t->qualname = py_new_ref(t->name);
    t->dict = py_dict_new();
    if (t->dict == NULL) return -1;
    t->bases = type->base ? py_tuple_pack(1, type->base->type_obj) : py_new_ref(py_empty_tuple);
    if (t->bases == NULL) return -1;
    if (mro_internal(type) < 0) return -1;
    if (type_ready_rest(type) < 0) return -1;
    type->flags &= ~PY_TPFLAGS_READYING;
    return 0;
}

/* ====================================================================== */
/* object                                                                  */
/* ====================================================================== */

/* Arguments beyond the type/instance? */
static int excess_args(py_obj *args, py_obj *kwds)
{
    return py_tuple_size(args) || (kwds && py_dict_check(kwds) && py_dict_size(kwds));
}

static int object_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_typeinfo *type = py_type_of(self);
    if (excess_args(args, kwds)) {
        if (type->init != object_init) {
            py_err_set_string(py_exc_TypeError, "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (type->new == py_object_new) {
            py_err_format(py_exc_TypeError, "%.200s() takes no arguments", type->rt.name);
            return -1;
        }
    }
    return 0;
}

py_obj *py_object_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (excess_args(args, kwds)) {
        if (type->new != py_object_new)
            return py_err_format(py_exc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->init == object_init)
            return py_err_format(py_exc_TypeError, "%.200s() takes no arguments", type->rt.name);
    }
    py_obj *obj = py_type_generic_alloc(type, 0);
    if (obj == NULL) return NULL;
    /* _PyObject_InitializeDict */
    if (type->flags & PY_TPFLAGS_MANAGED_DICT) {
        py_dict_keys_object *keys = tobj(type)->cached_keys;
        if (keys != NULL && py_object_init_inline_values(obj, keys) < 0) {
            rg_decref(obj);
            return NULL;
        }
    } else if (type->dictoffset != 0) {
        py_obj **dictptr = py_object_get_dict_ptr(obj);
        py_dict_keys_object *keys = (type->flags & PY_TPFLAGS_HEAPTYPE) ? tobj(type)->cached_keys : NULL;
        py_obj *dict = keys ? py_dict_new_with_shared_keys(keys) : py_dict_new();
        if (dict == NULL) {
            rg_decref(obj);
            return NULL;
        }
        *dictptr = dict;
    }
    return obj;
}

static py_obj *object_repr(py_obj *self)
{
    py_typeinfo *type = py_type_of(self);
    py_obj *mod = py_type_get_module(type);
    if (mod == NULL) py_err_clear();
    else if (!py_unicode_check(mod)) RG_CLEAR(mod);
    py_obj *name = py_type_get_qualname(type);
    if (name == NULL) {
        rg_xdecref(mod);
        return NULL;
    }
    py_obj *rtn;
    if (mod != NULL && !py_unicode_eq(mod, py_id(builtins)))
        rtn = py_unicode_from_format("<%U.%U object at %p>", mod, name, (void *)self);
    else rtn = py_unicode_from_format("<%s object at %p>", type->rt.name, (void *)self);
    rg_xdecref(mod);
    rg_decref(name);
    return rtn;
}

static py_obj *object_str(py_obj *self)
{
    py_reprfunc f = py_type_of(self)->repr;
    if (f == NULL) f = object_repr;
    return f(self);
}

static py_obj *object_richcompare(py_obj *self, py_obj *other, int op)
{
    switch (op) {
    case PY_EQ: return py_new_ref(self == other ? py_true : py_notimplemented);
    case PY_NE: {
        py_richcmpfunc f = py_type_of(self)->richcompare;
        if (f == NULL) return py_new_ref(py_notimplemented);
        py_obj *res = f(self, other, PY_EQ);
        if (res != NULL && res != py_notimplemented) {
            int ok = py_object_is_true(res);
            rg_decref(res);
            if (ok < 0) return NULL;
            return py_bool_from_long(!ok);
        }
        return res;
    }
    default: return py_new_ref(py_notimplemented);
    }
}

static py_obj *object_get_class(py_obj *self, void *c)
{
    (void)c;
    return py_new_ref(py_type_object_of_obj(self));
}

/* __class__ assignment between compatible heap types. */
static int object_set_class(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == NULL) {
        py_err_set_string(py_exc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!py_type_check(value)) {
        py_err_format(py_exc_TypeError, "__class__ must be set to a class, not '%s' object", py_obj_type_name(value));
        return -1;
    }
    py_typeinfo *newto = py_typeinfo_of(value), *oldto = py_type_of(self);
    if (!(newto->flags & PY_TPFLAGS_HEAPTYPE) || !(oldto->flags & PY_TPFLAGS_HEAPTYPE)) {
        py_err_format(py_exc_TypeError, "__class__ assignment only supported for mutable types or ModuleType subclasses");
        return -1;
    }
    if (newto->rt.size != oldto->rt.size || newto->rt.item_size != oldto->rt.item_size ||
        newto->rt.weaklist_offset != oldto->rt.weaklist_offset || newto->rt.preheader_size != oldto->rt.preheader_size ||
        newto->dictoffset != oldto->dictoffset ||
        ((newto->flags ^ oldto->flags) & PY_TPFLAGS_MANAGED_DICT)) {
        py_err_format(py_exc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'", newto->rt.name,
                      oldto->rt.name);
        return -1;
    }
    if ((oldto->flags & PY_TPFLAGS_MANAGED_DICT) && *py_object_values_ptr(self) != NULL) {
        /* The values follow the old class's keys: materialize them. */
        py_obj *d = py_object_generic_get_dict(self, NULL);
        if (d == NULL) return -1;
        rg_decref(d);
    }
    rg_incref(newto->type_obj);
    self->type = &newto->rt;
    rg_decref(oldto->type_obj);
    return 0;
}

static py_obj *object_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_sizeoffunc f = py_type_of(self)->sizeof_;
    py_ssize_t res = f ? f(self) : py_object_basic_sizeof(self);
    if (res < 0 && py_err_occurred()) return NULL;
    return py_long_from_ssize_t(res);
}

static py_obj *object_init_subclass(py_obj *cls, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    (void)cls;
    (void)args;
    if (nargs != 0 || (kwnames && py_tuple_size(kwnames)))
        return py_err_format(py_exc_TypeError, "%s() takes no keyword arguments", "__init_subclass__");
    return py_new_ref(py_none);
}

static py_obj *object_subclasshook(py_obj *cls, py_obj *arg)
{
    (void)cls;
    (void)arg;
    return py_new_ref(py_notimplemented);
}

/* object.__format__(format_spec): str(self) for an empty spec. */
static py_obj *object_format(py_obj *self, py_obj *spec)
{
    if (!py_unicode_check(spec))
        return py_err_format(py_exc_TypeError, "__format__() argument must be str, not %.200s", py_obj_type_name(spec));
    if (py_unicode_get_length(spec) > 0)
        return py_err_format(py_exc_TypeError, "unsupported format string passed to %.200s.__format__",
                             py_obj_type_name(self));
    return py_object_str(self);
}

static py_obj *object_dir(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_object_default_dir(self);
}

static const py_method_def object_methods[] = {
    {"__sizeof__", {.o = object_sizeof_meth}, PY_METH_NOARGS, "Size of object in memory, in bytes."},
    {"__init_subclass__", {.fast_kw = object_init_subclass}, PY_METH_CLASS | PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "This method is called when a class is subclassed."},
    {"__subclasshook__", {.o = object_subclasshook}, PY_METH_CLASS | PY_METH_O, "Abstract classes can override this to customize issubclass()."},
    {"__format__", {.o = object_format}, PY_METH_O, "Default object formatter."},
    {"__dir__", {.o = object_dir}, PY_METH_NOARGS, "Default dir() implementation."},
    {NULL, {NULL}, 0, NULL},
};

static const py_getset_def object_getset[] = {
    {"__class__", object_get_class, object_set_class, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

py_typeinfo py_object_info = {
    .rt = {.name = "object", .size = sizeof(py_obj)},
    .flags = PY_TPFLAGS_BASETYPE,
    .doc = "object()\n--\n\nThe base class of the class hierarchy.",
    .repr = object_repr,
    .str = object_str,
    .hash = py_hash_pointer_slot,
    .richcompare = object_richcompare,
    .getattro = py_object_generic_get_attr,
    .setattro = py_object_generic_set_attr,
    .init = object_init,
    .new = py_object_new,
    .methods = object_methods,
    .getset = object_getset,
};

/* ====================================================================== */
/* super                                                                   */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *type;     /* the class super() starts after (a type object) */
    py_obj *obj;      /* the instance (or class), or NULL */
    py_obj *obj_type; /* the type the MRO is taken from */
} super_object;

static int super_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    super_object *su = (super_object *)self;
    RG_VISIT(su->obj);
    RG_VISIT(su->type);
    RG_VISIT(su->obj_type);
    return 0;
}

static void super_dealloc(py_obj *self)
{
    super_object *su = (super_object *)self;
    RG_CLEAR(su->obj);
    RG_CLEAR(su->type);
    RG_CLEAR(su->obj_type);
    rg_object_free(self);
}

/* supercheck: the type whose MRO super() walks. */
static py_obj *supercheck(py_obj *type, py_obj *obj)
{
    if (py_type_check(obj) && py_type_is_subtype(py_typeinfo_of(obj), py_typeinfo_of(type))) return py_new_ref(obj);
    if (py_type_is_subtype(py_type_of(obj), py_typeinfo_of(type))) return py_new_ref(py_type_object_of_obj(obj));
    py_obj *class_attr;
    if (py_object_lookup_attr(obj, py_id(__class__), &class_attr) < 0) return NULL;
    if (class_attr != NULL && py_type_check(class_attr) && class_attr != py_type_object_of_obj(obj) &&
        py_type_is_subtype(py_typeinfo_of(class_attr), py_typeinfo_of(type)))
        return class_attr;
    rg_xdecref(class_attr);
    return py_err_format(py_exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
}

/* super(type, obj) / super(): fill su. */
static int super_init_impl(super_object *su, py_obj *type, py_obj *obj)
{
    py_obj *obj_type = NULL;
    if (type == NULL) {
        py_interp *in = py_current;
        py_typeinfo *t = NULL;
        if (in->super_without_args == NULL) {
            py_err_set_string(py_exc_RuntimeError, "super(): no arguments");
            return -1;
        }
        if (in->super_without_args(&t, &obj) < 0) return -1;
        type = t->type_obj;
    }
    if (!py_type_check(type)) {
        py_err_format(py_exc_TypeError, "super() argument 1 must be a type, not %.200s", py_obj_type_name(type));
        return -1;
    }
    if (obj == py_none) obj = NULL;
    if (obj != NULL) {
        obj_type = supercheck(type, obj);
        if (obj_type == NULL) return -1;
        rg_incref(obj);
    }
    PY_XSETREF(su->type, py_new_ref(type));
    PY_XSETREF(su->obj, obj);
    PY_XSETREF(su->obj_type, obj_type);
    return 0;
}

static int super_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords("super", kwds) < 0) return -1;
    py_obj *type = NULL, *obj = NULL;
    if (!py_arg_unpack_tuple(args, "super", 0, 2, &type, &obj)) return -1;
    return super_init_impl((super_object *)self, type, obj);
}

/* super_vectorcall: super(...) without an argument tuple. */
static py_obj *super_vectorcall(py_obj *self, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_typeinfo *self_type = py_typeinfo_of(self);
    if (self_type != &py_super_info) return py_object_make_tp_call(self, args, py_vectorcall_nargs(nargsf), kwnames);
    if (py_arg_no_kwnames("super", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("super()", nargs, 0, 2) < 0) return NULL;
    py_obj *su = rg_new(py_heap(), &py_super_info.rt);
    if (su == NULL) return py_err_no_memory();
    if (super_init_impl((super_object *)su, nargs > 0 ? args[0] : NULL, nargs > 1 ? args[1] : NULL) < 0) {
        rg_decref(su);
        return NULL;
    }
    return su;
}

static py_obj *super_getattro(py_obj *self, py_obj *name)
{
    super_object *su = (super_object *)self;
    if (su->obj_type == NULL) goto skip;
    if (py_unicode_check(name) && py_unicode_eq(name, py_id(__class__))) goto skip;
    py_obj *res = py_super_lookup(py_typeinfo_of(su->type), su->obj, name);
    if (res != NULL || py_err_occurred()) return res;
skip:
    return py_object_generic_get_attr(self, name);
}

py_obj *py_super_lookup(py_typeinfo *start, py_obj *obj, py_obj *name)
{
    py_obj *starttype = py_type_check(obj) && py_type_is_subtype(py_typeinfo_of(obj), start) ? obj
                                                                                             : py_type_object_of_obj(obj);
    py_obj *mro = ((py_type_object *)starttype)->mro;
    if (mro == NULL) return NULL;
    py_ssize_t n = py_tuple_size(mro), i;
    for (i = 0; i + 1 < n; i++)
        if (start->type_obj == py_tuple_get(mro, i)) break;
    i++;
    if (i >= n) return NULL;
    rg_incref(mro);
    do {
        py_obj *dict = ((py_type_object *)py_tuple_get(mro, i))->dict;
        py_obj *res = py_dict_get_item_with_error(dict, name);
        if (res != NULL) {
            rg_incref(res);
            py_descrgetfunc f = py_type_of(res)->descr_get;
            if (f != NULL) {
                py_obj *res2 = f(res, obj == starttype ? NULL : obj, starttype);
                rg_decref(res);
                res = res2;
            }
            rg_decref(mro);
            return res;
        }
        if (py_err_occurred()) {
            rg_decref(mro);
            return NULL;
        }
        i++;
    } while (i < n);
    rg_decref(mro);
    return NULL;
}

static py_obj *super_repr(py_obj *self)
{
    super_object *su = (super_object *)self;
    const char *tn = su->type ? py_typeinfo_of(su->type)->rt.name : "NULL";
    if (su->obj_type) return py_unicode_from_format("<super: <class '%s'>, <%s object>>", tn, py_typeinfo_of(su->obj_type)->rt.name);
    return py_unicode_from_format("<super: <class '%s'>, NULL>", tn);
}

static const py_member_def super_members[] = {
    {"__thisclass__", PY_T_OBJECT, offsetof(super_object, type), PY_READONLY, "the class invoking super()"},
    {"__self__", PY_T_OBJECT, offsetof(super_object, obj), PY_READONLY, "the instance invoking super(); may be None"},
    {"__self_class__", PY_T_OBJECT, offsetof(super_object, obj_type), PY_READONLY, "the type of the instance invoking super(); may be None"},
    {NULL, 0, 0, 0, NULL},
};

py_typeinfo py_super_info = {
    .rt = {.name = "super", .size = sizeof(super_object), .flags = RG_TYPE_GC, .traverse = super_traverse,
           .dealloc = super_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .repr = super_repr,
    .getattro = super_getattro,
    .init = super_init,
    .new = py_type_generic_new,
    .vectorcall = super_vectorcall,
    .members = super_members,
};
