/*
 * import.c -- the import statement restricted to built-in modules (3.11's
 * PyImport_ImportModuleLevelObject and import_from), the table of built-in
 * modules, and the interpreter's module state (py_modules_init/fini).
 *
 * Owns: the built-in module table (name -> creator), sys.modules (made in
 * interp->modules), the builtins and sys modules' registration, the
 * helpers every module file uses (py_module_from_defs,
 * py_modules_ready_type).
 *
 * Modules are created on first import and kept in sys.modules, as
 * CPython's built-in modules; sys and builtins exist from the start.
 * There are no packages: `import a.b` fails with python3's message.
 */
#include "lang/modules.h"
#include "lang/vm.h"

/* ====================================================================== */
/* Helpers for the module files                                            */
/* ====================================================================== */

py_obj *py_module_from_defs(const char *name, const py_method_def *methods, int (*fill)(py_obj *module, py_obj *dict))
{
    py_obj *nameobj = py_unicode_from_string(name);
    if (nameobj == NULL) return NULL;
    py_obj *m = py_module_new(nameobj);
    if (m == NULL) {
        rg_decref(nameobj);
        return NULL;
    }
    py_obj *dict = py_module_get_dict(m);
    for (const py_method_def *d = methods; d != NULL && d->name != NULL; d++) {
        py_obj *f = py_cfunction_new(d, m, nameobj);
        if (f == NULL || py_dict_set_item_string(dict, d->name, f) < 0) {
            rg_xdecref(f);
            goto fail;
        }
        rg_decref(f);
    }
    if (fill != NULL && fill(m, dict) < 0) goto fail;
    rg_decref(nameobj);
    return m;
fail:
    rg_decref(nameobj);
    rg_decref(m);
    return NULL;
}

int py_modules_ready_type(py_typeinfo *t) { return py_type_ready(t); }

/* ====================================================================== */
/* The built-in modules                                                    */
/* ====================================================================== */

typedef struct builtin_module {
    const char *name;
    py_obj *(*create)(void);
} builtin_module;

static const builtin_module builtin_modules[] = {
    {"gc", py_gc_module_create},
    {"weakref", py_weakref_module_create},
    {"_weakref", py__weakref_module_create},
    {"refgc", py_refgc_module_create},
    {"unicodedata", py_unicodedata_module_create}, /* names only (H5, unicodedatamodule.c) */
};

/* The creator of a built-in module, or NULL. */
static const builtin_module *find_builtin(py_obj *name)
{
    for (size_t i = 0; i < sizeof builtin_modules / sizeof builtin_modules[0]; i++)
        if (py_unicode_equal_to_ascii_string(name, builtin_modules[i].name)) return &builtin_modules[i];
    return NULL;
}

/* ModuleNotFoundError(msg, name=name). */
static py_obj *module_not_found(py_obj *msg, py_obj *name)
{
    if (msg == NULL) return NULL;
    py_obj *args = py_tuple_pack(1, msg);
    rg_decref(msg);
    if (args == NULL) return NULL;
    py_obj *exc = py_exception_new(py_exc_ModuleNotFoundError, args);
    rg_decref(args);
    if (exc == NULL) return NULL;
    if (py_object_set_attr(exc, py_id(name), name) < 0) {
        rg_decref(exc);
        return NULL;
    }
    py_err_set_raised_exception(exc);
    return NULL;
}

/* The module called name: sys.modules, else created from the table and
 * stored there.  New reference. */
static py_obj *import_one(py_obj *name)
{
    py_obj *modules = py_current->modules;
    py_obj *m = modules ? py_dict_get_item_with_error(modules, name) : NULL;
    if (m != NULL && m != py_none) return py_new_ref(m);
    if (py_err_occurred()) return NULL;
    const builtin_module *b = find_builtin(name);
    if (b == NULL || modules == NULL)
        return module_not_found(py_unicode_from_format("No module named %R", name), name);
    m = b->create();
    if (m == NULL) return NULL;
    if (py_dict_set_item(modules, name, m) < 0) {
        rg_decref(m);
        return NULL;
    }
    return m;
}

py_obj *py_import_module_level(py_obj *name, py_obj *globals, py_obj *locals, py_obj *fromlist, int level)
{
    (void)globals;
    (void)locals;
    (void)fromlist;
    if (name == NULL || !py_unicode_check(name)) {
        py_err_set_string(py_exc_TypeError, "module name must be a string");
        return NULL;
    }
    if (level < 0) {
        py_err_set_string(py_exc_ValueError, "level must be >= 0");
        return NULL;
    }
    if (level > 0) {
        py_err_set_string(py_exc_ImportError, "attempted relative import with no known parent package");
        return NULL;
    }
    py_ssize_t len = py_unicode_get_length(name);
    if (len == 0) {
        py_err_set_string(py_exc_ValueError, "Empty module name");
        return NULL;
    }
    py_ssize_t dot = py_unicode_find_char(name, '.', 0, len, 1);
    if (dot < 0) return import_one(name);
    /* a.b: a must import, and is never a package. */
    py_obj *head = py_unicode_substring(name, 0, dot);
    if (head == NULL) return NULL;
    py_obj *m = import_one(head);
    if (m == NULL) {
        rg_decref(head);
        return NULL;
    }
    rg_decref(m);
    py_obj *msg = py_unicode_from_format("No module named %R; %R is not a package", name, head);
    rg_decref(head);
    return module_not_found(msg, name);
}

py_obj *py_import_from(py_obj *module, py_obj *name)
{
    py_obj *x;
    if (py_object_lookup_attr(module, name, &x) != 0) return x;
    py_obj *pkgname = NULL;
    if (py_object_lookup_attr(module, py_id(__name__), &pkgname) < 0) return NULL;
    if (pkgname != NULL && py_unicode_check(pkgname) && py_current->modules != NULL) {
        py_obj *full = py_unicode_from_format("%U.%U", pkgname, name);
        if (full == NULL) {
            rg_decref(pkgname);
            return NULL;
        }
        x = py_dict_get_item_with_error(py_current->modules, full);
        rg_decref(full);
        if (x != NULL) {
            rg_decref(pkgname);
            return py_new_ref(x);
        }
        if (py_err_occurred()) {
            rg_decref(pkgname);
            return NULL;
        }
    }
    py_obj *msg;
    if (pkgname != NULL && py_unicode_check(pkgname))
        msg = py_unicode_from_format("cannot import name %R from %R (unknown location)", name, pkgname);
    else
        msg = py_unicode_from_format("cannot import name %R from '<unknown module name>' (unknown location)", name);
    if (msg == NULL) {
        rg_xdecref(pkgname);
        return NULL;
    }
    py_obj *args = py_tuple_pack(1, msg);
    rg_decref(msg);
    py_obj *exc = args ? py_exception_new(py_exc_ImportError, args) : NULL;
    rg_xdecref(args);
    if (exc != NULL && pkgname != NULL && py_object_set_attr(exc, py_id(name), pkgname) < 0) RG_CLEAR(exc);
    rg_xdecref(pkgname);
    if (exc != NULL) py_err_set_raised_exception(exc);
    return NULL;
}

/* ====================================================================== */
/* The interpreter's modules                                               */
/* ====================================================================== */

/* sys.modules[name] = m (stolen). */
static int register_module(const char *name, py_obj *m)
{
    if (m == NULL) return -1;
    int r = py_dict_set_item_string(py_current->modules, name, m);
    rg_decref(m);
    return r;
}

int py_modules_init(py_interp *interp, const py_sys_config *config)
{
    if (interp->modules == NULL && (interp->modules = py_dict_new()) == NULL) return -1;
    if (py_gc_state_init() < 0) return -1;
    static py_typeinfo *const types[] = {&py_weakref_ref_info, &py_weakref_proxy_info,
                                         &py_weakref_callable_proxy_info};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (py_modules_ready_type(types[i]) < 0) return -1;
    if (py_dict_get_item_string(interp->modules, "builtins") == NULL) {
        if (py_err_occurred() || register_module("builtins", py_builtins_module_new()) < 0) return -1;
    }
    py_obj *sys = py_sys_module_create(config);
    if (sys == NULL) return -1;
    PY_XSETREF(interp->sysdict, py_new_ref(py_module_get_dict(sys)));
    return register_module("sys", sys);
}

void py_modules_fini(py_interp *interp)
{
    (void)interp;
    py_weakref_state_fini();
    py_sys_state_fini();
    py_gc_state_fini();
}
