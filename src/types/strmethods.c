/*
 * strmethods.c -- str's methods and the formatting protocols (CPython
 * 3.11's unicodeobject.c methods, PyUnicode_Format, unicode_format.h,
 * formatter_unicode.c's string part, PyObject_Format).
 *
 * Owns: format(obj, spec) and the __format__ of object, str, int, float;
 * `str % args` (%s %r %a %c %d %i %u %o %x %X %e %E %f %F %g %G %%, flags,
 * width, precision, * and %(name)s); str.format with positional, numbered
 * and named fields, attribute/index lookups, !r/!s/!a and nested specs;
 * str[i] and str[a:b:c]; the common methods (split, rsplit, strip family,
 * startswith/endswith, find/rfind/index/rindex, count, replace, the case
 * functions, the is* predicates, partition, zfill, center/ljust/rjust,
 * splitlines, isidentifier, __mul__ ...).
 *
 * Character classes and case mappings are exact for Latin-1 (code points
 * below 256: ASCII plus the Latin-1 supplement, with ß -> "SS", ÿ -> Ÿ and
 * µ -> Μ); other code points are left unchanged and count as "other"
 * (the Unicode database is not carried).
 *
 * Must not: produce a non-canonical str (everything goes through the
 * writer or py_unicode_from_kind_and_data).
 */
#include <string.h>

#include "object.h"
#include "floatfmt.h"

/* ====================================================================== */
/* Character classes (Latin-1 exact)                                       */
/* ====================================================================== */

static int ch_isspace(py_ucs4 c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f ||
           c == 0x205f || c == 0x3000;
}
static int ch_islower(py_ucs4 c) { return (c >= 'a' && c <= 'z') || c == 0xaa || c == 0xb5 || c == 0xba || (c >= 0xdf && c <= 0xff && c != 0xf7); }
static int ch_isupper(py_ucs4 c) { return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7); }
static int ch_isalpha(py_ucs4 c) { return ch_islower(c) || ch_isupper(c); }
static int ch_isdecimal(py_ucs4 c) { return c >= '0' && c <= '9'; }
static int ch_isdigit(py_ucs4 c) { return ch_isdecimal(c) || c == 0xb2 || c == 0xb3 || c == 0xb9; }
static int ch_isnumeric(py_ucs4 c) { return ch_isdigit(c) || (c >= 0xbc && c <= 0xbe); }
static int ch_isalnum(py_ucs4 c) { return ch_isalpha(c) || ch_isnumeric(c); }

/* Write the lower/upper case of c (1 or 2 code points). */
static int write_lower(py_unicode_writer *w, py_ucs4 c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7)) c += 32;
    return py_unicode_writer_write_char(w, c);
}
static int write_upper(py_unicode_writer *w, py_ucs4 c)
{
    if (c == 0xdf) return py_unicode_writer_write_ascii(w, "SS", 2);
    if (c == 0xff) return py_unicode_writer_write_char(w, 0x178);
    if (c == 0xb5) return py_unicode_writer_write_char(w, 0x39c);
    if ((c >= 'a' && c <= 'z') || (c >= 0xe0 && c <= 0xfe && c != 0xf7)) c -= 32;
    return py_unicode_writer_write_char(w, c);
}

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

#define CH(s, i) py_unicode_read_char((s), (i))
#define LEN(s) py_unicode_get_length(s)

/* Find sub in s[start:end] from the left (dir > 0) or right; -1 if not. */
static py_ssize_t str_find(py_obj *s, py_obj *sub, py_ssize_t start, py_ssize_t end, int dir)
{
    py_ssize_t n = LEN(s), m = LEN(sub);
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (end > n) end = n;
    else if (end < 0) {
        end += n;
        if (end < 0) end = 0;
    }
    if (end - start < m) return -1;
    if (dir > 0) {
        for (py_ssize_t i = start; i + m <= end; i++) {
            py_ssize_t k = 0;
            while (k < m && CH(s, i + k) == CH(sub, k)) k++;
            if (k == m) return i;
        }
    } else {
        for (py_ssize_t i = end - m; i >= start; i--) {
            py_ssize_t k = 0;
            while (k < m && CH(s, i + k) == CH(sub, k)) k++;
            if (k == m) return i;
        }
    }
    return -1;
}

/* Non-overlapping occurrences of sub in s[start:end] (max: stop there). */
static py_ssize_t str_count(py_obj *s, py_obj *sub, py_ssize_t start, py_ssize_t end, py_ssize_t max)
{
    py_ssize_t n = LEN(s), m = LEN(sub), count = 0;
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (end > n) end = n;
    else if (end < 0) {
        end += n;
        if (end < 0) end = 0;
    }
    if (start > end) return 0;
    if (m == 0) {
        py_ssize_t c = end - start + 1;
        return max >= 0 && c > max ? max : c;
    }
    for (py_ssize_t i = start; i + m <= end && (max < 0 || count < max);) {
        py_ssize_t k = 0;
        while (k < m && CH(s, i + k) == CH(sub, k)) k++;
        if (k == m) {
            count++;
            i += m;
        } else {
            i++;
        }
    }
    return count;
}

/* Optional start/end slice arguments (None allowed). */
static int parse_start_end(py_obj *const *args, py_ssize_t nargs, py_ssize_t first, py_ssize_t *start, py_ssize_t *end)
{
    *start = 0;
    *end = PY_SSIZE_T_MAX;
    if (nargs > first && args[first] != py_none) {
        *start = py_number_as_ssize_t(args[first], NULL);
        if (*start == -1 && py_err_occurred()) return -1;
    }
    if (nargs > first + 1 && args[first + 1] != py_none) {
        *end = py_number_as_ssize_t(args[first + 1], NULL);
        if (*end == -1 && py_err_occurred()) return -1;
    }
    return 0;
}

static int require_str(py_obj *o, const char *what)
{
    if (py_unicode_check(o)) return 0;
    py_err_format(py_exc_TypeError, "%s arg must be None or str", what);
    return -1;
}

/* ====================================================================== */
/* Subscripts                                                              */
/* ====================================================================== */

py_obj *py_unicode_subscript(py_obj *self, py_obj *item)
{
    if (py_index_check(item)) {
        py_ssize_t i = py_number_as_ssize_t(item, py_exc_IndexError);
        if (i == -1 && py_err_occurred()) return NULL;
        if (i < 0) i += LEN(self);
        if (i < 0 || i >= LEN(self)) {
            py_err_set_string(py_exc_IndexError, "string index out of range");
            return NULL;
        }
        return py_unicode_from_ordinal(CH(self, i));
    }
    if (py_slice_check(item)) {
        py_ssize_t start, stop, step;
        if (py_slice_unpack(item, &start, &stop, &step) < 0) return NULL;
        py_ssize_t slicelength = py_slice_adjust_indices(LEN(self), &start, &stop, step);
        if (slicelength <= 0) return py_new_ref(py_empty_str);
        if (step == 1) return py_unicode_substring(self, start, stop);
        py_unicode_writer w;
        py_unicode_writer_init(&w);
        for (py_ssize_t cur = start, i = 0; i < slicelength; cur += step, i++)
            if (py_unicode_writer_write_char(&w, CH(self, cur)) < 0) {
                py_unicode_writer_dealloc(&w);
                return NULL;
            }
        return py_unicode_writer_finish(&w);
    }
    return py_err_format(py_exc_TypeError, "string indices must be integers, not '%.200s'", py_obj_type_name(item));
}

/* ====================================================================== */
/* The format protocol                                                     */
/* ====================================================================== */

py_obj *py_object_format(py_obj *obj, py_obj *format_spec)
{
    if (format_spec != NULL && !py_unicode_check(format_spec))
        return py_err_format(py_exc_SystemError, "Format specifier must be a string, not %.200s",
                             py_obj_type_name(format_spec));
    if (format_spec == NULL || LEN(format_spec) == 0) {
        if (py_unicode_check_exact(obj)) return py_new_ref(obj);
        if (py_long_check_exact(obj)) return py_object_str(obj);
    }
    if (format_spec == NULL) format_spec = py_empty_str;
    py_obj *meth = py_object_lookup_special(obj, py_id(__format__));
    if (meth == NULL) {
        if (!py_err_occurred())
            py_err_format(py_exc_TypeError, "Type %.100s doesn't define __format__", py_obj_type_name(obj));
        return NULL;
    }
    py_obj *result = py_object_call_one_arg(meth, format_spec);
    rg_decref(meth);
    if (result && !py_unicode_check(result)) {
        py_err_format(py_exc_TypeError, "__format__ must return a str, not %.200s", py_obj_type_name(result));
        RG_CLEAR(result);
    }
    return result;
}

/* Pad s (consumed) to width with fill by align ('<', '>', '^'). */
static py_obj *pad(py_obj *s, py_ssize_t width, py_ucs4 fill, char align)
{
    py_ssize_t n = LEN(s);
    if (width <= n || s == NULL) return s;
    py_ssize_t total = width - n, left = align == '>' ? total : align == '^' ? total / 2 : 0;
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    int e = 0;
    for (py_ssize_t i = 0; i < left && !e; i++) e = py_unicode_writer_write_char(&w, fill) < 0;
    if (!e) e = py_unicode_writer_write_str(&w, s) < 0;
    for (py_ssize_t i = left; i < total && !e; i++) e = py_unicode_writer_write_char(&w, fill) < 0;
    rg_decref(s);
    if (e) {
        py_unicode_writer_dealloc(&w);
        return NULL;
    }
    return py_unicode_writer_finish(&w);
}

/* The start of the __format__ methods: the spec as UTF-8 (*len bytes), or
 * NULL with *done their result: str(self) for an empty spec, else NULL
 * with the error set (TypeError when spec is no str). */
static const char *format_spec_utf8(py_obj *self, py_obj *spec, py_ssize_t *len, py_obj **done)
{
    *done = NULL;
    if (!py_unicode_check(spec))
        py_err_format(py_exc_TypeError, "format() argument must be str, not %.200s", py_obj_type_name(spec));
    else if (LEN(spec) == 0) *done = py_object_str(self);
    else return py_unicode_as_utf8_and_size(spec, len);
    return NULL;
}

/* str.__format__(spec) */
static py_obj *str_format_meth(py_obj *self, py_obj *spec)
{
    py_obj *done;
    py_ssize_t len;
    const char *u = format_spec_utf8(self, spec, &len, &done);
    if (u == NULL) return done;
    py_format_spec f;
    char err[PY_FORMAT_ERR_MAX];
    if (py_format_spec_parse(u, (size_t)len, 's', '<', "str", &f, err) < 0) {
        py_err_set_string(py_exc_ValueError, err);
        return NULL;
    }
    if (f.type != 's')
        return py_err_format(py_exc_ValueError, "Unknown format code '%c' for object of type 'str'", (int)f.type);
    if (f.sign) return py_err_format(py_exc_ValueError, "Sign not allowed in string format specifier");
    if (f.alternate) return py_err_format(py_exc_ValueError, "Alternate form (#) not allowed in string format specifier");
    if (f.align == '=') return py_err_format(py_exc_ValueError, "'=' alignment not allowed in string format specifier");
    py_obj *s = f.precision >= 0 && f.precision < LEN(self) ? py_unicode_substring(self, 0, f.precision)
                                                            : py_object_str(self);
    return pad(s, f.width, f.fill, f.align);
}

/* int.__format__(spec) through the kernels. */
py_obj *py_long_format_meth(py_obj *self, py_obj *spec)
{
    py_obj *done;
    py_ssize_t len;
    const char *u = format_spec_utf8(self, spec, &len, &done);
    if (u == NULL) return done;
    char err[PY_FORMAT_ERR_MAX];
    size_t outlen;
    py_num_status st;
    py_long_object *v = (py_long_object *)self;
    char *out = py_bigint_format(py_bigint_view(v->ob_digit, v->ob_var.size), u, (size_t)len, PY_BIGINT_MAX_STR_DIGITS,
                                 &outlen, &st, err);
    if (out == NULL) {
        if (st == PY_NUM_INVALID) py_err_set_string(py_exc_ValueError, err);
        else if (st == PY_NUM_OVERFLOW) py_err_set_string(py_exc_OverflowError, err);
        else if (st == PY_NUM_TOO_MANY_DIGITS)
            py_err_format(py_exc_ValueError, "Exceeds the limit (%d digits) for integer string conversion; use "
                                             "sys.set_int_max_str_digits() to increase the limit",
                          PY_BIGINT_MAX_STR_DIGITS);
        else py_err_no_memory();
        return NULL;
    }
    py_obj *r = py_unicode_from_string_and_size(out, (py_ssize_t)outlen);
    free(out);
    return r;
}

/* float.__format__(spec) through the kernels. */
py_obj *py_float_format_meth(py_obj *self, py_obj *spec)
{
    py_obj *done;
    py_ssize_t len;
    const char *u = format_spec_utf8(self, spec, &len, &done);
    if (u == NULL) return done;
    char err[PY_FORMAT_ERR_MAX];
    size_t outlen;
    char *out = py_float_format(py_float_as_double_exact(self), u, (size_t)len, &outlen, err);
    if (out == NULL) {
        if (err[0]) py_err_set_string(py_exc_ValueError, err);
        else py_err_no_memory();
        return NULL;
    }
    py_obj *r = py_unicode_from_string_and_size(out, (py_ssize_t)outlen);
    free(out);
    return r;
}

/* ====================================================================== */
/* str % args                                                              */
/* ====================================================================== */

/* Append an int in base 10/8/16 with %-style flags. */
static int format_int(py_unicode_writer *w, py_obj *v, char type, int flags_plus, int flags_space, int alt,
                      int zero, int left, py_ssize_t width, py_ssize_t prec)
{
    py_obj *iv = py_long_check(v) ? py_new_ref(v) : NULL;
    if (iv == NULL) {
        if (!py_index_check(v) && py_float_check(v) && (type == 'd' || type == 'i' || type == 'u'))
            iv = py_number_long(v);
        else if (py_index_check(v))
            iv = py_number_index(v);
        if (iv == NULL) {
            if (!py_err_occurred()) {
                if (type == 'd' || type == 'i' || type == 'u')
                    py_err_format(py_exc_TypeError, "%%%c format: a real number is required, not %.200s", type,
                                  py_obj_type_name(v));
                else
                    py_err_format(py_exc_TypeError, "%%%c format: an integer is required, not %.200s", type,
                                  py_obj_type_name(v));
            }
            return -1;
        }
    }
    py_long_object *lv = (py_long_object *)iv;
    py_bigint bv = py_bigint_view(lv->ob_digit, lv->ob_var.size);
    int neg = lv->ob_var.size < 0;
    char small[128], *digits = small;
    size_t nd;
    if (type == 'x' || type == 'X' || type == 'o') {
        int base = type == 'o' ? 8 : 16;
        size_t bound = py_bigint_to_base_string_bound(py_bigint_abs(bv), base);
        if (bound > sizeof small) digits = malloc(bound);
        nd = py_bigint_to_base_string(digits, py_bigint_abs(bv), base, type == 'X' ? PY_BIGINT_UPPER : 0);
    } else {
        size_t bound = py_bigint_to_decimal_bound(py_bigint_abs(bv));
        if (bound > sizeof small) digits = malloc(bound);
        py_bigint_to_decimal(digits, &nd, py_bigint_abs(bv), 0);
    }
    rg_decref(iv);
    char prefix[4];
    int np = 0;
    if (neg) prefix[np++] = '-';
    else if (flags_plus) prefix[np++] = '+';
    else if (flags_space) prefix[np++] = ' ';
    if (alt && type != 'd' && type != 'i' && type != 'u') {
        prefix[np++] = '0';
        prefix[np++] = (char)(type == 'o' ? 'o' : type);
    }
    py_ssize_t ndig = (py_ssize_t)nd, zeros = prec > ndig ? prec - ndig : 0;
    py_ssize_t total = np + zeros + ndig, padn = width > total ? width - total : 0;
    int e = 0;
    if (!left && !zero)
        for (py_ssize_t i = 0; i < padn && !e; i++) e = py_unicode_writer_write_char(w, ' ') < 0;
    if (!e) e = py_unicode_writer_write_ascii(w, prefix, np) < 0;
    if (!left && zero)
        for (py_ssize_t i = 0; i < padn && !e; i++) e = py_unicode_writer_write_char(w, '0') < 0;
    for (py_ssize_t i = 0; i < zeros && !e; i++) e = py_unicode_writer_write_char(w, '0') < 0;
    if (!e) e = py_unicode_writer_write_ascii(w, digits, ndig) < 0;
    if (left)
        for (py_ssize_t i = 0; i < padn && !e; i++) e = py_unicode_writer_write_char(w, ' ') < 0;
    if (digits != small) free(digits);
    return e ? -1 : 0;
}

/* Append s (a str) padded to width. */
static int write_padded(py_unicode_writer *w, py_obj *s, py_ssize_t width, int left, py_ssize_t prec)
{
    py_ssize_t n = LEN(s);
    if (prec >= 0 && n > prec) n = prec;
    int e = 0;
    if (!left)
        for (py_ssize_t i = n; i < width && !e; i++) e = py_unicode_writer_write_char(w, ' ') < 0;
    for (py_ssize_t i = 0; i < n && !e; i++) e = py_unicode_writer_write_char(w, CH(s, i)) < 0;
    if (left)
        for (py_ssize_t i = n; i < width && !e; i++) e = py_unicode_writer_write_char(w, ' ') < 0;
    return e ? -1 : 0;
}

py_obj *py_unicode_format(py_obj *format, py_obj *args)
{
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    py_ssize_t fmtcnt = LEN(format), fmtpos = 0, argidx = 0, arglen;
    py_obj *dict = NULL;
    if (py_tuple_check(args)) {
        arglen = py_tuple_size(args);
    } else {
        arglen = -1;
        argidx = -2;
    }
    if (py_mapping_check(args) && !py_tuple_check(args) && !py_unicode_check(args)) dict = args;
#define NEXTARG()                                                                                 \
    (argidx < arglen ? (arglen < 0 ? (argidx = -1, args) : py_tuple_get(args, argidx++))          \
                     : (py_err_set_string(py_exc_TypeError, "not enough arguments for format string"), (py_obj *)NULL))
    while (fmtpos < fmtcnt) {
        py_ucs4 c = CH(format, fmtpos++);
        if (c != '%') {
            if (py_unicode_writer_write_char(&w, c) < 0) goto error;
            continue;
        }
        if (fmtpos >= fmtcnt) {
            py_err_set_string(py_exc_ValueError, "incomplete format");
            goto error;
        }
        py_obj *v = NULL, *key_v = NULL;
        if (CH(format, fmtpos) == '(') {
            if (dict == NULL) {
                py_err_set_string(py_exc_TypeError, "format requires a mapping");
                goto error;
            }
            py_ssize_t keystart = ++fmtpos, pcount = 1;
            while (pcount > 0 && fmtpos < fmtcnt) {
                py_ucs4 k = CH(format, fmtpos++);
                if (k == ')') pcount--;
                else if (k == '(') pcount++;
            }
            if (pcount > 0) {
                py_err_set_string(py_exc_ValueError, "incomplete format key");
                goto error;
            }
            py_obj *key = py_unicode_substring(format, keystart, fmtpos - 1);
            if (key == NULL) goto error;
            key_v = py_object_get_item(dict, key);
            rg_decref(key);
            if (key_v == NULL) goto error;
            arglen = -1;
            argidx = -2;
        }
        int left = 0, plus = 0, space = 0, alt = 0, zero = 0;
        for (; fmtpos < fmtcnt; fmtpos++) {
            py_ucs4 f = CH(format, fmtpos);
            if (f == '-') left = 1;
            else if (f == '+') plus = 1;
            else if (f == ' ') space = 1;
            else if (f == '#') alt = 1;
            else if (f == '0') zero = 1;
            else break;
        }
        py_ssize_t width = -1, prec = -1;
        if (fmtpos < fmtcnt && CH(format, fmtpos) == '*') {
            fmtpos++;
            py_obj *wv = key_v ? NULL : NEXTARG();
            if (wv == NULL) goto error_v;
            if (!py_long_check(wv)) {
                py_err_set_string(py_exc_TypeError, "* wants int");
                goto error_v;
            }
            width = py_long_as_ssize_t(wv);
            if (width < 0) {
                left = 1;
                width = -width;
            }
        } else {
            while (fmtpos < fmtcnt && ch_isdecimal(CH(format, fmtpos)))
                width = (width < 0 ? 0 : width) * 10 + (py_ssize_t)(CH(format, fmtpos++) - '0');
        }
        if (fmtpos < fmtcnt && CH(format, fmtpos) == '.') {
            fmtpos++;
            prec = 0;
            if (fmtpos < fmtcnt && CH(format, fmtpos) == '*') {
                fmtpos++;
                py_obj *pv = key_v ? NULL : NEXTARG();
                if (pv == NULL) goto error_v;
                if (!py_long_check(pv)) {
                    py_err_set_string(py_exc_TypeError, "* wants int");
                    goto error_v;
                }
                prec = py_long_as_ssize_t(pv);
                if (prec < 0) prec = 0;
            } else {
                while (fmtpos < fmtcnt && ch_isdecimal(CH(format, fmtpos)))
                    prec = prec * 10 + (py_ssize_t)(CH(format, fmtpos++) - '0');
            }
        }
        /* Length modifiers are accepted and ignored. */
        while (fmtpos < fmtcnt && (CH(format, fmtpos) == 'h' || CH(format, fmtpos) == 'l' || CH(format, fmtpos) == 'L'))
            fmtpos++;
        if (fmtpos >= fmtcnt) {
            py_err_set_string(py_exc_ValueError, "incomplete format");
            goto error_v;
        }
        c = CH(format, fmtpos++);
        if (c == '%') {
            if (py_unicode_writer_write_char(&w, '%') < 0) goto error_v;
            rg_xdecref(key_v);
            continue;
        }
        v = key_v ? key_v : NEXTARG();
        if (v == NULL) goto error;
        int e = 0;
        switch (c) {
        case 's':
        case 'r':
        case 'a': {
            py_obj *s = c == 's' ? py_object_str(v) : c == 'r' ? py_object_repr(v) : py_object_ascii(v);
            if (s == NULL) goto error_v;
            e = write_padded(&w, s, width, left, prec);
            rg_decref(s);
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X':
            e = format_int(&w, v, (char)c, plus, space, alt, zero, left, width, prec);
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': {
            double x = py_float_as_double(v);
            if (x == -1.0 && py_err_occurred()) {
                if (py_err_exception_matches(py_exc_TypeError))
                    py_err_format(py_exc_TypeError, "must be real number, not %.200s", py_obj_type_name(v));
                goto error_v;
            }
            if (prec < 0) prec = 6;
            char *buf = malloc(py_float_to_string_bound((int)prec));
            if (buf == NULL) {
                py_err_no_memory();
                goto error_v;
            }
            size_t n = py_float_to_string(buf, x, (char)c, (int)prec, (plus ? PY_DTSF_SIGN : 0) | (alt ? PY_DTSF_ALT : 0));
            char *body = buf;
            char sign[2] = {0, 0};
            if (*body == '-' || *body == '+') sign[0] = *body++, n--;
            else if (space) sign[0] = ' ';
            py_ssize_t total = (py_ssize_t)n + (sign[0] != 0), padn = width > total ? width - total : 0;
            if (!left && !zero)
                for (py_ssize_t i = 0; i < padn && !e; i++) e = py_unicode_writer_write_char(&w, ' ') < 0;
            if (!e && sign[0]) e = py_unicode_writer_write_char(&w, (py_ucs4)sign[0]) < 0;
            if (!left && zero)
                for (py_ssize_t i = 0; i < padn && !e; i++) e = py_unicode_writer_write_char(&w, '0') < 0;
            if (!e) e = py_unicode_writer_write_ascii(&w, body, (py_ssize_t)n) < 0;
            if (left)
                for (py_ssize_t i = 0; i < padn && !e; i++) e = py_unicode_writer_write_char(&w, ' ') < 0;
            free(buf);
            break;
        }
        case 'c': {
            py_ucs4 ch;
            if (py_unicode_check(v) && LEN(v) == 1) {
                ch = CH(v, 0);
            } else if (py_long_check(v)) {
                long x = py_long_as_long(v);
                if ((x == -1 && py_err_occurred()) || x < 0 || x > 0x10ffff) {
                    py_err_clear();
                    py_err_set_string(py_exc_OverflowError, "%c arg not in range(0x110000)");
                    goto error_v;
                }
                ch = (py_ucs4)x;
            } else {
                py_err_format(py_exc_TypeError, "%%c requires int or char");
                goto error_v;
            }
            py_obj *s = py_unicode_from_ordinal(ch);
            if (s == NULL) goto error_v;
            e = write_padded(&w, s, width, left, -1);
            rg_decref(s);
            break;
        }
        default:
            py_err_format(py_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zd", (int)c,
                          (unsigned)c, fmtpos - 1);
            goto error_v;
        }
        rg_xdecref(key_v);
        if (e) goto error;
        continue;
    error_v:
        rg_xdecref(key_v);
        goto error;
    }
    if (argidx < arglen && !dict) {
        py_err_set_string(py_exc_TypeError, "not all arguments converted during string formatting");
        goto error;
    }
    return py_unicode_writer_finish(&w);
error:
    py_unicode_writer_dealloc(&w);
    return NULL;
#undef NEXTARG
}

/* str % args (nb_remainder): NotImplemented for a non-str left side. */
static py_obj *str_mod(py_obj *v, py_obj *w)
{
    if (!py_unicode_check(v)) return py_new_ref(py_notimplemented);
    return py_unicode_format(v, w);
}

py_number_methods py_str_as_number = {.nb_remainder = str_mod};

/* ====================================================================== */
/* str.format                                                              */
/* ====================================================================== */

/* Render one replacement field "name!conv:spec" into w. */
static int render_field(py_unicode_writer *w, py_obj *field, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames,
                        py_ssize_t *auto_idx, int depth);

/* Expand fmt[start:end] (with nested fields) into w. */
static int format_expand(py_unicode_writer *w, py_obj *fmt, py_ssize_t start, py_ssize_t end, py_obj *const *args,
                         py_ssize_t nargs, py_obj *kwnames, py_ssize_t *auto_idx, int depth)
{
    if (depth > 2) {
        py_err_set_string(py_exc_ValueError, "Max string recursion exceeded");
        return -1;
    }
    py_ssize_t i = start;
    while (i < end) {
        py_ucs4 c = CH(fmt, i);
        if (c == '}') {
            if (i + 1 < end && CH(fmt, i + 1) == '}') {
                if (py_unicode_writer_write_char(w, '}') < 0) return -1;
                i += 2;
                continue;
            }
            py_err_set_string(py_exc_ValueError, "Single '}' encountered in format string");
            return -1;
        }
        if (c != '{') {
            if (py_unicode_writer_write_char(w, c) < 0) return -1;
            i++;
            continue;
        }
        if (i + 1 < end && CH(fmt, i + 1) == '{') {
            if (py_unicode_writer_write_char(w, '{') < 0) return -1;
            i += 2;
            continue;
        }
        py_ssize_t j = i + 1, level = 1;
        while (j < end && level > 0) {
            if (CH(fmt, j) == '{') level++;
            else if (CH(fmt, j) == '}') level--;
            j++;
        }
        if (level > 0) {
            py_err_set_string(py_exc_ValueError, "expected '}' before end of string");
            return -1;
        }
        py_obj *field = py_unicode_substring(fmt, i + 1, j - 1);
        if (field == NULL) return -1;
        int r = render_field(w, field, args, nargs, kwnames, auto_idx, depth);
        rg_decref(field);
        if (r < 0) return -1;
        i = j;
    }
    return 0;
}

static int render_field(py_unicode_writer *w, py_obj *field, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames,
                        py_ssize_t *auto_idx, int depth)
{
    py_ssize_t n = LEN(field), i = 0;
    /* The field name runs to '!' or ':' (outside brackets). */
    while (i < n && CH(field, i) != '!' && CH(field, i) != ':') {
        if (CH(field, i) == '[')
            while (i < n && CH(field, i) != ']') i++;
        if (i < n) i++;
    }
    py_ssize_t name_end = i, first_end = 0;
    while (first_end < name_end && CH(field, first_end) != '.' && CH(field, first_end) != '[') first_end++;
    py_obj *obj = NULL;
    if (first_end == 0) {
        if (*auto_idx < 0) {
            py_err_set_string(py_exc_ValueError,
                              "cannot switch from manual field specification to automatic field numbering");
            return -1;
        }
        if (*auto_idx >= nargs) {
            py_err_format(py_exc_IndexError, "Replacement index %zd out of range for positional args tuple", *auto_idx);
            return -1;
        }
        obj = py_new_ref(args[(*auto_idx)++]);
    } else if (ch_isdecimal(CH(field, 0))) {
        py_ssize_t idx = 0;
        for (py_ssize_t k = 0; k < first_end; k++) idx = idx * 10 + (py_ssize_t)(CH(field, k) - '0');
        if (*auto_idx > 0) {
            py_err_set_string(py_exc_ValueError,
                              "cannot switch from automatic field numbering to manual field specification");
            return -1;
        }
        *auto_idx = -1;
        if (idx >= nargs) {
            py_err_format(py_exc_IndexError, "Replacement index %zd out of range for positional args tuple", idx);
            return -1;
        }
        obj = py_new_ref(args[idx]);
    } else {
        py_obj *key = py_unicode_substring(field, 0, first_end);
        if (key == NULL) return -1;
        for (py_ssize_t k = 0; kwnames && k < py_tuple_size(kwnames); k++)
            if (py_unicode_eq(py_tuple_get(kwnames, k), key)) obj = py_new_ref(args[nargs + k]);
        if (obj == NULL) py_err_set_key_error(key);
        rg_decref(key);
        if (obj == NULL) return -1;
    }
    /* .attr and [index] parts. */
    for (py_ssize_t k = first_end; k < name_end;) {
        py_ucs4 c = CH(field, k);
        py_ssize_t s = ++k;
        if (c == '.') {
            while (k < name_end && CH(field, k) != '.' && CH(field, k) != '[') k++;
            py_obj *attr = py_unicode_substring(field, s, k);
            py_obj *next = attr ? py_object_get_attr(obj, attr) : NULL;
            rg_xdecref(attr);
            PY_SETREF(obj, next);
        } else {
            while (k < name_end && CH(field, k) != ']') k++;
            py_obj *key = py_unicode_substring(field, s, k);
            py_ssize_t idx = 0, isnum = key != NULL && LEN(key) > 0;
            for (py_ssize_t q = 0; key && q < LEN(key); q++) {
                if (!ch_isdecimal(CH(key, q))) isnum = 0;
                else idx = idx * 10 + (py_ssize_t)(CH(key, q) - '0');
            }
            py_obj *kobj = key ? (isnum ? py_long_from_ssize_t(idx) : py_new_ref(key)) : NULL;
            py_obj *next = kobj ? py_object_get_item(obj, kobj) : NULL;
            rg_xdecref(kobj);
            rg_xdecref(key);
            PY_SETREF(obj, next);
            k++;
        }
        if (obj == NULL) return -1;
    }
    /* !conversion */
    py_ssize_t pos = name_end;
    if (pos < n && CH(field, pos) == '!') {
        if (pos + 1 >= n) {
            py_err_set_string(py_exc_ValueError, "end of string while looking for conversion specifier");
            rg_decref(obj);
            return -1;
        }
        py_ucs4 conv = CH(field, pos + 1);
        py_obj *conv_obj = conv == 'r' ? py_object_repr(obj) : conv == 's' ? py_object_str(obj)
                           : conv == 'a' ? py_object_ascii(obj) : NULL;
        if (conv_obj == NULL && !py_err_occurred())
            py_err_format(py_exc_ValueError, "Unknown conversion specifier %c", (int)conv);
        PY_SETREF(obj, conv_obj);
        if (obj == NULL) return -1;
        pos += 2;
        if (pos < n && CH(field, pos) != ':') {
            py_err_set_string(py_exc_ValueError, "expected ':' after conversion specifier");
            rg_decref(obj);
            return -1;
        }
    }
    /* :spec, itself expanded (nested fields). */
    py_obj *spec = NULL;
    if (pos < n && CH(field, pos) == ':') {
        py_unicode_writer sw;
        py_unicode_writer_init(&sw);
        if (format_expand(&sw, field, pos + 1, n, args, nargs, kwnames, auto_idx, depth + 1) < 0) {
            py_unicode_writer_dealloc(&sw);
            rg_decref(obj);
            return -1;
        }
        spec = py_unicode_writer_finish(&sw);
        if (spec == NULL) {
            rg_decref(obj);
            return -1;
        }
    }
    py_obj *s = py_object_format(obj, spec);
    rg_decref(obj);
    rg_xdecref(spec);
    if (s == NULL) return -1;
    int r = py_unicode_writer_write_str(w, s);
    rg_decref(s);
    return r;
}

/* str.format(*args, **kwargs) */
static py_obj *str_format(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    py_ssize_t auto_idx = 0;
    if (format_expand(&w, self, 0, LEN(self), args, nargs, kwnames, &auto_idx, 0) < 0) {
        py_unicode_writer_dealloc(&w);
        return NULL;
    }
    return py_unicode_writer_finish(&w);
}

/* ====================================================================== */
/* Methods                                                                 */
/* ====================================================================== */

/* A new str of s[start:end) mapped through a per-char writer. */
typedef int (*char_writer)(py_unicode_writer *, py_ucs4);

static py_obj *map_chars(py_obj *s, char_writer f)
{
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    for (py_ssize_t i = 0; i < LEN(s); i++)
        if (f(&w, CH(s, i)) < 0) {
            py_unicode_writer_dealloc(&w);
            return NULL;
        }
    return py_unicode_writer_finish(&w);
}

static py_obj *str_lower(py_obj *self, py_obj *u)
{
    (void)u;
    return map_chars(self, write_lower);
}
static py_obj *str_upper(py_obj *self, py_obj *u)
{
    (void)u;
    return map_chars(self, write_upper);
}

static int write_swapcase(py_unicode_writer *w, py_ucs4 c)
{
    if (ch_isupper(c)) return write_lower(w, c);
    if (ch_islower(c)) return write_upper(w, c);
    return py_unicode_writer_write_char(w, c);
}
static py_obj *str_swapcase(py_obj *self, py_obj *u)
{
    (void)u;
    return map_chars(self, write_swapcase);
}

/* capitalize (first upper, rest lower) / title (each word). */
static py_obj *case_words(py_obj *self, int title)
{
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    int prev_cased = 0;
    for (py_ssize_t i = 0; i < LEN(self); i++) {
        py_ucs4 c = CH(self, i);
        int up = title ? !prev_cased : i == 0;
        if ((up ? write_upper(&w, c) : write_lower(&w, c)) < 0) {
            py_unicode_writer_dealloc(&w);
            return NULL;
        }
        prev_cased = ch_isalpha(c);
    }
    return py_unicode_writer_finish(&w);
}
static py_obj *str_capitalize(py_obj *self, py_obj *u)
{
    (void)u;
    return case_words(self, 0);
}
static py_obj *str_title(py_obj *self, py_obj *u)
{
    (void)u;
    return case_words(self, 1);
}

/* The is* predicates: all characters satisfy p (and there is one). */
#define PREDICATE(NAME, TEST)                                                                     \
    static py_obj *str_##NAME(py_obj *self, py_obj *u)                                            \
    {                                                                                             \
        (void)u;                                                                                  \
        py_ssize_t n = LEN(self);                                                                 \
        if (n == 0) return py_new_ref(py_false);                                                  \
        for (py_ssize_t i = 0; i < n; i++)                                                        \
            if (!TEST(CH(self, i))) return py_new_ref(py_false);                                  \
        return py_new_ref(py_true);                                                               \
    }
PREDICATE(isspace, ch_isspace)
PREDICATE(isalpha, ch_isalpha)
PREDICATE(isalnum, ch_isalnum)
PREDICATE(isdecimal, ch_isdecimal)
PREDICATE(isdigit, ch_isdigit)
PREDICATE(isnumeric, ch_isnumeric)

static py_obj *str_isascii(py_obj *self, py_obj *u)
{
    (void)u;
    return py_bool_from_long(py_unicode_is_ascii(self));
}

/* islower/isupper: a cased character and none of the other case. */
static py_obj *cased_pred(py_obj *self, int upper)
{
    int cased = 0;
    for (py_ssize_t i = 0; i < LEN(self); i++) {
        py_ucs4 c = CH(self, i);
        if (upper ? ch_islower(c) : ch_isupper(c)) return py_new_ref(py_false);
        if (upper ? ch_isupper(c) : ch_islower(c)) cased = 1;
    }
    return py_bool_from_long(cased);
}
static py_obj *str_islower(py_obj *self, py_obj *u)
{
    (void)u;
    return cased_pred(self, 0);
}
static py_obj *str_isupper(py_obj *self, py_obj *u)
{
    (void)u;
    return cased_pred(self, 1);
}

static py_obj *str_isidentifier(py_obj *self, py_obj *u)
{
    (void)u;
    py_ssize_t n = LEN(self);
    if (n == 0) return py_new_ref(py_false);
    py_ucs4 c = CH(self, 0);
    if (!(ch_isalpha(c) || c == '_' || c > 0xff)) return py_new_ref(py_false);
    for (py_ssize_t i = 1; i < n; i++) {
        c = CH(self, i);
        if (!(ch_isalnum(c) || c == '_' || c > 0xff)) return py_new_ref(py_false);
    }
    return py_new_ref(py_true);
}

/* strip family: which 1 = left, 2 = right, 3 = both. */
static py_obj *do_strip(py_obj *self, py_obj *const *args, py_ssize_t nargs, int which, const char *name)
{
    if (py_arg_check_positional(name, nargs, 0, 1) < 0) return NULL;
    py_obj *chars = nargs ? args[0] : py_none;
    if (chars != py_none && require_str(chars, "strip") < 0) return NULL;
    py_ssize_t i = 0, j = LEN(self);
#define STRIPPED(c) (chars == py_none ? ch_isspace(c) : py_unicode_find_char(chars, (c), 0, LEN(chars), 1) >= 0)
    if (which & 1)
        while (i < j && STRIPPED(CH(self, i))) i++;
    if (which & 2)
        while (j > i && STRIPPED(CH(self, j - 1))) j--;
#undef STRIPPED
    return py_unicode_substring(self, i, j);
}
static py_obj *str_strip(py_obj *s, py_obj *const *a, py_ssize_t n) { return do_strip(s, a, n, 3, "strip"); }
static py_obj *str_lstrip(py_obj *s, py_obj *const *a, py_ssize_t n) { return do_strip(s, a, n, 1, "lstrip"); }
static py_obj *str_rstrip(py_obj *s, py_obj *const *a, py_ssize_t n) { return do_strip(s, a, n, 2, "rstrip"); }

/* split / rsplit(sep=None, maxsplit=-1) */
static py_obj *do_split(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames, int right)
{
    py_obj *sep = py_none;
    py_ssize_t maxsplit = -1;
    if (nargs > 2) return py_err_format(py_exc_TypeError, "%s() takes at most 2 arguments (%zd given)", right ? "rsplit" : "split", nargs);
    if (nargs > 0) sep = args[0];
    if (nargs > 1) {
        maxsplit = py_number_as_ssize_t(args[1], py_exc_OverflowError);
        if (maxsplit == -1 && py_err_occurred()) return NULL;
    }
    for (py_ssize_t k = 0; kwnames && k < py_tuple_size(kwnames); k++) {
        py_obj *kn = py_tuple_get(kwnames, k), *kv = args[nargs + k];
        if (py_unicode_equal_to_ascii_string(kn, "sep")) sep = kv;
        else if (py_unicode_equal_to_ascii_string(kn, "maxsplit")) {
            maxsplit = py_number_as_ssize_t(kv, py_exc_OverflowError);
            if (maxsplit == -1 && py_err_occurred()) return NULL;
        } else {
            return py_err_format(py_exc_TypeError, "%s() got an unexpected keyword argument '%U'", right ? "rsplit" : "split", kn);
        }
    }
    if (sep != py_none && !py_unicode_check(sep))
        return py_err_format(py_exc_TypeError, "must be str or None, not %.100s", py_obj_type_name(sep));
    if (sep != py_none && LEN(sep) == 0) {
        py_err_set_string(py_exc_ValueError, "empty separator");
        return NULL;
    }
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    py_ssize_t n = LEN(self);
    if (maxsplit < 0) maxsplit = PY_SSIZE_T_MAX;
    py_ssize_t count = 0;
    if (!right) {
        py_ssize_t i = 0;
        if (sep == py_none) {
            for (;;) {
                while (i < n && ch_isspace(CH(self, i))) i++;
                if (i >= n) break;
                py_ssize_t j = i;
                if (count >= maxsplit) j = n;
                else
                    while (j < n && !ch_isspace(CH(self, j))) j++;
                py_obj *part = py_unicode_substring(self, i, j);
                if (part == NULL || py_list_append(list, part) < 0) goto error_part;
                rg_decref(part);
                count++;
                i = j;
                continue;
            error_part:
                rg_xdecref(part);
                goto error;
            }
        } else {
            py_ssize_t m = LEN(sep);
            for (;;) {
                py_ssize_t j = count < maxsplit ? str_find(self, sep, i, n, 1) : -1;
                py_obj *part = py_unicode_substring(self, i, j < 0 ? n : j);
                if (part == NULL || py_list_append(list, part) < 0) {
                    rg_xdecref(part);
                    goto error;
                }
                rg_decref(part);
                if (j < 0) break;
                count++;
                i = j + m;
            }
        }
        return list;
    }
    /* rsplit: collect from the right, then reverse. */
    py_ssize_t j = n;
    if (sep == py_none) {
        for (;;) {
            while (j > 0 && ch_isspace(CH(self, j - 1))) j--;
            if (j <= 0) break;
            py_ssize_t i = j;
            if (count >= maxsplit) {
                i = 0;
            } else {
                while (i > 0 && !ch_isspace(CH(self, i - 1))) i--;
            }
            py_obj *part = py_unicode_substring(self, i, j);
            if (part == NULL || py_list_append(list, part) < 0) {
                rg_xdecref(part);
                goto error;
            }
            rg_decref(part);
            count++;
            j = i;
        }
    } else {
        py_ssize_t m = LEN(sep);
        for (;;) {
            py_ssize_t i = count < maxsplit ? str_find(self, sep, 0, j, -1) : -1;
            py_obj *part = py_unicode_substring(self, i < 0 ? 0 : i + m, j);
            if (part == NULL || py_list_append(list, part) < 0) {
                rg_xdecref(part);
                goto error;
            }
            rg_decref(part);
            if (i < 0) break;
            count++;
            j = i;
        }
    }
    py_list_reverse(list);
    return list;
error:
    rg_decref(list);
    return NULL;
}
static py_obj *str_split(py_obj *s, py_obj *const *a, py_ssize_t n, py_obj *k) { return do_split(s, a, n, k, 0); }
static py_obj *str_rsplit(py_obj *s, py_obj *const *a, py_ssize_t n, py_obj *k) { return do_split(s, a, n, k, 1); }

static py_obj *str_splitlines(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    int keepends = 0;
    if (nargs > 0) {
        keepends = py_object_is_true(args[0]);
        if (keepends < 0) return NULL;
    }
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    py_ssize_t n = LEN(self), i = 0;
    while (i < n) {
        py_ssize_t j = i;
        while (j < n) {
            py_ucs4 c = CH(self, j);
            if (c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85 ||
                c == 0x2028 || c == 0x2029)
                break;
            j++;
        }
        py_ssize_t eol = j;
        if (j < n) {
            if (CH(self, j) == '\r' && j + 1 < n && CH(self, j + 1) == '\n') j += 2;
            else j++;
            if (keepends) eol = j;
        }
        py_obj *part = py_unicode_substring(self, i, eol);
        if (part == NULL || py_list_append(list, part) < 0) {
            rg_xdecref(part);
            rg_decref(list);
            return NULL;
        }
        rg_decref(part);
        i = j;
    }
    return list;
}

/* startswith/endswith(prefix or tuple, start, end) */
static py_obj *starts_ends(py_obj *self, py_obj *const *args, py_ssize_t nargs, int end_side, const char *name)
{
    if (py_arg_check_positional(name, nargs, 1, 3) < 0) return NULL;
    py_ssize_t start, end;
    if (parse_start_end(args, nargs, 1, &start, &end) < 0) return NULL;
    py_obj *sub = args[0];
    py_ssize_t n = LEN(self);
    if (start < 0) {
        start += n;
        if (start < 0) start = 0;
    }
    if (end > n) end = n;
    else if (end < 0) {
        end += n;
        if (end < 0) end = 0;
    }
    py_ssize_t count = py_tuple_check(sub) ? py_tuple_size(sub) : 1;
    for (py_ssize_t t = 0; t < count; t++) {
        py_obj *p = py_tuple_check(sub) ? py_tuple_get(sub, t) : sub;
        if (!py_unicode_check(p))
            return py_err_format(py_exc_TypeError,
                                 py_tuple_check(sub) ? "tuple for %s must only contain str, not %.100s"
                                                     : "%s first arg must be str or a tuple of str, not %.100s",
                                 name, py_obj_type_name(p));
        py_ssize_t m = LEN(p);
        if (end - start < m || start > n) continue;
        py_ssize_t at = end_side ? end - m : start, k = 0;
        while (k < m && CH(self, at + k) == CH(p, k)) k++;
        if (k == m) return py_new_ref(py_true);
    }
    return py_new_ref(py_false);
}
static py_obj *str_startswith(py_obj *s, py_obj *const *a, py_ssize_t n) { return starts_ends(s, a, n, 0, "startswith"); }
static py_obj *str_endswith(py_obj *s, py_obj *const *a, py_ssize_t n) { return starts_ends(s, a, n, 1, "endswith"); }

/* find/rfind/index/rindex/count(sub, start, end) */
static py_obj *find_common(py_obj *self, py_obj *const *args, py_ssize_t nargs, int dir, int raise, const char *name)
{
    if (py_arg_check_positional(name, nargs, 1, 3) < 0) return NULL;
    if (!py_unicode_check(args[0]))
        return py_err_format(py_exc_TypeError, "must be str, not %.100s", py_obj_type_name(args[0]));
    py_ssize_t start, end;
    if (parse_start_end(args, nargs, 1, &start, &end) < 0) return NULL;
    py_ssize_t r = str_find(self, args[0], start, end, dir);
    if (r < 0 && raise) {
        py_err_set_string(py_exc_ValueError, "substring not found");
        return NULL;
    }
    return py_long_from_ssize_t(r);
}
static py_obj *str_find_m(py_obj *s, py_obj *const *a, py_ssize_t n) { return find_common(s, a, n, 1, 0, "find"); }
static py_obj *str_rfind_m(py_obj *s, py_obj *const *a, py_ssize_t n) { return find_common(s, a, n, -1, 0, "rfind"); }
static py_obj *str_index_m(py_obj *s, py_obj *const *a, py_ssize_t n) { return find_common(s, a, n, 1, 1, "index"); }
static py_obj *str_rindex_m(py_obj *s, py_obj *const *a, py_ssize_t n) { return find_common(s, a, n, -1, 1, "rindex"); }

static py_obj *str_count_m(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("count", nargs, 1, 3) < 0) return NULL;
    if (!py_unicode_check(args[0]))
        return py_err_format(py_exc_TypeError, "must be str, not %.100s", py_obj_type_name(args[0]));
    py_ssize_t start, end;
    if (parse_start_end(args, nargs, 1, &start, &end) < 0) return NULL;
    return py_long_from_ssize_t(str_count(self, args[0], start, end, -1));
}

/* replace(old, new, count=-1) */
static py_obj *str_replace(py_obj *self, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("replace", nargs, 2, 3) < 0) return NULL;
    py_obj *old = args[0], *new_ = args[1];
    if (!py_unicode_check(old) || !py_unicode_check(new_))
        return py_err_format(py_exc_TypeError, "replace() argument %d must be str, not %.100s",
                             py_unicode_check(old) ? 2 : 1, py_obj_type_name(py_unicode_check(old) ? new_ : old));
    py_ssize_t maxcount = -1;
    if (nargs > 2) {
        maxcount = py_number_as_ssize_t(args[2], py_exc_OverflowError);
        if (maxcount == -1 && py_err_occurred()) return NULL;
    }
    if (maxcount < 0) maxcount = PY_SSIZE_T_MAX;
    py_ssize_t n = LEN(self), m = LEN(old), count = 0, i = 0;
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    while (i <= n) {
        py_ssize_t j = count < maxcount ? (m == 0 ? i : str_find(self, old, i, n, 1)) : -1;
        if (j < 0 || (m == 0 && j > n)) break;
        for (py_ssize_t k = i; k < j; k++)
            if (py_unicode_writer_write_char(&w, CH(self, k)) < 0) goto error;
        if (py_unicode_writer_write_str(&w, new_) < 0) goto error;
        count++;
        if (m == 0) {
            if (j < n && py_unicode_writer_write_char(&w, CH(self, j)) < 0) goto error;
            i = j + 1;
        } else {
            i = j + m;
        }
    }
    for (py_ssize_t k = i; k < n; k++)
        if (py_unicode_writer_write_char(&w, CH(self, k)) < 0) goto error;
    if (count == 0 && py_unicode_check_exact(self)) {
        py_unicode_writer_dealloc(&w);
        return py_new_ref(self);
    }
    return py_unicode_writer_finish(&w);
error:
    py_unicode_writer_dealloc(&w);
    return NULL;
}

/* partition / rpartition(sep) */
static py_obj *do_partition(py_obj *self, py_obj *sep, int right)
{
    if (!py_unicode_check(sep))
        return py_err_format(py_exc_TypeError, "must be str, not %.100s", py_obj_type_name(sep));
    if (LEN(sep) == 0) {
        py_err_set_string(py_exc_ValueError, "empty separator");
        return NULL;
    }
    py_ssize_t pos = str_find(self, sep, 0, LEN(self), right ? -1 : 1);
    if (pos < 0)
        return right ? py_tuple_pack(3, py_empty_str, py_empty_str, self) : py_tuple_pack(3, self, py_empty_str, py_empty_str);
    py_obj *a = py_unicode_substring(self, 0, pos), *b = py_unicode_substring(self, pos + LEN(sep), LEN(self));
    py_obj *r = a && b ? py_tuple_pack(3, a, sep, b) : NULL;
    rg_xdecref(a);
    rg_xdecref(b);
    return r;
}
static py_obj *str_partition(py_obj *s, py_obj *sep) { return do_partition(s, sep, 0); }
static py_obj *str_rpartition(py_obj *s, py_obj *sep) { return do_partition(s, sep, 1); }

/* center/ljust/rjust(width, fillchar=' ') */
static py_obj *justify(py_obj *self, py_obj *const *args, py_ssize_t nargs, char align, const char *name)
{
    if (py_arg_check_positional(name, nargs, 1, 2) < 0) return NULL;
    py_ssize_t width = py_number_as_ssize_t(args[0], py_exc_OverflowError);
    if (width == -1 && py_err_occurred()) return NULL;
    py_ucs4 fill = ' ';
    if (nargs > 1) {
        if (!py_unicode_check(args[1]) || LEN(args[1]) != 1) {
            py_err_set_string(py_exc_TypeError, "The fill character must be exactly one character long");
            return NULL;
        }
        fill = CH(args[1], 0);
    }
    if (align == '^') {
        /* CPython's center puts the odd pad on the left when width is odd. */
        py_ssize_t marg = width - LEN(self);
        if (marg <= 0) return py_object_str(self);
        py_ssize_t left = marg / 2 + (marg & width & 1);
        py_unicode_writer w;
        py_unicode_writer_init(&w);
        int e = 0;
        for (py_ssize_t i = 0; i < left && !e; i++) e = py_unicode_writer_write_char(&w, fill) < 0;
        if (!e) e = py_unicode_writer_write_str(&w, self) < 0;
        for (py_ssize_t i = left; i < marg && !e; i++) e = py_unicode_writer_write_char(&w, fill) < 0;
        if (e) {
            py_unicode_writer_dealloc(&w);
            return NULL;
        }
        return py_unicode_writer_finish(&w);
    }
    return pad(py_object_str(self), width, fill, align);
}
static py_obj *str_center(py_obj *s, py_obj *const *a, py_ssize_t n) { return justify(s, a, n, '^', "center"); }
static py_obj *str_ljust(py_obj *s, py_obj *const *a, py_ssize_t n) { return justify(s, a, n, '<', "ljust"); }
static py_obj *str_rjust(py_obj *s, py_obj *const *a, py_ssize_t n) { return justify(s, a, n, '>', "rjust"); }

static py_obj *str_zfill(py_obj *self, py_obj *arg)
{
    py_ssize_t width = py_number_as_ssize_t(arg, py_exc_OverflowError);
    if (width == -1 && py_err_occurred()) return NULL;
    py_ssize_t n = LEN(self);
    if (n >= width) return py_object_str(self);
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    py_ssize_t i = 0;
    int e = 0;
    if (n > 0 && (CH(self, 0) == '+' || CH(self, 0) == '-')) {
        e = py_unicode_writer_write_char(&w, CH(self, 0)) < 0;
        i = 1;
    }
    for (py_ssize_t k = n; k < width && !e; k++) e = py_unicode_writer_write_char(&w, '0') < 0;
    for (; i < n && !e; i++) e = py_unicode_writer_write_char(&w, CH(self, i)) < 0;
    if (e) {
        py_unicode_writer_dealloc(&w);
        return NULL;
    }
    return py_unicode_writer_finish(&w);
}

/* str.join(iterable) */
static py_obj *str_join_meth(py_obj *self, py_obj *iterable) { return py_unicode_join(self, iterable); }

static py_obj *str_sizeof_meth(py_obj *self, py_obj *u)
{
    (void)u;
    return py_long_from_ssize_t(py_str_info.sizeof_(self));
}

static py_obj *str_getnewargs(py_obj *self, py_obj *u)
{
    (void)u;
    py_obj *copy = py_unicode_from_kind_and_data(py_unicode_kind(self), py_unicode_data(self), LEN(self));
    if (copy == NULL) return NULL;
    py_obj *t = py_tuple_pack(1, copy);
    rg_decref(copy);
    return t;
}

/* self itself (exact str) or an exact copy of it. */
static py_obj *str_unchanged(py_obj *self)
{
    if (py_unicode_check_exact(self)) return py_new_ref(self);
    return py_unicode_substring(self, 0, LEN(self));
}

/* removeprefix / removesuffix(affix) */
static py_obj *remove_affix(py_obj *self, py_obj *affix, int suffix, const char *name)
{
    if (!py_unicode_check(affix)) {
        py_arg_bad_argument(name, "argument", "str", affix);
        return NULL;
    }
    py_ssize_t n = LEN(self), m = LEN(affix);
    if (m > 0 && m <= n) {
        py_ssize_t at = suffix ? n - m : 0, k = 0;
        while (k < m && CH(self, at + k) == CH(affix, k)) k++;
        if (k == m) return suffix ? py_unicode_substring(self, 0, n - m) : py_unicode_substring(self, m, n);
    }
    return str_unchanged(self);
}
static py_obj *str_removeprefix(py_obj *s, py_obj *a) { return remove_affix(s, a, 0, "removeprefix"); }
static py_obj *str_removesuffix(py_obj *s, py_obj *a) { return remove_affix(s, a, 1, "removesuffix"); }

/* casefold: lower, with the full folds of Latin-1 (ß -> ss, µ -> μ). */
static int write_casefold(py_unicode_writer *w, py_ucs4 c)
{
    if (c == 0xdf) return py_unicode_writer_write_ascii(w, "ss", 2);
    if (c == 0xb5) return py_unicode_writer_write_char(w, 0x3bc);
    return write_lower(w, c);
}
static py_obj *str_casefold(py_obj *self, py_obj *u)
{
    (void)u;
    return map_chars(self, write_casefold);
}

static const char *const expandtabs_kwlist[] = {"tabsize", NULL};

/* expandtabs(tabsize=8): columns restart after \n and \r. */
static py_obj *str_expandtabs(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[1];
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "expandtabs", expandtabs_kwlist, 0, 0, 1, argv) < 0)
        return NULL;
    long tabsize = 8;
    if (argv[0] != NULL) {
        if (py_float_check(argv[0])) {
            py_err_set_string(py_exc_TypeError, "integer argument expected, got float");
            return NULL;
        }
        tabsize = py_long_as_long(argv[0]);
        if (tabsize == -1 && py_err_occurred()) return NULL;
    }
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    py_ssize_t col = 0;
    for (py_ssize_t i = 0; i < LEN(self); i++) {
        py_ucs4 c = CH(self, i);
        int r = 0;
        if (c == '\t') {
            if (tabsize > 0) {
                py_ssize_t incr = tabsize - (col % tabsize);
                col += incr;
                while (incr-- > 0 && r == 0) r = py_unicode_writer_write_char(&w, ' ');
            }
        } else {
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
            r = py_unicode_writer_write_char(&w, c);
        }
        if (r < 0) {
            py_unicode_writer_dealloc(&w);
            return NULL;
        }
    }
    return py_unicode_writer_finish(&w);
}

/* istitle: upper case only after uncased, lower case only after cased. */
static py_obj *str_istitle(py_obj *self, py_obj *u)
{
    (void)u;
    int cased = 0, previous_is_cased = 0;
    for (py_ssize_t i = 0; i < LEN(self); i++) {
        py_ucs4 c = CH(self, i);
        if (ch_isupper(c)) {
            if (previous_is_cased) return py_new_ref(py_false);
            previous_is_cased = cased = 1;
        } else if (ch_islower(c)) {
            if (!previous_is_cased) return py_new_ref(py_false);
            previous_is_cased = cased = 1;
        } else {
            previous_is_cased = 0;
        }
    }
    return py_bool_from_long(cased);
}

/* isprintable: no control, separator other than space, or format
 * character (exact below 256; others count as printable). */
static py_obj *str_isprintable(py_obj *self, py_obj *u)
{
    (void)u;
    for (py_ssize_t i = 0; i < LEN(self); i++) {
        py_ucs4 c = CH(self, i);
        if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0xad) return py_new_ref(py_false);
    }
    return py_new_ref(py_true);
}

static const char *const encode_kwlist[] = {"encoding", "errors", NULL};

/* encode(encoding='utf-8', errors='strict') */
static py_obj *str_encode(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[2];
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "encode", encode_kwlist, 0, 0, 2, argv) < 0) return NULL;
    const char *encoding = NULL, *errors = NULL;
    if (argv[0] != NULL && (encoding = py_arg_str("encode", "encoding", argv[0])) == NULL) return NULL;
    if (argv[1] != NULL && (errors = py_arg_str("encode", "errors", argv[1])) == NULL) return NULL;
    return py_unicode_as_encoded_string(self, encoding, errors);
}

const py_method_def py_str_methods[] = {
    {"join", {.o = str_join_meth}, PY_METH_O, "Concatenate any number of strings."},
    {"encode", {.fast_kw = str_encode}, PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "Encode the string using the codec registered for encoding."},
    {"removeprefix", {.o = str_removeprefix}, PY_METH_O, "Return a str with the given prefix string removed if present."},
    {"removesuffix", {.o = str_removesuffix}, PY_METH_O, "Return a str with the given suffix string removed if present."},
    {"casefold", {.o = str_casefold}, PY_METH_NOARGS, "Return a version of the string suitable for caseless comparisons."},
    {"expandtabs", {.fast_kw = str_expandtabs}, PY_METH_FASTCALL | PY_METH_KEYWORDS,
     "Return a copy where all tab characters are expanded using spaces."},
    {"istitle", {.o = str_istitle}, PY_METH_NOARGS, "Return True if the string is a title-cased string, False otherwise."},
    {"isprintable", {.o = str_isprintable}, PY_METH_NOARGS, "Return True if the string is printable, False otherwise."},
    {"__format__", {.o = str_format_meth}, PY_METH_O, "Return a formatted version of the string as described by format_spec."},
    {"__sizeof__", {.o = str_sizeof_meth}, PY_METH_NOARGS, "Return the size of the string in memory, in bytes."},
    {"__getnewargs__", {.o = str_getnewargs}, PY_METH_NOARGS, NULL},
    {"format", {.fast_kw = str_format}, PY_METH_FASTCALL | PY_METH_KEYWORDS, "Return a formatted version of S."},
    {"split", {.fast_kw = str_split}, PY_METH_FASTCALL | PY_METH_KEYWORDS, "Return a list of the substrings in the string."},
    {"rsplit", {.fast_kw = str_rsplit}, PY_METH_FASTCALL | PY_METH_KEYWORDS, "Return a list of the substrings in the string."},
    {"splitlines", {.fast = str_splitlines}, PY_METH_FASTCALL, "Return a list of the lines in the string."},
    {"strip", {.fast = str_strip}, PY_METH_FASTCALL, "Return a copy of the string with leading and trailing whitespace removed."},
    {"lstrip", {.fast = str_lstrip}, PY_METH_FASTCALL, "Return a copy of the string with leading whitespace removed."},
    {"rstrip", {.fast = str_rstrip}, PY_METH_FASTCALL, "Return a copy of the string with trailing whitespace removed."},
    {"startswith", {.fast = str_startswith}, PY_METH_FASTCALL, "Return True if S starts with the specified prefix."},
    {"endswith", {.fast = str_endswith}, PY_METH_FASTCALL, "Return True if S ends with the specified suffix."},
    {"find", {.fast = str_find_m}, PY_METH_FASTCALL, "Return the lowest index in S where substring sub is found."},
    {"rfind", {.fast = str_rfind_m}, PY_METH_FASTCALL, "Return the highest index in S where substring sub is found."},
    {"index", {.fast = str_index_m}, PY_METH_FASTCALL, "Like find() but raise ValueError when not found."},
    {"rindex", {.fast = str_rindex_m}, PY_METH_FASTCALL, "Like rfind() but raise ValueError when not found."},
    {"count", {.fast = str_count_m}, PY_METH_FASTCALL, "Return the number of non-overlapping occurrences of substring sub."},
    {"replace", {.fast = str_replace}, PY_METH_FASTCALL, "Return a copy with all occurrences of substring old replaced by new."},
    {"partition", {.o = str_partition}, PY_METH_O, "Partition the string into three parts using the given separator."},
    {"rpartition", {.o = str_rpartition}, PY_METH_O, "Partition the string into three parts using the given separator."},
    {"lower", {.o = str_lower}, PY_METH_NOARGS, "Return a copy of the string converted to lowercase."},
    {"upper", {.o = str_upper}, PY_METH_NOARGS, "Return a copy of the string converted to uppercase."},
    {"swapcase", {.o = str_swapcase}, PY_METH_NOARGS, "Convert uppercase characters to lowercase and lowercase characters to uppercase."},
    {"capitalize", {.o = str_capitalize}, PY_METH_NOARGS, "Return a capitalized version of the string."},
    {"title", {.o = str_title}, PY_METH_NOARGS, "Return a version of the string where each word is titlecased."},
    {"isspace", {.o = str_isspace}, PY_METH_NOARGS, NULL},
    {"isalpha", {.o = str_isalpha}, PY_METH_NOARGS, NULL},
    {"isalnum", {.o = str_isalnum}, PY_METH_NOARGS, NULL},
    {"isdecimal", {.o = str_isdecimal}, PY_METH_NOARGS, NULL},
    {"isdigit", {.o = str_isdigit}, PY_METH_NOARGS, NULL},
    {"isnumeric", {.o = str_isnumeric}, PY_METH_NOARGS, NULL},
    {"isascii", {.o = str_isascii}, PY_METH_NOARGS, NULL},
    {"islower", {.o = str_islower}, PY_METH_NOARGS, NULL},
    {"isupper", {.o = str_isupper}, PY_METH_NOARGS, NULL},
    {"isidentifier", {.o = str_isidentifier}, PY_METH_NOARGS, NULL},
    {"center", {.fast = str_center}, PY_METH_FASTCALL, "Return a centered string of length width."},
    {"ljust", {.fast = str_ljust}, PY_METH_FASTCALL, "Return a left-justified string of length width."},
    {"rjust", {.fast = str_rjust}, PY_METH_FASTCALL, "Return a right-justified string of length width."},
    {"zfill", {.o = str_zfill}, PY_METH_O, "Pad a numeric string with zeros on the left."},
    {NULL, {NULL}, 0, NULL},
};
