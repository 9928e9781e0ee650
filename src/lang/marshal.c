/*
 * marshal.c -- a reader of CPython 3.11's marshal format (version 4), for
 * the objects code objects contain: None, True, False, Ellipsis,
 * StopIteration, ints (small and long form), floats and complex numbers
 * (binary and text), bytes, str in all its forms (interned, ASCII, short
 * ASCII), tuples, lists, dicts, sets, frozensets, code objects, and the
 * FLAG_REF / TYPE_REF back-references.
 *
 * Owns: py_marshal_loads.  Code objects are built with py_code_new from
 * 3.11's field order (argcount, posonlyargcount, kwonlyargcount,
 * stacksize, flags, code, consts, names, localsplusnames,
 * localspluskinds, filename, name, qualname, firstlineno, linetable,
 * exceptiontable).
 *
 * Invariants: bad input raises (EOFError "marshal data too short",
 * ValueError "bad marshal data (...)"); never reads past the end; nesting
 * is bounded (2000, as 3.11's MAX_MARSHAL_STACK_DEPTH).
 */
#include <math.h>
#include <stdlib.h>

#include "lang/marshal.h"

#define FLAG_REF 0x80
#define MAX_DEPTH 2000

typedef struct reader {
    const unsigned char *p, *end;
    py_obj *refs; /* list */
    int depth;
} reader;

static py_obj *r_object(reader *r);

/* ====================================================================== */
/* Primitive reads                                                         */
/* ====================================================================== */

static int r_need(reader *r, size_t n)
{
    if ((size_t)(r->end - r->p) < n) {
        py_err_set_string(py_exc_EOFError, "marshal data too short");
        return -1;
    }
    return 0;
}

/* One byte, or -1 with EOFError. */
static int r_byte(reader *r)
{
    if (r_need(r, 1) < 0) return -1;
    return *r->p++;
}

/* A signed 32-bit little-endian int (*ok cleared on EOF). */
static long r_long(reader *r, int *ok)
{
    if (r_need(r, 4) < 0) {
        *ok = 0;
        return -1;
    }
    uint32_t x = (uint32_t)r->p[0] | ((uint32_t)r->p[1] << 8) | ((uint32_t)r->p[2] << 16) | ((uint32_t)r->p[3] << 24);
    r->p += 4;
    return (long)(int32_t)x;
}

/* ValueError "bad marshal data (what)"; returns NULL. */
static py_obj *bad(const char *what)
{
    py_err_format(py_exc_ValueError, "bad marshal data (%s)", what);
    return NULL;
}

/* A size field: non-negative and within the data. */
static py_ssize_t r_size(reader *r, int one_byte)
{
    int ok = 1;
    long n = one_byte ? r_byte(r) : r_long(r, &ok);
    if (!ok || n < 0) {
        if (ok && n < 0 && !py_err_occurred()) bad("size out of range");
        return -1;
    }
    return n;
}

/* ====================================================================== */
/* Numbers                                                                 */
/* ====================================================================== */

/* TYPE_LONG: a count of 15-bit digits (sign in the count), low first. */
static py_obj *r_pylong(reader *r)
{
    int ok = 1;
    long n = r_long(r, &ok);
    if (!ok) return NULL;
    if (n < -(1L << 24) || n > (1L << 24)) return bad("long size out of range");
    long size = n < 0 ? -n : n;
    if (r_need(r, (size_t)size * 2) < 0) return NULL;
    const unsigned char *digits = r->p;
    r->p += size * 2;
    py_obj *v = py_long_from_long(0);
    py_obj *shift = py_long_from_long(15);
    for (long i = size - 1; i >= 0 && v != NULL; i--) {
        int d = digits[2 * i] | (digits[2 * i + 1] << 8);
        if (d > 0x7FFF) {
            RG_CLEAR(v);
            bad("digit out of range in long");
            break;
        }
        py_obj *t = py_number_lshift(v, shift);
        rg_decref(v);
        v = NULL;
        if (t == NULL) break;
        py_obj *dd = py_long_from_long(d);
        if (dd != NULL) v = py_number_or(t, dd);
        rg_xdecref(dd);
        rg_decref(t);
    }
    rg_xdecref(shift);
    if (v != NULL && n < 0) {
        py_obj *neg = py_number_negative(v);
        rg_decref(v);
        v = neg;
    }
    return v;
}

/* An IEEE double, little-endian. */
static int r_double(reader *r, double *out)
{
    if (r_need(r, 8) < 0) return -1;
    uint64_t bits = 0;
    for (int i = 7; i >= 0; i--) bits = (bits << 8) | r->p[i];
    r->p += 8;
    memcpy(out, &bits, sizeof *out);
    return 0;
}

/* TYPE_FLOAT's text form: one length byte, then the repr. */
static int r_float_str(reader *r, double *out)
{
    int n = r_byte(r);
    if (n < 0 || r_need(r, (size_t)n) < 0) return -1;
    char buf[256];
    memcpy(buf, r->p, (size_t)n);
    buf[n] = '\0';
    r->p += n;
    char *endp;
    *out = strtod(buf, &endp);
    if (endp == buf) {
        bad("float");
        return -1;
    }
    return 0;
}

/* complex(re, im) through the type (complex may not exist: ValueError). */
static py_obj *make_complex(double re, double im)
{
    py_obj *b = py_current->builtins;
    py_obj *cls = b != NULL ? py_dict_get_item_string(b, "complex") : NULL;
    if (cls == NULL) return bad("complex numbers are not supported");
    py_obj *a = py_float_from_double(re), *c = py_float_from_double(im);
    py_obj *res = a && c ? py_object_call_function_obj_args(cls, a, c, NULL) : NULL;
    rg_xdecref(a);
    rg_xdecref(c);
    return res;
}

/* ====================================================================== */
/* Strings and containers                                                  */
/* ====================================================================== */

static py_obj *r_str(reader *r, int one_byte_size, int interned, int ascii)
{
    py_ssize_t n = r_size(r, one_byte_size);
    if (n < 0 || r_need(r, (size_t)n) < 0) return NULL;
    py_obj *s;
    if (ascii) {
        for (py_ssize_t i = 0; i < n; i++)
            if (r->p[i] & 0x80) return bad("non-ASCII byte in ASCII string");
    }
    s = py_unicode_from_string_and_size((const char *)r->p, n);
    r->p += n;
    if (s != NULL && interned) py_unicode_intern_in_place(&s);
    return s;
}

/* n objects read into a new tuple. */
static py_obj *r_tuple_items(reader *r, py_ssize_t n)
{
    if ((size_t)n > (size_t)(r->end - r->p)) return bad("tuple size out of range");
    py_obj *t = py_tuple_new(n);
    if (t == NULL) return NULL;
    for (py_ssize_t i = 0; i < n; i++) {
        py_obj *item = r_object(r);
        if (item == NULL) {
            rg_decref(t);
            return NULL;
        }
        py_tuple_set(t, i, item);
    }
    return t;
}

/* A field of a code object that must have a given type. */
static py_obj *r_typed(reader *r, py_typeinfo *t, const char *what)
{
    py_obj *o = r_object(r);
    if (o != NULL && !py_object_type_check(o, t)) {
        rg_decref(o);
        return bad(what);
    }
    return o;
}

/* A code object: 3.11's fields in marshal's order, then py_code_new. */
static py_obj *r_code(reader *r)
{
    int ok = 1;
    py_code_constructor con;
    memset(&con, 0, sizeof con);
    con.argcount = (int)r_long(r, &ok);
    con.posonlyargcount = (int)r_long(r, &ok);
    con.kwonlyargcount = (int)r_long(r, &ok);
    con.stacksize = (int)r_long(r, &ok);
    con.flags = (int)r_long(r, &ok);
    if (!ok) return NULL;
    py_obj *code = NULL, *consts = NULL, *names = NULL, *lpnames = NULL, *lpkinds = NULL, *filename = NULL,
           *name = NULL, *qualname = NULL, *linetable = NULL, *exctable = NULL, *res = NULL;
    py_codeunit *units = NULL;
    if ((code = r_typed(r, &py_bytes_info, "code")) == NULL) goto done;
    if ((consts = r_typed(r, &py_tuple_info, "consts")) == NULL) goto done;
    if ((names = r_typed(r, &py_tuple_info, "names")) == NULL) goto done;
    if ((lpnames = r_typed(r, &py_tuple_info, "localsplusnames")) == NULL) goto done;
    if ((lpkinds = r_typed(r, &py_bytes_info, "localspluskinds")) == NULL) goto done;
    if ((filename = r_typed(r, &py_str_info, "filename")) == NULL) goto done;
    if ((name = r_typed(r, &py_str_info, "name")) == NULL) goto done;
    if ((qualname = r_typed(r, &py_str_info, "qualname")) == NULL) goto done;
    con.firstlineno = (int)r_long(r, &ok);
    if (!ok) goto done;
    if ((linetable = r_typed(r, &py_bytes_info, "linetable")) == NULL) goto done;
    if ((exctable = r_typed(r, &py_bytes_info, "exceptiontable")) == NULL) goto done;
    py_ssize_t nbytes = py_bytes_size(code);
    if (nbytes % 2 != 0 || nbytes == 0) {
        bad("code length");
        goto done;
    }
    units = malloc((size_t)nbytes);
    if (units == NULL) {
        py_err_no_memory();
        goto done;
    }
    const unsigned char *cb = (const unsigned char *)py_bytes_as_string(code);
    for (py_ssize_t i = 0; i < nbytes / 2; i++) units[i] = (py_codeunit)(cb[2 * i] | (cb[2 * i + 1] << 8));
    con.code = units;
    con.ncode = nbytes / 2;
    con.consts = consts;
    con.names = names;
    con.localsplusnames = lpnames;
    con.localspluskinds = lpkinds;
    con.filename = filename;
    con.name = name;
    con.qualname = qualname;
    con.linetable = linetable;
    con.exceptiontable = exctable;
    res = py_code_new(&con);
done:
    free(units);
    rg_xdecref(code);
    rg_xdecref(consts);
    rg_xdecref(names);
    rg_xdecref(lpnames);
    rg_xdecref(lpkinds);
    rg_xdecref(filename);
    rg_xdecref(name);
    rg_xdecref(qualname);
    rg_xdecref(linetable);
    rg_xdecref(exctable);
    return res;
}

/* ====================================================================== */
/* Objects                                                                 */
/* ====================================================================== */

static py_obj *r_object_inner(reader *r, int type)
{
    int ok = 1;
    py_ssize_t n;
    double d, d2;
    switch (type) {
    case '0': return bad("NULL object");
    case 'N': return py_new_ref(py_none);
    case 'F': return py_new_ref(py_false);
    case 'T': return py_new_ref(py_true);
    case '.': return py_new_ref(py_ellipsis);
    case 'S': return py_new_ref(py_type_object_of(py_exc_StopIteration));
    case 'i': {
        long v = r_long(r, &ok);
        return ok ? py_long_from_long(v) : NULL;
    }
    case 'l': return r_pylong(r);
    case 'g': return r_double(r, &d) < 0 ? NULL : py_float_from_double(d);
    case 'f': return r_float_str(r, &d) < 0 ? NULL : py_float_from_double(d);
    case 'y':
        if (r_double(r, &d) < 0 || r_double(r, &d2) < 0) return NULL;
        return make_complex(d, d2);
    case 'x':
        if (r_float_str(r, &d) < 0 || r_float_str(r, &d2) < 0) return NULL;
        return make_complex(d, d2);
    case 's':
        n = r_size(r, 0);
        if (n < 0 || r_need(r, (size_t)n) < 0) return NULL;
        r->p += n;
        return py_bytes_from_string_and_size((const char *)r->p - n, n);
    case 'u': return r_str(r, 0, 0, 0);
    case 't': return r_str(r, 0, 1, 0);
    case 'a': return r_str(r, 0, 0, 1);
    case 'A': return r_str(r, 0, 1, 1);
    case 'z': return r_str(r, 1, 0, 1);
    case 'Z': return r_str(r, 1, 1, 1);
    case '(':
    case ')':
        n = r_size(r, type == ')');
        return n < 0 ? NULL : r_tuple_items(r, n);
    case '[': {
        n = r_size(r, 0);
        if (n < 0) return NULL;
        py_obj *t = r_tuple_items(r, n);
        if (t == NULL) return NULL;
        py_obj *l = py_sequence_list(t);
        rg_decref(t);
        return l;
    }
    case '<':
    case '>': {
        n = r_size(r, 0);
        if (n < 0) return NULL;
        py_obj *t = r_tuple_items(r, n);
        if (t == NULL) return NULL;
        py_obj *s = type == '<' ? py_set_new(t) : py_frozenset_new(t);
        rg_decref(t);
        return s;
    }
    case '{': {
        py_obj *dict = py_dict_new();
        while (dict != NULL) {
            if (r_need(r, 1) < 0) goto dict_fail;
            if (*r->p == '0') {
                r->p++;
                break;
            }
            py_obj *k = r_object(r);
            py_obj *v = k != NULL ? r_object(r) : NULL;
            int err = v == NULL || py_dict_set_item(dict, k, v) < 0;
            rg_xdecref(k);
            rg_xdecref(v);
            if (err) goto dict_fail;
        }
        return dict;
    dict_fail:
        rg_decref(dict);
        return NULL;
    }
    case 'c': return r_code(r);
    case 'r': {
        long i = r_long(r, &ok);
        if (!ok) return NULL;
        if (i < 0 || i >= py_list_size(r->refs)) return bad("invalid reference");
        py_obj *v = py_list_get(r->refs, i);
        return py_new_ref(v);
    }
    default: return bad("unknown type code");
    }
}

/* One object, registering it in refs when flagged. */
static py_obj *r_object(reader *r)
{
    int code = r_byte(r);
    if (code < 0) return NULL;
    if (++r->depth > MAX_DEPTH) {
        r->depth--;
        py_err_set_string(py_exc_ValueError, "recursion limit exceeded");
        return NULL;
    }
    int flag = code & FLAG_REF, type = code & ~FLAG_REF;
    py_ssize_t idx = -1;
    if (flag) {
        /* Reserve the slot first: the object's parts come after it. */
        idx = py_list_size(r->refs);
        if (py_list_append(r->refs, py_none) < 0) {
            r->depth--;
            return NULL;
        }
    }
    py_obj *v = r_object_inner(r, type);
    if (v != NULL && flag) {
        rg_incref(v);
        py_list_set_item(r->refs, idx, v);
    }
    r->depth--;
    return v;
}

/* marshal.loads for the kinds code objects contain. */
py_obj *py_marshal_loads(const unsigned char *data, size_t len)
{
    reader r = {data, data + len, py_list_new(0), 0};
    if (r.refs == NULL) return NULL;
    py_obj *v = r_object(&r);
    rg_decref(r.refs);
    return v;
}
