/*
 * weakref.c -- weak reference objects as Python objects: weakref.ref
 * (ReferenceType, subclassable), weakref.ProxyType and CallableProxyType
 * (3.11's Objects/weakrefobject.c on the engine's typed weak references).
 *
 * Owns: py_weakref_ref_info, py_weakref_proxy_info,
 * py_weakref_callable_proxy_info and the constructors of modules.h.
 *
 * Layout: the engine's struct rg_weakref (referent, C callback, data,
 * list links: RG_WEAKREF_SIZE bytes) then the cached hash: 64 bytes, as
 * CPython's PyWeakReference (sys.getsizeof 80).  A Python callback is the
 * engine's data; the engine's C callback is call_python_callback, which
 * calls it with the reference and reports a failure as unraisable, with
 * the current exception saved around it (PyObject_ClearWeakRefs).
 *
 * List order and sharing are the engine's (RG_TYPE_WEAKREF_SHARED on the
 * exact ref type and the proxy types; subclasses are never shared):
 * weakref.ref(x) is weakref.ref(x); getweakrefs lists the shared ref, the
 * shared proxy, then the others newest first.
 */
#include "lang/modules.h"

typedef struct py_weakref_object {
    struct rg_weakref wr;
    py_hash_t hash; /* -1 until computed */
} py_weakref_object;

#define WR(o) ((py_weakref_object *)(o))

/* ====================================================================== */
/* Common                                                                  */
/* ====================================================================== */

/* The engine calls this when a referent with a Python callback dies. */
static void call_python_callback(rg_weakref *ref, rg_object *callback)
{
    py_obj *t, *v, *tb;
    py_err_fetch(&t, &v, &tb);
    py_obj *res = py_object_call_one_arg(callback, RG_OBJ(ref));
    if (res == NULL) py_err_write_unraisable(callback);
    else rg_decref(res);
    py_err_restore(t, v, tb);
}

int py_weakref_check_ref(const py_obj *o) { return py_object_type_check(o, &py_weakref_ref_info); }

int py_weakref_check_proxy(const py_obj *o)
{
    return py_is_type(o, &py_weakref_proxy_info) || py_is_type(o, &py_weakref_callable_proxy_info);
}

py_obj *py_weakref_get_object(py_obj *ref)
{
    py_obj *o = rg_weakref_get((rg_weakref *)ref);
    return o ? o : py_none;
}

/* A reference weakly to ob of type (allocated as CPython's tp_alloc, then
 * linked); the shared one of its kind when sharing applies.  cb: the
 * engine callback for data (call_python_callback for a Python one). */
static py_obj *new_weakref_c(py_typeinfo *type, py_obj *ob, rg_weakref_callback cb, py_obj *callback)
{
    if (!py_type_of(ob)->rt.weaklist_offset) {
        return py_err_format(py_exc_TypeError, "cannot create weak reference to '%s' object",
                             py_obj_type_name(ob));
    }
    if (callback == NULL) cb = NULL;
    int proxy = (type->rt.flags & RG_TYPE_WEAKREF_PROXY) != 0;
    int shareable = callback == NULL && (type->rt.flags & RG_TYPE_WEAKREF_SHARED);
    rg_weakref *shared = shareable ? rg_weakref_shared(ob, proxy) : NULL;
    if (shared != NULL) return py_new_ref(RG_OBJ(shared));
    py_obj *self = py_type_generic_alloc(type, 0);
    if (self == NULL) return NULL;
    WR(self)->hash = -1;
    if (rg_weakref_link((rg_weakref *)self, ob, cb, callback) < 0) {
        rg_decref(self);
        return py_err_bad_internal_call();
    }
    return self;
}

static py_obj *new_weakref(py_typeinfo *type, py_obj *ob, py_obj *callback)
{
    if (callback == py_none) callback = NULL;
    return new_weakref_c(type, ob, call_python_callback, callback);
}

py_obj *py_weakref_new_typed(py_typeinfo *type, py_obj *ob, py_obj *callback)
{
    return new_weakref(type, ob, callback);
}

py_obj *py_weakref_new_c(py_typeinfo *type, py_obj *ob, rg_weakref_callback cb, py_obj *data)
{
    return new_weakref_c(type, ob, cb, data);
}

py_obj *py_weakref_new_ref(py_obj *ob, py_obj *callback)
{
    return new_weakref(&py_weakref_ref_info, ob, callback);
}

py_obj *py_weakref_new_proxy(py_obj *ob, py_obj *callback)
{
    py_typeinfo *t = py_callable_check(ob) ? &py_weakref_callable_proxy_info : &py_weakref_proxy_info;
    return new_weakref(t, ob, callback);
}

/* The references' engine hooks: the callback is the one reference. */
static int weakref_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(rg_weakref_data((rg_weakref *)self));
    return 0;
}

static int weakref_tp_clear(py_obj *self)
{
    rg_weakref_detach((rg_weakref *)self);
    return 0;
}

static void weakref_dealloc(py_obj *self)
{
    rg_untrack(self);
    rg_weakref_detach((rg_weakref *)self);
    rg_object_free(self);
}

/* ====================================================================== */
/* weakref.ref                                                             */
/* ====================================================================== */

/* weakref.__new__(type, ob, callback=None) (keywords ignored, as 3.11). */
static py_obj *weakref_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)kwds;
    py_obj *ob = NULL, *callback = NULL;
    if (!py_arg_unpack_tuple(args, "__new__", 1, 2, &ob, &callback)) return NULL;
    return new_weakref(type, ob, callback);
}

/* weakref.__init__: the arguments were checked by __new__. */
static int weakref_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    (void)self;
    (void)kwds;
    py_obj *ob = NULL, *callback = NULL;
    return py_arg_unpack_tuple(args, "__init__", 1, 2, &ob, &callback) ? 0 : -1;
}

/* r(): the referent or None. */
static py_obj *weakref_vectorcall(py_obj *self, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    (void)args;
    if (py_arg_no_kwnames("weakref", kwnames) < 0) return NULL;
    if (py_arg_check_positional("weakref", py_vectorcall_nargs(nargsf), 0, 0) < 0) return NULL;
    return py_new_ref(py_weakref_get_object(self));
}

static py_obj *weakref_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    if (py_arg_no_keywords("weakref", kwds) < 0) return NULL;
    if (!py_arg_unpack_tuple(args, "weakref", 0, 0)) return NULL;
    return py_new_ref(py_weakref_get_object(self));
}

/* The referent's hash, remembered (also after death). */
static py_hash_t weakref_hash(py_obj *self)
{
    if (WR(self)->hash != -1) return WR(self)->hash;
    py_obj *o = rg_weakref_get((rg_weakref *)self);
    if (o == NULL) {
        py_err_set_string(py_exc_TypeError, "weak object has gone away");
        return -1;
    }
    rg_incref(o);
    WR(self)->hash = py_object_hash(o);
    rg_decref(o);
    return WR(self)->hash;
}

/* == and != of two references: their referents while both live, else
 * identity. */
static py_obj *weakref_richcompare(py_obj *self, py_obj *other, int op)
{
    if ((op != PY_EQ && op != PY_NE) || !py_weakref_check_ref(self) || !py_weakref_check_ref(other))
        return py_new_ref(py_notimplemented);
    py_obj *a = rg_weakref_get((rg_weakref *)self), *b = rg_weakref_get((rg_weakref *)other);
    if (a == NULL || b == NULL) {
        int same = self == other;
        return py_bool_from_long(op == PY_EQ ? same : !same);
    }
    rg_incref(a);
    rg_incref(b);
    py_obj *res = py_object_rich_compare(a, b, op);
    rg_decref(a);
    rg_decref(b);
    return res;
}

/* <weakref at 0x...; to 'A' at 0x... (name)> or <weakref at 0x...; dead>. */
static py_obj *weakref_repr(py_obj *self)
{
    py_obj *o = rg_weakref_get((rg_weakref *)self);
    if (o == NULL) return py_unicode_from_format("<weakref at %p; dead>", (void *)self);
    rg_incref(o);
    py_obj *name = NULL, *res;
    if (py_object_lookup_attr(o, py_id(__name__), &name) < 0) {
        rg_decref(o);
        return NULL;
    }
    if (name == NULL || name == py_none)
        res = py_unicode_from_format("<weakref at %p; to '%s' at %p>", (void *)self, py_obj_type_name(o), (void *)o);
    else
        res = py_unicode_from_format("<weakref at %p; to '%s' at %p (%U)>", (void *)self, py_obj_type_name(o),
                                     (void *)o, name);
    rg_xdecref(name);
    rg_decref(o);
    return res;
}

static py_obj *weakref_get_callback(py_obj *self, void *c)
{
    (void)c;
    py_obj *cb = rg_weakref_data((rg_weakref *)self);
    return py_new_ref(cb ? cb : py_none);
}

static const py_getset_def weakref_getset[] = {
    {"__callback__", weakref_get_callback, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const py_method_def weakref_methods[] = {
    {"__class_getitem__", {.o = py_generic_alias_class_getitem}, PY_METH_O | PY_METH_CLASS, NULL},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_weakref_ref_info = {
    .rt = {.name = "weakref.ReferenceType",
           .size = sizeof(py_weakref_object),
           .flags = RG_TYPE_GC | RG_TYPE_NO_TRASHCAN | RG_TYPE_WEAKREF | RG_TYPE_WEAKREF_SHARED,
           .traverse = weakref_traverse,
           .clear = weakref_tp_clear,
           .dealloc = weakref_dealloc},
    .flags = PY_TPFLAGS_BASETYPE,
    .repr = weakref_repr,
    .hash = weakref_hash,
    .richcompare = weakref_richcompare,
    .call = weakref_call,
    .vcall = weakref_vectorcall,
    .new = weakref_new,
    .init = weakref_init,
    .methods = weakref_methods,
    .getset = weakref_getset,
};

/* ====================================================================== */
/* Proxies                                                                 */
/* ====================================================================== */

/* The live referent of a proxy (a new reference), or NULL with
 * ReferenceError. */
static py_obj *proxy_target(py_obj *proxy)
{
    py_obj *o = rg_weakref_get((rg_weakref *)proxy);
    if (o == NULL) {
        py_err_set_string(py_exc_ReferenceError, "weakly-referenced object no longer exists");
        return NULL;
    }
    return py_new_ref(o);
}

/* x unwrapped if it is a proxy (new reference; NULL if dead). */
static py_obj *unwrap(py_obj *x)
{
    return py_weakref_check_proxy(x) ? proxy_target(x) : py_new_ref(x);
}

static py_obj *proxy_getattr(py_obj *self, py_obj *name)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return NULL;
    py_obj *res = py_object_get_attr(o, name);
    rg_decref(o);
    return res;
}

static int proxy_setattr(py_obj *self, py_obj *name, py_obj *value)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return -1;
    int r = py_object_set_attr(o, name, value);
    rg_decref(o);
    return r;
}

static py_obj *proxy_str(py_obj *self)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return NULL;
    py_obj *res = py_object_str(o);
    rg_decref(o);
    return res;
}

/* <weakproxy at 0x... to A at 0x...> (NoneType once dead, as 3.11). */
static py_obj *proxy_repr(py_obj *self)
{
    py_obj *o = py_weakref_get_object(self);
    return py_unicode_from_format("<weakproxy at %p to %s at %p>", (void *)self, py_obj_type_name(o), (void *)o);
}

static py_obj *proxy_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return NULL;
    py_obj *res = py_object_call(o, args, kwds);
    rg_decref(o);
    return res;
}

static py_obj *proxy_richcompare(py_obj *self, py_obj *other, int op)
{
    py_obj *a = unwrap(self);
    if (a == NULL) return NULL;
    py_obj *b = unwrap(other);
    if (b == NULL) {
        rg_decref(a);
        return NULL;
    }
    py_obj *res = py_object_rich_compare(a, b, op);
    rg_decref(a);
    rg_decref(b);
    return res;
}

static int proxy_bool(py_obj *self)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return -1;
    int r = py_object_is_true(o);
    rg_decref(o);
    return r;
}

static py_ssize_t proxy_length(py_obj *self)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return -1;
    py_ssize_t n = py_object_size(o);
    rg_decref(o);
    return n;
}

static py_obj *proxy_getitem(py_obj *self, py_obj *key)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return NULL;
    py_obj *res = py_object_get_item(o, key);
    rg_decref(o);
    return res;
}

static int proxy_setitem(py_obj *self, py_obj *key, py_obj *value)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return -1;
    int r = value ? py_object_set_item(o, key, value) : py_object_del_item(o, key);
    rg_decref(o);
    return r;
}

static int proxy_contains(py_obj *self, py_obj *value)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return -1;
    int r = py_sequence_contains(o, value);
    rg_decref(o);
    return r;
}

static py_obj *proxy_iter(py_obj *self)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return NULL;
    py_obj *res = py_object_get_iter(o);
    rg_decref(o);
    return res;
}

static py_obj *proxy_iternext(py_obj *self)
{
    py_obj *o = proxy_target(self);
    if (o == NULL) return NULL;
    if (!py_iter_check(o)) {
        py_err_format(py_exc_TypeError, "Weakref proxy referenced a non-iterator '%.200s' object",
                      py_obj_type_name(o));
        rg_decref(o);
        return NULL;
    }
    py_obj *res = py_type_of(o)->iternext(o);
    rg_decref(o);
    return res;
}

/* Binary and unary number operations forward to the referents. */
#define PROXY_BINOP(fname, call)                                                                  \
    static py_obj *fname(py_obj *x, py_obj *y)                                                    \
    {                                                                                             \
        py_obj *a = unwrap(x);                                                                    \
        if (a == NULL) return NULL;                                                               \
        py_obj *b = unwrap(y);                                                                    \
        if (b == NULL) {                                                                          \
            rg_decref(a);                                                                         \
            return NULL;                                                                          \
        }                                                                                         \
        py_obj *res = call(a, b);                                                                 \
        rg_decref(a);                                                                             \
        rg_decref(b);                                                                             \
        return res;                                                                               \
    }
#define PROXY_UNOP(fname, call)                                                                   \
    static py_obj *fname(py_obj *x)                                                               \
    {                                                                                             \
        py_obj *a = proxy_target(x);                                                              \
        if (a == NULL) return NULL;                                                               \
        py_obj *res = call(a);                                                                    \
        rg_decref(a);                                                                             \
        return res;                                                                               \
    }
PROXY_BINOP(proxy_add, py_number_add)
PROXY_BINOP(proxy_sub, py_number_subtract)
PROXY_BINOP(proxy_mul, py_number_multiply)
PROXY_BINOP(proxy_truediv, py_number_true_divide)
PROXY_BINOP(proxy_floordiv, py_number_floor_divide)
PROXY_BINOP(proxy_mod, py_number_remainder)
PROXY_BINOP(proxy_and, py_number_and)
PROXY_BINOP(proxy_or, py_number_or)
PROXY_BINOP(proxy_xor, py_number_xor)
PROXY_BINOP(proxy_lshift, py_number_lshift)
PROXY_BINOP(proxy_rshift, py_number_rshift)
PROXY_UNOP(proxy_neg, py_number_negative)
PROXY_UNOP(proxy_pos, py_number_positive)
PROXY_UNOP(proxy_abs, py_number_absolute)
PROXY_UNOP(proxy_invert, py_number_invert)
PROXY_UNOP(proxy_int, py_number_long)
PROXY_UNOP(proxy_float, py_number_float)
PROXY_UNOP(proxy_index, py_number_index)

static py_number_methods proxy_as_number = {
    .nb_add = proxy_add,
    .nb_subtract = proxy_sub,
    .nb_multiply = proxy_mul,
    .nb_remainder = proxy_mod,
    .nb_negative = proxy_neg,
    .nb_positive = proxy_pos,
    .nb_absolute = proxy_abs,
    .nb_bool = proxy_bool,
    .nb_invert = proxy_invert,
    .nb_lshift = proxy_lshift,
    .nb_rshift = proxy_rshift,
    .nb_and = proxy_and,
    .nb_xor = proxy_xor,
    .nb_or = proxy_or,
    .nb_int = proxy_int,
    .nb_float = proxy_float,
    .nb_floor_divide = proxy_floordiv,
    .nb_true_divide = proxy_truediv,
    .nb_index = proxy_index,
};

static py_sequence_methods proxy_as_sequence = {.sq_contains = proxy_contains};

static py_mapping_methods proxy_as_mapping = {
    .mp_length = proxy_length,
    .mp_subscript = proxy_getitem,
    .mp_ass_subscript = proxy_setitem,
};

/* proxy.__bytes__ and __reversed__ forward too. */
static py_obj *proxy_bytes(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *o = proxy_target(self);
    if (o == NULL) return NULL;
    py_obj *res = py_object_call_function_obj_args((py_obj *)py_bytes_info.type_obj, o, NULL);
    rg_decref(o);
    return res;
}

static py_obj *proxy_reversed(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *o = proxy_target(self);
    if (o == NULL) return NULL;
    py_obj *res = py_object_call_method_no_args(o, py_id(__reversed__));
    rg_decref(o);
    return res;
}

static const py_method_def proxy_methods[] = {
    {"__bytes__", {.o = proxy_bytes}, PY_METH_NOARGS, NULL},
    {"__reversed__", {.o = proxy_reversed}, PY_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

#define PROXY_INFO(tpname, callslot)                                                              \
    {                                                                                             \
        .rt = {.name = tpname,                                                                    \
               .size = sizeof(py_weakref_object),                                                 \
               .flags = RG_TYPE_GC | RG_TYPE_NO_TRASHCAN | RG_TYPE_WEAKREF | RG_TYPE_WEAKREF_SHARED | \
                        RG_TYPE_WEAKREF_PROXY,                                                    \
               .traverse = weakref_traverse,                                                      \
               .clear = weakref_tp_clear,                                                         \
               .dealloc = weakref_dealloc},                                                       \
        .flags = PY_TPFLAGS_DISALLOW_INSTANTIATION, .repr = proxy_repr, .str = proxy_str,         \
        .hash = py_object_hash_not_implemented, .richcompare = proxy_richcompare,                 \
        .getattro = proxy_getattr, .setattro = proxy_setattr, .call = callslot,                   \
        .iter = proxy_iter, .iternext = proxy_iternext, .as_number = &proxy_as_number,            \
        .as_sequence = &proxy_as_sequence, .as_mapping = &proxy_as_mapping,                       \
        .methods = proxy_methods,                                                                 \
    }

py_typeinfo py_weakref_proxy_info = PROXY_INFO("weakref.ProxyType", NULL);
py_typeinfo py_weakref_callable_proxy_info = PROXY_INFO("weakref.CallableProxyType", proxy_call);
