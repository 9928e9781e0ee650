/*
 * strimpl.h -- private to the str files (strmethods.c, strformat.c,
 * unicodetab.c, complex.c): code point access shorthands, the character
 * classes and case mappings (Unicode 14.0 through unicodetab.c, ASCII
 * inline), and the few functions one file lends another.  Not part of
 * object.h.
 */
#ifndef PY_STRIMPL_H
#define PY_STRIMPL_H

#include "object.h"

#define CH(s, i) py_unicode_read_char((s), (i))
#define LEN(s) py_unicode_get_length(s)

/* ====================================================================== */
/* Character classes and case mappings (unicodetab.c)                      */
/* ====================================================================== */

/* The properties of py__uni_has and the mappings of py__uni_map. */
enum {
    PY_UNI_ALPHA, PY_UNI_LOWER, PY_UNI_UPPER, PY_UNI_TITLE, PY_UNI_CASED, PY_UNI_CASE_IGNORABLE,
    PY_UNI_DECIMAL, PY_UNI_DIGIT, PY_UNI_NUMERIC, PY_UNI_PRINTABLE, PY_UNI_XID_START, PY_UNI_XID_CONTINUE
};
enum { PY_UNI_TO_LOWER, PY_UNI_TO_UPPER, PY_UNI_TO_TITLE, PY_UNI_TO_FOLD };
/* Whether c has the property (Unicode 14.0, as python3.11). */
int py__uni_has(int prop, py_ucs4 c);
/* The full lower / upper / title / casefold mapping of c into out: 1 to
 * 3 code points (returned). */
int py__uni_map(int which, py_ucs4 c, py_ucs4 out[3]);

static inline int ch_isspace(py_ucs4 c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f ||
           c == 0x205f || c == 0x3000;
}
static inline int ch_islower(py_ucs4 c)
{
    return c < 128 ? c >= 'a' && c <= 'z' : py__uni_has(PY_UNI_LOWER, c);
}
static inline int ch_isupper(py_ucs4 c)
{
    return c < 128 ? c >= 'A' && c <= 'Z' : py__uni_has(PY_UNI_UPPER, c);
}
static inline int ch_istitle(py_ucs4 c) { return c >= 128 && py__uni_has(PY_UNI_TITLE, c); }
static inline int ch_iscased(py_ucs4 c)
{
    return c < 128 ? (c | 32) >= 'a' && (c | 32) <= 'z' : py__uni_has(PY_UNI_CASED, c);
}
static inline int ch_isalpha(py_ucs4 c)
{
    return c < 128 ? (c | 32) >= 'a' && (c | 32) <= 'z' : py__uni_has(PY_UNI_ALPHA, c);
}
/* The value of a decimal digit (Unicode 14.0's Nd: 66 runs of ten, from
 * python3.11's unicodedata), or -1. */
static inline int ch_todecimal(py_ucs4 c)
{
    static const uint32_t zeros[] = {
        0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
        0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
        0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0,
        0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
        0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce,
        0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
    };
    if (c < 0x30) return -1;
    for (size_t i = 0; i < sizeof zeros / sizeof zeros[0] && zeros[i] <= c; i++)
        if (c - zeros[i] < 10) return (int)(c - zeros[i]);
    return -1;
}
static inline int ch_isdecimal(py_ucs4 c) { return c <= 0x7f ? c >= '0' && c <= '9' : ch_todecimal(c) >= 0; }
static inline int ch_isdigit(py_ucs4 c) { return c < 128 ? c >= '0' && c <= '9' : py__uni_has(PY_UNI_DIGIT, c); }
static inline int ch_isnumeric(py_ucs4 c)
{
    return c < 128 ? c >= '0' && c <= '9' : py__uni_has(PY_UNI_NUMERIC, c);
}
static inline int ch_isalnum(py_ucs4 c) { return ch_isalpha(c) || ch_isdecimal(c) || ch_isdigit(c) || ch_isnumeric(c); }

/* Write the full mapping `which` (PY_UNI_TO_*) of c: 1 to 3 code points. */
static inline int write_mapped(py_unicode_writer *w, int which, py_ucs4 c)
{
    if (c < 128) {
        if (which == PY_UNI_TO_UPPER || which == PY_UNI_TO_TITLE) {
            if (c >= 'a' && c <= 'z') c -= 32;
        } else if (c >= 'A' && c <= 'Z') {
            c += 32;
        }
        return py_unicode_writer_write_char(w, c);
    }
    py_ucs4 out[3];
    int n = py__uni_map(which, c, out);
    for (int i = 0; i < n; i++)
        if (py_unicode_writer_write_char(w, out[i]) < 0) return -1;
    return 0;
}
static inline int write_lower(py_unicode_writer *w, py_ucs4 c) { return write_mapped(w, PY_UNI_TO_LOWER, c); }
static inline int write_upper(py_unicode_writer *w, py_ucs4 c) { return write_mapped(w, PY_UNI_TO_UPPER, c); }

/* ====================================================================== */
/* Lent between the str files                                              */
/* ====================================================================== */

/* Pad s (consumed; NULL passes through) to width with fill by align ('<', '>', '^'). */
py_obj *py__str_pad(py_obj *s, py_ssize_t width, py_ucs4 fill, char align);
/* str.__format__(spec) (strformat.c). */
py_obj *py__str_format_meth(py_obj *self, py_obj *spec);
/* str.format(*args, **kwargs) (strformat.c). */
py_obj *py__str_format(py_obj *self, py_obj *const *args, py_ssize_t nargs, py_obj *kwnames);
/* _PyUnicode_FormatLong: the int iv for %d/%i/%u/%o/%x/%X as ASCII
 * "[-][0x|0o|0X]digits" (the prefix under alt, digits zero-filled to prec),
 * malloc'd, NUL-terminated, *len chars; NULL with MemoryError. */
char *py__long_format_text(py_obj *iv, char type, int alt, py_ssize_t prec, size_t *len);
/* str.format_map(mapping) (strformat.c). */
py_obj *py__str_format_map(py_obj *self, py_obj *mapping);
/* n (>= 0) copies of c into w, the room reserved at once: a huge width
 * fails at once with MemoryError (str.c). */
int py__writer_write_fill(py_unicode_writer *w, py_ucs4 c, py_ssize_t n);

#endif /* PY_STRIMPL_H */
