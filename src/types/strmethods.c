/*
 * strmethods.c -- str's methods (CPython 3.11's unicodeobject.c methods);
 * the formatting protocols (format(), %, str.format) are strformat.c's.
 *
 * Owns: str[i] and str[a:b:c]; the common methods (split, rsplit, strip
 * family, startswith/endswith, find/rfind/index/rindex, count, replace, the
 * case functions, the is* predicates, partition, zfill, center/ljust/rjust,
 * splitlines, isidentifier, encode, translate, maketrans ...) and the
 * method table.
 *
 * Character classes and case mappings are Unicode 14.0's, as python3.11's
 * (unicodetab.c: full mappings such as ß -> "SS", ǆ -> ǅ in titles, and
 * the Final_Sigma rule of lower()); int()/float()/complex() of a str get
 * their ASCII text from py_unicode_transform_decimal_and_space here.
 *
 * Must not: produce a non-canonical str (everything goes through the
 * writer or py_unicode_from_kind_and_data; replace() then unshares a
 * one-character result, as CPython's fresh PyUnicode_New).
 */
#include <string.h>

#include "object.h"
#include "strimpl.h"

/* ====================================================================== */
/* Helpers                                                                 */
/* ====================================================================== */


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

/* stringlib_parse_args_finds' count check: PyArg_ParseTuple("O|OO:name")'s
 * messages.  0 or -1. */
static int check_finds_args(const char *name, py_ssize_t nargs)
{
    if (nargs >= 1 && nargs <= 3) return 0;
    py_err_format(py_exc_TypeError, "%s() takes at %s (%zd given)", name,
                  nargs < 1 ? "least 1 argument" : "most 3 arguments", nargs);
    return -1;
}

/* Optional start/end slice arguments (None allowed). */
static int parse_start_end(py_obj *const *args, py_ssize_t nargs, py_ssize_t first, py_ssize_t *start, py_ssize_t *end)
{
    *start = 0;
    *end = PY_SSIZE_T_MAX;
    if (nargs > first && !py_eval_slice_index(args[first], start)) return -1;
    if (nargs > first + 1 && !py_eval_slice_index(args[first + 1], end)) return -1;
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
/* Methods                                                                 */
/* ====================================================================== */


/* lower_ucs4: the full lower case of s[i], with the Final_Sigma rule for
 * U+03A3 (a cased letter before it, after skipping case-ignorables, and
 * none after it: final sigma U+03C2). */
static int write_lower_at(py_unicode_writer *w, py_obj *s, py_ssize_t i)
{
    py_ucs4 c = CH(s, i);
    if (c != 0x3a3) return write_lower(w, c);
    py_ssize_t n = LEN(s), j;
    py_ucs4 d = 0;
    for (j = i - 1; j >= 0; j--) {
        d = CH(s, j);
        if (!py__uni_has(PY_UNI_CASE_IGNORABLE, d)) break;
    }
    int final_sigma = j >= 0 && ch_iscased(d);
    if (final_sigma && i + 1 < n) {
        for (j = i + 1; j < n; j++) {
            d = CH(s, j);
            if (!py__uni_has(PY_UNI_CASE_IGNORABLE, d)) break;
        }
        final_sigma = j == n || !ch_iscased(d);
    }
    return py_unicode_writer_write_char(w, final_sigma ? 0x3c2 : 0x3c3);
}

enum { CASE_LOWER, CASE_UPPER, CASE_SWAP, CASE_CAPITALIZE, CASE_TITLE, CASE_FOLD };

/* The case conversions of CPython's do_lower / do_upper / do_swapcase /
 * do_capitalize / do_title / do_casefold (full mappings). */
static py_obj *convert_case(py_obj *self, int how)
{
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    int prev_cased = 0;
    for (py_ssize_t i = 0; i < LEN(self); i++) {
        py_ucs4 c = CH(self, i);
        int e;
        switch (how) {
        case CASE_LOWER: e = write_lower_at(&w, self, i); break;
        case CASE_UPPER: e = write_upper(&w, c); break;
        case CASE_SWAP:
            e = ch_isupper(c) ? write_lower_at(&w, self, i)
                : ch_islower(c) ? write_upper(&w, c) : py_unicode_writer_write_char(&w, c);
            break;
        case CASE_CAPITALIZE: e = i == 0 ? write_mapped(&w, PY_UNI_TO_TITLE, c) : write_lower_at(&w, self, i); break;
        case CASE_TITLE:
            e = prev_cased ? write_lower_at(&w, self, i) : write_mapped(&w, PY_UNI_TO_TITLE, c);
            prev_cased = ch_iscased(c);
            break;
        default: e = write_mapped(&w, PY_UNI_TO_FOLD, c); break;
        }
        if (e < 0) {
            py_unicode_writer_dealloc(&w);
            return NULL;
        }
    }
    return py_unicode_writer_finish(&w);
}

static py_obj *str_lower(py_obj *self, PY_UNUSED py_obj *u) { return convert_case(self, CASE_LOWER); }
static py_obj *str_upper(py_obj *self, PY_UNUSED py_obj *u) { return convert_case(self, CASE_UPPER); }
static py_obj *str_swapcase(py_obj *self, PY_UNUSED py_obj *u) { return convert_case(self, CASE_SWAP); }
static py_obj *str_capitalize(py_obj *self, PY_UNUSED py_obj *u) { return convert_case(self, CASE_CAPITALIZE); }
static py_obj *str_title(py_obj *self, PY_UNUSED py_obj *u) { return convert_case(self, CASE_TITLE); }
static py_obj *str_casefold(py_obj *self, PY_UNUSED py_obj *u) { return convert_case(self, CASE_FOLD); }

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
        if ((upper ? ch_islower(c) : ch_isupper(c)) || ch_istitle(c)) return py_new_ref(py_false);
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

int py_unicode_is_identifier(py_obj *self)
{
    py_ssize_t n = LEN(self);
    /* XID_Start (or '_') then XID_Continue */
    if (n == 0 || !py__uni_has(PY_UNI_XID_START, CH(self, 0))) return 0;
    for (py_ssize_t i = 1; i < n; i++)
        if (!py__uni_has(PY_UNI_XID_CONTINUE, CH(self, i))) return 0;
    return 1;
}

static py_obj *str_isidentifier(py_obj *self, PY_UNUSED py_obj *u)
{
    return py_bool_from_long(py_unicode_is_identifier(self));
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
    if (maxsplit < 0) maxsplit = PY_SSIZE_T_MAX;
    /* stringlib's PREALLOC_SIZE: room for maxsplit + 1 parts, at most 12 */
    py_obj *list = py_list_new(maxsplit >= 12 ? 12 : maxsplit + 1);
    if (list == NULL) return NULL;
    ((rg_varobject *)list)->size = 0;
    py_ssize_t n = LEN(self);
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
    if (check_finds_args(name, nargs) < 0) return NULL;
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
    if (check_finds_args(name, nargs) < 0) return NULL;
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
    if (check_finds_args("count", nargs) < 0) return NULL;
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
    py_obj *r = py_unicode_writer_finish(&w);
    if (r != NULL && LEN(r) == 1 && CH(r, 0) < 256) {
        /* CPython's replace fills a PyUnicode_New: a new object, not the
         * shared one-character str */
        py_ucs4 c = CH(r, 0);
        PY_SETREF(r, py_unicode_new(1, c));
        if (r != NULL) py_unicode_write(py_unicode_kind(r), py_unicode_data(r), 0, c);
    }
    return r;
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
        if (!e) e = py__writer_write_fill(&w, fill, left) < 0;
        if (!e) e = py_unicode_writer_write_str(&w, self) < 0;
        if (!e) e = py__writer_write_fill(&w, fill, marg - left) < 0;
        if (e) {
            py_unicode_writer_dealloc(&w);
            return NULL;
        }
        return py_unicode_writer_finish(&w);
    }
    return py__str_pad(py_object_str(self), width, fill, align);
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
        if (ch_isupper(c) || ch_istitle(c)) {
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

/* isprintable: no control, separator other than space, format, surrogate
 * or unassigned character. */
static py_obj *str_isprintable(py_obj *self, py_obj *u)
{
    (void)u;
    for (py_ssize_t i = 0; i < LEN(self); i++) {
        py_ucs4 c = CH(self, i);
        if (c < 128 ? c < 0x20 || c == 0x7f : !py__uni_has(PY_UNI_PRINTABLE, c)) return py_new_ref(py_false);
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

/* ====================================================================== */
/* Numbers from str                                                        */
/* ====================================================================== */

char *py_unicode_transform_decimal_and_space(py_obj *s, py_ssize_t *len)
{
    py_ssize_t n = LEN(s), k = 0;
    char *buf = malloc((size_t)n + 1);
    if (buf == NULL) {
        py_err_no_memory();
        return NULL;
    }
    for (py_ssize_t i = 0; i < n; i++) {
        py_ucs4 c = CH(s, i);
        if (c < 127) {
            buf[k++] = (char)c;
        } else if (ch_isspace(c)) {
            buf[k++] = ' ';
        } else if (ch_todecimal(c) >= 0) {
            buf[k++] = (char)('0' + ch_todecimal(c));
        } else {
            buf[k++] = '?'; /* not a number: the parser fails here */
            break;
        }
    }
    buf[k] = 0;
    *len = k;
    return buf;
}

/* ====================================================================== */
/* translate, maketrans                                                    */
/* ====================================================================== */

/* str.translate(table): each char c becomes table[ord(c)] -- a str, a
 * code point (int) or None (deleted); a LookupError keeps c
 * (_PyUnicode_TranslateCharmap with "ignore"). */
static py_obj *str_translate(py_obj *self, py_obj *table)
{
    py_unicode_writer w;
    py_unicode_writer_init(&w);
    py_ssize_t n = LEN(self);
    for (py_ssize_t i = 0; i < n; i++) {
        py_ucs4 c = CH(self, i);
        py_obj *key = py_long_from_long((long)c);
        py_obj *v = key ? py_object_get_item(table, key) : NULL;
        rg_xdecref(key);
        int e = 0;
        if (v == NULL) {
            if (key == NULL || !py_err_exception_matches(py_exc_LookupError)) goto error;
            py_err_clear();
            e = py_unicode_writer_write_char(&w, c);
        } else if (v == py_none) {
        } else if (py_long_check(v)) {
            long x = py_long_as_long(v);
            if (x == -1 && py_err_occurred()) e = -1;
            else if (x < 0 || x > 0x10ffff) {
                py_err_set_string(py_exc_ValueError, "character mapping must be in range(0x110000)");
                e = -1;
            } else {
                e = py_unicode_writer_write_char(&w, (py_ucs4)x);
            }
        } else if (py_unicode_check(v)) {
            e = py_unicode_writer_write_str(&w, v);
        } else {
            py_err_set_string(py_exc_TypeError, "character mapping must return integer, None or str");
            e = -1;
        }
        rg_xdecref(v);
        if (e < 0) goto error;
    }
    return py_unicode_writer_finish(&w);
error:
    py_unicode_writer_dealloc(&w);
    return NULL;
}

/* d[ord-or-key] = value; 0/-1. */
static int set_code_point(py_obj *d, py_ucs4 c, py_obj *value)
{
    py_obj *key = py_long_from_long((long)c);
    int r = key ? py_dict_set_item(d, key, value) : -1;
    rg_xdecref(key);
    return r;
}

/* str.maketrans(x, y=, z=, /) (a static method): from a dict whose keys
 * are 1-char strs or ints, or from two equal-length strs (and the chars
 * of z mapped to None). */
static py_obj *str_maketrans(PY_UNUSED py_obj *null, py_obj *const *args, py_ssize_t nargs)
{
    if (py_arg_check_positional("maketrans", nargs, 1, 3) < 0) return NULL;
    py_obj *x = args[0], *y = nargs > 1 ? args[1] : NULL, *z = nargs > 2 ? args[2] : NULL;
    if (y != NULL && !py_unicode_check(y)) {
        py_arg_bad_argument("maketrans", "argument 2", "str", y);
        return NULL;
    }
    if (z != NULL && !py_unicode_check(z)) {
        py_arg_bad_argument("maketrans", "argument 3", "str", z);
        return NULL;
    }
    py_obj *d = py_dict_new();
    if (d == NULL) return NULL;
    if (y != NULL) {
        if (!py_unicode_check(x)) {
            py_err_set_string(py_exc_TypeError, "first maketrans argument must be a string if there is a second argument");
            goto error;
        }
        if (LEN(x) != LEN(y)) {
            py_err_set_string(py_exc_ValueError, "the first two maketrans arguments must have equal length");
            goto error;
        }
        for (py_ssize_t i = 0; i < LEN(x); i++) {
            py_obj *v = py_long_from_long((long)CH(y, i));
            int r = v ? set_code_point(d, CH(x, i), v) : -1;
            rg_xdecref(v);
            if (r < 0) goto error;
        }
        for (py_ssize_t i = 0; z != NULL && i < LEN(z); i++)
            if (set_code_point(d, CH(z, i), py_none) < 0) goto error;
        return d;
    }
    if (!py_dict_check_exact(x)) {
        py_err_set_string(py_exc_TypeError, "if you give only one argument to maketrans it must be a dict");
        goto error;
    }
    py_ssize_t pos = 0;
    py_obj *key, *value;
    while (py_dict_next(x, &pos, &key, &value)) {
        int r;
        if (py_unicode_check(key)) {
            if (LEN(key) != 1) {
                py_err_set_string(py_exc_ValueError, "string keys in translate table must be of length 1");
                goto error;
            }
            r = set_code_point(d, CH(key, 0), value);
        } else if (py_long_check(key)) {
            r = py_dict_set_item(d, key, value);
        } else {
            py_err_set_string(py_exc_TypeError, "keys in translate table must be strings or integers");
            goto error;
        }
        if (r < 0) goto error;
    }
    return d;
error:
    rg_decref(d);
    return NULL;
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
    {"__format__", {.o = py__str_format_meth}, PY_METH_O, "Return a formatted version of the string as described by format_spec."},
    {"__sizeof__", {.o = str_sizeof_meth}, PY_METH_NOARGS, "Return the size of the string in memory, in bytes."},
    {"__getnewargs__", {.o = str_getnewargs}, PY_METH_NOARGS, NULL},
    {"format", {.fast_kw = py__str_format}, PY_METH_FASTCALL | PY_METH_KEYWORDS, "Return a formatted version of S."},
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
    {"translate", {.o = str_translate}, PY_METH_O, "Replace each character in the string using the given translation table."},
    {"maketrans", {.fast = str_maketrans}, PY_METH_FASTCALL | PY_METH_STATIC, "Return a translation table usable for str.translate()."},
    {"format_map", {.o = py__str_format_map}, PY_METH_O, "Return a formatted version of S, using substitutions from mapping."},
    {NULL, {NULL}, 0, NULL},
};
