/*
 * bool.c -- the bool type (CPython 3.11's Objects/boolobject.c).
 *
 * Owns: the two static bools (int objects of type bool: False has size 0,
 * True one digit 1; sys.getsizeof 28 for both, as int's 0 and 1 report),
 * bool(x), repr, and &, |, ^ of two bools.  Everything else is int's.
 *
 * Invariants: True and False are the only bool objects; bool cannot be
 * subclassed.
 *
 * Must not: allocate.
 */
#include "object.h"

py_long_static py_false_struct, py_true_struct;

/* Reset the two bools (interpreter start). */
void py_bool_init_static(void);
void py_bool_init_static(void)
{
    py_false_struct.ob.ob_var.ob_base.refcnt = PY_STATIC_REFCNT;
    py_false_struct.ob.ob_var.ob_base.type = &py_bool_info.rt;
    py_false_struct.ob.ob_var.size = 0;
    py_false_struct.digit = 0;
    py_true_struct.ob.ob_var.ob_base.refcnt = PY_STATIC_REFCNT;
    py_true_struct.ob.ob_var.ob_base.type = &py_bool_info.rt;
    py_true_struct.ob.ob_var.size = 1;
    py_true_struct.digit = 1;
}

static py_obj *bool_repr(py_obj *self)
{
    return py_new_ref(self == py_true ? py_id(True) : py_id(False));
}

/* bool(x=False) */
static py_obj *bool_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)type;
    if (py_arg_no_keywords("bool", kwds) < 0) return NULL;
    py_obj *x = NULL;
    if (!py_arg_unpack_tuple(args, "bool", 0, 1, &x)) return NULL;
    if (x == NULL) return py_new_ref(py_false);
    int ok = py_object_is_true(x);
    if (ok < 0) return NULL;
    return py_bool_from_long(ok);
}

static py_obj *bool_vectorcall(py_obj *type, py_obj *const *args, size_t nargsf, py_obj *kwnames)
{
    (void)type;
    if (py_arg_no_kwnames("bool", kwnames) < 0) return NULL;
    py_ssize_t nargs = py_vectorcall_nargs(nargsf);
    if (py_arg_check_positional("bool", nargs, 0, 1) < 0) return NULL;
    if (nargs == 0) return py_new_ref(py_false);
    int ok = py_object_is_true(args[0]);
    if (ok < 0) return NULL;
    return py_bool_from_long(ok);
}

/* a op b: a bool for two bools, else int's operation. */
static py_obj *bool_bitop(py_obj *a, py_obj *b, char op)
{
    if (!py_bool_check(a) || !py_bool_check(b)) {
        py_binaryfunc f = op == '&' ? py_long_as_number.nb_and : op == '|' ? py_long_as_number.nb_or
                                                                            : py_long_as_number.nb_xor;
        return f(a, b);
    }
    int x = a == py_true, y = b == py_true;
    return py_bool_from_long(op == '&' ? (x & y) : op == '|' ? (x | y) : (x ^ y));
}
static py_obj *bool_and(py_obj *a, py_obj *b) { return bool_bitop(a, b, '&'); }
static py_obj *bool_or(py_obj *a, py_obj *b) { return bool_bitop(a, b, '|'); }
static py_obj *bool_xor(py_obj *a, py_obj *b) { return bool_bitop(a, b, '^'); }

static py_number_methods bool_as_number = {
    .nb_and = bool_and,
    .nb_xor = bool_xor,
    .nb_or = bool_or,
};

py_typeinfo py_bool_info = {
    .rt = {.name = "bool", .size = offsetof(py_long_object, ob_digit), .item_size = sizeof(py_digit)},
    .flags = PY_TPFLAGS_LONG_SUBCLASS | PY_TPFLAGS_IMMUTABLETYPE,
    .base = &py_long_info,
    .doc = "bool(x) -> bool",
    .repr = bool_repr,
    .new = bool_new,
    .vectorcall = bool_vectorcall,
    .as_number = &bool_as_number,
};
