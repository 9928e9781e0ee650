/*
 * bytesmethods.c -- more methods bytes and bytearray share (CPython 3.11's
 * stringlib transmogrify.h / partition.h / split.h parts and
 * bytes_methods.c): center, ljust, rjust, zfill, expandtabs, istitle,
 * partition, rpartition, removeprefix, removesuffix, splitlines,
 * translate, maketrans (static), and bytes.__bytes__.
 *
 * Results are of self's kind (bytes or bytearray); a bytes method that
 * would return an unchanged copy returns self when self is an exact bytes
 * (stringlib's return_self), a bytearray always returns a new object.
 * The method tables of both types take these through
 * PY_BYTES_SHARED_METHODS_2 (objtypes.h).
 *
 * Must not: accept a str where CPython wants a bytes-like object.
 */
#include <string.h>

#include "object.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */

static const char *data_of(py_obj *o)
{
    return py_bytes_check(o) ? py_bytes_as_string(o) : py_bytearray_as_string(o);
}
static py_ssize_t len_of(py_obj *o) { return py_bytes_check(o) ? py_bytes_size(o) : py_bytearray_size(o); }

/* A new object of self's kind holding s[0..n) (s NULL: zeroed). */
static py_obj *new_like(py_obj *self, const char *s, py_ssize_t n)
{
    return py_bytes_check(self) ? py_bytes_from_string_and_size(s, n) : py_bytearray_from_string_and_size(s, n);
}

/* Writable data of a fresh result of new_like. */
static char *wdata(py_obj *r) { return py_bytes_check(r) ? py_bytes_as_string(r) : py_bytearray_as_string(r); }

/* self unchanged: self itself for an exact bytes, else a copy. */
static py_obj *return_self(py_obj *self)
{
    if (py_bytes_check_exact(self)) return py_new_ref(self);
    return new_like(self, data_of(self), len_of(self));
}

/* The clinic `char` converter: a bytes or bytearray of length 1. */
static int fill_char(const char *fname, py_obj *arg, char *out)
{
    if ((py_bytes_check(arg) || py_bytearray_check(arg)) && len_of(arg) == 1) {
        *out = data_of(arg)[0];
        return 0;
    }
    py_err_format(py_exc_TypeError, "%s() argument 2 must be a byte string of length 1, not %.50s", fname,
                  py_obj_type_name(arg));
    return -1;
}

/* self padded with left and right copies of fill. */
static py_obj *pad(py_obj *self, py_ssize_t left, py_ssize_t right, char fill)
{
    if (left < 0) left = 0;
    if (right < 0) right = 0;
    if (left == 0 && right == 0) return return_self(self);
    py_ssize_t n = len_of(self);
    py_obj *r = new_like(self, NULL, left + n + right);
    if (r == NULL) return NULL;
    char *p = wdata(r);
    memset(p, fill, (size_t)left);
    memcpy(p + left, data_of(self), (size_t)n);
    memset(p + left + n, fill, (size_t)right);
    return r;
}

/* ====================================================================== */
/* Padding                                                                 */
/* ====================================================================== */

/* center / ljust / rjust (width, fillchar=b' ', /) */
static py_obj *justify(py_obj *self, py_obj *const *args, py_ssize_t nargs, char align, const char *name)
{
    if (py_arg_check_positional(name, nargs, 1, 2) < 0) return NULL;
    py_ssize_t width = py_number_as_ssize_t(args[0], py_exc_OverflowError);
    if (width == -1 && py_err_occurred()) return NULL;
    char fill = ' ';
    if (nargs > 1 && fill_char(name, args[1], &fill) < 0) return NULL;
    py_ssize_t marg = width - len_of(self);
    if (marg <= 0) return return_self(self);
    if (align == '<') return pad(self, 0, marg, fill);
    if (align == '>') return pad(self, marg, 0, fill);
    py_ssize_t left = marg / 2 + (marg & width & 1);
    return pad(self, left, marg - left, fill);
}

py_obj *py__bytes_center(py_obj *s, py_obj *const *a, py_ssize_t n) { return justify(s, a, n, '^', "center"); }
py_obj *py__bytes_ljust(py_obj *s, py_obj *const *a, py_ssize_t n) { return justify(s, a, n, '<', "ljust"); }
py_obj *py__bytes_rjust(py_obj *s, py_obj *const *a, py_ssize_t n) { return justify(s, a, n, '>', "rjust"); }

/* zfill(width): zeros on the left, after a leading sign. */
py_obj *py__bytes_zfill(py_obj *self, py_obj *arg)
{
    py_ssize_t width = py_number_as_ssize_t(arg, py_exc_OverflowError);
    if (width == -1 && py_err_occurred()) return NULL;
    py_ssize_t n = len_of(self);
    if (n >= width) return return_self(self);
    py_ssize_t fill = width - n;
    py_obj *r = pad(self, fill, 0, '0');
    if (r == NULL) return NULL;
    char *p = wdata(r);
    if (p[fill] == '+' || p[fill] == '-') {
        p[0] = p[fill];
        p[fill] = '0';
    }
    return r;
}

static const char *const expandtabs_kwlist[] = {"tabsize", NULL};

/* expandtabs(tabsize=8): columns counted since the last \n or \r. */
py_obj *py__bytes_expandtabs(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[1] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "expandtabs", expandtabs_kwlist, 0, 0, 1, argv) < 0)
        return NULL;
    long tabsize = 8;
    if (argv[0] != NULL) {
        tabsize = py_long_as_long(argv[0]);
        if (tabsize == -1 && py_err_occurred()) return NULL;
    }
    const char *s = data_of(self);
    py_ssize_t n = len_of(self), total = 0, col = 0;
    for (int pass = 0; pass < 2; pass++) {
        py_obj *r = NULL;
        char *p = NULL;
        if (pass == 1) {
            r = new_like(self, NULL, total);
            if (r == NULL) return NULL;
            p = wdata(r);
        }
        col = 0;
        total = 0;
        for (py_ssize_t i = 0; i < n; i++) {
            char c = s[i];
            if (c == '\t') {
                if (tabsize > 0) {
                    py_ssize_t incr = tabsize - (col % tabsize);
                    if (p) memset(p + total, ' ', (size_t)incr);
                    col += incr;
                    total += incr;
                }
            } else {
                if (p) p[total] = c;
                total++;
                col = (c == '\n' || c == '\r') ? 0 : col + 1;
            }
            if (total < 0) {
                py_err_set_string(py_exc_OverflowError, "result too long");
                return NULL;
            }
        }
        if (pass == 1) return r;
    }
    return NULL;
}

/* istitle(): cased runs start upper-case (ASCII). */
py_obj *py__bytes_istitle(py_obj *self, PY_UNUSED py_obj *u)
{
    const char *s = data_of(self);
    py_ssize_t n = len_of(self);
    int cased = 0, previous_is_cased = 0;
    for (py_ssize_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            if (previous_is_cased) return py_new_ref(py_false);
            previous_is_cased = 1;
            cased = 1;
        } else if (c >= 'a' && c <= 'z') {
            if (!previous_is_cased) return py_new_ref(py_false);
            previous_is_cased = 1;
            cased = 1;
        } else {
            previous_is_cased = 0;
        }
    }
    return py_bool_from_long(cased);
}

/* ====================================================================== */
/* partition, removeprefix, splitlines                                     */
/* ====================================================================== */

/* partition / rpartition (sep, /) */
static py_obj *do_partition(py_obj *self, py_obj *sep_arg, int right)
{
    py_buffer sep;
    if (py_object_get_buffer(sep_arg, &sep, PY_BUF_SIMPLE) < 0) return NULL;
    py_obj *result = NULL, *sep_obj = NULL, *a = NULL, *b = NULL;
    const char *s = data_of(self), *t = sep.buf;
    py_ssize_t n = len_of(self), m = sep.len, pos = -1;
    if (m == 0) {
        py_err_set_string(py_exc_ValueError, "empty separator");
        goto done;
    }
    if (right) {
        for (py_ssize_t i = n - m; i >= 0; i--)
            if (memcmp(s + i, t, (size_t)m) == 0) {
                pos = i;
                break;
            }
    } else {
        for (py_ssize_t i = 0; i + m <= n; i++)
            if (memcmp(s + i, t, (size_t)m) == 0) {
                pos = i;
                break;
            }
    }
    /* bytes: the separator object as given; bytearray: a new bytearray */
    sep_obj = py_bytes_check(self) ? py_new_ref(sep_arg) : py_bytearray_from_string_and_size(t, m);
    if (sep_obj == NULL) goto done;
    if (pos < 0) {
        py_obj *whole = py_bytes_check(self) ? return_self(self) : new_like(self, s, n);
        py_obj *e1 = new_like(self, NULL, 0), *e2 = new_like(self, NULL, 0);
        if (whole && e1 && e2)
            result = right ? py_tuple_pack(3, e1, e2, whole) : py_tuple_pack(3, whole, e1, e2);
        rg_xdecref(whole);
        rg_xdecref(e1);
        rg_xdecref(e2);
        goto done;
    }
    a = new_like(self, s, pos);
    b = a ? new_like(self, s + pos + m, n - pos - m) : NULL;
    if (b != NULL) result = py_tuple_pack(3, a, sep_obj, b);
done:
    rg_xdecref(sep_obj);
    rg_xdecref(a);
    rg_xdecref(b);
    py_buffer_release(&sep);
    return result;
}

py_obj *py__bytes_partition(py_obj *s, py_obj *sep) { return do_partition(s, sep, 0); }
py_obj *py__bytes_rpartition(py_obj *s, py_obj *sep) { return do_partition(s, sep, 1); }

/* removeprefix / removesuffix (affix, /) */
static py_obj *remove_affix(py_obj *self, py_obj *arg, int suffix)
{
    py_buffer b;
    if (py_object_get_buffer(arg, &b, PY_BUF_SIMPLE) < 0) return NULL;
    const char *s = data_of(self);
    py_ssize_t n = len_of(self), m = b.len;
    py_obj *r;
    if (m <= n && memcmp(suffix ? s + n - m : s, b.buf, (size_t)m) == 0 && m > 0)
        r = new_like(self, suffix ? s : s + m, n - m);
    else
        r = return_self(self);
    py_buffer_release(&b);
    return r;
}

py_obj *py__bytes_removeprefix(py_obj *s, py_obj *a) { return remove_affix(s, a, 0); }
py_obj *py__bytes_removesuffix(py_obj *s, py_obj *a) { return remove_affix(s, a, 1); }

static const char *const splitlines_kwlist[] = {"keepends", NULL};

/* splitlines(keepends=False): at \n, \r and \r\n. */
py_obj *py__bytes_splitlines(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[1] = {NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "splitlines", splitlines_kwlist, 0, 0, 1, argv) < 0)
        return NULL;
    int keepends = 0;
    if (argv[0] != NULL) {
        keepends = (int)py_long_as_long(argv[0]);
        if (keepends == -1 && py_err_occurred()) return NULL;
    }
    const char *s = data_of(self);
    py_ssize_t n = len_of(self), i = 0, j;
    py_obj *list = py_list_new(0);
    if (list == NULL) return NULL;
    while (i < n) {
        py_ssize_t eol;
        for (j = i; j < n && s[j] != '\n' && s[j] != '\r'; j++) {
        }
        eol = j;
        if (j < n) {
            if (s[j] == '\r' && j + 1 < n && s[j + 1] == '\n') j += 2;
            else j++;
            if (keepends) eol = j;
        }
        py_obj *line;
        if (i == 0 && j == n && eol == n && py_bytes_check_exact(self)) line = py_new_ref(self);
        else line = new_like(self, s + i, eol - i);
        if (line == NULL || py_list_append(list, line) < 0) {
            rg_xdecref(line);
            rg_decref(list);
            return NULL;
        }
        rg_decref(line);
        i = j;
    }
    return list;
}

/* ====================================================================== */
/* translate, maketrans, __bytes__                                         */
/* ====================================================================== */

static const char *const translate_kwlist[] = {"", "delete", NULL};

/* translate(table, /, delete=b''): table None or 256 bytes. */
py_obj *py__bytes_translate(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames)
{
    py_obj *argv[2] = {NULL, NULL};
    if (py_arg_unpack_keywords(args, nargs, NULL, kwnames, "translate", translate_kwlist, 1, 1, 2, argv) < 0)
        return NULL;
    py_buffer table = {NULL, NULL, 0, 1}, del = {NULL, NULL, 0, 1};
    py_obj *r = NULL;
    if (argv[0] != py_none) {
        if (py_object_get_buffer(argv[0], &table, PY_BUF_SIMPLE) < 0) return NULL;
        if (table.len != 256) {
            py_err_set_string(py_exc_ValueError, "translation table must be 256 characters long");
            goto done;
        }
    }
    if (argv[1] != NULL && py_object_get_buffer(argv[1], &del, PY_BUF_SIMPLE) < 0) goto done;
    char deleted[256] = {0};
    for (py_ssize_t i = 0; i < del.len; i++) deleted[((unsigned char *)del.buf)[i]] = 1;
    const unsigned char *s = (const unsigned char *)data_of(self), *tab = table.buf;
    py_ssize_t n = len_of(self), k = 0;
    char *out = malloc((size_t)n + 1);
    if (out == NULL) {
        py_err_no_memory();
        goto done;
    }
    int changed = 0;
    for (py_ssize_t i = 0; i < n; i++) {
        if (deleted[s[i]]) {
            changed = 1;
            continue;
        }
        unsigned char c = tab ? tab[s[i]] : s[i];
        changed |= c != s[i];
        out[k++] = (char)c;
    }
    r = !changed && py_bytes_check_exact(self) ? py_new_ref(self) : new_like(self, out, k);
    free(out);
done:
    if (table.obj) py_buffer_release(&table);
    if (del.obj) py_buffer_release(&del);
    return r;
}

/* bytes.maketrans(frm, to, /) (static): the identity table with frm[i]
 * mapped to to[i]. */
py_obj *py__bytes_maketrans(PY_UNUSED py_obj *null, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("maketrans", nargs, 2, 2) < 0) return NULL;
    py_buffer frm, to;
    if (py_object_get_buffer(args[0], &frm, PY_BUF_SIMPLE) < 0) return NULL;
    if (py_object_get_buffer(args[1], &to, PY_BUF_SIMPLE) < 0) {
        py_buffer_release(&frm);
        return NULL;
    }
    py_obj *r = NULL;
    if (frm.len != to.len) {
        py_err_set_string(py_exc_ValueError, "maketrans arguments must have same length");
    } else if ((r = py_bytes_from_string_and_size(NULL, 256)) != NULL) {
        unsigned char *p = (unsigned char *)py_bytes_as_string(r);
        for (int i = 0; i < 256; i++) p[i] = (unsigned char)i;
        for (py_ssize_t i = 0; i < frm.len; i++) p[((unsigned char *)frm.buf)[i]] = ((unsigned char *)to.buf)[i];
    }
    py_buffer_release(&frm);
    py_buffer_release(&to);
    return r;
}

/* bytes.__bytes__(): self for an exact bytes, else a plain copy. */
py_obj *py__bytes_bytes(py_obj *self, PY_UNUSED py_obj *u)
{
    if (py_bytes_check_exact(self)) return py_new_ref(self);
    return py_bytes_from_string_and_size(py_bytes_as_string(self), py_bytes_size(self));
}
