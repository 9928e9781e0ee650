/*
 * weakrefmodule.c -- the _weakref and weakref modules: getweakrefcount,
 * getweakrefs, ref, proxy, the reference types, KeyedRef, and
 * weakref.finalize with 3.11's semantics (Lib/weakref.py's class, in C).
 *
 * Owns: py_weakref_keyed_ref_info (KeyedRef), the finalize type and its
 * registry (file statics: the live finalizers in creation order, each held
 * by a strong reference, as the class's _registry dict holds them), the
 * shutdown flag, py_weakref_run_atexit and py_weakref_state_fini.
 *
 * finalize(obj, func, *args, **kwargs): a weakref.ref(obj, f) whose
 * callback is f itself; f() (or obj's death) takes f out of the registry
 * and calls func once -- never after shutdown.  At exit the live ones with
 * atexit true are called newest first, gc disabled meanwhile.
 */
#include "lang/modules.h"
#include "lang/vm.h"

/* ====================================================================== */
/* _weakref functions                                                      */
/* ====================================================================== */

/* getweakrefcount(object) */
static py_obj *weakref_getweakrefcount(py_obj *module, py_obj *ob)
{
    (void)module;
    return py_long_from_size_t(rg_weakref_count(ob));
}

/* getweakrefs(object): the list, in list order. */
static py_obj *weakref_getweakrefs(py_obj *module, py_obj *ob)
{
    (void)module;
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    for (rg_weakref *r = rg_weakref_first(ob); r != NULL; r = rg_weakref_next(r)) {
        if (py_list_append(list, RG_OBJ(r)) < 0) {
            rg_decref(list);
            return NULL;
        }
    }
    return list;
}

/* proxy(object, callback=None) */
static py_obj *weakref_proxy(py_obj *module, py_obj *args)
{
    (void)module;
    py_obj *ob = NULL, *callback = NULL;
    if (!py_arg_unpack_tuple(args, "proxy", 1, 2, &ob, &callback)) return NULL;
    return py_weakref_new_proxy(ob, callback);
}

/* _remove_dead_weakref(dict, key): del dict[key] if its value is a dead
 * reference. */
static py_obj *weakref_remove_dead(py_obj *module, py_obj *const *args, py_ssize_t nargs)
{
    (void)module;
    if (py_arg_check_positional("_remove_dead_weakref", nargs, 2, 2) < 0) return NULL;
    if (!py_dict_check(args[0])) {
        py_arg_bad_argument("_remove_dead_weakref", "argument 1", "dict", args[0]);
        return NULL;
    }
    py_obj *v = py_dict_get_item_with_error(args[0], args[1]);
    if (v == NULL && py_err_occurred()) return NULL;
    if (v != NULL && py_weakref_check_ref(v) && rg_weakref_get((rg_weakref *)v) == NULL &&
        py_dict_del_item(args[0], args[1]) < 0) {
        if (!py_err_exception_matches(py_exc_KeyError)) return NULL;
        py_err_clear();
    }
    return py_new_ref(py_none);
}

static const py_method_def weakref_functions[] = {
    {"getweakrefcount", {.o = weakref_getweakrefcount}, PY_METH_O,
     "Return the number of weak references to 'object'."},
    {"getweakrefs", {.o = weakref_getweakrefs}, PY_METH_O,
     "Return a list of all weak reference objects pointing to 'object'."},
    {"proxy", {.o = weakref_proxy}, PY_METH_VARARGS,
     "Create a proxy object that weakly references 'object'."},
    {"_remove_dead_weakref", {.fast = weakref_remove_dead}, PY_METH_FASTCALL,
     "Atomically remove key from dict if it points to a dead weakref."},
    {NULL, {NULL}, 0, NULL},
};

/* ====================================================================== */
/* KeyedRef: a ref with a key (WeakValueDictionary's values)               */
/* ====================================================================== */

typedef struct keyed_ref_object {
    struct rg_weakref wr;
    py_hash_t hash;
    py_obj *key;
} keyed_ref_object;

static int keyed_ref_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(rg_weakref_data((rg_weakref *)self));
    RG_VISIT(((keyed_ref_object *)self)->key);
    return 0;
}

static int keyed_ref_clear(py_obj *self)
{
    rg_weakref_detach((rg_weakref *)self);
    RG_CLEAR(((keyed_ref_object *)self)->key);
    return 0;
}

static void keyed_ref_dealloc(py_obj *self)
{
    rg_untrack(self);
    keyed_ref_clear(self);
    rg_object_free(self);
}

/* KeyedRef(ob, callback, key) */
static py_obj *keyed_ref_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)kwds;
    py_obj *ob = NULL, *callback = NULL, *key = NULL;
    if (!py_arg_unpack_tuple(args, "KeyedRef", 3, 3, &ob, &callback, &key)) return NULL;
    py_obj *self = py_weakref_new_typed(type, ob, callback);
    if (self == NULL) return NULL;
    ((keyed_ref_object *)self)->key = py_new_ref(key);
    return self;
}

static int keyed_ref_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    (void)self;
    (void)args;
    (void)kwds;
    return 0;
}

py_obj *py_keyed_ref_key(py_obj *ref) { return ((keyed_ref_object *)ref)->key; }

py_obj *py_keyed_ref_new_c(py_obj *ob, rg_weakref_callback cb, py_obj *data, py_obj *key)
{
    py_obj *self = py_weakref_new_c(&py_weakref_keyed_ref_info, ob, cb, data);
    if (self != NULL) ((keyed_ref_object *)self)->key = py_new_ref(key);
    return self;
}

static const py_member_def keyed_ref_members[] = {
    {"key", PY_T_OBJECT, offsetof(keyed_ref_object, key), PY_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

py_typeinfo py_weakref_keyed_ref_info = {
    .rt = {.name = "weakref.KeyedRef",
           .size = sizeof(keyed_ref_object),
           .flags = RG_TYPE_GC | RG_TYPE_WEAKREF,
           .traverse = keyed_ref_traverse,
           .clear = keyed_ref_clear,
           .dealloc = keyed_ref_dealloc},
    .flags = PY_TPFLAGS_BASETYPE,
    .base = &py_weakref_ref_info,
    .new = keyed_ref_new,
    .init = keyed_ref_init,
    .members = keyed_ref_members,
};

/* ====================================================================== */
/* WeakMethod: a ref to a bound method's self that also watches __func__   */
/* ====================================================================== */

typedef struct weak_method_object {
    struct rg_weakref wr;
    py_hash_t hash;
    py_obj *func_ref;  /* ref(meth.__func__) */
    py_obj *meth_type; /* type(meth) */
    char alive;
    rg_weakref *weaklist;
} weak_method_object;

#define WM(o) ((weak_method_object *)(o))

/* Both references' engine callback; data = (ref(self), callback): the
 * first death marks self dead and calls callback(self) once. */
static void weak_method_died(rg_weakref *ref, rg_object *data)
{
    (void)ref;
    py_obj *self = rg_weakref_get((rg_weakref *)py_tuple_get(data, 0));
    if (self == NULL || !WM(self)->alive) return;
    WM(self)->alive = 0;
    py_obj *callback = py_tuple_get(data, 1);
    if (callback == py_none) return;
    py_obj *t, *v, *tb;
    py_err_fetch(&t, &v, &tb);
    rg_incref(self);
    py_obj *res = py_object_call_one_arg(callback, self);
    if (res == NULL) py_err_write_unraisable(callback);
    else rg_decref(res);
    rg_decref(self);
    py_err_restore(t, v, tb);
}

static int weak_method_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(rg_weakref_data((rg_weakref *)self));
    RG_VISIT(WM(self)->func_ref);
    RG_VISIT(WM(self)->meth_type);
    return 0;
}

static int weak_method_clear(py_obj *self)
{
    rg_weakref_detach((rg_weakref *)self);
    RG_CLEAR(WM(self)->func_ref);
    RG_CLEAR(WM(self)->meth_type);
    return 0;
}

static void weak_method_dealloc(py_obj *self)
{
    rg_untrack(self);
    if (WM(self)->weaklist != NULL) rg_clear_weakrefs(self);
    weak_method_clear(self);
    rg_object_free(self);
}

/* WeakMethod(meth, callback=None) */
static py_obj *weak_method_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    static const char *const kwlist[] = {"meth", "callback", NULL};
    py_obj *argv[2] = {NULL, NULL};
    if (py_arg_unpack_keywords(py_tuple_items(args), py_tuple_size(args), kwds, NULL, "__new__", kwlist, 0, 1, 2,
                               argv) < 0)
        return NULL;
    py_obj *meth = argv[0], *callback = argv[1] ? argv[1] : py_none;
    py_obj *obj = NULL, *func = NULL;
    if (py_object_lookup_attr(meth, py_id(__self__), &obj) < 0) return NULL;
    if (obj != NULL) {
        py_obj *name = py_unicode_from_string("__func__");
        int r = name ? py_object_lookup_attr(meth, name, &func) : -1;
        rg_xdecref(name);
        if (r < 0) {
            rg_decref(obj);
            return NULL;
        }
    }
    if (obj == NULL || func == NULL) {
        rg_xdecref(obj);
        return py_err_format(py_exc_TypeError, "argument should be a bound method, not %R",
                             py_type_object_of_obj(meth));
    }
    py_obj *self = NULL, *selfref = NULL, *data = NULL;
    if (!py_type_of(obj)->rt.weaklist_offset) {
        py_err_format(py_exc_TypeError, "cannot create weak reference to '%s' object", py_obj_type_name(obj));
        goto done;
    }
    self = py_type_generic_alloc(type, 0);
    if (self == NULL) goto done;
    WM(self)->hash = -1;
    selfref = py_weakref_new_ref(self, NULL);
    data = selfref ? py_tuple_pack(2, selfref, callback) : NULL;
    if (data == NULL || rg_weakref_link((rg_weakref *)self, obj, weak_method_died, data) < 0) goto fail;
    WM(self)->func_ref = py_weakref_new_c(&py_weakref_ref_info, func, weak_method_died, data);
    if (WM(self)->func_ref == NULL) goto fail;
    WM(self)->meth_type = py_new_ref(py_type_object_of_obj(meth));
    WM(self)->alive = 1;
    goto done;
fail:
    if (!py_err_occurred()) py_err_bad_internal_call();
    RG_CLEAR(self);
done:
    rg_xdecref(selfref);
    rg_xdecref(data);
    rg_decref(obj);
    rg_decref(func);
    return self;
}

/* wm(): the bound method again, or None once obj or func died. */
static py_obj *weak_method_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords("weakref", kwds) < 0) return NULL;
    if (!py_arg_unpack_tuple(args, "weakref", 0, 0)) return NULL;
    py_obj *obj = rg_weakref_get((rg_weakref *)self);
    py_obj *func = WM(self)->func_ref ? rg_weakref_get((rg_weakref *)WM(self)->func_ref) : NULL;
    if (obj == NULL || func == NULL) return py_new_ref(py_none);
    if (py_typeinfo_of(WM(self)->meth_type) == &py_method_info) return py_method_new(func, obj);
    return py_object_call_function_obj_args(WM(self)->meth_type, func, obj, NULL);
}

static py_obj *weak_method_vectorcall(py_obj *self, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    (void)args;
    if (py_arg_no_kwnames("weakref", kwnames) < 0) return NULL;
    if (py_arg_check_positional("weakref", py_vectorcall_nargs(nargsf), 0, 0) < 0) return NULL;
    return weak_method_call(self, py_empty_tuple, NULL);
}

/* == / !=: both alive and equal objects and functions, else identity. */
static py_obj *weak_method_richcompare(py_obj *self, py_obj *other, int op)
{
    if ((op != PY_EQ && op != PY_NE) || !py_object_type_check(self, &py_weakref_weak_method_info) ||
        !py_object_type_check(other, &py_weakref_weak_method_info))
        return py_new_ref(py_notimplemented);
    int eq;
    if (!WM(self)->alive || !WM(other)->alive) {
        eq = self == other;
    } else {
        py_obj *a = rg_weakref_get((rg_weakref *)self), *b = rg_weakref_get((rg_weakref *)other);
        eq = a != NULL && b != NULL ? py_object_rich_compare_bool(a, b, PY_EQ) : self == other;
        if (eq > 0) eq = py_object_rich_compare_bool(WM(self)->func_ref, WM(other)->func_ref, PY_EQ);
        if (eq < 0) return NULL;
    }
    return py_bool_from_long(op == PY_EQ ? eq : !eq);
}

static py_hash_t weak_method_hash(py_obj *self) { return py_weakref_ref_info.hash(self); }

py_typeinfo py_weakref_weak_method_info = {
    .rt = {.name = "weakref.WeakMethod",
           .size = sizeof(weak_method_object),
           .flags = RG_TYPE_GC | RG_TYPE_WEAKREF,
           .weaklist_offset = offsetof(weak_method_object, weaklist),
           .traverse = weak_method_traverse,
           .clear = weak_method_clear,
           .dealloc = weak_method_dealloc},
    .flags = PY_TPFLAGS_BASETYPE,
    .doc = "A custom `weakref.ref` subclass which simulates a weak reference to a bound method.",
    .base = &py_weakref_ref_info,
    .hash = weak_method_hash,
    .richcompare = weak_method_richcompare,
    .call = weak_method_call,
    .vcall = weak_method_vectorcall,
    .new = weak_method_new,
    .init = keyed_ref_init,
};

/* ====================================================================== */
/* finalize                                                                */
/* ====================================================================== */

typedef struct finalize_object {
    RG_OBJECT_HEAD;
    py_obj *weakref; /* ref(obj, self) while registered */
    py_obj *func;
    py_obj *args;    /* tuple */
    py_obj *kwargs;  /* dict or NULL */
    size_t index;    /* creation order */
    char atexit;
    char alive;      /* in the registry */
} finalize_object;

#define FIN(o) ((finalize_object *)(o))

/* The registry: live finalizers, oldest first, each a strong reference. */
static py_obj **registry;
static size_t nregistry, registry_cap;
static size_t next_index;
static int shutdown;

static int registry_add(py_obj *f)
{
    if (nregistry == registry_cap) {
        size_t cap = registry_cap ? 2 * registry_cap : 16;
        py_obj **a = realloc(registry, cap * sizeof *a);
        if (a == NULL) {
            py_err_no_memory();
            return -1;
        }
        registry = a;
        registry_cap = cap;
    }
    registry[nregistry++] = py_new_ref(f);
    FIN(f)->alive = 1;
    return 0;
}

/* Take f out of the registry: the registry's reference is returned (the
 * caller drops it), or NULL if f was not there. */
static py_obj *registry_pop(py_obj *f)
{
    if (!FIN(f)->alive) return NULL;
    for (size_t i = nregistry; i-- > 0;) {
        if (registry[i] == f) {
            memmove(&registry[i], &registry[i + 1], (nregistry - i - 1) * sizeof *registry);
            nregistry--;
            FIN(f)->alive = 0;
            return f;
        }
    }
    return NULL;
}

static int finalize_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(FIN(self)->weakref);
    RG_VISIT(FIN(self)->func);
    RG_VISIT(FIN(self)->args);
    RG_VISIT(FIN(self)->kwargs);
    return 0;
}

static int finalize_clear(py_obj *self)
{
    RG_CLEAR(FIN(self)->weakref);
    RG_CLEAR(FIN(self)->func);
    RG_CLEAR(FIN(self)->args);
    RG_CLEAR(FIN(self)->kwargs);
    return 0;
}

/* finalize(obj, func, /, *args, **kwargs) */
static py_obj *finalize_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    py_ssize_t n = py_tuple_size(args);
    if (n < 2) {
        if (n == 0)
            return py_err_format(py_exc_TypeError,
                                 "finalize.__init__() missing 2 required positional arguments: 'obj' and 'func'");
        return py_err_format(py_exc_TypeError, "finalize.__init__() missing 1 required positional argument: 'func'");
    }
    py_obj *self = py_type_generic_alloc(type, 0);
    if (self == NULL) return NULL;
    finalize_object *f = FIN(self);
    f->weakref = py_weakref_new_ref(py_tuple_get(args, 0), self);
    if (f->weakref == NULL) goto fail;
    f->func = py_new_ref(py_tuple_get(args, 1));
    f->args = py_tuple_get_slice(args, 2, n);
    if (f->args == NULL) goto fail;
    if (kwds != NULL && py_dict_size(kwds) > 0 && (f->kwargs = py_dict_copy(kwds)) == NULL) goto fail;
    f->atexit = 1;
    f->index = next_index++;
    if (registry_add(self) < 0) goto fail;
    return self;
fail:
    rg_decref(self);
    return NULL;
}

/* f(_=None): once, unless shut down: func(*args, **kwargs). */
static py_obj *finalize_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords("finalize", kwds) < 0) return NULL;
    py_obj *unused = NULL;
    if (!py_arg_unpack_tuple(args, "__call__", 0, 1, &unused)) return NULL;
    py_obj *held = registry_pop(self);
    if (held == NULL) return py_new_ref(py_none);
    /* Out of the registry, f keeps nothing (the class drops its _Info):
     * its weakref (whose callback f is), func and arguments go now. */
    finalize_object *f = FIN(self);
    py_obj *func = f->func, *fargs = f->args, *fkw = f->kwargs;
    f->func = f->args = f->kwargs = NULL;
    RG_CLEAR(f->weakref);
    py_obj *res = (!shutdown && func != NULL) ? py_object_call(func, fargs, fkw) : py_new_ref(py_none);
    rg_xdecref(func);
    rg_xdecref(fargs);
    rg_xdecref(fkw);
    rg_decref(held);
    return res;
}

/* (obj, func, args, kwargs) while alive, else None; detach also
 * unregisters (and f lets go of them). */
static py_obj *finalize_info(py_obj *self, int detach)
{
    finalize_object *f = FIN(self);
    py_obj *obj = f->alive ? rg_weakref_get((rg_weakref *)f->weakref) : NULL;
    if (obj == NULL) return py_new_ref(py_none);
    py_obj *kw = f->kwargs ? py_new_ref(f->kwargs) : py_dict_new();
    if (kw == NULL) return NULL;
    py_obj *res = py_tuple_pack(4, obj, f->func, f->args, kw);
    rg_decref(kw);
    if (res != NULL && detach) {
        py_obj *held = registry_pop(self);
        finalize_clear(self);
        rg_xdecref(held);
    }
    return res;
}

static py_obj *finalize_detach(py_obj *self, py_obj *unused)
{
    (void)unused;
    return finalize_info(self, 1);
}

static py_obj *finalize_peek(py_obj *self, py_obj *unused)
{
    (void)unused;
    return finalize_info(self, 0);
}

static py_obj *finalize_get_alive(py_obj *self, void *c)
{
    (void)c;
    return py_bool_from_long(FIN(self)->alive);
}

static py_obj *finalize_get_atexit(py_obj *self, void *c)
{
    (void)c;
    return py_bool_from_long(FIN(self)->alive && FIN(self)->atexit);
}

static int finalize_set_atexit(py_obj *self, py_obj *value, void *c)
{
    (void)c;
    if (value == NULL) {
        py_err_set_string(py_exc_AttributeError, "can't delete attribute");
        return -1;
    }
    int t = py_object_is_true(value);
    if (t < 0) return -1;
    if (FIN(self)->alive) FIN(self)->atexit = (char)t;
    return 0;
}

/* <finalize object at 0x...; for 'A' at 0x...> or <... ; dead> */
static py_obj *finalize_repr(py_obj *self)
{
    py_obj *obj = FIN(self)->alive ? rg_weakref_get((rg_weakref *)FIN(self)->weakref) : NULL;
    const char *name = py_type_short_name(py_obj_type_name(self));
    if (obj == NULL) return py_unicode_from_format("<%s object at %p; dead>", name, (void *)self);
    return py_unicode_from_format("<%s object at %p; for '%s' at %p>", name, (void *)self,
                                  py_type_short_name(py_obj_type_name(obj)), (void *)obj);
}

static const py_method_def finalize_methods[] = {
    {"detach", {.o = finalize_detach}, PY_METH_NOARGS, "If alive then mark as dead and return (obj, func, args, kwargs)"},
    {"peek", {.o = finalize_peek}, PY_METH_NOARGS, "If alive then return (obj, func, args, kwargs)"},
    {NULL, {NULL}, 0, NULL},
};

static const py_getset_def finalize_getset[] = {
    {"alive", finalize_get_alive, NULL, "Whether finalizer is alive", NULL},
    {"atexit", finalize_get_atexit, finalize_set_atexit, "Whether finalizer should be called at exit", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

py_typeinfo py_weakref_finalize_info = {
    .rt = {.name = "weakref.finalize",
           .size = sizeof(finalize_object),
           .flags = RG_TYPE_GC,
           .traverse = finalize_traverse,
           .clear = finalize_clear},
    .flags = PY_TPFLAGS_BASETYPE,
    .doc = "Class for finalization of weakrefable objects",
    .repr = finalize_repr,
    .call = finalize_call,
    .new = finalize_new,
    .methods = finalize_methods,
    .getset = finalize_getset,
};

/* Report the exception of a failing exit finalizer as sys.excepthook
 * would (the traceback on stderr). */
static void report_exit_error(void)
{
    py_obj *hook = py_sys_get_object("excepthook");
    py_obj *exc = py_err_get_raised_exception();
    if (exc == NULL) return;
    if (hook != NULL) {
        py_obj *tb = py_exception_get_traceback(exc);
        py_obj *res = py_object_call_function_obj_args(hook, py_type_object_of_obj(exc), exc, tb ? tb : py_none, NULL);
        rg_xdecref(tb);
        if (res != NULL) {
            rg_decref(res);
            rg_decref(exc);
            return;
        }
        py_err_clear();
    }
    py_err_set_raised_exception(exc);
    py_err_write_unraisable(NULL);
}

void py_weakref_run_atexit(void)
{
    if (nregistry > 0) {
        rg_heap *heap = py_heap();
        int reenable = rg_gc_isenabled(heap);
        rg_gc_disable(heap);
        for (;;) {
            /* The newest live finalizer marked for exit. */
            py_obj *f = NULL;
            for (size_t i = nregistry; i-- > 0;)
                if (FIN(registry[i])->atexit) {
                    f = registry[i];
                    break;
                }
            if (f == NULL) break;
            rg_incref(f);
            py_obj *res = finalize_call(f, py_empty_tuple, NULL);
            if (res == NULL) {
                if (py_err_exception_matches(py_exc_Exception)) report_exit_error();
                else py_err_write_unraisable(f);
            } else {
                rg_decref(res);
            }
            py_obj *held = registry_pop(f); /* if the call failed before popping */
            rg_xdecref(held);
            rg_decref(f);
        }
        if (reenable) rg_gc_enable(heap);
    }
    shutdown = 1;
}

void py_weakref_state_fini(void)
{
    /* Release the registry (finalizers die uncalled, as at teardown). */
    while (nregistry > 0) {
        py_obj *f = registry[--nregistry];
        FIN(f)->alive = 0;
        rg_decref(f);
    }
    free(registry);
    registry = NULL;
    registry_cap = 0;
    next_index = 0;
    shutdown = 0;
}

/* ====================================================================== */
/* The modules                                                             */
/* ====================================================================== */

/* _weakref's attributes beyond its functions. */
static int fill__weakref(py_obj *module, py_obj *dict)
{
    (void)module;
    if (py_modules_ready_type(&py_weakref_ref_info) < 0 || py_modules_ready_type(&py_weakref_proxy_info) < 0 ||
        py_modules_ready_type(&py_weakref_callable_proxy_info) < 0)
        return -1;
    if (py_dict_set_item_string(dict, "ref", py_weakref_ref_info.type_obj) < 0 ||
        py_dict_set_item_string(dict, "ReferenceType", py_weakref_ref_info.type_obj) < 0 ||
        py_dict_set_item_string(dict, "ProxyType", py_weakref_proxy_info.type_obj) < 0 ||
        py_dict_set_item_string(dict, "CallableProxyType", py_weakref_callable_proxy_info.type_obj) < 0)
        return -1;
    return 0;
}

py_obj *py__weakref_module_create(void)
{
    return py_module_from_defs("_weakref", weakref_functions, fill__weakref);
}

/* weakref: _weakref's names, then the types and classes of Lib/weakref.py. */
static int fill_weakref(py_obj *module, py_obj *dict)
{
    (void)module;
    py_obj *name = py_unicode_from_string("_weakref");
    if (name == NULL) return -1;
    py_obj *w = py_import_module_level(name, NULL, NULL, NULL, 0);
    rg_decref(name);
    if (w == NULL) return -1;
    static const char *const from_weakref[] = {"getweakrefcount", "getweakrefs", "ref", "proxy", "ReferenceType",
                                               "ProxyType", "CallableProxyType", "_remove_dead_weakref", NULL};
    for (int i = 0; from_weakref[i]; i++) {
        py_obj *v = py_dict_get_item_string(py_module_get_dict(w), from_weakref[i]);
        if (v == NULL || py_dict_set_item_string(dict, from_weakref[i], v) < 0) {
            rg_decref(w);
            if (!py_err_occurred()) py_err_set_string(py_exc_ImportError, "cannot import from _weakref");
            return -1;
        }
    }
    rg_decref(w);
    py_obj *proxies = py_tuple_pack(2, py_weakref_proxy_info.type_obj, py_weakref_callable_proxy_info.type_obj);
    if (proxies == NULL) return -1;
    int r = py_dict_set_item_string(dict, "ProxyTypes", proxies);
    rg_decref(proxies);
    if (r < 0) return -1;
    py_typeinfo *const classes[] = {&py_weakref_keyed_ref_info, &py_weakref_weak_method_info,
                                    &py_weakref_finalize_info, &py_weak_value_dict_info,
                                    &py_weak_key_dict_info, &py_weak_set_info};
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        if (py_modules_ready_type(classes[i]) < 0) return -1;
        if (py_dict_set_item_string(dict, py_type_short_name(classes[i]->rt.name), classes[i]->type_obj) < 0)
            return -1;
    }
    return 0;
}

py_obj *py_weakref_module_create(void) { return py_module_from_defs("weakref", NULL, fill_weakref); }
