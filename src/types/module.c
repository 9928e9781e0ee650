/*
 * module.c -- module objects (CPython 3.11's Objects/moduleobject.c, the
 * parts a module written in Python needs).
 *
 * Owns: module objects (56 bytes, GC: sys.getsizeof 72) with their dict
 * (__name__, __doc__, __package__, __loader__, __spec__ set at creation,
 * in that order), module(name, doc=None), getattr with a module-level
 * __getattr__ and "module 'm' has no attribute 'x'", repr.
 *
 * Invariants: md_dict is a dict while the module lives.
 *
 * Must not: import anything (the front end's importer fills modules).
 */
#include "object.h"

typedef struct {
    RG_OBJECT_HEAD;
    py_obj *md_dict;
    void *md_def;
    void *md_state;
    rg_weakref *md_weaklist;
    py_obj *md_name;
} module_object;

#define MOD(o) ((module_object *)(o))

/* module_init_dict: the five standard entries. */
static int module_init_dict(py_obj *md_dict, py_obj *name, py_obj *doc)
{
    if (doc == NULL) doc = py_none;
    if (py_dict_set_item(md_dict, py_id(__name__), name) != 0) return -1;
    if (py_dict_set_item_string(md_dict, "__doc__", doc) != 0) return -1;
    if (py_dict_set_item_string(md_dict, "__package__", py_none) != 0) return -1;
    if (py_dict_set_item_string(md_dict, "__loader__", py_none) != 0) return -1;
    if (py_dict_set_item_string(md_dict, "__spec__", py_none) != 0) return -1;
    return 0;
}

py_obj *py_module_new(py_obj *name)
{
    module_object *m = (module_object *)py_type_generic_alloc(&py_module_info, 0);
    if (m == NULL) return NULL;
    m->md_dict = py_dict_new();
    if (m->md_dict == NULL || module_init_dict(m->md_dict, name, NULL) != 0) {
        rg_decref((py_obj *)m);
        return NULL;
    }
    m->md_name = py_new_ref(name);
    return (py_obj *)m;
}

py_obj *py_module_get_dict(py_obj *m) { return MOD(m)->md_dict; }

/* module.__new__: an empty dict; __init__ fills it. */
static py_obj *module_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)args;
    (void)kwds;
    module_object *m = (module_object *)py_type_generic_alloc(type, 0);
    if (m == NULL) return NULL;
    m->md_dict = py_dict_new();
    if (m->md_dict == NULL) {
        rg_decref((py_obj *)m);
        return NULL;
    }
    return (py_obj *)m;
}

/* module(name, doc=None) */
static int module_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_obj *name = NULL, *doc = NULL;
    if (kwds != NULL && py_dict_size(kwds) > 0) {
        doc = py_dict_get_item_string(kwds, "doc");
        name = py_dict_get_item_string(kwds, "name");
    }
    py_ssize_t n = py_tuple_size(args);
    if (n > 0) name = py_tuple_get(args, 0);
    if (n > 1) doc = py_tuple_get(args, 1);
    if (name == NULL || n > 2) {
        py_err_format(py_exc_TypeError, "module.__init__() takes at least 1 argument (%zd given)", n);
        return -1;
    }
    if (!py_unicode_check(name)) {
        py_err_format(py_exc_TypeError, "module.__init__() argument 'name' must be str, not %.50s", py_obj_type_name(name));
        return -1;
    }
    PY_XSETREF(MOD(self)->md_name, py_new_ref(name));
    return module_init_dict(MOD(self)->md_dict, name, doc);
}

static int module_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(MOD(self)->md_dict);
    return 0;
}

static int module_clear(py_obj *self)
{
    RG_CLEAR(MOD(self)->md_dict);
    return 0;
}

static void module_dealloc(py_obj *self)
{
    module_object *m = MOD(self);
    if (m->md_weaklist != NULL) rg_clear_weakrefs(self);
    RG_CLEAR(m->md_dict);
    RG_CLEAR(m->md_name);
    rg_object_free(self);
}

static py_obj *module_repr(py_obj *self)
{
    py_obj *d = MOD(self)->md_dict;
    py_obj *name = d ? py_dict_get_item_string(d, "__name__") : NULL;
    py_obj *file = d ? py_dict_get_item_string(d, "__file__") : NULL;
    if (name == NULL) name = py_id(__main__);
    if (file != NULL && py_unicode_check(file)) return py_unicode_from_format("<module %R from %R>", name, file);
    return py_unicode_from_format("<module %R>", name);
}

/* Generic lookup, then the module's __getattr__, then the error. */
static py_obj *module_getattro(py_obj *self, py_obj *name)
{
    py_obj *attr = py_object_generic_get_attr_with_dict(self, name, NULL, 1);
    if (attr != NULL || py_err_occurred()) return attr;
    py_obj *d = MOD(self)->md_dict;
    if (d != NULL) {
        py_obj *getattr = py_dict_get_item_with_error(d, py_id(__getattr__));
        if (getattr != NULL) return py_object_call_one_arg(getattr, name);
        if (py_err_occurred()) return NULL;
        py_obj *mod_name = py_dict_get_item_with_error(d, py_id(__name__));
        if (mod_name != NULL && py_unicode_check(mod_name))
            return py_err_format(py_exc_AttributeError, "module '%U' has no attribute '%U'", mod_name, name);
    }
    return py_err_format(py_exc_AttributeError, "module has no attribute '%U'", name);
}

static const py_member_def module_members[] = {
    {"__dict__", PY_T_OBJECT, offsetof(module_object, md_dict), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

py_typeinfo py_module_info = {
    .rt = {.name = "module", .size = sizeof(module_object), .flags = RG_TYPE_GC, .traverse = module_traverse,
           .clear = module_clear, .dealloc = module_dealloc, .weaklist_offset = offsetof(module_object, md_weaklist)},
    .flags = PY_TPFLAGS_HAVE_GC | PY_TPFLAGS_BASETYPE,
    .dictoffset = offsetof(module_object, md_dict),
    .doc = "Create a module object.",
    .repr = module_repr,
    .getattro = module_getattro,
    .setattro = py_object_generic_set_attr,
    .init = module_init,
    .new = module_new,
    .members = module_members,
};
