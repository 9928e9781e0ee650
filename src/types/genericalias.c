/*
 * genericalias.c -- types.GenericAlias (PEP 585: list[int]) and
 * types.UnionType (PEP 604: int | None), CPython 3.11's
 * Objects/genericaliasobject.c and Objects/unionobject.c.
 *
 * Owns: the two types (80 and 48 bytes, GC), Py_GenericAlias (the
 * __class_getitem__ of list, dict, tuple, set, frozenset, enumerate and
 * the type[...] special case), their reprs (builtins by qualname, other
 * classes as module.qualname, ... for Ellipsis), equality and hash,
 * attribute forwarding to the origin, calling (origin(...) then
 * __orig_class__), __mro_entries__, __parameters__ (type variables: objects
 * with __typing_subst__, none without the typing module), the unions'
 * flattening and deduplication, and `|` on types (type.__or__).
 *
 * Invariants: args is always a tuple; parameters is NULL until asked for;
 * a union has at least two distinct args (one collapses to it).
 *
 * Must not: evaluate anything of the origin but the attributes asked for
 * (aliases are made at function definition time, for annotations).
 */
#include <string.h>

#include "object.h"

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *origin;
    py_obj *args;       /* tuple */
    py_obj *parameters; /* tuple or NULL (computed lazily) */
    rg_weakref *weakreflist;
    char starred;
    py_vectorcallfunc vectorcall;
} ga_object;

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *args;       /* tuple, flattened and deduplicated */
    py_obj *parameters; /* tuple or NULL */
} union_object;

#define GA(o) ((ga_object *)(o))
#define UN(o) ((union_object *)(o))

static inline int ga_check(py_obj *o) { return py_object_type_check(o, &py_generic_alias_info); }
static inline int union_check(py_obj *o) { return py_is_type(o, &py_union_info); }

/* ====================================================================== */
/* Parameters (type variables)                                             */
/* ====================================================================== */

/* _Py_make_parameters: the type variables among args, in order, once
 * each (an arg's own __parameters__ included). */
static py_obj *make_parameters(py_obj *args)
{
    py_obj *params = py_list_new(0);
    if (params == NULL) return NULL;
    for (py_ssize_t i = 0; i < py_tuple_size(args); i++) {
        py_obj *t = py_tuple_get(args, i);
        if (py_type_check(t)) continue; /* a class is no type variable */
        py_obj *subst;
        if (py_object_lookup_attr(t, py_id(__typing_subst__), &subst) < 0) goto error;
        if (subst != NULL) {
            rg_decref(subst);
            int has = py_sequence_contains(params, t);
            if (has < 0 || (!has && py_list_append(params, t) < 0)) goto error;
            continue;
        }
        py_obj *sub;
        if (py_object_lookup_attr(t, py_id(__parameters__), &sub) < 0) goto error;
        if (sub != NULL && py_tuple_check(sub)) {
            for (py_ssize_t j = 0; j < py_tuple_size(sub); j++) {
                py_obj *p = py_tuple_get(sub, j);
                int has = py_sequence_contains(params, p);
                if (has < 0 || (!has && py_list_append(params, p) < 0)) {
                    rg_decref(sub);
                    goto error;
                }
            }
        }
        rg_xdecref(sub);
    }
    py_obj *r = py_list_as_tuple(params);
    rg_decref(params);
    return r;
error:
    rg_decref(params);
    return NULL;
}

/* ====================================================================== */
/* repr                                                                    */
/* ====================================================================== */

/* ga_repr_item / union_repr_item: ... for Ellipsis, repr() of aliases,
 * qualname for builtins, module.qualname for other classes, repr() else. */
static int repr_item(py_unicode_writer *w, py_obj *p, int in_union)
{
    if (in_union && p == py_none_info.type_obj) return py_unicode_writer_write_ascii(w, "None", 4);
    if (!in_union && p == py_ellipsis) return py_unicode_writer_write_ascii(w, "...", 3);
    py_obj *tmp, *qualname = NULL, *module = NULL, *r = NULL;
    if (py_object_lookup_attr(p, py_id(__origin__), &tmp) < 0) goto done;
    if (tmp != NULL) {
        rg_decref(tmp);
        if (py_object_lookup_attr(p, py_id(__args__), &tmp) < 0) goto done;
        if (tmp != NULL) {
            rg_decref(tmp);
            goto use_repr; /* looks like a GenericAlias */
        }
    }
    if (py_object_lookup_attr(p, py_id(__qualname__), &qualname) < 0) goto done;
    if (qualname == NULL) goto use_repr;
    if (py_object_lookup_attr(p, py_id(__module__), &module) < 0) goto done;
    if (module == NULL || module == py_none) goto use_repr;
    if (py_unicode_check(module) && py_unicode_equal_to_ascii_string(module, "builtins"))
        r = py_object_str(qualname);
    else
        r = py_unicode_from_format("%S.%S", module, qualname);
    goto done;
use_repr:
    r = py_object_repr(p);
done:
    rg_xdecref(qualname);
    rg_xdecref(module);
    if (r == NULL) return -1;
    int err = py_unicode_writer_write_str(w, r);
    rg_decref(r);
    return err;
}

static py_obj *ga_repr(py_obj *self)
{
    ga_object *alias = GA(self);
    py_ssize_t len = py_tuple_size(alias->args);
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    if (alias->starred && py_unicode_writer_write_char(&w, '*') < 0) goto error;
    if (repr_item(&w, alias->origin, 0) < 0) goto error;
    if (py_unicode_writer_write_char(&w, '[') < 0) goto error;
    for (py_ssize_t i = 0; i < len; i++) {
        if (i > 0 && py_unicode_writer_write_ascii(&w, ", ", 2) < 0) goto error;
        py_obj *p = py_tuple_get(alias->args, i);
        if (py_list_check_exact(p)) {
            /* A ParamSpec's list of arguments: [a, b]. */
            if (py_unicode_writer_write_char(&w, '[') < 0) goto error;
            for (py_ssize_t j = 0; j < py_list_size(p); j++) {
                if (j > 0 && py_unicode_writer_write_ascii(&w, ", ", 2) < 0) goto error;
                if (repr_item(&w, ((py_list_object *)p)->ob_item[j], 0) < 0) goto error;
            }
            if (py_unicode_writer_write_char(&w, ']') < 0) goto error;
        } else if (repr_item(&w, p, 0) < 0) {
            goto error;
        }
    }
    if (len == 0 && py_unicode_writer_write_ascii(&w, "()", 2) < 0) goto error; /* tuple[()] */
    if (py_unicode_writer_write_char(&w, ']') < 0) goto error;
    return py_unicode_writer_finish(&w);
error:
    py_unicode_writer_dealloc(&w);
    return NULL;
}

static py_obj *union_repr(py_obj *self)
{
    py_obj *args = UN(self)->args;
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    for (py_ssize_t i = 0; i < py_tuple_size(args); i++) {
        if ((i > 0 && py_unicode_writer_write_ascii(&w, " | ", 3) < 0) ||
            repr_item(&w, py_tuple_get(args, i), 1) < 0) {
            py_unicode_writer_dealloc(&w);
            return NULL;
        }
    }
    return py_unicode_writer_finish(&w);
}

/* ====================================================================== */
/* GenericAlias                                                            */
/* ====================================================================== */

static py_obj *ga_vectorcall(py_obj *self, py_obj *const *args, size_t nargsf, py_obj *kwnames);

py_obj *py_generic_alias_new(py_obj *origin, py_obj *args)
{
    py_obj *targs = py_tuple_check(args) ? py_new_ref(args) : py_tuple_pack(1, args);
    if (targs == NULL) return NULL;
    ga_object *alias = (ga_object *)rg_new(py_heap(), &py_generic_alias_info.rt);
    if (alias == NULL) {
        rg_decref(targs);
        return py_err_no_memory();
    }
    alias->origin = py_new_ref(origin);
    alias->args = targs;
    alias->parameters = NULL;
    alias->weakreflist = NULL;
    alias->starred = 0;
    alias->vectorcall = py_vectorcall_function(origin) != NULL ? ga_vectorcall : NULL;
    return (py_obj *)alias;
}

/* Py_GenericAlias as a class method: cls[args]. */
py_obj *py_generic_alias_class_getitem(py_obj *cls, py_obj *args) { return py_generic_alias_new(cls, args); }

static int ga_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(GA(self)->origin);
    RG_VISIT(GA(self)->args);
    RG_VISIT(GA(self)->parameters);
    return 0;
}

static int ga_clear(py_obj *self)
{
    RG_CLEAR(GA(self)->origin);
    RG_CLEAR(GA(self)->args);
    RG_CLEAR(GA(self)->parameters);
    return 0;
}

static void ga_dealloc(py_obj *self)
{
    if (GA(self)->weakreflist != NULL) rg_clear_weakrefs(self);
    ga_clear(self);
    rg_object_free(self);
}

/* Attributes of the alias itself; everything else is the origin's. */
static const char *const attr_exceptions[] = {
    "__class__", "__origin__", "__args__", "__unpacked__", "__parameters__", "__typing_unpacked_tuple_args__",
    "__mro_entries__", "__reduce_ex__", "__reduce__", "__copy__", "__deepcopy__", NULL,
};

static py_obj *ga_getattro(py_obj *self, py_obj *name)
{
    if (py_unicode_check(name)) {
        const char *const *p = attr_exceptions;
        for (; *p != NULL; p++)
            if (py_unicode_equal_to_ascii_string(name, *p)) break;
        if (*p == NULL) return py_object_get_attr(GA(self)->origin, name);
    }
    return py_object_generic_get_attr(self, name);
}

static py_obj *ga_richcompare(py_obj *a, py_obj *b, int op)
{
    if (!ga_check(b) || (op != PY_EQ && op != PY_NE)) return py_new_ref(py_notimplemented);
    if (op == PY_NE) {
        py_obj *eq = ga_richcompare(a, b, PY_EQ);
        if (eq == NULL) return NULL;
        py_obj *r = py_bool_from_long(eq == py_false);
        rg_decref(eq);
        return r;
    }
    if (GA(a)->starred != GA(b)->starred) return py_new_ref(py_false);
    int eq = py_object_rich_compare_bool(GA(a)->origin, GA(b)->origin, PY_EQ);
    if (eq < 0) return NULL;
    if (!eq) return py_new_ref(py_false);
    return py_object_rich_compare(GA(a)->args, GA(b)->args, PY_EQ);
}

static py_hash_t ga_hash(py_obj *self)
{
    py_hash_t h0 = py_object_hash(GA(self)->origin);
    if (h0 == -1) return -1;
    py_hash_t h1 = py_object_hash(GA(self)->args);
    if (h1 == -1) return -1;
    return h0 ^ h1;
}

/* set_orig_class: obj.__orig_class__ = alias, ignoring AttributeError and
 * TypeError. */
static py_obj *set_orig_class(py_obj *obj, py_obj *self)
{
    if (obj != NULL && py_object_set_attr(obj, py_id(__orig_class__), self) < 0) {
        if (!py_err_exception_matches(py_exc_AttributeError) && !py_err_exception_matches(py_exc_TypeError)) {
            rg_decref(obj);
            return NULL;
        }
        py_err_clear();
    }
    return obj;
}

static py_obj *ga_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    return set_orig_class(py_object_call(GA(self)->origin, args, kwds), self);
}

static py_obj *ga_vectorcall(py_obj *self, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    py_obj *origin = GA(self)->origin;
    return set_orig_class(py_vectorcall_function(origin)(origin, args, nargsf, kwnames), self);
}

static py_obj *ga_parameters(py_obj *self, void *unused)
{
    (void)unused;
    ga_object *alias = GA(self);
    if (alias->parameters == NULL && (alias->parameters = make_parameters(alias->args)) == NULL) return NULL;
    return py_new_ref(alias->parameters);
}

/* alias[...]: only type variables can be substituted. */
static py_obj *ga_getitem(py_obj *self, py_obj *item)
{
    (void)item;
    py_obj *params = ga_parameters(self, NULL);
    if (params == NULL) return NULL;
    py_ssize_t n = py_tuple_size(params);
    rg_decref(params);
    if (n == 0) return py_err_format(py_exc_TypeError, "%R is not a generic class", self);
    return py_err_format(py_exc_TypeError, "%R: type variable substitution needs the typing module", self);
}

static py_obj *ga_mro_entries(py_obj *self, py_obj *args)
{
    (void)args;
    return py_tuple_pack(1, GA(self)->origin);
}

static py_obj *ga_instancecheck(py_obj *self, py_obj *arg)
{
    (void)self, (void)arg;
    py_err_set_string(py_exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
    return NULL;
}

static py_obj *ga_subclasscheck(py_obj *self, py_obj *arg)
{
    (void)self, (void)arg;
    py_err_set_string(py_exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
    return NULL;
}

static py_obj *ga_get_unpacked(py_obj *self, void *unused)
{
    (void)unused;
    return py_bool_from_long(GA(self)->starred);
}

static const py_member_def ga_members[] = {
    {"__origin__", PY_T_OBJECT, offsetof(ga_object, origin), PY_READONLY, NULL},
    {"__args__", PY_T_OBJECT, offsetof(ga_object, args), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const py_getset_def ga_getset[] = {
    {"__parameters__", ga_parameters, NULL, "Type variables in the GenericAlias.", NULL},
    {"__unpacked__", ga_get_unpacked, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_method_def ga_methods[] = {
    {"__mro_entries__", {.o = ga_mro_entries}, PY_METH_O, NULL},
    {"__instancecheck__", {.o = ga_instancecheck}, PY_METH_O, NULL},
    {"__subclasscheck__", {.o = ga_subclasscheck}, PY_METH_O, NULL},
    {NULL, {NULL}, 0, NULL},
};

static py_mapping_methods ga_as_mapping = {.mp_subscript = ga_getitem};

static py_number_methods ga_as_number = {.nb_or = py_union_type_or};

static py_obj *ga_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords("GenericAlias", kwds) < 0) return NULL;
    py_obj *origin, *arguments;
    if (!py_arg_unpack_tuple(args, "GenericAlias", 2, 2, &origin, &arguments)) return NULL;
    if (type != &py_generic_alias_info) return py_err_format(py_exc_TypeError, "cannot subclass GenericAlias here");
    return py_generic_alias_new(origin, arguments);
}

py_typeinfo py_generic_alias_info = {
    .rt = {.name = "types.GenericAlias", .size = sizeof(ga_object), .flags = RG_TYPE_GC, .traverse = ga_traverse,
           .clear = ga_clear, .dealloc = ga_dealloc, .weaklist_offset = offsetof(ga_object, weakreflist)},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE | PY_TPFLAGS_HAVE_VECTORCALL,
    .doc = "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).",
    .repr = ga_repr,
    .hash = ga_hash,
    .richcompare = ga_richcompare,
    .getattro = ga_getattro,
    .call = ga_call,
    .vectorcall_offset = offsetof(ga_object, vectorcall),
    .new = ga_new,
    .as_number = &ga_as_number,
    .as_mapping = &ga_as_mapping,
    .methods = ga_methods,
    .members = ga_members,
    .getset = ga_getset,
};

/* ====================================================================== */
/* UnionType                                                               */
/* ====================================================================== */

static int is_unionable(py_obj *obj)
{
    return obj == py_none || py_type_check(obj) || ga_check(obj) || union_check(obj);
}

/* flatten_args + dedup_and_flatten_args: nested unions inlined, None as
 * NoneType, duplicates dropped (aliases compared by ==, others by id). */
static py_obj *dedup_and_flatten_args(py_obj *args)
{
    py_ssize_t total = 0;
    for (py_ssize_t i = 0; i < py_tuple_size(args); i++) {
        py_obj *arg = py_tuple_get(args, i);
        total += union_check(arg) ? py_tuple_size(UN(arg)->args) : 1;
    }
    py_obj *flat = py_tuple_new(total);
    if (flat == NULL) return NULL;
    py_ssize_t pos = 0;
    for (py_ssize_t i = 0; i < py_tuple_size(args); i++) {
        py_obj *arg = py_tuple_get(args, i);
        if (union_check(arg)) {
            for (py_ssize_t j = 0; j < py_tuple_size(UN(arg)->args); j++)
                py_tuple_set(flat, pos++, py_new_ref(py_tuple_get(UN(arg)->args, j)));
        } else {
            py_tuple_set(flat, pos++, py_new_ref(arg == py_none ? py_none_info.type_obj : arg));
        }
    }
    py_obj *new_args = py_tuple_new(total);
    if (new_args == NULL) {
        rg_decref(flat);
        return NULL;
    }
    py_ssize_t added = 0;
    for (py_ssize_t i = 0; i < total; i++) {
        py_obj *ie = py_tuple_get(flat, i);
        int dup = 0;
        for (py_ssize_t j = 0; j < added && !dup; j++) {
            py_obj *je = py_tuple_get(new_args, j);
            dup = ga_check(ie) && ga_check(je) ? py_object_rich_compare_bool(ie, je, PY_EQ) : ie == je;
            if (dup < 0) {
                rg_decref(flat);
                rg_decref(new_args);
                return NULL;
            }
        }
        if (!dup) py_tuple_set(new_args, added++, py_new_ref(ie));
    }
    rg_decref(flat);
    if (py_tuple_resize(&new_args, added) < 0) return NULL;
    return new_args;
}

/* make_union: the deduplicated args, or the one left. */
static py_obj *make_union(py_obj *args)
{
    args = dedup_and_flatten_args(args);
    if (args == NULL) return NULL;
    if (py_tuple_size(args) == 1) {
        py_obj *r = py_new_ref(py_tuple_get(args, 0));
        rg_decref(args);
        return r;
    }
    union_object *result = (union_object *)rg_new(py_heap(), &py_union_info.rt);
    if (result == NULL) {
        rg_decref(args);
        return py_err_no_memory();
    }
    result->parameters = NULL;
    result->args = args;
    return (py_obj *)result;
}

py_obj *py_union_type_or(py_obj *self, py_obj *other)
{
    if (!is_unionable(self) || !is_unionable(other)) return py_new_ref(py_notimplemented);
    py_obj *tuple = py_tuple_pack(2, self, other);
    if (tuple == NULL) return NULL;
    py_obj *u = make_union(tuple);
    rg_decref(tuple);
    return u;
}

py_obj *py_union_args(py_obj *u) { return UN(u)->args; }

static int union_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(UN(self)->args);
    RG_VISIT(UN(self)->parameters);
    return 0;
}

static int union_clear(py_obj *self)
{
    RG_CLEAR(UN(self)->args);
    RG_CLEAR(UN(self)->parameters);
    return 0;
}

static py_hash_t union_hash(py_obj *self)
{
    py_obj *fs = py_frozenset_new(UN(self)->args);
    if (fs == NULL) return -1;
    py_hash_t h = py_object_hash(fs);
    rg_decref(fs);
    return h;
}

/* Unions are equal when their argument sets are. */
static py_obj *union_richcompare(py_obj *a, py_obj *b, int op)
{
    if (!union_check(b) || (op != PY_EQ && op != PY_NE)) return py_new_ref(py_notimplemented);
    py_obj *a_set = py_set_new(UN(a)->args);
    if (a_set == NULL) return NULL;
    py_obj *b_set = py_set_new(UN(b)->args);
    if (b_set == NULL) {
        rg_decref(a_set);
        return NULL;
    }
    py_obj *r = py_object_rich_compare(a_set, b_set, op);
    rg_decref(a_set);
    rg_decref(b_set);
    return r;
}

/* __module__ is the class's ("types"), as 3.11's cls_attrs. */
static py_obj *union_getattro(py_obj *self, py_obj *name)
{
    if (py_unicode_check(name) && py_unicode_equal_to_ascii_string(name, "__module__"))
        return py_object_get_attr(py_type_object_of_obj(self), name);
    return py_object_generic_get_attr(self, name);
}

static py_obj *union_parameters(py_obj *self, void *unused)
{
    (void)unused;
    union_object *u = UN(self);
    if (u->parameters == NULL && (u->parameters = make_parameters(u->args)) == NULL) return NULL;
    return py_new_ref(u->parameters);
}

static py_obj *union_getitem(py_obj *self, py_obj *item)
{
    (void)item;
    py_obj *params = union_parameters(self, NULL);
    if (params == NULL) return NULL;
    py_ssize_t n = py_tuple_size(params);
    rg_decref(params);
    if (n == 0) return py_err_format(py_exc_TypeError, "%R is not a generic class", self);
    return py_err_format(py_exc_TypeError, "%R: type variable substitution needs the typing module", self);
}

static const py_member_def union_members[] = {
    {"__args__", PY_T_OBJECT, offsetof(union_object, args), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const py_getset_def union_getset[] = {
    {"__parameters__", union_parameters, NULL, "Type variables in the types.UnionType.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static py_mapping_methods union_as_mapping = {.mp_subscript = union_getitem};

static py_number_methods union_as_number = {.nb_or = py_union_type_or};

py_typeinfo py_union_info = {
    .rt = {.name = "types.UnionType", .size = sizeof(union_object), .flags = RG_TYPE_GC,
           .traverse = union_traverse, .clear = union_clear},
    .flags = PY_TPFLAGS_HAVE_GC,
    .doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
    .repr = union_repr,
    .hash = union_hash,
    .richcompare = union_richcompare,
    .getattro = union_getattro,
    .as_number = &union_as_number,
    .as_mapping = &union_as_mapping,
    .members = union_members,
    .getset = union_getset,
};
