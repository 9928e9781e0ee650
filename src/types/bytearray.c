/*
 * bytearray.c -- the bytearray type (CPython 3.11's
 * Objects/bytearrayobject.c).
 *
 * Owns: bytearray objects (56 bytes, not GC) and their data block (a heap
 * block of ob_alloc bytes: sys.getsizeof is 56 + ob_alloc), 3.11's resize
 * policy (PyByteArray_Resize: exact for a first allocation or a jump of
 * more than 1/8, else size + size/8 + 3 or 6; shrink to exact only below
 * half; deleting a prefix advances ob_start instead of moving bytes), the
 * buffer export count (no resize while a view is lent), item and slice
 * assignment/deletion (extended slices included), the mutating methods
 * (append, extend, insert, pop, remove, clear, copy, reverse), +, *, +=,
 * *=, comparisons with any bytes-like, repr, the iterator.  The read-only
 * methods are bytes.c's shared ones (py__bytes_*), which build results of
 * self's kind.
 *
 * Invariants: ob_bytes is NULL exactly when ob_alloc is 0; otherwise
 * ob_start lies in ob_bytes and ob_start[ob_size] is 0; ob_exports >= 0.
 *
 * Must not: resize while ob_exports > 0 (BufferError), or hand out a
 * pointer into the data across a call that may run Python code.
 */
#include <string.h>

#include "object.h"

#define BA(o) ((py_bytearray_object *)(o))

char py_bytearray_empty_string[1];

/* ====================================================================== */
/* Storage                                                                 */
/* ====================================================================== */

/* _canresize: no buffer lent out. */
static int can_resize(py_bytearray_object *self)
{
    if (self->ob_exports > 0) {
        py_err_set_string(py_exc_BufferError, "Existing exports of data: object cannot be re-sized");
        return 0;
    }
    return 1;
}

int py_bytearray_resize(py_obj *self, py_ssize_t requested_size)
{
    py_bytearray_object *obj = BA(self);
    size_t alloc = (size_t)obj->ob_alloc;
    size_t logical_offset = (size_t)(obj->ob_start - obj->ob_bytes);
    size_t size = (size_t)requested_size;
    RG_ASSERT(requested_size >= 0 && logical_offset <= alloc);
    if (requested_size == py_bytearray_size(self)) return 0;
    if (!can_resize(obj)) return -1;
    if (size + logical_offset + 1 <= alloc) {
        if (size < alloc / 2) {
            alloc = size + 1; /* major downsize: exact */
        } else {
            obj->ob_var.size = requested_size; /* minor downsize: keep the block */
            obj->ob_start[size] = '\0';
            return 0;
        }
    } else if ((double)size <= (double)alloc * 1.125) {
        alloc = size + (size >> 3) + (size < 9 ? 3 : 6); /* moderate upsize */
    } else {
        alloc = size + 1; /* major upsize: exact */
    }
    if (alloc > (size_t)PY_SSIZE_T_MAX) {
        py_err_no_memory();
        return -1;
    }
    char *sval;
    if (logical_offset > 0) {
        sval = rg_malloc(py_heap(), alloc);
        if (sval == NULL) {
            py_err_no_memory();
            return -1;
        }
        size_t keep = (size_t)requested_size < (size_t)py_bytearray_size(self) ? (size_t)requested_size
                                                                              : (size_t)py_bytearray_size(self);
        memcpy(sval, obj->ob_start, keep);
        rg_free(obj->ob_bytes);
    } else {
        sval = rg_realloc(py_heap(), obj->ob_bytes, alloc);
        if (sval == NULL) {
            py_err_no_memory();
            return -1;
        }
    }
    obj->ob_bytes = obj->ob_start = sval;
    obj->ob_var.size = requested_size;
    obj->ob_alloc = (py_ssize_t)alloc;
    obj->ob_bytes[size] = '\0';
    return 0;
}

/* A new empty bytearray of the given type (no data block). */
static py_obj *bytearray_alloc(py_typeinfo *type)
{
    py_bytearray_object *o = (py_bytearray_object *)py_type_generic_alloc(type, 0);
    if (o == NULL) return NULL;
    o->ob_var.size = 0;
    o->ob_alloc = 0;
    o->ob_bytes = o->ob_start = NULL;
    o->ob_exports = 0;
    return (py_obj *)o;
}

py_obj *py_bytearray_from_string_and_size(const char *s, py_ssize_t size)
{
    if (size < 0) {
        py_err_set_string(py_exc_SystemError, "Negative size passed to PyByteArray_FromStringAndSize");
        return NULL;
    }
    py_bytearray_object *o = (py_bytearray_object *)bytearray_alloc(&py_bytearray_info);
    if (o == NULL) return NULL;
    if (size > 0) {
        o->ob_bytes = rg_malloc(py_heap(), (size_t)size + 1);
        if (o->ob_bytes == NULL) {
            rg_decref((py_obj *)o);
            return py_err_no_memory();
        }
        if (s != NULL) memcpy(o->ob_bytes, s, (size_t)size);
        else memset(o->ob_bytes, 0, (size_t)size);
        o->ob_bytes[size] = '\0';
        o->ob_start = o->ob_bytes;
        o->ob_var.size = size;
        o->ob_alloc = size + 1;
    }
    return (py_obj *)o;
}

static void bytearray_dealloc(py_obj *self)
{
    RG_ASSERT(BA(self)->ob_exports == 0);
    if (BA(self)->ob_bytes != NULL) rg_free(BA(self)->ob_bytes);
    rg_object_free(self);
}

/* The buffer protocol: lend the data, counting the exports. */
static int bytearray_getbuffer(py_obj *self, py_buffer *view, int flags)
{
    if (py_buffer_fill_info(view, self, py_bytearray_as_string(self), py_bytearray_size(self), 0, flags) < 0)
        return -1;
    BA(self)->ob_exports++;
    return 0;
}

static void bytearray_releasebuffer(py_obj *self, py_buffer *view)
{
    (void)view;
    BA(self)->ob_exports--;
}

static py_buffer_procs bytearray_as_buffer = {.bf_getbuffer = bytearray_getbuffer,
                                              .bf_releasebuffer = bytearray_releasebuffer};

/* _getbytevalue: an int 0..255; -1 with an exception. */
static int get_byte_value(py_obj *arg)
{
    int overflow;
    long v = py_long_as_long_and_overflow(arg, &overflow);
    if (v == -1 && py_err_occurred()) return -1;
    if (overflow || v < 0 || v >= 256) {
        py_err_set_string(py_exc_ValueError, "byte must be in range(0, 256)");
        return -1;
    }
    return (int)v;
}

/* ====================================================================== */
/* Construction                                                            */
/* ====================================================================== */

static py_obj *bytearray_iconcat(py_obj *self, py_obj *other);

static const char *const init_kwlist[] = {"source", "encoding", "errors", NULL};

/* bytearray.__init__(source=..., encoding=..., errors=...) */
static int bytearray_init(py_obj *self, py_obj *args, py_obj *kwds)
{
    py_obj *argv[3];
    if (py_arg_unpack_keywords(((py_tuple_object *)args)->ob_item, py_tuple_size(args), kwds, NULL, "bytearray",
                               init_kwlist, 0, 0, 3, argv) < 0)
        return -1;
    py_obj *arg = argv[0];
    const char *encoding = NULL, *errors = NULL;
    if (argv[1] != NULL && (encoding = py_arg_str("bytearray", "encoding", argv[1])) == NULL) return -1;
    if (argv[2] != NULL && (errors = py_arg_str("bytearray", "errors", argv[2])) == NULL) return -1;
    if (py_bytearray_size(self) != 0 && py_bytearray_resize(self, 0) < 0) return -1;
    if (arg == NULL) {
        if (encoding != NULL || errors != NULL) {
            py_err_set_string(py_exc_TypeError, encoding != NULL ? "encoding without a string argument"
                                                                 : "errors without a string argument");
            return -1;
        }
        return 0;
    }
    if (py_unicode_check(arg)) {
        if (encoding == NULL) {
            py_err_set_string(py_exc_TypeError, "string argument without an encoding");
            return -1;
        }
        py_obj *encoded = py_unicode_as_encoded_string(arg, encoding, errors);
        if (encoded == NULL) return -1;
        py_obj *r = bytearray_iconcat(self, encoded);
        rg_decref(encoded);
        if (r == NULL) return -1;
        rg_decref(r);
        return 0;
    }
    if (encoding != NULL || errors != NULL) {
        py_err_set_string(py_exc_TypeError, encoding != NULL ? "encoding without a string argument"
                                                             : "errors without a string argument");
        return -1;
    }
    if (py_index_check(arg)) {
        py_ssize_t count = py_number_as_ssize_t(arg, py_exc_OverflowError);
        if (count == -1 && py_err_occurred()) {
            if (!py_err_exception_matches(py_exc_TypeError)) return -1;
            py_err_clear(); /* fall through */
        } else {
            if (count < 0) {
                py_err_set_string(py_exc_ValueError, "negative count");
                return -1;
            }
            if (count > 0) {
                if (py_bytearray_resize(self, count) < 0) return -1;
                memset(py_bytearray_as_string(self), 0, (size_t)count);
            }
            return 0;
        }
    }
    if (py_object_check_buffer(arg)) {
        py_buffer view;
        if (py_object_get_buffer(arg, &view, PY_BUF_SIMPLE) < 0) return -1;
        int r = py_bytearray_resize(self, view.len);
        if (r == 0 && view.len > 0) memcpy(py_bytearray_as_string(self), view.buf, (size_t)view.len);
        py_buffer_release(&view);
        return r;
    }
    if (py_list_check_exact(arg) || py_tuple_check_exact(arg)) {
        int is_list = py_list_check_exact(arg);
        py_ssize_t size = is_list ? py_list_size(arg) : py_tuple_size(arg);
        py_obj *const *items = is_list ? ((py_list_object *)arg)->ob_item : ((py_tuple_object *)arg)->ob_item;
        if (py_bytearray_resize(self, size) < 0) return -1;
        int all_ints = 1;
        for (py_ssize_t i = 0; i < size && all_ints; i++) {
            if (!py_long_check_exact(items[i])) {
                all_ints = 0; /* back to empty, then the general path */
                if (py_bytearray_size(self) != 0 && py_bytearray_resize(self, 0) < 0) return -1;
                break;
            }
            int value = get_byte_value(items[i]);
            if (value < 0) return -1;
            py_bytearray_as_string(self)[i] = (char)value;
        }
        if (all_ints) return 0;
    }
    py_obj *it = py_object_get_iter(arg);
    if (it == NULL) {
        if (py_err_exception_matches(py_exc_TypeError)) {
            py_err_clear();
            py_err_format(py_exc_TypeError, "cannot convert '%.200s' object to bytearray", py_obj_type_name(arg));
        }
        return -1;
    }
    py_iternextfunc iternext = py_type_of(it)->iternext;
    for (;;) {
        py_obj *item = iternext(it);
        if (item == NULL) {
            if (py_err_occurred()) {
                if (!py_err_exception_matches(py_exc_StopIteration)) goto error;
                py_err_clear();
            }
            break;
        }
        int value = get_byte_value(item);
        rg_decref(item);
        if (value < 0) goto error;
        py_ssize_t n = py_bytearray_size(self);
        if (n + 1 < BA(self)->ob_alloc) {
            BA(self)->ob_var.size = n + 1;
            BA(self)->ob_start[n + 1] = '\0';
        } else if (py_bytearray_resize(self, n + 1) < 0) {
            goto error;
        }
        py_bytearray_as_string(self)[n] = (char)value;
    }
    rg_decref(it);
    return 0;
error:
    rg_decref(it);
    return -1;
}

static py_obj *bytearray_new(py_typeinfo *type, py_obj *args, py_obj *kwds)
{
    (void)args;
    (void)kwds;
    return bytearray_alloc(type);
}

/* PyByteArray_FromObject: bytearray(x). */
static py_obj *bytearray_from_object(py_obj *x)
{
    return py_object_call_one_arg(py_bytearray_info.type_obj, x);
}

/* ====================================================================== */
/* repr, comparison                                                        */
/* ====================================================================== */

/* bytearray(b'...'): ' is always escaped; " quotes only without any ". */
static py_obj *bytearray_repr(py_obj *self)
{
    const char *name = py_type_of(self)->rt.name;
    const unsigned char *s = (const unsigned char *)py_bytearray_as_string(self);
    py_ssize_t length = py_bytearray_size(self);
    char quote = '\'';
    for (py_ssize_t i = 0; i < length; i++) {
        if (s[i] == '"') {
            quote = '\'';
            break;
        }
        if (s[i] == '\'') quote = '"';
    }
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    static const char hexdigits[] = "0123456789abcdef";
    int r = py_unicode_writer_write_ascii(&w, name, (py_ssize_t)strlen(name));
    char head[3] = {'(', 'b', quote};
    if (r == 0) r = py_unicode_writer_write_ascii(&w, head, 3);
    for (py_ssize_t i = 0; i < length && r == 0; i++) {
        unsigned char c = s[i];
        char esc[4];
        int n = 0;
        if (c == '\'' || c == '\\') esc[n++] = '\\', esc[n++] = (char)c;
        else if (c == '\t') esc[n++] = '\\', esc[n++] = 't';
        else if (c == '\n') esc[n++] = '\\', esc[n++] = 'n';
        else if (c == '\r') esc[n++] = '\\', esc[n++] = 'r';
        else if (c == 0 || c < ' ' || c >= 0x7f)
            esc[n++] = '\\', esc[n++] = 'x', esc[n++] = hexdigits[(c & 0xf0) >> 4], esc[n++] = hexdigits[c & 0xf];
        else esc[n++] = (char)c;
        r = py_unicode_writer_write_ascii(&w, esc, n);
    }
    char tail[2] = {quote, ')'};
    if (r == 0) r = py_unicode_writer_write_ascii(&w, tail, 2);
    if (r < 0) {
        py_unicode_writer_dealloc(&w);
        return NULL;
    }
    return py_unicode_writer_finish(&w);
}

/* Compared with anything lending a buffer (bytes included). */
static py_obj *bytearray_richcompare(py_obj *self, py_obj *other, int op)
{
    if (!py_object_check_buffer(self) || !py_object_check_buffer(other)) return py_new_ref(py_notimplemented);
    py_buffer a, b;
    if (py_object_get_buffer(self, &a, PY_BUF_SIMPLE) != 0) {
        py_err_clear();
        return py_new_ref(py_notimplemented);
    }
    if (py_object_get_buffer(other, &b, PY_BUF_SIMPLE) != 0) {
        py_err_clear();
        py_buffer_release(&a);
        return py_new_ref(py_notimplemented);
    }
    py_ssize_t na = a.len, nb = b.len;
    int c;
    if (na != nb && (op == PY_EQ || op == PY_NE)) {
        c = 1;
    } else {
        py_ssize_t n = na < nb ? na : nb;
        c = n > 0 ? memcmp(a.buf, b.buf, (size_t)n) : 0;
        if (c == 0) c = na < nb ? -1 : na > nb ? 1 : 0;
    }
    py_buffer_release(&a);
    py_buffer_release(&b);
    return py_bool_from_cmp(c, op);
}

/* ====================================================================== */
/* Sequence protocol                                                       */
/* ====================================================================== */

static py_ssize_t bytearray_length(py_obj *self) { return py_bytearray_size(self); }

/* bytearray + bytes-like (PyByteArray_Concat). */
static py_obj *bytearray_concat(py_obj *a, py_obj *b)
{
    py_buffer va, vb;
    va.obj = vb.obj = NULL;
    if (py_object_get_buffer(a, &va, PY_BUF_SIMPLE) != 0 || py_object_get_buffer(b, &vb, PY_BUF_SIMPLE) != 0) {
        py_err_clear();
        py_err_format(py_exc_TypeError, "can't concat %.100s to %.100s", py_obj_type_name(b), py_obj_type_name(a));
        py_buffer_release(&va);
        return NULL;
    }
    py_obj *result = NULL;
    if (va.len > PY_SSIZE_T_MAX - vb.len) {
        py_err_no_memory();
    } else {
        result = py_bytearray_from_string_and_size(NULL, va.len + vb.len);
        if (result != NULL && va.len + vb.len > 0) {
            memcpy(py_bytearray_as_string(result), va.buf, (size_t)va.len);
            memcpy(py_bytearray_as_string(result) + va.len, vb.buf, (size_t)vb.len);
        }
    }
    py_buffer_release(&va);
    py_buffer_release(&vb);
    return result;
}

static py_obj *bytearray_iconcat(py_obj *self, py_obj *other)
{
    py_buffer vo;
    if (py_object_get_buffer(other, &vo, PY_BUF_SIMPLE) != 0) {
        py_err_clear();
        return py_err_format(py_exc_TypeError, "can't concat %.100s to %.100s", py_obj_type_name(other),
                             py_obj_type_name(self));
    }
    py_ssize_t size = py_bytearray_size(self);
    if (size > PY_SSIZE_T_MAX - vo.len) {
        py_buffer_release(&vo);
        return py_err_no_memory();
    }
    if (py_bytearray_resize(self, size + vo.len) < 0) {
        py_buffer_release(&vo);
        return NULL;
    }
    if (vo.len > 0) memcpy(py_bytearray_as_string(self) + size, vo.buf, (size_t)vo.len);
    py_buffer_release(&vo);
    return py_new_ref(self);
}

/* Fill dst (n * len bytes) with n copies of src[0..len). */
static void repeat_into(char *dst, const char *src, py_ssize_t len, py_ssize_t n)
{
    if (len == 1) {
        memset(dst, src[0], (size_t)n);
        return;
    }
    for (py_ssize_t i = 0; i < n; i++) memcpy(dst + i * len, src, (size_t)len);
}

static py_obj *bytearray_repeat(py_obj *self, py_ssize_t count)
{
    if (count < 0) count = 0;
    py_ssize_t mysize = py_bytearray_size(self);
    if (count > 0 && mysize > PY_SSIZE_T_MAX / count) return py_err_no_memory();
    py_obj *result = py_bytearray_from_string_and_size(NULL, mysize * count);
    if (result != NULL && mysize * count > 0)
        repeat_into(py_bytearray_as_string(result), py_bytearray_as_string(self), mysize, count);
    return result;
}

static py_obj *bytearray_irepeat(py_obj *self, py_ssize_t count)
{
    if (count < 0) count = 0;
    py_ssize_t mysize = py_bytearray_size(self);
    if (count > 0 && mysize > PY_SSIZE_T_MAX / count) return py_err_no_memory();
    if (py_bytearray_resize(self, mysize * count) < 0) return NULL;
    char *buf = py_bytearray_as_string(self);
    if (mysize == 1) memset(buf, buf[0], (size_t)count);
    else
        for (py_ssize_t i = 1; i < count; i++) memcpy(buf + i * mysize, buf, (size_t)mysize);
    return py_new_ref(self);
}

static py_obj *bytearray_getitem(py_obj *self, py_ssize_t i)
{
    if (i < 0 || i >= py_bytearray_size(self)) {
        py_err_set_string(py_exc_IndexError, "bytearray index out of range");
        return NULL;
    }
    return py_long_from_long((unsigned char)py_bytearray_as_string(self)[i]);
}

static int bytearray_contains(py_obj *self, py_obj *arg)
{
    return py__bytes_contains(py_bytearray_as_string(self), py_bytearray_size(self), arg);
}

static py_obj *bytearray_subscript(py_obj *self, py_obj *index)
{
    if (py_index_check(index)) {
        py_ssize_t i = py_number_as_ssize_t(index, py_exc_IndexError);
        if (i == -1 && py_err_occurred()) return NULL;
        if (i < 0) i += py_bytearray_size(self);
        return bytearray_getitem(self, i);
    }
    if (py_slice_check(index)) {
        py_ssize_t start, stop, step;
        if (py_slice_unpack(index, &start, &stop, &step) < 0) return NULL;
        py_ssize_t slicelength = py_slice_adjust_indices(py_bytearray_size(self), &start, &stop, step);
        const char *source = py_bytearray_as_string(self);
        if (slicelength <= 0) return py_bytearray_from_string_and_size("", 0);
        if (step == 1) return py_bytearray_from_string_and_size(source + start, slicelength);
        py_obj *result = py_bytearray_from_string_and_size(NULL, slicelength);
        if (result == NULL) return NULL;
        char *buf = py_bytearray_as_string(result);
        for (py_ssize_t cur = start, i = 0; i < slicelength; cur += step, i++) buf[i] = source[cur];
        return result;
    }
    return py_err_format(py_exc_TypeError, "bytearray indices must be integers or slices, not %.200s",
                         py_obj_type_name(index));
}

/* bytearray_setslice_linear: replace [lo, hi) by bytes[0..n). */
static int setslice_linear(py_obj *self, py_ssize_t lo, py_ssize_t hi, const char *bytes, py_ssize_t bytes_len)
{
    py_bytearray_object *ba = BA(self);
    py_ssize_t avail = hi - lo, growth = bytes_len - avail;
    char *buf = py_bytearray_as_string(self);
    int res = 0;
    if (growth < 0) {
        if (!can_resize(ba)) return -1;
        if (lo == 0) {
            ba->ob_start -= growth; /* drop the prefix by moving the start */
        } else {
            memmove(buf + lo + bytes_len, buf + hi, (size_t)(py_bytearray_size(self) - hi));
        }
        if (py_bytearray_resize(self, py_bytearray_size(self) + growth) < 0) {
            if (lo == 0) {
                ba->ob_start += growth;
                return -1;
            }
            ba->ob_var.size += growth;
            res = -1;
        }
        buf = py_bytearray_as_string(self);
    } else if (growth > 0) {
        if (py_bytearray_size(self) > PY_SSIZE_T_MAX - growth) {
            py_err_no_memory();
            return -1;
        }
        if (py_bytearray_resize(self, py_bytearray_size(self) + growth) < 0) return -1;
        buf = py_bytearray_as_string(self);
        memmove(buf + lo + bytes_len, buf + hi, (size_t)(py_bytearray_size(self) - lo - bytes_len));
    }
    if (bytes_len > 0) memcpy(buf + lo, bytes, (size_t)bytes_len);
    return res;
}

/* bytearray_setslice: values a bytes-like (or NULL: delete). */
static int setslice(py_obj *self, py_ssize_t lo, py_ssize_t hi, py_obj *values)
{
    if (values == self) {
        py_obj *copy = py_bytearray_from_string_and_size(py_bytearray_as_string(self), py_bytearray_size(self));
        if (copy == NULL) return -1;
        int err = setslice(self, lo, hi, copy);
        rg_decref(copy);
        return err;
    }
    if (values == NULL) return setslice_linear(self, lo, hi, NULL, 0);
    py_buffer v;
    if (py_object_get_buffer(values, &v, PY_BUF_SIMPLE) != 0) {
        py_err_clear();
        py_err_format(py_exc_TypeError, "can't set bytearray slice from %.100s", py_obj_type_name(values));
        return -1;
    }
    int r = setslice_linear(self, lo, hi, v.buf, v.len);
    py_buffer_release(&v);
    return r;
}

/* PyNumber_Check: int, float (complex) or anything with __index__. */
static int number_check(py_obj *o)
{
    py_number_methods *nb = py_type_of(o)->as_number;
    return nb != NULL && (nb->nb_index || nb->nb_int || nb->nb_float);
}

static int bytearray_ass_subscript(py_obj *self, py_obj *index, py_obj *values)
{
    py_ssize_t start, stop, step, slicelen;
    if (py_index_check(index)) {
        py_ssize_t i = py_number_as_ssize_t(index, py_exc_IndexError);
        if (i == -1 && py_err_occurred()) return -1;
        int ival = -1;
        /* Before the size check: __index__ may resize (GH-91153). */
        if (values != NULL && (ival = get_byte_value(values)) < 0) return -1;
        if (i < 0) i += py_bytearray_size(self);
        if (i < 0 || i >= py_bytearray_size(self)) {
            py_err_set_string(py_exc_IndexError, "bytearray index out of range");
            return -1;
        }
        if (values != NULL) {
            py_bytearray_as_string(self)[i] = (char)ival;
            return 0;
        }
        start = i, stop = i + 1, step = 1, slicelen = 1;
    } else if (py_slice_check(index)) {
        if (py_slice_unpack(index, &start, &stop, &step) < 0) return -1;
        slicelen = py_slice_adjust_indices(py_bytearray_size(self), &start, &stop, step);
    } else {
        py_err_format(py_exc_TypeError, "bytearray indices must be integers or slices, not %.200s",
                      py_obj_type_name(index));
        return -1;
    }
    const char *bytes = NULL;
    py_ssize_t needed = 0;
    if (values != NULL) {
        if (values == self || !py_bytearray_check(values)) {
            if (number_check(values) || py_unicode_check(values)) {
                py_err_set_string(py_exc_TypeError,
                                  "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
                return -1;
            }
            py_obj *copy = bytearray_from_object(values);
            if (copy == NULL) return -1;
            int err = bytearray_ass_subscript(self, index, copy);
            rg_decref(copy);
            return err;
        }
        bytes = py_bytearray_as_string(values);
        needed = py_bytearray_size(values);
    }
    /* b[5:2] = ... inserts before 5. */
    if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;
    if (step == 1) return setslice_linear(self, start, stop, bytes, needed);
    char *buf = py_bytearray_as_string(self);
    if (needed == 0) {
        /* Delete an extended slice. */
        if (!can_resize(BA(self))) return -1;
        if (slicelen == 0) return 0;
        if (step < 0) {
            stop = start + 1;
            start = stop + step * (slicelen - 1) - 1;
            step = -step;
        }
        size_t cur;
        py_ssize_t i;
        for (cur = (size_t)start, i = 0; i < slicelen; cur += (size_t)step, i++) {
            py_ssize_t lim = step - 1;
            if (cur + (size_t)step >= (size_t)py_bytearray_size(self)) lim = py_bytearray_size(self) - (py_ssize_t)cur - 1;
            memmove(buf + cur - i, buf + cur + 1, (size_t)lim);
        }
        cur = (size_t)start + (size_t)slicelen * (size_t)step;
        if (cur < (size_t)py_bytearray_size(self))
            memmove(buf + cur - slicelen, buf + cur, (size_t)py_bytearray_size(self) - cur);
        return py_bytearray_resize(self, py_bytearray_size(self) - slicelen);
    }
    if (needed != slicelen) {
        py_err_format(py_exc_ValueError, "attempt to assign bytes of size %zd to extended slice of size %zd", needed,
                      slicelen);
        return -1;
    }
    size_t cur = (size_t)start;
    for (py_ssize_t i = 0; i < slicelen; cur += (size_t)step, i++) buf[cur] = bytes[i];
    return 0;
}

static int bytearray_setitem(py_obj *self, py_ssize_t i, py_obj *value)
{
    py_obj *index = py_long_from_ssize_t(i);
    if (index == NULL) return -1;
    int r = bytearray_ass_subscript(self, index, value);
    rg_decref(index);
    return r;
}

/* ====================================================================== */
/* Mutating methods                                                        */
/* ====================================================================== */

static py_obj *bytearray_append(py_obj *self, py_obj *item)
{
    int value = get_byte_value(item);
    if (value < 0) return NULL;
    py_ssize_t n = py_bytearray_size(self);
    if (n == PY_SSIZE_T_MAX) {
        py_err_set_string(py_exc_OverflowError, "cannot add more objects to bytearray");
        return NULL;
    }
    if (py_bytearray_resize(self, n + 1) < 0) return NULL;
    py_bytearray_as_string(self)[n] = (char)value;
    return py_new_ref(py_none);
}

/* extend(iterable_of_ints): buffers appended directly, other iterables
 * collected into a temporary bytearray first (as CPython). */
static py_obj *bytearray_extend(py_obj *self, py_obj *iterable)
{
    if (py_object_check_buffer(iterable)) {
        if (setslice(self, py_bytearray_size(self), py_bytearray_size(self), iterable) < 0) return NULL;
        return py_new_ref(py_none);
    }
    py_obj *it = py_object_get_iter(iterable);
    if (it == NULL) {
        if (py_err_exception_matches(py_exc_TypeError)) {
            py_err_clear();
            py_err_format(py_exc_TypeError, "can't extend bytearray with %.100s", py_obj_type_name(iterable));
        }
        return NULL;
    }
    py_ssize_t buf_size = py_object_length_hint(iterable, 32);
    if (buf_size == -1) {
        rg_decref(it);
        return NULL;
    }
    py_obj *tmp = py_bytearray_from_string_and_size(NULL, buf_size);
    if (tmp == NULL) {
        rg_decref(it);
        return NULL;
    }
    py_ssize_t len = 0;
    py_obj *item;
    while ((item = py_iter_next(it)) != NULL) {
        int value = get_byte_value(item);
        rg_decref(item);
        if (value < 0) goto fail;
        py_bytearray_as_string(tmp)[len++] = (char)value;
        if (len >= buf_size) {
            py_ssize_t addition = len >> 1;
            buf_size = addition > PY_SSIZE_T_MAX - len - 1 ? PY_SSIZE_T_MAX : len + addition + 1;
            if (py_bytearray_resize(tmp, buf_size) < 0) goto fail;
        }
    }
    if (py_err_occurred()) goto fail;
    rg_decref(it);
    if (py_bytearray_resize(tmp, len) < 0 ||
        setslice(self, py_bytearray_size(self), py_bytearray_size(self), tmp) < 0) {
        rg_decref(tmp);
        return NULL;
    }
    rg_decref(tmp);
    return py_new_ref(py_none);
fail:
    rg_decref(it);
    rg_decref(tmp);
    return NULL;
}

static py_obj *bytearray_insert(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("insert", nargs, 2, 2) < 0) return NULL;
    py_ssize_t where = py_number_as_ssize_t(args[0], py_exc_OverflowError);
    if (where == -1 && py_err_occurred()) return NULL;
    int value = get_byte_value(args[1]);
    if (value < 0) return NULL;
    py_ssize_t n = py_bytearray_size(self);
    if (n == PY_SSIZE_T_MAX) {
        py_err_set_string(py_exc_OverflowError, "cannot add more objects to bytearray");
        return NULL;
    }
    if (py_bytearray_resize(self, n + 1) < 0) return NULL;
    char *buf = py_bytearray_as_string(self);
    if (where < 0) {
        where += n;
        if (where < 0) where = 0;
    }
    if (where > n) where = n;
    memmove(buf + where + 1, buf + where, (size_t)(n - where));
    buf[where] = (char)value;
    return py_new_ref(py_none);
}

static py_obj *bytearray_pop(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("pop", nargs, 0, 1) < 0) return NULL;
    py_ssize_t index = -1, n = py_bytearray_size(self);
    if (nargs == 1) {
        index = py_number_as_ssize_t(args[0], py_exc_OverflowError);
        if (index == -1 && py_err_occurred()) return NULL;
    }
    if (n == 0) {
        py_err_set_string(py_exc_IndexError, "pop from empty bytearray");
        return NULL;
    }
    if (index < 0) index += n;
    if (index < 0 || index >= n) {
        py_err_set_string(py_exc_IndexError, "pop index out of range");
        return NULL;
    }
    if (!can_resize(BA(self))) return NULL;
    char *buf = py_bytearray_as_string(self);
    int value = (unsigned char)buf[index];
    memmove(buf + index, buf + index + 1, (size_t)(n - index));
    if (py_bytearray_resize(self, n - 1) < 0) return NULL;
    return py_long_from_long(value);
}

static py_obj *bytearray_remove(py_obj *self, py_obj *arg)
{
    int value = get_byte_value(arg);
    if (value < 0) return NULL;
    py_ssize_t n = py_bytearray_size(self);
    char *buf = py_bytearray_as_string(self);
    const char *where = n > 0 ? memchr(buf, value, (size_t)n) : NULL;
    if (where == NULL) {
        py_err_set_string(py_exc_ValueError, "value not found in bytearray");
        return NULL;
    }
    if (!can_resize(BA(self))) return NULL;
    py_ssize_t at = where - buf;
    memmove(buf + at, buf + at + 1, (size_t)(n - at));
    if (py_bytearray_resize(self, n - 1) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *bytearray_clear(py_obj *self, py_obj *unused)
{
    (void)unused;
    if (py_bytearray_resize(self, 0) < 0) return NULL;
    return py_new_ref(py_none);
}

static py_obj *bytearray_copy(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_bytearray_from_string_and_size(py_bytearray_as_string(self), py_bytearray_size(self));
}

static py_obj *bytearray_reverse(py_obj *self, py_obj *unused)
{
    (void)unused;
    char *buf = py_bytearray_as_string(self);
    for (py_ssize_t i = 0, j = py_bytearray_size(self) - 1; i < j; i++, j--) {
        char t = buf[i];
        buf[i] = buf[j];
        buf[j] = t;
    }
    return py_new_ref(py_none);
}

static py_obj *bytearray_alloc_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(BA(self)->ob_alloc);
}

static py_ssize_t bytearray_sizeof_slot(py_obj *self)
{
    return (py_ssize_t)py_type_of(self)->rt.size + BA(self)->ob_alloc;
}

static py_obj *bytearray_sizeof_meth(py_obj *self, py_obj *unused)
{
    (void)unused;
    return py_long_from_ssize_t(bytearray_sizeof_slot(self));
}

/* bytearray.fromhex(string): bytes.fromhex, then the class. */
static py_obj *bytearray_fromhex(py_obj *cls, py_obj *string)
{
    py_obj *name = py_unicode_from_string("fromhex");
    if (name == NULL) return NULL;
    py_obj *args[2] = {py_bytes_info.type_obj, string};
    py_obj *bytes = py_object_vectorcall_method(name, args, 2, NULL);
    rg_decref(name);
    if (bytes == NULL) return NULL;
    py_obj *r = py_object_call_one_arg(cls, bytes);
    rg_decref(bytes);
    return r;
}

/* ====================================================================== */
/* The iterator                                                            */
/* ====================================================================== */

typedef struct {
    RG_OBJECT_HEAD;
    py_ssize_t it_index;
    py_obj *it_seq; /* NULL once exhausted */
} bytearray_iter_object;

static py_obj *bytearray_iter(py_obj *seq)
{
    bytearray_iter_object *it = (bytearray_iter_object *)rg_new(py_heap(), &py_bytearray_iter_info.rt);
    if (it == NULL) return py_err_no_memory();
    it->it_index = 0;
    it->it_seq = py_new_ref(seq);
    return (py_obj *)it;
}

static int bytearray_iter_traverse(py_obj *self, rg_visitproc visit, void *arg)
{
    RG_VISIT(((bytearray_iter_object *)self)->it_seq);
    return 0;
}

static py_obj *bytearray_iter_next(py_obj *self)
{
    bytearray_iter_object *it = (bytearray_iter_object *)self;
    py_obj *seq = it->it_seq;
    if (seq == NULL) return NULL;
    if (it->it_index < py_bytearray_size(seq))
        return py_long_from_long((unsigned char)py_bytearray_as_string(seq)[it->it_index++]);
    it->it_seq = NULL;
    rg_decref(seq);
    return NULL;
}

static py_obj *bytearray_iter_len(py_obj *self, py_obj *unused)
{
    (void)unused;
    bytearray_iter_object *it = (bytearray_iter_object *)self;
    py_ssize_t len = it->it_seq ? py_bytearray_size(it->it_seq) - it->it_index : 0;
    return py_long_from_ssize_t(len < 0 ? 0 : len);
}

static const py_method_def bytearray_iter_methods[] = {
    {"__length_hint__", {.o = bytearray_iter_len}, PY_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_bytearray_iter_info = {
    .rt = {.name = "bytearray_iterator", .size = sizeof(bytearray_iter_object), .flags = RG_TYPE_GC,
           .traverse = bytearray_iter_traverse, .refs_offset = offsetof(bytearray_iter_object, it_seq), .nrefs = 1},
    .flags = PY_TPFLAGS_HAVE_GC,
    .iter = py_object_self_iter,
    .iternext = bytearray_iter_next,
    .methods = bytearray_iter_methods,
};

/* ====================================================================== */
/* The type                                                                */
/* ====================================================================== */

static py_sequence_methods bytearray_as_sequence = {
    .sq_length = bytearray_length,
    .sq_concat = bytearray_concat,
    .sq_repeat = bytearray_repeat,
    .sq_item = bytearray_getitem,
    .sq_ass_item = bytearray_setitem,
    .sq_contains = bytearray_contains,
    .sq_inplace_concat = bytearray_iconcat,
    .sq_inplace_repeat = bytearray_irepeat,
};

static py_mapping_methods bytearray_as_mapping = {
    .mp_length = bytearray_length,
    .mp_subscript = bytearray_subscript,
    .mp_ass_subscript = bytearray_ass_subscript,
};

#define FAST(name, fn) {name, {.fast = fn}, PY_METH_FASTCALL, NULL}
#define FASTKW(name, fn) {name, {.fast_kw = fn}, PY_METH_FASTCALL | PY_METH_KEYWORDS, NULL}
#define NOARGS(name, fn) {name, {.o = fn}, PY_METH_NOARGS, NULL}

static const py_method_def bytearray_methods[] = {
    PY_BYTES_SHARED_METHODS_2,
    NOARGS("__alloc__", bytearray_alloc_meth),
    NOARGS("__sizeof__", bytearray_sizeof_meth),
    {"append", {.o = bytearray_append}, PY_METH_O, "Append a single item to the end of the bytearray."},
    NOARGS("capitalize", py__bytes_capitalize),
    NOARGS("clear", bytearray_clear),
    NOARGS("copy", bytearray_copy),
    FAST("count", py__bytes_count),
    FASTKW("decode", py__bytes_decode),
    FAST("endswith", py__bytes_endswith),
    {"extend", {.o = bytearray_extend}, PY_METH_O, "Append all the items from the iterator or sequence to the end of the bytearray."},
    FAST("find", py__bytes_find),
    {"fromhex", {.o = bytearray_fromhex}, PY_METH_O | PY_METH_CLASS,
     "Create a bytearray object from a string of hexadecimal numbers."},
    FASTKW("hex", py__bytes_hex),
    FAST("index", py__bytes_index),
    FAST("insert", bytearray_insert),
    NOARGS("isalnum", py__bytes_isalnum),
    NOARGS("isalpha", py__bytes_isalpha),
    NOARGS("isascii", py__bytes_isascii),
    NOARGS("isdigit", py__bytes_isdigit),
    NOARGS("islower", py__bytes_islower),
    NOARGS("isspace", py__bytes_isspace),
    NOARGS("isupper", py__bytes_isupper),
    {"join", {.o = py__bytes_join}, PY_METH_O, "Concatenate any number of bytes/bytearray objects."},
    NOARGS("lower", py__bytes_lower),
    FAST("lstrip", py__bytes_lstrip),
    FAST("pop", bytearray_pop),
    {"remove", {.o = bytearray_remove}, PY_METH_O, "Remove the first occurrence of a value in the bytearray."},
    FAST("replace", py__bytes_replace),
    NOARGS("reverse", bytearray_reverse),
    FAST("rfind", py__bytes_rfind),
    FAST("rindex", py__bytes_rindex),
    FASTKW("rsplit", py__bytes_rsplit),
    FAST("rstrip", py__bytes_rstrip),
    FASTKW("split", py__bytes_split),
    FAST("startswith", py__bytes_startswith),
    FAST("strip", py__bytes_strip),
    NOARGS("swapcase", py__bytes_swapcase),
    NOARGS("title", py__bytes_title),
    NOARGS("upper", py__bytes_upper),
    {NULL, {NULL}, 0, NULL},
};

py_typeinfo py_bytearray_info = {
    .rt = {.name = "bytearray", .size = sizeof(py_bytearray_object), .dealloc = bytearray_dealloc},
    .flags = PY_TPFLAGS_BASETYPE | PY_TPFLAGS_SEQUENCE,
    .doc = "bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray\n"
           "bytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\nbytearray(int) -> bytes array of size "
           "given by the parameter initialized with null bytes\nbytearray() -> empty bytes array\n\nConstruct a "
           "mutable bytearray object from:\n  - an iterable yielding integers in range(256)\n  - a text string "
           "encoded using the specified encoding\n  - a bytes or a buffer object\n  - any object implementing the "
           "buffer API.\n  - an integer",
    .repr = bytearray_repr,
    .str = bytearray_repr,
    .hash = py_object_hash_not_implemented,
    .richcompare = bytearray_richcompare,
    .iter = bytearray_iter,
    .init = bytearray_init,
    .new = bytearray_new,
    .sizeof_ = bytearray_sizeof_slot,
    .as_number = &py_bytearray_as_number,
    .as_sequence = &bytearray_as_sequence,
    .as_mapping = &bytearray_as_mapping,
    .as_buffer = &bytearray_as_buffer,
    .methods = bytearray_methods,
};
