/*
 * bytesformat.c -- `bytes % args` and `bytearray % args` (CPython 3.11's
 * _PyBytes_FormatEx, PEP 461).
 *
 * Owns: the nb_remainder of bytes and bytearray (py_bytes_as_number,
 * py_bytearray_as_number); the conversions %b %s (bytes, bytearray,
 * __bytes__, the buffer protocol), %a %r (ascii()), %c (an int in
 * range(256) or a single byte), %d %i %u %o %x %X (ints, or numbers
 * through int() / __index__), %e %E %f %F %g %G, %%, the flags - + space #
 * 0, width and precision (or *), %(key) with a mapping, and CPython's
 * messages for each failure.
 *
 * Must not: produce the digits of a number itself (strformat.c's
 * py__long_format_text, floatfmt.c's py_float_to_string do).
 */
#include <limits.h>
#include <string.h>

#include "object.h"
#include "floatfmt.h"
#include "strimpl.h"

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

/* ====================================================================== */
/* The output buffer                                                       */
/* ====================================================================== */

typedef struct out_buf {
    char *p;
    size_t len, cap;
} out_buf;

/* Room for n more bytes; 0 or -1 (MemoryError). */
static int out_reserve(out_buf *o, size_t n)
{
    if (o->len + n <= o->cap) return 0;
    size_t cap = o->cap ? o->cap : 64;
    while (cap < o->len + n) cap *= 2;
    char *p = realloc(o->p, cap);
    if (p == NULL) {
        py_err_no_memory();
        return -1;
    }
    o->p = p;
    o->cap = cap;
    return 0;
}

/* Append n bytes of s. */
static int out_write(out_buf *o, const char *s, size_t n)
{
    if (out_reserve(o, n) < 0) return -1;
    memcpy(o->p + o->len, s, n);
    o->len += n;
    return 0;
}

/* Append n copies of c. */
static int out_fill(out_buf *o, char c, size_t n)
{
    if (out_reserve(o, n) < 0) return -1;
    memset(o->p + o->len, c, n);
    o->len += n;
    return 0;
}

/* ====================================================================== */
/* Conversions                                                             */
/* ====================================================================== */

/* The next argument (borrowed), or NULL with "not enough arguments". */
static py_obj *getnextarg(py_obj *args, py_ssize_t arglen, py_ssize_t *argidx)
{
    py_ssize_t i = *argidx;
    if (i < arglen) {
        (*argidx)++;
        return arglen < 0 ? args : py_tuple_get(args, i);
    }
    py_err_set_string(py_exc_TypeError, "not enough arguments for format string");
    return NULL;
}

/* %b / %s: bytes, bytearray, __bytes__ or a buffer; a new bytes or
 * bytearray reference whose content is the text. */
static py_obj *format_obj(py_obj *v)
{
    if (py_bytes_check(v) || py_bytearray_check(v)) return py_new_ref(v);
    py_obj *func = py_object_lookup_special(v, py_id(__bytes__));
    if (func != NULL) {
        py_obj *result = py_object_call_no_args(func);
        rg_decref(func);
        if (result == NULL) return NULL;
        if (!py_bytes_check(result)) {
            py_err_format(py_exc_TypeError, "__bytes__ returned non-bytes (type %.200s)", py_obj_type_name(result));
            rg_decref(result);
            return NULL;
        }
        return result;
    }
    if (py_err_occurred()) return NULL;
    if (py_type_of(v)->as_buffer != NULL) return py_bytes_from_object(v);
    py_err_format(py_exc_TypeError,
                  "%%b requires a bytes-like object, or an object that implements __bytes__, not '%.100s'",
                  py_obj_type_name(v));
    return NULL;
}

/* The data and size of a bytes or bytearray. */
static const char *bytes_data(py_obj *b, py_ssize_t *len)
{
    if (py_bytes_check(b)) {
        *len = py_bytes_size(b);
        return py_bytes_as_string(b);
    }
    *len = py_bytearray_size(b);
    return py_bytearray_as_string(b);
}

/* %c: a single byte or an int in range(256); 0 or -1. */
static int byte_converter(py_obj *arg, char *p)
{
    py_ssize_t n;
    if ((py_bytes_check(arg) || py_bytearray_check(arg)) && (bytes_data(arg, &n), n == 1)) {
        *p = bytes_data(arg, &n)[0];
        return 0;
    }
    int overflow;
    long ival = py_long_as_long_and_overflow(arg, &overflow);
    if (ival == -1 && py_err_occurred()) {
        if (py_err_exception_matches(py_exc_TypeError)) {
            py_err_clear();
            py_err_set_string(py_exc_TypeError, "%c requires an integer in range(256) or a single byte");
        }
        return -1;
    }
    if (!(0 <= ival && ival <= 255)) {
        py_err_set_string(py_exc_OverflowError, "%c arg not in range(256)");
        return -1;
    }
    *p = (char)ival;
    return 0;
}

/* PyNumber_Check: usable as a number. */
static int number_check(py_obj *o)
{
    py_number_methods *nb = py_type_of(o)->as_number;
    return (nb != NULL && (nb->nb_index || nb->nb_int || nb->nb_float)) || py_complex_check(o);
}

/* formatlong: %d %i %u %o %x %X of v as malloc'd text ([-][0x]digits). */
static char *formatlong(py_obj *v, int flags, int prec, char type, size_t *len)
{
    int need_index = type == 'o' || type == 'x' || type == 'X';
    py_obj *iobj = NULL;
    if (py_long_check(v)) {
        iobj = py_new_ref(v);
    } else if (number_check(v)) {
        iobj = need_index ? py_number_index(v) : py_number_long(v);
        if (iobj == NULL && !py_err_exception_matches(py_exc_TypeError)) return NULL;
    }
    if (iobj == NULL) {
        py_err_clear();
        py_err_format(py_exc_TypeError, "%%%c format: %s is required, not %.200s", type,
                      need_index ? "an integer" : "a real number", py_obj_type_name(v));
        return NULL;
    }
    char *text = py__long_format_text(iobj, type == 'i' || type == 'u' ? 'd' : type, flags & F_ALT, prec, len);
    rg_decref(iobj);
    return text;
}

/* formatfloat: %e %f %g ... of v as malloc'd text. */
static char *formatfloat(py_obj *v, int flags, int prec, char type, size_t *len)
{
    double x = py_float_as_double(v);
    if (x == -1.0 && py_err_occurred()) {
        py_err_clear();
        py_err_format(py_exc_TypeError, "float argument required, not %.200s", py_obj_type_name(v));
        return NULL;
    }
    if (prec < 0) prec = 6;
    char *buf = malloc(py_float_to_string_bound(prec));
    if (buf == NULL) {
        py_err_no_memory();
        return NULL;
    }
    *len = py_float_to_string(buf, x, type, prec, flags & F_ALT ? PY_DTSF_ALT : 0);
    return buf;
}

/* ====================================================================== */
/* The format loop                                                         */
/* ====================================================================== */

/* _PyBytes_FormatEx: format (len bytes) % args as a new bytes. */
static py_obj *bytes_format(const char *format, py_ssize_t format_len, py_obj *args)
{
    const char *fmt = format;
    py_ssize_t fmtcnt = format_len, arglen, argidx;
    py_obj *dict = NULL, *key_value = NULL;
    out_buf o = {NULL, 0, 0};
    if (py_tuple_check(args)) {
        arglen = py_tuple_size(args);
        argidx = 0;
    } else {
        arglen = -1;
        argidx = -2;
    }
    py_mapping_methods *mp = py_type_of(args)->as_mapping;
    if (mp != NULL && mp->mp_subscript != NULL && !py_tuple_check(args) && !py_bytes_check(args) &&
        !py_unicode_check(args) && !py_bytearray_check(args))
        dict = args;

    while (--fmtcnt >= 0) {
        if (*fmt != '%') {
            const char *pos = memchr(fmt + 1, '%', (size_t)fmtcnt);
            py_ssize_t n = pos ? pos - fmt : fmtcnt + 1;
            if (out_write(&o, fmt, (size_t)n) < 0) goto error;
            fmt += n;
            fmtcnt -= n - 1;
            continue;
        }
        fmt++;
        if (fmtcnt > 0 && *fmt == '%') {
            if (out_write(&o, "%", 1) < 0) goto error;
            fmt++;
            fmtcnt--;
            continue;
        }
        int flags = 0, c = 0, prec = -1;
        py_ssize_t width = -1;
        py_obj *v, *temp = NULL;
        const char *pbuf = NULL;
        char *text = NULL, onechar;
        py_ssize_t len = 0;
        int sign = 0;
        char fill = ' ';
        if (fmtcnt > 0 && *fmt == '(') {
            const char *keystart;
            py_ssize_t keylen, pcount = 1;
            if (dict == NULL) {
                py_err_set_string(py_exc_TypeError, "format requires a mapping");
                goto error;
            }
            ++fmt;
            --fmtcnt;
            keystart = fmt;
            while (pcount > 0 && --fmtcnt >= 0) {
                if (*fmt == ')') --pcount;
                else if (*fmt == '(') ++pcount;
                fmt++;
            }
            keylen = fmt - keystart - 1;
            if (fmtcnt < 0 || pcount > 0) {
                py_err_set_string(py_exc_ValueError, "incomplete format key");
                goto error;
            }
            py_obj *key = py_bytes_from_string_and_size(keystart, keylen);
            if (key == NULL) goto error;
            rg_xdecref(key_value);
            key_value = py_object_get_item(dict, key);
            rg_decref(key);
            if (key_value == NULL) goto error;
            args = key_value;
            arglen = -1;
            argidx = -2;
        }
        while (--fmtcnt >= 0) {
            c = (unsigned char)*fmt++;
            if (c == '-') flags |= F_LJUST;
            else if (c == '+') flags |= F_SIGN;
            else if (c == ' ') flags |= F_BLANK;
            else if (c == '#') flags |= F_ALT;
            else if (c == '0') flags |= F_ZERO;
            else break;
        }
        if (c == '*') {
            v = getnextarg(args, arglen, &argidx);
            if (v == NULL) goto error;
            if (!py_long_check(v)) {
                py_err_set_string(py_exc_TypeError, "* wants int");
                goto error;
            }
            width = py_long_as_ssize_t(v);
            if (width == -1 && py_err_occurred()) goto error;
            if (width < 0) {
                flags |= F_LJUST;
                width = -width;
            }
            if (--fmtcnt >= 0) c = (unsigned char)*fmt++;
        } else if (c >= '0' && c <= '9') {
            width = c - '0';
            while (--fmtcnt >= 0) {
                c = (unsigned char)*fmt++;
                if (!(c >= '0' && c <= '9')) break;
                if (width > (PY_SSIZE_T_MAX - (c - '0')) / 10) {
                    py_err_set_string(py_exc_ValueError, "width too big");
                    goto error;
                }
                width = width * 10 + (c - '0');
            }
        }
        if (c == '.') {
            prec = 0;
            if (--fmtcnt >= 0) c = (unsigned char)*fmt++;
            if (c == '*') {
                v = getnextarg(args, arglen, &argidx);
                if (v == NULL) goto error;
                if (!py_long_check(v)) {
                    py_err_set_string(py_exc_TypeError, "* wants int");
                    goto error;
                }
                long p = py_long_as_long(v);
                if (p == -1 && py_err_occurred()) goto error;
                if (p > INT_MAX || p < INT_MIN) {
                    py_err_set_string(py_exc_OverflowError, "Python int too large to convert to C int");
                    goto error;
                }
                prec = p < 0 ? 0 : (int)p;
                if (--fmtcnt >= 0) c = (unsigned char)*fmt++;
            } else if (c >= '0' && c <= '9') {
                prec = c - '0';
                while (--fmtcnt >= 0) {
                    c = (unsigned char)*fmt++;
                    if (!(c >= '0' && c <= '9')) break;
                    if (prec > (INT_MAX - (c - '0')) / 10) {
                        py_err_set_string(py_exc_ValueError, "precision too big");
                        goto error;
                    }
                    prec = prec * 10 + (c - '0');
                }
            }
        }
        if (fmtcnt >= 0 && (c == 'h' || c == 'l' || c == 'L')) {
            if (--fmtcnt >= 0) c = (unsigned char)*fmt++;
        }
        if (fmtcnt < 0) {
            py_err_set_string(py_exc_ValueError, "incomplete format");
            goto error;
        }
        v = getnextarg(args, arglen, &argidx);
        if (v == NULL) goto error;
        switch (c) {
        case 'r':
        case 'a':
            temp = py_object_ascii(v);
            if (temp == NULL) goto error;
            pbuf = py_unicode_as_utf8_and_size(temp, &len);
            if (pbuf == NULL) goto error_temp;
            if (prec >= 0 && len > prec) len = prec;
            break;
        case 's':
        case 'b':
            temp = format_obj(v);
            if (temp == NULL) goto error;
            pbuf = bytes_data(temp, &len);
            if (prec >= 0 && len > prec) len = prec;
            break;
        case 'i': case 'd': case 'u': case 'o': case 'x': case 'X': {
            size_t n;
            text = formatlong(v, flags, prec, (char)c, &n);
            if (text == NULL) goto error;
            pbuf = text;
            len = (py_ssize_t)n;
            sign = 1;
            if (flags & F_ZERO) fill = '0';
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            size_t n;
            text = formatfloat(v, flags, prec, (char)c, &n);
            if (text == NULL) goto error;
            pbuf = text;
            len = (py_ssize_t)n;
            sign = 1;
            if (flags & F_ZERO) fill = '0';
            break;
        }
        case 'c':
            if (byte_converter(v, &onechar) < 0) goto error;
            pbuf = &onechar;
            len = 1;
            break;
        default:
            if (c > 127) { /* CPython's char is signed: its %c refuses the negative code */
                py_err_set_string(py_exc_OverflowError, "character argument not in range(0x110000)");
                goto error;
            }
            py_err_format(py_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zd", c, c,
                          (py_ssize_t)(fmt - 1 - format));
            goto error;
        }
        if (sign) {
            if (*pbuf == '-' || *pbuf == '+') {
                sign = *pbuf++;
                len--;
            } else if (flags & F_SIGN) {
                sign = '+';
            } else if (flags & F_BLANK) {
                sign = ' ';
            } else {
                sign = 0;
            }
        }
        if (width < len) width = len;
        int alt_prefix = (flags & F_ALT) && (c == 'o' || c == 'x' || c == 'X');
        int e = 0;
        char sign_char = (char)sign;
        if (sign) {
            if (fill != ' ') e |= out_write(&o, &sign_char, 1);
            if (width > len) width--;
        }
        if (alt_prefix) {
            if (fill != ' ') {
                e |= out_write(&o, pbuf, 2);
                pbuf += 2;
            }
            width -= 2;
            if (width < 0) width = 0;
            len -= 2;
        }
        if (width > len && !(flags & F_LJUST)) {
            e |= out_fill(&o, fill, (size_t)(width - len));
            width = len;
        }
        if (fill == ' ') {
            if (sign) e |= out_write(&o, &sign_char, 1);
            if (alt_prefix) {
                e |= out_write(&o, pbuf, 2);
                pbuf += 2;
            }
        }
        e |= out_write(&o, pbuf, (size_t)len);
        if (width > len) e |= out_fill(&o, ' ', (size_t)(width - len));
        free(text);
        rg_xdecref(temp);
        if (e) goto error;
        if (dict && argidx < arglen) {
            py_err_set_string(py_exc_TypeError, "not all arguments converted during bytes formatting");
            goto error;
        }
        continue;
    error_temp:
        rg_decref(temp);
        goto error;
    }
    if (argidx < arglen && !dict) {
        py_err_set_string(py_exc_TypeError, "not all arguments converted during bytes formatting");
        goto error;
    }
    rg_xdecref(key_value);
    py_obj *result = py_bytes_from_string_and_size(o.p, (py_ssize_t)o.len);
    free(o.p);
    return result;
error:
    rg_xdecref(key_value);
    free(o.p);
    return NULL;
}

/* ====================================================================== */
/* The slots                                                               */
/* ====================================================================== */

/* bytes % args: NotImplemented for a non-bytes left side. */
static py_obj *bytes_mod(py_obj *self, py_obj *args)
{
    if (!py_bytes_check(self)) return py_new_ref(py_notimplemented);
    return bytes_format(py_bytes_as_string(self), py_bytes_size(self), args);
}

/* bytearray % args: the bytes result copied into a bytearray. */
static py_obj *bytearray_mod(py_obj *self, py_obj *args)
{
    if (!py_bytearray_check(self)) return py_new_ref(py_notimplemented);
    py_obj *b = bytes_format(py_bytearray_as_string(self), py_bytearray_size(self), args);
    if (b == NULL) return NULL;
    py_obj *r = py_bytearray_from_string_and_size(py_bytes_as_string(b), py_bytes_size(b));
    rg_decref(b);
    return r;
}

py_number_methods py_bytes_as_number = {.nb_remainder = bytes_mod};
py_number_methods py_bytearray_as_number = {.nb_remainder = bytearray_mod};
