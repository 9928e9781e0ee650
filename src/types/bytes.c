/*
 * bytes.c -- the bytes type (CPython 3.11's Objects/bytesobject.c and the
 * bytes half of Objects/stringlib) and the buffer protocol's entry points.
 *
 * Owns: bytes objects (33 + n bytes, not GC, one heap object each; the
 * data NUL-terminated after the n bytes), the static b'' and one-byte
 * bytes (CPython 3.11's bytes_empty and bytes_characters: never freed,
 * reused by every operation producing them), hash (the str hash of the
 * same bytes: hash(b"x") == hash("x")), repr, comparisons, the sequence
 * and mapping protocols, bytes(...) construction, the common methods, the
 * bytes iterator, and PyObject_GetBuffer / PyBuffer_Release.
 *
 * Invariants: a bytes is immutable once returned (only objects with
 * refcount 1 still being built are written: py_bytes_resize);
 * ob_sval[ob_size] is 0; ob_shash is -1 or the hash of the data.
 *
 * Must not: return a new object of size 0 or (when built from data) of
 * size 1: the singletons are what CPython returns, `is` shows it.
 */
#include <string.h>

#include "object.h"

#define B(o) ((py_bytes_object *)(o))

/* Functions of this file the interpreter calls at start. */
void py_bytes_init_static(void);

/* ====================================================================== */
/* Static singletons and allocation                                        */
/* ====================================================================== */

typedef struct {
    py_bytes_object ob;
    char nul; /* the terminator after the one byte */
} bytes_char;
static py_bytes_object bytes_empty;
static bytes_char bytes_characters[256];

/* Reset the static bytes (counts, cached hashes). */
void py_bytes_init_static(void)
{
    memset(&bytes_empty, 0, sizeof bytes_empty);
    bytes_empty.ob_var.ob_base.refcnt = PY_STATIC_REFCNT;
    bytes_empty.ob_var.ob_base.type = &py_bytes_info.rt;
    bytes_empty.ob_shash = -1;
    for (int c = 0; c < 256; c++) {
        bytes_char *b = &bytes_characters[c];
        memset(b, 0, sizeof *b);
        b->ob.ob_var.ob_base.refcnt = PY_STATIC_REFCNT;
        b->ob.ob_var.ob_base.type = &py_bytes_info.rt;
        b->ob.ob_var.size = 1;
        b->ob.ob_shash = -1;
        b->ob.ob_sval[0] = (char)c;
    }
}

static py_obj *empty_bytes(void) { return py_new_ref((py_obj *)&bytes_empty); }
static py_obj *char_bytes(unsigned char c) { return py_new_ref((py_obj *)&bytes_characters[c].ob); }

/* _PyBytes_FromSize: a new zeroed bytes of size bytes (b'' for 0). */
static py_obj *bytes_from_size(py_ssize_t size)
{
    if (size == 0) return empty_bytes();
    if (size < 0) return py_err_bad_internal_call();
    if ((size_t)size > (size_t)PY_SSIZE_T_MAX - offsetof(py_bytes_object, ob_sval) - 1) {
        py_err_set_string(py_exc_OverflowError, "byte string is too large");
        return NULL;
    }
    py_obj *o = rg_new_var(py_heap(), &py_bytes_info.rt, (size_t)size);
    if (o == NULL) return py_err_no_memory();
    B(o)->ob_shash = -1;
    return o;
}

py_obj *py_bytes_from_string_and_size(const char *s, py_ssize_t size)
{
    if (size < 0) {
        py_err_set_string(py_exc_SystemError, "Negative size passed to PyBytes_FromStringAndSize");
        return NULL;
    }
    if (size == 1 && s != NULL) return char_bytes((unsigned char)s[0]);
    py_obj *o = bytes_from_size(size);
    if (o != NULL && s != NULL && size > 0) memcpy(B(o)->ob_sval, s, (size_t)size);
    return o;
}

py_obj *py_bytes_from_string(const char *s) { return py_bytes_from_string_and_size(s, (py_ssize_t)strlen(s)); }

int py_bytes_resize(py_obj **pv, py_ssize_t newsize)
{
    py_obj *v = *pv;
    if (newsize < 0 || !py_bytes_check(v)) {
        *pv = NULL;
        rg_decref(v);
        py_err_bad_internal_call();
        return -1;
    }
    py_ssize_t oldsize = py_bytes_size(v);
    if (oldsize == newsize) return 0;
    py_obj *nv = py_bytes_from_string_and_size(NULL, newsize);
    if (nv != NULL && newsize > 0)
        memcpy(B(nv)->ob_sval, B(v)->ob_sval, (size_t)(oldsize < newsize ? oldsize : newsize));
    rg_decref(v);
    *pv = nv;
    return nv == NULL ? -1 : 0;
}

/* ====================================================================== */
/* The buffer protocol                                                     */
/* ====================================================================== */

int py_object_check_buffer(py_obj *o)
{
    py_buffer_procs *pb = py_type_of(o)->as_buffer;
    return pb != NULL && pb->bf_getbuffer != NULL;
}

int py_object_get_buffer(py_obj *o, py_buffer *view, int flags)
{
    py_buffer_procs *pb = py_type_of(o)->as_buffer;
    if (pb == NULL || pb->bf_getbuffer == NULL) {
        py_err_format(py_exc_TypeError, "a bytes-like object is required, not '%.100s'", py_obj_type_name(o));
        return -1;
    }
    return pb->bf_getbuffer(o, view, flags);
}

void py_buffer_release(py_buffer *view)
{
    py_obj *obj = view->obj;
    if (obj == NULL) return;
    py_buffer_procs *pb = py_type_of(obj)->as_buffer;
    if (pb != NULL && pb->bf_releasebuffer != NULL) pb->bf_releasebuffer(obj, view);
    view->obj = NULL;
    rg_decref(obj);
}

int py_buffer_fill_info(py_buffer *view, py_obj *obj, void *buf, py_ssize_t len, int readonly, int flags)
{
    if ((flags & PY_BUF_WRITABLE) && readonly) {
        py_err_set_string(py_exc_BufferError, "Object is not writable.");
        return -1;
    }
    view->buf = buf;
    view->obj = obj ? py_new_ref(obj) : NULL;
    view->len = len;
    view->readonly = readonly;
    return 0;
}

static int bytes_getbuffer(py_obj *self, py_buffer *view, int flags)
{
    return py_buffer_fill_info(view, self, B(self)->ob_sval, py_bytes_size(self), 1, flags);
}

static py_buffer_procs bytes_as_buffer = {.bf_getbuffer = bytes_getbuffer};

/* ====================================================================== */
/* repr, hash, comparison                                                  */
/* ====================================================================== */

py_obj *py_bytes_repr(py_obj *obj, int smartquotes)
{
    const unsigned char *s = (const unsigned char *)B(obj)->ob_sval;
    py_ssize_t length = py_bytes_size(obj);
    int squotes = 0, dquotes = 0;
    size_t newsize = 3; /* b'' */
    for (py_ssize_t i = 0; i < length; i++) {
        unsigned char c = s[i];
        size_t incr = 1;
        if (c == '\'') squotes = 1;
        else if (c == '"') dquotes = 1;
        else if (c == '\\' || c == '\t' || c == '\n' || c == '\r') incr = 2;
        else if (c < ' ' || c >= 0x7f) incr = 4;
        newsize += incr;
    }
    char quote = (smartquotes && squotes && !dquotes) ? '"' : '\'';
    if (squotes && quote == '\'') {
        for (py_ssize_t i = 0; i < length; i++) newsize += s[i] == '\'';
    }
    py_obj *v = py_unicode_new((py_ssize_t)newsize, 127);
    if (v == NULL) return NULL;
    char *p = (char *)py_unicode_data(v);
    static const char hexdigits[] = "0123456789abcdef";
    *p++ = 'b';
    *p++ = quote;
    for (py_ssize_t i = 0; i < length; i++) {
        unsigned char c = s[i];
        if (c == quote || c == '\\') {
            *p++ = '\\';
            *p++ = (char)c;
        } else if (c == '\t') {
            *p++ = '\\';
            *p++ = 't';
        } else if (c == '\n') {
            *p++ = '\\';
            *p++ = 'n';
        } else if (c == '\r') {
            *p++ = '\\';
            *p++ = 'r';
        } else if (c < ' ' || c >= 0x7f) {
            *p++ = '\\';
            *p++ = 'x';
            *p++ = hexdigits[(c & 0xf0) >> 4];
            *p++ = hexdigits[c & 0xf];
        } else {
            *p++ = (char)c;
        }
    }
    *p++ = quote;
    RG_ASSERT(p == (char *)py_unicode_data(v) + newsize);
    return v;
}

static py_obj *bytes_repr(py_obj *self) { return py_bytes_repr(self, 1); }

static py_hash_t bytes_hash(py_obj *self)
{
    py_bytes_object *a = B(self);
    if (a->ob_shash == -1) a->ob_shash = py_hash_bytes(a->ob_sval, (size_t)py_bytes_size(self));
    return a->ob_shash;
}

static py_obj *bytes_richcompare(py_obj *a, py_obj *b, int op)
{
    if (!(py_bytes_check(a) && py_bytes_check(b))) return py_new_ref(py_notimplemented);
    py_ssize_t len_a = py_bytes_size(a), len_b = py_bytes_size(b);
    if (a == b) {
        switch (op) {
        case PY_EQ:
        case PY_LE:
        case PY_GE:
            return py_new_ref(py_true);
        default:
            return py_new_ref(py_false);
        }
    }
    if (op == PY_EQ || op == PY_NE) {
        int eq = len_a == len_b && (len_a == 0 || (B(a)->ob_sval[0] == B(b)->ob_sval[0] &&
                                                   memcmp(B(a)->ob_sval, B(b)->ob_sval, (size_t)len_a) == 0));
        return py_bool_from_long(op == PY_EQ ? eq : !eq);
    }
    py_ssize_t min_len = len_a < len_b ? len_a : len_b;
    int c = min_len > 0 ? memcmp(B(a)->ob_sval, B(b)->ob_sval, (size_t)min_len) : 0;
    if (c == 0) c = len_a < len_b ? -1 : len_a > len_b ? 1 : 0;
    return py_bool_from_cmp(c, op);
}

/* ====================================================================== */
/* Sequence and mapping protocols                                          */
/* ====================================================================== */

static py_ssize_t bytes_length(py_obj *self) { return py_bytes_size(self); }

/* bytes + bytes-like: "can't concat str to bytes" otherwise. */
static py_obj *bytes_concat(py_obj *a, py_obj *b)
{
    py_buffer va, vb;
    va.obj = vb.obj = NULL;
    py_obj *result = NULL;
    if (py_object_get_buffer(a, &va, PY_BUF_SIMPLE) != 0 || py_object_get_buffer(b, &vb, PY_BUF_SIMPLE) != 0) {
        py_err_format(py_exc_TypeError, "can't concat %.100s to %.100s", py_obj_type_name(b), py_obj_type_name(a));
        py_buffer_release(&va);
        return NULL;
    }
    if (vb.len == 0 && py_bytes_check_exact(a)) {
        result = py_new_ref(a);
    } else if (va.len == 0 && py_bytes_check_exact(b)) {
        result = py_new_ref(b);
    } else if (va.len > PY_SSIZE_T_MAX - vb.len) {
        py_err_no_memory();
    } else {
        result = py_bytes_from_string_and_size(NULL, va.len + vb.len);
        if (result != NULL) {
            memcpy(B(result)->ob_sval, va.buf, (size_t)va.len);
            memcpy(B(result)->ob_sval + va.len, vb.buf, (size_t)vb.len);
        }
    }
    py_buffer_release(&va);
    py_buffer_release(&vb);
    return result;
}

static py_obj *bytes_repeat(py_obj *self, py_ssize_t n)
{
    py_ssize_t len = py_bytes_size(self);
    if (n < 0) n = 0;
    if (n > 0 && len > PY_SSIZE_T_MAX / n) {
        py_err_set_string(py_exc_OverflowError, "repeated bytes are too long");
        return NULL;
    }
    py_ssize_t size = len * n;
    if (size == len && py_bytes_check_exact(self)) return py_new_ref(self);
    py_obj *op = py_bytes_from_string_and_size(NULL, size);
    if (op == NULL || size == 0) return op;
    char *dst = B(op)->ob_sval;
    if (len == 1) {
        memset(dst, B(self)->ob_sval[0], (size_t)n);
    } else {
        /* Double the copied part each step. */
        memcpy(dst, B(self)->ob_sval, (size_t)len);
        py_ssize_t done = len;
        while (done < size) {
            py_ssize_t chunk = done <= size - done ? done : size - done;
            memcpy(dst + done, dst, (size_t)chunk);
            done += chunk;
        }
    }
    return op;
}

static py_obj *bytes_item(py_obj *self, py_ssize_t i)
{
    if (i < 0 || i >= py_bytes_size(self)) {
        py_err_set_string(py_exc_IndexError, "index out of range");
        return NULL;
    }
    return py_long_from_long((unsigned char)B(self)->ob_sval[i]);
}

/* Index of sub in s[start:end] (dir 1 first, -1 last), -1 if absent. */
static py_ssize_t bytes_find_in(const char *s, py_ssize_t len, const char *sub, py_ssize_t n, py_ssize_t start,
                                py_ssize_t end, int dir)
{
    if (start < 0) {
        start += len;
        if (start < 0) start = 0;
    }
    if (end > len) end = len;
    else if (end < 0) {
        end += len;
        if (end < 0) end = 0;
    }
    if (end - start < n || start > len) return -1;
    if (n == 0) return dir > 0 ? start : end;
    if (dir > 0) {
        for (py_ssize_t i = start; i <= end - n; i++)
            if (s[i] == sub[0] && memcmp(s + i, sub, (size_t)n) == 0) return i;
    } else {
        for (py_ssize_t i = end - n; i >= start; i--)
            if (s[i] == sub[0] && memcmp(s + i, sub, (size_t)n) == 0) return i;
    }
    return -1;
}

/* _Py_bytes_contains: an int 0..255 or a bytes-like subsequence. */
int py__bytes_contains(const char *str, py_ssize_t len, py_obj *arg)
{
    py_ssize_t ival = py_number_as_ssize_t(arg, NULL);
    if (ival == -1 && py_err_occurred()) {
        py_err_clear();
        py_buffer varg;
        if (py_object_get_buffer(arg, &varg, PY_BUF_SIMPLE) != 0) return -1;
        py_ssize_t pos = bytes_find_in(str, len, varg.buf, varg.len, 0, len, 1);
        py_buffer_release(&varg);
        return pos >= 0;
    }
    if (ival < 0 || ival >= 256) {
        py_err_set_string(py_exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return len > 0 && memchr(str, (int)ival, (size_t)len) != NULL;
}

static py_obj *bytes_subscript(py_obj *self, py_obj *item)
{
    if (py_index_check(item)) {
        py_ssize_t i = py_number_as_ssize_t(item, py_exc_IndexError);
        if (i == -1 && py_err_occurred()) return NULL;
        if (i < 0) i += py_bytes_size(self);
        return bytes_item(self, i);
    }
    if (py_slice_check(item)) {
        py_ssize_t start, stop, step;
        if (py_slice_unpack(item, &start, &stop, &step) < 0) return NULL;
        py_ssize_t slicelength = py_slice_adjust_indices(py_bytes_size(self), &start, &stop, step);
        if (slicelength <= 0) return empty_bytes();
        if (start == 0 && step == 1 && slicelength == py_bytes_size(self) && py_bytes_check_exact(self))
            return py_new_ref(self);
        if (step == 1) return py_bytes_from_string_and_size(B(self)->ob_sval + start, slicelength);
        py_obj *result = py_bytes_from_string_and_size(NULL, slicelength);
        if (result == NULL) return NULL;
        for (py_ssize_t cur = start, i = 0; i < slicelength; cur += step, i++)
            B(result)->ob_sval[i] = B(self)->ob_sval[cur];
        if (slicelength == 1) {
            py_obj *one = char_bytes((unsigned char)B(result)->ob_sval[0]);
            rg_decref(result);
            return one;
        }
        return result;
    }
    return py_err_format(py_exc_TypeError, "byte indices must be integers or slices, not %.200s",
                         py_obj_type_name(item));
}

/* ====================================================================== */
/* Construction                                                            */
/* ====================================================================== */

/* One item of an iterable of ints as a byte; -1 with an exception. */
static int byte_value(py_obj *item)
{
    py_ssize_t value = py_number_as_ssize_t(item, NULL);
    if (value == -1 && py_err_occurred()) return -1;
    if (value < 0 || value >= 256) {
        py_err_set_string(py_exc_ValueError, "bytes must be in range(0, 256)");
        return -1;
    }
    return (int)value;
}

/* bytes from a list or tuple of ints (the list may change meanwhile). */
static py_obj *bytes_from_sequence(py_obj *x)
{
    int is_list = py_list_check(x);
    py_ssize_t size = is_list ? py_list_size(x) : py_tuple_size(x);
    py_obj *bytes = py_bytes_from_string_and_size(NULL, size);
    if (bytes == NULL) return NULL;
    py_ssize_t i = 0;
    for (; is_list ? i < py_list_size(x) : i < size; i++) {
        py_obj *item = is_list ? ((py_list_object *)x)->ob_item[i] : py_tuple_get(x, i);
        rg_incref(item);
        int value = byte_value(item);
        rg_decref(item);
        if (value < 0) {
            rg_decref(bytes);
            return NULL;
        }
        if (i >= size) {
            if (py_bytes_resize(&bytes, size + 1) < 0) return NULL;
            size++;
        }
        B(bytes)->ob_sval[i] = (char)value;
    }
    if (i < size && py_bytes_resize(&bytes, i) < 0) return NULL;
    if (i == 1) { /* the one-byte singleton */
        py_obj *one = char_bytes((unsigned char)B(bytes)->ob_sval[0]);
        rg_decref(bytes);
        return one;
    }
    return bytes;
}

/* bytes from any iterable of ints. */
static py_obj *bytes_from_iterator(py_obj *x)
{
    py_ssize_t size = py_object_length_hint(x, 64);
    if (size == -1 && py_err_occurred()) return NULL;
    char *buf = NULL;
    py_ssize_t n = 0, cap = size > 0 ? size : 16;
    py_obj *it = py_object_get_iter(x);
    if (it == NULL) return NULL;
    buf = rg_malloc(py_heap(), (size_t)cap);
    if (buf == NULL) {
        rg_decref(it);
        return py_err_no_memory();
    }
    py_obj *item;
    while ((item = py_iter_next(it)) != NULL) {
        int value = byte_value(item);
        rg_decref(item);
        if (value < 0) goto error;
        if (n == cap) {
            char *nb = rg_realloc(py_heap(), buf, (size_t)cap * 2);
            if (nb == NULL) {
                py_err_no_memory();
                goto error;
            }
            buf = nb;
            cap *= 2;
        }
        buf[n++] = (char)value;
    }
    if (py_err_occurred()) goto error;
    rg_decref(it);
    py_obj *result = py_bytes_from_string_and_size(buf, n);
    rg_free(buf);
    return result;
error:
    rg_decref(it);
    rg_free(buf);
    return NULL;
}

py_obj *py_bytes_from_object(py_obj *x)
{
    if (py_bytes_check_exact(x)) return py_new_ref(x);
    if (py_object_check_buffer(x)) {
        py_buffer view;
        if (py_object_get_buffer(x, &view, PY_BUF_SIMPLE) < 0) return NULL;
        py_obj *r = py_bytes_from_string_and_size(view.buf, view.len);
        py_buffer_release(&view);
        return r;
    }
    if (py_list_check(x) || py_tuple_check(x)) return bytes_from_sequence(x);
    if (!py_unicode_check(x)) {
        py_getiterfunc iter = py_type_of(x)->iter;
        if (iter != NULL || py_type_of(x)->as_sequence != NULL) {
            py_obj *r = bytes_from_iterator(x);
            if (r != NULL || !py_err_exception_matches(py_exc_TypeError) || iter != NULL) return r;
            py_err_clear();
        }
    }
    return py_err_format(py_exc_TypeError, "cannot convert '%.200s' object to bytes", py_obj_type_name(x));
}

/* bytes_subtype_new: the value of tmp in an instance of a subtype. */
static py_obj *bytes_subtype_new(py_typeinfo *type, py_obj *tmp)
{
    py_ssize_t n = py_bytes_size(tmp);
    py_obj *pnew = py_type_generic_alloc(type, n);
    if (pnew == NULL) return NULL;
    memcpy(B(pnew)->ob_sval, B(tmp)->ob_sval, (size_t)n + 1);
    B(pnew)->ob_shash = B(tmp)->ob_shash;
    return pnew;
}

static const char *const bytes_new_kwlist[] = {"source", "encoding", "errors", NULL};

/* bytes(source=b'', encoding=..., errors=...) */
static py_obj *bytes_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    py_obj *argv[3];
    if (py_arg_unpack_keywords(((py_tuple_object *)args)->ob_item, py_tuple_size(args), kwds, NULL, "bytes",
                               bytes_new_kwlist, 0, 0, 3, argv) < 0)
        return NULL;
    py_obj *x = argv[0], *bytes = NULL;
    const char *encoding = NULL, *errors = NULL;
    if (argv[1] != NULL && (encoding = py_arg_str("bytes", "encoding", argv[1])) == NULL) return NULL;
    if (argv[2] != NULL && (errors = py_arg_str("bytes", "errors", argv[2])) == NULL) return NULL;
    if (x == NULL) {
        if (encoding != NULL || errors != NULL) {
            py_err_set_string(py_exc_TypeError, encoding != NULL ? "encoding without a string argument"
                                                                 : "errors without a string argument");
            return NULL;
        }
        bytes = empty_bytes();
    } else if (encoding != NULL) {
        if (!py_unicode_check(x)) {
            py_err_set_string(py_exc_TypeError, "encoding without a string argument");
            return NULL;
        }
        bytes = py_unicode_as_encoded_string(x, encoding, errors);
    } else if (errors != NULL) {
        py_err_set_string(py_exc_TypeError, py_unicode_check(x) ? "string argument without an encoding"
                                                                : "errors without a string argument");
        return NULL;
    } else {
        py_obj *func = py_object_lookup_special(x, py_id(__bytes__));
        if (func != NULL) {
            bytes = py_object_call_no_args(func);
            rg_decref(func);
            if (bytes == NULL) return NULL;
            if (!py_bytes_check(bytes)) {
                py_err_format(py_exc_TypeError, "__bytes__ returned non-bytes (type %.200s)", py_obj_type_name(bytes));
                rg_decref(bytes);
                return NULL;
            }
        } else if (py_err_occurred()) {
            return NULL;
        } else if (py_unicode_check(x)) {
            py_err_set_string(py_exc_TypeError, "string argument without an encoding");
            return NULL;
        } else if (py_index_check(x)) {
            py_ssize_t size = py_number_as_ssize_t(x, py_exc_OverflowError);
            if (size == -1 && py_err_occurred()) {
                if (!py_err_exception_matches(py_exc_TypeError)) return NULL;
                py_err_clear();
                bytes = py_bytes_from_object(x);
            } else if (size < 0) {
                py_err_set_string(py_exc_ValueError, "negative count");
                return NULL;
            } else {
                bytes = bytes_from_size(size);
            }
        } else {
            bytes = py_bytes_from_object(x);
        }
    }
    if (bytes != NULL && type != &py_bytes_info) {
        py_obj *sub = bytes_subtype_new(type, bytes);
        rg_decref(bytes);
        bytes = sub;
    }
    return bytes;
}

/* ====================================================================== */
/* bytes and bytearray alike (the shared methods, bytes_methods.c)         */
/* ====================================================================== */

/* The data and length of a bytes or bytearray. */
static inline const char *BDATA(py_obj *o)
{
    return py_bytes_check(o) ? B(o)->ob_sval : py_bytearray_as_string(o);
}
static inline py_ssize_t BLEN(py_obj *o) { return py_bytes_check(o) ? py_bytes_size(o) : py_bytearray_size(o); }

/* A new object of self's kind (bytes or bytearray) with n bytes from s. */
static py_obj *new_like(py_obj *self, const char *s, py_ssize_t n)
{
    return py_bytes_check(self) ? py_bytes_from_string_and_size(s, n) : py_bytearray_from_string_and_size(s, n);
}

/* A new object of self's kind with n bytes to fill at *buf. */
static py_obj *alloc_like(py_obj *self, py_ssize_t n, char **buf)
{
    py_obj *r = new_like(self, NULL, n);
    if (r != NULL) *buf = py_bytes_check(r) ? B(r)->ob_sval : py_bytearray_as_string(r);
    return r;
}

/* A filled bytes of one byte becomes the singleton. */
static py_obj *finish_like(py_obj *r)
{
    if (r != NULL && py_bytes_check_exact(r) && py_bytes_size(r) == 1) {
        py_obj *one = char_bytes((unsigned char)B(r)->ob_sval[0]);
        rg_decref(r);
        return one;
    }
    return r;
}

/* ====================================================================== */
/* Methods: argument helpers                                               */
/* ====================================================================== */

/* Py_ISSPACE for bytes. */
static inline int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Optional start/end arguments at args[first], args[first+1]. */
static int parse_start_end(py_obj *const *args, py_ssize_t nargs, py_ssize_t first, py_ssize_t *start,
                           py_ssize_t *end)
{
    *start = 0;
    *end = PY_SSIZE_T_MAX;
    for (int k = 0; k < 2; k++) {
        if (nargs <= first + k || args[first + k] == py_none) continue;
        py_obj *v = args[first + k];
        if (!py_index_check(v)) {
            py_err_set_string(py_exc_TypeError, "slice indices must be integers or None or have an __index__ method");
            return -1;
        }
        py_ssize_t x = py_number_as_ssize_t(v, NULL);
        if (x == -1 && py_err_occurred()) return -1;
        *(k == 0 ? start : end) = x;
    }
    return 0;
}

/* The "sub" argument of find/count/index: an int byte or a bytes-like
 * (view filled; view->obj NULL for the byte, kept in *byte). */
static int parse_sub(py_obj *arg, py_buffer *view, char *byte)
{
    view->obj = NULL;
    if (py_index_check(arg)) {
        py_ssize_t v = py_number_as_ssize_t(arg, NULL);
        if (v == -1 && py_err_occurred()) return -1;
        if (v < 0 || v >= 256) {
            py_err_set_string(py_exc_ValueError, "byte must be in range(0, 256)");
            return -1;
        }
        *byte = (char)v;
        view->buf = byte;
        view->len = 1;
        return 0;
    }
    if (!py_object_check_buffer(arg)) {
        py_err_format(py_exc_TypeError, "argument should be integer or bytes-like object, not '%.200s'",
                      py_obj_type_name(arg));
        return -1;
    }
    return py_object_get_buffer(arg, view, PY_BUF_SIMPLE);
}

/* find/rfind/index/rindex(sub, start, end) */
static py_obj *find_common(py_obj *self, py_obj *const *args, py_ssize_t nargs, int dir, int raise,
                           const char *name)
{
    if (py_arg_check_positional(name, nargs, 1, 3) < 0) return NULL;
    py_ssize_t start, end;
    py_buffer sub;
    char byte;
    if (parse_start_end(args, nargs, 1, &start, &end) < 0 || parse_sub(args[0], &sub, &byte) < 0) return NULL;
    py_ssize_t r = bytes_find_in(BDATA(self), BLEN(self), sub.buf, sub.len, start, end, dir);
    py_buffer_release(&sub);
    if (r < 0 && raise) {
        py_err_set_string(py_exc_ValueError, "subsection not found");
        return NULL;
    }
    return py_long_from_ssize_t(r);
}
py_obj *py__bytes_find(py_obj *s, py_obj *const *a, py_ssize_t n) { return find_common(s, a, n, 1, 0, "find"); }
py_obj *py__bytes_rfind(py_obj *s, py_obj *const *a, py_ssize_t n) { return find_common(s, a, n, -1, 0, "rfind"); }
py_obj *py__bytes_index(py_obj *s, py_obj *const *a, py_ssize_t n) { return find_common(s, a, n, 1, 1, "index"); }
py_obj *py__bytes_rindex(py_obj *s, py_obj *const *a, py_ssize_t n) { return find_common(s, a, n, -1, 1, "rindex"); }

/* count(sub, start, end): non-overlapping occurrences. */
py_obj *py__bytes_count(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("count", nargs, 1, 3) < 0) return NULL;
    py_ssize_t start, end;
    py_buffer sub;
    char byte;
    if (parse_start_end(args, nargs, 1, &start, &end) < 0 || parse_sub(args[0], &sub, &byte) < 0) return NULL;
    const char *s = BDATA(self);
    py_ssize_t len = BLEN(self), count = 0;
    py_slice_adjust_indices(len, &start, &end, 1);
    if (end - start >= sub.len && start <= len) {
        if (sub.len == 0) {
            count = end - start + 1;
        } else {
            for (py_ssize_t i = start; i <= end - sub.len;) {
                if (memcmp(s + i, sub.buf, (size_t)sub.len) == 0) {
                    count++;
                    i += sub.len;
                } else {
                    i++;
                }
            }
        }
    }
    py_buffer_release(&sub);
    return py_long_from_ssize_t(count);
}

/* startswith/endswith(prefix or tuple of prefixes, start, end) */
static py_obj *starts_ends(py_obj *self, py_obj *const *args, py_ssize_t nargs, int end_side, const char *name)
{
    if (py_arg_check_positional(name, nargs, 1, 3) < 0) return NULL;
    py_ssize_t start, end;
    if (parse_start_end(args, nargs, 1, &start, &end) < 0) return NULL;
    py_obj *subobj = args[0];
    int is_tuple = py_tuple_check(subobj);
    py_ssize_t count = is_tuple ? py_tuple_size(subobj) : 1;
    const char *s = BDATA(self);
    py_ssize_t len = BLEN(self);
    py_slice_adjust_indices(len, &start, &end, 1);
    for (py_ssize_t t = 0; t < count; t++) {
        py_obj *p = is_tuple ? py_tuple_get(subobj, t) : subobj;
        py_buffer sub;
        if (!py_object_check_buffer(p)) {
            if (is_tuple)
                py_object_get_buffer(p, &sub, PY_BUF_SIMPLE); /* "a bytes-like object is required" */
            else
                py_err_format(py_exc_TypeError, "%s first arg must be bytes or a tuple of bytes, not %s", name,
                              py_obj_type_name(p));
            return NULL;
        }
        if (py_object_get_buffer(p, &sub, PY_BUF_SIMPLE) < 0) return NULL;
        int match = 0;
        if (start <= len && end - start >= sub.len) {
            py_ssize_t at = end_side ? end - sub.len : start;
            match = sub.len == 0 || memcmp(s + at, sub.buf, (size_t)sub.len) == 0;
        }
        py_buffer_release(&sub);
        if (match) return py_new_ref(py_true);
    }
    return py_new_ref(py_false);
}
py_obj *py__bytes_startswith(py_obj *s, py_obj *const *a, py_ssize_t n) { return starts_ends(s, a, n, 0, "startswith"); }
py_obj *py__bytes_endswith(py_obj *s, py_obj *const *a, py_ssize_t n) { return starts_ends(s, a, n, 1, "endswith"); }

/* ====================================================================== */
/* Methods: transformations                                                */
/* ====================================================================== */

/* A new bytes of self's length with f applied to each byte. */
static py_obj *map_bytes(py_obj *self, unsigned char (*f)(unsigned char, py_ssize_t, const unsigned char *))
{
    py_ssize_t n = BLEN(self);
    char *out;
    py_obj *r = alloc_like(self, n, &out);
    if (r == NULL) return NULL;
    const unsigned char *s = (const unsigned char *)BDATA(self);
    for (py_ssize_t i = 0; i < n; i++) out[i] = (char)f(s[i], i, s);
    return finish_like(r);
}
static unsigned char to_lower(unsigned char c, py_ssize_t i, const unsigned char *s)
{
    (void)i, (void)s;
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}
static unsigned char to_upper(unsigned char c, py_ssize_t i, const unsigned char *s)
{
    (void)i, (void)s;
    return c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
}
static unsigned char swap_case(unsigned char c, py_ssize_t i, const unsigned char *s)
{
    return c >= 'a' && c <= 'z' ? to_upper(c, i, s) : to_lower(c, i, s);
}
static unsigned char capitalize_one(unsigned char c, py_ssize_t i, const unsigned char *s)
{
    return i == 0 ? to_upper(c, i, s) : to_lower(c, i, s);
}
static int is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static unsigned char title_one(unsigned char c, py_ssize_t i, const unsigned char *s)
{
    int prev_cased = i > 0 && is_alpha(s[i - 1]);
    return prev_cased ? to_lower(c, i, s) : to_upper(c, i, s);
}
py_obj *py__bytes_lower(py_obj *s, py_obj *u) { (void)u; return map_bytes(s, to_lower); }
py_obj *py__bytes_upper(py_obj *s, py_obj *u) { (void)u; return map_bytes(s, to_upper); }
py_obj *py__bytes_swapcase(py_obj *s, py_obj *u) { (void)u; return map_bytes(s, swap_case); }
py_obj *py__bytes_capitalize(py_obj *s, py_obj *u) { (void)u; return map_bytes(s, capitalize_one); }
py_obj *py__bytes_title(py_obj *s, py_obj *u) { (void)u; return map_bytes(s, title_one); }

/* The is* predicates: ASCII classes, False for b''. */
enum { IS_DIGIT, IS_ALPHA, IS_ALNUM, IS_SPACE, IS_LOWER, IS_UPPER, IS_ASCII };
static py_obj *predicate(py_obj *self, int which)
{
    const unsigned char *s = (const unsigned char *)BDATA(self);
    py_ssize_t n = BLEN(self);
    if (which == IS_ASCII) {
        for (py_ssize_t i = 0; i < n; i++)
            if (s[i] >= 0x80) return py_new_ref(py_false);
        return py_new_ref(py_true);
    }
    if (n == 0) return py_new_ref(py_false);
    int cased = 0;
    for (py_ssize_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        int digit = c >= '0' && c <= '9', lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
        switch (which) {
        case IS_DIGIT: if (!digit) return py_new_ref(py_false); break;
        case IS_ALPHA: if (!lower && !upper) return py_new_ref(py_false); break;
        case IS_ALNUM: if (!lower && !upper && !digit) return py_new_ref(py_false); break;
        case IS_SPACE: if (!is_space(c)) return py_new_ref(py_false); break;
        case IS_LOWER: if (upper) return py_new_ref(py_false); cased |= lower; break;
        case IS_UPPER: if (lower) return py_new_ref(py_false); cased |= upper; break;
        }
    }
    if (which == IS_LOWER || which == IS_UPPER) return py_bool_from_long(cased);
    return py_new_ref(py_true);
}
py_obj *py__bytes_isdigit(py_obj *s, py_obj *u) { (void)u; return predicate(s, IS_DIGIT); }
py_obj *py__bytes_isalpha(py_obj *s, py_obj *u) { (void)u; return predicate(s, IS_ALPHA); }
py_obj *py__bytes_isalnum(py_obj *s, py_obj *u) { (void)u; return predicate(s, IS_ALNUM); }
py_obj *py__bytes_isspace(py_obj *s, py_obj *u) { (void)u; return predicate(s, IS_SPACE); }
py_obj *py__bytes_islower(py_obj *s, py_obj *u) { (void)u; return predicate(s, IS_LOWER); }
py_obj *py__bytes_isupper(py_obj *s, py_obj *u) { (void)u; return predicate(s, IS_UPPER); }
py_obj *py__bytes_isascii(py_obj *s, py_obj *u) { (void)u; return predicate(s, IS_ASCII); }

/* self[lo:hi] (self itself when whole and exact). */
static py_obj *sub_bytes(py_obj *self, py_ssize_t lo, py_ssize_t hi)
{
    if (lo == 0 && hi == BLEN(self) && py_bytes_check_exact(self)) return py_new_ref(self);
    return new_like(self, BDATA(self) + lo, hi - lo);
}

/* strip/lstrip/rstrip(bytes=None); striptype 0 left, 1 right, 2 both. */
static py_obj *do_strip(py_obj *self, py_obj *const *args, py_ssize_t nargs, int striptype, const char *name)
{
    if (py_arg_check_positional(name, nargs, 0, 1) < 0) return NULL;
    const unsigned char *s = (const unsigned char *)BDATA(self);
    py_ssize_t len = BLEN(self), i = 0, j = len;
    py_buffer sep;
    sep.obj = NULL;
    if (nargs == 1 && args[0] != py_none) {
        if (py_object_get_buffer(args[0], &sep, PY_BUF_SIMPLE) < 0) return NULL;
        const char *chars = sep.buf;
        if (striptype != 1)
            while (i < len && sep.len > 0 && memchr(chars, s[i], (size_t)sep.len)) i++;
        if (striptype != 0)
            while (j > i && sep.len > 0 && memchr(chars, s[j - 1], (size_t)sep.len)) j--;
        py_buffer_release(&sep);
    } else {
        if (striptype != 1)
            while (i < len && is_space(s[i])) i++;
        if (striptype != 0)
            while (j > i && is_space(s[j - 1])) j--;
    }
    return sub_bytes(self, i, j);
}
py_obj *py__bytes_strip(py_obj *s, py_obj *const *a, py_ssize_t n) { return do_strip(s, a, n, 2, "strip"); }
py_obj *py__bytes_lstrip(py_obj *s, py_obj *const *a, py_ssize_t n) { return do_strip(s, a, n, 0, "lstrip"); }
py_obj *py__bytes_rstrip(py_obj *s, py_obj *const *a, py_ssize_t n) { return do_strip(s, a, n, 1, "rstrip"); }

static const char *const split_kwlist[] = {"sep", "maxsplit", NULL};

/* Append self[lo:hi] to list; -1 on error. */
static int append_piece(py_obj *list, py_obj *self, py_ssize_t lo, py_ssize_t hi)
{
    py_obj *piece = sub_bytes(self, lo, hi);
    if (piece == NULL) return -1;
    int r = py_list_append(list, piece);
    rg_decref(piece);
    return r;
}

/* split / rsplit(sep=None, maxsplit=-1) */
static py_obj *do_split(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames, int right)
{
    py_obj *argv[2];
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, right ? "rsplit" : "split", split_kwlist, 0, 0, 2,
                               argv) < 0)
        return NULL;
    py_ssize_t maxsplit = -1;
    if (argv[1] != NULL) {
        maxsplit = py_number_as_ssize_t(argv[1], py_exc_OverflowError);
        if (maxsplit == -1 && py_err_occurred()) return NULL;
    }
    if (maxsplit < 0) maxsplit = PY_SSIZE_T_MAX;
    py_buffer sep;
    sep.obj = NULL;
    if (argv[0] != NULL && argv[0] != py_none) {
        if (py_object_get_buffer(argv[0], &sep, PY_BUF_SIMPLE) < 0) return NULL;
        if (sep.len == 0) {
            py_buffer_release(&sep);
            py_err_set_string(py_exc_ValueError, "empty separator");
            return NULL;
        }
    }
    const unsigned char *s = (const unsigned char *)BDATA(self);
    py_ssize_t n = BLEN(self), count = 0;
    py_obj *list = py_list_new(0);
    if (list == NULL) goto fail;
    if (sep.obj == NULL) {
        /* Runs of whitespace separate; none at the ends. */
        if (!right) {
            py_ssize_t i = 0;
            for (;;) {
                while (i < n && is_space(s[i])) i++;
                if (i == n) break;
                if (count == maxsplit) { /* the rest, trailing whitespace kept */
                    if (append_piece(list, self, i, n) < 0) goto fail;
                    break;
                }
                py_ssize_t j = i;
                while (j < n && !is_space(s[j])) j++;
                if (append_piece(list, self, i, j) < 0) goto fail;
                count++;
                i = j;
            }
        } else {
            py_ssize_t j = n;
            for (;;) {
                while (j > 0 && is_space(s[j - 1])) j--;
                if (j == 0) break;
                if (count == maxsplit) { /* the rest, leading whitespace kept */
                    if (append_piece(list, self, 0, j) < 0) goto fail;
                    break;
                }
                py_ssize_t i = j;
                while (i > 0 && !is_space(s[i - 1])) i--;
                if (append_piece(list, self, i, j) < 0) goto fail;
                count++;
                j = i;
            }
            if (py_list_reverse(list) < 0) goto fail;
        }
    } else {
        const char *sp = sep.buf;
        py_ssize_t m = sep.len;
        if (!right) {
            py_ssize_t i = 0;
            for (;;) {
                py_ssize_t j = count < maxsplit ? bytes_find_in((const char *)s, n, sp, m, i, n, 1) : -1;
                if (j < 0) {
                    if (append_piece(list, self, i, n) < 0) goto fail;
                    break;
                }
                if (append_piece(list, self, i, j) < 0) goto fail;
                count++;
                i = j + m;
            }
        } else {
            py_ssize_t j = n;
            for (;;) {
                py_ssize_t i = count < maxsplit ? bytes_find_in((const char *)s, n, sp, m, 0, j, -1) : -1;
                if (i < 0) {
                    if (append_piece(list, self, 0, j) < 0) goto fail;
                    break;
                }
                if (append_piece(list, self, i + m, j) < 0) goto fail;
                count++;
                j = i;
            }
            if (py_list_reverse(list) < 0) goto fail;
        }
    }
    py_buffer_release(&sep);
    return list;
fail:
    py_buffer_release(&sep);
    rg_xdecref(list);
    return NULL;
}
py_obj *py__bytes_split(py_obj *s, py_obj *const *a, py_ssize_t n, py_obj *kw) { return do_split(s, a, n, kw, 0); }
py_obj *py__bytes_rsplit(py_obj *s, py_obj *const *a, py_ssize_t n, py_obj *kw) { return do_split(s, a, n, kw, 1); }

/* replace(old, new, count=-1) */
py_obj *py__bytes_replace(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("replace", nargs, 2, 3) < 0) return NULL;
    py_ssize_t maxcount = -1;
    if (nargs == 3) {
        maxcount = py_number_as_ssize_t(args[2], py_exc_OverflowError);
        if (maxcount == -1 && py_err_occurred()) return NULL;
    }
    if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
    py_buffer vold, vnew;
    vold.obj = vnew.obj = NULL;
    if (py_object_get_buffer(args[0], &vold, PY_BUF_SIMPLE) < 0) return NULL;
    if (py_object_get_buffer(args[1], &vnew, PY_BUF_SIMPLE) < 0) {
        py_buffer_release(&vold);
        return NULL;
    }
    const char *s = BDATA(self), *old = vold.buf, *new_ = vnew.buf;
    py_ssize_t n = BLEN(self), m = vold.len, k = vnew.len;
    /* Count the replacements first. */
    py_ssize_t count = 0;
    if (m == 0) {
        count = n + 1 < maxcount ? n + 1 : maxcount;
    } else {
        for (py_ssize_t i = 0; count < maxcount && (i = bytes_find_in(s, n, old, m, i, n, 1)) >= 0; i += m) count++;
    }
    py_obj *result = NULL;
    if (count == 0) {
        result = py_bytes_check_exact(self) ? py_new_ref(self) : new_like(self, s, n);
    } else if (k > m && (k - m) > (PY_SSIZE_T_MAX - n) / count) {
        py_err_set_string(py_exc_OverflowError, "replace bytes is too long");
    } else {
        py_ssize_t size = n + count * (k - m);
        char *d;
        result = alloc_like(self, size, &d);
        if (result != NULL) {
            py_ssize_t i = 0;
            for (py_ssize_t c = 0; c < count; c++) {
                py_ssize_t j = m == 0 ? i : bytes_find_in(s, n, old, m, i, n, 1);
                memcpy(d, s + i, (size_t)(j - i));
                d += j - i;
                memcpy(d, new_, (size_t)k);
                d += k;
                i = j + m;
                if (m == 0 && i < n) *d++ = s[i++];
            }
            memcpy(d, s + i, (size_t)(n - i));
            result = finish_like(result);
        }
    }
    py_buffer_release(&vold);
    py_buffer_release(&vnew);
    return result;
}

/* sep.join(iterable of bytes-likes) */
py_obj *py__bytes_join(py_obj *sep, py_obj *iterable)
{
    py_obj *seq;
    if (py_list_check_exact(iterable) || py_tuple_check_exact(iterable)) {
        seq = py_new_ref(iterable);
    } else {
        seq = py_sequence_list(iterable);
        if (seq == NULL) {
            if (py_err_exception_matches(py_exc_TypeError)) {
                py_err_clear();
                py_err_set_string(py_exc_TypeError, "can only join an iterable");
            }
            return NULL;
        }
    }
    int is_list = py_list_check_exact(seq);
    py_ssize_t seqlen = is_list ? py_list_size(seq) : py_tuple_size(seq);
    py_obj *const *items = is_list ? ((py_list_object *)seq)->ob_item : ((py_tuple_object *)seq)->ob_item;
    py_obj *res = NULL;
    if (seqlen == 0) {
        rg_decref(seq);
        return new_like(sep, NULL, 0);
    }
    /* (not for bytearray: stringlib's STRINGLIB_MUTABLE) */
    if (seqlen == 1 && py_bytes_check(sep) && py_bytes_check_exact(items[0])) {
        res = py_new_ref(items[0]);
        rg_decref(seq);
        return res;
    }
    py_buffer *buffers = rg_malloc(py_heap(), (size_t)seqlen * sizeof(py_buffer));
    if (buffers == NULL) {
        rg_decref(seq);
        return py_err_no_memory();
    }
    py_ssize_t nbufs = 0, sz = 0, seplen = BLEN(sep);
    for (py_ssize_t i = 0; i < seqlen; i++) {
        if (py_object_get_buffer(items[i], &buffers[i], PY_BUF_SIMPLE) != 0) {
            py_err_clear();
            py_err_format(py_exc_TypeError, "sequence item %zd: expected a bytes-like object, %.80s found", i,
                          py_obj_type_name(items[i]));
            goto done;
        }
        nbufs = i + 1;
        sz += buffers[i].len + (i > 0 ? seplen : 0);
    }
    char *p;
    res = alloc_like(sep, sz, &p);
    if (res != NULL) {
        for (py_ssize_t i = 0; i < seqlen; i++) {
            if (i > 0) {
                memcpy(p, BDATA(sep), (size_t)seplen);
                p += seplen;
            }
            memcpy(p, buffers[i].buf, (size_t)buffers[i].len);
            p += buffers[i].len;
        }
        res = finish_like(res);
    }
done:
    for (py_ssize_t i = 0; i < nbufs; i++) py_buffer_release(&buffers[i]);
    rg_free(buffers);
    rg_decref(seq);
    return res;
}

/* ====================================================================== */
/* Methods: hex, fromhex, decode                                           */
/* ====================================================================== */

static const char *const hex_kwlist[] = {"sep", "bytes_per_sep", NULL};

/* _Py_strhex_impl: two lowercase digits per byte, sep every
 * |bytes_per_sep| bytes (counted from the right when positive). */
py_obj *py__bytes_hex(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[2];
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "hex", hex_kwlist, 0, 0, 2, argv) < 0) return NULL;
    int bytes_per_sep = 1;
    if (argv[1] != NULL) {
        long v = py_long_as_long(argv[1]);
        if (v == -1 && py_err_occurred()) return NULL;
        bytes_per_sep = (int)v;
    }
    char sepc = 0;
    if (argv[0] != NULL) {
        py_obj *sep = argv[0];
        py_ssize_t seplen;
        if (py_unicode_check(sep)) {
            seplen = py_unicode_get_length(sep);
            if (seplen == 1 && !py_unicode_is_ascii(sep)) {
                py_err_set_string(py_exc_ValueError, "sep must be ASCII.");
                return NULL;
            }
            if (seplen == 1) sepc = *(const char *)py_unicode_data(sep);
        } else if (py_bytes_check(sep)) {
            seplen = py_bytes_size(sep);
            if (seplen == 1) sepc = B(sep)->ob_sval[0];
        } else {
            py_err_set_string(py_exc_TypeError, "sep must be str or bytes.");
            return NULL;
        }
        if (seplen != 1) {
            py_err_set_string(py_exc_ValueError, "sep must be length 1.");
            return NULL;
        }
    }
    const unsigned char *s = (const unsigned char *)BDATA(self);
    py_ssize_t n = BLEN(self);
    py_ssize_t abs_per = bytes_per_sep < 0 ? -(py_ssize_t)bytes_per_sep : bytes_per_sep;
    py_ssize_t nseps = (argv[0] != NULL && abs_per > 0 && n > 0) ? (n - 1) / abs_per : 0;
    py_obj *r = py_unicode_new(n * 2 + nseps, 127);
    if (r == NULL) return NULL;
    char *p = (char *)py_unicode_data(r);
    static const char hexdigits[] = "0123456789abcdef";
    for (py_ssize_t i = 0; i < n; i++) {
        if (nseps > 0 && i > 0) {
            /* Positive: groups end at the right edge; negative: start at the left. */
            int boundary = bytes_per_sep > 0 ? (n - i) % abs_per == 0 : i % abs_per == 0;
            if (boundary) *p++ = sepc;
        }
        *p++ = hexdigits[s[i] >> 4];
        *p++ = hexdigits[s[i] & 0xf];
    }
    return r;
}

/* bytes.fromhex(string): pairs of hex digits, whitespace between pairs. */
static py_obj *bytes_fromhex(py_obj *cls, py_obj *string)
{
    if (!py_unicode_check(string))
        return py_err_format(py_exc_TypeError, "fromhex() argument must be str, not %.50s",
                             py_obj_type_name(string));
    py_ssize_t len = py_unicode_get_length(string);
    int kind = py_unicode_kind(string);
    const void *data = py_unicode_data(string);
    py_obj *result = py_bytes_from_string_and_size(NULL, len / 2);
    if (result == NULL) return NULL;
    py_ssize_t i = 0, n = 0;
    while (i < len) {
        py_ucs4 c = py_unicode_read(kind, data, i);
        if (c < 128 && is_space((unsigned char)c)) {
            do i++;
            while (i < len && (c = py_unicode_read(kind, data, i)) < 128 && is_space((unsigned char)c));
            if (i >= len) break;
        }
        int digits[2];
        for (int d = 0; d < 2; d++, i++) {
            py_ucs4 h = i < len ? py_unicode_read(kind, data, i) : 0;
            digits[d] = h >= '0' && h <= '9' ? (int)(h - '0')
                        : h >= 'a' && h <= 'f' ? (int)(h - 'a' + 10)
                        : h >= 'A' && h <= 'F' ? (int)(h - 'A' + 10) : -1;
            if (digits[d] < 0) {
                rg_decref(result);
                return py_err_format(py_exc_ValueError, "non-hexadecimal number found in fromhex() arg at position %zd",
                                     i);
            }
        }
        B(result)->ob_sval[n++] = (char)((digits[0] << 4) + digits[1]);
    }
    if (py_bytes_resize(&result, n) < 0) return NULL;
    if (n == 1) {
        py_obj *one = char_bytes((unsigned char)B(result)->ob_sval[0]);
        rg_decref(result);
        result = one;
    }
    if (cls != py_bytes_info.type_obj) PY_SETREF(result, py_object_call_one_arg(cls, result));
    return result;
}

static const char *const decode_kwlist[] = {"encoding", "errors", NULL};

/* decode(encoding='utf-8', errors='strict') */
py_obj *py__bytes_decode(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[2];
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "decode", decode_kwlist, 0, 0, 2, argv) < 0) return NULL;
    const char *encoding = NULL, *errors = NULL;
    if (argv[0] != NULL && (encoding = py_arg_str("decode", "encoding", argv[0])) == NULL) return NULL;
    if (argv[1] != NULL && (errors = py_arg_str("decode", "errors", argv[1])) == NULL) return NULL;
    return py_unicode_decode(BDATA(self), BLEN(self), encoding, errors);
}

static py_obj *bytes_getnewargs(py_obj *self, py_obj *unused)
{
    (void)unused;
    py_obj *copy = py_bytes_from_string_and_size(BDATA(self), BLEN(self));
    if (copy == NULL) return NULL;
    py_obj *r = py_tuple_pack(1, copy);
    rg_decref(copy);
    return r;
}

/* ====================================================================== */
/* The iterator                                                            */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t it_index;
    py_obj *it_seq; /* NULL once exhausted */
} bytes_iter_object;

static py_obj *bytes_iter(py_obj *seq)
{
    bytes_iter_object *it = (bytes_iter_object *)rg_new(py_heap(), &py_bytes_iter_info.rt);
    if (it == NULL) return py_err_no_memory();
    it->it_index = 0;
    it->it_seq = py_new_ref(seq);
    return (py_obj *)it;
}

static int bytes_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((bytes_iter_object *)self)->it_seq);
    return 0;
}

static py_obj *bytes_iter_next(py_obj *self)
{
    bytes_iter_object *it = (bytes_iter_object *)self;
    py_obj *seq = it->it_seq;
    if (seq == NULL) return NULL;
    if (it->it_index < py_bytes_size(seq))
        return py_long_from_long((unsigned char)B(seq)->ob_sval[it->it_index++]);
    it->it_seq = NULL;
    rg_decref(seq);
    return NULL;
}

static py_obj *bytes_iter_len(py_obj *self, py_obj *unused)
{
    (void)unused;
    bytes_iter_object *it = (bytes_iter_object *)self;
    py_ssize_t len = it->it_seq ? py_bytes_size(it->it_seq) - it->it_index : 0;
    return py_long_from_ssize_t(len < 0 ? 0 : len);
}

static const py_method_def bytes_iter_methods[] = {
    {"__length_hint__", {.o = bytes_iter_len}, PY_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_bytes_iter_info = {
    .rt = {.name = "bytes_iterator", .size = sizeof(bytes_iter_object), .flags = RG_TYPE_GC,
           .traverse = bytes_iter_traverse, .refs_offset = offsetof(bytes_iter_object, it_seq), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = bytes_iter_next,
    .methods = bytes_iter_methods,
};

/* ====================================================================== */
/* The type                                                                */
/* ====================================================================== */

static int bytes_contains(py_obj *self, py_obj *arg)
{
    return py__bytes_contains(B(self)->ob_sval, py_bytes_size(self), arg);
}

static py_sequence_methods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_concat = bytes_concat,
    .sq_repeat = bytes_repeat,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};

static py_mapping_methods bytes_as_mapping = {
    .mp_length = bytes_length,
    .mp_subscript = bytes_subscript,
};

#define FAST(name, fn, doc) {name, {.fast = fn}, PY_METH_FASTCALL, doc}
#define FASTKW(name, fn, doc) {name, {.fast_kw = fn}, PY_METH_FASTCALL | PY_METH_KEYWORDS, doc}
#define NOARGS(name, fn, doc) {name, {.o = fn}, PY_METH_NOARGS, doc}

static const py_method_def bytes_methods[] = {
    NOARGS("__getnewargs__", bytes_getnewargs, NULL),
    NOARGS("__bytes__", py__bytes_bytes, "Convert this value to exact type bytes."),
    PY_BYTES_SHARED_METHODS_2,
    NOARGS("capitalize", py__bytes_capitalize,
           "B.capitalize() -> copy of B\n\nReturn a copy of B with only its first character capitalized (ASCII)\n"
           "and the rest lower-cased."),
    FAST("count", py__bytes_count,
         "B.count(sub[, start[, end]]) -> int\n\nReturn the number of non-overlapping occurrences of subsection sub "
         "in\nbytes B[start:end].  Optional arguments start and end are interpreted\nas in slice notation."),
    FASTKW("decode", py__bytes_decode, "Decode the bytes using the codec registered for encoding."),
    FAST("endswith", py__bytes_endswith,
         "B.endswith(suffix[, start[, end]]) -> bool\n\nReturn True if B ends with the specified suffix, False "
         "otherwise.\nWith optional start, test B beginning at that position.\nWith optional end, stop comparing B "
         "at that position.\nsuffix can also be a tuple of bytes to try."),
    FAST("find", py__bytes_find,
         "B.find(sub[, start[, end]]) -> int\n\nReturn the lowest index in B where subsection sub is found,\nsuch that "
         "sub is contained within B[start,end].  Optional\narguments start and end are interpreted as in slice "
         "notation.\n\nReturn -1 on failure."),
    {"fromhex", {.o = bytes_fromhex}, PY_METH_O | PY_METH_CLASS,
     "Create a bytes object from a string of hexadecimal numbers.\n\nSpaces between two numbers are accepted.\n"
     "Example: bytes.fromhex('B9 01EF') -> b'\\\\xb9\\\\x01\\\\xef'."},
    FASTKW("hex", py__bytes_hex, "Create a string of hexadecimal numbers from a bytes object."),
    FAST("index", py__bytes_index,
         "B.index(sub[, start[, end]]) -> int\n\nReturn the lowest index in B where subsection sub is found,\nsuch "
         "that sub is contained within B[start,end].  Optional\narguments start and end are interpreted as in slice "
         "notation.\n\nRaises ValueError when the subsection is not found."),
    NOARGS("isalnum", py__bytes_isalnum,
           "B.isalnum() -> bool\n\nReturn True if all characters in B are alphanumeric\nand there is at least one "
           "character in B, False otherwise."),
    NOARGS("isalpha", py__bytes_isalpha,
           "B.isalpha() -> bool\n\nReturn True if all characters in B are alphabetic\nand there is at least one "
           "character in B, False otherwise."),
    NOARGS("isascii", py__bytes_isascii,
           "B.isascii() -> bool\n\nReturn True if B is empty or all characters in B are ASCII,\nFalse otherwise."),
    NOARGS("isdigit", py__bytes_isdigit,
           "B.isdigit() -> bool\n\nReturn True if all characters in B are digits\nand there is at least one "
           "character in B, False otherwise."),
    NOARGS("islower", py__bytes_islower,
           "B.islower() -> bool\n\nReturn True if all cased characters in B are lowercase and there is\nat least one "
           "cased character in B, False otherwise."),
    NOARGS("isspace", py__bytes_isspace,
           "B.isspace() -> bool\n\nReturn True if all characters in B are whitespace\nand there is at least one "
           "character in B, False otherwise."),
    NOARGS("isupper", py__bytes_isupper,
           "B.isupper() -> bool\n\nReturn True if all cased characters in B are uppercase and there is\nat least one "
           "cased character in B, False otherwise."),
    {"join", {.o = py__bytes_join}, PY_METH_O, "Concatenate any number of bytes objects."},
    NOARGS("lower", py__bytes_lower, "B.lower() -> copy of B\n\nReturn a copy of B with all ASCII characters converted to lowercase."),
    FAST("lstrip", py__bytes_lstrip, "Strip leading bytes contained in the argument."),
    FAST("replace", py__bytes_replace, "Return a copy with all occurrences of substring old replaced by new."),
    FAST("rfind", py__bytes_rfind,
         "B.rfind(sub[, start[, end]]) -> int\n\nReturn the highest index in B where subsection sub is found,\nsuch "
         "that sub is contained within B[start,end].  Optional\narguments start and end are interpreted as in slice "
         "notation.\n\nReturn -1 on failure."),
    FAST("rindex", py__bytes_rindex,
         "B.rindex(sub[, start[, end]]) -> int\n\nReturn the highest index in B where subsection sub is found,\nsuch "
         "that sub is contained within B[start,end].  Optional\narguments start and end are interpreted as in slice "
         "notation.\n\nRaise ValueError when the subsection is not found."),
    FASTKW("rsplit", py__bytes_rsplit, "Return a list of the sections in the bytes, using sep as the delimiter."),
    FAST("rstrip", py__bytes_rstrip, "Strip trailing bytes contained in the argument."),
    FASTKW("split", py__bytes_split, "Return a list of the sections in the bytes, using sep as the delimiter."),
    FAST("startswith", py__bytes_startswith,
         "B.startswith(prefix[, start[, end]]) -> bool\n\nReturn True if B starts with the specified prefix, False "
         "otherwise.\nWith optional start, test B beginning at that position.\nWith optional end, stop comparing B "
         "at that position.\nprefix can also be a tuple of bytes to try."),
    FAST("strip", py__bytes_strip, "Strip leading and trailing bytes contained in the argument."),
    NOARGS("swapcase", py__bytes_swapcase,
           "B.swapcase() -> copy of B\n\nReturn a copy of B with uppercase ASCII characters converted\nto lowercase "
           "ASCII and vice versa."),
    NOARGS("title", py__bytes_title,
           "B.title() -> copy of B\n\nReturn a titlecased version of B, i.e. ASCII words start with uppercase\n"
           "characters, all remaining cased characters have lowercase."),
    NOARGS("upper", py__bytes_upper, "B.upper() -> copy of B\n\nReturn a copy of B with all ASCII characters converted to uppercase."),
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_bytes_info = {
    .rt = {.name = "bytes", .size = offsetof(py_bytes_object, ob_sval) + 1, .item_size = 1},
    .flags = PY_TPFLAGS_BASETYPE | PY_TPFLAGS_BYTES_SUBCLASS,
    .doc = "bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\n"
           "bytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\nbytes(int) -> bytes object of size given by "
           "the parameter initialized with null bytes\nbytes() -> empty bytes object\n\nConstruct an immutable array "
           "of bytes from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the "
           "specified encoding\n  - any object implementing the buffer API.\n  - an integer",
    .repr = bytes_repr,
    .str = bytes_repr,
    .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .iter = bytes_iter,
    .new = bytes_new,
    .as_number = &py_bytes_as_number,
    .as_sequence = &bytes_as_sequence,
    .as_mapping = &bytes_as_mapping,
    .as_buffer = &bytes_as_buffer,
    .methods = bytes_methods,
};
