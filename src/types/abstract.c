/*
 * abstract.c -- the abstract object protocols (CPython 3.11's
 * Objects/abstract.c): numbers, sequences, mappings, iteration,
 * isinstance/issubclass.
 *
 * Owns the binary-operator dispatch: the left operand's slot, or the right
 * operand's first when its type is a proper subtype of the left's and
 * defines a different slot, NotImplemented meaning "try the other", then
 * the sequence fallbacks (+ is concatenation, * repetition) and the
 * TypeError "unsupported operand type(s) for +: 'int' and 'str'"; the
 * in-place forms (the in-place slot, then the binary dispatch); pow's
 * ternary dispatch; and the subscript/len/contains/iter protocols with
 * CPython's messages.
 *
 * Must not: special-case concrete types except where CPython does (exact
 * int/tuple/list fast paths of conversions).
 */
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* Errors                                                                  */
/* ====================================================================== */

/* type_error: msg formatted with o's type name. */
static py_obj *type_error(const char *msg, py_obj *o)
{
    return py_err_format(py_exc_TypeError, msg, py_obj_type_name(o));
}

static py_obj *null_error(void)
{
    if (!py_err_occurred()) py_err_set_string(py_exc_SystemError, "null argument to internal routine");
    return NULL;
}

/* ====================================================================== */
/* Binary operators                                                        */
/* ====================================================================== */

#define NB_SLOT(x) offsetof(py_number_methods, x)
#define NB_BINOP(m, slot) (*(py_binaryfunc *)(void *)((char *)(m) + (slot)))
#define NB_TERNOP(m, slot) (*(py_ternaryfunc *)(void *)((char *)(m) + (slot)))

/* binary_op1: NotImplemented (a new reference) when neither side can. */
static py_obj *binary_op1(py_obj *v, py_obj *w, size_t op_slot)
{
    py_typeinfo *vt = py_type_of(v), *wt = py_type_of(w);
    py_binaryfunc slotv = vt->as_number ? NB_BINOP(vt->as_number, op_slot) : NULL;
    py_binaryfunc slotw = NULL;
    if (wt != vt && wt->as_number != NULL) {
        slotw = NB_BINOP(wt->as_number, op_slot);
        if (slotw == slotv) slotw = NULL;
    }
    if (slotv) {
        py_obj *x;
        if (slotw && py_type_is_subtype(wt, vt)) {
            x = slotw(v, w);
            if (x != py_notimplemented) return x;
            rg_decref(x);
            slotw = NULL;
        }
        x = slotv(v, w);
        if (x != py_notimplemented) return x;
        rg_decref(x);
    }
    if (slotw) {
        py_obj *x = slotw(v, w);
        if (x != py_notimplemented) return x;
        rg_decref(x);
    }
    return py_new_ref(py_notimplemented);
}

static py_obj *binop_type_error(py_obj *v, py_obj *w, const char *op_name)
{
    return py_err_format(py_exc_TypeError, "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'", op_name,
                         py_obj_type_name(v), py_obj_type_name(w));
}

static py_obj *binary_op(py_obj *v, py_obj *w, size_t op_slot, const char *op_name)
{
    py_obj *result = binary_op1(v, w, op_slot);
    if (result != py_notimplemented) return result;
    rg_decref(result);
    if (op_slot == NB_SLOT(nb_rshift) && py_is_type(v, &py_cfunction_info) &&
        strcmp(((py_cfunction_object *)v)->m_ml->name, "print") == 0)
        return py_err_format(py_exc_TypeError,
                             "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'. Did you mean "
                             "\"print(<message>, file=<output_stream>)\"?",
                             op_name, py_obj_type_name(v), py_obj_type_name(w));
    return binop_type_error(v, w, op_name);
}

/* ternary_op: pow's dispatch over three operands. */
static py_obj *ternary_op(py_obj *v, py_obj *w, py_obj *z, size_t op_slot, const char *op_name)
{
    py_typeinfo *vt = py_type_of(v), *wt = py_type_of(w);
    py_ternaryfunc slotv = vt->as_number ? NB_TERNOP(vt->as_number, op_slot) : NULL;
    py_ternaryfunc slotw = NULL;
    if (wt != vt && wt->as_number != NULL) {
        slotw = NB_TERNOP(wt->as_number, op_slot);
        if (slotw == slotv) slotw = NULL;
    }
    if (slotv) {
        py_obj *x;
        if (slotw && py_type_is_subtype(wt, vt)) {
            x = slotw(v, w, z);
            if (x != py_notimplemented) return x;
            rg_decref(x);
            slotw = NULL;
        }
        x = slotv(v, w, z);
        if (x != py_notimplemented) return x;
        rg_decref(x);
    }
    if (slotw) {
        py_obj *x = slotw(v, w, z);
        if (x != py_notimplemented) return x;
        rg_decref(x);
    }
    py_number_methods *mz = py_type_of(z)->as_number;
    if (mz != NULL) {
        py_ternaryfunc slotz = NB_TERNOP(mz, op_slot);
        if (slotz == slotv || slotz == slotw) slotz = NULL;
        if (slotz) {
            py_obj *x = slotz(v, w, z);
            if (x != py_notimplemented) return x;
            rg_decref(x);
        }
    }
    if (z == py_none) return binop_type_error(v, w, op_name);
    return py_err_format(py_exc_TypeError, "unsupported operand type(s) for %.100s: '%.100s', '%.100s', '%.100s'",
                         op_name, py_obj_type_name(v), py_obj_type_name(w), py_obj_type_name(z));
}

#define BINARY_FUNC(func, slot, name)                                                            \
    py_obj *func(py_obj *v, py_obj *w) { return binary_op(v, w, NB_SLOT(slot), name); }

BINARY_FUNC(py_number_or, nb_or, "|")
BINARY_FUNC(py_number_xor, nb_xor, "^")
BINARY_FUNC(py_number_and, nb_and, "&")
BINARY_FUNC(py_number_lshift, nb_lshift, "<<")
BINARY_FUNC(py_number_rshift, nb_rshift, ">>")
BINARY_FUNC(py_number_subtract, nb_subtract, "-")
BINARY_FUNC(py_number_divmod, nb_divmod, "divmod()")
BINARY_FUNC(py_number_matrix_multiply, nb_matrix_multiply, "@")
BINARY_FUNC(py_number_floor_divide, nb_floor_divide, "//")
BINARY_FUNC(py_number_true_divide, nb_true_divide, "/")
BINARY_FUNC(py_number_remainder, nb_remainder, "%")

py_obj *py_number_add(py_obj *v, py_obj *w)
{
    py_obj *result = binary_op1(v, w, NB_SLOT(nb_add));
    if (result != py_notimplemented) return result;
    rg_decref(result);
    py_sequence_methods *m = py_type_of(v)->as_sequence;
    if (m && m->sq_concat) return m->sq_concat(v, w);
    return binop_type_error(v, w, "+");
}

/* seq * n through sq_repeat, n an index. */
static py_obj *sequence_repeat(py_ssizeargfunc repeatfunc, py_obj *seq, py_obj *n)
{
    if (!py_index_check(n)) return type_error("can't multiply sequence by non-int of type '%.200s'", n);
    py_ssize_t count = py_number_as_ssize_t(n, py_exc_OverflowError);
    if (count == -1 && py_err_occurred()) return NULL;
    return repeatfunc(seq, count);
}

py_obj *py_number_multiply(py_obj *v, py_obj *w)
{
    py_obj *result = binary_op1(v, w, NB_SLOT(nb_multiply));
    if (result == py_notimplemented) {
        py_sequence_methods *mv = py_type_of(v)->as_sequence, *mw = py_type_of(w)->as_sequence;
        rg_decref(result);
        if (mv && mv->sq_repeat) return sequence_repeat(mv->sq_repeat, v, w);
        if (mw && mw->sq_repeat) return sequence_repeat(mw->sq_repeat, w, v);
        result = binop_type_error(v, w, "*");
    }
    return result;
}

py_obj *py_number_power(py_obj *v, py_obj *w, py_obj *z)
{
    return ternary_op(v, w, z, NB_SLOT(nb_power), "** or pow()");
}

/* ---- in-place -------------------------------------------------------- */

/* binary_iop1: the in-place slot, then the binary dispatch. */
static py_obj *binary_iop1(py_obj *v, py_obj *w, size_t iop_slot, size_t op_slot)
{
    py_number_methods *mv = py_type_of(v)->as_number;
    if (mv != NULL) {
        py_binaryfunc slot = NB_BINOP(mv, iop_slot);
        if (slot) {
            py_obj *x = slot(v, w);
            if (x != py_notimplemented) return x;
            rg_decref(x);
        }
    }
    return binary_op1(v, w, op_slot);
}

static py_obj *binary_iop(py_obj *v, py_obj *w, size_t iop_slot, size_t op_slot, const char *op_name)
{
    py_obj *result = binary_iop1(v, w, iop_slot, op_slot);
    if (result == py_notimplemented) {
        rg_decref(result);
        return binop_type_error(v, w, op_name);
    }
    return result;
}

#define INPLACE_BINOP(func, iop, op, name)                                                       \
    py_obj *func(py_obj *v, py_obj *w) { return binary_iop(v, w, NB_SLOT(iop), NB_SLOT(op), name); }

INPLACE_BINOP(py_number_inplace_or, nb_inplace_or, nb_or, "|=")
INPLACE_BINOP(py_number_inplace_xor, nb_inplace_xor, nb_xor, "^=")
INPLACE_BINOP(py_number_inplace_and, nb_inplace_and, nb_and, "&=")
INPLACE_BINOP(py_number_inplace_lshift, nb_inplace_lshift, nb_lshift, "<<=")
INPLACE_BINOP(py_number_inplace_rshift, nb_inplace_rshift, nb_rshift, ">>=")
INPLACE_BINOP(py_number_inplace_subtract, nb_inplace_subtract, nb_subtract, "-=")
INPLACE_BINOP(py_number_inplace_matrix_multiply, nb_inplace_matrix_multiply, nb_matrix_multiply, "@=")
INPLACE_BINOP(py_number_inplace_floor_divide, nb_inplace_floor_divide, nb_floor_divide, "//=")
INPLACE_BINOP(py_number_inplace_true_divide, nb_inplace_true_divide, nb_true_divide, "/=")
INPLACE_BINOP(py_number_inplace_remainder, nb_inplace_remainder, nb_remainder, "%=")

py_obj *py_number_inplace_add(py_obj *v, py_obj *w)
{
    py_obj *result = binary_iop1(v, w, NB_SLOT(nb_inplace_add), NB_SLOT(nb_add));
    if (result == py_notimplemented) {
        py_sequence_methods *m = py_type_of(v)->as_sequence;
        rg_decref(result);
        if (m != NULL) {
            py_binaryfunc func = m->sq_inplace_concat ? m->sq_inplace_concat : m->sq_concat;
            if (func != NULL) return func(v, w);
        }
        result = binop_type_error(v, w, "+=");
    }
    return result;
}

py_obj *py_number_inplace_multiply(py_obj *v, py_obj *w)
{
    py_obj *result = binary_iop1(v, w, NB_SLOT(nb_inplace_multiply), NB_SLOT(nb_multiply));
    if (result == py_notimplemented) {
        py_ssizeargfunc f = NULL;
        py_sequence_methods *mv = py_type_of(v)->as_sequence, *mw = py_type_of(w)->as_sequence;
        rg_decref(result);
        if (mv != NULL) {
            f = mv->sq_inplace_repeat ? mv->sq_inplace_repeat : mv->sq_repeat;
            if (f != NULL) return sequence_repeat(f, v, w);
        } else if (mw != NULL && mw->sq_repeat) {
            /* n *= seq: the sequence's plain repeat. */
            return sequence_repeat(mw->sq_repeat, w, v);
        }
        result = binop_type_error(v, w, "*=");
    }
    return result;
}

py_obj *py_number_inplace_power(py_obj *v, py_obj *w, py_obj *z)
{
    py_number_methods *mv = py_type_of(v)->as_number;
    if (mv != NULL && mv->nb_inplace_power) {
        py_obj *x = mv->nb_inplace_power(v, w, z);
        if (x != py_notimplemented) return x;
        rg_decref(x);
    }
    return ternary_op(v, w, z, NB_SLOT(nb_power), "**=");
}

/* ---- unary ------------------------------------------------------------ */

#define UNARY_FUNC(func, slot, name)                                                             \
    py_obj *func(py_obj *o)                                                                      \
    {                                                                                            \
        if (o == NULL) return null_error();                                                      \
        py_number_methods *m = py_type_of(o)->as_number;                                         \
        if (m && m->slot) return m->slot(o);                                                     \
        return type_error("bad operand type for " name ": '%.200s'", o);                       \
    }

UNARY_FUNC(py_number_negative, nb_negative, "unary -")
UNARY_FUNC(py_number_positive, nb_positive, "unary +")
UNARY_FUNC(py_number_invert, nb_invert, "unary ~")
UNARY_FUNC(py_number_absolute, nb_absolute, "abs()")

/* ====================================================================== */
/* Conversions                                                             */
/* ====================================================================== */

int py_index_check(py_obj *o)
{
    py_number_methods *m = py_type_of(o)->as_number;
    return m != NULL && m->nb_index != NULL;
}

/* _PyNumber_Index: an int (possibly a subclass instance). */
static py_obj *number_index(py_obj *item)
{
    if (item == NULL) return null_error();
    if (py_long_check(item)) return py_new_ref(item);
    if (!py_index_check(item)) return type_error("'%.200s' object cannot be interpreted as an integer", item);
    py_obj *result = py_type_of(item)->as_number->nb_index(item);
    if (result == NULL || py_long_check_exact(result)) return result;
    if (!py_long_check(result)) {
        py_err_format(py_exc_TypeError, "__index__ returned non-int (type %.200s)", py_obj_type_name(result));
        rg_decref(result);
        return NULL;
    }
    return result;
}

/* An exact int equal to the int (subclass instance) v. */
static py_obj *long_copy_exact(py_obj *v)
{
    if (py_long_check_exact(v)) return py_new_ref(v);
    py_obj *r = py_number_add(v, py_small_int(0));
    if (r != NULL && !py_long_check_exact(r)) {
        /* bool + 0 is an int; an int subclass's add may be overridden:
         * go through the digits. */
        py_obj *s = py_long_to_decimal_string(v);
        rg_decref(r);
        if (s == NULL) return NULL;
        r = py_long_from_unicode(s, 10);
        rg_decref(s);
    }
    return r;
}

py_obj *py_number_index(py_obj *item)
{
    py_obj *result = number_index(item);
    if (result != NULL && !py_long_check_exact(result)) PY_SETREF(result, long_copy_exact(result));
    return result;
}

py_ssize_t py_number_as_ssize_t(py_obj *item, py_typeinfo *err)
{
    py_obj *value = number_index(item);
    if (value == NULL) return -1;
    int overflow;
    long result = py_long_as_long_and_overflow(value, &overflow);
    if (overflow) {
        if (err == NULL) result = overflow < 0 ? PY_SSIZE_T_MIN : PY_SSIZE_T_MAX;
        else py_err_format(err, "cannot fit '%.200s' into an index-sized integer", py_obj_type_name(item));
    }
    rg_decref(value);
    return result;
}

int py_eval_slice_index_not_none(py_obj *v, py_ssize_t *pi)
{
    if (!py_index_check(v)) {
        py_err_set_string(py_exc_TypeError, "slice indices must be integers or have an __index__ method");
        return 0;
    }
    py_ssize_t x = py_number_as_ssize_t(v, NULL);
    if (x == -1 && py_err_occurred()) return 0;
    *pi = x;
    return 1;
}

py_obj *py_number_long(py_obj *o)
{
    if (o == NULL) return null_error();
    if (py_long_check_exact(o)) return py_new_ref(o);
    py_number_methods *m = py_type_of(o)->as_number;
    if (m && m->nb_int) {
        py_obj *result = m->nb_int(o);
        if (result == NULL || py_long_check_exact(result)) return result;
        if (!py_long_check(result)) {
            py_err_format(py_exc_TypeError, "__int__ returned non-int (type %.200s)", py_obj_type_name(result));
            rg_decref(result);
            return NULL;
        }
        PY_SETREF(result, long_copy_exact(result));
        return result;
    }
    if (m && m->nb_index) return py_number_index(o);
    if (py_unicode_check(o)) return py_long_from_unicode(o, 10);
    if (py_bytes_check(o) || py_bytearray_check(o)) return py_long_from_bytes_text(o, 10);
    return type_error("int() argument must be a string, a bytes-like object or a real number, not '%.200s'", o);
}

py_obj *py_number_float(py_obj *o)
{
    if (o == NULL) return null_error();
    py_number_methods *m = py_type_of(o)->as_number;
    if (m && m->nb_float) {
        py_obj *res = m->nb_float(o);
        if (res == NULL || py_float_check_exact(res)) return res;
        if (!py_float_check(res)) {
            py_err_format(py_exc_TypeError, "%.50s.__float__ returned non-float (type %.50s)", py_obj_type_name(o),
                          py_obj_type_name(res));
            rg_decref(res);
            return NULL;
        }
        return res;
    }
    return type_error("float() argument must be a string or a real number, not '%.200s'", o);
}

/* ====================================================================== */
/* Subscripts and length                                                   */
/* ====================================================================== */

py_obj *py_object_get_item(py_obj *o, py_obj *key)
{
    if (o == NULL || key == NULL) return null_error();
    py_typeinfo *tp = py_type_of(o);
    if (tp->as_mapping && tp->as_mapping->mp_subscript) return tp->as_mapping->mp_subscript(o, key);
    if (tp->as_sequence && tp->as_sequence->sq_item) {
        if (py_index_check(key)) {
            py_ssize_t i = py_number_as_ssize_t(key, py_exc_IndexError);
            if (i == -1 && py_err_occurred()) return NULL;
            return py_sequence_get_item(o, i);
        }
        return type_error("sequence index must be integer, not '%.200s'", key);
    }
    if (py_type_check(o)) {
        /* type[int], but not str[int]: only `type` itself. */
        if (o == py_type_info.type_obj) return py_generic_alias_new(o, key);
        py_obj *meth;
        if (py_object_lookup_attr(o, py_id(__class_getitem__), &meth) < 0) return NULL;
        if (meth != NULL && meth != py_none) {
            py_obj *result = py_object_call_one_arg(meth, key);
            rg_decref(meth);
            return result;
        }
        rg_xdecref(meth);
        return py_err_format(py_exc_TypeError, "type '%.200s' is not subscriptable", py_typeinfo_of(o)->rt.name);
    }
    return type_error("'%.200s' object is not subscriptable", o);
}

int py_object_set_item(py_obj *o, py_obj *key, py_obj *value)
{
    if (o == NULL || key == NULL || value == NULL) {
        null_error();
        return -1;
    }
    py_typeinfo *tp = py_type_of(o);
    if (tp->as_mapping && tp->as_mapping->mp_ass_subscript) return tp->as_mapping->mp_ass_subscript(o, key, value);
    if (tp->as_sequence) {
        if (py_index_check(key)) {
            py_ssize_t i = py_number_as_ssize_t(key, py_exc_IndexError);
            if (i == -1 && py_err_occurred()) return -1;
            return py_sequence_set_item(o, i, value);
        }
        if (tp->as_sequence->sq_ass_item) {
            type_error("sequence index must be integer, not '%.200s'", key);
            return -1;
        }
    }
    type_error("'%.200s' object does not support item assignment", o);
    return -1;
}

int py_object_del_item(py_obj *o, py_obj *key)
{
    if (o == NULL || key == NULL) {
        null_error();
        return -1;
    }
    py_typeinfo *tp = py_type_of(o);
    if (tp->as_mapping && tp->as_mapping->mp_ass_subscript) return tp->as_mapping->mp_ass_subscript(o, key, NULL);
    if (tp->as_sequence) {
        if (py_index_check(key)) {
            py_ssize_t i = py_number_as_ssize_t(key, py_exc_IndexError);
            if (i == -1 && py_err_occurred()) return -1;
            return py_sequence_del_item(o, i);
        }
        if (tp->as_sequence->sq_ass_item) {
            type_error("sequence index must be integer, not '%.200s'", key);
            return -1;
        }
    }
    type_error("'%.200s' object doesn't support item deletion", o);
    return -1;
}

py_ssize_t py_object_size(py_obj *o)
{
    if (o == NULL) {
        null_error();
        return -1;
    }
    py_typeinfo *tp = py_type_of(o);
    if (tp->as_sequence && tp->as_sequence->sq_length) return tp->as_sequence->sq_length(o);
    if (tp->as_mapping && tp->as_mapping->mp_length) return tp->as_mapping->mp_length(o);
    type_error("object of type '%.200s' has no len()", o);
    return -1;
}

/* PySequence_Size: sq_length only ("... is not a sequence" for mappings). */
py_ssize_t py_sequence_size(py_obj *s)
{
    py_typeinfo *tp = py_type_of(s);
    if (tp->as_sequence && tp->as_sequence->sq_length) return tp->as_sequence->sq_length(s);
    if (tp->as_mapping && tp->as_mapping->mp_length)
        type_error("%.200s is not a sequence", s);
    else
        type_error("object of type '%.200s' has no len()", s);
    return -1;
}

/* _PyObject_HasLen */
static int object_has_len(py_obj *o)
{
    py_typeinfo *tp = py_type_of(o);
    return (tp->as_sequence && tp->as_sequence->sq_length) || (tp->as_mapping && tp->as_mapping->mp_length);
}

py_ssize_t py_object_length_hint(py_obj *o, py_ssize_t defaultvalue)
{
    if (object_has_len(o)) {
        py_ssize_t res = py_object_size(o);
        if (res >= 0) return res;
        if (!py_err_exception_matches(py_exc_TypeError)) return -1;
        py_err_clear();
    }
    py_obj *hint = py_object_lookup_special(o, py_id(__length_hint__));
    if (hint == NULL) return py_err_occurred() ? -1 : defaultvalue;
    py_obj *result = py_object_call_no_args(hint);
    rg_decref(hint);
    if (result == NULL) {
        if (py_err_exception_matches(py_exc_TypeError)) {
            py_err_clear();
            return defaultvalue;
        }
        return -1;
    }
    if (result == py_notimplemented) {
        rg_decref(result);
        return defaultvalue;
    }
    if (!py_long_check(result)) {
        py_err_format(py_exc_TypeError, "__length_hint__ must be an integer, not %.100s", py_obj_type_name(result));
        rg_decref(result);
        return -1;
    }
    py_ssize_t res = py_long_as_ssize_t(result);
    rg_decref(result);
    if (res < 0 && py_err_occurred()) return -1;
    if (res < 0) {
        py_err_set_string(py_exc_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    return res;
}

py_obj *py_sequence_get_item(py_obj *s, py_ssize_t i)
{
    if (s == NULL) return null_error();
    py_typeinfo *tp = py_type_of(s);
    py_sequence_methods *m = tp->as_sequence;
    if (m && m->sq_item) {
        if (i < 0 && m->sq_length) {
            py_ssize_t l = m->sq_length(s);
            if (l < 0) return NULL;
            i += l;
        }
        return m->sq_item(s, i);
    }
    if (tp->as_mapping && tp->as_mapping->mp_subscript) return type_error("%.200s is not a sequence", s);
    return type_error("'%.200s' object does not support indexing", s);
}

/* PySequence_SetItem (o) and PySequence_DelItem (o NULL): sq_ass_item
 * with a negative index counted from the end; `unsupported` is the
 * TypeError when s has no sq_ass_item and is no mapping either. */
static int sequence_ass_item(py_obj *s, py_ssize_t i, py_obj *o, const char *unsupported)
{
    py_typeinfo *tp = py_type_of(s);
    py_sequence_methods *m = tp->as_sequence;
    if (m && m->sq_ass_item) {
        if (i < 0 && m->sq_length) {
            py_ssize_t l = m->sq_length(s);
            if (l < 0) return -1;
            i += l;
        }
        return m->sq_ass_item(s, i, o);
    }
    if (tp->as_mapping && tp->as_mapping->mp_ass_subscript) {
        type_error("%.200s is not a sequence", s);
        return -1;
    }
    type_error(unsupported, s);
    return -1;
}

int py_sequence_set_item(py_obj *s, py_ssize_t i, py_obj *o)
{
    return sequence_ass_item(s, i, o, "'%.200s' object does not support item assignment");
}

int py_sequence_del_item(py_obj *s, py_ssize_t i)
{
    return sequence_ass_item(s, i, NULL, "'%.200s' object doesn't support item deletion");
}

int py_sequence_check(py_obj *s)
{
    if (py_dict_check(s)) return 0;
    py_sequence_methods *m = py_type_of(s)->as_sequence;
    return m != NULL && m->sq_item != NULL;
}

int py_mapping_check(py_obj *o)
{
    py_mapping_methods *m = py_type_of(o)->as_mapping;
    return m != NULL && m->mp_subscript != NULL;
}

int py_callable_check(py_obj *o)
{
    py_typeinfo *tp = py_type_of(o);
    return tp->call != NULL || py_vectorcall_function(o) != NULL;
}

int py_sequence_contains(py_obj *seq, py_obj *ob)
{
    py_sequence_methods *sqm = py_type_of(seq)->as_sequence;
    if (sqm != NULL && sqm->sq_contains != NULL) return sqm->sq_contains(seq, ob);
    /* _PySequence_IterSearch(PY_ITERSEARCH_CONTAINS) */
    py_obj *it = py_object_get_iter(seq);
    if (it == NULL) {
        if (py_err_exception_matches(py_exc_TypeError))
            py_err_format(py_exc_TypeError, "argument of type '%.200s' is not iterable", py_obj_type_name(seq));
        return -1;
    }
    int result = 0;
    for (;;) {
        py_obj *item = py_iter_next(it);
        if (item == NULL) {
            if (py_err_occurred()) result = -1;
            break;
        }
        int cmp = py_object_rich_compare_bool(item, ob, PY_EQ);
        rg_decref(item);
        if (cmp != 0) {
            result = cmp;
            break;
        }
    }
    rg_decref(it);
    return result;
}

/* ====================================================================== */
/* Conversions to containers                                               */
/* ====================================================================== */

py_obj *py_sequence_tuple(py_obj *v)
{
    if (v == NULL) return null_error();
    if (py_tuple_check_exact(v)) return py_new_ref(v);
    if (py_list_check_exact(v)) {
        py_list_object *l = (py_list_object *)v;
        return py_tuple_from_array(l->ob_item, l->ob_var.size);
    }
    py_obj *it = py_object_get_iter(v);
    if (it == NULL) return NULL;
    py_ssize_t n = py_object_length_hint(v, 10), j;
    py_obj *result = NULL;
    if (n == -1) goto fail;
    result = py_tuple_new(n);
    if (result == NULL) goto fail;
    for (j = 0;; ++j) {
        py_obj *item = py_iter_next(it);
        if (item == NULL) {
            if (py_err_occurred()) goto fail;
            break;
        }
        if (j >= n) {
            /* Grow by ten and then 25%: the excess goes at the end. */
            size_t newn = (size_t)n + 10u;
            newn += newn >> 2;
            if (newn > (size_t)PY_SSIZE_T_MAX) {
                py_err_no_memory();
                rg_decref(item);
                goto fail;
            }
            n = (py_ssize_t)newn;
            if (py_tuple_resize(&result, n) != 0) {
                rg_decref(item);
                goto fail;
            }
        }
        py_tuple_set(result, j, item);
    }
    if (j < n && py_tuple_resize(&result, j) != 0) goto fail;
    rg_decref(it);
    return result;
fail:
    rg_xdecref(result);
    rg_decref(it);
    return NULL;
}

/* ====================================================================== */
/* Iteration                                                               */
/* ====================================================================== */

int py_iter_check(py_obj *o) { return py_type_of(o)->iternext != NULL; }

py_obj *py_object_get_iter(py_obj *o)
{
    py_typeinfo *t = py_type_of(o);
    py_getiterfunc f = t->iter;
    if (f == NULL) {
        if (py_sequence_check(o)) return py_seq_iter_new(o);
        return type_error("'%.200s' object is not iterable", o);
    }
    py_obj *res = f(o);
    if (res != NULL && !py_iter_check(res)) {
        py_err_format(py_exc_TypeError, "iter() returned non-iterator of type '%.100s'", py_obj_type_name(res));
        rg_decref(res);
        res = NULL;
    }
    return res;
}

py_obj *py_iter_next(py_obj *iter)
{
    py_obj *result = py_type_of(iter)->iternext(iter);
    if (result == NULL && py_err_occurred() && py_err_exception_matches(py_exc_StopIteration)) py_err_clear();
    return result;
}

/* ====================================================================== */
/* isinstance, issubclass                                                  */
/* ====================================================================== */

/* object_isinstance: for a type, a type check, then __class__. */
static int object_isinstance(py_obj *inst, py_obj *cls)
{
    if (!py_type_check(cls))
        return py_err_format(py_exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union"),
               -1;
    int retval = py_object_type_check(inst, py_typeinfo_of(cls));
    if (retval == 0) {
        py_obj *icls;
        retval = py_object_lookup_attr(inst, py_id(__class__), &icls);
        if (icls != NULL) {
            if (icls != py_type_object_of_obj(inst) && py_type_check(icls))
                retval = py_type_is_subtype(py_typeinfo_of(icls), py_typeinfo_of(cls));
            else retval = 0;
            rg_decref(icls);
        }
    }
    return retval;
}

int py_object_is_instance(py_obj *inst, py_obj *cls)
{
    if (py_type_check(cls) && py_is_type(inst, py_typeinfo_of(cls))) return 1;
    if (py_is_type(cls, &py_type_info)) return object_isinstance(inst, cls);
    if (py_union_check(cls)) cls = py_union_args(cls); /* int | str: as a tuple */
    if (py_tuple_check(cls)) {
        if (py_enter_recursive_call(" in __instancecheck__")) return -1;
        int r = 0;
        for (py_ssize_t i = 0; i < py_tuple_size(cls); ++i) {
            r = py_object_is_instance(inst, py_tuple_get(cls, i));
            if (r != 0) break;
        }
        py_leave_recursive_call();
        return r;
    }
    py_obj *checker = py_object_lookup_special(cls, py_id(__instancecheck__));
    if (checker != NULL) {
        if (py_enter_recursive_call(" in __instancecheck__")) {
            rg_decref(checker);
            return -1;
        }
        py_obj *res = py_object_call_one_arg(checker, inst);
        py_leave_recursive_call();
        rg_decref(checker);
        if (res == NULL) return -1;
        int ok = py_object_is_true(res);
        rg_decref(res);
        return ok;
    }
    if (py_err_occurred()) return -1;
    return object_isinstance(inst, cls);
}

/* recursive_issubclass (types only: abstract classes with __bases__ are
 * not supported). */
static int recursive_issubclass(py_obj *derived, py_obj *cls)
{
    if (py_type_check(cls) && py_type_check(derived))
        return py_type_is_subtype(py_typeinfo_of(derived), py_typeinfo_of(cls));
    if (!py_type_check(derived)) {
        py_err_set_string(py_exc_TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    py_err_set_string(py_exc_TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return -1;
}

int py_object_is_subclass(py_obj *derived, py_obj *cls)
{
    if (py_is_type(cls, &py_type_info)) {
        if (derived == cls) return 1;
        return recursive_issubclass(derived, cls);
    }
    if (py_union_check(cls)) cls = py_union_args(cls);
    if (py_tuple_check(cls)) {
        if (py_enter_recursive_call(" in __subclasscheck__")) return -1;
        int r = 0;
        for (py_ssize_t i = 0; i < py_tuple_size(cls); ++i) {
            r = py_object_is_subclass(derived, py_tuple_get(cls, i));
            if (r != 0) break;
        }
        py_leave_recursive_call();
        return r;
    }
    py_obj *checker = py_object_lookup_special(cls, py_id(__subclasscheck__));
    if (checker != NULL) {
        int ok = -1;
        if (py_enter_recursive_call(" in __subclasscheck__")) {
            rg_decref(checker);
            return -1;
        }
        py_obj *res = py_object_call_one_arg(checker, derived);
        py_leave_recursive_call();
        rg_decref(checker);
        if (res != NULL) {
            ok = py_object_is_true(res);
            rg_decref(res);
        }
        return ok;
    }
    if (py_err_occurred()) return -1;
    return recursive_issubclass(derived, cls);
}

/* The real checks, for type.__instancecheck__ / __subclasscheck__. */
int py_object_real_is_instance(py_obj *inst, py_obj *cls) { return object_isinstance(inst, cls); }
int py_object_real_is_subclass(py_obj *derived, py_obj *cls) { return recursive_issubclass(derived, cls); }
