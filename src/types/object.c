/*
 * object.c -- generic object operations (CPython 3.11's Objects/object.c)
 * and the singletons None, NotImplemented and Ellipsis.
 *
 * Owns: repr/str/ascii, hash, rich comparison with reflected operations
 * (a subclass's reflected method first, NotImplemented from both sides
 * falling back to identity for == and != and to TypeError "'<' not
 * supported between instances of 'A' and 'B'" otherwise), truth, getattr
 * and setattr (the generic ones walk the MRO: data descriptors, then the
 * instance's dict or inline values, then non-data descriptors and class
 * attributes), LOAD_METHOD's lookup, __dict__ access, Py_ReprEnter, and
 * sys.getsizeof.
 *
 * Invariants: a failing getattr through py_object_get_attr leaves an
 * AttributeError whose name and obj are set (3.10+'s
 * set_attribute_error_context normalizes it); py_object_lookup_attr
 * never creates the exception object for generic getattr.
 *
 * Must not: know any concrete type beyond the singletons defined here
 * (type checks go through flags and slots).
 */
#include <stdlib.h>
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* repr, str, ascii                                                        */
/* ====================================================================== */

py_obj *py_object_repr(py_obj *v)
{
    if (v == NULL) return py_unicode_from_string("<NULL>");
    py_typeinfo *tp = py_type_of(v);
    if (tp->repr == NULL) return py_unicode_from_format("<%s object at %p>", tp->rt.name, (void *)v);
    if (py_enter_recursive_call(" while getting the repr of an object")) return NULL;
    py_obj *res = tp->repr(v);
    py_leave_recursive_call();
    if (res == NULL) return NULL;
    if (!py_unicode_check(res)) {
        py_err_format(py_exc_TypeError, "__repr__ returned non-string (type %.200s)", py_obj_type_name(res));
        rg_decref(res);
        return NULL;
    }
    return res;
}

py_obj *py_object_str(py_obj *v)
{
    if (v == NULL) return py_unicode_from_string("<NULL>");
    if (py_unicode_check_exact(v)) return py_new_ref(v);
    py_typeinfo *tp = py_type_of(v);
    if (tp->str == NULL) return py_object_repr(v);
    if (py_enter_recursive_call(" while getting the str of an object")) return NULL;
    py_obj *res = tp->str(v);
    py_leave_recursive_call();
    if (res == NULL) return NULL;
    if (!py_unicode_check(res)) {
        py_err_format(py_exc_TypeError, "__str__ returned non-string (type %.200s)", py_obj_type_name(res));
        rg_decref(res);
        return NULL;
    }
    return res;
}

py_obj *py_object_ascii(py_obj *v)
{
    py_obj *repr = py_object_repr(v);
    if (repr == NULL || py_unicode_is_ascii(repr)) return repr;
    /* Escape what is not ASCII, as the backslashreplace handler does. */
    static const char hex[] = "0123456789abcdef";
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    py_ssize_t n = py_unicode_get_length(repr);
    for (py_ssize_t i = 0; i < n; i++) {
        py_ucs4 c = py_unicode_read_char(repr, i);
        char buf[12];
        int len = 0;
        if (c < 128) {
            if (py_unicode_writer_write_char(&w, c) < 0) goto fail;
            continue;
        }
        buf[len++] = '\\';
        int digits;
        if (c <= 0xff) {
            buf[len++] = 'x';
            digits = 2;
        } else if (c <= 0xffff) {
            buf[len++] = 'u';
            digits = 4;
        } else {
            buf[len++] = 'U';
            digits = 8;
        }
        for (int sh = (digits - 1) * 4; sh >= 0; sh -= 4) buf[len++] = hex[(c >> sh) & 0xf];
        if (py_unicode_writer_write_ascii(&w, buf, len) < 0) goto fail;
    }
    rg_decref(repr);
    return py_unicode_writer_finish(&w);
fail:
    rg_decref(repr);
    py_unicode_writer_dealloc(&w);
    return NULL;
}

int py_object_print(py_obj *o, FILE *f, int use_str)
{
    py_obj *s = use_str ? py_object_str(o) : py_object_repr(o);
    if (s == NULL) return -1;
    py_ssize_t len;
    const char *u = py_unicode_as_utf8_and_size(s, &len);
    if (u == NULL) {
        rg_decref(s);
        return -1;
    }
    fwrite(u, 1, (size_t)len, f);
    rg_decref(s);
    return 0;
}

/* ====================================================================== */
/* Hashing                                                                 */
/* ====================================================================== */

py_hash_t py_hash_pointer(const void *p)
{
    size_t y = (size_t)p;
    /* The bottom 3 or 4 bits are likely 0: rotate them to the top. */
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    py_hash_t x = (py_hash_t)y;
    return x == -1 ? -2 : x;
}

py_hash_t py_hash_pointer_slot(py_obj *o) { return py_hash_pointer(o); }

py_hash_t py_object_hash_not_implemented(py_obj *v)
{
    py_err_format(py_exc_TypeError, "unhashable type: '%.200s'", py_obj_type_name(v));
    return -1;
}

py_hash_t py_object_hash(py_obj *v)
{
    py_typeinfo *tp = py_type_of(v);
    if (tp->hash != NULL) return tp->hash(v);
    return py_object_hash_not_implemented(v);
}

/* ====================================================================== */
/* Comparison                                                              */
/* ====================================================================== */

static const int swapped_op[] = {PY_GT, PY_GE, PY_EQ, PY_NE, PY_LT, PY_LE};
static const char *const opstrings[] = {"<", "<=", "==", "!=", ">", ">="};

/* do_richcompare: the right operand's reflected method first when its
 * type is a proper subtype of the left's, then the left's, then the
 * right's; NotImplemented everywhere falls back to identity for == and
 * != and raises for orderings. */
static py_obj *do_richcompare(py_obj *v, py_obj *w, int op)
{
    py_richcmpfunc f;
    py_obj *res;
    int checked_reverse_op = 0;
    py_typeinfo *vt = py_type_of(v), *wt = py_type_of(w);
    if (vt != wt && py_type_is_subtype(wt, vt) && (f = wt->richcompare) != NULL) {
        checked_reverse_op = 1;
        res = f(w, v, swapped_op[op]);
        if (res != py_notimplemented) return res;
        rg_decref(res);
    }
    if ((f = vt->richcompare) != NULL) {
        res = f(v, w, op);
        if (res != py_notimplemented) return res;
        rg_decref(res);
    }
    if (!checked_reverse_op && (f = wt->richcompare) != NULL) {
        res = f(w, v, swapped_op[op]);
        if (res != py_notimplemented) return res;
        rg_decref(res);
    }
    switch (op) {
    case PY_EQ: return py_bool_from_long(v == w);
    case PY_NE: return py_bool_from_long(v != w);
    default:
        return py_err_format(py_exc_TypeError, "'%s' not supported between instances of '%.100s' and '%.100s'",
                             opstrings[op], vt->rt.name, wt->rt.name);
    }
}

py_obj *py_object_rich_compare(py_obj *v, py_obj *w, int op)
{
    RG_ASSERT(op >= PY_LT && op <= PY_GE);
    if (v == NULL || w == NULL) {
        if (!py_err_occurred()) py_err_bad_internal_call();
        return NULL;
    }
    if (py_enter_recursive_call(" in comparison")) return NULL;
    py_obj *res = do_richcompare(v, w, op);
    py_leave_recursive_call();
    return res;
}

int py_object_rich_compare_bool(py_obj *v, py_obj *w, int op)
{
    /* Identity implies equality (for ==, !=). */
    if (v == w) {
        if (op == PY_EQ) return 1;
        if (op == PY_NE) return 0;
    }
    py_obj *res = py_object_rich_compare(v, w, op);
    if (res == NULL) return -1;
    int ok = py_bool_check(res) ? res == py_true : py_object_is_true(res);
    rg_decref(res);
    return ok;
}

/* ====================================================================== */
/* Truth                                                                   */
/* ====================================================================== */

int py_object_is_true(py_obj *v)
{
    if (v == py_true) return 1;
    if (v == py_false || v == py_none) return 0;
    py_typeinfo *tp = py_type_of(v);
    py_ssize_t res;
    if (tp->as_number != NULL && tp->as_number->nb_bool != NULL) res = tp->as_number->nb_bool(v);
    else if (tp->as_mapping != NULL && tp->as_mapping->mp_length != NULL) res = tp->as_mapping->mp_length(v);
    else if (tp->as_sequence != NULL && tp->as_sequence->sq_length != NULL) res = tp->as_sequence->sq_length(v);
    else return 1;
    return res > 0 ? 1 : (int)res;
}

int py_object_not(py_obj *v)
{
    int res = py_object_is_true(v);
    if (res < 0) return res;
    return res == 0;
}

/* ====================================================================== */
/* Attributes                                                              */
/* ====================================================================== */

/* _PyObject_DictPointer: where o's __dict__ pointer lives (the managed
 * pre-header, a member, or after the items), NULL if it has none. */
py_obj **py_object_get_dict_ptr(py_obj *o)
{
    py_typeinfo *tp = py_type_of(o);
    if (tp->flags & PY_TPFLAGS_MANAGED_DICT) return py_object_managed_dict_ptr(o);
    py_ssize_t off = tp->dictoffset;
    if (off == 0) return NULL;
    if (off < 0) {
        py_ssize_t n = ((rg_varobject *)o)->size;
        if (n < 0) n = -n;
        size_t size = (tp->rt.size + (size_t)n * tp->rt.item_size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
        off += (py_ssize_t)size;
    }
    return (py_obj **)(void *)((char *)o + off);
}

/* The class's shared keys (NULL when it has none). */
static inline py_dict_keys_object *cached_keys(py_typeinfo *tp)
{
    return tp->type_obj ? ((py_type_object *)tp->type_obj)->cached_keys : NULL;
}

/* set_attribute_error_context: a pending AttributeError gets its name and
 * obj (normalizing it, as 3.10+ does for the suggestions). */
static void set_attribute_error_context(py_obj *v, py_obj *name)
{
    if (!py_err_exception_matches(py_exc_AttributeError)) return;
    py_obj *type, *value, *tb;
    py_err_fetch(&type, &value, &tb);
    py_err_normalize_exception(&type, &value, &tb);
    if (py_err_given_exception_matches(value, py_type_object_of(py_exc_AttributeError))) {
        py_attribute_error_object *e = (py_attribute_error_object *)value;
        if (e->name == NULL && e->obj == NULL) {
            if (py_object_set_attr(value, py_id(name), name) < 0 || py_object_set_attr(value, py_id(obj), v) < 0) {
                rg_xdecref(type);
                rg_xdecref(value);
                rg_xdecref(tb);
                return;
            }
        }
    }
    py_err_restore(type, value, tb);
}

py_obj *py_object_get_attr(py_obj *v, py_obj *name)
{
    py_typeinfo *tp = py_type_of(v);
    if (!py_unicode_check(name))
        return py_err_format(py_exc_TypeError, "attribute name must be string, not '%.200s'", py_obj_type_name(name));
    py_obj *result;
    if (tp->getattro != NULL) result = tp->getattro(v, name);
    else result = py_err_format(py_exc_AttributeError, "'%.100s' object has no attribute '%U'", tp->rt.name, name);
    if (result == NULL) set_attribute_error_context(v, name);
    return result;
}

py_obj *py_object_get_attr_string(py_obj *v, const char *name)
{
    py_obj *n = py_unicode_from_string(name);
    if (n == NULL) return NULL;
    py_obj *r = py_object_get_attr(v, n);
    rg_decref(n);
    return r;
}

int py_object_lookup_attr(py_obj *v, py_obj *name, py_obj **result)
{
    py_typeinfo *tp = py_type_of(v);
    if (!py_unicode_check(name)) {
        py_err_format(py_exc_TypeError, "attribute name must be string, not '%.200s'", py_obj_type_name(name));
        *result = NULL;
        return -1;
    }
    if (tp->getattro == py_object_generic_get_attr) {
        *result = py_object_generic_get_attr_with_dict(v, name, NULL, 1);
        if (*result != NULL) return 1;
        return py_err_occurred() ? -1 : 0;
    }
    if (tp->getattro == NULL) {
        *result = NULL;
        return 0;
    }
    *result = tp->getattro(v, name);
    if (*result != NULL) return 1;
    if (!py_err_exception_matches(py_exc_AttributeError)) return -1;
    py_err_clear();
    return 0;
}

int py_object_has_attr(py_obj *v, py_obj *name)
{
    py_obj *res;
    int r = py_object_lookup_attr(v, name, &res);
    if (r < 0) {
        py_err_clear();
        return 0;
    }
    rg_xdecref(res);
    return r;
}

int py_object_set_attr(py_obj *v, py_obj *name, py_obj *value)
{
    py_typeinfo *tp = py_type_of(v);
    if (!py_unicode_check(name)) {
        py_err_format(py_exc_TypeError, "attribute name must be string, not '%.200s'", py_obj_type_name(name));
        return -1;
    }
    rg_incref(name);
    py_unicode_intern_in_place(&name);
    int err;
    if (tp->setattro != NULL) {
        err = tp->setattro(v, name, value);
    } else {
        if (tp->getattro == NULL)
            py_err_format(py_exc_TypeError, "'%.100s' object has no attributes (%s .%U)", tp->rt.name,
                          value == NULL ? "del" : "assign to", name);
        else
            py_err_format(py_exc_TypeError, "'%.100s' object has only read-only attributes (%s .%U)", tp->rt.name,
                          value == NULL ? "del" : "assign to", name);
        err = -1;
    }
    rg_decref(name);
    return err;
}

int py_object_set_attr_string(py_obj *v, const char *name, py_obj *value)
{
    py_obj *n = py_unicode_from_string(name);
    if (n == NULL) return -1;
    int r = py_object_set_attr(v, n, value);
    rg_decref(n);
    return r;
}

py_obj *py_object_generic_get_attr_with_dict(py_obj *obj, py_obj *name, py_obj *dict, int suppress)
{
    py_typeinfo *tp = py_type_of(obj);
    py_obj *descr, *res = NULL;
    py_descrgetfunc f = NULL;
    if (!py_unicode_check(name))
        return py_err_format(py_exc_TypeError, "attribute name must be string, not '%.200s'", py_obj_type_name(name));
    rg_incref(name);
    descr = py_type_lookup(tp, name);
    if (descr != NULL) {
        rg_incref(descr);
        f = py_type_of(descr)->descr_get;
        if (f != NULL && py_descr_is_data(descr)) {
            res = f(descr, obj, py_type_object_of(tp));
            if (res == NULL && suppress && py_err_exception_matches(py_exc_AttributeError)) py_err_clear();
            goto done;
        }
    }
    if (dict == NULL) {
        if ((tp->flags & PY_TPFLAGS_MANAGED_DICT) && *py_object_values_ptr(obj) != NULL) {
            py_dict_values_array **values_ptr = py_object_values_ptr(obj);
            if (py_unicode_check_exact(name)) {
                res = py_object_get_instance_attribute(cached_keys(tp), *values_ptr, name);
                if (res != NULL) goto done;
            } else {
                py_obj **dictptr = py_object_managed_dict_ptr(obj);
                *dictptr = dict = py_object_make_dict_from_instance_attributes(cached_keys(tp), *values_ptr);
                if (dict == NULL) goto done;
                *values_ptr = NULL;
            }
        } else {
            py_obj **dictptr = py_object_get_dict_ptr(obj);
            if (dictptr != NULL) dict = *dictptr;
        }
    }
    if (dict != NULL) {
        rg_incref(dict);
        res = py_dict_get_item_with_error(dict, name);
        if (res != NULL) {
            rg_incref(res);
            rg_decref(dict);
            goto done;
        }
        rg_decref(dict);
        if (py_err_occurred()) {
            if (suppress && py_err_exception_matches(py_exc_AttributeError)) py_err_clear();
            else goto done;
        }
    }
    if (f != NULL) {
        res = f(descr, obj, py_type_object_of(tp));
        if (res == NULL && suppress && py_err_exception_matches(py_exc_AttributeError)) py_err_clear();
        goto done;
    }
    if (descr != NULL) {
        res = descr;
        descr = NULL;
        goto done;
    }
    if (!suppress) py_err_format(py_exc_AttributeError, "'%.50s' object has no attribute '%U'", tp->rt.name, name);
done:
    rg_xdecref(descr);
    rg_decref(name);
    return res;
}

py_obj *py_object_generic_get_attr(py_obj *o, py_obj *name)
{
    return py_object_generic_get_attr_with_dict(o, name, NULL, 0);
}

/* _PyObjectDict_SetItem: the instance dict (created on first use, split
 * on the class's shared keys when it has them). */
static int object_dict_set_item(py_typeinfo *tp, py_obj **dictptr, py_obj *key, py_obj *value)
{
    py_obj *dict = *dictptr;
    if (dict == NULL) {
        py_dict_keys_object *cached = (tp->flags & PY_TPFLAGS_HEAPTYPE) ? cached_keys(tp) : NULL;
        dict = cached ? py_dict_new_with_shared_keys(cached) : py_dict_new();
        if (dict == NULL) return -1;
        *dictptr = dict;
    }
    if (value == NULL) return py_dict_del_item(dict, key);
    return py_dict_set_item(dict, key, value);
}

/* _PyObject_GenericSetAttrWithDict with dict NULL. */
int py_object_generic_set_attr(py_obj *obj, py_obj *name, py_obj *value)
{
    py_typeinfo *tp = py_type_of(obj);
    int res = -1;
    if (!py_unicode_check(name)) {
        py_err_format(py_exc_TypeError, "attribute name must be string, not '%.200s'", py_obj_type_name(name));
        return -1;
    }
    rg_incref(name);
    py_obj *descr = py_type_lookup(tp, name);
    if (descr != NULL) {
        rg_incref(descr);
        py_descrsetfunc f = py_type_of(descr)->descr_set;
        if (f != NULL) {
            res = f(descr, obj, value);
            goto done;
        }
    }
    if ((tp->flags & PY_TPFLAGS_MANAGED_DICT) && *py_object_values_ptr(obj) != NULL) {
        res = py_object_store_instance_attribute(obj, cached_keys(tp), *py_object_values_ptr(obj), name, value);
    } else {
        py_obj **dictptr = py_object_get_dict_ptr(obj);
        if (dictptr == NULL) {
            if (descr == NULL)
                py_err_format(py_exc_AttributeError, "'%.100s' object has no attribute '%U'", tp->rt.name, name);
            else
                py_err_format(py_exc_AttributeError, "'%.50s' object attribute '%U' is read-only", tp->rt.name, name);
            goto done;
        }
        res = object_dict_set_item(tp, dictptr, name, value);
    }
    if (res < 0 && py_err_exception_matches(py_exc_KeyError)) {
        if (py_type_check(obj))
            py_err_format(py_exc_AttributeError, "type object '%.50s' has no attribute '%U'",
                          py_typeinfo_of(obj)->rt.name, name);
        else
            py_err_format(py_exc_AttributeError, "'%.100s' object has no attribute '%U'", tp->rt.name, name);
    }
done:
    rg_xdecref(descr);
    rg_decref(name);
    return res;
}

int py_object_get_method(py_obj *obj, py_obj *name, py_obj **method)
{
    py_typeinfo *tp = py_type_of(obj);
    *method = NULL;
    if (tp->getattro != py_object_generic_get_attr || !py_unicode_check_exact(name)) {
        *method = py_object_get_attr(obj, name);
        return 0;
    }
    py_obj *descr = py_type_lookup(tp, name);
    py_descrgetfunc f = NULL;
    int meth_found = 0;
    if (descr != NULL) {
        rg_incref(descr);
        if (py_type_has_feature(py_type_of(descr), PY_TPFLAGS_METHOD_DESCRIPTOR)) {
            meth_found = 1;
        } else {
            f = py_type_of(descr)->descr_get;
            if (f != NULL && py_descr_is_data(descr)) {
                *method = f(descr, obj, py_type_object_of(tp));
                rg_decref(descr);
                return 0;
            }
        }
    }
    py_obj *dict = NULL;
    if ((tp->flags & PY_TPFLAGS_MANAGED_DICT) && *py_object_values_ptr(obj) != NULL) {
        py_obj *attr = py_object_get_instance_attribute(cached_keys(tp), *py_object_values_ptr(obj), name);
        if (attr != NULL) {
            *method = attr;
            rg_xdecref(descr);
            return 0;
        }
    } else {
        py_obj **dictptr = py_object_get_dict_ptr(obj);
        if (dictptr != NULL) dict = *dictptr;
    }
    if (dict != NULL) {
        rg_incref(dict);
        py_obj *attr = py_dict_get_item_with_error(dict, name);
        if (attr != NULL) {
            *method = py_new_ref(attr);
            rg_decref(dict);
            rg_xdecref(descr);
            return 0;
        }
        rg_decref(dict);
        if (py_err_occurred()) {
            rg_xdecref(descr);
            return 0;
        }
    }
    if (meth_found) {
        *method = descr;
        return 1;
    }
    if (f != NULL) {
        *method = f(descr, obj, py_type_object_of(tp));
        rg_decref(descr);
        return 0;
    }
    if (descr != NULL) {
        *method = descr;
        return 0;
    }
    py_err_format(py_exc_AttributeError, "'%.50s' object has no attribute '%U'", tp->rt.name, name);
    set_attribute_error_context(obj, name);
    return 0;
}

/* ====================================================================== */
/* __dict__                                                                */
/* ====================================================================== */

py_obj *py_object_generic_get_dict(py_obj *obj, void *context)
{
    (void)context;
    py_typeinfo *tp = py_type_of(obj);
    py_obj *dict;
    if (tp->flags & PY_TPFLAGS_MANAGED_DICT) {
        py_dict_values_array **values_ptr = py_object_values_ptr(obj);
        py_obj **dictptr = py_object_managed_dict_ptr(obj);
        if (*values_ptr != NULL) {
            RG_ASSERT(*dictptr == NULL);
            *dictptr = dict = py_object_make_dict_from_instance_attributes(cached_keys(tp), *values_ptr);
            if (dict != NULL) *values_ptr = NULL;
        } else if (*dictptr == NULL) {
            *dictptr = dict = py_dict_new();
        } else {
            dict = *dictptr;
        }
        return py_xnew_ref(dict);
    }
    py_obj **dictptr = py_object_get_dict_ptr(obj);
    if (dictptr == NULL) {
        py_err_set_string(py_exc_AttributeError, "This object has no __dict__");
        return NULL;
    }
    dict = *dictptr;
    if (dict == NULL) {
        py_dict_keys_object *cached = (tp->flags & PY_TPFLAGS_HEAPTYPE) ? cached_keys(tp) : NULL;
        *dictptr = dict = cached ? py_dict_new_with_shared_keys(cached) : py_dict_new();
    }
    return py_xnew_ref(dict);
}

int py_object_generic_set_dict(py_obj *obj, py_obj *value, void *context)
{
    (void)context;
    py_typeinfo *tp = py_type_of(obj);
    py_obj **dictptr;
    if (tp->flags & PY_TPFLAGS_MANAGED_DICT) {
        /* Materialize first, so that the values are not lost. */
        py_obj *d = py_object_generic_get_dict(obj, NULL);
        if (d == NULL) return -1;
        rg_decref(d);
        dictptr = py_object_managed_dict_ptr(obj);
    } else {
        dictptr = py_object_get_dict_ptr(obj);
    }
    if (dictptr == NULL) {
        py_err_set_string(py_exc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (value == NULL) {
        py_err_set_string(py_exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!py_dict_check(value)) {
        py_err_format(py_exc_TypeError, "__dict__ must be set to a dictionary, not a '%.200s'", py_obj_type_name(value));
        return -1;
    }
    PY_XSETREF(*dictptr, py_new_ref(value));
    return 0;
}

py_obj *py_object_self_iter(py_obj *o) { return py_new_ref(o); }

/* ====================================================================== */
/* Py_ReprEnter, sys.getsizeof                                             */
/* ====================================================================== */

py_obj *py_thread_state_get_dict(void)
{
    py_interp *in = py_current;
    if (in->tstate_dict == NULL) {
        in->tstate_dict = py_dict_new();
        if (in->tstate_dict == NULL) py_err_clear(); /* as CPython: no exception */
    }
    return in->tstate_dict;
}

/* Py_ReprEnter: o is appended to the thread-state dict's "Py_Repr" list
 * (both made on first use); 1 if o is already there (recursion). */
int py_repr_enter(py_obj *o)
{
    py_obj *dict = py_thread_state_get_dict();
    if (dict == NULL) return 0;
    py_obj *list = py_dict_get_item_with_error(dict, py_id(Py_Repr));
    if (list == NULL) {
        if (py_err_occurred()) return -1;
        list = py_list_new(0);
        if (list == NULL) return -1;
        int r = py_dict_set_item(dict, py_id(Py_Repr), list);
        rg_decref(list);
        if (r < 0) return -1;
    }
    for (py_ssize_t i = py_list_size(list); --i >= 0;)
        if (((py_list_object *)list)->ob_item[i] == o) return 1;
    return py_list_append(list, o) < 0 ? -1 : 0;
}

/* Py_ReprLeave: o's last entry leaves the list (list[i:i+1] = []), the
 * current exception kept. */
void py_repr_leave(py_obj *o)
{
    py_obj *type, *value, *tb;
    py_err_fetch(&type, &value, &tb);
    py_obj *dict = py_current->tstate_dict;
    py_obj *list = dict ? py_dict_get_item_with_error(dict, py_id(Py_Repr)) : NULL;
    if (list != NULL && py_list_check(list)) {
        for (py_ssize_t i = py_list_size(list); --i >= 0;) {
            if (((py_list_object *)list)->ob_item[i] == o) {
                py_list_set_slice(list, i, i + 1, NULL);
                break;
            }
        }
    }
    py_err_restore(type, value, tb);
}

py_ssize_t py_object_basic_sizeof(py_obj *o)
{
    py_typeinfo *tp = py_type_of(o);
    py_ssize_t res = 0;
    if (tp->rt.item_size > 0) res = ((rg_varobject *)o)->size * (py_ssize_t)tp->rt.item_size;
    return res + (py_ssize_t)tp->rt.size;
}

py_ssize_t py_sys_getsizeof(py_obj *o)
{
    py_obj *method = py_object_lookup_special(o, py_id(__sizeof__));
    py_obj *res = NULL;
    if (method == NULL) {
        if (!py_err_occurred())
            py_err_format(py_exc_TypeError, "Type %.100s doesn't define __sizeof__", py_obj_type_name(o));
    } else {
        res = py_object_call_no_args(method);
        rg_decref(method);
    }
    if (res == NULL) return -1;
    py_ssize_t size = py_long_check(res) ? py_long_as_ssize_t(res) : py_number_as_ssize_t(res, py_exc_OverflowError);
    rg_decref(res);
    if (size == -1 && py_err_occurred()) return -1;
    if (size < 0) {
        py_err_set_string(py_exc_ValueError, "__sizeof__() should return >= 0");
        return -1;
    }
    const py_typeinfo *tp = py_type_of(o);
    return size + (py_ssize_t)(py_type_is_gc(tp) ? sizeof(rg_gc_head) : 0) + (py_ssize_t)tp->rt.preheader_size;
}

/* ====================================================================== */
/* None, NotImplemented, Ellipsis                                          */
/* ====================================================================== */

py_obj py_none_struct, py_notimplemented_struct, py_ellipsis_struct;

/* Reset the three singletons (interpreter start). */
void py_object_init_static(void);
void py_object_init_static(void)
{
    py_none_struct.refcnt = PY_STATIC_REFCNT;
    py_none_struct.type = &py_none_info.rt;
    py_notimplemented_struct.refcnt = PY_STATIC_REFCNT;
    py_notimplemented_struct.type = &py_notimplemented_info.rt;
    py_ellipsis_struct.refcnt = PY_STATIC_REFCNT;
    py_ellipsis_struct.type = &py_ellipsis_info.rt;
}

static py_obj *none_repr(py_obj *self)
{
    (void)self;
    return py_new_ref(py_id(None));
}

static int none_bool(py_obj *self)
{
    (void)self;
    return 0;
}

/* NoneType(): None (no arguments accepted). */
static py_obj *none_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)type;
    if (py_tuple_size(args) || (kwds && py_dict_size(kwds)))
        return py_err_format(py_exc_TypeError, "NoneType takes no arguments");
    return py_new_ref(py_none);
}

static py_number_methods none_as_number = {.nb_bool = none_bool};

py_typeinfo py_none_info = {
    .rt = {.name = "NoneType", .size = sizeof(py_obj)},
    .repr = none_repr,
    .hash = py_hash_pointer_slot,
    .new = none_new,
    .as_number = &none_as_number,
};

static py_obj *notimplemented_repr(py_obj *self)
{
    (void)self;
    return py_new_ref(py_id(NotImplemented));
}

static py_obj *notimplemented_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)type;
    if (py_tuple_size(args) || (kwds && py_dict_size(kwds)))
        return py_err_format(py_exc_TypeError, "NotImplementedType takes no arguments");
    return py_new_ref(py_notimplemented);
}

py_typeinfo py_notimplemented_info = {
    .rt = {.name = "NotImplementedType", .size = sizeof(py_obj)},
    .repr = notimplemented_repr,
    .hash = py_hash_pointer_slot,
    .new = notimplemented_new,
};

static py_obj *ellipsis_repr(py_obj *self)
{
    (void)self;
    return py_new_ref(py_id(Ellipsis));
}

static py_obj *ellipsis_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)type;
    if (py_tuple_size(args) || (kwds && py_dict_size(kwds)))
        return py_err_format(py_exc_TypeError, "ellipsis takes no arguments");
    return py_new_ref(py_ellipsis);
}

py_typeinfo py_ellipsis_info = {
    .rt = {.name = "ellipsis", .size = sizeof(py_obj)},
    .repr = ellipsis_repr,
    .hash = py_hash_pointer_slot,
    .new = ellipsis_new,
};
