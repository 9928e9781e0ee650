/*
 * property.c -- the property type (CPython 3.11's Objects/descrobject.c
 * property part): fget/fset/fdel/doc, the getter's __doc__ taken over
 * (getter_doc) with 3.11's rules for a None docstring, __set_name__'s name
 * in the "property 'x' of 'C' object has no getter" messages, and
 * getter/setter/deleter returning modified copies.
 *
 * Split from descr.c, which owns the other descriptors.
 */
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* property                                                                */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *prop_get, *prop_set, *prop_del, *prop_doc, *prop_name;
    int getter_doc;
} property_object;

static int property_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    property_object *pp = (property_object *)self;
    RG_VISIT(pp->prop_get);
    RG_VISIT(pp->prop_set);
    RG_VISIT(pp->prop_del);
    RG_VISIT(pp->prop_doc);
    RG_VISIT(pp->prop_name);
    return 0;
}

static int property_clear(py_obj *self)
{
    RG_CLEAR(((property_object *)self)->prop_doc);
    return 0;
}

static void property_dealloc(py_obj *self)
{
    property_object *gs = (property_object *)self;
    RG_CLEAR(gs->prop_get);
    RG_CLEAR(gs->prop_set);
    RG_CLEAR(gs->prop_del);
    RG_CLEAR(gs->prop_doc);
    RG_CLEAR(gs->prop_name);
    rg_object_free(self);
}

/* "property 'x' of 'C' object has no getter" (3.11's messages). */
static void property_error(property_object *gs, py_obj *obj, const char *what)
{
    py_obj *qualname = py_type_get_qualname(py_type_of(obj));
    if (qualname == NULL) {
        py_err_format(py_exc_AttributeError, "property has no %s", what);
        return;
    }
    if (gs->prop_name != NULL)
        py_err_format(py_exc_AttributeError, "property %R of %R object has no %s", gs->prop_name, qualname, what);
    else
        py_err_format(py_exc_AttributeError, "property of %R object has no %s", qualname, what);
    rg_decref(qualname);
}

static py_obj *property_descr_get(py_obj *self, py_obj *obj, py_obj *type)
{
    (void)type;
    if (obj == NULL || obj == py_none) return py_new_ref(self);
    property_object *gs = (property_object *)self;
    if (gs->prop_get == NULL) {
        property_error(gs, obj, "getter");
        return NULL;
    }
    py_obj *args[1] = {obj};
    return py_object_vectorcall(gs->prop_get, args, 1, NULL);
}

static int property_descr_set(py_obj *self, py_obj *obj, py_obj *value)
{
    property_object *gs = (property_object *)self;
    py_obj *func = value == NULL ? gs->prop_del : gs->prop_set, *res;
    if (func == NULL) {
        property_error(gs, obj, value == NULL ? "deleter" : "setter");
        return -1;
    }
    if (value == NULL) res = py_object_call_one_arg(func, obj);
    else {
        py_obj *args[2] = {obj, value};
        res = py_object_vectorcall(func, args, 2, NULL);
    }
    if (res == NULL) return -1;
    rg_decref(res);
    return 0;
}

/* property(fget=None, fset=None, fdel=None, doc=None).__init__ */
static int property_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    property_object *prop = (property_object *)self;
    py_obj *vals[4] = {NULL, NULL, NULL, NULL};
    static const char *const names[4] = {"fget", "fset", "fdel", "doc"};
    py_ssize_t nargs = py_tuple_size(args);
    if (nargs > 4) {
        py_err_format(py_exc_TypeError, "property() takes at most 4 arguments (%zd given)", nargs);
        return -1;
    }
    for (py_ssize_t i = 0; i < nargs; i++) vals[i] = py_tuple_get(args, i);
    if (kwds != NULL) {
        py_ssize_t pos = 0;
        py_obj *k, *v;
        while (py_dict_next(kwds, &pos, &k, &v)) {
            int found = 0;
            for (int i = 0; i < 4; i++)
                if (py_unicode_check(k) && py_unicode_equal_to_ascii_string(k, names[i])) {
                    if (vals[i] != NULL) {
                        py_err_format(py_exc_TypeError, "argument for property() given by name ('%s') and position (%d)",
                                      names[i], i + 1);
                        return -1;
                    }
                    vals[i] = v;
                    found = 1;
                }
            if (!found) {
                py_err_format(py_exc_TypeError, "property() got an unexpected keyword argument '%S'", k);
                return -1;
            }
        }
    }
    for (int i = 0; i < 4; i++)
        if (vals[i] == py_none) vals[i] = NULL;
    PY_XSETREF(prop->prop_get, py_xnew_ref(vals[0]));
    PY_XSETREF(prop->prop_set, py_xnew_ref(vals[1]));
    PY_XSETREF(prop->prop_del, py_xnew_ref(vals[2]));
    PY_XSETREF(prop->prop_doc, py_xnew_ref(vals[3]));
    RG_CLEAR(prop->prop_name);
    prop->getter_doc = 0;
    /* The getter's __doc__ when no doc was given. */
    if ((vals[3] == NULL) && vals[0] != NULL) {
        py_obj *get_doc;
        int rc = py_object_lookup_attr(vals[0], py_id(__doc__), &get_doc);
        if (rc < 0) return -1;
        if (rc > 0) {
            /* 3.11 keeps a None __doc__ of the getter on property itself
             * (getter_doc set); subclasses drop it. */
            if (get_doc == py_none && py_type_of(self) != &py_property_info) rg_decref(get_doc);
            else {
                PY_XSETREF(prop->prop_doc, get_doc);
                prop->getter_doc = 1;
            }
        }
    }
    return 0;
}

/* property_copy: getter/setter/deleter return a modified copy. */
static py_obj *property_copy(py_obj *old, py_obj *get, py_obj *set, py_obj *del)
{
    property_object *pold = (property_object *)old;
    if (get == NULL || get == py_none) get = pold->prop_get ? pold->prop_get : py_none;
    if (set == NULL || set == py_none) set = pold->prop_set ? pold->prop_set : py_none;
    if (del == NULL || del == py_none) del = pold->prop_del ? pold->prop_del : py_none;
    py_obj *doc = (pold->getter_doc && get != py_none) ? py_none : (pold->prop_doc ? pold->prop_doc : py_none);
    py_obj *type = py_type_object_of_obj(old);
    py_obj *new_ = py_object_call_function_obj_args(type, get, set, del, doc, NULL);
    if (new_ == NULL) return NULL;
    if (py_is_type(new_, &py_property_info)) PY_XSETREF(((property_object *)new_)->prop_name, py_xnew_ref(pold->prop_name));
    return new_;
}

static py_obj *property_getter(py_obj *self, py_obj *f) { return property_copy(self, f, NULL, NULL); }
static py_obj *property_setter(py_obj *self, py_obj *f) { return property_copy(self, NULL, f, NULL); }
static py_obj *property_deleter(py_obj *self, py_obj *f) { return property_copy(self, NULL, NULL, f); }

static py_obj *property_set_name(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (nargs != 2) return py_err_format(py_exc_TypeError, "__set_name__() takes 2 positional arguments but %zd were given", nargs);
    PY_XSETREF(((property_object *)self)->prop_name, py_new_ref(args[1]));
    return py_new_ref(py_none);
}

static const py_method_def property_methods[] = {
    {"getter", {.o = property_getter}, PY_METH_O, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", {.o = property_setter}, PY_METH_O, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", {.o = property_deleter}, PY_METH_O, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", {.fast = property_set_name}, PY_METH_FASTCALL, "Method to set name of a property."},
    {NULL, {NULL}, 0, NULL},
};

static const py_member_def property_members[] = {
    {"fget", PY_T_OBJECT, offsetof(property_object, prop_get), PY_READONLY, NULL},
    {"fset", PY_T_OBJECT, offsetof(property_object, prop_set), PY_READONLY, NULL},
    {"fdel", PY_T_OBJECT, offsetof(property_object, prop_del), PY_READONLY, NULL},
    {"__doc__", PY_T_OBJECT, offsetof(property_object, prop_doc), 0, NULL},
    {NULL, 0, 0, 0, NULL},
};

py_typeinfo py_property_info = {
    .rt = {.name = "property", .size = sizeof(property_object), .flags = RG_TYPE_GC,
           .traverse = property_traverse, .clear = property_clear, .dealloc = property_dealloc},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .descr_get = property_descr_get,
    .descr_set = property_descr_set,
    .init = property_init,
    .new = py_type_generic_new,
    .methods = property_methods,
    .members = property_members,
};
