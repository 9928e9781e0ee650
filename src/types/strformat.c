/*
 * strformat.c -- the formatting protocols of str (CPython 3.11's
 * PyObject_Format, formatter_unicode.c's string part, PyUnicode_Format and
 * unicode_format.h), split off strmethods.c.
 *
 * Owns: format(obj, spec) and the __format__ of str, int, float; `str %
 * args` (%s %r %a %c %d %i %u %o %x %X %e %E %f %F %g %G %%, flags, width,
 * precision, * and %(name)s) and str's nb_remainder; str.format and
 * str.format_map with positional, numbered and named fields,
 * attribute/index lookups, !r/!s/!a and nested specs.
 *
 * Must not: produce a non-canonical str (everything goes through the
 * writer).
 */
#include <limits.h>
#include <string.h>

#include "object.h"
#include "floatfmt.h"
#include "strimpl.h"

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
py_obj *py__str_pad(py_obj *s, py_ssize_t width, py_ucs4 fill, char align)
{
    py_ssize_t n = LEN(s);
    if (width <= n || s == NULL) return s;
    py_ssize_t total = width - n, left = align == '>' ? total : align == '^' ? total / 2 : 0;
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    int e = 0;
    if (!e) e = py__writer_write_fill(&w, fill, left) < 0;
    if (!e) e = py_unicode_writer_write_str(&w, s) < 0;
    if (!e) e = py__writer_write_fill(&w, fill, total - left) < 0;
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
py_obj *py__str_format_meth(py_obj *self, py_obj *spec)
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
    return py__str_pad(s, f.width, f.fill, f.align);
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

char *py__long_format_text(py_obj *iv, char type, int alt, py_ssize_t prec, size_t *len)
{
    py_long_object *lv = (py_long_object *)iv;
    py_bigint bv = py_bigint_abs(py_bigint_view(lv->ob_digit, lv->ob_var.size));
    int neg = lv->ob_var.size < 0, base = type == 'o' ? 8 : type == 'x' || type == 'X' ? 16 : 10;
    size_t bound = base == 10 ? py_bigint_to_decimal_bound(bv) : py_bigint_to_base_string_bound(bv, base);
    size_t zeros = 0, nd;
    char *digits = malloc(bound + 1);
    if (digits == NULL) {
        py_err_no_memory();
        return NULL;
    }
    if (base == 10) {
        if (py_bigint_to_decimal(digits, &nd, bv, PY_BIGINT_MAX_STR_DIGITS) != PY_NUM_OK) {
            free(digits);
            py_err_format(py_exc_ValueError, PY_BIGINT_MAX_STR_DIGITS_TO_STR_FMT, PY_BIGINT_MAX_STR_DIGITS);
            return NULL;
        }
    } else {
        nd = py_bigint_to_base_string(digits, bv, base, type == 'X' ? PY_BIGINT_UPPER : 0);
    }
    if (prec > (py_ssize_t)nd) zeros = (size_t)prec - nd;
    char *out = malloc(3 + zeros + nd + 1);
    if (out == NULL) {
        free(digits);
        py_err_no_memory();
        return NULL;
    }
    size_t n = 0;
    if (neg) out[n++] = '-';
    if (alt && base != 10) {
        out[n++] = '0';
        out[n++] = type;
    }
    memset(out + n, '0', zeros);
    n += zeros;
    memcpy(out + n, digits, nd);
    n += nd;
    out[n] = 0;
    free(digits);
    *len = n;
    return out;
}

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
    size_t nd;
    char *text = py__long_format_text(iv, type, alt, prec, &nd);
    rg_decref(iv);
    if (text == NULL) return -1;
    /* text: [-][0x]digits; the sign flags and the padding go around it */
    const char *digits = text;
    char sign = 0;
    if (*digits == '-') sign = *digits++, nd--;
    else if (flags_plus) sign = '+';
    else if (flags_space) sign = ' ';
    int np = (sign != 0) + (alt && type != 'd' && type != 'i' && type != 'u' ? 2 : 0);
    py_ssize_t total = (py_ssize_t)nd + (sign != 0), padn = width > total ? width - total : 0;
    int e = 0;
    if (!left && !zero)
        if (!e) e = py__writer_write_fill(w, ' ', padn) < 0;
    if (!e && sign) e = py_unicode_writer_write_char(w, (py_ucs4)sign) < 0;
    if (!e && np > (sign != 0)) e = py_unicode_writer_write_ascii(w, digits, 2) < 0;
    if (np > (sign != 0)) digits += 2, nd -= 2;
    if (!left && zero)
        if (!e) e = py__writer_write_fill(w, '0', padn) < 0;
    if (!e) e = py_unicode_writer_write_ascii(w, digits, (py_ssize_t)nd) < 0;
    if (left)
        if (!e) e = py__writer_write_fill(w, ' ', padn) < 0;
    free(text);
    return e ? -1 : 0;
}

/* Append s (a str) padded to width. */
static int write_padded(py_unicode_writer *w, py_obj *s, py_ssize_t width, int left, py_ssize_t prec)
{
    py_ssize_t n = LEN(s);
    if (prec >= 0 && n > prec) n = prec;
    int e = 0;
    if (!left)
        if (!e) e = py__writer_write_fill(w, ' ', width - n) < 0;
    for (py_ssize_t i = 0; i < n && !e; i++) e = py_unicode_writer_write_char(w, CH(s, i)) < 0;
    if (left)
        if (!e) e = py__writer_write_fill(w, ' ', width - n) < 0;
    return e ? -1 : 0;
}

/* PyUnicode_Format: format % args. */
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
    /* cur: where the next argument comes from -- args, or after %(key) the
     * value looked up (owned; a single argument for what follows). */
    py_obj *cur = args, *owned = NULL;
#define NEXTARG()                                                                                 \
    (argidx < arglen ? (arglen < 0 ? (argidx = -1, cur) : py_tuple_get(cur, argidx++))            \
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
        py_obj *v = NULL;
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
            py_obj *value = py_object_get_item(dict, key);
            rg_decref(key);
            if (value == NULL) goto error;
            rg_xdecref(owned);
            cur = owned = value;
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
            py_obj *wv = NEXTARG();
            if (wv == NULL) goto error_v;
            if (!py_long_check(wv)) {
                py_err_set_string(py_exc_TypeError, "* wants int");
                goto error_v;
            }
            width = py_long_as_ssize_t(wv);
            if (width == -1 && py_err_occurred()) goto error_v;
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
                py_obj *pv = NEXTARG();
                if (pv == NULL) goto error_v;
                if (!py_long_check(pv)) {
                    py_err_set_string(py_exc_TypeError, "* wants int");
                    goto error_v;
                }
                prec = py_long_as_ssize_t(pv);
                if ((prec == -1 && py_err_occurred()) || prec > INT_MAX || prec < INT_MIN) {
                    py_err_clear();
                    py_err_set_string(py_exc_OverflowError, "Python int too large to convert to C int");
                    goto error_v;
                }
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
            continue;
        }
        v = NEXTARG();
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
                if (!e) e = py__writer_write_fill(&w, ' ', padn) < 0;
            if (!e && sign[0]) e = py_unicode_writer_write_char(&w, (py_ucs4)sign[0]) < 0;
            if (!left && zero)
                if (!e) e = py__writer_write_fill(&w, '0', padn) < 0;
            if (!e) e = py_unicode_writer_write_ascii(&w, body, (py_ssize_t)n) < 0;
            if (left)
                if (!e) e = py__writer_write_fill(&w, ' ', padn) < 0;
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
            py_err_format(py_exc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                          c >= 32 && c <= 126 ? (int)c : '?', (unsigned)c, fmtpos - 1);
            goto error_v;
        }
        if (e) goto error;
        continue;
    error_v:
        goto error;
    }
    if (argidx < arglen && !dict) {
        py_err_set_string(py_exc_TypeError, "not all arguments converted during string formatting");
        goto error;
    }
    rg_xdecref(owned);
    return py_unicode_writer_finish(&w);
error:
    rg_xdecref(owned);
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

/* The arguments of str.format (args, nargs, kwnames) or of
 * str.format_map (mapping; no positional fields). */
typedef struct fmt_args {
    py_obj *const *args;
    py_ssize_t nargs;
    py_obj *kwnames;
    py_obj *mapping;
} fmt_args;

/* format_map with a positional field. */
static int positional_error(void)
{
    py_err_set_string(py_exc_ValueError, "Format string contains positional fields");
    return -1;
}

/* A replacement field as parse_field finds it: the name fmt[name_start:
 * name_end], the conversion (0: none), the spec fmt[spec_start:spec_end]
 * and whether the spec has nested fields. */
typedef struct field_parts {
    py_ssize_t name_start, name_end, spec_start, spec_end;
    py_ucs4 conversion;
    int expand_spec;
} field_parts;

/* Render one replacement field into w. */
static int render_field(py_unicode_writer *w, py_obj *fmt, const field_parts *fp, const fmt_args *fa,
                        py_ssize_t *auto_idx, int depth);
static int render_named(py_unicode_writer *w, py_obj *field, py_obj *fmt, const field_parts *fp, const fmt_args *fa,
                        py_ssize_t *auto_idx, int depth);

/* parse_field: the field starting at fmt[*pos] (after its '{') up to its
 * closing '}'; *pos moves past it.  0, or -1 with CPython's ValueError. */
static int parse_field(py_obj *fmt, py_ssize_t *pos, py_ssize_t end, field_parts *fp)
{
    py_ssize_t i = *pos;
    py_ucs4 c = 0;
    fp->conversion = 0;
    fp->expand_spec = 0;
    fp->spec_start = fp->spec_end = 0;
    fp->name_start = i;
    while (i < end) {
        c = CH(fmt, i++);
        if (c == '{') {
            py_err_set_string(py_exc_ValueError, "unexpected '{' in field name");
            return -1;
        }
        if (c == '[') {
            while (i < end && CH(fmt, i) != ']') i++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!') break;
    }
    fp->name_end = i - 1;
    if (c == '!' || c == ':') {
        if (c == '!') {
            if (i >= end) {
                py_err_set_string(py_exc_ValueError, "end of string while looking for conversion specifier");
                return -1;
            }
            fp->conversion = CH(fmt, i++);
            if (i < end) {
                c = CH(fmt, i++);
                if (c == '}') {
                    *pos = i;
                    return 0;
                }
                if (c != ':') {
                    py_err_set_string(py_exc_ValueError, "expected ':' after conversion specifier");
                    return -1;
                }
            }
        }
        fp->spec_start = i;
        py_ssize_t count = 1;
        while (i < end) {
            c = CH(fmt, i++);
            if (c == '{') {
                fp->expand_spec = 1;
                count++;
            } else if (c == '}' && --count == 0) {
                fp->spec_end = i - 1;
                *pos = i;
                return 0;
            }
        }
        py_err_set_string(py_exc_ValueError, "unmatched '{' in format spec");
        return -1;
    }
    if (c != '}') {
        py_err_set_string(py_exc_ValueError, "expected '}' before end of string");
        return -1;
    }
    *pos = i;
    return 0;
}

/* build_string / MarkupIterator: expand fmt[start:end] into w (literal
 * text, {{ and }}, replacement fields; nested specs one level deeper). */
static int format_expand(py_unicode_writer *w, py_obj *fmt, py_ssize_t start, py_ssize_t end, const fmt_args *fa,
                         py_ssize_t *auto_idx, int depth)
{
    if (depth >= 2) {
        py_err_set_string(py_exc_ValueError, "Max string recursion exceeded");
        return -1;
    }
    py_ssize_t i = start;
    while (i < end) {
        py_ssize_t lit_start = i;
        py_ucs4 c = 0;
        int markup = 0;
        while (i < end) {
            c = CH(fmt, i++);
            if (c == '{' || c == '}') {
                markup = 1;
                break;
            }
        }
        int at_end = i >= end;
        py_ssize_t lit_end = i;
        if (markup) {
            if (c == '}' && (at_end || CH(fmt, i) != '}')) {
                py_err_set_string(py_exc_ValueError, "Single '}' encountered in format string");
                return -1;
            }
            if (at_end && c == '{') {
                py_err_set_string(py_exc_ValueError, "Single '{' encountered in format string");
                return -1;
            }
            if (CH(fmt, i) == c) { /* {{ or }}: the brace is literal text */
                i++;
                markup = 0;
            } else {
                lit_end--;
            }
        }
        for (py_ssize_t k = lit_start; k < lit_end; k++)
            if (py_unicode_writer_write_char(w, CH(fmt, k)) < 0) return -1;
        if (!markup) continue;
        field_parts fp;
        if (parse_field(fmt, &i, end, &fp) < 0) return -1;
        if (render_field(w, fmt, &fp, fa, auto_idx, depth) < 0) return -1;
    }
    return 0;
}

static int render_field(py_unicode_writer *w, py_obj *fmt, const field_parts *fp, const fmt_args *fa,
                        py_ssize_t *auto_idx, int depth)
{
    py_obj *field = py_unicode_substring(fmt, fp->name_start, fp->name_end);
    if (field == NULL) return -1;
    int r = render_named(w, field, fmt, fp, fa, auto_idx, depth);
    rg_decref(field);
    return r;
}

/* The field's object by name (auto / manual number, keyword, then .attr
 * and [index] parts), converted and formatted into w. */
/* get_integer: field[lo:hi] as a decimal number; -1 when it is not one
 * (or empty), -2 with ValueError when too long. */
static py_ssize_t get_integer(py_obj *field, py_ssize_t lo, py_ssize_t hi)
{
    if (lo >= hi) return -1;
    py_ssize_t acc = 0;
    for (py_ssize_t i = lo; i < hi; i++) {
        int d = ch_todecimal(CH(field, i));
        if (d < 0) return -1;
        if (acc > (PY_SSIZE_T_MAX - d) / 10) {
            py_err_set_string(py_exc_ValueError, "Too many decimal digits in format string");
            return -2;
        }
        acc = acc * 10 + d;
    }
    return acc;
}

static int render_named(py_unicode_writer *w, py_obj *field, py_obj *fmt, const field_parts *fp, const fmt_args *fa,
                        py_ssize_t *auto_idx, int depth)
{
    /* field_name_split: the first part up to '.' or '[' */
    py_ssize_t name_end = LEN(field), first_end = 0;
    while (first_end < name_end && CH(field, first_end) != '.' && CH(field, first_end) != '[') first_end++;
    py_ssize_t idx = get_integer(field, 0, first_end);
    if (idx == -2) return -1;
    int empty = first_end == 0;
    if (empty || idx >= 0) {
        /* auto_idx: 0 not yet numbered, > 0 automatic, -1 manual */
        if (*auto_idx < 0 && empty) {
            py_err_set_string(py_exc_ValueError,
                              "cannot switch from manual field specification to automatic field numbering");
            return -1;
        }
        if (*auto_idx > 0 && !empty) {
            py_err_set_string(py_exc_ValueError,
                              "cannot switch from automatic field numbering to manual field specification");
            return -1;
        }
        if (empty) idx = (*auto_idx)++;
        else *auto_idx = -1;
    }
    py_obj *obj = NULL;
    if (idx < 0) {
        py_obj *key = py_unicode_substring(field, 0, first_end);
        if (key == NULL) return -1;
        if (fa->mapping != NULL) {
            obj = py_object_get_item(fa->mapping, key);
        } else {
            for (py_ssize_t k = 0; fa->kwnames && k < py_tuple_size(fa->kwnames); k++)
                if (py_unicode_eq(py_tuple_get(fa->kwnames, k), key)) obj = py_new_ref(fa->args[fa->nargs + k]);
            if (obj == NULL) py_err_set_key_error(key);
        }
        rg_decref(key);
        if (obj == NULL) return -1;
    } else {
        if (fa->mapping != NULL) return positional_error();
        if (idx >= fa->nargs) {
            py_err_format(py_exc_IndexError, "Replacement index %zd out of range for positional args tuple", idx);
            return -1;
        }
        obj = py_new_ref(fa->args[idx]);
    }
    /* FieldNameIterator: .attr and [key] parts */
    for (py_ssize_t k = first_end; k < name_end;) {
        py_ucs4 c = CH(field, k);
        py_ssize_t s = ++k, e;
        py_obj *next = NULL;
        if (c == '.') {
            while (k < name_end && CH(field, k) != '.' && CH(field, k) != '[') k++;
            e = k;
        } else if (c == '[') {
            while (k < name_end && CH(field, k) != ']') k++;
            if (k >= name_end) {
                py_err_set_string(py_exc_ValueError, "Missing ']' in format string");
                goto fail;
            }
            e = k++;
        } else {
            py_err_set_string(py_exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
            goto fail;
        }
        if (e == s) {
            py_err_set_string(py_exc_ValueError, "Empty attribute in format string");
            goto fail;
        }
        py_obj *name = py_unicode_substring(field, s, e);
        if (name == NULL) goto fail;
        if (c == '.') {
            next = py_object_get_attr(obj, name);
        } else {
            py_ssize_t i = get_integer(field, s, e);
            if (i == -2) {
                rg_decref(name);
                goto fail;
            }
            if (i < 0) {
                next = py_object_get_item(obj, name);
            } else if (py_sequence_check(obj)) {
                next = py_sequence_get_item(obj, i);
            } else {
                py_obj *io = py_long_from_ssize_t(i);
                next = io ? py_object_get_item(obj, io) : NULL;
                rg_xdecref(io);
            }
        }
        rg_decref(name);
        PY_SETREF(obj, next);
        if (obj == NULL) return -1;
    }
    /* !conversion */
    if (fp->conversion != 0) {
        py_ucs4 conv = fp->conversion;
        py_obj *conv_obj = conv == 'r' ? py_object_repr(obj) : conv == 's' ? py_object_str(obj)
                           : conv == 'a' ? py_object_ascii(obj) : NULL;
        if (conv_obj == NULL && !py_err_occurred()) {
            if (conv > 32 && conv < 127)
                py_err_format(py_exc_ValueError, "Unknown conversion specifier %c", (int)conv);
            else
                py_err_format(py_exc_ValueError, "Unknown conversion specifier \\x%x", (unsigned)conv);
        }
        PY_SETREF(obj, conv_obj);
        if (obj == NULL) return -1;
    }
    /* :spec, expanded one level deeper when it holds fields */
    py_obj *spec = NULL;
    if (fp->spec_end > fp->spec_start) {
        if (fp->expand_spec) {
            py_unicode_writer sw;
            py_unicode_writer_init(&sw);
            if (format_expand(&sw, fmt, fp->spec_start, fp->spec_end, fa, auto_idx, depth + 1) < 0) {
                py_unicode_writer_dealloc(&sw);
                rg_decref(obj);
                return -1;
            }
            spec = py_unicode_writer_finish(&sw);
        } else {
            spec = py_unicode_substring(fmt, fp->spec_start, fp->spec_end);
        }
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
fail:
    rg_decref(obj);
    return -1;
}

/* str.format's body: positional args[0..nargs), keyword values after them
 * named by kwnames, or (format_map) a mapping for the named fields. */
static py_obj *do_format(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames, py_obj *mapping)
{
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    py_ssize_t auto_idx = 0;
    fmt_args fa = {args, nargs, kwnames, mapping};
    if (format_expand(&w, self, 0, LEN(self), &fa, &auto_idx, 0) < 0) {
        py_unicode_writer_dealloc(&w);
        return NULL;
    }
    return py_unicode_writer_finish(&w);
}

/* str.format(*args, **kwargs) */
py_obj *py__str_format(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    return do_format(self, args, nargs, kwnames, NULL);
}

/* str.format_map(mapping): named fields are mapping[name]. */
py_obj *py__str_format_map(py_obj *self, py_obj *mapping) { return do_format(self, NULL, 0, NULL, mapping); }
