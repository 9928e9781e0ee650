/*
 * typeready.c -- the MRO and PyType_Ready (CPython 3.11's
 * Objects/typeobject.c: _PyType_Lookup, PyType_IsSubtype, mro_internal
 * with C3, type_ready and the inherit_* functions).  The type type's own
 * slots are typeobject.c; class creation is typenew.c.
 *
 * Owns: lookup of a name along a type's MRO (find_name_in_mro,
 * py_type_lookup, py_object_lookup_special), subtype tests, the MRO (the
 * single-base fast path, C3 merge for several bases with CPython's
 * "consistent method resolution order" and "duplicate base class"
 * errors, a metaclass's mro()), readying: the type object of a built-in
 * type (untracked, kept by the interpreter), __new__ (tp_new_wrapper
 * with its safety checks), the slots' wrappers and the method / member /
 * getset descriptors in the dict, __doc__, inherit_special and
 * inherit_slots along the MRO, __hash__ = None, and the weak reference
 * in each base's __subclasses__.
 *
 * Invariants: readying never reorders what it puts in a type's dict
 * (dict order is visible: dir(), vars()); a type is READY only after its
 * MRO, dict and inherited slots are complete; object is readied first,
 * then type.
 *
 * Must not: inherit rt.dealloc (NULL is the engine's default release);
 * allocate in a different order than CPython's type_ready (class creation
 * calls py_type_heap_ready inside type_new's sequence).
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"
#include "lang/modules.h" /* py_weakref_new_ref */

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

/* The function pointers of a method table (number, sequence or mapping
 * methods: size bytes of pointers, in order) that t lacks, from b, unless
 * b has them from bb, its base's table (NULL: none) -- SLOTDEFINED for a
 * whole table. */
static void inherit_table(void *t, const void *b, const void *bb, size_t size)
{
    void **tp = t;
    void *const *bp = b, *const *bbp = bb;
    for (size_t i = 0; i < size / sizeof(void *); i++)
        if (!tp[i] && bp[i] && (bbp == NULL || bp[i] != bbp[i])) tp[i] = bp[i];
}

/* inherit_slots: the slots type lacks, from base (one MRO entry). */
static int inherit_slots(py_typeinfo *type, py_typeinfo *base)
{
    py_typeinfo *basebase = base->base;
    if (type->as_number != NULL && base->as_number != NULL)
        inherit_table(type->as_number, base->as_number, basebase ? basebase->as_number : NULL,
                      sizeof(py_number_methods));
    if (type->as_sequence != NULL && base->as_sequence != NULL)
        inherit_table(type->as_sequence, base->as_sequence, basebase ? basebase->as_sequence : NULL,
                      sizeof(py_sequence_methods));
    if (type->as_mapping != NULL && base->as_mapping != NULL)
        inherit_table(type->as_mapping, base->as_mapping, basebase ? basebase->as_mapping : NULL,
                      sizeof(py_mapping_methods));
    if (type->as_buffer == NULL) type->as_buffer = base->as_buffer;
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
        const char *short_name = py_type_short_name(type->rt.name);
        if (sig != NULL && strncmp(doc, short_name, strlen(short_name)) == 0) doc = sig + 5;
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
    rg_weakref *ref = (rg_weakref *)py_weakref_new_ref(type->type_obj, NULL); /* a weakref.ref */
    if (ref == NULL) {
        rg_decref(key);
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
    t->name = py_unicode_intern_from_string(py_type_short_name(type->rt.name));
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

