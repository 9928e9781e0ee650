/*
 * typeobject.c -- `type`, `object` and `super` (CPython 3.11's
 * Objects/typeobject.c: the type type's own slots, attributes and
 * methods; object's; super's).  The MRO, lookup along it and readying are
 * typeready.c; class creation (type_new) and the instances of classes are
 * typenew.c; the slot machinery is typeslots.c.
 *
 * Owns: PyType_GenericAlloc (without free lists: `dict()` allocates where
 * `{}` reuses, as 3.11), type names (short name, qualname, module),
 * type's repr, call (tp_new then tp_init), vectorcall (type(x)),
 * getattro (metatype data descriptors first) and setattro (immutable
 * types refused, update_slot for dunders), type's traverse / clear /
 * dealloc (off its bases' __subclasses__) and __sizeof__ (CPython's 408 /
 * 904 + cached keys), type's getsets and methods; object's init / new /
 * repr / str / richcompare / __class__ / __sizeof__ / __format__ /
 * __dir__ ...; super (init, vectorcall, getattro, py_super_lookup).
 *
 * Invariants: a ready type has a type object with dict, bases, mro; a
 * class's type object holds its bases, base, mro (a cycle through
 * itself), dict, name and qualname, and is referenced by every instance;
 * built-in type objects are untracked and live until py_types_fini.
 *
 * Must not: allocate where CPython does not (the generation-0 count and
 * the addresses of what follows depend on it); take instances of
 * PyType_GenericAlloc from a free list.
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"

/* The sizes CPython reports for type objects (type.__sizeof__):
 * sizeof(PyTypeObject) and sizeof(PyHeapTypeObject) of 3.11 (64-bit). */
#define CPY_SIZEOF_TYPEOBJECT 408
#define CPY_SIZEOF_HEAPTYPEOBJECT 904

static inline py_type_object *tobj(py_typeinfo *t) { return (py_type_object *)t->type_obj; }

/* ====================================================================== */
/* Allocation                                                              */
/* ====================================================================== */

/* The engine descriptor of a type minus its free list (PyType_GenericAlloc
 * never takes from free lists): a few static shadows, made on demand. */
static rg_type nofree_shadows[8];
static const rg_type *nofree_originals[8];

const rg_type *py_type_nofreelist_rt(py_typeinfo *t)
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
    const rg_type *rt = py_type_nofreelist_rt(t);
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

const char *py_type_short_name(const char *tp_name)
{
    const char *s = strrchr(tp_name, '.');
    return s ? s + 1 : tp_name;
}

py_obj *py_type_get_name(py_typeinfo *t)
{
    if ((t->flags & PY_TPFLAGS_HEAPTYPE) || t->type_obj) return py_new_ref(tobj(t)->name);
    return py_unicode_from_string(py_type_short_name(t->rt.name));
}

py_obj *py_type_get_qualname(py_typeinfo *t)
{
    if (t->type_obj && tobj(t)->qualname) return py_new_ref(tobj(t)->qualname);
    return py_unicode_from_string(py_type_short_name(t->rt.name));
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
    /* A class of a Python metaclass: py_subtype_dealloc (the metaclass's
     * dealloc, which called us) drops the reference to the metaclass. */
    rg_object_free(self);
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
        py_ssize_t size;
        const char *u = py_unicode_as_utf8_and_size(value, &size);
        if (u == NULL) return -1;
        if ((size_t)size != strlen(u)) {
            py_err_set_string(py_exc_ValueError, "type name must not contain null characters");
            return -1;
        }
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

/* check_set_special_type_attr, then the store: a class's __module__ and
 * __doc__ live in its dict (neither can be deleted). */
static int type_set_dict_attr(py_obj *self, py_obj *name, py_obj *value)
{
    py_typeinfo *t = py_typeinfo_of(self);
    if (!(t->flags & PY_TPFLAGS_HEAPTYPE) || value == NULL) {
        py_err_format(py_exc_TypeError, "cannot set '%U' attribute of immutable type '%s'", name, t->rt.name);
        return -1;
    }
    return py_dict_set_item(tobj(t)->dict, name, value);
}

static int type_set_module(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    return type_set_dict_attr(self, py_id(__module__), value);
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
    return type_set_dict_attr(self, py_id(__doc__), value);
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

/* __abstractmethods__: the dict entry (abc sets it); `type` itself has none. */
static py_obj *type_get_abstractmethods(py_obj *self, void *c)
{
    (void)c;
    py_obj *mod = NULL;
    if (py_typeinfo_of(self) != &py_type_info)
        mod = py_dict_get_item_with_error(tobj(py_typeinfo_of(self))->dict, py_id(__abstractmethods__));
    if (mod == NULL) {
        if (!py_err_occurred()) py_err_set_object(py_exc_AttributeError, py_id(__abstractmethods__));
        return NULL;
    }
    return py_new_ref(mod);
}

/* Setting it also sets or clears PY_TPFLAGS_IS_ABSTRACT (object() refuses
 * to instantiate such a class). */
static int type_set_abstractmethods(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    py_typeinfo *t = py_typeinfo_of(self);
    py_obj *dict = tobj(t)->dict;
    int abstract = 0, res;
    if (value != NULL) {
        abstract = py_object_is_true(value);
        if (abstract < 0) return -1;
        res = py_dict_set_item(dict, py_id(__abstractmethods__), value);
    } else {
        res = py_dict_del_item(dict, py_id(__abstractmethods__));
        if (res < 0 && py_err_exception_matches(py_exc_KeyError)) {
            py_err_clear();
            py_err_set_object(py_exc_AttributeError, py_id(__abstractmethods__));
        }
    }
    if (res == 0) {
        if (abstract) t->flags |= PY_TPFLAGS_IS_ABSTRACT;
        else t->flags &= ~PY_TPFLAGS_IS_ABSTRACT;
    }
    return res;
}

/* __annotations__ of a class: its dict's entry, made ({}) on first read;
 * built-in types have none. */
static py_obj *type_get_annotations(py_obj *self, void *c)
{
    (void)c;
    py_typeinfo *t = py_typeinfo_of(self);
    if (!(t->flags & PY_TPFLAGS_HEAPTYPE))
        return py_err_format(py_exc_AttributeError, "type object '%s' has no attribute '__annotations__'", t->rt.name);
    py_obj *dict = tobj(t)->dict, *ann = py_dict_get_item_with_error(dict, py_id(__annotations__));
    if (ann != NULL) {
        py_descrgetfunc get = py_type_of(ann)->descr_get;
        return get != NULL ? get(ann, NULL, self) : py_new_ref(ann);
    }
    if (py_err_occurred()) return NULL;
    ann = py_dict_new();
    if (ann != NULL && py_dict_set_item(dict, py_id(__annotations__), ann) < 0) RG_CLEAR(ann);
    return ann;
}

static int type_set_annotations(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    py_typeinfo *t = py_typeinfo_of(self);
    if (t->flags & PY_TPFLAGS_IMMUTABLETYPE || !(t->flags & PY_TPFLAGS_HEAPTYPE)) {
        py_err_format(py_exc_TypeError, "cannot set '__annotations__' attribute of immutable type '%s'", t->rt.name);
        return -1;
    }
    py_obj *dict = tobj(t)->dict;
    if (value != NULL) return py_dict_set_item(dict, py_id(__annotations__), value);
    int has = py_dict_contains(dict, py_id(__annotations__));
    if (has <= 0) {
        if (has == 0) py_err_set_string(py_exc_AttributeError, "__annotations__");
        return -1;
    }
    return py_dict_del_item(dict, py_id(__annotations__));
}

/* __text_signature__: the "name(...)\n--\n\n" header of a built-in
 * type's doc without the name, else None. */
static py_obj *type_get_text_signature(py_obj *self, void *c)
{
    (void)c;
    py_typeinfo *t = py_typeinfo_of(self);
    const char *name = t->rt.name, *dot = strrchr(name, '.');
    if (dot != NULL) name = dot + 1;
    const char *end = py_doc_signature_marker(name, t->doc);
    if (end == NULL) return py_new_ref(py_none);
    return py_unicode_from_string_and_size(t->doc + strlen(name), end - (t->doc + strlen(name)));
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
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, NULL, NULL},
    {"__annotations__", type_get_annotations, type_set_annotations, NULL, NULL},
    {"__text_signature__", type_get_text_signature, NULL, NULL, NULL},
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

/* "Can't instantiate abstract class C with abstract method(s) a, b". */
static py_obj *abstract_class_error(py_typeinfo *type)
{
    py_obj *methods = type_get_abstractmethods(type->type_obj, NULL);
    py_obj *sorted = methods ? py_sequence_list(methods) : NULL;
    rg_xdecref(methods);
    if (sorted == NULL) return NULL;
    py_obj *joined = NULL, *sep = py_unicode_from_string(", ");
    if (sep != NULL && py_list_sort(sorted) == 0) joined = py_unicode_join(sep, sorted);
    if (joined != NULL)
        py_err_format(py_exc_TypeError, "Can't instantiate abstract class %s with abstract method%s %U",
                      type->rt.name, py_list_size(sorted) > 1 ? "s" : "", joined);
    rg_xdecref(sep);
    rg_xdecref(joined);
    rg_decref(sorted);
    return NULL;
}

py_obj *py_object_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (excess_args(args, kwds)) {
        if (type->new != py_object_new)
            return py_err_format(py_exc_TypeError, "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->init == object_init)
            return py_err_format(py_exc_TypeError, "%.200s() takes no arguments", type->rt.name);
    }
    if (type->flags & PY_TPFLAGS_IS_ABSTRACT) return abstract_class_error(type);
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

/* object.__init_subclass__ (3.11: METH_CLASS | METH_NOARGS, so the
 * messages name the bound method: "C.__init_subclass__() takes ..."). */
static py_obj *object_init_subclass(py_obj *cls, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    (void)args;
    int has_kw = kwnames && py_tuple_size(kwnames);
    if (nargs == 0 && !has_kw) return py_new_ref(py_none);
    py_obj *qualname = py_type_get_qualname(py_typeinfo_of(cls));
    if (qualname == NULL) return NULL;
    if (has_kw) py_err_format(py_exc_TypeError, "%U.__init_subclass__() takes no keyword arguments", qualname);
    else py_err_format(py_exc_TypeError, "%U.__init_subclass__() takes no arguments (%zd given)", qualname, nargs);
    rg_decref(qualname);
    return NULL;
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
