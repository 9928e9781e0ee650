/*
 * typeslots.c -- the bridge between C slots and dunder methods (CPython
 * 3.11's slotdefs, slot_* and wrap_* in Objects/typeobject.c).
 *
 * Owns: the slotdefs table (name, slot, dispatcher, wrapper) in CPython's
 * order; the wrappers that expose a built-in type's slots as
 * `int.__add__` & co (add_operators); the dispatchers that make a class's
 * slots call its Python-level dunders through the call protocol
 * (slot_tp_repr, slot_nb_add with __radd__ and subclass priority,
 * slot_tp_getattr_hook for __getattr__ ...); fixup_slot_dispatchers at
 * class creation and update_slot when a dunder is assigned later.
 *
 * Functions are the front end's: a dispatcher finds the dunder with
 * _PyType_Lookup and calls it unbound when its type is a method
 * descriptor (PY_TPFLAGS_METHOD_DESCRIPTOR: functions, method
 * descriptors), else binds it with descr_get -- no bound method is made
 * for a function, as in CPython.
 *
 * Must not: cache method lookups across class mutations.
 */
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* Method lookup for the dispatchers                                       */
/* ====================================================================== */

/* lookup_maybe_method: a new reference or NULL (no exception: absent). */
static py_obj *lookup_maybe_method(py_obj *self, py_obj *attr, int *unbound)
{
    py_obj *res = py_type_lookup(py_type_of(self), attr);
    if (res == NULL) return NULL;
    if (py_type_has_feature(py_type_of(res), PY_TPFLAGS_METHOD_DESCRIPTOR)) {
        *unbound = 1;
        rg_incref(res);
    } else {
        *unbound = 0;
        py_descrgetfunc f = py_type_of(res)->descr_get;
        if (f == NULL) rg_incref(res);
        else res = f(res, self, py_type_object_of_obj(self));
    }
    return res;
}

/* lookup_method: AttributeError(name) when absent. */
static py_obj *lookup_method(py_obj *self, py_obj *attr, int *unbound)
{
    py_obj *res = lookup_maybe_method(self, attr, unbound);
    if (res == NULL && !py_err_occurred()) py_err_set_object(py_exc_AttributeError, attr);
    return res;
}

/* vectorcall_unbound: args[0] is self; skipped when func is bound. */
static py_obj *vectorcall_unbound(int unbound, py_obj *func, py_obj *const *args, py_ssize_t nargs)
{
    size_t nargsf = (size_t)nargs;
    if (!unbound) {
        args++;
        nargsf = nargsf - 1 + PY_VECTORCALL_ARGUMENTS_OFFSET;
    }
    return py_object_vectorcall(func, args, nargsf, NULL);
}

static py_obj *call_unbound_noarg(int unbound, py_obj *func, py_obj *self)
{
    if (unbound) return py_object_call_one_arg(func, self);
    return py_object_call_no_args(func);
}

/* vectorcall_method: args[0].name(*args[1:]) through lookup_method. */
static py_obj *vectorcall_method(py_obj *name, py_obj *const *args, py_ssize_t nargs)
{
    int unbound;
    py_obj *func = lookup_method(args[0], name, &unbound);
    if (func == NULL) return NULL;
    py_obj *retval = vectorcall_unbound(unbound, func, args, nargs);
    rg_decref(func);
    return retval;
}

/* vectorcall_maybe: NotImplemented when the method is absent. */
static py_obj *vectorcall_maybe(py_obj *name, py_obj *const *args, py_ssize_t nargs)
{
    int unbound;
    py_obj *func = lookup_maybe_method(args[0], name, &unbound);
    if (func == NULL) {
        if (!py_err_occurred()) return py_new_ref(py_notimplemented);
        return NULL;
    }
    py_obj *retval = vectorcall_unbound(unbound, func, args, nargs);
    rg_decref(func);
    return retval;
}

/* method_is_overloaded: does type(right) define name differently? */
static int method_is_overloaded(py_obj *left, py_obj *right, py_obj *name)
{
    py_obj *a, *b;
    if (py_object_lookup_attr(py_type_object_of_obj(right), name, &b) < 0) return -1;
    if (b == NULL) return 0;
    if (py_object_lookup_attr(py_type_object_of_obj(left), name, &a) < 0) {
        rg_decref(b);
        return -1;
    }
    if (a == NULL) {
        rg_decref(b);
        return 1;
    }
    int ok = py_object_rich_compare_bool(a, b, PY_NE);
    rg_decref(a);
    rg_decref(b);
    return ok;
}

/* ====================================================================== */
/* Dispatchers (slot_*)                                                    */
/* ====================================================================== */

#define SLOT0(FUNCNAME, DUNDER)                                                                   \
    static py_obj *FUNCNAME(py_obj *self)                                                         \
    {                                                                                             \
        py_obj *stack[1] = {self};                                                                \
        return vectorcall_method(py_id(DUNDER), stack, 1);                                        \
    }

#define SLOT1(FUNCNAME, DUNDER)                                                                   \
    static py_obj *FUNCNAME(py_obj *self, py_obj *arg1)                                           \
    {                                                                                             \
        py_obj *stack[2] = {self, arg1};                                                          \
        return vectorcall_method(py_id(DUNDER), stack, 2);                                        \
    }

/* SLOT1BINFULL: the binary dispatcher (left's __op__, right's __rop__,
 * the right first when it is a subclass that overloads it). */
#define SLOT1BINFULL(FUNCNAME, TESTFUNC, SLOTNAME, DUNDER, RDUNDER)                               \
    static py_obj *FUNCNAME(py_obj *self, py_obj *other)                                          \
    {                                                                                             \
        py_obj *stack[2];                                                                         \
        py_typeinfo *st = py_type_of(self), *ot = py_type_of(other);                              \
        int do_other = st != ot && ot->as_number != NULL && ot->as_number->SLOTNAME == TESTFUNC; \
        if (st->as_number != NULL && st->as_number->SLOTNAME == TESTFUNC) {                       \
            py_obj *r;                                                                            \
            if (do_other && py_type_is_subtype(ot, st)) {                                         \
                int ok = method_is_overloaded(self, other, py_id(RDUNDER));                       \
                if (ok < 0) return NULL;                                                          \
                if (ok) {                                                                         \
                    stack[0] = other;                                                             \
                    stack[1] = self;                                                              \
                    r = vectorcall_maybe(py_id(RDUNDER), stack, 2);                               \
                    if (r != py_notimplemented) return r;                                         \
                    rg_decref(r);                                                                 \
                    do_other = 0;                                                                 \
                }                                                                                 \
            }                                                                                     \
            stack[0] = self;                                                                      \
            stack[1] = other;                                                                     \
            r = vectorcall_maybe(py_id(DUNDER), stack, 2);                                        \
            if (r != py_notimplemented || ot == st) return r;                                     \
            rg_decref(r);                                                                         \
        }                                                                                         \
        if (do_other) {                                                                           \
            stack[0] = other;                                                                     \
            stack[1] = self;                                                                      \
            return vectorcall_maybe(py_id(RDUNDER), stack, 2);                                    \
        }                                                                                         \
        return py_new_ref(py_notimplemented);                                                     \
    }

#define SLOT1BIN(FUNCNAME, SLOTNAME, DUNDER, RDUNDER)                                             \
    static py_obj *FUNCNAME(py_obj *self, py_obj *other);                                         \
    SLOT1BINFULL(FUNCNAME, FUNCNAME, SLOTNAME, DUNDER, RDUNDER)

SLOT1BIN(slot_nb_add, nb_add, __add__, __radd__)
SLOT1BIN(slot_nb_subtract, nb_subtract, __sub__, __rsub__)
SLOT1BIN(slot_nb_multiply, nb_multiply, __mul__, __rmul__)
SLOT1BIN(slot_nb_matrix_multiply, nb_matrix_multiply, __matmul__, __rmatmul__)
SLOT1BIN(slot_nb_remainder, nb_remainder, __mod__, __rmod__)
SLOT1BIN(slot_nb_divmod, nb_divmod, __divmod__, __rdivmod__)
SLOT1BIN(slot_nb_lshift, nb_lshift, __lshift__, __rlshift__)
SLOT1BIN(slot_nb_rshift, nb_rshift, __rshift__, __rrshift__)
SLOT1BIN(slot_nb_and, nb_and, __and__, __rand__)
SLOT1BIN(slot_nb_xor, nb_xor, __xor__, __rxor__)
SLOT1BIN(slot_nb_or, nb_or, __or__, __ror__)
SLOT1BIN(slot_nb_floor_divide, nb_floor_divide, __floordiv__, __rfloordiv__)
SLOT1BIN(slot_nb_true_divide, nb_true_divide, __truediv__, __rtruediv__)

static py_obj *slot_nb_power(py_obj *self, py_obj *other, py_obj *modulus);
SLOT1BINFULL(slot_nb_power_binary, slot_nb_power, nb_power, __pow__, __rpow__)

/* Three-argument pow uses __pow__ only. */
static py_obj *slot_nb_power(py_obj *self, py_obj *other, py_obj *modulus)
{
    if (modulus == py_none) return slot_nb_power_binary(self, other);
    py_typeinfo *st = py_type_of(self);
    if (st->as_number != NULL && st->as_number->nb_power == slot_nb_power) {
        py_obj *stack[3] = {self, other, modulus};
        return vectorcall_method(py_id(__pow__), stack, 3);
    }
    return py_new_ref(py_notimplemented);
}

SLOT0(slot_nb_negative, __neg__)
SLOT0(slot_nb_positive, __pos__)
SLOT0(slot_nb_absolute, __abs__)
SLOT0(slot_nb_invert, __invert__)
SLOT0(slot_nb_int, __int__)
SLOT0(slot_nb_float, __float__)
SLOT0(slot_nb_index, __index__)
SLOT1(slot_nb_inplace_add, __iadd__)
SLOT1(slot_nb_inplace_subtract, __isub__)
SLOT1(slot_nb_inplace_multiply, __imul__)
SLOT1(slot_nb_inplace_matrix_multiply, __imatmul__)
SLOT1(slot_nb_inplace_remainder, __imod__)
SLOT1(slot_nb_inplace_lshift, __ilshift__)
SLOT1(slot_nb_inplace_rshift, __irshift__)
SLOT1(slot_nb_inplace_and, __iand__)
SLOT1(slot_nb_inplace_xor, __ixor__)
SLOT1(slot_nb_inplace_or, __ior__)
SLOT1(slot_nb_inplace_floor_divide, __ifloordiv__)
SLOT1(slot_nb_inplace_true_divide, __itruediv__)
SLOT1(slot_mp_subscript, __getitem__)
SLOT0(slot_tp_str, __str__)
SLOT0(slot_tp_iternext, __next__)

static py_obj *slot_nb_inplace_power(py_obj *self, py_obj *arg1, py_obj *arg2)
{
    (void)arg2;
    py_obj *stack[2] = {self, arg1};
    return vectorcall_method(py_id(__ipow__), stack, 2);
}

static int slot_nb_bool(py_obj *self)
{
    int unbound, using_len = 0;
    py_obj *func = lookup_maybe_method(self, py_id(__bool__), &unbound);
    if (func == NULL) {
        if (py_err_occurred()) return -1;
        func = lookup_maybe_method(self, py_id(__len__), &unbound);
        if (func == NULL) return py_err_occurred() ? -1 : 1;
        using_len = 1;
    }
    py_obj *value = call_unbound_noarg(unbound, func, self);
    rg_decref(func);
    if (value == NULL) return -1;
    int result;
    if (using_len || py_bool_check(value)) {
        result = py_object_is_true(value);
    } else {
        py_err_format(py_exc_TypeError, "__bool__ should return bool, returned %s", py_obj_type_name(value));
        result = -1;
    }
    rg_decref(value);
    return result;
}

static py_ssize_t slot_sq_length(py_obj *self)
{
    py_obj *stack[1] = {self};
    py_obj *res = vectorcall_method(py_id(__len__), stack, 1);
    if (res == NULL) return -1;
    py_obj *idx = py_number_index(res);
    rg_decref(res);
    if (idx == NULL) return -1;
    if (py_long_sign(idx) < 0) {
        rg_decref(idx);
        py_err_set_string(py_exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    py_ssize_t len = py_number_as_ssize_t(idx, py_exc_OverflowError);
    rg_decref(idx);
    return len;
}
#define slot_mp_length slot_sq_length

static py_obj *slot_sq_item(py_obj *self, py_ssize_t i)
{
    py_obj *ival = py_long_from_ssize_t(i);
    if (ival == NULL) return NULL;
    py_obj *stack[2] = {self, ival};
    py_obj *retval = vectorcall_method(py_id(__getitem__), stack, 2);
    rg_decref(ival);
    return retval;
}

static int slot_sq_ass_item(py_obj *self, py_ssize_t index, py_obj *value)
{
    py_obj *index_obj = py_long_from_ssize_t(index), *res;
    if (index_obj == NULL) return -1;
    py_obj *stack[3] = {self, index_obj, value};
    res = value == NULL ? vectorcall_method(py_id(__delitem__), stack, 2) : vectorcall_method(py_id(__setitem__), stack, 3);
    rg_decref(index_obj);
    if (res == NULL) return -1;
    rg_decref(res);
    return 0;
}

static int slot_sq_contains(py_obj *self, py_obj *value)
{
    int unbound, result = -1;
    py_obj *func = lookup_maybe_method(self, py_id(__contains__), &unbound);
    if (func == py_none) {
        rg_decref(func);
        py_err_format(py_exc_TypeError, "'%.200s' object is not a container", py_obj_type_name(self));
        return -1;
    }
    if (func != NULL) {
        py_obj *args[2] = {self, value};
        py_obj *res = vectorcall_unbound(unbound, func, args, 2);
        rg_decref(func);
        if (res != NULL) {
            result = py_object_is_true(res);
            rg_decref(res);
        }
    } else if (!py_err_occurred()) {
        /* _PySequence_IterSearch */
        py_obj *it = py_object_get_iter(self);
        if (it == NULL) return -1;
        result = 0;
        py_obj *item;
        while ((item = py_iter_next(it)) != NULL) {
            int cmp = py_object_rich_compare_bool(item, value, PY_EQ);
            rg_decref(item);
            if (cmp != 0) {
                result = cmp;
                break;
            }
        }
        if (result == 0 && py_err_occurred()) result = -1;
        rg_decref(it);
    }
    return result;
}

static int slot_mp_ass_subscript(py_obj *self, py_obj *key, py_obj *value)
{
    py_obj *stack[3] = {self, key, value}, *res;
    res = value == NULL ? vectorcall_method(py_id(__delitem__), stack, 2) : vectorcall_method(py_id(__setitem__), stack, 3);
    if (res == NULL) return -1;
    rg_decref(res);
    return 0;
}

static py_obj *slot_tp_repr(py_obj *self)
{
    int unbound;
    py_obj *func = lookup_maybe_method(self, py_id(__repr__), &unbound);
    if (func != NULL) {
        py_obj *res = call_unbound_noarg(unbound, func, self);
        rg_decref(func);
        return res;
    }
    py_err_clear();
    return py_unicode_from_format("<%s object at %p>", py_obj_type_name(self), (void *)self);
}

static py_hash_t slot_tp_hash(py_obj *self)
{
    int unbound;
    py_obj *func = lookup_maybe_method(self, py_id(__hash__), &unbound);
    if (func == py_none) RG_CLEAR(func);
    if (func == NULL) return py_object_hash_not_implemented(self);
    py_obj *res = call_unbound_noarg(unbound, func, self);
    rg_decref(func);
    if (res == NULL) return -1;
    if (!py_long_check(res)) {
        rg_decref(res);
        py_err_set_string(py_exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    int overflow;
    long h = py_long_as_long_and_overflow(res, &overflow);
    if (overflow) h = (long)py_long_hash(res);
    if (h == -1) h = -2;
    rg_decref(res);
    return (py_hash_t)h;
}

static py_obj *slot_tp_call(py_obj *self, py_obj *args, py_obj *kwds)
{
    int unbound;
    py_obj *meth = lookup_method(self, py_id(__call__), &unbound);
    if (meth == NULL) return NULL;
    py_obj *res = unbound ? py_object_call_prepend(meth, self, args, kwds) : py_object_call(meth, args, kwds);
    rg_decref(meth);
    return res;
}

static py_obj *slot_tp_getattro(py_obj *self, py_obj *name)
{
    py_obj *stack[2] = {self, name};
    return vectorcall_method(py_id(__getattribute__), stack, 2);
}

/* call_attribute: attr (bound to self if a descriptor) called with name. */
static py_obj *call_attribute(py_obj *self, py_obj *attr, py_obj *name)
{
    py_obj *descr = NULL;
    py_descrgetfunc f = py_type_of(attr)->descr_get;
    if (f != NULL) {
        descr = f(attr, self, py_type_object_of_obj(self));
        if (descr == NULL) return NULL;
        attr = descr;
    }
    py_obj *res = py_object_call_one_arg(attr, name);
    rg_xdecref(descr);
    return res;
}

/* __getattribute__, then __getattr__ on AttributeError. */
static py_obj *slot_tp_getattr_hook(py_obj *self, py_obj *name)
{
    py_typeinfo *tp = py_type_of(self);
    py_obj *getattr = py_type_lookup(tp, py_id(__getattr__)), *res;
    if (getattr == NULL) {
        /* No __getattr__: the simpler dispatcher from now on. */
        tp->getattro = slot_tp_getattro;
        return slot_tp_getattro(self, name);
    }
    rg_incref(getattr);
    py_obj *getattribute = py_type_lookup(tp, py_id(__getattribute__));
    if (getattribute == NULL || (py_is_type(getattribute, &py_wrapper_descr_info) &&
                                 ((py_wrapper_descr_object *)getattribute)->d_wrapped ==
                                     (void *)py_object_generic_get_attr)) {
        res = py_object_generic_get_attr(self, name);
    } else {
        rg_incref(getattribute);
        res = call_attribute(self, getattribute, name);
        rg_decref(getattribute);
    }
    if (res == NULL && py_err_exception_matches(py_exc_AttributeError)) {
        py_err_clear();
        res = call_attribute(self, getattr, name);
    }
    rg_decref(getattr);
    return res;
}

static int slot_tp_setattro(py_obj *self, py_obj *name, py_obj *value)
{
    py_obj *stack[3] = {self, name, value}, *res;
    res = value == NULL ? vectorcall_method(py_id(__delattr__), stack, 2) : vectorcall_method(py_id(__setattr__), stack, 3);
    if (res == NULL) return -1;
    rg_decref(res);
    return 0;
}

static py_obj *const *richcmp_names(void)
{
    static py_obj *names[6];
    names[0] = py_id(__lt__);
    names[1] = py_id(__le__);
    names[2] = py_id(__eq__);
    names[3] = py_id(__ne__);
    names[4] = py_id(__gt__);
    names[5] = py_id(__ge__);
    return names;
}

static py_obj *slot_tp_richcompare(py_obj *self, py_obj *other, int op)
{
    int unbound;
    py_obj *func = lookup_maybe_method(self, richcmp_names()[op], &unbound);
    if (func == NULL) {
        py_err_clear();
        return py_new_ref(py_notimplemented);
    }
    py_obj *stack[2] = {self, other};
    py_obj *res = vectorcall_unbound(unbound, func, stack, 2);
    rg_decref(func);
    return res;
}

static py_obj *slot_tp_iter(py_obj *self)
{
    int unbound;
    py_obj *func = lookup_maybe_method(self, py_id(__iter__), &unbound);
    if (func == py_none) {
        rg_decref(func);
        return py_err_format(py_exc_TypeError, "'%.200s' object is not iterable", py_obj_type_name(self));
    }
    if (func != NULL) {
        py_obj *res = call_unbound_noarg(unbound, func, self);
        rg_decref(func);
        return res;
    }
    py_err_clear();
    func = lookup_maybe_method(self, py_id(__getitem__), &unbound);
    if (func == NULL) return py_err_format(py_exc_TypeError, "'%.200s' object is not iterable", py_obj_type_name(self));
    rg_decref(func);
    return py_seq_iter_new(self);
}

static py_obj *slot_tp_descr_get(py_obj *self, py_obj *obj, py_obj *type)
{
    py_typeinfo *tp = py_type_of(self);
    py_obj *get = py_type_lookup(tp, py_id(__get__));
    if (get == NULL) {
        if (tp->descr_get == slot_tp_descr_get) tp->descr_get = NULL;
        return py_new_ref(self);
    }
    return py_object_call_function_obj_args(get, self, obj ? obj : py_none, type ? type : py_none, NULL);
}

static int slot_tp_descr_set(py_obj *self, py_obj *target, py_obj *value)
{
    py_obj *stack[3] = {self, target, value}, *res;
    res = value == NULL ? vectorcall_method(py_id(__delete__), stack, 2) : vectorcall_method(py_id(__set__), stack, 3);
    if (res == NULL) return -1;
    rg_decref(res);
    return 0;
}

static int slot_tp_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    int unbound;
    py_obj *meth = lookup_method(self, py_id(__init__), &unbound);
    if (meth == NULL) return -1;
    py_obj *res = unbound ? py_object_call_prepend(meth, self, args, kwds) : py_object_call(meth, args, kwds);
    rg_decref(meth);
    if (res == NULL) return -1;
    if (res != py_none) {
        py_err_format(py_exc_TypeError, "__init__() should return None, not '%.200s'", py_obj_type_name(res));
        rg_decref(res);
        return -1;
    }
    rg_decref(res);
    return 0;
}

py_obj *py_slot_tp_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    py_obj *func = py_object_get_attr(type->type_obj, py_id(__new__));
    if (func == NULL) return NULL;
    py_obj *result = py_object_call_prepend(func, type->type_obj, args, kwds);
    rg_decref(func);
    return result;
}

/* __del__: called with the current exception saved; a failure is
 * reported as unraisable. */
static void slot_tp_finalize(py_obj *self)
{
    py_obj *et, *ev, *etb;
    py_err_fetch(&et, &ev, &etb);
    int unbound;
    py_obj *del = lookup_maybe_method(self, py_id(__del__), &unbound);
    if (del != NULL) {
        py_obj *res = call_unbound_noarg(unbound, del, self);
        if (res == NULL) py_err_write_unraisable(del);
        else rg_decref(res);
        rg_decref(del);
    }
    py_err_restore(et, ev, etb);
}

/* ====================================================================== */
/* Wrappers (wrap_*): slots called as methods                              */
/* ====================================================================== */

static int check_num_args(py_obj *ob, int n)
{
    if (n == py_tuple_size(ob)) return 1;
    py_err_format(py_exc_TypeError, "expected %d argument%s, got %zd", n, n == 1 ? "" : "s", py_tuple_size(ob));
    return 0;
}

static py_obj *wrap_binaryfunc(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 1)) return NULL;
    return ((py_binaryfunc)wrapped)(self, py_tuple_get(args, 0));
}

static py_obj *wrap_binaryfunc_l(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 1)) return NULL;
    return ((py_binaryfunc)wrapped)(self, py_tuple_get(args, 0));
}

static py_obj *wrap_binaryfunc_r(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 1)) return NULL;
    return ((py_binaryfunc)wrapped)(py_tuple_get(args, 0), self);
}

static py_obj *wrap_ternaryfunc(py_obj *self, py_obj *args, void *wrapped)
{
    py_obj *other = NULL, *third = py_none;
    if (!py_arg_unpack_tuple(args, "", 1, 2, &other, &third)) return NULL;
    return ((py_ternaryfunc)wrapped)(self, other, third);
}

static py_obj *wrap_ternaryfunc_r(py_obj *self, py_obj *args, void *wrapped)
{
    py_obj *other = NULL, *third = py_none;
    if (!py_arg_unpack_tuple(args, "", 1, 2, &other, &third)) return NULL;
    return ((py_ternaryfunc)wrapped)(other, self, third);
}

static py_obj *wrap_unaryfunc(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 0)) return NULL;
    return ((py_unaryfunc)wrapped)(self);
}

static py_obj *wrap_inquirypred(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 0)) return NULL;
    int res = ((py_inquiry)wrapped)(self);
    if (res == -1 && py_err_occurred()) return NULL;
    return py_bool_from_long(res);
}

static py_obj *wrap_lenfunc(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 0)) return NULL;
    py_ssize_t res = ((py_lenfunc)wrapped)(self);
    if (res == -1 && py_err_occurred()) return NULL;
    return py_long_from_ssize_t(res);
}

static py_obj *wrap_indexargfunc(py_obj *self, py_obj *args, void *wrapped)
{
    py_obj *o = NULL;
    if (!py_arg_unpack_tuple(args, "", 1, 1, &o)) return NULL;
    py_ssize_t i = py_number_as_ssize_t(o, py_exc_OverflowError);
    if (i == -1 && py_err_occurred()) return NULL;
    return ((py_ssizeargfunc)wrapped)(self, i);
}

/* getindex: a sequence index, negative ones counted from the end. */
static py_ssize_t getindex(py_obj *self, py_obj *arg)
{
    py_ssize_t i = py_number_as_ssize_t(arg, py_exc_OverflowError);
    if (i == -1 && py_err_occurred()) return -1;
    if (i < 0) {
        py_sequence_methods *sq = py_type_of(self)->as_sequence;
        if (sq && sq->sq_length) {
            py_ssize_t n = sq->sq_length(self);
            if (n < 0) return -1;
            i += n;
        }
    }
    return i;
}

static py_obj *wrap_sq_item(py_obj *self, py_obj *args, void *wrapped)
{
    if (py_tuple_size(args) == 1) {
        py_ssize_t i = getindex(self, py_tuple_get(args, 0));
        if (i == -1 && py_err_occurred()) return NULL;
        return ((py_ssizeargfunc)wrapped)(self, i);
    }
    check_num_args(args, 1);
    return NULL;
}

static py_obj *wrap_sq_setitem(py_obj *self, py_obj *args, void *wrapped)
{
    py_obj *arg = NULL, *value = NULL;
    if (!py_arg_unpack_tuple(args, "", 2, 2, &arg, &value)) return NULL;
    py_ssize_t i = getindex(self, arg);
    if (i == -1 && py_err_occurred()) return NULL;
    if (((py_ssizeobjargproc)wrapped)(self, i, value) == -1) return NULL;
    return py_new_ref(py_none);
}

static py_obj *wrap_sq_delitem(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 1)) return NULL;
    py_ssize_t i = getindex(self, py_tuple_get(args, 0));
    if (i == -1 && py_err_occurred()) return NULL;
    if (((py_ssizeobjargproc)wrapped)(self, i, NULL) == -1) return NULL;
    return py_new_ref(py_none);
}

static py_obj *wrap_objobjproc(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 1)) return NULL;
    int res = ((py_objobjproc)wrapped)(self, py_tuple_get(args, 0));
    if (res == -1 && py_err_occurred()) return NULL;
    return py_bool_from_long(res);
}

static py_obj *wrap_objobjargproc(py_obj *self, py_obj *args, void *wrapped)
{
    py_obj *key = NULL, *value = NULL;
    if (!py_arg_unpack_tuple(args, "", 2, 2, &key, &value)) return NULL;
    if (((py_objobjargproc)wrapped)(self, key, value) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *wrap_delitem(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 1)) return NULL;
    if (((py_objobjargproc)wrapped)(self, py_tuple_get(args, 0), NULL) < 0) return NULL;
    return py_new_ref(py_none);
}

/* hackcheck: object.__setattr__ must not bypass a C-level override. */
static int hackcheck(py_obj *self, py_setattrofunc func, const char *what)
{
    py_typeinfo *type = py_type_of(self);
    py_obj *mro = type->type_obj ? ((py_type_object *)type->type_obj)->mro : NULL;
    if (mro == NULL) return 1;
    py_typeinfo *defining_type = type;
    for (py_ssize_t i = py_tuple_size(mro) - 1; i >= 0; i--) {
        py_typeinfo *base = py_typeinfo_of(py_tuple_get(mro, i));
        if (base->setattro == slot_tp_setattro) continue;
        if (base->setattro == type->setattro) {
            defining_type = base;
            break;
        }
    }
    for (py_typeinfo *base = defining_type; base; base = base->base) {
        if (base->setattro == func) break;
        if (base->setattro != slot_tp_setattro) {
            py_err_format(py_exc_TypeError, "can't apply this %s to %s object", what, type->rt.name);
            return 0;
        }
    }
    return 1;
}

static py_obj *wrap_setattr(py_obj *self, py_obj *args, void *wrapped)
{
    py_obj *name = NULL, *value = NULL;
    if (!py_arg_unpack_tuple(args, "", 2, 2, &name, &value)) return NULL;
    if (!hackcheck(self, (py_setattrofunc)wrapped, "__setattr__")) return NULL;
    if (((py_setattrofunc)wrapped)(self, name, value) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *wrap_delattr(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 1)) return NULL;
    if (!hackcheck(self, (py_setattrofunc)wrapped, "__delattr__")) return NULL;
    if (((py_setattrofunc)wrapped)(self, py_tuple_get(args, 0), NULL) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *wrap_hashfunc(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 0)) return NULL;
    py_hash_t res = ((py_hashfunc)wrapped)(self);
    if (res == -1 && py_err_occurred()) return NULL;
    return py_long_from_ssize_t(res);
}

static py_obj *wrap_call(py_obj *self, py_obj *args, void *wrapped, py_obj *kwds)
{
    return ((py_ternaryfunc)wrapped)(self, args, kwds);
}

static py_obj *wrap_del(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 0)) return NULL;
    ((rg_destructor)wrapped)(self);
    return py_new_ref(py_none);
}

#define RICHCMP_WRAPPER(NAME, OP)                                                                 \
    static py_obj *richcmp_##NAME(py_obj *self, py_obj *args, void *wrapped)                      \
    {                                                                                             \
        if (!check_num_args(args, 1)) return NULL;                                                \
        return ((py_richcmpfunc)wrapped)(self, py_tuple_get(args, 0), OP);                        \
    }
RICHCMP_WRAPPER(lt, PY_LT)
RICHCMP_WRAPPER(le, PY_LE)
RICHCMP_WRAPPER(eq, PY_EQ)
RICHCMP_WRAPPER(ne, PY_NE)
RICHCMP_WRAPPER(gt, PY_GT)
RICHCMP_WRAPPER(ge, PY_GE)

static py_obj *wrap_next(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 0)) return NULL;
    py_obj *res = ((py_iternextfunc)wrapped)(self);
    if (res == NULL && !py_err_occurred()) py_err_set_none(py_exc_StopIteration);
    return res;
}

static py_obj *wrap_descr_get(py_obj *self, py_obj *args, void *wrapped)
{
    py_obj *obj = NULL, *type = NULL;
    if (!py_arg_unpack_tuple(args, "", 1, 2, &obj, &type)) return NULL;
    if (obj == py_none) obj = NULL;
    if (type == py_none) type = NULL;
    if (type == NULL && obj == NULL) {
        py_err_set_string(py_exc_TypeError, "__get__(None, None) is invalid");
        return NULL;
    }
    return ((py_descrgetfunc)wrapped)(self, obj, type);
}

static py_obj *wrap_descr_set(py_obj *self, py_obj *args, void *wrapped)
{
    py_obj *obj = NULL, *value = NULL;
    if (!py_arg_unpack_tuple(args, "", 2, 2, &obj, &value)) return NULL;
    if (((py_descrsetfunc)wrapped)(self, obj, value) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *wrap_descr_delete(py_obj *self, py_obj *args, void *wrapped)
{
    if (!check_num_args(args, 1)) return NULL;
    if (((py_descrsetfunc)wrapped)(self, py_tuple_get(args, 0), NULL) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *wrap_init(py_obj *self, py_obj *args, void *wrapped, py_obj *kwds)
{
    if (((py_initproc)wrapped)(self, args, kwds) < 0) return NULL;
    return py_new_ref(py_none);
}

/* ====================================================================== */
/* The table                                                               */
/* ====================================================================== */

enum { T_TYPE = 0, T_NUM = 1, T_SEQ = 2, T_MAP = 3 };

#define TPSLOT(NAME, FIELD, FUNC, WRAPPER, DOC)                                                   \
    {#NAME, offsetof(py_typeinfo, FIELD), T_TYPE, (void *)(FUNC), WRAPPER, NULL, DOC, 0, NULL}
#define FLSLOT(NAME, FIELD, FUNC, WRAPPERKW, DOC)                                                 \
    {#NAME, offsetof(py_typeinfo, FIELD), T_TYPE, (void *)(FUNC), NULL, WRAPPERKW, DOC,           \
     PY_WRAPPER_FLAG_KEYWORDS, NULL}
#define NBSLOT(NAME, FIELD, FUNC, WRAPPER, DOC)                                                   \
    {#NAME, offsetof(py_number_methods, FIELD), T_NUM, (void *)(FUNC), WRAPPER, NULL, DOC, 0, NULL}
#define SQSLOT(NAME, FIELD, FUNC, WRAPPER, DOC)                                                   \
    {#NAME, offsetof(py_sequence_methods, FIELD), T_SEQ, (void *)(FUNC), WRAPPER, NULL, DOC, 0, NULL}
#define MPSLOT(NAME, FIELD, FUNC, WRAPPER, DOC)                                                   \
    {#NAME, offsetof(py_mapping_methods, FIELD), T_MAP, (void *)(FUNC), WRAPPER, NULL, DOC, 0, NULL}
#define UNSLOT(NAME, FIELD, FUNC, DOC) NBSLOT(NAME, FIELD, FUNC, wrap_unaryfunc, #NAME "($self, /)\n--\n\n" DOC)
#define IBSLOT(NAME, FIELD, FUNC, WRAPPER, DOC)                                                   \
    NBSLOT(NAME, FIELD, FUNC, WRAPPER, #NAME "($self, value, /)\n--\n\nReturn self" DOC "value.")
#define BINSLOT(NAME, FIELD, FUNC, DOC)                                                           \
    NBSLOT(NAME, FIELD, FUNC, wrap_binaryfunc_l, #NAME "($self, value, /)\n--\n\nReturn self" DOC "value.")
#define RBINSLOT(NAME, FIELD, FUNC, DOC)                                                          \
    NBSLOT(NAME, FIELD, FUNC, wrap_binaryfunc_r, #NAME "($self, value, /)\n--\n\nReturn value" DOC "self.")
#define BINSLOTNOTINFIX(NAME, FIELD, FUNC, DOC)                                                   \
    NBSLOT(NAME, FIELD, FUNC, wrap_binaryfunc_l, #NAME "($self, value, /)\n--\n\n" DOC)
#define RBINSLOTNOTINFIX(NAME, FIELD, FUNC, DOC)                                                  \
    NBSLOT(NAME, FIELD, FUNC, wrap_binaryfunc_r, #NAME "($self, value, /)\n--\n\n" DOC)

py_slotdef py_slotdefs[] = {
    TPSLOT(__repr__, repr, slot_tp_repr, wrap_unaryfunc, "__repr__($self, /)\n--\n\nReturn repr(self)."),
    TPSLOT(__hash__, hash, slot_tp_hash, wrap_hashfunc, "__hash__($self, /)\n--\n\nReturn hash(self)."),
    FLSLOT(__call__, call, slot_tp_call, wrap_call, "__call__($self, /, *args, **kwargs)\n--\n\nCall self as a function."),
    TPSLOT(__str__, str, slot_tp_str, wrap_unaryfunc, "__str__($self, /)\n--\n\nReturn str(self)."),
    TPSLOT(__getattribute__, getattro, slot_tp_getattr_hook, wrap_binaryfunc,
           "__getattribute__($self, name, /)\n--\n\nReturn getattr(self, name)."),
    TPSLOT(__getattr__, getattro, slot_tp_getattr_hook, NULL, ""),
    TPSLOT(__setattr__, setattro, slot_tp_setattro, wrap_setattr,
           "__setattr__($self, name, value, /)\n--\n\nImplement setattr(self, name, value)."),
    TPSLOT(__delattr__, setattro, slot_tp_setattro, wrap_delattr,
           "__delattr__($self, name, /)\n--\n\nImplement delattr(self, name)."),
    TPSLOT(__lt__, richcompare, slot_tp_richcompare, richcmp_lt, "__lt__($self, value, /)\n--\n\nReturn self<value."),
    TPSLOT(__le__, richcompare, slot_tp_richcompare, richcmp_le, "__le__($self, value, /)\n--\n\nReturn self<=value."),
    TPSLOT(__eq__, richcompare, slot_tp_richcompare, richcmp_eq, "__eq__($self, value, /)\n--\n\nReturn self==value."),
    TPSLOT(__ne__, richcompare, slot_tp_richcompare, richcmp_ne, "__ne__($self, value, /)\n--\n\nReturn self!=value."),
    TPSLOT(__gt__, richcompare, slot_tp_richcompare, richcmp_gt, "__gt__($self, value, /)\n--\n\nReturn self>value."),
    TPSLOT(__ge__, richcompare, slot_tp_richcompare, richcmp_ge, "__ge__($self, value, /)\n--\n\nReturn self>=value."),
    TPSLOT(__iter__, iter, slot_tp_iter, wrap_unaryfunc, "__iter__($self, /)\n--\n\nImplement iter(self)."),
    TPSLOT(__next__, iternext, slot_tp_iternext, wrap_next, "__next__($self, /)\n--\n\nImplement next(self)."),
    TPSLOT(__get__, descr_get, slot_tp_descr_get, wrap_descr_get,
           "__get__($self, instance, owner=None, /)\n--\n\nReturn an attribute of instance, which is of type owner."),
    TPSLOT(__set__, descr_set, slot_tp_descr_set, wrap_descr_set,
           "__set__($self, instance, value, /)\n--\n\nSet an attribute of instance to value."),
    TPSLOT(__delete__, descr_set, slot_tp_descr_set, wrap_descr_delete,
           "__delete__($self, instance, /)\n--\n\nDelete an attribute of instance."),
    FLSLOT(__init__, init, slot_tp_init, wrap_init,
           "__init__($self, /, *args, **kwargs)\n--\n\nInitialize self.  See help(type(self)) for accurate signature."),
    TPSLOT(__new__, new, py_slot_tp_new, NULL,
           "__new__(type, /, *args, **kwargs)\n--\n\nCreate and return new object.  See help(type) for accurate signature."),
    TPSLOT(__del__, rt.finalize, slot_tp_finalize, wrap_del, ""),
    BINSLOT(__add__, nb_add, slot_nb_add, "+"),
    RBINSLOT(__radd__, nb_add, slot_nb_add, "+"),
    BINSLOT(__sub__, nb_subtract, slot_nb_subtract, "-"),
    RBINSLOT(__rsub__, nb_subtract, slot_nb_subtract, "-"),
    BINSLOT(__mul__, nb_multiply, slot_nb_multiply, "*"),
    RBINSLOT(__rmul__, nb_multiply, slot_nb_multiply, "*"),
    BINSLOT(__mod__, nb_remainder, slot_nb_remainder, "%"),
    RBINSLOT(__rmod__, nb_remainder, slot_nb_remainder, "%"),
    BINSLOTNOTINFIX(__divmod__, nb_divmod, slot_nb_divmod, "Return divmod(self, value)."),
    RBINSLOTNOTINFIX(__rdivmod__, nb_divmod, slot_nb_divmod, "Return divmod(value, self)."),
    NBSLOT(__pow__, nb_power, slot_nb_power, wrap_ternaryfunc,
           "__pow__($self, value, mod=None, /)\n--\n\nReturn pow(self, value, mod)."),
    NBSLOT(__rpow__, nb_power, slot_nb_power, wrap_ternaryfunc_r,
           "__rpow__($self, value, mod=None, /)\n--\n\nReturn pow(value, self, mod)."),
    UNSLOT(__neg__, nb_negative, slot_nb_negative, "-self"),
    UNSLOT(__pos__, nb_positive, slot_nb_positive, "+self"),
    UNSLOT(__abs__, nb_absolute, slot_nb_absolute, "abs(self)"),
    NBSLOT(__bool__, nb_bool, slot_nb_bool, wrap_inquirypred, "__bool__($self, /)\n--\n\nTrue if self else False"),
    UNSLOT(__invert__, nb_invert, slot_nb_invert, "~self"),
    BINSLOT(__lshift__, nb_lshift, slot_nb_lshift, "<<"),
    RBINSLOT(__rlshift__, nb_lshift, slot_nb_lshift, "<<"),
    BINSLOT(__rshift__, nb_rshift, slot_nb_rshift, ">>"),
    RBINSLOT(__rrshift__, nb_rshift, slot_nb_rshift, ">>"),
    BINSLOT(__and__, nb_and, slot_nb_and, "&"),
    RBINSLOT(__rand__, nb_and, slot_nb_and, "&"),
    BINSLOT(__xor__, nb_xor, slot_nb_xor, "^"),
    RBINSLOT(__rxor__, nb_xor, slot_nb_xor, "^"),
    BINSLOT(__or__, nb_or, slot_nb_or, "|"),
    RBINSLOT(__ror__, nb_or, slot_nb_or, "|"),
    UNSLOT(__int__, nb_int, slot_nb_int, "int(self)"),
    UNSLOT(__float__, nb_float, slot_nb_float, "float(self)"),
    IBSLOT(__iadd__, nb_inplace_add, slot_nb_inplace_add, wrap_binaryfunc, "+="),
    IBSLOT(__isub__, nb_inplace_subtract, slot_nb_inplace_subtract, wrap_binaryfunc, "-="),
    IBSLOT(__imul__, nb_inplace_multiply, slot_nb_inplace_multiply, wrap_binaryfunc, "*="),
    IBSLOT(__imod__, nb_inplace_remainder, slot_nb_inplace_remainder, wrap_binaryfunc, "%="),
    IBSLOT(__ipow__, nb_inplace_power, slot_nb_inplace_power, wrap_ternaryfunc, "**="),
    IBSLOT(__ilshift__, nb_inplace_lshift, slot_nb_inplace_lshift, wrap_binaryfunc, "<<="),
    IBSLOT(__irshift__, nb_inplace_rshift, slot_nb_inplace_rshift, wrap_binaryfunc, ">>="),
    IBSLOT(__iand__, nb_inplace_and, slot_nb_inplace_and, wrap_binaryfunc, "&="),
    IBSLOT(__ixor__, nb_inplace_xor, slot_nb_inplace_xor, wrap_binaryfunc, "^="),
    IBSLOT(__ior__, nb_inplace_or, slot_nb_inplace_or, wrap_binaryfunc, "|="),
    BINSLOT(__floordiv__, nb_floor_divide, slot_nb_floor_divide, "//"),
    RBINSLOT(__rfloordiv__, nb_floor_divide, slot_nb_floor_divide, "//"),
    BINSLOT(__truediv__, nb_true_divide, slot_nb_true_divide, "/"),
    RBINSLOT(__rtruediv__, nb_true_divide, slot_nb_true_divide, "/"),
    IBSLOT(__ifloordiv__, nb_inplace_floor_divide, slot_nb_inplace_floor_divide, wrap_binaryfunc, "//="),
    IBSLOT(__itruediv__, nb_inplace_true_divide, slot_nb_inplace_true_divide, wrap_binaryfunc, "/="),
    NBSLOT(__index__, nb_index, slot_nb_index, wrap_unaryfunc,
           "__index__($self, /)\n--\n\nReturn self converted to an integer, if self is suitable for use as an index into a list."),
    BINSLOT(__matmul__, nb_matrix_multiply, slot_nb_matrix_multiply, "@"),
    RBINSLOT(__rmatmul__, nb_matrix_multiply, slot_nb_matrix_multiply, "@"),
    IBSLOT(__imatmul__, nb_inplace_matrix_multiply, slot_nb_inplace_matrix_multiply, wrap_binaryfunc, "@="),
    MPSLOT(__len__, mp_length, slot_mp_length, wrap_lenfunc, "__len__($self, /)\n--\n\nReturn len(self)."),
    MPSLOT(__getitem__, mp_subscript, slot_mp_subscript, wrap_binaryfunc, "__getitem__($self, key, /)\n--\n\nReturn self[key]."),
    MPSLOT(__setitem__, mp_ass_subscript, slot_mp_ass_subscript, wrap_objobjargproc,
           "__setitem__($self, key, value, /)\n--\n\nSet self[key] to value."),
    MPSLOT(__delitem__, mp_ass_subscript, slot_mp_ass_subscript, wrap_delitem,
           "__delitem__($self, key, /)\n--\n\nDelete self[key]."),
    SQSLOT(__len__, sq_length, slot_sq_length, wrap_lenfunc, "__len__($self, /)\n--\n\nReturn len(self)."),
    /* Classes defining __add__/__mul__ leave sq_concat/sq_repeat NULL: the
     * number slots serve them (abstract.c falls back to them). */
    SQSLOT(__add__, sq_concat, NULL, wrap_binaryfunc, "__add__($self, value, /)\n--\n\nReturn self+value."),
    SQSLOT(__mul__, sq_repeat, NULL, wrap_indexargfunc, "__mul__($self, value, /)\n--\n\nReturn self*value."),
    SQSLOT(__rmul__, sq_repeat, NULL, wrap_indexargfunc, "__rmul__($self, value, /)\n--\n\nReturn value*self."),
    SQSLOT(__getitem__, sq_item, slot_sq_item, wrap_sq_item, "__getitem__($self, key, /)\n--\n\nReturn self[key]."),
    SQSLOT(__setitem__, sq_ass_item, slot_sq_ass_item, wrap_sq_setitem,
           "__setitem__($self, key, value, /)\n--\n\nSet self[key] to value."),
    SQSLOT(__delitem__, sq_ass_item, slot_sq_ass_item, wrap_sq_delitem,
           "__delitem__($self, key, /)\n--\n\nDelete self[key]."),
    SQSLOT(__contains__, sq_contains, slot_sq_contains, wrap_objobjproc,
           "__contains__($self, key, /)\n--\n\nReturn key in self."),
    SQSLOT(__iadd__, sq_inplace_concat, NULL, wrap_binaryfunc,
           "__iadd__($self, value, /)\n--\n\nImplement self+=value."),
    SQSLOT(__imul__, sq_inplace_repeat, NULL, wrap_indexargfunc,
           "__imul__($self, value, /)\n--\n\nImplement self*=value."),
    {NULL, 0, 0, NULL, NULL, NULL, NULL, 0, NULL},
};

int py_slotdefs_init(void)
{
    for (py_slotdef *p = py_slotdefs; p->name; p++) {
        p->name_strobj = py_unicode_intern_from_string(p->name);
        if (p->name_strobj == NULL) return -1;
    }
    return 0;
}

void py_slotdefs_fini(void)
{
    for (py_slotdef *p = py_slotdefs; p->name; p++) RG_CLEAR(p->name_strobj);
}

/* slotptr: where the slot of p lives in type (NULL: no such table). */
static void **slotptr(py_typeinfo *type, const py_slotdef *p)
{
    char *base;
    switch (p->table) {
    case T_TYPE: base = (char *)type; break;
    case T_NUM: base = (char *)type->as_number; break;
    case T_SEQ: base = (char *)type->as_sequence; break;
    default: base = (char *)type->as_mapping; break;
    }
    if (base == NULL) return NULL;
    return (void **)(void *)(base + p->offset);
}

static inline int same_slot(const py_slotdef *a, const py_slotdef *b)
{
    return a->offset == b->offset && a->table == b->table;
}

/* ====================================================================== */
/* add_operators, fixup, update                                            */
/* ====================================================================== */

int py_type_add_operators(py_typeinfo *type)
{
    py_obj *dict = ((py_type_object *)type->type_obj)->dict;
    for (py_slotdef *p = py_slotdefs; p->name; p++) {
        if (p->wrapper == NULL && p->wrapper_kw == NULL) continue;
        void **ptr = slotptr(type, p);
        if (!ptr || !*ptr) continue;
        int r = py_dict_contains(dict, p->name_strobj);
        if (r > 0) continue;
        if (r < 0) return -1;
        if (*ptr == (void *)py_object_hash_not_implemented) {
            /* __hash__ = None blocks the inheritance of hashing. */
            if (py_dict_set_item(dict, p->name_strobj, py_none) < 0) return -1;
        } else {
            py_obj *descr = py_descr_new_wrapper(type, p, *ptr);
            if (descr == NULL) return -1;
            r = py_dict_set_item(dict, p->name_strobj, descr);
            rg_decref(descr);
            if (r < 0) return -1;
        }
    }
    return 0;
}

/* resolve_slotdups: the one filled slot among those named name, or NULL
 * (none or several). */
static void **resolve_slotdups(py_typeinfo *type, py_obj *name)
{
    void **res = NULL;
    for (py_slotdef *p = py_slotdefs; p->name; p++) {
        if (p->name_strobj != name) continue;
        void **ptr = slotptr(type, p);
        if (ptr == NULL || *ptr == NULL) continue;
        if (res != NULL) return NULL;
        res = ptr;
    }
    return res;
}

/* update_one_slot: the slot of p's group from the MRO's dunders; returns
 * the next group. */
static py_slotdef *update_one_slot(py_typeinfo *type, py_slotdef *p)
{
    void *generic = NULL, *specific = NULL;
    int use_generic = 0;
    py_slotdef *first = p;
    void **ptr = slotptr(type, p);
    if (ptr == NULL) {
        do ++p;
        while (p->name && same_slot(p, first));
        return p;
    }
    do {
        int error;
        py_obj *descr = py_type_lookup(type, p->name_strobj);
        (void)error;
        if (descr == NULL) {
            if (ptr == (void **)(void *)&type->iternext) specific = NULL;
            continue;
        }
        if (py_is_type(descr, &py_wrapper_descr_info) &&
            ((py_wrapper_descr_object *)descr)->d_base->name_strobj == p->name_strobj) {
            void **tptr = resolve_slotdups(type, p->name_strobj);
            if (tptr == NULL || tptr == ptr) generic = p->function;
            py_wrapper_descr_object *d = (py_wrapper_descr_object *)descr;
            if ((specific == NULL || specific == d->d_wrapped) && d->d_base->wrapper == p->wrapper &&
                d->d_base->wrapper_kw == p->wrapper_kw && py_type_is_subtype(type, d->d_type))
                specific = d->d_wrapped;
            else use_generic = 1;
        } else if (py_is_type(descr, &py_cfunction_info) &&
                   ((py_cfunction_object *)descr)->m_ml->meth.kw == py_tp_new_wrapper &&
                   ptr == (void **)(void *)&type->new) {
            /* The __new__ of a built-in base: call its tp_new directly. */
            specific = (void *)type->new;
        } else if (descr == py_none && ptr == (void **)(void *)&type->hash) {
            specific = (void *)py_object_hash_not_implemented;
        } else {
            use_generic = 1;
            generic = p->function;
            if (p->function == (void *)slot_tp_call) type->flags &= ~PY_TPFLAGS_HAVE_VECTORCALL;
        }
    } while ((++p)->name && same_slot(p, first));
    if (specific && !use_generic) *ptr = specific;
    else *ptr = generic;
    return p;
}

void py_type_fixup_slot_dispatchers(py_typeinfo *type)
{
    for (py_slotdef *p = py_slotdefs; p->name;) p = update_one_slot(type, p);
}

/* Update the slots named name in type and in the subclasses that do not
 * override it. */
static void update_subclasses(py_typeinfo *type, py_obj *name, py_slotdef **ptrs)
{
    for (py_slotdef **pp = ptrs; *pp; pp++) update_one_slot(type, *pp);
    py_obj *subclasses = ((py_type_object *)type->type_obj)->subclasses;
    if (subclasses == NULL) return;
    py_ssize_t pos = 0;
    py_obj *key, *ref;
    while (py_dict_next(subclasses, &pos, &key, &ref)) {
        py_obj *sub = rg_weakref_get((rg_weakref *)ref);
        if (sub == NULL) continue;
        py_typeinfo *st = py_typeinfo_of(sub);
        int r = py_dict_contains(((py_type_object *)sub)->dict, name);
        if (r < 0) py_err_clear();
        if (r != 0) continue;
        update_subclasses(st, name, ptrs);
    }
}

int py_type_update_slot(py_typeinfo *type, py_obj *name)
{
    py_slotdef *ptrs[16];
    int n = 0;
    for (py_slotdef *p = py_slotdefs; p->name; p++) {
        if (p->name_strobj != name || n == 15) continue;
        /* The first entry of p's group. */
        py_slotdef *q = p;
        while (q > py_slotdefs && same_slot(q - 1, p)) q--;
        ptrs[n++] = q;
    }
    ptrs[n] = NULL;
    if (n == 0) return 0;
    update_subclasses(type, name, ptrs);
    return 0;
}
