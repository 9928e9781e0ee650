/*
 * typenew.c -- class creation and the instances of classes (CPython
 * 3.11's type_new, subtype_dealloc/traverse/clear and their helpers, in
 * Objects/typeobject.c).
 *
 * Owns: type(name, bases, dict) step for step as 3.11 (bases and
 * metaclass, best base, namespace copy, __slots__ sorted and mangled,
 * the type object allocated with one member per slot, __module__,
 * __qualname__, __doc__ copied to a heap block, __new__ made static,
 * __init_subclass__/__class_getitem__ made class methods, the layout:
 * slots, weak reference list, then either the managed dict (pre-header,
 * inline values on the class's shared keys) or, for var-size bases, a
 * dict pointer after the items, the getset descriptors, __classcell__,
 * PyType_Ready, the slot dispatchers, the shared keys, __set_name__,
 * __init_subclass__); the dealloc, traverse and clear of instances; the
 * __dict__ and __weakref__ attributes; object.__dir__.
 *
 * Invariants: a class's info.rt describes its instances to the engine
 * (always GC; preheader 16 with a managed dict; dealloc/traverse/clear the
 * subtype_* of this file; finalize set when __del__ is defined or
 * inherited); instances hold a reference to the class, released last.
 *
 * Must not: give a class a free list or the untrack hooks of its base
 * (those are for exact built-in types only).
 */
#include <string.h>

#include "object.h"

static inline py_type_object *tobj(py_typeinfo *t) { return (py_type_object *)t->type_obj; }

/* The __slots__ members of a heap type (after the type object). */
static inline py_member_def *heap_members(py_typeinfo *t)
{
    py_obj *o = t->type_obj;
    return (py_member_def *)(void *)((char *)o + py_type_of(o)->rt.size);
}

/* The number of __slots__ members of a heap type (its ob_size). */
static inline py_ssize_t heap_nslots(py_typeinfo *t) { return ((rg_varobject *)t->type_obj)->size; }

/* ====================================================================== */
/* Instances: traverse, clear, dealloc                                     */
/* ====================================================================== */

static int traverse_slots(py_typeinfo *type, py_obj *self, rg_visitproc visit, void *arg)
{
    py_ssize_t n = heap_nslots(type);
    py_member_def *mp = heap_members(type);
    for (py_ssize_t i = 0; i < n; i++, mp++)
        if (mp->type == PY_T_OBJECT_EX) RG_VISIT(*(py_obj **)(void *)((char *)self + mp->offset));
    return 0;
}

static void clear_slots(py_typeinfo *type, py_obj *self)
{
    py_ssize_t n = heap_nslots(type);
    py_member_def *mp = heap_members(type);
    for (py_ssize_t i = 0; i < n; i++, mp++)
        if (mp->type == PY_T_OBJECT_EX && !(mp->flags & PY_READONLY)) {
            py_obj **addr = (py_obj **)(void *)((char *)self + mp->offset);
            RG_CLEAR(*addr);
        }
}

static int subtype_traverse(py_obj *self, rg_visitproc visit, void *arg);
static int subtype_clear(py_obj *self);

/* subtype_traverse: slots up to the nearest base with its own traverse,
 * the inline values or dict, the class, then the base's traverse. */
static int subtype_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    py_typeinfo *type = py_type_of(self), *base = type;
    rg_traverseproc basetraverse;
    while ((basetraverse = base->rt.traverse) == subtype_traverse) {
        if (heap_nslots(base)) {
            int err = traverse_slots(base, self, visit, arg);
            if (err) return err;
        }
        base = base->base;
    }
    if (type->flags & PY_TPFLAGS_MANAGED_DICT) {
        int err = py_object_visit_instance_attributes(self, tobj(type)->cached_keys, visit, arg);
        if (err) return err;
    }
    if (type->dictoffset != base->dictoffset) {
        py_obj **dictptr = py_object_get_dict_ptr(self);
        if (dictptr && *dictptr) RG_VISIT(*dictptr);
    }
    if (!basetraverse || !(base->flags & PY_TPFLAGS_HEAPTYPE)) RG_VISIT(type->type_obj);
    if (basetraverse) return basetraverse(self, visit, arg);
    return 0;
}

static int subtype_clear(py_obj *self)
{
    py_typeinfo *type = py_type_of(self), *base = type;
    rg_inquiry baseclear;
    while ((baseclear = base->rt.clear) == subtype_clear) {
        if (heap_nslots(base)) clear_slots(base, self);
        base = base->base;
    }
    if (type->flags & PY_TPFLAGS_MANAGED_DICT) py_object_clear_instance_attributes(self, tobj(type)->cached_keys);
    if (type->dictoffset != base->dictoffset) {
        py_obj **dictptr = py_object_get_dict_ptr(self);
        if (dictptr && *dictptr) RG_CLEAR(*dictptr);
    }
    if (baseclear) return baseclear(self);
    return 0;
}

/* Drop one reference (a base's traverse reporting them). */
static int decref_visit(py_obj *o, void *arg)
{
    (void)arg;
    rg_decref(o);
    return 0;
}

/* The engine's default deallocation for a static base without a dealloc
 * of its own: its references (clear, else traverse), then the memory. */
static void base_default_dealloc(py_typeinfo *base, py_obj *self)
{
    if (base->rt.clear) base->rt.clear(self);
    else if (base->rt.traverse) base->rt.traverse(self, decref_visit, NULL);
    rg_object_free(self);
}

void py_subtype_dealloc(py_obj *self)
{
    py_typeinfo *type = py_type_of(self), *base = type;
    /* The engine untracked self and runs the trashcan around us. */
    while (base->rt.dealloc == py_subtype_dealloc) base = base->base;
    int has_finalizer = type->rt.finalize != NULL || type->rt.legacy_del != NULL;
    if (type->rt.finalize) {
        rg_track(self);
        if (rg_call_finalizer_from_dealloc(self) < 0) return; /* resurrected */
        rg_untrack(self);
    }
    if (type->rt.weaklist_offset && !base->rt.weaklist_offset) rg_clear_weakrefs(self);
    if (type->rt.legacy_del) {
        rg_track(self);
        self->refcnt = 1;
        type->rt.legacy_del(self);
        if (--self->refcnt != 0) return; /* resurrected */
        rg_untrack(self);
    }
    (void)has_finalizer; /* weak references made by finalizers: rg_clear_weakrefs cleared them all */
    py_typeinfo *b = type;
    rg_destructor basedealloc;
    while ((basedealloc = b->rt.dealloc) == py_subtype_dealloc) {
        if (heap_nslots(b)) clear_slots(b, self);
        b = b->base;
    }
    if (type->flags & PY_TPFLAGS_MANAGED_DICT) {
        py_obj **dictptr = py_object_managed_dict_ptr(self);
        if (*dictptr != NULL) {
            RG_CLEAR(*dictptr);
        } else {
            py_object_free_instance_attributes(self, tobj(type)->cached_keys);
        }
    } else if (type->dictoffset && !base->dictoffset) {
        py_obj **dictptr = py_object_get_dict_ptr(self);
        if (dictptr != NULL && *dictptr != NULL) RG_CLEAR(*dictptr);
    }
    type = py_type_of(self);
    if (base->rt.flags & RG_TYPE_GC) rg_track(self);
    py_obj *typeobj = type->type_obj;
    int type_needs_decref = (type->flags & PY_TPFLAGS_HEAPTYPE) && !(base->flags & PY_TPFLAGS_HEAPTYPE);
    if (basedealloc != NULL) basedealloc(self);
    else base_default_dealloc(base, self);
    if (type_needs_decref) rg_decref(typeobj);
}

/* ====================================================================== */
/* __dict__, __weakref__                                                   */
/* ====================================================================== */

static py_obj *subtype_dict(py_obj *obj, void *context) { return py_object_generic_get_dict(obj, context); }

/* Like PyObject_GenericSetDict, but __dict__ may be deleted. */
static int subtype_setdict(py_obj *obj, py_obj *value, void *context)
{
    (void)context;
    py_typeinfo *tp = py_type_of(obj);
    if (tp->flags & PY_TPFLAGS_MANAGED_DICT) {
        py_obj *d = py_object_generic_get_dict(obj, NULL);
        if (d == NULL) return -1;
        rg_decref(d);
    }
    py_obj **dictptr = py_object_get_dict_ptr(obj);
    if (dictptr == NULL) {
        py_err_set_string(py_exc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (value != NULL && !py_dict_check(value)) {
        py_err_format(py_exc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'", py_obj_type_name(value));
        return -1;
    }
    PY_XSETREF(*dictptr, py_xnew_ref(value));
    return 0;
}

/* __weakref__: None, or the first weak reference (a weakref.ref or
 * proxy, lang/weakref.c). */
static py_obj *subtype_getweakref(py_obj *obj, void *context)
{
    (void)context;
    py_typeinfo *tp = py_type_of(obj);
    if (tp->rt.weaklist_offset == 0) {
        py_err_set_string(py_exc_AttributeError, "This object has no __weakref__");
        return NULL;
    }
    rg_weakref *head = *(rg_weakref **)(void *)((char *)obj + tp->rt.weaklist_offset);
    return py_new_ref(head != NULL ? RG_OBJ(head) : py_none);
}

static const py_getset_def subtype_getsets_full[] = {
    {"__dict__", subtype_dict, subtype_setdict, "dictionary for instance variables (if defined)", NULL},
    {"__weakref__", subtype_getweakref, NULL, "list of weak references to the object (if defined)", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
static const py_getset_def subtype_getsets_dict_only[] = {
    {"__dict__", subtype_dict, subtype_setdict, "dictionary for instance variables (if defined)", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
static const py_getset_def subtype_getsets_weakref_only[] = {
    {"__weakref__", subtype_getweakref, NULL, "list of weak references to the object (if defined)", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ====================================================================== */
/* type_new                                                                */
/* ====================================================================== */

typedef struct {
    py_typeinfo *metatype;
    py_obj *args, *kwds, *orig_dict, *name, *bases;
    py_typeinfo *base;
    py_obj *slots;
    py_ssize_t nslot;
    int add_dict, add_weak, may_add_dict, may_add_weak;
} type_new_ctx;

/* _PyType_CalculateMetaclass (also __build_class__'s: declared for it in
 * lang/bltinmodule.h, since object.h is full). */
py_typeinfo *py_type_calculate_metaclass(py_typeinfo *metatype, py_obj *bases);
py_typeinfo *py_type_calculate_metaclass(py_typeinfo *metatype, py_obj *bases)
{
    py_typeinfo *winner = metatype;
    for (py_ssize_t i = 0; i < py_tuple_size(bases); i++) {
        py_typeinfo *tmptype = py_type_of(py_tuple_get(bases, i));
        if (py_type_is_subtype(winner, tmptype)) continue;
        if (py_type_is_subtype(tmptype, winner)) {
            winner = tmptype;
            continue;
        }
        py_err_set_string(py_exc_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                                            "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* extra_ivars: does type add C-level fields to base? */
static int extra_ivars(py_typeinfo *type, py_typeinfo *base)
{
    size_t t_size = type->rt.size, b_size = base->rt.size;
    if (type->rt.item_size || base->rt.item_size) return t_size != b_size || type->rt.item_size != base->rt.item_size;
    if (type->rt.weaklist_offset && base->rt.weaklist_offset == 0 &&
        type->rt.weaklist_offset + sizeof(py_obj *) == t_size && (type->flags & PY_TPFLAGS_HEAPTYPE))
        t_size -= sizeof(py_obj *);
    if (type->dictoffset > 0 && base->dictoffset == 0 && (size_t)type->dictoffset + sizeof(py_obj *) == t_size &&
        (type->flags & PY_TPFLAGS_HEAPTYPE))
        t_size -= sizeof(py_obj *);
    return t_size != b_size;
}

static py_typeinfo *solid_base(py_typeinfo *type)
{
    py_typeinfo *base = type->base ? solid_base(type->base) : &py_object_info;
    return extra_ivars(type, base) ? type : base;
}

/* best_base: the base whose layout the others extend. */
static py_typeinfo *best_base(py_obj *bases)
{
    py_typeinfo *base = NULL, *winner = NULL;
    for (py_ssize_t i = 0; i < py_tuple_size(bases); i++) {
        py_obj *base_proto = py_tuple_get(bases, i);
        if (!py_type_check(base_proto)) {
            py_err_set_string(py_exc_TypeError, "bases must be types");
            return NULL;
        }
        py_typeinfo *base_i = py_typeinfo_of(base_proto);
        if (!(base_i->flags & PY_TPFLAGS_BASETYPE)) {
            py_err_format(py_exc_TypeError, "type '%.100s' is not an acceptable base type", base_i->rt.name);
            return NULL;
        }
        py_typeinfo *candidate = solid_base(base_i);
        if (winner == NULL) {
            winner = candidate;
            base = base_i;
        } else if (py_type_is_subtype(winner, candidate)) {
        } else if (py_type_is_subtype(candidate, winner)) {
            winner = candidate;
            base = base_i;
        } else {
            py_err_set_string(py_exc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

/* _Py_Mangle: __x in class C is _C__x. */
static py_obj *mangle(py_obj *privateobj, py_obj *ident)
{
    py_ssize_t nlen = py_unicode_get_length(ident);
    if (privateobj == NULL || !py_unicode_check(privateobj) || nlen < 2 || py_unicode_read_char(ident, 0) != '_' ||
        py_unicode_read_char(ident, 1) != '_')
        return py_new_ref(ident);
    if ((py_unicode_read_char(ident, nlen - 1) == '_' && py_unicode_read_char(ident, nlen - 2) == '_') ||
        py_unicode_find_char(ident, '.', 0, nlen, 1) != -1)
        return py_new_ref(ident);
    py_ssize_t plen = py_unicode_get_length(privateobj), ipriv = 0;
    while (ipriv < plen && py_unicode_read_char(privateobj, ipriv) == '_') ipriv++;
    if (ipriv == plen) return py_new_ref(ident);
    py_obj *stripped = py_unicode_substring(privateobj, ipriv, plen);
    if (stripped == NULL) return NULL;
    py_obj *result = py_unicode_from_format("_%U%U", stripped, ident);
    rg_decref(stripped);
    if (result != NULL) py_unicode_intern_in_place(&result);
    return result;
}

/* type_new_get_slots: __slots__ from the namespace copy, as a tuple. */
static int type_new_get_slots(type_new_ctx *ctx, py_obj *dict)
{
    py_obj *slots = py_dict_get_item_with_error(dict, py_id(__slots__));
    if (slots == NULL) {
        ctx->slots = NULL;
        ctx->nslot = 0;
        return py_err_occurred() ? -1 : 0;
    }
    py_obj *new_slots = py_unicode_check(slots) ? py_tuple_pack(1, slots) : py_sequence_tuple(slots);
    if (new_slots == NULL) return -1;
    ctx->slots = new_slots;
    ctx->nslot = py_tuple_size(new_slots);
    return 0;
}

/* type_new_slots_impl: validate, drop __dict__/__weakref__, mangle, sort. */
static int type_new_slots_impl(type_new_ctx *ctx, py_obj *dict)
{
    if (ctx->nslot > 0 && ctx->base->rt.item_size != 0) {
        py_err_format(py_exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'", ctx->base->rt.name);
        return -1;
    }
    for (py_ssize_t i = 0; i < ctx->nslot; i++) {
        py_obj *name = py_tuple_get(ctx->slots, i);
        if (!py_unicode_check(name)) {
            py_err_format(py_exc_TypeError, "__slots__ items must be strings, not '%.200s'", py_obj_type_name(name));
            return -1;
        }
        if (!py_unicode_is_identifier(name)) { /* valid_identifier */
            py_err_set_string(py_exc_TypeError, "__slots__ must be identifiers");
            return -1;
        }
        if (py_unicode_eq(name, py_id(__dict__))) {
            if (!ctx->may_add_dict || ctx->add_dict != 0) {
                py_err_set_string(py_exc_TypeError, "__dict__ slot disallowed: we already got one");
                return -1;
            }
            ctx->add_dict++;
        }
        if (py_unicode_eq(name, py_id(__weakref__))) {
            if (!ctx->may_add_weak || ctx->add_weak != 0) {
                py_err_set_string(py_exc_TypeError,
                                  "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
                return -1;
            }
            ctx->add_weak++;
        }
    }
    py_ssize_t new_nslot = ctx->nslot - ctx->add_dict - ctx->add_weak, j = 0;
    py_obj *new_slots = py_list_new(new_nslot);
    if (new_slots == NULL) return -1;
    for (py_ssize_t i = 0; i < ctx->nslot; i++) {
        py_obj *slot = py_tuple_get(ctx->slots, i);
        if ((ctx->add_dict && py_unicode_eq(slot, py_id(__dict__))) ||
            (ctx->add_weak && py_unicode_eq(slot, py_id(__weakref__))))
            continue;
        slot = mangle(ctx->name, slot);
        if (slot == NULL) goto error;
        py_list_set_item(new_slots, j, slot);
        int r = py_dict_contains(dict, slot);
        if (r < 0) goto error;
        if (r > 0 && !py_unicode_eq(slot, py_id(__qualname__)) && !py_unicode_eq(slot, py_id(__classcell__))) {
            py_err_format(py_exc_ValueError, "%R in __slots__ conflicts with class variable", slot);
            goto error;
        }
        j++;
    }
    if (py_list_sort(new_slots) < 0) goto error;
    PY_SETREF(ctx->slots, py_list_as_tuple(new_slots));
    rg_decref(new_slots);
    if (ctx->slots == NULL) return -1;
    ctx->nslot = py_tuple_size(ctx->slots);
    return 0;
error:
    rg_decref(new_slots);
    return -1;
}

static int type_new_slots(type_new_ctx *ctx, py_obj *dict)
{
    ctx->add_dict = ctx->add_weak = 0;
    ctx->may_add_dict = ctx->base->dictoffset == 0 && !(ctx->base->flags & PY_TPFLAGS_MANAGED_DICT);
    ctx->may_add_weak = ctx->base->rt.weaklist_offset == 0 && ctx->base->rt.item_size == 0;
    if (ctx->slots == NULL) {
        if (ctx->may_add_dict) ctx->add_dict++;
        if (ctx->may_add_weak) ctx->add_weak++;
        return 0;
    }
    return type_new_slots_impl(ctx, dict);
}

/* Is o a plain function (the front end's function type)? */
static int is_function(py_obj *o)
{
    py_typeinfo *ft = py_current->function_type;
    return ft != NULL && py_is_type(o, ft);
}

/* type_new_staticmethod / type_new_classmethod: wrap a plain function. */
static int type_new_wrap(py_typeinfo *type, py_obj *attr, int classmethod)
{
    py_obj *dict = tobj(type)->dict;
    py_obj *func = py_dict_get_item_with_error(dict, attr);
    if (func == NULL) return py_err_occurred() ? -1 : 0;
    if (!is_function(func)) return 0;
    py_obj *wrapped = classmethod ? py_classmethod_new(func) : py_staticmethod_new(func);
    if (wrapped == NULL) return -1;
    int r = py_dict_set_item(dict, attr, wrapped);
    rg_decref(wrapped);
    return r;
}

/* type_new_descriptors: the instance layout and the slot members. */
static void type_new_descriptors(const type_new_ctx *ctx, py_typeinfo *type)
{
    py_ssize_t slotoffset = (py_ssize_t)ctx->base->rt.size;
    py_obj *slots = tobj(type)->slots;
    if (slots != NULL) {
        py_member_def *mp = heap_members(type);
        for (py_ssize_t i = 0; i < py_tuple_size(slots); i++, mp++) {
            mp->name = py_unicode_as_utf8(py_tuple_get(slots, i));
            mp->type = PY_T_OBJECT_EX;
            mp->offset = slotoffset;
            slotoffset += (py_ssize_t)sizeof(py_obj *);
        }
    }
    if (ctx->add_dict && ctx->base->rt.item_size) {
        type->dictoffset = -(py_ssize_t)sizeof(py_obj *);
        slotoffset += (py_ssize_t)sizeof(py_obj *);
    }
    if (ctx->add_weak) {
        type->rt.weaklist_offset = (size_t)slotoffset;
        slotoffset += (py_ssize_t)sizeof(py_obj *);
    }
    if (ctx->add_dict && ctx->base->rt.item_size == 0) {
        type->flags |= PY_TPFLAGS_MANAGED_DICT;
        type->dictoffset = -slotoffset - (py_ssize_t)sizeof(py_obj *) * 3;
    }
    type->rt.size = (size_t)slotoffset;
    type->rt.item_size = ctx->base->rt.item_size;
    type->members = heap_members(type);
}

/* type_new_set_slots: the getset descriptors, generic getattr/setattr. */
static void type_new_set_slots(const type_new_ctx *ctx, py_typeinfo *type)
{
    int has_dict = type->dictoffset != 0 || (type->flags & PY_TPFLAGS_MANAGED_DICT);
    if (type->rt.weaklist_offset && has_dict) type->getset = subtype_getsets_full;
    else if (type->rt.weaklist_offset) type->getset = subtype_getsets_weakref_only;
    else if (has_dict) type->getset = subtype_getsets_dict_only;
    else type->getset = NULL;
    if (has_dict || ctx->nslot > 0) {
        if (ctx->base->getattro == NULL) type->getattro = py_object_generic_get_attr;
        if (ctx->base->setattro == NULL) type->setattro = py_object_generic_set_attr;
    }
}

/* type_new_set_attrs: name, __module__, __qualname__, __doc__, __new__,
 * class methods, layout, getsets, __classcell__. */
static int type_new_set_attrs(const type_new_ctx *ctx, py_typeinfo *type)
{
    py_type_object *t = tobj(type);
    py_ssize_t name_size;
    const char *tp_name = py_unicode_as_utf8_and_size(ctx->name, &name_size);
    if (tp_name == NULL) return -1;
    if ((size_t)name_size != strlen(tp_name)) {
        py_err_set_string(py_exc_ValueError, "type name must not contain null characters");
        return -1;
    }
    type->rt.name = tp_name;
    /* __module__ from the caller's globals when the namespace has none. */
    int r = py_dict_contains(t->dict, py_id(__module__));
    if (r < 0) return -1;
    if (r == 0 && py_current->eval_get_globals != NULL) {
        py_obj *globals = py_current->eval_get_globals();
        if (globals != NULL) {
            py_obj *module = py_dict_get_item_with_error(globals, py_id(__name__));
            if (module == NULL && py_err_occurred()) return -1;
            if (module != NULL && py_dict_set_item(t->dict, py_id(__module__), module) < 0) return -1;
        }
    }
    /* __qualname__ leaves the dict for the type's field. */
    py_obj *qualname = py_dict_get_item_with_error(t->dict, py_id(__qualname__));
    if (qualname != NULL) {
        if (!py_unicode_check(qualname)) {
            py_err_format(py_exc_TypeError, "type __qualname__ must be a str, not %s", py_obj_type_name(qualname));
            return -1;
        }
        t->qualname = py_new_ref(qualname);
        if (py_dict_del_item(t->dict, py_id(__qualname__)) < 0) return -1;
    } else {
        if (py_err_occurred()) return -1;
        t->qualname = py_new_ref(t->name);
    }
    /* tp_doc: a heap copy of a str __doc__. */
    py_obj *doc = py_dict_get_item_with_error(t->dict, py_id(__doc__));
    if (doc == NULL && py_err_occurred()) return -1;
    if (doc != NULL && py_unicode_check(doc)) {
        py_ssize_t len;
        const char *s = py_unicode_as_utf8_and_size(doc, &len);
        if (s == NULL) return -1;
        char *copy = rg_obj_malloc(py_heap(), (size_t)len + 1);
        if (copy == NULL) {
            py_err_no_memory();
            return -1;
        }
        memcpy(copy, s, (size_t)len + 1);
        type->doc = copy;
    }
    if (type_new_wrap(type, py_id(__new__), 0) < 0) return -1;
    if (type_new_wrap(type, py_id(__init_subclass__), 1) < 0) return -1;
    if (type_new_wrap(type, py_id(__class_getitem__), 1) < 0) return -1;
    type_new_descriptors(ctx, type);
    type_new_set_slots(ctx, type);
    /* __classcell__: the methods' reference to the class. */
    py_obj *cell = py_dict_get_item_with_error(t->dict, py_id(__classcell__));
    if (cell == NULL) return py_err_occurred() ? -1 : 0;
    if (!py_is_type(cell, &py_cell_info)) {
        py_err_format(py_exc_TypeError, "__classcell__ must be a nonlocal cell, not %.200R",
                      py_type_object_of_obj(cell));
        return -1;
    }
    py_cell_set(cell, type->type_obj);
    return py_dict_del_item(t->dict, py_id(__classcell__));
}

/* type_new_set_names: __set_name__ of every attribute (on a copy). */
static int type_new_set_names(py_typeinfo *type)
{
    py_obj *names_to_set = py_dict_copy(tobj(type)->dict);
    if (names_to_set == NULL) return -1;
    py_ssize_t i = 0;
    py_obj *key, *value;
    while (py_dict_next(names_to_set, &i, &key, &value)) {
        py_obj *set_name = py_object_lookup_special(value, py_id(__set_name__));
        if (set_name == NULL) {
            if (py_err_occurred()) goto error;
            continue;
        }
        py_obj *res = py_object_call_function_obj_args(set_name, type->type_obj, key, NULL);
        rg_decref(set_name);
        if (res == NULL) {
            py_obj *cause = py_err_get_raised_exception();
            py_err_format(py_exc_RuntimeError, "Error calling __set_name__ on '%.100s' instance %R in '%.100s'",
                          py_obj_type_name(value), key, type->rt.name);
            py_obj *exc = py_err_get_raised_exception();
            if (exc != NULL) {
                py_exception_set_cause(exc, py_xnew_ref(cause));
                py_exception_set_context(exc, cause);
                cause = NULL;
            }
            rg_xdecref(cause);
            py_err_set_raised_exception(exc);
            goto error;
        }
        rg_decref(res);
    }
    rg_decref(names_to_set);
    return 0;
error:
    rg_decref(names_to_set);
    return -1;
}

/* type_new_init_subclass: super(type, type).__init_subclass__(**kwds). */
static int type_new_init_subclass(py_typeinfo *type, py_obj *kwds)
{
    py_obj *args[2] = {type->type_obj, type->type_obj};
    py_obj *super = py_object_vectorcall(py_super_info.type_obj, args, 2, NULL);
    if (super == NULL) return -1;
    py_obj *func = py_object_get_attr(super, py_id(__init_subclass__));
    rg_decref(super);
    if (func == NULL) return -1;
    py_obj *result = py_object_vectorcall_dict(func, NULL, 0, kwds);
    rg_decref(func);
    if (result == NULL) return -1;
    rg_decref(result);
    return 0;
}

/* Fill a new class's engine descriptor and slots before PyType_Ready. */
static void type_new_init_info(py_heap_type_object *et, const type_new_ctx *ctx)
{
    py_typeinfo *type = &et->info;
    memset(type, 0, sizeof *type);
    type->flags = PY_TPFLAGS_HEAPTYPE | PY_TPFLAGS_BASETYPE | PY_TPFLAGS_HAVE_GC;
    type->as_number = &et->as_number;
    type->as_sequence = &et->as_sequence;
    type->as_mapping = &et->as_mapping;
    type->base = ctx->base;
    type->type_obj = (py_obj *)et;
    type->rt.flags = RG_TYPE_GC | (ctx->base->rt.flags & RG_TYPE_WEAKREF); /* weakref subclasses stay weakrefs */
    type->rt.traverse = subtype_traverse;
    type->rt.clear = subtype_clear;
    type->rt.dealloc = py_subtype_dealloc;
}

/* The engine fields that follow from the Python-level layout. */
static void type_new_finish_rt(py_typeinfo *type)
{
    type->rt.preheader_size = (type->flags & PY_TPFLAGS_MANAGED_DICT) ? 2 * sizeof(py_obj *) : 0;
    /* __del__ (or an inherited finalizer) is the engine's finalize; the
     * dispatchers installed it in rt.finalize. */
}

static py_obj *type_new_impl(type_new_ctx *ctx)
{
    /* type_new_init: the namespace copy, the slots, the type object. */
    py_obj *dict = py_dict_copy(ctx->orig_dict);
    if (dict == NULL) return NULL;
    if (type_new_get_slots(ctx, dict) < 0 || type_new_slots(ctx, dict) < 0) {
        RG_CLEAR(ctx->slots);
        rg_decref(dict);
        return NULL;
    }
    py_heap_type_object *et = (py_heap_type_object *)py_type_generic_alloc(ctx->metatype, ctx->nslot);
    if (et == NULL) {
        RG_CLEAR(ctx->slots);
        rg_decref(dict);
        return NULL;
    }
    py_type_object *t = &et->ht_type;
    t->info = &et->info;
    type_new_init_info(et, ctx);
    py_typeinfo *type = &et->info;
    t->bases = py_new_ref(ctx->bases);
    rg_incref(ctx->base->type_obj);
    t->name = py_new_ref(ctx->name);
    t->dict = dict;
    t->slots = ctx->slots;
    ctx->slots = NULL;
    py_obj *result = (py_obj *)et;
    if (type_new_set_attrs(ctx, type) < 0) goto error;
    /* PyType_Ready: the MRO, __new__, the dict's descriptors, inherited
     * slots, __hash__, the subclass registration. */
    type->flags |= PY_TPFLAGS_READYING;
    if (py_type_heap_ready(type) < 0) goto error;
    type->flags &= ~PY_TPFLAGS_READYING;
    py_type_fixup_slot_dispatchers(type);
    type_new_finish_rt(type);
    /* 3.11: only classes whose instances use the managed dict share keys;
     * an explicit dict slot (Exception, int subclasses) holds plain dicts. */
    if (type->flags & PY_TPFLAGS_MANAGED_DICT) t->cached_keys = py_dict_new_keys_for_class();
    if (type_new_set_names(type) < 0) goto error;
    if (type_new_init_subclass(type, ctx->kwds) < 0) goto error;
    return result;
error:
    rg_decref(result);
    return NULL;
}

/* type.__new__(metatype, name, bases, dict, **kwds) */
py_obj *py_type_new_slot(py_typeinfo *metatype, py_obj *args, py_obj *kwds)
{
    py_ssize_t nargs = py_tuple_size(args);
    if (nargs != 3) {
        py_err_format(py_exc_TypeError, "type.__new__() takes exactly 3 arguments (%zd given)", nargs);
        return NULL;
    }
    py_obj *name = py_tuple_get(args, 0), *bases = py_tuple_get(args, 1), *orig_dict = py_tuple_get(args, 2);
    if (!py_unicode_check(name))
        return py_err_format(py_exc_TypeError, "type.__new__() argument 1 must be str, not %.50s", py_obj_type_name(name));
    if (!py_tuple_check(bases))
        return py_err_format(py_exc_TypeError, "type.__new__() argument 2 must be tuple, not %.50s",
                             py_obj_type_name(bases));
    if (!py_dict_check(orig_dict))
        return py_err_format(py_exc_TypeError, "type.__new__() argument 3 must be dict, not %.50s",
                             py_obj_type_name(orig_dict));
    type_new_ctx ctx = {.metatype = metatype, .args = args, .kwds = kwds, .orig_dict = orig_dict, .name = name,
                        .bases = bases};
    /* type_new_get_bases */
    if (py_tuple_size(bases) == 0) {
        ctx.base = &py_object_info;
        ctx.bases = py_tuple_pack(1, py_object_info.type_obj);
        if (ctx.bases == NULL) return NULL;
    } else {
        for (py_ssize_t i = 0; i < py_tuple_size(bases); i++) {
            py_obj *b = py_tuple_get(bases, i), *mro_entries;
            if (py_type_check(b)) continue;
            if (py_object_lookup_attr(b, py_id(__mro_entries__), &mro_entries) < 0) return NULL;
            if (mro_entries != NULL) {
                rg_decref(mro_entries);
                py_err_set_string(py_exc_TypeError,
                                  "type() doesn't support MRO entry resolution; use types.new_class()");
                return NULL;
            }
        }
        py_typeinfo *winner = py_type_calculate_metaclass(metatype, bases);
        if (winner == NULL) return NULL;
        if (winner != metatype) {
            if (winner->new != py_type_new_slot) return winner->new(winner, args, kwds);
            ctx.metatype = winner;
        }
        ctx.base = best_base(bases);
        if (ctx.base == NULL) return NULL;
        ctx.bases = py_new_ref(bases);
    }
    py_obj *type = type_new_impl(&ctx);
    rg_decref(ctx.bases);
    return type;
}

int py_type_init_slot(py_obj *cls, py_obj *args, py_obj *kwds)
{
    (void)cls;
    if (kwds != NULL && py_tuple_size(args) == 1 && py_dict_size(kwds) != 0) {
        py_err_set_string(py_exc_TypeError, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (py_tuple_size(args) != 1 && py_tuple_size(args) != 3) {
        py_err_set_string(py_exc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

py_obj *py_type_new_class(py_typeinfo *meta, py_obj *name, py_obj *bases, py_obj *dict)
{
    if (meta == NULL) meta = &py_type_info;
    py_obj *args = py_tuple_pack(3, name, bases, dict);
    if (args == NULL) return NULL;
    py_obj *r = py_object_call(meta->type_obj, args, NULL);
    rg_decref(args);
    return r;
}

/* ====================================================================== */
/* object.__dir__                                                          */
/* ====================================================================== */

/* merge_class_dict: the keys of cls.__dict__ and of its bases'. */
static int merge_class_dict(py_obj *dict, py_obj *aclass)
{
    py_obj *classdict;
    if (py_object_lookup_attr(aclass, py_id(__dict__), &classdict) < 0) return -1;
    if (classdict != NULL) {
        int status = py_dict_check(classdict) ? py_dict_merge(dict, classdict, 1) : 0;
        if (!py_dict_check(classdict)) {
            /* A mappingproxy: merge its keys. */
            py_obj *keys = py_object_call_method_no_args(classdict, py_id(keys));
            py_obj *it = keys ? py_object_get_iter(keys) : NULL;
            rg_xdecref(keys);
            if (it == NULL) status = -1;
            else {
                py_obj *k;
                while (status == 0 && (k = py_iter_next(it)) != NULL) {
                    status = py_dict_set_item(dict, k, py_none);
                    rg_decref(k);
                }
                if (py_err_occurred()) status = -1;
                rg_decref(it);
            }
        }
        rg_decref(classdict);
        if (status < 0) return -1;
    }
    py_obj *bases;
    if (py_object_lookup_attr(aclass, py_id(__bases__), &bases) < 0) return -1;
    if (bases != NULL) {
        py_ssize_t n = py_object_size(bases);
        for (py_ssize_t i = 0; i < n; i++) {
            py_obj *base = py_sequence_get_item(bases, i);
            if (base == NULL || merge_class_dict(dict, base) < 0) {
                rg_xdecref(base);
                rg_decref(bases);
                return -1;
            }
            rg_decref(base);
        }
        rg_decref(bases);
    }
    return 0;
}

py_obj *py_object_default_dir(py_obj *self)
{
    py_obj *dict = py_object_get_attr(self, py_id(__dict__));
    if (dict == NULL) {
        py_err_clear();
        dict = py_dict_new();
    } else if (!py_dict_check(dict)) {
        rg_decref(dict);
        dict = py_dict_new();
    } else {
        py_obj *temp = py_dict_copy(dict);
        rg_decref(dict);
        dict = temp;
    }
    if (dict == NULL) return NULL;
    py_obj *itsclass = py_object_get_attr(self, py_id(__class__)), *result = NULL;
    if (itsclass == NULL) {
        py_err_clear();
    } else if (merge_class_dict(dict, itsclass) != 0) {
        goto done;
    }
    result = py_list_new(0);
    if (result != NULL) {
        py_ssize_t pos = 0;
        py_obj *k;
        while (py_dict_next(dict, &pos, &k, NULL))
            if (py_list_append(result, k) < 0) {
                RG_CLEAR(result);
                break;
            }
    }
done:
    rg_xdecref(itsclass);
    rg_decref(dict);
    return result;
}
